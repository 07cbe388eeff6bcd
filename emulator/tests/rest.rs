//! The routes of the full build over real HTTP against the real binary: permanent room, lobby (multipart
//! uploads served back), meeting branding, polls, contacts, groups, datapool, reports, customers,
//! subscriptions, users — answers, documented error codes and role scoping across tenants.

mod common;

use common::{raw_body, Emu, Resp};
use serde_json::{json, Value};

/// A multipart part: name, optional (file name, content type), bytes.
type Part<'a> = (&'a str, Option<(&'a str, &'a str)>, &'a [u8]);

const BASIC: &str = "Basic ZGVtby1hcHA6ZGVtby1rZXk="; // demo-app:demo-key (the administrator)

struct S<'a> {
    e: &'a Emu,
    auth: String,
}

impl<'a> S<'a> {
    fn new(e: &'a Emu, email: &str) -> Self {
        S { e, auth: format!("Token {}", e.login(email)) }
    }
    fn call(&self, method: &str, path: &str, extra: &[(&str, &str)], body: Option<Value>) -> Resp {
        let mut h = vec![("Authorization", self.auth.as_str()), ("X-App-Type", "vc")];
        h.extend_from_slice(extra);
        let b = body.map(|b| b.to_string());
        self.e.req(method, path, &h, b.as_deref())
    }
    fn ok(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let r = self.call(method, path, &[], body);
        assert_eq!(r.status, 200, "{method} {path}: {}", r.body);
        let v = r.json();
        assert_eq!(v["result"], 1);
        v
    }
    fn form(&self, method: &str, path: &str, parts: &[Part]) -> Resp {
        let boundary = "XyZzyBoundary42";
        let mut body = Vec::new();
        for (name, file, content) in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file {
                Some((fname, ctype)) => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{fname}\"\r\nContent-Type: {ctype}\r\n\r\n").as_bytes()),
                None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
            }
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let h = [("Authorization", self.auth.as_str()), ("X-App-Type", "vc")];
        raw_body(
            &self.e.addr,
            method,
            &format!("/ucaas/v1{path}"),
            &h,
            &format!("multipart/form-data; boundary={boundary}"),
            &body,
        )
        .unwrap()
    }
}

#[test]
fn openapi_documents_the_new_routes() {
    let e = Emu::start(&[]);
    let doc = e.req("GET", "/openapi.json", &[], None).json();
    for p in [
        "/meetings/permanent",
        "/meeting/permanent/{id}",
        "/meetings/{id}/lobby",
        "/meetings/{id}/branding",
        "/polls/{room_id}",
        "/contacts/{id}",
        "/contact-groups/{id}",
        "/timezones",
        "/countries",
        "/plans/{app_type}",
        "/sessions",
        "/cdr",
        "/customers/{id}",
        "/subscriptions/{id}",
        "/users/{id}",
        "/files/{id}",
    ] {
        assert!(doc["paths"][p].is_object(), "{p}");
    }
}

#[test]
fn permanent_room_get_edit_reset_and_scoping() {
    let e = Emu::start(&[]);
    let alice = S::new(&e, "alice@example.test");
    let v = alice.ok("GET", "/meetings/permanent", None);
    assert_eq!(v["permanent_room"]["room_id"], "perm-alice");
    assert_eq!(v["permanent_room"]["mpin"], "900401");
    assert_eq!(alice.ok("GET", "/meeting/permanent/u-alice", None)["permanent_room"]["ppin"], "900402");
    alice.call("GET", "/meetings/permanent/u-bob", &[], None).assert_error(403, 0);
    alice.call("GET", "/meetings/permanent/u-nobody", &[], None).assert_error(404, 404);
    alice.call("GET", "/meetings/permanent", &[("X-App-Type", "xx")], None).assert_error(406, 1402);
    let customer = S::new(&e, "customer@example.test");
    assert_eq!(customer.ok("GET", "/meetings/permanent/u-bob", None)["permanent_room"]["room_id"], "perm-bob");
    customer.call("GET", "/meetings/permanent/u-carol", &[], None).assert_error(403, 0);
    // Edit.
    let v = alice.ok(
        "PATCH",
        "/meetings/permanent/perm-alice",
        Some(json!({ "room_name": "My room", "moderators": 2, "knock": true })),
    );
    assert_eq!(v["msg"], "Permanent Room information has been updated");
    assert_eq!(v["permanent_room"]["room_name"], "My room");
    assert_eq!(v["permanent_room"]["moderators"], 2);
    for (body, code) in [
        (json!({ "room_name": 5 }), 1611),
        (json!({ "room_name": "ab" }), 1612),
        (json!({ "room_name": "x".repeat(51) }), 1613),
        (json!({ "moderators": "2" }), 1644),
        (json!({ "moderators": 0 }), 1642),
        (json!({ "moderators": 101 }), 1643),
        (json!({ "participants": -1 }), 1652),
        (json!({ "participants": 1000 }), 1653),
        (json!({ "participants": true }), 1654),
        (json!({ "auto_recording": "yes" }), 1672),
        (json!({ "wait_for_moderator": 1 }), 1693),
        (json!({ "knock": "no" }), 1694),
    ] {
        alice.call("PATCH", "/meetings/permanent/perm-alice", &[], Some(body)).assert_error(406, code);
    }
    alice.call("PATCH", "/meetings/permanent/perm-carol", &[], Some(json!({ "knock": true }))).assert_error(403, 0);
    alice.call("PATCH", "/meetings/permanent/perm-none", &[], Some(json!({}))).assert_error(404, 404);
    // Reset PINs.
    let reset = [("X-Action", "reset-pins")];
    let r = alice.call("PATCH", "/meetings/permanent/perm-alice", &reset, Some(json!({ "reset_mpin": true })));
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["msg"], "Access PIN has been updated.");
    assert_ne!(v["permanent_room"]["mpin"], "900401");
    assert_eq!(v["permanent_room"]["ppin"], "900402");
    assert_eq!(v["permanent_room"]["app_type"], "vc");
    alice
        .call("PATCH", "/meetings/permanent/perm-alice", &reset, Some(json!({ "reset_mpin": "yes" })))
        .assert_error(406, 1901);
    alice
        .call("PATCH", "/meetings/permanent/perm-alice", &reset, Some(json!({ "reset_ppin": 1 })))
        .assert_error(406, 1902);
    alice.call("PATCH", "/meetings/permanent/perm-alice", &reset, Some(json!({}))).assert_error(406, 1903);
    alice
        .call("PATCH", "/meetings/permanent/perm-alice", &[("X-Action", "other")], Some(json!({})))
        .assert_error(406, 1002);
    // The new PIN joins.
    let pin = v["permanent_room"]["mpin"].as_str().unwrap().to_string();
    let j = e.api("POST", "/sessions/join", Some(json!({ "pin": pin, "name": "Alice" })));
    assert_eq!(j.status, 200, "{}", j.body);
}

#[test]
fn lobby_crud_with_multipart_uploads_served_back() {
    let e = Emu::start(&[]);
    let alice = S::new(&e, "alice@example.test");
    let v = alice.ok("GET", "/meetings/mtg-alice-upcoming/lobby", None);
    assert_eq!(v["lobby"]["options"]["messages"], true);
    assert_eq!(v["meeting"]["meeting_id"], "mtg-alice-upcoming");
    let none = alice.ok("GET", "/meetings/mtg-alice-current/lobby", None);
    assert_eq!(none["lobby"]["options"], json!({ "messages": false, "images": false, "audio": false, "video": false }));
    assert_eq!(none["lobby"]["image"], json!([]));
    alice.call("GET", "/meetings/mtg-carol-upcoming/lobby", &[], None).assert_error(403, 0);
    alice.call("GET", "/meetings/nope/lobby", &[], None).assert_error(404, 404);
    // Form with a `data` part and an image upload, plus an audio upload.
    let png: &[u8] = b"\x89PNG\r\n\x1a\nfake-image-bytes";
    let data =
        json!({ "options": { "image": true, "audio": true }, "image": [{ "caption": "Our office" }] }).to_string();
    let r = alice.form(
        "POST",
        "/meetings/mtg-alice-current/lobby",
        &[
            ("data", None, data.as_bytes()),
            ("img_file", Some(("office.png", "image/png")), png),
            ("audio_file", Some(("music.mp3", "audio/mpeg")), b"ID3fake-audio"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let url = v["lobby"]["image"][0]["url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("http://{}/ucaas/v1/files/", e.addr)), "{url}");
    assert_eq!(v["lobby"]["image"][0]["caption"], "Our office");
    assert_eq!(v["lobby"]["options"], json!({ "messages": false, "images": true, "audio": true, "video": false }));
    let path = url.split(&e.addr).nth(1).unwrap().to_string();
    let f = e.req("GET", &path, &[], None);
    assert_eq!(f.status, 200);
    assert_eq!(f.header("content-type"), Some("image/png"));
    assert_eq!(f.body.as_bytes(), String::from_utf8_lossy(png).as_bytes());
    let audio = v["lobby"]["audio"][0]["url"].as_str().unwrap();
    assert!(audio.contains("/files/f-") && v["lobby"]["audio"][0]["embed"].as_str().unwrap().starts_with("<audio"));
    e.req("GET", "/files/f-unknown", &[], None).assert_error(404, 404);
    // Bracketed field names; PATCH replaces.
    let r = alice.form(
        "PATCH",
        "/meetings/mtg-alice-current/lobby",
        &[
            ("options[message]", None, b"true"),
            ("message[0][text]", None, b"Welcome all"),
            ("message[1][text]", None, b"Starting soon"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["lobby"]["message"], json!([{ "text": "Welcome all" }, { "text": "Starting soon" }]));
    assert_eq!(v["lobby"]["image"], json!([]));
    // JSON works too, with a video URL.
    let v = alice.ok(
        "POST",
        "/meeting/mtg-alice-current/lobby",
        Some(json!({ "options": { "video": true }, "video": [{ "url": "https://cdn.example.test/intro.mp4" }] })),
    );
    assert_eq!(v["lobby"]["video"][0]["url"], "https://cdn.example.test/intro.mp4");
    // Documented codes.
    let p = "/meetings/mtg-alice-current/lobby";
    for (body, code) in [
        (json!({}), 2423),
        (json!({ "options": true }), 2423),
        (json!({ "options": {} }), 2423),
        (json!({ "options": { "video": true, "message": true } }), 2423),
        (json!({ "options": { "message": true } }), 2402),
        (json!({ "options": { "message": true }, "message": [{}] }), 2422),
        (json!({ "options": { "message": true }, "message": [{ "text": "hey" }] }), 2432),
        (json!({ "options": { "message": true }, "message": [{ "text": "x".repeat(101) }] }), 2433),
        (json!({ "options": { "image": true } }), 2403),
        (json!({ "options": { "image": true }, "image": "x" }), 2412),
        (json!({ "options": { "image": true }, "image": [{ "url": "not a url" }] }), 2453),
        (json!({ "options": { "image": true }, "image": [{ "url": "https://a.test/i.png", "caption": 5 }] }), 2435),
        (json!({ "options": { "audio": true } }), 2404),
        (json!({ "options": { "video": true } }), 2405),
        (json!({ "options": { "video": true }, "video": {} }), 2421),
        (json!({ "options": { "video": true }, "video": [{ "url": 5 }] }), 2438),
        (json!({ "options": { "video": true }, "video": [{ "url": "ftp://x" }] }), 2453),
        // A disabled block that is there anyway is checked as the client checks it (not stored).
        (json!({ "options": { "message": true }, "message": ["Welcome all"], "video": [{}] }), 2405),
        (
            json!({ "options": { "video": true }, "video": [{ "url": "https://v.test/x.mp4" }], "message": [{ "text": "hey" }] }),
            2432,
        ),
        (json!({ "options": { "message": true }, "message": ["Welcome all"], "image": "x" }), 2412),
    ] {
        alice.call("POST", p, &[], Some(body.clone())).assert_error(406, code);
    }
    let v = alice.ok(
        "POST",
        p,
        Some(json!({ "options": { "message": true }, "message": ["Welcome all"], "video": [{ "url": "https://v.test/x.mp4" }] })),
    );
    assert_eq!(v["lobby"]["video"], json!([]), "a valid disabled block is not stored: {v}");
    let r = alice.form("POST", p, &[("data", None, b"[1]")]);
    r.assert_error(406, 1002);
    let big = vec![b'a'; 5 * 1024 * 1024 + 1];
    let r =
        alice.form("POST", p, &[("options[image]", None, b"true"), ("img_file", Some(("big.png", "image/png")), &big)]);
    r.assert_error(406, 1002);
    // Delete.
    let v = alice.ok("DELETE", p, None);
    assert_eq!(v["desc"], "Lobby is deleted.");
    assert_eq!(v["meeting"]["room_id"], "room-alice-current");
    assert_eq!(alice.ok("DELETE", p, None)["desc"], "Lobby is deleted.", "idempotent");
    assert_eq!(alice.ok("GET", p, None)["lobby"]["options"]["video"], false);
    alice.call("DELETE", "/meetings/mtg-carol-upcoming/lobby", &[], None).assert_error(403, 0);
    alice.call("GET", p, &[("X-App-Type", "")], None).assert_error(406, 1402);
}

#[test]
fn meeting_branding_set_validates_and_layers_into_get_branding() {
    let e = Emu::start(&[]);
    let alice = S::new(&e, "alice@example.test");
    let p = "/meetings/mtg-alice-upcoming/branding";
    let good = json!({
        "login": { "banner": "https://cdn.example.test/b.png", "headline": "Quarterly planning", "desc": "Q3", "target_url": "https://acme.example.test" },
        "session": { "banner_small": "https://cdn.example.test/s.png", "banner_big": "https://cdn.example.test/l.png" },
    });
    let v = alice.ok("POST", p, Some(good.clone()));
    assert_eq!(v["branding"]["login"]["headline"], "Quarterly planning");
    assert_eq!(v["branding"]["login"]["video_file"], "");
    let b = e.api("GET", "/branding?meeting_id=mtg-alice-upcoming", None).json();
    assert_eq!(b["vc"]["login"]["banner"], "https://cdn.example.test/b.png");
    assert_eq!(b["vc"]["session"]["banner_small"], "https://cdn.example.test/s.png");
    assert_eq!(b["vc"]["options"]["whiteboard"], false, "other meeting layer keys stay");
    let mut both = good.clone();
    both["login"]["video_embed"] = json!("<iframe></iframe>");
    for body in [
        json!({ "session": good["session"] }),
        json!({ "login": good["login"] }),
        both,
        json!({ "login": { "headline": "" }, "session": good["session"] }),
        json!({ "login": { "headline": "x".repeat(101) }, "session": good["session"] }),
        json!({ "login": { "headline": "ok", "desc": "x".repeat(257) }, "session": good["session"] }),
        json!({ "login": { "headline": "ok", "banner": "http://insecure.test/b.png" }, "session": good["session"] }),
        json!({ "login": { "headline": "ok" }, "session": {} }),
        json!({ "login": { "headline": "ok" }, "session": { "banner_small": "https://a.test/s.png", "target_url": "javascript:x" } }),
    ] {
        let v = alice.call("POST", p, &[], Some(body)).assert_error(406, 1002);
        assert!(v["data"]["field"].is_string());
    }
    // Uploads in place of URLs, with the documented size limits.
    let r = alice.form(
        "POST",
        p,
        &[("login[headline]", None, b"Hello"), ("session[banner_small]", Some(("s.gif", "image/gif")), b"GIF89a....")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let url = r.json()["branding"]["session"]["banner_small"].as_str().unwrap().to_string();
    assert!(url.contains("/ucaas/v1/files/f-"));
    let big = vec![0u8; 51 * 1024];
    alice
        .form("POST", p, &[("login[headline]", None, b"Hello"), ("banner_small", Some(("s.png", "image/png")), &big)])
        .assert_error(406, 1002);
    alice.call("POST", "/meetings/mtg-carol-upcoming/branding", &[], Some(good.clone())).assert_error(403, 0);
    alice.call("POST", "/meetings/nope/branding", &[], Some(good)).assert_error(404, 404);
}

#[test]
fn polls_by_room_and_conference() {
    let e = Emu::start(&[]);
    let alice = S::new(&e, "alice@example.test");
    let v = alice.ok("GET", "/polls/room-alice-past", None);
    assert_eq!(v["polls"]["1"]["type"], "MCQ1");
    assert_eq!(v["polls"]["2"]["result"]["opt2"], 2);
    assert_eq!(alice.ok("GET", "/polls/perm-alice?conf_num=2", None)["polls"].as_object().unwrap().len(), 1);
    assert_eq!(alice.ok("GET", "/polls/perm-alice?conf_num=9", None)["polls"], json!({}));
    alice.call("GET", "/polls/perm-alice?conf_num=x", &[], None).assert_error(406, 1002);
    alice.call("GET", "/polls/perm-carol", &[], None).assert_error(403, 0);
    alice.call("GET", "/polls/nope", &[], None).assert_error(404, 404);
    e.req("GET", "/polls/perm-alice", &[("Authorization", BASIC)], None).assert_error(400, 1401);
    assert_eq!(e.req("GET", "/polls/perm-carol", &[("Authorization", BASIC), ("X-App-Type", "vc")], None).status, 200);
}

#[test]
fn contacts_crud_search_codes_and_ownership() {
    let e = Emu::start(&[]);
    let alice = S::new(&e, "alice@example.test");
    let v = alice.ok("GET", "/contacts", None);
    assert_eq!(v["search"]["total"], 3);
    assert_eq!(v["contacts"][0]["name"], "Bob Builder");
    let v = alice.ok("GET", "/contacts?search_by=company&search_string=other", None);
    assert_eq!(v["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(v["contacts"][0]["contact_id"], "ct-alice-carol");
    assert_eq!(
        alice.ok("GET", "/contacts?page=2&page_length=2&order_by=email&order_qualify=desc", None)["contacts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    for (q, code) in [
        ("page=0", 2608),
        ("page_length=101", 2501),
        ("search_by=phone&search_string=x", 2605),
        ("search_by=name", 2606),
        ("search_string=x", 2605),
        ("order_by=phone", 2603),
        ("order_qualify=up", 2604),
    ] {
        alice.call("GET", &format!("/contacts?{q}"), &[], None).assert_error(406, code);
    }
    let v = alice.ok("POST", "/contacts", Some(json!({ "name": "Eve Example", "email": "eve@example.test", "company": "Example Co", "designation": "Tester", "group_ids": ["grp-alice-team"] })));
    assert_eq!(v["msg"], "Eve Example has been added to the contact list.");
    let id = v["contact"]["contact_id"].as_str().unwrap().to_string();
    let c = alice.ok("GET", &format!("/contacts/{id}"), None);
    assert_eq!(c["contact"]["email"], "eve@example.test");
    assert_eq!(c["contact"]["group_ids"], json!(["grp-alice-team"]));
    let base = json!({ "name": "Frank", "email": "frank@example.test" });
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    for (body, code) in [
        (with("group_ids", json!("g")), 1701),
        (with("group_ids", json!([])), 1702),
        (with("group_ids", json!(["grp-carol-board"])), 1818),
        (json!({ "email": "f@x.test" }), 1711),
        (with("name", json!("Fr")), 1712),
        (with("name", json!("F".repeat(51))), 1713),
        (with("name", json!(7)), 1714),
        (with("email", json!("eve@example.test")), 1721),
        (with("email", json!("nope")), 1722),
        (with("email", json!(5)), 1723),
        (json!({ "name": "Frank" }), 1724),
        (with("email", json!(format!("{}@x.test", "a".repeat(100)))), 1725),
        (with("company", json!(5)), 1731),
        (with("company", json!("C".repeat(101))), 1732),
        (with("company", json!("Co")), 1733),
        (with("designation", json!(5)), 1741),
        (with("designation", json!("D".repeat(101))), 1742),
        (with("designation", json!("CEO")), 1743),
    ] {
        alice.call("POST", "/contacts", &[], Some(body)).assert_error(406, code);
    }
    let v = alice.ok("PATCH", &format!("/contact/{id}"), Some(json!({ "name": "Eve Renamed" })));
    assert_eq!(v["msg"], "Information for Eve Renamed has been updated.");
    alice
        .call("PATCH", &format!("/contacts/{id}"), &[], Some(json!({ "email": "bob@example.test" })))
        .assert_error(406, 1721);
    let carol = S::new(&e, "carol@other.test");
    carol.call("GET", &format!("/contacts/{id}"), &[], None).assert_error(403, 0);
    carol.call("PATCH", "/contacts/ct-alice-bob", &[], Some(json!({ "name": "Hacked" }))).assert_error(403, 0);
    carol.call("DELETE", "/contacts/ct-alice-bob", &[], None).assert_error(403, 0);
    assert_eq!(carol.ok("GET", "/contacts", None)["search"]["total"], 1);
    // The same email is fine in another user's address book.
    carol.ok("POST", "/contacts", Some(json!({ "name": "Eve Example", "email": "eve@example.test" })));
    let v = alice.ok("DELETE", &format!("/contacts/{id}"), None);
    assert_eq!(v["msg"], "Eve Renamed has been deleted from the contact list.");
    alice.call("GET", &format!("/contacts/{id}"), &[], None).assert_error(404, 404);
    let g = alice.ok("GET", "/contact-groups/grp-alice-team", None);
    assert_eq!(g["group"]["contacts"].as_array().unwrap().len(), 2, "deleted contacts leave their groups");
    e.req("GET", "/contacts", &[], None).assert_error(400, 400);
}

#[test]
fn contact_groups_crud_members_codes_and_ownership() {
    let e = Emu::start(&[]);
    let alice = S::new(&e, "alice@example.test");
    let v = alice.ok("GET", "/contact-groups", None);
    assert_eq!(v["groups"].as_array().unwrap().len(), 2);
    assert_eq!(v["groups"][0]["group_name"], "External");
    assert_eq!(
        alice.ok("GET", "/contact-groups?search_by=group_name&search_string=team", None)["groups"][0]["group_id"],
        "grp-alice-team"
    );
    let v = alice.ok("POST", "/contact-groups", Some(json!({ "group_name": "Friends" })));
    assert_eq!(v["msg"], "Group Friends has been added.");
    let id = v["group"]["group_id"].as_str().unwrap().to_string();
    for (body, code) in [
        (json!({}), 1002),
        (json!({ "group_name": "ab" }), 1802),
        (json!({ "group_name": "x".repeat(101) }), 1803),
        (json!({ "group_name": 1 }), 1804),
        (json!({ "group_name": "friends" }), 1805),
    ] {
        alice.call("POST", "/contact-groups", &[], Some(body)).assert_error(406, code);
    }
    let path = format!("/contact-groups/{id}");
    let v = alice.ok("PATCH", &path, Some(json!({ "group_name": "Close friends" })));
    assert_eq!(v["group"]["group_name"], "Close friends");
    assert_eq!(v["contact"]["group_name"], "Close friends");
    alice.call("PATCH", &path, &[], Some(json!({ "group_name": "External" }))).assert_error(406, 1810);
    let add = [("X-License", "add-contact")];
    let v = alice.call("PATCH", &path, &add, Some(json!({ "contact_ids": ["ct-alice-bob", "ct-alice-carol"] })));
    assert_eq!(v.status, 200, "{}", v.body);
    let v = v.json();
    assert_eq!(v["msg"], "2 contacts are added to the Group Close friends.");
    assert_eq!(v["group"]["contacts"][0]["name"], "Bob Builder");
    alice.call("PATCH", &path, &add, Some(json!({}))).assert_error(406, 1811);
    alice.call("PATCH", &path, &add, Some(json!({ "contact_ids": [] }))).assert_error(406, 1811);
    alice.call("PATCH", &path, &add, Some(json!({ "contact_ids": "ct-alice-bob" }))).assert_error(406, 1812);
    alice.call("PATCH", &path, &add, Some(json!({ "contact_ids": ["ct-carol-alice"] }))).assert_error(406, 1002);
    alice.call("PATCH", &path, &[("X-License", "bogus")], Some(json!({}))).assert_error(406, 1002);
    let r = alice.call(
        "PATCH",
        &path,
        &[("X-License", "delete-contact")],
        Some(json!({ "contact_ids": ["ct-alice-bob"] })),
    );
    assert_eq!(r.json()["group"]["contacts"].as_array().unwrap().len(), 1);
    alice.call("GET", "/contact-groups/grp-nope", &[], None).assert_error(404, 1818);
    let carol = S::new(&e, "carol@other.test");
    carol.call("GET", &path, &[], None).assert_error(403, 0);
    carol.call("PATCH", &path, &add, Some(json!({ "contact_ids": ["ct-carol-alice"] }))).assert_error(403, 0);
    carol.call("DELETE", &path, &[], None).assert_error(403, 0);
    let v = alice.ok("DELETE", &path, None);
    assert_eq!(v["msg"], "Group Close friends has been deleted");
    alice.call("DELETE", &path, &[], None).assert_error(404, 1818);
}

#[test]
fn datapool_and_plan_access() {
    let e = Emu::start(&[]);
    let alice = S::new(&e, "alice@example.test");
    assert_eq!(alice.ok("GET", "/timezones", None)["timezones"].as_array().unwrap().len(), 4);
    let c = alice.ok("GET", "/countries", None);
    assert_eq!(c["countries"][0]["iso3_code"], "FRA");
    alice.call("GET", "/plans", &[], None).assert_error(403, 0);
    let reseller = S::new(&e, "reseller@example.test");
    assert_eq!(reseller.ok("GET", "/plans", None)["plans"].as_array().unwrap().len(), 3);
    let wb = reseller.ok("GET", "/plans/wb", None);
    assert_eq!(wb["plans"].as_array().unwrap().len(), 1);
    assert_eq!(wb["plans"][0]["plan_id"], "plan-wb-basic");
    reseller.call("GET", "/plans/xx", &[], None).assert_error(406, 1403);
    e.req("GET", "/timezones", &[], None).assert_error(400, 400);
}

#[test]
fn reports_sessions_and_cdr_precedence_and_scoping() {
    let e = Emu::start(&[]);
    let alice = S::new(&e, "alice@example.test");
    let v = alice.ok("GET", "/sessions", None);
    assert_eq!(v["search"]["total"], 2);
    assert_eq!(v["sessions"][0]["session_id"], "ses-alice-perm-2", "oldest first by connect_dt");
    assert_eq!(v["sessions"][1]["user_name"], "Alice B. Liddell");
    assert_eq!(
        alice.ok("GET", "/sessions?search_by=meeting_id&search_string=mtg-alice-past", None)["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        alice.ok("GET", "/sessions?search_by=room_id&search_string=perm-alice", None)["sessions"][0]["conf_num"],
        2
    );
    assert_eq!(alice.ok("GET", "/sessions?order_by=duration&order_qualify=desc", None)["sessions"][0]["duration"], 45);
    let day = v["sessions"][1]["connect_dt"].as_str().unwrap()[..10].to_string();
    let r = alice.ok("GET", &format!("/sessions?from_session_date={day}&to_session_date={day}"), None);
    assert_eq!(r["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(
        alice.ok("GET", &format!("/sessions?search_by=from_session_date&search_string={day}"), None)["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    alice.call("GET", "/sessions?from_session_date=yesterday", &[], None).assert_error(406, 1002);
    alice.call("GET", "/sessions?search_by=user_id&search_string=u-carol", &[], None).assert_error(403, 0);
    alice.call("GET", "/sessions?search_by=stage&search_string=x", &[], None).assert_error(406, 2605);
    let customer = S::new(&e, "customer@example.test");
    assert_eq!(customer.ok("GET", "/sessions", None)["search"]["total"], 3);
    let admin = S::new(&e, "admin@example.test");
    assert_eq!(admin.ok("GET", "/sessions", None)["search"]["total"], 4);
    // CDR.
    let v = alice.ok("GET", "/cdr?session_id=ses-alice-past-1", None);
    assert_eq!(v["cdr"].as_array().unwrap().len(), 3);
    assert_eq!(v["session"]["session_id"], "ses-alice-past-1");
    assert_eq!(v["search"]["filters"], json!({ "session_id": "ses-alice-past-1" }));
    let v = alice.ok("GET", "/cdr?room_id=perm-alice&meeting_id=mtg-alice-past&session_id=ses-alice-past-1", None);
    assert_eq!(v["search"]["filters"], json!({ "room_id": "perm-alice" }), "room_id wins");
    assert_eq!(v["cdr"].as_array().unwrap().len(), 2);
    let v = alice.ok("GET", "/cdr?meeting_id=mtg-alice-past&session_id=ses-alice-perm-2&page_length=2&page=2", None);
    assert_eq!(v["search"]["filters"], json!({ "meeting_id": "mtg-alice-past" }));
    assert_eq!(v["cdr"].as_array().unwrap().len(), 1);
    assert_eq!(alice.ok("GET", "/cdr?meeting_id=mtg-alice-upcoming", None)["cdr"], json!([]));
    alice.call("GET", "/cdr", &[], None).assert_error(406, 1002);
    alice.call("GET", "/cdr?room_id=perm-carol", &[], None).assert_error(403, 0);
    alice.call("GET", "/cdr?session_id=nope", &[], None).assert_error(404, 404);
    alice.call("GET", "/cdr?session_id=ses-alice-past-1&page=0", &[], None).assert_error(406, 2608);
}

#[test]
fn customers_scoping_add_edit_and_codes() {
    let e = Emu::start(&[]);
    let reseller = S::new(&e, "reseller@example.test");
    let v = reseller.ok("GET", "/customers", None);
    let ids: Vec<&str> =
        v["customers"].as_array().unwrap().iter().map(|c| c["customer_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["c-acme", "c-reseller"]);
    assert_eq!(v["customers"][0]["office_address"]["country_id"], "FR");
    reseller.call("GET", "/customers/c-other", &[], None).assert_error(403, 0);
    reseller.call("GET", "/customers/c-nope", &[], None).assert_error(404, 404);
    let customer = S::new(&e, "customer@example.test");
    assert_eq!(customer.ok("GET", "/customers/c-acme", None)["customer"]["status_ex"], "Active");
    customer.call("PATCH", "/customers/c-acme", &[], Some(json!({ "customer_name": "X" }))).assert_error(403, 0);
    customer.call("POST", "/customers", &[], Some(json!({}))).assert_error(403, 0);
    S::new(&e, "alice@example.test").call("GET", "/customers", &[], None).assert_error(403, 0);
    assert_eq!(
        reseller.ok("GET", "/customers?search_by=status&search_string=A&page_num=1", None)["customers"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let body = json!({
        "customer_name": "Newco", "customer_legal_name": "Newco SAS", "contact_name": "Nina New", "contact_email": "nina@newco.test",
        "office_address": { "address_1": "1 Rue", "city": "Lyon", "country_id": "FR" },
    });
    let v = reseller.ok("POST", "/customers", Some(body.clone()));
    assert_eq!(v["msg"], "Newco has been added.");
    let cid = v["customer"]["customer_id"].as_str().unwrap().to_string();
    let pw = v["portal_access"]["password"].as_str().unwrap().to_string();
    let login = e.api("POST", "/login", Some(json!({ "email": "nina@newco.test", "password": pw })));
    assert_eq!(login.json()["user"]["user_type"], "customer");
    let got = reseller.ok("GET", &format!("/customers/{cid}"), None);
    assert_eq!(got["customer"]["parent_id"], "c-reseller");
    assert_eq!(got["customer"]["billing_address"]["city"], "Lyon", "billing copies office");
    let mut body = body;
    body["contact_email"] = json!("zed@newco.test");
    let with = |k: &str, v: Value| {
        let mut b = body.clone();
        b[k] = v;
        b
    };
    let office = |k: &str, v: Value| {
        let mut b = body.clone();
        b["office_address"][k] = v;
        b
    };
    let mut no_office = body.clone();
    no_office.as_object_mut().unwrap().remove("office_address");
    for (b, code) in [
        (with("customer_name", Value::Null), 1301),
        (with("customer_name", json!(1)), 1302),
        (with("customer_legal_name", json!(1)), 1306),
        (with("customer_type", json!("R")), 1308),
        (with("individual", json!("no")), 1312),
        (with("contact_name", json!(1)), 1322),
        (with("contact_email", Value::Null), 1331),
        (with("contact_email", json!(format!("{}@x.test", "a".repeat(100)))), 1332),
        (with("contact_email", json!("customer@example.test")), 1333),
        (with("contact_email", json!(1)), 1334),
        (no_office, 1341),
        (office("address_1", Value::Null), 1342),
        (office("address_1", json!(1)), 1343),
        (office("address_2", json!(1)), 1344),
        (office("address_3", json!(1)), 1345),
        (office("city", Value::Null), 1353),
        (office("city", json!(1)), 1354),
        (office("country_id", json!("ZZ")), 1355),
        (office("state", json!(1)), 1356),
        (with("billing_address", json!({ "address_1": 1 })), 1371),
        (with("billing_address", json!({ "address_2": 1 })), 1372),
        (with("billing_address", json!({ "address_3": 1 })), 1373),
        (with("billing_address", json!({ "city": 1 })), 1380),
        (with("billing_address", json!({ "state": 1 })), 1381),
    ] {
        reseller.call("POST", "/customers", &[], Some(b)).assert_error(406, code);
    }
    let v = reseller.ok(
        "PATCH",
        &format!("/customers/{cid}"),
        Some(json!({ "customer_name": "Newco 2", "status": "S", "timezone_id": "Europe/Paris" })),
    );
    assert_eq!(v["msg"], "Newco 2 has been updated.");
    reseller.call("PATCH", &format!("/customers/{cid}"), &[], Some(json!({ "status": "Z" }))).assert_error(406, 1391);
    reseller.call("PATCH", "/customers/c-reseller", &[], Some(json!({ "customer_name": "Self" }))).assert_error(403, 0);
    reseller.call("PATCH", "/customers/c-other", &[], Some(json!({ "customer_name": "Other" }))).assert_error(403, 0);
    let admin = S::new(&e, "admin@example.test");
    assert_eq!(admin.ok("GET", "/customers", None)["search"]["total"], 4);
    let v = admin.ok("POST", "/customers", Some(json!({
        "customer_name": "Resell Two", "customer_legal_name": "R2", "customer_type": "R", "contact_email": "r2@example.test",
        "office_address": { "address_1": "x", "city": "y", "country_id": "US" },
    })));
    let r2 = v["customer"]["customer_id"].as_str().unwrap();
    assert_eq!(admin.ok("GET", &format!("/customers/{r2}"), None)["customer"]["customer_type_ex"], "Reseller");
}

#[test]
fn subscriptions_admin_only_writes_and_scoped_reads() {
    let e = Emu::start(&[]);
    let customer = S::new(&e, "customer@example.test");
    let v = customer.ok("GET", "/subscriptions", None);
    let ids: Vec<&str> =
        v["subscriptions"].as_array().unwrap().iter().map(|s| s["subscription_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["sub-acme-vc", "sub-acme-wb"]);
    assert_eq!(v["subscriptions"][0]["user_license"]["qty"], 10);
    customer.call("GET", "/subscriptions/sub-other-vc", &[], None).assert_error(403, 0);
    customer.call("GET", "/subscriptions/sub-nope", &[], None).assert_error(404, 1220);
    let reseller = S::new(&e, "reseller@example.test");
    assert_eq!(
        reseller.ok("GET", "/subscriptions?search_by=app&search_string=wb", None)["subscriptions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let body = json!({ "customer_id": "c-other", "plan_id": "plan-wb-basic", "subscription": { "no_of_license": 2, "unit_price": 40, "subsxn_date": "2099-01-01" } });
    reseller.call("POST", "/subscriptions", &[], Some(body.clone())).assert_error(403, 0);
    S::new(&e, "alice@example.test").call("GET", "/subscriptions", &[], None).assert_error(403, 0);
    // Carol cannot schedule a webinar until Other Corp subscribes.
    let mb = json!({ "room_name": "Webinar", "start_time": "2099-01-01 10:00:00", "duration": 30, "moderators": 1, "participants": 2 });
    let auth = format!("Token {}", e.login("carol@other.test"));
    let b = mb.to_string();
    e.req("POST", "/meetings", &[("Authorization", &auth), ("X-App-Type", "wb")], Some(&b)).assert_error(406, 1616);
    let admin = S::new(&e, "admin@example.test");
    let v = admin.ok("POST", "/subscriptions", Some(body.clone()));
    assert_eq!(v["msg"], "Other Corp has subscribed to plan: Webinar Basic (For Webinar). User license: 2.");
    let sid = v["subscription"]["subscription_id"].as_str().unwrap().to_string();
    let r = e.req("POST", "/meetings", &[("Authorization", &auth), ("X-App-Type", "wb")], Some(&b));
    assert_eq!(r.status, 200, "{}", r.body);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut b = body.clone();
        f(&mut b);
        b
    };
    for (b, code) in [
        (
            with(&|b| {
                b.as_object_mut().unwrap().remove("customer_id");
            }),
            1201,
        ),
        (with(&|b| b["customer_id"] = json!(1)), 1202),
        (with(&|b| b["customer_id"] = json!("c-nope")), 1234),
        (
            with(&|b| {
                b.as_object_mut().unwrap().remove("plan_id");
            }),
            1211,
        ),
        (with(&|b| b["plan_id"] = json!(1)), 1212),
        (with(&|b| b["plan_id"] = json!("plan-nope")), 1325),
        (with(&|b| b["room_type"] = json!(1)), 1326),
        (
            with(&|b| {
                b.as_object_mut().unwrap().remove("subscription");
            }),
            1221,
        ),
        (with(&|b| b["subscription"] = json!("x")), 1229),
        (with(&|b| b["subscription"]["allow_meeting_overlap"] = json!("x")), 1228),
        (with(&|b| b["subscription"]["prepaid"] = json!("x")), 1232),
        (with(&|b| b["subscription"]["no_of_license"] = json!(1.5)), 1254),
        (with(&|b| b["subscription"]["unit_price"] = json!(0)), 1256),
        (with(&|b| b["subscription"]["subsxn_date"] = json!("2001-01-01")), 1329),
        (with(&|b| b["subscription"]["subsxn_date"] = json!("soon")), 1002),
    ] {
        admin.call("POST", "/subscriptions", &[], Some(b)).assert_error(406, code);
    }
    let v = admin.ok("PATCH", &format!("/subscriptions/{sid}"), Some(json!({ "subscription": { "status": "S" } })));
    assert_eq!(v["msg"], "Subscription information for Other Corp is updated for plan: Webinar Basic (For Webinar).");
    assert_eq!(
        admin.ok("GET", &format!("/subscriptions/{sid}"), None)["subscription"]["subscription"]["status_ex"],
        "Suspended"
    );
    admin
        .call("PATCH", &format!("/subscriptions/{sid}"), &[], Some(json!({ "subscription": { "status": 1 } })))
        .assert_error(406, 1230);
    admin
        .call("PATCH", &format!("/subscriptions/{sid}"), &[], Some(json!({ "subscription": { "status": "Q" } })))
        .assert_error(406, 1231);
    admin.call("PATCH", "/subscriptions/sub-nope", &[], Some(json!({}))).assert_error(404, 1220);
    customer
        .call("PATCH", "/subscriptions/sub-acme-vc", &[], Some(json!({ "subscription": { "status": "X" } })))
        .assert_error(403, 0);
    let r = e.req("POST", "/meetings", &[("Authorization", &auth), ("X-App-Type", "wb")], Some(&b));
    r.assert_error(406, 1616);
}

#[test]
fn users_scoping_add_edit_licences_and_codes() {
    let e = Emu::start(&[]);
    let customer = S::new(&e, "customer@example.test");
    let v = customer.ok("GET", "/users", None);
    let ids: Vec<&str> = v["users"].as_array().unwrap().iter().map(|u| u["user_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["u-alice", "u-bob", "u-customer"]);
    assert_eq!(customer.ok("GET", "/users?search_by=wb&search_string=false", None)["users"][0]["user_id"], "u-bob");
    customer.call("GET", "/users/u-carol", &[], None).assert_error(403, 0);
    customer.call("GET", "/users/u-nope", &[], None).assert_error(404, 404);
    let alice = S::new(&e, "alice@example.test");
    assert_eq!(alice.ok("GET", "/users/u-alice", None)["user"]["designation"], "Product Manager");
    alice.call("GET", "/users/u-bob", &[], None).assert_error(403, 0);
    alice
        .call("POST", "/users", &[], Some(json!({ "user_type": "user", "first_name": "X", "email": "x@example.test" })))
        .assert_error(403, 0);
    alice.call("PATCH", "/users/u-alice", &[], Some(json!({ "first_name": "Al" }))).assert_error(403, 0);
    let body = json!({ "user_type": "user", "first_name": "Dana", "last_name": "Doe", "email": "dana@example.test", "password": "Passw0rd!", "send_welcome_mail": true });
    let v = customer.ok("POST", "/users", Some(body.clone()));
    assert_eq!(v["msg"], "User Dana Doe has been added");
    let uid = v["user"]["user_id"].as_str().unwrap().to_string();
    assert!(e.outbox().iter().any(|m| m["kind"] == "welcome" && m["to"] == "dana@example.test"));
    let dana = S::new(&e, "dana@example.test");
    assert!(dana.ok("GET", "/meetings/permanent", None)["permanent_room"]["mpin"].is_string());
    let with = |k: &str, v: Value| {
        let mut b = body.clone();
        b["email"] = json!("new@example.test");
        b[k] = v;
        b
    };
    for (b, code) in [
        (with("email", json!("alice@example.test")), 1103),
        (with("email", json!("bad")), 1105),
        (with("first_name", Value::Null), 1111),
        (with("first_name", json!(1)), 1112),
        (with("middle_name", json!(1)), 1115),
        (with("last_name", json!(1)), 1119),
        (with("password", json!(1)), 1121),
        (with("status", json!(1)), 1131),
        (with("department", json!(1)), 1141),
        (with("designation", json!(1)), 1145),
        (with("user_type", json!(1)), 1152),
        (with("user_type", json!("reseller")), 1153),
        (with("user_type", json!("boss")), 1153),
        (with("send_welcome_mail", json!("y")), 1161),
        (with("status", json!("Q")), 1191),
    ] {
        customer.call("POST", "/users", &[], Some(b)).assert_error(406, code);
    }
    let v =
        customer.ok("PATCH", &format!("/users/{uid}"), Some(json!({ "middle_name": "Q", "designation": "Analyst" })));
    assert_eq!(v["msg"], "User Dana Q Doe has been updated");
    customer.call("PATCH", "/users/u-carol", &[], Some(json!({ "first_name": "C" }))).assert_error(403, 0);
    // Licences.
    let assign = [("X-License", "assign")];
    let r = customer.call(
        "PATCH",
        &format!("/users/{uid}"),
        &assign,
        Some(json!({ "app": "vc", "subscription_id": "sub-acme-vc", "send_access_mail": true })),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["msg"], "The user Dana Q Doe has been provided access to the meeting application.");
    assert_eq!(v["user"]["access"]["app"], "vc");
    assert!(
        v["user"]["access"]["mpin"].is_string() && v["user"]["access"]["url"].as_str().unwrap().contains("/join/perm-")
    );
    assert_eq!(customer.ok("GET", &format!("/users/{uid}"), None)["user"]["vc"]["access"], true);
    let p = format!("/users/{uid}");
    customer
        .call("PATCH", &p, &assign, Some(json!({ "app": "vc", "subscription_id": "sub-acme-vc" })))
        .assert_error(406, 1261);
    customer.call("PATCH", &p, &assign, Some(json!({ "app": "wb" }))).assert_error(406, 1404);
    customer.call("PATCH", &p, &assign, Some(json!({ "app": "wb", "subscription_id": 1 }))).assert_error(406, 1405);
    customer
        .call("PATCH", &p, &assign, Some(json!({ "app": "wb", "subscription_id": "sub-other-vc" })))
        .assert_error(406, 1220);
    customer
        .call("PATCH", &p, &assign, Some(json!({ "app": "wb", "subscription_id": "sub-acme-vc" })))
        .assert_error(406, 1220);
    customer
        .call(
            "PATCH",
            &p,
            &assign,
            Some(json!({ "app": "wb", "subscription_id": "sub-acme-wb", "send_access_mail": "y" })),
        )
        .assert_error(406, 1408);
    customer.call("PATCH", &p, &assign, Some(json!({ "subscription_id": "sub-acme-wb" }))).assert_error(406, 1002);
    let revoke = [("X-License", "revoke")];
    let v = customer.call("PATCH", &p, &revoke, Some(json!({ "app": "vc" })));
    assert_eq!(v.json()["msg"], "The user Dana Q Doe has been revoked access to the meeting application.");
    customer.call("PATCH", &p, &revoke, Some(json!({ "app": "vc" }))).assert_error(406, 1260);
    customer.call("PATCH", &p, &[("X-License", "x")], Some(json!({}))).assert_error(406, 1002);
    // A reseller reaches its customers' users; an administrator everyone; Basic acts as the administrator.
    let reseller = S::new(&e, "reseller@example.test");
    assert_eq!(reseller.ok("GET", "/users/u-alice", None)["user"]["email"], "alice@example.test");
    reseller.call("GET", "/users/u-carol", &[], None).assert_error(403, 0);
    let r = e.req("GET", "/users/u-carol", &[("Authorization", BASIC)], None);
    assert_eq!(r.status, 200, "{}", r.body);
}
