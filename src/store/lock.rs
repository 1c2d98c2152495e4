//! The workspace lock: one program at a time may change a workspace. A
//! second one opens it read-only and is told who holds it.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

use jiff::civil::DateTime;

use super::atomic::write_atomic;
use crate::i18n::{Message, T, Value};

/// Held while this program may write to the workspace; released on drop.
#[derive(Debug)]
pub struct WorkspaceLock {
    _file: File,
}

/// What the lock attempt found.
#[derive(Debug)]
pub enum LockOutcome {
    Acquired(WorkspaceLock),
    /// Another program holds it; who, as far as known.
    HeldBy(LockHolder),
}

/// Who holds a workspace's lock, as its owner file says. Every part may be
/// missing: the file is written on a best-effort basis, perhaps by an
/// older program in other words, and is never trusted further than this.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LockHolder {
    pub user: Option<String>,
    pub host: Option<String>,
    pub process: Option<u32>,
    pub since: Option<DateTime>,
}

const LOCK_FILE: &str = ".lock";
/// Who holds the lock, as `key=value` lines (`LockHolder`). Kept apart
/// from `.lock` itself because Windows forbids reading a locked file.
const OWNER_FILE: &str = ".lock-owner";

pub fn acquire(root: &Path) -> io::Result<LockOutcome> {
    let path = root.join(LOCK_FILE);
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    // The user's alone, as every file of the workspace (Windows: the
    // folder's access list applies, nothing to set).
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path).map_err(super::files::naming(&path))?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                // Best effort: not knowing the owner's name never blocks work.
                let _ = write_atomic(&root.join(OWNER_FILE), owner_description().as_bytes());
                return Ok(LockOutcome::Acquired(WorkspaceLock { _file: file }));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let owner = std::fs::read_to_string(root.join(OWNER_FILE)).unwrap_or_default();
                let holder = LockHolder::parse(&owner);
                // A lock this very process let go of can linger for a
                // moment in a child it is starting (the child holds a copy
                // of the file until it runs its own program): wait a little
                // before calling it taken.
                let ours = holder.process == Some(std::process::id());
                if ours && started.elapsed() < SELF_RELEASE_WAIT {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                }
                return Ok(LockOutcome::HeldBy(holder));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(super::files::naming(&path)(e)),
        }
    }
}

/// How long a lock this process itself held may take to come free.
const SELF_RELEASE_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

fn owner_description() -> String {
    let var = |names: [&str; 2]| names.iter().find_map(|k| std::env::var(k).ok());
    let mut out = String::new();
    if let Some(user) = var(["USER", "USERNAME"]) {
        out += &format!("user={user}\n");
    }
    if let Some(host) = var(["HOSTNAME", "COMPUTERNAME"]) {
        out += &format!("host={host}\n");
    }
    out += &format!("process={}\n", std::process::id());
    let since = jiff::Zoned::now().strftime("%Y-%m-%dT%H:%M:%S");
    out += &format!("since={since}\n");
    out
}

impl LockHolder {
    /// Reads the owner file's lines; anything not understood is left out.
    fn parse(text: &str) -> LockHolder {
        let mut holder = LockHolder::default();
        let plain = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        for (key, value) in text.lines().filter_map(|l| l.split_once('=')) {
            match key.trim() {
                "user" => holder.user = plain(value),
                "host" => holder.host = plain(value),
                "process" => holder.process = value.trim().parse().ok(),
                "since" => holder.since = value.trim().parse().ok(),
                _ => {}
            }
        }
        holder
    }

    /// "user an on pc-1 (process 42), since 08:30 on 28/11/2026", with
    /// what is not known said as such.
    pub fn to_message(&self) -> Message {
        if *self == LockHolder::default() {
            return Message::new(T::LockHolderUnknown);
        }
        let user = self.user.as_deref().unwrap_or("?");
        let host = match &self.host {
            Some(host) => Value::plain(host),
            None => Value::Text(T::LockThisComputer),
        };
        let process = self.process.map_or("?".to_owned(), |p| p.to_string());
        let head = Message::new(T::LockHolder)
            .with(user)
            .with(host)
            .with(process);
        match self.since {
            Some(since) => Message::new(T::LockHolderSince)
                .with(head)
                .with(since.strftime("%H:%M").to_string())
                .with(since.strftime("%d/%m/%Y").to_string()),
            None => head,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn the_owner_file_is_read_back_in_either_language() {
        let holder =
            LockHolder::parse("user=an\nhost=pc-1\nprocess=42\nsince=2026-11-28T08:30:05\n");
        assert_eq!(
            holder.to_message().show(Language::English),
            "user an on pc-1 (process 42), since 08:30 on 28/11/2026"
        );
        assert_eq!(
            holder.to_message().to_string(),
            "người dùng an trên pc-1 (tiến trình 42), từ 08:30 ngày 28/11/2026"
        );
        let written = LockHolder::parse(&owner_description());
        assert_eq!(written.process, Some(std::process::id()));
        assert!(written.since.is_some());
    }

    #[test]
    fn an_owner_file_in_other_words_names_nobody() {
        let old = "người dùng an trên máy này (tiến trình 42), từ 08:30 ngày 28/11/2026";
        let holder = LockHolder::parse(old);
        assert_eq!(holder, LockHolder::default());
        assert_eq!(
            holder.to_message().show(Language::English),
            "another program"
        );
        let partial = LockHolder::parse("process=7\nsince=not a time");
        assert_eq!(
            partial.to_message().show(Language::English),
            "user ? on this computer (process 7)"
        );
    }
}
