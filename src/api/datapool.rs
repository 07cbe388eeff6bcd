//! Datapool (`/timezones`, `/countries`, `/plans[/{app}]`): the master lists other calls refer
//! to. Token auth.

use super::auth::Timezone;
use super::{Auth, Method, Request};
use crate::error::Error;
use crate::loose;
use crate::shape::{always, Field, Kind::*, Shaped};
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use ucaas_codes::code;

/// `GET /timezones`.
pub fn timezones() -> Request {
    Request::new(Method::Get, "/timezones".into(), Auth::Token)
}

/// `GET /countries`.
pub fn countries() -> Request {
    Request::new(Method::Get, "/countries".into(), Auth::Token)
}

/// `GET /plans` (every application's) or `GET /plans/{app}` for `vc` or `wb` (1403 otherwise).
pub fn plans(app: Option<&str>) -> Result<Request, Error> {
    let path = match app.map(str::trim) {
        None => "/plans",
        Some("vc") => "/plans/vc",
        Some("wb") => "/plans/wb",
        Some(_) => return Err(Error::validation(code!(1403), "app")),
    };
    Ok(Request::new(Method::Get, path.into(), Auth::Token))
}

loose_fields!(
    /// A country.
    Country {
        /// Country id (what addresses refer to).
        country_id: String = "loose::opt_string" => Text,
        /// Name.
        country_name: String = "loose::opt_string" => Text,
        /// ISO 3166 two-letter code.
        iso2_code: String = "loose::opt_string" => Text,
        /// ISO 3166 three-letter code.
        iso3_code: String = "loose::opt_string" => Text,
        /// Dialling code.
        isd_code: String = "loose::opt_string" => Text,
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
        recording: bool = "loose::opt_bool" => Flag,
        /// Audio-only sessions.
        audio_only: bool = "loose::opt_bool" => Flag,
        /// Audio and video sessions.
        audio_video: bool = "loose::opt_bool" => Flag,
        /// Participants per session.
        participants: u32 = "loose::opt_u32" => Count,
        /// Minutes per session.
        duration: u32 = "loose::opt_u32" => Count,
        /// Streaming quality.
        stream_qlty: String = "loose::opt_string" => Text,
        /// Recording quality.
        record_qlty: String = "loose::opt_string" => Text,
    }
);

loose_fields!(
    /// A price per unit of use.
    UnitPrice {
        /// Unit size (minutes or MB).
        data_unit: u32 = "loose::opt_u32" => Count,
        /// Price per unit.
        price: Vec<Price> = "crate::api::datapool::prices" => PRICES,
    }
);

loose_fields!(
    /// A plan's user licence prices.
    LicensePrices {
        /// Per month.
        price: Vec<Price> = "crate::api::datapool::prices" => PRICES,
        /// Per quarter.
        price_qtr: Vec<Price> = "crate::api::datapool::prices" => PRICES,
        /// Per half year.
        price_hfyr: Vec<Price> = "crate::api::datapool::prices" => PRICES,
        /// Per year.
        price_year: Vec<Price> = "crate::api::datapool::prices" => PRICES,
    }
);

loose_fields!(
    /// A billing plan.
    Plan {
        /// Plan id.
        plan_id: String = "loose::opt_string" => Text,
        /// `vc` or `wb`.
        app: String = "loose::opt_string" => Text,
        /// Name.
        plan_name: String = "loose::opt_string" => Text,
        /// Currencies it is sold in.
        currency: Vec<String> = "loose::opt_strings" => Texts,
        /// `A` active, `S` suspended.
        status: String = "loose::opt_string" => Text,
        /// Features.
        settings: PlanSettings = "crate::api::branding::opt_object" => Object(PlanSettings::SHAPE),
        /// User licence prices.
        user_license: LicensePrices = "crate::api::branding::opt_object" => Object(LicensePrices::SHAPE),
        /// Video connect price per minute.
        connect: UnitPrice = "crate::api::branding::opt_object" => Object(UnitPrice::SHAPE),
        /// Recording price per unit.
        records: UnitPrice = "crate::api::branding::opt_object" => Object(UnitPrice::SHAPE),
        /// Download price per unit.
        download: UnitPrice = "crate::api::branding::opt_object" => Object(UnitPrice::SHAPE),
        /// Storage price per unit.
        storage: UnitPrice = "crate::api::branding::opt_object" => Object(UnitPrice::SHAPE),
    }
);

/// A list answer `{ <key>: [...] }` (struct and shape from one definition).
macro_rules! items_answer {
    ($(#[$meta:meta])* $name:ident, $key:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        pub struct $name {
            /// The items.
            #[serde(default, deserialize_with = "crate::api::list::opt_list")]
            pub $key: Vec<$item>,
        }

        impl Shaped for $name {
            const SHAPE: &'static [Field] = &[always(stringify!($key), List(<$item>::SHAPE))];
        }
    };
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape;
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
}
