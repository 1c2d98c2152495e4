//! Spreadsheets for summarising: a summary sheet per year and a detail
//! sheet per member; frozen header rows, dates as dd/mm/yyyy, A4 print
//! setup fitted to the page width, totals as formulas with their results.

use std::collections::BTreeSet;

use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::content::{SUMMARY_HEADER, summary_rows};
use super::{ExportError, Progress};
use crate::i18n;
use crate::model::{Date, Language, Level, Notebook, Year};
use crate::review;

/// Sheets follow the Party's Vietnamese forms, like the other documents.
const VI: Language = Language::Vietnamese;

const A4: u8 = 9;

/// The most characters Excel holds in one cell.
const CELL_CHARS: usize = 32_767;

/// Writing text into a cell: a text longer than a cell holds (a notebook
/// allows 100,000 characters) is cut there and marked, not refused.
trait PutText {
    fn put_text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError>;

    fn put_plain(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
    ) -> Result<&mut Worksheet, XlsxError>;
}

impl PutText for Worksheet {
    fn put_text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.write_string_with_format(row, col, fit(text.as_ref()), format)
    }

    fn put_plain(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.write_string(row, col, fit(text.as_ref()))
    }
}

fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= CELL_CHARS || text.chars().nth(CELL_CHARS).is_none() {
        return text.into();
    }
    let cut = text
        .char_indices()
        .nth(CELL_CHARS - 1)
        .map_or(0, |(at, _)| at);
    format!("{}…", &text[..cut]).into()
}

struct Styles {
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    title: Format,
}

fn styles() -> Styles {
    let border = Format::new().set_border(FormatBorder::Thin);
    Styles {
        header: border
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_background_color(0xE8E8E8),
        text: border.clone().set_text_wrap(),
        number: border.clone(),
        date: border.set_num_format("dd/mm/yyyy"),
        title: Format::new().set_bold().set_font_size(14),
    }
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn print_setup(sheet: &mut Worksheet, landscape: bool) {
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    if landscape {
        sheet.set_landscape();
    }
    sheet.set_footer("&CTrang &P/&N");
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, used: &mut BTreeSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(28)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.contains(&name.to_lowercase()) {
        name = format!("{clean} {n}");
        n += 1;
    }
    used.insert(name.to_lowercase());
    name
}

/// A workbook: for each year a summary sheet of the given members, then a
/// detail sheet per member over those years.
pub fn render(
    cell_name: &str,
    notebooks: &[&Notebook],
    years: &[Year],
    with_summary: bool,
    left_out: Option<&str>,
    as_of: Date,
    progress: &Progress,
) -> Result<Vec<u8>, ExportError> {
    let failed = |e: XlsxError| ExportError::Render(e.to_string());
    let s = styles();
    let mut book = Workbook::new();
    let mut used = BTreeSet::new();
    if with_summary {
        for &year in years {
            let head = Head {
                cell_name,
                left_out,
            };
            summary_sheet(&mut book, &s, &mut used, head, notebooks, year, as_of)
                .map_err(failed)?;
        }
    }
    let mut members: Vec<&&Notebook> = notebooks.iter().collect();
    members.sort_by_cached_key(|n| crate::text::name_sort_key(&n.profile.full_name));
    let total = members.len();
    for (i, nb) in members.into_iter().enumerate() {
        detail_sheet(&mut book, &s, &mut used, nb, years, as_of).map_err(failed)?;
        progress.advance(0.0, SHEETS, i + 1, total)?;
    }
    let bytes = book.save_to_buffer().map_err(failed)?;
    progress.advance(SHEETS, 1.0, 1, 1)?;
    Ok(bytes)
}

/// Share of the export done when the sheets are written; saving the
/// workbook (its XML and zip) is the rest.
const SHEETS: f32 = 0.8;

/// The top of a summary sheet: the cell, and the note on members left out.
#[derive(Clone, Copy)]
struct Head<'a> {
    cell_name: &'a str,
    left_out: Option<&'a str>,
}

fn summary_sheet(
    book: &mut Workbook,
    s: &Styles,
    used: &mut BTreeSet<String>,
    head: Head<'_>,
    notebooks: &[&Notebook],
    year: Year,
    as_of: Date,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&format!("Tổng hợp {year}"), used))?;
    print_setup(sheet, false);
    sheet.put_text(
        0,
        0,
        format!(
            "Tổng hợp kết quả thực hiện cam kết năm {year} — {}",
            head.cell_name
        ),
        &s.title,
    )?;
    for (c, h) in SUMMARY_HEADER.iter().enumerate() {
        sheet.put_text(1, c as u16, *h, &s.header)?;
    }
    for (c, w) in [5.0, 28.0, 11.0, 11.0, 9.0, 13.0, 28.0, 28.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    let rows = summary_rows(notebooks.iter().copied(), year, as_of);
    let level = |l: Option<Level>| l.map_or("", |l| i18n::level(VI, l));
    for (i, r) in rows.iter().enumerate() {
        let row = 2 + i as u32;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &s.number)?;
        sheet.put_text(row, 1, &r.name, &s.text)?;
        sheet.write_number_with_format(row, 2, r.commitments as f64, &s.number)?;
        sheet.write_number_with_format(row, 3, r.done as f64, &s.number)?;
        sheet.write_number_with_format(row, 4, r.overdue as f64, &s.number)?;
        sheet.put_text(
            row,
            5,
            if r.self_reviewed {
                "Đã viết"
            } else {
                "Chưa"
            },
            &s.text,
        )?;
        sheet.put_text(row, 6, level(r.proposed), &s.text)?;
        sheet.put_text(row, 7, level(r.final_level), &s.text)?;
    }
    // Totals as formulas, with their results stored for readers that do
    // not calculate.
    let total_row = 2 + rows.len() as u32;
    sheet.put_text(total_row, 1, "Tổng cộng", &s.header)?;
    for (col, letter, value) in [
        (2u16, "C", rows.iter().map(|r| r.commitments).sum::<usize>()),
        (3, "D", rows.iter().map(|r| r.done).sum()),
        (4, "E", rows.iter().map(|r| r.overdue).sum()),
    ] {
        let formula = if rows.is_empty() {
            Formula::new("=0").set_result("0")
        } else {
            Formula::new(format!("=SUM({letter}3:{letter}{total_row})"))
                .set_result(value.to_string())
        };
        sheet.write_formula_with_format(total_row, col, formula, &s.header)?;
    }
    if let Some(note) = head.left_out {
        sheet.put_text(total_row + 1, 1, note, &s.text)?;
    }
    Ok(())
}

fn detail_sheet(
    book: &mut Workbook,
    s: &Styles,
    used: &mut BTreeSet<String>,
    nb: &Notebook,
    years: &[Year],
    as_of: Date,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&nb.profile.full_name, used))?;
    print_setup(sheet, true);
    sheet.put_text(
        0,
        0,
        format!("{} — {}", nb.profile.full_name, nb.profile.cell),
        &s.title,
    )?;
    let mut header = vec![
        "Năm".to_owned(),
        "STT".into(),
        "Lĩnh vực".into(),
        "Nội dung cam kết".into(),
        "Sản phẩm cụ thể".into(),
        "Thời hạn".into(),
    ];
    header.extend((1..=12).map(|m| format!("T{m}")));
    header.push("Cuối năm".into());
    for (c, h) in header.iter().enumerate() {
        sheet.put_text(1, c as u16, h, &s.header)?;
    }
    for (c, w) in [6.0, 5.0, 22.0, 40.0, 26.0, 11.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    for c in 6..18 {
        sheet.set_column_width(c, 9.0)?;
    }
    sheet.set_column_width(18, 13.0)?;
    sheet.set_freeze_panes(2, 4)?;
    let mut row = 2u32;
    for &year in years {
        let Some(book) = nb.years.get(&year) else {
            continue;
        };
        let f = review::year_figures(year, book, as_of);
        for c in &f.commitments {
            sheet.write_number_with_format(row, 0, f64::from(year), &s.number)?;
            sheet.write_number_with_format(row, 1, c.number as f64, &s.number)?;
            sheet.put_text(row, 2, i18n::area(VI, c.area), &s.text)?;
            sheet.put_text(row, 3, &c.content, &s.text)?;
            sheet.put_text(row, 4, &c.product, &s.text)?;
            match c.deadline {
                Some(d) => sheet.write_datetime_with_format(row, 5, excel_date(d)?, &s.date)?,
                None => sheet.put_text(row, 5, "", &s.text)?,
            };
            for (m, status) in c.timeline.iter().enumerate() {
                sheet.put_text(
                    row,
                    6 + m as u16,
                    status.map_or("", |x| i18n::status(VI, x)),
                    &s.text,
                )?;
            }
            sheet.put_text(
                row,
                18,
                c.final_status.map_or("", |x| i18n::status(VI, x)),
                &s.text,
            )?;
            row += 1;
        }
    }
    Ok(())
}

/// One sheet holding a paper laid out down the page: its header lines and
/// paragraphs in the first column, its tables as real tables with a header
/// row, whole numbers as numbers and "12,5%" as a percentage, so the
/// figures can be summed and charted.
pub fn render_document(
    doc: &super::doc::Document,
    sheet_title: &str,
    progress: &Progress,
) -> Result<Vec<u8>, ExportError> {
    let failed = |e: XlsxError| ExportError::Render(e.to_string());
    let s = styles();
    let mut book = Workbook::new();
    let mut used = BTreeSet::new();
    document_sheet(&mut book, &s, &mut used, doc, sheet_title).map_err(failed)?;
    progress.advance(0.0, SHEETS, 1, 1)?;
    let bytes = book.save_to_buffer().map_err(failed)?;
    progress.advance(SHEETS, 1.0, 1, 1)?;
    Ok(bytes)
}

fn document_sheet(
    book: &mut Workbook,
    s: &Styles,
    used: &mut BTreeSet<String>,
    doc: &super::doc::Document,
    sheet_title: &str,
) -> Result<(), XlsxError> {
    use super::doc::Block;
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(sheet_title, used))?;
    print_setup(sheet, false);
    let percent = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0%");
    let bold = Format::new().set_bold();
    let widest = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.columns()),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    sheet.set_column_width(0, 8.0)?;
    sheet.set_column_width(1, 30.0)?;
    for c in 2..widest.max(2) as u16 {
        sheet.set_column_width(c, 16.0)?;
    }
    let mut row = 0u32;
    let line = |sheet: &mut Worksheet, row: &mut u32, text: &str, f: &Format| {
        for part in text.split('\n') {
            sheet.put_text(*row, 0, part, f)?;
            *row += 1;
        }
        Ok::<(), XlsxError>(())
    };
    let plain = Format::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } => line(sheet, &mut row, text, &s.title)?,
            Block::Paragraph { text, bold: b, .. } => {
                line(sheet, &mut row, text, if *b { &bold } else { &plain })?
            }
            Block::KeyValues(kv) => {
                for (k, v) in kv {
                    line(sheet, &mut row, &format!("{k}: {v}"), &plain)?;
                }
            }
            Block::Header(columns) => {
                for (text, b) in columns.iter().flatten() {
                    line(sheet, &mut row, text, if *b { &bold } else { &plain })?;
                }
                row += 1;
            }
            Block::Signatures(signs) => {
                row += 1;
                for (c, sig) in signs.iter().enumerate() {
                    let col = (c * 3) as u16;
                    for (i, text) in [&*sig.place_date, &*sig.title, &*sig.hint, &*sig.name]
                        .into_iter()
                        .enumerate()
                    {
                        sheet.put_plain(row + i as u32, col, text)?;
                    }
                }
                row += 5;
            }
            Block::Table(t) => {
                for (c, h) in t.header.iter().enumerate() {
                    sheet.put_text(row, c as u16, h, &s.header)?;
                }
                row += 1;
                for r in &t.rows {
                    if r.group {
                        let text = r.cells.first().map_or("", String::as_str);
                        sheet.put_text(row, 0, text, &s.header)?;
                        row += 1;
                        continue;
                    }
                    for (c, cell) in r.cells.iter().enumerate() {
                        let c = c as u16;
                        if let Ok(n) = cell.parse::<u32>() {
                            sheet.write_number_with_format(row, c, f64::from(n), &s.number)?;
                        } else if let Some(p) = cell
                            .strip_suffix('%')
                            .and_then(|p| p.replace(',', ".").parse::<f64>().ok())
                        {
                            sheet.write_number_with_format(row, c, p / 100.0, &percent)?;
                        } else {
                            sheet.put_text(row, c, cell, &s.text)?;
                        }
                    }
                    row += 1;
                }
                row += 1;
            }
            Block::PageBreak => row += 1,
        }
    }
    Ok(())
}
