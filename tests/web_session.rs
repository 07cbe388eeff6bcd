//! Session integrity in a page of headless Chromium, against the emulator (`tests/browser.sh`):
//! one example per scenario of a race, a shared storage key, a hostile id, a gateway answer or a
//! storage fault. The rules themselves are `js/session.js`'s, tested on generated interleavings
//! by `tests/node/session-model.test.mjs`; these show the built package behaves so in a browser.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BOB: &str = "bob@example.test";

/// Holds the emulator's next `POST /login` answer for `ms`.
async fn slow_next_login(emu: &Emulator, ms: u32) {
    emu.fault(&format!(r#"{{"route":"/login","method":"POST","latency_ms":{ms},"count":1}}"#)).await;
}

fn stored_email(web: &web_sys::Storage, key: &str) -> Option<String> {
    web.get_item(&stored_key(key)).unwrap().and_then(|t| text(&parse(&t), "user.email"))
}

#[wasm_bindgen_test]
async fn logout_while_a_login_is_in_flight_stays_signed_out() {
    let emu = Emulator::main();
    let (c, key) = client("local");
    let events = Events::record(&c);
    slow_next_login(&emu, 400).await;
    let pending = c.login(s(ALICE), s(PASSWORD), None);
    sleep(50.0).await;
    c.logout();
    let f = fails(pending).await;
    assert_eq!(f.kind, "aborted", "{f}");
    // The server answers the stopped login 400 ms after it came; an answer held back as long,
    // asked for after it, arrives later still.
    emu.round_trip_after(400).await;
    assert!(c.session().is_undefined());
    assert!(local().get_item(&stored_key(&key)).unwrap().is_none(), "nothing stored");
    assert_eq!(events.list(), ["initial"], "no signed_in after the logout");
}

#[wasm_bindgen_test]
async fn the_latest_started_login_wins_when_an_older_one_answers_last() {
    let emu = Emulator::main();
    let (c, key) = client("session");
    slow_next_login(&emu, 400).await;
    let older = c.login(s(ALICE), s(PASSWORD), None);
    sleep(50.0).await;
    let newer = ok(c.login(s(BOB), s(PASSWORD), None)).await;
    assert_eq!(text(&newer, "user.email").as_deref(), Some(BOB));
    assert_eq!(fails(older).await.kind, "aborted");
    emu.round_trip_after(400).await; // past the older login's late answer
    assert_eq!(text(&c.session(), "user.email").as_deref(), Some(BOB));
    assert_eq!(stored_email(&session_storage(), &key).as_deref(), Some(BOB));
    c.logout();
}

#[wasm_bindgen_test]
async fn a_client_ends_only_the_stored_envelope_whose_token_it_holds() {
    let emu = Emulator::main();
    let key = unique("t");
    // Two clients on one key in one document (a widget beside the app): no storage event links them.
    let widget = client_with(options(emu.base, "local", &key));
    let app = client_with(options(emu.base, "local", &key));
    login(&widget, ALICE).await;
    login(&app, BOB).await;
    emu.fault(r#"{"route":"/meetings/*","method":"GET","html":true,"html_status":401,"count":1}"#).await;
    let f = fails(widget.get_meeting(s("mtg-alice-upcoming"), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("unauthenticated", Some(401)), "{f}");
    assert!(widget.session().is_undefined(), "the widget's own session ended");
    assert_eq!(stored_email(&local(), &key).as_deref(), Some(BOB), "the app's envelope stays");
    let reloaded = client_with(options(emu.base, "local", &key));
    assert_eq!(text(&reloaded.session(), "user.email").as_deref(), Some(BOB), "a reload restores the app's user");
    app.logout();
}

#[wasm_bindgen_test]
async fn a_gateways_401_html_page_ends_the_session() {
    let emu = Emulator::main();
    let (c, key) = client("session");
    login(&c, ALICE).await;
    let events = Events::record(&c);
    emu.fault(r#"{"route":"/meetings/*","method":"GET","html":true,"html_status":401,"count":1}"#).await;
    let f = fails(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("unauthenticated", Some(401)), "{f}");
    assert!(c.session().is_undefined());
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_none());
    assert_eq!(events.list(), [format!("initial:{ALICE}"), "expired".to_owned()]);
    // Later calls send nothing (and say why) instead of failing the same way.
    let seq = emu.last_seq().await;
    assert_eq!(fails(c.get_meeting(s("mtg-alice-upcoming"), None)).await.kind, "expired");
    assert_eq!(emu.api_requests_since(seq).await, []);
}

#[wasm_bindgen_test]
async fn hostile_ids_are_validation_errors_before_any_request() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let seq = emu.last_seq().await;
    for id in [".", "..", "%2e%2e", "%2E.", "a/../..", " .. ", "a%2F..%2F..", "x?y", "x#y"] {
        for p in [
            c.get_meeting(s(id), None),
            c.cancel_meeting(s(id), None),
            c.update_meeting(s(id), obj(&[("duration", n(30.0))]), None),
        ] {
            let f = fails(p).await;
            assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("meeting_id")), "{id:?}: {f}");
        }
    }
    assert_eq!(emu.api_requests_since(seq).await, [], "nothing was sent");
    c.logout();
}

/// `Storage.prototype.setItem` throws until this is dropped (a quota filled after the probe).
struct FullQuota {
    proto: JsValue,
    original: JsValue,
}

impl FullQuota {
    fn start() -> Self {
        let proto = get(&get(&js_sys::global(), "Storage"), "prototype");
        let original = get(&proto, "setItem");
        let thrower = js_sys::Function::new_no_args(
            "throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');",
        );
        Reflect::set(&proto, &s("setItem"), &thrower).unwrap();
        Self { proto, original }
    }
}

impl Drop for FullQuota {
    fn drop(&mut self) {
        Reflect::set(&self.proto, &s("setItem"), &self.original).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_quota_error_after_the_probe_moves_to_memory_and_never_restores_the_previous_user() {
    let key = unique("t");
    let c = client_with(options(emulator_url(), "local", &key));
    assert_eq!(c.storage_mode(), "local");
    login(&c, ALICE).await;
    assert_eq!(stored_email(&local(), &key).as_deref(), Some(ALICE));
    let bob = {
        let _full = FullQuota::start();
        ok(c.login(s(BOB), s(PASSWORD), None)).await
    };
    assert_eq!(text(&bob, "user.email").as_deref(), Some(BOB), "the login itself succeeds");
    assert_eq!(c.storage_mode(), "memory", "storageMode tells the truth");
    assert_eq!(text(&c.session(), "user.email").as_deref(), Some(BOB));
    assert!(local().get_item(&stored_key(&key)).unwrap().is_none(), "alice's envelope is gone");
    let reloaded = client_with(options(emulator_url(), "local", &key));
    assert!(reloaded.session().is_undefined(), "a reload restores nobody, least of all alice");
    c.logout();
}

#[wasm_bindgen_test]
fn base_urls_with_userinfo_query_or_fragment_and_short_token_lives_are_refused() {
    let base = || options(emulator_url(), "memory", &unique("t"));
    for url in ["https://ID:SECRETKEY@api.test/ucaas/v1", "https://api.test/ucaas/v1?x=1", "https://api.test/v1#f"] {
        let e = try_client(with(base(), "baseUrl", s(url))).err().expect("refused");
        let f = failure(&e);
        assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("baseUrl")), "{url}: {f}");
        assert!(!f.message.contains("SECRETKEY"), "the message never echoes the URL: {f}");
    }
    for ttl in [60.0, 180.0] {
        let f = failure(&try_client(with(base(), "tokenTtlSeconds", n(ttl))).err().expect("refused"));
        assert_eq!(f.field.as_deref(), Some("tokenTtlSeconds"), "{ttl}: {f}");
    }
    assert!(try_client(with(base(), "tokenTtlSeconds", n(181.0))).is_ok());
}

#[wasm_bindgen_test]
async fn an_abort_signal_as_the_options_argument_is_honoured_and_session_is_a_copy() {
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let signal: JsValue = controller.signal().into();
    let f = fails(c.get_meeting(s("mtg-alice-upcoming"), Some(ts(signal)))).await;
    assert_eq!(f.kind, "aborted", "{f}");
    let session = c.session();
    Reflect::set(&get(&session, "user"), &s("email"), &s("mallory@example.test")).unwrap();
    assert_eq!(text(&c.session(), "user.email").as_deref(), Some(ALICE), "session() hands out a copy");
    c.logout();
}
