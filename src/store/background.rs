//! Reading the members' notebooks in the background, so that the window
//! shows at once: the session opens with the settings and each member's
//! name (from the first bytes of the notebook file), and the notebooks
//! come in as they are read, on all cores, the one the user asks for
//! first (`Session::prefer`). A notebook still loading cannot be changed;
//! the rest of the workspace can.
//!
//! Each member's files are read exactly as a blocking open reads them
//! (`MemberFiles::read`: checked, damaged files set aside and recovered
//! from backups, the stamp of the bytes read recorded), and taken in the
//! same way (`take_member`), so once everything is in the workspace is the
//! one `open` would give.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use super::files::{self, Files};
use super::{
    Loading, MemberFiles, MemberRead, Problem, Session, left_out, note_set_aside, take_member,
};
use crate::model::{MemberId, Profile};
use crate::workspace::WorkspaceData;

/// Notebooks being read on other threads.
pub(super) struct Background {
    queue: Arc<Mutex<VecDeque<MemberFiles>>>,
    arrived: Receiver<MemberRead>,
    workers: Vec<JoinHandle<()>>,
    /// Lets the workers begin: at the first `Session::refresh` (the
    /// window's first frame is shown before the reading slows it) or
    /// `wait_loaded`.
    go: Option<mpsc::Sender<()>>,
    repair: bool,
    total: usize,
    taken: usize,
    /// Every problem found so far, for what is worked out at the end.
    problems: Vec<Problem>,
    /// Files others changed while their members were still loading:
    /// looked at again once everything is in.
    pub(super) deferred: Vec<PathBuf>,
}

/// The members' names read from the start of their notebook files, by id;
/// a file whose start does not name its member is simply not listed.
/// Read on every core: the window waits for them.
pub(super) fn names(files: &Files, members: &[MemberFiles]) -> BTreeMap<MemberId, Profile> {
    let key = files.key();
    let named = |m: &MemberFiles| {
        let (id, profile) = files::read_header(m.notebook.as_ref()?, key.as_ref())?;
        (m.member() == Some(id)).then_some((id, profile))
    };
    super::on_every_core(members, |part| part.iter().filter_map(named).collect())
        .into_iter()
        .collect()
}

impl Background {
    pub(super) fn start(files: &Files, members: Vec<MemberFiles>, repair: bool) -> Background {
        let total = members.len();
        let queue = Arc::new(Mutex::new(VecDeque::from(members)));
        let (send, arrived) = mpsc::channel();
        let (go, wait_for_go) = mpsc::channel::<()>();
        let wait_for_go = Arc::new(Mutex::new(wait_for_go));
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = (0..cores.min(total.max(1)))
            .filter_map(|n| {
                let (queue, send, files) = (Arc::clone(&queue), send.clone(), files.clone());
                let wait_for_go = Arc::clone(&wait_for_go);
                std::thread::Builder::new()
                    .name(format!("sophandau-loader-{n}"))
                    .spawn(move || {
                        // Told to go, or the session gone: either way on.
                        let _ = lock(&wait_for_go).recv();
                        // Equal texts across this worker's notebooks are
                        // kept once (`model::Text`).
                        crate::model::interning(|| {
                            while let Some(member) = lock(&queue).pop_front() {
                                // The session may have closed meanwhile.
                                if send.send(member.read(&files, repair)).is_err() {
                                    return;
                                }
                            }
                        })
                    })
                    .ok()
            })
            .collect::<Vec<_>>();
        if workers.is_empty() {
            // No thread to be had: read everything here, now.
            while let Some(member) = lock(&queue).pop_front() {
                let _ = send.send(member.read(files, repair));
            }
        }
        Background {
            queue,
            arrived,
            workers,
            go: Some(go),
            repair,
            total,
            taken: 0,
            problems: Vec::new(),
            deferred: Vec::new(),
        }
    }

    /// Lets the workers begin, if they have not yet.
    fn go(&mut self) {
        if let Some(go) = self.go.take() {
            // Each worker takes the word in turn; dropping the sender
            // wakes the rest.
            let _ = go.send(());
        }
    }

    /// Members taken in so far, and all there are.
    pub(super) fn progress(&self) -> (usize, usize) {
        (self.taken, self.total)
    }

    /// Reads this member's files next.
    pub(super) fn prefer(&self, member: MemberId) {
        let mut queue = lock(&self.queue);
        if let Some(at) = queue.iter().position(|m| m.member() == Some(member))
            && let Some(files) = queue.remove(at)
        {
            queue.push_front(files);
        }
    }

    /// What has been read since the last call (with `wait`, everything
    /// left, once read), and whether that was the last of it.
    fn take(&mut self, wait: bool) -> (Vec<MemberRead>, bool) {
        self.go();
        if wait {
            let reads: Vec<MemberRead> = self.arrived.iter().collect();
            return (reads, true);
        }
        let mut reads = Vec::new();
        loop {
            match self.arrived.try_recv() {
                Ok(read) => reads.push(read),
                Err(TryRecvError::Empty) => return (reads, false),
                Err(TryRecvError::Disconnected) => return (reads, true),
            }
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        lock(&self.queue).clear();
        self.go = None;
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Session {
    /// Takes in the notebooks read in the background since the last call
    /// (with `wait`, all of them, waiting for the rest); returns what was
    /// found about them that the user should hear (it joins `problems`).
    pub(super) fn take_arrived(&mut self, wait: bool) -> Vec<Problem> {
        let Some(background) = &mut self.loading else {
            return Vec::new();
        };
        let (reads, done) = background.take(wait);
        if reads.is_empty() && !done {
            return Vec::new();
        }
        background.taken += reads.len();
        let files = &self.store.files;
        let mut data = WorkspaceData::default();
        let mut l = Loading::default();
        for read in reads {
            take_member(files, read, &mut data, &mut l);
        }
        l.apply(&mut self.workspace, background.repair);
        self.workspace.arrive(data.notebooks, data.unjoined);
        let mut told = l.problems;
        if done {
            note_set_aside(
                files,
                self.workspace.data(),
                &background.problems,
                &mut told,
            );
            background.problems.extend(told.iter().cloned());
            self.workspace.loaded(left_out(&background.problems));
        } else {
            background.problems.extend(told.iter().cloned());
        }
        if self.workspace.is_dirty() {
            self.store.sync(&mut self.workspace);
        }
        if done {
            let deferred = std::mem::take(&mut background.deferred);
            self.loading = None;
            told.extend(self.refresh_paths(deferred, &[]));
        }
        self.problems.extend(told.iter().cloned());
        told
    }

    /// Waits until every notebook is read and taken in; returns what was
    /// found, which also joins `problems`. For whatever needs the whole cell (an export of
    /// it, an exchange, moving the folder).
    pub fn wait_loaded(&mut self) -> Vec<Problem> {
        self.take_arrived(true)
    }

    /// Reads this member's notebook before the others still waiting.
    pub fn prefer(&self, member: MemberId) {
        if let Some(background) = &self.loading {
            background.prefer(member);
        }
    }

    /// While notebooks are being read: how many are in, of how many.
    pub fn load_progress(&self) -> Option<(usize, usize)> {
        self.loading.as_ref().map(Background::progress)
    }
}
