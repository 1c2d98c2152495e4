//! Records open for editing, and how their drafts reach the notebook.
//!
//! Every screen keeps its drafts in `Editing` values (a profile, a
//! self-review, or one commitment, entry or progress record at a time in a
//! `Slot`). The window writes them all through one `Writer`, at the end of
//! a frame and before it carries out anything the user asked for, so no
//! screen needs to know how another screen's drafts are written.

use super::draft::Draft;
use super::intent::Intent;
use super::{Drafts, Place};
use crate::i18n::T;
use crate::model::{
    CellDecision, Commitment, Entry, Language, MemberId, Notebook, Profile, ProgressRecord, Remark,
    SelfReview, Year,
};
use crate::store::Session;
use crate::workspace::{Action, StepId, Workspace};

/// A record a draft can be written as.
pub trait Record: Clone + PartialEq {
    /// Whether there is one per year (a self-review) rather than one per
    /// member (the profile); records in a `Slot` do not use it.
    const BY_YEAR: bool = true;

    /// The action that writes it; `exists` says whether it is already in
    /// the notebook (edit) or not yet (add).
    fn action(&self, member: MemberId, year: Year, exists: bool) -> Action;

    /// What the user must still type before the record can be written.
    fn missing(&self) -> Option<T> {
        None
    }

    /// The record as the notebook holds it now, if it holds it.
    fn saved(notebook: &Notebook, year: Year, like: &Self) -> Option<Self>;

    /// The record as the workspace holds it now: in the member's notebook,
    /// unless the record is the cell's own (the year's meeting).
    fn saved_in(workspace: &Workspace, member: MemberId, year: Year, like: &Self) -> Option<Self> {
        workspace
            .notebook(member)
            .and_then(|nb| Self::saved(nb, year, like))
    }
}

impl Record for Profile {
    const BY_YEAR: bool = false;

    fn action(&self, member: MemberId, _: Year, _: bool) -> Action {
        Action::SetProfile {
            member,
            profile: self.clone(),
        }
    }

    fn saved(notebook: &Notebook, _: Year, _: &Self) -> Option<Self> {
        Some(notebook.profile.clone())
    }
}

impl Record for SelfReview {
    fn action(&self, member: MemberId, year: Year, _: bool) -> Action {
        Action::SetSelfReview {
            member,
            year,
            review: self.clone(),
        }
    }

    fn saved(notebook: &Notebook, year: Year, _: &Self) -> Option<Self> {
        let book = notebook.years.get(&year)?;
        Some(book.self_review.clone().unwrap_or_default())
    }
}

impl Record for Commitment {
    fn action(&self, member: MemberId, year: Year, exists: bool) -> Action {
        let commitment = self.clone();
        if exists {
            Action::EditCommitment {
                member,
                year,
                commitment,
            }
        } else {
            Action::AddCommitment {
                member,
                year,
                commitment,
            }
        }
    }

    fn missing(&self) -> Option<T> {
        self.content.trim().is_empty().then_some(T::NeedContent)
    }

    fn saved(notebook: &Notebook, year: Year, like: &Self) -> Option<Self> {
        notebook.years.get(&year)?.commitment(like.id).cloned()
    }
}

impl Record for Entry {
    fn action(&self, member: MemberId, year: Year, exists: bool) -> Action {
        let entry = self.clone();
        if exists {
            Action::EditEntry {
                member,
                year,
                entry,
            }
        } else {
            Action::AddEntry {
                member,
                year,
                entry,
            }
        }
    }

    fn missing(&self) -> Option<T> {
        self.title.trim().is_empty().then_some(T::NeedTitle)
    }

    fn saved(notebook: &Notebook, year: Year, like: &Self) -> Option<Self> {
        notebook.years.get(&year)?.entry(like.id).cloned()
    }
}

/// The cell's word on a member's year (levels, votes, the chi ủy's
/// assessment, the sign-off): one per year, saved as typed.
impl Record for CellDecision {
    fn action(&self, member: MemberId, year: Year, _: bool) -> Action {
        Action::SetCellDecision {
            member,
            year,
            decision: self.clone(),
        }
    }

    fn saved(notebook: &Notebook, year: Year, _: &Self) -> Option<Self> {
        let book = notebook.years.get(&year)?;
        Some(book.cell_review.decision.clone())
    }
}

/// A remark of the cell, on a period and perhaps one commitment.
impl Record for Remark {
    fn action(&self, member: MemberId, year: Year, exists: bool) -> Action {
        let remark = self.clone();
        if exists {
            Action::EditRemark {
                member,
                year,
                remark,
            }
        } else {
            Action::AddRemark {
                member,
                year,
                remark,
            }
        }
    }

    fn missing(&self) -> Option<T> {
        self.text.trim().is_empty().then_some(T::VetNeedRemarkText)
    }

    fn saved(notebook: &Notebook, year: Year, like: &Self) -> Option<Self> {
        let book = notebook.years.get(&year)?;
        book.cell_review
            .remarks
            .iter()
            .find(|r| r.id == like.id)
            .cloned()
    }
}

/// A period's progress record being written. A new one starts with no
/// status chosen: nothing is preset, and nothing is written until the
/// member picks one.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressDraft {
    pub record: ProgressRecord,
    pub chosen: bool,
}

impl Record for ProgressDraft {
    fn action(&self, member: MemberId, year: Year, _: bool) -> Action {
        Action::SetProgress {
            member,
            year,
            record: self.record.clone(),
        }
    }

    fn missing(&self) -> Option<T> {
        (!self.chosen).then_some(T::ChooseStatus)
    }

    fn saved(notebook: &Notebook, year: Year, like: &Self) -> Option<Self> {
        let book = notebook.years.get(&year)?;
        let record = book.progress_for(like.record.commitment, like.record.period)?;
        Some(ProgressDraft {
            record: record.clone(),
            chosen: true,
        })
    }
}

/// Writes drafts into the open session, and says what went wrong.
pub struct Writer<'a> {
    pub session: &'a mut Session,
    pub message: &'a mut Option<String>,
    /// The search index, told of each action written.
    pub index: &'a mut crate::search::Live,
}

impl Writer<'_> {
    fn lang(&self) -> Language {
        self.session.workspace.settings().language
    }

    /// Applies `action`, joining the undo step `join`; `None` when refused
    /// (the reason is in the status line).
    fn write(&mut self, action: Action, join: Option<StepId>) -> Option<StepId> {
        match self.session.apply_joining(action.clone(), join) {
            Ok(step) => {
                self.index.applied(&action, &self.session.workspace);
                Some(step)
            }
            Err(e) => {
                *self.message = Some(e.message(self.lang()));
                None
            }
        }
    }

    fn say(&mut self, text: T) {
        *self.message = Some(text.get(self.lang()).to_owned());
    }
}

/// A draft the window writes and waits for, whatever record it holds.
pub trait Pending {
    fn is_pending(&self) -> bool;
    /// Seconds until it falls due, when something is pending.
    fn due_in(&self, now: f64) -> Option<f64>;
    /// Writes it if it is due, or whenever anything is pending with `force`.
    fn write(&mut self, now: f64, force: bool, to: &mut Writer);
}

/// One record of one member's year, open for editing.
pub struct Editing<V> {
    pub member: MemberId,
    pub year: Year,
    pub draft: Draft<V>,
    /// Whether the record is already in the notebook.
    pub exists: bool,
}

impl<V: Record> Editing<V> {
    pub fn new(member: MemberId, year: Year, value: V, exists: bool) -> Self {
        Editing {
            member,
            year,
            draft: Draft::new(value),
            exists,
        }
    }

    /// Like `new`, but showing `value`, a suggestion over the `saved`
    /// record that is written only once the user changes something.
    pub fn suggesting(member: MemberId, year: Year, saved: V, value: V) -> Self {
        Editing {
            member,
            year,
            draft: Draft::suggesting(value, saved),
            exists: true,
        }
    }

    pub fn is_for(&self, member: MemberId, year: Year) -> bool {
        self.member == member && self.year == year
    }

    /// Takes the notebook's version while nothing is pending. Returns false
    /// when the record has gone from the notebook (its adding was undone,
    /// say) and there is nothing left to keep.
    pub fn follow(&mut self, workspace: &Workspace) -> bool {
        let saved = V::saved_in(workspace, self.member, self.year, &self.draft.value);
        match saved {
            Some(record) => {
                self.exists = true;
                self.draft.follow(&record);
                true
            }
            None => !self.exists || self.draft.is_pending(),
        }
    }
}

impl<V: Record> Pending for Editing<V> {
    fn is_pending(&self) -> bool {
        self.draft.is_pending()
    }

    fn due_in(&self, now: f64) -> Option<f64> {
        self.draft.due_in(now)
    }

    fn write(&mut self, now: f64, force: bool, to: &mut Writer) {
        let draft = &mut self.draft;
        if !draft.is_pending() || !(force || draft.is_due(now)) {
            return;
        }
        // Not written while a required field is empty: the text waits, and
        // for a record already saved the user hears why.
        if let Some(need) = draft.value.missing() {
            draft.hold();
            if self.exists {
                to.say(need);
            }
            return;
        }
        let action = draft.value.action(self.member, self.year, self.exists);
        match to.write(action, draft.step) {
            Some(step) => {
                draft.written(step);
                self.exists = true;
            }
            None => draft.hold(),
        }
    }
}

/// What a slot should hold after the drafts are written.
enum Switch<V> {
    Open(Editing<V>),
    /// Close, unless the draft could not be written (then it stays open,
    /// with the reason in the status line).
    Close,
    /// Close whatever it holds (the record was deleted, or the user gave
    /// up a record not yet saved).
    Discard,
}

/// At most one record of a kind open for editing. A view asks for a new
/// one or to close it; the switch happens after every draft is written.
pub struct Slot<V> {
    open: Option<Editing<V>>,
    next: Option<Switch<V>>,
}

impl<V> Default for Slot<V> {
    fn default() -> Self {
        Slot {
            open: None,
            next: None,
        }
    }
}

impl<V: Record> Slot<V> {
    /// The record open for this member's year, if any.
    pub fn get(&mut self, member: MemberId, year: Year) -> Option<&mut Editing<V>> {
        self.open.as_mut().filter(|e| e.is_for(member, year))
    }

    /// The value being edited for this member's year, if any.
    pub fn value(&self, member: MemberId, year: Year) -> Option<&V> {
        self.open
            .as_ref()
            .filter(|e| e.is_for(member, year))
            .map(|e| &e.draft.value)
    }

    pub fn open(&mut self, editing: Editing<V>, out: &mut Vec<Intent>) {
        self.ask(Switch::Open(editing), out);
    }

    pub fn close(&mut self, out: &mut Vec<Intent>) {
        self.ask(Switch::Close, out);
    }

    pub fn discard(&mut self, out: &mut Vec<Intent>) {
        self.ask(Switch::Discard, out);
    }

    fn ask(&mut self, switch: Switch<V>, out: &mut Vec<Intent>) {
        self.next = Some(switch);
        out.push(Intent::SwitchEditor);
    }

    /// Carries out the switch asked for, once the drafts are written.
    pub fn settle(&mut self) {
        match self.next.take() {
            Some(Switch::Open(editing)) => self.open = Some(editing),
            Some(Switch::Close) if !self.open.as_ref().is_some_and(|e| e.draft.is_held()) => {
                self.open = None;
            }
            Some(Switch::Discard) => self.open = None,
            _ => {}
        }
    }
}

impl<V: Record> Drafts for Slot<V> {
    fn each(&mut self, f: &mut dyn FnMut(&mut dyn Pending)) {
        if let Some(open) = &mut self.open {
            f(open);
        }
    }

    fn follow(&mut self, workspace: &Workspace, _: &Place) {
        if let Some(editing) = &mut self.open
            && !editing.follow(workspace)
        {
            self.open = None;
        }
    }

    fn settle(&mut self) {
        Slot::settle(self);
    }
}

/// The one record of its kind for the place shown (the member's profile,
/// the year's self-review), always open and saved as typed.
pub struct Current<V>(Option<Editing<V>>);

impl<V> Default for Current<V> {
    fn default() -> Self {
        Current(None)
    }
}

impl<V: Record + Default> Current<V> {
    /// The draft for this member (and year, for a record kept per year).
    pub fn get(&mut self, member: MemberId, year: Year) -> Option<&mut Editing<V>> {
        self.0
            .as_mut()
            .filter(|e| e.member == member && (!V::BY_YEAR || e.year == year))
    }
}

impl<V: Record + Default> Drafts for Current<V> {
    fn each(&mut self, f: &mut dyn FnMut(&mut dyn Pending)) {
        if let Some(d) = &mut self.0 {
            f(d);
        }
    }

    /// Follows the place shown; another place starts a new draft once what
    /// was typed is written (the window writes every draft before it moves).
    fn follow(&mut self, workspace: &Workspace, place: &Place) {
        let Some(member) = place.member else {
            return;
        };
        let year = place.year;
        match &mut self.0 {
            Some(d) if d.draft.is_pending() => {
                d.follow(workspace);
            }
            Some(d) if d.member == member && (!V::BY_YEAR || d.year == year) => {
                d.follow(workspace);
            }
            _ => {
                let saved = workspace
                    .notebook(member)
                    .and_then(|nb| V::saved(nb, year, &V::default()));
                self.0 = saved.map(|v| Editing::new(member, year, v, true));
            }
        }
    }
}
