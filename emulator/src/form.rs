//! Request bodies of the multipart routes (lobby, meeting branding): `multipart/form-data` or
//! JSON, read into one JSON object. In a form, nested fields come either as a `data` part holding
//! the JSON of the whole payload, or as bracketed names (`options[message]=true`,
//! `image[0][caption]=…`), or both (bracketed parts override `data`). File parts are held aside
//! and marked in the object as `{"$upload": n}`; the route stores them once the payload is valid.

use crate::auth::json_object;
use crate::files::{StoredFile, MAX_FILE};
use crate::reply::ApiError;
use crate::state::App;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use serde_json::{json, Map, Value};

/// A parsed body: the payload and the files it refers to.
pub struct Form {
    /// The payload.
    pub body: Map<String, Value>,
    /// Files, indexed by the `$upload` markers.
    pub uploads: Vec<StoredFile>,
    /// Top-level file parts by their name, in order (`img_file`, `audio_file`, `banner`, …).
    pub loose: Vec<(String, usize)>,
}

fn bad(field: &str, why: &str) -> ApiError {
    let mut e = ApiError::invalid(ucaas_codes::REQUEST_INVALID, field);
    e.desc = why.to_string().into();
    e
}

/// Reads the request body, as JSON or as a form.
pub async fn read(req: Request, app: &App) -> Result<Form, ApiError> {
    let ctype =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    if !ctype.starts_with("multipart/form-data") {
        let bytes = Bytes::from_request(req, app).await.map_err(|_| bad("body", "The body could not be read."))?;
        return Ok(Form { body: json_object(&bytes)?, uploads: Vec::new(), loose: Vec::new() });
    }
    let mut mp =
        Multipart::from_request(req, app).await.map_err(|_| bad("body", "The multipart body is malformed."))?;
    let mut root = Value::Object(Map::new());
    let mut fields: Vec<(Vec<String>, Value)> = Vec::new();
    let mut uploads = Vec::new();
    let mut loose = Vec::new();
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                let why = if e.status().as_u16() == 413 {
                    "The body is too large."
                } else {
                    "The multipart body is malformed."
                };
                return Err(bad("body", why));
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let path = split_name(&name).ok_or_else(|| bad(&name, "The form field name is malformed."))?;
        if let Some(file_name) = field.file_name().map(str::to_string) {
            let content_type = field.content_type().unwrap_or("application/octet-stream").to_string();
            let mut buf = Vec::new();
            loop {
                match field.chunk().await {
                    Ok(Some(c)) => {
                        if buf.len() + c.len() > MAX_FILE {
                            return Err(bad(&name, "The file is larger than 5 MB."));
                        }
                        buf.extend_from_slice(&c);
                    }
                    Ok(None) => break,
                    Err(_) => {
                        return Err(bad(&name, "The file could not be read (the body is too large or malformed)."))
                    }
                }
            }
            let n = uploads.len();
            uploads.push(StoredFile { content_type, name: file_name, bytes: Bytes::from(buf) });
            if path.len() == 1 {
                loose.push((path[0].clone(), n));
            } else {
                fields.push((path, json!({ "$upload": n })));
            }
            continue;
        }
        let text = field.text().await.map_err(|_| bad(&name, "The form field is not text."))?;
        if path.len() == 1 && path[0] == "data" {
            match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(map)) => {
                    let Value::Object(r) = &mut root else { unreachable!() };
                    r.extend(map);
                }
                _ => return Err(bad("data", "The data part must hold a JSON object.")),
            }
        } else {
            fields.push((path, Value::String(text)));
        }
    }
    let Value::Object(mut body) = root else { unreachable!() };
    for (path, v) in fields {
        set_field(&mut body, &path, v);
    }
    Ok(Form { body, uploads, loose })
}

/// Sets a form field in the body. The first segment is always a key of the body, even when it is
/// a number (`name="0"`): the body stays an object, whatever names a client sends.
fn set_field(body: &mut Map<String, Value>, path: &[String], v: Value) {
    if let Some((first, rest)) = path.split_first() {
        set_path(body.entry(first.clone()).or_insert(Value::Null), rest, v);
    }
}

/// `a[b][0]` → `["a", "b", "0"]`; `a[]` appends (`""`). `None` when malformed.
fn split_name(name: &str) -> Option<Vec<String>> {
    let (head, mut rest) = match name.find('[') {
        Some(i) => (&name[..i], &name[i..]),
        None => (name, ""),
    };
    if head.is_empty() {
        return None;
    }
    let mut out = vec![head.to_string()];
    while !rest.is_empty() {
        let close = rest.find(']')?;
        if !rest.starts_with('[') {
            return None;
        }
        out.push(rest[1..close].to_string());
        rest = &rest[close + 1..];
    }
    (out.len() <= 6).then_some(out)
}

/// Sets `v` at `path` inside `root`, creating objects and arrays (numeric segments) on the way.
fn set_path(root: &mut Value, path: &[String], v: Value) {
    let Some((first, rest)) = path.split_first() else {
        *root = v;
        return;
    };
    let index = if first.is_empty() { Some(usize::MAX) } else { first.parse::<usize>().ok().filter(|i| *i < 100) };
    match index {
        Some(i) => {
            if !root.is_array() {
                *root = Value::Array(Vec::new());
            }
            let Value::Array(list) = root else { unreachable!() };
            let i = if i == usize::MAX { list.len() } else { i };
            while list.len() <= i {
                list.push(Value::Null);
            }
            set_path(&mut list[i], rest, v);
        }
        None => {
            if !root.is_object() {
                *root = Value::Object(Map::new());
            }
            let Value::Object(map) = root else { unreachable!() };
            set_path(map.entry(first.clone()).or_insert(Value::Null), rest, v);
        }
    }
}

/// The upload a `{"$upload": n}` marker refers to.
pub fn upload_index(v: &Value) -> Option<usize> {
    v.as_object().filter(|o| o.len() == 1).and_then(|o| o.get("$upload")).and_then(Value::as_u64).map(|n| n as usize)
}

/// A form boolean: JSON `true`/`false`, or the text `true`/`false`/`1`/`0`.
pub fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" | "" => Some(false),
            _ => None,
        },
        Value::Number(n) => match n.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `s` is an absolute http(s) URL with a host (`https_only`: https).
pub fn is_url(s: &str, https_only: bool) -> bool {
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://").filter(|_| !https_only) {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_names_build_nested_values() {
        assert_eq!(split_name("image[0][caption]").unwrap(), vec!["image", "0", "caption"]);
        assert!(split_name("[x]").is_none() && split_name("a[b").is_none());
        let mut root = json!({ "options": { "audio": true } });
        set_path(&mut root, &split_name("options[message]").unwrap(), json!("true"));
        set_path(&mut root, &split_name("message[1][text]").unwrap(), json!("hello"));
        set_path(&mut root, &split_name("message[0][text]").unwrap(), json!("first"));
        assert_eq!(
            root,
            json!({ "options": { "audio": true, "message": "true" }, "message": [{ "text": "first" }, { "text": "hello" }] })
        );
    }

    #[test]
    fn numeric_top_level_names_are_keys_of_the_body() {
        // A form part named "0" once turned the whole body into an array (schemathesis found it).
        let mut body = Map::new();
        set_field(&mut body, &split_name("0").unwrap(), json!("null"));
        set_field(&mut body, &split_name("1[0]").unwrap(), json!("x"));
        assert_eq!(Value::Object(body), json!({ "0": "null", "1": ["x"] }));
    }

    #[test]
    fn urls() {
        assert!(is_url("https://a.test/x.png", true) && is_url("http://a.test", false));
        assert!(
            !is_url("http://a.test", true)
                && !is_url("https://", false)
                && !is_url("ftp://a", false)
                && !is_url("https://a b", false)
        );
    }
}
