//! `UcaasClient` methods of sign-in (`POST /login`), the session and its events, and password reset (`/password`): the core build (and the full one).

use super::*;
use crate::api::auth;

const LOGIN: Answer = Answer { shape: shape_json!(auth::LoginAnswer::SHAPE), pick: None, flags: LOGIN_FLAG };
const PASSWORD: Answer = Answer::part(shape_json!(auth::PasswordAnswer::SHAPE), "data");

#[wasm_bindgen]
impl UcaasClient {
    /// Signs in with `POST /login` and keeps the session in the configured storage.
    #[wasm_bindgen(unchecked_return_type = "Promise<Session>")]
    pub fn login(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                auth::login(text_arg(&email, "email")?.trim(), &text_arg(&password, "password")?)?.with_json_body()
            },
            LOGIN,
        )
    }

    /// The current session (user and expiry), or `undefined` when signed out.
    #[wasm_bindgen(unchecked_return_type = "Session | undefined")]
    pub fn session(&self) -> JsValue {
        self.host.session()
    }

    /// Forgets the session here (and, with `"local"` storage, in the origin's other tabs). A
    /// login still in flight is stopped (it rejects with kind "aborted"), and so are calls with
    /// the session's token.
    pub fn logout(&self) {
        self.host.logout();
    }

    /// Calls `listener(event, session)` on every auth change, and once at once with `"initial"`.
    /// Returns the function that unsubscribes it.
    #[wasm_bindgen(js_name = onAuthChange, unchecked_return_type = "() => void")]
    pub fn on_auth_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(event: AuthEvent, session: Session | undefined) => void")]
        listener: JsValue,
    ) -> Result<js_sys::Function, JsValue> {
        let listener: js_sys::Function =
            listener.dyn_into().map_err(|_| Error::invalid("listener", "onAuthChange takes a function."))?;
        Ok(self.host.subscribe(&listener))
    }

    /// Mails a password reset key to `email` (`POST /password`).
    #[wasm_bindgen(js_name = requestPasswordReset, unchecked_return_type = "Promise<PasswordData>")]
    pub fn request_password_reset(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| auth::request_password_reset(text_arg(&email, "email")?.trim())?.with_json_body(),
            PASSWORD,
        )
    }

    /// Checks a reset key and tells whose it is (`PATCH /password/{key}`).
    #[wasm_bindgen(js_name = validateResetKey, unchecked_return_type = "Promise<PasswordData>")]
    pub fn validate_reset_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| auth::validate_reset_key(&text_arg(&key, "key")?)?.with_json_body(), PASSWORD)
    }

    /// Sets a new password with a reset key (`PATCH /password/{key}`).
    #[wasm_bindgen(js_name = resetPassword, unchecked_return_type = "Promise<PasswordData>")]
    pub fn reset_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        input: Ts<auth::NewPassword>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                auth::reset_password(&text_arg(&key, "key")?, auth::NewPassword::read(&object_arg(&input)?)?)?
                    .with_json_body()
            },
            PASSWORD,
        )
    }
}
