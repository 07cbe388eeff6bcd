//! Every API route over real HTTP against the real binary: answers, documented error codes,
//! token expiry on the emulator clock, role scoping across two tenants.

mod common;

use common::Emu;
use serde_json::{json, Value};

fn future(e: &Emu, days: i64) -> String {
    let now = e.control("GET", "clock", None)["epoch"].as_i64().unwrap();
    ucaas_codes::time::format(now + days * 86_400)
}

fn meeting_body(e: &Emu) -> Value {
    json!({ "room_name": "Design review", "start_time": future(e, 2), "duration": 45, "moderators": 1, "participants": 5 })
}

#[test]
fn prints_one_line_and_serves_openapi() {
    let e = Emu::start(&[]);
    assert!(e.line.starts_with("ucaas-emulator listening on http://127.0.0.1:") && e.line.ends_with("/ucaas/v1"));
    let doc = e.req("GET", "/openapi.json", &[], None).json();
    assert_eq!(doc["openapi"], "3.1.0");
    for p in [
        "/login",
        "/password",
        "/password/{key}",
        "/sessions/join",
        "/session/join",
        "/sessions/invite",
        "/branding",
        "/meetings",
        "/meeting",
        "/meetings/{id}",
        "/meeting/{id}",
    ] {
        assert!(doc["paths"][p].is_object(), "{p}");
    }
    e.req("GET", "/nope", &[], None).assert_error(404, 404);
    e.req("PUT", "/login", &[], None).assert_error(405, 405);
}

#[test]
fn login_answers_token_and_user_and_documented_errors() {
    let e = Emu::start(&[]);
    let r = e.api("POST", "/login", Some(json!({ "email": "alice@example.test", "password": "Passw0rd!" })));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["result"], 1);
    assert!(v["token"].as_str().unwrap().len() >= 32);
    assert_eq!(v["user"]["user_type"], "user");
    assert_eq!(v["user"]["company"]["company_name"], "Acme");
    assert_eq!(v["user"]["timezone"]["timezone_id"], "Europe/Paris");
    for (email, role) in [
        ("admin@example.test", "administrator"),
        ("reseller@example.test", "reseller"),
        ("customer@example.test", "customer"),
        ("carol@other.test", "user"),
    ] {
        let v = e.api("POST", "/login", Some(json!({ "email": email, "password": "Passw0rd!" }))).json();
        assert_eq!(v["user"]["user_type"], role);
    }
    let body = json!({ "email": "alice@example.test", "password": "Passw0rd!" }).to_string();
    e.req("POST", "/login", &[], Some(&body)).assert_error(400, 400);
    let v = e.req("POST", "/login", &[("X-Api-Id", "nope")], Some(&body)).assert_error(401, 401);
    assert_eq!(v["msg"], "Invalid header");
    let v = e
        .api("POST", "/login", Some(json!({ "email": "alice@example.test", "password": "wrong" })))
        .assert_error(401, 0);
    assert_eq!(v["msg"], "Invalid credentials");
    e.api("POST", "/login", Some(json!({ "email": "nobody@example.test", "password": "x" }))).assert_error(401, 0);
    e.api("POST", "/login", Some(json!({ "password": "x" }))).assert_error(406, 1724);
    e.api("POST", "/login", Some(json!({ "email": 5, "password": "x" }))).assert_error(406, 1723);
    e.api("POST", "/login", Some(json!({ "email": "not-an-email", "password": "x" }))).assert_error(406, 1722);
    e.api("POST", "/login", Some(json!({ "email": "alice@example.test" }))).assert_error(406, 1121);
    e.req("POST", "/login", &[("X-Api-Id", "demo-app")], Some("{not json")).assert_error(406, 1002);
}

#[test]
fn tokens_expire_on_the_emulator_clock_and_basic_auth_works() {
    let e = Emu::start(&["--token-ttl", "120"]);
    let t = e.login("alice@example.test");
    assert_eq!(e.authed(&t, "GET", "/meetings/mtg-alice-current", None).status, 200);
    let v = e.authed("not-a-token", "GET", "/meetings/mtg-alice-current", None).assert_error(401, 1001);
    assert_eq!(v["msg"], "Token is not valid.");
    e.req("GET", "/meetings", &[("Authorization", "Bearer x"), ("X-App-Type", "vc")], None).assert_error(401, 1001);
    e.req("GET", "/meetings", &[("X-App-Type", "vc")], None).assert_error(400, 400);
    let auth = format!("Token {t}");
    e.req("GET", "/meetings", &[("Authorization", &auth), ("X-App-Type", "vc"), ("X-Api-Id", "nope")], None)
        .assert_error(401, 401);
    e.advance(119);
    assert_eq!(e.authed(&t, "GET", "/meetings", None).status, 200);
    e.advance(1);
    let v = e.authed(&t, "GET", "/meetings", None).assert_error(403, 403);
    assert_eq!(v["msg"], "Token has expired");
    // A fresh login works again.
    let t2 = e.login("alice@example.test");
    assert_eq!(e.authed(&t2, "GET", "/meetings", None).status, 200);
    // Basic auth acts as the API app's account (the administrator in the default seed).
    let basic = "Basic ZGVtby1hcHA6ZGVtby1rZXk="; // demo-app:demo-key
    let r = e.req("GET", "/meetings/mtg-carol-upcoming", &[("Authorization", basic), ("X-App-Type", "vc")], None);
    assert_eq!(r.status, 200, "{}", r.body);
    let bad = "Basic ZGVtby1hcHA6d3Jvbmc="; // demo-app:wrong
    e.req("GET", "/meetings", &[("Authorization", bad), ("X-App-Type", "vc")], None).assert_error(401, 401);
    e.req("GET", "/meetings", &[("Authorization", "Basic !!!"), ("X-App-Type", "vc")], None).assert_error(401, 401);
}

#[test]
fn app_type_is_enforced_on_meeting_routes() {
    let e = Emu::start(&[]);
    let auth = format!("Token {}", e.login("alice@example.test"));
    for path in ["/meetings", "/meetings/mtg-alice-current"] {
        e.req("GET", path, &[("Authorization", &auth)], None).assert_error(400, 1401);
        e.req("GET", path, &[("Authorization", &auth), ("X-App-Type", "vc"), ("X-App-Type", "wb")], None)
            .assert_error(406, 1402);
        e.req("GET", path, &[("Authorization", &auth), ("X-App-Type", "xx")], None).assert_error(406, 1403);
        assert_eq!(e.req("GET", path, &[("Authorization", &auth), ("X-App-Type", "wb")], None).status, 200);
    }
}

#[test]
fn meetings_crud_with_both_spellings() {
    let e = Emu::start(&[]);
    let t = e.login("alice@example.test");
    let mut body = meeting_body(&e);
    body["invitees"] = json!({ "emails": ["guest@example.test"], "contact_ids": [], "group_ids": [] });
    body["send_mail"] = json!(true);
    body["knock"] = json!(true);
    let r = e.authed(&t, "POST", "/meetings", Some(body));
    assert_eq!(r.status, 200, "{}", r.body);
    let m = r.json()["meeting"].clone();
    let id = m["meeting_id"].as_str().unwrap().to_string();
    assert_eq!(m["room_name"], "Design review");
    assert_eq!(m["stage"], "upcoming");
    assert_eq!(m["knock"], true);
    assert_eq!(m["app_type"], "vc");
    assert_ne!(m["mpin"], m["ppin"]);
    assert_eq!(m["mpin"].as_str().unwrap().len(), 6);
    let mails = e.outbox();
    assert!(mails
        .iter()
        .any(|x| x["to"] == "guest@example.test" && x["kind"] == "meeting_invite" && x["data"]["ppin"] == m["ppin"]));

    let got = e.authed(&t, "GET", &format!("/meeting/{id}"), None).json();
    assert_eq!(got["meeting"]["meeting_id"], id.as_str());
    let r = e.authed(&t, "PATCH", &format!("/meetings/{id}"), Some(json!({ "room_name": "Renamed", "duration": 90 })));
    assert_eq!(r.json()["meeting"]["room_name"], "Renamed");
    assert_eq!(r.json()["meeting"]["duration"], 90);
    assert_eq!(r.json()["msg"], "Meeting has been updated");
    let r = e.authed(&t, "PATCH", &format!("/meeting/{id}"), Some(json!({ "start_time ": future(&e, 3) })));
    assert_eq!(r.status, 200, "{}", r.body);
    let r = e.authed(&t, "DELETE", &format!("/meetings/{id}"), None);
    assert_eq!(r.json()["event"]["meeting_id"], id.as_str());
    assert_eq!(r.json()["msg"], "Meeting has been cancelled");
    e.authed(&t, "GET", &format!("/meetings/{id}"), None).assert_error(404, 404);
    e.authed(&t, "DELETE", &format!("/meeting/{id}"), None).assert_error(404, 404);
    e.authed(&t, "PATCH", &format!("/meetings/{id}"), Some(json!({}))).assert_error(404, 404);
    // The singular spelling creates too, and accepts the docs' "start_time " key.
    let mut b = meeting_body(&e);
    let st = b["start_time"].take();
    b.as_object_mut().unwrap().remove("start_time");
    b["start_time "] = st;
    assert_eq!(e.authed(&t, "POST", "/meeting", Some(b)).status, 200);
}

#[test]
fn meeting_validation_codes() {
    let e = Emu::start(&[]);
    let t = e.login("alice@example.test");
    let base = meeting_body(&e);
    let past = "2000-01-01 00:00:00";
    let cases: Vec<(Value, u64)> = vec![
        (json!({ "room_name": null }), 1611),
        (json!({ "room_name": 7 }), 1611),
        (json!({ "room_name": "ab" }), 1612),
        (json!({ "room_name": "x".repeat(51) }), 1613),
        (json!({ "start_time": null }), 1603),
        (json!({ "start_time": "2030-01-01" }), 1602),
        (json!({ "start_time": 5 }), 1602),
        (json!({ "start_time": past }), 1601),
        (json!({ "timezone_id": 3 }), 1683),
        (json!({ "timezone_id": "Mars/Olympus" }), 1684),
        (json!({ "duration": null }), 1631),
        (json!({ "duration": 5 }), 1632),
        (json!({ "duration": 5000 }), 1633),
        (json!({ "duration": "60" }), 1634),
        (json!({ "moderators": null }), 1641),
        (json!({ "moderators": 0 }), 1642),
        (json!({ "moderators": 101 }), 1643),
        (json!({ "moderators": "1" }), 1644),
        (json!({ "participants": null }), 1651),
        (json!({ "participants": -1 }), 1652),
        (json!({ "participants": 101 }), 1653),
        (json!({ "participants": 1.5 }), 1654),
        (json!({ "auto_recording": "yes" }), 1672),
        (json!({ "send_mail": 1 }), 1692),
        (json!({ "wait_for_moderator": "no" }), 1693),
        (json!({ "knock": 0 }), 1694),
        (json!({ "invitees": [] }), 1695),
        (json!({ "invitees": { "emails": "a@b" } }), 1696),
        (json!({ "invitees": { "contact_ids": "c" } }), 1697),
        (json!({ "invitees": { "group_ids": 1 } }), 1698),
        (json!({ "invitees": { "emails": ["nope"] } }), 1722),
        (json!({ "desc": 5 }), 1002),
    ];
    for (patch, code) in cases {
        let mut body = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        e.authed(&t, "POST", "/meetings", Some(body.clone())).assert_error(406, code);
    }
    e.req("POST", "/meetings", &[("Authorization", &format!("Token {t}")), ("X-App-Type", "vc")], Some("[1]"))
        .assert_error(406, 1002);
    // PATCH validates the same way, fields optional.
    e.authed(&t, "PATCH", "/meetings/mtg-alice-upcoming", Some(json!({ "duration": 1 }))).assert_error(406, 1632);
    e.authed(&t, "PATCH", "/meetings/mtg-alice-upcoming", Some(json!({ "start_time": past }))).assert_error(406, 1601);
    // Licences and subscriptions per app type.
    let bob = e.login("bob@example.test");
    let auth = format!("Token {bob}");
    let body = base.to_string();
    e.req("POST", "/meetings", &[("Authorization", &auth), ("X-App-Type", "wb")], Some(&body)).assert_error(406, 1618);
    let carol = format!("Token {}", e.login("carol@other.test"));
    e.req("POST", "/meetings", &[("Authorization", &carol), ("X-App-Type", "wb")], Some(&body)).assert_error(406, 1616);
}

#[test]
fn list_pages_searches_sorts_and_stages_follow_the_clock() {
    // The token must outlive the clock moves below.
    let e = Emu::start(&["--token-ttl", "1000000"]);
    let t = e.login("alice@example.test");
    let list = |q: &str| e.authed(&t, "GET", &format!("/meetings{q}"), None);
    let ids = |v: Value| {
        v["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["meeting_id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let all = list("").json();
    assert_eq!(all["search"]["total"], 3);
    assert_eq!(ids(all), ["mtg-alice-past", "mtg-alice-current", "mtg-alice-upcoming"]);
    assert_eq!(ids(list("?stage=upcoming").json()), ["mtg-alice-upcoming"]);
    assert_eq!(ids(list("?stage=current").json()), ["mtg-alice-current"]);
    assert_eq!(ids(list("?stage=past").json()), ["mtg-alice-past"]);
    assert_eq!(ids(list("?search_by=mpin&search_string=333333").json()), ["mtg-alice-current"]);
    assert_eq!(ids(list("?search_by=ppin&search_string=666666").json()), ["mtg-alice-past"]);
    assert_eq!(list("?search_by=user_id&search_string=u-alice").json()["search"]["total"], 3);
    assert_eq!(ids(list("?page=2&page_length=2").json()), ["mtg-alice-upcoming"]);
    assert_eq!(ids(list("?order_by=start_time&order_qualify=desc&page_length=1").json()), ["mtg-alice-upcoming"]);
    assert_eq!(ids(list("?order_by=room_name").json())[0], "mtg-alice-current");
    assert_eq!(list("/").status, 404);
    list("?page=0").assert_error(406, 2608);
    list("?page=x").assert_error(406, 2608);
    list("?page_length=abc").assert_error(406, 2501);
    list("?page_length=1000").assert_error(406, 2501);
    list("?search_by=email&search_string=x").assert_error(406, 2605);
    list("?search_string=x").assert_error(406, 2605);
    list("?search_by=mpin").assert_error(406, 2606);
    list("?order_by=password").assert_error(406, 2603);
    list("?order_qualify=up").assert_error(406, 2604);
    list("?stage=later").assert_error(406, 1002);
    // Two hours later the current meeting is past, the upcoming one still upcoming.
    e.advance(2 * 3600);
    assert_eq!(list("?stage=past").json()["search"]["total"], 2);
    assert!(list("?stage=current").json()["meetings"].as_array().unwrap().is_empty());
    e.advance(24 * 3600);
    assert_eq!(ids(list("?stage=past").json()).len(), 3);
    // The list is per app type: nothing was scheduled as a webinar.
    let auth = format!("Token {t}");
    let wb = e.req("GET", "/meetings", &[("Authorization", &auth), ("X-App-Type", "wb")], None).json();
    assert_eq!(wb["search"]["total"], 0);
}

#[test]
fn role_scoping_across_two_tenants() {
    let e = Emu::start(&[]);
    let login = |who: &str| e.login(who);
    let (alice, bob, carol) = (login("alice@example.test"), login("bob@example.test"), login("carol@other.test"));
    let (customer, reseller, admin) =
        (login("customer@example.test"), login("reseller@example.test"), login("admin@example.test"));
    let get = |t: &str, id: &str| e.authed(t, "GET", &format!("/meetings/{id}"), None).status;
    assert_eq!(get(&alice, "mtg-alice-current"), 200);
    assert_eq!(get(&alice, "mtg-carol-upcoming"), 403);
    assert_eq!(get(&carol, "mtg-alice-current"), 403);
    assert_eq!(get(&bob, "mtg-alice-current"), 403);
    assert_eq!(get(&customer, "mtg-alice-current"), 200);
    assert_eq!(get(&customer, "mtg-carol-upcoming"), 403);
    assert_eq!(get(&reseller, "mtg-alice-current"), 200);
    assert_eq!(get(&reseller, "mtg-carol-upcoming"), 403);
    assert_eq!(get(&admin, "mtg-carol-upcoming"), 200);
    let v = e.authed(&carol, "GET", "/meetings/mtg-alice-current", None).assert_error(403, 0);
    assert_eq!(v["msg"], "Forbidden");
    // Changes are refused the same way, and leave the meeting alone.
    e.authed(&carol, "PATCH", "/meetings/mtg-alice-upcoming", Some(json!({ "room_name": "Hijacked" })))
        .assert_error(403, 0);
    e.authed(&carol, "DELETE", "/meetings/mtg-alice-upcoming", None).assert_error(403, 0);
    e.authed(&bob, "DELETE", "/meetings/mtg-alice-upcoming", None).assert_error(403, 0);
    assert_eq!(get(&alice, "mtg-alice-upcoming"), 200);
    let total = |t: &str| e.authed(t, "GET", "/meetings", None).json()["search"]["total"].as_u64().unwrap();
    assert_eq!((total(&alice), total(&bob), total(&carol)), (3, 0, 1));
    assert_eq!((total(&customer), total(&reseller), total(&admin)), (3, 3, 4));
    // Scheduling for another user: only within scope.
    let mut body = meeting_body(&e);
    body["user_id"] = json!("u-carol");
    e.authed(&alice, "POST", "/meetings", Some(body.clone())).assert_error(403, 0);
    e.authed(&reseller, "POST", "/meetings", Some(body.clone())).assert_error(403, 0);
    body["user_id"] = json!("u-alice");
    let r = e.authed(&customer, "POST", "/meetings", Some(body.clone()));
    assert_eq!(r.json()["meeting"]["user_id"], "u-alice");
    body["user_id"] = json!("u-nobody");
    e.authed(&admin, "POST", "/meetings", Some(body)).assert_error(404, 404);
}

#[test]
fn password_reset_through_the_outbox() {
    let e = Emu::start(&[]);
    let old_token = e.login("alice@example.test");
    let r = e.api("POST", "/password", Some(json!({ "email": "alice@example.test" })));
    assert_eq!(r.json()["data"]["email"], "alice@example.test");
    let mail = e.outbox().into_iter().find(|m| m["kind"] == "password_reset").expect("reset mail");
    assert_eq!(mail["to"], "alice@example.test");
    let key = mail["data"]["reset_key"].as_str().unwrap().to_string();
    assert!(mail["body"].as_str().unwrap().contains(&key));
    // Unknown emails get the same answer and no mail.
    assert_eq!(e.api("POST", "/password", Some(json!({ "email": "ghost@example.test" }))).status, 200);
    assert_eq!(e.outbox().len(), 1);
    e.api("POST", "/password", Some(json!({}))).assert_error(406, 1724);
    e.api("POST", "/password", Some(json!({ "email": "x" }))).assert_error(406, 1722);
    e.req("POST", "/password", &[], Some("{}")).assert_error(400, 400);

    let v = e.api("PATCH", &format!("/password/{key}"), None).json();
    assert_eq!(v["data"]["user_id"], "u-alice");
    assert_eq!(v["data"]["first_name"], "Alice");
    let v = e.api("PATCH", "/password/wrong-key", None).assert_error(404, 4201);
    assert_eq!(v["msg"], "Invalid password reset token or reset code.");
    let path = format!("/password/{key}");
    let reset = |body: Value| e.api("PATCH", &path, Some(body));
    reset(json!({ "email": "bob@example.test", "password": "NewPassw0rd", "password_retyped": "NewPassw0rd" }))
        .assert_error(406, 1106);
    reset(json!({ "email": "alice@example.test", "password_retyped": "NewPassw0rd" })).assert_error(406, 1121);
    reset(json!({ "email": "alice@example.test", "password": "NewPassw0rd", "password_retyped": "Other" }))
        .assert_error(406, 1002);
    reset(json!({ "email": "alice@example.test", "password": "short", "password_retyped": "short" }))
        .assert_error(406, 1002);
    reset(json!({ "email": "alice@example.test", "password": "Passw0rd!", "password_retyped": "Passw0rd!" }))
        .assert_error(406, 3011);
    let r = e.api(
        "POST",
        &path,
        Some(json!({ "email": "alice@example.test", "password": "NewPassw0rd", "password_retyped": "NewPassw0rd" })),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["data"]["msg"], "Your account password has been reset.");
    // The key is used up, the old password and the old sessions are gone.
    e.api("PATCH", &path, None).assert_error(404, 4201);
    e.api("POST", "/login", Some(json!({ "email": "alice@example.test", "password": "Passw0rd!" })))
        .assert_error(401, 0);
    assert_eq!(
        e.api("POST", "/login", Some(json!({ "email": "alice@example.test", "password": "NewPassw0rd" }))).status,
        200
    );
    e.authed(&old_token, "GET", "/meetings", None).assert_error(401, 1001);
    // Keys expire after an hour on the emulator clock.
    e.api("POST", "/password", Some(json!({ "email": "bob@example.test" })));
    let key = e.outbox().last().unwrap()["data"]["reset_key"].as_str().unwrap().to_string();
    e.advance(3601);
    e.api("PATCH", &format!("/password/{key}"), None).assert_error(404, 4201);
}

#[test]
fn sessions_join_and_invite() {
    let e = Emu::start(&[]);
    let join = |path: &str, body: Value| e.api("POST", path, Some(body));
    let v = join("/sessions/join", json!({ "pin": "333333", "name": "Host", "user_ref": "h1" })).json();
    assert_eq!(v["user"]["role"], "moderator");
    assert_eq!(v["user"]["meeting_id"], "mtg-alice-current");
    assert_eq!(v["user"]["customer_id"], "c-acme");
    assert!(v["token"].as_str().unwrap().len() >= 32);
    let v = join("/session/join", json!({ "pin": "444444", "name": "Guest Person" })).json();
    assert_eq!(v["user"]["role"], "participant");
    assert_eq!(v["user"]["first_name"], "Guest");
    assert_eq!(v["user"]["last_name"], "Person");
    assert_eq!(join("/sessions/join", json!({ "pin": "222222" })).json()["user"]["role"], "participant");
    assert_eq!(join("/sessions/join", json!({ "pin": "900401" })).json()["user"]["room_id"], "perm-alice");
    let v = join("/sessions/join", json!({ "pin": "555555" })).assert_error(406, 1000);
    assert_eq!(v["msg"], "Room is not active.");
    join("/sessions/join", json!({ "pin": "999999" })).assert_error(404, 404);
    join("/sessions/join", json!({})).assert_error(406, 2101);
    join("/sessions/join", json!({ "pin": "123" })).assert_error(406, 2107);
    join("/sessions/join", json!({ "pin": 333333 })).assert_error(406, 2107);
    join("/sessions/join", json!({ "pin": "333333", "name": 5 })).assert_error(406, 1002);
    e.req("POST", "/sessions/join", &[], Some(r#"{"pin":"333333"}"#)).assert_error(400, 400);
    // The meeting ends: the moderator can no longer join.
    e.advance(3600);
    join("/sessions/join", json!({ "pin": "333333" })).assert_error(406, 1000);
    e.advance(-3600);

    let invite = |path: &str, body: Value| e.api("POST", path, Some(body));
    let r = invite("/sessions/invite", json!({ "pin": "444444", "invitees": ["x@example.test", "y@example.test"] }));
    assert_eq!(r.json()["desc"], "Invitation email has been sent.");
    let mails = e.outbox();
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[0]["data"]["ppin"], "444444");
    assert!(mails[0]["body"].as_str().unwrap().contains("444444"));
    assert_eq!(
        invite("/session/invite", json!({ "meeting_id": "mtg-alice-upcoming", "invitees": ["z@example.test"] })).status,
        200
    );
    assert_eq!(e.outbox().last().unwrap()["data"]["ppin"], "222222");
    assert_eq!(
        invite("/sessions/invite", json!({ "room_id": "perm-bob", "invitees": ["z@example.test"] })).status,
        200
    );
    invite("/sessions/invite", json!({ "invitees": ["a@b.c"] })).assert_error(406, 2101);
    invite("/sessions/invite", json!({ "pin": "12", "invitees": ["a@b.c"] })).assert_error(406, 2107);
    invite("/sessions/invite", json!({ "pin": "444444" })).assert_error(406, 2207);
    invite("/sessions/invite", json!({ "pin": "444444", "invitees": "a@b.c" })).assert_error(406, 2208);
    invite("/sessions/invite", json!({ "pin": "444444", "invitees": [] })).assert_error(406, 2209);
    invite("/sessions/invite", json!({ "pin": "444444", "invitees": ["nope"] })).assert_error(406, 1722);
    invite("/sessions/invite", json!({ "meeting_id": "nope", "invitees": ["a@b.c"] })).assert_error(404, 404);
    invite("/sessions/invite", json!({ "pin": "666666", "invitees": ["a@b.c"] })).assert_error(406, 1000);
}

#[test]
fn branding_layers_domain_customer_meeting() {
    let e = Emu::start(&[]);
    let get = |q: &str| e.req("GET", &format!("/branding{q}"), &[("X-Api-Id", "demo-app")], None);
    let d = get("?domain=meet.example.test").json();
    assert_eq!(d["vc"]["name"], "Example Meet");
    assert_eq!(d["vc"]["login_page"]["heading"], "Welcome to Example Meet");
    assert_eq!(d["wb"]["name"], "Example Webinars");
    let c = get("?domain=meet.example.test&customer_id=c-acme").json();
    assert_eq!(c["vc"]["name"], "Acme Meetings");
    assert_eq!(c["vc"]["login_page"]["content"], "Enter your PIN to join.");
    assert_eq!(c["vc"]["favicon"], "https://meet.example.test/favicon.ico");
    let m = get("?domain=meet.example.test&customer_id=c-acme&meeting_id=mtg-alice-upcoming").json();
    assert_eq!(m["vc"]["name"], "Acme Meetings");
    assert_eq!(m["vc"]["login_page"]["heading"], "Quarterly planning");
    assert_eq!(m["vc"]["options"]["whiteboard"], false);
    assert_eq!(m["vc"]["options"]["screenshare"], true);
    // The meeting implies its customer.
    assert_eq!(get("/?domain=meet.example.test&meeting_id=mtg-alice-upcoming").json()["vc"]["name"], "Acme Meetings");
    get("").assert_error(406, 1002);
    get("?domain=unknown.test").assert_error(404, 404);
    get("?meeting_id=nope").assert_error(404, 404);
    get("?customer_id=nope").assert_error(404, 404);
    e.req("GET", "/branding?domain=meet.example.test", &[], None).assert_error(400, 400);
}

#[test]
fn cors_preflight_and_origins() {
    let e = Emu::start(&[]);
    let pre = |origin: &str| {
        e.req(
            "OPTIONS",
            "/meetings",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "authorization,x-app-type"),
            ],
            None,
        )
    };
    let r = pre("http://localhost:5173");
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("http://localhost:5173"));
    let allowed = r.header("access-control-allow-headers").unwrap().to_ascii_lowercase();
    for h in ["x-api-id", "x-app-type", "authorization", "content-type", "x-action", "x-license"] {
        assert!(allowed.contains(h), "{h}");
    }
    assert!(r.header("access-control-allow-methods").unwrap().contains("PATCH"));
    assert_eq!(pre("http://127.0.0.1:8080").status, 204);
    let r = pre("https://evil.example");
    assert_eq!(r.status, 403);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = e.req(
        "POST",
        "/login",
        &[("Origin", "http://localhost:3000"), ("X-Api-Id", "demo-app")],
        Some(r#"{"email":"alice@example.test","password":"Passw0rd!"}"#),
    );
    assert_eq!(r.header("access-control-allow-origin"), Some("http://localhost:3000"));
    let r = e.req("GET", "/openapi.json", &[("Origin", "https://evil.example")], None);
    assert_eq!(r.header("access-control-allow-origin"), None);
    drop(e);
    let e = Emu::start(&["--allow-origin", "https://app.example.test"]);
    let r = e.req(
        "OPTIONS",
        "/login",
        &[("Origin", "https://app.example.test"), ("Access-Control-Request-Method", "POST")],
        None,
    );
    assert_eq!(r.status, 204);
    let r = e.req(
        "OPTIONS",
        "/login",
        &[("Origin", "http://localhost:5173"), ("Access-Control-Request-Method", "POST")],
        None,
    );
    assert_eq!(r.status, 403);
}
