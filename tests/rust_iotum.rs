//! The Rust `IotumClient` (`ucaas_client::client`) with the reqwest transport against the
//! emulator's Iotum enterprise API: every method's success path on the seed, the documented
//! failures (401, 403 by role and tenant, 404, 409, 422 with the document's texts), one
//! authenticate for 20 concurrent first calls, the sliding token on the emulator clock, a write
//! that timed out not sent again and a read repeated after a 5xx, the drive upload and the
//! cursor streams (the JavaScript class's suite is tests/node/iotum.test.mjs; the rules where a
//! misbehaving server or a moved clock is needed: src/client/iotum/tests.rs).
//!
//!   cargo test --features client,reqwest --test rust_iotum
#![cfg(not(target_arch = "wasm32"))]

mod native;

use futures_util::StreamExt;
use native::Emulator;
use serde::Serialize;
use serde_json::{json, Value};
use std::time::Duration;
use ucaas_client::client::{IotumClient, ReqwestTransport};
use ucaas_client::{Error, ErrorKind};

const RESELLER: &str = "iotum-reseller-token";
const COMPANY: &str = "iotum-company-token";
const HOST: &str = "iotum-host-token";
const OTHER: &str = "iotum-other-token";

type Iotum = IotumClient<ReqwestTransport>;

fn iotum(emulator: &Emulator, api_token: &str) -> Iotum {
    IotumClient::new(ReqwestTransport::new(), &emulator.origin, api_token).unwrap()
}

/// An answer as JSON (what the JavaScript suite compares).
fn js<A: Serialize>(answer: &A) -> Value {
    serde_json::to_value(answer).unwrap()
}

/// The emulator's log entries of `/enterprise_api/<route>`.
async fn log(emulator: &Emulator, route: &str) -> Vec<Value> {
    let answer = emulator.control(reqwest::Method::GET, "/requests?since=0", None).await;
    let path = format!("/enterprise_api/{route}");
    answer["requests"].as_array().unwrap().iter().filter(|r| r["path"] == path.as_str()).cloned().collect()
}

async fn advance(emulator: &Emulator, minutes: u64) {
    emulator.control(reqwest::Method::POST, "/clock", Some(json!({ "advance_seconds": minutes * 60 }))).await;
}

/// `YYYY-MM-DD HH:MM:00` (UTC) `days` from now, on the minute.
fn in_days(days: u64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let at = (now + days * 86_400).div_ceil(60) * 60;
    ucaas_codes::time::format(at as i64)
}

fn kind_status(e: &Error) -> (ErrorKind, Option<u16>) {
    (e.kind, e.status)
}

#[tokio::test]
async fn twenty_concurrent_first_calls_authenticate_once() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    let nine = json!({ "host_id": 9 });
    let hosts = futures_util::future::join_all((0..20).map(|_| c.host_fetch(&nine))).await;
    for h in hosts {
        assert_eq!(h.unwrap().email.as_deref(), Some("john@company.tld"));
    }
    assert_eq!(log(&emulator, "authenticate").await.len(), 1);
    assert_eq!(log(&emulator, "host/fetch").await.len(), 20);
    // From spawned tasks too (the futures are Send).
    let c = std::sync::Arc::new(iotum(&emulator, COMPANY));
    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move { c.host_fetch(&json!({ "host_id": 9 })).await.map(drop) })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(log(&emulator, "authenticate").await.len(), 2, "one more for the second client");
}

#[tokio::test]
async fn the_token_slides_in_use_and_past_sixty_minutes_is_renewed_once_with_each_call_repeated_once() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    c.host_fetch(&json!({ "host_id": 9 })).await.unwrap();
    for _ in 0..3 {
        advance(&emulator, 50).await;
        c.host_fetch(&json!({ "host_id": 9 })).await.unwrap();
    }
    assert_eq!(log(&emulator, "authenticate").await.len(), 1, "the token slid");
    // The emulator's clock moved, the client's did not: the server refuses the token.
    advance(&emulator, 61).await;
    let nine = json!({ "host_id": 9 });
    let all = futures_util::future::join_all((0..5).map(|_| c.host_fetch(&nine))).await;
    assert!(all.iter().all(Result::is_ok));
    assert_eq!(log(&emulator, "authenticate").await.len(), 2, "one renewal for the five");
    let fetches = log(&emulator, "host/fetch").await;
    assert_eq!(fetches.iter().filter(|r| r["status"] == 401).count(), 5, "each refused once");
    assert_eq!(fetches.len(), 4 + 5 + 5, "and repeated once");
}

#[tokio::test]
async fn a_wrong_api_token_is_unauthenticated_and_the_host_role_may_use_no_method() {
    let emulator = Emulator::start();
    let bad = iotum(&emulator, "nope-secret").company_fetch_all().await.unwrap_err();
    assert_eq!(kind_status(&bad), (ErrorKind::Unauthenticated, Some(401)));
    assert!(bad.message.starts_with("The API token was refused"), "{}", bad.message);
    assert!(!format!("{bad:?}").contains("nope-secret"));
    let host = iotum(&emulator, HOST).host_fetch(&json!({ "host_id": 10 })).await.unwrap_err();
    assert_eq!(kind_status(&host), (ErrorKind::Forbidden, Some(403)));
    let e = IotumClient::new(ReqwestTransport::new(), &emulator.origin, " ").unwrap_err();
    assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some("apiToken")));
    let e = IotumClient::new(ReqwestTransport::new(), "https://u:k@host", COMPANY).unwrap_err();
    assert_eq!(e.field, Some("baseUrl"));
}

#[tokio::test]
async fn a_create_that_timed_out_is_not_sent_again_and_a_read_is_repeated_after_a_5xx() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY).with_timeout(Duration::from_millis(300)).unwrap();
    c.host_fetch(&json!({ "host_id": 9 })).await.unwrap(); // authenticated before the faults
    emulator.fault(json!({ "route": "/enterprise_api/conference/create", "latency_ms": 1500, "count": 1 })).await;
    let input = json!({ "host_id": 9, "subject": "Once", "start": in_days(2), "time_zone": "UTC", "duration": 30 });
    let e = c.conference_create(&input).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
    tokio::time::sleep(Duration::from_millis(1600)).await; // past the delay: a repeat would be logged
    assert!(log(&emulator, "conference/create").await.len() <= 1, "sent once");
    let mut subjects = Vec::new();
    let mut all = std::pin::pin!(c.conferences(&json!({ "host_id": 9 })));
    while let Some(x) = all.next().await {
        subjects.push(x.unwrap().subject.unwrap_or_default());
    }
    assert!(subjects.iter().filter(|s| *s == "Once").count() <= 1);

    emulator.fault(json!({ "route": "/enterprise_api/host/fetch", "error_rate": 1.0, "count": 2 })).await;
    assert_eq!(c.host_fetch(&json!({ "host_id": 9 })).await.unwrap().host_id, Some(9));
    let fetches = log(&emulator, "host/fetch").await;
    assert_eq!(fetches.iter().filter(|r| r["status"] == 500).count(), 2, "two 500s, then the answer");
    emulator.fault(json!({ "route": "/enterprise_api/host/update", "error_rate": 1.0, "count": 1 })).await;
    let e = c.host_update(&json!({ "host_id": 9, "name": "John" })).await.unwrap_err();
    assert_eq!(kind_status(&e), (ErrorKind::Http, Some(500)));
    assert_eq!(log(&emulator, "host/update").await.len(), 1, "a write is sent once");
}

#[tokio::test]
async fn domain_and_companies() {
    let emulator = Emulator::start();
    let r = iotum(&emulator, RESELLER);
    let domains = r.domain_descendants().await.unwrap();
    let domains: Vec<_> = domains.items.iter().map(|d| (d.id, d.domain.as_deref())).collect();
    assert_eq!(domains, [(Some(3), Some("sub.reseller.test"))]);
    let input = json!({ "subdomain": "acme", "name": "Acme Inc", "customer_id": "A-1", "primary_color": "#00ff00" });
    let id = r.company_create(&input).await.unwrap().id.unwrap();
    assert_eq!(
        js(&r.company_fetch(&json!({ "company_id": id })).await.unwrap()),
        json!({ "subdomain": "acme", "name": "Acme Inc", "host_count": 0, "hosts": [], "customer_id": "A-1" })
    );
    let updated = r.company_update(&json!({ "company_id": id, "name": "Acme Ltd" })).await.unwrap();
    assert_eq!(updated.name.as_deref(), Some("Acme Ltd"));
    let all = r.company_fetch_all().await.unwrap();
    assert!(all.items.iter().any(|c| c.subdomain.as_deref() == Some("joe") && !c.hosts.as_ref().unwrap().is_empty()));
    assert_eq!(
        r.company_delete(&json!({ "company_id": id.to_string() })).await.unwrap().message.as_deref(),
        Some("OK")
    );
    let gone = r.company_fetch(&json!({ "company_id": id })).await.unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound);

    let e = iotum(&emulator, COMPANY).company_fetch_all().await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let e = iotum(&emulator, OTHER).company_fetch(&json!({ "company_id": 5 })).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let taken = r.company_create(&json!({ "subdomain": "joe", "name": "Joe again" })).await.unwrap_err();
    assert_eq!(kind_status(&taken), (ErrorKind::Validation, Some(422)));
    // Checked before anything is sent.
    let e = r.company_create(&json!({ "name": "No subdomain" })).await.unwrap_err();
    assert_eq!((e.kind, e.status, e.field), (ErrorKind::Validation, None, Some("subdomain")));
}

#[tokio::test]
async fn subscriptions() {
    let emulator = Emulator::start();
    let r = iotum(&emulator, RESELLER);
    let ok = |a: ucaas_client::api::iotum::Ack| assert_eq!(a.message.as_deref(), Some("OK"));
    let products = r.subscription_fetch_products(&json!({ "include_description": true })).await.unwrap();
    let mut slugs: Vec<_> = products.items.iter().map(|p| p.slug.clone().unwrap()).collect();
    slugs.sort();
    assert_eq!(slugs, ["large_plan", "recording", "small_plan"]);
    assert!(products.items.iter().all(|p| p.description.is_some()));
    assert_eq!(r.subscription_fetch_products(&json!({})).await.unwrap().items.len(), 3);
    ok(r.subscription_create(&json!({ "company_id": 6, "slug": "recording", "subscribe_all_hosts": false }))
        .await
        .unwrap());
    ok(r.subscription_update(&json!({ "company_id": 5, "slug": "small_plan", "host_limit": 12 })).await.unwrap());
    ok(r.subscription_suspend(&json!({ "company_id": 5, "slug": "recording" })).await.unwrap());
    let subs = js(&r.subscription_fetch(&json!({ "company_id": 5 })).await.unwrap());
    let summary: Vec<_> = subs["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].clone(), s["status"].clone(), s["product"]["slug"].clone()))
        .collect();
    assert_eq!(
        summary,
        [(json!(100), json!("Active"), json!("small_plan")), (json!(101), json!("Suspended"), json!("recording"))]
    );
    assert_eq!(subs["items"][0]["host_limit"], 12);
    ok(r.subscription_reactivate(&json!({ "company_id": 5, "slug": "recording" })).await.unwrap());
    ok(r.subscription_suspend_all(&json!({ "company_id": 5 })).await.unwrap());
    let subs = js(&r.subscription_fetch(&json!({ "company_id": 5 })).await.unwrap());
    assert!(subs["items"].as_array().unwrap().iter().all(|s| s["status"] == "Suspended"));
    ok(r.subscription_reactivate_all(&json!({ "company_id": 5 })).await.unwrap());
    ok(r.subscription_cancel(&json!({ "company_id": 5, "slug": "recording" })).await.unwrap());
    let subs = js(&r.subscription_fetch(&json!({ "company_id": 5 })).await.unwrap());
    assert_eq!(subs["items"].as_array().unwrap().len(), 1, "a cancelled one is left out");
    let again = r.subscription_reactivate(&json!({ "company_id": 5, "slug": "small_plan" })).await.unwrap_err();
    assert_eq!(again.kind, ErrorKind::Validation, "reactivating an active one is the server's 422");
}

#[tokio::test]
async fn hosts() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    let input = json!({ "name": "Nina Host", "email": "nina@company.tld", "time_zone": "Europe/Paris", "disable_emails": { "conference_reminders": true } });
    let h = js(&c.host_create(&input).await.unwrap());
    assert_eq!(h["company_id"], 5, "a Company Admin's own company");
    assert!(h["access_code"]["number"].as_str().unwrap().chars().all(|d| d.is_ascii_digit()));
    assert_eq!(h["time_zone"], "Europe/Paris");
    let id = h["host_id"].clone();
    assert_eq!(c.host_fetch(&json!({ "host_id": id })).await.unwrap().email.as_deref(), Some("nina@company.tld"));
    assert_eq!(
        c.host_update(&json!({ "host_id": id, "name": "Nina H." })).await.unwrap().name.as_deref(),
        Some("Nina H.")
    );
    let all = js(&c.host_fetch_all(&json!({})).await.unwrap());
    assert!(all["items"].as_array().unwrap().iter().any(|x| x["host_id"] == id && x["access_code"].is_string()));
    assert_eq!(c.host_resend_invitation(&json!({ "host_id": id })).await.unwrap().message.as_deref(), Some("OK"));
    assert_eq!(c.host_reset_password(&json!({ "host_id": id })).await.unwrap().message.as_deref(), Some("OK"));
    assert_eq!(js(&c.host_delete(&json!({ "host_id": id })).await.unwrap()), json!({}), "202 with an empty body");
    assert_eq!(c.host_fetch(&json!({ "host_id": id })).await.unwrap_err().kind, ErrorKind::NotFound);
    let other = c.host_fetch(&json!({ "host_id": 11 })).await.unwrap_err();
    assert_eq!(other.kind, ErrorKind::Forbidden, "another company's host");
    let taken = c.host_create(&json!({ "name": "Dup", "email": "john@company.tld" })).await.unwrap_err();
    assert_eq!(taken.message, "Email has already been taken");
}

#[tokio::test]
async fn past_conferences_call_records_and_active_calls() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    let page = c.host_conferences(&json!({ "host_id": 9 })).await.unwrap();
    assert!(page.conferences.iter().any(|p| p.conference_id == Some(184)));
    let past: Vec<_> = c.past_conferences(&json!({ "host_id": 9, "time_zone": "Asia/Tokyo" })).collect().await;
    assert!(!past.is_empty() && past.iter().all(Result::is_ok));
    let cdrs = js(&c.host_cdrs(&json!({ "host_id": 9, "conference_id": 184 })).await.unwrap());
    let cdrs = cdrs["items"].as_array().unwrap();
    assert_eq!(cdrs.len(), 2);
    assert!(cdrs.iter().all(|r| r["conference_id"] == 184 && r["minutes"].as_f64().unwrap() > 0.0));
    let calls = js(&c.host_active_calls(&json!({ "host_id": 9, "time_zone": "UTC" })).await.unwrap());
    let ids: Vec<_> = calls["items"].as_array().unwrap().iter().map(|x| x["conference_id"].clone()).collect();
    assert_eq!(ids, [json!(185)]);
    let none = c
        .host_cdrs(&json!({ "host_id": 9, "start_date": &in_days(30)[..10], "end_date": &in_days(31)[..10] }))
        .await
        .unwrap();
    assert_eq!(js(&none)["items"], json!([]), "the date filter applies");
}

#[tokio::test]
async fn contacts() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    let input = json!({ "host_id": 9, "contacts": [{ "name": "Ann", "email": "ann@x.test" }, { "name": "Ben", "email": "ben@x.test", "time_zone": "US/Central" }] });
    let made = js(&c.contact_create(&input).await.unwrap());
    let made = made["items"].as_array().unwrap();
    assert_eq!(made.iter().map(|m| m["name"].clone()).collect::<Vec<_>>(), [json!("Ann"), json!("Ben")]);
    let ann = made[0]["contact_id"].clone();
    let fetched = c.contact_fetch(&json!({ "host_id": 9, "contact_id": ann })).await.unwrap();
    assert_eq!(fetched.email.as_deref(), Some("ann@x.test"));
    assert!(c.contact_fetch_all(&json!({ "host_id": 9 })).await.unwrap().items.len() >= 4);
    let company = js(&c.contact_fetch_all(&json!({})).await.unwrap());
    assert_eq!(
        company["items"].as_array().unwrap().iter().map(|x| x["contact_id"].clone()).collect::<Vec<_>>(),
        [json!(40)]
    );
    let updated = c.contact_update(&json!({ "host_id": 9, "contact_id": ann, "name": "Ann B." })).await.unwrap();
    assert_eq!(updated.name.as_deref(), Some("Ann B."));
    assert_eq!(
        c.contact_delete(&json!({ "host_id": 9, "contact_id": ann })).await.unwrap().message.as_deref(),
        Some("OK")
    );
    let gone = c.contact_fetch(&json!({ "host_id": 9, "contact_id": ann })).await.unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound);
    let bad = c.contact_create(&json!({ "host_id": 9, "contacts": [{ "name": "No mail" }] })).await.unwrap_err();
    assert_eq!((bad.kind, bad.field), (ErrorKind::Validation, Some("email")), "each contact checked before sending");
}

#[tokio::test]
async fn drive_upload_then_fetch_fetch_all_and_delete() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    let file = c.drive_upload(&json!(9), "slides.pdf", vec![0; 3000]).await.unwrap();
    assert_eq!(
        (file.filename.as_deref(), file.size, file.presentation_status.as_deref(), file.mimetype.as_deref()),
        (Some("slides.pdf"), Some(3000.0), Some("ready"), Some("application/pdf"))
    );
    let id = file.id.unwrap();
    assert_eq!(c.drive_file_fetch(&json!({ "host_id": 9, "id": id })).await.unwrap().size, Some(3000.0));
    let page = c.drive_fetch_all(&json!({ "host_id": 9 })).await.unwrap();
    assert!(page.files.iter().any(|f| f.id == Some(id)) && page.current_page == Some(1));
    let twice = c.drive_file_finish_upload(&json!({ "host_id": 9, "id": id })).await.unwrap_err();
    assert_eq!(kind_status(&twice), (ErrorKind::Api, Some(409)));
    let created = c.drive_create(&json!({ "host_id": 9, "filename": "empty.txt" })).await.unwrap();
    let early = c.drive_file_finish_upload(&json!({ "host_id": 9, "id": created.id })).await.unwrap_err();
    assert_eq!(early.message, "The file has not been uploaded");
    assert_eq!(js(&c.drive_file_delete(&json!({ "host_id": 9, "id": id })).await.unwrap()), json!({}), "204");
    assert_eq!(c.drive_file_fetch(&json!({ "host_id": 9, "id": id })).await.unwrap_err().kind, ErrorKind::NotFound);
    let bad = c.drive_upload(&json!(9), "", vec![1]).await.unwrap_err();
    assert_eq!((bad.kind, bad.field), (ErrorKind::Validation, Some("filename")));
}

#[tokio::test]
async fn chat_to_a_dm_and_to_a_channel() {
    let emulator = Emulator::start();
    let r = iotum(&emulator, RESELLER);
    let sent = r.chat_create(&json!({ "company_id": 5, "id": 123, "message": "Maintenance tonight" })).await.unwrap();
    assert_eq!(sent.message.as_deref(), Some("OK"));
    let sent = r.chat_create(&json!({ "company_id": 5, "slug": "general", "message": "Hello" })).await.unwrap();
    assert_eq!(sent.message.as_deref(), Some("OK"));
    let e = r.chat_create(&json!({ "company_id": 5, "id": 999, "message": "x" })).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    let e = iotum(&emulator, COMPANY).chat_create(&json!({ "company_id": 5, "id": 123, "message": "x" })).await;
    assert_eq!(e.unwrap_err().kind, ErrorKind::Forbidden);
}

#[tokio::test]
async fn conferences_created_fetched_updated_listed_and_cancelled() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    let input = json!({
        "host_id": 9, "subject": "Planning", "agenda": "Q3", "start": in_days(4), "time_zone": "America/Toronto", "duration": 45,
        "participants": [35], "participant_emails": [{ "email": "guest@x.test", "moderator": true }],
        "one_time_access_code": true, "security_pin": "4321",
    });
    let conf = c.conference_create(&input).await.unwrap();
    assert_eq!(conf.time_zone.as_deref(), Some("America/Toronto"));
    assert_eq!(conf.security_pin.as_deref(), Some("4321"));
    assert!(js(&conf)["room_url"].as_str().unwrap().starts_with("https://joe."));
    let id = conf.conference_id.unwrap();
    assert_eq!(c.conference_fetch(&json!({ "conference_id": id })).await.unwrap().start, conf.start);
    let updated = c
        .conference_update(&json!({ "conference_id": id, "subject": "Planning (moved)", "duration": 60 }))
        .await
        .unwrap();
    assert_eq!((updated.subject.as_deref(), js(&updated)["duration"].clone()), (Some("Planning (moved)"), json!(60)));
    let details = js(&c.conference_fetch_participant_details(&json!({ "conference_id": id })).await.unwrap());
    assert!(details["participants"].as_array().unwrap().iter().any(|p| p["contact_id"] == 35));
    assert!(!details["moderators"].as_array().unwrap().is_empty());
    let ids: Vec<_> =
        c.conferences(&json!({ "host_id": 9 })).map(|x| x.unwrap().conference_id.unwrap()).collect().await;
    assert!(ids.contains(&id) && ids.contains(&183));
    assert_eq!(c.conference_cancel(&json!({ "conference_id": id })).await.unwrap().message.as_deref(), Some("OK"));
    assert_eq!(c.conference_fetch(&json!({ "conference_id": id })).await.unwrap_err().kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn a_series_a_reservationless_call_and_the_documents_validation_texts() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    let series = js(&c
        .conference_create(&json!({ "host_id": 9, "subject": "Daily", "start": in_days(1), "time_zone": "UTC", "duration": 15, "schedule": "FREQ=DAILY;INTERVAL=2" }))
        .await
        .unwrap());
    assert_eq!(series["is_master"], true);
    assert_eq!(series["master_id"], series["conference_id"]);
    let now =
        js(&c.conference_create_reservationless(&json!({ "host_id": 9, "one_time_access_code": true })).await.unwrap());
    assert_eq!(now["active"], true);
    for (extra, message) in [
        (json!({ "schedule": "FREQ=YEARLY" }), "Schedule FREQ must be DAILY, WEEKLY or MONTHLY"),
        (
            json!({ "schedule": "FREQ=MONTHLY;BYDAY=2WE;BYMONTHDAY=3" }),
            "Schedule MONTHLY supports BYDAY or BYMONTHDAY, cannot use both",
        ),
        (
            json!({ "participants": [9999] }),
            "Participants has one or more contact that does not exist in the host's contact list.",
        ),
    ] {
        let mut input =
            json!({ "host_id": 9, "subject": "S", "start": in_days(1), "time_zone": "UTC", "duration": 15 });
        input.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let e = c.conference_create(&input).await.unwrap_err();
        assert_eq!((e.kind, e.status, e.message.as_str()), (ErrorKind::Validation, Some(422), message));
    }
}

#[tokio::test]
async fn on_the_active_conference_and_recordings_of_a_past_one() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    let active = json!({ "conference_id": 185 });
    assert_eq!(js(&c.conference_fetch_livestream_viewer_count(&active).await.unwrap()), json!({ "count": 4 }));
    let dial = json!({ "conference_id": 185, "country_code": "CA", "phone_number": "14165551212", "name": "Jane" });
    assert_eq!(js(&c.conference_dial_number(&dial).await.unwrap()), json!({ "dialout_status": "new" }));
    let message = json!({ "conference_id": 185, "message": "Five minutes left" });
    assert_eq!(c.conference_message_create(&message).await.unwrap().message.as_deref(), Some("OK"));
    assert_eq!(c.conference_stop_streaming(&active).await.unwrap().message.as_deref(), Some("OK"));
    assert_eq!(c.conference_end(&active).await.unwrap().message.as_deref(), Some("OK"));
    let ended = c.conference_message_create(&json!({ "conference_id": 185, "message": "again" })).await.unwrap_err();
    assert_eq!(ended.message, "The conference is not active");
    let past = json!({ "conference_id": 184 });
    assert_eq!(c.conference_delete_recordings(&past).await.unwrap().message.as_deref(), Some("OK"));
    assert_eq!(c.conference_delete_transcriptions(&past).await.unwrap().message.as_deref(), Some("OK"));
}

#[tokio::test]
async fn beyond_ten_conferences_fetch_all_pages_by_cursor_and_the_stream_reads_every_page() {
    let emulator = Emulator::start();
    let c = iotum(&emulator, COMPANY);
    for i in 0..12 {
        let input = json!({ "host_id": 9, "subject": format!("Bulk {i}"), "start": in_days(5 + i), "time_zone": "UTC", "duration": 15 });
        c.conference_create(&input).await.unwrap();
    }
    let first = c.conference_fetch_all(&json!({ "host_id": 9 })).await.unwrap();
    assert_eq!(first.conferences.len(), 10);
    assert!(first.next_page.is_some());
    let subjects: Vec<String> =
        c.conferences(&json!({ "host_id": 9 })).map(|x| x.unwrap().subject.unwrap_or_default()).collect().await;
    assert_eq!(subjects.iter().filter(|s| s.starts_with("Bulk ")).count(), 12);
    let distinct: std::collections::BTreeSet<_> = subjects.iter().collect();
    assert_eq!(distinct.len(), subjects.len(), "no conference twice");
    // A bad query is the stream's only item, and nothing is sent for it.
    let before = log(&emulator, "conference/fetch_all").await.len();
    let only: Vec<_> = c.conferences(&json!({ "host_id": "nine" })).collect().await;
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].as_ref().unwrap_err().kind, ErrorKind::Validation);
    assert_eq!(log(&emulator, "conference/fetch_all").await.len(), before);
}
