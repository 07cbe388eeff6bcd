//! Companies (customers of a reseller): create, fetch, update, fetch_all, delete.

use super::schema::{self as s};
use super::{doc, post_route, run, Allowed, Company, Ctx, Error, Outcome, Reply, Store, AUTHED};
use crate::area::Route;
use crate::state::{App, Data};
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use serde_json::{json, Value};

/// The routes of this section.
pub fn routes() -> Vec<Route> {
    let fields = || {
        vec![
            ("subdomain", s::pattern("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")),
            ("name", s::text()),
            ("partner_id", s::count()),
            ("customer_id", s::string()),
            ("openid_provider", s::boolean()),
            ("primary_color", s::pattern("^#[0-9a-fA-F]{6}$")),
            ("accent_color", s::pattern("^#[0-9a-fA-F]{6}$")),
            ("currency", s::pattern("^[a-z]{3}$")),
        ]
    };
    let mut update = fields();
    update.insert(0, ("company_id", s::id(5)));
    vec![
        post_route(
            &["/company/create"],
            post(create),
            doc(
                "iotumCompanyCreate",
                "Create a company in the caller's reseller domain (ResellerAdmin only)",
                s::authed(fields(), &["subdomain", "name"]),
                s::object(vec![("id", s::count())], &["id"]),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/company/fetch"],
            post(fetch),
            doc(
                "iotumCompanyFetch",
                "A company's details (ResellerAdmin)",
                s::authed(vec![("company_id", s::id(5))], &["company_id"]),
                details_schema(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/company/update"],
            post(update_company),
            doc(
                "iotumCompanyUpdate",
                "Change a company's subdomain, name, partner_id or customer_id (ResellerAdmin only)",
                s::authed(update, &["company_id"]),
                details_schema(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/company/fetch_all"],
            post(fetch_all),
            doc(
                "iotumCompanyFetchAll",
                "Every company of the caller's reseller domain (ResellerAdmin)",
                s::authed(vec![], &[]),
                s::array(s::object(
                    vec![
                        ("subdomain", s::string()),
                        ("name", s::string()),
                        ("host_count", s::int()),
                        ("hosts", s::ids()),
                        ("openid_provider", s::boolean()),
                    ],
                    &["subdomain", "name", "host_count", "hosts", "openid_provider"],
                )),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/company/delete"],
            post(delete),
            doc(
                "iotumCompanyDelete",
                "Delete a company: its subscriptions end, its hosts go (ResellerAdmin)",
                s::authed(vec![("company_id", s::id_or_digits(6))], &["company_id"]),
                s::ok_message(),
                200,
                AUTHED,
            ),
        ),
    ]
}

fn details_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    s::object(
        vec![
            ("subdomain", s::string()),
            ("name", s::string()),
            ("host_count", s::int()),
            ("hosts", s::ids()),
            ("customer_id", s::any()),
            ("partner_id", s::any()),
        ],
        &["subdomain", "name", "host_count", "hosts"],
    )
}

/// The hosts of company `id`.
fn hosts(store: &Store, id: u64) -> Vec<u64> {
    store.hosts.iter().filter(|h| h.company_id == id).map(|h| h.id).collect()
}

/// The answer of fetch and update.
fn details(store: &Store, c: &Company) -> Value {
    let hosts = hosts(store, c.id);
    json!({
        "subdomain": c.subdomain,
        "name": c.name,
        "host_count": hosts.len(),
        "hosts": hosts,
        "customer_id": c.customer_id,
        "partner_id": c.partner_id,
    })
}

/// A subdomain the API takes: lower-case letters, digits and inner hyphens, 1 to 63.
fn check_subdomain(sub: &str) -> Result<(), Error> {
    let ok = !sub.is_empty()
        && sub.len() <= 63
        && sub.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !sub.starts_with('-')
        && !sub.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid("Subdomain is invalid"))
    }
}

/// The optional fields both create and update take, checked, applied to `c`.
fn apply(ctx: &Ctx, data: &Data, c: &mut Company) -> Result<(), Error> {
    let f = &ctx.fields;
    if let Some(sub) = f.opt_str("subdomain")? {
        check_subdomain(&sub)?;
        let taken =
            data.iotum.companies.iter().any(|o| o.id != c.id && o.domain_id == c.domain_id && o.subdomain == sub);
        if taken {
            return Err(Error::invalid("Subdomain has already been taken"));
        }
        c.subdomain = sub;
    }
    if let Some(name) = f.opt_str("name")? {
        if name.is_empty() {
            return Err(Error::required("name"));
        }
        c.name = name;
    }
    if let Some(p) = f.opt_id("partner_id")? {
        c.partner_id = Some(p);
    }
    if let Some(v) = f.opt_str("customer_id")? {
        c.customer_id = Some(v);
    }
    if let Some(v) = f.opt_bool("openid_provider")? {
        c.openid_provider = v;
    }
    for (key, slot) in
        [("primary_color", &mut c.primary_color), ("accent_color", &mut c.accent_color), ("currency", &mut c.currency)]
    {
        if let Some(v) = f.opt_str(key)? {
            let ok = if key == "currency" {
                v.len() == 3 && v.bytes().all(|b| b.is_ascii_lowercase())
            } else {
                v.len() == 7 && v.starts_with('#') && v[1..].bytes().all(|b| b.is_ascii_hexdigit())
            };
            if !ok {
                return Err(Error::invalid(format!("{key} is invalid")));
            }
            *slot = Some(v);
        }
    }
    Ok(())
}

async fn create(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| -> Outcome {
        ctx.fields.str("subdomain")?;
        ctx.fields.str("name")?;
        ctx.app.mutate(|data| {
            let mut c = Company {
                id: 0,
                domain_id: ctx.caller.domain_id,
                subdomain: String::new(),
                name: String::new(),
                customer_id: None,
                partner_id: None,
                openid_provider: false,
                primary_color: None,
                accent_color: None,
                currency: None,
                deleted: false,
            };
            apply(ctx, data, &mut c)?;
            c.id = data.iotum.new_id();
            let id = c.id;
            data.iotum.companies.push(c);
            Ok(Reply::ok(json!({ "id": id })))
        })
    })
}

async fn fetch(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| {
        let data = ctx.app.read();
        let c = ctx.named_company(&data)?;
        Ok(Reply::ok(details(&data.iotum, c)))
    })
}

async fn update_company(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| {
        ctx.app.mutate(|data| {
            let mut c = ctx.named_company(data)?.clone();
            apply(ctx, data, &mut c)?;
            let answer = details(&data.iotum, &c);
            if let Some(slot) = data.iotum.companies.iter_mut().find(|o| o.id == c.id) {
                *slot = c;
            }
            Ok(Reply::ok(answer))
        })
    })
}

async fn fetch_all(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| {
        let data = ctx.app.read();
        let all: Vec<Value> = data
            .iotum
            .companies
            .iter()
            .filter(|c| !c.deleted && ctx.sees_company(&data, c))
            .map(|c| {
                let hosts = hosts(&data.iotum, c.id);
                json!({
                    "subdomain": c.subdomain,
                    "name": c.name,
                    "host_count": hosts.len(),
                    "hosts": hosts,
                    "openid_provider": c.openid_provider,
                })
            })
            .collect();
        Ok(Reply::ok(Value::Array(all)))
    })
}

async fn delete(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| {
        let id = ctx.fields.id_or_digits("company_id")?;
        if id == ctx.caller.company_id {
            return Err(Error::invalid("A company cannot delete itself"));
        }
        ctx.app.mutate(|data| {
            ctx.company(data, id)?;
            let store = &mut data.iotum;
            if let Some(c) = store.companies.iter_mut().find(|c| c.id == id) {
                c.deleted = true;
            }
            for s in store.subscriptions.iter_mut().filter(|s| s.company_id == id) {
                s.status = "Cancelled".into();
            }
            let gone: Vec<u64> = hosts(store, id);
            store.hosts.retain(|h| h.company_id != id);
            store.api_tokens.retain(|t| !gone.contains(&t.host_id));
            store.contacts.retain(|c| c.company_id != Some(id) && !c.host_id.is_some_and(|h| gone.contains(&h)));
            Ok(Reply::ok_message())
        })
    })
}
