//! Files changed on disk by someone else (DESIGN.md, "Shared folders"): a
//! sync tool bringing a member's notebook to the secretary, or the cell's
//! remarks to the member, or this member's own notebook written on another
//! machine. The watcher notices them; `Session::refresh` takes each in on
//! the window's thread: read again when this program has no changes to the
//! file, merged record by record when it has, and a sync tool's conflict
//! copy merged and retired. Nothing is ever overwritten unseen: the saver
//! refuses to write over a changed file (`stamps`), and hands it here.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use super::files::{self, CELL_DIR, MEETINGS_FILE, NOTEBOOKS_DIR};
use super::saver::Saver;
use super::{Problem, Session, Store, read_copy};
use crate::exchange::{self, CopyOf};
use crate::model::MemberId;
use crate::workspace::FileKey;

/// The watcher and what it noticed.
pub(super) struct Watch {
    _watcher: notify::RecommendedWatcher,
    noticed: Receiver<PathBuf>,
}

/// What a changed path is.
enum Changed {
    Own(FileKey),
    /// A sync tool's conflict copy of a member's notebook or cell file.
    Copy {
        cell: bool,
    },
}

impl Store {
    /// Watches the notebooks' and the cell's folders; `wake` is called on
    /// every change (to repaint the window, which then calls `refresh`).
    /// A folder that cannot be watched is simply read at the next open.
    pub fn watch(&mut self, wake: impl Fn() + Send + 'static) {
        if self.saver.is_none() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let handler = move |event: notify::Result<notify::Event>| {
            // Reading a file (as `refresh` does) is an event too; only
            // files made, changed, renamed or removed matter.
            if let Ok(event) = event
                && !matches!(event.kind, notify::EventKind::Access(_))
            {
                for path in event.paths {
                    let _ = tx.send(path);
                }
                wake();
            }
        };
        let Ok(mut watcher) = notify::recommended_watcher(handler) else {
            return;
        };
        use notify::Watcher as _;
        for dir in [self.files.notebooks_dir(), self.files.cell_dir()] {
            let _ = watcher.watch(&dir, notify::RecursiveMode::NonRecursive);
        }
        self.watch = Some(Watch {
            _watcher: watcher,
            noticed: rx,
        });
    }

    /// The files someone else changed since the last call, each once, and
    /// those of them the saver could not write (this program's changes to
    /// them wait to be merged).
    fn take_changed(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let mut paths: Vec<PathBuf> = self
            .watch
            .as_ref()
            .map(|w| w.noticed.try_iter().collect())
            .unwrap_or_default();
        let refused = self
            .saver
            .as_ref()
            .map(Saver::take_changed)
            .unwrap_or_default();
        paths.extend(refused.iter().cloned());
        paths.sort();
        paths.dedup();
        (paths, refused)
    }

    fn classify(&self, path: &Path) -> Option<Changed> {
        let dir = path.parent()?.file_name()?;
        let name = path.file_name()?.to_str()?;
        if !name.ends_with(".ron") || name.starts_with(super::TEMP_PREFIX) {
            return None;
        }
        let cell = dir == CELL_DIR;
        if !cell && dir != NOTEBOOKS_DIR {
            return None;
        }
        if let Some(id) = files::conflict_copy_of(path) {
            if self.own.is_some_and(|own| own != id) {
                return None;
            }
            return Some(Changed::Copy { cell });
        }
        if cell && name == MEETINGS_FILE {
            return Some(Changed::Own(FileKey::Meetings));
        }
        let id: MemberId = name.strip_suffix(".ron")?.parse().ok()?;
        if self.own.is_some_and(|own| own != id) {
            return None;
        }
        Some(Changed::Own(if cell {
            FileKey::Cell(id)
        } else {
            FileKey::Notebook(id)
        }))
    }
}

impl Session {
    /// Takes in the notebooks read in the background since the last call,
    /// and what others changed on disk; returns what the user should hear
    /// about (a damaged file met while loading, a merge, a conflict copy).
    /// Call it once per frame.
    pub fn refresh(&mut self) -> Vec<Problem> {
        let mut told = self.take_arrived(false);
        let (changed, refused) = self.store.take_changed();
        told.extend(self.refresh_paths(changed, &refused));
        told
    }

    /// Takes in the files in `changed` (those in `refused` the saver could
    /// not write); a file of a member still loading waits until the
    /// loading is over.
    pub(super) fn refresh_paths(
        &mut self,
        changed: Vec<PathBuf>,
        refused: &[PathBuf],
    ) -> Vec<Problem> {
        let mut told = Vec::new();
        for path in changed {
            if self.still_loading(&path) {
                if let Some(background) = &mut self.loading {
                    background.deferred.push(path);
                }
                continue;
            }
            if let Some(p) = self.refresh_one(&path, refused.contains(&path)) {
                told.push(p);
            }
        }
        if !told.is_empty() || self.workspace.is_dirty() {
            self.store.sync(&mut self.workspace);
        }
        told
    }

    /// Whether the file is a member's whose notebook is still being read.
    fn still_loading(&self, path: &Path) -> bool {
        let member = match self.store.classify(path) {
            Some(Changed::Own(FileKey::Notebook(id) | FileKey::Cell(id))) => Some(id),
            Some(Changed::Copy { .. }) => files::conflict_copy_of(path),
            _ => None,
        };
        member.is_some_and(|id| self.workspace.loading().contains_key(&id))
    }

    fn refresh_one(&mut self, path: &Path, refused: bool) -> Option<Problem> {
        let changed = self.store.classify(path)?;
        let stamps = &self.store.files.stamps;
        if !path.is_file() || stamps.unchanged(path).unwrap_or(true) {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        let role = self.workspace.settings().role;
        match changed {
            Changed::Own(FileKey::Meetings) => {
                // Only the cell writes its meetings; a version written
                // elsewhere meanwhile goes to the backups on the next save.
                let plain = self.store.files.plain(&bytes).ok()?;
                let read = super::validate::read_meetings(&plain).ok()?;
                let waiting = refused || self.waiting(FileKey::Meetings);
                stamps.record(path, &bytes);
                if !waiting {
                    let meetings = read.value.into_value();
                    self.workspace.replace_meetings(meetings);
                }
                None
            }
            Changed::Own(key) => {
                let cell = matches!(key, FileKey::Cell(_));
                // Half-written by a sync tool: the next event brings the rest.
                let copy = read_copy(&self.store.files, path, cell).ok()?;
                let waiting = refused || self.waiting(key);
                stamps.record(path, &bytes);
                if waiting {
                    let name = path.display().to_string();
                    let (edits, count) =
                        exchange::merge_copy(self.workspace.data(), role, &copy, &name, now());
                    let taken = count.new + count.updated;
                    self.workspace.apply_external(edits, true);
                    // Written again now, with both sides' records.
                    self.workspace.mark_dirty(key);
                    if taken + count.conflicts == 0 {
                        return None;
                    }
                    Some(Problem::ConflictCopy {
                        file: path.to_path_buf(),
                        taken,
                        differ: count.conflicts,
                    })
                } else {
                    let edits = exchange::replace_with(self.workspace.data(), &copy);
                    self.workspace.apply_external(edits, false);
                    None
                }
            }
            Changed::Copy { cell } => {
                let copy: CopyOf = read_copy(&self.store.files, path, cell).ok()?;
                let name = path.display().to_string();
                let (edits, count) =
                    exchange::merge_copy(self.workspace.data(), role, &copy, &name, now());
                self.workspace.apply_external(edits, true);
                self.store.sync(&mut self.workspace);
                if self.store.flush().is_ok() {
                    let _ = self.store.files.retire_copy(path);
                }
                Some(Problem::ConflictCopy {
                    file: path.to_path_buf(),
                    taken: count.new + count.updated,
                    differ: count.conflicts,
                })
            }
        }
    }

    /// Whether this program has changes to the file not yet written.
    fn waiting(&self, key: FileKey) -> bool {
        self.workspace.is_dirty_file(key) || self.store.status().waiting.contains(&key)
    }
}

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}
