//! `UcaasClient` methods of contacts (`/contacts`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::contacts;

const CONTACT: Answer = Answer::part(shape_json!(contacts::ContactAnswer::SHAPE), "contact");

#[wasm_bindgen]
impl UcaasClient {
    /// Adds a contact (`POST /contacts`).
    #[wasm_bindgen(js_name = addContact, unchecked_return_type = "Promise<Contact>")]
    pub fn add_contact(&self, input: Ts<contacts::ContactInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| contacts::add(&contacts::ContactInput::read(&object_arg(&input)?))?.with_json_body(),
            CONTACT,
        )
    }

    /// Changes a contact (`PATCH /contacts/{id}`).
    #[wasm_bindgen(js_name = updateContact, unchecked_return_type = "Promise<Contact>")]
    pub fn update_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<ContactInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                contacts::update(&text_arg(&id, "contact_id")?, &contacts::ContactInput::read(&object(&patch)?))?
                    .with_json_body()
            },
            CONTACT,
        )
    }

    /// Reads a contact (`GET /contacts/{id}`).
    #[wasm_bindgen(js_name = getContact, unchecked_return_type = "Promise<Contact>")]
    pub fn get_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| contacts::get(&text_arg(&id, "contact_id")?)?.with_json_body(), CONTACT)
    }

    /// Deletes a contact (`DELETE /contacts/{id}`).
    #[wasm_bindgen(js_name = deleteContact, unchecked_return_type = "Promise<Contact>")]
    pub fn delete_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| contacts::delete(&text_arg(&id, "contact_id")?)?.with_json_body(), CONTACT)
    }

    /// One page of contacts (`GET /contacts?...`).
    #[wasm_bindgen(js_name = listContacts, unchecked_return_type = "Promise<ContactList>")]
    pub fn list_contacts(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ContactQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&contacts::LIST, query, options, shape_json!(contacts::ContactList::SHAPE))
    }

    /// Every contact matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Contact>")]
    pub fn contacts(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ContactQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&contacts::LIST, query, options, shape_json!(contacts::ContactList::SHAPE), "contacts")
    }
}
