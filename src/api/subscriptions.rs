//! Subscriptions (`/subscriptions`): get, list, add (administrators), update status. Token auth.

use super::datapool::{PlanSettings, Price, UnitPrice, PRICES};
use super::list::{send, ListSpec, Obj};
use super::{id_path, Auth, Method, Request};
use crate::error::Error;
use crate::loose::{self, Loose};
use crate::shape::{loose, opt, req, Field, Kind::*, Shaped, Tree};
use crate::validate::{self, text};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
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

impl SubscriptionInput {
    /// Reads the input object the way its `Deserialize` does; `subscription` that is not an
    /// object is 1229.
    pub fn read<T: Tree>(v: &T) -> Result<Self, Error> {
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

/// `POST /subscriptions`: customer (1201, 1202), plan (1211, 1212), terms (1221): licences a
/// whole number (1254), unit price 1..100000 (1256), flags (1228, 1232), start date in the
/// future (1329). `today` is `YYYY-MM-DD` (UTC).
pub fn add(s: &SubscriptionInput, now_ms: i64) -> Result<Request<Value>, Error> {
    let t = s.subscription.as_ref().ok_or_else(|| Error::validation(code!(1221), "subscription"))?;
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
        text(&s.customer_id, "customer_id", Some(code!(1201)), code!(1202), (0, Code::NONE), (0, Code::NONE))?,
    )
    .put("plan_id", text(&s.plan_id, "plan_id", Some(code!(1211)), code!(1212), (0, Code::NONE), (0, Code::NONE))?)
    .put("room_type", text(&s.room_type, "room_type", None, code!(1326), (0, Code::NONE), (0, Code::NONE))?)
    .put("title", text(&s.title, "title", None, Code::NONE, (0, Code::NONE), (0, Code::NONE))?)
    .put("subscription", Some(terms.done()));
    Ok(send(Method::Post, "/subscriptions".into(), o.done()))
}

/// `PATCH /subscriptions/{id}` with `{ subscription: { status } }`: `A`, `X` or `S` (1230, 1231).
pub fn update_status(id: &str, status: &Loose) -> Result<Request<Value>, Error> {
    let path = id_path("/subscriptions", id, "subscription_id")?;
    let status =
        text(status, "status", Some(code!(1230)), code!(1230), (0, Code::NONE), (0, Code::NONE))?.unwrap_or_default();
    if !["A", "X", "S"].contains(&status.as_str()) {
        return Err(Error::validation(code!(1231), "status"));
    }
    Ok(send(Method::Patch, path, serde_json::json!({"subscription": {"status": status}})))
}

/// `GET /subscriptions/{id}`.
pub fn get(id: &str) -> Result<Request, Error> {
    Ok(Request::new(Method::Get, id_path("/subscriptions", id, "subscription_id")?, Auth::Token))
}

/// `GET /subscriptions?...`.
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
        base: String = "loose::opt_string" => Text,
        /// Base explained.
        base_ex: String = "loose::opt_string" => Text,
        /// Trial.
        trial: bool = "loose::opt_bool" => Flag,
        /// Overlapping meetings allowed.
        allow_meeting_overlap: bool = "loose::opt_bool" => Flag,
        /// Prepaid.
        prepaid: bool = "loose::opt_bool" => Flag,
        /// Postpaid.
        postpaid: bool = "loose::opt_bool" => Flag,
        /// Start (UTC).
        subsxn_date: String = "loose::opt_string" => Text,
        /// Expiry (UTC).
        expiry_date: String = "loose::opt_string" => Text,
        /// Currency.
        currency: String = "loose::opt_string" => Text,
        /// `A` active, `X` expired, `S` suspended.
        status: String = "loose::opt_string" => Text,
        /// Status explained.
        status_ex: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// Features of a subscription.
    Features {
        /// Screen sharing.
        screenshare: bool = "loose::opt_bool" => Flag,
        /// Whiteboard.
        whiteboard: bool = "loose::opt_bool" => Flag,
        /// Live streaming.
        livestreaming: bool = "loose::opt_bool" => Flag,
    }
);

loose_fields!(
    /// User licences bought.
    Licences {
        /// Quantity.
        qty: u32 = "loose::opt_u32" => Count,
        /// Price of one.
        unit_price: Vec<Price> = "crate::api::datapool::prices" => PRICES,
        /// Price of all.
        total_price: Vec<Price> = "crate::api::datapool::prices" => PRICES,
    }
);

loose_fields!(
    /// A subscription (`getSubscription`, `listSubscriptions`), or its summary (add, update).
    Subscription {
        @required {
            /// Subscription id. Always sent: an answer without it fails to decode.
            subscription_id: String = "loose::string" => Text,
        }
        /// Customer id.
        customer_id: String = "loose::opt_string" => Text,
        /// Customer name (add, update).
        customer_name: String = "loose::opt_string" => Text,
        /// Plan id.
        plan_id: String = "loose::opt_string" => Text,
        /// `vc` or `wb`.
        app_const: String = "loose::opt_string" => Text,
        /// Plan name.
        plan_name: String = "loose::opt_string" => Text,
        /// Licences (add, update).
        qty: u32 = "loose::opt_u32" => Count,
        /// Plan settings.
        settings: PlanSettings = "crate::api::branding::opt_object" => Object(PlanSettings::SHAPE),
        /// Terms and status.
        subscription: SubscriptionState = "crate::api::branding::opt_object" => Object(SubscriptionState::SHAPE),
        /// Features.
        features: Features = "crate::api::branding::opt_object" => Object(Features::SHAPE),
        /// User licences.
        user_license: Licences = "crate::api::branding::opt_object" => Object(Licences::SHAPE),
        /// Video connect price.
        connect: UnitPrice = "crate::api::branding::opt_object" => Object(UnitPrice::SHAPE),
        /// Recording price.
        records: UnitPrice = "crate::api::branding::opt_object" => Object(UnitPrice::SHAPE),
        /// Download price.
        download: UnitPrice = "crate::api::branding::opt_object" => Object(UnitPrice::SHAPE),
        /// Storage price.
        storage: UnitPrice = "crate::api::branding::opt_object" => Object(UnitPrice::SHAPE),
    }
);

/// The answer of get, add and update: `{ msg?, subscription }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SubscriptionAnswer {
    /// What the server did.
    #[serde(default, deserialize_with = "loose::opt_string", skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// The subscription.
    #[serde(deserialize_with = "crate::loose::object")]
    pub subscription: Subscription,
}

impl Shaped for SubscriptionAnswer {
    const SHAPE: &'static [Field] = &[opt("msg", Text), req("subscription", Object(Subscription::SHAPE))];
}

list_answer!(
    /// One page of subscriptions.
    SubscriptionList, subscriptions, Subscription
);

#[cfg(test)]
mod tests {
    use super::*;
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
