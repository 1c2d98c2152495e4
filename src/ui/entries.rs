//! Notebook entries (ghi chép): a list that stays fast at thousands of
//! entries (only visible rows are laid out; the filtered list is cached
//! until the notebook or the filter changes), filters by kind and month,
//! and an editor with links to commitments.

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

use super::draft::Draft;
use super::text::{self, T};
use super::widgets::{combo, date_input, dmy, text_block, text_line};
use super::{Ctx, Editor, ViewState};
use crate::model::{Entry, EntryKind, MemberId, Year, YearBook};
use crate::workspace::Action;

#[derive(Default)]
pub struct EntriesState {
    pub kind: Option<EntryKind>,
    pub month: Option<u8>,
    /// Indexes into the year's entries that pass the filter, newest first,
    /// with the key they were computed for.
    cache: Option<(CacheKey, Vec<usize>)>,
}

type CacheKey = (MemberId, Year, u64, Option<EntryKind>, Option<u8>);

impl EntriesState {
    fn visible(&mut self, key: CacheKey, book: &YearBook) -> &[usize] {
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let list = book
                .entries
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, e)| self.kind.is_none_or(|k| e.kind == k))
                .filter(|(_, e)| self.month.is_none_or(|m| e.date.month() == m as i8))
                .map(|(i, _)| i)
                .collect();
            self.cache = Some((key, list));
        }
        self.cache.as_ref().map_or(&[], |(_, list)| list)
    }
}

pub fn show(ui: &mut Ui, cx: &Ctx, view: &mut ViewState) -> Vec<Action> {
    let lang = cx.lang;
    let state = &mut view.entries;
    ui.horizontal_wrapped(|ui| {
        combo(
            ui,
            T::Kind.get(lang),
            state
                .kind
                .map_or(T::AllKinds.get(lang), |k| text::entry_kind(lang, k)),
            |ui| {
                ui.selectable_value(&mut state.kind, None, T::AllKinds.get(lang));
                for k in EntryKind::ALL {
                    ui.selectable_value(&mut state.kind, Some(k), text::entry_kind(lang, k));
                }
            },
        );
        combo(
            ui,
            T::Month.get(lang),
            state
                .month
                .map_or(T::WholeYear.get(lang).to_owned(), |m| m.to_string()),
            |ui| {
                ui.selectable_value(&mut state.month, None, T::WholeYear.get(lang));
                for m in 1..=12u8 {
                    ui.selectable_value(&mut state.month, Some(m), m.to_string());
                }
            },
        );
        if ui.button(T::AddEntry.get(lang)).clicked() {
            let month = state.month.unwrap_or(if cx.today.year() == cx.year {
                cx.today.month() as u8
            } else {
                1
            });
            let date = if cx.today.year() == cx.year && month == cx.today.month() as u8 {
                cx.today
            } else {
                jiff::civil::date(cx.year, month as i8, 1)
            };
            view.editor = Some(Editor::Entry {
                year: cx.year,
                draft: Draft::new(Entry {
                    id: Uuid::new_v4(),
                    date,
                    kind: state.kind.unwrap_or_default(),
                    title: String::new(),
                    text: String::new(),
                    commitments: Vec::new(),
                    revision: 0,
                }),
                exists: false,
            });
        }
    });
    if cx.book.entries.is_empty() && view.editor.is_none() {
        ui.label(T::NoEntries.get(lang));
        return Vec::new();
    }
    let key = (cx.member, cx.year, cx.change, state.kind, state.month);
    let visible = state.visible(key, cx.book).to_vec();
    ui.label(text::fill(T::EntriesCount.get(lang), &[&visible.len()]));
    let selected = match &view.editor {
        Some(Editor::Entry { draft, .. }) => Some(draft.value.id),
        _ => None,
    };
    let mut open = None;
    egui::Panel::left("entry-list")
        .resizable(true)
        .default_size(ui.available_width() * 0.4)
        .show(ui, |ui| {
            if visible.is_empty() {
                ui.label(T::NoMatches.get(lang));
            }
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .id_salt("entry-rows")
                .auto_shrink([false, false])
                .show_rows(ui, row_height, visible.len(), |ui, rows| {
                    for &i in &visible[rows] {
                        let e = &cx.book.entries[i];
                        let label = format!(
                            "{}  {} — {}",
                            dmy(e.date),
                            text::entry_kind(lang, e.kind),
                            e.title
                        );
                        let row = ui.add_sized(
                            [ui.available_width(), row_height],
                            egui::Button::selectable(selected == Some(e.id), label).truncate(),
                        );
                        if row.clicked() {
                            open = Some(e.clone());
                        }
                    }
                });
        });
    if let Some(entry) = open {
        view.editor = Some(Editor::Entry {
            year: cx.year,
            draft: Draft::new(entry),
            exists: true,
        });
    }
    let mut actions = Vec::new();
    egui::CentralPanel::default().show(ui, |ui| {
        editor(ui, cx, view, &mut actions);
    });
    actions
}

fn editor(ui: &mut Ui, cx: &Ctx, view: &mut ViewState, actions: &mut Vec<Action>) {
    let lang = cx.lang;
    let Some(Editor::Entry { draft, exists, .. }) = &mut view.editor else {
        ui.label(T::PickEntry.get(lang));
        return;
    };
    let (mut close, mut deleted) = (false, false);
    egui::ScrollArea::vertical()
        .id_salt("entry-editor")
        .show(ui, |ui| {
            let e = &mut draft.value;
            let mut changed = false;
            ui.horizontal(|ui| {
                let mut date = Some(e.date);
                if date_input(ui, lang, T::Date.get(lang), &mut date)
                    && let Some(d) = date
                {
                    e.date = d;
                    changed = true;
                }
            });
            combo(
                ui,
                T::Kind.get(lang),
                text::entry_kind(lang, e.kind),
                |ui| {
                    for k in EntryKind::ALL {
                        changed |= ui
                            .selectable_value(&mut e.kind, k, text::entry_kind(lang, k))
                            .changed();
                    }
                },
            );
            changed |= text_line(ui, T::Title.get(lang), &mut e.title);
            changed |= text_block(ui, T::Text.get(lang), &mut e.text, 8);
            ui.label(RichText::new(T::Linked.get(lang)).strong());
            for c in &cx.book.commitments {
                let mut linked = e.commitments.contains(&c.id);
                if ui.checkbox(&mut linked, &c.content).changed() {
                    if linked {
                        e.commitments.push(c.id);
                    } else {
                        e.commitments.retain(|id| *id != c.id);
                    }
                    changed = true;
                }
            }
            if changed {
                draft.changed(cx.now);
            }
            if !*exists && draft.value.title.trim().is_empty() {
                ui.weak(T::NeedTitle.get(lang));
            }
            ui.horizontal(|ui| {
                close = ui.button(T::Done.get(lang)).clicked();
                if *exists && ui.button(T::Delete.get(lang)).clicked() {
                    actions.push(Action::RemoveEntry {
                        member: cx.member,
                        year: cx.year,
                        id: draft.value.id,
                    });
                    view.message = Some(T::Deleted.get(lang).to_owned());
                    deleted = true;
                }
            });
        });
    if deleted {
        view.editor = None;
    } else if close {
        view.close_editor = true;
    }
}
