//! An area of the API (meetings, lobby, users, …) is the unit of the emulator: one module under
//! `routes/` that registers everything the area is made of through one [`Area`]:
//!
//! - its operations ([`Route`]: method, paths, handler and [`Doc`] together), from which both
//!   the axum router and the OpenAPI paths are built;
//! - the component schemas its documentation refers to (a `#[derive(utoipa::OpenApi)]` fragment
//!   listing them in `components(schemas(...))`; the schemas they use are collected with them);
//! - where it keeps data, its slice of the state: a `Store` type in the same module, one field
//!   of [`crate::state::Data`].
//!
//! Adding an operation to an area therefore edits that area's module only.

use crate::openapi::ErrorAnswer;
use crate::state::App;
use axum::routing::MethodRouter;
use utoipa::openapi::path::{HttpMethod, Operation, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::server::Server;
use utoipa::openapi::{Content, OpenApi, OpenApiBuilder, Paths, RefOr, Required, ResponseBuilder, ResponsesBuilder};

/// One area: its operations and the schemas they document.
pub struct Area {
    /// The operations, each with its documentation.
    pub routes: Vec<Route>,
    /// The component schemas the operations refer to (paths, if any, are ignored).
    pub schemas: OpenApi,
    /// The base path its routes are mounted under: [`crate::routes::BASE`] (`/ucaas/v1`), or
    /// another API's (`/cpaas`), which its OpenAPI path items then name as their `servers`.
    pub base: &'static str,
}

impl Area {
    /// An area made of `routes`, documented with the schemas of `schemas` (usually
    /// `Schemas::openapi()` of a `#[derive(utoipa::OpenApi)]` type in the area's module).
    pub fn new(routes: Vec<Route>, schemas: OpenApi) -> Area {
        Area { routes, schemas, base: crate::routes::BASE }
    }

    /// The same area, mounted under `base` instead of `/ucaas/v1` (another API on the same port).
    pub fn at(mut self, base: &'static str) -> Area {
        self.base = base;
        self
    }

    /// The area's part of the OpenAPI document: one operation per route and path (the first path
    /// is canonical, the others are the docs' other spellings), and the area's schemas.
    pub fn openapi(&self) -> OpenApi {
        let mut paths = Paths::new();
        for route in &self.routes {
            let method = http_method(&route.method);
            for (i, path) in route.paths.iter().enumerate() {
                paths.add_path_operation(*path, vec![method.clone()], operation(&route.doc, i));
            }
        }
        if self.base != crate::routes::BASE {
            // The document's server is /ucaas/v1: these paths name their own.
            for item in paths.paths.values_mut() {
                item.servers = Some(vec![Server::new(self.base)]);
            }
        }
        let mut doc = OpenApiBuilder::new().paths(paths).build();
        let mut schemas = self.schemas.clone();
        schemas.paths = Paths::new();
        doc.merge(schemas);
        doc
    }
}

/// How a route authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `X-Api-Id` only (login, password, sessions, branding).
    ApiId,
    /// `Authorization: Token …` or HTTP Basic with the API id and key.
    Token,
    /// No credentials (uploaded files, which `<img>` tags fetch).
    Public,
    /// HTTP Basic only (the CPaaS project API: an API app's or a project's id and key).
    Basic,
}

/// Where a documented parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// Path segment.
    Path,
    /// Query string.
    Query,
    /// Request header.
    Header,
}

/// A documented path or query parameter.
pub struct Param {
    /// Name.
    pub name: &'static str,
    /// Where.
    pub location: In,
    /// Whether required.
    pub required: bool,
    /// Its schema.
    pub schema: RefOr<Schema>,
    /// What it is.
    pub description: &'static str,
}

/// The documentation of one operation.
pub struct Doc {
    /// operationId (aliases get a suffix).
    pub id: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Area.
    pub tag: &'static str,
    /// Authentication.
    pub access: Access,
    /// Whether `X-App-Type` is required.
    pub app_type: bool,
    /// Path and query parameters.
    pub params: Vec<Param>,
    /// JSON request body, and whether it is required.
    pub body: Option<(RefOr<Schema>, bool)>,
    /// Schema of the 200 answer.
    pub ok: RefOr<Schema>,
    /// Error statuses it can answer.
    pub errors: &'static [u16],
    /// `multipart/form-data` request body (besides the JSON one in `body`), if taken.
    pub form: Option<RefOr<Schema>>,
    /// Media type of the success answer when not `application/json`; [`NO_BODY`] for none.
    pub ok_media: Option<&'static str>,
    /// Status of the success answer (200 but for the APIs that answer 202 or 204).
    pub ok_status: u16,
    /// Schema of the error answers, when not the UCaaS error JSON ([`ErrorAnswer`]).
    pub error_schema: Option<RefOr<Schema>>,
}

/// [`Doc::ok_media`] of a success answer without a body (202, 204).
pub const NO_BODY: &str = "";

impl Doc {
    /// A token route's documentation (errors 400, 401, 403, 404, 406).
    pub fn token(
        id: &'static str,
        summary: &'static str,
        tag: &'static str,
        params: Vec<Param>,
        body: Option<RefOr<Schema>>,
        ok: RefOr<Schema>,
    ) -> Doc {
        Doc {
            id,
            summary,
            tag,
            access: Access::Token,
            app_type: false,
            params,
            body: body.map(|b| (b, true)),
            ok,
            errors: &[400, 401, 403, 404, 406],
            form: None,
            ok_media: None,
            ok_status: 200,
            error_schema: None,
        }
    }

    /// The same, requiring `X-App-Type`.
    pub fn with_app_type(mut self) -> Doc {
        self.app_type = true;
        self
    }

    /// The same, with an optional body.
    pub fn optional_body(mut self) -> Doc {
        if let Some(b) = &mut self.body {
            b.1 = false;
        }
        self
    }
}

/// A path parameter.
pub fn path_param(name: &'static str, description: &'static str) -> Param {
    Param { name, location: In::Path, required: true, schema: schema::string(), description }
}

/// An optional query parameter.
pub fn query_param(name: &'static str, schema: RefOr<Schema>, description: &'static str) -> Param {
    Param { name, location: In::Query, required: false, schema, description }
}

/// An optional header parameter.
pub fn header_param(name: &'static str, values: &[&str], description: &'static str) -> Param {
    Param { name, location: In::Header, required: false, schema: schema::one_of(values), description }
}

/// The paging, search and order parameters of a list route.
pub fn list_params(search_by: &[&str], order_by_desc: &'static str) -> Vec<Param> {
    vec![
        query_param("page", schema::int(1, None), "Page number, from 1 (default 1)"),
        query_param("page_length", schema::int(1, Some(100)), "Items per page (default 10)"),
        query_param("search_by", schema::one_of(search_by), "Field to search; needs search_string"),
        query_param("search_string", schema::non_empty(), "Value searched; needs search_by"),
        query_param("order_by", schema::string(), order_by_desc),
        query_param("order_qualify", schema::one_of(&["asc", "desc"]), "Sort direction (default asc)"),
    ]
}

/// One operation: method, paths (the first is canonical, the rest are the docs' other
/// spellings), handler and documentation.
pub struct Route {
    /// HTTP method.
    pub method: axum::http::Method,
    /// Paths below the area's base ([`crate::routes::BASE`] unless [`Area::at`]), axum syntax
    /// (`/meetings/{id}`).
    pub paths: &'static [&'static str],
    /// The handler, already bound to the method.
    pub handler: MethodRouter<App>,
    /// Its documentation.
    pub doc: Doc,
}

fn http_method(m: &axum::http::Method) -> HttpMethod {
    match *m {
        axum::http::Method::POST => HttpMethod::Post,
        axum::http::Method::PATCH => HttpMethod::Patch,
        axum::http::Method::DELETE => HttpMethod::Delete,
        axum::http::Method::PUT => HttpMethod::Put,
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
                .schema(Some(schema::one_of(&["vc", "wb"])))
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
        Access::Basic => vec![SecurityRequirement::new("basic", Vec::<String>::new())],
    };
    let success = match doc.ok_media {
        Some(NO_BODY) => ResponseBuilder::new().description("Success"),
        media => ResponseBuilder::new()
            .description("Success")
            .content(media.unwrap_or("application/json"), Content::new(Some(doc.ok.clone()))),
    };
    let mut responses = ResponsesBuilder::new().response(doc.ok_status.to_string(), success);
    for status in doc.errors.iter().chain([&405, &500]) {
        let error = doc.error_schema.clone().unwrap_or_else(schema::of::<ErrorAnswer>);
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

/// Schema helpers for the route tables.
pub mod schema {
    use utoipa::openapi::schema::{Object, ObjectBuilder, Schema, Type};
    use utoipa::openapi::{Ref, RefOr};
    use utoipa::ToSchema;

    /// A reference to a component schema.
    pub fn of<T: ToSchema>() -> RefOr<Schema> {
        RefOr::Ref(Ref::from_schema_name(T::name()))
    }

    /// A plain string.
    pub fn string() -> RefOr<Schema> {
        RefOr::T(Schema::Object(Object::with_type(Type::String)))
    }

    /// A string of at least one character.
    pub fn non_empty() -> RefOr<Schema> {
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).build()))
    }

    /// A string of one of `values`.
    pub fn one_of(values: &[&str]) -> RefOr<Schema> {
        RefOr::T(Schema::Object(
            ObjectBuilder::new().schema_type(Type::String).enum_values(Some(values.to_vec())).build(),
        ))
    }

    /// An integer in `min..=max`.
    pub fn int(min: i64, max: Option<i64>) -> RefOr<Schema> {
        let b =
            ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(min as f64)).maximum(max.map(|m| m as f64));
        RefOr::T(Schema::Object(b.build()))
    }
}
