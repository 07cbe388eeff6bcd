//! `UcaasClient` methods of branding (`GET /branding`; a meeting's own, `POST /meetings/{id}/branding`, in the full build): the core build (and the full one).

use super::*;
use crate::api::branding;

#[wasm_bindgen]
impl UcaasClient {
    /// Fetches branding for a domain, customer or meeting (`GET /branding`); needs no login.
    #[wasm_bindgen(js_name = getBranding, unchecked_return_type = "Promise<Branding>")]
    pub fn get_branding(&self, query: Ts<branding::BrandingQuery>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| branding::get(branding::BrandingQuery::read(&object_arg(&query)?))?.with_json_body(),
            Answer::whole(shape_json!(branding::Branding::SHAPE)),
        )
    }
}

#[cfg(feature = "full")]
#[wasm_bindgen]
impl UcaasClient {
    /// Sets a meeting's own branding (`POST /meetings/{id}/branding`, multipart).
    #[wasm_bindgen(js_name = setMeetingBranding, unchecked_return_type = "Promise<MeetingBranding>")]
    pub fn set_meeting_branding(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] meeting_id: JsValue,
        input: Ts<branding::MeetingBrandingInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                branding::set_meeting(
                    &text_arg(&meeting_id, "meeting_id")?,
                    &branding::MeetingBrandingInput::read(&object_arg(&input)?)?,
                )?
                .with_json_body()
            },
            Answer::part(shape_json!(branding::MeetingBrandingAnswer::SHAPE), "branding"),
        )
    }
}
