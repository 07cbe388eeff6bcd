//! The API routes, one module per area. Each module's `routes()` returns [`Route`]s: the handler
//! and its documentation together, so the router and the OpenAPI document come from one table.
//! A later area (permanent room, lobby, polls, …) is one more module listed in [`all`].

pub mod auth;
pub mod branding;
pub mod meetings;
pub mod password;
pub mod sessions;

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
}

/// Where a documented parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// Path segment.
    Path,
    /// Query string.
    Query,
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
    [auth::routes(), password::routes(), sessions::routes(), branding::routes(), meetings::routes()]
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
        RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(values.to_vec())).build()))
    }

    /// An integer in `min..=max`.
    pub fn int(min: i64, max: Option<i64>) -> RefOr<Schema> {
        let b = ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(min as f64)).maximum(max.map(|m| m as f64));
        RefOr::T(Schema::Object(b.build()))
    }
}
