//! `UcaasClient` methods of the session itself: what it is, signing out, and its events. (Signing
//! in is an endpoint: `login`, in `src/api/auth.rs`.)

use super::*;

#[wasm_bindgen]
impl UcaasClient {
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
}
