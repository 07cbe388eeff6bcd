//! `UcaasClient` in a dedicated Web Worker of headless Chromium (no `window`, no web storage),
//! against the emulator (`tests/browser.sh`). It proves the client reaches `fetch` and timers
//! through the global scope, falls back to memory storage, and works end to end there.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
fn this_is_a_dedicated_worker_without_window_or_storage() {
    let global = js_sys::global();
    assert!(global.is_instance_of::<web_sys::WorkerGlobalScope>(), "not a worker scope");
    assert!(web_sys::window().is_none(), "a worker has no window");
    assert!(web_storage("localStorage").is_none() && web_storage("sessionStorage").is_none());
}

#[wasm_bindgen_test]
async fn every_storage_mode_falls_back_to_memory() {
    for storage in ["local", "session", "memory"] {
        let key = unique("w");
        let c = try_client(options(emulator_url(), storage, &key))
            .unwrap_or_else(|e| panic!("construction with {storage:?} must not throw in a worker: {}", failure(&e)));
        assert_eq!(c.storage_mode(), "memory", "{storage}");
        assert!(ok(c.ready()).await.is_undefined());
        login(&c, ALICE).await;
        assert_eq!(text(&c.session(), "user.email").as_deref(), Some(ALICE), "{storage}");
        ok(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
        let second = client_with(options(emulator_url(), storage, &key));
        assert!(second.session().is_undefined(), "{storage}: memory is per client");
        c.logout();
        assert!(c.session().is_undefined());
    }
}

#[wasm_bindgen_test]
async fn login_failures_and_auth_events() {
    let (c, _) = client("local");
    let events = Events::record(&c);
    let f = fails(c.login(s(ALICE), s("wrong"), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("unauthenticated", Some(401)), "{f}");
    let f = fails(c.login(s(""), s(PASSWORD), None)).await;
    assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("email")), "{f}");
    login(&c, ALICE).await;
    c.logout();
    assert_eq!(events.list(), ["initial".to_owned(), format!("signed_in:{ALICE}"), "signed_out".to_owned()]);
}

#[wasm_bindgen_test]
async fn meetings_round_trip_and_paging() {
    let emu = Emulator::main();
    let (c, _) = client("session");
    login(&c, ALICE).await;
    let m = ok(c.schedule_meeting(ts(meeting_input("Worker meeting", 90.0)), None)).await;
    let id = text(&m, "meeting_id").unwrap();
    assert_eq!(text(&ok(c.get_meeting(s(&id), None)).await, "room_name").as_deref(), Some("Worker meeting"));
    let u = ok(c.update_meeting(s(&id), obj(&[("room_name", s("Worker renamed"))]), None)).await;
    assert_eq!(text(&u, "room_name").as_deref(), Some("Worker renamed"));

    let upcoming =
        ok(c.list_meetings(Some(ts(obj(&[("stage", s("upcoming")), ("page_length", n(100.0))]))), None)).await;
    let ids: Vec<_> = items(&get(&upcoming, "meetings")).iter().filter_map(|m| text(m, "meeting_id")).collect();
    assert!(ids.contains(&id) && ids.contains(&"mtg-alice-upcoming".to_owned()), "{ids:?}");

    let everything =
        items(&get(&ok(c.list_meetings(Some(ts(obj(&[("page_length", n(100.0))]))), None)).await, "meetings")).len();
    let seq = emu.last_seq().await;
    let walked = collect_async(&c.meetings(Some(ts(obj(&[("page_length", n(2.0))]))), None)).await.unwrap();
    assert_eq!(walked.len(), everything);
    assert_eq!(emu.requests_to(seq, "/ucaas/v1/meetings").await.len(), everything / 2 + 1, "one GET per page");

    ok(c.cancel_meeting(s(&id), None)).await;
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!(f.kind, "not_found", "{f}");
    let f = fails(c.get_meeting(s("mtg-carol-upcoming"), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("forbidden", Some(403)), "{f}");
}

#[wasm_bindgen_test]
async fn join_invite_and_branding_need_no_login() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let join = |pin: &str| c.join_session(ts(obj(&[("pin", s(pin)), ("name", s("W")), ("user_ref", s("w-1"))])), None);
    assert_eq!(text(&ok(join("111111")).await, "user.role").as_deref(), Some("moderator"));
    assert_eq!(text(&ok(join("222222")).await, "user.role").as_deref(), Some("participant"));
    let to = format!("{}@worker.test", unique("inv"));
    ok(c.invite_to_session(ts(obj(&[("pin", s("222222")), ("invitees", strs(&[&to]))])), None)).await;
    assert_eq!(emu.outbox(&to).await.len(), 1);
    let b = ok(c.get_branding(ts(obj(&[("customer_id", s("c-acme"))])), None)).await;
    assert_eq!(text(&b, "vc.name").as_deref(), Some("Acme Meetings"));

    let seq = emu.last_seq().await;
    assert_validation(&fails(join("123")).await, 2107, "pin");
    assert_validation(
        &fails(c.invite_to_session(ts(obj(&[("pin", s("222222")), ("invitees", strs(&[]))])), None)).await,
        2209,
        "invitees",
    );
    assert_eq!(emu.requests_since(seq).await, [], "validation failures send nothing");
}

#[wasm_bindgen_test]
async fn timeout_abort_and_retry_use_the_workers_timers() {
    let emu = Emulator::main();
    let c = client_with(with(options(emulator_url(), "memory", &unique("w")), "timeoutMs", n(400.0)));
    login(&c, ALICE).await;
    let m = ok(c.schedule_meeting(ts(meeting_input("Worker transport", 95.0)), None)).await;
    let id = text(&m, "meeting_id").unwrap();
    let path = format!("/ucaas/v1/meetings/{id}");

    // One slow answer: a retry (timeouts are not retried) would get the meeting at once.
    let fault = emu.fault(&format!(r#"{{"route":"{path}","method":"GET","latency_ms":3000,"count":1}}"#)).await;
    let started = now_ms();
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!(f.kind, "timeout", "one attempt, not retried: {f}");
    let took = now_ms() - started;
    // At least the timeout (1 ms for the clock's rounding), and well before the slow answer.
    assert!((399.0..2500.0).contains(&took), "timed out after {took} ms");
    // The abort below needs a slow answer again.
    emu.remove_fault(fault).await;
    let fault = emu.fault(&format!(r#"{{"route":"{path}","method":"GET","latency_ms":3000,"count":1}}"#)).await;

    let controller = web_sys::AbortController::new().unwrap();
    let p = c.get_meeting(s(&id), Some(ts(obj(&[("signal", controller.signal().into()), ("timeoutMs", n(5000.0))]))));
    sleep(100.0).await;
    controller.abort();
    assert_eq!(fails(p).await.kind, "aborted");
    emu.remove_fault(fault).await;
    let seq = emu.last_seq().await;
    assert_eq!(
        fails(c.get_meeting(s(&id), Some(ts(obj(&[("signal", controller.signal().into())]))))).await.kind,
        "aborted"
    );
    assert_eq!(emu.requests_since(seq).await, [], "an aborted signal sends nothing");

    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","html":true,"html_status":503,"count":2}}"#)).await;
    let seq = emu.last_seq().await;
    ok(c.get_meeting(s(&id), None)).await;
    let statuses: Vec<_> = emu.requests_to(seq, &path).await.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 503, 200]);

    emu.fault(&format!(r#"{{"route":"{path}","method":"DELETE","html":true,"html_status":503,"count":3}}"#)).await;
    let seq = emu.last_seq().await;
    let f = fails(c.cancel_meeting(s(&id), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(503)), "{f}");
    assert_eq!(emu.requests_to(seq, &path).await.len(), 1, "a DELETE is never retried");
    emu.control("DELETE", "/faults", None).await;

    emu.fault(&format!(r#"{{"route":"{path}","method":"GET","truncate":true}}"#)).await;
    let f = fails(c.get_meeting(s(&id), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("decode", Some(200)), "{f}");
    ok(c.cancel_meeting(s(&id), None)).await;

    let closed = client_with(options(closed_url(), "memory", &unique("w")));
    assert_eq!(fails(closed.login(s(ALICE), s(PASSWORD), None)).await.kind, "network");
}

#[wasm_bindgen_test]
async fn client_side_expiry_timer_runs_in_a_worker() {
    // The shortest token life (181 s): "expiring" about 1 s after login. When it comes, the
    // clock jumps past the expiry (as after a sleep); the timer the client then arms ends the
    // session without any call.
    let c = client_with(with(options(emulator_url(), "local", &unique("w")), "tokenTtlSeconds", n(181.0)));
    let events = Events::record(&c);
    let shift: std::rc::Rc<std::cell::RefCell<Option<ClockShift>>> = Default::default();
    let on_expiring = shift.clone();
    let listener =
        wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |event: wasm_bindgen::JsValue| {
            if event.as_string().as_deref() == Some("expiring") {
                on_expiring.borrow_mut().replace(ClockShift::by(125_000.0));
            }
        });
    let _unsubscribe = c.on_auth_change(listener.into_js_value()).unwrap();
    login(&c, ALICE).await;
    events.wait_for("expiring", 3000.0).await;
    events.wait_for("expired", 3000.0).await;
    drop(shift.borrow_mut().take());
    assert!(c.session().is_undefined());
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
async fn server_expiry_ends_the_session_once() {
    let emu = Emulator::short_ttl();
    let c = client_with(options(emu.base, "session", &unique("w")));
    login(&c, ALICE).await;
    let events = Events::record(&c);
    emu.advance_clock(71).await;
    let (a, b) = (c.get_meeting(s("mtg-alice-upcoming"), None), c.list_meetings(None, None));
    for p in [a, b] {
        let f = fails(p).await;
        assert_eq!((f.kind.as_str(), f.status), ("expired", Some(403)), "{f}");
    }
    assert_eq!(events.list(), [format!("initial:{ALICE}"), "expired".to_owned()]);
    assert!(c.session().is_undefined());
}

// Session races in a worker too (memory storage): logout stops a login in flight, and the
// latest-started login wins (the page suite, tests/web_session.rs, has the storage cases).
#[wasm_bindgen_test]
async fn logout_while_a_login_is_in_flight_and_the_latest_login_wins() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    let events = Events::record(&c);
    emu.fault(r#"{"route":"/login","method":"POST","latency_ms":400,"count":1}"#).await;
    let pending = c.login(s(ALICE), s(PASSWORD), None);
    sleep(50.0).await;
    c.logout();
    assert_eq!(fails(pending).await.kind, "aborted");
    emu.round_trip_after(400).await; // past the stopped login's late answer
    assert!(c.session().is_undefined());
    assert_eq!(events.list(), ["initial"]);

    emu.fault(r#"{"route":"/login","method":"POST","latency_ms":400,"count":1}"#).await;
    let older = c.login(s(ALICE), s(PASSWORD), None);
    sleep(50.0).await;
    ok(c.login(s("bob@example.test"), s(PASSWORD), None)).await;
    assert_eq!(fails(older).await.kind, "aborted");
    emu.round_trip_after(400).await; // past the older login's late answer
    assert_eq!(text(&c.session(), "user.email").as_deref(), Some("bob@example.test"));
    c.logout();
}

// Hostile ids and a gateway's 401 page behave in a worker as in a page (tests/web_session.rs).
#[wasm_bindgen_test]
async fn hostile_ids_send_nothing_and_a_gateways_401_page_ends_the_session() {
    let emu = Emulator::main();
    let (c, _) = client("memory");
    login(&c, ALICE).await;
    let seq = emu.last_seq().await;
    for id in ["..", "%2e%2e", "a/../.."] {
        let f = fails(c.cancel_meeting(s(id), None)).await;
        assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("meeting_id")), "{id:?}: {f}");
    }
    assert_eq!(emu.api_requests_since(seq).await, [], "nothing was sent");
    emu.fault(r#"{"route":"/meetings/*","method":"GET","html":true,"html_status":401,"count":1}"#).await;
    let f = fails(c.get_meeting(s("mtg-alice-upcoming"), None)).await;
    assert_eq!((f.kind.as_str(), f.status), ("unauthenticated", Some(401)), "{f}");
    assert!(c.session().is_undefined());
}
