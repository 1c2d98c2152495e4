//! What the window derives from the notebooks, kept until they change:
//! the shown year's figures and the cell's (from `review`), the copied
//! text of the cell's year, and the members sorted by name. A frame reads
//! these instead of rescanning.

use std::rc::Rc;
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::model::{Date, MemberId, Notebook, Year, YearBook};
use crate::review::board::Board;
use crate::review::{self, CellFigures, CopyReport, YearFigures};
use crate::workspace::Workspace;

type YearKey = (MemberId, Year, u64, Date);
type CellKey = (Year, u64, Date);
/// A year and the workspace generation its notebooks were read at.
type CopiesKey = (Year, u64);
/// Members' ids and names, in the order shown.
type MemberList = Rc<[(MemberId, String)]>;

#[derive(Default)]
pub struct Cache {
    year: Option<(YearKey, Rc<YearFigures>)>,
    cell: Option<(CellKey, Rc<CellFigures>)>,
    board: Option<(CellKey, Rc<Board>)>,
    /// The members by name, as of a workspace generation.
    members: Option<(u64, MemberList)>,
    /// The latest copied-text report worked out, and the one being worked
    /// out off the UI thread.
    copies: Option<(CopiesKey, Rc<CopyReport>)>,
    copies_job: Option<(CopiesKey, JoinHandle<CopyReport>)>,
}

/// Copied text as far as it is known.
pub struct Copies {
    /// The latest report of the year, perhaps of notebooks since changed.
    pub report: Option<Rc<CopyReport>>,
    /// A report of the notebooks as they are now is being worked out.
    pub working: bool,
}

impl Cache {
    /// One member's year, worked out again only after that member's
    /// notebook changed (`change`) or the day did.
    pub fn year(
        &mut self,
        member: MemberId,
        year: Year,
        book: &YearBook,
        change: u64,
        today: Date,
    ) -> Rc<YearFigures> {
        let key = (member, year, change, today);
        match &self.year {
            Some((k, figures)) if *k == key => Rc::clone(figures),
            _ => {
                let figures = Rc::new(review::year_figures(year, book, today));
                self.year = Some((key, Rc::clone(&figures)));
                figures
            }
        }
    }

    /// The whole cell's year, when the workspace holds more than one
    /// notebook.
    pub fn cell(
        &mut self,
        workspace: &Workspace,
        year: Year,
        today: Date,
    ) -> Option<Rc<CellFigures>> {
        workspace.notebooks().nth(1)?;
        let key = (year, workspace.generation(), today);
        match &self.cell {
            Some((k, figures)) if *k == key => Some(Rc::clone(figures)),
            _ => {
                let figures = Rc::new(review::cell_figures(year, workspace.notebooks(), today));
                self.cell = Some((key, Rc::clone(&figures)));
                Some(figures)
            }
        }
    }

    /// The cell board of a year, worked out again only after any notebook
    /// changed or the day did.
    pub fn board(&mut self, workspace: &Workspace, year: Year, today: Date) -> Rc<Board> {
        let key = (year, workspace.generation(), today);
        match &self.board {
            Some((k, board)) if *k == key => Rc::clone(board),
            _ => {
                let board = Rc::new(review::board::board(year, workspace.notebooks(), today));
                self.board = Some((key, Rc::clone(&board)));
                board
            }
        }
    }

    /// The copied text of a year. Comparing a cell's notebooks takes tens
    /// of milliseconds, so it is done on a thread of its own, once per
    /// change of the notebooks; until it is done, the last report of the
    /// year is shown.
    pub fn copies(&mut self, workspace: &Workspace, year: Year) -> Copies {
        self.collect_copies(false);
        let key = (year, workspace.generation());
        let fresh = self.copies.as_ref().is_some_and(|(k, _)| *k == key);
        // Compared once every notebook is in, not again at each arrival.
        if !fresh && self.copies_job.is_none() && workspace.is_loaded() {
            let notebooks: Vec<Arc<Notebook>> =
                workspace.data().notebooks.values().cloned().collect();
            let settings = workspace.settings().clone();
            let job = std::thread::Builder::new()
                .name("copied-text".into())
                .spawn(move || {
                    review::find_copies(year, notebooks.iter().map(Arc::as_ref), &settings)
                });
            match job {
                Ok(handle) => self.copies_job = Some((key, handle)),
                // No thread to be had: work it out here, once.
                Err(_) => {
                    let report =
                        review::find_copies(year, workspace.notebooks(), workspace.settings());
                    self.copies = Some((key, Rc::new(report)));
                }
            }
        }
        let fresh = self.copies.as_ref().is_some_and(|(k, _)| *k == key);
        Copies {
            report: self
                .copies
                .as_ref()
                .filter(|((y, _), _)| *y == year)
                .map(|(_, r)| Rc::clone(r)),
            working: !fresh,
        }
    }

    /// The latest report of the year already worked out, if any; starts no
    /// comparison (for a hint that need not be current: the secretary
    /// cannot change what is compared).
    pub fn known_copies(&mut self, year: Year) -> Option<Rc<CopyReport>> {
        self.collect_copies(false);
        self.copies
            .as_ref()
            .filter(|((y, _), _)| *y == year)
            .map(|(_, r)| Rc::clone(r))
    }

    /// Takes the report worked out off the UI thread once it is done, or
    /// waits for it with `wait`.
    pub fn collect_copies(&mut self, wait: bool) {
        if !self
            .copies_job
            .as_ref()
            .is_some_and(|(_, job)| wait || job.is_finished())
        {
            return;
        }
        if let Some((key, job)) = self.copies_job.take() {
            // A comparison that failed shows nothing rather than stopping
            // the window.
            let report = job.join().unwrap_or_default();
            self.copies = Some((key, Rc::new(report)));
        }
    }

    /// The members in Vietnamese order of their names; sorted again only
    /// when the notebooks change.
    pub fn members(&mut self, workspace: &Workspace) -> MemberList {
        let generation = workspace.generation();
        match &self.members {
            Some((g, list)) if *g == generation => Rc::clone(list),
            _ => {
                // Members still loading are named from their files' start.
                let mut list: Vec<(MemberId, String)> = workspace
                    .notebooks()
                    .map(|n| (n.id, n.profile.full_name.clone()))
                    .chain(
                        workspace
                            .loading()
                            .iter()
                            .map(|(id, p)| (*id, p.full_name.clone())),
                    )
                    .collect();
                list.sort_by_cached_key(|(_, name)| crate::text::name_sort_key(name));
                let list: MemberList = list.into();
                self.members = Some((generation, Rc::clone(&list)));
                list
            }
        }
    }

    /// Another workspace is shown: what was worked out for this one, keyed
    /// by its change counters, no longer applies.
    pub fn forget(&mut self) {
        *self = Cache::default();
    }
}

pub fn sorted_members(mut notebooks: Vec<&Notebook>) -> Vec<&Notebook> {
    notebooks.sort_by_cached_key(|n| crate::text::name_sort_key(&n.profile.full_name));
    notebooks
}
