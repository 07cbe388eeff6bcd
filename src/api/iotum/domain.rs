//! Resellers (document §2): a reseller's child domains, the sub-resellers below it.

use super::{post, ANSWERS};
use crate::api::Request;
use crate::loose;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tsify::Tsify;
use ucaas_client_macros::endpoint;

loose_fields!(
    /// A domain three levels below the caller's (its own children are not read: the answer's
    /// tree is cut there).
    DomainLeaf {
        /// Its id.
        id: i64 = "loose::opt_i64",
        /// Its domain name.
        domain: String = "loose::opt_string",
        /// Its public name.
        display_name: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A domain two levels below the caller's.
    DomainChild {
        /// Its id.
        id: i64 = "loose::opt_i64",
        /// Its domain name.
        domain: String = "loose::opt_string",
        /// Its public name.
        display_name: String = "loose::opt_string",
        /// Its own child domains.
        descendants: Vec<DomainLeaf> = "crate::loose::opt_items",
    }
);

loose_fields!(
    /// A child domain (a sub-reseller) of the caller's reseller domain.
    Domain {
        /// Its id.
        id: i64 = "loose::opt_i64",
        /// Its domain name (`website.com`).
        domain: String = "loose::opt_string",
        /// Its public name.
        display_name: String = "loose::opt_string",
        /// Its child domains (sub-sub-resellers).
        descendants: Vec<DomainChild> = "crate::loose::opt_items",
    }
);

items_answer!(
    /// The answer of `domain/descendants`: the child domains (the document shows one object; an
    /// array of them is read too, docs/api-notes.md).
    DomainList, items, Domain
);

/// The child domains (sub-resellers) of the caller's reseller domain, each with its own. ResellerAdmin.
#[endpoint(POST "/enterprise_api/domain/descendants", body_token, read, client = IotumClient, js = domainDescendants, answer = DomainList.items)]
pub fn descendants() -> Request<Value> {
    post(&DESCENDANTS, json!({}))
}
