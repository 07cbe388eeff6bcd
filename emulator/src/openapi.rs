//! The OpenAPI 3.1 document of every API route: the emulator's own part (info, server, security
//! schemes, the error answer) merged with each area's fragment ([`crate::area::Area::openapi`]:
//! its paths from its route table, its `utoipa::ToSchema` component schemas).

use crate::routes::{self, BASE};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::server::Server;
use utoipa::openapi::{ComponentsBuilder, InfoBuilder, OpenApi, OpenApiBuilder, Paths};
use utoipa::ToSchema;

/// The error JSON every route may answer.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorAnswer {
    /// Documented result code.
    result: u32,
    /// Short text.
    msg: String,
    /// Explanation.
    desc: String,
    /// The field or header concerned.
    #[schema(value_type = Option<Object>)]
    data: Option<serde_json::Value>,
}

/// `GET /ucaas/v1/openapi.json` (built once).
pub async fn serve() -> Response {
    static DOC: OnceLock<String> = OnceLock::new();
    let json = DOC.get_or_init(|| document().to_pretty_json().unwrap_or_default());
    ([(header::CONTENT_TYPE, "application/json")], json.as_str()).into_response()
}

/// The whole document.
pub fn document() -> OpenApi {
    let mut doc = base();
    for area in routes::areas() {
        doc.merge(area.openapi());
    }
    doc
}

/// What is not any area's: info, server, security schemes and the error answer.
fn base() -> OpenApi {
    let components = ComponentsBuilder::new()
        .security_scheme("apiId", SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-Api-Id"))))
        .security_scheme(
            "token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "Token <token from /login>",
            ))),
        )
        .security_scheme("basic", SecurityScheme::Http(Http::new(HttpAuthScheme::Basic)))
        .schema_from::<ErrorAnswer>()
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("UCaaS API v1 (ucaas-emulator)")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "The routes the emulator serves, with the documented codes. Paths are below /ucaas/v1.",
                ))
                .build(),
        )
        .servers(Some(vec![Server::new(BASE)]))
        .paths(Paths::new())
        .components(Some(components))
        .build()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// `tests/fixtures/openapi-baseline.txt`: one line per operation (`GET /meetings/{id} <digest>`),
    /// per component schema (`schema MeetingOut <digest>`) and one for the rest of the document.
    const BASELINE: &str = include_str!("../tests/fixtures/openapi-baseline.txt");

    /// `v` as text with every object's keys sorted, so equal documents give equal text.
    fn canonical(v: &Value) -> String {
        match v {
            Value::Object(m) => {
                let sorted: BTreeMap<_, _> = m.iter().collect();
                let items: Vec<String> =
                    sorted.into_iter().map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), canonical(v))).collect();
                format!("{{{}}}", items.join(","))
            }
            Value::Array(a) => format!("[{}]", a.iter().map(canonical).collect::<Vec<_>>().join(",")),
            other => other.to_string(),
        }
    }

    /// FNV-1a, 64 bits, in hex.
    fn digest(text: &str) -> String {
        let h = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        format!("{h:016x}")
    }

    /// Every item of the document (operation, component schema, the rest) by its baseline key,
    /// with its canonical JSON.
    fn items(doc: &Value) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                out.insert(format!("{} {path}", method.to_uppercase()), canonical(op));
            }
        }
        for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
            out.insert(format!("schema {name}"), canonical(schema));
        }
        let mut rest = doc.clone();
        rest.as_object_mut().unwrap().remove("paths");
        rest["components"].as_object_mut().unwrap().remove("schemas");
        out.insert("document".into(), canonical(&rest));
        out
    }

    /// Every operation and schema of the baseline (the document before the areas registered
    /// themselves) is still there, unchanged; new ones may be added. After an intentional change
    /// of an existing one, rewrite the baseline: `UCAAS_OPENAPI_BASELINE=write cargo test -p
    /// ucaas-emulator baseline`.
    #[test]
    fn document_keeps_the_baseline() {
        let current = items(&serde_json::to_value(super::document()).unwrap());
        if std::env::var("UCAAS_OPENAPI_BASELINE").as_deref() == Ok("write") {
            let text: String = current.iter().map(|(k, v)| format!("{k} {}\n", digest(v))).collect();
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/openapi-baseline.txt");
            std::fs::write(path, text).unwrap();
            return;
        }
        let mut problems = Vec::new();
        for line in BASELINE.lines().filter(|l| !l.is_empty()) {
            let (key, want) = line.rsplit_once(' ').unwrap();
            match current.get(key) {
                None => problems.push(format!("{key}: gone")),
                Some(json) if digest(json) != want => problems.push(format!("{key}: changed, now {json}")),
                Some(_) => {}
            }
        }
        assert!(problems.is_empty(), "the OpenAPI document differs from the baseline:\n{}", problems.join("\n"));
        assert!(BASELINE.lines().count() > 100, "baseline too short");
    }

    /// Two areas may register the same schema (a record both answer with) only with the same
    /// definition: merging keeps the first one silently.
    #[test]
    fn areas_agree_on_shared_schemas() {
        let mut seen: BTreeMap<String, Value> = BTreeMap::new();
        let mut shared = 0;
        for area in crate::routes::areas() {
            let doc = serde_json::to_value(area.openapi()).unwrap();
            for (name, schema) in doc["components"]["schemas"].as_object().into_iter().flatten() {
                if let Some(first) = seen.insert(name.clone(), schema.clone()) {
                    assert_eq!(&first, schema, "two definitions of schema {name}");
                    shared += 1;
                }
            }
        }
        // Not vacuous: there are schemas, and some are defined by more than one area.
        assert!(seen.len() > 10 && shared > 0, "{} schemas, {shared} defined twice", seen.len());
    }

    /// The operations of a document (a path item's other keys, such as the CPaaS area's
    /// `servers`, are not operations).
    fn operations(doc: &Value) -> usize {
        let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
        let items = doc["paths"].as_object().unwrap().values();
        items.map(|i| i.as_object().unwrap().keys().filter(|k| methods.contains(&k.as_str())).count()).sum()
    }

    /// Each area's fragment holds exactly its routes' operations, and the merged document all of
    /// them (a path+method claimed twice would be lost in the merge).
    #[test]
    fn every_route_is_one_operation() {
        let mut total = 0;
        for area in crate::routes::areas() {
            let own: usize = area.routes.iter().map(|r| r.paths.len()).sum();
            assert_eq!(own, operations(&serde_json::to_value(area.openapi()).unwrap()));
            total += own;
        }
        assert!(total > 50, "only {total} operations");
        assert_eq!(total, operations(&serde_json::to_value(super::document()).unwrap()));
    }

    #[test]
    fn documents_every_route_and_alias() {
        let doc = super::document();
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(json["openapi"], "3.1.0");
        for path in [
            "/login",
            "/password/{key}",
            "/sessions/join",
            "/session/join",
            "/branding",
            "/meetings/{id}",
            "/meeting/{id}",
        ] {
            assert!(json["paths"].get(path).is_some(), "{path} missing");
        }
        assert!(json["paths"]["/meetings"]["post"]["requestBody"].is_object());
        assert!(
            json["paths"]["/meetings/{id}/lobby"]["post"]["requestBody"]["content"]["multipart/form-data"].is_object()
        );
    }

    #[test]
    fn every_reference_resolves() {
        fn walk(v: &serde_json::Value, refs: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(r)) = m.get("$ref") {
                        refs.push(r.clone());
                    }
                    m.values().for_each(|x| walk(x, refs));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, refs)),
                _ => {}
            }
        }
        let json = serde_json::to_value(super::document()).unwrap();
        let mut refs = Vec::new();
        walk(&json, &mut refs);
        assert!(refs.len() > 10, "the walk found only {} references", refs.len());
        for r in refs {
            let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{r}: not a schema reference"));
            assert!(json["components"]["schemas"][name].is_object(), "{r} is not defined");
        }
    }
}
