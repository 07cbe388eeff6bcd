//! The Iotum enterprise API (`iotum-enterprise-api.txt`): a white-label conferencing platform's
//! resellers, companies, subscriptions, hosts, contacts, drive, chat and conferences, one module
//! per section of the document. `IotumClient` (the server build only: an API token is a secret)
//! has one method per route, named by the route after `/enterprise_api/` in camelCase
//! (`company/fetch_all` → `companyFetchAll`).
//!
//! Every call is a POST (one PUT) with a JSON body; the client's host (js/iotum.js)
//! authenticates with the API token, writes the `auth_token` it got into every body, and decides
//! what an answer means by its status (the API has no result codes). Answers that are a bare JSON
//! array are read as `{ items: [...] }`, a bare string (`"OK"`) as `{ message }` and an empty
//! body as `{}`, so every answer type here is an object type.
//!
//! Which calls are reads (repeated after a timeout, a network error or a 5xx) and which are
//! writes (sent once) is said by `read` on each `#[endpoint]`; README "Iotum" has the table.

#[macro_use]
pub mod fields;

pub mod chat;
pub mod company;
pub mod conference;
pub mod contact;
pub mod domain;
pub mod drive;
pub mod host;
pub mod subscription;

use crate::api::Request;
use crate::error::Error;
use crate::loose;
use crate::shape::Tree;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

/// The route of `authenticate`, which the client's host calls itself (lazily, once for any
/// number of calls waiting): `{ api_token }` → [`Authenticated`].
pub const AUTHENTICATE_PATH: &str = "/enterprise_api/authenticate";

/// How long an `auth_token` lives after its last successful use (the document: 60 minutes).
pub const TOKEN_SLIDE_MS: u32 = 60 * 60 * 1000;

/// The answers the client's host decodes itself (no endpoint method answers with them).
pub const HOST_ANSWERS: &[&str] = &["Authenticated"];

loose_fields!(
    /// The answer of `authenticate`.
    Authenticated {
        @required {
            /// The token every other call carries as `auth_token`; it expires 60 minutes after
            /// its last successful use.
            auth_token: String = "loose::string",
        }
    }
);

loose_fields!(
    /// The answer of a call that only acknowledges: `{ "message": "OK" }`, a bare `"OK"`, or an
    /// empty body (`{}`).
    Ack {
        /// The server's word (`"OK"`).
        message: String = "loose::opt_string",
    }
);

// The answer types of every section, registered here (the area's one list).
use company::{IotumCompany, CompanyCreated, IotumCompanyList};
use conference::{Conference, ConferencePage, Dialout, ParticipantDetails, ViewerCount};
use contact::{IotumContact, IotumContactList};
use domain::DomainList;
use drive::{DriveFile, DriveFilePage, DriveUpload};
use host::{ActiveCallList, IotumCdrList, Host, HostList, PastConferencePage};
use subscription::{ProductList, IotumSubscriptionList};

answers!(
    Authenticated,
    Ack,
    DomainList,
    CompanyCreated,
    IotumCompany,
    IotumCompanyList,
    ProductList,
    IotumSubscriptionList,
    Host,
    HostList,
    PastConferencePage,
    IotumCdrList,
    ActiveCallList,
    IotumContact,
    IotumContactList,
    DriveFilePage,
    DriveFile,
    DriveUpload,
    Conference,
    ConferencePage,
    ParticipantDetails,
    ViewerCount,
    Dialout,
);

/// A request of `route` carrying `body` (every Iotum call has a JSON object body, which the host
/// adds `auth_token` to).
#[inline(always)]
fn post(route: &crate::api::Route, body: Value) -> Request<Value> {
    route.request().with_body(body)
}

/// A request of `route` whose body is the input read by `rules` (`iotum_input!`'s `body`).
fn with_input<T: Tree>(
    route: &crate::api::Route,
    input: &T,
    body: fn(&T) -> Result<Value, Error>,
) -> Result<Request<Value>, Error> {
    Ok(post(route, body(input)?))
}
