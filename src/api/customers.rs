//! Customers (`/customers`): get, list with filters, add, edit. Token auth; for administrator
//! and reseller logins.

use super::list::{ListSpec, Obj};
use super::{Input, Request};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::shape::{loose, Tree};
use crate::validate::{self, text};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::{code, Code};

loose_input!(
    /// An address in a customer input.
    AddressInput {
        /// Line 1 (required in the office address).
        address_1: "string",
        /// Line 2.
        address_2: "string" optional,
        /// Line 3.
        address_3: "string" optional,
        /// City (required in the office address).
        city: "string",
        /// State.
        state: "string" optional,
        /// Country id from `getCountries` (required in the office address).
        country_id: "string",
        /// Post code.
        zipcode: "string" optional,
    }
);

/// Input of `addCustomer`, and (every field optional) of `updateCustomer`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct CustomerInput {
    /// Name (required).
    #[tsify(type = "string")]
    pub customer_name: Loose,
    /// Legal entity name (required).
    #[tsify(type = "string")]
    pub customer_legal_name: Loose,
    /// Your own reference for it.
    #[tsify(optional, type = "string")]
    pub customer_code: Loose,
    /// `P` customer, `R` reseller, `T` tenant, `A` affiliate.
    #[tsify(optional, type = "\"P\" | \"R\" | \"T\" | \"A\"")]
    pub customer_type: Loose,
    /// An individual (true) or a company (false, default).
    #[tsify(optional, type = "boolean")]
    pub individual: Loose,
    /// Contact person's name.
    #[tsify(optional, type = "string")]
    pub contact_name: Loose,
    /// Contact person's email (required, unique, at most 100 characters).
    #[tsify(type = "string")]
    pub contact_email: Loose,
    /// `A` active, `S` suspended, `C` closed, `U` unverified (editing).
    #[tsify(optional, type = "\"A\" | \"S\" | \"C\" | \"U\"")]
    pub status: Loose,
    /// Time zone id from `getTimezones` (editing).
    #[tsify(optional, type = "string")]
    pub timezone_id: Loose,
    /// Office address (required).
    #[tsify(type = "AddressInput")]
    pub office_address: Option<AddressInput>,
    /// Billing address (the office address when absent).
    #[tsify(optional, type = "AddressInput")]
    pub billing_address: Option<AddressInput>,
}

impl Input for CustomerInput {
    /// Reads the input object the way its `Deserialize` does; an address that is not an object
    /// is 1341 (office) or 1371 (billing).
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        let address = |key, code| match v.get(key) {
            None => Ok(None),
            Some(a) if a.is_object() => Ok(Some(AddressInput::read(&a))),
            Some(_) => Err(Error::validation(code, key)),
        };
        Ok(Self {
            customer_name: loose(v, "customer_name"),
            customer_legal_name: loose(v, "customer_legal_name"),
            customer_code: loose(v, "customer_code"),
            customer_type: loose(v, "customer_type"),
            individual: loose(v, "individual"),
            contact_name: loose(v, "contact_name"),
            contact_email: loose(v, "contact_email"),
            status: loose(v, "status"),
            timezone_id: loose(v, "timezone_id"),
            office_address: address("office_address", code!(1341))?,
            billing_address: address("billing_address", code!(1371))?,
        })
    }
}

/// Address codes: line 1 [required, text], 2, 3, city [required, text], state, country id required.
fn address(a: &AddressInput, office: bool, full: bool) -> Result<Value, Error> {
    let (c, req) = if office {
        ([code!(1342), code!(1343), code!(1344), code!(1345), code!(1353), code!(1354), code!(1356), code!(1355)], full)
    } else {
        ([Code::NONE, code!(1371), code!(1372), code!(1373), Code::NONE, code!(1380), code!(1381), Code::NONE], false)
    };
    let need = |code| req.then_some(code);
    let mut o = Obj::default();
    o.put("address_1", text(&a.address_1, "address_1", need(c[0]), c[1], (0, Code::NONE), (0, Code::NONE))?)
        .put("address_2", text(&a.address_2, "address_2", None, c[2], (0, Code::NONE), (0, Code::NONE))?)
        .put("address_3", text(&a.address_3, "address_3", None, c[3], (0, Code::NONE), (0, Code::NONE))?)
        .put("city", text(&a.city, "city", need(c[4]), c[5], (0, Code::NONE), (0, Code::NONE))?)
        .put("state", text(&a.state, "state", None, c[6], (0, Code::NONE), (0, Code::NONE))?)
        .put(
            "country_id",
            text(&a.country_id, "country_id", need(c[7]), code!(1355), (0, Code::NONE), (0, Code::NONE))?,
        )
        .put("zipcode", text(&a.zipcode, "zipcode", None, Code::NONE, (0, Code::NONE), (0, Code::NONE))?);
    Ok(o.done())
}

/// Checks every field with its documented codes (1301–1391); `full` demands what adding needs.
fn body(c: &CustomerInput, full: bool) -> Result<Obj, Error> {
    let need = |code| full.then_some(code);
    let email =
        text(&c.contact_email, "contact_email", need(code!(1331)), code!(1334), (0, Code::NONE), (100, code!(1332)))?;
    if let Some(e) = &email {
        validate::email(e, "contact_email", Some(code!(1334)))?;
    }
    let office = match &c.office_address {
        Some(a) => Some(address(a, true, full)?),
        None if full => return Err(Error::validation(code!(1341), "office_address")),
        None => None,
    };
    let mut o = Obj::default();
    o.put(
        "customer_name",
        text(&c.customer_name, "customer_name", need(code!(1301)), code!(1302), (0, Code::NONE), (0, Code::NONE))?,
    )
    .put(
        "customer_legal_name",
        text(
            &c.customer_legal_name,
            "customer_legal_name",
            need(Code::NONE),
            code!(1306),
            (0, Code::NONE),
            (0, Code::NONE),
        )?,
    )
    .put("customer_code", text(&c.customer_code, "customer_code", None, Code::NONE, (0, Code::NONE), (0, Code::NONE))?)
    .put("customer_type", validate::one_of(&c.customer_type, "customer_type", &["P", "R", "T", "A"], code!(1308))?)
    .put("individual", validate::opt_flag(&c.individual, "individual", code!(1312))?)
    .put("contact_name", text(&c.contact_name, "contact_name", None, code!(1322), (0, Code::NONE), (0, Code::NONE))?)
    .put("contact_email", email)
    .put("status", validate::one_of(&c.status, "status", &["A", "S", "C", "U"], code!(1391))?)
    .put("timezone_id", validate::opt_text(&c.timezone_id, "timezone_id", Some(code!(1683)))?)
    .put("office_address", office)
    .put("billing_address", c.billing_address.as_ref().map(|a| address(a, false, false)).transpose()?);
    Ok(o)
}

/// Adds a customer; the answer carries its portal sign-in.
#[endpoint(POST "/customers", token, js = addCustomer, answer = CustomerResult)]
pub fn add(input: &CustomerInput) -> Result<Request<Value>, Error> {
    Ok(ADD.request().with_body(body(input, true)?.done()))
}

/// Changes a customer. Sends the fields `patch` sets (at least one).
#[endpoint(PATCH "/customers/{customer_id}", token, js = updateCustomer, answer = CustomerResult)]
pub fn update(
    customer_id: &str,
    #[js(type = "Partial<CustomerInput>")] patch: &CustomerInput,
) -> Result<Request<Value>, Error> {
    let req = UPDATE.request_with(&[customer_id])?;
    Ok(req.with_body(body(patch, false)?.changes("customer_name")?))
}

/// Reads a customer.
#[endpoint(GET "/customers/{customer_id}", token, js = getCustomer, answer = CustomerResult.customer)]
pub fn get(customer_id: &str) -> Result<Request, Error> {
    GET.request_with(&[customer_id])
}

/// The customers matching `query`: search by name, legal name, code, individual or status;
/// filter by join date.
#[endpoint(list, js = listCustomers, each = customers, query = CustomerQuery, answer = CustomerList.customers)]
pub const LIST: ListSpec = ListSpec {
    path: "/customers",
    search_by: &["customer_name", "customer_legal_name", "customer_code", "individual", "status"],
    filters: &["from_join_dt", "to_join_dt"],
    dates: &["from_join_dt", "to_join_dt"],
    choices: &[],
    app_type: false,
};

loose_input!(
    /// Query of `listCustomers` / `customers()`. Every key is optional.
    CustomerQuery {
        /// Page number, from 1.
        page: "number" optional,
        /// Customers per page (the server's default is 10).
        page_length: "number" optional,
        /// Joined on or after (`YYYY-MM-DD`).
        from_join_dt: "string" optional,
        /// Joined on or before (`YYYY-MM-DD`).
        to_join_dt: "string" optional,
        /// Field to search (needs `search_string`).
        search_by: "\"customer_name\" | \"customer_legal_name\" | \"customer_code\" | \"individual\" | \"status\"" optional,
        /// Value to search for (needs `search_by`).
        search_string: "string" optional,
        /// Field to order by.
        order_by: "string" optional,
        /// `asc` (default) or `desc`.
        order_qualify: "\"asc\" | \"desc\"" optional,
    }
);

loose_fields!(
    /// A postal address.
    Address {
        /// Line 1.
        address_1: String = "loose::opt_string",
        /// Line 2.
        address_2: String = "loose::opt_string",
        /// Line 3.
        address_3: String = "loose::opt_string",
        /// City.
        city: String = "loose::opt_string",
        /// State.
        state: String = "loose::opt_string",
        /// Country name.
        country: String = "loose::opt_string",
        /// Post code.
        zipcode: String = "loose::opt_string",
        /// Country id.
        country_id: String = "loose::opt_string",
    }
);

loose_fields!(
    /// When a customer's status changed (UTC).
    CustomerTrack {
        /// Added.
        added: String = "loose::opt_string",
        /// Last changed.
        modified: String = "loose::opt_string",
        /// Activated.
        activated: String = "loose::opt_string",
        /// Suspended.
        suspended: String = "loose::opt_string",
        /// Closed.
        closed: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A customer.
    Customer {
        @required {
            /// Customer id. Always sent: an answer without it fails to decode.
            customer_id: String = "loose::string",
        }
        /// Name.
        customer_name: String = "loose::opt_string",
        /// Legal entity name.
        customer_legal_name: String = "loose::opt_string",
        /// `T`, `P`, `R` or `A`.
        customer_code: String = "loose::opt_string",
        /// Type.
        customer_type: String = "loose::opt_string",
        /// Type explained.
        customer_type_ex: String = "loose::opt_string",
        /// An individual sign-up.
        individual: bool = "loose::opt_bool",
        /// Contact person.
        contact_name: String = "loose::opt_string",
        /// Contact email.
        contact_email: String = "loose::opt_string",
        /// `A`, `S`, `C` or `U`.
        status: String = "loose::opt_string",
        /// Status explained.
        status_ex: String = "loose::opt_string",
        /// Office address.
        office_address: Address = "crate::api::branding::opt_object",
        /// Billing address.
        billing_address: Address = "crate::api::branding::opt_object",
        /// Status dates.
        track: CustomerTrack = "crate::api::branding::opt_object",
    }
);

loose_fields!(
    /// Portal sign-in of a new customer.
    PortalAccess {
        /// Portal URL.
        url: String = "loose::opt_string",
        /// User name.
        username: String = "loose::opt_string",
        /// Password (shown once).
        password: String = "loose::opt_string",
    }
);

/// The answer of get, add and edit: `{ msg?, customer, portal_access? }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct CustomerResult {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub msg: Option<String>,
    /// The customer (add and edit show only its id and name).
    #[serde(deserialize_with = "crate::loose::object")]
    pub customer: Customer,
    /// Portal sign-in (add).
    #[serde(default, deserialize_with = "super::branding::opt_object", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub portal_access: Option<PortalAccess>,
}

list_answer!(
    /// One page of customers.
    CustomerList, customers, Customer
);

answers!(CustomerResult, CustomerList);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;
    use serde_json::json;

    fn valid() -> Value {
        json!({"customer_name": "Acme", "customer_legal_name": "Acme Ltd", "contact_email": "ops@acme.test",
            "office_address": {"address_1": "1 Main St", "city": "Springfield", "country_id": "c-us"}})
    }

    fn code_with(path: &[&str], v: Value) -> Option<u32> {
        let mut base = valid();
        let mut at = &mut base;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        if v.is_null() {
            at.as_object_mut().unwrap().remove(path[path.len() - 1]);
        } else {
            at[path[path.len() - 1]] = v;
        }
        match CustomerInput::read(&base) {
            Err(e) => e.code,
            Ok(i) => add(&i).map(|_| ()).unwrap_err().code,
        }
    }

    #[test]
    fn add_builds_the_body() {
        let r = add(&CustomerInput::read(&valid()).unwrap()).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Post, "/customers"));
        assert_eq!(r.body.unwrap(), valid());
    }

    #[test]
    fn each_documented_code() {
        assert_eq!(code_with(&["customer_name"], json!(null)), Some(1301));
        assert_eq!(code_with(&["customer_name"], json!(1)), Some(1302));
        assert_eq!(code_with(&["customer_legal_name"], json!(1)), Some(1306));
        assert_eq!(code_with(&["customer_type"], json!("X")), Some(1308));
        assert_eq!(code_with(&["individual"], json!("yes")), Some(1312));
        assert_eq!(code_with(&["contact_name"], json!(1)), Some(1322));
        assert_eq!(code_with(&["contact_email"], json!(null)), Some(1331));
        assert_eq!(code_with(&["contact_email"], json!(format!("{}@a.test", "a".repeat(95)))), Some(1332));
        assert_eq!(code_with(&["contact_email"], json!(5)), Some(1334));
        assert_eq!(code_with(&["office_address"], json!(null)), Some(1341));
        assert_eq!(code_with(&["office_address"], json!("1 Main St")), Some(1341));
        assert_eq!(code_with(&["office_address", "address_1"], json!(null)), Some(1342));
        assert_eq!(code_with(&["office_address", "address_1"], json!(1)), Some(1343));
        assert_eq!(code_with(&["office_address", "address_2"], json!(1)), Some(1344));
        assert_eq!(code_with(&["office_address", "address_3"], json!(1)), Some(1345));
        assert_eq!(code_with(&["office_address", "city"], json!(null)), Some(1353));
        assert_eq!(code_with(&["office_address", "city"], json!(1)), Some(1354));
        assert_eq!(code_with(&["office_address", "country_id"], json!(null)), Some(1355));
        assert_eq!(code_with(&["office_address", "state"], json!(1)), Some(1356));
        assert_eq!(code_with(&["billing_address"], json!({"address_1": 1})), Some(1371));
        assert_eq!(code_with(&["billing_address"], json!({"address_2": 1})), Some(1372));
        assert_eq!(code_with(&["billing_address"], json!({"address_3": 1})), Some(1373));
        assert_eq!(code_with(&["billing_address"], json!({"city": 1})), Some(1380));
        assert_eq!(code_with(&["billing_address"], json!({"state": 1})), Some(1381));
        assert_eq!(code_with(&["billing_address"], json!(5)), Some(1371));
        assert_eq!(code_with(&["status"], json!("Z")), Some(1391));
    }

    #[test]
    fn update_get_list() {
        let r = update("c1", &CustomerInput::read(&json!({"status": "S"})).unwrap()).unwrap();
        assert_eq!((r.path.as_str(), r.body.unwrap()), ("/customers/c1", json!({"status": "S"})));
        assert!(update("c1", &CustomerInput::read(&json!({})).unwrap()).is_err());
        assert_eq!(get("c1").unwrap().path, "/customers/c1");
        let q = super::super::list::check(
            Some(&json!({"from_join_dt": "2026-01-01", "search_by": "status", "search_string": "A"})),
            &LIST,
        )
        .unwrap();
        assert_eq!(
            super::super::list::request(&LIST, &q).path_and_query(),
            "/customers?search_by=status&search_string=A&from_join_dt=2026-01-01"
        );
    }

    #[test]
    fn reader_agrees_with_deserialize() {
        let v = valid();
        assert_eq!(CustomerInput::read(&v).unwrap(), serde_json::from_value::<CustomerInput>(v).unwrap());
    }
}
