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
        self.outbox.push(Mail { id, kind: kind.into(), to: to.into(), subject, body, data, sent_at: clock::format(now) });
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
    }
}
