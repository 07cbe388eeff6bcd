//! `UcaasClient` methods of permanent rooms (`/meetings/permanent`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::permanent;

const PERMANENT: Answer = Answer::part(shape_json!(permanent::PermanentRoomAnswer::SHAPE), "permanent_room");

#[wasm_bindgen]
impl UcaasClient {
    /// Your permanent room, or (with `userId`) a user's of your account (`GET /meetings/permanent[/{user_id}]`).
    #[wasm_bindgen(js_name = getPermanentRoom, unchecked_return_type = "Promise<PermanentRoom>")]
    pub fn get_permanent_room(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] user_id: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                permanent::get(opt_text_arg(&user_id.unwrap_or_default(), "user_id")?.as_deref())?.with_json_body()
            },
            PERMANENT,
        )
    }

    /// Changes a permanent room (`PATCH /meetings/permanent/{room_id}`).
    #[wasm_bindgen(js_name = updatePermanentRoom, unchecked_return_type = "Promise<PermanentRoom>")]
    pub fn update_permanent_room(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] room_id: JsValue,
        patch: Ts<permanent::PermanentRoomPatch>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                permanent::update(
                    &text_arg(&room_id, "room_id")?,
                    &permanent::PermanentRoomPatch::read(&object_arg(&patch)?),
                )?
                .with_json_body()
            },
            PERMANENT,
        )
    }

    /// Renews a permanent room's PINs (`PATCH /meetings/permanent/{room_id}`, `X-Action: reset-pins`).
    #[wasm_bindgen(js_name = resetPermanentRoomPins, unchecked_return_type = "Promise<PermanentRoom>")]
    pub fn reset_permanent_room_pins(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] room_id: JsValue,
        input: Ts<permanent::ResetPins>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                permanent::reset_pins(
                    &text_arg(&room_id, "room_id")?,
                    &permanent::ResetPins::read(&object_arg(&input)?),
                )?
                .with_json_body()
            },
            PERMANENT,
        )
    }
}
