//! What this program last read or wrote of each file (DESIGN.md, "Before a
//! write, the program checks that the file on disk is still the one it
//! read"): a file changed underneath, by a sync tool or another machine, is
//! never overwritten unseen, and the program's own writes are not taken for
//! someone else's.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

/// How old a file's time must be before it alone vouches for the content.
const RACY: std::time::Duration = std::time::Duration::from_secs(2);

/// A file's length, time and content hash as last seen here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

/// Shared by the loader, the saver thread and the watcher.
#[derive(Clone, Debug, Default)]
pub struct Stamps {
    seen: Arc<Mutex<HashMap<PathBuf, Stamp>>>,
}

/// A write refused because the file on disk is not the one this program
/// last read or wrote: someone else changed it.
#[derive(Debug)]
pub struct ChangedUnderneath(pub PathBuf);

impl fmt::Display for ChangedUnderneath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: changed on disk by another program",
            self.0.display()
        )
    }
}

impl std::error::Error for ChangedUnderneath {}

impl ChangedUnderneath {
    /// The file, when an I/O error is this refusal.
    pub fn of(e: &io::Error) -> Option<&Path> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<ChangedUnderneath>())
            .map(|c| c.0.as_path())
    }
}

/// Whether the file's time is old enough to vouch for its content. File
/// times move in coarse ticks (a few milliseconds, a second or two on
/// some shares): a file rewritten with the same length within one tick
/// looks untouched. Times that recent are not trusted; the content is
/// compared.
fn settled(meta: &fs::Metadata) -> bool {
    meta.modified()
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age > RACY)
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

impl Stamps {
    fn seen(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Stamp>> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Remembers `bytes` as what `path` holds now (just read or written).
    pub fn record(&self, path: &Path, bytes: &[u8]) {
        let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
        let stamp = Stamp {
            len: bytes.len() as u64,
            modified,
            hash: hash(bytes),
        };
        self.seen().insert(path.to_path_buf(), stamp);
    }

    /// Whether this program has read or written the file.
    pub fn knows(&self, path: &Path) -> bool {
        self.seen().contains_key(path)
    }

    /// Forgets a file this program moved away.
    pub fn forget(&self, path: &Path) {
        self.seen().remove(path);
    }

    /// Whether the file on disk is what this program last read or wrote.
    /// A file that is not there counts as unchanged (writing it loses
    /// nothing); a file there that this program never saw does not.
    pub fn unchanged(&self, path: &Path) -> io::Result<bool> {
        let known = self.seen().get(path).copied();
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(true),
            Err(e) => return Err(e),
        };
        let Some(known) = known else {
            return Ok(false);
        };
        let modified = meta.modified().ok();
        if meta.len() == known.len && modified == known.modified && settled(&meta) {
            return Ok(true);
        }
        // Touched, perhaps rewritten with the same bytes by a sync tool.
        let same = meta.len() == known.len && hash(&fs::read(path)?) == known.hash;
        if same {
            self.seen()
                .insert(path.to_path_buf(), Stamp { modified, ..known });
        }
        Ok(same)
    }

    /// Refuses a write over a file changed underneath; else returns what
    /// the file held, for the write's final step to compare with what it
    /// replaced (someone may replace it meanwhile).
    pub fn check_before_write(&self, path: &Path) -> io::Result<Seen> {
        // Taken before the check: a file replaced after this is another
        // file, and is compared by content.
        let meta = fs::metadata(path).ok().filter(settled);
        let file = meta.and_then(|m| FileId::of(&m));
        if !self.unchanged(path)? {
            return Err(io::Error::other(ChangedUnderneath(path.to_path_buf())));
        }
        let there = fs::metadata(path).is_ok();
        let known = self.seen().get(path).map(|s| (s.len, s.hash));
        Ok(Seen {
            content: known.filter(|_| there),
            file,
        })
    }
}

/// What a file held when a write was checked: its length and hash, or
/// `None` when there was no file; and which file it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    content: Option<(u64, u64)>,
    file: Option<FileId>,
}

impl Seen {
    /// Whether the file at `path` (the version a write replaced) holds
    /// what was seen; not when it cannot be read. The very file checked,
    /// not changed since, is not read again.
    pub fn matches(&self, path: &Path) -> bool {
        let Some((len, hash_seen)) = self.content else {
            return false;
        };
        let Ok(meta) = fs::metadata(path) else {
            return false;
        };
        if self.file.is_some() && FileId::of(&meta) == self.file {
            return true;
        }
        meta.len() == len && fs::read(path).is_ok_and(|bytes| hash(&bytes) == hash_seen)
    }
}

/// One file (not one name), its length and the time its content last
/// changed (links and renames leave that time alone). Taken only when
/// that time is settled: then the same file with the same time has not
/// been written since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
    modified: Option<SystemTime>,
    len: u64,
}

impl FileId {
    #[cfg(unix)]
    fn of(meta: &fs::Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId {
            dev: meta.dev(),
            ino: meta.ino(),
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }

    /// Windows: std gives no file id on stable (`file_index` is not), so
    /// the version a write replaced is always read and compared.
    #[cfg(not(unix))]
    fn of(_meta: &fs::Metadata) -> Option<FileId> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_same_length_rewrite_within_one_tick_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        let stamps = Stamps::default();
        fs::write(&path, b"version 1").unwrap();
        stamps.record(&path, b"version 1");
        assert!(stamps.unchanged(&path).unwrap());
        // The same length, at once: the file time may not move at all.
        fs::write(&path, b"version 2").unwrap();
        assert!(!stamps.unchanged(&path).unwrap());
        assert!(stamps.check_before_write(&path).is_err());
        // A file this program never saw is not its own to overwrite.
        let other = dir.path().join("b.ron");
        fs::write(&other, b"x").unwrap();
        assert!(!stamps.unchanged(&other).unwrap());
        // A file that is not there loses nothing by being written.
        assert!(stamps.unchanged(&dir.path().join("c.ron")).unwrap());
    }

    #[test]
    fn what_was_checked_is_compared_with_what_was_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (path, other) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
        let stamps = Stamps::default();
        fs::write(&path, b"version 1").unwrap();
        stamps.record(&path, b"version 1");
        let seen = stamps.check_before_write(&path).unwrap();
        fs::write(&other, b"version 1").unwrap();
        assert!(seen.matches(&other));
        fs::write(&other, b"version 2").unwrap();
        assert!(!seen.matches(&other));
        // No file was there: whatever was replaced was someone else's.
        let fresh = stamps
            .check_before_write(&dir.path().join("c.ron"))
            .unwrap();
        assert!(!fresh.matches(&other));
    }

    /// Unix only: elsewhere no file is known by its id (`FileId::of`).
    #[cfg(unix)]
    #[test]
    fn the_file_checked_untouched_since_is_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        let stamps = Stamps::default();
        fs::write(&path, b"version 1").unwrap();
        let an_hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(an_hour_ago).unwrap();
        stamps.record(&path, b"version 1");
        let seen = stamps.check_before_write(&path).unwrap();
        assert!(seen.file.is_some(), "a settled file is known by its id");
        assert!(seen.matches(&path));
        // Written in place since (same length): its time moved.
        fs::write(&path, b"version 2").unwrap();
        assert!(!seen.matches(&path));
    }
}
