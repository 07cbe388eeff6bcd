//! `UcaasClient` in a page of headless Chromium, against the emulator (`tests/browser.sh`).
//!
//! Every test is independent: its own storage key, its own meetings, unique fault routes and
//! mail recipients. Tests that move an emulator's clock use the short-TTL emulator, which only
//! expiry tests touch. Counting requests in the emulator's log is safe because
//! wasm-bindgen-test runs one test at a time, and tests whose requests the server answers late
//! (latency faults) wait for them to be logged before they end.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use js_sys::{Object, Reflect};
use ucaas_client::wasm::UcaasClient;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().expect("a page has a window")
}

// =============================================================================================
// Construction

#[wasm_bindgen_test]
fn constructor_rejects_bad_options() {
    let bad = |o: JsValue| failure(&try_client(o).err().expect("the constructor should throw"));
    let base = || options(emulator_url(), "memory", &unique("t"));

    let f = bad(obj(&[("apiId", s(API_ID))]));
    assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("baseUrl")), "{f}");
    let f = bad(with(base(), "baseUrl", s("ftp://example.test")));
    assert_eq!(f.field.as_deref(), Some("baseUrl"), "{f}");
    let f = bad(with(base(), "apiId", s("  ")));
    assert_eq!(f.field.as_deref(), Some("apiId"), "{f}");
    let f = bad(with(base(), "appType", s("xx")));
    assert_validation(&f, 1403, "appType");
    let f = bad(with(base(), "storage", s("cookie")));
    assert_eq!(f.field.as_deref(), Some("storage"), "{f}");
    let f = bad(with(base(), "timeoutMs", n(-1.0)));
    assert_eq!(f.field.as_deref(), Some("timeoutMs"), "{f}");
    let f = bad(with(base(), "tokenTtlSeconds", s("900")));
    assert_eq!(f.field.as_deref(), Some("tokenTtlSeconds"), "{f}");
    // And a good one constructs.
    assert_eq!(client_with(base()).storage_mode(), "memory");
}

#[wasm_bindgen_test]
async fn ready_resolves_and_defaults_to_session_storage() {
    let key = unique("t");
    let c = client_with(obj(&[("baseUrl", s(emulator_url())), ("apiId", s(API_ID)), ("storageKey", s(&key))]));
    assert!(ok(c.ready()).await.is_undefined());
    assert_eq!(c.storage_mode(), "session");
    assert!(c.session().is_undefined());
    login(&c, ALICE).await;
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_some(), "the default storage is sessionStorage");
    c.logout();
}

// =============================================================================================
// Login

#[wasm_bindgen_test]
async fn login_returns_the_session_and_stores_a_versioned_envelope() {
    let (c, key) = client("session");
    let before = now_ms();
    let session = login(&c, ALICE).await;
    assert_eq!(text(&session, "user.email").as_deref(), Some(ALICE));
    assert_eq!(text(&session, "user.user_id").as_deref(), Some("u-alice"));
    assert!(get(&session, "token").is_undefined(), "the session never shows the token");
    let expires_at = num(&session, "expires_at").unwrap();
    assert!(expires_at >= before + 900_000.0 && expires_at <= now_ms() + 900_000.0, "default TTL 900 s: {expires_at}");
    assert_eq!(json(&c.session()), json(&session));

    let stored = session_storage().get_item(&stored_key(&key)).unwrap().expect("stored under {storageKey}:{apiId}");
    assert!(!stored.contains(PASSWORD), "the password is never stored");
    let env = parse(&stored);
    assert_eq!(num(&env, "v"), Some(1.0));
    assert!(text(&env, "token").is_some_and(|t| t.len() > 10));
    assert_eq!(num(&env, "expires_at"), Some(expires_at));
    assert_eq!(text(&env, "user.email").as_deref(), Some(ALICE));
    // The token works: an authenticated call succeeds.
    let m = ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    assert_eq!(text(&m, "meeting_id").as_deref(), Some("mtg-alice-upcoming"));
    c.logout();
}

#[wasm_bindgen_test]
async fn login_with_a_wrong_password_is_unauthenticated_401() {
    let (c, key) = client("session");
    let events = Events::record(&c);
    let f = fails(c.login(s(ALICE), s("not-the-password"), None)).await;
    assert_eq!(f.kind, "unauthenticated", "{f}");
    assert_eq!(f.status, Some(401), "{f}");
    assert_eq!(f.code, Some(0), "the API's result code for bad credentials: {f}");
    assert_eq!(f.message, "Invalid credentials");
    assert!(c.session().is_undefined());
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_none());
    // A good login's event, the next one, shows the failed one emitted nothing.
    login(&c, ALICE).await;
    assert_eq!(events.list(), ["initial".to_owned(), format!("signed_in:{ALICE}")]);
    c.logout();
}

#[wasm_bindgen_test]
async fn login_validates_email_and_password_without_a_request() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let seq = emu.last_seq().await;
    let f = fails(c.login(s(""), s(PASSWORD), None)).await;
    assert_eq!((f.kind.as_str(), f.field.as_deref(), f.status), ("validation", Some("email"), None), "{f}");
    let f = fails(c.login(JsValue::UNDEFINED, s(PASSWORD), None)).await;
    assert_eq!(f.field.as_deref(), Some("email"), "{f}");
    let f = fails(c.login(s("no-at-sign"), s(PASSWORD), None)).await;
    assert_eq!(f.field.as_deref(), Some("email"), "{f}");
    let f = fails(c.login(s(ALICE), s(""), None)).await;
    assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("password")), "{f}");
    let f = fails(c.login(s(ALICE), s(PASSWORD), Some(ts(s("not options"))))).await;
    assert_eq!(f.field.as_deref(), Some("options"), "{f}");
    assert_eq!(emu.requests_since(seq).await, [], "validation failures send nothing");
}

// =============================================================================================
// Storage modes

async fn restored_by_a_second_client(storage: &str, web: web_sys::Storage) {
    let key = unique("t");
    let first = client_with(options(emulator_url(), storage, &key));
    assert_eq!(first.storage_mode(), storage);
    let session = login(&first, ALICE).await;
    assert!(web.get_item(&stored_key(&key)).unwrap().is_some());

    let second = client_with(options(emulator_url(), storage, &key));
    assert_eq!(json(&second.session()), json(&session), "restored on construction");
    let events = Events::record(&second);
    sleep(0.0).await;
    assert_eq!(events.list(), [format!("initial:{ALICE}")]);
    // The restored token is usable.
    let list = ok(second.list_meetings(Some(ts(obj(&[("page_length", n(1.0))]))), None)).await;
    assert_eq!(items(&get(&list, "meetings")).len(), 1);

    // Another key is another session.
    let other = client_with(options(emulator_url(), storage, &unique("t")));
    assert!(other.session().is_undefined());
    // So is another api id on the same key: it restores nothing, stores beside the first, and
    // the two sign out apart.
    const OTHER_APP: &str = "acme-app";
    let other_app = || client_with(with(options(emulator_url(), storage, &key), "apiId", s(OTHER_APP)));
    let third = other_app();
    assert!(third.session().is_undefined(), "another api id restores nothing");
    login(&third, ALICE).await;
    let other_key = format!("{key}:{OTHER_APP}");
    assert!(web.get_item(&other_key).unwrap().is_some(), "stored under its own api id");
    assert_ne!(
        web.get_item(&other_key).unwrap(),
        web.get_item(&stored_key(&key)).unwrap(),
        "two envelopes, two tokens"
    );
    second.logout();
    assert!(web.get_item(&stored_key(&key)).unwrap().is_none(), "logout removes the stored session");
    assert!(client_with(options(emulator_url(), storage, &key)).session().is_undefined());
    assert!(web.get_item(&other_key).unwrap().is_some(), "the other api id's session stays");
    assert_eq!(text(&other_app().session(), "user.email").as_deref(), Some(ALICE), "and is restored on its own");
    third.logout();
    assert!(web.get_item(&other_key).unwrap().is_none());
}

#[wasm_bindgen_test]
async fn session_storage_restores_the_session_in_a_second_client() {
    restored_by_a_second_client("session", session_storage()).await;
}

#[wasm_bindgen_test]
async fn local_storage_restores_the_session_in_a_second_client() {
    restored_by_a_second_client("local", local()).await;
}

#[wasm_bindgen_test]
async fn memory_storage_keeps_the_session_to_the_client() {
    let (c, key) = client("memory");
    assert_eq!(c.storage_mode(), "memory");
    login(&c, ALICE).await;
    assert_eq!(text(&c.session(), "user.email").as_deref(), Some(ALICE));
    ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    for web in [local(), session_storage()] {
        assert!(web.get_item(&stored_key(&key)).unwrap().is_none(), "memory mode writes no web storage");
    }
    let second = client_with(options(emulator_url(), "memory", &key));
    assert!(second.session().is_undefined(), "memory is not shared between clients");
    c.logout();
    assert!(c.session().is_undefined());
}

/// Replaces `Storage.prototype.setItem` with one that throws (Safari private mode, a full
/// quota), runs `f` (synchronously: construction probes storage), and restores it.
fn with_throwing_set_item<R>(f: impl FnOnce() -> R) -> R {
    let proto = get(&get(&js_sys::global(), "Storage"), "prototype");
    let original = get(&proto, "setItem");
    let thrower =
        js_sys::Function::new_no_args("throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');");
    Reflect::set(&proto, &s("setItem"), &thrower).unwrap();
    let out = f();
    Reflect::set(&proto, &s("setItem"), &original).unwrap();
    out
}

#[wasm_bindgen_test]
async fn storage_that_refuses_writes_falls_back_to_memory() {
    let key = unique("t");
    let (local_client, session_client) = with_throwing_set_item(|| {
        (client_with(options(emulator_url(), "local", &key)), client_with(options(emulator_url(), "session", &key)))
    });
    // The override is gone again: real storage works.
    local().set_item("ucaas-test-probe", "1").unwrap();
    local().remove_item("ucaas-test-probe").unwrap();

    assert_eq!(local_client.storage_mode(), "memory");
    assert_eq!(session_client.storage_mode(), "memory");
    login(&local_client, ALICE).await;
    assert_eq!(text(&local_client.session(), "user.email").as_deref(), Some(ALICE));
    ok(local_client.get_meeting(s("mtg-alice-upcoming"), None)).await;
    assert!(local().get_item(&stored_key(&key)).unwrap().is_none(), "nothing went to the storage it gave up on");
    assert!(session_client.session().is_undefined(), "memory is per client");
    local_client.logout();
}

#[wasm_bindgen_test]
async fn storage_whose_global_throws_or_is_missing_falls_back_to_memory() {
    let global: Object = js_sys::global().unchecked_into();
    for (name, descriptor) in [
        (
            "localStorage",
            obj(&[
                ("configurable", JsValue::TRUE),
                ("get", js_sys::Function::new_no_args("throw new DOMException('denied', 'SecurityError');").into()),
            ]),
        ),
        ("sessionStorage", obj(&[("configurable", JsValue::TRUE), ("value", JsValue::NULL)])),
    ] {
        let own = Object::get_own_property_descriptor(&global, &s(name));
        Object::define_property(&global, &s(name), &descriptor.unchecked_into());
        let storage = if name == "localStorage" { "local" } else { "session" };
        let c = try_client(options(emulator_url(), storage, &unique("t")));
        // Restore before asserting.
        if own.is_undefined() {
            Reflect::delete_property(&global, &s(name)).unwrap();
        } else {
            Object::define_property(&global, &s(name), &own.unchecked_into());
        }
        assert!(web_storage(name).is_some(), "{name} restored");
        let c = c.unwrap_or_else(|e| panic!("construction must not throw with {name} unusable: {}", failure(&e)));
        assert_eq!(c.storage_mode(), "memory", "{name}");
        login(&c, ALICE).await;
        assert!(c.session().is_object());
        c.logout();
    }
}

/// Stores `text` under a fresh key in sessionStorage and constructs a client on it.
async fn client_over(text: &str) -> (UcaasClient, String, Events) {
    let key = unique("t");
    session_storage().set_item(&stored_key(&key), text).unwrap();
    let c = client_with(options(emulator_url(), "session", &key));
    let events = Events::record(&c);
    sleep(0.0).await;
    (c, key, events)
}

/// A real envelope from a login, as stored.
async fn real_envelope() -> JsValue {
    let (c, key) = client("session");
    login(&c, ALICE).await;
    let text = session_storage().get_item(&stored_key(&key)).unwrap().unwrap();
    c.dispose();
    session_storage().remove_item(&stored_key(&key)).unwrap();
    parse(&text)
}

#[wasm_bindgen_test]
async fn corrupted_stored_values_count_as_signed_out_and_are_removed() {
    let good = real_envelope().await;
    let variant = |k: &str, v: JsValue| {
        let e = parse(&json(&good));
        Reflect::set(&e, &s(k), &v).unwrap();
        json(&e)
    };
    let without = |k: &str| {
        let e = parse(&json(&good));
        Reflect::delete_property(e.unchecked_ref::<Object>(), &s(k)).unwrap();
        json(&e)
    };
    let cases = [
        ("not JSON", "{not json".to_owned()),
        ("JSON null", "null".to_owned()),
        ("an array", "[1,2]".to_owned()),
        ("a string", "\"token\"".to_owned()),
        ("wrong version", variant("v", n(2.0))),
        ("empty token", variant("token", s(""))),
        ("user not an object", variant("user", s("alice"))),
        ("no expiry", without("expires_at")),
        ("expiry not a number", variant("expires_at", s("soon"))),
    ];
    for (what, text) in cases {
        let (c, key, events) = client_over(&text).await;
        assert!(c.session().is_undefined(), "{what}: signed out");
        assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_none(), "{what}: removed");
        assert_eq!(c.storage_mode(), "session", "{what}: the storage itself is fine");
        assert_eq!(events.list(), ["initial"], "{what}");
        let f = fails(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
        assert_eq!(f.kind, "unauthenticated", "{what}: {f}");
    }
    // The control: the untouched envelope is restored.
    let (c, key, events) = client_over(&json(&good)).await;
    assert_eq!(text(&c.session(), "user.email").as_deref(), Some(ALICE));
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_some());
    assert_eq!(events.list(), [format!("initial:{ALICE}")]);
    c.logout();
}

#[wasm_bindgen_test]
async fn a_stored_session_within_a_minute_of_expiry_is_removed_at_start() {
    let good = real_envelope().await;
    // 30 s left: inside the 60 s margin, so already expired.
    Reflect::set(&good, &s("expires_at"), &n(now_ms() + 30_000.0)).unwrap();
    let (c, key, events) = client_over(&json(&good)).await;
    assert!(c.session().is_undefined());
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_none());
    assert_eq!(events.list(), ["initial"], "no event for a session nobody saw");
}

// =============================================================================================
// onAuthChange and expiry

#[wasm_bindgen_test]
async fn auth_events_initial_signed_in_signed_out_and_unsubscribe() {
    let (c, _) = client("session");
    let events = Events::record(&c);
    assert_eq!(events.list(), Vec::<String>::new(), "initial comes on a microtask, not synchronously");
    sleep(0.0).await;
    assert_eq!(events.list(), ["initial"]);
    login(&c, ALICE).await;
    assert_eq!(events.list(), ["initial".to_owned(), format!("signed_in:{ALICE}")]);
    c.logout();
    c.logout(); // signed out already: nothing more
    assert_eq!(events.list(), ["initial".to_owned(), format!("signed_in:{ALICE}"), "signed_out".to_owned()]);

    events.unsubscribe.call0(&JsValue::NULL).unwrap();
    login(&c, ALICE).await;
    c.logout();
    assert_eq!(events.count("signed_in"), 1, "an unsubscribed listener hears nothing");

    let f = failure(&c.on_auth_change(s("not a function")).expect_err("a non-function is refused"));
    assert_eq!(f.kind, "validation", "{f}");
}

#[wasm_bindgen_test]
async fn client_side_expiry_emits_expiring_then_expired_once() {
    let key = unique("t");
    // The shortest token life there is (181 s): it counts as expired 60 s before its end, and
    // "expiring" comes 2 minutes before that: about 1 s after login.
    let c = client_with(with(options(emulator_url(), "session", &key), "tokenTtlSeconds", n(181.0)));
    let events = Events::record(&c);
    login(&c, ALICE).await;
    events.wait_for("expiring", 3000.0).await;
    assert_eq!(events.list(), ["initial".to_owned(), format!("signed_in:{ALICE}"), format!("expiring:{ALICE}")]);
    // Expiring is still usable.
    ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    // The clock jumps past the expiry (a laptop wakes up): the next check ends the session.
    let _later = ClockShift::by(125_000.0);
    assert_eq!(fails(c.get_meeting(s("mtg-alice-upcoming"), None)).await.kind, "expired");
    assert!(c.session().is_undefined());
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_none(), "the expired session is removed");
    // The next login's event, the one after `expired`, shows `expired` came once.
    login(&c, ALICE).await;
    assert_eq!(
        events.list(),
        [
            "initial".to_owned(),
            format!("signed_in:{ALICE}"),
            format!("expiring:{ALICE}"),
            "expired".to_owned(),
            format!("signed_in:{ALICE}")
        ]
    );
    c.logout();
}

#[wasm_bindgen_test]
async fn expired_token_fails_calls_without_a_request_and_emits_expired_once() {
    let emu = Emulator::main();
    let key = unique("t");
    let c = client_with(with(options(emulator_url(), "session", &key), "tokenTtlSeconds", n(181.0)));
    login(&c, ALICE).await;
    // No timer from here on (as in a throttled background tab): the check before each call must
    // catch the expiry on its own.
    c.dispose();
    let events = Events::record(&c);
    let _later = ClockShift::by(125_000.0);
    let seq = emu.last_seq().await;
    let calls = [
        c.get_meeting(s("mtg-alice-upcoming"), None),
        c.list_meetings(None, None),
        c.schedule_meeting(ts(meeting_input("Never sent", 60.0)), None),
    ];
    let mut kinds = Vec::new();
    for p in calls {
        kinds.push(fails(p).await.kind);
    }
    assert_eq!(kinds, ["expired", "expired", "expired"], "every call says why, not only the first");
    assert_eq!(events.count("expired"), 1, "expired once for several calls: {:?}", events.list());
    assert_eq!(events.count("signed_out"), 0, "{:?}", events.list());
    assert_eq!(emu.requests_since(seq).await, [], "an expired token is never sent");
    assert!(c.session().is_undefined());
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_none());
    // A logout ends the "expired" state: from then on calls are plainly signed out.
    c.logout();
    assert_eq!(fails(c.list_meetings(None, None)).await.kind, "unauthenticated");
}

#[wasm_bindgen_test]
async fn server_403_expiry_ends_the_session_once_for_calls_in_flight() {
    let emu = Emulator::short_ttl();
    let key = unique("t");
    // The client believes the default 900 s; the server's token lives 70 s of its clock.
    let c = client_with(options(emu.base, "session", &key));
    login(&c, ALICE).await;
    ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    let events = Events::record(&c);
    emu.advance_clock(71).await;
    let seq = emu.last_seq().await;
    let calls = [
        c.get_meeting(s("mtg-alice-upcoming"), None),
        c.get_meeting(s("mtg-alice-current"), None),
        c.list_meetings(None, None),
    ];
    for p in calls {
        let f = fails(p).await;
        assert_eq!((f.kind.as_str(), f.status), ("expired", Some(403)), "{f}");
    }
    assert_eq!(emu.api_requests_since(seq).await.len(), 3, "all three were in flight with the old token");
    assert_eq!(events.list(), [format!("initial:{ALICE}"), "expired".to_owned()]);
    assert!(c.session().is_undefined());
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_none());
    // The session lapsed: the next call sends nothing and still says "expired" (until a login).
    let seq = emu.last_seq().await;
    assert_eq!(fails(c.list_meetings(None, None)).await.kind, "expired");
    assert_eq!(emu.requests_since(seq).await, []);
    // A new login works again.
    login(&c, ALICE).await;
    ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    c.logout();
}

#[wasm_bindgen_test]
async fn server_401_token_not_valid_ends_the_session() {
    let env = real_envelope().await;
    Reflect::set(&env, &s("token"), &s("no-such-token")).unwrap();
    let (c, key, events) = client_over(&json(&env)).await;
    assert!(c.session().is_object(), "the client cannot know before asking");
    let (a, b) = (c.get_meeting(s("mtg-alice-upcoming"), None), c.list_meetings(None, None));
    for p in [a, b] {
        let f = fails(p).await;
        assert_eq!((f.kind.as_str(), f.status, f.code), ("unauthenticated", Some(401), Some(1001)), "{f}");
    }
    assert_eq!(events.list(), [format!("initial:{ALICE}"), "expired".to_owned()]);
    assert!(c.session().is_undefined());
    assert!(session_storage().get_item(&stored_key(&key)).unwrap().is_none());
}

#[wasm_bindgen_test]
async fn forbidden_meeting_of_another_tenant_keeps_the_session() {
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let events = Events::record(&c);
    let f = fails(c.get_meeting(s("mtg-carol-upcoming"), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("forbidden", Some(403)), "{f}");
    let f = fails(c.cancel_meeting(s("mtg-carol-upcoming"), None)).await;
    assert_eq!(f.kind, "forbidden", "{f}");
    assert!(c.session().is_object(), "forbidden is not an auth failure");
    ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    // The logout's event, the next one, shows nothing was emitted before it.
    c.logout();
    assert_eq!(events.list(), [format!("initial:{ALICE}"), "signed_out".to_owned()]);
}

// =============================================================================================
// Cross-tab (localStorage `storage` events from another document)

/// The `storage` events this window receives from now on, as `key=newValue` (`key` alone for a
/// removal). Its listener is added after the clients' own, so an event seen here has been seen
/// by them: the positive signal a "nothing happened" check waits for.
fn storage_events() -> js_sys::Array {
    js_sys::Function::new_no_args(
        "const seen = []; \
         addEventListener('storage', (e) => seen.push(e.newValue === null ? e.key : e.key + '=' + e.newValue)); \
         return seen;",
    )
    .call0(&JsValue::NULL)
    .unwrap()
    .unchecked_into()
}

async fn wait_for_storage_event(seen: &js_sys::Array, entry: &str) {
    let until = now_ms() + 2000.0;
    while !seen.iter().any(|e| e.as_string().as_deref() == Some(entry)) {
        assert!(now_ms() < until, "no storage event {entry:?} within 2 s: {:?}", seen.to_vec());
        sleep(10.0).await;
    }
}

#[wasm_bindgen_test]
async fn local_storage_changes_in_another_document_reach_on_auth_change() {
    let env = real_envelope().await;
    let key = unique("t");
    let c = client_with(options(emulator_url(), "local", &key));
    let events = Events::record(&c);

    let document = window().document().unwrap();
    let iframe: web_sys::HtmlIFrameElement = document.create_element("iframe").unwrap().unchecked_into();
    iframe.set_src("about:blank");
    document.body().unwrap().append_child(&iframe).unwrap();
    let other = iframe.content_window().unwrap().local_storage().unwrap().unwrap();

    // Another document writes a key of no interest, then signs in: storage events come in
    // order, so the one event after `initial` shows the first write did nothing.
    other.set_item(&unique("unrelated"), "x").unwrap();
    other.set_item(&stored_key(&key), &json(&env)).unwrap();
    events.wait_for("signed_in", 2000.0).await;
    assert_eq!(events.list(), ["initial".to_owned(), format!("signed_in:{ALICE}")]);
    assert_eq!(text(&c.session(), "user.email").as_deref(), Some(ALICE));
    ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;

    // A logout there.
    other.remove_item(&stored_key(&key)).unwrap();
    events.wait_for("signed_out", 2000.0).await;
    assert_eq!(events.list(), ["initial".to_owned(), format!("signed_in:{ALICE}"), "signed_out".to_owned()]);
    assert!(c.session().is_undefined());

    // A value this version cannot read (another package version's) signs nobody in, and stays:
    // only a client starting up removes it. This window's own listener, added after the
    // client's, hears each event after the client has.
    let seen = storage_events();
    other.set_item(&stored_key(&key), "{garbage").unwrap();
    wait_for_storage_event(&seen, &format!("{}={{garbage", stored_key(&key))).await;
    assert_eq!(events.count("signed_in"), 1);
    assert!(c.session().is_undefined());
    assert_eq!(local().get_item(&stored_key(&key)).unwrap().as_deref(), Some("{garbage"));

    // A client with "session" storage does not listen to other documents.
    let session_client = client_with(options(emulator_url(), "session", &key));
    let session_events = Events::record(&session_client);
    let seen = storage_events();
    other.set_item(&stored_key(&key), &json(&env)).unwrap();
    events.wait_for_nth("signed_in", 2, 2000.0).await;
    wait_for_storage_event(&seen, &format!("{}={}", stored_key(&key), json(&env))).await;
    assert_eq!(session_events.list(), ["initial"]);
    assert_eq!(events.count("signed_in"), 2);

    // After dispose(), the local client no longer listens either.
    c.dispose();
    other.remove_item(&stored_key(&key)).unwrap();
    wait_for_storage_event(&seen, &stored_key(&key)).await;
    assert_eq!(events.count("signed_out"), 1);
    iframe.remove();
}

// =============================================================================================
// Password reset (customer@example.test: no other test logs in as them)

#[wasm_bindgen_test]
async fn password_reset_round_trip_with_the_mailed_key() {
    const EMAIL: &str = "customer@example.test";
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let data = ok(c.request_password_reset(s(EMAIL), None)).await;
    assert_eq!(text(&data, "email").as_deref(), Some(EMAIL));
    let mails = emu.outbox(EMAIL).await;
    let mail = mails.last().expect("a reset mail in the outbox");
    assert_eq!(text(mail, "kind").as_deref(), Some("password_reset"));
    let reset_key = text(mail, "data.reset_key").expect("reset_key");

    let owner = ok(c.validate_reset_key(s(&reset_key), None)).await;
    assert_eq!(text(&owner, "email").as_deref(), Some(EMAIL), "{}", json(&owner));

    let new_password = unique("Npw");
    let input = obj(&[("email", s(EMAIL)), ("password", s(&new_password)), ("password_retyped", s(&new_password))]);
    ok(c.reset_password(s(&reset_key), ts(input.clone()), None)).await;

    let f = fails(c.login(s(EMAIL), s(PASSWORD), None)).await;
    assert_eq!(f.kind, "unauthenticated", "the old password is gone: {f}");
    let session = ok(c.login(s(EMAIL), s(&new_password), None)).await;
    assert_eq!(text(&session, "user.email").as_deref(), Some(EMAIL));

    // The key was single-use.
    let f = fails(c.reset_password(s(&reset_key), ts(input), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("not_found", Some(404)), "{f}");
    c.logout();
}

#[wasm_bindgen_test]
async fn password_reset_failures() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let f = fails(c.validate_reset_key(s("no-such-key"), None)).await;
    assert_eq!((f.kind.as_str(), f.status, f.code), ("not_found", Some(404), Some(4201)), "{f}");

    let seq = emu.last_seq().await;
    let f = fails(c.request_password_reset(s("not an email"), None)).await;
    assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("email")), "{f}");
    let input =
        |pw: &str, again: &str| ts(obj(&[("email", s(ALICE)), ("password", s(pw)), ("password_retyped", s(again))]));
    let f = fails(c.reset_password(s("k"), input("Abcdefgh1", "Abcdefgh2"), None)).await;
    assert_eq!(f.field.as_deref(), Some("password_retyped"), "{f}");
    let f = fails(c.reset_password(s("k"), input("", ""), None)).await;
    assert_eq!(f.field.as_deref(), Some("password"), "{f}");
    let f = fails(c.reset_password(
        s("k"),
        ts(obj(&[("email", s("x")), ("password", s("a")), ("password_retyped", s("a"))])),
        None,
    ))
    .await;
    assert_eq!(f.field.as_deref(), Some("email"), "{f}");
    let f = fails(c.validate_reset_key(n(5.0), None)).await;
    assert_eq!(f.field.as_deref(), Some("key"), "{f}");
    assert_eq!(emu.requests_since(seq).await, [], "validation failures send nothing");
}

// =============================================================================================
// Sessions: join and invite (no login needed)

#[wasm_bindgen_test]
async fn join_session_by_moderator_and_participant_pin() {
    let (c, _) = client("memory");
    let join =
        |pin: &str| c.join_session(ts(obj(&[("pin", s(pin)), ("name", s("Ann")), ("user_ref", s("u-ann"))])), None);
    let m = ok(join("111111")).await;
    assert_eq!(text(&m, "user.role").as_deref(), Some("moderator"), "{}", json(&m));
    assert_eq!(text(&m, "user.meeting_id").as_deref(), Some("mtg-alice-upcoming"));
    assert!(text(&m, "token").is_some_and(|t| !t.is_empty()));
    let p = ok(join("222222")).await;
    assert_eq!(text(&p, "user.role").as_deref(), Some("participant"), "{}", json(&p));
    assert_eq!(text(&p, "user.meeting_id").as_deref(), Some("mtg-alice-upcoming"));
    assert_ne!(text(&m, "token"), text(&p, "token"));
    // A permanent room, and a meeting going on now.
    assert_eq!(text(&ok(join("900402")).await, "user.role").as_deref(), Some("participant"));
    assert_eq!(text(&ok(join("333333")).await, "user.meeting_id").as_deref(), Some("mtg-alice-current"));
    assert!(c.session().is_undefined(), "joining is not signing in");
}

#[wasm_bindgen_test]
async fn a_header_value_fetch_would_refuse_is_a_validation_error_and_sends_nothing() {
    let emu = Emulator::main();
    let c = client_with(with(options(emulator_url(), "memory", &unique("t")), "apiId", s("demo\napp")));
    let seq = emu.last_seq().await;
    let join = obj(&[("pin", s("222222")), ("name", s("A")), ("user_ref", s("r"))]);
    let f = fails(c.join_session(ts(join), None)).await;
    assert_eq!((f.kind.as_str(), f.field.as_deref(), f.status), ("validation", Some("headers"), None), "{f}");
    assert!(f.message.contains("X-Api-Id"), "{f}");
    assert_eq!(emu.requests_since(seq).await, [], "nothing is sent");
}

#[wasm_bindgen_test]
async fn join_session_failures() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let join = |fields: &[(&str, JsValue)]| c.join_session(ts(obj(fields)), None);
    let seq = emu.last_seq().await;
    assert_validation(&fails(join(&[("pin", s("12345")), ("name", s("A")), ("user_ref", s("r"))])).await, 2107, "pin");
    assert_validation(
        &fails(join(&[("pin", s("12345678901")), ("name", s("A")), ("user_ref", s("r"))])).await,
        2107,
        "pin",
    );
    assert_validation(&fails(join(&[("name", s("A")), ("user_ref", s("r"))])).await, 2101, "pin");
    let f = fails(join(&[("pin", s("222222")), ("user_ref", s("r"))])).await;
    assert_eq!(f.field.as_deref(), Some("name"), "{f}");
    let f = fails(c.join_session(ts(s("222222")), None)).await;
    assert_eq!(f.kind, "validation", "{f}");
    assert_eq!(emu.requests_since(seq).await, [], "validation failures send nothing");

    let f = fails(join(&[("pin", s("999999")), ("name", s("A")), ("user_ref", s("r"))])).await;
    assert_eq!((f.kind.as_str(), f.status), ("not_found", Some(404)), "{f}");
    let f = fails(join(&[("pin", s("555555")), ("name", s("A")), ("user_ref", s("r"))])).await;
    assert_eq!(
        (f.kind.as_str(), f.status, f.code),
        ("validation", Some(406), Some(1000)),
        "a meeting that is over: {f}"
    );
}

#[wasm_bindgen_test]
async fn invite_to_session_mails_the_invitees() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let (a, b) = (format!("{}@invitees.test", unique("a")), format!("{}@invitees.test", unique("b")));
    let r = ok(c.invite_to_session(ts(obj(&[("pin", s("111111")), ("invitees", strs(&[&a, &b]))])), None)).await;
    assert!(text(&r, "desc").is_some(), "{}", json(&r));
    for to in [&a, &b] {
        let mails = emu.outbox(to).await;
        assert_eq!(mails.len(), 1, "one mail to {to}");
        assert_eq!(text(&mails[0], "kind").as_deref(), Some("session_invite"));
        assert_eq!(text(&mails[0], "data.meeting_id").as_deref(), Some("mtg-alice-upcoming"));
        // The mail carries the participant PIN, never the moderator's.
        assert!(text(&mails[0], "body").unwrap().contains("222222"));
        assert!(!text(&mails[0], "body").unwrap().contains("111111"));
    }
    let d = format!("{}@invitees.test", unique("d"));
    ok(c.invite_to_session(ts(obj(&[("meeting_id", s("mtg-alice-current")), ("invitees", strs(&[&d]))])), None)).await;
    let mails = emu.outbox(&d).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(text(&mails[0], "data.meeting_id").as_deref(), Some("mtg-alice-current"));
}

#[wasm_bindgen_test]
async fn invite_to_session_validation_sends_nothing() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let invite = |fields: &[(&str, JsValue)]| c.invite_to_session(ts(obj(fields)), None);
    let seq = emu.last_seq().await;
    assert_validation(&fails(invite(&[("invitees", strs(&["a@b.test"]))])).await, 2101, "pin");
    assert_validation(&fails(invite(&[("pin", s("123")), ("invitees", strs(&["a@b.test"]))])).await, 2107, "pin");
    assert_validation(&fails(invite(&[("pin", s("222222"))])).await, 2207, "invitees");
    assert_validation(&fails(invite(&[("pin", s("222222")), ("invitees", s("a@b.test"))])).await, 2208, "invitees");
    assert_validation(&fails(invite(&[("pin", s("222222")), ("invitees", strs(&[]))])).await, 2209, "invitees");
    assert_validation(
        &fails(invite(&[("pin", s("222222")), ("invitees", strs(&["a@b.test", "nope"]))])).await,
        2209,
        "invitees",
    );
    assert_eq!(emu.requests_since(seq).await, [], "validation failures send nothing");
    let f = fails(invite(&[("meeting_id", s(&unique("mtg-none"))), ("invitees", strs(&["a@b.test"]))])).await;
    assert_eq!((f.kind.as_str(), f.status), ("not_found", Some(404)), "{f}");
}

// =============================================================================================
// Branding

#[wasm_bindgen_test]
async fn branding_layers_domain_then_customer_then_meeting() {
    let (c, _) = client("memory");
    let branding = |fields: &[(&str, JsValue)]| c.get_branding(ts(obj(fields)), None);
    let domain = ok(branding(&[("domain", s("meet.example.test"))])).await;
    assert_eq!(text(&domain, "vc.name").as_deref(), Some("Example Meet"));
    assert_eq!(text(&domain, "wb.name").as_deref(), Some("Example Webinars"));
    let customer = ok(branding(&[("customer_id", s("c-acme"))])).await;
    assert_eq!(text(&customer, "vc.name").as_deref(), Some("Acme Meetings"));
    assert_eq!(text(&customer, "vc.login_page.heading").as_deref(), Some("Welcome to Acme"));
    let meeting = ok(branding(&[("meeting_id", s("mtg-alice-upcoming"))])).await;
    assert_eq!(text(&meeting, "vc.login_page.heading").as_deref(), Some("Quarterly planning"));
    assert_eq!(text(&meeting, "vc.name").as_deref(), Some("Acme Meetings"), "a meeting implies its customer");

    let all = ok(branding(&[
        ("domain", s("meet.example.test")),
        ("customer_id", s("c-acme")),
        ("meeting_id", s("mtg-alice-upcoming")),
    ]))
    .await;
    assert_eq!(text(&all, "vc.name").as_deref(), Some("Acme Meetings"), "customer over domain");
    assert_eq!(text(&all, "vc.logo").as_deref(), Some("https://acme.example.test/logo.png"), "customer over domain");
    assert_eq!(text(&all, "vc.login_page.heading").as_deref(), Some("Quarterly planning"), "meeting over customer");
    assert!(get(&get(&all, "vc"), "options").is_object());
    assert_eq!(get(&get(&get(&all, "vc"), "options"), "whiteboard").as_bool(), Some(false), "meeting over domain");
    assert_eq!(
        text(&all, "vc.logo_icon").as_deref(),
        Some("https://meet.example.test/icon.png"),
        "domain where nobody overrides"
    );
    assert!(c.session().is_undefined(), "branding needs no login");
}

#[wasm_bindgen_test]
async fn branding_failures() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let seq = emu.last_seq().await;
    let f = fails(c.get_branding(ts(obj(&[])), None)).await;
    assert_eq!(f.kind, "validation", "{f}");
    let f = fails(c.get_branding(ts(obj(&[("domain", s(""))])), None)).await;
    assert_eq!(f.kind, "validation", "an empty value counts as absent: {f}");
    assert_eq!(emu.requests_since(seq).await, [], "validation failures send nothing");
    let f = fails(c.get_branding(ts(obj(&[("meeting_id", s(&unique("mtg-none")))])), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("not_found", Some(404)), "{f}");
}

// =============================================================================================
// Meetings

#[wasm_bindgen_test]
async fn schedule_get_update_cancel_round_trip() {
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let name = format!("Round trip {}", (js_sys::Math::random() * 1e6) as u32);
    let start = js_sys::Date::new(&n(((now_ms() / 1000.0).floor() + 7200.0) * 1000.0));
    let input = obj(&[
        ("room_name", s(&name)),
        ("start_time", start.clone().into()),
        ("duration", n(45.0)),
        ("moderators", n(1.0)),
        ("participants", n(3.0)),
        ("knock", JsValue::TRUE),
    ]);
    let m = ok(c.schedule_meeting(ts(input), None)).await;
    let id = text(&m, "meeting_id").expect("meeting_id");
    assert_eq!(text(&m, "room_name").as_deref(), Some(name.as_str()));
    // The Date went out as UTC "YYYY-MM-DD HH:ii:ss".
    let iso = String::from(start.to_iso_string());
    let wire = format!("{} {}", &iso[..10], &iso[11..19]);
    assert_eq!(text(&m, "start_time").as_deref(), Some(wire.as_str()));
    assert_eq!(num(&m, "duration"), Some(45.0));
    assert_eq!(get(&m, "knock").as_bool(), Some(true));
    assert!(text(&m, "mpin").is_some() && text(&m, "ppin").is_some());

    let got = ok(c.get_meeting(s(&id), None)).await;
    assert_eq!(text(&got, "room_name").as_deref(), Some(name.as_str()));
    assert_eq!(text(&got, "start_time").as_deref(), Some(wire.as_str()));

    let updated =
        ok(c.update_meeting(s(&id), obj(&[("room_name", s("Renamed meeting")), ("duration", n(90.0))]), None)).await;
    assert_eq!(text(&updated, "room_name").as_deref(), Some("Renamed meeting"));
    assert_eq!(num(&updated, "duration"), Some(90.0));
    assert_eq!(num(&updated, "participants"), Some(3.0), "fields not in the patch stay");
    let got = ok(c.get_meeting(s(&id), None)).await;
    assert_eq!(text(&got, "room_name").as_deref(), Some("Renamed meeting"));

    // A start given as the wire's text is accepted too.
    let later = ok(c.update_meeting(s(&id), obj(&[("start_time", s("2099-01-02 03:04:05"))]), None)).await;
    assert_eq!(text(&later, "start_time").as_deref(), Some("2099-01-02 03:04:05"));

    let cancelled = ok(c.cancel_meeting(s(&id), None)).await;
    assert!(cancelled.is_object());
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("not_found", Some(404)), "a cancelled meeting is gone: {f}");
    let f = fails(c.cancel_meeting(s(&id), None)).await;
    assert_eq!(f.kind, "not_found", "{f}");
}

#[wasm_bindgen_test]
async fn meeting_calls_need_a_session_and_report_not_found() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let seq = emu.last_seq().await;
    let f = fails(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("unauthenticated", None), "signed out: {f}");
    let f = fails(c.list_meetings(None, None)).await;
    assert_eq!(f.kind, "unauthenticated", "{f}");
    assert_eq!(emu.requests_since(seq).await, [], "nothing is sent without a session");
    login(&c, ALICE).await;
    let f = fails(c.get_meeting(s(&unique("mtg-none")), None)).await;
    assert_eq!((f.kind.as_str(), f.status, f.code), ("not_found", Some(404), Some(404)), "{f}");
    let f = fails(c.update_meeting(s(&unique("mtg-none")), obj(&[("room_name", s("Whatever"))]), None)).await;
    assert_eq!(f.kind, "not_found", "{f}");
    assert!(c.session().is_object(), "not_found keeps the session");
}

#[wasm_bindgen_test]
async fn schedule_validation_codes_send_nothing() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let seq = emu.last_seq().await;
    let future = || js_sys::Date::new(&n(now_ms() + 3_600_000.0)).into();
    let base = || {
        obj(&[
            ("room_name", s("Valid title")),
            ("start_time", future()),
            ("duration", n(30.0)),
            ("moderators", n(1.0)),
            ("participants", n(2.0)),
        ])
    };
    let without = |k: &str| {
        let o = base();
        Reflect::delete_property(o.unchecked_ref::<Object>(), &s(k)).unwrap();
        o
    };
    let cases: Vec<(JsValue, u32, &str)> = vec![
        (without("room_name"), 1611, "room_name"),
        (with(base(), "room_name", s("Hi")), 1612, "room_name"),
        (with(base(), "room_name", s(&"x".repeat(51))), 1613, "room_name"),
        (without("start_time"), 1603, "start_time"),
        (with(base(), "start_time", s("tomorrow at noon")), 1602, "start_time"),
        (with(base(), "start_time", js_sys::Date::new(&n(f64::NAN)).into()), 1602, "start_time"),
        (with(base(), "start_time", s("2001-01-01 10:00:00")), 1601, "start_time"),
        (with(base(), "start_time", js_sys::Date::new(&n(now_ms() - 60_000.0)).into()), 1601, "start_time"),
        (without("duration"), 1631, "duration"),
        (with(base(), "duration", s("half an hour")), 1634, "duration"),
        (with(base(), "duration", n(5.0)), 1632, "duration"),
        (without("moderators"), 1641, "moderators"),
        (with(base(), "moderators", JsValue::TRUE), 1644, "moderators"),
        (with(base(), "moderators", n(0.0)), 1642, "moderators"),
        (without("participants"), 1651, "participants"),
        (with(base(), "participants", s("many")), 1654, "participants"),
        (with(base(), "participants", n(-1.0)), 1652, "participants"),
        (with(base(), "knock", s("yes")), 1694, "knock"),
        (with(base(), "wait_for_moderator", n(1.0)), 1693, "wait_for_moderator"),
        (with(base(), "auto_recording", s("true")), 1672, "auto_recording"),
        (with(base(), "send_mail", s("yes")), 1692, "send_mail"),
    ];
    for (input, code, field) in cases {
        let f = fails(c.schedule_meeting(ts(input), None)).await;
        assert_validation(&f, code, field);
    }
    // A patch is checked by the same rules, and must change something.
    assert_validation(
        &fails(c.update_meeting(s("mtg-alice-upcoming"), obj(&[("room_name", s("Hi"))]), None)).await,
        1612,
        "room_name",
    );
    assert_validation(
        &fails(c.update_meeting(s("mtg-alice-upcoming"), obj(&[("duration", n(9.0))]), None)).await,
        1632,
        "duration",
    );
    let f = fails(c.update_meeting(s("mtg-alice-upcoming"), obj(&[]), None)).await;
    assert_eq!(f.kind, "validation", "an empty patch: {f}");
    assert_eq!(emu.requests_since(seq).await, [], "validation failures send nothing");
    // The control: the base input is accepted.
    let m = ok(c.schedule_meeting(ts(base()), None)).await;
    ok(c.cancel_meeting(get(&m, "meeting_id"), None)).await;
}

/// The limits of an account (the permissible duration, the room size of its subscription) are
/// the server's to know: those codes come back from its 406 as the same `validation` error,
/// with the HTTP status, and the input reached the server once.
#[wasm_bindgen_test]
async fn server_validation_codes_come_back_as_validation() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let cases = [("duration", 5000.0, 1633), ("moderators", 101.0, 1643), ("participants", 101.0, 1653)];
    for (field, value, code) in cases {
        let seq = emu.last_seq().await;
        let input = with(meeting_input("Over the limit", 240.0), field, n(value));
        let f = fails(c.schedule_meeting(ts(input), None)).await;
        assert_eq!((f.kind.as_str(), f.code, f.status), ("validation", Some(code), Some(406)), "{field}: {f}");
        assert!(!f.message.is_empty(), "{f}");
        let sent = emu.requests_to(seq, "/ucaas/v1/meetings").await;
        assert_eq!(sent.iter().map(|r| (r.method.as_str(), r.status)).collect::<Vec<_>>(), [("POST", 406)], "{sent:?}");
        assert!(c.session().is_object(), "a validation answer keeps the session");
    }
}

#[wasm_bindgen_test]
async fn list_meetings_with_stage_filter_and_paging() {
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let list = |q: JsValue| c.list_meetings(Some(ts(q)), None);

    let upcoming = ok(list(obj(&[("stage", s("upcoming")), ("page_length", n(100.0))]))).await;
    let ms = items(&get(&upcoming, "meetings"));
    assert!(!ms.is_empty());
    assert!(ms.iter().all(|m| text(m, "stage").as_deref() == Some("upcoming")), "{}", json(&upcoming));
    assert!(ms.iter().any(|m| text(m, "meeting_id").as_deref() == Some("mtg-alice-upcoming")));
    assert!(!ms.iter().any(|m| text(m, "meeting_id").as_deref() == Some("mtg-carol-upcoming")), "only alice's own");
    assert_eq!(text(&upcoming, "search.stage").as_deref(), Some("upcoming"));

    let past = ok(list(obj(&[("stage", s("past"))]))).await;
    let ids: Vec<_> = items(&get(&past, "meetings")).iter().filter_map(|m| text(m, "meeting_id")).collect();
    assert!(ids.contains(&"mtg-alice-past".to_owned()) && !ids.contains(&"mtg-alice-upcoming".to_owned()), "{ids:?}");

    let by_pin = ok(list(obj(&[("search_by", s("mpin")), ("search_string", s("333333"))]))).await;
    let ids: Vec<_> = items(&get(&by_pin, "meetings")).iter().filter_map(|m| text(m, "meeting_id")).collect();
    assert_eq!(ids, ["mtg-alice-current"]);

    // Paging: two pages of two are disjoint and in order; the total is the same on both.
    let p1 = ok(list(obj(&[("page", n(1.0)), ("page_length", n(2.0)), ("order_by", s("meeting_id"))]))).await;
    let p2 = ok(list(obj(&[("page", n(2.0)), ("page_length", n(2.0)), ("order_by", s("meeting_id"))]))).await;
    let ids = |l: &JsValue| items(&get(l, "meetings")).iter().filter_map(|m| text(m, "meeting_id")).collect::<Vec<_>>();
    let (a, b) = (ids(&p1), ids(&p2));
    assert_eq!(a.len(), 2);
    assert!(!b.is_empty());
    assert!(a.iter().all(|x| !b.contains(x)), "pages overlap: {a:?} {b:?}");
    let mut all = a.clone();
    all.extend(b.clone());
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "ordered by meeting_id across pages");
    assert_eq!(num(&p1, "search.page"), Some(1.0));
    assert_eq!(num(&p2, "search.page"), Some(2.0));
    assert_eq!(num(&p1, "search.page_length"), Some(2.0));
}

#[wasm_bindgen_test]
async fn list_meetings_validation_codes_send_nothing() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let seq = emu.last_seq().await;
    let list = |fields: &[(&str, JsValue)]| c.list_meetings(Some(ts(obj(fields))), None);
    assert_validation(&fails(list(&[("page", n(0.0))])).await, 2608, "page");
    assert_validation(&fails(list(&[("page", s("first"))])).await, 2608, "page");
    assert_validation(&fails(list(&[("page_length", s("ten"))])).await, 2501, "page_length");
    assert_validation(&fails(list(&[("page_length", n(2.5))])).await, 2501, "page_length");
    assert_validation(&fails(list(&[("order_qualify", s("up"))])).await, 2604, "order_qualify");
    assert_validation(&fails(list(&[("search_by", s("mpin"))])).await, 2606, "search_string");
    let f = fails(list(&[("stage", s("someday"))])).await;
    assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("stage")), "{f}");
    let f = fails(c.list_meetings(Some(ts(s("page=1"))), None)).await;
    assert_eq!(f.kind, "validation", "{f}");
    assert_eq!(emu.requests_since(seq).await, [], "validation failures send nothing");
}

#[wasm_bindgen_test]
async fn meetings_iterator_walks_every_page() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    // Three meetings of our own, so there are several pages of two.
    let mut mine = Vec::new();
    for i in 0..3 {
        let m = ok(c.schedule_meeting(ts(meeting_input(&format!("Iterated {i}"), 120.0 + f64::from(i))), None)).await;
        mine.push(text(&m, "meeting_id").unwrap());
    }
    let total =
        items(&get(&ok(c.list_meetings(Some(ts(obj(&[("page_length", n(100.0))]))), None)).await, "meetings")).len();
    assert!((6..100).contains(&total), "{total}");

    let seq = emu.last_seq().await;
    let iterable = c.meetings(Some(ts(obj(&[("page_length", n(2.0))]))), None);
    let all = collect_async(&iterable).await.unwrap_or_else(|e| panic!("iteration failed: {}", failure(&e)));
    let ids: Vec<_> = all.iter().map(|m| text(m, "meeting_id").expect("a meeting")).collect();
    assert_eq!(ids.len(), total, "every meeting once: {ids:?}");
    let mut unique_ids = ids.clone();
    unique_ids.sort();
    unique_ids.dedup();
    assert_eq!(unique_ids.len(), total, "no duplicates: {ids:?}");
    for id in &mine {
        assert!(ids.contains(id), "{id} missing");
    }
    let pages = emu.requests_to(seq, "/ucaas/v1/meetings").await.len();
    assert_eq!(pages, total / 2 + 1, "one GET per page, plus the short (or empty) last one");

    // With a stage filter the iterator passes it on.
    let upcoming =
        collect_async(&c.meetings(Some(ts(obj(&[("stage", s("upcoming")), ("page_length", n(2.0))]))), None))
            .await
            .unwrap();
    assert!(upcoming.len() >= 4 && upcoming.len() < total, "the filter narrows: {} of {total}", upcoming.len());
    assert!(upcoming.iter().all(|m| text(m, "stage").as_deref() == Some("upcoming")));

    // A bad query rejects on the first step, sending nothing.
    let seq = emu.last_seq().await;
    let e = collect_async(&c.meetings(Some(ts(obj(&[("page", n(0.0))]))), None)).await.expect_err("page 0 is refused");
    assert_validation(&failure(&e), 2608, "page");
    assert_eq!(emu.requests_since(seq).await, []);

    for id in mine {
        ok(c.cancel_meeting(s(&id), None)).await;
    }
}

// =============================================================================================
// Transport: timeout, abort, retries, undecodable answers, network errors

/// A client signed in as alice, with one meeting of its own (so fault routes are unique).
async fn with_own_meeting(options_: JsValue) -> (UcaasClient, String, String) {
    let c = client_with(options_);
    login(&c, ALICE).await;
    let m = ok(c.schedule_meeting(ts(meeting_input("Transport test", 180.0)), None)).await;
    let id = text(&m, "meeting_id").unwrap();
    let path = format!("/ucaas/v1/meetings/{id}");
    (c, id, path)
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    let emu = Emulator::main();
    let (c, id, path) =
        with_own_meeting(with(options(emulator_url(), "memory", &unique("t")), "timeoutMs", n(400.0))).await;
    // One slow answer: a retry (timeouts are not retried) would get the meeting at once.
    let fault = emu.fault(&format!(r#"{{"route":"{path}","method":"GET","latency_ms":3000,"count":1}}"#)).await;
    let started = now_ms();
    let f = fails(c.get_meeting(s(&id), None)).await;
    let took = now_ms() - started;
    assert_eq!((f.kind.as_str(), f.status), ("timeout", None), "one attempt, not retried: {f}");
    // At least the timeout (1 ms for the clock's rounding), and well before the slow answer.
    assert!((399.0..2500.0).contains(&took), "timed out after {took} ms");
    assert!(c.session().is_object(), "a timeout never ends the session");
    emu.remove_fault(fault).await;

    // The per-call option overrides the client's (here: a longer wait succeeds).
    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","latency_ms":500}}"#)).await;
    ok(c.get_meeting(s(&id), Some(ts(obj(&[("timeoutMs", n(5000.0))]))))).await;
    // And a shorter one on a client with a long default.
    let (c2, id2, path2) = with_own_meeting(options(emulator_url(), "memory", &unique("t"))).await;
    emu.fault(&format!(r#"{{"route":"{path2}","method":"PATCH","latency_ms":1500}}"#)).await;
    let f = fails(c2.update_meeting(
        s(&id2),
        obj(&[("room_name", s("Too slow"))]),
        Some(ts(obj(&[("timeoutMs", n(200.0))]))),
    ))
    .await;
    assert_eq!(f.kind, "timeout", "{f}");
    let f = fails(c2.get_meeting(s(&id2), Some(ts(obj(&[("timeoutMs", n(0.0))]))))).await;
    assert_eq!(f.field.as_deref(), Some("timeoutMs"), "{f}");
    ok(c.cancel_meeting(s(&id), None)).await;
    ok(c2.cancel_meeting(s(&id2), None)).await;
}

#[wasm_bindgen_test]
async fn abort_signal_cancels_a_call_in_flight_or_before_it_starts() {
    let emu = Emulator::main();
    let (c, id, path) = with_own_meeting(options(emulator_url(), "memory", &unique("t"))).await;
    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","latency_ms":1500}}"#)).await;
    let controller = web_sys::AbortController::new().unwrap();
    let started = now_ms();
    let p = c.get_meeting(s(&id), Some(ts(obj(&[("signal", controller.signal().into())]))));
    sleep(100.0).await;
    controller.abort();
    let f = fails(p).await;
    let took = now_ms() - started;
    assert_eq!(f.kind, "aborted", "{f}");
    // At the abort, and well before the slow answer would have come.
    assert!((100.0..1400.0).contains(&took), "aborted after {took} ms");
    assert!(c.session().is_object(), "an abort never ends the session");
    // The emulator logs the aborted request once it sees the connection closed (499, and the
    // handler behind the latency never runs): wait for that entry, so it is not counted below.
    let mut closed = false;
    for _ in 0..50 {
        closed = emu.requests_to(0, &path).await.iter().any(|r| r.method == "GET" && r.status == 499);
        if closed {
            break;
        }
        sleep(100.0).await;
    }
    assert!(closed, "the aborted request is logged as closed by the client (499)");

    // Already aborted: rejected without any request.
    let seq = emu.last_seq().await;
    let f = fails(c.get_meeting(s(&id), Some(ts(obj(&[("signal", controller.signal().into())]))))).await;
    assert_eq!(f.kind, "aborted", "{f}");
    let f = fails(c.join_session(
        ts(obj(&[("pin", s("222222")), ("name", s("A")), ("user_ref", s("r"))])),
        Some(ts(obj(&[("signal", controller.signal().into())]))),
    ))
    .await;
    assert_eq!(f.kind, "aborted", "{f}");
    assert_eq!(emu.requests_since(seq).await, [], "an aborted signal sends nothing");
    let f = fails(c.get_meeting(s(&id), Some(ts(obj(&[("signal", s("stop"))]))))).await;
    assert_eq!(f.field.as_deref(), Some("signal"), "{f}");
    ok(c.cancel_meeting(s(&id), None)).await;
}

#[wasm_bindgen_test]
async fn a_get_is_retried_after_503_html_pages_then_succeeds() {
    let emu = Emulator::main();
    let (c, id, path) = with_own_meeting(options(emulator_url(), "memory", &unique("t"))).await;
    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","html":true,"html_status":503,"count":2}}"#)).await;
    let seq = emu.last_seq().await;
    let m = ok(c.get_meeting(s(&id), None)).await;
    assert_eq!(text(&m, "meeting_id"), Some(id.clone()));
    let statuses: Vec<_> = emu.requests_to(seq, &path).await.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 503, 200], "two retries, then the answer");

    // Three 503s: it gives up after three attempts in all.
    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","html":true,"html_status":503,"count":5}}"#)).await;
    let seq = emu.last_seq().await;
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(503)), "{f}");
    assert_eq!(emu.requests_to(seq, &path).await.len(), 3, "at most two retries");
    emu.control("DELETE", "/faults", None).await;

    assert!(c.session().is_object(), "5xx and network errors never end a session");
    ok(c.cancel_meeting(s(&id), None)).await;
}

#[wasm_bindgen_test]
async fn post_patch_delete_are_never_retried() {
    let emu = Emulator::main();
    let (c, id, path) = with_own_meeting(options(emulator_url(), "memory", &unique("t"))).await;

    emu.fault(r#"{"route":"/ucaas/v1/meetings","method":"POST","html":true,"html_status":503,"count":3}"#).await;
    let seq = emu.last_seq().await;
    let f = fails(c.schedule_meeting(ts(meeting_input("Not twice", 200.0)), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(503)), "{f}");
    let posts: Vec<_> =
        emu.requests_to(seq, "/ucaas/v1/meetings").await.into_iter().filter(|r| r.method == "POST").collect();
    assert_eq!(posts.len(), 1, "exactly one POST: {posts:?}");
    emu.control("DELETE", "/faults", None).await;

    for (method, call) in [
        (
            "PATCH",
            Box::new(|| c.update_meeting(s(&id), obj(&[("room_name", s("Changed?"))]), None))
                as Box<dyn Fn() -> js_sys::Promise>,
        ),
        ("DELETE", Box::new(|| c.cancel_meeting(s(&id), None))),
    ] {
        emu.fault(&format!(r#"{{"route":"{path}","method":"{method}","html":true,"html_status":503,"count":3}}"#))
            .await;
        let seq = emu.last_seq().await;
        let f = fails(call()).await;
        assert_eq!((f.kind.as_str(), f.status), ("decode", Some(503)), "{method}: {f}");
        assert_eq!(emu.requests_to(seq, &path).await.len(), 1, "exactly one {method}");
        emu.control("DELETE", "/faults", None).await;
    }
    let m = ok(c.get_meeting(s(&id), None)).await;
    assert_eq!(text(&m, "room_name").as_deref(), Some("Transport test"), "the failed PATCH changed nothing");

    // A connection closed without an answer is a network error. (No count here: Chromium
    // itself resends a request whose reused keep-alive connection closes before any answer.)
    emu.fault(r#"{"route":"/ucaas/v1/sessions/invite","method":"POST","drop":true,"count":10}"#).await;
    let f = fails(c.invite_to_session(ts(obj(&[("meeting_id", s(&id)), ("invitees", strs(&["x@drop.test"]))])), None))
        .await;
    assert_eq!((f.kind.as_str(), f.status), ("network", None), "{f}");
    emu.control("DELETE", "/faults", None).await;
    assert!(c.session().is_object(), "a network error keeps the session");
    ok(c.cancel_meeting(s(&id), None)).await;
}

#[wasm_bindgen_test]
async fn a_network_error_on_a_get_keeps_the_session() {
    let emu = Emulator::main();
    let (c, id, path) = with_own_meeting(options(emulator_url(), "memory", &unique("t"))).await;
    let events = Events::record(&c);
    // Every attempt dropped (Chromium may resend a dropped request itself, so the count is high).
    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","drop":true,"count":20}}"#)).await;
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("network", None), "{f}");
    emu.control("DELETE", "/faults", None).await;
    assert!(c.session().is_object(), "a network error keeps the session");
    // The token still works, and nothing was reported.
    assert_eq!(text(&ok(c.get_meeting(s(&id), None)).await, "meeting_id"), Some(id.clone()));
    assert_eq!(events.list(), [format!("initial:{ALICE}")]);
    ok(c.cancel_meeting(s(&id), None)).await;
}

/// The `http` and `decode` kinds in a page: an error status with JSON but no `result` (a
/// gateway's own JSON), and valid JSON of the wrong shape (a meeting without its id).
#[wasm_bindgen_test]
async fn json_without_a_result_is_http_and_json_of_the_wrong_shape_is_decode() {
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let f = {
        let _stub = FetchStub::answering(400, r#"{"error":"bad request at the gateway"}"#);
        fails(c.get_meeting(s("mtg-alice-upcoming"), None)).await
    };
    assert_eq!((f.kind.as_str(), f.status, f.code), ("http", Some(400), None), "{f}");
    let f = {
        let _stub = FetchStub::answering(200, r#"{"result":1,"meeting":{"room_name":"No id"}}"#);
        fails(c.get_meeting(s("mtg-alice-upcoming"), None)).await
    };
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(200)), "{f}");
    assert!(f.message.contains("meeting_id"), "names the missing field: {f}");
    let f = {
        let _stub = FetchStub::answering(200, r#"[{"result":1}]"#);
        fails(c.list_meetings(None, None)).await
    };
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(200)), "an array is not an answer: {f}");
    assert!(c.session().is_object(), "neither ends the session");
    ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
}

/// The browser build has no API-key path: whatever its options say, no method sends
/// `Authorization: Basic` (the emulator logs each request's scheme, never its value), and the
/// methods that need a login send the token.
#[wasm_bindgen_test]
async fn no_browser_method_sends_basic_auth() {
    let emu = Emulator::main();
    let c = client_with(with(options(emulator_url(), "memory", &unique("t")), "apiKey", s("demo-key")));
    let seq = emu.last_seq().await;
    let _ = call(c.request_password_reset(s("bob@example.test"), None)).await;
    let _ = call(c.validate_reset_key(s("no-such-key"), None)).await;
    let reset =
        obj(&[("email", s("bob@example.test")), ("password", s("Abcdefgh1")), ("password_retyped", s("Abcdefgh1"))]);
    let _ = call(c.reset_password(s("no-such-key"), ts(reset), None)).await;
    ok(c.join_session(ts(obj(&[("pin", s("222222")), ("name", s("Ann")), ("user_ref", s("u-ann"))])), None)).await;
    let invitee = format!("{}@invitees.test", unique("basic"));
    ok(c.invite_to_session(ts(obj(&[("pin", s("111111")), ("invitees", strs(&[&invitee]))])), None)).await;
    ok(c.get_branding(ts(obj(&[("domain", s("meet.example.test"))])), None)).await;
    login(&c, ALICE).await;
    let m = ok(c.schedule_meeting(ts(meeting_input("No Basic", 300.0)), None)).await;
    let id = get(&m, "meeting_id");
    ok(c.get_meeting(id.clone(), None)).await;
    ok(c.update_meeting(id.clone(), obj(&[("room_name", s("Still no Basic"))]), None)).await;
    ok(c.list_meetings(None, None)).await;
    collect_async(&c.meetings(Some(ts(obj(&[("page_length", n(50.0))]))), None)).await.unwrap();
    ok(c.cancel_meeting(id, None)).await;
    c.logout();

    let sent = emu.api_requests_since(seq).await;
    let paths: Vec<_> = sent.iter().map(|r| format!("{} {} {:?}", r.method, r.path, r.auth)).collect();
    assert!(sent.len() >= 13, "every method above was sent: {paths:?}");
    assert!(sent.iter().all(|r| r.auth.as_deref() != Some("Basic")), "no Basic: {paths:?}");
    let meetings: Vec<_> = sent.iter().filter(|r| r.path.starts_with("/ucaas/v1/meetings")).collect();
    assert!(meetings.len() >= 6, "{paths:?}");
    assert!(meetings.iter().all(|r| r.auth.as_deref() == Some("Token")), "the token, nothing else: {paths:?}");
    let login_sent = sent.iter().find(|r| r.path == "/ucaas/v1/login").expect("a login");
    assert_eq!(login_sent.auth, None, "a login carries no credentials in a header");
}

#[wasm_bindgen_test]
async fn undecodable_answers_are_decode_errors_with_the_status() {
    let emu = Emulator::main();
    let (c, id, path) = with_own_meeting(options(emulator_url(), "memory", &unique("t"))).await;

    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","truncate":true}}"#)).await;
    let seq = emu.last_seq().await;
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(200)), "a truncated body: {f}");
    assert_eq!(emu.requests_to(seq, &path).await.len(), 1, "not retried");

    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","html":true,"html_status":500}}"#)).await;
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(500)), "an HTML error page: {f}");

    emu.fault(r#"{"route":"/ucaas/v1/login","method":"POST","html":true,"html_status":404}"#).await;
    let (other, _) = client("memory");
    let f = fails(other.login(s(ALICE), s(PASSWORD), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(404)), "{f}");
    assert!(other.session().is_undefined());

    // A server fault in JSON is an "api" error carrying its result code.
    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","error_rate":1.0}}"#)).await;
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!((f.kind.as_str(), f.status, f.code), ("api", Some(500), Some(500)), "{f}");
    assert!(c.session().is_object(), "undecodable answers never end a session");
    ok(c.cancel_meeting(s(&id), None)).await;
}

#[wasm_bindgen_test]
async fn a_closed_port_is_a_network_error() {
    let c = client_with(options(closed_url(), "memory", &unique("t")));
    let f = fails(c.login(s(ALICE), s(PASSWORD), None)).await;
    assert_eq!((f.kind.as_str(), f.status, f.code), ("network", None, None), "{f}");
    let f = fails(c.get_branding(ts(obj(&[("domain", s("meet.example.test"))])), None)).await;
    assert_eq!(f.kind, "network", "after its retries: {f}");
}
