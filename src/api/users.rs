//! Users (`/users`): add, edit, get, list, and assign or revoke an application licence
//! (`PATCH` with `X-License: assign|revoke`). Token auth; for customer (and higher) logins.

use super::auth::AppAccess;
use super::list::{ListSpec, Obj};
use super::Request;
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::validate::{self, text};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::{endpoint, Shaped};
use ucaas_codes::{code, Code};

loose_input!(
    /// Input of `addUser`, and (every field optional; no email, password or welcome mail) of
    /// `updateUser`.
    UserInput {
        /// Role constant (required when adding), e.g. `user`.
        user_type: "string",
        /// First name (required when adding).
        first_name: "string",
        /// Middle name.
        middle_name: "string" optional,
        /// Last name.
        last_name: "string" optional,
        /// Email, unique (required when adding).
        email: "string",
        /// Password (generated when absent).
        password: "string" optional,
        /// `A` active (default) or `S` suspended.
        status: "\"A\" | \"S\"" optional,
        /// Department.
        department: "string" optional,
        /// Designation.
        designation: "string" optional,
        /// Mail the sign-in details to the user.
        send_welcome_mail: "boolean" optional,
    }
);

/// Checks every field with its documented codes (1105–1191); `full` demands what adding needs.
fn body(u: &UserInput, full: bool) -> Result<Obj, Error> {
    let need = |code| full.then_some(code);
    let email = text(&u.email, "email", need(code!(1106)), code!(1106), (0, Code::NONE), (0, Code::NONE))?;
    if let Some(e) = &email {
        validate::email(e, "email", Some(code!(1105)))?;
    }
    let mut o = Obj::default();
    o.put(
        "user_type",
        text(&u.user_type, "user_type", need(code!(1152)), code!(1152), (0, Code::NONE), (0, Code::NONE))?,
    )
    .put(
        "first_name",
        text(&u.first_name, "first_name", need(code!(1111)), code!(1112), (0, Code::NONE), (0, Code::NONE))?,
    )
    .put("middle_name", text(&u.middle_name, "middle_name", None, code!(1115), (0, Code::NONE), (0, Code::NONE))?)
    .put("last_name", text(&u.last_name, "last_name", None, code!(1119), (0, Code::NONE), (0, Code::NONE))?)
    .put("email", email)
    .put("password", text(&u.password, "password", None, code!(1121), (0, Code::NONE), (0, Code::NONE))?)
    .put(
        "status",
        validate::one_of(&u.status, "status", &["A", "S"], code!(1191)).map_err(|e| {
            if e.code == Some(1191) && u.status.as_str().is_none() {
                Error::validation(code!(1131), "status")
            } else {
                e
            }
        })?,
    )
    .put("department", text(&u.department, "department", None, code!(1141), (0, Code::NONE), (0, Code::NONE))?)
    .put("designation", text(&u.designation, "designation", None, code!(1145), (0, Code::NONE), (0, Code::NONE))?)
    .put("send_welcome_mail", validate::opt_flag(&u.send_welcome_mail, "send_welcome_mail", code!(1161))?);
    Ok(o)
}

/// Adds a user.
#[endpoint(POST "/users", token, js = addUser, answer = UserAnswer.user)]
pub fn add(input: &UserInput) -> Result<Request<Value>, Error> {
    let req = ADD.request();
    Ok(req.with_body(body(input, true)?.done()))
}

/// Changes a user.
///
/// Sends only the fields `patch` sets; `email`, `password` and `send_welcome_mail` cannot be
/// changed here.
#[endpoint(PATCH "/users/{user_id}", token, js = updateUser, answer = UserAnswer.user)]
pub fn update(user_id: &str, #[js(type = "Partial<UserInput>")] patch: &UserInput) -> Result<Request<Value>, Error> {
    let req = UPDATE.request_with(&[user_id])?;
    for (key, v) in
        [("email", &patch.email), ("password", &patch.password), ("send_welcome_mail", &patch.send_welcome_mail)]
    {
        if !v.is_null() {
            return Err(Error::invalid(key, format!("{key} cannot be changed with updateUser.")));
        }
    }
    Ok(req.with_body(body(patch, false)?.changes("first_name")?))
}

/// Reads a user.
#[endpoint(GET "/users/{user_id}", token, js = getUser, answer = UserAnswer.user)]
pub fn get(user_id: &str) -> Result<Request, Error> {
    GET.request_with(&[user_id])
}

loose_input!(
    /// Input of `assignLicense`.
    LicenseInput {
        /// `vc` or `wb`.
        app: "\"vc\" | \"wb\"",
        /// Subscription to take the licence from (assigning).
        subscription_id: "string" optional,
        /// Mail the user its permanent room (assigning).
        send_access_mail: "boolean" optional,
    }
);

/// Gives a user an application licence.
///
/// Sends `X-License: assign`: app vc|wb (1403), a subscription id (1404, 1405), and whether to
/// mail the user (1408).
#[endpoint(PATCH "/users/{user_id}", token, js = assignLicense, answer = UserAnswer.user)]
pub fn assign_license(user_id: &str, input: &LicenseInput) -> Result<Request<Value>, Error> {
    let req = ASSIGN_LICENSE.request_with(&[user_id])?;
    Ok(req.with_body(license(input, true)?).header("X-License", "assign"))
}

/// Takes a user's application licence back.
///
/// Sends `X-License: revoke` with the app, vc|wb (1403).
#[endpoint(PATCH "/users/{user_id}", token, js = revokeLicense, answer = UserAnswer.user)]
pub fn revoke_license(user_id: &str, #[js(type = "\"vc\" | \"wb\"")] app: &Loose) -> Result<Request<Value>, Error> {
    let req = REVOKE_LICENSE.request_with(&[user_id])?;
    let input = LicenseInput { app: app.clone(), ..Default::default() };
    Ok(req.with_body(license(&input, false)?).header("X-License", "revoke"))
}

/// The body of a licence change: the app, and (`assign`) the subscription and mail flag.
fn license(l: &LicenseInput, assign: bool) -> Result<Value, Error> {
    let app = validate::one_of(&l.app, "app", &["vc", "wb"], code!(1403))?
        .ok_or_else(|| Error::validation(code!(1403), "app"))?;
    let mut o = Obj::default();
    o.put("app", Some(app));
    if assign {
        o.put(
            "subscription_id",
            text(
                &l.subscription_id,
                "subscription_id",
                Some(code!(1404)),
                code!(1405),
                (0, Code::NONE),
                (0, Code::NONE),
            )?,
        )
        .put("send_access_mail", validate::opt_flag(&l.send_access_mail, "send_access_mail", code!(1408))?);
    }
    Ok(o.done())
}

/// The users of the account matching `query`.
///
/// The query is checked by [`super::list::check`].
#[endpoint(list, js = listUsers, each = users, query = UserQuery, answer = UserList.users)]
pub const LIST: ListSpec = ListSpec {
    path: "/users",
    search_by: &["first_name", "last_name", "email", "status", "user_type", "vc", "wb"],
    filters: &["from_create_dt", "to_create_dt"],
    dates: &["from_create_dt", "to_create_dt"],
    choices: &[],
    app_type: false,
};

loose_input!(
    /// Query of `listUsers` / `users()`. Every key is optional.
    UserQuery {
        /// Page number, from 1.
        page: "number" optional,
        /// Users per page (the server's default is 10).
        page_length: "number" optional,
        /// Created on or after (`YYYY-MM-DD`).
        from_create_dt: "string" optional,
        /// Created on or before.
        to_create_dt: "string" optional,
        /// Field to search (needs `search_string`).
        search_by: "\"first_name\" | \"last_name\" | \"email\" | \"status\" | \"user_type\" | \"vc\" | \"wb\"" optional,
        /// Value to search for (needs `search_by`).
        search_string: "string" optional,
        /// Field to order by.
        order_by: "string" optional,
        /// `asc` (default) or `desc`.
        order_qualify: "\"asc\" | \"desc\"" optional,
    }
);

loose_fields!(
    /// What a licence change gave the user.
    LicenseAccess {
        /// `vc` or `wb`.
        app: String = "loose::opt_string",
        /// Permanent room URL.
        url: String = "loose::opt_string",
        /// Participant PIN.
        ppin: String = "loose::opt_string",
        /// Moderator PIN.
        mpin: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A user of the account (`getUser`, `listUsers`), or its summary (add, edit, licences).
    AccountUser {
        @required {
            /// User id. Always sent: an answer without it fails to decode.
            user_id: String = "loose::string",
        }
        /// Full name (add, edit, licences).
        name: String = "loose::opt_string",
        /// Role constant.
        user_type: String = "loose::opt_string",
        /// First name.
        first_name: String = "loose::opt_string",
        /// Middle name.
        middle_name: String = "loose::opt_string",
        /// Last name.
        last_name: String = "loose::opt_string",
        /// Email.
        email: String = "loose::opt_string",
        /// Status.
        status: String = "loose::opt_string",
        /// Designation.
        designation: String = "loose::opt_string",
        /// Department.
        department: String = "loose::opt_string",
        /// Video meeting access.
        vc: AppAccess = "crate::api::branding::opt_object",
        /// Webinar access.
        wb: AppAccess = "crate::api::branding::opt_object",
        /// Licence change (assign, revoke).
        access: LicenseAccess = "crate::api::branding::opt_object",
        /// Created (UTC).
        created_at: String = "loose::opt_string",
        /// Last changed (UTC).
        updated_at: String = "loose::opt_string",
        /// Activated (UTC).
        activated_at: String = "loose::opt_string",
        /// Suspended (UTC).
        suspended_at: String = "loose::opt_string",
    }
);

/// The answer of the user routes: `{ msg?, user }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct UserAnswer {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// The user.
    #[serde(deserialize_with = "crate::loose::object")]
    pub user: AccountUser,
}

list_answer!(
    /// One page of users.
    UserList, users, AccountUser
);

answers!(UserAnswer, UserList);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;
    use serde_json::json;

    fn input(v: Value) -> UserInput {
        serde_json::from_value(v).unwrap()
    }

    fn code(f: impl FnOnce(&mut Value)) -> Option<u32> {
        let mut v = json!({"user_type": "user", "first_name": "Dan", "email": "dan@acme.test"});
        f(&mut v);
        add(&input(v)).unwrap_err().code
    }

    #[test]
    fn add_rules() {
        let r = add(&input(
            json!({"user_type": "user", "first_name": "Dan", "email": "dan@acme.test", "send_welcome_mail": false}),
        ))
        .unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Post, "/users"));
        assert_eq!(
            r.body.unwrap(),
            json!({"user_type": "user", "first_name": "Dan", "email": "dan@acme.test", "send_welcome_mail": false})
        );
        assert_eq!(code(|v| v["email"] = json!("nope")), Some(1105));
        assert_eq!(code(|v| v["email"] = json!(null)), Some(1106));
        assert_eq!(code(|v| v["first_name"] = json!(null)), Some(1111));
        assert_eq!(code(|v| v["first_name"] = json!(1)), Some(1112));
        assert_eq!(code(|v| v["middle_name"] = json!(1)), Some(1115));
        assert_eq!(code(|v| v["last_name"] = json!(1)), Some(1119));
        assert_eq!(code(|v| v["password"] = json!(1)), Some(1121));
        assert_eq!(code(|v| v["status"] = json!(1)), Some(1131));
        assert_eq!(code(|v| v["status"] = json!("Q")), Some(1191));
        assert_eq!(code(|v| v["department"] = json!(1)), Some(1141));
        assert_eq!(code(|v| v["designation"] = json!(1)), Some(1145));
        assert_eq!(code(|v| v["user_type"] = json!(null)), Some(1152));
        assert_eq!(code(|v| v["send_welcome_mail"] = json!("yes")), Some(1161));
    }

    #[test]
    fn update_get_license() {
        let r = update("u1", &input(json!({"designation": "CTO"}))).unwrap();
        assert_eq!((r.path.as_str(), r.body.unwrap()), ("/users/u1", json!({"designation": "CTO"})));
        assert_eq!(update("u1", &input(json!({"email": "a@b.co"}))).unwrap_err().field, Some("email"));
        assert!(update("u1", &input(json!({}))).is_err());
        assert_eq!(get("u1").unwrap().path, "/users/u1");
        let l = |v| serde_json::from_value::<LicenseInput>(v).unwrap();
        let r = assign_license("u1", &l(json!({"app": "vc", "subscription_id": "s1"}))).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Patch, "/users/u1"));
        assert_eq!(r.headers, vec![("X-License", "assign")]);
        assert_eq!(r.body.unwrap(), json!({"app": "vc", "subscription_id": "s1"}));
        let r = revoke_license("u1", &Loose::Str("wb".into())).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Patch, "/users/u1"));
        assert_eq!((r.headers.clone(), r.body.unwrap()), (vec![("X-License", "revoke")], json!({"app": "wb"})));
        assert_eq!(revoke_license("u1", &Loose::Str("xx".into())).unwrap_err().code, Some(1403));
        assert_eq!(revoke_license("u1", &Loose::Null).unwrap_err().code, Some(1403));
        assert_eq!(
            assign_license("u1", &l(json!({"app": "xx", "subscription_id": "s"}))).unwrap_err().code,
            Some(1403)
        );
        assert_eq!(assign_license("u1", &l(json!({"app": "vc"}))).unwrap_err().code, Some(1404));
        assert_eq!(assign_license("u1", &l(json!({"app": "vc", "subscription_id": 1}))).unwrap_err().code, Some(1405));
        assert_eq!(
            assign_license("u1", &l(json!({"app": "vc", "subscription_id": "s", "send_access_mail": 1})))
                .unwrap_err()
                .code,
            Some(1408)
        );
        assert_eq!(assign_license(" ", &l(json!({"app": "vc"}))).unwrap_err().field, Some("user_id"));
        assert_eq!(revoke_license("a/b", &Loose::Str("vc".into())).unwrap_err().field, Some("user_id"));
    }

    #[test]
    fn reader_agrees_with_deserialize() {
        let v = json!({"first_name": 3, "status": "A", "send_welcome_mail": "no"});
        assert_eq!(UserInput::read(&v), input(v.clone()));
    }
}
