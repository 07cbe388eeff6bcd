//! `--data-file`: every change is written whole to a temporary file, fsynced, then renamed over
//! the data file, so a kill at any moment leaves either the previous or the new state, never a
//! torn file.

use crate::state::Data;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// A serialized state with its generation (so an older snapshot never overwrites a newer one).
pub struct Snapshot {
    generation: u64,
    json: String,
}

/// Writes snapshots of the data to one file, atomically.
pub struct Persister {
    path: PathBuf,
    next_generation: AtomicU64,
    // Serializes writers; holds the generation last written.
    written: Mutex<u64>,
}

impl Persister {
    /// A persister for `path` (nothing is touched yet).
    pub fn new(path: PathBuf) -> Self {
        Persister { path, next_generation: AtomicU64::new(1), written: Mutex::new(0) }
    }

    /// The saved data, `None` if the file does not exist. A corrupt file is an error, not
    /// silently replaced by the seed.
    pub fn load(&self) -> Result<Option<Data>, String> {
        match fs::read_to_string(&self.path) {
            Ok(text) => Data::parse(&text).map(Some).map_err(|e| format!("{}: {e}", self.path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", self.path.display())),
        }
    }

    /// Serializes `data`; call under the data lock so generations follow the order of changes.
    pub fn snapshot(&self, data: &Data) -> Snapshot {
        let generation = self.next_generation.fetch_add(1, Ordering::SeqCst);
        let json = serde_json::to_string_pretty(data).unwrap_or_default();
        Snapshot { generation, json }
    }

    /// Writes `snap` unless a newer one was written already; errors are logged, not fatal.
    pub fn write(&self, snap: Snapshot) {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if snap.generation <= *written {
            return;
        }
        match write_atomically(&self.path, snap.json.as_bytes()) {
            Ok(()) => *written = snap.generation,
            Err(e) => eprintln!("ucaas-emulator: cannot write {}: {e}", self.path.display()),
        }
    }
}

/// temp file in the same folder + fsync + rename + fsync of the folder.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("data");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut f = OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    // The rename itself is durable only once the folder is synced.
    File::open(dir).and_then(|d| d.sync_all()).or(Ok(()))
}
