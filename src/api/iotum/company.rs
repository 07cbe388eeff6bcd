//! Companies (document §3): the reseller's customers, each with its hosts. ResellerAdmin only.

use super::{with_input, ANSWERS};
use crate::api::Request;
use crate::error::Error;
use crate::loose;
use crate::shape::Tree;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::endpoint;

loose_fields!(
    /// The answer of `company/create`.
    CompanyCreated {
        /// The new company's id.
        id: i64 = "loose::opt_i64",
    }
);

loose_fields!(
    /// A company.
    IotumCompany {
        /// Its id (not in every answer of the document).
        id: i64 = "loose::opt_i64",
        /// The subdomain of its meeting URLs, unique within the reseller's domain.
        subdomain: String = "loose::opt_string",
        /// Its name, as billed.
        name: String = "loose::opt_string",
        /// How many hosts it has.
        host_count: u32 = "loose::opt_u32",
        /// Its hosts' ids.
        hosts: Vec<i64> = "loose::opt_ints",
        /// An id for internal reporting.
        partner_id: String = "loose::opt_string",
        /// Any text of your own.
        customer_id: String = "loose::opt_string",
        /// Whether its users sign in through your OpenID Connect provider.
        openid_provider: bool = "loose::opt_bool",
    }
);

items_answer!(
    /// The answer of `company/fetch_all`.
    IotumCompanyList, items, IotumCompany
);

iotum_input!(
    /// Input of `companyCreate`.
    CompanyCreateInput {
        /// The subdomain of its meeting URLs, unique within your reseller domain.
        subdomain: Text,
        /// Its name, as billed.
        name: Text,
        /// An id for internal reporting (not shown in the UI).
        partner_id: Id optional,
        /// Any text of your own.
        customer_id: Text optional,
        /// Whether to use OpenID Connect for sign-in (contact Iotum first).
        openid_provider: Flag optional,
        /// CSS hex color, e.g. "#00ff00".
        primary_color: Color optional,
        /// CSS hex color.
        accent_color: Color optional,
        /// Lower-case ISO 4217, e.g. "usd".
        currency: Text optional,
        /// The product to subscribe to (default: your domain's default product).
        product_id: Id optional,
    }
);

iotum_input!(
    /// Input of `companyFetch` and `companyDelete`.
    CompanyRef {
        /// The company's id.
        company_id: Id,
    }
);

iotum_input!(
    /// Input of `companyUpdate`: the company and what changes.
    CompanyUpdateInput {
        /// The company's id.
        company_id: Id,
        /// A new subdomain.
        subdomain: Text optional,
        /// A new name.
        name: Text optional,
        /// A new reporting id.
        partner_id: Id optional,
        /// A new text of your own.
        customer_id: Text optional,
    }
);

/// Creates a company; the answer has its id. ResellerAdmin only.
#[endpoint(POST "/enterprise_api/company/create", body_token, client = IotumClient, js = companyCreate, answer = CompanyCreated)]
pub fn create<T: Tree>(#[js(type = "CompanyCreateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CREATE, input, CompanyCreateInput::body)
}

/// Reads a company. ResellerAdmin.
#[endpoint(POST "/enterprise_api/company/fetch", body_token, read, client = IotumClient, js = companyFetch, answer = IotumCompany)]
pub fn fetch<T: Tree>(#[js(type = "CompanyRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH, input, CompanyRef::body)
}

/// Changes a company's subdomain, name, partner_id or customer_id; the answer is the company.
/// ResellerAdmin only.
#[endpoint(POST "/enterprise_api/company/update", body_token, client = IotumClient, js = companyUpdate, answer = IotumCompany)]
pub fn update<T: Tree>(#[js(type = "CompanyUpdateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&UPDATE, input, CompanyUpdateInput::body)
}

/// Every company of your reseller domain. ResellerAdmin.
#[endpoint(POST "/enterprise_api/company/fetch_all", body_token, read, client = IotumClient, js = companyFetchAll, answer = IotumCompanyList.items)]
pub fn fetch_all() -> Request<Value> {
    super::post(&FETCH_ALL, serde_json::json!({}))
}

/// Deletes a company: its subscriptions end, its hosts are deleted, and it is marked deleted.
/// ResellerAdmin.
#[endpoint(POST "/enterprise_api/company/delete", body_token, client = IotumClient, js = companyDelete, answer = super::Ack)]
pub fn delete<T: Tree>(#[js(type = "CompanyRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&DELETE, input, CompanyRef::body)
}
