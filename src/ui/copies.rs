//! The list of passages alike across the cell's notebooks (from
//! `review::copies`), beside the board: each group's passages side by
//! side, each naming its member, with a way to open that member's review.
//! A hint for the secretary; nothing here changes the members' text.

use std::collections::HashMap;
use std::rc::Rc;

use eframe::egui::{self, RichText, Ui};

use super::intent::Intent;
use super::{Screen, look};
use crate::i18n::{self, T};
use crate::model::{Language, MemberId, Year};
use crate::review::board::Board;
use crate::review::{CopyGroup, CopyReport, Passage, PassageKind};

/// Groups shown on one page of the list.
const PAGE: usize = 20;
/// Width of one passage, at the normal text size.
const PASSAGE_WIDTH: f32 = 280.0;

/// The members' names by id.
type Names = Rc<HashMap<MemberId, String>>;

/// Whether the list is open, which member it is narrowed to, and the page.
#[derive(Default)]
pub struct CopiesPanel {
    pub open: bool,
    /// Only the groups holding a passage of this member.
    pub only: Option<MemberId>,
    page: usize,
    /// The members' names, for the board they were read from.
    names: Option<(Rc<Board>, Names)>,
}

impl CopiesPanel {
    /// Opens the list (narrowed to `only`, if given), or closes it when it
    /// already shows just that.
    pub fn toggle(&mut self, only: Option<MemberId>) {
        if self.open && self.only == only {
            self.open = false;
        } else {
            self.open = true;
            self.only = only;
            self.page = 0;
        }
    }

    fn names(&mut self, board: &Rc<Board>) -> Names {
        if let Some((b, names)) = &self.names
            && Rc::ptr_eq(b, board)
        {
            return Rc::clone(names);
        }
        let names: Names = Rc::new(
            board
                .rows
                .iter()
                .map(|r| (r.member, r.name.clone()))
                .collect(),
        );
        self.names = Some((Rc::clone(board), Rc::clone(&names)));
        names
    }

    pub fn show(
        &mut self,
        ui: &mut Ui,
        lang: Language,
        board: &Rc<Board>,
        report: Option<&CopyReport>,
        working: bool,
        out: &mut Vec<Intent>,
    ) {
        let names = self.names(board);
        let width = ui.available_width() * 0.5;
        egui::Panel::right("copies")
            .resizable(true)
            .default_size(width)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(i18n::fill(T::CopiesTitle.get(lang), &[&board.year]))
                        .family(look::bold_family())
                        .size(egui::TextStyle::Body.resolve(ui.style()).size * 1.15),
                );
                ui.label(RichText::new(T::CopiesHint.get(lang)).weak());
                ui.horizontal_wrapped(|ui| {
                    if ui.button(T::CopiesClose.get(lang)).clicked() {
                        self.open = false;
                    }
                    if let Some(member) = self.only {
                        let name = names.get(&member).map_or("", String::as_str);
                        ui.label(i18n::fill(T::CopiesOnly.get(lang), &[&name]));
                        if ui.button(T::CopiesAll.get(lang)).clicked() {
                            self.only = None;
                            self.page = 0;
                        }
                    }
                });
                let Some(report) = report else {
                    ui.label(T::CopiesWorking.get(lang));
                    return;
                };
                if working {
                    ui.label(RichText::new(T::CopiesWorking.get(lang)).weak());
                }
                self.groups(ui, lang, board.year, report, &names, out);
            });
    }

    fn groups(
        &mut self,
        ui: &mut Ui,
        lang: Language,
        year: Year,
        report: &CopyReport,
        names: &HashMap<MemberId, String>,
        out: &mut Vec<Intent>,
    ) {
        let chosen: Vec<(usize, &CopyGroup)> = report
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                self.only
                    .is_none_or(|m| g.passages.iter().any(|p| p.member == m))
            })
            .collect();
        if chosen.is_empty() {
            ui.label(T::CopiesNone.get(lang));
            return;
        }
        let pages = chosen.len().div_ceil(PAGE);
        self.page = self.page.min(pages - 1);
        if pages > 1 {
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(self.page > 0, egui::Button::new(T::CopiesPrev.get(lang)))
                    .clicked()
                {
                    self.page -= 1;
                }
                ui.label(i18n::fill(
                    T::CopiesPage.get(lang),
                    &[&(self.page + 1), &pages],
                ));
                if ui
                    .add_enabled(
                        self.page + 1 < pages,
                        egui::Button::new(T::CopiesNext.get(lang)),
                    )
                    .clicked()
                {
                    self.page += 1;
                }
            });
        }
        ui.separator();
        let scale = egui::TextStyle::Body.resolve(ui.style()).size / 15.0;
        egui::ScrollArea::vertical()
            .id_salt("copies-groups")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for &(i, group) in chosen.iter().skip(self.page * PAGE).take(PAGE) {
                    let members = {
                        let mut m: Vec<MemberId> =
                            group.passages.iter().map(|p| p.member).collect();
                        m.sort_unstable();
                        m.dedup();
                        m.len()
                    };
                    let percent = (group.similarity * 100.0).round();
                    ui.label(
                        RichText::new(i18n::fill(
                            T::CopiesGroup.get(lang),
                            &[&(i + 1), &percent, &members],
                        ))
                        .strong(),
                    );
                    egui::ScrollArea::horizontal()
                        .id_salt(("copies-group", i))
                        .show(ui, |ui| {
                            ui.horizontal_top(|ui| {
                                for p in &group.passages {
                                    passage(ui, lang, year, p, names, PASSAGE_WIDTH * scale, out);
                                }
                            });
                        });
                    ui.separator();
                }
            });
    }
}

/// One member's passage: whose, which text of the notebook, the words.
fn passage(
    ui: &mut Ui,
    lang: Language,
    year: Year,
    p: &Passage,
    names: &HashMap<MemberId, String>,
    width: f32,
    out: &mut Vec<Intent>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(width);
        ui.vertical(|ui| {
            let name = names.get(&p.member).map_or("", String::as_str);
            ui.label(RichText::new(name).family(look::bold_family()));
            ui.label(RichText::new(kind(lang, year, &p.kind)).weak().small());
            ui.label(&p.text);
            if ui.small_button(T::CopiesOpen.get(lang)).clicked() {
                out.push(Intent::ShowMember(p.member));
                out.push(Intent::ShowYear(year));
                out.push(Intent::ShowScreen(Screen::Vetting));
            }
        });
    });
}

/// Which text of the notebook a passage is, in words.
fn kind(lang: Language, year: Year, kind: &PassageKind) -> String {
    match kind {
        PassageKind::CommitmentContent => T::CopiesContent.get(lang).to_owned(),
        PassageKind::CommitmentMeasures => T::CopiesMeasures.get(lang).to_owned(),
        PassageKind::CommitmentProduct => T::CopiesProduct.get(lang).to_owned(),
        PassageKind::SelfReview(key) => {
            let heading = heading_of(year, key).unwrap_or(key.as_str());
            i18n::fill(T::CopiesSelfReview.get(lang), &[&heading])
        }
    }
}

/// The heading of a self-review key in the year's forms.
fn heading_of(year: Year, key: &str) -> Option<&'static str> {
    crate::themes::rules_for(year)
        .forms
        .iter()
        .flat_map(|f| &f.sections)
        .find_map(|s| {
            if s.key == key {
                Some(s.heading.as_str())
            } else {
                s.criteria
                    .iter()
                    .find(|c| c.key == key)
                    .map(|c| c.heading.as_str())
            }
        })
}
