//! `UcaasClient` methods of contact groups (`/contact-groups`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::groups;

const GROUP: Answer = Answer::part(shape_json!(groups::GroupAnswer::SHAPE), "group");

#[wasm_bindgen]
impl UcaasClient {
    /// Adds a contact group (`POST /contact-groups`).
    #[wasm_bindgen(js_name = addContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn add_contact_group(&self, input: Ts<groups::GroupInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| groups::add(&groups::GroupInput::read(&object_arg(&input)?))?.with_json_body(),
            GROUP,
        )
    }

    /// Renames a contact group (`PATCH /contact-groups/{id}`).
    #[wasm_bindgen(js_name = updateContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn update_contact_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        input: Ts<groups::GroupInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                groups::update(&text_arg(&id, "group_id")?, &groups::GroupInput::read(&object_arg(&input)?))?
                    .with_json_body()
            },
            GROUP,
        )
    }

    /// Reads a contact group with its contacts (`GET /contact-groups/{id}`).
    #[wasm_bindgen(js_name = getContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn get_contact_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| groups::get(&text_arg(&id, "group_id")?)?.with_json_body(), GROUP)
    }

    /// Deletes a contact group (`DELETE /contact-groups/{id}`).
    #[wasm_bindgen(js_name = deleteContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn delete_contact_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| groups::delete(&text_arg(&id, "group_id")?)?.with_json_body(), GROUP)
    }

    /// Adds contacts to a group (`PATCH /contact-groups/{id}`, `X-License: add-contact`).
    #[wasm_bindgen(js_name = addContactsToGroup, unchecked_return_type = "Promise<Group>")]
    pub fn add_contacts_to_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] contact_ids: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| groups::members(&text_arg(&id, "group_id")?, &Tree::scalar(&contact_ids), true)?.with_json_body(),
            GROUP,
        )
    }

    /// Removes contacts from a group (`PATCH /contact-groups/{id}`, `X-License: delete-contact`).
    #[wasm_bindgen(js_name = removeContactsFromGroup, unchecked_return_type = "Promise<Group>")]
    pub fn remove_contacts_from_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] contact_ids: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| groups::members(&text_arg(&id, "group_id")?, &Tree::scalar(&contact_ids), false)?.with_json_body(),
            GROUP,
        )
    }

    /// One page of contact groups (`GET /contact-groups?...`).
    #[wasm_bindgen(js_name = listContactGroups, unchecked_return_type = "Promise<GroupList>")]
    pub fn list_contact_groups(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GroupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&groups::LIST, query, options, shape_json!(groups::GroupList::SHAPE))
    }

    /// Every contact group matching `query`, page after page.
    #[wasm_bindgen(js_name = contactGroups, unchecked_return_type = "AsyncIterable<Group>")]
    pub fn contact_groups(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GroupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&groups::LIST, query, options, shape_json!(groups::GroupList::SHAPE), "groups")
    }
}
