//! Golden samples, one per format, of a small hand-written cell (the
//! fixture folder `tests/fixtures/golden-cell/`: two members' notebooks of
//! 2020 and the cell's settings): the year's summary, then each notebook.
//! A change in what an export says or how it is laid out shows up here as
//! a diff; a change in the demo's wording does not.
//!
//! - PDF: the laid-out pages (each line and box with its position), which
//!   is what the drawing turns into a file;
//! - DOCX: the document and footer XML, a line per paragraph;
//! - XLSX: the workbook and sheet XML, a line per row;
//! - Markdown: the file itself.
//!
//! After a deliberate change, look at the diff, then write the new samples
//! with `SOPHANDAU_BLESS=1 cargo test --test it golden`.

use std::io::Read;
use std::path::PathBuf;

use sophandau::export::{self, Format, Scope};
use sophandau::store;
use sophandau::workspace::WorkspaceData;

/// The fixture cell, read the way `sophandau export` reads a folder.
fn cell() -> WorkspaceData {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden-cell");
    let (workspace, problems) = store::inspect(&root).unwrap();
    assert!(
        problems.is_empty(),
        "the fixtures load cleanly: {problems:?}"
    );
    let data = workspace.data().clone();
    assert_eq!(data.notebooks.len(), 2, "both fixture notebooks load");
    data
}

fn scope() -> Scope {
    Scope::Cell { years: vec![2020] }
}

fn as_of() -> jiff::civil::Date {
    jiff::civil::date(2021, 1, 15)
}

/// Compares with the stored sample, or stores it when blessing.
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("SOPHANDAU_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with SOPHANDAU_BLESS=1", path.display()));
    if expected == actual {
        return;
    }
    let (n, (want, got)) = expected
        .lines()
        .chain(std::iter::repeat("<end>"))
        .zip(actual.lines().chain(std::iter::repeat("<end>")))
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .expect("texts differ in some line");
    panic!(
        "{name} differs from its golden sample at line {}:\n  sample: {want}\n  now:    {got}\n\
         If the change is meant, look at the whole diff and bless it \
         (SOPHANDAU_BLESS=1 cargo test --test it golden).",
        n + 1
    );
}

/// The named parts of a zip file, one after another, with a line break
/// after each closing tag of `break_after`.
fn zip_parts(bytes: &[u8], names: &[&str], break_after: &[&str]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    all.sort();
    let mut out = String::new();
    for name in all
        .iter()
        .filter(|n| names.iter().any(|p| n.starts_with(p)))
    {
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        for tag in break_after {
            xml = xml.replace(tag, &format!("{tag}\n"));
        }
        out.push_str(&format!("=== {name}\n{xml}\n"));
    }
    out
}

#[test]
fn pdf_layout() {
    let text = export::pdf_layout(&cell(), &scope(), as_of()).unwrap();
    assert!(text.contains("== Trang 1/"));
    golden("cell-2020.pdf-layout.txt", &text);
}

/// "Ngày ghi" and every other date in a table stays on one line: no drawn
/// line of the layout ends in a cut date ("31/03/202" then "0").
#[test]
fn pdf_dates_never_break() {
    let text = export::pdf_layout(&cell(), &scope(), as_of()).unwrap();
    let drawn: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("T "))
        .filter_map(|l| {
            l.split_once(" w")
                .and_then(|(_, rest)| rest.split_once(' '))
        })
        .map(|(_, words)| words)
        .collect();
    let whole = drawn
        .iter()
        .filter(|w| w.len() == 10 && w.as_bytes()[2] == b'/' && w.as_bytes()[5] == b'/')
        .count();
    assert!(whole > 0, "the fixture's progress has dates");
    let cut = drawn.iter().find(|w| {
        let b = w.as_bytes();
        (w.len() == 8 || w.len() == 9) && b.get(2) == Some(&b'/') && b.get(5) == Some(&b'/')
    });
    assert_eq!(cut, None, "a date broken over two lines");
}

#[test]
fn docx_xml() {
    let bytes = export::render(&cell(), &scope(), Format::Docx, as_of()).unwrap();
    let text = zip_parts(
        &bytes,
        &["word/document.xml", "word/footer"],
        &["</w:p>", "</w:tr>", "</w:tblPr>"],
    );
    assert!(text.contains("tblHeader"));
    golden("cell-2020.docx.xml.txt", &text);
}

#[test]
fn xlsx_xml() {
    let bytes = export::render(&cell(), &scope(), Format::Xlsx, as_of()).unwrap();
    let text = zip_parts(
        &bytes,
        &["xl/workbook.xml", "xl/worksheets/", "xl/sharedStrings.xml"],
        &["</row>", "</si>", "</cols>", "</sheetViews>"],
    );
    assert!(text.contains("<pane"));
    golden("cell-2020.xlsx.xml.txt", &text);
}

#[test]
fn markdown() {
    let bytes = export::render(&cell(), &scope(), Format::Markdown, as_of()).unwrap();
    golden("cell-2020.md", &String::from_utf8(bytes).unwrap());
}

/// Every part of a zip file, by name, in the archive's order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().into_owned(), content)
        })
        .collect()
}

/// The workbook's parts with the one thing that may differ between two
/// runs blanked: the creation time in `docProps/core.xml` (written as both
/// `dcterms:created` and `dcterms:modified`).
fn xlsx_parts_without_time(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut parts = unzip(bytes);
    let core = parts
        .iter_mut()
        .find(|(name, _)| name == "docProps/core.xml")
        .expect("the workbook has core properties");
    let mut xml = String::from_utf8(core.1.clone()).unwrap();
    for tag in ["dcterms:created", "dcterms:modified"] {
        let open = xml
            .find(&format!("<{tag} "))
            .unwrap_or_else(|| panic!("no {tag} in {xml}"));
        let start = open + xml[open..].find('>').unwrap() + 1;
        let end = start + xml[start..].find(&format!("</{tag}>")).unwrap();
        let time = &xml[start..end];
        assert!(
            time.len() == 20 && time.starts_with("20") && time.ends_with('Z'),
            "{tag} holds a time: {time}"
        );
        xml.replace_range(start..end, "TIME");
    }
    core.1 = xml.into_bytes();
    parts
}

#[test]
fn exports_are_the_same_every_time() {
    for format in Format::ALL {
        let a = export::render(&cell(), &scope(), format, as_of()).unwrap();
        let b = export::render(&cell(), &scope(), format, as_of()).unwrap();
        if format == Format::Xlsx {
            // The workbook records when it was made; all else must agree,
            // part by part and byte for byte.
            let (a, b) = (xlsx_parts_without_time(&a), xlsx_parts_without_time(&b));
            assert!(a.len() > 5, "a workbook of several parts");
            for ((name_a, a), (name_b, b)) in a.iter().zip(&b) {
                assert_eq!(name_a, name_b, "the parts come in the same order");
                assert!(a == b, "{name_a} differs between two runs");
            }
            assert_eq!(a.len(), b.len(), "as many parts each time");
        } else {
            assert!(a == b, "{format:?} differs between two runs");
        }
    }
}
