//! Notebook entries (ghi chép): a list that stays fast at thousands of
//! entries (only visible rows are laid out; the filtered list is cached
//! until the notebook or the filter changes), filters by kind and month,
//! and an editor with links to commitments.

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

use super::Ctx;
use super::editing::{Editing, Slot};
use super::intent::Intent;
use super::widgets::{combo, date_input, text_block, text_line};
use crate::i18n::{self, T};
use crate::model::{Date, Entry, EntryKind, MemberId, Year, YearBook};
use crate::text::dmy;
use crate::workspace::Action;

/// The entries screen: its filters, the filtered list, and at most one
/// entry open for editing.
#[derive(Default)]
pub struct EntriesScreen {
    pub kind: Option<EntryKind>,
    pub month: Option<u8>,
    /// Indexes into the year's entries that pass the filter, newest first,
    /// with the key they were computed for.
    cache: Option<(CacheKey, Vec<usize>)>,
    pub(super) editor: Slot<Entry>,
}

type CacheKey = (MemberId, Year, u64, Option<EntryKind>, Option<u8>);

impl EntriesScreen {
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

impl EntriesScreen {
    pub fn show(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        self.filters(ui, cx, out);
        let selected = self.editor.value(cx.member, cx.year).map(|e| e.id);
        if cx.book.entries.is_empty() && selected.is_none() {
            ui.label(T::NoEntries.get(lang));
            return;
        }
        let key = (cx.member, cx.year, cx.change, self.kind, self.month);
        let visible = self.visible(key, cx.book).to_vec();
        ui.label(i18n::fill(T::EntriesCount.get(lang), &[&visible.len()]));
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
                                i18n::entry_kind(lang, e.kind),
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
            let editing = Editing::new(cx.member, cx.year, entry, true);
            self.editor.open(editing, out);
        }
        egui::CentralPanel::default().show(ui, |ui| self.editor(ui, cx, out));
    }

    /// The kind and month filters, and the button for a new entry.
    fn filters(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        ui.horizontal_wrapped(|ui| {
            let kind = self
                .kind
                .map_or(T::AllKinds.get(lang), |k| i18n::entry_kind(lang, k));
            combo(ui, T::Kind.get(lang), kind, |ui| {
                ui.selectable_value(&mut self.kind, None, T::AllKinds.get(lang));
                for k in EntryKind::ALL {
                    ui.selectable_value(&mut self.kind, Some(k), i18n::entry_kind(lang, k));
                }
            });
            let month = self
                .month
                .map_or(T::WholeYear.get(lang).to_owned(), |m| m.to_string());
            combo(ui, T::Month.get(lang), month, |ui| {
                ui.selectable_value(&mut self.month, None, T::WholeYear.get(lang));
                for m in 1..=12u8 {
                    ui.selectable_value(&mut self.month, Some(m), m.to_string());
                }
            });
            let add = egui::Button::new(T::AddEntry.get(lang));
            if ui.add_enabled(!cx.locked, add).clicked() {
                let blank = Entry {
                    id: Uuid::new_v4(),
                    date: self.new_entry_date(cx.year, cx.today),
                    kind: self.kind.unwrap_or_default(),
                    title: Default::default(),
                    text: Default::default(),
                    commitments: Vec::new(),
                    revision: 0,
                };
                let editing = Editing::new(cx.member, cx.year, blank, false);
                self.editor.open(editing, out);
            }
        });
    }

    /// A new entry's date: today in this year's month, else the first of
    /// the month filtered on (or of January).
    fn new_entry_date(&self, year: Year, today: Date) -> Date {
        let this_year = today.year() == year;
        let month = self
            .month
            .unwrap_or(if this_year { today.month() as u8 } else { 1 });
        if this_year && month == today.month() as u8 {
            today
        } else {
            jiff::civil::Date::new(year, month as i8, 1).unwrap_or(today)
        }
    }

    fn editor(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let Some(editing) = self.editor.get(cx.member, cx.year) else {
            ui.label(T::PickEntry.get(lang));
            return;
        };
        let (mut close, mut cancel, mut deleted) = (false, false, false);
        egui::ScrollArea::vertical()
            .id_salt("entry-editor")
            .show(ui, |ui| {
                let changed = ui
                    .add_enabled_ui(!cx.locked, |ui| fields(ui, cx, &mut editing.draft.value))
                    .inner;
                if changed {
                    editing.draft.changed(cx.now);
                }
                if !editing.exists && editing.draft.value.title.trim().is_empty() {
                    ui.weak(T::NeedTitle.get(lang));
                }
                ui.horizontal_wrapped(|ui| {
                    if cx.locked {
                        // Opened to read: nothing to save.
                        cancel = ui.button(T::ReadOnlyClose.get(lang)).clicked();
                        return;
                    }
                    close = ui.button(T::Done.get(lang)).clicked();
                    if editing.exists {
                        deleted = ui.button(T::Delete.get(lang)).clicked();
                    } else {
                        cancel = ui.button(T::Cancel.get(lang)).clicked();
                    }
                });
            });
        if deleted {
            let remove = Action::RemoveEntry {
                member: cx.member,
                year: cx.year,
                id: editing.draft.value.id,
            };
            self.editor.discard(out);
            out.push(Intent::Remove(remove));
        } else if cancel {
            self.editor.discard(out);
        } else if close {
            self.editor.close(out);
        }
    }
}

/// An entry's date, kind, title, text and linked commitments; returns
/// whether any changed.
fn fields(ui: &mut Ui, cx: &Ctx, e: &mut Entry) -> bool {
    let lang = cx.lang;
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
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
        i18n::entry_kind(lang, e.kind),
        |ui| {
            for k in EntryKind::ALL {
                changed |= ui
                    .selectable_value(&mut e.kind, k, i18n::entry_kind(lang, k))
                    .changed();
            }
        },
    );
    changed |= text_line(ui, T::Title.get(lang), &mut e.title);
    changed |= text_block(ui, T::Text.get(lang), &mut e.text, 8);
    ui.label(RichText::new(T::Linked.get(lang)).strong());
    for c in &cx.book.commitments {
        let mut linked = e.commitments.contains(&c.id);
        if ui.checkbox(&mut linked, &*c.content).changed() {
            if linked {
                e.commitments.push(c.id);
            } else {
                e.commitments.retain(|id| *id != c.id);
            }
            changed = true;
        }
    }
    changed
}
