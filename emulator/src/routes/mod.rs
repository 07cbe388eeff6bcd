//! The API routes, one module per area. Each module's `routes()` returns [`Route`]s: the handler
//! and its documentation together, so the router and the OpenAPI document come from one table.
//! A later area (permanent room, lobby, polls, …) is one more module listed in [`all`].

pub mod auth;
pub mod branding;
pub mod branding_set;
pub mod common;
pub mod contacts;
pub mod customers;
pub mod datapool;
pub mod files;
pub mod groups;
pub mod lobby;
pub mod meetings;
pub mod password;
pub mod permanent;
pub mod polls;
pub mod reports;
pub mod sessions;
pub mod subscriptions;
pub mod users;

use crate::state::App;
use axum::routing::MethodRouter;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;

/// Base path of the API.
pub const BASE: &str = "/ucaas/v1";

/// How a route authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `X-Api-Id` only (login, password, sessions, branding).
    ApiId,
    /// `Authorization: Token …` or HTTP Basic with the API id and key.
    Token,
    /// No credentials (uploaded files, which `<img>` tags fetch).
    Public,
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
    /// Media type of the 200 answer when not `application/json`.
    pub ok_media: Option<&'static str>,
}

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
    /// Paths below [`BASE`], axum syntax (`/meetings/{id}`).
    pub paths: &'static [&'static str],
    /// The handler, already bound to the method.
    pub handler: MethodRouter<App>,
    /// Its documentation.
    pub doc: Doc,
}

/// Every API route.
pub fn all() -> Vec<Route> {
    [
        auth::routes(),
        password::routes(),
        sessions::routes(),
        branding::routes(),
        permanent::routes(),
        meetings::routes(),
        lobby::routes(),
        branding_set::routes(),
        polls::routes(),
        contacts::routes(),
        groups::routes(),
        datapool::routes(),
        reports::routes(),
        customers::routes(),
        subscriptions::routes(),
        users::routes(),
        files::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
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
