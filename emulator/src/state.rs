//! The emulator's state: the data every area keeps (one `Store` per area, defined in the area's
//! module; together the seed and data-file format), the in-memory store behind locks, tokens,
//! and the write path that persists every change.

use crate::clock::{self, Clock};
use crate::config::Config;
use crate::faults::Faults;
use crate::persist::Persister;
use crate::reqlog::RequestLog;
use crate::routes::{
    auth, branding, contacts, cpaas, customers, datapool, groups, iotum, lobby, meetings, password, permanent, polls,
    reports, subscriptions, users,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::{Arc, RwLock, RwLockReadGuard};

/// The built-in seed (matches `docs/conventions.md`).
pub const DEFAULT_SEED: &str = include_str!("../seed.json");

/// An area's slice of [`Data`]: its fields are top-level keys of the seed and the data file
/// (the area's `Store` is flattened into `Data`), so an area adds data without touching this
/// file, and the file format stays one flat object.
pub trait AreaStore: Debug + Clone + Default + Serialize + DeserializeOwned {
    /// Resolves seed-relative values (times given as `start_in_minutes`, empty timestamps)
    /// against the clock `now`, when a seed is loaded.
    fn instantiate(&mut self, _now: i64) {}
}

/// Declares [`Data`]: one field per area that keeps data, in the order of the file's keys.
macro_rules! data {
    ($($(#[$doc:meta])* $area:ident: $store:ty,)*) => {
        /// Everything the API serves and changes; the seed file, the data file and the reset
        /// target. One field per area (its `Store`), plus the outbox every area may send to.
        #[derive(Debug, Clone, Default, Serialize, Deserialize)]
        pub struct Data {
            $($(#[$doc])* #[serde(flatten)] pub $area: $store,)*
            /// Mails the emulator "sent".
            #[serde(default)]
            pub outbox: Vec<Mail>,
        }

        impl Data {
            /// Resolves seed-relative values against `now`, area by area.
            pub fn instantiate(mut self, now: i64) -> Data {
                $(AreaStore::instantiate(&mut self.$area, now);)*
                self
            }
        }
    };
}

data! {
    /// `api_apps`: API credentials.
    auth: auth::Store,
    /// `customers`: tenants.
    customers: customers::Store,
    /// `users`: every account.
    users: users::Store,
    /// `meetings`: scheduled meetings.
    meetings: meetings::Store,
    /// `rooms`: permanent rooms.
    permanent: permanent::Store,
    /// `branding`: by domain, customer and meeting.
    branding: branding::Store,
    /// `timezones`, `countries`, `plans`.
    datapool: datapool::Store,
    /// `subscriptions`: plan subscriptions of customers.
    subscriptions: subscriptions::Store,
    /// `contacts`: address books.
    contacts: contacts::Store,
    /// `groups`: contact groups.
    groups: groups::Store,
    /// `lobbies`: by meeting id.
    lobby: lobby::Store,
    /// `polls`: polls run in rooms.
    polls: polls::Store,
    /// `sessions`: past sessions and their CDR (reports).
    reports: reports::Store,
    /// `reset_keys`: password reset keys.
    password: password::Store,
    /// `cpaas_categories`, `cpaas_projects`: the CPaaS project API (`/cpaas`).
    cpaas: cpaas::Store,
    /// `iotum_*`: the Iotum enterprise API (`/enterprise_api`).
    iotum: iotum::Store,
}

/// Serde default: `A` (active).
pub fn active() -> String {
    "A".into()
}

/// Serde default: the `UTC` time zone.
pub fn utc() -> String {
    "UTC".into()
}

/// Serde default: the `vc` application.
pub fn vc() -> String {
    "vc".into()
}

/// Fills an empty creation time with `now`, and an empty change time with the creation time.
pub fn stamp(created_at: &mut String, updated_at: &mut String, now: i64) {
    if created_at.is_empty() {
        *created_at = clock::format(now);
    }
    if updated_at.is_empty() {
        *updated_at = created_at.clone();
    }
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

    /// The owner of a room id: a meeting's room or a permanent room.
    pub fn room_owner(&self, room_id: &str) -> Option<&str> {
        self.meetings
            .meetings
            .iter()
            .find(|m| m.room_id == room_id)
            .map(|m| m.user_id.as_str())
            .or_else(|| self.permanent.get(room_id).map(|r| r.user_id.as_str()))
    }

    /// Whether a PIN is used by any meeting or room.
    pub fn pin_taken(&self, pin: &str) -> bool {
        self.meetings.meetings.iter().any(|m| m.mpin == pin || m.ppin == pin)
            || self.permanent.rooms.iter().any(|r| r.mpin == pin || r.ppin == pin)
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
    /// Iotum `auth_token` sessions (`/enterprise_api/authenticate`), in memory only.
    pub iotum_sessions: iotum::Sessions,
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
            iotum_sessions: iotum::Sessions::default(),
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
        self.iotum_sessions.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::Data;
    use serde_json::Value;

    /// A data file written before the areas kept their own stores (the built-in seed after a
    /// password reset request, a session invite and a new contact).
    const DATA_FILE_V1: &str = include_str!("../tests/fixtures/data-file-v1.json");

    /// The areas' stores together read and write the same flat file as before: every key of
    /// the old file comes back with the same value (new keys may be added), in the same order.
    #[test]
    fn data_file_format_is_unchanged() {
        let data = Data::parse(DATA_FILE_V1).unwrap();
        let written = serde_json::to_string_pretty(&data).unwrap();
        let (old, new): (Value, Value) =
            (serde_json::from_str(DATA_FILE_V1).unwrap(), serde_json::from_str(&written).unwrap());
        for (key, value) in old.as_object().unwrap() {
            assert_eq!(Some(value), new.get(key), "{key}");
        }
        let new_keys = top_level_keys(&written);
        let kept: Vec<&str> = new_keys.iter().copied().filter(|k| old.get(*k).is_some()).collect();
        assert_eq!(kept, top_level_keys(DATA_FILE_V1), "top-level keys out of order");
    }

    /// The top-level keys of a pretty-printed JSON object, in order.
    fn top_level_keys(pretty: &str) -> Vec<&str> {
        pretty.lines().filter_map(|l| l.strip_prefix("  \"")?.split('"').next()).collect()
    }

    /// No two areas claim the same top-level key (flattened stores would write it twice).
    #[test]
    fn areas_own_distinct_keys() {
        let written = serde_json::to_string_pretty(&Data::default()).unwrap();
        let keys = top_level_keys(&written);
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(keys.len(), unique.len(), "{keys:?}");
        assert!(keys.len() >= 17);
    }

    /// The built-in seed loads, and resolves its relative times.
    #[test]
    fn seed_loads() {
        let data = Data::parse(super::DEFAULT_SEED).unwrap().instantiate(1_795_608_000);
        assert!(data.meetings.meetings.iter().all(|m| !m.start_time.is_empty() && m.start_in_minutes.is_none()));
        assert!(data.reports.sessions.iter().all(|s| !s.connect_dt.is_empty()));
        assert!(data.contacts.contacts.iter().all(|c| !c.created_at.is_empty() && !c.updated_at.is_empty()));
    }
}
