//! The search panel (Ctrl+F): a query field, filters by member, year, kind
//! and area, and the hits as one types, with the matched words
//! highlighted. Pressing a hit shows its record, selected (a meeting's
//! minutes: the meeting screen of its year). The panel only reads the
//! index (`search::Live`, kept by the window) and pushes intents.

use eframe::egui::{self, RichText, Ui, text::LayoutJob};

use super::intent::Intent;
use super::look;
use crate::i18n::{self, T};
use crate::model::{Area, Language, MemberId, Year};
use crate::search::{self, Filter, Found, Hit, Index, Kind, Target};
use crate::workspace::Workspace;

/// Hits shown at most; the count says how many there are.
const SHOWN: usize = 200;

/// A record the user went to from a search: shown selected, and
/// scrolled to for a few frames while the screen lays it out.
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal {
    /// Whose record; none for the cell's own (the meeting).
    pub member: Option<MemberId>,
    pub year: Year,
    pub target: Target,
    pub frames_to_scroll: u8,
}

#[derive(Default)]
pub struct SearchPanel {
    pub query: String,
    pub filter: Filter,
    /// Focus the query field on the next frame.
    focus: bool,
    /// The last search, as of a query, filter and workspace generation.
    found: Option<((String, Filter, u64), Found)>,
}

impl SearchPanel {
    pub fn new() -> SearchPanel {
        SearchPanel {
            focus: true,
            ..SearchPanel::default()
        }
    }

    pub fn focus(&mut self) {
        self.focus = true;
    }

    fn results(&mut self, index: &Index, generation: u64) -> &Found {
        let key = (self.query.clone(), self.filter, generation);
        if self.found.as_ref().is_none_or(|(k, _)| *k != key) {
            let found = index.search(&self.query, &self.filter, SHOWN);
            self.found = Some((key, found));
        }
        &self.found.as_ref().expect("just set").1
    }

    pub fn show(
        &mut self,
        ui: &mut Ui,
        workspace: &Workspace,
        index: Option<&Index>,
        members: &[(MemberId, String)],
        out: &mut Vec<Intent>,
    ) {
        let lang = workspace.settings().language;
        ui.horizontal(|ui| {
            ui.label(RichText::new(T::SearchTitle.get(lang)).family(look::bold_family()));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(T::SearchClose.get(lang)).clicked() {
                    out.push(Intent::CloseSearch);
                }
            });
        });
        let label = ui.label(T::SearchQuery.get(lang));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text(T::SearchHint.get(lang))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if field.changed() {
            crate::text::nfc_in_place(&mut self.query);
        }
        if std::mem::take(&mut self.focus) {
            field.request_focus();
        }
        self.filters(ui, lang, workspace, members);
        ui.separator();
        let Some(index) = index else {
            ui.label(T::SearchBuilding.get(lang));
            return;
        };
        if search::query_words(&self.query).is_empty() {
            return;
        }
        let words = search::query_words(&self.query);
        let found = self.results(index, workspace.generation()).clone();
        ui.label(if found.total > found.hits.len() {
            i18n::fill(
                T::SearchCountSome.get(lang),
                &[&found.total, &found.hits.len()],
            )
        } else if found.total == 0 {
            T::SearchNothing.get(lang).to_owned()
        } else {
            i18n::fill(T::SearchCount.get(lang), &[&found.total])
        });
        egui::ScrollArea::vertical()
            .id_salt("search-hits")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for hit in &found.hits {
                    if let Some(job) = hit_text(ui, lang, workspace, members, hit, &words)
                        && ui.add(egui::Button::new(job).wrap().frame(false)).clicked()
                    {
                        out.push(Intent::Reveal(Box::new(Reveal {
                            member: hit.member,
                            year: hit.year,
                            target: hit.target.clone(),
                            frames_to_scroll: 3,
                        })));
                    }
                    ui.separator();
                }
            });
    }

    fn filters(
        &mut self,
        ui: &mut Ui,
        lang: Language,
        workspace: &Workspace,
        members: &[(MemberId, String)],
    ) {
        let f = &mut self.filter;
        ui.horizontal_wrapped(|ui| {
            let member = f
                .member
                .and_then(|m| members.iter().find(|(id, _)| *id == m))
                .map_or(T::SearchAllMembers.get(lang), |(_, n)| n.as_str());
            super::widgets::combo(ui, T::Member.get(lang), member, |ui| {
                ui.selectable_value(&mut f.member, None, T::SearchAllMembers.get(lang));
                for (id, name) in members {
                    ui.selectable_value(&mut f.member, Some(*id), name);
                }
            });
            let mut years: Vec<Year> = workspace
                .notebooks()
                .flat_map(|n| n.years.keys().copied())
                .chain(workspace.data().meetings.keys().copied())
                .collect();
            years.sort_unstable();
            years.dedup();
            let year = f
                .year
                .map_or(T::SearchAllYears.get(lang).to_owned(), |y| y.to_string());
            super::widgets::combo(ui, T::Year.get(lang), year, |ui| {
                ui.selectable_value(&mut f.year, None, T::SearchAllYears.get(lang));
                for y in years.iter().rev() {
                    ui.selectable_value(&mut f.year, Some(*y), y.to_string());
                }
            });
            let kind = f
                .kind
                .map_or(T::SearchAllKinds.get(lang), |k| i18n::search_kind(lang, k));
            super::widgets::combo(ui, T::SearchKind.get(lang), kind, |ui| {
                ui.selectable_value(&mut f.kind, None, T::SearchAllKinds.get(lang));
                for k in Kind::ALL {
                    ui.selectable_value(&mut f.kind, Some(k), i18n::search_kind(lang, k));
                }
            });
            let area = f
                .area
                .map_or(T::SearchAllAreas.get(lang), |a| i18n::area(lang, a));
            super::widgets::combo(ui, T::SearchArea.get(lang), area, |ui| {
                ui.selectable_value(&mut f.area, None, T::SearchAllAreas.get(lang));
                for a in Area::ALL {
                    ui.selectable_value(&mut f.area, Some(a), i18n::area(lang, a));
                }
            });
        });
    }
}

/// A hit as shown: whose, which year and kind on one line, the snippet
/// below with the matches highlighted.
fn hit_text(
    ui: &Ui,
    lang: Language,
    workspace: &Workspace,
    members: &[(MemberId, String)],
    hit: &Hit,
    words: &[search::Word],
) -> Option<LayoutJob> {
    let fields = search::hit_fields(workspace, hit)?;
    let snippet = search::snippet(&fields, words, 120);
    let cell = workspace.settings().cell_name.trim();
    let name = match hit.member {
        None if cell.is_empty() => T::SearchCell.get(lang),
        None => cell,
        Some(member) => members
            .iter()
            .find(|(id, _)| *id == member)
            .map_or("", |(_, n)| n.as_str()),
    };
    let style = ui.style();
    let body = egui::TextStyle::Body.resolve(style);
    let text = style.visuals.text_color();
    let weak = style.visuals.weak_text_color();
    let strong = style.visuals.strong_text_color();
    let marked = style.visuals.selection.bg_fill;
    let plain = |colour| egui::TextFormat::simple(body.clone(), colour);
    let mut job = LayoutJob::default();
    let kind = i18n::search_kind(lang, hit.target.kind());
    job.append(
        &format!("{name} · {} · {kind}\n", hit.year),
        0.0,
        plain(weak),
    );
    let mut at = 0;
    for m in &snippet.marks {
        job.append(&snippet.text[at..m.start], 0.0, plain(text));
        let mut format = plain(strong);
        format.background = marked;
        job.append(&snippet.text[m.clone()], 0.0, format);
        at = m.end;
    }
    job.append(&snippet.text[at..], 0.0, plain(text));
    job.wrap.max_width = ui.available_width();
    Some(job)
}

/// Shows a record the user went to as selected, and brings it into view
/// while the reveal is fresh.
pub fn mark(ui: &Ui, response: &egui::Response, scroll: bool) {
    mark_rect(ui, response.rect, scroll);
}

/// Like `mark`, for a stretch of the screen rather than one widget.
pub fn mark_rect(ui: &Ui, rect: egui::Rect, scroll: bool) {
    let stroke = ui.visuals().selection.stroke;
    ui.painter().rect_stroke(
        rect.expand(3.0),
        4.0,
        egui::Stroke::new(stroke.width.max(2.0), stroke.color),
        egui::StrokeKind::Outside,
    );
    if scroll {
        ui.scroll_to_rect(rect, Some(egui::Align::Center));
    }
}
