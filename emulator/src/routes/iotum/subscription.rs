//! Products and subscriptions: fetch_products, create, update (PUT), suspend, reactivate,
//! cancel, suspend_all, reactivate_all, fetch.

use super::schema::{self as s};
use super::{doc, post_route, run, Allowed, Ctx, Error, Outcome, Reply, Store, Subscription, AUTHED};
use crate::area::Route;
use crate::state::{App, Data};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::routing::{post, put};
use serde_json::{json, Value};

/// Status of a subscription that is on.
pub const ACTIVE: &str = "Active";
/// Status of a suspended subscription.
pub const SUSPENDED: &str = "Suspended";
/// Status of a cancelled subscription (never answered).
pub const CANCELLED: &str = "Cancelled";

/// The routes of this section.
pub fn routes() -> Vec<Route> {
    let by_slug = || s::authed(vec![("company_id", s::id(5)), ("slug", s::text())], &["company_id", "slug"]);
    let by_company = || s::authed(vec![("company_id", s::id(5))], &["company_id"]);
    let one = |path, handler, id, summary, body, status: u16| {
        let ok = s::ok_string();
        let mut d = doc(id, summary, body, ok, status, AUTHED);
        // "OK" is a body even with 202.
        d.ok_media = None;
        post_route(path, handler, d)
    };
    vec![
        post_route(
            &["/subscription/fetch_products"],
            post(fetch_products),
            doc(
                "iotumSubscriptionFetchProducts",
                "The reseller's products (plans and add-ons)",
                s::authed(vec![("include_description", s::boolean())], &[]),
                s::array(s::object(
                    vec![
                        ("slug", s::string()),
                        ("name", s::string()),
                        ("plan", s::boolean()),
                        ("description", s::string()),
                    ],
                    &["slug", "name", "plan"],
                )),
                200,
                AUTHED,
            ),
        ),
        one(
            &["/subscription/create"],
            post(create),
            "iotumSubscriptionCreate",
            "Subscribe a company to a plan or add-on (a plan replaces the current plan unless switch_plan is null)",
            s::authed(
                vec![
                    ("company_id", s::id(5)),
                    ("slug", s::text()),
                    ("switch_plan", s::any()),
                    ("host_limit", s::count()),
                    ("subscribe_all_hosts", s::boolean()),
                ],
                &["company_id", "slug"],
            ),
            200,
        ),
        Route {
            method: Method::PUT,
            paths: &["/subscription/update"],
            handler: put(update),
            doc: {
                let mut d = doc(
                    "iotumSubscriptionUpdate",
                    "Set a subscription's host limit",
                    s::authed(
                        vec![("company_id", s::id(5)), ("slug", s::text()), ("host_limit", s::count())],
                        &["company_id", "slug", "host_limit"],
                    ),
                    s::ok_string(),
                    200,
                    AUTHED,
                );
                d.ok_media = None;
                d
            },
        },
        one(
            &["/subscription/suspend"],
            post(suspend),
            "iotumSubscriptionSuspend",
            "Suspend a subscription (ResellerAdmin only)",
            by_slug(),
            200,
        ),
        one(
            &["/subscription/reactivate"],
            post(reactivate),
            "iotumSubscriptionReactivate",
            "Reactivate a suspended subscription (ResellerAdmin only)",
            by_slug(),
            200,
        ),
        one(
            &["/subscription/cancel"],
            post(cancel),
            "iotumSubscriptionCancel",
            "Cancel a subscription for good (ResellerAdmin only)",
            by_slug(),
            200,
        ),
        one(
            &["/subscription/suspend_all"],
            post(suspend_all),
            "iotumSubscriptionSuspendAll",
            "Suspend every active subscription of a company (202; ResellerAdmin only)",
            by_company(),
            202,
        ),
        one(
            &["/subscription/reactivate_all"],
            post(reactivate_all),
            "iotumSubscriptionReactivateAll",
            "Reactivate every suspended subscription of a company (202; ResellerAdmin only)",
            by_company(),
            202,
        ),
        post_route(
            &["/subscription/fetch"],
            post(fetch),
            doc(
                "iotumSubscriptionFetch",
                "A company's subscriptions, cancelled ones left out (ResellerAdmin only)",
                by_company(),
                s::array(s::object(
                    vec![
                        ("id", s::count()),
                        ("status", s::one_of(&[ACTIVE, SUSPENDED])),
                        ("host_limit", s::any()),
                        ("product", s::any_object()),
                    ],
                    &["id", "status", "product"],
                )),
                200,
                AUTHED,
            ),
        ),
    ]
}

fn ok_string(status: StatusCode) -> Reply {
    Reply::Json(status, json!("OK"))
}

async fn fetch_products(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let with_description = ctx.fields.opt_bool("include_description")?.unwrap_or(false);
        let data = ctx.app.read();
        let all: Vec<Value> = data
            .iotum
            .products
            .iter()
            .map(|p| {
                let mut v = json!({ "slug": p.slug, "name": p.name, "plan": p.plan });
                if with_description {
                    v["description"] = json!(p.description);
                }
                v
            })
            .collect();
        Ok(Reply::ok(Value::Array(all)))
    })
}

/// The company's live (not cancelled) subscription to `slug`, as an index into the store.
fn live(store: &Store, company_id: u64, slug: &str) -> Option<usize> {
    store.subscriptions.iter().position(|s| s.company_id == company_id && s.slug == slug && s.status != CANCELLED)
}

/// Raises a subscription's host limit to the number of hosts assigned to it.
pub fn fit_host_limits(store: &mut Store) {
    let counts: Vec<(u64, u64)> = store
        .subscriptions
        .iter()
        .map(|s| (s.id, store.hosts.iter().filter(|h| h.subscription_ids.contains(&s.id)).count() as u64))
        .collect();
    for (id, n) in counts {
        if let Some(s) = store.subscriptions.iter_mut().find(|s| s.id == id) {
            if let Some(limit) = &mut s.host_limit {
                *limit = (*limit).max(n);
            }
        }
    }
}

/// Ends subscription `id`: cancelled, and no host keeps it.
fn end(store: &mut Store, id: u64) {
    if let Some(s) = store.subscriptions.iter_mut().find(|s| s.id == id) {
        s.status = CANCELLED.into();
    }
    for h in &mut store.hosts {
        h.subscription_ids.retain(|s| *s != id);
    }
}

async fn create(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| -> Outcome {
        let f = &ctx.fields;
        let slug = f.str("slug")?;
        let host_limit = f.opt_count("host_limit")?;
        let all_hosts = f.opt_bool("subscribe_all_hosts")?.unwrap_or(true);
        // Omitted: switch the current plan(s); null: add beside them; an id: replace that plan.
        let switch = match f.0.get("switch_plan") {
            None => Switch::Current,
            Some(Value::Null) => Switch::Keep,
            Some(_) => Switch::Plan(f.id("switch_plan")?),
        };
        ctx.app.mutate(|data| {
            let company = ctx.named_company(data)?.id;
            let store = &mut data.iotum;
            let product = store.product(&slug).ok_or_else(|| Error::invalid("Product not found"))?.clone();
            if live(store, company, &slug).is_some() {
                return Err(Error::invalid(format!("The company is already subscribed to {slug}")));
            }
            let plans = |store: &Store| -> Vec<u64> {
                store
                    .subscriptions
                    .iter()
                    .filter(|s| s.company_id == company && s.status != CANCELLED)
                    .filter(|s| store.product(&s.slug).is_some_and(|p| p.plan))
                    .map(|s| s.id)
                    .collect()
            };
            let replaced: Vec<u64> = match (product.plan, switch) {
                (false, _) | (true, Switch::Keep) => vec![],
                (true, Switch::Current) => plans(store),
                (true, Switch::Plan(id)) => {
                    if !plans(store).contains(&id) {
                        return Err(Error::invalid("switch_plan is not a current plan of the company"));
                    }
                    vec![id]
                }
            };
            let id = store.new_id();
            store.subscriptions.push(Subscription { id, company_id: company, slug, status: ACTIVE.into(), host_limit });
            for h in store.hosts.iter_mut().filter(|h| h.company_id == company) {
                let had_replaced = h.subscription_ids.iter().any(|s| replaced.contains(s));
                if all_hosts || had_replaced {
                    h.subscription_ids.push(id);
                }
            }
            for old in replaced {
                end(store, old);
            }
            fit_host_limits(store);
            Ok(ok_string(StatusCode::OK))
        })
    })
}

/// What subscription/create does with the company's current plans.
#[derive(Debug, Clone, Copy)]
enum Switch {
    /// `switch_plan` omitted: they are replaced.
    Current,
    /// `switch_plan: null`: they stay.
    Keep,
    /// `switch_plan: id`: that one is replaced.
    Plan(u64),
}

/// The live subscription named by `company_id` and `slug` (404 "Subscription not found").
fn named(ctx: &Ctx, data: &Data) -> Result<usize, Error> {
    let slug = ctx.fields.str("slug")?;
    let company = ctx.named_company(data)?.id;
    live(&data.iotum, company, &slug).ok_or_else(|| Error::not_found("Subscription"))
}

async fn update(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let limit = ctx.fields.opt_count("host_limit")?.ok_or_else(|| Error::required("host_limit"))?;
        ctx.app.mutate(|data| {
            let i = named(ctx, data)?;
            data.iotum.subscriptions[i].host_limit = Some(limit);
            Ok(ok_string(StatusCode::OK))
        })
    })
}

/// suspend / reactivate: from `from` to `to`, else 422 `wrong`.
fn switch_status(ctx: &Ctx, from: &str, to: &str, wrong: &str) -> Outcome {
    ctx.app.mutate(|data| {
        let i = named(ctx, data)?;
        let sub = &mut data.iotum.subscriptions[i];
        if sub.status != from {
            return Err(Error::invalid(wrong));
        }
        sub.status = to.into();
        Ok(ok_string(StatusCode::OK))
    })
}

async fn suspend(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| switch_status(ctx, ACTIVE, SUSPENDED, "The subscription is not active"))
}

async fn reactivate(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| {
        switch_status(ctx, SUSPENDED, ACTIVE, "The subscription is not suspended")
    })
}

async fn cancel(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| {
        ctx.app.mutate(|data| {
            let i = named(ctx, data)?;
            let id = data.iotum.subscriptions[i].id;
            end(&mut data.iotum, id);
            Ok(ok_string(StatusCode::OK))
        })
    })
}

/// suspend_all / reactivate_all: every subscription of the company in `from` goes to `to`.
fn switch_all(ctx: &Ctx, from: &str, to: &str) -> Outcome {
    ctx.app.mutate(|data| {
        let company = ctx.named_company(data)?.id;
        for s in data.iotum.subscriptions.iter_mut().filter(|s| s.company_id == company && s.status == from) {
            s.status = to.into();
        }
        Ok(ok_string(StatusCode::ACCEPTED))
    })
}

async fn suspend_all(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| switch_all(ctx, ACTIVE, SUSPENDED))
}

async fn reactivate_all(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| switch_all(ctx, SUSPENDED, ACTIVE))
}

async fn fetch(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| {
        let data = ctx.app.read();
        let company = ctx.named_company(&data)?.id;
        let store = &data.iotum;
        let all: Vec<Value> = store
            .subscriptions
            .iter()
            .filter(|s| s.company_id == company && s.status != CANCELLED)
            .map(|s| {
                let p = store.product(&s.slug);
                json!({
                    "id": s.id,
                    "status": s.status,
                    "host_limit": s.host_limit,
                    "product": {
                        "slug": s.slug,
                        "name": p.map(|p| p.name.as_str()),
                        "plan": p.is_some_and(|p| p.plan),
                    },
                })
            })
            .collect();
        Ok(Reply::ok(Value::Array(all)))
    })
}
