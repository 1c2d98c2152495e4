//! The two papers of a member's year, each laid out like the official form
//! of its year, built from a hand-written fixture (`tests/fixtures/
//! golden-papers/`: one member's 2020, 2023 and 2025): golden samples of
//! the PDF layout and the DOCX XML, and read-backs that find the header
//! block, the title, the form's sections in order and the signatures.
//!
//! After a deliberate change, bless with
//! `SOPHANDAU_BLESS=1 cargo test --test papers`.

use std::io::Read;
use std::path::PathBuf;

use sophandau::export::papers::Paper;
use sophandau::export::{self, Format, Scope};
use sophandau::model::Year;
use sophandau::store;
use sophandau::workspace::WorkspaceData;

fn member() -> uuid::Uuid {
    "b1000000-0000-4000-8000-000000000001".parse().unwrap()
}

fn data() -> WorkspaceData {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden-papers");
    let (workspace, problems) = store::inspect(&root).unwrap();
    assert!(
        problems.is_empty(),
        "the fixture loads cleanly: {problems:?}"
    );
    workspace.data().clone()
}

fn scope(year: Year, paper: Paper) -> Scope {
    Scope::Paper {
        id: member(),
        year,
        paper,
    }
}

fn as_of() -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 15)
}

fn name(paper: Paper) -> &'static str {
    match paper {
        Paper::Commitment => "commitment",
        Paper::SelfReview => "self-review",
    }
}

fn golden(file: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(file);
    if std::env::var_os("SOPHANDAU_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with SOPHANDAU_BLESS=1", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!("{file} differs from its golden sample at line {}", line + 1);
    }
}

fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.replace("</w:p>", "</w:p>\n")
        .replace("</w:tr>", "</w:tr>\n")
}

/// Where each needle first appears after the one before; panics naming the
/// first one missing or out of order.
fn in_order(haystack: &str, needles: &[String], what: &str) {
    let mut from = 0;
    for n in needles {
        match haystack[from..].find(n.as_str()) {
            Some(at) => from += at + n.len(),
            None => panic!("{what}: «{n}» missing or out of order"),
        }
    }
}

/// The first words of each section heading of the year's form, in order:
/// short enough to stay on one line of the PDF.
fn section_starts(year: Year) -> Vec<String> {
    let form =
        sophandau::themes::self_review_form(year, &sophandau::model::Profile::default(), None)
            .unwrap();
    form.sections
        .iter()
        .map(|s| {
            s.heading
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

const YEARS: [Year; 3] = [2020, 2023, 2025];

#[test]
fn golden_samples_of_each_paper() {
    let data = data();
    for year in YEARS {
        for paper in Paper::ALL {
            let layout = export::pdf_layout(&data, &scope(year, paper), as_of()).unwrap();
            golden(
                &format!("paper-{year}-{}.pdf-layout.txt", name(paper)),
                &layout,
            );
            let bytes = export::render(&data, &scope(year, paper), Format::Docx, as_of()).unwrap();
            golden(
                &format!("paper-{year}-{}.docx.xml.txt", name(paper)),
                &docx_text(&bytes),
            );
        }
    }
}

#[test]
fn the_self_review_reads_back_in_the_forms_order() {
    let data = data();
    for year in YEARS {
        let mut want: Vec<String> = [
            "ĐẢNG BỘ XÃ LONG THUẬN",
            "CHI BỘ TRƯỜNG THCS LÊ LỢI",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
        ]
        .map(String::from)
        .to_vec();
        want.push("BẢN KIỂM ĐIỂM CÁ NHÂN".into());
        want.push(format!("Năm {year}"));
        want.push("Chức vụ Đảng".into());
        want.extend(section_starts(year));
        want.push("T/M CHI BỘ".into());
        want.push("NGƯỜI TỰ KIỂM ĐIỂM".into());
        want.push("(Ký, ghi rõ họ tên)".into());
        want.push("Lê Thị Hồng".into());
        let pdf =
            export::render(&data, &scope(year, Paper::SelfReview), Format::Pdf, as_of()).unwrap();
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        in_order(&text, &want, &format!("PDF {year}"));
        let docx = export::render(
            &data,
            &scope(year, Paper::SelfReview),
            Format::Docx,
            as_of(),
        )
        .unwrap();
        let xml = docx_text(&docx);
        in_order(&xml, &want, &format!("DOCX {year}"));
    }
    // Each year's own form and its words.
    let text = |year| {
        let pdf =
            export::render(&data, &scope(year, Paper::SelfReview), Format::Pdf, as_of()).unwrap();
        pdf_extract::extract_text_from_mem(&pdf)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(text(2020).contains("Mẫu 02-HD KĐ.ĐG"));
    assert!(text(2020).contains("Việc thực hiện cam kết tu dưỡng"));
    assert!(text(2023).contains("Mẫu 02A-HD KĐ.ĐG"));
    let y2025 = text(2025);
    assert!(y2025.contains("Mẫu 2A-HD KĐ.ĐG"));
    assert!(y2025.contains("28 điểm tiêu chí chung + 64 điểm kết quả nhiệm vụ = 92/100"));
    assert!(y2025.contains("ngày 10 tháng 12 năm 2025"));
}

#[test]
fn the_commitment_reads_back_with_its_table_and_signatures() {
    let data = data();
    for (year, first) in [(2020, "Học tập"), (2023, "Ứng dụng"), (2025, "Bồi dưỡng")] {
        let want: Vec<String> = [
            "ĐẢNG BỘ XÃ LONG THUẬN".to_owned(),
            "ĐẢNG CỘNG SẢN VIỆT NAM".to_owned(),
            format!("BẢN CAM KẾT TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU NĂM {year}"),
            "Lê Thị Hồng".to_owned(),
            "Nội dung cam kết".to_owned(),
            first.to_owned(),
            "NGƯỜI CAM KẾT".to_owned(),
        ]
        .to_vec();
        let pdf =
            export::render(&data, &scope(year, Paper::Commitment), Format::Pdf, as_of()).unwrap();
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        in_order(&text, &want, &format!("PDF {year}"));
        let docx = export::render(
            &data,
            &scope(year, Paper::Commitment),
            Format::Docx,
            as_of(),
        )
        .unwrap();
        in_order(&docx_text(&docx), &want, &format!("DOCX {year}"));
    }
}

#[test]
fn a_paper_of_a_year_without_a_book_is_refused() {
    let data = data();
    let err = export::render(&data, &scope(2021, Paper::SelfReview), Format::Pdf, as_of());
    assert!(matches!(err, Err(export::ExportError::NothingInYears(y)) if y == [2021]));
}
