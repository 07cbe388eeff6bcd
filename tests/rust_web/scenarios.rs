//! The Rust client's browser door (`--features client,web`) against the emulator, the same
//! scenarios in a page (tests/rust_web.rs) and a dedicated worker (tests/rust_web_worker.rs):
//! the `WebTransport`, `login` / `logout` / `session`, the session kept by `js/session.js` in
//! the client's store, and the JavaScript client reading what the Rust one stored; the auth
//! events (`on_auth_change`) against a model and the JavaScript client's `onAuthChange`; a read
//! waiting to retry when its session ends.

use super::common::{self, closed_url, emulator_url, ALICE, API_ID, PASSWORD};
use futures_util::future::join;
use futures_util::StreamExt;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use ucaas_client::api::meetings::MeetingInput;
use ucaas_client::api::Input;
use ucaas_client::client::{
    Auth, AuthEvent, AuthSubscription, Client, LocalStorageStore, MemoryStore, SessionStorageStore, WebTransport,
};
use ucaas_client::session::Session;
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

// ---------------------------------------------------------------------------------------------
// Auth events (`Client::on_auth_change`), compared with the JavaScript client's `onAuthChange`

/// A Rust client's auth events as `common::Events` writes a JavaScript client's: `event:email`,
/// `event` without a session, `event:(no user)` for a session without a user.
pub struct RustEvents {
    log: Rc<RefCell<Vec<String>>>,
    pub subscription: AuthSubscription,
}

impl RustEvents {
    pub fn record<T: ucaas_client::client::Transport>(c: &Client<T>) -> Self {
        let log = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&log);
        let subscription = c
            .on_auth_change(move |event: AuthEvent, session: Option<Session>| {
                sink.borrow_mut().push(entry(event.as_str(), session.as_ref()));
            })
            .unwrap();
        RustEvents { log, subscription }
    }

    pub fn list(&self) -> Vec<String> {
        self.log.borrow().clone()
    }
}

fn entry(event: &str, session: Option<&Session>) -> String {
    match session {
        None => event.to_owned(),
        Some(s) => match s.user.as_ref().and_then(|u| u.email.as_deref()) {
            Some(email) => format!("{event}:{email}"),
            None => format!("{event}:(no user)"),
        },
    }
}

/// `initial` comes on a microtask, not synchronously; a login, a logout (twice: nothing the
/// second time), and unsubscribing stops delivery, a pending `initial` included.
pub async fn auth_events_initial_signed_in_signed_out_and_unsubscribe() {
    clear_stored();
    let c = client(emulator_url()).with_session_store(MemoryStore);
    let events = RustEvents::record(&c);
    let dropped = RustEvents::record(&c);
    drop(dropped.subscription); // before its `initial`
    assert_eq!(events.list(), Vec::<String>::new(), "initial comes on a microtask, not synchronously");
    common::sleep(0.0).await;
    assert_eq!(events.list(), ["initial"]);
    c.login(ALICE, PASSWORD).await.unwrap();
    c.logout();
    c.logout();
    let expected = ["initial".to_owned(), format!("signed_in:{ALICE}"), "signed_out".to_owned()];
    assert_eq!(events.list(), expected);
    assert_eq!(dropped.log.borrow().len(), 0, "a subscription dropped before its initial hears nothing");

    let later = RustEvents::record(&c);
    let RustEvents { log, subscription } = events;
    subscription.unsubscribe();
    c.login(ALICE, PASSWORD).await.unwrap();
    assert_eq!(*log.borrow(), expected, "an unsubscribed listener hears nothing");
    assert_eq!(later.list(), ["initial".to_owned(), format!("signed_in:{ALICE}")], "the other one still hears");
    drop(c);
    assert!(later.list().len() == 2, "a dropped client sends nothing more");

    let basic =
        Client::with_basic_in_page(WebTransport::new(), emulator_url(), Auth::basic(API_ID, "demo-key")).unwrap();
    let e = basic.on_auth_change(|_, _| {}).unwrap_err();
    assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some("auth")), "{e:?}");
}

/// A listener that throws (a JavaScript exception, or a panic, which aborts on wasm32) stops
/// there: the listeners after it hear the event, and the client goes on.
pub async fn a_throwing_listener_breaks_neither_the_others_nor_the_client() {
    clear_stored();
    let c = client(emulator_url()).with_session_store(MemoryStore);
    let _throws = c.on_auth_change(|event, _| {
        if event == AuthEvent::SignedIn {
            wasm_bindgen::throw_str("a listener's bug");
        }
    });
    let _panics = c.on_auth_change(|event, _| {
        if event == AuthEvent::SignedOut {
            panic!("a listener's panic");
        }
    });
    let events = RustEvents::record(&c);
    common::sleep(0.0).await;
    let session = c.login(ALICE, PASSWORD).await.unwrap();
    assert_eq!(c.session(), Some(session));
    assert_eq!(c.get_meeting("mtg-alice-upcoming").await.unwrap().meeting.meeting_id, "mtg-alice-upcoming");
    c.logout();
    assert_eq!(events.list(), ["initial".to_owned(), format!("signed_in:{ALICE}"), "signed_out".to_owned()]);
}

/// One step of a generated session sequence.
#[derive(Debug, Clone, Copy)]
enum Step {
    Login(&'static str),
    Logout,
    /// A read the server answers 401 (a gateway's page) when signed in; signed out, it fails
    /// before sending.
    Refused,
    /// Another client of the origin signs in on the same `localStorage` key (its envelope and
    /// the `storage` event), as `email`.
    OtherLogin(&'static str),
    /// Another client removes the envelope (a logout in another tab).
    OtherLogout,
    /// The clock jumps past the session's expiry (a laptop waking up), then a read: the last
    /// step of a sequence (another client's envelopes would have expired too).
    ClockJump,
}

const BOB: &str = "bob@example.test";

/// The events and call outcomes a sequence must give (the JavaScript client's documented
/// rules: README "Auth events", js/session.js).
#[derive(Default)]
struct Model {
    /// Signed in as, and whether by another client's envelope.
    signed_in: Option<(&'static str, bool)>,
    /// The last session ended by expiry: calls say `expired` until a login or logout.
    lapsed: bool,
    events: Vec<String>,
    refusals: Vec<String>,
}

impl Model {
    fn apply(&mut self, step: Step) {
        match step {
            Step::Login(email) => {
                self.signed_in = Some((email, false));
                self.lapsed = false;
                self.events.push(format!("signed_in:{email}"));
            }
            Step::Logout => {
                self.lapsed = false;
                if self.signed_in.take().is_some() {
                    self.events.push("signed_out".into());
                }
            }
            Step::Refused => match self.signed_in.take() {
                Some(_) => {
                    self.refusals.push("unauthenticated/401".into());
                    self.lapsed = true;
                    self.events.push("expired".into());
                }
                None => self.refusals.push(if self.lapsed { "expired" } else { "unauthenticated" }.into()),
            },
            Step::OtherLogin(email) => {
                if self.signed_in != Some((email, true)) {
                    self.signed_in = Some((email, true));
                    self.lapsed = false;
                    self.events.push(format!("signed_in:{email}"));
                }
            }
            Step::OtherLogout => {
                if self.signed_in.take().is_some() {
                    self.lapsed = false;
                    self.events.push("signed_out".into());
                }
            }
            Step::ClockJump => {
                if self.signed_in.take().is_some() {
                    self.lapsed = true;
                    self.events.push("expired".into());
                }
                self.refusals.push(if self.lapsed { "expired" } else { "unauthenticated" }.into());
            }
        }
    }
}

/// A small seeded generator (xorshift64*): the same seed, the same sequence.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n
    }
}

fn steps(seed: u64, len: usize, other_tabs: bool) -> Vec<Step> {
    let mut rng = Rng(seed | 1);
    let mut steps: Vec<Step> = (0..len)
        .map(|_| match rng.below(if other_tabs { 7 } else { 4 }) {
            0 => Step::Login(ALICE),
            1 => Step::Login(BOB),
            2 => Step::Logout,
            3 => Step::Refused,
            4 => Step::OtherLogin(ALICE),
            5 => Step::OtherLogin(BOB),
            _ => Step::OtherLogout,
        })
        .collect();
    if rng.below(2) == 0 {
        steps.push(Step::ClockJump);
    }
    steps
}

/// The client a sequence runs on: the Rust one or the JavaScript one, each with its events.
enum Subject {
    Rust(Client<WebTransport>, RustEvents),
    Js(ucaas_client::wasm::UcaasClient, common::Events, String),
}

impl Subject {
    /// A Rust client on `localStorage` (`other_tabs`) or memory.
    fn rust(other_tabs: bool) -> Self {
        let c = client(emulator_url());
        let c = if other_tabs { c.with_session_store(LocalStorageStore) } else { c.with_session_store(MemoryStore) };
        let events = RustEvents::record(&c);
        Subject::Rust(c, events)
    }

    /// A JavaScript client of the same API id, on a key of its own.
    fn js(other_tabs: bool) -> Self {
        let prefix = common::unique("seq");
        let c =
            common::client_with(common::options(emulator_url(), if other_tabs { "local" } else { "memory" }, &prefix));
        let events = common::Events::record(&c);
        Subject::Js(c, events, common::stored_key(&prefix))
    }

    fn key(&self) -> String {
        match self {
            Subject::Rust(..) => KEY.to_owned(),
            Subject::Js(_, _, key) => key.clone(),
        }
    }

    fn events(&self) -> Vec<String> {
        match self {
            Subject::Rust(_, e) => e.list(),
            Subject::Js(_, e, _) => e.list(),
        }
    }

    fn signed_in(&self) -> bool {
        match self {
            Subject::Rust(c, _) => c.session().is_some(),
            Subject::Js(c, _, _) => !c.session().is_undefined(),
        }
    }

    async fn login(&self, email: &str) {
        match self {
            Subject::Rust(c, _) => drop(c.login(email, PASSWORD).await.unwrap()),
            Subject::Js(c, _, _) => drop(common::login(c, email).await),
        }
    }

    fn logout(&self) {
        match self {
            Subject::Rust(c, _) => c.logout(),
            Subject::Js(c, _, _) => c.logout(),
        }
    }

    /// The read's error as `kind` or `kind/status`.
    async fn refused(&self) -> String {
        let (kind, status) = match self {
            Subject::Rust(c, _) => {
                let e = c.get_meeting("mtg-alice-upcoming").await.unwrap_err();
                (e.kind.as_str().to_owned(), e.status)
            }
            Subject::Js(c, _, _) => {
                let f = common::fails(c.get_meeting(common::s("mtg-alice-upcoming"), None)).await;
                (f.kind, f.status)
            }
        };
        status.map_or(kind.clone(), |s| format!("{kind}/{s}"))
    }
}

/// Another client's envelopes on the shared key, one per user: real tokens of logins of their
/// own (a JavaScript client's on a key of its own, its envelope taken and removed).
async fn other_envelopes() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for email in [ALICE, BOB] {
        let prefix = common::unique("other");
        let c = common::client_with(common::options(emulator_url(), "session", &prefix));
        common::login(&c, email).await;
        let key = common::stored_key(&prefix);
        let web = common::session_storage();
        out.push((email, web.get_item(&key).unwrap().expect("the other client's envelope")));
        web.remove_item(&key).unwrap();
    }
    out
}

/// Another tab's write to `key` of `localStorage`, as the `storage` event tells this document.
pub fn other_tab_wrote(key: &str, new_value: Option<&str>) {
    use wasm_bindgen::JsCast;
    let local = common::local();
    match new_value {
        Some(text) => local.set_item(key, text).unwrap(),
        None => local.remove_item(key).unwrap(),
    }
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    js_sys::global().unchecked_into::<web_sys::EventTarget>().dispatch_event(&event).unwrap();
}

/// Runs `steps` on `subject`: its events and its refused reads' errors.
async fn run(subject: &Subject, steps: &[Step], others: &[(&'static str, String)]) -> (Vec<String>, Vec<String>) {
    let emu = common::Emulator::main();
    let mut refusals = Vec::new();
    let mut shifted = None;
    common::sleep(0.0).await; // `initial`
    for &step in steps {
        match step {
            Step::Login(email) => subject.login(email).await,
            Step::Logout => subject.logout(),
            Step::Refused => {
                if subject.signed_in() {
                    let route = r#"{"route":"/meetings/mtg-alice-upcoming","method":"GET","html":true,"html_status":401,"count":1}"#;
                    emu.fault(route).await;
                }
                refusals.push(subject.refused().await);
            }
            Step::OtherLogin(email) => {
                let envelope = &others.iter().find(|(e, _)| *e == email).unwrap().1;
                other_tab_wrote(&subject.key(), Some(envelope));
            }
            Step::OtherLogout => other_tab_wrote(&subject.key(), None),
            Step::ClockJump => {
                // Past a 900 s session's expiry (60 s early), however late in the run it began.
                shifted = Some(common::ClockShift::by(900_000.0));
                refusals.push(subject.refused().await);
            }
        }
    }
    subject.logout();
    drop(shifted);
    (subject.events(), refusals)
}

/// Generated sequences of logins, logouts, refused reads and (`other_tabs`: a page's
/// `localStorage`) another client's login and logout on the same key: the Rust client's events
/// and errors are the model's, and the JavaScript client's in the same sequence. The seed is
/// printed on failure; `UCAAS_WEB_SEED` at build time replays one.
pub async fn auth_events_follow_the_javascript_client_in_generated_sequences(other_tabs: bool) {
    let first = option_env!("UCAAS_WEB_SEED").and_then(|s| s.parse().ok()).unwrap_or(js_sys::Date::now() as u64);
    let others = if other_tabs { other_envelopes().await } else { Vec::new() };
    for seed in first..first + 3 {
        clear_stored();
        let steps = steps(seed, 10, other_tabs);
        let mut model = Model::default();
        model.events.push("initial".into());
        steps.iter().for_each(|&s| model.apply(s));
        model.apply(Step::Logout);
        let rust = Subject::rust(other_tabs);
        let (rust_events, rust_refusals) = run(&rust, &steps, &others).await;
        drop(rust);
        let js = Subject::js(other_tabs);
        let (js_events, js_refusals) = run(&js, &steps, &others).await;
        let why = format!("seed {seed} (UCAAS_WEB_SEED={seed} replays it), steps {steps:?}");
        assert_eq!(rust_events, model.events, "Rust events vs the model: {why}");
        assert_eq!(js_events, model.events, "JavaScript events vs the model: {why}");
        assert_eq!(rust_refusals, model.refusals, "Rust refused reads: {why}");
        assert_eq!(js_refusals, model.refusals, "JavaScript refused reads: {why}");
    }
    clear_stored();
}

// ---------------------------------------------------------------------------------------------
// A read waiting to retry when its session ends

/// The pause before a retry, held until the test lets it go: what happens "during the backoff"
/// happens there, in that order, whatever the machine's speed.
#[derive(Default)]
pub struct Gate {
    waiting: RefCell<Option<js_sys::Function>>,
    entered: RefCell<Option<js_sys::Function>>,
}

impl Gate {
    /// Resolves once the client is waiting to retry.
    pub async fn entered(&self) {
        if self.waiting.borrow().is_none() {
            let p = js_sys::Promise::new(&mut |resolve, _| *self.entered.borrow_mut() = Some(resolve));
            wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
        }
    }

    /// Lets the waiting retry go.
    pub fn release(&self) {
        let resolve = self.waiting.borrow_mut().take().expect("the client is waiting to retry");
        resolve.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    }
}

/// `WebTransport`, its waits held by a [`Gate`].
pub struct Gated(pub Rc<Gate>);

impl ucaas_client::client::Transport for Gated {
    fn send(
        &self,
        request: ucaas_client::client::HttpRequest,
    ) -> impl std::future::Future<Output = Result<ucaas_client::client::HttpResponse, ucaas_client::client::TransportError>>
    {
        WebTransport.send(request)
    }

    fn wait(&self, _pause: std::time::Duration) -> impl std::future::Future<Output = ()> {
        let gate = Rc::clone(&self.0);
        async move {
            let p = js_sys::Promise::new(&mut |resolve, _| *gate.waiting.borrow_mut() = Some(resolve));
            if let Some(entered) = gate.entered.borrow_mut().take() {
                entered.call0(&wasm_bindgen::JsValue::NULL).unwrap();
            }
            wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
        }
    }
}

/// What ends (or keeps) the session while its read waits to retry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum During {
    Nothing,
    LoginAgain,
    LoginOther,
    Logout,
    /// Another call with the same token is answered 401.
    Refused,
    /// Another tab signs in on the shared `localStorage` key (a page only).
    OtherTab,
}

/// A read answered 503 waits to retry; meanwhile `during` happens. The read goes on only if its
/// session is still the one (`Nothing`): otherwise it fails — `expired` when a refusal ended
/// the session, `aborted` else — and sends no further attempt, neither with the old token nor
/// with a new login's (counted in the emulator's log).
pub async fn a_read_waiting_to_retry_stops_when_its_session_ends(during: During) {
    clear_stored();
    let emu = common::Emulator::main();
    let gate = Rc::new(Gate::default());
    let c = Client::new(Gated(Rc::clone(&gate)), emulator_url(), Auth::token(API_ID)).unwrap();
    let c = if during == During::OtherTab {
        c.with_session_store(LocalStorageStore)
    } else {
        c.with_session_store(MemoryStore)
    };
    c.login(ALICE, PASSWORD).await.unwrap();
    let path = "/ucaas/v1/meetings/mtg-alice-upcoming";
    emu.fault(r#"{"route":"/meetings/mtg-alice-upcoming","method":"GET","html":true,"html_status":503,"count":1}"#)
        .await;
    let other = if during == During::OtherTab { other_envelopes().await } else { Vec::new() };
    let seq = emu.last_seq().await;
    let (read, ()) = join(c.get_meeting("mtg-alice-upcoming"), async {
        gate.entered().await;
        match during {
            During::Nothing => {}
            During::LoginAgain => drop(c.login(ALICE, PASSWORD).await.unwrap()),
            During::LoginOther => drop(c.login(BOB, PASSWORD).await.unwrap()),
            During::Logout => c.logout(),
            During::Refused => {
                let route =
                    r#"{"route":"/meetings/mtg-alice-current","method":"GET","html":true,"html_status":401,"count":1}"#;
                emu.fault(route).await;
                assert_eq!(c.get_meeting("mtg-alice-current").await.unwrap_err().status, Some(401));
            }
            During::OtherTab => other_tab_wrote(KEY, Some(&other[1].1)),
        }
        gate.release();
    })
    .await;
    let sent = emu.requests_to(seq, path).await;
    let statuses: Vec<_> = sent.iter().map(|r| r.status).collect();
    match during {
        During::Nothing => {
            assert_eq!(read.unwrap().meeting.meeting_id, "mtg-alice-upcoming");
            assert_eq!(statuses, [503, 200], "{during:?}: retried with its token");
        }
        _ => {
            let e = read.unwrap_err();
            let kind = if during == During::Refused { ErrorKind::Expired } else { ErrorKind::Aborted };
            assert_eq!((e.kind, e.status), (kind, None), "{during:?}: {e:?}");
            assert_eq!(statuses, [503], "{during:?}: no further attempt");
        }
    }
    c.logout();
    clear_stored();
}
