//! The Iotum enterprise API (`/enterprise_api`, beside `/ucaas/v1` on the same port) over real
//! HTTP against the real binary: every route's success against the seed, the three 401s and the
//! sliding token life, role scoping with the four seeded API tokens, 404 before 403, the
//! document's validation texts, both paging forms, the drive upload flow and the 202/204 answers.

mod common;

use common::{raw, raw_body, Emu, Resp};
use serde_json::{json, Value};

const RESELLER: &str = "iotum-reseller-token";
const COMPANY: &str = "iotum-company-token";
const HOST: &str = "iotum-host-token";
const OTHER: &str = "iotum-other-token";

/// A POST of `body` to `/enterprise_api/<path>`.
fn post(e: &Emu, path: &str, body: &Value) -> Resp {
    raw(&e.addr, "POST", &format!("/enterprise_api/{path}"), &[], Some(&body.to_string())).expect("request")
}

/// An `auth_token` for an API token.
fn login(e: &Emu, api_token: &str) -> String {
    let r = post(e, "authenticate", &json!({ "api_token": api_token }));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["auth_token"].as_str().unwrap().to_string()
}

/// `body` with `auth_token` added.
fn with(token: &str, body: Value) -> Value {
    let mut body = body;
    body["auth_token"] = json!(token);
    body
}

/// A call with `auth_token`.
fn call(e: &Emu, token: &str, path: &str, body: Value) -> Resp {
    post(e, path, &with(token, body))
}

/// A successful call's answer (200, JSON).
#[track_caller]
fn ok(e: &Emu, token: &str, path: &str, body: Value) -> Value {
    let r = call(e, token, path, body);
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
    r.json()
}

/// An error answer: status and `message`.
#[track_caller]
fn error(r: &Resp, status: u16, message: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.json()["message"], message, "{}", r.body);
}

fn ids(v: &Value, key: &str) -> Vec<u64> {
    v.as_array().unwrap().iter().map(|x| x[key].as_u64().unwrap()).collect()
}

#[test]
fn company_and_subscription_routes_answer_the_seed() {
    let e = Emu::start(&[]);
    let r = login(&e, RESELLER);
    assert_eq!(r.len(), 36, "a UUID");

    let d = ok(&e, &r, "domain/descendants", json!({}));
    assert_eq!(d, json!({ "id": 3, "domain": "sub.reseller.test", "display_name": "Sub Reseller", "descendants": [] }));

    let c = ok(&e, &r, "company/fetch", json!({ "company_id": 5 }));
    assert_eq!(c["subdomain"], "joe");
    assert_eq!(c["name"], "The Joe Company");
    assert_eq!(c["customer_id"], "Acme");
    assert_eq!(c["hosts"], json!([9, 10]));
    assert_eq!(c["host_count"], 2);
    let all = ok(&e, &r, "company/fetch_all", json!({}));
    let subs: Vec<&str> = all.as_array().unwrap().iter().map(|c| c["subdomain"].as_str().unwrap()).collect();
    assert_eq!(subs, ["reseller-admin", "joe", "jane"], "not the other reseller's");
    assert_eq!(all[1]["openid_provider"], false);

    let made = ok(&e, &r, "company/create", json!({ "subdomain": "newco", "name": "New Co", "customer_id": "N-1" }));
    let id = made["id"].as_u64().unwrap();
    let up = ok(&e, &r, "company/update", json!({ "company_id": id, "name": "Newer Co" }));
    assert_eq!((up["subdomain"].as_str(), up["name"].as_str()), (Some("newco"), Some("Newer Co")));
    error(
        &call(&e, &r, "company/create", json!({ "subdomain": "joe", "name": "Twice" })),
        422,
        "Subdomain has already been taken",
    );
    assert_eq!(ok(&e, &r, "company/delete", json!({ "company_id": id.to_string() })), json!({ "message": "OK" }));
    error(&call(&e, &r, "company/fetch", json!({ "company_id": id })), 404, "Company not found");

    let products = ok(&e, &r, "subscription/fetch_products", json!({ "include_description": true }));
    assert_eq!(products.as_array().unwrap().len(), 3);
    assert_eq!(
        products[2],
        json!({ "slug": "recording", "name": "Recording Add-On", "plan": false, "description": "Description of the Recording Add-On" })
    );
    assert!(ok(&e, &r, "subscription/fetch_products", json!({}))[0].get("description").is_none());

    let subs = ok(&e, &r, "subscription/fetch", json!({ "company_id": 5 }));
    assert_eq!(
        subs,
        json!([
            { "id": 100, "status": "Active", "host_limit": 10, "product": { "slug": "small_plan", "name": "Small Conference Plan", "plan": true } },
            { "id": 101, "status": "Active", "host_limit": 15, "product": { "slug": "recording", "name": "Recording Add-On", "plan": false } },
        ])
    );
    let done = |path: &str, body: Value, status: u16| {
        let resp = call(&e, &r, path, body);
        assert_eq!(resp.status, status, "{path}: {}", resp.body);
        assert_eq!(resp.json(), json!("OK"), "{path}");
        assert_eq!(resp.header("content-type"), Some("application/json"));
    };
    done("subscription/suspend", json!({ "company_id": 5, "slug": "small_plan" }), 200);
    assert_eq!(ok(&e, &r, "subscription/fetch", json!({ "company_id": 5 }))[0]["status"], "Suspended");
    done("subscription/reactivate", json!({ "company_id": 5, "slug": "small_plan" }), 200);
    done("subscription/suspend_all", json!({ "company_id": 5 }), 202);
    assert_eq!(ok(&e, &r, "subscription/fetch", json!({ "company_id": 5 }))[1]["status"], "Suspended");
    done("subscription/reactivate_all", json!({ "company_id": 5 }), 202);
    let put = raw(
        &e.addr,
        "PUT",
        "/enterprise_api/subscription/update",
        &[],
        Some(&with(&r, json!({ "company_id": 5, "slug": "small_plan", "host_limit": 12 })).to_string()),
    )
    .unwrap();
    assert_eq!((put.status, put.json()), (200, json!("OK")), "{}", put.body);
    assert_eq!(ok(&e, &r, "subscription/fetch", json!({ "company_id": 5 }))[0]["host_limit"], 12);
    // A plan switches the current plan (host 9 follows to the new subscription).
    done("subscription/create", json!({ "company_id": 5, "slug": "large_plan", "host_limit": 5 }), 200);
    let subs = ok(&e, &r, "subscription/fetch", json!({ "company_id": 5 }));
    let slugs: Vec<&str> = subs.as_array().unwrap().iter().map(|s| s["product"]["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["recording", "large_plan"]);
    assert_eq!(ok(&e, &r, "host/fetch", json!({ "host_id": 9 }))["plan_slug"], "large_plan");
    done("subscription/cancel", json!({ "company_id": 5, "slug": "recording" }), 200);
    error(
        &call(&e, &r, "subscription/cancel", json!({ "company_id": 5, "slug": "recording" })),
        404,
        "Subscription not found",
    );
    // Another API on the same port: the UCaaS API still answers.
    assert_eq!(e.req("GET", "/timezones", &[("Authorization", "Basic ZGVtby1hcHA6ZGVtby1rZXk=")], None).status, 200);
}

#[test]
fn host_contact_chat_routes_answer_the_seed() {
    let e = Emu::start(&[]);
    let c = login(&e, COMPANY);
    let h = ok(&e, &c, "host/fetch", json!({ "host_id": 9 }));
    assert_eq!(
        (h["name"].as_str(), h["email"].as_str(), h["role"].as_str()),
        (Some("John Host"), Some("john@company.tld"), Some("COMPANY_ADMIN"))
    );
    assert_eq!(h["access_code"]["number"], "1234567", "an object here");
    assert_eq!(h["moderator_pin"]["number"], "9876543");
    assert_eq!(h["meeting_url"], "https://joe.reseller.test/conf/call/1234567");
    assert_eq!((h["plan_slug"].as_str(), h["add_on_slugs"].clone()), (Some("small_plan"), json!(["recording"])));
    assert_eq!(h["subscription_ids"], json!([100, 101]));
    let all = ok(&e, &c, "host/fetch_all", json!({}));
    assert_eq!(ids(&all, "host_id"), [9, 10]);
    assert_eq!(all[1]["access_code"], "1234568", "a string here");

    let made = ok(
        &e,
        &c,
        "host/create",
        json!({ "name": "New Host", "email": "new@company.tld", "access_code": 7654321, "subscription_ids": [100] }),
    );
    let id = made["host_id"].as_u64().unwrap();
    assert_eq!((made["company_id"].as_u64(), made["role"].as_str()), (Some(5), Some("HOST")));
    assert_eq!(made["access_code"]["number"], "7654321");
    assert!(e.outbox().iter().any(|m| m["kind"] == "iotum_welcome" && m["to"] == "new@company.tld"));
    let up = ok(&e, &c, "host/update", json!({ "host_id": id, "name": "Renamed", "role": "COMPANY_ADMIN" }));
    assert_eq!((up["name"].as_str(), up["role"].as_str()), (Some("Renamed"), Some("COMPANY_ADMIN")));
    assert_eq!(ok(&e, &c, "host/resend_invitation", json!({ "host_id": id })), json!({ "message": "OK" }));
    assert_eq!(ok(&e, &c, "host/reset_password", json!({ "host_id": id })), json!({ "message": "OK" }));
    assert!(e.outbox().iter().any(|m| m["kind"] == "iotum_password_reset" && m["to"] == "new@company.tld"));
    error(
        &call(&e, &c, "host/create", json!({ "name": "Dup", "email": "john@company.tld" })),
        422,
        "Email has already been taken",
    );
    let del = call(&e, &c, "host/delete", json!({ "host_id": id }));
    assert_eq!((del.status, del.body.as_str()), (202, ""));
    error(&call(&e, &c, "host/fetch", json!({ "host_id": id })), 404, "Host not found");

    let contacts = ok(&e, &c, "contact/fetch_all", json!({ "host_id": 9 }));
    assert_eq!(ids(&contacts, "contact_id"), [35, 37]);
    assert_eq!(contacts[0]["name"], "John Smith");
    assert_eq!(ok(&e, &c, "contact/fetch", json!({ "host_id": 9, "contact_id": 37 }))["email"], "james@brown.com");
    let company_level = ok(&e, &c, "contact/fetch_all", json!({}));
    assert_eq!(ids(&company_level, "contact_id"), [40], "a CompanyAdmin's own company without ids");
    let made = ok(
        &e,
        &c,
        "contact/create",
        json!({ "host_id": 9, "contacts": [{ "name": "A", "email": "a@x.test" }, { "name": "B", "email": "b@x.test", "time_zone": "US/Central" }] }),
    );
    assert_eq!(made.as_array().unwrap().len(), 2);
    assert_eq!(made[1]["has_host"], false);
    let new_id = made[0]["contact_id"].as_u64().unwrap();
    let up = ok(&e, &c, "contact/update", json!({ "host_id": 9, "contact_id": new_id, "name": "A Updated" }));
    assert_eq!((up["name"].as_str(), up["email"].as_str()), (Some("A Updated"), Some("a@x.test")));
    assert_eq!(ok(&e, &c, "contact/delete", json!({ "host_id": 9, "contact_id": new_id })), json!({ "message": "OK" }));
    error(&call(&e, &c, "contact/fetch", json!({ "host_id": 9, "contact_id": new_id })), 404, "Contact not found");

    let r = login(&e, RESELLER);
    assert_eq!(
        ok(&e, &r, "chat/create", json!({ "company_id": 5, "id": 123, "message": "Hi" })),
        json!({ "message": "OK" })
    );
    assert_eq!(
        ok(&e, &r, "chat/create", json!({ "company_id": 5, "slug": "general", "message": "Hi" }))["message"],
        "OK"
    );
    error(
        &call(&e, &r, "chat/create", json!({ "company_id": 5, "id": 999, "message": "Hi" })),
        404,
        "Chat room not found",
    );
    error(
        &call(&e, &c, "chat/create", json!({ "company_id": 5, "id": 123, "message": "Hi" })),
        403,
        "Beyond the scope of your role",
    );
}

#[test]
fn conference_routes_answer_the_seed() {
    let e = Emu::start(&[]);
    let c = login(&e, COMPANY);
    let weekly = ok(&e, &c, "conference/fetch", json!({ "conference_id": 183 }));
    assert_eq!(
        (weekly["subject"].as_str(), weekly["time_zone"].as_str(), weekly["duration"].as_u64()),
        (Some("Weekly sync"), Some("America/Toronto"), Some(60))
    );
    assert_eq!(weekly["active"], false);
    assert_eq!(weekly["one_time_access_code"], 1234567, "a number");
    assert_eq!(weekly["participants"], json!([9, 35, 37]));
    assert_eq!(weekly["moderators"], json!([9]));

    let made = ok(
        &e,
        &c,
        "conference/create",
        json!({
            "host_id": 9, "subject": "Test Conference", "agenda": "An agenda", "start": "2030-09-19 13:00:00",
            "time_zone": "America/Toronto", "duration": 60, "auto_record": "none", "auto_transcribe": false,
            "one_time_access_code": true, "security_pin": "123456", "mute_mode": "conversation",
            "participants": [35, 37], "schedule": "FREQ=DAILY;INTERVAL=2"
        }),
    );
    let code = made["one_time_access_code"].as_u64().unwrap();
    assert!((100_000_000..1_000_000_000).contains(&code), "9 digits: {code}");
    assert_eq!(made["end_time"], "2030-09-19 14:00:00");
    assert_eq!(made["room_url"], format!("https://joe.reseller.test/conf/call/{code}"));
    assert_eq!(made["moderator_token"].as_str().unwrap().len(), 12);
    let id = made["conference_id"].as_u64().unwrap();
    assert_eq!((made["is_master"].as_bool(), made["master_id"].as_u64()), (Some(true), Some(id)));
    assert_eq!(made["schedule"], "FREQ=DAILY;INTERVAL=2");
    let dedicated = ok(
        &e,
        &c,
        "conference/create",
        json!({ "host_id": 9, "subject": "Dedicated", "start": "2030-01-01 09:00:00", "time_zone": "UTC", "duration": 30 }),
    );
    assert_eq!(dedicated["one_time_access_code"], 1234567, "the host's dedicated code");
    assert!(dedicated.get("is_master").is_none());
    let up = ok(&e, &c, "conference/update", json!({ "conference_id": id, "subject": "Renamed", "duration": 90 }));
    assert_eq!((up["subject"].as_str(), up["end_time"].as_str()), (Some("Renamed"), Some("2030-09-19 14:30:00")));
    let now = ok(&e, &c, "conference/create/reservationless", json!({ "host_id": 9, "one_time_access_code": true }));
    assert_eq!(now["active"], true);
    assert_eq!(ok(&e, &c, "conference/cancel", json!({ "conference_id": id })), json!({ "message": "OK" }));
    error(&call(&e, &c, "conference/fetch", json!({ "conference_id": id })), 404, "Conference not found");

    let details = ok(&e, &c, "conference/fetch_participant_details", json!({ "conference_id": 183 }));
    assert_eq!(ids(&details["participants"], "contact_id"), [35, 37]);
    assert_eq!(details["participants"][0]["name"], "John Smith");
    assert_eq!(details["moderators"][0]["has_host"], true);
    assert_eq!(
        ok(&e, &c, "conference/fetch_livestream_viewer_count", json!({ "conference_id": 185 })),
        json!({ "count": "4" })
    );
    assert_eq!(ok(&e, &c, "conference/stop_streaming", json!({ "conference_id": 185 }))["message"], "OK");
    assert_eq!(ok(&e, &c, "conference/fetch_livestream_viewer_count", json!({ "conference_id": 185 }))["count"], "0");
    let dial = json!({ "conference_id": 185, "country_code": "CA", "phone_number": "14165551212", "name": "Jane" });
    assert_eq!(ok(&e, &c, "conference/dial_number", dial), json!({ "dialout_status": "new" }));
    assert_eq!(
        ok(&e, &c, "conference/message/create", json!({ "conference_id": 185, "message": "Hello" }))["message"],
        "OK"
    );
    assert_eq!(ok(&e, &c, "conference/delete_recordings", json!({ "conference_id": 184 }))["message"], "OK");
    assert_eq!(ok(&e, &c, "conference/delete_transcriptions", json!({ "conference_id": 184 }))["message"], "OK");
    assert_eq!(ok(&e, &c, "conference/fetch", json!({ "conference_id": 184 }))["recordings"], json!([]));
    assert_eq!(ok(&e, &c, "conference/end", json!({ "conference_id": 185 }))["message"], "OK");
    error(&call(&e, &c, "conference/end", json!({ "conference_id": 185 })), 422, "The conference is not active");
    error(
        &call(&e, &c, "conference/message/create", json!({ "conference_id": 183, "message": "x" })),
        422,
        "The conference is not active",
    );
}

#[test]
fn host_history_answers_times_in_the_requested_zone() {
    let e = Emu::start(&[]);
    let c = login(&e, COMPANY);
    let utc = ok(&e, &c, "host/conferences", json!({ "host_id": 9 }));
    assert_eq!(ids(&utc, "conference_id"), [184], "past ones only");
    assert_eq!(
        (utc[0]["total_participants"].as_u64(), utc[0]["total_participant_minutes"].as_u64()),
        (Some(2), Some(55))
    );
    assert_eq!(utc[0]["meeting_summary_url"], "https://joe.reseller.test/conf/summary/184");
    let tokyo = ok(&e, &c, "host/conferences", json!({ "host_id": 9, "time_zone": "Asia/Tokyo" }));
    let hour = |v: &Value| v["start_time"].as_str().unwrap()[11..13].parse::<i32>().unwrap();
    assert_eq!((hour(&tokyo[0]) - hour(&utc[0])).rem_euclid(24), 9, "{tokyo} vs {utc}");
    let day = &utc[0]["start_time"].as_str().unwrap()[..10];
    let on_day = ok(&e, &c, "host/conferences", json!({ "host_id": 9, "start_date": day, "end_date": day }));
    assert_eq!(on_day.as_array().unwrap().len(), 1);
    let before = ok(&e, &c, "host/conferences", json!({ "host_id": 9, "end_date": "2020-01-01" }));
    assert_eq!(before, json!([]));
    let detail = ok(&e, &c, "host/conferences", json!({ "host_id": 9, "output": "detail" }));
    assert_eq!(detail[0]["subject"], "Quarterly review");
    assert!(detail[0]["day"].is_string() && detail[0]["year"].is_string());

    let cdrs = ok(&e, &c, "host/cdrs", json!({ "host_id": 9, "conference_id": 184 }));
    assert_eq!(ids(&cdrs, "id"), [69_226_060, 69_226_061]);
    assert_eq!((cdrs[0]["host_name"].as_str(), cdrs[0]["minutes"].as_u64()), (Some("John Host"), Some(30)));
    let calls = ok(&e, &c, "host/active_calls", json!({ "host_id": 9, "time_zone": "UTC" }));
    assert_eq!(ids(&calls, "conference_id"), [185]);
    assert_eq!(calls[0]["subject"], "Standup");
    error(
        &call(&e, &c, "host/active_calls", json!({ "host_id": 9, "time_zone": "Mars/Base" })),
        422,
        "Invalid time zone",
    );

    // A conference of now in Toronto is active; its end_time is start + duration in that zone.
    let clock = e.control("GET", "clock", None);
    let now = clock["epoch"].as_i64().unwrap();
    let start = chrono_like_toronto(now - 300);
    let live = ok(
        &e,
        &c,
        "conference/create",
        json!({ "host_id": 9, "subject": "Now", "start": start, "time_zone": "America/Toronto", "duration": 15 }),
    );
    assert_eq!(live["active"], true, "{live}");
    e.advance(11 * 60);
    assert_eq!(ok(&e, &c, "conference/fetch", json!({ "conference_id": live["conference_id"] }))["active"], false);
}

/// Wall time of Unix seconds `at` in America/Toronto, through the emulator itself: a
/// reservationless conference's start is the clock in the host's zone (US/Eastern, the same
/// rules); here computed from the UTC offset of the date (EST -5 or EDT -4) by asking the
/// emulator for host/active_calls in both zones.
fn chrono_like_toronto(at: i64) -> String {
    // Toronto: EDT (UTC-4) from the second Sunday of March to the first Sunday of November.
    let days = at.div_euclid(86_400);
    let (y, m, d) = civil(days);
    let second_sunday_march = nth_sunday(y, 3, 2);
    let first_sunday_november = nth_sunday(y, 11, 1);
    let dst = (m, d) >= (3, second_sunday_march) && (m, d) < (11, first_sunday_november);
    let local = at - if dst { 4 } else { 5 } * 3600;
    let (y, m, d) = civil(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The day of the month of the `n`th Sunday of `month` in `year`.
fn nth_sunday(year: i64, month: u32, n: u32) -> u32 {
    (1..=31).filter(|d| weekday(year, month, *d) == 0).nth(n as usize - 1).unwrap()
}

/// 0 = Sunday (Sakamoto).
fn weekday(y: i64, m: u32, d: u32) -> i64 {
    const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    (y + y / 4 - y / 100 + y / 400 + T[m as usize - 1] + i64::from(d)).rem_euclid(7)
}

#[test]
fn the_three_401s_and_a_bad_api_token() {
    let e = Emu::start(&[]);
    error(&post(&e, "authenticate", &json!({ "api_token": "nope" })), 401, "Invalid API token");
    error(&post(&e, "host/fetch", &json!({ "host_id": 9 })), 401, "Missing auth_token");
    error(&post(&e, "host/fetch", &json!({ "host_id": 9, "auth_token": "not-a-token" })), 401, "Invalid token");
    let c = login(&e, COMPANY);
    e.advance(3601);
    error(&call(&e, &c, "host/fetch", json!({ "host_id": 9 })), 401, "Session expired");
    // A fresh token works at once.
    ok(&e, &login(&e, COMPANY), "host/fetch", json!({ "host_id": 9 }));
}

#[test]
fn a_token_lives_sixty_minutes_after_its_last_successful_use() {
    let e = Emu::start(&[]);
    let c = login(&e, COMPANY);
    e.advance(59 * 60);
    ok(&e, &c, "host/fetch", json!({ "host_id": 9 }));
    e.advance(59 * 60);
    ok(&e, &c, "host/fetch", json!({ "host_id": 9 }));
    // An error answer is no successful use: it does not touch the token.
    e.advance(59 * 60);
    error(&call(&e, &c, "host/fetch", json!({ "host_id": 99 })), 404, "Host not found");
    e.advance(2 * 60);
    error(&call(&e, &c, "host/fetch", json!({ "host_id": 9 })), 401, "Session expired");
    // A 401 changes nothing: the company is still as seeded, the token still expired.
    error(&call(&e, &c, "company/update", json!({ "company_id": 5, "name": "X" })), 401, "Session expired");
    let r = login(&e, RESELLER);
    assert_eq!(ok(&e, &r, "company/fetch", json!({ "company_id": 5 }))["name"], "The Joe Company");
    error(&call(&e, &c, "host/fetch", json!({ "host_id": 9 })), 401, "Session expired");
}

#[test]
fn the_token_life_is_a_flag() {
    let e = Emu::start(&["--iotum-token-ttl", "120"]);
    let c = login(&e, COMPANY);
    e.advance(100);
    ok(&e, &c, "host/fetch", json!({ "host_id": 9 }));
    e.advance(121);
    error(&call(&e, &c, "host/fetch", json!({ "host_id": 9 })), 401, "Session expired");
}

#[test]
fn roles_scope_every_method() {
    let e = Emu::start(&[]);
    let (r, c, h, o) = (login(&e, RESELLER), login(&e, COMPANY), login(&e, HOST), login(&e, OTHER));
    let beyond = "Beyond the scope of your role";
    // A HOST authenticates, then every method is 403.
    for (path, body) in [
        ("host/fetch", json!({ "host_id": 10 })),
        ("contact/fetch_all", json!({ "host_id": 10 })),
        ("conference/fetch_all", json!({ "host_id": 10 })),
        ("subscription/fetch_products", json!({})),
    ] {
        error(&call(&e, &h, path, body), 403, beyond);
    }
    // ResellerAdmin-only methods: 403 to a CompanyAdmin.
    for (path, body) in [
        ("company/fetch", json!({ "company_id": 5 })),
        ("company/create", json!({ "subdomain": "x", "name": "X" })),
        ("company/fetch_all", json!({})),
        ("subscription/suspend", json!({ "company_id": 5, "slug": "small_plan" })),
        ("subscription/fetch", json!({ "company_id": 5 })),
        ("domain/descendants", json!({})),
    ] {
        error(&call(&e, &c, path, body), 403, beyond);
    }
    // A CompanyAdmin beyond its company.
    error(&call(&e, &c, "host/fetch", json!({ "host_id": 11 })), 403, beyond);
    error(&call(&e, &c, "subscription/create", json!({ "company_id": 6, "slug": "recording" })), 403, beyond);
    error(
        &call(&e, &c, "host/create", json!({ "name": "R", "email": "r@x.test", "role": "RESELLER_ADMIN" })),
        403,
        beyond,
    );
    // A ResellerAdmin reaches every company of its domain, not the other reseller's.
    assert_eq!(ok(&e, &r, "host/fetch", json!({ "host_id": 11 }))["name"], "Hal Host");
    assert_eq!(ok(&e, &r, "conference/fetch", json!({ "conference_id": 183 }))["conference_id"], 183);
    error(&call(&e, &o, "company/fetch", json!({ "company_id": 5 })), 403, beyond);
    error(&call(&e, &o, "host/fetch", json!({ "host_id": 9 })), 403, beyond);
    error(&call(&e, &o, "conference/fetch", json!({ "conference_id": 183 })), 403, beyond);
    error(&call(&e, &r, "company/fetch", json!({ "company_id": 7 })), 403, beyond);
    let other = ok(&e, &o, "company/fetch_all", json!({}));
    assert_eq!(other.as_array().unwrap().len(), 1);
    assert_eq!(ok(&e, &o, "domain/descendants", json!({})), json!([]), "no child: an empty array");
}

#[test]
fn a_missing_object_is_404_before_another_tenants_is_403() {
    let e = Emu::start(&[]);
    let (c, o) = (login(&e, COMPANY), login(&e, OTHER));
    error(&call(&e, &c, "host/fetch", json!({ "host_id": 4242 })), 404, "Host not found");
    error(&call(&e, &o, "host/fetch", json!({ "host_id": 4242 })), 404, "Host not found");
    error(&call(&e, &o, "host/fetch", json!({ "host_id": 9 })), 403, "Beyond the scope of your role");
    error(&call(&e, &c, "conference/fetch", json!({ "conference_id": 4242 })), 404, "Conference not found");
    error(&call(&e, &c, "contact/fetch", json!({ "host_id": 9, "contact_id": 4242 })), 404, "Contact not found");
    error(&call(&e, &c, "drive/file/fetch", json!({ "host_id": 9, "id": 4242 })), 404, "File not found");
    error(&call(&e, &o, "subscription/fetch", json!({ "company_id": 4242 })), 404, "Company not found");
}

#[test]
fn validation_answers_the_documents_texts() {
    let e = Emu::start(&[]);
    let c = login(&e, COMPANY);
    let base =
        || json!({ "host_id": 9, "subject": "S", "start": "2030-01-01 10:00:00", "time_zone": "UTC", "duration": 30 });
    let create = |extra: Value| {
        let mut body = base();
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        call(&e, &c, "conference/create", body)
    };
    error(&create(json!({ "security_pin": "123456" })), 422, "Must enable one_time_access_code to use security_pin");
    error(&create(json!({ "participants": "35" })), 422, "Participants must be an array of contacts");
    error(
        &create(json!({ "participants": [35, 4242] })),
        422,
        "Participants has one or more contact that does not exist in the host's contact list.",
    );
    error(&create(json!({ "schedule": "FREQ=YEARLY" })), 422, "Schedule FREQ must be DAILY, WEEKLY or MONTHLY");
    error(&create(json!({ "schedule": "FREQ=WEEKLY;COUNT=3" })), 422, "Schedule WEEKLY must include BYDAY");
    error(
        &create(json!({ "schedule": "FREQ=MONTHLY;BYDAY=2WE,3TH" })),
        422,
        "Schedule MONTHLY BYDAY only supports one item",
    );
    error(
        &create(json!({ "schedule": "FREQ=MONTHLY;BYMONTHDAY=1,2" })),
        422,
        "Schedule MONTHLY BYMONTHDAY only supports one item",
    );
    error(
        &create(json!({ "schedule": "FREQ=MONTHLY;BYDAY=2WE;BYMONTHDAY=3" })),
        422,
        "Schedule MONTHLY supports BYDAY or BYMONTHDAY, cannot use both",
    );
    error(
        &create(json!({ "schedule": "FREQ=MONTHLY;BYDAY=WE" })),
        422,
        "Schedule MONTHLY BYDAY must include number and day",
    );
    error(&create(json!({ "schedule": "FREQ=MONTHLY" })), 422, "Schedule MONTHLY must include BYDAY or BYMONTHDAY");
    let parse = create(json!({ "schedule": "FREQ=DAILY;INTERVAL=zero" }));
    assert_eq!(parse.status, 422);
    assert!(
        parse.json()["message"].as_str().unwrap().starts_with("Failed to parse the schedule rule."),
        "{}",
        parse.body
    );
    error(&create(json!({ "time_zone": "Mars/Olympus" })), 422, "Invalid time zone");
    error(&create(json!({ "start": "tomorrow" })), 422, "start must be YYYY-MM-DD HH:MM:SS");
    error(&create(json!({ "duration": "60" })), 422, "duration must be a positive integer");
    error(&create(json!({ "mute_mode": "loud" })), 422, "mute_mode must be one of conversation, q&a, presentation");
    let mut no_subject = base();
    no_subject.as_object_mut().unwrap().remove("subject");
    error(&call(&e, &c, "conference/create", no_subject), 422, "subject is required");
    error(&call(&e, &c, "host/fetch", json!({})), 422, "host_id is required");
    // Only the master conference takes a schedule (none is a non-master here: the check passes).
    let master = ok(
        &e,
        &c,
        "conference/create",
        json!({ "host_id": 9, "subject": "M", "start": "2030-01-01 10:00:00", "time_zone": "UTC", "duration": 30, "schedule": "FREQ=MONTHLY;BYMONTHDAY=-3" }),
    );
    assert_eq!(master["schedule"], "FREQ=MONTHLY;BYMONTHDAY=-3");
    // Malformed JSON is 400; a wrong type 422.
    let bad = raw(&e.addr, "POST", "/enterprise_api/host/fetch", &[], Some("{not json")).unwrap();
    error(&bad, 400, "Malformed JSON body");
    error(&call(&e, &c, "host/fetch", json!({ "host_id": "nine" })), 422, "host_id must be a positive integer");
    // Unknown routes and methods answer JSON too.
    error(&post(&e, "no/such/route", &json!({})), 404, "Not found");
    let get = raw(&e.addr, "GET", "/enterprise_api/host/fetch", &[], None).unwrap();
    error(&get, 405, "Method not allowed");
    let r = login(&e, RESELLER);
    let put_as_post =
        call(&e, &r, "subscription/update", json!({ "company_id": 5, "slug": "small_plan", "host_limit": 3 }));
    error(&put_as_post, 405, "Method not allowed");
}

#[test]
fn lists_answer_an_array_or_pages() {
    let e = Emu::start(&[]);
    let c = login(&e, COMPANY);
    // Seed: 183 (tomorrow) and 185 (now) are listed, 184 (past) is not.
    let two = ok(&e, &c, "conference/fetch_all", json!({ "host_id": 9 }));
    assert_eq!(ids(&two, "conference_id"), [185, 183]);
    let paged = ok(&e, &c, "conference/fetch_all", json!({ "host_id": 9, "page": "pg-0" }));
    assert_eq!(ids(&paged["conferences"], "conference_id"), [185, 183]);
    assert_eq!(paged["next_page"], Value::Null);
    for i in 0..12 {
        ok(
            &e,
            &c,
            "conference/create",
            json!({ "host_id": 9, "subject": format!("C{i}"), "start": format!("2027-02-{:02} 10:00:00", i + 1), "time_zone": "UTC", "duration": 30 }),
        );
    }
    let first = ok(&e, &c, "conference/fetch_all", json!({ "host_id": 9 }));
    assert_eq!(first["conferences"].as_array().unwrap().len(), 10);
    let cursor = first["next_page"].as_str().unwrap().to_string();
    let second = ok(&e, &c, "conference/fetch_all", json!({ "host_id": 9, "page": cursor }));
    assert_eq!(second["conferences"].as_array().unwrap().len(), 4);
    assert_eq!(second["next_page"], Value::Null);
    let mut all = ids(&first["conferences"], "conference_id");
    all.extend(ids(&second["conferences"], "conference_id"));
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 14);
    error(&call(&e, &c, "conference/fetch_all", json!({ "host_id": 9, "page": "bogus" })), 422, "Invalid page");
    // host/conferences pages the same way.
    let history = ok(&e, &c, "host/conferences", json!({ "host_id": 9, "page": "pg-0" }));
    assert_eq!(ids(&history["conferences"], "conference_id"), [184]);
    // drive/fetch_all: 20 a page, numbered.
    let d = ok(&e, &c, "drive/fetch_all", json!({ "host_id": 9 }));
    assert_eq!(
        (d["total_pages"].as_u64(), d["current_page"].as_u64(), d["next_page"].clone()),
        (Some(1), Some(1), Value::Null)
    );
    assert_eq!(d["files"][0]["filename"], "agenda.pdf");
    for i in 0..20 {
        ok(&e, &c, "drive/create", json!({ "host_id": 9, "filename": format!("f{i}.txt") }));
    }
    let d = ok(&e, &c, "drive/fetch_all", json!({ "host_id": 9 }));
    assert_eq!(
        (d["files"].as_array().unwrap().len(), d["total_pages"].as_u64(), d["next_page"].as_u64()),
        (20, Some(2), Some(2))
    );
    let d2 = ok(&e, &c, "drive/fetch_all", json!({ "host_id": 9, "page": 2 }));
    assert_eq!(
        (d2["files"].as_array().unwrap().len(), d2["current_page"].as_u64(), d2["next_page"].clone()),
        (1, Some(2), Value::Null)
    );
}

#[test]
fn drive_upload_puts_bytes_then_finishes() {
    let e = Emu::start(&[]);
    let c = login(&e, COMPANY);
    let made = ok(&e, &c, "drive/create", json!({ "host_id": 9, "filename": "slides.pdf" }));
    let id = made["id"].as_u64().unwrap();
    let url = made["upload_url"].as_str().unwrap();
    let prefix = format!("http://{}/enterprise_api/__drive_upload/{id}?signature=", e.addr);
    assert!(url.starts_with(&prefix), "{url}");
    assert!(made["download_link"].as_str().unwrap().starts_with("https://joe.reseller.test/drive_files/download/"));
    let path = url.trim_start_matches(&format!("http://{}", e.addr));
    let finish = || call(&e, &c, "drive/file/finish_upload", json!({ "host_id": 9, "id": id }));
    error(&finish(), 422, "The file has not been uploaded");
    let wrong = format!("/enterprise_api/__drive_upload/{id}?signature=wrong");
    error(&raw_body(&e.addr, "PUT", &wrong, &[], "application/pdf", b"x").unwrap(), 403, "Invalid signature");
    let big = vec![0u8; 10 * 1024 * 1024 + 1];
    error(&raw_body(&e.addr, "PUT", path, &[], "application/pdf", &big).unwrap(), 413, "The file is larger than 10 MB");
    let put = raw_body(&e.addr, "PUT", path, &[], "application/pdf", &[7u8; 1234]).unwrap();
    assert_eq!(put.status, 200, "{}", put.body);
    let done = finish();
    assert_eq!(done.status, 200, "{}", done.body);
    let f = done.json();
    assert_eq!(
        (f["size"].as_u64(), f["mimetype"].as_str(), f["presentation_status"].as_str()),
        (Some(1234), Some("application/pdf"), Some("ready"))
    );
    error(&finish(), 409, "The file has already been processed");
    assert_eq!(ok(&e, &c, "drive/file/fetch", json!({ "host_id": 9, "id": id }))["size"], 1234);
    let del = call(&e, &c, "drive/file/delete", json!({ "host_id": 9, "id": id }));
    assert_eq!((del.status, del.body.as_str()), (204, ""));
    error(&call(&e, &c, "drive/file/fetch", json!({ "host_id": 9, "id": id })), 404, "File not found");
    assert_eq!(ok(&e, &c, "drive/file/fetch", json!({ "host_id": 9, "id": 50 }))["presentation_status"], "ready");
}

#[test]
fn the_emulators_layers_cover_the_area() {
    let e = Emu::start(&[]);
    let c = login(&e, COMPANY);
    let doc = e.req("GET", "/openapi.json", &[], None).json();
    let item = &doc["paths"]["/conference/create"];
    assert_eq!(item["servers"][0]["url"], "/enterprise_api");
    assert_eq!(item["post"]["tags"][0], "iotum");
    assert!(doc["paths"]["/subscription/update"]["put"].is_object());
    assert!(doc["paths"]["/host/delete"]["post"]["responses"]["202"].is_object());
    assert!(doc["paths"]["/drive/file/delete"]["post"]["responses"]["204"].is_object());
    let iotum_ops =
        doc["paths"].as_object().unwrap().values().filter(|i| i["servers"][0]["url"] == "/enterprise_api").count();
    assert_eq!(iotum_ops, 52, "50 POSTs, the PUT of subscription/update and the upload PUT");
    // Faults target /enterprise_api paths.
    e.control(
        "POST",
        "faults",
        Some(json!({ "route": "/enterprise_api/conference/create", "error_rate": 1.0, "count": 1 })),
    );
    let body =
        json!({ "host_id": 9, "subject": "F", "start": "2030-01-01 10:00:00", "time_zone": "UTC", "duration": 5 });
    error(&call(&e, &c, "conference/create", body.clone()), 500, "Internal server error");
    ok(&e, &c, "conference/create", body);
    // The request log has them, without the token.
    let log = e.control("GET", "requests?since=0", None);
    let text = log.to_string();
    assert!(text.contains("/enterprise_api/conference/create"));
    assert!(!text.contains(&c));
    // Reset: the tokens are forgotten, the seed is back.
    e.control("POST", "reset", None);
    error(&call(&e, &c, "host/fetch", json!({ "host_id": 9 })), 401, "Invalid token");
    let c = login(&e, COMPANY);
    assert_eq!(ok(&e, &c, "conference/fetch_all", json!({ "host_id": 9 })).as_array().unwrap().len(), 2);
    // The schemathesis test token never expires.
    e.advance(10 * 24 * 3600);
    ok(&e, "iotum-schemathesis-auth-token", "company/fetch", json!({ "company_id": 5 }));
}

#[test]
fn the_data_file_keeps_the_area() {
    let dir = std::env::temp_dir().join(format!("iotum-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("data.json");
    let _ = std::fs::remove_file(&file);
    let path = file.to_str().unwrap();
    let id = {
        let e = Emu::start(&["--data-file", path]);
        let r = login(&e, RESELLER);
        ok(&e, &r, "company/create", json!({ "subdomain": "kept", "name": "Kept" }))["id"].as_u64().unwrap()
    };
    let e = Emu::start(&["--data-file", path]);
    let r = login(&e, RESELLER);
    assert_eq!(ok(&e, &r, "company/fetch", json!({ "company_id": id }))["subdomain"], "kept");
    drop(e);
    let _ = std::fs::remove_dir_all(&dir);
}
