//! Meeting lobbies (`/meetings/{id}/lobby`): get, add, update, delete. Token auth, `X-App-Type`.
//! Add and update send `multipart/form-data` (nested input written with brackets:
//! `options[message]`, `message[0][text]`, `image[0][img_file]`), with the caller's image and
//! audio files as file parts.

use super::list::Obj;
use super::{FilePart, Form, Input, Request};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::shape::Tree;
use crate::validate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::{code, Code};

loose_input!(
    /// Which kind of lobby: exactly one option true.
    LobbyOptionsInput {
        /// Text messages as a slideshow.
        message: "boolean" optional,
        /// Images as a slideshow.
        image: "boolean" optional,
        /// Background audio.
        audio: "boolean" optional,
        /// A video.
        video: "boolean" optional,
    }
);

loose_input!(
    /// A lobby text message.
    LobbyMessageInput {
        /// 5 to 100 characters.
        text: "string",
    }
);

loose_input!(
    /// A lobby image: an uploaded file or a URL.
    LobbyImageInput {
        /// The image file.
        img_file: "Blob" optional,
        /// Or its URL.
        url: "string" optional,
        /// Caption.
        caption: "string" optional,
    }
);

loose_input!(
    /// A lobby video, by URL.
    LobbyVideoInput {
        /// The video's URL.
        url: "string",
    }
);

loose_input!(
    /// Lobby audio: an uploaded file (.mp3) or a URL.
    LobbyAudioInput {
        /// The audio file.
        audio_file: "Blob" optional,
        /// Or its URL.
        url: "string" optional,
    }
);

/// Input of `addLobby` and `updateLobby`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct LobbyInput {
    /// The kind of lobby (required).
    #[tsify(type = "LobbyOptionsInput")]
    pub options: Option<LobbyOptionsInput>,
    /// Messages (with `options.message`).
    #[tsify(optional)]
    pub message: Option<Vec<LobbyMessageInput>>,
    /// Images (with `options.image`).
    #[tsify(optional)]
    pub image: Option<Vec<LobbyImageInput>>,
    /// Videos (with `options.video`; one is used).
    #[tsify(optional)]
    pub video: Option<Vec<LobbyVideoInput>>,
    /// Audio (with `options.audio`, or beside messages or images; one is used).
    #[tsify(optional)]
    pub audio: Option<Vec<LobbyAudioInput>>,
}

/// Reads an optional array of objects with `read`; anything else there is `code`.
fn items<T: Tree, I>(v: &T, key: &'static str, code: Code, read: fn(&T) -> I) -> Result<Option<Vec<I>>, Error> {
    match v.get(key) {
        None => Ok(None),
        Some(list) => match list.items() {
            Some(items) if items.iter().all(Tree::is_object) => Ok(Some(items.iter().map(read).collect())),
            _ => Err(Error::validation(code, key)),
        },
    }
}

impl Input for LobbyInput {
    /// Reads the input object the way its `Deserialize` does, checking the nesting: options an
    /// object (2423), message, image, video, audio arrays of objects (2402, 2412, 2421, 2404).
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        let options = match v.get("options") {
            None => None,
            Some(o) if o.is_object() => Some(LobbyOptionsInput::read(&o)),
            Some(_) => return Err(Error::validation(code!(2423), "options")),
        };
        Ok(Self {
            options,
            message: items(v, "message", code!(2402), LobbyMessageInput::read)?,
            image: items(v, "image", code!(2412), LobbyImageInput::read)?,
            video: items(v, "video", code!(2421), LobbyVideoInput::read)?,
            audio: items(v, "audio", code!(2404), LobbyAudioInput::read)?,
        })
    }
}

fn url(v: &Loose, field: &'static str, invalid: Code) -> Result<Option<String>, Error> {
    let u = validate::text(v, field, None, invalid, (0, Code::NONE), (0, Code::NONE))?;
    match u {
        Some(u) if !validate::url(&u, false) => Err(Error::validation(code!(2453), field)),
        other => Ok(other),
    }
}

/// Whether a file part was given (a `Blob`/`File` reads as an object).
fn is_file(v: &Loose) -> bool {
    matches!(v, Loose::Map)
}

/// Checks the lobby rules: options required with exactly one true (2423); the chosen kind's list
/// given and non-empty (2402–2405); message text 5–100 characters (2422, 2432, 2433); an image
/// or audio item a file or a URL; URLs valid (2453); captions text (2435); video URLs text (2438).
fn form(input: &LobbyInput) -> Result<Form, Error> {
    let o = input.options.as_ref().ok_or_else(|| Error::validation(code!(2423), "options"))?;
    let mut chosen = Vec::new();
    for (key, v) in [("message", &o.message), ("image", &o.image), ("audio", &o.audio), ("video", &o.video)] {
        match v {
            Loose::Null | Loose::Bool(false) => {}
            Loose::Bool(true) => chosen.push(key),
            _ => return Err(Error::validation(code!(2423), "options")),
        }
    }
    let [kind] = chosen[..] else { return Err(Error::validation(code!(2423), "options")) };
    let need = |given: bool, code, field| if given { Ok(()) } else { Err(Error::validation(code, field)) };
    let non_empty = |n: Option<usize>| n.is_some_and(|n| n > 0);
    match kind {
        "message" => need(non_empty(input.message.as_ref().map(Vec::len)), code!(2402), "message")?,
        "image" => need(non_empty(input.image.as_ref().map(Vec::len)), code!(2403), "image")?,
        "audio" => need(non_empty(input.audio.as_ref().map(Vec::len)), code!(2404), "audio")?,
        _ => need(non_empty(input.video.as_ref().map(Vec::len)), code!(2405), "video")?,
    }
    let mut files = Vec::new();
    let mut body = Obj::default();
    let options: Value = serde_json::json!({ kind: true });
    body.put("options", Some(options));
    if let Some(list) = &input.message {
        let mut out = Vec::new();
        for m in list {
            let text = validate::text(
                &m.text,
                "message",
                Some(code!(2422)),
                code!(2422),
                (5, code!(2432)),
                (100, code!(2433)),
            )?;
            out.push(serde_json::json!({ "text": text }));
        }
        body.put("message", Some(out));
    }
    if let Some(list) = &input.image {
        let mut out = Vec::new();
        for (i, m) in list.iter().enumerate() {
            let mut item = Obj::default();
            item.put("url", url(&m.url, "image", code!(2453))?).put(
                "caption",
                validate::text(&m.caption, "image", None, code!(2435), (0, Code::NONE), (0, Code::NONE))?,
            );
            if is_file(&m.img_file) {
                files.push(FilePart {
                    name: format!("image[{i}][img_file]"),
                    list: "image",
                    index: i,
                    key: "img_file",
                });
            } else if !m.img_file.is_null() || item.0.get("url").is_none() {
                return Err(Error::validation(code!(2403), "image"));
            }
            out.push(item.done());
        }
        body.put("image", Some(out));
    }
    if let Some(list) = &input.video {
        let mut out = Vec::new();
        for m in list {
            let u = url(&m.url, "video", code!(2438))?.ok_or_else(|| Error::validation(code!(2438), "video"))?;
            out.push(serde_json::json!({ "url": u }));
        }
        body.put("video", Some(out));
    }
    if let Some(list) = &input.audio {
        let mut out = Vec::new();
        for (i, m) in list.iter().enumerate() {
            let mut item = Obj::default();
            item.put("url", url(&m.url, "audio", code!(2453))?);
            if is_file(&m.audio_file) {
                files.push(FilePart {
                    name: format!("audio[{i}][audio_file]"),
                    list: "audio",
                    index: i,
                    key: "audio_file",
                });
            } else if !m.audio_file.is_null() || item.is_empty() {
                return Err(Error::validation(code!(2404), "audio"));
            }
            out.push(item.done());
        }
        body.put("audio", Some(out));
    }
    Ok(Form { files, ..Form::from_json(&body.done()) })
}

/// Adds a meeting's lobby (multipart; files as `Blob`/`File`).
#[endpoint(POST "/meetings/{meeting_id}/lobby", token, app_type, js = addLobby, answer = LobbyAnswer, files = input)]
pub fn add(meeting_id: &str, input: &LobbyInput) -> Result<Request, Error> {
    let req = ADD.request_with(&[meeting_id])?;
    Ok(req.with_form(form(input)?))
}

/// Replaces a meeting's lobby (multipart).
#[endpoint(PATCH "/meetings/{meeting_id}/lobby", token, app_type, js = updateLobby, answer = LobbyAnswer, files = input)]
pub fn update(meeting_id: &str, input: &LobbyInput) -> Result<Request, Error> {
    let req = UPDATE.request_with(&[meeting_id])?;
    Ok(req.with_form(form(input)?))
}

/// A meeting's lobby.
#[endpoint(GET "/meetings/{meeting_id}/lobby", token, app_type, js = getLobby, answer = LobbyAnswer)]
pub fn get(meeting_id: &str) -> Result<Request, Error> {
    GET.request_with(&[meeting_id])
}

/// Removes a meeting's lobby.
#[endpoint(DELETE "/meetings/{meeting_id}/lobby", token, app_type, js = deleteLobby, answer = LobbyAnswer)]
pub fn delete(meeting_id: &str) -> Result<Request, Error> {
    DELETE.request_with(&[meeting_id])
}

/// The options of a lobby. The answers write `messages` / `images`, the requests `message` /
/// `image`: both are read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct LobbyOptions {
    /// Text messages.
    #[serde(default, alias = "message", deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub messages: Option<bool>,
    /// Images.
    #[serde(default, alias = "image", deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub images: Option<bool>,
    /// Background audio.
    #[serde(default, deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub audio: Option<bool>,
    /// Video.
    #[serde(default, deserialize_with = "loose::opt_bool", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub video: Option<bool>,
}

loose_fields!(
    /// A lobby message.
    LobbyMessage {
        /// Text.
        text: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A lobby image, video or audio item.
    LobbyMedia {
        /// URL (uploaded files are served from the API's URL).
        url: String = "loose::opt_string",
        /// Caption (images).
        caption: String = "loose::opt_string",
        /// Embed code (video, audio): HTML from the server. Never insert it into a page unsandboxed.
        embed: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A meeting's lobby.
    Lobby {
        /// Which kind.
        options: LobbyOptions = "crate::api::branding::opt_object",
        /// Messages.
        message: Vec<LobbyMessage> = "crate::loose::opt_items",
        /// Images.
        image: Vec<LobbyMedia> = "crate::loose::opt_items",
        /// Videos.
        video: Vec<LobbyMedia> = "crate::loose::opt_items",
        /// Audio.
        audio: Vec<LobbyMedia> = "crate::loose::opt_items",
    }
);

loose_fields!(
    /// The meeting a lobby belongs to.
    LobbyMeeting {
        @required {
            /// Meeting id. Always sent: an answer without it fails to decode.
            meeting_id: String = "loose::string",
        }
        /// Room id.
        room_id: String = "loose::opt_string",
        /// Owner.
        user_id: String = "loose::opt_string",
        /// Title.
        room_name: String = "loose::opt_string",
        /// `vc` or `wb`.
        app_type: String = "loose::opt_string",
    }
);

/// The answer of the lobby routes: `{ meeting, lobby }` (delete: `{ desc, meeting }`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct LobbyAnswer {
    /// What the server did (delete).
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub desc: Option<String>,
    /// The meeting.
    #[serde(deserialize_with = "crate::loose::object")]
    pub meeting: LobbyMeeting,
    /// The lobby (absent after delete).
    #[serde(default, deserialize_with = "super::branding::opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub lobby: Option<Lobby>,
}

answers!(LobbyAnswer);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;
    use serde_json::json;

    fn form_of(v: Value) -> Result<Form, Option<u32>> {
        form(&LobbyInput::read(&v).map_err(|e| e.code)?).map_err(|e| e.code)
    }

    fn pairs(f: &Form) -> Vec<(&str, &str)> {
        f.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }

    #[test]
    fn message_lobby_form() {
        let f = form_of(json!({"options": {"message": true, "audio": false}, "message": [{"text": "Welcome!"}],
            "audio": [{"url": "https://cdn.test/a.mp3"}]}))
        .unwrap();
        assert_eq!(
            pairs(&f),
            vec![
                ("audio[0][url]", "https://cdn.test/a.mp3"),
                ("message[0][text]", "Welcome!"),
                ("options[message]", "true")
            ]
        );
        assert!(f.files.is_empty());
        let r = add(
            "m 1",
            &LobbyInput::read(&json!({"options": {"message": true}, "message": [{"text": "Hello"}]})).unwrap(),
        )
        .unwrap();
        assert_eq!(
            (r.method, r.path.as_str(), r.app_type, r.body.is_none()),
            (Method::Post, "/meetings/m%201/lobby", true, true)
        );
        assert_eq!(
            update(
                "m",
                &LobbyInput::read(&json!({"options": {"video": true}, "video": [{"url": "https://v.test/x.mov"}]}))
                    .unwrap()
            )
            .unwrap()
            .method,
            Method::Patch
        );
        assert_eq!(get("m").unwrap().path, "/meetings/m/lobby");
        assert_eq!(delete("m").unwrap().method, Method::Delete);
    }

    #[test]
    fn files_become_file_parts() {
        let f = form_of(json!({"options": {"image": true}, "image": [{"img_file": {}, "caption": "Hi"}, {"url": "https://i.test/b.png"}],
            "audio": [{"audio_file": {}}]}))
        .unwrap();
        assert_eq!(
            f.files[0],
            FilePart { name: "image[0][img_file]".into(), list: "image", index: 0, key: "img_file" }
        );
        assert_eq!(f.files[1].name, "audio[0][audio_file]");
        assert_eq!(
            pairs(&f),
            vec![("image[0][caption]", "Hi"), ("image[1][url]", "https://i.test/b.png"), ("options[image]", "true")]
        );
    }

    #[test]
    fn each_documented_code() {
        assert_eq!(form_of(json!({})).unwrap_err(), Some(2423));
        assert_eq!(form_of(json!({"options": true})).unwrap_err(), Some(2423));
        assert_eq!(form_of(json!({"options": {}})).unwrap_err(), Some(2423));
        assert_eq!(form_of(json!({"options": {"message": true, "video": true}})).unwrap_err(), Some(2423));
        assert_eq!(form_of(json!({"options": {"message": "true"}})).unwrap_err(), Some(2423));
        assert_eq!(form_of(json!({"options": {"message": true}})).unwrap_err(), Some(2402));
        assert_eq!(form_of(json!({"options": {"image": true}, "image": []})).unwrap_err(), Some(2403));
        assert_eq!(form_of(json!({"options": {"audio": true}})).unwrap_err(), Some(2404));
        assert_eq!(form_of(json!({"options": {"video": true}})).unwrap_err(), Some(2405));
        assert_eq!(form_of(json!({"options": {"message": true}, "message": [{}]})).unwrap_err(), Some(2422));
        assert_eq!(
            form_of(json!({"options": {"message": true}, "message": [{"text": "Hey"}]})).unwrap_err(),
            Some(2432)
        );
        assert_eq!(
            form_of(json!({"options": {"message": true}, "message": [{"text": "x".repeat(101)}]})).unwrap_err(),
            Some(2433)
        );
        assert_eq!(
            form_of(json!({"options": {"image": true}, "image": {"url": "https://i.test/a.png"}})).unwrap_err(),
            Some(2412)
        );
        assert_eq!(
            form_of(json!({"options": {"image": true}, "image": ["https://i.test/a.png"]})).unwrap_err(),
            Some(2412)
        );
        assert_eq!(form_of(json!({"options": {"video": true}, "video": "https://v.test"})).unwrap_err(), Some(2421));
        assert_eq!(
            form_of(json!({"options": {"image": true}, "image": [{"url": "not a url"}]})).unwrap_err(),
            Some(2453)
        );
        assert_eq!(
            form_of(json!({"options": {"image": true}, "image": [{"caption": "no picture"}]})).unwrap_err(),
            Some(2403)
        );
        assert_eq!(
            form_of(json!({"options": {"image": true}, "image": [{"img_file": {}, "caption": 5}]})).unwrap_err(),
            Some(2435)
        );
        assert_eq!(form_of(json!({"options": {"video": true}, "video": [{"url": 5}]})).unwrap_err(), Some(2438));
        assert_eq!(
            form_of(json!({"options": {"video": true}, "video": [{"url": "ftp://v.test/x"}]})).unwrap_err(),
            Some(2453)
        );
        assert_eq!(
            form_of(json!({"options": {"audio": true}, "audio": [{"audio_file": "x.mp3"}]})).unwrap_err(),
            Some(2404)
        );
        assert_eq!(form_of(json!({"options": {"message": true}, "message": "Hello there"})).unwrap_err(), Some(2402));
    }

    #[test]
    fn reader_agrees_with_deserialize() {
        let v = json!({"options": {"message": true}, "message": [{"text": "Hello"}], "image": [{"img_file": {}, "url": 1}]});
        assert_eq!(LobbyInput::read(&v).unwrap(), serde_json::from_value::<LobbyInput>(v).unwrap());
    }
}
