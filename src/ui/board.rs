//! The cell board (bảng theo dõi chi bộ), the secretary's first screen: one
//! row per member with the figures from `review::board`, sorted by any
//! column, filtered by name and by state, rows drawn only where visible.
//! Double-click or Enter opens the member under review.

use std::rc::Rc;

use eframe::egui::{self, RichText, Sense, Ui, text::LayoutJob};

use super::cache::Copies;
use super::copies::CopiesPanel;
use super::intent::Intent;
use super::{Screen, look};
use crate::i18n::board_cell;
use crate::i18n::{self, T};
use crate::model::{Language, Level, MemberId, Year};
use crate::review::board::{self, Board, BoardRow, Column, RowState};
use crate::review::{CopyFlag, CopyReport};

/// Widths of the columns at the normal text size, in points: the name,
/// the copied-text mark, then `Column::ALL` after the name. They grow with
/// the text size, and a column is never narrower than its head's longest
/// word.
const BASE_WIDTHS: [f32; 15] = [
    230.0, 60.0, 90.0, 95.0, 70.0, 80.0, 80.0, 60.0, 80.0, 95.0, 80.0, 150.0, 150.0, 150.0, 55.0,
];
/// The body text size the base widths are for.
const BASE_SIZE: f32 = 15.0;
/// Rows a column head may take before it is shortened (with the whole head
/// on hover).
const HEAD_ROWS: usize = 2;

/// A column as the window shows it: the board's, or the copied-text mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Board(Column),
    Copies,
}

/// The columns in the order shown, the mark beside the name.
fn shown_columns() -> impl Iterator<Item = Shown> {
    [Shown::Board(Column::Name), Shown::Copies]
        .into_iter()
        .chain(Column::ALL.into_iter().skip(1).map(Shown::Board))
}

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
    /// The columns' widths and heads, for the language, text size and
    /// order they were measured in.
    heads: Option<(HeadKey, Rc<[Head]>)>,
    pub(super) copies: CopiesPanel,
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
            heads: None,
            copies: CopiesPanel::default(),
        }
    }
}

type HeadKey = (Language, u32, Column, bool);

/// A column head as laid out: its width and its text.
struct Head {
    shown: Shown,
    width: f32,
    text: String,
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

    pub fn show(
        &mut self,
        ui: &mut Ui,
        lang: Language,
        board: &Rc<Board>,
        copies: &Copies,
        out: &mut Vec<Intent>,
    ) {
        if copies.working {
            // The comparison runs off the UI thread; look again soon.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        let report = copies.report.as_deref();
        if self.copies.open {
            self.copies
                .show(ui, lang, board, report, copies.working, out);
        }
        let rows = self.rows(board);
        let table = Table {
            lang,
            rows: &rows,
            copies: report,
            year: board.year,
        };
        if ui.available_height() >= SHORT {
            self.top(ui, &table, board, copies.working);
            self.table(ui, &table, None, out);
            return;
        }
        // Large text on a low screen: the board scrolls as one page, so
        // that the rows get the whole height once the top scrolls away.
        egui::ScrollArea::vertical()
            .id_salt("board-page")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let origin = ui.min_rect().top();
                self.top(ui, &table, board, copies.working);
                self.table(ui, &table, Some((origin, viewport)), out);
            });
    }

    /// Everything above the table: title, filters, passages alike, figures.
    fn top(&mut self, ui: &mut Ui, table: &Table<'_>, board: &Board, working: bool) {
        let lang = table.lang;
        ui.heading(i18n::fill(T::BoardTitle.get(lang), &[&board.year]));
        self.controls(ui, lang, table.rows.len(), board.rows.len());
        self.copies_button(ui, lang, table.copies, working);
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
    }

    /// The heads and the rows, scrolled sideways together. `page`: the
    /// page's top and the part of it in view, when the page scrolls.
    fn table(
        &mut self,
        ui: &mut Ui,
        table: &Table<'_>,
        page: Option<(f32, egui::Rect)>,
        out: &mut Vec<Intent>,
    ) {
        let heads = self.heads(ui, table.lang);
        egui::ScrollArea::horizontal()
            .id_salt("board-h")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.style_mut().interaction.selectable_labels = false;
                self.header(ui, table.lang, &heads);
                self.body(ui, table, &heads, page, out);
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

    /// Opens or closes the list of passages alike.
    fn copies_button(
        &mut self,
        ui: &mut Ui,
        lang: Language,
        report: Option<&CopyReport>,
        working: bool,
    ) {
        match report {
            Some(report) if !report.groups.is_empty() => {
                let label = i18n::fill(T::CopiesButton.get(lang), &[&report.groups.len()]);
                if ui
                    .selectable_label(self.copies.open, label)
                    .on_hover_text(T::CopiesHint.get(lang))
                    .clicked()
                {
                    self.copies.toggle(None);
                }
            }
            Some(_) if !working => {
                ui.label(RichText::new(T::CopiesNone.get(lang)).weak());
            }
            _ => {
                ui.label(RichText::new(T::CopiesWorking.get(lang)).weak());
            }
        }
    }

    /// The column heads and widths for this language, text size and order.
    fn heads(&mut self, ui: &Ui, lang: Language) -> Rc<[Head]> {
        let font = head_font(ui);
        let key = (lang, font.size.to_bits(), self.column, self.descending);
        if let Some((k, heads)) = &self.heads
            && *k == key
        {
            return Rc::clone(heads);
        }
        let scale = font.size / BASE_SIZE;
        let heads: Rc<[Head]> = shown_columns()
            .zip(BASE_WIDTHS)
            .map(|(shown, base)| {
                let text = self.head_text(lang, shown);
                let width = head_width(ui, &text, &font, base * scale);
                Head { shown, width, text }
            })
            .collect();
        self.heads = Some((key, Rc::clone(&heads)));
        heads
    }

    fn head_text(&self, lang: Language, shown: Shown) -> String {
        match shown {
            Shown::Copies => T::ColCopies.get(lang).to_owned(),
            Shown::Board(column) => {
                let head = T::board_column(column).get(lang);
                if column != self.column {
                    return head.to_owned();
                }
                let way = if self.descending {
                    T::SortDown
                } else {
                    T::SortUp
                };
                format!("{head} {}", way.get(lang))
            }
        }
    }

    /// Column heads, on up to two lines; a click sorts by the column, a
    /// second click reverses.
    fn header(&mut self, ui: &mut Ui, lang: Language, heads: &[Head]) {
        let font = head_font(ui);
        let height = ui.fonts_mut(|f| f.row_height(&font)) * HEAD_ROWS as f32 + 4.0;
        let colour = ui.visuals().strong_text_color();
        ui.horizontal(|ui| {
            for head in heads {
                let galley = ui
                    .painter()
                    .layout_job(head_job(&head.text, &font, colour, head.width));
                let sense = match head.shown {
                    Shown::Board(_) => Sense::click(),
                    Shown::Copies => Sense::hover(),
                };
                let (rect, mut response) =
                    ui.allocate_exact_size(egui::vec2(head.width, height), sense);
                let at = egui::pos2(rect.left(), rect.bottom() - galley.size().y);
                let full = head.text.clone();
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &full));
                if galley.elided {
                    response = response.on_hover_text(&head.text);
                }
                if head.shown == Shown::Copies {
                    response = response.on_hover_text(T::ColCopiesTip.get(lang));
                }
                ui.painter().galley(at, galley, colour);
                if response.clicked()
                    && let Shown::Board(column) = head.shown
                {
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

    /// The rows: those in view only, in their own scroll area or, when the
    /// page scrolls, in the page's.
    fn body(
        &mut self,
        ui: &mut Ui,
        table: &Table<'_>,
        heads: &[Head],
        page: Option<(f32, egui::Rect)>,
        out: &mut Vec<Intent>,
    ) {
        let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let count = table.rows.len();
        match page {
            None => {
                egui::ScrollArea::vertical()
                    .id_salt("board-v")
                    .auto_shrink([false, false])
                    .show_rows(ui, height, count, |ui, range| {
                        self.rows_ui(ui, table, heads, range, height, out);
                    });
            }
            Some((origin, viewport)) => {
                let pitch = height + ui.spacing().item_spacing.y;
                let at = ui.cursor().top() - origin;
                let row_at = |y: f32| (((y - at) / pitch).max(0.0) as usize).min(count);
                let (first, last) = (row_at(viewport.top()), row_at(viewport.bottom() + pitch));
                ui.add_space(first as f32 * pitch);
                self.rows_ui(ui, table, heads, first..last, height, out);
                ui.add_space((count - last) as f32 * pitch);
            }
        }
        // Enter in the name filter only ends the typing.
        if let Some(member) = self.selected
            && !self.filter_focused
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && table.rows.iter().any(|r| r.member == member)
        {
            open(out, member, table.year);
        }
    }

    /// The rows of `range`, each `height` high.
    fn rows_ui(
        &mut self,
        ui: &mut Ui,
        table: &Table<'_>,
        heads: &[Head],
        range: std::ops::Range<usize>,
        height: f32,
        out: &mut Vec<Intent>,
    ) {
        let lang = table.lang;
        for row in &table.rows[range] {
            let selected = self.selected == Some(row.member);
            let flag = table.copies.and_then(|c| c.flag(row.member));
            let line = ui.horizontal(|ui| {
                let mut name = None;
                for head in heads {
                    let size = [head.width, height - 2.0];
                    match head.shown {
                        Shown::Board(Column::Name) => {
                            let text = board_cell(lang, row, Column::Name);
                            // Names read from the left, as on a list.
                            let button =
                                egui::Button::selectable(selected, (text, egui::Atom::grow()))
                                    .truncate();
                            name = Some(ui.add_sized(size, button));
                        }
                        Shown::Copies => {
                            if copy_mark(ui, lang, size, row, flag) {
                                self.copies.toggle(Some(row.member));
                            }
                        }
                        Shown::Board(column) => {
                            let text = board_cell(lang, row, column);
                            ui.add_sized(size, egui::Label::new(text).truncate());
                        }
                    }
                }
                name
            });
            let whole = line.response.interact(Sense::click());
            let name = line.inner;
            if name.as_ref().is_some_and(|n| n.clicked()) || whole.clicked() {
                self.selected = Some(row.member);
            }
            if name.as_ref().is_some_and(|n| n.double_clicked()) || whole.double_clicked() {
                open(out, row.member, table.year);
            }
        }
    }
}

/// What the table shows, for the functions that draw it.
struct Table<'a> {
    lang: Language,
    rows: &'a [BoardRow],
    copies: Option<&'a CopyReport>,
    year: Year,
}

/// Below this height (in points) the board scrolls as one page.
const SHORT: f32 = 480.0;

/// Opens a member's review of the year.
fn open(out: &mut Vec<Intent>, member: MemberId, year: Year) {
    out.push(Intent::ShowMember(member));
    out.push(Intent::ShowYear(year));
    out.push(Intent::ShowScreen(Screen::Vetting));
}

/// The heads' font: bold, at the body's size.
fn head_font(ui: &Ui) -> egui::FontId {
    let size = egui::TextStyle::Body.resolve(ui.style()).size;
    egui::FontId::new(size, look::bold_family())
}

/// A head's text wrapped to the column, on at most `HEAD_ROWS` lines.
fn head_job(text: &str, font: &egui::FontId, colour: egui::Color32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple(text.to_owned(), font.clone(), colour, width);
    job.wrap.max_rows = HEAD_ROWS;
    job.halign = egui::Align::LEFT;
    job
}

/// The width a head needs: at least `base`, as wide as its longest word,
/// and wide enough to fit on `HEAD_ROWS` lines.
fn head_width(ui: &Ui, text: &str, font: &egui::FontId, base: f32) -> f32 {
    let painter = ui.painter();
    let word = |w: &str| {
        painter
            .layout_no_wrap(w.to_owned(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
    };
    let longest = text.split_whitespace().map(word).fold(0.0, f32::max);
    let mut width = base.max(longest + 4.0).ceil();
    for _ in 0..40 {
        let galley = painter.layout_job(head_job(text, font, egui::Color32::WHITE, width));
        if !galley.elided {
            break;
        }
        width += 8.0;
    }
    width
}

/// The copied-text mark of a row; returns whether it was pressed.
fn copy_mark(
    ui: &mut Ui,
    lang: Language,
    size: [f32; 2],
    row: &BoardRow,
    flag: Option<&CopyFlag>,
) -> bool {
    let Some(flag) = flag else {
        ui.add_sized(size, egui::Label::new(""));
        return false;
    };
    let mark = i18n::fill(T::CopiesMark.get(lang), &[&flag.groups]);
    let colour = look::warning_colour(ui.visuals().dark_mode);
    let percent = (flag.highest * 100.0).round();
    let tip = i18n::fill(T::CopiesMarkTip.get(lang), &[&flag.groups, &percent]);
    let button = egui::Button::new(RichText::new(&mark).color(colour).strong()).frame(false);
    let response = ui.add_sized(size, button).on_hover_text(&tip);
    let said = format!("{mark} — {}", row.name);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &said));
    response.clicked()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextSize;

    /// Every head, sorted by or not, in either language and at every text
    /// size, fits its column on at most two lines, no word cut.
    #[test]
    fn every_head_fits_on_two_lines() {
        let ctx = egui::Context::default();
        look::install_fonts(&ctx);
        for size in [TextSize::Normal, TextSize::Large, TextSize::Larger] {
            look::apply_text_size(&ctx, size);
            for lang in [Language::Vietnamese, Language::English] {
                let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                    let mut screen = BoardScreen::default();
                    for column in Column::ALL {
                        screen.column = column;
                        let font = head_font(ui);
                        for head in screen.heads(ui, lang).iter() {
                            let job = head_job(&head.text, &font, egui::Color32::WHITE, head.width);
                            let galley = ui.painter().layout_job(job);
                            assert!(!galley.elided, "{size:?} {lang:?}: {}", head.text);
                            assert!(galley.rows.len() <= HEAD_ROWS, "{}", head.text);
                            for word in head.text.split_whitespace() {
                                let w = ui
                                    .painter()
                                    .layout_no_wrap(
                                        word.to_owned(),
                                        font.clone(),
                                        egui::Color32::WHITE,
                                    )
                                    .size()
                                    .x;
                                assert!(w <= head.width, "{size:?} {lang:?}: {word}");
                            }
                        }
                    }
                });
                // No painter here to take the font atlas.
                output.textures_delta.clear();
            }
        }
    }
}
