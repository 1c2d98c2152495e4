//! Exports read back: the Vietnamese content is there, in every format
//! built so far (Markdown, XLSX), and the command line refuses to replace a
//! file without --force.

use std::io::Read;
use std::process::Command;

use calamine::{Data, DataType, Reader, Xlsx};
use sophandau::demo::{self, DemoSpec};
use sophandau::export::{self, Format, Scope};
use sophandau::workspace::WorkspaceData;

fn cell(members: usize, years: u16) -> WorkspaceData {
    demo::generate(DemoSpec {
        members,
        years,
        first_year: 2020,
        seed: 11,
    })
    .into_data()
}

fn as_of() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 27)
}

#[test]
fn member_notebook_in_markdown() {
    let data = cell(1, 2);
    let nb = data.notebooks.values().next().unwrap().clone();
    let scope = Scope::Member {
        id: nb.id,
        years: vec![2020],
    };
    let md = String::from_utf8(export::render(&data, &scope, Format::Markdown, as_of()).unwrap())
        .unwrap();
    let book = &nb.years[&2020];
    for must in [
        "SỔ ĐĂNG KÝ CAM KẾT VÀ THEO DÕI KẾT QUẢ PHẤN ĐẤU, TU DƯỠNG, RÈN LUYỆN CỦA ĐẢNG VIÊN",
        nb.profile.full_name.as_str(),
        "Tăng cường khối đại đoàn kết toàn dân tộc",
        "| STT | Nội dung cam kết | Giải pháp, biện pháp thực hiện | Sản phẩm cụ thể | Thời hạn |",
        "**Tư tưởng chính trị**",
        book.commitments[0].content.as_str(),
        book.entries[0].title.as_str(),
        "V. TỰ KIỂM ĐIỂM CUỐI NĂM 2020",
        "VI. NHẬN XÉT, XẾP LOẠI CỦA CHI BỘ",
        "**NGƯỜI CAM KẾT**",
        "**XÁC NHẬN CỦA CHI BỘ**",
        "ngày",
    ] {
        assert!(md.contains(must), "missing {must:?}");
    }
    assert!(!md.contains("NĂM 2021"), "only the year asked for");
}

#[test]
fn several_years_follow_each_other() {
    let data = cell(1, 3);
    let id = *data.notebooks.keys().next().unwrap();
    let scope = Scope::Member {
        id,
        years: vec![2020, 2021, 2022],
    };
    let md = String::from_utf8(export::render(&data, &scope, Format::Markdown, as_of()).unwrap())
        .unwrap();
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("missing {s}"));
    assert!(at("II. ĐĂNG KÝ CAM KẾT NĂM 2020") < at("II. ĐĂNG KÝ CAM KẾT NĂM 2021"));
    assert!(at("II. ĐĂNG KÝ CAM KẾT NĂM 2021") < at("II. ĐĂNG KÝ CAM KẾT NĂM 2022"));
    assert!(md.contains("Năm 2020–2022"));
}

#[test]
fn cell_workbook_reads_back() {
    let data = cell(6, 1);
    let bytes = export::render(
        &data,
        &Scope::Cell { years: vec![2020] },
        Format::Xlsx,
        as_of(),
    )
    .unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 7, "a summary and six members: {names:?}");
    assert_eq!(names[0], "Tổng hợp 2020");
    let summary = book.worksheet_range("Tổng hợp 2020").unwrap();
    assert_eq!(summary.get((1, 1)), Some(&Data::String("Họ và tên".into())));
    let names_in_sheet: Vec<String> = (2..8)
        .map(|r| summary.get((r, 1)).unwrap().to_string())
        .collect();
    let mut expected: Vec<String> = data
        .notebooks
        .values()
        .map(|n| n.profile.full_name.clone())
        .collect();
    expected.sort_by_cached_key(|n| sophandau::text::name_sort_key(n));
    assert_eq!(names_in_sheet, expected, "sorted the Vietnamese way");
    // The totals row is a formula whose stored result is the sum.
    let sum: f64 = (2..8)
        .map(|r| summary.get((r, 2)).unwrap().as_f64().unwrap())
        .sum();
    assert_eq!(summary.get((8, 1)), Some(&Data::String("Tổng cộng".into())));
    assert_eq!(summary.get((8, 2)).unwrap().as_f64(), Some(sum));
    let formulas = book.worksheet_formula("Tổng hợp 2020").unwrap();
    assert_eq!(
        formulas.get_value((8, 2)).map(String::as_str),
        Some("SUM(C3:C8)")
    );

    // A member's detail sheet: commitments with dates as dd/mm/yyyy.
    let member = &names[1];
    let detail = book.worksheet_range(member).unwrap();
    assert_eq!(
        detail.get((1, 3)),
        Some(&Data::String("Nội dung cam kết".into()))
    );
    assert_eq!(detail.get((1, 6)), Some(&Data::String("T1".into())));
    assert!(
        detail
            .rows()
            .skip(2)
            .any(|r| matches!(r[5], Data::DateTime(_)))
    );

    // Frozen header rows, A4, fitted to the page width, numbered pages.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains("ySplit=\"2\"") && xml.contains("state=\"frozen\""),
        "{xml}"
    );
    assert!(xml.contains("paperSize=\"9\""));
    assert!(xml.contains("fitToHeight=\"0\""));
    assert!(xml.contains("Trang &amp;P/&amp;N"));
}

#[test]
fn a_year_without_books_is_refused_in_words() {
    let data = cell(2, 1);
    let err = export::render(
        &data,
        &Scope::Cell { years: vec![2031] },
        Format::Xlsx,
        as_of(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "Không có sổ nào của năm 2031 để xuất.");
    let member = *data.notebooks.keys().next().unwrap();
    let err = export::render(
        &data,
        &Scope::Member {
            id: member,
            years: vec![],
        },
        Format::Pdf,
        as_of(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "Sổ chưa có năm nào để xuất.");
}

#[test]
fn the_command_line_exports_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("ws");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sophandau"))
            .arg("--data-dir")
            .arg(&d)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["demo", "--members", "3"]).status.success());
    let out = dir.path().join("tổng hợp.xlsx");
    let out_s = out.to_str().unwrap();
    let ok = run(&[
        "export", "--all", "--year", "2020", "--format", "xlsx", "--out", out_s,
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let first = std::fs::read(&out).unwrap();
    let again = run(&[
        "export", "--all", "--year", "2020", "--format", "xlsx", "--out", out_s,
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), first, "untouched");
    let forced = run(&[
        "export",
        "--all",
        "--years",
        "2020-2020",
        "--format",
        "md",
        "--out",
        out_s,
        "--force",
    ]);
    assert!(forced.status.success());
    assert!(String::from_utf8_lossy(&std::fs::read(&out).unwrap()).contains("BÁO CÁO TỔNG HỢP"));
    let unknown = run(&[
        "export", "--member", "12345678", "--year", "2020", "--format", "md", "--out", out_s,
        "--force",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Không tìm thấy đảng viên"));
    let bad = run(&[
        "export", "--all", "--year", "2020", "--format", "odt", "--out", out_s,
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("chưa hỗ trợ"));
}

fn unzip(bytes: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn member_notebook_in_docx() {
    let data = cell(1, 1);
    let nb = data.notebooks.values().next().unwrap().clone();
    let scope = Scope::Member {
        id: nb.id,
        years: vec![2020],
    };
    let bytes = export::render(&data, &scope, Format::Docx, as_of()).unwrap();
    let xml = unzip(&bytes, "word/document.xml");
    for must in [
        "SỔ ĐĂNG KÝ CAM KẾT VÀ THEO DÕI KẾT QUẢ PHẤN ĐẤU, TU DƯỠNG, RÈN LUYỆN CỦA ĐẢNG VIÊN",
        nb.profile.full_name.as_str(),
        "Tư tưởng chính trị",
        "Giải pháp, biện pháp thực hiện",
        "NGƯỜI CAM KẾT",
        "XÁC NHẬN CỦA CHI BỘ",
    ] {
        assert!(xml.contains(must), "missing {must:?}");
    }
    assert!(xml.contains("<w:tblHeader"), "header rows repeat");
    assert!(
        xml.contains("w:w=\"11906\"") && xml.contains("w:h=\"16838\""),
        "A4"
    );
    let styles = unzip(&bytes, "word/styles.xml");
    assert!(styles.contains("Times New Roman"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let footer = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .find(|n| n.starts_with("word/footer"))
        .expect("a footer part");
    let footer = unzip(&bytes, &footer);
    assert!(footer.contains("Trang") && footer.contains("PAGE") && footer.contains("NUMPAGES"));
}

#[test]
fn cell_and_notebooks_in_pdf() {
    let data = cell(3, 1);
    let bytes = export::render(
        &data,
        &Scope::Cell { years: vec![2020] },
        Format::Pdf,
        as_of(),
    )
    .unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    let text = pages.concat();
    let n = pages.len();
    assert!(n > 3, "{n} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Trang {}/{n}", i + 1)),
            "page {} is numbered",
            i + 1
        );
    }
    for must in [
        "BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN CAM KẾT",
        "Hoàn thành xuất sắc nhiệm vụ",
        "Tư tưởng chính trị",
        "NGƯỜI CAM KẾT",
        "Tăng cường khối đại đoàn kết toàn dân tộc",
    ] {
        assert!(text.contains(must), "missing {must:?}");
    }
    for nb in data.notebooks.values() {
        assert!(text.contains(&nb.profile.full_name));
    }
    // The per-period results table spans pages: its header repeats.
    let header_pages = pages
        .iter()
        .filter(|p| p.contains("Kết quả thực hiện") && p.contains("Minh chứng"))
        .count();
    assert!(header_pages >= 3, "header on {header_pages} pages");
}

#[test]
fn a_cancelled_export_writes_nothing_and_keeps_the_old_file() {
    let data = cell(3, 1);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chi-bo.pdf");
    std::fs::write(&out, b"ban cu").unwrap();
    let progress = export::Progress::new();
    progress.cancel();
    let err = export::export_with(
        &data,
        &Scope::Cell { years: vec![2020] },
        Format::Pdf,
        &out,
        true,
        as_of(),
        &progress,
    )
    .unwrap_err();
    assert!(matches!(err, export::ExportError::Cancelled));
    assert!(err.to_string().contains("Đã dừng xuất file"));
    assert_eq!(std::fs::read(&out).unwrap(), b"ban cu");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Each format reports its own steps: the shares it reports only grow,
/// a three-member export shows several on the way, and the end is reached
/// by the format's own last report, not forced afterwards.
#[test]
fn progress_reaches_the_end_in_every_format() {
    let data = cell(3, 1);
    for format in Format::ALL {
        let progress = export::Progress::recording();
        export::render_with(
            &data,
            &Scope::Cell { years: vec![2020] },
            format,
            as_of(),
            &progress,
        )
        .unwrap();
        let reports = progress.reports();
        assert!(
            reports.windows(2).all(|w| w[0] <= w[1]),
            "{format:?} went back: {reports:?}"
        );
        let on_the_way: std::collections::BTreeSet<u32> = reports
            .iter()
            .filter(|&&r| r > 0.0 && r < 1.0)
            .map(|r| (r * 1000.0).round() as u32)
            .collect();
        assert!(
            on_the_way.len() >= 3,
            "{format:?}: a step per member at least, got {reports:?}"
        );
        assert_eq!(reports.last(), Some(&1.0), "{format:?}: {reports:?}");
        assert_eq!(
            reports.iter().filter(|&&r| r == 1.0).count(),
            1,
            "{format:?} reports the end once, last: {reports:?}"
        );
        assert_eq!(progress.fraction(), 1.0, "{format:?}");
    }
}
