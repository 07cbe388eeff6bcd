//! Subscriptions (`/subscriptions`): get, list, add (administrators), update status. Token auth.

use super::datapool::{PlanSettings, Price, UnitPrice, PRICES};
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
    /// The terms of a new subscription.
    SubscriptionTerms {
        /// Number of user licences (required, a whole number).
        no_of_license: "number",
        /// Price of one licence, 1 to 100000.
        unit_price: "number" optional,
        /// Allow overlapping meetings.
        allow_meeting_overlap: "boolean" optional,
        /// Payment cycle.
        payment_cycle: "string" optional,
        /// `F` offline (default) or `O` online.
        payment_mode: "\"F\" | \"O\"" optional,
        /// Purchase order.
        po: "string" optional,
        /// Prepaid.
        prepaid: "boolean" optional,
        /// Start date `YYYY-MM-DD`, in the future (required).
        subsxn_date: "string",
    }
);

/// Input of `addSubscription`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct SubscriptionInput {
    /// Customer id (required).
    #[tsify(type = "string")]
    pub customer_id: Loose,
    /// Plan id from `getPlans` (required).
    #[tsify(type = "string")]
    pub plan_id: Loose,
    /// Room type.
    #[tsify(optional, type = "string")]
    pub room_type: Loose,
    /// Title.
    #[tsify(optional, type = "string")]
    pub title: Loose,
    /// The terms (required).
    #[tsify(type = "SubscriptionTerms")]
    pub subscription: Option<SubscriptionTerms>,
}

impl Input for SubscriptionInput {
    /// Reads the input object the way its `Deserialize` does; `subscription` that is not an
    /// object is 1229.
    fn read<T: Tree>(v: &T) -> Result<Self, Error> {
        let subscription = match v.get("subscription") {
            None => None,
            Some(s) if s.is_object() => Some(SubscriptionTerms::read(&s)),
            Some(_) => return Err(Error::validation(code!(1229), "subscription")),
        };
        Ok(Self {
            customer_id: loose(v, "customer_id"),
            plan_id: loose(v, "plan_id"),
            room_type: loose(v, "room_type"),
            title: loose(v, "title"),
            subscription,
        })
    }
}

/// Adds a subscription (administrators).
///
/// Checks: customer (1201, 1202), plan (1211, 1212), terms (1221): licences a whole number
/// (1254), unit price 1..100000 (1256), flags (1228, 1232), start date `YYYY-MM-DD` (UTC) not
/// before the day of `now_ms` (the current time, ms since the epoch) (1329).
#[endpoint(POST "/subscriptions", token, js = addSubscription, answer = SubscriptionAnswer.subscription)]
pub fn add(input: &SubscriptionInput, now_ms: i64) -> Result<Request<Value>, Error> {
    let req = ADD.request();
    let t = input.subscription.as_ref().ok_or_else(|| Error::validation(code!(1221), "subscription"))?;
    let licences = match &t.no_of_license {
        Loose::Num(_) | Loose::Str(_) => t.no_of_license.as_int().filter(|n| *n >= 1),
        _ => None,
    }
    .ok_or_else(|| Error::validation(code!(1254), "no_of_license"))?;
    let price = match &t.unit_price {
        Loose::Null => None,
        Loose::Num(_) | Loose::Str(_) => Some(
            t.unit_price
                .as_number()
                .filter(|p| (1.0..=100_000.0).contains(p))
                .ok_or_else(|| Error::validation(code!(1256), "unit_price"))?,
        ),
        _ => return Err(Error::validation(code!(1256), "unit_price")),
    };
    let date = text(&t.subsxn_date, "subsxn_date", Some(code!(1329)), code!(1329), (0, Code::NONE), (0, Code::NONE))?
        .unwrap_or_default();
    let day = validate::parse_utc(&date)
        .filter(|_| !date.contains([' ', 'T']))
        .ok_or_else(|| Error::validation(code!(1329), "subsxn_date"))?;
    if day + 86_400_000 <= now_ms {
        return Err(Error::validation(code!(1329), "subsxn_date"));
    }
    let mut terms = Obj::default();
    terms
        .put("no_of_license", Some(licences))
        .put("unit_price", price)
        .put(
            "allow_meeting_overlap",
            validate::opt_flag(&t.allow_meeting_overlap, "allow_meeting_overlap", code!(1228))?,
        )
        .put(
            "payment_cycle",
            text(&t.payment_cycle, "payment_cycle", None, Code::NONE, (0, Code::NONE), (0, Code::NONE))?,
        )
        .put("payment_mode", validate::one_of(&t.payment_mode, "payment_mode", &["F", "O"], Code::NONE)?)
        .put("po", text(&t.po, "po", None, Code::NONE, (0, Code::NONE), (0, Code::NONE))?)
        .put("prepaid", validate::opt_flag(&t.prepaid, "prepaid", code!(1232))?)
        .put("subsxn_date", Some(date));
    let mut o = Obj::default();
    o.put(
        "customer_id",
        text(&input.customer_id, "customer_id", Some(code!(1201)), code!(1202), (0, Code::NONE), (0, Code::NONE))?,
    )
    .put("plan_id", text(&input.plan_id, "plan_id", Some(code!(1211)), code!(1212), (0, Code::NONE), (0, Code::NONE))?)
    .put("room_type", text(&input.room_type, "room_type", None, code!(1326), (0, Code::NONE), (0, Code::NONE))?)
    .put("title", text(&input.title, "title", None, Code::NONE, (0, Code::NONE), (0, Code::NONE))?)
    .put("subscription", Some(terms.done()));
    Ok(req.with_body(o.done()))
}

/// Sets a subscription's status: `"A"`, `"X"` or `"S"`.
///
/// Sends `{ subscription: { status } }`; a status that is not text is 1230, another text 1231.
#[endpoint(PATCH "/subscriptions/{subscription_id}", token, js = updateSubscriptionStatus, answer = SubscriptionAnswer.subscription)]
pub fn update_status(
    subscription_id: &str,
    #[js(type = "\"A\" | \"X\" | \"S\"")] status: &Loose,
) -> Result<Request<Value>, Error> {
    let req = UPDATE_STATUS.request_with(&[subscription_id])?;
    let status =
        text(status, "status", Some(code!(1230)), code!(1230), (0, Code::NONE), (0, Code::NONE))?.unwrap_or_default();
    if !["A", "X", "S"].contains(&status.as_str()) {
        return Err(Error::validation(code!(1231), "status"));
    }
    Ok(req.with_body(serde_json::json!({"subscription": {"status": status}})))
}

/// Reads a subscription.
#[endpoint(GET "/subscriptions/{subscription_id}", token, js = getSubscription, answer = SubscriptionAnswer.subscription)]
pub fn get(subscription_id: &str) -> Result<Request, Error> {
    GET.request_with(&[subscription_id])
}

/// The subscriptions matching `query`.
///
/// The query is checked by [`super::list::check`].
#[endpoint(list, js = listSubscriptions, each = subscriptions, query = SubscriptionQuery, answer = SubscriptionList.subscriptions)]
pub const LIST: ListSpec = ListSpec {
    path: "/subscriptions",
    search_by: &["customer_id", "app", "plan_id", "status", "base"],
    filters: &["from_subxn_dt", "to_subxn_dt", "from_expiry_dt", "to_expiry_dt"],
    dates: &["from_subxn_dt", "to_subxn_dt", "from_expiry_dt", "to_expiry_dt"],
    choices: &[],
    app_type: false,
};

loose_input!(
    /// Query of `listSubscriptions` / `subscriptions()`. Every key is optional.
    SubscriptionQuery {
        /// Page number, from 1.
        page: "number" optional,
        /// Subscriptions per page.
        page_length: "number" optional,
        /// Subscribed on or after (`YYYY-MM-DD`).
        from_subxn_dt: "string" optional,
        /// Subscribed on or before.
        to_subxn_dt: "string" optional,
        /// Expiring on or after.
        from_expiry_dt: "string" optional,
        /// Expiring on or before.
        to_expiry_dt: "string" optional,
        /// Field to search (needs `search_string`).
        search_by: "\"customer_id\" | \"app\" | \"plan_id\" | \"status\" | \"base\"" optional,
        /// Value to search for (needs `search_by`).
        search_string: "string" optional,
        /// Field to order by.
        order_by: "string" optional,
        /// `asc` (default) or `desc`.
        order_qualify: "\"asc\" | \"desc\"" optional,
    }
);

loose_fields!(
    /// The terms of a subscription.
    SubscriptionState {
        /// Selling base: `UL` user licence, `UB` usage.
        base: String = "loose::opt_string",
        /// Base explained.
        base_ex: String = "loose::opt_string",
        /// Trial.
        trial: bool = "loose::opt_bool",
        /// Overlapping meetings allowed.
        allow_meeting_overlap: bool = "loose::opt_bool",
        /// Prepaid.
        prepaid: bool = "loose::opt_bool",
        /// Postpaid.
        postpaid: bool = "loose::opt_bool",
        /// Start (UTC).
        subsxn_date: String = "loose::opt_string",
        /// Expiry (UTC).
        expiry_date: String = "loose::opt_string",
        /// Currency.
        currency: String = "loose::opt_string",
        /// `A` active, `X` expired, `S` suspended.
        status: String = "loose::opt_string",
        /// Status explained.
        status_ex: String = "loose::opt_string",
    }
);

loose_fields!(
    /// Features of a subscription.
    Features {
        /// Screen sharing.
        screenshare: bool = "loose::opt_bool",
        /// Whiteboard.
        whiteboard: bool = "loose::opt_bool",
        /// Live streaming.
        livestreaming: bool = "loose::opt_bool",
    }
);

loose_fields!(
    /// User licences bought.
    Licences {
        /// Quantity.
        qty: u32 = "loose::opt_u32",
        /// Price of one.
        #[shape(kind = PRICES)]
        unit_price: Vec<Price> = "crate::api::datapool::prices",
        /// Price of all.
        #[shape(kind = PRICES)]
        total_price: Vec<Price> = "crate::api::datapool::prices",
    }
);

loose_fields!(
    /// A subscription (`getSubscription`, `listSubscriptions`), or its summary (add, update).
    Subscription {
        @required {
            /// Subscription id. Always sent: an answer without it fails to decode.
            subscription_id: String = "loose::string",
        }
        /// Customer id.
        customer_id: String = "loose::opt_string",
        /// Customer name (add, update).
        customer_name: String = "loose::opt_string",
        /// Plan id.
        plan_id: String = "loose::opt_string",
        /// `vc` or `wb`.
        app_const: String = "loose::opt_string",
        /// Plan name.
        plan_name: String = "loose::opt_string",
        /// Licences (add, update).
        qty: u32 = "loose::opt_u32",
        /// Plan settings.
        settings: PlanSettings = "crate::api::branding::opt_object",
        /// Terms and status.
        subscription: SubscriptionState = "crate::api::branding::opt_object",
        /// Features.
        features: Features = "crate::api::branding::opt_object",
        /// User licences.
        user_license: Licences = "crate::api::branding::opt_object",
        /// Video connect price.
        connect: UnitPrice = "crate::api::branding::opt_object",
        /// Recording price.
        records: UnitPrice = "crate::api::branding::opt_object",
        /// Download price.
        download: UnitPrice = "crate::api::branding::opt_object",
        /// Storage price.
        storage: UnitPrice = "crate::api::branding::opt_object",
    }
);

/// The answer of get, add and update: `{ msg?, subscription }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Shaped)]
pub struct SubscriptionAnswer {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// The subscription.
    #[serde(deserialize_with = "crate::loose::object")]
    pub subscription: Subscription,
}

list_answer!(
    /// One page of subscriptions.
    SubscriptionList, subscriptions, Subscription
);

answers!(SubscriptionAnswer, SubscriptionList);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;
    use serde_json::json;

    const NOW: i64 = 1_790_000_000_000; // 2026-09-21

    fn valid() -> Value {
        json!({"customer_id": "c1", "plan_id": "p1", "subscription": {"no_of_license": 5, "subsxn_date": "2030-01-01"}})
    }

    fn code(f: impl FnOnce(&mut Value)) -> Option<u32> {
        let mut v = valid();
        f(&mut v);
        match SubscriptionInput::read(&v) {
            Err(e) => e.code,
            Ok(i) => add(&i, NOW).unwrap_err().code,
        }
    }

    #[test]
    fn add_rules() {
        let r = add(&SubscriptionInput::read(&valid()).unwrap(), NOW).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Post, "/subscriptions"));
        assert_eq!(r.body.unwrap(), valid());
        assert_eq!(code(|v| v["customer_id"] = json!(null)), Some(1201));
        assert_eq!(code(|v| v["customer_id"] = json!(1)), Some(1202));
        assert_eq!(code(|v| v["plan_id"] = json!(null)), Some(1211));
        assert_eq!(code(|v| v["plan_id"] = json!([])), Some(1212));
        assert_eq!(code(|v| v["subscription"] = json!(null)), Some(1221));
        assert_eq!(code(|v| v["subscription"] = json!("x")), Some(1229));
        assert_eq!(code(|v| v["subscription"]["allow_meeting_overlap"] = json!("y")), Some(1228));
        assert_eq!(code(|v| v["subscription"]["prepaid"] = json!(1)), Some(1232));
        assert_eq!(code(|v| v["subscription"]["no_of_license"] = json!(1.5)), Some(1254));
        assert_eq!(code(|v| v["subscription"]["unit_price"] = json!(0.5)), Some(1256));
        assert_eq!(code(|v| v["subscription"]["unit_price"] = json!(100_001)), Some(1256));
        assert_eq!(code(|v| v["subscription"]["subsxn_date"] = json!("2020-01-01")), Some(1329));
        assert_eq!(code(|v| v["subscription"]["subsxn_date"] = json!("soon")), Some(1329));
        assert_eq!(code(|v| v["room_type"] = json!(1)), Some(1326));
    }

    #[test]
    fn status_update_get_list() {
        let r = update_status("s1", &Loose::Str("X".into())).unwrap();
        assert_eq!((r.method, r.path.as_str()), (Method::Patch, "/subscriptions/s1"));
        assert_eq!(r.body.unwrap(), json!({"subscription": {"status": "X"}}));
        assert_eq!(update_status("s1", &Loose::Num(1.0)).unwrap_err().code, Some(1230));
        assert_eq!(update_status("s1", &Loose::Str("Q".into())).unwrap_err().code, Some(1231));
        assert_eq!(get("s1").unwrap().path, "/subscriptions/s1");
        assert_eq!(
            super::super::list::check(Some(&json!({"search_by": "app", "search_string": "vc"})), &LIST)
                .unwrap()
                .rest
                .len(),
            2
        );
    }

    #[test]
    fn reader_agrees_with_deserialize() {
        let v = valid();
        assert_eq!(SubscriptionInput::read(&v).unwrap(), serde_json::from_value::<SubscriptionInput>(v).unwrap());
    }
}
