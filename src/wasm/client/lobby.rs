//! `UcaasClient` methods of a meeting's lobby (`/meetings/{id}/lobby`): the full build only (`ucaas-client/full`).

use super::*;
use crate::api::lobby;

const LOBBY: Answer = Answer::whole(shape_json!(lobby::LobbyAnswer::SHAPE));

#[wasm_bindgen]
impl UcaasClient {
    /// A meeting's lobby (`GET /meetings/{id}/lobby`).
    #[wasm_bindgen(js_name = getLobby, unchecked_return_type = "Promise<LobbyAnswer>")]
    pub fn get_lobby(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] meeting_id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| lobby::get(&text_arg(&meeting_id, "meeting_id")?)?.with_json_body(), LOBBY)
    }

    /// Adds a meeting's lobby (`POST /meetings/{id}/lobby`, multipart; files as `Blob`/`File`).
    #[wasm_bindgen(js_name = addLobby, unchecked_return_type = "Promise<LobbyAnswer>")]
    pub fn add_lobby(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] meeting_id: JsValue,
        input: Ts<lobby::LobbyInput>,
        options: Opts,
    ) -> js_sys::Promise {
        let raw = input.js_value();
        self.upload(
            options,
            raw.clone(),
            move |_| {
                lobby::add(&text_arg(&meeting_id, "meeting_id")?, &lobby::LobbyInput::read(&object(&raw)?)?)?
                    .with_json_body()
            },
            LOBBY,
        )
    }

    /// Replaces a meeting's lobby (`PATCH /meetings/{id}/lobby`, multipart).
    #[wasm_bindgen(js_name = updateLobby, unchecked_return_type = "Promise<LobbyAnswer>")]
    pub fn update_lobby(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] meeting_id: JsValue,
        input: Ts<lobby::LobbyInput>,
        options: Opts,
    ) -> js_sys::Promise {
        let raw = input.js_value();
        self.upload(
            options,
            raw.clone(),
            move |_| {
                lobby::update(&text_arg(&meeting_id, "meeting_id")?, &lobby::LobbyInput::read(&object(&raw)?)?)?
                    .with_json_body()
            },
            LOBBY,
        )
    }

    /// Removes a meeting's lobby (`DELETE /meetings/{id}/lobby`).
    #[wasm_bindgen(js_name = deleteLobby, unchecked_return_type = "Promise<LobbyAnswer>")]
    pub fn delete_lobby(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] meeting_id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| lobby::delete(&text_arg(&meeting_id, "meeting_id")?)?.with_json_body(), LOBBY)
    }
}
