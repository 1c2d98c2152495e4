//! The document tree every export format renders: built once from the
//! notebooks (see `content`), so that PDF, DOCX, XLSX and Markdown all say
//! the same thing.
//!
//! The values of label–value lines and the signers' names are borrowed
//! from the notebooks: a name appears on the cover, in the profile and
//! under the signature, and a name of megabytes is one name, not three
//! copies of it.

use std::borrow::Cow;

/// A text of the tree: borrowed from the notebooks, or made for it.
pub type Str<'a> = Cow<'a, str>;

/// A whole document: a title (for file metadata) and its blocks in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document<'a> {
    pub title: String,
    pub blocks: Vec<Block<'a>>,
}

/// Horizontal placement of a line of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block<'a> {
    /// A heading; level 1 is the largest.
    Heading {
        level: u8,
        text: String,
        align: Align,
    },
    /// A paragraph of running text; `\n` starts a new line within it.
    Paragraph {
        text: String,
        align: Align,
        bold: bool,
    },
    /// Label–value lines, e.g. the profile: "Họ và tên: …"; the values
    /// borrowed where they are the notebook's own text.
    KeyValues(Vec<(String, Str<'a>)>),
    /// A table whose header row repeats on every page it spans.
    Table(Table),
    /// Signature blocks side by side, e.g. "Người cam kết" and
    /// "Xác nhận của chi bộ".
    Signatures(Vec<Signature<'a>>),
    /// The header block of a party paper: columns side by side (the
    /// committee and cell left, the Party and the date right), each a list
    /// of centred lines, bold or not.
    Header(Vec<Vec<(String, bool)>>),
    PageBreak,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    /// Relative column widths (any unit; renderers scale them to the page).
    pub widths: Vec<f32>,
    pub rows: Vec<Row>,
}

impl Table {
    /// How many columns the table has: the most that its header, widths or
    /// any ordinary row asks for, and at least one.
    pub fn columns(&self) -> usize {
        let rows = self
            .rows
            .iter()
            .filter(|r| !r.group)
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0);
        self.header.len().max(self.widths.len()).max(rows).max(1)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    /// A row that spans the table as a group title (e.g. an area's name):
    /// renderers show `cells[0]` across all columns, in bold.
    pub group: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signature<'a> {
    /// The place-and-date line, e.g. "…, ngày … tháng … năm …".
    pub place_date: String,
    /// The role, e.g. "NGƯỜI CAM KẾT".
    pub title: String,
    /// A hint under the role, e.g. "(Ký, ghi rõ họ tên)".
    pub hint: String,
    /// The signer's name, printed under the space for the signature;
    /// borrowed from the notebook.
    pub name: Str<'a>,
}

/// Titles (file metadata) are cut after this many characters: a title
/// holding a very long name would be written several times more in the
/// file (in PDF as UTF-16 in hexadecimal and again in the XMP metadata).
const TITLE_CHARS: usize = 1000;

/// The start of `s` a title may hold, borrowed: a name is cut before it
/// is formatted into a title, so a huge one is not copied whole.
pub fn for_title(s: &str) -> &str {
    match s.char_indices().nth(TITLE_CHARS) {
        Some((cut, _)) => &s[..cut],
        None => s,
    }
}

impl<'a> Document<'a> {
    /// A document titled `title`, cut after `TITLE_CHARS` characters
    /// with "…".
    pub fn new(title: impl Into<String>) -> Self {
        let title = title.into();
        let short = for_title(&title);
        Document {
            title: if short.len() < title.len() {
                format!("{short}…")
            } else {
                title
            },
            blocks: Vec::new(),
        }
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
            align: Align::Left,
        });
    }

    pub fn centered_heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
            align: Align::Center,
        });
    }

    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph {
            text: text.into(),
            align: Align::Left,
            bold: false,
        });
    }

    /// All the text of the document, in order, for checks and search.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
                    out.push_str(text);
                    out.push('\n');
                }
                Block::KeyValues(kv) => {
                    for (k, v) in kv {
                        out.push_str(&format!("{k}: {v}\n"));
                    }
                }
                Block::Table(t) => {
                    out.push_str(&t.header.join(" | "));
                    out.push('\n');
                    for r in &t.rows {
                        out.push_str(&r.cells.join(" | "));
                        out.push('\n');
                    }
                }
                Block::Signatures(s) => {
                    for sig in s {
                        out.push_str(&format!(
                            "{}\n{}\n{}\n{}\n",
                            sig.place_date, sig.title, sig.hint, sig.name
                        ));
                    }
                }
                Block::Header(columns) => {
                    for (text, _) in columns.iter().flatten() {
                        out.push_str(text);
                        out.push('\n');
                    }
                }
                Block::PageBreak => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_cut_after_a_thousand_characters() {
        assert_eq!(
            Document::new("Sổ phấn đấu — Lê Văn Tám").title,
            "Sổ phấn đấu — Lê Văn Tám"
        );
        let name = "ệ".repeat(5000);
        assert_eq!(for_title(&name).chars().count(), 1000);
        let title = Document::new(format!("Sổ — {}", for_title(&name))).title;
        assert_eq!(title.chars().count(), 1001);
        assert!(title.starts_with("Sổ — ệệ") && title.ends_with("ệ…"));
        let exact = "a".repeat(1000);
        assert_eq!(Document::new(exact.clone()).title, exact);
    }
}
