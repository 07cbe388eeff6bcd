//! Contacts of a host (`host_id`) or of a company (`company_id`; a CompanyAdmin's own company
//! when neither is given): create (several at once), fetch, fetch_all, update, delete.

use super::schema::{self as s, Prop};
use super::{doc, post_route, run, Allowed, Ctx, Error, Fields, Outcome, Reply, Role, AUTHED};
use crate::area::Route;
use crate::state::{App, Data};
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A contact.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    /// Id.
    pub id: u64,
    /// The host whose contact it is (else a company-level one).
    #[serde(default)]
    pub host_id: Option<u64>,
    /// The company whose company-level contact it is.
    #[serde(default)]
    pub company_id: Option<u64>,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Phones.
    #[serde(default)]
    pub business_phone: Option<String>,
    /// See `business_phone`.
    #[serde(default)]
    pub mobile_phone: Option<String>,
    /// See `business_phone`.
    #[serde(default)]
    pub home_phone: Option<String>,
    /// See `business_phone`.
    #[serde(default)]
    pub other_phone: Option<String>,
    /// IANA zone.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Whether it is a host's own contact details.
    #[serde(default)]
    pub has_host: bool,
}

impl Contact {
    /// The contact structure of the answers.
    pub fn json(&self) -> Value {
        json!({
            "contact_id": self.id,
            "name": self.name,
            "email": self.email,
            "business_phone": self.business_phone,
            "mobile_phone": self.mobile_phone,
            "home_phone": self.home_phone,
            "other_phone": self.other_phone,
            "time_zone": self.time_zone,
            "has_host": self.has_host,
        })
    }
}

const PHONES: [&str; 4] = ["business_phone", "mobile_phone", "home_phone", "other_phone"];

fn contact_props() -> Vec<Prop> {
    let mut p = vec![("name", s::text()), ("email", s::pattern("^[^@\\s]+@[^@\\s]+$"))];
    p.extend(PHONES.iter().map(|k| (*k, s::string())));
    p.push(("time_zone", s::text()));
    p
}

/// The routes of this section.
pub fn routes() -> Vec<Route> {
    let owner = |mut extra: Vec<Prop>, required: &[&str]| {
        extra.insert(0, ("host_id", s::id(10)));
        extra.insert(1, ("company_id", s::id(5)));
        s::authed(extra, required)
    };
    let mut update = contact_props();
    update.insert(0, ("contact_id", s::id(35)));
    let contact = || s::any_object();
    vec![
        post_route(
            &["/contact/create"],
            post(create),
            doc(
                "iotumContactCreate",
                "Create contacts of a host or a company",
                owner(vec![("contacts", s::array(s::object(contact_props(), &["name", "email"])))], &["contacts"]),
                s::array(contact()),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/contact/fetch"],
            post(fetch),
            doc(
                "iotumContactFetch",
                "A contact of a host or a company",
                owner(vec![("contact_id", s::id(35))], &["contact_id"]),
                contact(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/contact/fetch_all"],
            post(fetch_all),
            doc(
                "iotumContactFetchAll",
                "Every contact of a host or a company",
                owner(vec![], &[]),
                s::array(contact()),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/contact/update"],
            post(update_contact),
            doc(
                "iotumContactUpdate",
                "Change a contact; omitted properties stay",
                owner(update, &["contact_id"]),
                contact(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/contact/delete"],
            post(delete),
            doc(
                "iotumContactDelete",
                "Delete a contact",
                owner(vec![("contact_id", s::id(37))], &["contact_id"]),
                s::ok_message(),
                200,
                AUTHED,
            ),
        ),
    ]
}

/// Whose contacts a request is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A host's.
    Host(u64),
    /// A company's company-level ones.
    Company(u64),
}

impl Owner {
    fn owns(self, c: &Contact) -> bool {
        match self {
            Owner::Host(h) => c.host_id == Some(h),
            Owner::Company(id) => c.host_id.is_none() && c.company_id == Some(id),
        }
    }
}

/// `host_id` if given, else `company_id`, else (a CompanyAdmin) the caller's company; in scope.
fn owner(ctx: &Ctx, data: &Data) -> Result<Owner, Error> {
    if ctx.fields.get("host_id").is_some() {
        return Ok(Owner::Host(ctx.named_host(data)?.id));
    }
    match (ctx.fields.opt_id("company_id")?, ctx.caller.role) {
        (Some(id), _) => Ok(Owner::Company(ctx.company(data, id)?.id)),
        (None, Role::CompanyAdmin) => Ok(Owner::Company(ctx.caller.company_id)),
        (None, _) => Err(Error::invalid("host_id or company_id is required")),
    }
}

/// The contact `contact_id` of `owner` (404 "Contact not found").
fn index(ctx: &Ctx, data: &Data, owner: Owner) -> Result<usize, Error> {
    let id = ctx.fields.id("contact_id")?;
    data.iotum.contacts.iter().position(|c| c.id == id && owner.owns(c)).ok_or_else(|| Error::not_found("Contact"))
}

/// Checks and applies the contact fields of `fields` to `c`.
fn apply(fields: &Fields, c: &mut Contact) -> Result<(), Error> {
    if let Some(name) = fields.opt_str("name")? {
        if name.is_empty() {
            return Err(Error::required("name"));
        }
        c.name = name;
    }
    if let Some(email) = fields.opt_str("email")? {
        if !email.split_once('@').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !b.contains('@')) {
            return Err(Error::invalid("Email is invalid"));
        }
        c.email = email;
    }
    for (key, slot) in
        PHONES.into_iter().zip([&mut c.business_phone, &mut c.mobile_phone, &mut c.home_phone, &mut c.other_phone])
    {
        if let Some(v) = fields.opt_str(key)? {
            *slot = Some(v);
        }
    }
    if let Some(tz) = fields.opt_str("time_zone")? {
        super::times::zone(&tz)?;
        c.time_zone = Some(tz);
    }
    Ok(())
}

async fn create(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| -> Outcome {
        let items: Vec<Map<String, Value>> = match ctx.fields.get("contacts") {
            None => return Err(Error::required("contacts")),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| i.as_object().cloned().ok_or_else(|| Error::invalid("contacts must be an array of objects")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(Error::invalid("contacts must be an array of objects")),
        };
        ctx.app.mutate(|data| {
            let owner = owner(ctx, data)?;
            let mut made = Vec::new();
            for item in &items {
                let fields = Fields(item);
                fields.str("name")?;
                fields.str("email")?;
                let (host_id, company_id) = match owner {
                    Owner::Host(h) => (Some(h), data.iotum.host(h).map(|h| h.company_id)),
                    Owner::Company(c) => (None, Some(c)),
                };
                let mut c = Contact {
                    id: 0,
                    host_id,
                    company_id,
                    name: String::new(),
                    email: String::new(),
                    business_phone: None,
                    mobile_phone: None,
                    home_phone: None,
                    other_phone: None,
                    time_zone: None,
                    has_host: false,
                };
                apply(&fields, &mut c)?;
                made.push(c);
            }
            for c in &mut made {
                c.id = data.iotum.new_id();
            }
            let answer: Vec<Value> = made.iter().map(Contact::json).collect();
            data.iotum.contacts.extend(made);
            Ok(Reply::ok(Value::Array(answer)))
        })
    })
}

async fn fetch(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let data = ctx.app.read();
        let owner = owner(ctx, &data)?;
        let i = index(ctx, &data, owner)?;
        Ok(Reply::ok(data.iotum.contacts[i].json()))
    })
}

async fn fetch_all(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let data = ctx.app.read();
        let owner = owner(ctx, &data)?;
        let all: Vec<Value> = data.iotum.contacts.iter().filter(|c| owner.owns(c)).map(Contact::json).collect();
        Ok(Reply::ok(Value::Array(all)))
    })
}

async fn update_contact(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.app.mutate(|data| {
            let owner = owner(ctx, data)?;
            let i = index(ctx, data, owner)?;
            let mut c = data.iotum.contacts[i].clone();
            apply(&ctx.fields, &mut c)?;
            let mut answer = c.json();
            // The document's update answer has no has_host.
            answer.as_object_mut().map(|m| m.remove("has_host"));
            data.iotum.contacts[i] = c;
            Ok(Reply::ok(answer))
        })
    })
}

async fn delete(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.app.mutate(|data| {
            let owner = owner(ctx, data)?;
            let i = index(ctx, data, owner)?;
            let id = data.iotum.contacts.remove(i).id;
            for conf in &mut data.iotum.conferences {
                conf.participants.retain(|p| *p != id);
            }
            Ok(Reply::ok_message())
        })
    })
}
