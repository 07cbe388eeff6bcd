//! `UcaasClient` methods of polls (`/polls/{room_id}`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::polls;

#[wasm_bindgen]
impl UcaasClient {
    /// The polls of a room's sessions, or of one (`confNum`) (`GET /polls/{room_id}`).
    #[wasm_bindgen(js_name = getPolls, unchecked_return_type = "Promise<Poll[]>")]
    pub fn get_polls(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] room_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] conf_num: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                polls::get(&text_arg(&room_id, "room_id")?, &Tree::scalar(&conf_num.unwrap_or_default()))?
                    .with_json_body()
            },
            Answer::part(shape_json!(polls::Polls::SHAPE), "polls"),
        )
    }
}
