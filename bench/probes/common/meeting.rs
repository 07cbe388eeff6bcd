// The client's Meeting answer (src/api/meetings.rs) as a plain serde type: the fields and nesting
// of the real one, without its tolerant `loose` deserializers (which would only add bytes).
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub struct Timezone {
    #[serde(skip_serializing_if = "Option::is_none")] pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub offset: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct Invitees {
    #[serde(skip_serializing_if = "Option::is_none")] pub emails: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")] pub contact_ids: Option<Vec<String>>,
}

#[derive(Serialize, Deserialize)]
pub struct Meeting {
    pub meeting_id: String,
    #[serde(skip_serializing_if = "Option::is_none")] pub room_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub room_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub app_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub desc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", alias = "start_time ")] pub start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub timezone: Option<Timezone>,
    #[serde(skip_serializing_if = "Option::is_none")] pub mpin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub ppin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub direct_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub moderators: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")] pub participants: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")] pub duration: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")] pub wait_for_moderator: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")] pub knock: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")] pub auto_recording: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")] pub stage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")] pub invitees: Option<Invitees>,
}

#[derive(Serialize, Deserialize)]
pub struct MeetingAnswer {
    pub meeting: Meeting,
}
