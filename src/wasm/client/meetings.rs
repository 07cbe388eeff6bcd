//! `UcaasClient` methods of scheduled meetings (`/meetings`): the core build (and the full one).

use super::*;
use crate::api::meetings;

const MEETING: Answer = Answer::part(shape_json!(meetings::MeetingAnswer::SHAPE), "meeting");

#[wasm_bindgen]
impl UcaasClient {
    /// Schedules a meeting (`POST /meetings`). `start_time` may be a `Date`.
    #[wasm_bindgen(js_name = scheduleMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn schedule_meeting(&self, input: Ts<meetings::MeetingInput>, options: Opts) -> js_sys::Promise {
        self.run(options, move |now| meetings::schedule(meeting_arg(input.js_value())?, now)?.with_json_body(), MEETING)
    }

    /// Reads one meeting (`GET /meetings/{id}`).
    #[wasm_bindgen(js_name = getMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn get_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| meetings::get(&text_arg(&id, "meeting_id")?)?.with_json_body(), MEETING)
    }

    /// Changes the fields `patch` gives (`PATCH /meetings/{id}`).
    #[wasm_bindgen(js_name = updateMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn update_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<MeetingInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |now| meetings::update(&text_arg(&id, "meeting_id")?, meeting_arg(patch)?, now)?.with_json_body(),
            MEETING,
        )
    }

    /// Cancels a meeting (`DELETE /meetings/{id}`). Never retried automatically.
    #[wasm_bindgen(js_name = cancelMeeting, unchecked_return_type = "Promise<CancelResult>")]
    pub fn cancel_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| meetings::cancel(&text_arg(&id, "meeting_id")?)?.with_json_body(),
            Answer::whole(shape_json!(meetings::CancelResult::SHAPE)),
        )
    }

    /// One page of meetings (`GET /meetings?...`).
    #[wasm_bindgen(js_name = listMeetings, unchecked_return_type = "Promise<MeetingList>")]
    pub fn list_meetings(&self, query: Option<Ts<meetings::ListQuery>>, options: Opts) -> js_sys::Promise {
        self.list(
            &meetings::LIST_ROUTE,
            query.map(|q| q.js_value()),
            options,
            shape_json!(meetings::MeetingList::SHAPE),
        )
    }

    /// Every meeting matching `query`, page after page, fetched as the loop asks for more:
    /// `for await (const m of client.meetings({ stage: "upcoming" })) { … }`.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Meeting>")]
    pub fn meetings(&self, query: Option<Ts<meetings::ListQuery>>, options: Opts) -> JsValue {
        let query = query.map(|q| q.js_value());
        self.iterate(&meetings::LIST_ROUTE, query, options, shape_json!(meetings::MeetingList::SHAPE), "meetings")
    }
}
