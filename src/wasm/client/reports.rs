//! `UcaasClient` methods of reports (`/sessions`, `/cdr`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::reports;

#[wasm_bindgen]
impl UcaasClient {
    /// One page of the sessions report (`GET /sessions?...`).
    #[wasm_bindgen(js_name = listSessions, unchecked_return_type = "Promise<SessionList>")]
    pub fn list_sessions(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SessionQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&reports::SESSIONS, query, options, shape_json!(reports::SessionList::SHAPE))
    }

    /// Every session of the report matching `query`, page after page.
    #[wasm_bindgen(js_name = sessions, unchecked_return_type = "AsyncIterable<SessionRecord>")]
    pub fn session_records(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SessionQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&reports::SESSIONS, query, options, shape_json!(reports::SessionList::SHAPE), "sessions")
    }

    /// Call detail records of a room, meeting or session (`GET /cdr?...`).
    #[wasm_bindgen(js_name = getCdr, unchecked_return_type = "Promise<Cdr>")]
    pub fn get_cdr(&self, query: Ts<reports::CdrQuery>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| reports::cdr(&object_arg(&query)?)?.with_json_body(),
            Answer::whole(shape_json!(reports::Cdr::SHAPE)),
        )
    }
}
