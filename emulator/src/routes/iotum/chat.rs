//! Chat: a system message to a company's DM room (`id`) or channel (`slug`).

use super::schema::{self as s};
use super::{doc, post_route, run, Allowed, Error, Reply, AUTHED};
use crate::area::Route;
use crate::state::App;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use serde::{Deserialize, Serialize};

/// Messages a room keeps (the oldest go first).
const KEPT: usize = 100;

/// A chat room of a company: a DM room (by id) or a channel (by slug).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChatRoom {
    /// Id.
    pub id: u64,
    /// Company.
    pub company_id: u64,
    /// Slug of a channel (none for a DM room).
    #[serde(default)]
    pub slug: Option<String>,
    /// System messages sent to it, oldest first.
    #[serde(default)]
    pub messages: Vec<String>,
}

/// The routes of this section.
pub fn routes() -> Vec<Route> {
    vec![post_route(
        &["/chat/create"],
        post(create),
        doc(
            "iotumChatCreate",
            "Send a system message to a DM room (id) or a channel (slug) of a company (ResellerAdmin)",
            s::authed(
                vec![("company_id", s::id(5)), ("id", s::id(123)), ("slug", s::text()), ("message", s::text())],
                &["company_id", "message"],
            ),
            s::ok_message(),
            200,
            AUTHED,
        ),
    )]
}

async fn create(State(app): State<App>, body: Bytes) -> Response {
    run(&app, &body, Allowed::Reseller, |ctx| {
        let f = &ctx.fields;
        let room_id = f.opt_id("id")?;
        let slug = f.opt_str("slug")?;
        if slug.as_deref() == Some("") {
            return Err(Error::invalid("slug must not be empty"));
        }
        if room_id.is_none() && slug.is_none() {
            return Err(Error::invalid("id or slug is required"));
        }
        let message = f.str("message")?;
        ctx.app.mutate(|data| {
            let company = ctx.named_company(data)?.id;
            let room = data
                .iotum
                .chat_rooms
                .iter_mut()
                .find(|r| {
                    r.company_id == company
                        && match (room_id, &slug) {
                            (Some(id), _) => r.id == id,
                            (None, slug) => r.slug.is_some() && r.slug == *slug,
                        }
                })
                .ok_or_else(|| Error::not_found("Chat room"))?;
            room.messages.push(message);
            if room.messages.len() > KEPT {
                room.messages.remove(0);
            }
            Ok(Reply::ok_message())
        })
    })
}
