//! Markdown: plain and readable, for any other use.

use super::doc::{Block, Document};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
                out.push(' ');
                out.push_str(text);
                out.push_str("\n\n");
            }
            Block::Paragraph { text, bold, .. } => {
                let text = text.replace('\n', "  \n");
                if *bold {
                    out.push_str(&format!("**{text}**\n\n"));
                } else {
                    out.push_str(&text);
                    out.push_str("\n\n");
                }
            }
            Block::KeyValues(kv) => {
                for (k, v) in kv {
                    out.push_str(&format!("- **{k}:** {v}\n"));
                }
                out.push('\n');
            }
            Block::Table(t) => {
                let columns = t.header.len().max(1);
                out.push_str(&format!(
                    "| {} |\n",
                    t.header
                        .iter()
                        .map(|h| cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!("|{}\n", " --- |".repeat(columns)));
                for r in &t.rows {
                    let cells: Vec<String> = if r.group {
                        let mut v = vec![format!("**{}**", cell(&r.cells[0]))];
                        v.resize(columns, String::new());
                        v
                    } else {
                        r.cells.iter().map(|c| cell(c)).collect()
                    };
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
            Block::Signatures(sigs) => {
                for s in sigs {
                    out.push_str(&format!(
                        "{}  \n**{}**  \n{}\n\n\n",
                        s.place_date, s.title, s.hint
                    ));
                    if !s.name.is_empty() {
                        out.push_str(&format!("**{}**\n\n", s.name));
                    }
                }
            }
            Block::Header(columns) => {
                for column in columns {
                    for (text, bold) in column {
                        if *bold {
                            out.push_str(&format!("**{text}**  \n"));
                        } else {
                            out.push_str(&format!("{text}  \n"));
                        }
                    }
                    out.push('\n');
                }
            }
            Block::PageBreak => out.push_str("---\n\n"),
        }
    }
    out
}
