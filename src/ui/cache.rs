//! What the window derives from the notebooks, kept until they change:
//! the shown year's figures and the cell's (from `review`), and the
//! members sorted by name. A frame reads these instead of rescanning.

use std::rc::Rc;

use crate::model::{Date, MemberId, Notebook, Year, YearBook};
use crate::review::board::Board;
use crate::review::{self, CellFigures, YearFigures};
use crate::workspace::Workspace;

type YearKey = (MemberId, Year, u64, Date);
type CellKey = (Year, u64, Date);
/// Members' ids and names, in the order shown.
type MemberList = Rc<[(MemberId, String)]>;

#[derive(Default)]
pub struct Cache {
    year: Option<(YearKey, Rc<YearFigures>)>,
    cell: Option<(CellKey, Rc<CellFigures>)>,
    board: Option<(CellKey, Rc<Board>)>,
    /// The members by name, as of a workspace generation.
    members: Option<(u64, MemberList)>,
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
