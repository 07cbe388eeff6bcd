//! `UcaasClient` methods of joining and inviting to a session (`/sessions/join`, `/sessions/invite`): the core build (and the full one).

use super::*;
use crate::api::sessions;

#[wasm_bindgen]
impl UcaasClient {
    /// Joins a session by PIN (`POST /sessions/join`); needs no login.
    #[wasm_bindgen(js_name = joinSession, unchecked_return_type = "Promise<JoinResult>")]
    pub fn join_session(&self, input: Ts<sessions::JoinInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| sessions::join(sessions::JoinInput::read(&object_arg(&input)?))?.with_json_body(),
            Answer::whole(shape_json!(sessions::JoinResult::SHAPE)),
        )
    }

    /// Invites people by email into a session (`POST /sessions/invite`); needs no login.
    #[wasm_bindgen(js_name = inviteToSession, unchecked_return_type = "Promise<InviteResult>")]
    pub fn invite_to_session(&self, input: Ts<sessions::InviteInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| sessions::invite(sessions::InviteInput::read(&object_arg(&input)?))?.with_json_body(),
            Answer::whole(shape_json!(sessions::InviteResult::SHAPE)),
        )
    }
}
