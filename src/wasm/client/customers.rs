//! `UcaasClient` methods of customers (`/customers`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::customers;

const CUSTOMER: Answer = Answer::whole(shape_json!(customers::CustomerResult::SHAPE));

#[wasm_bindgen]
impl UcaasClient {
    /// Reads a customer (`GET /customers/{id}`).
    #[wasm_bindgen(js_name = getCustomer, unchecked_return_type = "Promise<Customer>")]
    pub fn get_customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| customers::get(&text_arg(&id, "customer_id")?)?.with_json_body(),
            Answer::part(shape_json!(customers::CustomerResult::SHAPE), "customer"),
        )
    }

    /// Adds a customer (`POST /customers`); the answer carries its portal sign-in.
    #[wasm_bindgen(js_name = addCustomer, unchecked_return_type = "Promise<CustomerResult>")]
    pub fn add_customer(&self, input: Ts<customers::CustomerInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| customers::add(&customers::CustomerInput::read(&object_arg(&input)?)?)?.with_json_body(),
            CUSTOMER,
        )
    }

    /// Changes a customer (`PATCH /customers/{id}`).
    #[wasm_bindgen(js_name = updateCustomer, unchecked_return_type = "Promise<CustomerResult>")]
    pub fn update_customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<CustomerInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                customers::update(&text_arg(&id, "customer_id")?, &customers::CustomerInput::read(&object(&patch)?)?)?
                    .with_json_body()
            },
            CUSTOMER,
        )
    }

    /// One page of customers (`GET /customers?...`).
    #[wasm_bindgen(js_name = listCustomers, unchecked_return_type = "Promise<CustomerList>")]
    pub fn list_customers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CustomerQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&customers::LIST, query, options, shape_json!(customers::CustomerList::SHAPE))
    }

    /// Every customer matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Customer>")]
    pub fn customers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CustomerQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&customers::LIST, query, options, shape_json!(customers::CustomerList::SHAPE), "customers")
    }
}
