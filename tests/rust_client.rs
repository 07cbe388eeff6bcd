//! The Rust client (`ucaas_client::client`) with the reqwest transport against the emulator,
//! which each test starts on a free loopback port and stops when it ends (native only).
//!
//!   cargo test --test rust_client   (UCAAS_EMULATOR_BIN: the binary; default target/debug/ucaas-emulator)
#![cfg(not(target_arch = "wasm32"))]

mod native;

use futures_util::StreamExt;
use native::{in_days, unique, Emulator};
use serde_json::{json, Value};
use std::time::Duration;
use ucaas_client::api::Input;
use ucaas_client::client::{Auth, Client, FileBody, Files, ReqwestTransport};
use ucaas_client::{ErrorKind, Loose};

fn input<I: Input>(v: Value) -> I {
    I::read(&v).unwrap()
}

#[tokio::test]
async fn meetings_are_scheduled_read_changed_listed_and_cancelled() {
    let emulator = Emulator::start();
    let c = emulator.admin();
    let name = unique("Rust ");
    let input = ucaas_client::api::meetings::MeetingInput {
        room_name: name.as_str().into(),
        start_time: in_days(2).into(),
        duration: 30.into(),
        moderators: 1.into(),
        participants: 2.into(),
        ..Default::default()
    };
    let meeting = c.schedule_meeting(input).await.unwrap().meeting;
    assert_eq!(meeting.room_name.as_deref(), Some(name.as_str()));
    let id = meeting.meeting_id.clone();
    assert_eq!(c.get_meeting(&id).await.unwrap().meeting.meeting_id, id);
    let patch = ucaas_client::api::meetings::MeetingPatch { duration: 45.into(), ..Default::default() };
    assert_eq!(c.update_meeting(&id, patch).await.unwrap().meeting.duration, Some(45));
    let page = c.list_meetings(Some(&json!({"page_length": 100}))).await.unwrap();
    assert!(page.meetings.iter().any(|m| m.meeting_id == id));
    let mut all = Vec::new();
    let mut stream = Box::pin(c.meetings(Some(&json!({"page_length": 1}))));
    while let Some(m) = stream.next().await {
        all.push(m.unwrap().meeting_id);
    }
    assert!(all.len() > 1 && all.contains(&id), "{all:?}");
    let cancelled = c.cancel_meeting(&id).await.unwrap();
    assert_eq!(cancelled.event.map(|e| e.meeting_id), Some(id.clone()));
    let e = c.get_meeting(&id).await.unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::NotFound, Some(404)), "{e:?}");
}

#[tokio::test]
async fn sessions_branding_reports_polls_and_lobbies_are_read() {
    let emulator = Emulator::start();
    let c = emulator.admin();
    let joined = c.join_session(input(json!({"pin": "222222", "name": "Ann", "user_ref": "ann-1"}))).await.unwrap();
    assert!(!joined.token.is_empty());
    c.invite_to_session(input(json!({"pin": "222222", "invitees": ["x@example.test"]}))).await.unwrap();
    let e = c.join_session(input(json!({"pin": "999999", "name": "a", "user_ref": "b"}))).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    let branding = c.get_branding(input(json!({"domain": "meet.example.test"}))).await.unwrap();
    assert_ne!(branding, Default::default());
    let cdr = c.get_cdr(&json!({"session_id": "ses-alice-past-1"})).await.unwrap();
    assert!(!cdr.cdr.is_empty(), "{cdr:?}");
    let sessions = c.list_sessions(None).await.unwrap();
    assert!(!sessions.sessions.is_empty());
    let polls = c.get_polls("room-alice-past", &Loose::Null).await.unwrap();
    assert!(!polls.polls.is_empty());
    let lobby = c.get_lobby("mtg-alice-upcoming").await.unwrap();
    assert_ne!(lobby, Default::default());
    assert!(!c.get_timezones().await.unwrap().timezones.is_empty());
    assert!(!c.get_countries().await.unwrap().countries.is_empty());
    assert!(!c.get_plans(None).await.unwrap().plans.is_empty());
}

#[tokio::test]
async fn a_back_office_provisions_customers_subscriptions_users_contacts_and_groups() {
    let emulator = Emulator::start();
    let admin = emulator.admin();
    let t = unique("r");
    let customer = admin
        .add_customer(&input(json!({
            "customer_name": format!("Cust {t}"), "customer_legal_name": format!("Cust {t} Ltd"),
            "contact_name": "Pat Contact", "contact_email": format!("{t}@customers.test"),
            "office_address": {"address_1": "1 Main Street", "city": "Paris", "country_id": "FR"},
        })))
        .await
        .unwrap();
    let customer_id = customer.customer.customer_id;
    assert_eq!(admin.get_customer(&customer_id).await.unwrap().customer.customer_id, customer_id);
    let listed: Vec<_> = admin.customers(Some(&json!({"page_length": 2}))).collect().await;
    assert!(listed.iter().any(|c| c.as_ref().is_ok_and(|c| c.customer_id == customer_id)));
    let subscription = admin
        .add_subscription(&input(json!({
            "customer_id": customer_id, "plan_id": "plan-vc-basic",
            "subscription": {"no_of_license": 3, "subsxn_date": &in_days(2)[..10]},
        })))
        .await
        .unwrap()
        .subscription;
    let found = admin
        .list_subscriptions(Some(&json!({"search_by": "customer_id", "search_string": customer_id})))
        .await
        .unwrap();
    assert_eq!(found.subscriptions.len(), 1);
    let sub = admin.get_subscription(&subscription.subscription_id).await.unwrap().subscription;
    assert_eq!(sub.subscription_id, subscription.subscription_id);

    // Acme's own back office: a user, a contact and a group.
    let acme = emulator.client("acme-app", "acme-key");
    let email = format!("{t}@example.test");
    let user = acme.add_user(&input(json!({"user_type": "user", "first_name": "Dana", "email": email}))).await.unwrap();
    let user_id = user.user.user_id;
    assert_eq!(acme.get_user(&user_id).await.unwrap().user.email.as_deref(), Some(email.as_str()));
    let changed = acme.update_user(&user_id, &input(json!({"designation": "Analyst"}))).await.unwrap();
    assert_eq!(changed.user.user_id, user_id);
    let users: Vec<_> = acme.users(Some(&json!({"page_length": 2}))).map(|u| u.unwrap().user_id).collect().await;
    assert!(users.contains(&user_id), "{users:?}");
    let contact = acme
        .add_contact(&input(json!({"name": "Rusty Contact", "email": format!("c{t}@example.test")})))
        .await
        .unwrap()
        .contact;
    let group = acme.add_contact_group(&input(json!({"group_name": format!("Group {t}")}))).await.unwrap().group;
    let ids: Loose = vec![contact.contact_id.as_str()].into();
    let grown = acme.add_contacts_to_group(&group.group_id, &ids).await.unwrap().group;
    assert_eq!(grown.group_id, group.group_id);
    assert!(acme.list_contact_groups(None).await.unwrap().groups.iter().any(|g| g.group_id == group.group_id));
    acme.remove_contacts_from_group(&group.group_id, &ids).await.unwrap();
    acme.delete_contact_group(&group.group_id).await.unwrap();
    assert!(acme.list_contacts(None).await.unwrap().contacts.iter().any(|c| c.contact_id == contact.contact_id));
    acme.delete_contact(&contact.contact_id).await.unwrap();
    let e = acme.get_contact(&contact.contact_id).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);

    // The server scopes roles.
    let e = acme.get_customer("c-other").await.unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Forbidden, Some(403)));
}

#[tokio::test]
async fn validation_failures_send_nothing_and_a_wrong_key_is_unauthenticated() {
    let emulator = Emulator::start();
    let c = emulator.admin();
    let before = emulator.requests().await;
    let e = c.add_customer(&input(json!({"customer_name": "X"}))).await.unwrap_err();
    assert_eq!((e.kind, e.code), (ErrorKind::Validation, Some(1331)), "{e:?}");
    let e = c.join_session(input(json!({"pin": "12345", "name": "a", "user_ref": "b"}))).await.unwrap_err();
    assert_eq!((e.code, e.field), (Some(2107), Some("pin")));
    let e = c.get_meeting("a/b").await.unwrap_err();
    assert_eq!(e.field, Some("meeting_id"));
    assert_eq!(emulator.requests().await, before, "nothing was sent");

    let secret = "not-the-key-0123456789";
    let e = emulator.client("demo-app", secret).get_customer("c-acme").await.unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Unauthenticated, Some(401)));
    assert!(!format!("{e} {e:?}").contains(secret));
}

#[tokio::test]
async fn reads_are_retried_writes_are_not_and_timeouts_end_an_attempt() {
    let emulator = Emulator::start();
    let c = emulator.admin();
    emulator.fault(json!({"route": "/timezones", "html": true, "html_status": 502, "count": 2})).await;
    let before = emulator.requests().await;
    assert!(!c.get_timezones().await.unwrap().timezones.is_empty());
    assert_eq!(emulator.requests().await - before, 3, "two 502 pages, then the answer");

    emulator.fault(json!({"route": "/contacts", "method": "POST", "drop": true, "count": 1})).await;
    let acme = emulator.client("acme-app", "acme-key");
    let before = emulator.requests().await;
    let e =
        acme.add_contact(&input(json!({"name": "Dropped Once", "email": "dropped@example.test"}))).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network, "{e:?}");
    assert!(emulator.requests().await - before <= 1, "a POST is sent once");

    emulator.fault(json!({"route": "/countries", "latency_ms": 2000, "count": 1})).await;
    let quick = emulator.admin().with_timeout(Duration::from_millis(300)).unwrap();
    let e = quick.get_countries().await.unwrap_err();
    assert_eq!((e.kind, e.message.as_str()), (ErrorKind::Timeout, "No answer within 300 ms"));

    // Nothing listens: a network error, after the read's three attempts.
    let closed =
        Client::new(ReqwestTransport::new(), "http://127.0.0.1:9/ucaas/v1", Auth::basic("demo-app", "k")).unwrap();
    assert_eq!(closed.get_timezones().await.unwrap_err().kind, ErrorKind::Network);
}

#[test]
fn a_client_and_its_calls_can_be_shared_between_tasks() {
    let emulator = Emulator::start();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let c = std::sync::Arc::new(emulator.admin());
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let c = c.clone();
            rt.spawn(async move { c.get_timezones().await.map(|t| t.timezones.len()) })
        })
        .collect();
    for t in tasks {
        assert!(rt.block_on(t).unwrap().unwrap() > 0);
    }
}

#[tokio::test]
async fn permanent_rooms_lobbies_branding_and_the_other_changes() {
    let emulator = Emulator::start();
    let admin = emulator.admin();
    let room = admin.get_permanent_room(None).await.unwrap().permanent_room;
    let changed = admin
        .update_permanent_room(&room.room_id, &input(json!({"room_name": "Rust room", "knock": true})))
        .await
        .unwrap();
    assert_eq!(changed.permanent_room.room_name.as_deref(), Some("Rust room"));
    let reset = admin.reset_permanent_room_pins(&room.room_id, &input(json!({"reset_mpin": true}))).await.unwrap();
    assert_ne!(reset.permanent_room.mpin, changed.permanent_room.mpin, "the moderator PIN is renewed");
    let e = admin.reset_permanent_room_pins(&room.room_id, &input(json!({}))).await.unwrap_err();
    assert_eq!(e.code, Some(1903));

    // A lobby and branding on a meeting of the admin's own.
    let meeting = admin
        .schedule_meeting(input(json!({
            "room_name": "Lobby test", "start_time": in_days(1), "duration": 30, "moderators": 1, "participants": 1,
        })))
        .await
        .unwrap()
        .meeting;
    let id = &meeting.meeting_id;
    let lobby = json!({"options": {"message": true}, "message": [{"text": "Welcome, we start soon"}]});
    assert_eq!(admin.add_lobby(id, &input(lobby)).await.unwrap().meeting.meeting_id, *id);
    let lobby = json!({"options": {"message": true}, "message": [{"text": "Starting in five minutes"}]});
    admin.update_lobby(id, &input(lobby)).await.unwrap();
    admin.delete_lobby(id).await.unwrap();
    let e = admin
        .add_lobby(id, &input(json!({"options": {"audio": true}, "audio": [{"audio_file": {}}]})))
        .await
        .unwrap_err();
    assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some("audio")), "a file needs its bytes: {e:?}");
    assert!(e.message.contains("add_lobby_with_files"), "{e:?}");
    // An uploaded image comes back as a URL serving the same bytes and type.
    let png = [137u8, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1];
    let files = Files::new().with("image[0][img_file]", FileBody::new("office.png", "image/png", png));
    let lobby = json!({"options": {"image": true}, "image": [{"img_file": {}, "caption": "Our office"}]});
    let added = admin.add_lobby_with_files(id, &input(lobby), &files).await.unwrap();
    let image = serde_json::to_value(&added.lobby).unwrap()["image"][0].clone();
    assert_eq!(image["caption"], "Our office", "{image}");
    let url = image["url"].as_str().unwrap_or_else(|| panic!("the uploaded image's URL: {image}"));
    let served = reqwest::get(url).await.unwrap();
    let content_type = served.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("image/png"), "{content_type}");
    assert_eq!(served.bytes().await.unwrap().as_ref(), png);
    admin.delete_lobby(id).await.unwrap();
    let branding = json!({"login": {"banner": "https://cdn.example.test/banner.png", "headline": "Welcome to the review"},
        "session": {"banner_small": "https://cdn.example.test/small.png"}});
    let set = admin.set_meeting_branding(id, &input(branding)).await.unwrap();
    assert_eq!(set.branding.login.and_then(|l| l.headline).as_deref(), Some("Welcome to the review"));
    admin.cancel_meeting(id).await.unwrap();

    let asked = admin.request_password_reset("customer@example.test").await.unwrap();
    assert_eq!(asked.data.email.as_deref(), Some("customer@example.test"));
    let e = admin.validate_reset_key("no-such-key").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound, "{e:?}");

    // Acme's records, changed and streamed.
    let acme = emulator.client("acme-app", "acme-key");
    let t = unique("x");
    let contact = acme
        .add_contact(&input(json!({"name": "Changed Contact", "email": format!("{t}@example.test")})))
        .await
        .unwrap();
    let cid = &contact.contact.contact_id;
    acme.update_contact(cid, &input(json!({"designation": "Chief Tester"}))).await.unwrap();
    assert_eq!(acme.get_contact(cid).await.unwrap().contact.designation.as_deref(), Some("Chief Tester"));
    let contacts: Vec<_> =
        acme.contacts(Some(&json!({"page_length": 1}))).map(|c| c.unwrap().contact_id).collect().await;
    assert!(contacts.contains(cid));
    let group = acme.add_contact_group(&input(json!({"group_name": format!("G {t}")}))).await.unwrap().group;
    let renamed = format!("H {t}");
    acme.update_contact_group(&group.group_id, &input(json!({"group_name": renamed}))).await.unwrap();
    let got = acme.get_contact_group(&group.group_id).await.unwrap().group;
    assert_eq!(got.group_name.as_deref(), Some(renamed.as_str()));
    let groups: Vec<_> = acme.contact_groups(None).map(|g| g.unwrap().group_id).collect().await;
    assert!(groups.contains(&group.group_id));
    let user = input(json!({"user_type": "user", "first_name": "Lee", "email": format!("u{t}@example.test")}));
    let user_id = acme.add_user(&user).await.unwrap().user.user_id;
    let query = json!({"search_by": "app", "search_string": "vc"});
    let sub_id = acme.list_subscriptions(Some(&query)).await.unwrap().subscriptions[0].subscription_id.clone();
    let streamed: Vec<_> = acme.subscriptions(Some(&query)).map(|s| s.unwrap().subscription_id).collect().await;
    assert!(streamed.contains(&sub_id));
    acme.assign_license(&user_id, &input(json!({"app": "vc", "subscription_id": sub_id}))).await.unwrap();
    acme.revoke_license(&user_id, &"vc".into()).await.unwrap();
    let query = json!({"search_by": "email", "search_string": format!("u{t}@example.test")});
    assert_eq!(acme.list_users(Some(&query)).await.unwrap().users.len(), 1);

    let admin_customer = admin.update_customer("c-acme", &input(json!({"timezone_id": "UTC"}))).await.unwrap();
    assert_eq!(admin_customer.customer.customer_id, "c-acme");
    assert!(!admin.list_customers(None).await.unwrap().customers.is_empty());
    let sessions: Vec<_> = admin.sessions(None).collect().await;
    assert!(!sessions.is_empty() && sessions.iter().all(Result::is_ok));
    let e = admin.update_subscription_status(&sub_id, &"Q".into()).await.unwrap_err();
    assert_eq!((e.code, e.field), (Some(1231), Some("status")));
    let suspended = admin.update_subscription_status(&sub_id, &"S".into()).await.unwrap();
    assert_eq!(suspended.subscription.subscription_id, sub_id);
}
