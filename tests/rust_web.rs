//! The Rust client's `web` door in a page of headless Chromium (`tests/browser.sh`, built with
//! `--features client,web`): the shared scenarios (tests/rust_web/scenarios.rs), the session
//! shared with the JavaScript client both ways, and HTTP Basic refused in a page.
#![cfg(all(target_arch = "wasm32", feature = "web"))]

mod common;
#[macro_use]
#[path = "rust_web/scenarios.rs"]
mod scenarios;

use common::*;
use scenarios::{clear_stored, client, KEY};
use ucaas_client::client::{Auth, Client, LocalStorageStore, WebTransport};
use ucaas_client::ErrorKind;
use wasm_bindgen_test::*;

scenario_tests!(
    a_failed_login_leaves_no_session,
    a_network_error_is_typed_and_keeps_the_session,
    logout_and_newer_logins_win_over_a_login_in_flight,
    a_memory_store_writes_no_storage,
    auth_events_initial_signed_in_signed_out_and_unsubscribe,
    a_throwing_listener_breaks_neither_the_others_nor_the_client,
);
#[cfg(feature = "full")]
scenario_tests!(a_lobby_image_goes_up_from_its_bytes);

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_signed_in_day_with_the_session_in_session_storage() {
    scenarios::a_signed_in_day(true).await;
}

/// The JavaScript client of the same API id and storage (its default key prefix).
fn js_client(storage: &str) -> ucaas_client::wasm::UcaasClient {
    client_with(options(emulator_url(), storage, "ucaas.session"))
}

#[wasm_bindgen_test]
async fn the_rust_and_javascript_clients_read_each_others_session() {
    assert_eq!(stored_key("ucaas.session"), KEY, "the JS client's key for the same API id");
    // Rust signs in, JavaScript restores it and calls with its token, and its logout is seen.
    clear_stored();
    let rust = client(emulator_url());
    let session = rust.login(ALICE, PASSWORD).await.unwrap();
    let js = js_client("session");
    assert_eq!(text(&js.session(), "user.email").as_deref(), Some(ALICE));
    assert_eq!(num(&js.session(), "expires_at"), Some(session.expires_at));
    ok(js.get_meeting(s("mtg-alice-upcoming"), None)).await;
    js.logout();
    assert!(session_storage().get_item(KEY).unwrap().is_none(), "the JS client removed the Rust envelope");
    assert!(client(emulator_url()).session().is_none());

    // JavaScript signs in on localStorage, Rust restores it and calls with its token.
    clear_stored();
    let js = js_client("local");
    login(&js, ALICE).await;
    let rust = client(emulator_url()).with_session_store(LocalStorageStore);
    let restored = rust.session().expect("the JS envelope restored");
    assert_eq!(restored.user.and_then(|u| u.email).as_deref(), Some(ALICE));
    assert_eq!(Some(restored.expires_at), num(&js.session(), "expires_at"));
    assert_eq!(rust.get_meeting("mtg-alice-upcoming").await.unwrap().meeting.meeting_id, "mtg-alice-upcoming");
    rust.logout();
    assert!(local().get_item(KEY).unwrap().is_none(), "the Rust client removed the JS envelope");
    js.logout();
}

#[wasm_bindgen_test]
fn http_basic_is_refused_in_a_page_unless_asked_for_by_name() {
    let e = Client::new(WebTransport::new(), emulator_url(), Auth::basic(API_ID, "demo-key")).unwrap_err();
    assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some("auth")), "{e:?}");
    assert!(!e.message.contains("demo-key"), "{}", e.message);
    let c = Client::with_basic_in_page(WebTransport::new(), emulator_url(), Auth::basic(API_ID, "demo-key")).unwrap();
    assert!(c.session().is_none() && c.storage_mode().is_none());
}

#[wasm_bindgen_test]
async fn a_basic_client_has_no_session_to_sign_in_to() {
    let c = Client::with_basic_in_page(WebTransport::new(), emulator_url(), Auth::basic(API_ID, "demo-key")).unwrap();
    let e = c.login(ALICE, PASSWORD).await.unwrap_err();
    assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some("auth")), "{e:?}");
    assert_eq!(c.get_meeting("mtg-alice-upcoming").await.unwrap().meeting.meeting_id, "mtg-alice-upcoming");
}

/// Another tab's write to the local envelope, as the `storage` event tells this one.
fn other_tab_wrote(new_value: Option<&str>) {
    scenarios::other_tab_wrote(KEY, new_value);
}

#[wasm_bindgen_test]
async fn a_local_session_follows_another_tabs_logout_and_login() {
    clear_stored();
    let other = client(emulator_url()).with_session_store(LocalStorageStore);
    other.login("bob@example.test", PASSWORD).await.unwrap();
    let bob = local().get_item(KEY).unwrap().unwrap();
    let rust = client(emulator_url()).with_session_store(LocalStorageStore);
    assert_eq!(rust.storage_mode().as_deref(), Some("local"));
    rust.login(ALICE, PASSWORD).await.unwrap();
    other_tab_wrote(None);
    assert!(rust.session().is_none(), "another tab's logout signs this one out");
    other_tab_wrote(Some(&bob));
    let email = rust.session().and_then(|s| s.user).and_then(|u| u.email);
    assert_eq!(email.as_deref(), Some("bob@example.test"), "another tab's login is this one's");
    drop(rust);
    other_tab_wrote(None); // a dropped client has removed its listener
    other.logout();
}

#[wasm_bindgen_test]
async fn auth_events_follow_the_javascript_client_in_generated_sequences() {
    scenarios::auth_events_follow_the_javascript_client_in_generated_sequences(true).await;
}

#[wasm_bindgen_test]
async fn a_read_waiting_to_retry_stops_when_its_session_ends() {
    use scenarios::During::*;
    for during in [Nothing, LoginAgain, LoginOther, Logout, Refused, OtherTab] {
        scenarios::a_read_waiting_to_retry_stops_when_its_session_ends(during).await;
    }
}
