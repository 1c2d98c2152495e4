//! The workspace lock: one program at a time may change a workspace. A
//! second one opens it read-only and is told who holds it.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

use super::atomic::write_atomic;

/// Held while this program may write to the workspace; released on drop.
#[derive(Debug)]
pub struct WorkspaceLock {
    _file: File,
}

/// What the lock attempt found.
#[derive(Debug)]
pub enum LockOutcome {
    Acquired(WorkspaceLock),
    /// Another program holds it; the text says who, as far as known.
    HeldBy(String),
}

const LOCK_FILE: &str = ".lock";
/// Who holds the lock, in plain words. Kept apart from `.lock` itself
/// because Windows forbids reading a locked file.
const OWNER_FILE: &str = ".lock-owner";

pub fn acquire(root: &Path) -> io::Result<LockOutcome> {
    let path = root.join(LOCK_FILE);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(super::files::naming(&path))?;
    match file.try_lock() {
        Ok(()) => {
            // Best effort: not knowing the owner's name never blocks work.
            let _ = write_atomic(&root.join(OWNER_FILE), owner_description().as_bytes());
            Ok(LockOutcome::Acquired(WorkspaceLock { _file: file }))
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let who = std::fs::read_to_string(root.join(OWNER_FILE))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default();
            Ok(LockOutcome::HeldBy(if who.is_empty() {
                "một chương trình khác".to_owned()
            } else {
                who
            }))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(super::files::naming(&path)(e)),
    }
}

fn owner_description() -> String {
    let user = ["USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok())
        .unwrap_or_else(|| "?".to_owned());
    let host = ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok())
        .unwrap_or_else(|| "máy này".to_owned());
    let since = jiff::Zoned::now().strftime("%H:%M ngày %d/%m/%Y");
    format!(
        "người dùng {user} trên {host} (tiến trình {}), từ {since}",
        std::process::id()
    )
}
