//! The emulator clock (system time plus an offset the control API moves) and the API's
//! `YYYY-MM-DD HH:ii:ss` UTC timestamps.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// System time plus a settable offset, in whole seconds since the Unix epoch.
#[derive(Debug, Default)]
pub struct Clock {
    offset: AtomicI64,
}

impl Clock {
    /// The emulator's current time.
    pub fn now(&self) -> i64 {
        system_now() + self.offset()
    }

    /// The offset from the system time, in seconds.
    pub fn offset(&self) -> i64 {
        self.offset.load(Ordering::Relaxed)
    }

    /// Sets the offset from the system time.
    pub fn set_offset(&self, seconds: i64) {
        self.offset.store(seconds, Ordering::Relaxed);
    }
}

/// The system time in seconds since the Unix epoch.
pub fn system_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

pub use ucaas_codes::time::{format, parse};
