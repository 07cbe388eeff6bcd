//! `UcaasClient` methods of the data pool (`/timezones`, `/countries`, `/plans`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::datapool;

#[wasm_bindgen]
impl UcaasClient {
    /// Every time zone (`GET /timezones`).
    #[wasm_bindgen(js_name = getTimezones, unchecked_return_type = "Promise<Timezone[]>")]
    pub fn get_timezones(&self, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            |_| datapool::timezones().with_json_body(),
            Answer::part(shape_json!(datapool::TimezoneList::SHAPE), "timezones"),
        )
    }

    /// Every country (`GET /countries`).
    #[wasm_bindgen(js_name = getCountries, unchecked_return_type = "Promise<Country[]>")]
    pub fn get_countries(&self, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            |_| datapool::countries().with_json_body(),
            Answer::part(shape_json!(datapool::CountryList::SHAPE), "countries"),
        )
    }

    /// Billing plans, of every application or of `app` (`GET /plans[/{app}]`).
    #[wasm_bindgen(js_name = getPlans, unchecked_return_type = "Promise<Plan[]>")]
    pub fn get_plans(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "\"vc\" | \"wb\"")] app: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| datapool::plans(opt_text_arg(&app.unwrap_or_default(), "app")?.as_deref())?.with_json_body(),
            Answer::part(shape_json!(datapool::PlanList::SHAPE), "plans"),
        )
    }
}
