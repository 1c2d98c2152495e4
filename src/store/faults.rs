//! The store's file-system seam for tests: a write step that is made to
//! fail on purpose (a full disk, a refused permission, a failing fsync or
//! rename), so that tests can prove nothing is lost when the disk says no.
//!
//! Not a feature: nothing in the program sets a fault, and with none set
//! every check is one uncontended lock that answers `Ok`.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// One step of saving a file, in the order they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Keeping the version a save replaces among the backups.
    Backup,
    /// Creating the temporary file beside the target.
    Create,
    /// Writing the bytes (half are written, then the error).
    Write,
    /// `fsync` of the temporary file.
    Sync,
    /// Renaming the temporary file over the target.
    Rename,
    /// `fsync` of the folder after the rename (the file is in place).
    SyncDir,
}

/// A step that fails, and with which error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    pub step: Step,
    pub kind: io::ErrorKind,
}

/// Shared by every clone of a `Files`, so a test can set a fault on an
/// open store whose saver thread holds its own clone.
#[derive(Clone, Debug, Default)]
pub struct Faults(Arc<Mutex<Plan>>);

#[derive(Debug, Default)]
struct Plan {
    fault: Option<Fault>,
    retry: Option<Duration>,
}

impl Faults {
    fn plan(&self) -> std::sync::MutexGuard<'_, Plan> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes every save fail at `step` with `kind`, until cleared.
    #[doc(hidden)]
    pub fn set(&self, fault: Option<Fault>) {
        self.plan().fault = fault;
    }

    /// Sets how long the saver waits before trying a failed write again
    /// (tests shorten it; `None` is the program's own interval).
    #[doc(hidden)]
    pub fn set_retry(&self, after: Option<Duration>) {
        self.plan().retry = after;
    }

    pub(super) fn retry(&self) -> Option<Duration> {
        self.plan().retry
    }

    /// The error to give at `step`, if one is set for it.
    pub(super) fn check(&self, step: Step) -> io::Result<()> {
        match self.plan().fault {
            Some(f) if f.step == step => Err(io::Error::new(
                f.kind,
                format!("injected fault at {step:?}: {f:?}"),
            )),
            _ => Ok(()),
        }
    }
}
