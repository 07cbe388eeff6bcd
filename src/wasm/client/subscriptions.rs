//! `UcaasClient` methods of subscriptions (`/subscriptions`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::subscriptions;

const SUBSCRIPTION: Answer = Answer::part(shape_json!(subscriptions::SubscriptionAnswer::SHAPE), "subscription");

#[wasm_bindgen]
impl UcaasClient {
    /// Reads a subscription (`GET /subscriptions/{id}`).
    #[wasm_bindgen(js_name = getSubscription, unchecked_return_type = "Promise<Subscription>")]
    pub fn get_subscription(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| subscriptions::get(&text_arg(&id, "subscription_id")?)?.with_json_body(),
            SUBSCRIPTION,
        )
    }

    /// Adds a subscription (`POST /subscriptions`; administrators).
    #[wasm_bindgen(js_name = addSubscription, unchecked_return_type = "Promise<Subscription>")]
    pub fn add_subscription(&self, input: Ts<subscriptions::SubscriptionInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |now| {
                subscriptions::add(&subscriptions::SubscriptionInput::read(&object_arg(&input)?)?, now)?
                    .with_json_body()
            },
            SUBSCRIPTION,
        )
    }

    /// Sets a subscription's status (`PATCH /subscriptions/{id}`): `"A"`, `"X"` or `"S"`.
    #[wasm_bindgen(js_name = updateSubscriptionStatus, unchecked_return_type = "Promise<Subscription>")]
    pub fn update_subscription_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"A\" | \"X\" | \"S\"")] status: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                subscriptions::update_status(&text_arg(&id, "subscription_id")?, &Tree::scalar(&status))?
                    .with_json_body()
            },
            SUBSCRIPTION,
        )
    }

    /// One page of subscriptions (`GET /subscriptions?...`).
    #[wasm_bindgen(js_name = listSubscriptions, unchecked_return_type = "Promise<SubscriptionList>")]
    pub fn list_subscriptions(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SubscriptionQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&subscriptions::LIST, query, options, shape_json!(subscriptions::SubscriptionList::SHAPE))
    }

    /// Every subscription matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Subscription>")]
    pub fn subscriptions(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SubscriptionQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(
            &subscriptions::LIST,
            query,
            options,
            shape_json!(subscriptions::SubscriptionList::SHAPE),
            "subscriptions",
        )
    }
}
