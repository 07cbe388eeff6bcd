//! The methods of the full build (permanent rooms, lobby, meeting branding, polls, contacts,
//! groups, datapool, reports, customers, subscriptions, users), in a page of headless Chromium
//! against the emulator (`tests/browser.sh`). Each test makes the data it changes (unique names)
//! and changes only seed data no other suite uses (the administrator's permanent room).
#![cfg(all(target_arch = "wasm32", feature = "full"))]

mod common;

use common::*;
use js_sys::Function;
use ucaas_client::wasm::UcaasClient;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ADMIN: &str = "admin@example.test";
const CUSTOMER: &str = "customer@example.test";
const NONE: JsValue = JsValue::UNDEFINED;

async fn signed_in(email: &str) -> UcaasClient {
    let (c, _) = client("memory");
    login(&c, email).await;
    c
}

fn js_fn(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

/// A small PNG as a `Blob` (what a file input's `File` is).
fn png_blob() -> JsValue {
    js_fn("", "return new Blob([new Uint8Array([137,80,78,71,13,10,26,10,0,0,0,13,73,72,68,82,0,0,0,1,0,0,0,1,8,6,0,0,0,31,21,196,137])], {type: 'image/png'})")
        .call0(&NONE)
        .unwrap()
}

async fn own_meeting(c: &UcaasClient) -> String {
    let m = ok(c.schedule_meeting(ts(meeting_input(&unique("Lobby test"), 600.0)), None)).await;
    text(&m, "meeting_id").expect("meeting id")
}

// =============================================================================================
// Permanent rooms

#[wasm_bindgen_test]
async fn permanent_room_get_update_reset() {
    let c = signed_in(ADMIN).await;
    let room = ok(c.get_permanent_room(None, None)).await;
    let room_id = text(&room, "room_id").expect("room_id");
    let name = unique("Room");
    let name = &name[..name.len().min(50)];
    let updated =
        ok(c.update_permanent_room(s(&room_id), ts(obj(&[("room_name", s(name)), ("knock", JsValue::TRUE)])), None))
            .await;
    assert_eq!(text(&updated, "room_name").as_deref(), Some(name));
    assert_eq!(get(&updated, "knock").as_bool(), Some(true));
    let old_mpin = text(&updated, "mpin");
    let reset = ok(c.reset_permanent_room_pins(s(&room_id), ts(obj(&[("reset_mpin", JsValue::TRUE)])), None)).await;
    assert_ne!(text(&reset, "mpin"), old_mpin, "the moderator PIN is renewed");
    assert_eq!(text(&reset, "ppin"), text(&updated, "ppin"), "the participant PIN stays");
    // Another user's room, and the documented local failures.
    let bob = ok(c.get_permanent_room(Some(s("u-bob")), None)).await;
    assert_eq!(text(&bob, "user_id").as_deref(), Some("u-bob"));
    assert_validation(&fails(c.reset_permanent_room_pins(s(&room_id), ts(obj(&[])), None)).await, 1903, "reset_mpin");
    assert_validation(
        &fails(c.reset_permanent_room_pins(s(&room_id), ts(obj(&[("reset_ppin", s("yes"))])), None)).await,
        1902,
        "reset_ppin",
    );
    assert_validation(
        &fails(c.update_permanent_room(s(&room_id), ts(obj(&[("room_name", s("ab"))])), None)).await,
        1612,
        "room_name",
    );
}

// =============================================================================================
// Lobby (multipart, with a real file upload) and meeting branding

#[wasm_bindgen_test]
async fn lobby_add_get_update_with_upload_delete() {
    let c = signed_in(ALICE).await;
    let id = own_meeting(&c).await;
    let added = ok(c.add_lobby(
        s(&id),
        ts(obj(&[
            ("options", obj(&[("message", JsValue::TRUE)])),
            ("message", js_sys::Array::of1(&obj(&[("text", s("Welcome, we start soon"))])).into()),
        ])),
        None,
    ))
    .await;
    assert_eq!(text(&added, "meeting.meeting_id").as_deref(), Some(id.as_str()));
    assert!(get(&get(&added, "lobby"), "options").is_object());
    let got = ok(c.get_lobby(s(&id), None)).await;
    assert_eq!(
        text(&items(&get(&get(&got, "lobby"), "message"))[0], "text").as_deref(),
        Some("Welcome, we start soon")
    );

    // An image uploaded through FormData comes back as a URL serving the same bytes.
    let blob = png_blob();
    let updated = ok(c.update_lobby(
        s(&id),
        ts(obj(&[
            ("options", obj(&[("image", JsValue::TRUE)])),
            ("image", js_sys::Array::of1(&obj(&[("img_file", blob), ("caption", s("Our office"))])).into()),
        ])),
        None,
    ))
    .await;
    let image = items(&get(&get(&updated, "lobby"), "image"))[0].clone();
    assert_eq!(text(&image, "caption").as_deref(), Some("Our office"));
    let url = text(&image, "url").expect("the uploaded image's URL");
    let (bytes, ctype) = fetch_back(&url).await;
    assert_eq!(&bytes[..4], &[137.0, 80.0, 78.0, 71.0], "the PNG comes back");
    assert_eq!(bytes.len(), 33);
    assert!(ctype.starts_with("image/png"), "{ctype}");

    let deleted = ok(c.delete_lobby(s(&id), None)).await;
    assert!(text(&deleted, "desc").unwrap_or_default().starts_with("Lobby is deleted"));
    let empty = ok(c.get_lobby(s(&id), None)).await;
    let left = get(&get(&empty, "lobby"), "message");
    assert!(
        left.is_undefined() || items(&left).is_empty(),
        "a meeting without a lobby answers an empty one: {}",
        json(&empty)
    );

    // Local validation: nothing is sent.
    assert_validation(&fails(c.add_lobby(s(&id), ts(obj(&[])), None)).await, 2423, "options");
    let two = obj(&[("options", obj(&[("message", JsValue::TRUE), ("video", JsValue::TRUE)]))]);
    assert_validation(&fails(c.add_lobby(s(&id), ts(two), None)).await, 2423, "options");
    let short = obj(&[
        ("options", obj(&[("message", JsValue::TRUE)])),
        ("message", js_sys::Array::of1(&obj(&[("text", s("Hey"))])).into()),
    ]);
    assert_validation(&fails(c.add_lobby(s(&id), ts(short), None)).await, 2432, "message");
    let not_a_file = obj(&[
        ("options", obj(&[("audio", JsValue::TRUE)])),
        ("audio", js_sys::Array::of1(&obj(&[("audio_file", s("a.mp3"))])).into()),
    ]);
    assert_validation(&fails(c.add_lobby(s(&id), ts(not_a_file), None)).await, 2404, "audio");
}

#[wasm_bindgen_test]
async fn meeting_branding_is_set() {
    let c = signed_in(ALICE).await;
    let id = own_meeting(&c).await;
    let input = obj(&[
        (
            "login",
            obj(&[
                ("banner", s("https://cdn.example.test/banner.png")),
                ("headline", s("Welcome to the review")),
                ("desc", s("Bring questions")),
            ]),
        ),
        ("session", obj(&[("banner_small", s("https://cdn.example.test/small.png"))])),
    ]);
    let b = ok(c.set_meeting_branding(s(&id), ts(input), None)).await;
    assert_eq!(text(&b, "login.headline").as_deref(), Some("Welcome to the review"));
    assert_eq!(text(&b, "session.banner_small").as_deref(), Some("https://cdn.example.test/small.png"));
    let long = obj(&[("login", obj(&[("headline", s(&"x".repeat(101)))]))]);
    let f = fails(c.set_meeting_branding(s(&id), ts(long), None)).await;
    assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("headline")), "{f}");
    let both = obj(&[(
        "login",
        obj(&[("headline", s("H")), ("banner", s("https://c.test/a.png")), ("video_embed", s("<iframe>"))]),
    )]);
    assert_eq!(fails(c.set_meeting_branding(s(&id), ts(both), None)).await.field.as_deref(), Some("banner"));
    let http = obj(&[("login", obj(&[("headline", s("H")), ("banner", s("http://c.test/a.png"))]))]);
    assert_eq!(fails(c.set_meeting_branding(s(&id), ts(http), None)).await.field.as_deref(), Some("banner"));
}

// =============================================================================================
// Polls

#[wasm_bindgen_test]
async fn polls_of_a_room() {
    let c = signed_in(ALICE).await;
    let polls = items(&ok(c.get_polls(s("room-alice-past"), None, None)).await);
    assert!(!polls.is_empty());
    let p = &polls[0];
    assert!(text(p, "poll_id").is_some() && text(p, "question").is_some());
    let options = items(&get(p, "options"));
    assert!(text(&options[0], "option").is_some() && text(&options[0], "text").is_some());
    assert!(num(&items(&get(p, "result"))[0], "count").is_some());
    // The filter: alice's permanent room has polls of two sessions; conf_num keeps one's.
    let every = items(&ok(c.get_polls(s("perm-alice"), None, None)).await);
    let one = items(&ok(c.get_polls(s("perm-alice"), Some(n(2.0)), None)).await);
    assert!(!one.is_empty() && one.len() < every.len(), "the filter narrows: {} of {}", one.len(), every.len());
    assert!(one.iter().all(|p| num(p, "conf_num") == Some(2.0)));
    assert!(every.iter().any(|p| num(p, "conf_num") != Some(2.0)));
    assert_eq!(
        fails(c.get_polls(s("room-alice-past"), Some(s("first")), None)).await.field.as_deref(),
        Some("conf_num")
    );
}

// =============================================================================================
// Contacts and groups

#[wasm_bindgen_test]
async fn contacts_crud_list_and_iterate() {
    let c = signed_in(ALICE).await;
    let tag = unique("c");
    let email = format!("{tag}@example.test");
    let added = ok(c.add_contact(
        ts(obj(&[("name", s("Erin Example")), ("email", s(&email)), ("company", s("Example Ltd"))])),
        None,
    ))
    .await;
    let id = text(&added, "contact_id").expect("contact_id");
    let got = ok(c.get_contact(s(&id), None)).await;
    assert_eq!(text(&got, "email").as_deref(), Some(email.as_str()));
    let updated = ok(c.update_contact(s(&id), obj(&[("designation", s("Chief Tester"))]), None)).await;
    assert_eq!(text(&updated, "contact_id").as_deref(), Some(id.as_str()));
    assert_eq!(text(&ok(c.get_contact(s(&id), None)).await, "designation").as_deref(), Some("Chief Tester"));
    let page = ok(c.list_contacts(Some(obj(&[("search_by", s("email")), ("search_string", s(&email))])), None)).await;
    assert_eq!(items(&get(&page, "contacts")).len(), 1);
    assert_eq!(text(&page, "search.search_by").as_deref(), Some("email"));
    let all = collect_async(&c.contacts(Some(obj(&[("page_length", n(1.0))])), None)).await.unwrap();
    assert!(all.len() >= 4, "one page at a time, every contact: {}", all.len());
    assert!(all.iter().any(|x| text(x, "contact_id").as_deref() == Some(id.as_str())));
    ok(c.delete_contact(s(&id), None)).await;
    assert_eq!(fails(c.get_contact(s(&id), None)).await.kind, "not_found");
    // Local validation.
    assert_validation(
        &fails(c.add_contact(ts(obj(&[("name", s("Al")), ("email", s("a@b.co"))])), None)).await,
        1712,
        "name",
    );
    assert_validation(
        &fails(c.add_contact(ts(obj(&[("name", s("Alan")), ("email", s("nope"))])), None)).await,
        1722,
        "email",
    );
    assert_validation(
        &fails(c.list_contacts(Some(obj(&[("search_by", s("phone")), ("search_string", s("1"))])), None)).await,
        2605,
        "search_by",
    );
    let f = collect_async(&c.contacts(Some(obj(&[("page", n(0.0))])), None)).await.unwrap_err();
    assert_validation(&failure(&f), 2608, "page");
}

#[wasm_bindgen_test]
async fn contact_groups_crud_members_list_and_iterate() {
    let c = signed_in(ALICE).await;
    let name = unique("Group");
    let name = &name[..name.len().min(60)];
    let g = ok(c.add_contact_group(ts(obj(&[("group_name", s(name))])), None)).await;
    let id = text(&g, "group_id").expect("group_id");
    let renamed = format!("{name} B");
    let r = ok(c.update_contact_group(s(&id), ts(obj(&[("group_name", s(&renamed))])), None)).await;
    assert_eq!(text(&r, "group_name").as_deref(), Some(renamed.as_str()));
    let with = ok(c.add_contacts_to_group(s(&id), strs(&["ct-alice-bob", "ct-alice-carol"]), None)).await;
    assert_eq!(items(&get(&with, "contacts")).len(), 2, "{}", json(&with));
    let without = ok(c.remove_contacts_from_group(s(&id), strs(&["ct-alice-bob"]), None)).await;
    let left = items(&get(&without, "contacts"));
    assert_eq!((left.len(), text(&left[0], "contact_id").as_deref()), (1, Some("ct-alice-carol")));
    let got = ok(c.get_contact_group(s(&id), None)).await;
    assert_eq!(items(&get(&got, "contacts")).len(), 1);
    let page = ok(c.list_contact_groups(Some(obj(&[("page_length", n(50.0))])), None)).await;
    assert!(items(&get(&page, "groups")).iter().any(|x| text(x, "group_id").as_deref() == Some(id.as_str())));
    let all = collect_async(&c.contact_groups(Some(obj(&[("page_length", n(1.0))])), None)).await.unwrap();
    assert!(all.len() >= 3, "{}", all.len());
    ok(c.delete_contact_group(s(&id), None)).await;
    assert_eq!(fails(c.get_contact_group(s(&id), None)).await.kind, "not_found");
    assert_validation(&fails(c.add_contacts_to_group(s(&id), strs(&[]), None)).await, 1811, "contact_ids");
    assert_validation(&fails(c.add_contacts_to_group(s(&id), s("ct-alice-bob"), None)).await, 1812, "contact_ids");
    assert_validation(&fails(c.add_contact_group(ts(obj(&[("group_name", s("ab"))])), None)).await, 1802, "group_name");
}

// =============================================================================================
// Datapool and reports

#[wasm_bindgen_test]
async fn datapool_lists() {
    let c = signed_in(ADMIN).await;
    let zones = items(&ok(c.get_timezones(None)).await);
    assert!(zones.iter().any(|z| text(z, "timezone_id").as_deref() == Some("Europe/Paris")));
    let countries = items(&ok(c.get_countries(None)).await);
    assert!(countries.iter().any(|x| text(x, "iso3_code").as_deref() == Some("IND")));
    let plans = items(&ok(c.get_plans(None, None)).await);
    assert!(plans.len() >= 3);
    let wb = items(&ok(c.get_plans(Some(s("wb")), None)).await);
    assert!(!wb.is_empty() && wb.len() < plans.len(), "the filter narrows: {} of {}", wb.len(), plans.len());
    assert!(wb.iter().all(|p| text(p, "app").as_deref() == Some("wb")));
    assert_validation(&fails(c.get_plans(Some(s("xx")), None)).await, 1403, "app");
}

#[wasm_bindgen_test]
async fn sessions_report_and_cdr() {
    let c = signed_in(ALICE).await;
    let page = ok(c.list_sessions(None, None)).await;
    let sessions = items(&get(&page, "sessions"));
    assert!(!sessions.is_empty());
    let all = collect_async(&c.sessions(Some(obj(&[("page_length", n(1.0))])), None)).await.unwrap();
    assert_eq!(all.len(), sessions.len(), "the iterator walks the same sessions one page at a time");
    let by_meeting =
        ok(c.list_sessions(Some(obj(&[("search_by", s("meeting_id")), ("search_string", s("mtg-alice-past"))])), None))
            .await;
    let by_meeting = items(&get(&by_meeting, "sessions"));
    assert!(!by_meeting.is_empty() && by_meeting.len() < sessions.len(), "the filter narrows: {by_meeting:?}");
    assert!(by_meeting.iter().all(|x| text(x, "meeting_id").as_deref() == Some("mtg-alice-past")));
    let recent = ok(c.list_sessions(Some(obj(&[("from_session_date", s("2000-01-01"))])), None)).await;
    assert_eq!(items(&get(&recent, "sessions")).len(), sessions.len());
    let cdr = ok(c.get_cdr(ts(obj(&[("session_id", s("ses-alice-past-1"))])), None)).await;
    assert!(items(&get(&cdr, "cdr")).len() >= 2, "{}", json(&cdr));
    assert_eq!(text(&cdr, "search.filters.session_id").as_deref(), Some("ses-alice-past-1"));
    // Precedence: room_id wins over session_id (only room_id is sent).
    let by_room = ok(c.get_cdr(ts(obj(&[("session_id", s("nope")), ("room_id", s("room-alice-past"))])), None)).await;
    assert_eq!(text(&by_room, "search.filters.room_id").as_deref(), Some("room-alice-past"));
    assert!(text(&by_room, "search.filters.session_id").is_none());
    let f = fails(c.get_cdr(ts(obj(&[])), None)).await;
    assert_eq!((f.kind.as_str(), f.field.as_deref()), ("validation", Some("room_id")), "{f}");
}

// =============================================================================================
// Administration

fn customer_input(tag: &str) -> JsValue {
    obj(&[
        ("customer_name", s(&format!("Cust {tag}"))),
        ("customer_legal_name", s(&format!("Cust {tag} Ltd"))),
        ("contact_name", s("Pat Contact")),
        ("contact_email", s(&format!("{tag}@customers.test"))),
        ("office_address", obj(&[("address_1", s("1 Main Street")), ("city", s("Paris")), ("country_id", s("FR"))])),
    ])
}

#[wasm_bindgen_test]
async fn customers_and_subscriptions() {
    let c = signed_in(ADMIN).await;
    let acme = ok(c.get_customer(s("c-acme"), None)).await;
    assert_eq!(text(&acme, "customer_id").as_deref(), Some("c-acme"));
    let page = ok(c.list_customers(Some(obj(&[("page_length", n(2.0))])), None)).await;
    assert!(items(&get(&page, "customers")).len() <= 2);
    let tag = unique("cu");
    let added = ok(c.add_customer(ts(customer_input(&tag)), None)).await;
    let id = text(&added, "customer.customer_id").expect("customer id");
    assert!(text(&added, "portal_access.username").is_some(), "{}", json(&added));
    let upd = ok(c.update_customer(s(&id), obj(&[("customer_name", s(&format!("Cust {tag} renamed")))]), None)).await;
    assert_eq!(text(&upd, "customer.customer_id").as_deref(), Some(id.as_str()));
    let all = collect_async(&c.customers(Some(obj(&[("page_length", n(1.0))])), None)).await.unwrap();
    assert!(all.iter().any(|x| text(x, "customer_id").as_deref() == Some(id.as_str())), "{}", all.len());
    assert_validation(&fails(c.add_customer(ts(obj(&[("customer_name", s("X"))])), None)).await, 1331, "contact_email");

    // Subscriptions.
    let sub = ok(c.get_subscription(s("sub-reseller-vc"), None)).await;
    assert_eq!(text(&sub, "subscription_id").as_deref(), Some("sub-reseller-vc"));
    let tomorrow =
        js_sys::Date::new(&n(now_ms() + 2.0 * 86_400_000.0)).to_iso_string().as_string().unwrap()[..10].to_owned();
    let new_sub = ok(c.add_subscription(
        ts(obj(&[
            ("customer_id", s(&id)),
            ("plan_id", s("plan-vc-basic")),
            ("subscription", obj(&[("no_of_license", n(3.0)), ("subsxn_date", s(&tomorrow))])),
        ])),
        None,
    ))
    .await;
    let sub_id = text(&new_sub, "subscription_id").expect("subscription id");
    let suspended = ok(c.update_subscription_status(s(&sub_id), s("S"), None)).await;
    assert_eq!(text(&suspended, "subscription_id").as_deref(), Some(sub_id.as_str()));
    let page =
        ok(c.list_subscriptions(Some(obj(&[("search_by", s("customer_id")), ("search_string", s(&id))])), None)).await;
    assert_eq!(items(&get(&page, "subscriptions")).len(), 1, "{}", json(&page));
    let all = collect_async(&c.subscriptions(Some(obj(&[("page_length", n(2.0))])), None)).await.unwrap();
    assert!(all.len() >= 6, "{}", all.len());
    assert_validation(&fails(c.update_subscription_status(s(&sub_id), s("Q"), None)).await, 1231, "status");
    let past = obj(&[
        ("customer_id", s(&id)),
        ("plan_id", s("plan-vc-basic")),
        ("subscription", obj(&[("no_of_license", n(1.0)), ("subsxn_date", s("2020-01-01"))])),
    ]);
    assert_validation(&fails(c.add_subscription(ts(past), None)).await, 1329, "subsxn_date");
}

#[wasm_bindgen_test]
async fn users_and_licences() {
    let c = signed_in(CUSTOMER).await;
    let tag = unique("us");
    let email = format!("{tag}@example.test");
    let added =
        ok(c.add_user(ts(obj(&[("user_type", s("user")), ("first_name", s("Dana")), ("email", s(&email))])), None))
            .await;
    let id = text(&added, "user_id").expect("user id");
    let got = ok(c.get_user(s(&id), None)).await;
    assert_eq!(text(&got, "email").as_deref(), Some(email.as_str()));
    ok(c.update_user(s(&id), obj(&[("designation", s("Analyst"))]), None)).await;
    assert_eq!(text(&ok(c.get_user(s(&id), None)).await, "designation").as_deref(), Some("Analyst"));
    let page = ok(c.list_users(Some(obj(&[("search_by", s("email")), ("search_string", s(&email))])), None)).await;
    assert_eq!(items(&get(&page, "users")).len(), 1);
    let all = collect_async(&c.users(Some(obj(&[("page_length", n(1.0))])), None)).await.unwrap();
    assert!(all.iter().any(|u| text(u, "user_id").as_deref() == Some(id.as_str())));
    // A licence from the customer's own meeting subscription.
    let subs = ok(c.list_subscriptions(Some(obj(&[("search_by", s("app")), ("search_string", s("vc"))])), None)).await;
    let sub_id = text(&items(&get(&subs, "subscriptions"))[0], "subscription_id").expect("a vc subscription");
    let assigned =
        ok(c.assign_license(s(&id), ts(obj(&[("app", s("vc")), ("subscription_id", s(&sub_id))])), None)).await;
    assert_eq!(text(&assigned, "access.app").as_deref(), Some("vc"), "{}", json(&assigned));
    let revoked = ok(c.revoke_license(s(&id), s("vc"), None)).await;
    assert_eq!(text(&revoked, "user_id").as_deref(), Some(id.as_str()));
    assert_validation(
        &fails(c.add_user(ts(obj(&[("user_type", s("user")), ("email", s(&email))])), None)).await,
        1111,
        "first_name",
    );
    assert_validation(
        &fails(c.assign_license(s(&id), ts(obj(&[("app", s("vc"))])), None)).await,
        1404,
        "subscription_id",
    );
    assert_validation(&fails(c.revoke_license(s(&id), s("xx"), None)).await, 1403, "app");
}

/// The full build has no API-key path either: one call of each area, none sends
/// `Authorization: Basic` (the emulator logs the scheme), each sends the login token.
#[wasm_bindgen_test]
async fn no_full_build_method_sends_basic_auth() {
    let emu = Emulator::main();
    let c = client_with(with(options(emulator_url(), "memory", &unique("t")), "apiKey", s("demo-key")));
    login(&c, ADMIN).await;
    let seq = emu.last_seq().await;
    ok(c.get_permanent_room(None, None)).await;
    let _ = call(c.get_lobby(s("mtg-alice-upcoming"), None)).await;
    let _ = call(c.get_polls(s("room-alice-past"), None, None)).await;
    ok(c.list_contacts(None, None)).await;
    ok(c.list_contact_groups(None, None)).await;
    ok(c.get_timezones(None)).await;
    ok(c.list_sessions(None, None)).await;
    ok(c.list_customers(None, None)).await;
    ok(c.list_subscriptions(None, None)).await;
    ok(c.list_users(None, None)).await;
    let sent = emu.api_requests_since(seq).await;
    let seen: Vec<_> = sent.iter().map(|r| format!("{} {} {:?}", r.method, r.path, r.auth)).collect();
    assert!(sent.len() >= 10, "{seen:?}");
    assert!(sent.iter().all(|r| r.auth.as_deref() == Some("Token")), "the token, never Basic: {seen:?}");
}
