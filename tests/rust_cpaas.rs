//! The Rust `CpaasClient` (`ucaas_client::client`) with the reqwest transport against the
//! emulator's CPaaS project API: every route, its documented failures, paging, a key reset that
//! retires the old key, and the settings read back (the JavaScript class's suite is
//! tests/node/cpaas.test.mjs).
//!
//!   cargo test --features client,reqwest --test rust_cpaas
#![cfg(not(target_arch = "wasm32"))]

mod native;

use futures_util::StreamExt;
use native::{unique, Emulator};
use serde_json::json;
use ucaas_client::api::cpaas::{Project, ProjectInput};
use ucaas_client::api::Input;
use ucaas_client::client::{CpaasClient, ReqwestTransport};
use ucaas_client::ErrorKind;

fn cpaas(emulator: &Emulator, app_id: &str, app_key: &str) -> CpaasClient<ReqwestTransport> {
    let base = format!("{}/cpaas", emulator.origin);
    CpaasClient::new(ReqwestTransport::new(), &base, app_id, app_key).unwrap()
}

/// The typed input of `v`, as the JavaScript class reads its argument.
fn read<I: Input>(v: serde_json::Value) -> I {
    I::read(&v).unwrap()
}

/// `add_project` of `v`, its reading included (a rule may be checked by either step).
async fn add(c: &CpaasClient<ReqwestTransport>, v: serde_json::Value) -> Result<Project, ucaas_client::Error> {
    Ok(c.add_project(&ProjectInput::read(&v)?).await?.project)
}

fn acme(emulator: &Emulator) -> CpaasClient<ReqwestTransport> {
    cpaas(emulator, "acme-app", "acme-key")
}

#[tokio::test]
async fn projects_are_listed_for_their_customer_only() {
    let emulator = Emulator::start();
    let admin = cpaas(&emulator, "demo-app", "demo-key");
    assert!(admin.list_projects(None).await.unwrap().projects.len() >= 3);
    let acme = acme(&emulator);
    let mut all = Vec::new();
    let mut stream = Box::pin(acme.projects(Some(&json!({"page_length": 1}))));
    while let Some(p) = stream.next().await {
        all.push(p.unwrap());
    }
    assert!(all.len() >= 2, "{all:?}");
    assert!(all.iter().all(|p| p.customer_id.as_deref() == Some("c-acme")), "{all:?}");
    let e = acme.get_project("app-other-1").await.unwrap_err();
    assert_eq!(e.code, Some(1007), "{e:?}");
}

#[tokio::test]
async fn a_project_is_added_edited_configured_and_read_back() {
    let emulator = Emulator::start();
    let acme = acme(&emulator);
    let name = unique("Clinic ");
    let input = json!({"app_name": name, "category_id": "cat-health", "services_incl": {"video": true, "sms": true}});
    let added = acme.add_project(&read(input)).await.unwrap().project;
    assert!(!added.app_id.is_empty() && added.app_key.is_some(), "{added:?}");
    let id = added.app_id.as_str();
    let edited = acme.update_project(id, &read(json!({"description": "Tele-consultations"}))).await.unwrap();
    assert_eq!(edited.project.app_id, id);
    let video = json!({"notification_url": "https://hooks.example.test/video", "media_zone": ["IN"]});
    acme.configure_video(id, &video).await.unwrap();
    acme.configure_sms(id, &json!({"incoming": true, "default": {"sender_name": "CLINIC"}})).await.unwrap();
    let voice = json!({"in": true, "notification_url": "https://hooks.example.test/voice"});
    acme.configure_voice(id, &voice).await.unwrap();
    let subdomain: String = unique("c").chars().take(30).collect();
    let embed = json!({"subdomain": subdomain, "exit_url": "https://example.test/bye"});
    assert_eq!(acme.configure_video_embed(id, &embed).await.unwrap().project.app_id, id);
    let got = acme.get_project(id).await.unwrap().project;
    assert_eq!(got.description.as_deref(), Some("Tele-consultations"));
    let got = serde_json::to_value(&got).unwrap();
    assert_eq!(got["video"]["notification_url"], "https://hooks.example.test/video");
    assert_eq!(got["video"]["media_zone"], json!(["IN"]));
    assert_eq!(got["sms"]["default"]["sender_name"], "CLINIC");
    assert_eq!(got["voice"]["in"], true);
}

#[tokio::test]
async fn a_key_reset_retires_the_old_key_at_once() {
    let emulator = Emulator::start();
    let acme = acme(&emulator);
    let input = json!({"app_name": unique("Keys "), "category_id": "cat-other", "services_incl": {"voice": true}});
    let added = acme.add_project(&read(input)).await.unwrap().project;
    let old_key = added.app_key.clone().unwrap();
    let own = cpaas(&emulator, &added.app_id, &old_key);
    assert_eq!(own.get_project(&added.app_id).await.unwrap().project.app_id, added.app_id);
    let new_key = acme.reset_project_key(&added.app_id).await.unwrap().project.app_key.unwrap();
    assert_ne!(new_key, old_key);
    let e = own.get_project(&added.app_id).await.unwrap_err();
    assert_eq!((e.kind, e.status), (ErrorKind::Unauthenticated, Some(401)), "{e:?}");
    for shown in [e.to_string(), format!("{e:?}"), format!("{own:?}")] {
        assert!(!shown.contains(&old_key), "{shown}");
    }
    let renewed = cpaas(&emulator, &added.app_id, &new_key);
    assert_eq!(renewed.get_project(&added.app_id).await.unwrap().project.app_id, added.app_id);
}

#[tokio::test]
async fn bad_input_is_refused_with_the_cpaas_codes_and_nothing_is_sent() {
    let emulator = Emulator::start();
    let c = acme(&emulator);
    let before = emulator.requests().await;
    let cases = [
        (add(&c, json!({"app_name": "X", "services_incl": {"video": true}})).await, 1008, "category_id"),
        (
            add(&c, json!({"app_name": "X", "category_id": "cat-edu", "services_incl": {"video": false}})).await,
            1009,
            "services_incl",
        ),
        (c.list_projects(Some(&json!({"page": 0}))).await.map(|_| Default::default()), 1101, "page"),
        (c.list_projects(Some(&json!({"page_length": "many"}))).await.map(|_| Default::default()), 1102, "page_length"),
        (
            c.list_projects(Some(&json!({"order_qualify": "up"}))).await.map(|_| Default::default()),
            1105,
            "order_qualify",
        ),
    ];
    for (result, code, field) in cases {
        let e = result.unwrap_err();
        assert_eq!((e.kind, e.code, e.field), (ErrorKind::Validation, Some(code), Some(field)), "{e:?}");
    }
    let e = c.configure_video_embed("app-acme-1", &json!({"subdomain": "-bad-"})).await.unwrap_err();
    assert_eq!((e.code, e.field), (Some(1110), Some("subdomain")), "{e:?}");
    let e = c.configure_video("app-acme-1", &json!({"media_zone": "IN"})).await.unwrap_err();
    assert_eq!(e.field, Some("media_zone"), "{e:?}");
    let mut stream = Box::pin(c.projects(Some(&json!({"page": 0}))));
    assert_eq!(stream.next().await.unwrap().unwrap_err().code, Some(1101));
    assert!(stream.next().await.is_none(), "a bad query is the stream's only item");
    assert_eq!(emulator.requests().await, before, "nothing was sent");
}

#[tokio::test]
async fn the_servers_codes_come_back_typed_and_a_wrong_key_is_unauthenticated() {
    let emulator = Emulator::start();
    let input = json!({"app_name": "X", "category_id": "cat-none", "services_incl": {"sms": true}});
    let e = add(&acme(&emulator), input).await.unwrap_err();
    assert_eq!((e.code, e.status), (Some(1008), Some(406)), "{e:?}");
    let wrong = cpaas(&emulator, "acme-app", "not-the-key").get_project("app-acme-1").await.unwrap_err();
    assert_eq!(wrong.kind, ErrorKind::Unauthenticated, "{wrong:?}");
}

#[test]
fn bad_credentials_name_the_option_and_never_repeat_the_key() {
    let base = "http://127.0.0.1:9/cpaas";
    for (id, key, field) in
        [("a", "", "appKey"), ("", "secret-1", "appId"), ("a:b", "secret-1", "appId"), ("a", "x\ny", "appKey")]
    {
        let e = CpaasClient::new(ReqwestTransport::new(), base, id, key).unwrap_err();
        assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some(field)), "{e:?}");
        assert!(!e.message.contains("secret-1") && !e.message.contains("x\ny"), "{e:?}");
    }
    let e = CpaasClient::new(ReqwestTransport::new(), "ftp://h/cpaas", "a", "k").unwrap_err();
    assert_eq!(e.field, Some("baseUrl"));
    let c = CpaasClient::new(ReqwestTransport::new(), base, "demo-app", "demo-key").unwrap();
    assert!(!format!("{c:?}").contains("demo-key"), "{c:?}");
}
