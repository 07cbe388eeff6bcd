//! Where the session envelope is kept: `localStorage`, `sessionStorage`, or memory.
//!
//! The chosen web storage is probed with a test write at construction. Where it is missing (no
//! `window`: Node, Web Workers, workerd), throws (Safari private mode, a full quota, blocked
//! cookies) or is disabled, the client falls back to memory and says so in `storageMode`.

use std::cell::RefCell;
use wasm_bindgen::JsCast;

const PROBE_KEY: &str = "__ucaas_probe__";

/// The storage a caller asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `localStorage`: shared by the origin's tabs, survives the browser closing.
    Local,
    /// `sessionStorage`: this tab only, survives reloads.
    Session,
    /// Memory: this client only.
    Memory,
}

impl Mode {
    /// Reads the `storage` option.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "local" => Some(Self::Local),
            "session" => Some(Self::Session),
            "memory" => Some(Self::Memory),
            _ => None,
        }
    }

    /// The option's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Session => "session",
            Self::Memory => "memory",
        }
    }

    fn global_name(self) -> Option<&'static str> {
        match self {
            Self::Local => Some("localStorage"),
            Self::Session => Some("sessionStorage"),
            Self::Memory => None,
        }
    }
}

/// One key of a storage.
pub struct Store {
    key: String,
    mode: Mode,
    web: Option<web_sys::Storage>,
    memory: RefCell<Option<String>>,
}

impl Store {
    /// Opens `key` in the storage `wanted`, or in memory if that storage is not usable.
    pub fn open(wanted: Mode, key: String) -> Self {
        let web = wanted.global_name().and_then(usable);
        let mode = if web.is_some() { wanted } else { Mode::Memory };
        Self { key, mode, web, memory: RefCell::new(None) }
    }

    /// The storage actually in use.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The key everything is stored under.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The stored text, if any. A storage that throws on read counts as empty.
    pub fn read(&self) -> Option<String> {
        match &self.web {
            Some(s) => s.get_item(&self.key).ok().flatten(),
            None => self.memory.borrow().clone(),
        }
    }

    /// Stores `value`; `false` if the storage refused (the session then lives in memory only).
    pub fn write(&self, value: &str) -> bool {
        match &self.web {
            Some(s) => s.set_item(&self.key, value).is_ok(),
            None => {
                *self.memory.borrow_mut() = Some(value.to_owned());
                true
            }
        }
    }

    /// Removes the stored value.
    pub fn remove(&self) {
        match &self.web {
            Some(s) => {
                let _ = s.remove_item(&self.key);
            }
            None => *self.memory.borrow_mut() = None,
        }
    }
}

/// The global storage `name` if it exists and takes a test write.
fn usable(name: &str) -> Option<web_sys::Storage> {
    let global = js_sys::global();
    // Reading the property itself throws where storage is blocked, so go through Reflect.
    let value = js_sys::Reflect::get(&global, &name.into()).ok()?;
    if !value.is_object() {
        return None;
    }
    let storage: web_sys::Storage = value.unchecked_into();
    storage.set_item(PROBE_KEY, "1").ok()?;
    storage.remove_item(PROBE_KEY).ok()?;
    Some(storage)
}
