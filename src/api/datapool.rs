//! Datapool (`/timezones`, `/countries`, `/plans[/{app}]`): the master lists other calls refer
//! to. Token auth.

use super::auth::Timezone;
use super::Request;
use crate::error::Error;
use crate::loose;
use crate::shape::Kind::*;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use ucaas_client_macros::endpoint;
use ucaas_codes::code;

/// Every time zone.
#[endpoint(GET "/timezones", token, js = getTimezones, answer = TimezoneList.timezones)]
pub fn timezones() -> Request {
    TIMEZONES.request()
}

/// Every country.
#[endpoint(GET "/countries", token, js = getCountries, answer = CountryList.countries)]
pub fn countries() -> Request {
    COUNTRIES.request()
}

/// Billing plans, of every application or of `app` (`"vc"` or `"wb"`).
///
/// `GET /plans` (every application's) or `GET /plans/{app}` for `vc` or `wb` (1403 otherwise).
#[endpoint(GET "/plans", token, js = getPlans, answer = PlanList.plans)]
pub fn plans(#[js(type = "\"vc\" | \"wb\"")] app: Option<&str>) -> Result<Request, Error> {
    let app = match app.map(str::trim) {
        None => None,
        Some(app @ ("vc" | "wb")) => Some(app),
        Some(_) => return Err(Error::validation(code!(1403), "app")),
    };
    let mut req = PLANS.request();
    if let Some(app) = app {
        req.path = format!("{}/{app}", req.path);
    }
    Ok(req)
}

loose_fields!(
    /// A country.
    Country {
        /// Country id (what addresses refer to).
        country_id: String = "loose::opt_string",
        /// Name.
        country_name: String = "loose::opt_string",
        /// ISO 3166 two-letter code.
        iso2_code: String = "loose::opt_string",
        /// ISO 3166 three-letter code.
        iso3_code: String = "loose::opt_string",
        /// Dialling code.
        isd_code: String = "loose::opt_string",
    }
);

/// A price in one currency (the API writes prices as `{ "<currency>": amount }`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
pub struct Price {
    /// Currency code, e.g. `USD`.
    pub currency: String,
    /// Amount.
    pub amount: f64,
}

/// The kind [`Price`] lists are read by.
pub const PRICES: crate::shape::Kind = Pairs("currency", "amount", &Number);

/// `deserialize_with` of a price map into a [`Price`] list (unreadable amounts dropped).
pub fn prices<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<Price>>, D::Error> {
    let map = loose::opt_map::<_, loose::Loose>(d)?;
    Ok(map
        .map(|m| m.into_iter().filter_map(|(currency, v)| Some(Price { currency, amount: v.as_number()? })).collect()))
}

loose_fields!(
    /// What a plan or subscription includes.
    PlanSettings {
        /// Recording.
        recording: bool = "loose::opt_bool",
        /// Audio-only sessions.
        audio_only: bool = "loose::opt_bool",
        /// Audio and video sessions.
        audio_video: bool = "loose::opt_bool",
        /// Participants per session.
        participants: u32 = "loose::opt_u32",
        /// Minutes per session.
        duration: u32 = "loose::opt_u32",
        /// Streaming quality.
        stream_qlty: String = "loose::opt_string",
        /// Recording quality.
        record_qlty: String = "loose::opt_string",
    }
);

loose_fields!(
    /// A price per unit of use.
    UnitPrice {
        /// Unit size (minutes or MB).
        data_unit: u32 = "loose::opt_u32",
        /// Price per unit.
        #[shape(kind = PRICES)]
        price: Vec<Price> = "crate::api::datapool::prices",
    }
);

loose_fields!(
    /// A plan's user licence prices.
    LicensePrices {
        /// Per month.
        #[shape(kind = PRICES)]
        price: Vec<Price> = "crate::api::datapool::prices",
        /// Per quarter.
        #[shape(kind = PRICES)]
        price_qtr: Vec<Price> = "crate::api::datapool::prices",
        /// Per half year.
        #[shape(kind = PRICES)]
        price_hfyr: Vec<Price> = "crate::api::datapool::prices",
        /// Per year.
        #[shape(kind = PRICES)]
        price_year: Vec<Price> = "crate::api::datapool::prices",
    }
);

loose_fields!(
    /// A billing plan.
    Plan {
        /// Plan id.
        plan_id: String = "loose::opt_string",
        /// `vc` or `wb`.
        app: String = "loose::opt_string",
        /// Name.
        plan_name: String = "loose::opt_string",
        /// Currencies it is sold in.
        currency: Vec<String> = "loose::opt_strings",
        /// `A` active, `S` suspended.
        status: String = "loose::opt_string",
        /// Features.
        settings: PlanSettings = "crate::api::branding::opt_object",
        /// User licence prices.
        user_license: LicensePrices = "crate::api::branding::opt_object",
        /// Video connect price per minute.
        connect: UnitPrice = "crate::api::branding::opt_object",
        /// Recording price per unit.
        records: UnitPrice = "crate::api::branding::opt_object",
        /// Download price per unit.
        download: UnitPrice = "crate::api::branding::opt_object",
        /// Storage price per unit.
        storage: UnitPrice = "crate::api::branding::opt_object",
    }
);

items_answer!(
    /// The answer of `GET /timezones`.
    TimezoneList, timezones, Timezone
);
items_answer!(
    /// The answer of `GET /countries`.
    CountryList, countries, Country
);
items_answer!(
    /// The answer of `GET /plans`.
    PlanList, plans, Plan
);

answers!(TimezoneList, CountryList, PlanList);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::{self, Shaped};
    use serde_json::json;

    #[test]
    fn routes() {
        assert_eq!(timezones().path, "/timezones");
        assert_eq!(countries().path, "/countries");
        assert_eq!(plans(None).unwrap().path, "/plans");
        assert_eq!(plans(Some("wb")).unwrap().path, "/plans/wb");
        assert_eq!(plans(Some("xx")).unwrap_err().code, Some(1403));
    }

    #[test]
    fn prices_are_read_from_currency_maps() {
        let v = json!({"plans": [{"plan_id": "p", "connect": {"price": {"USD": 0.5, "EUR": "Float"}}}]});
        let typed: PlanList = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(
            typed.plans[0].connect.as_ref().unwrap().price.as_ref().unwrap(),
            &[Price { currency: "USD".into(), amount: 0.5 }]
        );
        assert_eq!(shape::decode(&v, PlanList::SHAPE).unwrap(), serde_json::to_value(&typed).unwrap());
    }

    #[test]
    fn declarations_have_the_lists_required() {
        use tsify::Tsify;
        fn has<T: Tsify>(member: &str) {
            let decl = T::DECL.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(decl.contains(&format!(" {member};")), "{member} not in {}", T::DECL);
        }
        has::<TimezoneList>("timezones: Timezone[]");
        has::<CountryList>("countries: Country[]");
        has::<PlanList>("plans: Plan[]");
    }

    #[test]
    fn lists_default_to_empty() {
        let t: TimezoneList = serde_json::from_value(json!({"result": 1})).unwrap();
        assert!(t.timezones.is_empty());
        let c: CountryList = serde_json::from_value(json!({"countries": "none"})).unwrap();
        assert!(c.countries.is_empty());
        assert_eq!(shape::decode(&json!({}), PlanList::SHAPE).unwrap(), json!({"plans": []}));
    }
}
