//! Search over a workspace's notebooks that understands Vietnamese:
//! diacritics and case are ignored ("tu duong" finds "tu dưỡng"), and
//! matches spelled as typed rank first.
//!
//! `fold` says how text is compared; `records` what is searched (the
//! commitments, progress, entries, self-review answers, the cell's
//! remarks and the minutes of its year-end meetings); `index` the word
//! index, updated by member and year as the notebooks change, and by year
//! as the meetings do, made of `part`s; `Live` builds it off the UI
//! thread. Not here: how
//! hits are shown (the window's search panel, the `search` command).

pub mod fold;
pub mod index;
mod part;
pub mod records;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::mpsc::{Receiver, TryRecvError};

pub use fold::{Word, fold, query_words};
pub use index::{Filter, Found, Hit, Index};
pub use records::{Kind, Record, Target, fields, meeting_fields, meeting_record, records};

use crate::workspace::{Action, Workspace};

/// The text fields of the record a hit names, when the workspace still
/// holds it: the member's book's, or the cell's meeting's.
pub fn hit_fields<'a>(workspace: &'a Workspace, hit: &Hit) -> Option<Vec<&'a str>> {
    match (hit.member, &hit.target) {
        (None, Target::Meeting) => Some(meeting_fields(workspace.meeting(hit.year)?)),
        (None, _) => None,
        (Some(member), target) => fields(workspace.notebook(member)?.years.get(&hit.year)?, target),
    }
}

/// A short stretch of a record's text around its first match, with the
/// matched parts' byte ranges in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The snippet with each match between « and ».
    pub fn marked(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 4 * self.marks.len());
        let mut at = 0;
        for m in &self.marks {
            out.push_str(&self.text[at..m.start]);
            out.push('«');
            out.push_str(&self.text[m.clone()]);
            out.push('»');
            at = m.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// The snippet of a record's fields for a query: the first field with a
/// match (else the first with text), on one line, about `width` characters
/// from a little before the first match.
pub fn snippet(fields: &[&str], query: &[Word], width: usize) -> Snippet {
    let field = fields
        .iter()
        .find(|f| !fold::matches(f, query).is_empty())
        .or_else(|| fields.iter().find(|f| !f.trim().is_empty()))
        .copied()
        .unwrap_or("");
    let line: String = field
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let marks = fold::matches(&line, query);
    let first = marks.first().map_or(0, |m| m.start);
    // Start a few words before the first match, on a character boundary.
    let lead = width / 4;
    let before = line[..first].chars().count();
    let skip = before.saturating_sub(lead);
    let mut start = line.char_indices().nth(skip).map_or(0, |(i, _)| i);
    // Begin on a word.
    if start > 0
        && !line[..start].ends_with(' ')
        && let Some(space) = line[start..first].find(' ')
    {
        start += space + 1;
    }
    let end = line[start..]
        .char_indices()
        .nth(width)
        .map_or(line.len(), |(i, _)| start + i);
    let mut text = String::new();
    let mut offset = 0isize;
    if start > 0 {
        text.push('…');
        offset = '…'.len_utf8() as isize - start as isize;
    }
    text.push_str(&line[start..end]);
    if end < line.len() {
        text.push('…');
    }
    let marks = marks
        .into_iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| {
            let s = (m.start as isize + offset) as usize;
            let e = (m.end as isize + offset) as usize;
            s..e
        })
        .collect();
    Snippet { text, marks }
}

/// The index of the open workspace, built off the UI thread when the
/// workspace opens and kept in step with it afterwards.
#[derive(Default)]
pub struct Live {
    index: Option<Index>,
    building: Option<Receiver<Index>>,
}

impl Live {
    /// Starts building the index of `workspace` on another thread.
    pub fn start(workspace: &Workspace) -> Live {
        let notebooks: Vec<_> = workspace
            .data()
            .notebooks
            .values()
            .map(|nb| (std::sync::Arc::clone(nb), workspace.change_count(nb.id)))
            .collect();
        let meetings = workspace.data().meetings.clone();
        let meetings_change = workspace.meetings_change_count();
        let (send, receive) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("search-index".to_owned())
            .spawn(move || {
                let mut index = Index::build(notebooks.iter().map(|(nb, c)| (nb.as_ref(), *c)));
                index.set_meetings(&meetings, meetings_change);
                // The window may have gone; nothing to tell then.
                let _ = send.send(index);
            });
        match spawned {
            Ok(_) => Live {
                index: None,
                building: Some(receive),
            },
            // No thread to be had: build here, once.
            Err(_) => Live {
                index: Some(Index::of(workspace)),
                building: None,
            },
        }
    }

    /// The index, brought in line with the workspace; none while it is
    /// still being built.
    pub fn get(&mut self, workspace: &Workspace) -> Option<&Index> {
        // Built when first asked for, once every notebook is read: until
        // then it would only cost memory and time at start.
        if self.index.is_none() && self.building.is_none() {
            if workspace.is_loaded() {
                *self = Live::start(workspace);
            }
            return None;
        }
        if let Some(receive) = &self.building {
            match receive.try_recv() {
                Ok(index) => {
                    self.index = Some(index);
                    self.building = None;
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    self.building = None;
                    self.index = Some(Index::default());
                }
            }
        }
        let index = self.index.as_mut()?;
        index.sync(workspace);
        Some(index)
    }

    /// Whether the build is still running.
    pub fn is_building(&self) -> bool {
        self.building.is_some()
    }

    /// Follows an action just applied (see `Index::applied`).
    pub fn applied(&mut self, action: &Action, workspace: &Workspace) {
        if let Some(index) = &mut self.index {
            index.applied(action, workspace);
        }
    }
}
