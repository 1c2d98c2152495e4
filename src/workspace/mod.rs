//! The notebooks and settings in memory, and the one way they change:
//! `Workspace::apply`.
//!
//! An action is normalised to NFC, checked, turned into exact edits, applied,
//! and its inverse kept for undo; the member's file (or the settings file)
//! is marked dirty for the store to save. Nothing here touches the disk.

mod action;
mod check;
mod deed;
pub(crate) mod edit;
mod error;
mod field;
mod normalize;
mod plan;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use action::Action;
pub use check::{FIRST_YEAR, LAST_YEAR, MAX_TEXT_CHARS};
pub use deed::{Deed, DeedKind};
pub use error::{ActionError, Reason};
pub use field::Field;

use edit::Edit;
pub use edit::FileKey;

use crate::exchange::Received;
use crate::model::{
    CellPart, CellReview, Meeting, MemberId, Notebook, Profile, Role, Settings, Year,
};
use crate::text::Normalize;

/// How many steps undo remembers.
const UNDO_LIMIT: usize = 500;

/// The saved data of a workspace: its settings and every member's notebook.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkspaceData {
    pub settings: Settings,
    /// Shared so that handing a notebook to the saver thread costs nothing;
    /// an edit copies it only if the saver still holds the old one.
    pub notebooks: BTreeMap<MemberId, Arc<Notebook>>,
    /// Notebook files found on disk that could not be read (damaged, set
    /// aside, not a file): their members are missing from `notebooks`, and
    /// a whole-cell export says so. Filled on load; never saved.
    pub left_out: Vec<std::path::PathBuf>,
    /// The cell's own records: the year-end meeting of each year.
    pub meetings: BTreeMap<Year, Meeting>,
    /// The cell's part for years whose notebook is not here: a member not
    /// (or no longer) in the workspace, or a year the member removed. It
    /// is kept, written back with the cell's file, and joined again when
    /// the year comes back.
    pub unjoined: BTreeMap<MemberId, BTreeMap<Year, CellReview>>,
    /// What each side last received from the other by exchange file, per
    /// member: the base of the next merge, and the conflicts to settle.
    pub received: BTreeMap<Role, BTreeMap<MemberId, Received>>,
}

impl WorkspaceData {
    /// Everything the cell wrote about a member, every year: what the
    /// cell's file for the member holds.
    pub fn cell_part(&self, member: MemberId) -> CellPart {
        let mut years = self.unjoined.get(&member).cloned().unwrap_or_default();
        if let Some(nb) = self.notebooks.get(&member) {
            years.extend(nb.cell_part().years);
        }
        CellPart { member, years }
    }

    /// The member a user named on the command line: by the notebook's id
    /// (or its first 8 characters or more), or by full name, without
    /// minding case or tone marks; a part of a name when it fits only one
    /// (each word typed begins a word of the name: "hạnh" finds "Đặng Hữu
    /// Hạnh", not "Lê Văn Thanh").
    pub fn find_member(&self, wanted: &str) -> Result<MemberId, Vec<String>> {
        let wanted = wanted.trim();
        let by_id = |id: &MemberId| {
            let id = id.to_string();
            id == wanted || wanted.len() >= 8 && id.starts_with(wanted)
        };
        if let Some(id) = self.notebooks.keys().find(|id| by_id(id)) {
            return Ok(*id);
        }
        let folded = crate::review::board::fold(wanted);
        if folded.is_empty() {
            return Err(Vec::new());
        }
        let named = |exact: bool| -> Vec<(MemberId, String)> {
            self.notebooks
                .values()
                .filter(|n| {
                    let name = crate::review::board::fold(&n.profile.full_name);
                    if exact {
                        name == folded
                    } else {
                        folded
                            .split(' ')
                            .all(|w| name.split(' ').any(|part| part.starts_with(w)))
                    }
                })
                .map(|n| (n.id, n.profile.full_name.clone()))
                .collect()
        };
        let exact = named(true);
        let found = if exact.is_empty() {
            named(false)
        } else {
            exact
        };
        match found.as_slice() {
            [(id, _)] => Ok(*id),
            many => Err(many.iter().map(|(_, name)| name.clone()).collect()),
        }
    }

    /// Joins a cell's part read from its file to the notebooks: years the
    /// member's notebook has go into it, the rest are kept unjoined.
    pub fn join_cell_part(&mut self, part: CellPart) {
        let mut rest = BTreeMap::new();
        for (year, review) in part.years {
            let book = self
                .notebooks
                .get_mut(&part.member)
                .filter(|nb| nb.years.contains_key(&year))
                .and_then(|nb| Arc::make_mut(nb).years.get_mut(&year));
            match book {
                Some(book) => book.cell_review = review,
                None => {
                    rest.insert(year, review);
                }
            }
        }
        if !rest.is_empty() {
            self.unjoined.entry(part.member).or_default().extend(rest);
        }
    }
}

/// Names one undoable step, so that later typing in the same field can join
/// it instead of making a step per pause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepId(u64);

/// One undoable step: the edits that take the data back to before it.
#[derive(Debug)]
struct Step {
    id: StepId,
    edits: Vec<Edit>,
    /// What the step did, for undo and redo to say; none for a change
    /// read from disk, which is never undone.
    deed: Option<Deed>,
}

impl Step {
    /// Applies the step and returns the step that reverses it.
    fn apply(self, data: &mut WorkspaceData) -> Step {
        let mut reverse: Vec<Edit> = self.edits.into_iter().map(|e| e.apply(data)).collect();
        reverse.reverse();
        Step {
            id: self.id,
            edits: reverse,
            deed: self.deed,
        }
    }

    /// The members whose notebooks the step changes.
    fn members(&self) -> BTreeSet<MemberId> {
        self.edits.iter().filter_map(Edit::member).collect()
    }

    /// The files the step changes.
    fn files(&self) -> BTreeSet<FileKey> {
        self.edits.iter().map(Edit::file).collect()
    }
}

/// The notebooks being worked on, with undo history and the set of members
/// whose files need saving.
#[derive(Debug, Default)]
pub struct Workspace {
    data: WorkspaceData,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Files waiting to be written.
    dirty: BTreeSet<FileKey>,
    /// Why the whole workspace cannot be changed (another program holds it).
    read_only: Option<Reason>,
    /// Members whose files cannot be changed (written by a newer version).
    frozen: BTreeMap<MemberId, Reason>,
    /// Other files that cannot be changed (the cell's, written by a newer
    /// version or unreadable): an action that would write one is refused.
    frozen_files: BTreeMap<FileKey, Reason>,
    /// Counts changes per member, so views can cache what they derive.
    changes: BTreeMap<MemberId, u64>,
    /// Counts every change to any notebook, for caches over the whole cell.
    generation: u64,
    /// Counts changes to the cell's meetings, as `changes` does a member's.
    meeting_changes: u64,
    next_step: u64,
    /// Members whose notebooks are still being read (the store loads them
    /// in the background), with the profile read from the start of the
    /// file: named in lists, not yet shown or changed.
    loading: BTreeMap<MemberId, Profile>,
    /// Whether notebooks are still being read in the background.
    reading: bool,
}

impl Workspace {
    pub fn new(data: WorkspaceData) -> Self {
        Workspace {
            data,
            ..Workspace::default()
        }
    }

    pub fn data(&self) -> &WorkspaceData {
        &self.data
    }

    pub fn settings(&self) -> &Settings {
        &self.data.settings
    }

    pub fn notebooks(&self) -> impl Iterator<Item = &Notebook> {
        self.data.notebooks.values().map(Arc::as_ref)
    }

    pub fn notebook(&self, member: MemberId) -> Option<&Notebook> {
        self.data.notebooks.get(&member).map(Arc::as_ref)
    }

    /// The shared copy of a notebook, for handing to the saver.
    pub fn notebook_arc(&self, member: MemberId) -> Option<Arc<Notebook>> {
        self.data.notebooks.get(&member).cloned()
    }

    /// How many times the member's notebook has changed since opening.
    pub fn change_count(&self, member: MemberId) -> u64 {
        self.changes.get(&member).copied().unwrap_or(0)
    }

    /// How many changes any notebook has seen since opening.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many times the cell's meetings have changed since opening.
    pub fn meetings_change_count(&self) -> u64 {
        self.meeting_changes
    }

    /// Replaces the settings outright: not checked, not undoable. Only for
    /// setting up a workspace that was just opened (a generated demo cell);
    /// a user's change goes through `Action::ChangeSettings`.
    pub fn set_settings(&mut self, settings: Settings) -> Result<(), ActionError> {
        self.check_writable()?;
        if settings != self.data.settings {
            self.data.settings = settings;
            self.dirty.insert(FileKey::Settings);
        }
        Ok(())
    }

    pub fn read_only(&self) -> Option<&Reason> {
        self.read_only.as_ref()
    }

    pub fn set_read_only(&mut self, reason: Reason) {
        self.read_only = Some(reason);
    }

    /// Marks one member's notebook as not to be changed, with the reason.
    pub fn freeze(&mut self, member: MemberId, reason: Reason) {
        self.frozen.insert(member, reason);
    }

    /// Keeps a file from being changed, saying why.
    pub fn freeze_file(&mut self, file: FileKey, reason: Reason) {
        self.frozen_files.insert(file, reason);
    }

    pub fn frozen(&self, member: MemberId) -> Option<&Reason> {
        self.frozen.get(&member)
    }

    fn check_writable(&self) -> Result<(), ActionError> {
        match &self.read_only {
            Some(why) => Err(ActionError::ReadOnly(why.clone())),
            None => Ok(()),
        }
    }

    /// Checks and applies an action, keeping its inverse for undo.
    pub fn apply(&mut self, action: Action) -> Result<StepId, ActionError> {
        self.apply_joining(action, None)
    }

    /// Like `apply`, but when `join` names the last undo step and the action
    /// only rewrites what that step wrote, the two become one step: undo
    /// then takes back a whole stretch of typing in one field at once.
    pub fn apply_joining(
        &mut self,
        mut action: Action,
        join: Option<StepId>,
    ) -> Result<StepId, ActionError> {
        self.check_writable()?;
        if let Some(why) = action.member().and_then(|m| self.frozen.get(&m)) {
            return Err(ActionError::ReadOnly(why.clone()));
        }
        if let Some(member) = action.member()
            && self.loading.contains_key(&member)
        {
            let why = Reason::new(crate::i18n::T::NotebookLoading.into());
            return Err(ActionError::ReadOnly(why));
        }
        if let Some(owner) = action.owner()
            && owner != self.data.settings.role
        {
            return Err(ActionError::NotYourPart(self.data.settings.role));
        }
        action.normalize();
        let edits = action.plan(&self.data)?;
        let deed = Some(Deed::of(&action, &self.data));
        let frozen = edits.iter().find_map(|e| {
            let member = e.member().and_then(|m| self.frozen.get(&m));
            member.or_else(|| self.frozen_files.get(&e.file()))
        });
        if let Some(why) = frozen {
            return Err(ActionError::ReadOnly(why.clone()));
        }
        let joinable = match (join, self.undo.last()) {
            (Some(id), Some(last)) if last.id == id && self.redo.is_empty() => {
                let slots: BTreeSet<_> = last.edits.iter().map(Edit::slot).collect();
                edits.iter().all(|e| slots.contains(&e.slot()))
            }
            _ => false,
        };
        self.next_step += 1;
        let id = StepId(self.next_step);
        if edits.is_empty() {
            return Ok(join.filter(|_| joinable).unwrap_or(id));
        }
        let undo = self.run(Step { id, edits, deed });
        match (joinable, self.undo.last_mut()) {
            // The earlier step already knows how to restore every slot.
            (true, Some(last)) => return Ok(last.id),
            _ => self.undo.push(undo),
        }
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(id)
    }

    /// Applies a step, marking what it changes dirty and counted.
    fn run(&mut self, step: Step) -> Step {
        let members = step.members();
        if !members.is_empty() {
            self.generation += 1;
        }
        for member in members {
            *self.changes.entry(member).or_default() += 1;
        }
        let files = step.files();
        if files.contains(&FileKey::Meetings) {
            self.generation += 1;
            self.meeting_changes += 1;
        }
        self.dirty.extend(files);
        step.apply(&mut self.data)
    }

    pub fn can_undo(&self) -> bool {
        self.read_only.is_none() && !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        self.read_only.is_none() && !self.redo.is_empty()
    }

    /// What undo would take back now.
    pub fn next_undo(&self) -> Option<&Deed> {
        self.undo.last().and_then(|s| s.deed.as_ref())
    }

    /// What redo would do again now.
    pub fn next_redo(&self) -> Option<&Deed> {
        self.redo.last().and_then(|s| s.deed.as_ref())
    }

    /// Takes back the last action; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        if self.read_only.is_some() {
            return false;
        }
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let redo = self.run(step);
        self.redo.push(redo);
        true
    }

    /// Does again what undo took back; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        if self.read_only.is_some() {
            return false;
        }
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let undo = self.run(step);
        self.undo.push(undo);
        true
    }

    /// Whether anything waits to be saved.
    pub fn is_dirty(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// Asks for a file to be written again (e.g. after migration).
    pub fn mark_dirty(&mut self, file: FileKey) {
        self.dirty.insert(file);
    }

    /// Hands over the files changed since the last call.
    pub fn take_dirty(&mut self) -> BTreeSet<FileKey> {
        std::mem::take(&mut self.dirty)
    }

    /// Whether a file waits to be handed to the saver.
    pub fn is_dirty_file(&self, file: FileKey) -> bool {
        self.dirty.contains(&file)
    }

    /// Takes in what someone else changed on disk (a sync tool, another
    /// machine): not an undoable step of this user's. Undo and redo steps
    /// that touch the same files are dropped, since they no longer fit.
    /// With `merged`, the files are written again (this side's changes
    /// were merged in); else they already hold the data.
    pub(crate) fn apply_external(&mut self, edits: Vec<Edit>, merged: bool) {
        if edits.is_empty() {
            return;
        }
        self.next_step += 1;
        let step = Step {
            id: StepId(self.next_step),
            edits,
            deed: None,
        };
        let files = step.files();
        let touches = |s: &Step| !s.files().is_disjoint(&files);
        self.undo.retain(|s| !touches(s));
        self.redo.retain(|s| !touches(s));
        let dirty_before = self.dirty.clone();
        self.run(step);
        if !merged {
            self.dirty = dirty_before;
        }
    }

    /// Takes the cell's meetings as read again from disk.
    pub(crate) fn replace_meetings(&mut self, meetings: BTreeMap<Year, Meeting>) {
        if self.data.meetings != meetings {
            self.data.meetings = meetings;
            self.generation += 1;
            self.meeting_changes += 1;
            self.undo
                .retain(|s| !s.files().contains(&FileKey::Meetings));
            self.redo
                .retain(|s| !s.files().contains(&FileKey::Meetings));
        }
    }

    /// Members whose notebooks are still being read, with their profiles.
    pub fn loading(&self) -> &BTreeMap<MemberId, Profile> {
        &self.loading
    }

    /// Whether every notebook is read (nothing is loading).
    pub fn is_loaded(&self) -> bool {
        !self.reading
    }

    /// Notes the members whose notebooks are being read, as the start of
    /// their files names them.
    pub(crate) fn expect(&mut self, members: BTreeMap<MemberId, Profile>) {
        self.loading = members;
        self.reading = true;
    }

    /// Takes in notebooks (and the cell's parts kept apart) just read in
    /// the background: not a change of the user's, so neither undone nor
    /// saved, but counted, so that what is derived from them follows.
    pub(crate) fn arrive(
        &mut self,
        notebooks: BTreeMap<MemberId, Arc<Notebook>>,
        unjoined: BTreeMap<MemberId, BTreeMap<Year, CellReview>>,
    ) {
        for (id, notebook) in notebooks {
            self.loading.remove(&id);
            *self.changes.entry(id).or_default() += 1;
            self.data.notebooks.insert(id, notebook);
        }
        for (id, years) in unjoined {
            self.loading.remove(&id);
            self.data.unjoined.entry(id).or_default().extend(years);
        }
        self.generation += 1;
    }

    /// Ends a background load: members not read are no longer expected,
    /// and the notebook files left out are noted.
    pub(crate) fn loaded(&mut self, left_out: Vec<std::path::PathBuf>) {
        self.loading.clear();
        self.reading = false;
        self.data.left_out = left_out;
        self.generation += 1;
    }

    /// The year-end meeting recorded for a year.
    pub fn meeting(&self, year: Year) -> Option<&Meeting> {
        self.data.meetings.get(&year)
    }
}
