//! The API, one module per area. Each area module has one registration point, `pub fn area() ->
//! Area` (see [`crate::area`]): its routes with their documentation, the OpenAPI schemas they
//! refer to, and — where it keeps data — its `Store`, a field of [`crate::state::Data`]. The
//! router ([`crate::app`]) and the OpenAPI document ([`crate::openapi`]) are built from
//! [`areas`]; a new area is one more module here and one line in [`areas`].

pub mod auth;
pub mod branding;
pub mod branding_set;
pub mod common;
pub mod contacts;
pub mod cpaas;
pub mod customers;
pub mod datapool;
pub mod files;
pub mod groups;
pub mod iotum;
pub mod lobby;
pub mod meetings;
pub mod password;
pub mod permanent;
pub mod polls;
pub mod reports;
pub mod sessions;
pub mod subscriptions;
pub mod users;

use crate::area::Area;

/// Base path of the API.
pub const BASE: &str = "/ucaas/v1";

/// Base path of the CPaaS project API ([`cpaas`]), served on the same port.
pub const CPAAS_BASE: &str = "/cpaas";

/// Base path of the Iotum enterprise API ([`iotum`]), served on the same port.
pub const IOTUM_BASE: &str = "/enterprise_api";

/// Every area of the API.
pub fn areas() -> Vec<Area> {
    vec![
        auth::area(),
        password::area(),
        sessions::area(),
        branding::area(),
        permanent::area(),
        meetings::area(),
        lobby::area(),
        branding_set::area(),
        polls::area(),
        contacts::area(),
        groups::area(),
        datapool::area(),
        reports::area(),
        customers::area(),
        subscriptions::area(),
        users::area(),
        files::area(),
        cpaas::area(),
        iotum::area(),
    ]
}
