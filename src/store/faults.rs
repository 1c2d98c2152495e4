//! The store's file-system seam for tests: a write step that is made to
//! fail on purpose (a full disk, a refused permission, a failing fsync or
//! rename), so that tests can prove nothing is lost when the disk says no.
//!
//! It also lets a test act at the one moment a fault cannot stand for:
//! just before a save's final rename, after the check that the file on
//! disk is still the one this program read (`on_final_step`), where a
//! sync tool's own rename may land.
//!
//! Not a feature: nothing in the program sets a fault, and with none set
//! every check is one uncontended lock that answers `Ok`.

use std::fmt;
use std::io;
use std::path::Path;
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

/// What a test does just before a save's final step, given the target.
type Hook = Arc<dyn Fn(&Path) + Send + Sync>;

#[derive(Default)]
struct Plan {
    fault: Option<Fault>,
    retry: Option<Duration>,
    final_step: Option<Hook>,
}

impl fmt::Debug for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Plan")
            .field("fault", &self.fault)
            .field("retry", &self.retry)
            .field("final_step", &self.final_step.is_some())
            .finish()
    }
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

    /// Runs `hook` with the target of every save just before its final
    /// step (the rename over the target), until cleared: a test replaces
    /// the file there, as a sync tool would.
    #[doc(hidden)]
    pub fn on_final_step(&self, hook: impl Fn(&Path) + Send + Sync + 'static) {
        self.plan().final_step = Some(Arc::new(hook));
    }

    /// Stops running the hook set by `on_final_step`.
    #[doc(hidden)]
    pub fn clear_final_step(&self) {
        self.plan().final_step = None;
    }

    /// Runs the hook, if any, outside the lock (it may use this seam).
    pub(super) fn at_final_step(&self, target: &Path) {
        let hook = self.plan().final_step.clone();
        if let Some(hook) = hook {
            hook(target);
        }
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
