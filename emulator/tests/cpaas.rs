//! The CPaaS project API (`/cpaas`, beside `/ucaas/v1` on the same port) over real HTTP against
//! the real binary: every route's answer and documented codes, paging, role scoping (administrator,
//! reseller, customer, a project's own credentials), key reset and the service settings read back.

mod common;

use base64::Engine;
use common::{raw, Emu, Resp};
use serde_json::{json, Value};

const ADMIN: (&str, &str) = ("demo-app", "demo-key");
const RESELLER: (&str, &str) = ("reseller-app", "reseller-key");
const ACME: (&str, &str) = ("acme-app", "acme-key");
const ACME_1: (&str, &str) = ("app-acme-1", "key-acme-1");
const OTHER_1: (&str, &str) = ("app-other-1", "key-other-1");

fn basic((id, key): (&str, &str)) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{id}:{key}")))
}

/// A request below `/cpaas` with these credentials (`None`: without any).
fn call(e: &Emu, who: Option<(&str, &str)>, method: &str, path: &str, body: Option<Value>) -> Resp {
    let auth = who.map(basic);
    let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", a.as_str())).collect();
    let b = body.map(|b| b.to_string());
    raw(&e.addr, method, &format!("/cpaas{path}"), &headers, b.as_deref()).expect("request")
}

/// A successful call's answer (`result` 1).
#[track_caller]
fn ok(e: &Emu, who: (&str, &str), method: &str, path: &str, body: Option<Value>) -> Value {
    let r = call(e, Some(who), method, path, body);
    assert_eq!(r.status, 200, "{method} {path}: {}", r.body);
    let v = r.json();
    assert_eq!(v["result"], 1, "{}", r.body);
    v
}

/// An error answer with the documented CPaaS text.
#[track_caller]
fn cpaas_error(r: &Resp, status: u16, code: u32) -> Value {
    let v = r.assert_error(status, code.into());
    assert_eq!(v["msg"], ucaas_codes::cpaas::message(code).unwrap(), "{}", r.body);
    v
}

fn ids(v: &Value) -> Vec<&str> {
    v["projects"].as_array().unwrap().iter().map(|p| p["app_id"].as_str().unwrap()).collect()
}

#[test]
fn served_beside_ucaas_and_documented() {
    let e = Emu::start(&[]);
    let doc = e.req("GET", "/openapi.json", &[], None).json();
    for p in [
        "/projects",
        "/projects/{app_id}",
        "/projects/{app_id}/reset_key",
        "/projects/{app_id}/video",
        "/projects/{app_id}/voice",
        "/projects/{app_id}/sms",
        "/projects/{app_id}/video-embed",
    ] {
        assert_eq!(doc["paths"][p]["servers"][0]["url"], "/cpaas", "{p}");
    }
    assert!(doc["paths"]["/projects/{app_id}"]["post"].is_object());
    assert_eq!(doc["paths"]["/projects"]["get"]["security"], json!([{ "basic": [] }]));
    assert!(doc["components"]["schemas"]["CpaasVideoSettings"]["properties"]["recording"].is_object());
    // The UCaaS API is still there, on the same port; /ucaas/v1/projects is not.
    assert_eq!(e.api("GET", "/branding?domain=meet.example.test", None).status, 200);
    e.req("GET", "/projects", &[("Authorization", &basic(ADMIN))], None).assert_error(404, 404);
    call(&e, Some(ADMIN), "GET", "/nothing", None).assert_error(404, 404);
    call(&e, Some(ADMIN), "DELETE", "/projects", None).assert_error(405, 405);
    // Faults reach /cpaas too (matched by the full path); the request log records it.
    e.control("POST", "faults", Some(json!({ "route": "/cpaas/projects", "method": "GET", "error_rate": 1.0 })));
    call(&e, Some(ADMIN), "GET", "/projects", None).assert_error(500, 500);
    assert_eq!(call(&e, Some(ADMIN), "GET", "/projects", None).status, 200);
    let log = e.control("GET", "requests?since=0", None);
    assert!(log["requests"].as_array().unwrap().iter().any(|r| r["path"] == "/cpaas/projects" && r["status"] == 500));
}

#[test]
fn basic_auth_only() {
    let e = Emu::start(&[]);
    let v = call(&e, None, "GET", "/projects", None).assert_error(401, 401);
    assert_eq!(v["msg"], "Invalid header");
    call(&e, Some(("demo-app", "wrong")), "GET", "/projects", None).assert_error(401, 401);
    call(&e, Some(("app-acme-1", "key-acme-2")), "GET", "/projects", None).assert_error(401, 401);
    call(&e, Some(("nobody", "")), "GET", "/projects", None).assert_error(401, 401);
    for bad in ["Basic !!!", "Basic", "Token abc", "Bearer x"] {
        let r = raw(&e.addr, "GET", "/cpaas/projects", &[("Authorization", bad)], None).unwrap();
        r.assert_error(401, 401);
    }
    // A UCaaS login token is not accepted here.
    let token = format!("Token {}", e.login("customer@example.test"));
    raw(&e.addr, "GET", "/cpaas/projects", &[("Authorization", &token)], None).unwrap().assert_error(401, 401);
    // X-Api-Id plays no part.
    let r = raw(&e.addr, "GET", "/cpaas/projects", &[("Authorization", &basic(ACME)), ("X-Api-Id", "unknown")], None)
        .unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn list_scoping_by_role_and_by_project_credentials() {
    let e = Emu::start(&[]);
    assert_eq!(ids(&ok(&e, ADMIN, "GET", "/projects", None)), ["app-acme-1", "app-acme-2", "app-other-1"]);
    assert_eq!(ids(&ok(&e, RESELLER, "GET", "/projects", None)), ["app-acme-1", "app-acme-2"]);
    assert_eq!(ids(&ok(&e, ACME, "GET", "/projects", None)), ["app-acme-1", "app-acme-2"]);
    assert_eq!(ids(&ok(&e, ACME_1, "GET", "/projects", None)), ["app-acme-1", "app-acme-2"]);
    assert_eq!(ids(&ok(&e, OTHER_1, "GET", "/projects", None)), ["app-other-1"]);
    // The administrator filters by customer; others stay within their scope.
    let v = ok(&e, ADMIN, "GET", "/projects?customer_id=c-other", None);
    assert_eq!(ids(&v), ["app-other-1"]);
    assert_eq!(v["search"]["customer_id"], "c-other");
    assert!(ids(&ok(&e, ACME, "GET", "/projects?customer_id=c-other", None)).is_empty());
    // Every documented key of a listed project.
    let v = ok(&e, ADMIN, "GET", "/projects?search_string=classroom", None);
    let p = &v["projects"][0];
    for key in [
        "customer_id",
        "customer_name",
        "app_id",
        "app_key",
        "app_name",
        "category_id",
        "category_name",
        "short_desc",
        "description",
        "services_incl",
        "status",
        "status_ex",
        "created_at",
        "updated_at",
        "suspended_at",
    ] {
        assert!(p.get(key).is_some(), "{key} missing: {p}");
    }
    assert_eq!(p["customer_name"], "Acme");
    assert_eq!(p["category_name"], "Education");
    assert_eq!(p["app_key"], "key-acme-1");
    assert_eq!(p["services_incl"], json!({ "video": true, "sms": false, "voice": false }));
    assert_eq!(p["status_ex"], "Active");
    assert!(p.get("video").is_none(), "the list carries no settings");
}

#[test]
fn list_paging_search_order_and_codes() {
    let e = Emu::start(&[]);
    let v = ok(&e, ADMIN, "GET", "/projects?page=2&page_length=2", None);
    assert_eq!(ids(&v), ["app-other-1"]);
    assert_eq!(
        v["search"],
        json!({ "page": 2, "page_length": 2, "customer_id": "", "search_by": "", "search_string": "",
                "order_by": "created_at", "order_qualify": "asc", "total": 3 })
    );
    assert!(ids(&ok(&e, ADMIN, "GET", "/projects?page=3&page_length=2", None)).is_empty());
    // page_num is the document's name for page_length; at most 100 a page.
    assert_eq!(ids(&ok(&e, ADMIN, "GET", "/projects?page_num=1", None)), ["app-acme-1"]);
    assert_eq!(ok(&e, ADMIN, "GET", "/projects?page_length=500", None)["search"]["page_length"], 100);
    let v = ok(&e, ADMIN, "GET", "/projects?search_by=app_name&search_string=ACME", None);
    assert_eq!(ids(&v), ["app-acme-1", "app-acme-2"]);
    assert_eq!(v["search"]["search_by"], "app_name");
    assert_eq!(v["search"]["search_string"], "ACME");
    assert_eq!(ids(&ok(&e, ADMIN, "GET", "/projects?search_string=tele", None)), ["app-acme-2"]);
    let v = ok(&e, ADMIN, "GET", "/projects?order_by=app_name&order_qualify=desc", None);
    assert_eq!(ids(&v), ["app-other-1", "app-acme-2", "app-acme-1"]);
    assert_eq!(v["search"]["order_qualify"], "desc");
    for (q, code) in [
        ("page=0", 1101),
        ("page=x", 1101),
        ("page=-1", 1101),
        ("page_length=0", 1102),
        ("page_length=ten", 1102),
        ("page_num=0", 1102),
        ("order_qualify=up", 1105),
    ] {
        cpaas_error(&call(&e, Some(ADMIN), "GET", &format!("/projects?{q}"), None), 406, code);
    }
    call(&e, Some(ADMIN), "GET", "/projects?order_by=price", None).assert_error(406, 1002);
    call(&e, Some(ADMIN), "GET", "/projects?search_by=description&search_string=x", None).assert_error(406, 1002);
    call(&e, Some(ADMIN), "GET", "/projects?search_by=", None).assert_error(406, 1002);
}

#[test]
fn get_project_with_settings_and_scoping() {
    let e = Emu::start(&[]);
    let p = ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"].clone();
    assert_eq!(p["app_name"], "Acme Classroom");
    assert_eq!(p["video"]["sip"]["server_url"], "sip.acme.example.test");
    assert_eq!(p["video"]["media_zone"], json!(["IN", "US"]));
    assert_eq!(p["video"]["phone"][0]["toll"], false);
    assert_eq!(p["video"]["recording"]["watermark"]["align"]["horz"], "right");
    assert_eq!(p["video"]["recording_delivery"]["ftp"]["port"], 22);
    // Every documented key is there, empty when never set.
    assert_eq!(p["voice"]["inbound"]["welcome_text"], "");
    assert_eq!(p["voice"]["sip"]["sig_servers"], json!([]));
    assert_eq!(p["sms"]["default"]["in_webhook"]["auth"], false);
    assert_eq!(p["video_embed"]["subdomain"], "");
    assert!(p["video_embed"].get("room").is_none());
    let t = ok(&e, ACME_1, "GET", "/projects/app-acme-2", None)["project"].clone();
    assert_eq!(t["sms"]["default"]["sender_name"], "ACMEHC");
    assert_eq!(t["voice"]["inbound"]["language"], "en-US");
    assert_eq!(t["video"]["recording_delivery"]["scp"]["opted"], false);
    // Another customer's project is not revealed; an unknown one answers the same.
    for (who, id) in
        [(ACME, "app-other-1"), (ACME_1, "app-other-1"), (OTHER_1, "app-acme-1"), (RESELLER, "app-other-1")]
    {
        cpaas_error(&call(&e, Some(who), "GET", &format!("/projects/{id}"), None), 404, 1007);
    }
    cpaas_error(&call(&e, Some(ADMIN), "GET", "/projects/app-none", None), 404, 1007);
    assert_eq!(ok(&e, RESELLER, "GET", "/projects/app-acme-2", None)["project"]["customer_id"], "c-acme");
    assert_eq!(ok(&e, ADMIN, "GET", "/projects/app-other-1", None)["project"]["customer_name"], "Other Corp");
}

#[test]
fn add_project_owner_codes_and_new_credentials() {
    let e = Emu::start(&[]);
    let body = json!({
        "app_name": "Acme Helpdesk",
        "category_id": "cat-other",
        "short_desc": "Help",
        "description": "Support line",
        "services_incl": { "video": false, "sms": false, "voice": true },
    });
    let v = ok(&e, ACME, "POST", "/projects", Some(body.clone()));
    let project = v["project"].as_object().unwrap();
    assert_eq!(project.keys().collect::<Vec<_>>(), ["app_id", "app_key", "app_name"]);
    assert_eq!(project["app_name"], "Acme Helpdesk");
    let (id, key) = (project["app_id"].as_str().unwrap(), project["app_key"].as_str().unwrap());
    assert_eq!(id.len(), 24);
    assert!(key.len() >= 32);
    // The new project is the caller's customer's, and its credentials authenticate at once.
    let p = ok(&e, (id, key), "GET", &format!("/projects/{id}"), None)["project"].clone();
    assert_eq!(p["customer_id"], "c-acme");
    assert_eq!(p["category_name"], "Other");
    assert_eq!(p["short_desc"], "Help");
    assert_eq!(p["status"], "A");
    assert_eq!(p["services_incl"], json!({ "video": false, "sms": false, "voice": true }));
    assert_eq!(ids(&ok(&e, ACME, "GET", "/projects", None)).len(), 3);
    // A project's own credentials add for its customer too.
    let v = ok(&e, OTHER_1, "POST", "/projects", Some(body.clone()));
    let new = v["project"]["app_id"].as_str().unwrap();
    assert_eq!(ok(&e, ADMIN, "GET", &format!("/projects/{new}"), None)["project"]["customer_id"], "c-other");
    // The administrator names the customer; a reseller may name its customers.
    call(&e, Some(ADMIN), "POST", "/projects", Some(body.clone())).assert_error(406, 1002);
    let mut named = body.clone();
    named["customer_id"] = json!("c-other");
    let v = ok(&e, ADMIN, "POST", "/projects", Some(named.clone()));
    let new = v["project"]["app_id"].as_str().unwrap();
    assert_eq!(ok(&e, OTHER_1, "GET", &format!("/projects/{new}"), None)["project"]["customer_id"], "c-other");
    call(&e, Some(RESELLER), "POST", "/projects", Some(named.clone())).assert_error(406, 1002);
    call(&e, Some(ACME), "POST", "/projects", Some(named)).assert_error(406, 1002);
    let mut acme = body.clone();
    acme["customer_id"] = json!("c-acme");
    let v = ok(&e, RESELLER, "POST", "/projects", Some(acme));
    let new = v["project"]["app_id"].as_str().unwrap();
    assert_eq!(ok(&e, ACME, "GET", &format!("/projects/{new}"), None)["project"]["customer_id"], "c-acme");
    // Documented codes, and the checks the document gives no code for.
    let with = |k: &str, val: Value| {
        let mut b = body.clone();
        b[k] = val;
        b
    };
    let without = |k: &str| {
        let mut b = body.clone();
        b.as_object_mut().unwrap().remove(k);
        b
    };
    for (b, code) in [
        (without("category_id"), 1008),
        (with("category_id", json!("cat-none")), 1008),
        (with("category_id", json!(7)), 1008),
        (without("services_incl"), 1009),
        (with("services_incl", json!({})), 1009),
        (with("services_incl", json!({ "video": false, "sms": false, "voice": false })), 1009),
        (with("services_incl", json!("video")), 1009),
    ] {
        cpaas_error(&call(&e, Some(ACME), "POST", "/projects", Some(b)), 406, code);
    }
    for b in [
        without("app_name"),
        with("app_name", json!("")),
        with("app_name", json!(5)),
        with("short_desc", json!(1)),
        with("services_incl", json!({ "video": "yes" })),
    ] {
        call(&e, Some(ACME), "POST", "/projects", Some(b)).assert_error(406, 1002);
    }
    let r = raw(&e.addr, "POST", "/cpaas/projects", &[("Authorization", &basic(ACME))], Some("{not json")).unwrap();
    r.assert_error(406, 1002);
    call(&e, None, "POST", "/projects", Some(body)).assert_error(401, 401);
}

#[test]
fn edit_project() {
    let e = Emu::start(&[]);
    let v = ok(
        &e,
        ACME_1,
        "POST",
        "/projects/app-acme-1",
        Some(
            json!({ "app_name": "Acme Academy", "category_id": "cat-health", "short_desc": "New", "description": "D" }),
        ),
    );
    assert_eq!(v["msg"], "Project Acme Academy has been updated");
    assert_eq!(v["user"], json!({ "app_id": "app-acme-1", "app_name": "Acme Academy" }));
    assert_eq!(v["project"], v["user"]);
    let p = ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"].clone();
    assert_eq!(
        (&p["app_name"], &p["category_name"], &p["short_desc"], &p["description"]),
        (&json!("Acme Academy"), &json!("Healthcare"), &json!("New"), &json!("D"))
    );
    assert_ne!(p["updated_at"], "2026-01-10 09:00:00");
    assert_eq!(p["video"]["sip"]["username"], "acme-sip", "settings untouched");
    // Only the keys given change; status S suspends (the credentials keep working here).
    let v = ok(&e, ADMIN, "POST", "/projects/app-acme-1", Some(json!({ "status": "S" })));
    assert_eq!(v["user"]["app_name"], "Acme Academy");
    let p = ok(&e, ACME_1, "GET", "/projects/app-acme-1", None)["project"].clone();
    assert_eq!((&p["status"], &p["status_ex"]), (&json!("S"), &json!("Suspended")));
    assert_ne!(p["suspended_at"], "");
    ok(&e, ACME, "POST", "/projects/app-acme-1", Some(json!({ "status": "A" })));
    assert_eq!(ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"]["suspended_at"], "");
    ok(&e, ACME, "POST", "/projects/app-acme-1", Some(json!({ "services_incl": { "video": true, "sms": true } })));
    assert_eq!(
        ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"]["services_incl"],
        json!({ "video": true, "sms": true, "voice": false })
    );
    ok(&e, ACME, "POST", "/projects/app-acme-1", None);
    // Codes.
    cpaas_error(&call(&e, Some(ACME), "POST", "/projects/app-other-1", Some(json!({ "app_name": "X" }))), 404, 1007);
    cpaas_error(&call(&e, Some(ADMIN), "POST", "/projects/app-none", Some(json!({}))), 404, 1007);
    let bad_category = json!({ "category_id": "cat-none" });
    cpaas_error(&call(&e, Some(ACME), "POST", "/projects/app-acme-1", Some(bad_category)), 406, 1008);
    let no_service = json!({ "services_incl": { "video": false } });
    cpaas_error(&call(&e, Some(ACME), "POST", "/projects/app-acme-1", Some(no_service)), 406, 1009);
    for b in [json!({ "status": "X" }), json!({ "app_name": "" }), json!({ "description": [] }), json!([1])] {
        call(&e, Some(ACME), "POST", "/projects/app-acme-1", Some(b)).assert_error(406, 1002);
    }
    assert_eq!(ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"]["app_name"], "Acme Academy");
}

#[test]
fn reset_key_retires_the_old_key_at_once() {
    let e = Emu::start(&[]);
    let v = ok(&e, ACME_1, "POST", "/projects/app-acme-1/reset_key", None);
    assert_eq!(v["msg"], "API Access Key for Project Acme Classroom has been reset");
    assert_eq!(v["project"]["app_id"], "app-acme-1");
    assert_eq!(v["project"]["app_name"], "Acme Classroom");
    let key = v["project"]["app_key"].as_str().unwrap().to_string();
    assert_ne!(key, "key-acme-1");
    call(&e, Some(ACME_1), "GET", "/projects", None).assert_error(401, 401);
    call(&e, Some(ACME_1), "GET", "/projects/app-acme-1", None).assert_error(401, 401);
    let p = ok(&e, ("app-acme-1", &key), "GET", "/projects/app-acme-1", None)["project"].clone();
    assert_eq!(p["app_key"], key);
    // Another caller in scope resets too; the key changes again.
    let v = ok(&e, RESELLER, "POST", "/projects/app-acme-1/reset_key", None);
    assert_ne!(v["project"]["app_key"], key);
    call(&e, Some(("app-acme-1", &key)), "GET", "/projects", None).assert_error(401, 401);
    // Out of scope, unknown, unauthenticated.
    cpaas_error(&call(&e, Some(ACME), "POST", "/projects/app-other-1/reset_key", None), 404, 1007);
    cpaas_error(&call(&e, Some(ADMIN), "POST", "/projects/app-none/reset_key", None), 404, 1007);
    call(&e, None, "POST", "/projects/app-other-1/reset_key", None).assert_error(401, 401);
    assert_eq!(ok(&e, OTHER_1, "GET", "/projects/app-other-1", None)["project"]["app_key"], "key-other-1");
    // /__emulator/reset brings the seed's key back.
    e.control("POST", "reset", None);
    ok(&e, ACME_1, "GET", "/projects", None);
}

#[test]
fn patch_video_merges_and_reads_back() {
    let e = Emu::start(&[]);
    let v = ok(
        &e,
        ACME,
        "PATCH",
        "/projects/app-acme-1/video",
        Some(json!({
            "notification_url": "https://acme.example.test/hooks/v2",
            "sip": { "username": "acme-sip-2", "sig_servers": ["sig2.acme.example.test"] },
            "phone": [{ "in": true, "out": true, "country": "India", "country_code": "+91", "phone": "+9100000" }],
            "encryption": { "encryption_key": "k-123" },
            "recording": {
                "files": { "transcription": true },
                "watermark": { "opacity": 0.8, "align": { "offset_x": 5 } },
                "delivery": {
                    "scp": { "opted": true, "host": "scp.acme.example.test", "port": 2222 },
                    "s3": { "opted": true, "mode": "secret_access_based", "region": "us-east-1", "env_auth": false },
                    "azure": { "storage_account": "acme", "access_key": "az", "dest_path": "/rec" }
                }
            },
            "unknown_key": "ignored"
        })),
    );
    assert_eq!(v["msg"], "Project Acme Classroom has been updated with Video Service Setting");
    assert_eq!(v["user"], json!({ "app_id": "app-acme-1", "app_name": "Acme Classroom" }));
    let video = ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"]["video"].clone();
    assert_eq!(video["notification_url"], "https://acme.example.test/hooks/v2");
    assert_eq!(video["sip"]["username"], "acme-sip-2");
    assert_eq!(video["sip"]["password"], "sip-secret", "objects merge key by key");
    assert_eq!(video["sip"]["sig_servers"], json!(["sig2.acme.example.test"]), "arrays are replaced");
    assert_eq!(video["phone"].as_array().unwrap().len(), 1);
    assert_eq!(video["phone"][0]["country"], "India");
    assert_eq!(video["phone"][0]["toll"], false);
    assert_eq!(video["encryption"]["encryption_key"], "k-123");
    assert_eq!(video["recording"]["files"]["transcription"], true);
    assert_eq!(video["recording"]["files"]["meta"], true);
    assert_eq!(video["recording"]["watermark"]["opacity"], 0.8);
    assert_eq!(
        video["recording"]["watermark"]["align"],
        json!({ "horz": "right", "vert": "bottom", "offset_x": 5, "offset_y": 10 })
    );
    assert!(video["recording"].get("delivery").is_none());
    let delivery = &video["recording_delivery"];
    assert_eq!(delivery["scp"]["port"], 2222);
    assert_eq!(delivery["scp"]["opted"], true);
    assert_eq!(delivery["ftp"]["host"], "ftp.acme.example.test");
    assert_eq!(delivery["s3"]["region"], "us-east-1");
    assert_eq!(delivery["azure"]["dest_path"], "/rec");
    assert!(delivery.get("gdrive").is_none(), "answered once set");
    assert!(video.get("unknown_key").is_none());
    // GET's spelling recording_delivery is read too.
    ok(
        &e,
        ACME,
        "PATCH",
        "/projects/app-acme-1/video",
        Some(json!({ "recording_delivery": { "ftp": { "port": 21 } } })),
    );
    let video = ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"]["video"].clone();
    assert_eq!(video["recording_delivery"]["ftp"]["port"], 21);
    // Types are checked (no code documented: 1002, the field named).
    for (b, field) in [
        (json!({ "notification_url": 5 }), "notification_url"),
        (json!({ "sip": "x" }), "sip"),
        (json!({ "sip": { "sig_servers": [1] } }), "sip.sig_servers"),
        (json!({ "phone": [{ "in": "yes" }] }), "phone[0].in"),
        (json!({ "phone": {} }), "phone"),
        (json!({ "recording": { "files": { "meta": 1 } } }), "recording.files.meta"),
        (json!({ "recording": { "delivery": { "ftp": { "port": "21" } } } }), "recording.delivery.ftp.port"),
        (json!({ "recording": { "delivery": { "ftp": { "port": 2.5 } } } }), "recording.delivery.ftp.port"),
        (json!({ "recording": { "watermark": { "opacity": "high" } } }), "recording.watermark.opacity"),
    ] {
        let v = call(&e, Some(ACME), "PATCH", "/projects/app-acme-1/video", Some(b)).assert_error(406, 1002);
        assert_eq!(v["data"]["field"], field);
    }
    let video_after = ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"]["video"].clone();
    assert_eq!(video, video_after, "a refused PATCH changes nothing");
    cpaas_error(&call(&e, Some(ACME), "PATCH", "/projects/app-other-1/video", Some(json!({}))), 404, 1007);
    call(&e, None, "PATCH", "/projects/app-acme-1/video", Some(json!({}))).assert_error(401, 401);
}

#[test]
fn patch_voice_and_sms_read_back() {
    let e = Emu::start(&[]);
    let v = ok(
        &e,
        OTHER_1,
        "PATCH",
        "/projects/app-other-1/voice",
        Some(json!({
            "in": true,
            "sip": { "server_url": "sip.other.example.test" },
            "inbound": { "event_url": "https://other.example.test/in", "auto_record": true },
            "phone": [{ "in": true, "out": false, "country": "Germany", "country_code": "+49", "phone": "+4930000" }],
            "notification_url": "https://other.example.test/voice"
        })),
    );
    assert_eq!(v["msg"], "Project Other Support has been updated with Voice Service Setting");
    assert_eq!(v["user"]["app_id"], "app-other-1");
    let v = ok(
        &e,
        ADMIN,
        "PATCH",
        "/projects/app-other-1/sms",
        Some(json!({
            "outgoing": true,
            "default": { "sender_name": "OTHER", "delivery_webhook": { "url": "https://other.example.test/dlr", "auth": true } }
        })),
    );
    assert_eq!(v["msg"], "Project Other Support has been updated with SMS Service Setting");
    let p = ok(&e, OTHER_1, "GET", "/projects/app-other-1", None)["project"].clone();
    assert_eq!(p["voice"]["in"], true);
    assert_eq!(p["voice"]["out"], false);
    assert_eq!(p["voice"]["sip"]["server_url"], "sip.other.example.test");
    assert_eq!(p["voice"]["inbound"]["auto_record"], true);
    assert_eq!(p["voice"]["phone"][0]["country_code"], "+49");
    assert_eq!(p["voice"]["notification_url"], "https://other.example.test/voice");
    assert_eq!(p["sms"]["outgoing"], true);
    assert_eq!(p["sms"]["incoming"], false);
    assert_eq!(p["sms"]["default"]["sender_name"], "OTHER");
    assert_eq!(p["sms"]["default"]["delivery_webhook"]["auth"], true);
    assert_eq!(p["sms"]["default"]["in_webhook"]["url"], "");
    // The seeded settings of another project merge.
    ok(&e, ACME, "PATCH", "/projects/app-acme-2/sms", Some(json!({ "default": { "keyword": "HEALTH" } })));
    let sms = ok(&e, ACME, "GET", "/projects/app-acme-2", None)["project"]["sms"].clone();
    assert_eq!((&sms["default"]["keyword"], &sms["default"]["sender_name"]), (&json!("HEALTH"), &json!("ACMEHC")));
    for (path, b) in [
        ("voice", json!({ "in": "yes" })),
        ("voice", json!({ "inbound": { "language": 1 } })),
        ("sms", json!({ "default": { "in_webhook": { "auth": "no" } } })),
        ("sms", json!("text")),
    ] {
        call(&e, Some(ACME), "PATCH", &format!("/projects/app-acme-2/{path}"), Some(b)).assert_error(406, 1002);
    }
    for path in ["voice", "sms"] {
        let r = call(&e, Some(ACME), "PATCH", &format!("/projects/app-other-1/{path}"), Some(json!({})));
        cpaas_error(&r, 404, 1007);
    }
}

#[test]
fn patch_video_embed_subdomain_codes_and_room() {
    let e = Emu::start(&[]);
    // A project without a sub-domain needs one first.
    cpaas_error(
        &call(&e, Some(ACME), "PATCH", "/projects/app-acme-1/video-embed", Some(json!({ "exit_url": "https://x" }))),
        406,
        1110,
    );
    for bad in ["ab", "Acme", "-acme", "acme-", "ac me", "acme.video", &"a".repeat(64)] {
        let r = call(&e, Some(ACME), "PATCH", "/projects/app-acme-1/video-embed", Some(json!({ "subdomain": bad })));
        cpaas_error(&r, 406, 1110);
    }
    let taken = json!({ "subdomain": "other-support" });
    cpaas_error(&call(&e, Some(ACME), "PATCH", "/projects/app-acme-1/video-embed", Some(taken)), 406, 1111);
    let v = ok(
        &e,
        ACME,
        "PATCH",
        "/projects/app-acme-1/video-embed",
        Some(json!({
            "subdomain": "acme-class",
            "embed_template_id": "tpl-1",
            "access_mode": { "iframe": { "enabled": true, "iframing_hosts": ["acme.example.test"] } },
            "exit_url": "https://acme.example.test/bye",
            "options": { "recording": false, "lobby": { "show": false, "wait_timeout": "120" } },
            "video_background_color": "#323548"
        })),
    );
    assert_eq!(v["msg"], "Project Acme Classroom has been updated with Video Embed Setting");
    assert_eq!(v["project"], json!({ "app_id": "app-acme-1", "app_name": "Acme Classroom" }));
    let room = v["room"].clone();
    let room_id = room["room_id"].as_str().unwrap().to_string();
    assert_eq!(room_id.len(), 24);
    assert_eq!(room["participant_meeting_url"], format!("https://acme-class.yourvideo.tech/{room_id}"));
    assert!(room["host_meeting_url"].as_str().unwrap().starts_with("https://acme-class.yourvideo.tech/host/"));
    assert!(room["participant_iframe_embed"]
        .as_str()
        .unwrap()
        .contains(&format!("src=\"https://acme-class.yourvideo.tech/{room_id}\"")));
    assert!(room["moderator_iframe_embed"].as_str().unwrap().starts_with("<iframe"));
    // Its own sub-domain again is fine; options merge; the room stays.
    let v = ok(
        &e,
        ACME_1,
        "PATCH",
        "/projects/app-acme-1/video-embed",
        Some(json!({ "subdomain": "acme-class", "options": { "invite": true } })),
    );
    assert_eq!(v["room"]["room_id"], room_id);
    let embed = ok(&e, ACME, "GET", "/projects/app-acme-1", None)["project"]["video_embed"].clone();
    assert_eq!(embed["subdomain"], "acme-class");
    assert_eq!(embed["embed_template_id"], "tpl-1");
    assert_eq!(embed["access_mode"]["iframe"]["iframing_hosts"], json!(["acme.example.test"]));
    assert_eq!(
        embed["options"],
        json!({ "recording": false, "lobby": { "show": false, "wait_timeout": "120" }, "invite": true })
    );
    assert_eq!(embed["room"], room);
    // Now taken for the others.
    let taken = json!({ "subdomain": "acme-class" });
    cpaas_error(&call(&e, Some(OTHER_1), "PATCH", "/projects/app-other-1/video-embed", Some(taken)), 406, 1111);
    // A new sub-domain moves the room's URLs.
    let v = ok(&e, ACME, "PATCH", "/projects/app-acme-1/video-embed", Some(json!({ "subdomain": "acme-2" })));
    assert_eq!(v["room"]["participant_meeting_url"], format!("https://acme-2.yourvideo.tech/{room_id}"));
    // The seeded embed project answers its room without a sub-domain in the body.
    let v = ok(&e, OTHER_1, "PATCH", "/projects/app-other-1/video-embed", Some(json!({ "exit_url": "https://o/x" })));
    assert_eq!(v["room"]["room_id"], "6246efa1196ea481db234227");
    for b in [
        json!({ "options": "all" }),
        json!({ "access_mode": { "iframe": { "enabled": 1 } } }),
        json!({ "subdomain": 5 }),
    ] {
        call(&e, Some(ACME), "PATCH", "/projects/app-acme-1/video-embed", Some(b)).assert_error(406, 1002);
    }
    cpaas_error(&call(&e, Some(ACME), "PATCH", "/projects/app-other-1/video-embed", Some(json!({}))), 404, 1007);
}

#[test]
fn changes_persist_in_the_data_file() {
    let dir = std::env::temp_dir().join(format!("ucaas-cpaas-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("data.json");
    let _ = std::fs::remove_file(&file);
    let path = file.to_str().unwrap();
    let key = {
        let mut e = Emu::start(&["--data-file", path]);
        ok(&e, ACME, "PATCH", "/projects/app-acme-2/voice", Some(json!({ "out": false })));
        let key = ok(&e, ACME, "POST", "/projects/app-acme-2/reset_key", None)["project"]["app_key"].clone();
        e.terminate();
        key.as_str().unwrap().to_string()
    };
    let e = Emu::start(&["--data-file", path]);
    call(&e, Some(("app-acme-2", "key-acme-2")), "GET", "/projects", None).assert_error(401, 401);
    let p = ok(&e, ("app-acme-2", &key), "GET", "/projects/app-acme-2", None)["project"].clone();
    assert_eq!(p["voice"]["out"], false);
    assert_eq!(p["voice"]["in"], true);
    drop(e);
    let _ = std::fs::remove_dir_all(&dir);
}
