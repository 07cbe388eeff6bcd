//! The OpenAPI 3.1 document of every API route, generated from the route table
//! ([`crate::routes::all`]) and the `utoipa::ToSchema` types the handlers answer with.

use crate::routes::{self, Access, Doc, In, Param, BASE};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;
use utoipa::openapi::path::{HttpMethod, Operation, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::server::Server;
use utoipa::openapi::{
    ComponentsBuilder, Content, InfoBuilder, OpenApi, OpenApiBuilder, Paths, Required, ResponseBuilder,
    ResponsesBuilder,
};
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
    let mut paths = Paths::new();
    for route in routes::all() {
        let method = http_method(&route.method);
        for (i, path) in route.paths.iter().enumerate() {
            paths.add_path_operation(*path, vec![method.clone()], operation(&route.doc, i));
        }
    }
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
        .paths(paths)
        .components(Some(components()))
        .build()
}

fn http_method(m: &axum::http::Method) -> HttpMethod {
    match *m {
        axum::http::Method::POST => HttpMethod::Post,
        axum::http::Method::PATCH => HttpMethod::Patch,
        axum::http::Method::DELETE => HttpMethod::Delete,
        _ => HttpMethod::Get,
    }
}

/// One operation; `alias` > 0 for the docs' other spellings of the same route.
fn operation(doc: &Doc, alias: usize) -> Operation {
    let id = if alias == 0 { doc.id.to_string() } else { format!("{}Alias{alias}", doc.id) };
    let mut params: Vec<_> = doc.params.iter().map(parameter).collect();
    if doc.app_type {
        params.push(
            ParameterBuilder::new()
                .name("X-App-Type")
                .parameter_in(ParameterIn::Header)
                .required(Required::True)
                .description(Some("vc (video meeting) or wb (webinar)"))
                .schema(Some(routes::schema::one_of(&["vc", "wb"])))
                .build(),
        );
    }
    let security = match doc.access {
        Access::ApiId => vec![SecurityRequirement::new("apiId", Vec::<String>::new())],
        Access::Token => vec![
            SecurityRequirement::new("token", Vec::<String>::new()),
            SecurityRequirement::new("basic", Vec::<String>::new()),
        ],
        Access::Public => vec![],
    };
    let mut responses = ResponsesBuilder::new().response(
        "200",
        ResponseBuilder::new()
            .description("Success")
            .content(doc.ok_media.unwrap_or("application/json"), Content::new(Some(doc.ok.clone()))),
    );
    for status in doc.errors.iter().chain([&405, &500]) {
        let error = routes::schema::of::<ErrorAnswer>();
        let text = axum::http::StatusCode::from_u16(*status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
        responses = responses.response(
            status.to_string(),
            ResponseBuilder::new().description(text).content("application/json", Content::new(Some(error))),
        );
    }
    let mut op = OperationBuilder::new()
        .operation_id(Some(id))
        .summary(Some(doc.summary))
        .tag(doc.tag)
        .parameters(Some(params))
        .responses(responses.build());
    if let Some(first) = security.into_iter().next() {
        op = op.security(first);
    }
    if doc.access == Access::Token {
        op = op.security(SecurityRequirement::new("basic", Vec::<String>::new()));
    }
    if let Some((schema, required)) = &doc.body {
        let mut body = RequestBodyBuilder::new()
            .content("application/json", Content::new(Some(schema.clone())))
            .required(Some(if *required { Required::True } else { Required::False }));
        if let Some(form) = &doc.form {
            body = body.content("multipart/form-data", Content::new(Some(form.clone())));
        }
        op = op.request_body(Some(body.build()));
    }
    op.build()
}

fn parameter(p: &Param) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(p.name)
        .parameter_in(match p.location {
            In::Path => ParameterIn::Path,
            In::Query => ParameterIn::Query,
            In::Header => ParameterIn::Header,
        })
        .required(if p.required { Required::True } else { Required::False })
        .description(Some(p.description))
        .schema(Some(p.schema.clone()))
        .build()
}

/// Registers `T` and the schemas it refers to.
macro_rules! register {
    ($builder:expr, $($t:ty),* $(,)?) => {{
        let mut b = $builder;
        $(
            let mut nested = Vec::new();
            <$t as ToSchema>::schemas(&mut nested);
            b = b.schema_from::<$t>().schemas_from_iter(nested);
        )*
        b
    }};
}

fn components() -> utoipa::openapi::Components {
    use crate::routes::{
        auth, branding, branding_set, contacts, customers, datapool, groups, lobby, meetings, password, permanent,
        polls, reports, sessions, subscriptions, users,
    };
    use crate::state::{AppAccess, Apps, Invitees, Timezone};
    let b = ComponentsBuilder::new()
        .security_scheme("apiId", SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-Api-Id"))))
        .security_scheme(
            "token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "Token <token from /login>",
            ))),
        )
        .security_scheme("basic", SecurityScheme::Http(Http::new(HttpAuthScheme::Basic)));
    register!(
        b,
        ErrorAnswer,
        AppAccess,
        Apps,
        Invitees,
        Timezone,
        auth::LoginBody,
        auth::LoginAnswer,
        auth::UserOut,
        auth::CompanyOut,
        password::ResetRequestBody,
        password::ResetBody,
        password::PasswordData,
        password::PasswordAnswer,
        sessions::JoinBody,
        sessions::InviteBody,
        sessions::EmailText,
        sessions::Joiner,
        sessions::JoinAnswer,
        sessions::InviteAnswer,
        branding::BrandingAnswer,
        meetings::MeetingOut,
        meetings::MeetingAnswer,
        meetings::CancelEvent,
        meetings::CancelAnswer,
        meetings::Search,
        meetings::MeetingList,
        meetings::InviteesIn,
        meetings::MeetingCreate,
        meetings::MeetingUpdate,
        permanent::PermanentRoom,
        permanent::PermanentAnswer,
        permanent::PermanentUpdate,
        lobby::MeetingRef,
        lobby::LobbyOptions,
        lobby::LobbyMessage,
        lobby::LobbyImage,
        lobby::LobbyMedia,
        lobby::Lobby,
        lobby::LobbyAnswer,
        lobby::LobbyDeleted,
        lobby::LobbyOptionsIn,
        lobby::LobbyImageIn,
        lobby::LobbyUrlIn,
        lobby::LobbyMessageIn,
        lobby::LobbyBody,
        lobby::LobbyForm,
        branding_set::LoginBlock,
        branding_set::SessionBlock,
        branding_set::BrandingSetBody,
        branding_set::BrandingSetForm,
        branding_set::BrandingSetOut,
        branding_set::BrandingSetAnswer,
        polls::PollOut,
        polls::PollsAnswer,
        datapool::TimezonesAnswer,
        datapool::Country,
        datapool::CountriesAnswer,
        datapool::Plan,
        datapool::PlansAnswer,
        contacts::ContactOut,
        contacts::ContactRef,
        contacts::ContactShortAnswer,
        contacts::ContactAnswer,
        contacts::ContactList,
        contacts::ContactBody,
        contacts::ContactEdit,
        groups::MemberOut,
        groups::GroupOut,
        groups::GroupRow,
        groups::GroupRef,
        groups::GroupShortAnswer,
        groups::GroupAnswer,
        groups::GroupList,
        groups::GroupBody,
        groups::GroupEdit,
        reports::SessionOut,
        reports::SessionList,
        reports::CdrOut,
        reports::CdrAnswer,
        customers::Address,
        customers::CustomerBody,
        customers::CustomerEdit,
        customers::CustomerAnswer,
        customers::CustomerList,
        customers::CustomerShortAnswer,
        customers::CustomerAdded,
        subscriptions::SubscriptionTerms,
        subscriptions::SubscriptionBody,
        subscriptions::StatusIn,
        subscriptions::SubscriptionUpdate,
        subscriptions::SubscriptionShort,
        subscriptions::SubscriptionAnswer,
        subscriptions::SubscriptionList,
        users::UserBody,
        users::UserEdit,
        users::UserAnswer,
        users::UserShort,
        users::UserList,
    )
    .build()
}

#[cfg(test)]
mod tests {
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
        for r in refs {
            let name = r.trim_start_matches("#/components/schemas/");
            assert!(json["components"]["schemas"][name].is_object(), "{r} is not defined");
        }
    }
}
