//! `UcaasClient`, the class JavaScript uses. Each method validates its input into a
//! [`crate::api`] request, sends it with [`super::transport`], and decodes the answer. Methods
//! that talk to the server return promises and never throw synchronously: every failure is a
//! rejected promise with a `UcaasError`.

use super::js::{self, get};
use super::state::{self, AuthEvent, AuthState};
use super::storage::{Mode, Store};
use super::transport::{self, CallConfig, Target};
use crate::api::list::{self, ListSpec};
use crate::api::{auth, branding, contacts, customers, datapool, groups, lobby, meetings, permanent, polls, reports, sessions, subscriptions, users, Auth, Request};
use crate::error::Error;
use crate::session::storage_key;
use crate::loose::Loose;
use crate::shape::{loose, Field, Shaped, Tree};
use crate::validate::format_utc;
use serde::Deserialize;
use std::future::Future;
use std::rc::Rc;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &'static str = r#"
/** What `onAuthChange` listeners are told. */
export type AuthEvent = "initial" | "signed_in" | "signed_out" | "expiring" | "expired";

/** The storage a client keeps its session in. */
export type StorageMode = "session" | "local" | "memory";

/** Every failure of the client: a real `Error`, so `instanceof UcaasError` and `instanceof Error` work. */
export declare class UcaasError extends Error {
  readonly name: "UcaasError";
  /** What went wrong, in a word to switch on. */
  readonly kind: ErrorKind;
  /** The API's result code, or the documented code of a local validation failure. */
  readonly code: number | undefined;
  /** The HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The API's longer description, when it sent one. */
  readonly desc: string | undefined;
  /** The input field a validation error concerns (snake_case, as in the API). */
  readonly field: string | undefined;
}
"#;

/// Options of `new UcaasClient(options)`. (Read by `Inner::new` from the JS object; the struct
/// gives TypeScript its type.)
#[derive(Debug, Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// The API's base URL, e.g. `https://api.enablex.io/ucaas/v1` (the emulator's in development).
    pub base_url: String,
    /// Your application's public API id, sent as `X-Api-Id`. Never pass the API key.
    pub api_id: String,
    /// `X-App-Type` on the meeting routes: `"vc"` (video meeting, default) or `"wb"` (webinar).
    #[serde(default)]
    #[tsify(optional, type = "\"vc\" | \"wb\"")]
    pub app_type: Option<String>,
    /// Where the session is kept: `"session"` (default), `"local"` (shared by tabs) or `"memory"`.
    #[serde(default)]
    #[tsify(optional, type = "StorageMode")]
    pub storage: Option<String>,
    /// Storage key prefix (default `"ucaas.session"`); the API id is appended.
    #[serde(default)]
    #[tsify(optional)]
    pub storage_key: Option<String>,
    /// Per-attempt timeout in milliseconds (default 15000).
    #[serde(default)]
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Token life in seconds (default 900: the docs say both 15 and 20 minutes).
    #[serde(default)]
    #[tsify(optional)]
    pub token_ttl_seconds: Option<f64>,
}

/// The optional last argument of every method that calls the API (read by
/// `transport::CallConfig::read`; this struct gives TypeScript its type).
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CallOptions {
    /// Aborts the call (the promise rejects with kind "aborted").
    #[serde(default)]
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Loose,
    /// Overrides the client's `timeoutMs` for this call.
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
}

/// `Option<Ts<CallOptions>>`: wasm-bindgen then types the parameter `options?: CallOptions`.
type Opts = Option<Ts<CallOptions>>;

struct Inner {
    target: Target,
    auth: Rc<AuthState>,
}

/// A client of the UCaaS API for one application (API id) and one signed-in user at a time.
#[wasm_bindgen]
pub struct UcaasClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl UcaasClient {
    /// Creates a client and restores a stored session. Throws `UcaasError` (kind "validation")
    /// for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<UcaasClient, JsValue> {
        Ok(UcaasClient { inner: Rc::new(Inner::new(&object_arg(&options)?)?) })
    }

    /// The storage actually in use (`"memory"` when the requested one was unusable).
    #[wasm_bindgen(getter, js_name = storageMode, unchecked_return_type = "StorageMode")]
    pub fn storage_mode(&self) -> String {
        self.inner.auth.mode().as_str().to_owned()
    }

    /// Resolves once the stored session has been restored (always resolves, even when storage is
    /// broken: the client then runs in memory).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn ready(&self) -> js_sys::Promise {
        js_sys::Promise::resolve(&JsValue::UNDEFINED)
    }

    /// Signs in with `POST /login` and keeps the session in the configured storage.
    #[wasm_bindgen(unchecked_return_type = "Promise<Session>")]
    pub fn login(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        let inner = self.inner.clone();
        promise(async move {
            let opts = CallConfig::read(&options.map(|o| o.js_value()))?;
            let (email, password) = (text_arg(&email, "email")?, text_arg(&password, "password")?);
            let req = auth::login(email.trim(), &password)?.with_json_body()?;
            let answer = inner.call(&req, &opts, auth::LoginAnswer::SHAPE).await?;
            let token = get(&answer, "token").and_then(|t| t.as_string()).unwrap_or_default();
            let env = inner.auth.sign_in(token, get(&answer, "user").unwrap_or(JsValue::UNDEFINED));
            Ok(state::public(&env))
        })
    }

    /// The current session (user and expiry), or `undefined` when signed out.
    #[wasm_bindgen(unchecked_return_type = "Session | undefined")]
    pub fn session(&self) -> JsValue {
        self.inner.auth.session_value()
    }

    /// Forgets the session here (and, with `"local"` storage, in the origin's other tabs).
    pub fn logout(&self) {
        self.inner.auth.end(AuthEvent::SignedOut, None);
    }

    /// Calls `listener(event, session)` on every auth change, and once at once with `"initial"`.
    /// Returns the function that unsubscribes it.
    #[wasm_bindgen(js_name = onAuthChange, unchecked_return_type = "() => void")]
    pub fn on_auth_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(event: AuthEvent, session: Session | undefined) => void")] listener: JsValue,
    ) -> Result<js_sys::Function, JsValue> {
        let listener: js_sys::Function = listener
            .dyn_into()
            .map_err(|_| Error::invalid("listener", "onAuthChange takes a function."))?;
        let id = self.inner.auth.subscribe(listener);
        let weak = Rc::downgrade(&self.inner);
        let unsubscribe = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.auth.unsubscribe(id);
            }
        });
        Ok(unsubscribe.into_js_value().unchecked_into())
    }

    /// Mails a password reset key to `email` (`POST /password`).
    #[wasm_bindgen(js_name = requestPasswordReset, unchecked_return_type = "Promise<PasswordData>")]
    pub fn request_password_reset(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| auth::request_password_reset(text_arg(&email, "email")?.trim())?.with_json_body(), PASSWORD)
    }

    /// Checks a reset key and tells whose it is (`PATCH /password/{key}`).
    #[wasm_bindgen(js_name = validateResetKey, unchecked_return_type = "Promise<PasswordData>")]
    pub fn validate_reset_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| auth::validate_reset_key(&text_arg(&key, "key")?)?.with_json_body(), PASSWORD)
    }

    /// Sets a new password with a reset key (`PATCH /password/{key}`).
    #[wasm_bindgen(js_name = resetPassword, unchecked_return_type = "Promise<PasswordData>")]
    pub fn reset_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        input: Ts<auth::NewPassword>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| auth::reset_password(&text_arg(&key, "key")?, auth::NewPassword::read(&object_arg(&input)?)?)?.with_json_body(),
            PASSWORD,
        )
    }

    /// Joins a session by PIN (`POST /sessions/join`); needs no login.
    #[wasm_bindgen(js_name = joinSession, unchecked_return_type = "Promise<JoinResult>")]
    pub fn join_session(
        &self,
        input: Ts<sessions::JoinInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| sessions::join(sessions::JoinInput::read(&object_arg(&input)?))?.with_json_body(), Answer::whole(sessions::JoinResult::SHAPE))
    }

    /// Invites people by email into a session (`POST /sessions/invite`); needs no login.
    #[wasm_bindgen(js_name = inviteToSession, unchecked_return_type = "Promise<InviteResult>")]
    pub fn invite_to_session(
        &self,
        input: Ts<sessions::InviteInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| sessions::invite(sessions::InviteInput::read(&object_arg(&input)?))?.with_json_body(), Answer::whole(sessions::InviteResult::SHAPE))
    }

    /// Fetches branding for a domain, customer or meeting (`GET /branding`); needs no login.
    #[wasm_bindgen(js_name = getBranding, unchecked_return_type = "Promise<Branding>")]
    pub fn get_branding(
        &self,
        query: Ts<branding::BrandingQuery>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| branding::get(branding::BrandingQuery::read(&object_arg(&query)?))?.with_json_body(), Answer::whole(branding::Branding::SHAPE))
    }

    /// Schedules a meeting (`POST /meetings`). `start_time` may be a `Date`.
    #[wasm_bindgen(js_name = scheduleMeeting, unchecked_return_type = "Promise<Meeting>")]
    pub fn schedule_meeting(
        &self,
        input: Ts<meetings::MeetingInput>,
        options: Opts,
    ) -> js_sys::Promise {
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
        self.run(options, move |_| meetings::cancel(&text_arg(&id, "meeting_id")?)?.with_json_body(), Answer::whole(meetings::CancelResult::SHAPE))
    }

    /// One page of meetings (`GET /meetings?...`).
    #[wasm_bindgen(js_name = listMeetings, unchecked_return_type = "Promise<MeetingList>")]
    pub fn list_meetings(
        &self,
        query: Option<Ts<meetings::ListQuery>>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| meetings::list(&meetings::check_query(&query_arg(query.as_ref())?)?).with_json_body(), LIST)
    }

    /// Every meeting matching `query`, page after page, fetched as the loop asks for more:
    /// `for await (const m of client.meetings({ stage: "upcoming" })) { … }`.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Meeting>")]
    pub fn meetings(&self, query: Option<Ts<meetings::ListQuery>>, options: Opts) -> JsValue {
        let checked = query_arg(query.as_ref()).and_then(|q| meetings::check_query(&q));
        let (first, length) = match &checked {
            Ok(q) => (q.page.unwrap_or(1), q.page_length.unwrap_or(DEFAULT_PAGE_LENGTH)),
            Err(_) => (1, DEFAULT_PAGE_LENGTH),
        };
        let inner = self.inner.clone();
        let fetch_page = Closure::<dyn FnMut(u32) -> js_sys::Promise>::new(move |page: u32| {
            let (inner, checked, options) = (inner.clone(), checked.clone(), options.as_ref().map(Ts::js_value));
            promise(async move {
                let query = meetings::CheckedQuery { page: Some(page), page_length: Some(length), ..checked? };
                let opts = CallConfig::read(&options)?;
                inner.execute(meetings::list(&query).with_json_body()?, opts, LIST).await
            })
        });
        js::pages(fetch_page.into_js_value().unchecked_ref(), first, length, "meetings")
    }

    // ---- Permanent rooms -----------------------------------------------------------------

    /// Your permanent room, or (with `userId`) a user's of your account (`GET /meetings/permanent[/{user_id}]`).
    #[wasm_bindgen(js_name = getPermanentRoom, unchecked_return_type = "Promise<PermanentRoom>")]
    pub fn get_permanent_room(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] user_id: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| permanent::get(opt_text_arg(&user_id.unwrap_or_default(), "user_id")?.as_deref())?.with_json_body(), PERMANENT)
    }

    /// Changes a permanent room (`PATCH /meetings/permanent/{room_id}`).
    #[wasm_bindgen(js_name = updatePermanentRoom, unchecked_return_type = "Promise<PermanentRoom>")]
    pub fn update_permanent_room(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] room_id: JsValue,
        patch: Ts<permanent::PermanentRoomPatch>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| permanent::update(&text_arg(&room_id, "room_id")?, &permanent::PermanentRoomPatch::read(&object_arg(&patch)?))?.with_json_body(), PERMANENT)
    }

    /// Renews a permanent room's PINs (`PATCH /meetings/permanent/{room_id}`, `X-Action: reset-pins`).
    #[wasm_bindgen(js_name = resetPermanentRoomPins, unchecked_return_type = "Promise<PermanentRoom>")]
    pub fn reset_permanent_room_pins(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] room_id: JsValue,
        input: Ts<permanent::ResetPins>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| permanent::reset_pins(&text_arg(&room_id, "room_id")?, &permanent::ResetPins::read(&object_arg(&input)?))?.with_json_body(), PERMANENT)
    }

    // ---- Lobby, meeting branding, polls ----------------------------------------------------

    /// A meeting's lobby (`GET /meetings/{id}/lobby`).
    #[wasm_bindgen(js_name = getLobby, unchecked_return_type = "Promise<LobbyAnswer>")]
    pub fn get_lobby(&self, #[wasm_bindgen(unchecked_param_type = "string")] meeting_id: JsValue, options: Opts) -> js_sys::Promise {
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
        self.upload(options, raw.clone(), move |_| lobby::add(&text_arg(&meeting_id, "meeting_id")?, &lobby::LobbyInput::read(&object(&raw)?)?)?.with_json_body(), LOBBY)
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
        self.upload(options, raw.clone(), move |_| lobby::update(&text_arg(&meeting_id, "meeting_id")?, &lobby::LobbyInput::read(&object(&raw)?)?)?.with_json_body(), LOBBY)
    }

    /// Removes a meeting's lobby (`DELETE /meetings/{id}/lobby`).
    #[wasm_bindgen(js_name = deleteLobby, unchecked_return_type = "Promise<LobbyAnswer>")]
    pub fn delete_lobby(&self, #[wasm_bindgen(unchecked_param_type = "string")] meeting_id: JsValue, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| lobby::delete(&text_arg(&meeting_id, "meeting_id")?)?.with_json_body(), LOBBY)
    }

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
            move |_| branding::set_meeting(&text_arg(&meeting_id, "meeting_id")?, &branding::MeetingBrandingInput::read(&object_arg(&input)?)?)?.with_json_body(),
            Answer { shape: branding::MeetingBrandingAnswer::SHAPE, pick: Some("branding") },
        )
    }

    /// The polls of a room's sessions, or of one (`confNum`) (`GET /polls/{room_id}`).
    #[wasm_bindgen(js_name = getPolls, unchecked_return_type = "Promise<Poll[]>")]
    pub fn get_polls(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] room_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] conf_num: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| polls::get(&text_arg(&room_id, "room_id")?, &Tree::scalar(&conf_num.unwrap_or_default()))?.with_json_body(), Answer { shape: polls::Polls::SHAPE, pick: Some("polls") })
    }

    // ---- Contacts and groups ---------------------------------------------------------------

    /// Adds a contact (`POST /contacts`).
    #[wasm_bindgen(js_name = addContact, unchecked_return_type = "Promise<Contact>")]
    pub fn add_contact(&self, input: Ts<contacts::ContactInput>, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| contacts::add(&contacts::ContactInput::read(&object_arg(&input)?))?.with_json_body(), CONTACT)
    }

    /// Changes a contact (`PATCH /contacts/{id}`).
    #[wasm_bindgen(js_name = updateContact, unchecked_return_type = "Promise<Contact>")]
    pub fn update_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<ContactInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| contacts::update(&text_arg(&id, "contact_id")?, &contacts::ContactInput::read(&object(&patch)?))?.with_json_body(), CONTACT)
    }

    /// Reads a contact (`GET /contacts/{id}`).
    #[wasm_bindgen(js_name = getContact, unchecked_return_type = "Promise<Contact>")]
    pub fn get_contact(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| contacts::get(&text_arg(&id, "contact_id")?)?.with_json_body(), CONTACT)
    }

    /// Deletes a contact (`DELETE /contacts/{id}`).
    #[wasm_bindgen(js_name = deleteContact, unchecked_return_type = "Promise<Contact>")]
    pub fn delete_contact(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| contacts::delete(&text_arg(&id, "contact_id")?)?.with_json_body(), CONTACT)
    }

    /// One page of contacts (`GET /contacts?...`).
    #[wasm_bindgen(js_name = listContacts, unchecked_return_type = "Promise<ContactList>")]
    pub fn list_contacts(&self, #[wasm_bindgen(unchecked_optional_param_type = "ContactQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> js_sys::Promise {
        self.list(&contacts::LIST, query, options, contacts::ContactList::SHAPE)
    }

    /// Every contact matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Contact>")]
    pub fn contacts(&self, #[wasm_bindgen(unchecked_optional_param_type = "ContactQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> JsValue {
        self.iterate(&contacts::LIST, query, options, contacts::ContactList::SHAPE, "contacts")
    }

    /// Adds a contact group (`POST /contact-groups`).
    #[wasm_bindgen(js_name = addContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn add_contact_group(&self, input: Ts<groups::GroupInput>, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| groups::add(&groups::GroupInput::read(&object_arg(&input)?))?.with_json_body(), GROUP)
    }

    /// Renames a contact group (`PATCH /contact-groups/{id}`).
    #[wasm_bindgen(js_name = updateContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn update_contact_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        input: Ts<groups::GroupInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| groups::update(&text_arg(&id, "group_id")?, &groups::GroupInput::read(&object_arg(&input)?))?.with_json_body(), GROUP)
    }

    /// Reads a contact group with its contacts (`GET /contact-groups/{id}`).
    #[wasm_bindgen(js_name = getContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn get_contact_group(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| groups::get(&text_arg(&id, "group_id")?)?.with_json_body(), GROUP)
    }

    /// Deletes a contact group (`DELETE /contact-groups/{id}`).
    #[wasm_bindgen(js_name = deleteContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn delete_contact_group(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| groups::delete(&text_arg(&id, "group_id")?)?.with_json_body(), GROUP)
    }

    /// Adds contacts to a group (`PATCH /contact-groups/{id}`, `X-License: add-contact`).
    #[wasm_bindgen(js_name = addContactsToGroup, unchecked_return_type = "Promise<Group>")]
    pub fn add_contacts_to_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] contact_ids: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| groups::members(&text_arg(&id, "group_id")?, &Tree::scalar(&contact_ids), true)?.with_json_body(), GROUP)
    }

    /// Removes contacts from a group (`PATCH /contact-groups/{id}`, `X-License: delete-contact`).
    #[wasm_bindgen(js_name = removeContactsFromGroup, unchecked_return_type = "Promise<Group>")]
    pub fn remove_contacts_from_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] contact_ids: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| groups::members(&text_arg(&id, "group_id")?, &Tree::scalar(&contact_ids), false)?.with_json_body(), GROUP)
    }

    /// One page of contact groups (`GET /contact-groups?...`).
    #[wasm_bindgen(js_name = listContactGroups, unchecked_return_type = "Promise<GroupList>")]
    pub fn list_contact_groups(&self, #[wasm_bindgen(unchecked_optional_param_type = "GroupQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> js_sys::Promise {
        self.list(&groups::LIST, query, options, groups::GroupList::SHAPE)
    }

    /// Every contact group matching `query`, page after page.
    #[wasm_bindgen(js_name = contactGroups, unchecked_return_type = "AsyncIterable<Group>")]
    pub fn contact_groups(&self, #[wasm_bindgen(unchecked_optional_param_type = "GroupQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> JsValue {
        self.iterate(&groups::LIST, query, options, groups::GroupList::SHAPE, "groups")
    }

    // ---- Datapool and reports --------------------------------------------------------------

    /// Every time zone (`GET /timezones`).
    #[wasm_bindgen(js_name = getTimezones, unchecked_return_type = "Promise<Timezone[]>")]
    pub fn get_timezones(&self, options: Opts) -> js_sys::Promise {
        self.run(options, |_| datapool::timezones().with_json_body(), Answer { shape: datapool::TimezoneList::SHAPE, pick: Some("timezones") })
    }

    /// Every country (`GET /countries`).
    #[wasm_bindgen(js_name = getCountries, unchecked_return_type = "Promise<Country[]>")]
    pub fn get_countries(&self, options: Opts) -> js_sys::Promise {
        self.run(options, |_| datapool::countries().with_json_body(), Answer { shape: datapool::CountryList::SHAPE, pick: Some("countries") })
    }

    /// Billing plans, of every application or of `app` (`GET /plans[/{app}]`).
    #[wasm_bindgen(js_name = getPlans, unchecked_return_type = "Promise<Plan[]>")]
    pub fn get_plans(&self, #[wasm_bindgen(unchecked_optional_param_type = "\"vc\" | \"wb\"")] app: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> js_sys::Promise {
        self.run(options, move |_| datapool::plans(opt_text_arg(&app.unwrap_or_default(), "app")?.as_deref())?.with_json_body(), Answer { shape: datapool::PlanList::SHAPE, pick: Some("plans") })
    }

    /// One page of the sessions report (`GET /sessions?...`).
    #[wasm_bindgen(js_name = listSessions, unchecked_return_type = "Promise<SessionList>")]
    pub fn list_sessions(&self, #[wasm_bindgen(unchecked_optional_param_type = "SessionQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> js_sys::Promise {
        self.list(&reports::SESSIONS, query, options, reports::SessionList::SHAPE)
    }

    /// Every session of the report matching `query`, page after page.
    #[wasm_bindgen(js_name = sessions, unchecked_return_type = "AsyncIterable<SessionRecord>")]
    pub fn session_records(&self, #[wasm_bindgen(unchecked_optional_param_type = "SessionQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> JsValue {
        self.iterate(&reports::SESSIONS, query, options, reports::SessionList::SHAPE, "sessions")
    }

    /// Call detail records of a room, meeting or session (`GET /cdr?...`).
    #[wasm_bindgen(js_name = getCdr, unchecked_return_type = "Promise<Cdr>")]
    pub fn get_cdr(&self, query: Ts<reports::CdrQuery>, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| reports::cdr(&object_arg(&query)?)?.with_json_body(), Answer::whole(reports::Cdr::SHAPE))
    }

    // ---- Administration ----------------------------------------------------------------------

    /// Reads a customer (`GET /customers/{id}`).
    #[wasm_bindgen(js_name = getCustomer, unchecked_return_type = "Promise<Customer>")]
    pub fn get_customer(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| customers::get(&text_arg(&id, "customer_id")?)?.with_json_body(), Answer { shape: customers::CustomerResult::SHAPE, pick: Some("customer") })
    }

    /// Adds a customer (`POST /customers`); the answer carries its portal sign-in.
    #[wasm_bindgen(js_name = addCustomer, unchecked_return_type = "Promise<CustomerResult>")]
    pub fn add_customer(&self, input: Ts<customers::CustomerInput>, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| customers::add(&customers::CustomerInput::read(&object_arg(&input)?)?)?.with_json_body(), CUSTOMER)
    }

    /// Changes a customer (`PATCH /customers/{id}`).
    #[wasm_bindgen(js_name = updateCustomer, unchecked_return_type = "Promise<CustomerResult>")]
    pub fn update_customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<CustomerInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| customers::update(&text_arg(&id, "customer_id")?, &customers::CustomerInput::read(&object(&patch)?)?)?.with_json_body(), CUSTOMER)
    }

    /// One page of customers (`GET /customers?...`).
    #[wasm_bindgen(js_name = listCustomers, unchecked_return_type = "Promise<CustomerList>")]
    pub fn list_customers(&self, #[wasm_bindgen(unchecked_optional_param_type = "CustomerQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> js_sys::Promise {
        self.list(&customers::LIST, query, options, customers::CustomerList::SHAPE)
    }

    /// Every customer matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Customer>")]
    pub fn customers(&self, #[wasm_bindgen(unchecked_optional_param_type = "CustomerQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> JsValue {
        self.iterate(&customers::LIST, query, options, customers::CustomerList::SHAPE, "customers")
    }

    /// Reads a subscription (`GET /subscriptions/{id}`).
    #[wasm_bindgen(js_name = getSubscription, unchecked_return_type = "Promise<Subscription>")]
    pub fn get_subscription(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| subscriptions::get(&text_arg(&id, "subscription_id")?)?.with_json_body(), SUBSCRIPTION)
    }

    /// Adds a subscription (`POST /subscriptions`; administrators).
    #[wasm_bindgen(js_name = addSubscription, unchecked_return_type = "Promise<Subscription>")]
    pub fn add_subscription(&self, input: Ts<subscriptions::SubscriptionInput>, options: Opts) -> js_sys::Promise {
        self.run(options, move |now| subscriptions::add(&subscriptions::SubscriptionInput::read(&object_arg(&input)?)?, now)?.with_json_body(), SUBSCRIPTION)
    }

    /// Sets a subscription's status (`PATCH /subscriptions/{id}`): `"A"`, `"X"` or `"S"`.
    #[wasm_bindgen(js_name = updateSubscriptionStatus, unchecked_return_type = "Promise<Subscription>")]
    pub fn update_subscription_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"A\" | \"X\" | \"S\"")] status: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| subscriptions::update_status(&text_arg(&id, "subscription_id")?, &Tree::scalar(&status))?.with_json_body(), SUBSCRIPTION)
    }

    /// One page of subscriptions (`GET /subscriptions?...`).
    #[wasm_bindgen(js_name = listSubscriptions, unchecked_return_type = "Promise<SubscriptionList>")]
    pub fn list_subscriptions(&self, #[wasm_bindgen(unchecked_optional_param_type = "SubscriptionQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> js_sys::Promise {
        self.list(&subscriptions::LIST, query, options, subscriptions::SubscriptionList::SHAPE)
    }

    /// Every subscription matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Subscription>")]
    pub fn subscriptions(&self, #[wasm_bindgen(unchecked_optional_param_type = "SubscriptionQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> JsValue {
        self.iterate(&subscriptions::LIST, query, options, subscriptions::SubscriptionList::SHAPE, "subscriptions")
    }

    /// Adds a user (`POST /users`).
    #[wasm_bindgen(js_name = addUser, unchecked_return_type = "Promise<AccountUser>")]
    pub fn add_user(&self, input: Ts<users::UserInput>, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| users::add(&users::UserInput::read(&object_arg(&input)?))?.with_json_body(), USER)
    }

    /// Changes a user (`PATCH /users/{id}`).
    #[wasm_bindgen(js_name = updateUser, unchecked_return_type = "Promise<AccountUser>")]
    pub fn update_user(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<UserInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| users::update(&text_arg(&id, "user_id")?, &users::UserInput::read(&object(&patch)?))?.with_json_body(), USER)
    }

    /// Reads a user (`GET /users/{id}`).
    #[wasm_bindgen(js_name = getUser, unchecked_return_type = "Promise<AccountUser>")]
    pub fn get_user(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue, options: Opts) -> js_sys::Promise {
        self.run(options, move |_| users::get(&text_arg(&id, "user_id")?)?.with_json_body(), USER)
    }

    /// One page of users (`GET /users?...`).
    #[wasm_bindgen(js_name = listUsers, unchecked_return_type = "Promise<UserList>")]
    pub fn list_users(&self, #[wasm_bindgen(unchecked_optional_param_type = "UserQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> js_sys::Promise {
        self.list(&users::LIST, query, options, users::UserList::SHAPE)
    }

    /// Every user matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<AccountUser>")]
    pub fn users(&self, #[wasm_bindgen(unchecked_optional_param_type = "UserQuery")] query: Option<JsValue>, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts) -> JsValue {
        self.iterate(&users::LIST, query, options, users::UserList::SHAPE, "users")
    }

    /// Gives a user an application licence (`PATCH /users/{id}`, `X-License: assign`).
    #[wasm_bindgen(js_name = assignLicense, unchecked_return_type = "Promise<AccountUser>")]
    pub fn assign_license(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user_id: JsValue,
        input: Ts<users::LicenseInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| users::license(&text_arg(&user_id, "user_id")?, &users::LicenseInput::read(&object_arg(&input)?), true)?.with_json_body(), USER)
    }

    /// Takes a user's application licence back (`PATCH /users/{id}`, `X-License: revoke`).
    #[wasm_bindgen(js_name = revokeLicense, unchecked_return_type = "Promise<AccountUser>")]
    pub fn revoke_license(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"vc\" | \"wb\"")] app: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| users::license(&text_arg(&user_id, "user_id")?, &users::LicenseInput { app: Tree::scalar(&app), ..Default::default() }, false)?.with_json_body(),
            USER,
        )
    }

    /// Stops the client's timers and cross-tab listener. The session stays stored.
    pub fn dispose(&self) {
        self.inner.auth.detach();
    }
}

/// The API's documented default page length.
const DEFAULT_PAGE_LENGTH: u32 = 10;

/// Which part of an answer a method returns, decoded by which shape.
#[derive(Clone, Copy)]
struct Answer {
    /// The answer's shape (decoding fails if a required field is missing).
    shape: &'static [Field],
    /// The key of the part returned, or the whole answer.
    pick: Option<&'static str>,
}

impl Answer {
    const fn whole(shape: &'static [Field]) -> Self {
        Self { shape, pick: None }
    }
}

const PASSWORD: Answer = Answer { shape: auth::PasswordAnswer::SHAPE, pick: Some("data") };
const MEETING: Answer = Answer { shape: meetings::MeetingAnswer::SHAPE, pick: Some("meeting") };
const LIST: Answer = Answer::whole(meetings::MeetingList::SHAPE);
const PERMANENT: Answer = Answer { shape: permanent::PermanentRoomAnswer::SHAPE, pick: Some("permanent_room") };
const LOBBY: Answer = Answer::whole(lobby::LobbyAnswer::SHAPE);
const CONTACT: Answer = Answer { shape: contacts::ContactAnswer::SHAPE, pick: Some("contact") };
const GROUP: Answer = Answer { shape: groups::GroupAnswer::SHAPE, pick: Some("group") };
const CUSTOMER: Answer = Answer::whole(customers::CustomerResult::SHAPE);
const SUBSCRIPTION: Answer = Answer { shape: subscriptions::SubscriptionAnswer::SHAPE, pick: Some("subscription") };
const USER: Answer = Answer { shape: users::UserAnswer::SHAPE, pick: Some("user") };

impl UcaasClient {
    /// The common shape of a call: read the options and build the request now (`build` gets the
    /// time, for checks like "start in the future"), then send it and decode the answer. Only
    /// the building is generic; the sending is one function for every method.
    fn run(&self, options: Opts, build: impl FnOnce(i64) -> Result<Request<String>, Error> + 'static, answer: Answer) -> js_sys::Promise {
        self.run_boxed(options.map(|o| o.js_value()), Box::new(build), answer)
    }

    /// [`Self::run`] for a multipart request: its file parts are taken from `input`.
    fn upload(&self, options: Opts, input: JsValue, build: impl FnOnce(i64) -> Result<Request<String>, Error> + 'static, answer: Answer) -> js_sys::Promise {
        self.run_files(options.map(|o| o.js_value()), Some(input), Box::new(build), answer)
    }

    fn run_boxed(&self, options: Option<JsValue>, build: Box<dyn FnOnce(i64) -> Result<Request<String>, Error>>, answer: Answer) -> js_sys::Promise {
        self.run_files(options, None, build, answer)
    }

    /// One page of a list route.
    fn list(&self, spec: &'static ListSpec, query: Option<JsValue>, options: Opts, shape: &'static [Field]) -> js_sys::Promise {
        self.run(options, move |_| list::request(spec, &list::check(opt_object(query)?.as_ref(), spec)?).with_json_body(), Answer::whole(shape))
    }

    /// Every item (`list[key]`) of a list route, page after page, fetched as the loop asks.
    #[inline(never)]
    fn iterate(&self, spec: &'static ListSpec, query: Option<JsValue>, options: Opts, shape: &'static [Field], key: &str) -> JsValue {
        let checked = opt_object(query).and_then(|q| list::check(q.as_ref(), spec));
        let (first, length) = match &checked {
            Ok(q) => (q.page.unwrap_or(1), q.page_length.unwrap_or(DEFAULT_PAGE_LENGTH)),
            Err(_) => (1, DEFAULT_PAGE_LENGTH),
        };
        let inner = self.inner.clone();
        let options = options.map(|o| o.js_value());
        let fetch_page = Closure::<dyn FnMut(u32) -> js_sys::Promise>::new(move |page: u32| {
            let (inner, checked, options) = (inner.clone(), checked.clone(), options.clone());
            promise(async move {
                let query = meetings::CheckedQuery { page: Some(page), page_length: Some(length), ..checked? };
                let opts = CallConfig::read(&options)?;
                inner.execute(list::request(spec, &query).with_json_body()?, opts, Answer::whole(shape)).await
            })
        });
        js::pages(fetch_page.into_js_value().unchecked_ref(), first, length, key)
    }

    // Not generic and never inlined: the one copy of this per method would cost ~1 KB each.
    #[inline(never)]
    fn run_files(&self, options: Option<JsValue>, files: Option<JsValue>, build: Box<dyn FnOnce(i64) -> Result<Request<String>, Error>>, answer: Answer) -> js_sys::Promise {
        let prepared = CallConfig::read(&options).and_then(|opts| Ok((CallConfig { files, ..opts }, build(js::now_ms() as i64)?)));
        match prepared {
            Ok((opts, req)) => {
                let inner = self.inner.clone();
                promise(async move { inner.execute(req, opts, answer).await })
            }
            Err(e) => js_sys::Promise::reject(&e.into()),
        }
    }
}

impl Drop for UcaasClient {
    fn drop(&mut self) {
        self.inner.auth.detach();
    }
}

impl Inner {
    /// Reads and checks the options of `new UcaasClient(options)`.
    fn new(o: &JsValue) -> Result<Self, Error> {
        let text = |key: &'static str| -> Result<Option<String>, Error> {
            match loose(o, key) {
                Loose::Null => Ok(None),
                Loose::Str(s) => Ok(Some(s)),
                _ => Err(Error::invalid(key, format!("{key} must be a string."))),
            }
        };
        let number = |key: &'static str| -> Result<Option<f64>, Error> {
            match loose(o, key) {
                Loose::Null => Ok(None),
                Loose::Num(n) => Ok(Some(n)),
                _ => Err(Error::invalid(key, format!("{key} must be a number."))),
            }
        };
        let base_url = text("baseUrl")?.unwrap_or_default().trim().trim_end_matches('/').to_owned();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            return Err(Error::invalid("baseUrl", "baseUrl must be an http(s) URL, e.g. https://api.enablex.io/ucaas/v1."));
        }
        let api_id = text("apiId")?.unwrap_or_default().trim().to_owned();
        if api_id.is_empty() {
            return Err(Error::invalid("apiId", "apiId (your application's X-Api-Id) is required."));
        }
        let app_type = text("appType")?.unwrap_or_else(|| "vc".into());
        if app_type != "vc" && app_type != "wb" {
            return Err(Error::validation(1403, "appType"));
        }
        let storage = text("storage")?;
        let mode = Mode::parse(storage.as_deref().unwrap_or("session"))
            .ok_or_else(|| Error::invalid("storage", "storage must be \"session\", \"local\" or \"memory\"."))?;
        let timeout_ms = positive(number("timeoutMs")?, 15_000.0, "timeoutMs")?;
        let ttl = positive(number("tokenTtlSeconds")?, 900.0, "tokenTtlSeconds")?.min(86_400.0) as u32;
        let prefix = text("storageKey")?.unwrap_or_else(|| "ucaas.session".into());
        let store = Store::open(mode, storage_key(&prefix, &api_id));
        let target = Target { base_url, api_id, app_type, timeout_ms };
        Ok(Self { target, auth: AuthState::restore(store, ttl) })
    }

    /// Sends `req`, decodes the answer and returns the part `answer` picks.
    async fn execute(&self, req: Request<String>, opts: CallConfig, answer: Answer) -> Result<JsValue, Error> {
        let decoded = self.call(&req, &opts, answer.shape).await?;
        Ok(match answer.pick {
            Some(key) => get(&decoded, key).unwrap_or(JsValue::UNDEFINED),
            None => decoded,
        })
    }

    /// Sends `req` (with the session's token if it needs one) and decodes the answer by `shape`.
    /// An answer saying the token is not valid or expired ends the session.
    async fn call(&self, req: &Request<String>, opts: &CallConfig, shape: &'static [Field]) -> Result<JsValue, Error> {
        let token = match req.auth {
            Auth::Token => Some(self.auth.token()?),
            Auth::ApiId => None,
        };
        match transport::send(&self.target, req, token.as_deref(), opts).await {
            Ok(json) => transport::read(&json, shape),
            Err(e) => {
                if token.is_some() && e.ends_session() {
                    self.auth.end(AuthEvent::Expired, token.as_deref());
                }
                Err(e)
            }
        }
    }
}

fn positive(v: Option<f64>, default: f64, field: &'static str) -> Result<f64, Error> {
    match v {
        None => Ok(default),
        Some(n) if n.is_finite() && n > 0.0 => Ok(n),
        Some(_) => Err(Error::invalid(field, format!("{field} must be a positive number."))),
    }
}

fn promise(fut: impl Future<Output = Result<JsValue, Error>> + 'static) -> js_sys::Promise {
    future_to_promise(async move { fut.await.map_err(JsValue::from) })
}

/// A string argument; anything else is a validation error naming `field`.
fn text_arg(v: &JsValue, field: &'static str) -> Result<String, Error> {
    v.as_string().ok_or_else(|| Error::invalid(field, format!("{field} must be a string.")))
}

/// An object argument (its TypeScript type comes from `T`).
fn object_arg<T: Tsify>(v: &Ts<T>) -> Result<JsValue, Error> {
    let v = v.js_value();
    if Tree::is_object(&v) {
        Ok(v)
    } else {
        Err(Error::invalid("input", "The input must be an object."))
    }
}

/// An object argument given as a plain `JsValue`.
fn object(v: &JsValue) -> Result<JsValue, Error> {
    if Tree::is_object(v) {
        Ok(v.clone())
    } else {
        Err(Error::invalid("input", "The input must be an object."))
    }
}

/// An optional object argument (a list query): `undefined`/`null` is none.
fn opt_object(v: Option<JsValue>) -> Result<Option<JsValue>, Error> {
    let v = v.unwrap_or_default();
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else if Tree::is_object(&v) {
        Ok(Some(v))
    } else {
        Err(Error::invalid("query", "The query must be an object."))
    }
}

/// An optional string argument.
fn opt_text_arg(v: &JsValue, field: &'static str) -> Result<Option<String>, Error> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        text_arg(v, field).map(Some)
    }
}

fn query_arg(q: Option<&Ts<meetings::ListQuery>>) -> Result<meetings::ListQuery, Error> {
    match q.map(Ts::js_value).filter(|v| !v.is_undefined() && !v.is_null()) {
        Some(v) if Tree::is_object(&v) => Ok(meetings::ListQuery::read(&v)),
        Some(_) => Err(Error::invalid("query", "The query must be an object.")),
        None => Ok(meetings::ListQuery::default()),
    }
}

/// A meeting input, with a `Date` start turned into the wire's UTC text first.
fn meeting_arg(raw: JsValue) -> Result<meetings::MeetingInput, Error> {
    if !Tree::is_object(&raw) {
        return Err(Error::invalid("input", "The input must be an object."));
    }
    let input = meetings::MeetingInput::read(&raw)?;
    match get(&raw, "start_time").and_then(|s| s.dyn_into::<js_sys::Date>().ok()) {
        None => Ok(input),
        Some(date) if date.get_time().is_finite() => {
            Ok(meetings::MeetingInput { start_time: Loose::Str(format_utc(date.get_time() as i64)), ..input })
        }
        Some(_) => Err(Error::validation(1602, "start_time")),
    }
}
