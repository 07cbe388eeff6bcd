//! The Rust client's `web` door in a dedicated Web Worker of headless Chromium (no `window`,
//! no web storage: the session store is memory), against the emulator (`tests/browser.sh`).
#![cfg(all(target_arch = "wasm32", feature = "web"))]

mod common;
#[macro_use]
#[path = "rust_web/scenarios.rs"]
mod scenarios;

use common::*;
use ucaas_client::client::{Auth, Client, WebTransport};
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

wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
async fn a_signed_in_day_with_the_session_in_memory() {
    assert!(web_storage("sessionStorage").is_none(), "a worker has no web storage");
    scenarios::a_signed_in_day(false).await;
}

#[wasm_bindgen_test]
async fn http_basic_works_in_a_worker() {
    let c = Client::new(WebTransport::new(), emulator_url(), Auth::basic(API_ID, "demo-key")).unwrap();
    assert_eq!(c.get_meeting("mtg-alice-upcoming").await.unwrap().meeting.meeting_id, "mtg-alice-upcoming");
}

#[wasm_bindgen_test]
async fn auth_events_follow_the_javascript_client_in_generated_sequences() {
    scenarios::auth_events_follow_the_javascript_client_in_generated_sequences(false).await;
}

#[wasm_bindgen_test]
async fn a_read_waiting_to_retry_stops_when_its_session_ends() {
    use scenarios::During::*;
    for during in [Nothing, LoginAgain, LoginOther, Logout, Refused] {
        scenarios::a_read_waiting_to_retry_stops_when_its_session_ends(during).await;
    }
}
