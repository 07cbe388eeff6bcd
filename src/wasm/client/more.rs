//! `UcaasClient` methods of the rest of the API (issue 7), in the `full` build only
//! (`import … from "ucaas-client/full"`). Same patterns as the core methods in `super`.

use super::*;
use crate::api::{contacts, customers, datapool, groups, lobby, permanent, polls, reports, subscriptions, users};

const PERMANENT: Answer = Answer::part(shape_json!(permanent::PermanentRoomAnswer::SHAPE), "permanent_room");
const LOBBY: Answer = Answer::whole(shape_json!(lobby::LobbyAnswer::SHAPE));
const CONTACT: Answer = Answer::part(shape_json!(contacts::ContactAnswer::SHAPE), "contact");
const GROUP: Answer = Answer::part(shape_json!(groups::GroupAnswer::SHAPE), "group");
const CUSTOMER: Answer = Answer::whole(shape_json!(customers::CustomerResult::SHAPE));
const SUBSCRIPTION: Answer = Answer::part(shape_json!(subscriptions::SubscriptionAnswer::SHAPE), "subscription");
const USER: Answer = Answer::part(shape_json!(users::UserAnswer::SHAPE), "user");

#[wasm_bindgen]
impl UcaasClient {
    // ---- Permanent rooms -----------------------------------------------------------------

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

    // ---- Lobby, meeting branding, polls ----------------------------------------------------

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

    // ---- Contacts and groups ---------------------------------------------------------------

    /// Adds a contact (`POST /contacts`).
    #[wasm_bindgen(js_name = addContact, unchecked_return_type = "Promise<Contact>")]
    pub fn add_contact(&self, input: Ts<contacts::ContactInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| contacts::add(&contacts::ContactInput::read(&object_arg(&input)?))?.with_json_body(),
            CONTACT,
        )
    }

    /// Changes a contact (`PATCH /contacts/{id}`).
    #[wasm_bindgen(js_name = updateContact, unchecked_return_type = "Promise<Contact>")]
    pub fn update_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<ContactInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                contacts::update(&text_arg(&id, "contact_id")?, &contacts::ContactInput::read(&object(&patch)?))?
                    .with_json_body()
            },
            CONTACT,
        )
    }

    /// Reads a contact (`GET /contacts/{id}`).
    #[wasm_bindgen(js_name = getContact, unchecked_return_type = "Promise<Contact>")]
    pub fn get_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| contacts::get(&text_arg(&id, "contact_id")?)?.with_json_body(), CONTACT)
    }

    /// Deletes a contact (`DELETE /contacts/{id}`).
    #[wasm_bindgen(js_name = deleteContact, unchecked_return_type = "Promise<Contact>")]
    pub fn delete_contact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| contacts::delete(&text_arg(&id, "contact_id")?)?.with_json_body(), CONTACT)
    }

    /// One page of contacts (`GET /contacts?...`).
    #[wasm_bindgen(js_name = listContacts, unchecked_return_type = "Promise<ContactList>")]
    pub fn list_contacts(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ContactQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&contacts::LIST, query, options, shape_json!(contacts::ContactList::SHAPE))
    }

    /// Every contact matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Contact>")]
    pub fn contacts(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ContactQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&contacts::LIST, query, options, shape_json!(contacts::ContactList::SHAPE), "contacts")
    }

    /// Adds a contact group (`POST /contact-groups`).
    #[wasm_bindgen(js_name = addContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn add_contact_group(&self, input: Ts<groups::GroupInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| groups::add(&groups::GroupInput::read(&object_arg(&input)?))?.with_json_body(),
            GROUP,
        )
    }

    /// Renames a contact group (`PATCH /contact-groups/{id}`).
    #[wasm_bindgen(js_name = updateContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn update_contact_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        input: Ts<groups::GroupInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                groups::update(&text_arg(&id, "group_id")?, &groups::GroupInput::read(&object_arg(&input)?))?
                    .with_json_body()
            },
            GROUP,
        )
    }

    /// Reads a contact group with its contacts (`GET /contact-groups/{id}`).
    #[wasm_bindgen(js_name = getContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn get_contact_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| groups::get(&text_arg(&id, "group_id")?)?.with_json_body(), GROUP)
    }

    /// Deletes a contact group (`DELETE /contact-groups/{id}`).
    #[wasm_bindgen(js_name = deleteContactGroup, unchecked_return_type = "Promise<Group>")]
    pub fn delete_contact_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
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
        self.run(
            options,
            move |_| groups::members(&text_arg(&id, "group_id")?, &Tree::scalar(&contact_ids), true)?.with_json_body(),
            GROUP,
        )
    }

    /// Removes contacts from a group (`PATCH /contact-groups/{id}`, `X-License: delete-contact`).
    #[wasm_bindgen(js_name = removeContactsFromGroup, unchecked_return_type = "Promise<Group>")]
    pub fn remove_contacts_from_group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] contact_ids: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| groups::members(&text_arg(&id, "group_id")?, &Tree::scalar(&contact_ids), false)?.with_json_body(),
            GROUP,
        )
    }

    /// One page of contact groups (`GET /contact-groups?...`).
    #[wasm_bindgen(js_name = listContactGroups, unchecked_return_type = "Promise<GroupList>")]
    pub fn list_contact_groups(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GroupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&groups::LIST, query, options, shape_json!(groups::GroupList::SHAPE))
    }

    /// Every contact group matching `query`, page after page.
    #[wasm_bindgen(js_name = contactGroups, unchecked_return_type = "AsyncIterable<Group>")]
    pub fn contact_groups(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GroupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&groups::LIST, query, options, shape_json!(groups::GroupList::SHAPE), "groups")
    }

    // ---- Datapool and reports --------------------------------------------------------------

    /// Every time zone (`GET /timezones`).
    #[wasm_bindgen(js_name = getTimezones, unchecked_return_type = "Promise<Timezone[]>")]
    pub fn get_timezones(&self, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            |_| datapool::timezones().with_json_body(),
            Answer::part(shape_json!(datapool::TimezoneList::SHAPE), "timezones"),
        )
    }

    /// Every country (`GET /countries`).
    #[wasm_bindgen(js_name = getCountries, unchecked_return_type = "Promise<Country[]>")]
    pub fn get_countries(&self, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            |_| datapool::countries().with_json_body(),
            Answer::part(shape_json!(datapool::CountryList::SHAPE), "countries"),
        )
    }

    /// Billing plans, of every application or of `app` (`GET /plans[/{app}]`).
    #[wasm_bindgen(js_name = getPlans, unchecked_return_type = "Promise<Plan[]>")]
    pub fn get_plans(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "\"vc\" | \"wb\"")] app: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| datapool::plans(opt_text_arg(&app.unwrap_or_default(), "app")?.as_deref())?.with_json_body(),
            Answer::part(shape_json!(datapool::PlanList::SHAPE), "plans"),
        )
    }

    /// One page of the sessions report (`GET /sessions?...`).
    #[wasm_bindgen(js_name = listSessions, unchecked_return_type = "Promise<SessionList>")]
    pub fn list_sessions(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SessionQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&reports::SESSIONS, query, options, shape_json!(reports::SessionList::SHAPE))
    }

    /// Every session of the report matching `query`, page after page.
    #[wasm_bindgen(js_name = sessions, unchecked_return_type = "AsyncIterable<SessionRecord>")]
    pub fn session_records(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SessionQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&reports::SESSIONS, query, options, shape_json!(reports::SessionList::SHAPE), "sessions")
    }

    /// Call detail records of a room, meeting or session (`GET /cdr?...`).
    #[wasm_bindgen(js_name = getCdr, unchecked_return_type = "Promise<Cdr>")]
    pub fn get_cdr(&self, query: Ts<reports::CdrQuery>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| reports::cdr(&object_arg(&query)?)?.with_json_body(),
            Answer::whole(shape_json!(reports::Cdr::SHAPE)),
        )
    }

    // ---- Administration ----------------------------------------------------------------------

    /// Reads a customer (`GET /customers/{id}`).
    #[wasm_bindgen(js_name = getCustomer, unchecked_return_type = "Promise<Customer>")]
    pub fn get_customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| customers::get(&text_arg(&id, "customer_id")?)?.with_json_body(),
            Answer::part(shape_json!(customers::CustomerResult::SHAPE), "customer"),
        )
    }

    /// Adds a customer (`POST /customers`); the answer carries its portal sign-in.
    #[wasm_bindgen(js_name = addCustomer, unchecked_return_type = "Promise<CustomerResult>")]
    pub fn add_customer(&self, input: Ts<customers::CustomerInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |_| customers::add(&customers::CustomerInput::read(&object_arg(&input)?)?)?.with_json_body(),
            CUSTOMER,
        )
    }

    /// Changes a customer (`PATCH /customers/{id}`).
    #[wasm_bindgen(js_name = updateCustomer, unchecked_return_type = "Promise<CustomerResult>")]
    pub fn update_customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<CustomerInput>")] patch: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                customers::update(&text_arg(&id, "customer_id")?, &customers::CustomerInput::read(&object(&patch)?)?)?
                    .with_json_body()
            },
            CUSTOMER,
        )
    }

    /// One page of customers (`GET /customers?...`).
    #[wasm_bindgen(js_name = listCustomers, unchecked_return_type = "Promise<CustomerList>")]
    pub fn list_customers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CustomerQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&customers::LIST, query, options, shape_json!(customers::CustomerList::SHAPE))
    }

    /// Every customer matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Customer>")]
    pub fn customers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CustomerQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&customers::LIST, query, options, shape_json!(customers::CustomerList::SHAPE), "customers")
    }

    /// Reads a subscription (`GET /subscriptions/{id}`).
    #[wasm_bindgen(js_name = getSubscription, unchecked_return_type = "Promise<Subscription>")]
    pub fn get_subscription(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| subscriptions::get(&text_arg(&id, "subscription_id")?)?.with_json_body(),
            SUBSCRIPTION,
        )
    }

    /// Adds a subscription (`POST /subscriptions`; administrators).
    #[wasm_bindgen(js_name = addSubscription, unchecked_return_type = "Promise<Subscription>")]
    pub fn add_subscription(&self, input: Ts<subscriptions::SubscriptionInput>, options: Opts) -> js_sys::Promise {
        self.run(
            options,
            move |now| {
                subscriptions::add(&subscriptions::SubscriptionInput::read(&object_arg(&input)?)?, now)?
                    .with_json_body()
            },
            SUBSCRIPTION,
        )
    }

    /// Sets a subscription's status (`PATCH /subscriptions/{id}`): `"A"`, `"X"` or `"S"`.
    #[wasm_bindgen(js_name = updateSubscriptionStatus, unchecked_return_type = "Promise<Subscription>")]
    pub fn update_subscription_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"A\" | \"X\" | \"S\"")] status: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                subscriptions::update_status(&text_arg(&id, "subscription_id")?, &Tree::scalar(&status))?
                    .with_json_body()
            },
            SUBSCRIPTION,
        )
    }

    /// One page of subscriptions (`GET /subscriptions?...`).
    #[wasm_bindgen(js_name = listSubscriptions, unchecked_return_type = "Promise<SubscriptionList>")]
    pub fn list_subscriptions(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SubscriptionQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&subscriptions::LIST, query, options, shape_json!(subscriptions::SubscriptionList::SHAPE))
    }

    /// Every subscription matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Subscription>")]
    pub fn subscriptions(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SubscriptionQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(
            &subscriptions::LIST,
            query,
            options,
            shape_json!(subscriptions::SubscriptionList::SHAPE),
            "subscriptions",
        )
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
        self.run(
            options,
            move |_| {
                users::update(&text_arg(&id, "user_id")?, &users::UserInput::read(&object(&patch)?))?.with_json_body()
            },
            USER,
        )
    }

    /// Reads a user (`GET /users/{id}`).
    #[wasm_bindgen(js_name = getUser, unchecked_return_type = "Promise<AccountUser>")]
    pub fn get_user(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(options, move |_| users::get(&text_arg(&id, "user_id")?)?.with_json_body(), USER)
    }

    /// One page of users (`GET /users?...`).
    #[wasm_bindgen(js_name = listUsers, unchecked_return_type = "Promise<UserList>")]
    pub fn list_users(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "UserQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> js_sys::Promise {
        self.list(&users::LIST, query, options, shape_json!(users::UserList::SHAPE))
    }

    /// Every user matching `query`, page after page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<AccountUser>")]
    pub fn users(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "UserQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Opts,
    ) -> JsValue {
        self.iterate(&users::LIST, query, options, shape_json!(users::UserList::SHAPE), "users")
    }

    /// Gives a user an application licence (`PATCH /users/{id}`, `X-License: assign`).
    #[wasm_bindgen(js_name = assignLicense, unchecked_return_type = "Promise<AccountUser>")]
    pub fn assign_license(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user_id: JsValue,
        input: Ts<users::LicenseInput>,
        options: Opts,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| {
                users::license(&text_arg(&user_id, "user_id")?, &users::LicenseInput::read(&object_arg(&input)?), true)?
                    .with_json_body()
            },
            USER,
        )
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
            move |_| {
                users::license(
                    &text_arg(&user_id, "user_id")?,
                    &users::LicenseInput { app: Tree::scalar(&app), ..Default::default() },
                    false,
                )?
                .with_json_body()
            },
            USER,
        )
    }
}

// Helpers only these methods use.
impl UcaasClient {
    /// [`Self::run`] for a multipart request: its file parts are taken from `input`.
    fn upload(
        &self,
        options: Opts,
        input: JsValue,
        build: impl FnOnce(i64) -> Result<Request<String>, Error>,
        answer: Answer,
    ) -> js_sys::Promise {
        self.send(options.map(|o| o.js_value()), Some(input), build(js::now_ms() as i64), answer)
    }

    /// One page of a list route.
    fn list(
        &self,
        spec: &'static ListSpec,
        query: Option<JsValue>,
        options: Opts,
        shape: &'static str,
    ) -> js_sys::Promise {
        self.run(
            options,
            move |_| list::request(spec, &list::check(opt_object(query)?.as_ref(), spec)?).with_json_body(),
            Answer::whole(shape),
        )
    }

    /// Every item (`list[key]`) of a list route, page after page, fetched as the loop asks.
    fn iterate(
        &self,
        spec: &'static ListSpec,
        query: Option<JsValue>,
        options: Opts,
        shape: &'static str,
        key: &str,
    ) -> JsValue {
        let checked = opt_object(query).and_then(|q| list::check(q.as_ref(), spec));
        self.pages(spec, checked, options.map(|o| o.js_value()), shape, key)
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
