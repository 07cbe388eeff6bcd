//! The client's rules on a test double transport (the emulator suite: tests/rust_client.rs).

use super::*;
use crate::api::meetings::MeetingInput;
use crate::api::sessions::JoinInput;
use futures_util::StreamExt;
use serde_json::json;
use std::collections::VecDeque;
use std::sync::Mutex;

/// Answers from a script, in order, and records what was sent and waited.
#[derive(Default)]
struct Double {
    answers: Mutex<VecDeque<Result<HttpResponse, TransportError>>>,
    sent: Mutex<Vec<HttpRequest>>,
    waits: Mutex<Vec<Duration>>,
}

impl Transport for Double {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.sent.lock().unwrap().push(request);
        self.answers.lock().unwrap().pop_front().expect("the script has no answer left")
    }

    async fn wait(&self, pause: Duration) {
        self.waits.lock().unwrap().push(pause);
    }
}

fn ok(status: u16, body: serde_json::Value) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse { status, body: body.to_string() })
}

fn text(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse { status, body: body.to_owned() })
}

fn client(script: Vec<Result<HttpResponse, TransportError>>) -> Client<Double> {
    let double = Double { answers: Mutex::new(script.into()), ..Double::default() };
    Client::new(double, "http://127.0.0.1:9/ucaas/v1/", Auth::basic("demo-app", "demo-key")).unwrap()
}

fn sent(c: &Client<Double>) -> Vec<HttpRequest> {
    c.transport().sent.lock().unwrap().clone()
}

fn meeting_answer() -> Result<HttpResponse, TransportError> {
    ok(200, json!({"result": 1, "meeting": {"meeting_id": "m1", "room_name": "Standup"}}))
}

#[tokio::test]
async fn a_call_that_fails_validation_sends_nothing() {
    let c = client(vec![]);
    let e = c.schedule_meeting(MeetingInput::default()).await.unwrap_err();
    assert_eq!((e.kind, e.code), (ErrorKind::Validation, Some(1611)), "{e:?}");
    let e = c.get_meeting("..").await.unwrap_err();
    assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some("meeting_id")));
    let e = c.join_session(JoinInput { pin: "1".into(), ..Default::default() }).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    let e = c.list_meetings(Some(&json!({"page": 0}))).await.unwrap_err();
    assert_eq!(e.code, Some(2608));
    let items: Vec<_> = c.meetings(Some(&json!({"order_qualify": "up"}))).collect().await;
    assert_eq!(items.len(), 1, "the query's error, then the end");
    assert_eq!(items[0].as_ref().unwrap_err().code, Some(2604));
    let e = c.with_timeout(Duration::ZERO).unwrap_err();
    assert_eq!(e.field, Some("timeoutMs"));
    let c = client(vec![]);
    assert!(sent(&c).is_empty());
    assert_eq!(client(vec![]).with_app_type("xx").unwrap_err().code, Some(1403));
    for (id, key) in [("", "k"), ("a:b", "k"), ("app", ""), ("app", "k\n")] {
        let e = Client::new(Double::default(), "https://h", Auth::basic(id, key)).unwrap_err();
        assert!(matches!(e.field, Some("apiId" | "apiKey")), "{id:?} {key:?}");
        assert!(key.is_empty() || !e.message.contains(key));
    }
}

#[tokio::test]
async fn requests_carry_the_server_builds_headers_and_no_secret_in_debug() {
    let c = client(vec![meeting_answer(), meeting_answer()]).with_app_type("wb").unwrap();
    let answer = c.get_meeting(" m 1 ").await.unwrap();
    assert_eq!(answer.meeting.meeting_id, "m1");
    let input = MeetingInput {
        room_name: "Standup".into(),
        start_time: "2099-01-01 10:00:00".into(),
        duration: 30.into(),
        moderators: 1.into(),
        participants: 2.into(),
        ..Default::default()
    };
    c.schedule_meeting(input).await.unwrap();
    let [get, post] = &sent(&c)[..] else { panic!("two requests") };
    assert_eq!((get.method, get.url.as_str()), (Method::Get, "http://127.0.0.1:9/ucaas/v1/meetings/m%201"));
    let basic =
        format!("Basic {}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, "demo-app:demo-key"));
    assert_eq!(
        get.headers,
        vec![("X-Api-Id", "demo-app".to_owned()), ("Authorization", basic.clone()), ("X-App-Type", "wb".to_owned())]
    );
    assert_eq!(get.body, HttpBody::Empty);
    assert_eq!(get.timeout, DEFAULT_TIMEOUT);
    assert_eq!((post.method, post.url.as_str()), (Method::Post, "http://127.0.0.1:9/ucaas/v1/meetings"));
    assert!(post.headers.contains(&("Content-Type", "application/json".to_owned())));
    let HttpBody::Json(body) = &post.body else { panic!("a JSON body") };
    assert_eq!(serde_json::from_str::<serde_json::Value>(body).unwrap()["room_name"], "Standup");
    for shown in [format!("{get:?}"), format!("{c:?}"), format!("{:?}", Auth::basic("demo-app", "demo-key"))] {
        assert!(!shown.contains("demo-key") && !shown.contains(&basic[6..]), "{shown}");
    }
}

#[tokio::test]
async fn reads_are_tried_three_times_with_backoff_and_writes_once() {
    let c = client(vec![text(503, "busy"), Err(TransportError::Network("reset".into())), meeting_answer()]);
    assert_eq!(c.get_meeting("m1").await.unwrap().meeting.meeting_id, "m1");
    assert_eq!(sent(&c).len(), 3);
    let waits = c.transport().waits.lock().unwrap().clone();
    let ms: Vec<u128> = waits.iter().map(Duration::as_millis).collect();
    assert!((100..=300).contains(&ms[0]) && (200..=600).contains(&ms[1]), "{ms:?}");

    let c = client(vec![ok(502, json!({"result": 502})), text(504, "<html>"), text(503, "")]);
    let e = c.get_meeting("m1").await.unwrap_err();
    assert_eq!((e.status, sent(&c).len()), (Some(503), 3), "{e:?}");

    let c = client(vec![text(503, "busy")]);
    let e = c.cancel_meeting("m1").await.unwrap_err();
    assert_eq!((e.kind, e.status, sent(&c).len()), (ErrorKind::Decode, Some(503), 1), "a DELETE is sent once");

    let c = client(vec![Err(TransportError::Timeout)]);
    let e = c.get_meeting("m1").await.unwrap_err();
    assert_eq!((e.kind, sent(&c).len()), (ErrorKind::Timeout, 1), "a timeout is not tried again");
    assert_eq!(e.message, "No answer within 15000 ms");

    let c = client(vec![Err(TransportError::Network("error sending to http://u:secret@h/x".into()))]);
    let e = c.cancel_meeting("m1").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert!(!e.message.contains("secret"), "{}", e.message);
}

#[tokio::test]
async fn answers_follow_the_answer_rules() {
    let c = client(vec![
        text(401, "<html>gateway</html>"),
        text(200, "not json"),
        ok(403, json!({"result": 0, "msg": "Token has expired."})),
        ok(404, json!({"result": 404, "msg": "Not Found"})),
        ok(200, json!({"msg": "no result"})),
        ok(200, json!([1])),
    ]);
    let kinds = [
        (ErrorKind::Unauthenticated, Some(401)),
        (ErrorKind::Decode, Some(200)),
        (ErrorKind::Expired, Some(403)),
        (ErrorKind::NotFound, Some(404)),
        (ErrorKind::Decode, Some(200)),
        (ErrorKind::Decode, Some(200)),
    ];
    for (kind, status) in kinds {
        let e = c.cancel_meeting("m1").await.unwrap_err();
        assert_eq!((e.kind, e.status), (kind, status), "{e:?}");
    }
    let c = client(vec![ok(200, json!({"result": 1, "meeting": {"room_name": "no id"}}))]);
    let e = c.get_meeting("m1").await.unwrap_err();
    assert_eq!(e.message, "The answer is not the documented shape: meeting: meeting_id: missing");
}

fn page(ids: &[&str], page_length: Option<u32>) -> Result<HttpResponse, TransportError> {
    let meetings: Vec<_> = ids.iter().map(|id| json!({"meeting_id": id})).collect();
    let search = page_length.map_or(json!({}), |n| json!({"page_length": n}));
    ok(200, json!({"result": 1, "search": search, "meetings": meetings}))
}

#[tokio::test]
async fn the_item_stream_fetches_pages_as_it_is_polled() {
    let c = client(vec![page(&["a", "b"], None), page(&["c", "d"], None), page(&["e"], None)]);
    let mut stream = Box::pin(c.meetings(Some(&json!({"page_length": 2, "search_by": "mpin", "search_string": "x"}))));
    assert_eq!(stream.next().await.unwrap().unwrap().meeting_id, "a");
    assert_eq!(sent(&c).len(), 1, "one page fetched for the first item");
    let rest: Vec<_> = stream.map(|m| m.unwrap().meeting_id).collect().await;
    assert_eq!(rest, ["b", "c", "d", "e"]);
    let urls: Vec<_> = sent(&c).into_iter().map(|r| r.url).collect();
    assert_eq!(urls[1], "http://127.0.0.1:9/ucaas/v1/meetings?page=2&page_length=2&search_by=mpin&search_string=x");
    assert_eq!(urls.len(), 3, "a short page is the last");

    // The server's applied page length wins; an empty page ends the stream.
    let c = client(vec![page(&["a"], Some(1)), page(&[], Some(1))]);
    assert_eq!(c.meetings(None).count().await, 1);
    assert_eq!(sent(&c).len(), 2);

    // A server that ignores `page` is an error, not a loop.
    let c = client(vec![page(&["a", "b"], Some(2)), page(&["a", "b"], Some(2))]);
    let items: Vec<_> = c.meetings(None).collect().await;
    assert_eq!(items.len(), 3);
    assert_eq!(items[2].as_ref().unwrap_err().message, "Page 2 repeats page 1: the server ignores the page parameter");

    // A failed page is the last item.
    let c = client(vec![page(&["a", "b"], Some(2)), ok(403, json!({"result": 0, "msg": "Forbidden"}))]);
    let items: Vec<_> = c.meetings(None).collect().await;
    assert_eq!(items.len(), 3);
    assert_eq!(items[2].as_ref().unwrap_err().kind, ErrorKind::Forbidden);
}

#[test]
fn the_futures_are_send_natively() {
    fn send<F: std::future::Future + Send>(_: F) {}
    let c = client(vec![]);
    send(c.get_meeting("m1"));
    send(c.list_meetings(None));
    send(c.get_cdr(&json!({})));
    fn stream<S: futures_util::Stream + Send>(_: S) {}
    stream(c.meetings(None));
}

#[tokio::test]
async fn a_field_sent_under_both_its_keys_is_read_as_the_table_reads_it() {
    let group = |id: &str| json!({"group_id": id, "group_name": "G"});
    let c = client(vec![
        ok(200, json!({"result": 1, "group": group("g1"), "contact": group("g2")})),
        ok(200, json!({"result": 1, "group": null, "contact": group("g2")})),
    ]);
    assert_eq!(c.get_contact_group("g1").await.unwrap().group.group_id, "g1");
    assert_eq!(c.get_contact_group("g1").await.unwrap().group.group_id, "g2");
}

#[tokio::test]
async fn a_cpaas_client_sends_basic_of_the_app_id_and_key_and_no_api_id() {
    let project = ok(200, json!({"result": 1, "project": {"app_id": "app-1", "app_name": "Clinic"}}));
    let double = Double { answers: Mutex::new(vec![text(503, "busy"), project].into()), ..Double::default() };
    let c = CpaasClient::new(double, "http://127.0.0.1:9/cpaas/", "acme-app", "acme-key").unwrap();
    assert_eq!(c.get_project("app-1").await.unwrap().project.app_id, "app-1");
    let sent = c.transport().sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 2, "a GET is tried again after a 503, as a UCaaS one");
    let basic =
        format!("Basic {}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, "acme-app:acme-key"));
    assert_eq!(sent[0].url, "http://127.0.0.1:9/cpaas/projects/app-1");
    assert_eq!(sent[0].headers, vec![("Authorization", basic.clone())]);
    for shown in [format!("{c:?}"), format!("{:?}", sent[0])] {
        assert!(!shown.contains("acme-key") && !shown.contains(&basic[6..]), "{shown}");
    }
}

fn lobby_answer() -> Result<HttpResponse, TransportError> {
    ok(200, json!({"result": 1, "meeting": {"meeting_id": "m1"}, "lobby": {}}))
}

fn image_lobby() -> crate::api::lobby::LobbyInput {
    let v = json!({"options": {"image": true}, "image": [{"img_file": {}, "caption": "Hi"}, {"url": "https://cdn.example.test/a.png"}]});
    crate::api::Input::read(&v).unwrap()
}

#[tokio::test]
async fn file_parts_take_the_bytes_given_under_their_part_names() {
    let c = client(vec![lobby_answer()]);
    let logo = FileBody::new("logo.png", "image/png", vec![1, 2, 3]);
    let files = Files::new().with("image[0][img_file]", logo.clone());
    c.add_lobby_with_files("m1", &image_lobby(), &files).await.unwrap();
    let sent = sent(&c);
    let HttpBody::Form(form) = &sent[0].body else { panic!("a form: {:?}", sent[0].body) };
    assert_eq!(form.files, vec![("image[0][img_file]".to_owned(), logo)]);
    assert!(form.fields.contains(&("image[0][caption]".to_owned(), "Hi".to_owned())), "{form:?}");
    assert!(form.fields.contains(&("image[1][url]".to_owned(), "https://cdn.example.test/a.png".to_owned())));
    assert!(!sent[0].headers.iter().any(|(k, _)| *k == "Content-Type"), "the transport writes the boundary");
    assert!(!format!("{:?}", sent[0]).contains("[1, 2, 3]"), "bytes are not in a log line");
}

#[tokio::test]
async fn a_file_without_bytes_or_bytes_without_a_file_is_refused_before_sending() {
    let c = client(vec![]);
    let e = c.add_lobby("m1", &image_lobby()).await.unwrap_err();
    assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some("image")), "{e:?}");
    assert!(e.message.contains("image[0][img_file]") && e.message.contains("add_lobby_with_files"), "{e:?}");
    let png = |ct: &str| FileBody::new("a.png", ct, vec![0]);
    let cases = [
        (Files::new(), "image"),
        (Files::new().with("image[1][img_file]", png("image/png")), "files"),
        (
            Files::new().with("image[0][img_file]", png("image/png")).with("audio[0][audio_file]", png("audio/mpeg")),
            "files",
        ),
        (Files::new().with("image[0][img_file]", png("image png")), "files"),
        (Files::new().with("image[0][img_file]", png("image/png\r\nX-Evil: 1")), "files"),
    ];
    for (files, field) in cases {
        let e = c.update_lobby_with_files("m1", &image_lobby(), &files).await.unwrap_err();
        assert_eq!((e.kind, e.field), (ErrorKind::Validation, Some(field)), "{files:?}: {e:?}");
    }
    assert!(sent(&c).is_empty());
}

#[tokio::test]
async fn a_file_without_a_content_type_goes_as_octet_stream() {
    let c = client(vec![lobby_answer()]);
    let files = Files::new().with("image[0][img_file]", FileBody::new("a.bin", "", vec![0]));
    c.add_lobby_with_files("m1", &image_lobby(), &files).await.unwrap();
    let HttpBody::Form(form) = &sent(&c)[0].body else { panic!("a form") };
    assert_eq!(form.files[0].1.content_type, "application/octet-stream");
}
