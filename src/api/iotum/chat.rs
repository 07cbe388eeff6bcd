//! Chat (document §9): system messages to a company's chat rooms. ResellerAdmin.

use super::{with_input, ANSWERS};
use crate::api::Request;
use crate::error::Error;
use crate::shape::Tree;
use serde_json::Value;
use ucaas_client_macros::endpoint;

iotum_input!(
    /// Input of `chatCreate`: the company, the room (a DM's `id` or a channel's `slug`) and the
    /// text.
    ChatMessageInput {
        /// The company.
        company_id: Id,
        /// The DM room's id.
        id: Id optional,
        /// Or the channel's slug.
        slug: Text optional,
        /// The text, shown as from "System".
        message: Text,
    }
);

/// The body of `chat/create`: one of `id` and `slug` names the room.
fn body<T: Tree>(input: &T) -> Result<Value, Error> {
    let body = ChatMessageInput::body(input)?;
    if body.get("id").is_none() && body.get("slug").is_none() {
        return Err(Error::invalid("id", "Name the chat room: a DM room's id or a channel's slug."));
    }
    Ok(body)
}

/// Sends a system message to a DM or a channel of a company. ResellerAdmin.
#[endpoint(POST "/enterprise_api/chat/create", body_token, client = IotumClient, js = chatCreate, answer = super::Ack)]
pub fn create<T: Tree>(#[js(type = "ChatMessageInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CREATE, input, body)
}
