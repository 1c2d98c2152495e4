//! Every screen's own state, kept while other screens are shown, and
//! the drafts the screens hold (`Drafts`), which the window writes,
//! follows and settles all alike.

use super::editing::{Pending, Writer};
use super::{Place, board, entries, meeting, profile, progress, registration, review};
use super::{self_review, vetting, welcome};
use crate::workspace::Workspace;

/// The drafts a screen holds, as the window writes and follows them.
pub(super) trait Drafts {
    /// Calls `f` on each draft the screen holds.
    fn each(&mut self, f: &mut dyn FnMut(&mut dyn Pending));
    /// Brings drafts in line with the notebook and the place shown, while
    /// nothing is pending in them (after undo, redo, or moving).
    fn follow(&mut self, workspace: &Workspace, place: &Place);
    /// Takes editor switches asked for while drawing, once drafts are
    /// written.
    fn settle(&mut self) {}
}

/// Every screen's own state, kept while other screens are shown.
#[derive(Default)]
pub(super) struct Screens {
    pub(super) new_profile: welcome::NewProfile,
    pub(super) profile: profile::ProfileScreen,
    pub(super) registration: registration::Registration,
    pub(super) progress: progress::ProgressScreen,
    pub(super) entries: entries::EntriesScreen,
    pub(super) self_review: self_review::SelfReviewScreen,
    pub(super) review: review::ReviewScreen,
    pub(super) board: board::BoardScreen,
    pub(super) vetting: vetting::VettingScreen,
    pub(super) meeting: meeting::MeetingScreen,
}

impl Screens {
    /// Every screen's drafts.
    fn all(&mut self) -> [&mut dyn Drafts; 8] {
        [
            &mut self.profile.draft,
            &mut self.registration.editor,
            &mut self.progress.editor,
            &mut self.entries.editor,
            &mut self.self_review,
            &mut self.vetting.decision,
            &mut self.vetting.remark,
            &mut self.meeting,
        ]
    }

    /// Writes the drafts that are due, or all pending ones with `force`.
    pub(super) fn write(&mut self, now: f64, force: bool, to: &mut Writer) {
        for screen in self.all() {
            screen.each(&mut |d| d.write(now, force, to));
        }
    }

    pub(super) fn follow(&mut self, workspace: &Workspace, place: &Place) {
        for screen in self.all() {
            screen.follow(workspace, place);
        }
    }

    pub(super) fn settle(&mut self) {
        for screen in self.all() {
            screen.settle();
        }
    }

    pub(super) fn any_pending(&mut self) -> bool {
        let mut pending = false;
        for screen in self.all() {
            screen.each(&mut |d| pending |= d.is_pending());
        }
        pending
    }

    /// Seconds until the first draft falls due.
    pub(super) fn next_due(&mut self, now: f64) -> Option<f64> {
        let mut next: Option<f64> = None;
        for screen in self.all() {
            screen.each(&mut |d| {
                if let Some(due) = d.due_in(now) {
                    next = Some(next.map_or(due, |n| n.min(due)));
                }
            });
        }
        next
    }
}
