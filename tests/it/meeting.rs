//! The cell's year-end meeting and its two papers: the minutes (biên bản)
//! and the report upward (báo cáo), built from the hand-written cell of
//! `tests/fixtures/golden-cell/` with a meeting, votes and one member
//! excused added through actions. Golden samples of the PDF layout and the
//! DOCX XML; read-backs of the PDF text, the DOCX XML and the XLSX cells
//! whose counts must agree with the cell board; the meeting saved to
//! `cell/meetings.ron` and read back; a year without a meeting refused in
//! plain Vietnamese.
//!
//! After a deliberate change, bless with
//! `SOPHANDAU_BLESS=1 cargo test --test it meeting`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use sophandau::export::cell_papers::CellPaper;
use sophandau::export::{self, ExportError, Format, Scope};
use sophandau::model::{Absence, Guest, Level, Meeting, Profile, Role, SetApart};
use sophandau::review::board;
use sophandau::store;
use sophandau::workspace::{Action, Workspace, WorkspaceData};

const YEAR: i16 = 2020;

fn as_of() -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 15)
}

fn meeting() -> Meeting {
    Meeting {
        date: Some(jiff::civil::date(2020, 12, 28)),
        starts_at: "14 giờ 00".into(),
        ends_at: "16 giờ 30".into(),
        place: "Hội trường văn phòng ấp Thạnh Trung".into(),
        chair: "Lê Thanh Tâm".into(),
        minute_taker: "Trần Thị Mai".into(),
        members_total: None,
        absent: vec![Absence {
            member: None,
            name: "Võ Văn Sơn".into(),
            reason: "Ốm, có đơn xin phép".into(),
        }],
        guests: vec![Guest {
            name: "Huỳnh Văn Lộc".into(),
            post: "Đảng ủy viên, phụ trách chi bộ".into(),
        }],
        proceedings: "1. Đồng chí Bí thư quán triệt mục đích, yêu cầu.\n2. Từng đảng viên đọc bản tự kiểm điểm; chi bộ góp ý.".into(),
        conclusion: "Chi bộ thống nhất đề xuất mức xếp loại đối với từng đảng viên.".into(),
        revision: 0,
    }
}

/// The golden cell with its 2020 meeting, each member's comments, vote
/// and proposed level, and a third member excused that year.
fn workspace() -> Workspace {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden-cell");
    let (mut ws, problems) = store::inspect(&root).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    // The excused member's own part is the member's to write.
    let mut settings = ws.settings().clone();
    settings.role = Role::Member;
    ws.set_settings(settings.clone()).unwrap();
    let excused: uuid::Uuid = "a3000000-0000-4000-8000-000000000003".parse().unwrap();
    ws.apply(Action::CreateNotebook {
        id: excused,
        profile: Profile {
            full_name: "Đỗ Văn Ước".into(),
            cell: "Chi bộ Ấp Thạnh Trung".into(),
            party_committee: "Đảng bộ xã Long Thuận".into(),
            set_apart: BTreeMap::from([(YEAR, SetApart::Excused)]),
            ..Profile::default()
        },
    })
    .unwrap();
    ws.apply(Action::StartYear {
        member: excused,
        year: YEAR,
        theme_id: "2020".into(),
    })
    .unwrap();
    settings.role = Role::Secretary;
    ws.set_settings(settings).unwrap();
    ws.apply(Action::SetMeeting {
        year: YEAR,
        meeting: meeting(),
    })
    .unwrap();
    let ids: Vec<_> = ws.notebooks().map(|n| n.id).collect();
    for (i, member) in ids.into_iter().enumerate() {
        if member == excused {
            continue;
        }
        let nb = ws.notebook(member).unwrap();
        let mut decision = nb.years[&YEAR].cell_review.decision.clone();
        let (level, votes) = if i == 0 {
            (Level::Good, BTreeMap::from([(Level::Good, 2)]))
        } else {
            (
                Level::Excellent,
                BTreeMap::from([(Level::Excellent, 1), (Level::Good, 1)]),
            )
        };
        decision.proposed_level = Some(level);
        decision.votes = votes;
        decision.comments = format!(
            "Ý kiến góp ý số {}: cần mạnh dạn hơn trong phê bình.",
            i + 1
        );
        ws.apply(Action::SetCellDecision {
            member,
            year: YEAR,
            decision,
        })
        .unwrap();
    }
    ws
}

fn data() -> WorkspaceData {
    workspace().data().clone()
}

fn scope(paper: CellPaper) -> Scope {
    Scope::CellPaper { year: YEAR, paper }
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

fn docx_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.replace("</w:p>", "</w:p>\n")
        .replace("</w:tr>", "</w:tr>\n")
}

fn pdf_text(paper: CellPaper) -> String {
    let pdf = export::render(&data(), &scope(paper), Format::Pdf, as_of()).unwrap();
    pdf_extract::extract_text_from_mem(&pdf)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn in_order(haystack: &str, needles: &[&str], what: &str) {
    let mut from = 0;
    for n in needles {
        match haystack[from..].find(n) {
            Some(at) => from += at + n.len(),
            None => panic!("{what}: «{n}» missing or out of order"),
        }
    }
}

/// The cell's proposed levels as the board counts them: rows neither set
/// apart nor new.
fn board_counts(data: &WorkspaceData) -> (BTreeMap<Level, usize>, usize) {
    let b = board::board(YEAR, data.notebooks.values().map(AsRef::as_ref), as_of());
    let mut counts = BTreeMap::new();
    for r in &b.rows {
        if let Some(l) = r
            .cell_level
            .filter(|_| r.set_apart.is_none() && !r.new_member)
        {
            *counts.entry(l).or_default() += 1;
        }
    }
    let apart = b.cell.set_apart.values().sum();
    (counts, apart)
}

#[test]
fn golden_samples_of_the_minutes_and_the_report() {
    let data = data();
    for (paper, name) in [
        (CellPaper::Minutes, "minutes"),
        (CellPaper::Report, "report"),
    ] {
        let layout = export::pdf_layout(&data, &scope(paper), as_of()).unwrap();
        golden(&format!("cell-{YEAR}-{name}.pdf-layout.txt"), &layout);
        let bytes = export::render(&data, &scope(paper), Format::Docx, as_of()).unwrap();
        golden(
            &format!("cell-{YEAR}-{name}.docx.xml.txt"),
            &docx_xml(&bytes),
        );
    }
}

#[test]
fn the_minutes_read_back_in_the_official_order() {
    let want = [
        "ĐẢNG BỘ XÃ LONG THUẬN",
        "CHI BỘ ẤP THẠNH TRUNG",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Long Thuận, ngày 28 tháng 12 năm 2020",
        "BIÊN BẢN",
        "họp chi bộ kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm 2020",
        "Hồi 14 giờ 00, ngày 28 tháng 12 năm 2020, tại Hội trường văn phòng ấp Thạnh Trung",
        "I. THÀNH PHẦN",
        // Three notebooks of 2020, one absent with a reason.
        "Tổng số đảng viên của chi bộ: 3 đồng chí; có mặt: 2 đồng chí; vắng mặt: 1 đồng chí",
        "Võ Văn Sơn — lý do: Ốm, có đơn xin phép",
        "Đồng chí Huỳnh Văn Lộc, Đảng ủy viên, phụ trách chi bộ",
        "Chủ trì: đồng chí Lê Thanh Tâm. Thư ký: đồng chí Trần Thị Mai.",
        "II. NỘI DUNG, DIỄN BIẾN CUỘC HỌP",
        "Từng đảng viên đọc bản tự kiểm điểm",
        "III. Ý KIẾN ĐÓNG GÓP VÀ KẾT QUẢ BIỂU QUYẾT",
        "Ý kiến góp ý số 1",
        "Không đánh giá, xếp loại: đồng chí Đỗ Văn Ước",
        "IV. KẾT QUẢ",
        "Hoàn thành xuất sắc nhiệm vụ: 1 đồng chí (50,0%)",
        "Hoàn thành tốt nhiệm vụ: 1 đồng chí (50,0%)",
        "V. KẾT LUẬN CỦA CHỦ TRÌ",
        "Cuộc họp kết thúc hồi 16 giờ 30 cùng ngày.",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ];
    in_order(&pdf_text(CellPaper::Minutes), &want, "minutes PDF");
    let docx = export::render(&data(), &scope(CellPaper::Minutes), Format::Docx, as_of()).unwrap();
    let xml = docx_xml(&docx);
    for must in ["BIÊN BẢN", "Ý kiến góp ý số 2", "HTXSNV", "Lê Thanh Tâm"] {
        assert!(xml.contains(must), "minutes DOCX: {must}");
    }
}

#[test]
fn the_report_agrees_with_the_board_in_every_format() {
    let data = data();
    let (counts, apart) = board_counts(&data);
    assert_eq!(apart, 1, "the excused member is counted apart");
    let count = |l: Level| counts.get(&l).copied().unwrap_or(0);
    assert_eq!((count(Level::Excellent), count(Level::Good)), (1, 1));
    let text = pdf_text(CellPaper::Report);
    in_order(
        &text,
        &[
            "ĐẢNG BỘ XÃ LONG THUẬN",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "BÁO CÁO",
            "kết quả kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm 2020",
            "Kính gửi: Đảng ủy xã Long Thuận",
            "Tổng số đảng viên của chi bộ: 3 đồng chí",
            "được kiểm điểm, đánh giá, xếp loại: 2 đồng chí",
            "II. KẾT QUẢ XẾP LOẠI",
            "Hoàn thành xuất sắc nhiệm vụ 1 50,0%",
            "Hoàn thành tốt nhiệm vụ 1 50,0%",
            "III. ĐẢNG VIÊN KHÔNG ĐÁNH GIÁ",
            "Đỗ Văn Ước Miễn công tác và sinh hoạt đảng",
            "IV. DANH SÁCH ĐẢNG VIÊN THEO MỨC XẾP LOẠI",
            "V. KIẾN NGHỊ, ĐỀ XUẤT",
            "T/M CHI BỘ",
            "BÍ THƯ",
            "Lê Thanh Tâm",
        ],
        "report PDF",
    );
    let docx = export::render(&data, &scope(CellPaper::Report), Format::Docx, as_of()).unwrap();
    let xml = docx_xml(&docx);
    for must in ["BÁO CÁO", "T/M CHI BỘ", "Đỗ Văn Ước", "Tỷ lệ (%)"] {
        assert!(xml.contains(must), "report DOCX: {must}");
    }
    let bytes = export::render(&data, &scope(CellPaper::Report), Format::Xlsx, as_of()).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Năm 2020").unwrap();
    let row_of = |name: &str| {
        sheet
            .rows()
            .find(|r| r.first() == Some(&Data::String(name.into())))
            .unwrap_or_else(|| panic!("no row {name}"))
            .to_vec()
    };
    for level in Level::ALL {
        let name = sophandau::i18n::level(sophandau::model::Language::Vietnamese, level);
        let row = row_of(name);
        assert_eq!(row[1], Data::Float(count(level) as f64), "{name}");
        let share = count(level) as f64 / 2.0;
        assert!(
            matches!(row[2], Data::Float(p) if (p - share).abs() < 1e-9),
            "{name}: {:?}",
            row[2]
        );
    }
    assert_eq!(row_of("Cộng")[1], Data::Float(2.0));
}

#[test]
fn a_year_without_a_meeting_is_refused_in_plain_words() {
    let mut data = data();
    data.meetings.clear();
    let err = export::render(&data, &scope(CellPaper::Minutes), Format::Pdf, as_of()).unwrap_err();
    assert!(matches!(err, ExportError::NoMeeting(2020)));
    assert!(
        err.to_string()
            .starts_with("Chưa có biên bản họp chi bộ năm 2020"),
        "{err}"
    );
    // The report does not need the meeting.
    assert!(export::render(&data, &scope(CellPaper::Report), Format::Pdf, as_of()).is_ok());
    // Nor does anything come of a year without notebooks.
    let none = Scope::CellPaper {
        year: 2019,
        paper: CellPaper::Report,
    };
    assert!(matches!(
        export::render(&data, &none, Format::Docx, as_of()),
        Err(ExportError::NothingInYears(_))
    ));
}

#[test]
fn the_meeting_is_saved_in_its_file_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = store::open(dir.path()).unwrap();
    let member = crate::common::create_member(&mut session, "Trần Văn Hùng");
    session
        .apply(Action::StartYear {
            member,
            year: YEAR,
            theme_id: "2020".into(),
        })
        .unwrap();
    let mut settings = session.workspace.settings().clone();
    settings.role = Role::Secretary;
    session.apply(Action::ChangeSettings { settings }).unwrap();
    session
        .apply(Action::SetMeeting {
            year: YEAR,
            meeting: meeting(),
        })
        .unwrap();
    session.store.flush().unwrap();
    let file = std::fs::read_to_string(session.store.files().meetings_path()).unwrap();
    assert!(
        file.contains("Hội trường văn phòng ấp Thạnh Trung"),
        "{file}"
    );
    drop(session);
    let again = store::open(dir.path()).unwrap();
    let saved = again.workspace.meeting(YEAR).unwrap();
    assert_eq!(saved.place, meeting().place);
    assert_eq!(saved.absent, meeting().absent);
    assert_eq!(saved.guests, meeting().guests);
    assert_eq!(saved.revision, 1);
}

#[test]
fn demo_meetings_have_votes_that_add_up_to_those_present() {
    let data = sophandau::demo::generate(sophandau::demo::DemoSpec {
        members: 30,
        years: 2,
        first_year: 2020,
        seed: 5,
    })
    .into_data();
    assert_eq!(data.meetings.len(), 2);
    for (&year, m) in &data.meetings {
        let b = board::board(year, data.notebooks.values().map(AsRef::as_ref), as_of());
        let present = sophandau::review::report::attendance(m, &b).present;
        assert!(present >= 27, "{present}");
        for nb in data.notebooks.values() {
            let d = &nb.years[&year].cell_review.decision;
            assert_eq!(
                d.votes.values().sum::<u32>(),
                present,
                "{}",
                nb.profile.full_name
            );
            let most = d.votes.iter().max_by_key(|(_, n)| **n).map(|(l, _)| *l);
            assert_eq!(most, d.proposed_level);
            assert!(!d.comments.is_empty());
        }
    }
}
