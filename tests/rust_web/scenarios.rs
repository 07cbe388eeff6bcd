//! The Rust client's browser door (`--features client,web`) against the emulator, the same
//! scenarios in a page (tests/rust_web.rs) and a dedicated worker (tests/rust_web_worker.rs):
//! the `WebTransport`, `login` / `logout` / `session`, the session kept by `js/session.js` in
//! the client's store, and the JavaScript client reading what the Rust one stored.

use super::common::{self, closed_url, emulator_url, ALICE, API_ID, PASSWORD};
use futures_util::future::join;
use futures_util::StreamExt;
use serde_json::json;
use ucaas_client::api::meetings::MeetingInput;
use ucaas_client::api::Input;
use ucaas_client::client::{Auth, Client, MemoryStore, SessionStorageStore, WebTransport};
use ucaas_client::ErrorKind;

/// A `#[wasm_bindgen_test]` of each scenario named, in the file that invokes it (a page's or a
/// worker's suite).
macro_rules! scenario_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            async fn $name() {
                scenarios::$name().await;
            }
        )*
    };
}

/// The storage key both clients use for the emulator's API id.
pub const KEY: &str = "ucaas.session:demo-app";

pub fn client(base: &str) -> Client<WebTransport> {
    Client::new(WebTransport::new(), base, Auth::token(API_ID)).unwrap()
}

fn in_days(days: i64) -> String {
    ucaas_codes::time::format(js_sys::Date::now() as i64 / 1000 + days * 86_400)
}

/// A meeting of `name` two days from now.
fn meeting_in_two_days(name: &str) -> MeetingInput {
    MeetingInput {
        room_name: name.into(),
        start_time: in_days(2).into(),
        duration: 30.into(),
        moderators: 1.into(),
        participants: 2.into(),
        ..Default::default()
    }
}

/// Nothing stored under the shared key (each test starts so: they share the page's storage).
pub fn clear_stored() {
    for name in ["sessionStorage", "localStorage"] {
        if let Some(web) = common::web_storage(name) {
            web.remove_item(KEY).unwrap();
        }
    }
}

/// Signs in, and a new client on the same store finds the session; then every call of a
/// signed-in day: join (no token), schedule, the page stream, cancel; logout removes the
/// envelope. `stored` says whether the global scope has a `sessionStorage` (a page) or not (a
/// worker: the store is memory, and a new client starts signed out).
pub async fn a_signed_in_day(stored: bool) {
    clear_stored();
    let c = client(emulator_url());
    assert!(c.session().is_none());
    let e = c.list_meetings(None).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthenticated, "no session, nothing sent: {e:?}");
    let session = c.login(&format!(" {ALICE}"), PASSWORD).await.unwrap();
    assert_eq!(session.user.as_ref().and_then(|u| u.email.as_deref()), Some(ALICE));
    assert_eq!(c.session(), Some(session.clone()));
    assert_eq!(c.storage_mode().as_deref(), Some(if stored { "session" } else { "memory" }));

    let restored = client(emulator_url());
    if stored {
        assert_eq!(restored.session(), Some(session.clone()), "a new client restores the stored session");
        let web = common::session_storage();
        let envelope = common::parse(&web.get_item(KEY).unwrap().expect("stored under the JS client's key"));
        assert_eq!(common::num(&envelope, "v"), Some(1.0));
        assert!(common::text(&envelope, "token").is_some_and(|t| !t.is_empty()));
    } else {
        assert!(restored.session().is_none(), "memory is per client");
    }
    let caller = if stored { &restored } else { &c };

    let joined = caller
        .join_session(Input::read(&json!({"pin": "222222", "name": "Ann", "user_ref": "ann-1"})).unwrap())
        .await
        .unwrap();
    assert_eq!(joined.user.role.as_deref(), Some("participant"));
    assert!(!joined.token.is_empty());

    let name = format!("Rust web {}", js_sys::Date::now());
    let meeting = caller.schedule_meeting(meeting_in_two_days(&name)).await.unwrap().meeting;
    assert_eq!(meeting.room_name.as_deref(), Some(name.as_str()));
    let listed: Vec<_> = caller.meetings(Some(&json!({"page_length": 2}))).collect().await;
    assert!(listed.len() > 2, "more than one page: {}", listed.len());
    let ids: Vec<_> = listed.into_iter().map(|m| m.unwrap().meeting_id).collect();
    assert!(ids.contains(&meeting.meeting_id), "{ids:?}");
    let cancelled = caller.cancel_meeting(&meeting.meeting_id).await.unwrap();
    assert!(cancelled.event.is_some() || cancelled.msg.is_some(), "{cancelled:?}");

    caller.logout();
    assert!(caller.session().is_none());
    if stored {
        assert!(common::session_storage().get_item(KEY).unwrap().is_none(), "logout removes the envelope");
    }
    let e = caller.list_meetings(None).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthenticated, "{e:?}");
}

/// A refused login is an `unauthenticated` error and stores nothing; a bad email is a
/// validation error and sends nothing; a Basic client has no session to sign in to.
pub async fn a_failed_login_leaves_no_session() {
    clear_stored();
    let c = client(emulator_url());
    let e = c.login(ALICE, "wrong").await.unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Unauthenticated, Some(401)), "{e:?}");
    assert!(!e.message.contains("wrong"), "{}", e.message);
    assert!(c.session().is_none());
    for name in ["sessionStorage", "localStorage"] {
        if let Some(web) = common::web_storage(name) {
            assert!(web.get_item(KEY).unwrap().is_none(), "{name}");
        }
    }
    let e = c.login("not an email", PASSWORD).await.unwrap_err();
    assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some("email")), "{e:?}");
}

/// A network error (nothing listens) is `network`, after the read's retries, and the session
/// stays; so does a timeout (`timeout`: a `GET` is not tried again after one).
pub async fn a_network_error_is_typed_and_keeps_the_session() {
    clear_stored();
    let c = client(emulator_url());
    c.login(ALICE, PASSWORD).await.unwrap();
    let stored_before = common::web_storage("sessionStorage").and_then(|w| w.get_item(KEY).unwrap());
    // The same store, a base URL nothing answers.
    // The same store (in a worker there is none: the client starts signed out), a base URL
    // nothing answers.
    let offline = client(closed_url());
    if stored_before.is_some() {
        assert!(offline.session().is_some(), "restored from the store");
        let e = offline.list_meetings(None).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Network, "{e:?}");
        assert!(offline.session().is_some(), "a network error keeps the session");
        assert_eq!(common::web_storage("sessionStorage").and_then(|w| w.get_item(KEY).unwrap()), stored_before);
    }
    let e = offline.login(ALICE, PASSWORD).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network, "{e:?}");
    assert!(e.message.starts_with("The request failed: "), "{}", e.message);
    assert!(c.session().is_some(), "a failed login elsewhere leaves this session");

    // No answer within the client's timeout: `timeout`, the request aborted, the session kept.
    c.logout();
    let slow = client(emulator_url()).with_timeout(std::time::Duration::from_millis(200)).unwrap();
    slow.login(ALICE, PASSWORD).await.unwrap();
    common::Emulator::main().fault(r#"{"route":"/meetings/*","method":"GET","latency_ms":1500,"count":1}"#).await;
    let e = slow.get_meeting("mtg-alice-upcoming").await.unwrap_err();
    assert_eq!((e.kind, e.message.as_str()), (ErrorKind::Timeout, "No answer within 200 ms"), "{e:?}");
    assert!(slow.session().is_some(), "a timeout keeps the session");
    slow.logout();
}

/// Logout while a login is in flight: the login fails `aborted` and stores nothing; of two
/// logins the later-started one wins though the older answers last.
pub async fn logout_and_newer_logins_win_over_a_login_in_flight() {
    clear_stored();
    let emu = common::Emulator::main();
    let c = client(emulator_url());
    emu.fault(r#"{"route":"/login","method":"POST","latency_ms":300,"count":1}"#).await;
    let (login, ()) = join(c.login(ALICE, PASSWORD), async {
        common::sleep(50.0).await;
        c.logout();
    })
    .await;
    assert_eq!(login.unwrap_err().kind, ErrorKind::Aborted);
    assert!(c.session().is_none(), "the logout sticks");
    if let Some(web) = common::web_storage("sessionStorage") {
        assert!(web.get_item(KEY).unwrap().is_none(), "nothing stored");
    }

    emu.fault(r#"{"route":"/login","method":"POST","latency_ms":300,"count":1}"#).await;
    let bob = "bob@example.test";
    let (older, newer) = join(c.login(ALICE, PASSWORD), async {
        common::sleep(50.0).await;
        c.login(bob, PASSWORD).await
    })
    .await;
    assert_eq!(older.unwrap_err().kind, ErrorKind::Aborted);
    assert_eq!(newer.unwrap().user.and_then(|u| u.email).as_deref(), Some(bob));
    assert_eq!(c.session().and_then(|s| s.user).and_then(|u| u.email).as_deref(), Some(bob));
    c.logout();
}

/// A memory store keeps nothing in web storage.
pub async fn a_memory_store_writes_no_storage() {
    clear_stored();
    let c = client(emulator_url()).with_session_store(MemoryStore);
    c.login(ALICE, PASSWORD).await.unwrap();
    assert_eq!(c.storage_mode().as_deref(), Some("memory"));
    for name in ["sessionStorage", "localStorage"] {
        if let Some(web) = common::web_storage(name) {
            assert!(web.get_item(KEY).unwrap().is_none(), "{name}");
        }
    }
    assert!(client(emulator_url()).with_session_store(SessionStorageStore).session().is_none());
    c.logout();
}

/// A lobby image given as bytes goes up as a `Blob` part of a `FormData`, and comes back as a
/// URL serving the same bytes and type (the lobby is a full-build area on wasm32).
#[cfg(feature = "full")]
pub async fn a_lobby_image_goes_up_from_its_bytes() {
    use ucaas_client::client::{FileBody, Files};
    clear_stored();
    let c = client(emulator_url());
    c.login(ALICE, PASSWORD).await.unwrap();
    let id = c.schedule_meeting(meeting_in_two_days(&common::unique("Rust lobby "))).await.unwrap().meeting.meeting_id;
    let png = [137u8, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1];
    let files = Files::new().with("image[0][img_file]", FileBody::new("office.png", "image/png", png));
    let lobby = Input::read(&json!({"options": {"image": true}, "image": [{"img_file": {}, "caption": "Our office"}]}));
    let added = c.add_lobby_with_files(&id, &lobby.unwrap(), &files).await.unwrap();
    let image = serde_json::to_value(&added.lobby).unwrap()["image"][0].clone();
    assert_eq!(image["caption"], "Our office", "{image}");
    let (bytes, content_type) = common::fetch_back(image["url"].as_str().expect("the image's URL")).await;
    assert_eq!(bytes, png.map(f64::from));
    assert!(content_type.starts_with("image/png"), "{content_type}");
    c.cancel_meeting(&id).await.unwrap();
    c.logout();
}
