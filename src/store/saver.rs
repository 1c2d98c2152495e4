//! The background saver: dirty notebooks are written soon after each change
//! (debounced, off the caller's thread), all at once on `flush`, and before
//! the program exits.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::files::Files;
use super::format::Renderer;
use crate::exchange::Received;
use crate::i18n::T;
use crate::model::{CellPart, Language, Meeting, MemberId, Notebook, Role, Settings, Year};
use crate::workspace::FileKey;

/// Quiet time after the last change before a file is written.
const DEBOUNCE: Duration = Duration::from_millis(250);
/// A file that keeps changing is still written this often; with the
/// window's drafts (written within 0.6 s) a crash loses at most about a
/// second of typing.
const MAX_DELAY: Duration = Duration::from_millis(600);
/// Wait before trying again after a failed write.
const RETRY: Duration = Duration::from_secs(3);

/// One thing to write.
#[derive(Clone, Debug)]
pub enum Job {
    /// Write the notebook, or retire its file when the notebook is gone.
    Notebook(MemberId, Option<Arc<Notebook>>),
    /// Write the cell's part for a member (retired when empty).
    Cell(CellPart),
    /// Write the cell's meetings (retired when none is left).
    Meetings(BTreeMap<Year, Meeting>),
    /// Write what one side received by exchange file.
    Received(Role, BTreeMap<MemberId, Received>),
    Settings(Settings),
}

impl Job {
    fn key(&self) -> FileKey {
        match self {
            Job::Notebook(id, _) => FileKey::Notebook(*id),
            Job::Cell(part) => FileKey::Cell(part.member),
            Job::Meetings(_) => FileKey::Meetings,
            Job::Received(side, _) => FileKey::Received(*side),
            Job::Settings(_) => FileKey::Settings,
        }
    }
}

enum Msg {
    Job(Job),
    Flush(Sender<Result<(), String>>),
}

/// What the saver is doing, for the status line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveStatus {
    /// Files waiting to be written.
    pub pending: usize,
    /// The last failure, until a later write succeeds.
    pub error: Option<SaveError>,
    /// When the last write finished.
    pub saved_at: Option<Timestamp>,
    /// Files waiting to be written, so that a file changed on disk is
    /// merged, not replaced, while this program has changes to it.
    pub waiting: std::collections::BTreeSet<FileKey>,
    /// Files not written because someone else changed them on disk since
    /// this program read them: the session merges them, then saves again.
    pub changed: Vec<std::path::PathBuf>,
}

type Waker = Box<dyn Fn() + Send>;

pub struct Saver {
    tx: Option<Sender<Msg>>,
    thread: Option<JoinHandle<()>>,
    status: Arc<Mutex<SaveStatus>>,
    waker: Arc<Mutex<Option<Waker>>>,
}

struct Pending {
    job: Job,
    first: Instant,
    last: Instant,
}

impl Pending {
    fn due(&self) -> Instant {
        (self.last + DEBOUNCE).min(self.first + MAX_DELAY)
    }
}

impl Saver {
    pub fn start(files: Files) -> Saver {
        let (tx, rx) = mpsc::channel();
        let status = Arc::new(Mutex::new(SaveStatus::default()));
        let waker: Arc<Mutex<Option<Waker>>> = Arc::new(Mutex::new(None));
        let thread = {
            let status = Arc::clone(&status);
            let waker = Arc::clone(&waker);
            std::thread::Builder::new()
                .name("sophandau-saver".to_owned())
                .spawn(move || run(files, rx, &status, &waker))
                .expect("the saver thread starts")
        };
        Saver {
            tx: Some(tx),
            thread: Some(thread),
            status,
            waker,
        }
    }

    pub fn send(&self, job: Job) {
        {
            let mut s = lock(&self.status);
            s.pending += 1;
            s.waiting.insert(job.key());
        }
        if let Some(tx) = &self.tx {
            // The thread only ends when the saver is dropped.
            let _ = tx.send(Msg::Job(job));
        }
    }

    /// Writes everything pending now and waits for it; the error says what
    /// could not be saved.
    pub fn flush(&self) -> Result<(), String> {
        let (ack_tx, ack_rx) = mpsc::channel();
        if let Some(tx) = &self.tx {
            let _ = tx.send(Msg::Flush(ack_tx));
        }
        ack_rx
            .recv()
            .unwrap_or_else(|_| Err("bộ lưu đã dừng".to_owned()))
    }

    pub fn status(&self) -> SaveStatus {
        lock(&self.status).clone()
    }

    /// Hands over the files not written because they changed on disk.
    pub fn take_changed(&self) -> Vec<std::path::PathBuf> {
        std::mem::take(&mut lock(&self.status).changed)
    }

    /// Called after each write, e.g. to repaint the window.
    pub fn set_waker(&self, waker: impl Fn() + Send + 'static) {
        *lock(&self.waker) = Some(Box::new(waker));
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the channel makes the thread write what is left and end.
        drop(self.tx.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn run(
    mut files: Files,
    rx: Receiver<Msg>,
    status: &Mutex<SaveStatus>,
    waker: &Mutex<Option<Waker>>,
) {
    let mut pending: BTreeMap<FileKey, Pending> = BTreeMap::new();
    let mut renderer = Renderer::default();
    loop {
        let next_due = pending.values().map(Pending::due).min();
        let msg = match next_due {
            Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let now = Instant::now();
        let closing = matches!(msg, Err(RecvTimeoutError::Disconnected));
        let (write_all, ack) = match msg {
            Ok(Msg::Job(job)) => {
                let first = pending.get(&job.key()).map_or(now, |p| p.first);
                pending.insert(
                    job.key(),
                    Pending {
                        job,
                        first,
                        last: now,
                    },
                );
                (false, None)
            }
            Ok(Msg::Flush(ack)) => (true, Some(ack)),
            Err(RecvTimeoutError::Timeout) => (false, None),
            Err(RecvTimeoutError::Disconnected) => (true, None),
        };
        let due: Vec<FileKey> = pending
            .iter()
            .filter(|(_, p)| write_all || p.due() <= now)
            .map(|(k, _)| *k)
            .collect();
        let mut error = None;
        let mut changed = Vec::new();
        for key in due {
            let Some(p) = pending.remove(&key) else {
                continue;
            };
            match write(&mut files, &mut renderer, &p.job) {
                Ok(()) => {}
                // Not retried: the session merges what is on disk first.
                Err(e) if super::ChangedUnderneath::of(&e).is_some() => {
                    changed.extend(super::ChangedUnderneath::of(&e).map(Path::to_path_buf));
                }
                Err(e) => {
                    error = Some(SaveError::of(&e));
                    let retry_at = Instant::now() + files.faults.retry().unwrap_or(RETRY);
                    pending.insert(
                        key,
                        Pending {
                            job: p.job,
                            first: retry_at,
                            last: retry_at,
                        },
                    );
                }
            }
        }
        {
            let mut s = lock(status);
            s.pending = pending.len();
            s.waiting = pending.keys().copied().collect();
            s.changed.extend(changed);
            match &error {
                Some(e) => s.error = Some(e.clone()),
                None if pending.is_empty() => {
                    s.error = None;
                    s.saved_at = Some(Timestamp::now());
                }
                None => {}
            }
        }
        if let Some(wake) = lock(waker).as_ref() {
            wake();
        }
        if let Some(ack) = ack {
            let _ = ack.send(error.map_or(Ok(()), |e| Err(e.to_string())));
        }
        if closing {
            return;
        }
    }
}

/// A failed write in plain Vietnamese first (the status line and the
/// command line show it after "Chưa lưu được:"), then the system's own
/// text, which names the file.
/// Why a write failed: the kind of failure, said in the window's
/// language, and the system's own words (which name the file).
#[derive(Clone, Debug, PartialEq)]
pub struct SaveError {
    pub kind: std::io::ErrorKind,
    pub detail: String,
}

impl SaveError {
    fn of(e: &std::io::Error) -> SaveError {
        SaveError {
            kind: e.kind(),
            detail: e.to_string(),
        }
    }

    /// In plain words: the reason, then the system's message.
    pub fn message(&self, lang: Language) -> String {
        format!("{} ({})", T::io_reason(self.kind).get(lang), self.detail)
    }
}

/// In Vietnamese, as the command line and `flush` say it.
impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Language::Vietnamese))
    }
}

fn write(files: &mut Files, renderer: &mut Renderer, job: &Job) -> std::io::Result<()> {
    match job {
        Job::Notebook(id, Some(notebook)) => {
            files.save_notebook_text(*id, &renderer.render(notebook))
        }
        Job::Notebook(id, None) => files.retire_notebook(*id),
        Job::Cell(part) => files.save_cell(part),
        Job::Meetings(meetings) => files.save_meetings(meetings),
        Job::Received(side, received) => files.save_received(*side, received),
        Job::Settings(settings) => {
            files.policy = settings.backups;
            files.save_settings(settings)
        }
    }
}
