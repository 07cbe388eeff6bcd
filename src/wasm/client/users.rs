//! `UcaasClient` methods of account users and their licences (`/users`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::users;

const USER: Answer = Answer::part(shape_json!(users::UserAnswer::SHAPE), "user");

#[wasm_bindgen]
impl UcaasClient {
    /// Adds a user (`POST /users`).
    #[wasm_bindgen(js_name = addUser, unchecked_return_type = "Promise<AccountUser>")]
    pub fn add_user(&self, input: Ts<users::UserInput>, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| users::add(&users::UserInput::read(&object_arg(&input)?))?.with_json_body(), USER)
    }

    /// Changes a user (`PATCH /users/{id}`).
    #[wasm_bindgen(js_name = updateUser, unchecked_return_type = "Promise<AccountUser>")]
    pub fn update_user(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<UserInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                users::update(&text_arg(&id, "user_id")?, &users::UserInput::read(&object(&patch)?))?.with_json_body()
            },
            USER,
        )
    }

    /// Reads a user (`GET /users/{id}`).
    #[wasm_bindgen(js_name = getUser, unchecked_return_type = "Promise<AccountUser>")]
    pub fn get_user(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| users::get(&text_arg(&id, "user_id")?)?.with_json_body(), USER)
    }

    /// One page of users (`GET /users?...`).
    #[wasm_bindgen(js_name = listUsers, unchecked_return_type = "Promise<UserList>")]
    pub fn list_users(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "UserQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&users::LIST, query, options, shape_json!(users::UserList::SHAPE))
    }

    /// Every user matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<AccountUser>")]
    pub fn users(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "UserQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&users::LIST, query, options, shape_json!(users::UserList::SHAPE), "users")
    }

    /// Gives a user an application licence (`PATCH /users/{id}`, `X-License: assign`).
    #[wasm_bindgen(js_name = assignLicense, unchecked_return_type = "Promise<AccountUser>")]
    pub fn assign_license(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user_id: JsValue,
        input: Ts<users::LicenseInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                users::license(&text_arg(&user_id, "user_id")?, &users::LicenseInput::read(&object_arg(&input)?), true)?
                    .with_json_body()
            },
            USER,
        )
    }

    /// Takes a user's application licence back (`PATCH /users/{id}`, `X-License: revoke`).
    #[wasm_bindgen(js_name = revokeLicense, unchecked_return_type = "Promise<AccountUser>")]
    pub fn revoke_license(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"vc\" | \"wb\"")] app: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                users::license(
                    &text_arg(&user_id, "user_id")?,
                    &users::LicenseInput { app: Tree::scalar(&app), ..Default::default() },
                    false,
                )?
                .with_json_body()
            },
            USER,
        )
    }
}
