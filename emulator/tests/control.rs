//! The `/__emulator/` controls, fault injection, static files, logs, persistence with
//! `--data-file` (restart, SIGKILL during writes) and graceful shutdown, on the real binary.

mod common;

use common::{raw, Emu};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

/// The SIGKILL test loads the machine (three writers flat out, three kills): the other tests,
/// which start emulators and time faults, run beside each other but never beside it.
static KILLING: RwLock<()> = RwLock::new(());

/// Held by every test but the SIGKILL one for as long as it runs.
fn beside_others() -> RwLockReadGuard<'static, ()> {
    KILLING.read().unwrap_or_else(|e| e.into_inner())
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ucaas-emu-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn create(e: &Emu, token: &str, name: &str) -> String {
    let body = json!({ "room_name": name, "start_time": "2099-01-01 10:00:00", "duration": 30, "moderators": 1, "participants": 2 });
    let r = e.authed(token, "POST", "/meetings", Some(body));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["meeting"]["meeting_id"].as_str().unwrap().to_string()
}

#[test]
fn clock_reset_outbox_and_request_log() {
    let _beside = beside_others();
    let e = Emu::start(&[]);
    let c = e.control("GET", "clock", None);
    assert_eq!(c["offset_seconds"], 0);
    assert_eq!(c["now"].as_str().unwrap().len(), 19);
    let c = e.control("POST", "clock", Some(json!({ "offset_seconds": 3600 })));
    assert_eq!(c["offset_seconds"], 3600);
    let c = e.control("POST", "clock", Some(json!({ "advance_seconds": 60 })));
    assert_eq!(c["offset_seconds"], 3660);
    assert_eq!(e.req("POST", "/__emulator/clock", &[], Some("{}")).status, 400);

    let t = e.login("alice@example.test");
    e.authed(&t, "DELETE", "/meetings/mtg-alice-upcoming", None);
    // The clock is an hour ahead: invite to a permanent room (the current meeting is over).
    assert_eq!(
        e.api("POST", "/sessions/invite", Some(json!({ "pin": "900402", "invitees": ["x@example.test"] }))).status,
        200
    );
    assert_eq!(e.outbox().len(), 1);
    e.control("POST", "reset", None);
    assert_eq!(e.control("GET", "clock", None)["offset_seconds"], 0);
    assert!(e.outbox().is_empty());
    // Tokens are gone, the meeting is back.
    e.authed(&t, "GET", "/meetings", None).assert_error(401, 1001);
    let t = e.login("alice@example.test");
    assert_eq!(e.authed(&t, "GET", "/meetings/mtg-alice-upcoming", None).status, 200);

    e.control("DELETE", "requests", None);
    e.api("POST", "/sessions/join", Some(json!({ "pin": "333333" })));
    e.api("PATCH", "/password/secret-reset-key", None);
    e.authed(&t, "GET", "/meetings?search_by=mpin&search_string=333333", None);
    let log = e.control("GET", "requests", None)["requests"].as_array().unwrap().clone();
    let lines: Vec<String> = log
        .iter()
        .map(|r| format!("{} {} {}", r["method"].as_str().unwrap(), r["path"].as_str().unwrap(), r["status"]))
        .collect();
    assert_eq!(
        lines,
        ["POST /ucaas/v1/sessions/join 200", "PATCH /ucaas/v1/password/{key} 404", "GET /ucaas/v1/meetings 200"]
    );
    assert!(log.iter().all(|r| r["ms"].is_number() && r["seq"].is_number()));
    let last = log.last().unwrap()["seq"].as_u64().unwrap();
    assert!(e.control("GET", &format!("requests?since={last}"), None)["requests"].as_array().unwrap().is_empty());
    assert_eq!(e.control("GET", "outbox?to=nobody@x", None)["mails"].as_array().unwrap().len(), 0);
}

#[test]
fn faults_are_bounded_and_each_kind_works() {
    let _beside = beside_others();
    let e = Emu::start(&[]);
    let t = e.login("alice@example.test");
    let get = || e.authed(&t, "GET", "/meetings/mtg-alice-current", None);
    let add = |spec: Value| e.control("POST", "faults", Some(spec))["fault"].clone();

    let f = add(json!({ "route": "/meetings/*", "error_rate": 1.0, "count": 2 }));
    assert_eq!(f["remaining"], 2);
    get().assert_error(500, 500);
    assert_eq!(e.authed(&t, "GET", "/meetings", None).status, 200, "other routes untouched");
    get().assert_error(500, 500);
    assert_eq!(get().status, 200, "count used up");

    add(json!({ "route": "/ucaas/v1/meetings/*", "method": "GET", "latency_ms": 300 }));
    let started = Instant::now();
    assert_eq!(get().status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    add(json!({ "route": "/meetings/*", "truncate": true }));
    let r = get();
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.body).is_err(), "body should be cut: {}", r.body);
    assert!(!r.body.is_empty());

    add(json!({ "route": "/meetings/*", "html": true }));
    let r = get();
    assert_eq!(r.status, 502);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.body.contains("<html>"));

    add(json!({ "route": "/meetings/*", "drop": true }));
    let auth = format!("Token {t}");
    let dropped = raw(
        &e.addr,
        "GET",
        "/ucaas/v1/meetings/mtg-alice-current",
        &[("Authorization", &auth), ("X-App-Type", "vc")],
        None,
    );
    assert!(dropped.is_err(), "connection should close without an answer: {dropped:?}");
    assert_eq!(get().status, 200);

    // Expiry instead of a count; listing and deleting.
    let f = add(json!({ "route": "*", "error_rate": 1.0, "expires_in_ms": 60000 }));
    assert!(f["remaining"].is_null());
    assert_eq!(e.control("GET", "faults", None)["faults"].as_array().unwrap().len(), 1);
    get().assert_error(500, 500);
    get().assert_error(500, 500);
    e.control("DELETE", &format!("faults/{}", f["id"]), None);
    assert_eq!(get().status, 200);
    add(json!({ "route": "*", "error_rate": 1.0, "expires_in_ms": 200 }));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(get().status, 200, "expired");
    add(json!({ "route": "*", "error_rate": 1.0, "count": 5 }));
    e.control("DELETE", "faults", None);
    assert_eq!(get().status, 200);
    // Controls themselves are never faulted, and bad specs are refused.
    add(json!({ "route": "*", "error_rate": 1.0, "count": 5 }));
    e.control("GET", "clock", None);
    e.control("DELETE", "faults", None);
    for bad in [
        json!({ "error_rate": 1 }),
        json!({ "route": "*", "error_rate": 2.0 }),
        json!({ "route": "*", "count": 0 }),
        json!({ "route": "*", "bogus": 1 }),
    ] {
        assert_eq!(e.req("POST", "/__emulator/faults", &[], Some(&bad.to_string())).status, 400, "{bad}");
    }
    let log = e.control("GET", "requests", None)["requests"].as_array().unwrap().clone();
    assert!(log.iter().any(|r| r["status"] == 0), "dropped request logged with status 0");
}

/// Meetings of alice's whose room name is `name` (the list searches nothing by name: all pages).
fn meetings_named(e: &Emu, token: &str, name: &str) -> usize {
    let list = e.authed(token, "GET", "/meetings?page_length=100", None).json();
    list["meetings"].as_array().unwrap().iter().filter(|m| m["room_name"] == name).count()
}

#[test]
fn reset_after_runs_the_handler_then_closes_without_the_answer() {
    let _beside = beside_others();
    let e = Emu::start(&[]);
    let t = e.login("alice@example.test");
    let auth = format!("Token {t}");
    let headers = [("Authorization", auth.as_str()), ("X-App-Type", "vc")];
    let body = |name: &str| {
        json!({ "room_name": name, "start_time": "2099-01-01 10:00:00", "duration": 30, "moderators": 1, "participants": 2 })
            .to_string()
    };
    let f = e.control("POST", "faults", Some(json!({ "route": "/meetings", "method": "POST", "reset_after": true })));
    assert_eq!(f["fault"]["reset_after"], true);
    let answer = raw(&e.addr, "POST", "/ucaas/v1/meetings", &headers, Some(&body("Reset after create")));
    assert!(answer.is_err(), "connection should close without an answer: {answer:?}");
    assert_eq!(meetings_named(&e, &t, "Reset after create"), 1, "the handler ran: the meeting exists");
    let log = e.control("GET", "requests", None)["requests"].as_array().unwrap().clone();
    let post = log.iter().find(|r| r["method"] == "POST" && r["path"] == "/ucaas/v1/meetings").unwrap();
    assert_eq!(post["status"], 0, "logged as dropped: {post}");

    // `drop` on the same route closes before the handler: nothing is created.
    e.control("POST", "faults", Some(json!({ "route": "/meetings", "method": "POST", "drop": true })));
    assert!(raw(&e.addr, "POST", "/ucaas/v1/meetings", &headers, Some(&body("Dropped before create"))).is_err());
    assert_eq!(meetings_named(&e, &t, "Dropped before create"), 0);
}

#[test]
fn a_client_that_gives_up_during_latency_cancels_the_handler() {
    let _beside = beside_others();
    let e = Emu::start(&[]);
    let t = e.login("alice@example.test");
    let auth = format!("Token {t}");
    e.control("POST", "faults", Some(json!({ "route": "/meetings", "method": "POST", "latency_ms": 1500 })));
    let body = json!({ "room_name": "Given up", "start_time": "2099-01-01 10:00:00", "duration": 30, "moderators": 1, "participants": 2 })
        .to_string();
    let mut s = std::net::TcpStream::connect(&e.addr).unwrap();
    let req = format!(
        "POST /ucaas/v1/meetings HTTP/1.1\r\nHost: {}\r\nAuthorization: {auth}\r\nX-App-Type: vc\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        e.addr,
        body.len()
    );
    std::io::Write::write_all(&mut s, req.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    drop(s); // the client's timeout: it closes the connection before the answer
    std::thread::sleep(Duration::from_millis(1800)); // past the latency
    assert_eq!(meetings_named(&e, &t, "Given up"), 0, "the handler never ran");
    // The log still has it, as closed by the client (it would otherwise hide a sent write).
    let log = e.control("GET", "requests", None)["requests"].as_array().unwrap().clone();
    let post = log.iter().find(|r| r["method"] == "POST" && r["path"] == "/ucaas/v1/meetings");
    assert_eq!(post.map(|p| p["status"].clone()), Some(json!(499)), "{log:?}");
}

#[test]
fn no_control_turns_the_controls_off_and_static_serves_files() {
    let _beside = beside_others();
    let dir = temp_dir("static");
    std::fs::write(dir.join("index.html"), "<h1>demo</h1>").unwrap();
    std::fs::create_dir_all(dir.join("js")).unwrap();
    std::fs::write(dir.join("js/app.js"), "console.log(1)").unwrap();
    let e = Emu::start(&["--no-control", "--static", dir.to_str().unwrap()]);
    e.req("GET", "/__emulator/clock", &[], None).assert_error(404, 404);
    let r = raw(&e.addr, "GET", "/", &[], None).unwrap();
    assert_eq!((r.status, r.body.as_str()), (200, "<h1>demo</h1>"));
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let r = raw(&e.addr, "GET", "/js/app.js", &[], None).unwrap();
    assert!(r.header("content-type").unwrap().starts_with("text/javascript"));
    assert_eq!(raw(&e.addr, "GET", "/../Cargo.toml", &[], None).unwrap().status, 404);
    assert_eq!(raw(&e.addr, "GET", "/missing.html", &[], None).unwrap().status, 404);
    assert_eq!(e.api("POST", "/sessions/join", Some(json!({ "pin": "333333" }))).status, 200);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_panicking_handler_answers_500_json_and_the_server_lives() {
    let _beside = beside_others();
    let mut e = Emu::start(&[]);
    let t = e.login("alice@example.test");
    e.control("DELETE", "requests", None);
    let f = e.control("POST", "faults", Some(json!({ "route": "/meetings/*", "method": "GET", "panic": true })))
        ["fault"]
        .clone();
    assert_eq!(f["panic"], true);
    let r = e.authed(&t, "GET", "/meetings/mtg-alice-current", None);
    assert_eq!(r.status, 500, "{}", r.body);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.json(),
        json!({ "result": 500, "msg": "Internal Server Error", "desc": "The handler panicked: injected fault: panic" })
    );
    // The server lives, on a new connection, and the fault is used up.
    assert_eq!(e.authed(&t, "GET", "/meetings/mtg-alice-current", None).status, 200);

    // A write that panics changes nothing (the fault panics before the handler runs).
    e.control("POST", "faults", Some(json!({ "route": "/meetings/mtg-alice-upcoming", "panic": true })));
    e.authed(&t, "DELETE", "/meetings/mtg-alice-upcoming", None).assert_error(500, 500);
    assert_eq!(e.authed(&t, "GET", "/meetings/mtg-alice-upcoming", None).status, 200);

    let log = e.control("GET", "requests", None)["requests"].as_array().unwrap().clone();
    let lines: Vec<String> = log
        .iter()
        .map(|r| format!("{} {} {}", r["method"].as_str().unwrap(), r["path"].as_str().unwrap(), r["status"]))
        .collect();
    assert_eq!(
        lines,
        [
            "GET /ucaas/v1/meetings/mtg-alice-current 500",
            "GET /ucaas/v1/meetings/mtg-alice-current 200",
            "DELETE /ucaas/v1/meetings/mtg-alice-upcoming 500",
            "GET /ucaas/v1/meetings/mtg-alice-upcoming 200",
        ]
    );

    assert!(e.terminate().success());
    let stderr = e.stderr_text();
    let panicked: Vec<&str> = stderr.lines().filter(|l| l.contains("handler panicked")).collect();
    assert_eq!(panicked.len(), 2, "{stderr}");
    assert!(
        panicked[0].starts_with(
            "ucaas-emulator: handler panicked on GET /ucaas/v1/meetings/mtg-alice-current: injected fault: panic"
        ),
        "{stderr}"
    );
    assert!(
        panicked[1].starts_with("ucaas-emulator: handler panicked on DELETE /ucaas/v1/meetings/mtg-alice-upcoming: ")
    );
    // The default hook's message and backtrace note are replaced by that line.
    assert!(!stderr.contains("panicked at") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(stderr.contains("GET /ucaas/v1/meetings/mtg-alice-current 500 "), "{stderr}");
}

#[test]
fn stderr_logs_one_line_per_request_without_secrets_and_sigterm_stops() {
    let _beside = beside_others();
    let mut e = Emu::start(&[]);
    let t = e.login("alice@example.test");
    e.api("POST", "/sessions/join", Some(json!({ "pin": "333333" })));
    e.authed(&t, "GET", "/meetings?search_by=mpin&search_string=333333", None);
    e.api("PATCH", "/password/topsecretkey", None);
    let status = e.terminate();
    assert!(status.success(), "{status:?}");
    let log = e.stderr_text();
    for secret in [t.as_str(), "Passw0rd!", "333333", "topsecretkey"] {
        assert!(!log.contains(secret), "{secret} leaked into {log}");
    }
    let requests: Vec<&str> = log.lines().filter(|l| l.contains("/ucaas/v1/")).collect();
    assert_eq!(requests.len(), 4, "{log}");
    assert!(requests[0].starts_with("POST /ucaas/v1/login 200 ") && requests[0].ends_with("ms"));
    assert!(requests[3].starts_with("PATCH /ucaas/v1/password/{key} 404"));
}

#[test]
fn data_file_survives_a_restart() {
    let _beside = beside_others();
    let dir = temp_dir("persist");
    let file = dir.join("state.json");
    let path = file.to_str().unwrap();
    let mut e = Emu::start(&["--data-file", path]);
    let t = e.login("alice@example.test");
    let id = create(&e, &t, "Persisted");
    e.authed(&t, "DELETE", "/meetings/mtg-alice-past", None);
    assert!(e.terminate().success());
    let e = Emu::start(&["--data-file", path]);
    let t = e.login("alice@example.test");
    assert_eq!(e.authed(&t, "GET", &format!("/meetings/{id}"), None).json()["meeting"]["room_name"], "Persisted");
    e.authed(&t, "GET", "/meetings/mtg-alice-past", None).assert_error(404, 404);
    drop(e);
    // A corrupt data file is refused, not silently replaced by the seed.
    std::fs::write(&file, "{ torn").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ucaas-emulator"))
        .args(["--port", "0", "--data-file", path])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn sigkill_during_writes_leaves_a_readable_file() {
    let _alone = KILLING.write().unwrap_or_else(|e| e.into_inner());
    let dir = temp_dir("kill");
    let file = dir.join("state.json");
    let path = file.to_str().unwrap();
    for round in 0..3 {
        let mut e = Emu::start(&["--data-file", path]);
        let t = e.login("alice@example.test");
        let done = Arc::new(AtomicU32::new(0));
        let writers: Vec<_> = (0..3)
            .map(|w| {
                let (addr, auth, done) = (e.addr.clone(), format!("Token {t}"), done.clone());
                std::thread::spawn(move || {
                    let body = json!({ "room_name": format!("Writer {w}"), "start_time": "2099-01-01 10:00:00", "duration": 30, "moderators": 1, "participants": 2 }).to_string();
                    let mut ok = 0;
                    while raw(&addr, "POST", "/ucaas/v1/meetings", &[("Authorization", &auth), ("X-App-Type", "vc")], Some(&body)).is_ok_and(|r| r.status == 200) {
                        ok += 1;
                        done.fetch_add(1, Ordering::Relaxed);
                        if ok > 2000 {
                            break;
                        }
                    }
                    ok
                })
            })
            .collect();
        // Killed once writes are under way (however slow the machine), a little later each round.
        let until = Instant::now() + Duration::from_secs(20);
        while done.load(Ordering::Relaxed) < 3 {
            assert!(Instant::now() < until, "no writes within 20 s");
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(20 + 40 * round));
        e.child.kill().unwrap(); // SIGKILL, mid-write
        e.child.wait().unwrap();
        let written: u32 = writers.into_iter().map(|w| w.join().unwrap()).sum();
        assert!(written > 0, "no write happened before the kill");
        let text = std::fs::read_to_string(&file).unwrap();
        let v: Value = serde_json::from_str(&text).expect("data file must stay valid JSON");
        assert!(v["meetings"].as_array().unwrap().len() >= 4);
    }
    // And the emulator starts from it.
    let e = Emu::start(&["--data-file", path]);
    let t = e.login("alice@example.test");
    assert!(e.authed(&t, "GET", "/meetings?page_length=1", None).json()["search"]["total"].as_u64().unwrap() > 3);
    drop(e);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn starts_in_under_a_second() {
    let _beside = beside_others();
    let started = Instant::now();
    let e = Emu::start(&[]);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(e.api("POST", "/sessions/join", Some(json!({ "pin": "333333" }))).status, 200);
}
