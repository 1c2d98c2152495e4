//! DOCX rendering of the export document tree, for editing in Word or
//! LibreOffice: A4 with Vietnamese administrative margins, Times New Roman
//! 13 pt, real tables whose header row repeats on every page, signature
//! blocks side by side and a "Trang X/N" footer made of PAGE / NUMPAGES
//! fields.
//!
//! Built with `docx-rs`; two things it has no API for are patched into the
//! XML parts it produces before they are zipped: the repeating header row
//! (`w:tblHeader`) and the document title in the core properties. Texts
//! of 64 KB or more bypass it (`Long`): they are written into the body as
//! it is compressed, so a huge text is never held more than once.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Write};

use super::doc::{Align, Block, Document, Row, Signature, Table};
use super::{BUILT, ExportError, Progress};

use docx_rs as dx;

/// A4 in twips (1/20 pt).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Margins in twips: 30 mm left, 15 mm right, 20 mm top and bottom.
const MARGIN_LEFT: i32 = 1701;
const MARGIN_RIGHT: i32 = 850;
const MARGIN_TOP: i32 = 1134;
const MARGIN_BOTTOM: i32 = 1134;
/// Distance from the page edge to the header / footer text (10 mm).
const HEADER_FOOTER: i32 = 567;
/// Width between the margins, in twips; tables are scaled to it.
const TEXT_W: usize = (PAGE_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

const FONT: &str = "Times New Roman";
/// Sizes in half-points.
const BODY_SIZE: usize = 26;
const FOOTER_SIZE: usize = 24;
/// Light grey fill of the table header row.
const HEADER_FILL: &str = "D9D9D9";
/// Cell padding in twips: a little air above and below the text.
const CELL_PAD_V: usize = 40;
const CELL_PAD_H: usize = 85;
/// Empty lines left for the hand signature.
const SIGNATURE_LINES: usize = 4;

/// Row height that marks a header row in the built XML: docx-rs cannot
/// write `w:tblHeader`, so header rows get this (harmless) minimum height
/// and the element is swapped for `<w:tblHeader />` after building.
const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const HEADER_ELEMENT: &str = "<w:tblHeader />";

/// Renders `doc` as the bytes of a .docx file. Adding the blocks is the
/// first part of the work; docx-rs's writing of the XML and the zipping
/// the rest.
pub fn render(doc: &Document, progress: &Progress) -> Result<Vec<u8>, ExportError> {
    render_with(doc, progress, LONG)
}

/// `render`, a piece of text of `long` bytes or more kept out of
/// docx-rs's tree (see `Long`).
fn render_with(doc: &Document, progress: &Progress, long: usize) -> Result<Vec<u8>, ExportError> {
    let failed = ExportError::Render;
    let long = Long::new(long);
    let mut docx = dx::Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(dx::PageMargin {
            top: MARGIN_TOP,
            left: MARGIN_LEFT,
            bottom: MARGIN_BOTTOM,
            right: MARGIN_RIGHT,
            header: HEADER_FOOTER,
            footer: HEADER_FOOTER,
            gutter: 0,
        })
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .default_line_spacing(
            dx::LineSpacing::new()
                .after(120)
                .line(240)
                .line_rule(dx::LineSpacingType::Auto),
        )
        .footer(footer());
    for level in 1..=3u8 {
        docx = docx.add_style(heading_style(level));
    }

    let mut header_rows = 0usize;
    let mut page_break_pending = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        if matches!(block, Block::PageBreak) {
            progress.advance(BUILT, 0.4, i, doc.blocks.len())?;
            if page_break_pending {
                docx = docx.add_paragraph(page_break_paragraph());
            }
            page_break_pending = true;
            continue;
        }
        // A break before text becomes "page break before" on its first
        // paragraph (no stray empty line at the top of the new page); before
        // a table it stays a paragraph holding a page break.
        let break_before = std::mem::take(&mut page_break_pending);
        match block {
            Block::Heading { level, text, align } => {
                docx = docx.add_paragraph(
                    heading(&long, *level, text, *align).page_break_before(break_before),
                );
            }
            Block::Paragraph { text, align, bold } => {
                let run = styled_run(&long, text.into(), *bold, None);
                let mut p = dx::Paragraph::new().add_run(run).align(alignment(*align));
                if break_before {
                    p = p.page_break_before(true);
                }
                docx = docx.add_paragraph(p);
            }
            Block::KeyValues(pairs) => {
                for (i, (key, value)) in pairs.iter().enumerate() {
                    let mut p = dx::Paragraph::new()
                        .add_run(styled_run(&long, format!("{key}:").into(), true, None))
                        .add_run(styled_run(&long, spaced(value), false, None))
                        .line_spacing(dx::LineSpacing::new().after(60));
                    if i == 0 && break_before {
                        p = p.page_break_before(true);
                    }
                    docx = docx.add_paragraph(p);
                }
            }
            Block::Table(table) => {
                if break_before {
                    docx = docx.add_paragraph(page_break_paragraph());
                }
                if !table.header.is_empty() {
                    header_rows += 1;
                }
                docx = docx.add_table(data_table(&long, table));
                // Keeps two adjacent tables from merging into one.
                docx = docx.add_paragraph(spacer());
            }
            Block::Signatures(signatures) => {
                if break_before {
                    docx = docx.add_paragraph(page_break_paragraph());
                }
                if !signatures.is_empty() {
                    docx = docx.add_table(signature_table(&long, signatures));
                    docx = docx.add_paragraph(spacer());
                }
            }
            Block::Header(columns) => {
                if break_before {
                    docx = docx.add_paragraph(page_break_paragraph());
                }
                if !columns.is_empty() {
                    docx = docx.add_table(header_table(&long, columns));
                    docx = docx.add_paragraph(spacer());
                }
            }
            // Handled above: it only sets `page_break_pending`.
            Block::PageBreak => {}
        }
    }
    if page_break_pending {
        docx = docx.add_paragraph(page_break_paragraph());
    }

    progress.advance(BUILT, 0.4, 1, 1)?;
    let mut xml = docx.build();
    progress.advance(0.4, 0.7, 1, 1)?;
    xml.document = mark_header_rows(&xml.document, header_rows).map_err(failed)?;
    xml.doc_props.core = set_title(&xml.doc_props.core, &doc.title).map_err(failed)?;

    // The body, by far the largest part, is kept aside and goes straight
    // into the compressed archive: a huge text is not held a third time
    // in the uncompressed one.
    let document = std::mem::take(&mut xml.document);
    let mut stored = std::io::Cursor::new(Vec::new());
    xml.pack(&mut stored)
        .map_err(|e| failed(format!("DOCX: cannot write the archive: {e}")))?;
    progress.advance(0.7, 0.8, 1, 1)?;
    let bytes = deflate(&stored.into_inner(), &document, &long)
        .map_err(|e| failed(format!("DOCX: cannot compress the archive: {e}")))?;
    progress.advance(0.8, 1.0, 1, 1)?;
    Ok(bytes)
}

/// The name of the body part in the archive.
const DOCUMENT_PART: &str = "word/document.xml";

/// A piece of text this long or longer (in bytes) is kept out of
/// docx-rs's tree and XML: a 100,000-character text is at most 400 KB.
const LONG: usize = 64 * 1024;

/// The long pieces of text of a DOCX, each put in docx-rs's tree as a
/// short marker and written in its place as the body is compressed:
/// docx-rs would hold each in its tree and again in its XML, and a
/// member's name is shown three times. Borrowed from the document where
/// it can be. A marker is private-use characters around a number and a
/// random key of this render, so no text a user typed can be taken for
/// one.
struct Long<'d> {
    from: usize,
    key: String,
    texts: RefCell<Vec<Cow<'d, str>>>,
}

/// Characters around a marker (private use, kept as they are by XML
/// escaping).
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

impl<'d> Long<'d> {
    fn new(from: usize) -> Self {
        Long {
            from,
            key: format!("{MARK_OPEN}{}:", uuid::Uuid::new_v4().simple()),
            texts: RefCell::new(Vec::new()),
        }
    }

    /// What a run holds for `piece`: the piece, or a marker for it.
    fn text(&self, piece: Cow<'d, str>) -> Cow<'d, str> {
        if piece.len() < self.from {
            return piece;
        }
        let mut texts = self.texts.borrow_mut();
        texts.push(piece);
        Cow::Owned(format!("{}{}{MARK_CLOSE}", self.key, texts.len() - 1))
    }

    /// Writes `document` with each marker replaced by its text, escaped
    /// as docx-rs escapes a text, a slice at a time.
    fn write(&self, out: &mut impl Write, document: &[u8]) -> io::Result<()> {
        let texts = self.texts.borrow();
        if texts.is_empty() {
            return out.write_all(document);
        }
        let mut rest = document;
        while let Some(at) = find(rest, self.key.as_bytes()) {
            out.write_all(&rest[..at])?;
            let after = &rest[at + self.key.len()..];
            let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
            let close = MARK_CLOSE.len_utf8();
            let text = std::str::from_utf8(&after[..digits])
                .ok()
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| texts.get(n))
                .ok_or_else(|| io::Error::other("DOCX: a long text's marker is damaged"))?;
            write_escaped(out, text)?;
            rest = after.get(digits + close..).unwrap_or_default();
        }
        out.write_all(rest)
    }
}

/// Passes what is written on in slices of one size, however it was
/// written: the compressor's output depends on how its input is cut, and
/// a body written whole or with its long texts in pieces must give the
/// same file.
struct Chunks<'w, W: Write> {
    out: &'w mut W,
    buf: Vec<u8>,
}

impl<'w, W: Write> Chunks<'w, W> {
    const SIZE: usize = 64 * 1024;

    fn new(out: &'w mut W) -> Self {
        Chunks {
            out,
            buf: Vec::with_capacity(Self::SIZE),
        }
    }

    fn finish(self) -> io::Result<()> {
        self.out.write_all(&self.buf)
    }
}

impl<W: Write> Write for Chunks<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = bytes.len().min(Self::SIZE - self.buf.len());
        self.buf.extend_from_slice(&bytes[..n]);
        if self.buf.len() == Self::SIZE {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Where `needle` first is in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `text` as XML character data, as docx-rs writes a run's text.
fn write_escaped(out: &mut impl Write, text: &str) -> io::Result<()> {
    let mut buf = String::with_capacity(64 * 1024);
    for c in text.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '"' => buf.push_str("&quot;"),
            '\'' => buf.push_str("&apos;"),
            _ => buf.push(c),
        }
        if buf.len() >= 60 * 1024 {
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    out.write_all(buf.as_bytes())
}

/// docx-rs stores its parts uncompressed; deflating them makes the file
/// about ten times smaller (a 10-page notebook: 180 KB to 14 KB). The
/// body part, stored empty, is written from `document`, the long texts
/// in place of their markers.
fn deflate(stored: &[u8], document: &[u8], long: &Long) -> zip::result::ZipResult<Vec<u8>> {
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let capacity = (stored.len() + document.len()) / 4;
    let mut output = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(capacity)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut file = input.by_index(i)?;
        if file.is_dir() {
            continue;
        }
        let name = file.name()?.into_owned();
        output.start_file(name.as_str(), options)?;
        if name == DOCUMENT_PART {
            let mut chunks = Chunks::new(&mut output);
            long.write(&mut chunks, document)?;
            chunks.finish()?;
        } else {
            std::io::copy(&mut file, &mut output)?;
        }
    }
    Ok(output.finish()?.into_inner())
}

fn fonts() -> dx::RunFonts {
    dx::RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn alignment(align: Align) -> dx::AlignmentType {
    match align {
        Align::Left => dx::AlignmentType::Left,
        Align::Center => dx::AlignmentType::Center,
        Align::Right => dx::AlignmentType::Right,
    }
}

fn heading_size(level: u8) -> usize {
    match level {
        0 | 1 => 30,
        2 => 28,
        _ => 26,
    }
}

/// "heading N" styles, so that Word's navigation pane and tables of contents
/// see the headings; the paragraphs carry their formatting directly as well.
fn heading_style(level: u8) -> dx::Style {
    dx::Style::new(format!("Heading{level}"), dx::StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .bold()
        .size(heading_size(level))
        .outline_lvl(usize::from(level - 1))
}

fn heading<'d>(long: &Long<'d>, level: u8, text: &'d str, align: Align) -> dx::Paragraph {
    let level = level.max(1);
    let style_level = level.min(3);
    dx::Paragraph::new()
        .style(&format!("Heading{style_level}"))
        .outline_lvl(usize::from(level.min(9) - 1))
        .add_run(styled_run(
            long,
            text.into(),
            true,
            Some(heading_size(level)),
        ))
        .align(alignment(align))
        .keep_next(true)
        .keep_lines(true)
        .line_spacing(
            dx::LineSpacing::new()
                .before(if level == 1 { 240 } else { 180 })
                .after(120),
        )
}

/// One run of `text`: `\n` becomes a line break, tabs become tabs, and
/// characters XML 1.0 cannot carry are dropped. A long piece goes in as
/// a marker (`Long`).
fn styled_run<'d>(long: &Long<'d>, text: Cow<'d, str>, bold: bool, size: Option<usize>) -> dx::Run {
    let mut run = dx::Run::new();
    if !text.contains(['\n', '\t']) && text.chars().all(|c| xml_char(c) && c != '\r') {
        // One clean piece (most texts): itself, not a copy.
        if !text.is_empty() {
            run = run.add_text(long.text(text));
        }
        return styled(run, bold, size);
    }
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(dx::BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            let range = start..start + piece.len();
            start = range.end + 1;
            let clean = if piece.chars().all(|c| xml_char(c) && c != '\r') {
                match &text {
                    Cow::Borrowed(whole) => Cow::Borrowed(&whole[range]),
                    Cow::Owned(_) => Cow::Owned(piece.to_owned()),
                }
            } else {
                Cow::Owned(
                    piece
                        .chars()
                        .filter(|&c| xml_char(c) && c != '\r')
                        .collect(),
                )
            };
            if !clean.is_empty() {
                run = run.add_text(long.text(clean));
            }
        }
    }
    styled(run, bold, size)
}

fn styled(mut run: dx::Run, bold: bool, size: Option<usize>) -> dx::Run {
    if bold {
        run = run.bold();
    }
    if let Some(size) = size {
        run = run.size(size);
    }
    run
}

/// A label's value after its colon, with the space between.
fn spaced<'d>(value: &'d str) -> Cow<'d, str> {
    Cow::Owned(format!(" {value}"))
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn page_break_paragraph() -> dx::Paragraph {
    dx::Paragraph::new().add_run(dx::Run::new().add_break(dx::BreakType::Page))
}

/// A small empty paragraph after a table.
fn spacer() -> dx::Paragraph {
    dx::Paragraph::new()
        .size(12)
        .line_spacing(dx::LineSpacing::new().after(0).line(240))
}

fn footer() -> dx::Footer {
    let run = |t: &str| dx::Run::new().add_text(t).size(FOOTER_SIZE);
    let p = dx::Paragraph::new()
        .align(dx::AlignmentType::Center)
        .line_spacing(dx::LineSpacing::new().before(0).after(0))
        .size(FOOTER_SIZE)
        .add_run(run("Trang "))
        .add_page_num(dx::PageNum::new())
        .add_run(run("/"))
        .add_num_pages(dx::NumPages::new());
    dx::Footer::new().add_paragraph(p)
}

/// A paragraph inside a table cell: no space after, `\n` as line breaks.
fn cell_paragraph<'d>(
    long: &Long<'d>,
    text: &'d str,
    bold: bool,
    align: dx::AlignmentType,
) -> dx::Paragraph {
    dx::Paragraph::new()
        .add_run(styled_run(long, text.into(), bold, None))
        .align(align)
        .line_spacing(dx::LineSpacing::new().before(0).after(0))
}

/// Column widths in twips: `widths` scaled to the text width, or equal
/// columns when they are missing, of the wrong count or not positive.
fn column_widths(widths: &[f32], columns: usize) -> Vec<usize> {
    let usable = widths.len() == columns && widths.iter().all(|w| w.is_finite() && *w > 0.0);
    let weights: Vec<f64> = if usable {
        widths.iter().map(|&w| f64::from(w)).collect()
    } else {
        vec![1.0; columns]
    };
    let total: f64 = weights.iter().sum();
    let mut out: Vec<usize> = weights
        .iter()
        .map(|w| (w / total * TEXT_W as f64).floor() as usize)
        .collect();
    // Give the rounding remainder to the last column so they add up exactly.
    let sum: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += TEXT_W.saturating_sub(sum);
    }
    out
}

fn border_set() -> dx::TableBorders {
    let b = |pos| {
        dx::TableBorder::new(pos)
            .border_type(dx::BorderType::Single)
            .size(4)
            .color("000000")
    };
    dx::TableBorders::with_empty()
        .set(b(dx::TableBorderPosition::Top))
        .set(b(dx::TableBorderPosition::Left))
        .set(b(dx::TableBorderPosition::Bottom))
        .set(b(dx::TableBorderPosition::Right))
        .set(b(dx::TableBorderPosition::InsideH))
        .set(b(dx::TableBorderPosition::InsideV))
}

fn data_table<'d>(long: &Long<'d>, table: &'d Table) -> dx::Table {
    let columns = table.columns();
    let widths = column_widths(&table.widths, columns);

    let mut rows = Vec::with_capacity(table.rows.len() + 1);
    if !table.header.is_empty() {
        let cells = (0..columns)
            .map(|i| {
                let text = table.header.get(i).map(String::as_str).unwrap_or("");
                dx::TableCell::new()
                    .add_paragraph(cell_paragraph(long, text, true, dx::AlignmentType::Center))
                    .width(widths[i], dx::WidthType::Dxa)
                    .vertical_align(dx::VAlignType::Center)
                    .shading(
                        dx::Shading::new()
                            .shd_type(dx::ShdType::Clear)
                            .color("auto")
                            .fill(HEADER_FILL),
                    )
            })
            .collect();
        rows.push(
            dx::TableRow::new(cells)
                .cant_split()
                .row_height(1.0)
                .height_rule(dx::HeightRule::AtLeast),
        );
    }
    for row in &table.rows {
        rows.push(data_row(long, row, &widths));
    }

    dx::Table::new(rows)
        .set_grid(widths)
        .width(TEXT_W, dx::WidthType::Dxa)
        .layout(dx::TableLayoutType::Fixed)
        .margins(dx::TableCellMargins::new().margin(CELL_PAD_V, CELL_PAD_H, CELL_PAD_V, CELL_PAD_H))
        .set_borders(border_set())
}

fn data_row<'d>(long: &Long<'d>, row: &'d Row, widths: &[usize]) -> dx::TableRow {
    if row.group {
        let text = row.cells.first().map(String::as_str).unwrap_or("");
        // keep_next keeps a group title on the page of its first row.
        let cell = dx::TableCell::new()
            .add_paragraph(
                cell_paragraph(long, text, true, dx::AlignmentType::Left).keep_next(true),
            )
            .width(widths.iter().sum(), dx::WidthType::Dxa)
            .grid_span(widths.len());
        return dx::TableRow::new(vec![cell]).cant_split();
    }
    let cells = widths
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let text = row.cells.get(i).map(String::as_str).unwrap_or("");
            dx::TableCell::new()
                .add_paragraph(cell_paragraph(long, text, false, dx::AlignmentType::Left))
                .width(w, dx::WidthType::Dxa)
        })
        .collect();
    dx::TableRow::new(cells).cant_split()
}

fn signature_table<'d>(long: &Long<'d>, signatures: &'d [Signature]) -> dx::Table {
    let n = signatures.len();
    let widths = column_widths(&[], n);
    let any_place = signatures.iter().any(|s| !s.place_date.trim().is_empty());
    let any_hint = signatures.iter().any(|s| !s.hint.trim().is_empty());
    let centered = |text: &'d str, bold: bool, italic: bool| {
        let mut run = styled_run(long, text.into(), bold, None);
        if italic {
            run = run.italic();
        }
        dx::Paragraph::new()
            .add_run(run)
            .align(dx::AlignmentType::Center)
            .keep_next(true)
            .keep_lines(true)
            .line_spacing(dx::LineSpacing::new().before(0).after(0))
    };
    let cells = signatures
        .iter()
        .zip(&widths)
        .map(|(sig, &w)| {
            let mut cell = dx::TableCell::new().width(w, dx::WidthType::Dxa);
            if any_place {
                cell = cell.add_paragraph(centered(&sig.place_date, false, true));
            }
            cell = cell.add_paragraph(centered(&sig.title, true, false));
            if any_hint {
                cell = cell.add_paragraph(centered(&sig.hint, false, true));
            }
            for _ in 0..SIGNATURE_LINES {
                cell = cell.add_paragraph(centered("", false, false));
            }
            cell.add_paragraph(centered(&sig.name, true, false))
        })
        .collect();
    dx::Table::without_borders(vec![dx::TableRow::new(cells).cant_split()])
        .set_grid(widths)
        .width(TEXT_W, dx::WidthType::Dxa)
        .layout(dx::TableLayoutType::Fixed)
}

/// The header block of a party paper: a borderless table, one cell per
/// column, its lines centred.
fn header_table<'d>(long: &Long<'d>, columns: &'d [Vec<(String, bool)>]) -> dx::Table {
    let widths = column_widths(&[], columns.len());
    let cells = columns
        .iter()
        .zip(&widths)
        .map(|(lines, &w)| {
            let mut cell = dx::TableCell::new().width(w, dx::WidthType::Dxa);
            for (text, bold) in lines {
                cell = cell.add_paragraph(
                    dx::Paragraph::new()
                        .add_run(styled_run(long, text.into(), *bold, None))
                        .align(dx::AlignmentType::Center)
                        .line_spacing(dx::LineSpacing::new().before(0).after(0)),
                );
            }
            cell
        })
        .collect();
    dx::Table::without_borders(vec![dx::TableRow::new(cells).cant_split()])
        .set_grid(widths)
        .width(TEXT_W, dx::WidthType::Dxa)
        .layout(dx::TableLayoutType::Fixed)
}

/// Swaps the header-row marks for `<w:tblHeader />`.
fn mark_header_rows(document: &[u8], expected: usize) -> Result<Vec<u8>, String> {
    let xml = std::str::from_utf8(document)
        .map_err(|e| format!("DOCX: document.xml is not UTF-8: {e}"))?;
    let found = xml.matches(HEADER_MARK).count();
    if found != expected {
        return Err(format!(
            "DOCX: expected {expected} table header rows in document.xml, found {found}"
        ));
    }
    Ok(xml.replace(HEADER_MARK, HEADER_ELEMENT).into_bytes())
}

/// Adds `<dc:title>` to docProps/core.xml (docx-rs has no setter for it).
fn set_title(core: &[u8], title: &str) -> Result<Vec<u8>, String> {
    const END: &str = "</cp:coreProperties>";
    let xml = std::str::from_utf8(core).map_err(|e| format!("DOCX: core.xml is not UTF-8: {e}"))?;
    if title.is_empty() {
        return Ok(core.to_vec());
    }
    let at = xml
        .rfind(END)
        .ok_or("DOCX: core.xml has no closing element")?;
    let mut escaped = String::with_capacity(title.len());
    for c in title.chars().filter(|&c| xml_char(c)) {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            _ => escaped.push(c),
        }
    }
    Ok(format!("{}<dc:title>{escaped}</dc:title>{}", &xml[..at], &xml[at..]).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::doc::Str;

    /// Every kind of block, its texts holding what XML escapes, tabs,
    /// line breaks, a character XML cannot carry and Vietnamese letters.
    fn sample(name: &str) -> Document<'_> {
        let odd = "Đảng & \"chi bộ\" <Ấp 3>\tthứ 'hai'\nNguyễn\u{1}Văn";
        let table = Table {
            header: vec![odd.to_owned(), "Nội dung".to_owned()],
            widths: vec![1.0, 2.0],
            rows: vec![
                Row {
                    cells: vec![odd.to_owned()],
                    group: true,
                },
                Row {
                    cells: vec![odd.to_owned(), name.to_owned()],
                    group: false,
                },
            ],
        };
        let signature = Signature {
            place_date: odd.to_owned(),
            title: "NGƯỜI CAM KẾT".to_owned(),
            hint: "(Ký, ghi rõ họ tên)".to_owned(),
            name: Str::Borrowed(name),
        };
        Document {
            title: odd.to_owned(),
            blocks: vec![
                Block::Header(vec![vec![(odd.to_owned(), true)]]),
                Block::Heading {
                    level: 1,
                    text: odd.to_owned(),
                    align: Align::Center,
                },
                Block::KeyValues(vec![("Họ và tên".to_owned(), Str::Borrowed(name))]),
                Block::PageBreak,
                Block::Paragraph {
                    text: odd.to_owned(),
                    align: Align::Left,
                    bold: false,
                },
                Block::Table(table),
                Block::Signatures(vec![signature]),
            ],
        }
    }

    /// Every piece put in as a marker (from one byte on) gives the very
    /// file that docx-rs writes with the pieces in its tree.
    #[test]
    fn texts_written_in_place_of_their_markers_make_the_same_file() {
        let name = "Nguyễn Văn <A> & 'B'".repeat(4000);
        let doc = sample(&name);
        let progress = Progress::new();
        let plain = render_with(&doc, &progress, usize::MAX).unwrap();
        let marked = render_with(&doc, &progress, 1).unwrap();
        assert!(plain == marked, "the files differ");
        let long = Long::new(1);
        long.text(Cow::Borrowed("x"));
        let mut out = Vec::new();
        let damaged = format!("a{}7{MARK_CLOSE}b", long.key);
        assert!(long.write(&mut out, damaged.as_bytes()).is_err());
    }

    /// A long name is borrowed, not copied, in each of its places.
    #[test]
    fn a_long_name_is_held_once() {
        let name = "A".repeat(LONG);
        let long = Long::new(LONG);
        let run = styled_run(&long, Cow::Borrowed(name.as_str()), false, None);
        drop(run);
        let spaced_value = styled_run(&long, spaced(&name), false, None);
        drop(spaced_value);
        let texts = long.texts.borrow();
        assert_eq!(texts.len(), 2);
        assert!(matches!(texts[0], Cow::Borrowed(t) if std::ptr::eq(t, name.as_str())));
        assert_eq!(texts[1].len(), LONG + 1);
    }
}
