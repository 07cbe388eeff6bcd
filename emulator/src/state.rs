//! The emulator's state: the data model (also the seed and data-file format), the in-memory
//! store behind locks, tokens, and the write path that persists every change.

use crate::clock::{self, Clock};
use crate::config::Config;
use crate::faults::Faults;
use crate::persist::Persister;
use crate::reqlog::RequestLog;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock, RwLockReadGuard};

/// The built-in seed (matches `docs/conventions.md`).
pub const DEFAULT_SEED: &str = include_str!("../seed.json");

/// Everything the API serves and changes; the seed file, the data file and the reset target.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Data {
    /// API credentials (`X-Api-Id`, and Basic auth with the key).
    pub api_apps: Vec<ApiApp>,
    /// Tenants: resellers and their customers.
    pub customers: Vec<Customer>,
    /// Every account, of every role.
    pub users: Vec<User>,
    /// Scheduled meetings.
    pub meetings: Vec<Meeting>,
    /// Permanent rooms, one per user.
    #[serde(default)]
    pub rooms: Vec<Room>,
    /// Branding by domain, customer and meeting.
    #[serde(default)]
    pub branding: Branding,
    /// Known time zones.
    #[serde(default)]
    pub timezones: Vec<Timezone>,
    /// Known countries.
    #[serde(default)]
    pub countries: Vec<Value>,
    /// Billing plans (the docs' plan objects; `plan_id` and `app` are read).
    #[serde(default)]
    pub plans: Vec<Value>,
    /// Plan subscriptions of customers.
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
    /// Address book entries, each owned by one user.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Contact groups, each owned by one user.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Lobby of a meeting, by meeting id (the answer's `lobby` object as stored).
    #[serde(default)]
    pub lobbies: BTreeMap<String, Value>,
    /// Polls run in rooms.
    #[serde(default)]
    pub polls: Vec<Poll>,
    /// Past video sessions (reports), each with its CDR rows.
    #[serde(default)]
    pub sessions: Vec<SessionRec>,
    /// Password reset keys handed out and not yet used.
    #[serde(default)]
    pub reset_keys: Vec<ResetKey>,
    /// Mails the emulator "sent".
    #[serde(default)]
    pub outbox: Vec<Mail>,
}

/// An API credential pair; Basic auth acts as `user_id`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiApp {
    /// `X-Api-Id`, and the Basic user name.
    pub api_id: String,
    /// The Basic password.
    pub api_key: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The account server-to-server calls act as.
    pub user_id: String,
}

/// A tenant: a reseller (`R`) or a customer (`P`), possibly under a reseller (`parent_id`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Customer {
    /// Id.
    pub customer_id: String,
    /// Display name.
    pub customer_name: String,
    /// Legal name.
    #[serde(default)]
    pub customer_legal_name: String,
    /// `R` reseller, `P` customer.
    #[serde(default)]
    pub customer_type: String,
    /// The reseller this customer is under.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Maximum moderators / participants of one meeting.
    #[serde(default = "default_room_size")]
    pub room_size: u32,
    /// Active subscriptions per application.
    #[serde(default)]
    pub subscriptions: AppFlags,
    /// Code from an external system.
    #[serde(default)]
    pub customer_code: String,
    /// An individual sign-up (not a company).
    #[serde(default)]
    pub individual: bool,
    /// Contact person.
    #[serde(default)]
    pub contact_name: String,
    /// Contact email (unique).
    #[serde(default)]
    pub contact_email: String,
    /// `A` active, `S` suspended, `C` closed, `U` unverified.
    #[serde(default = "active")]
    pub status: String,
    /// Office address (`address_1`… `country_id`).
    #[serde(default)]
    pub office_address: Value,
    /// Billing address.
    #[serde(default)]
    pub billing_address: Value,
    /// Time zone id.
    #[serde(default = "utc")]
    pub timezone_id: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
}

fn active() -> String {
    "A".into()
}

fn default_room_size() -> u32 {
    100
}

/// One flag per application (`vc` video meeting, `wb` webinar).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct AppFlags {
    /// Video meeting.
    #[serde(default)]
    pub vc: bool,
    /// Webinar.
    #[serde(default)]
    pub wb: bool,
}

/// A role, from the widest to the narrowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything.
    Administrator,
    /// Its customers' data.
    Reseller,
    /// Its users' data.
    Customer,
    /// Its own data.
    User,
}

impl Role {
    /// The `user_type_desc` text.
    pub fn desc(self) -> &'static str {
        match self {
            Role::Administrator => "Administrator",
            Role::Reseller => "Reseller",
            Role::Customer => "Customer",
            Role::User => "User",
        }
    }
}

/// An account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    /// Id.
    pub user_id: String,
    /// Login email.
    pub email: String,
    /// Password, in clear: this is a test double with known passwords.
    pub password: String,
    /// Role.
    pub user_type: Role,
    /// First name.
    #[serde(default)]
    pub first_name: String,
    /// Middle name.
    #[serde(default)]
    pub middle_name: String,
    /// Last name.
    #[serde(default)]
    pub last_name: String,
    /// The tenant the account belongs to (none for administrators).
    #[serde(default)]
    pub customer_id: Option<String>,
    /// Time zone id.
    #[serde(default = "utc")]
    pub timezone_id: String,
    /// Picture URL.
    #[serde(default)]
    pub profile_pic: String,
    /// Per-application licence.
    #[serde(default)]
    pub apps: Apps,
    /// Last login, `YYYY-MM-DD HH:MM:SS`.
    #[serde(default)]
    pub last_login_time: String,
    /// `A` active, `S` suspended.
    #[serde(default = "active")]
    pub status: String,
    /// Department.
    #[serde(default)]
    pub department: String,
    /// Designation.
    #[serde(default)]
    pub designation: String,
    /// Subscription id behind each assigned application licence (`vc`, `wb`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub licences: BTreeMap<String, String>,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
}

fn utc() -> String {
    "UTC".into()
}

/// Per-application licences of a user.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Apps {
    /// Video meeting.
    #[serde(default)]
    pub vc: AppAccess,
    /// Webinar.
    #[serde(default)]
    pub wb: AppAccess,
}

/// One application's licence.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AppAccess {
    /// Whether the user may use it.
    #[serde(default)]
    pub access: bool,
    /// `A` active, `U` unassigned…
    #[serde(default)]
    pub status: String,
    /// Date the access started.
    #[serde(default)]
    pub wef: String,
}

/// Invitees of a meeting.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Invitees {
    /// Contact ids.
    #[serde(default)]
    pub contact_ids: Vec<String>,
    /// Group ids.
    #[serde(default)]
    pub group_ids: Vec<String>,
    /// Email addresses.
    #[serde(default)]
    pub emails: Vec<String>,
}

/// A scheduled meeting, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meeting {
    /// Id.
    pub meeting_id: String,
    /// Video room id.
    pub room_id: String,
    /// Owner (host).
    pub user_id: String,
    /// `vc` or `wb`.
    #[serde(default = "vc")]
    pub app_type: String,
    /// Title.
    pub room_name: String,
    /// Description.
    #[serde(default)]
    pub desc: String,
    /// Start, `YYYY-MM-DD HH:MM:SS` UTC (filled from `start_in_minutes` in a seed).
    #[serde(default)]
    pub start_time: String,
    /// Seed only: start relative to the emulator clock when the seed is loaded.
    #[serde(default, skip_serializing)]
    pub start_in_minutes: Option<i64>,
    /// Minutes.
    pub duration: u32,
    /// Time zone id.
    #[serde(default = "utc")]
    pub timezone_id: String,
    /// Number of moderators.
    pub moderators: u32,
    /// Number of participants.
    pub participants: u32,
    /// Moderator PIN.
    pub mpin: String,
    /// Participant PIN.
    pub ppin: String,
    /// Participants wait for a moderator.
    #[serde(default)]
    pub wait_for_moderator: bool,
    /// Moderated entry.
    #[serde(default)]
    pub knock: bool,
    /// Record automatically.
    #[serde(default)]
    pub auto_recording: bool,
    /// Invitees.
    #[serde(default)]
    pub invitees: Invitees,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
}

fn vc() -> String {
    "vc".into()
}

impl Meeting {
    /// Start in epoch seconds (0 if the stored text is malformed).
    pub fn start(&self) -> i64 {
        clock::parse(&self.start_time).unwrap_or(0)
    }

    /// `upcoming`, `current` or `past` at `now`.
    pub fn stage(&self, now: i64) -> &'static str {
        let start = self.start();
        if now < start {
            "upcoming"
        } else if now < start + i64::from(self.duration) * 60 {
            "current"
        } else {
            "past"
        }
    }
}

/// A user's permanent room.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Room {
    /// Id.
    pub room_id: String,
    /// Owner.
    pub user_id: String,
    /// Name.
    pub room_name: String,
    /// Moderator PIN.
    pub mpin: String,
    /// Participant PIN.
    pub ppin: String,
    /// Description.
    #[serde(default)]
    pub desc: String,
    /// Number of moderators.
    #[serde(default = "one")]
    pub moderators: u32,
    /// Number of participants.
    #[serde(default = "ten")]
    pub participants: u32,
    /// Minutes per session.
    #[serde(default = "sixty")]
    pub duration: u32,
    /// Participants wait for a moderator.
    #[serde(default)]
    pub wait_for_moderator: bool,
    /// Moderated entry.
    #[serde(default)]
    pub knock: bool,
    /// Record automatically.
    #[serde(default)]
    pub auto_recording: bool,
}

fn one() -> u32 {
    1
}
fn ten() -> u32 {
    10
}
fn sixty() -> u32 {
    60
}

/// A customer's subscription to a plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Subscription {
    /// Id.
    pub subscription_id: String,
    /// Subscriber.
    pub customer_id: String,
    /// Plan.
    pub plan_id: String,
    /// `vc` or `wb` (the plan's application).
    pub app: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// User licences bought.
    pub qty: u32,
    /// Price of one licence.
    #[serde(default)]
    pub unit_price: f64,
    /// `A` active, `X` expired, `S` suspended.
    #[serde(default = "active")]
    pub status: String,
    /// Start, `YYYY-MM-DD`.
    #[serde(default)]
    pub subsxn_date: String,
    /// End, `YYYY-MM-DD` (empty: none).
    #[serde(default)]
    pub expiry_date: String,
    /// Overlapping meetings allowed.
    #[serde(default)]
    pub allow_meeting_overlap: bool,
    /// Prepaid.
    #[serde(default)]
    pub prepaid: bool,
    /// `F` offline, `O` online.
    #[serde(default)]
    pub payment_mode: String,
    /// Payment cycle.
    #[serde(default)]
    pub payment_cycle: String,
    /// Purchase order.
    #[serde(default)]
    pub po: String,
    /// Room type.
    #[serde(default)]
    pub room_type: String,
}

/// An address book entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    /// Id.
    pub contact_id: String,
    /// Owner.
    pub user_id: String,
    /// Full name.
    pub name: String,
    /// Email (unique in the owner's list).
    pub email: String,
    /// Company.
    #[serde(default)]
    pub company: String,
    /// Designation.
    #[serde(default)]
    pub designation: String,
    /// Shared with the owner's company.
    #[serde(default)]
    pub shared: bool,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
}

/// A member of a contact group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// Contact id.
    pub contact_id: String,
    /// When it was added.
    #[serde(default)]
    pub added_at: String,
}

/// A contact group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// Id.
    pub group_id: String,
    /// Owner.
    pub user_id: String,
    /// Name (unique in the owner's groups).
    pub group_name: String,
    /// Members.
    #[serde(default)]
    pub contacts: Vec<Member>,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last change.
    #[serde(default)]
    pub updated_at: String,
}

/// A poll run in a room.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Poll {
    /// Room.
    pub room_id: String,
    /// Poll id (the key of the answer's map).
    pub id: u64,
    /// Conference number of the session it ran in.
    pub conf_num: u64,
    /// When, epoch milliseconds.
    #[serde(default)]
    pub timestamp: i64,
    /// How long it was open, e.g. `"60"` (seconds, a string as documented).
    #[serde(default)]
    pub duration: String,
    /// `MCQ1` one answer, `MCQN` several.
    #[serde(rename = "type")]
    pub kind: String,
    /// Question.
    pub question: String,
    /// Options by key (`opt1`…).
    pub options: BTreeMap<String, String>,
    /// `P` polled, `D` draft.
    #[serde(default)]
    pub status: String,
    /// Responses per option key.
    #[serde(default)]
    pub result: BTreeMap<String, u64>,
    /// Responders overall.
    #[serde(default)]
    pub total_result: u64,
}

/// A past video session, for the reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRec {
    /// Id.
    pub session_id: String,
    /// Meeting (empty for a permanent room).
    #[serde(default)]
    pub meeting_id: String,
    /// Room.
    pub room_id: String,
    /// Host.
    pub user_id: String,
    /// `vc` or `wb`.
    #[serde(default = "vc")]
    pub app_type: String,
    /// Conference number within the room.
    #[serde(default)]
    pub conf_num: u64,
    /// Start, `YYYY-MM-DD HH:MM:SS` UTC (filled from `start_in_minutes` in a seed).
    #[serde(default)]
    pub connect_dt: String,
    /// End.
    #[serde(default)]
    pub disconnect_dt: String,
    /// Seed only: start relative to the clock at load.
    #[serde(default, skip_serializing)]
    pub start_in_minutes: Option<i64>,
    /// Minutes.
    pub duration: u32,
    /// One row per participant connection.
    #[serde(default)]
    pub cdr: Vec<CdrRec>,
}

/// One participant connection of a session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CdrRec {
    /// Id.
    pub cdr_id: String,
    /// Display name.
    pub name: String,
    /// `moderator` or `participant`.
    pub role: String,
    /// The account, if it was one.
    #[serde(default)]
    pub user_id: String,
    /// Connected at (filled from `after_minutes` in a seed).
    #[serde(default)]
    pub connect_dt: String,
    /// Disconnected at.
    #[serde(default)]
    pub disconnect_dt: String,
    /// Seed only: minutes after the session start.
    #[serde(default, skip_serializing)]
    pub after_minutes: Option<i64>,
    /// Minutes connected.
    pub duration: u32,
}

/// Branding layers: JSON objects `{"vc": {...}, "wb": {...}}`, merged domain < customer < meeting.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Branding {
    /// By host domain.
    #[serde(default)]
    pub domains: BTreeMap<String, Value>,
    /// By customer id.
    #[serde(default)]
    pub customers: BTreeMap<String, Value>,
    /// By meeting id.
    #[serde(default)]
    pub meetings: BTreeMap<String, Value>,
}

/// A time zone as the API describes it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Timezone {
    /// Id.
    pub timezone_id: String,
    /// Zone name.
    #[serde(default)]
    pub zone_name: String,
    /// Abbreviation.
    #[serde(default)]
    pub zone_abbr: String,
    /// Start of the current offset.
    #[serde(default)]
    pub time_start: String,
    /// Offset from GMT in seconds.
    #[serde(default)]
    pub gmt_offset: i64,
    /// Daylight saving time in force.
    #[serde(default)]
    pub is_dst: bool,
}

/// A password reset key mailed to a user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResetKey {
    /// The key.
    pub key: String,
    /// Whose.
    pub user_id: String,
    /// Expiry, epoch seconds on the emulator clock.
    pub expires_at: i64,
}

/// A mail the emulator "sent" (it lands in the outbox instead).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Mail {
    /// Id, increasing.
    pub id: u64,
    /// `password_reset`, `session_invite` or `meeting_invite`.
    pub kind: String,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// Machine-readable content (reset key, PIN, URL) for tests.
    #[schema(value_type = Object)]
    pub data: Value,
    /// When, `YYYY-MM-DD HH:MM:SS`.
    pub sent_at: String,
}

impl Data {
    /// Parses a seed or data file.
    pub fn parse(text: &str) -> Result<Data, String> {
        serde_json::from_str(text).map_err(|e| format!("bad seed/data JSON: {e}"))
    }

    /// Resolves seed-relative times (`start_in_minutes`) against `now`.
    pub fn instantiate(mut self, now: i64) -> Data {
        for m in &mut self.meetings {
            if let Some(minutes) = m.start_in_minutes.take() {
                m.start_time = clock::format(now + minutes * 60);
            }
            if m.created_at.is_empty() {
                m.created_at = clock::format(now);
            }
        }
        for s in &mut self.sessions {
            if let Some(minutes) = s.start_in_minutes.take() {
                let start = now + minutes * 60;
                s.connect_dt = clock::format(start);
                s.disconnect_dt = clock::format(start + i64::from(s.duration) * 60);
                for c in &mut s.cdr {
                    let at = start + c.after_minutes.take().unwrap_or(0) * 60;
                    c.connect_dt = clock::format(at);
                    c.disconnect_dt = clock::format(at + i64::from(c.duration) * 60);
                }
            }
        }
        let stamp = clock::format(now);
        for t in self
            .contacts
            .iter_mut()
            .map(|c| (&mut c.created_at, &mut c.updated_at))
            .chain(self.groups.iter_mut().map(|g| (&mut g.created_at, &mut g.updated_at)))
            .chain(self.users.iter_mut().map(|u| (&mut u.created_at, &mut u.updated_at)))
            .chain(self.customers.iter_mut().map(|c| (&mut c.created_at, &mut c.updated_at)))
        {
            if t.0.is_empty() {
                *t.0 = stamp.clone();
            }
            if t.1.is_empty() {
                *t.1 = t.0.clone();
            }
        }
        for g in &mut self.groups {
            for m in &mut g.contacts {
                if m.added_at.is_empty() {
                    m.added_at = g.created_at.clone();
                }
            }
        }
        self
    }

    /// The user with this id.
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.user_id == id)
    }

    /// The customer with this id.
    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.customer_id == id)
    }

    /// The meeting with this id.
    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.meeting_id == id)
    }

    /// The time zone with this id.
    pub fn timezone(&self, id: &str) -> Option<&Timezone> {
        self.timezones.iter().find(|t| t.timezone_id == id)
    }

    /// The permanent room with this id.
    pub fn room(&self, id: &str) -> Option<&Room> {
        self.rooms.iter().find(|r| r.room_id == id)
    }

    /// The owner of a room id: a meeting's room or a permanent room.
    pub fn room_owner(&self, room_id: &str) -> Option<&str> {
        self.meetings
            .iter()
            .find(|m| m.room_id == room_id)
            .map(|m| m.user_id.as_str())
            .or_else(|| self.room(room_id).map(|r| r.user_id.as_str()))
    }

    /// Whether a PIN is used by any meeting or room.
    pub fn pin_taken(&self, pin: &str) -> bool {
        self.meetings.iter().any(|m| m.mpin == pin || m.ppin == pin)
            || self.rooms.iter().any(|r| r.mpin == pin || r.ppin == pin)
    }

    /// A fresh 6-digit PIN used nowhere else.
    pub fn new_pin(&self) -> String {
        loop {
            let n = u32::from_le_bytes(random_bytes::<4>()) % 900_000 + 100_000;
            let pin = n.to_string();
            if !self.pin_taken(&pin) {
                return pin;
            }
        }
    }

    /// Puts a mail in the outbox (bounded: the oldest go first past 1,000).
    pub fn send_mail(&mut self, kind: &str, to: &str, subject: String, body: String, data: Value, now: i64) {
        let id = self.outbox.last().map_or(1, |m| m.id + 1);
        self.outbox.push(Mail {
            id,
            kind: kind.into(),
            to: to.into(),
            subject,
            body,
            data,
            sent_at: clock::format(now),
        });
        if self.outbox.len() > 1000 {
            self.outbox.remove(0);
        }
    }
}

/// `N` random bytes from the OS.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).expect("OS random source");
    buf
}

/// A random lowercase hex string of `2 * N` characters.
pub fn random_hex<const N: usize>() -> String {
    random_bytes::<N>().iter().map(|b| format!("{b:02x}")).collect()
}

/// A login session behind a token.
#[derive(Debug, Clone)]
pub struct Session {
    /// Whose.
    pub user_id: String,
    /// Issue time on the emulator clock.
    pub issued_at: i64,
}

/// Shared state of the running emulator; cheap to clone.
pub type App = Arc<Inner>;

/// What every handler reaches through [`App`].
pub struct Inner {
    /// Settings.
    pub cfg: Config,
    /// The emulator clock.
    pub clock: Clock,
    /// The data, behind a lock (reads are the hot path).
    pub data: RwLock<Data>,
    /// The seed as loaded (with relative times), for `/__emulator/reset`.
    pub seed: Data,
    /// Login tokens.
    pub tokens: RwLock<HashMap<String, Session>>,
    /// Recent requests, for `/__emulator/requests`.
    pub requests: RequestLog,
    /// Injected faults.
    pub faults: Faults,
    /// Where changes are written, with `--data-file`.
    pub persist: Option<Persister>,
    /// Uploaded files (lobby, branding), in memory only.
    pub files: crate::files::Files,
}

impl Inner {
    /// Loads the seed (or the data file, if it exists) and builds the state.
    pub fn load(cfg: Config) -> Result<App, String> {
        let seed_text = match &cfg.seed {
            Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?,
            None => DEFAULT_SEED.to_string(),
        };
        let seed = Data::parse(&seed_text)?;
        let clock = Clock::default();
        let persist = cfg.data_file.clone().map(Persister::new);
        let data = match persist.as_ref().map(Persister::load).transpose()?.flatten() {
            Some(saved) => saved,
            None => seed.clone().instantiate(clock.now()),
        };
        let app = Arc::new(Inner {
            cfg,
            clock,
            data: RwLock::new(data),
            seed,
            tokens: RwLock::new(HashMap::new()),
            requests: RequestLog::default(),
            faults: Faults::default(),
            persist,
            files: crate::files::Files::default(),
        });
        app.save();
        Ok(app)
    }

    /// A read view of the data.
    pub fn read(&self) -> RwLockReadGuard<'_, Data> {
        self.data.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `change` on the data under the write lock, then persists the result.
    pub fn mutate<R>(&self, change: impl FnOnce(&mut Data) -> R) -> R {
        let (out, snapshot) = {
            let mut data = self.data.write().unwrap_or_else(|e| e.into_inner());
            let out = change(&mut data);
            (out, self.persist.as_ref().map(|p| p.snapshot(&data)))
        };
        if let (Some(p), Some(snap)) = (&self.persist, snapshot) {
            p.write(snap);
        }
        out
    }

    /// Writes the current data to the data file, if any.
    pub fn save(&self) {
        self.mutate(|_| ());
    }

    /// Back to the seed: data, tokens, clock, faults and request log.
    pub fn reset(&self) {
        self.clock.set_offset(0);
        let fresh = self.seed.clone().instantiate(self.clock.now());
        self.mutate(|d| *d = fresh);
        self.tokens.write().unwrap_or_else(|e| e.into_inner()).clear();
        self.faults.clear();
        self.requests.clear();
        self.files.clear();
    }
}
