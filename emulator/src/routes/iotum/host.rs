//! Hosts: create, fetch, update, delete, resend_invitation, reset_password, fetch_all (the
//! history routes conferences, cdrs and active_calls are in [`super::history`]).

use super::schema::{self as s, Prop};
use super::subscription::{fit_host_limits, CANCELLED};
use super::{doc, post_route, run, Allowed, Ctx, Error, Host, Outcome, Reply, Role, Store, AUTHED};
use crate::area::Route;
use crate::state::{App, Data};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use serde_json::{json, Value};

const ROLES: &[&str] = &["RESELLER_ADMIN", "COMPANY_ADMIN", "HOST"];

/// The routes of this section.
pub fn routes() -> Vec<Route> {
    let settable = || -> Vec<Prop> {
        vec![
            ("name", s::text()),
            ("email", s::pattern("^[^@\\s]+@[^@\\s]+$")),
            ("role", s::one_of(ROLES)),
            ("openid_sub", s::string()),
            ("subscription_ids", s::ids()),
            ("plan_slug", s::text()),
            ("add_on_slugs", s::array(s::string())),
            ("moderator_pin", s::id(9_876_543)),
            ("access_code", s::id(1_234_567)),
            ("disable_emails", s::any_object()),
            ("time_format", s::any_object()),
            ("locale", s::text()),
            ("country_code", s::pattern("^[A-Z]{2}$")),
            ("time_zone", s::text()),
        ]
    };
    let mut create = settable();
    create.extend([
        ("company_id", s::id(5)),
        ("password", s::string()),
        ("no_welcome_email", s::boolean()),
        ("no_login", s::boolean()),
    ]);
    let mut update = settable();
    update.insert(0, ("host_id", s::id(10)));
    let by_host = || s::authed(vec![("host_id", s::id(10))], &["host_id"]);
    vec![
        post_route(
            &["/host/create"],
            post(create_host),
            doc(
                "iotumHostCreate",
                "Create a host (company_id required of a ResellerAdmin, ignored for a CompanyAdmin)",
                s::authed(create, &["name", "email"]),
                s::any_object(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/host/fetch"],
            post(fetch),
            doc("iotumHostFetch", "A host's details", by_host(), s::any_object(), 200, AUTHED),
        ),
        post_route(
            &["/host/update"],
            post(update_host),
            doc(
                "iotumHostUpdate",
                "Change a host; omitted properties stay",
                s::authed(update, &["host_id"]),
                s::any_object(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/host/delete"],
            post(delete),
            doc("iotumHostDelete", "Delete a host (202, no body)", by_host(), s::any(), 202, AUTHED),
        ),
        post_route(
            &["/host/resend_invitation"],
            post(resend_invitation),
            doc(
                "iotumHostResendInvitation",
                "Send the host's welcome mail again (to the emulator's outbox)",
                by_host(),
                s::ok_message(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/host/reset_password"],
            post(reset_password),
            doc(
                "iotumHostResetPassword",
                "Send the host a password reset mail (to the emulator's outbox)",
                by_host(),
                s::ok_message(),
                200,
                AUTHED,
            ),
        ),
        post_route(
            &["/host/fetch_all"],
            post(fetch_all),
            doc(
                "iotumHostFetchAll",
                "A summary of every host of a company (access_code a string here)",
                s::authed(vec![("company_id", s::id(5))], &[]),
                s::array(s::any_object()),
                200,
                AUTHED,
            ),
        ),
    ]
}

/// A number object of host/fetch (`access_code`, `moderator_pin`): `.number` and the nulls the
/// document lists for strict deserializers.
fn number_object(number: &str) -> Value {
    json!({
        "number": number, "id": null, "participant_id": null, "lock_version": null, "updated_at": null,
        "conference_call_id": null, "person_id": null, "account_id": null, "recording_id": null,
        "site_domain_id": null, "organization_id": null,
    })
}

/// The products a host's subscriptions are to: the plan's slug and the add-ons'.
fn slugs(store: &Store, h: &Host) -> (Option<String>, Vec<String>) {
    let mut plan = None;
    let mut add_ons = Vec::new();
    for s in store.subscriptions.iter().filter(|s| h.subscription_ids.contains(&s.id)) {
        match store.product(&s.slug) {
            Some(p) if p.plan => plan = plan.or(Some(p.slug.clone())),
            _ => add_ons.push(s.slug.clone()),
        }
    }
    (plan, add_ons)
}

/// The meeting URL of a host.
pub fn meeting_url(store: &Store, h: &Host) -> String {
    format!("{}/conf/call/{}", store.company_origin(h.company_id), h.access_code)
}

/// The answer of host/create, fetch and update.
pub fn details(store: &Store, h: &Host) -> Value {
    let (plan, add_ons) = slugs(store, h);
    let origin = store.company_origin(h.company_id);
    json!({
        "host_id": h.id,
        "company_id": h.company_id,
        "name": h.name,
        "email": h.email,
        "primary_dialin_number": {
            "phone_number": "14165551234", "domestic_format": "(416) 555-1234",
            "international_format": "+1 416-555-1234", "country_code": "CA", "location": "Toronto",
            "id": null, "created_at": null, "updated_at": null, "feature_id": null, "locale": null,
            "carrier": null, "state": null, "billing_group": null, "display": null, "organization_id": null,
            "grouped_billing_id": null, "site_domain_id": null, "billing_code": null, "active": null,
            "referral_number": null,
        },
        "meeting_url": meeting_url(store, h),
        "role": h.role.name(),
        "openid_sub": h.openid_sub,
        "access_code": number_object(&h.access_code),
        "moderator_pin": number_object(&h.moderator_pin),
        "password_creation_link": format!("{origin}/users/password/new?host_id={}", h.id),
        "login_token_public_key": format!("{:016x}", h.id.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
        "plan_slug": plan,
        "add_on_slugs": add_ons,
        "subscription_ids": h.subscription_ids,
        "sip_uri": null,
        "disable_emails": h.disable_emails,
        "time_format": h.time_format,
        "locale": h.locale,
        "country_code": h.country_code,
        "time_zone": h.time_zone,
    })
}

/// The fields create and update share, checked and applied to `h` (of company `h.company_id`).
fn apply(ctx: &Ctx, data: &Data, h: &mut Host) -> Result<(), Error> {
    let f = &ctx.fields;
    let store = &data.iotum;
    if let Some(name) = f.opt_str("name")? {
        if name.is_empty() {
            return Err(Error::required("name"));
        }
        h.name = name;
    }
    let no_login = f.opt_bool("no_login")?.unwrap_or(h.no_login);
    h.no_login = no_login;
    if let Some(email) = f.opt_str("email")? {
        let email = email.trim().to_ascii_lowercase();
        let valid = email.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@'));
        if !valid {
            return Err(Error::invalid("Email is invalid"));
        }
        if !no_login && store.hosts.iter().any(|o| o.id != h.id && !o.no_login && o.email == email) {
            return Err(Error::invalid("Email has already been taken"));
        }
        h.email = email;
    }
    if let Some(role) = f.opt_enum("role", ROLES)? {
        let role = match role.as_str() {
            "RESELLER_ADMIN" => Role::ResellerAdmin,
            "COMPANY_ADMIN" => Role::CompanyAdmin,
            _ => Role::Host,
        };
        if role == Role::ResellerAdmin && ctx.caller.role != Role::ResellerAdmin {
            return Err(Error::beyond_scope());
        }
        h.role = role;
    }
    if let Some(sub) = f.opt_str("openid_sub")? {
        h.openid_sub = Some(sub);
    }
    for (key, slot) in [("access_code", &mut h.access_code), ("moderator_pin", &mut h.moderator_pin)] {
        if let Some(n) = f.opt_id(key)? {
            let code = n.to_string();
            if !(3..=9).contains(&code.len()) {
                return Err(Error::invalid(format!("{key} must have 3 to 9 digits")));
            }
            if *slot != code && store.code_taken(&code) {
                return Err(Error::invalid(format!("{key} is already taken")));
            }
            *slot = code;
        }
    }
    if h.access_code == h.moderator_pin {
        return Err(Error::invalid("access_code and moderator_pin must differ"));
    }
    let live = |id: u64| store.subscriptions.iter().find(|s| s.id == id && s.status != CANCELLED);
    if let Some(ids) = f.opt_ids("subscription_ids")? {
        if let Some(bad) = ids.iter().find(|id| live(**id).is_none_or(|s| s.company_id != h.company_id)) {
            return Err(Error::invalid(format!("Subscription {bad} does not belong to the company")));
        }
        h.subscription_ids = ids;
        h.subscription_ids.dedup();
    } else {
        let plan = f.opt_str("plan_slug")?;
        let add_ons = f.opt_strs("add_on_slugs")?;
        if plan.is_some() || add_ons.is_some() {
            let find = |slug: &str| {
                store
                    .subscriptions
                    .iter()
                    .find(|s| s.company_id == h.company_id && s.slug == slug && s.status != CANCELLED)
                    .map(|s| s.id)
                    .ok_or_else(|| Error::invalid(format!("The company has no subscription to {slug}")))
            };
            let mut ids = Vec::new();
            if let Some(p) = plan {
                ids.push(find(&p)?);
            }
            for a in add_ons.unwrap_or_default() {
                ids.push(find(&a)?);
            }
            h.subscription_ids = ids;
        }
    }
    if let Some(v) = f.opt_object("disable_emails")? {
        let mut merged = h.disable_emails.clone();
        for (k, v) in v {
            if !v.is_boolean() {
                return Err(Error::invalid(format!("disable_emails.{k} must be a boolean")));
            }
            merged[k] = v;
        }
        h.disable_emails = merged;
    }
    if let Some(v) = f.opt_object("time_format")? {
        let mut merged = h.time_format.clone();
        for (k, v) in v {
            merged[k] = v;
        }
        h.time_format = merged;
    }
    if let Some(v) = f.opt_str("locale")? {
        if v.is_empty() {
            return Err(Error::invalid("locale must not be empty"));
        }
        h.locale = v;
    }
    if let Some(v) = f.opt_str("country_code")? {
        if v.len() != 2 || !v.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid("country_code is invalid"));
        }
        h.country_code = v;
    }
    if let Some(v) = f.opt_str("time_zone")? {
        super::times::zone(&v)?;
        h.time_zone = v;
    }
    Ok(())
}

async fn create_host(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| -> Outcome {
        ctx.fields.str("name")?;
        ctx.fields.str("email")?;
        ctx.fields.opt_str("password")?;
        let quiet = ctx.fields.opt_bool("no_welcome_email")?.unwrap_or(false);
        ctx.app.mutate(|data| {
            let company = ctx.target_company(data)?.id;
            let store = &data.iotum;
            let plan = store
                .subscriptions
                .iter()
                .find(|s| {
                    s.company_id == company && s.status != CANCELLED && store.product(&s.slug).is_some_and(|p| p.plan)
                })
                .map(|s| s.id);
            let access_code = store.new_code(7);
            let mut moderator_pin = store.new_code(7);
            while moderator_pin == access_code {
                moderator_pin = store.new_code(7);
            }
            let mut h = Host {
                id: 0,
                company_id: company,
                name: String::new(),
                email: String::new(),
                role: Role::Host,
                access_code,
                moderator_pin,
                subscription_ids: plan.into_iter().collect(),
                openid_sub: None,
                locale: "en-US".into(),
                country_code: "US".into(),
                time_zone: "US/Eastern".into(),
                disable_emails: super::disable_emails(),
                time_format: super::time_format(),
                no_login: false,
            };
            apply(ctx, data, &mut h)?;
            h.id = data.iotum.new_id();
            if !quiet && !h.no_login {
                welcome(data, &h, ctx.now, "iotum_welcome");
            }
            data.iotum.hosts.push(h.clone());
            fit_host_limits(&mut data.iotum);
            Ok(Reply::ok(details(&data.iotum, &h)))
        })
    })
}

/// Puts the host's welcome (or password reset) mail in the outbox.
fn welcome(data: &mut Data, h: &Host, now: i64, kind: &str) {
    let origin = data.iotum.company_origin(h.company_id);
    let link = format!("{origin}/users/password/new?host_id={}", h.id);
    let (subject, body) = if kind == "iotum_password_reset" {
        ("Reset your password".to_string(), format!("Hello {}, reset your password at {link}", h.name))
    } else {
        ("Welcome to your meeting room".to_string(), format!("Hello {}, set your password at {link}", h.name))
    };
    data.send_mail(kind, &h.email, subject, body, json!({ "host_id": h.id, "link": link }), now);
}

async fn fetch(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let data = ctx.app.read();
        let h = ctx.named_host(&data)?;
        Ok(Reply::ok(details(&data.iotum, h)))
    })
}

async fn update_host(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.app.mutate(|data| {
            let mut h = ctx.named_host(data)?.clone();
            if h.role == Role::ResellerAdmin && ctx.caller.role != Role::ResellerAdmin {
                return Err(Error::beyond_scope());
            }
            apply(ctx, data, &mut h)?;
            if let Some(slot) = data.iotum.hosts.iter_mut().find(|o| o.id == h.id) {
                *slot = h.clone();
            }
            fit_host_limits(&mut data.iotum);
            Ok(Reply::ok(details(&data.iotum, &h)))
        })
    })
}

async fn delete(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        ctx.app.mutate(|data| {
            let h = ctx.named_host(data)?;
            if h.id == ctx.caller.host_id {
                return Err(Error::invalid("A host cannot delete itself"));
            }
            if h.role == Role::ResellerAdmin && ctx.caller.role != Role::ResellerAdmin {
                return Err(Error::beyond_scope());
            }
            let id = h.id;
            let store = &mut data.iotum;
            store.hosts.retain(|h| h.id != id);
            store.api_tokens.retain(|t| t.host_id != id);
            store.contacts.retain(|c| c.host_id != Some(id));
            store.drive_files.retain(|f| f.host_id != id);
            Ok(Reply::Empty(StatusCode::ACCEPTED))
        })
    })
}

async fn resend_invitation(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| mail(ctx, "iotum_welcome"))
}

async fn reset_password(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| mail(ctx, "iotum_password_reset"))
}

fn mail(ctx: &Ctx, kind: &str) -> Outcome {
    ctx.app.mutate(|data| {
        let h = ctx.named_host(data)?.clone();
        welcome(data, &h, ctx.now, kind);
        Ok(Reply::ok_message())
    })
}

async fn fetch_all(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Admins, |ctx| {
        let data = ctx.app.read();
        let company = ctx.target_company(&data)?.id;
        let store = &data.iotum;
        let all: Vec<Value> = store
            .hosts
            .iter()
            .filter(|h| h.company_id == company)
            .map(|h| {
                let (plan, add_ons) = slugs(store, h);
                json!({
                    "host_id": h.id,
                    "name": h.name,
                    "email": h.email,
                    "meeting_url": meeting_url(store, h),
                    "role": h.role.name(),
                    "access_code": h.access_code,
                    "plan_slug": plan,
                    "add_on_slugs": add_ons,
                })
            })
            .collect();
        Ok(Reply::ok(Value::Array(all)))
    })
}
