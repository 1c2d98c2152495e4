//! The cell board (bảng theo dõi chi bộ), the secretary's first screen: one
//! row per member with the figures from `review::board`, sorted by any
//! column, filtered by name and by state, rows drawn only where visible.
//! Double-click or Enter opens the member under review.

use std::rc::Rc;

use eframe::egui::{self, RichText, Sense, Ui};

use super::intent::Intent;
use super::{Screen, look};
use crate::i18n::board_cell;
use crate::i18n::{self, T};
use crate::model::{Language, Level, MemberId, Year};
use crate::review::board::{self, Board, BoardRow, Column, RowState};

/// Widths of the columns, in points, in `Column::ALL` order.
const WIDTHS: [f32; 14] = [
    230.0, 90.0, 95.0, 70.0, 80.0, 80.0, 60.0, 80.0, 95.0, 80.0, 150.0, 150.0, 150.0, 55.0,
];

/// What the board keeps between frames: the order and filter asked for,
/// the row selected, and the rows in that order (worked out again only
/// when the board or the order changes).
pub struct BoardScreen {
    pub column: Column,
    pub descending: bool,
    pub text: String,
    pub state: Option<RowState>,
    pub selected: Option<MemberId>,
    /// The name filter holds the keyboard (this frame or just let it go).
    filter_focused: bool,
    view: Option<(ViewKey, Rc<[BoardRow]>)>,
}

impl Default for BoardScreen {
    fn default() -> Self {
        BoardScreen {
            column: Column::Name,
            descending: false,
            text: String::new(),
            state: None,
            selected: None,
            filter_focused: false,
            view: None,
        }
    }
}

/// The board and the order a view was made for. The board is held, not
/// only its address, so a later board can never be taken for it.
#[derive(Clone)]
struct ViewKey {
    board: Rc<Board>,
    column: Column,
    descending: bool,
    text: String,
    state: Option<RowState>,
}

impl PartialEq for ViewKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.board, &other.board)
            && (self.column, self.descending, self.state)
                == (other.column, other.descending, other.state)
            && self.text == other.text
    }
}

impl BoardScreen {
    /// The rows shown, sorted and filtered, from the cached board.
    pub fn rows(&mut self, board: &Rc<Board>) -> Rc<[BoardRow]> {
        let key = ViewKey {
            board: Rc::clone(board),
            column: self.column,
            descending: self.descending,
            text: self.text.clone(),
            state: self.state,
        };
        if let Some((k, rows)) = &self.view
            && *k == key
        {
            return Rc::clone(rows);
        }
        let mut rows = board.rows.clone();
        board::sort(&mut rows, self.column, self.descending);
        let shown = board::filter(&rows, &self.text, self.state);
        let rows: Rc<[BoardRow]> = shown.into_iter().map(|i| rows[i].clone()).collect();
        self.view = Some((key, Rc::clone(&rows)));
        rows
    }

    pub fn show(&mut self, ui: &mut Ui, lang: Language, board: &Rc<Board>, out: &mut Vec<Intent>) {
        let rows = self.rows(board);
        ui.heading(i18n::fill(T::BoardTitle.get(lang), &[&board.year]));
        self.controls(ui, lang, rows.len(), board.rows.len());
        // With large text the figures fold away, so the rows keep room.
        if ui.available_width() < super::NARROW {
            egui::CollapsingHeader::new(T::BoardFigures.get(lang))
                .default_open(false)
                .show(ui, |ui| distribution(ui, lang, board));
        } else {
            distribution(ui, lang, board);
            ui.label(RichText::new(T::BoardOpenHint.get(lang)).weak());
        }
        ui.separator();
        egui::ScrollArea::horizontal()
            .id_salt("board-h")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.style_mut().interaction.selectable_labels = false;
                self.header(ui, lang);
                self.body(ui, lang, &rows, board.year, out);
            });
    }

    fn controls(&mut self, ui: &mut Ui, lang: Language, shown: usize, total: usize) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(T::BoardFilter.get(lang));
            let filter = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(200.0))
                .labelled_by(label.id);
            self.filter_focused = filter.has_focus() || filter.lost_focus();
            let label = ui.label(T::BoardState.get(lang));
            let current = self.state.map_or(T::BoardAll, T::row_state).get(lang);
            egui::ComboBox::from_id_salt("board-state")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.state, None, T::BoardAll.get(lang));
                    for s in RowState::ALL {
                        ui.selectable_value(&mut self.state, Some(s), T::row_state(s).get(lang));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.label(i18n::fill(T::BoardShown.get(lang), &[&shown, &total]));
        });
    }

    /// Column heads; a click sorts by the column, a second click reverses.
    fn header(&mut self, ui: &mut Ui, lang: Language) {
        ui.horizontal(|ui| {
            for (column, width) in Column::ALL.into_iter().zip(WIDTHS) {
                let mut head = T::board_column(column).get(lang).to_owned();
                if column == self.column {
                    let way = if self.descending {
                        T::SortDown
                    } else {
                        T::SortUp
                    };
                    head = format!("{head} {}", way.get(lang));
                }
                let button = egui::Button::new(RichText::new(head).family(look::bold_family()))
                    .frame(false)
                    .truncate();
                if ui.add_sized([width, 22.0], button).clicked() {
                    if self.column == column {
                        self.descending = !self.descending;
                    } else {
                        self.column = column;
                        self.descending = false;
                    }
                }
            }
        });
        ui.separator();
    }

    fn body(
        &mut self,
        ui: &mut Ui,
        lang: Language,
        rows: &[BoardRow],
        year: Year,
        out: &mut Vec<Intent>,
    ) {
        let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let open = |out: &mut Vec<Intent>, member| {
            out.push(Intent::ShowMember(member));
            out.push(Intent::ShowYear(year));
            out.push(Intent::ShowScreen(Screen::Vetting));
        };
        egui::ScrollArea::vertical()
            .id_salt("board-v")
            .auto_shrink([false, false])
            .show_rows(ui, height, rows.len(), |ui, range| {
                for row in &rows[range] {
                    let selected = self.selected == Some(row.member);
                    let line = ui.horizontal(|ui| {
                        let name = board_cell(lang, row, Column::Name);
                        let button = egui::Button::selectable(selected, name).truncate();
                        let name = ui.add_sized([WIDTHS[0], height - 2.0], button);
                        for (column, width) in Column::ALL.into_iter().zip(WIDTHS).skip(1) {
                            let cell = egui::Label::new(board_cell(lang, row, column)).truncate();
                            ui.add_sized([width, height - 2.0], cell);
                        }
                        name
                    });
                    let whole = line.response.interact(Sense::click());
                    let name = line.inner;
                    if name.clicked() || whole.clicked() {
                        self.selected = Some(row.member);
                    }
                    if name.double_clicked() || whole.double_clicked() {
                        open(out, row.member);
                    }
                }
            });
        // Enter in the name filter only ends the typing.
        if let Some(member) = self.selected
            && !self.filter_focused
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && rows.iter().any(|r| r.member == member)
        {
            open(out, member);
        }
    }
}

/// The year's levels, proposed by the cell and decided, beside the rule
/// set's note on them, and the members counted apart.
fn distribution(ui: &mut Ui, lang: Language, board: &Board) {
    let cell = &board.cell;
    let mut proposed = [0usize; 4];
    for row in &board.rows {
        if let Some(l) = row
            .cell_level
            .filter(|_| row.set_apart.is_none() && !row.new_member)
        {
            proposed[level_index(l)] += 1;
        }
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(T::BoardLevels.get(lang));
        for level in [
            Level::Excellent,
            Level::Good,
            Level::Completed,
            Level::NotCompleted,
        ] {
            let decided = cell.final_levels.get(&level).copied().unwrap_or(0);
            ui.label(i18n::fill(
                T::BoardLevelLine.get(lang),
                &[
                    &T::level(level).get(lang),
                    &proposed[level_index(level)],
                    &decided,
                ],
            ));
            ui.separator();
        }
    });
    let apart: usize = cell.set_apart.values().sum();
    ui.horizontal_wrapped(|ui| {
        ui.label(i18n::fill(T::BoardApart.get(lang), &[&apart]));
        ui.separator();
        ui.label(i18n::fill(
            T::BoardNewMembers.get(lang),
            &[&cell.new_members],
        ));
    });
    if let Some(cap) = crate::themes::rules_for(board.year).excellent_cap.as_ref() {
        ui.label(RichText::new(i18n::fill(T::BoardRuleNote.get(lang), &[&cap.note])).weak());
    }
}

fn level_index(level: Level) -> usize {
    match level {
        Level::Excellent => 0,
        Level::Good => 1,
        Level::Completed => 2,
        Level::NotCompleted => 3,
    }
}
