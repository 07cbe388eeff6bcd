//! Contacts (document §7): a host's or a company's address book, which conferences invite from.
//! Each call names the host (`host_id`) or the company (`company_id`; a Company Admin may leave
//! both out for their own company's contacts).

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
    /// A contact.
    IotumContact {
        /// Its id.
        contact_id: i64 = "loose::opt_i64",
        /// Name.
        name: String = "loose::opt_string",
        /// Email.
        email: String = "loose::opt_string",
        /// Business phone.
        business_phone: String = "loose::opt_string",
        /// Mobile phone.
        mobile_phone: String = "loose::opt_string",
        /// Home phone.
        home_phone: String = "loose::opt_string",
        /// Other phone.
        other_phone: String = "loose::opt_string",
        /// IANA time zone.
        time_zone: String = "loose::opt_string",
        /// Whether it is a host's own details (else a standalone contact).
        has_host: bool = "loose::opt_bool",
    }
);

items_answer!(
    /// The answer of `contact/create` and `contact/fetch_all`.
    IotumContactList, items, IotumContact
);

iotum_input!(
    /// Input of `contactCreate`: several contacts at once, for a host (only they see them) or a
    /// company (all its hosts do).
    ContactCreateInput {
        /// The host whose contacts they are.
        host_id: Id optional,
        /// Or the company's (a Company Admin's own when both are left out).
        company_id: Id optional,
        /// The contacts.
        contacts: Objects("ContactInput[]"),
    }
);

iotum_input!(
    /// A contact to create (in `contactCreate`'s `contacts`; the server checks these fields).
    IotumContactInput {
        /// Name.
        name: Text,
        /// Email.
        email: Email,
        /// Business phone.
        business_phone: Text optional,
        /// Mobile phone.
        mobile_phone: Text optional,
        /// Home phone.
        home_phone: Text optional,
        /// Other phone.
        other_phone: Text optional,
        /// IANA time zone, e.g. "US/Central".
        time_zone: Zone optional,
    }
);

iotum_input!(
    /// Input of `contactFetch` and `contactDelete`.
    ContactRef {
        /// The host whose contact it is.
        host_id: Id optional,
        /// Or the company's.
        company_id: Id optional,
        /// The contact.
        contact_id: Id,
    }
);

iotum_input!(
    /// Input of `contactFetchAll`.
    ContactOwner {
        /// The host whose contacts to list.
        host_id: Id optional,
        /// Or the company's.
        company_id: Id optional,
    }
);

iotum_input!(
    /// Input of `contactUpdate`: the contact and what changes (the rest stays).
    ContactUpdateInput {
        /// The host whose contact it is.
        host_id: Id optional,
        /// Or the company's.
        company_id: Id optional,
        /// The contact.
        contact_id: Id,
        /// Name.
        name: Text optional,
        /// Email.
        email: Email optional,
        /// Business phone.
        business_phone: Text optional,
        /// Mobile phone.
        mobile_phone: Text optional,
        /// Home phone.
        home_phone: Text optional,
        /// Other phone.
        other_phone: Text optional,
        /// IANA time zone.
        time_zone: Zone optional,
    }
);

/// Creates contacts; each one of `contacts` is checked like an input of its own.
fn create_body<T: Tree>(input: &T) -> Result<Value, Error> {
    let body = ContactCreateInput::body(input)?;
    for contact in input.get("contacts").and_then(|c| c.items()).unwrap_or_default() {
        IotumContactInput::body(&contact)?;
    }
    Ok(body)
}

/// Creates contacts for a host or a company; the answer lists them with their ids.
/// ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/contact/create", body_token, client = IotumClient, js = contactCreate, answer = IotumContactList.items)]
pub fn create<T: Tree>(#[js(type = "ContactCreateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CREATE, input, create_body)
}

/// Reads a contact. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/contact/fetch", body_token, read, client = IotumClient, js = contactFetch, answer = IotumContact)]
pub fn fetch<T: Tree>(#[js(type = "ContactRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH, input, ContactRef::body)
}

/// Every contact of a host or a company. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/contact/fetch_all", body_token, read, client = IotumClient, js = contactFetchAll, answer = IotumContactList.items)]
pub fn fetch_all<T: Tree>(#[js(type = "ContactOwner", optional)] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH_ALL, input, ContactOwner::body)
}

/// Changes a contact's fields; the answer is the contact. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/contact/update", body_token, client = IotumClient, js = contactUpdate, answer = IotumContact)]
pub fn update<T: Tree>(#[js(type = "ContactUpdateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&UPDATE, input, ContactUpdateInput::body)
}

/// Deletes a contact. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/contact/delete", body_token, client = IotumClient, js = contactDelete, answer = super::Ack)]
pub fn delete<T: Tree>(#[js(type = "ContactRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&DELETE, input, ContactRef::body)
}
