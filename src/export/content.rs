//! What an exported notebook or cell summary says, as a document tree:
//! the same content for every format.

use super::doc::{Align, Block, Document, Row, Signature, Table, for_title};
use crate::i18n::{self, T};
use crate::model::{
    Area, Date, Language, Level, Notebook, Period, Settings, Status, Year, YearBook,
};
use crate::review::{self, YearFigures};
use crate::text::dmy;

const NOTEBOOK_TITLE: &str =
    "SỔ ĐĂNG KÝ CAM KẾT VÀ THEO DÕI KẾT QUẢ PHẤN ĐẤU, TU DƯỠNG, RÈN LUYỆN CỦA ĐẢNG VIÊN";
const PLACE_DATE_BLANK: &str = "…, ngày … tháng … năm …";

/// The registration's table: what each commitment is, how, what it
/// yields and by when; the same on the notebook and on the paper.
pub(super) fn registration_table(rows: Vec<Row>) -> Block<'static> {
    Block::Table(Table {
        header: [
            "STT",
            "Nội dung cam kết",
            "Giải pháp, biện pháp thực hiện",
            "Sản phẩm cụ thể",
            "Thời hạn",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![0.8, 3.0, 3.0, 2.2, 1.7],
        rows,
    })
}

fn place_date(d: Option<Date>) -> String {
    d.map_or(PLACE_DATE_BLANK.to_owned(), |d| {
        format!("…, ngày {} tháng {} năm {}", d.day(), d.month(), d.year())
    })
}

/// The documents follow the Party's Vietnamese forms, whatever the
/// window's language.
const VI: Language = Language::Vietnamese;

fn status_word(s: Option<Status>) -> &'static str {
    s.map_or("", |s| i18n::status(VI, s))
}

fn level_word(l: Option<Level>) -> &'static str {
    l.map_or(T::NotDecided.get(VI), |l| i18n::level(VI, l))
}

/// A member's notebook for the given years (those it has), ready to print.
pub fn member_notebook<'a>(
    settings: &Settings,
    notebook: &'a Notebook,
    years: &[Year],
    as_of: Date,
) -> Document<'a> {
    let p = &notebook.profile;
    let years: Vec<Year> = years
        .iter()
        .copied()
        .filter(|y| notebook.years.contains_key(y))
        .collect();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    let mut doc = Document::new(format!(
        "{NOTEBOOK_TITLE} — {} — {span}",
        for_title(&p.full_name)
    ));
    // Cover.
    doc.centered_heading(3, "ĐẢNG CỘNG SẢN VIỆT NAM");
    doc.centered_heading(1, NOTEBOOK_TITLE);
    doc.centered_heading(2, format!("Năm {span}"));
    doc.blocks.push(Block::KeyValues(vec![
        ("Họ và tên".into(), p.full_name.as_str().into()),
        ("Chi bộ".into(), p.cell.as_str().into()),
    ]));
    for y in &years {
        let book = &notebook.years[y];
        if let Some(line) = crate::themes::theme_line(settings, &book.theme_id, *y) {
            doc.paragraph(line);
        }
    }
    doc.blocks.push(Block::PageBreak);

    doc.heading(2, "I. LÝ LỊCH ĐẢNG VIÊN");
    let opt_date = |d: Option<Date>| d.map(dmy).unwrap_or_default();
    let sex = match p.sex {
        Some(crate::model::Sex::Male) => "Nam",
        Some(crate::model::Sex::Female) => "Nữ",
        None => "",
    };
    doc.blocks.push(Block::KeyValues(vec![
        ("Họ và tên".into(), p.full_name.as_str().into()),
        ("Ngày sinh".into(), opt_date(p.birth_date).into()),
        ("Giới tính".into(), sex.into()),
        ("Ngày vào Đảng".into(), opt_date(p.joined_party).into()),
        ("Ngày chính thức".into(), opt_date(p.made_official).into()),
        (
            "Số thẻ đảng viên".into(),
            p.card_number.as_deref().unwrap_or_default().into(),
        ),
        ("Chức vụ Đảng".into(), p.party_post.as_str().into()),
        (
            "Chức vụ chính quyền".into(),
            p.government_post.as_str().into(),
        ),
        ("Chức vụ đoàn thể".into(), p.mass_post.as_str().into()),
        ("Đơn vị công tác".into(), p.workplace.as_str().into()),
        ("Chi bộ".into(), p.cell.as_str().into()),
    ]));
    for (i, y) in years.iter().enumerate() {
        if i > 0 {
            doc.blocks.push(Block::PageBreak);
        }
        year_sections(&mut doc, settings, notebook, *y, as_of);
    }
    doc
}

fn year_sections<'a>(
    doc: &mut Document<'a>,
    settings: &Settings,
    nb: &'a Notebook,
    year: Year,
    as_of: Date,
) {
    let book = &nb.years[&year];
    let f = review::year_figures(year, book, as_of);
    doc.heading(2, format!("II. ĐĂNG KÝ CAM KẾT NĂM {year}"));
    if let Some(line) = crate::themes::theme_line(settings, &book.theme_id, year) {
        doc.paragraph(line);
    }
    if let Some(d) = book.registration.date {
        doc.paragraph(format!("Ngày đăng ký: {}", dmy(d)));
    }
    let mut rows = Vec::new();
    for area in Area::ALL {
        let in_area: Vec<_> = f.commitments.iter().filter(|c| c.area == area).collect();
        if in_area.is_empty() {
            continue;
        }
        rows.push(Row {
            cells: vec![i18n::area(VI, area).to_owned()],
            group: true,
        });
        for c in in_area {
            let full = book.commitment(c.id);
            rows.push(Row {
                cells: vec![
                    c.number.to_string(),
                    c.content.clone(),
                    full.map(|x| x.measures.to_string()).unwrap_or_default(),
                    c.product.clone(),
                    c.deadline.map(dmy).unwrap_or_default(),
                ],
                group: false,
            });
        }
    }
    if rows.is_empty() {
        doc.paragraph("Chưa đăng ký cam kết nào.");
    } else {
        doc.blocks.push(registration_table(rows));
    }
    progress_sections(doc, book, &f);
    entries_section(doc, book, year);
    reviews_section(doc, book, &f, &nb.profile, year);
    doc.blocks.push(Block::Signatures(vec![
        Signature {
            place_date: place_date(book.self_review.as_ref().and_then(|r| r.written_on)),
            title: "NGƯỜI CAM KẾT".into(),
            hint: "(Ký, ghi rõ họ tên)".into(),
            name: nb.profile.full_name.as_str().into(),
        },
        Signature {
            place_date: place_date(book.cell_review.decision.signed_on),
            title: "XÁC NHẬN CỦA CHI BỘ".into(),
            hint: "T/M CHI BỘ — BÍ THƯ".into(),
            name: book.cell_review.decision.secretary.as_str().into(),
        },
    ]));
}

fn progress_sections(doc: &mut Document, book: &YearBook, f: &YearFigures) {
    doc.heading(2, "III. THEO DÕI KẾT QUẢ THỰC HIỆN");
    if f.commitments.is_empty() {
        doc.paragraph("Chưa có cam kết để theo dõi.");
        return;
    }
    // Overview by quarter: the quarter's own record, or its latest month's.
    let rows = f
        .commitments
        .iter()
        .map(|c| {
            let mut cells = vec![c.number.to_string(), c.content.clone()];
            for cell in c.quarters {
                cells.push(match cell {
                    Some(review::GridCell::FromMonths(s)) => {
                        format!("{} (theo tháng)", status_word(Some(s)))
                    }
                    other => status_word(other.map(review::GridCell::status)).to_owned(),
                });
            }
            cells.push(status_word(c.final_status).to_owned());
            Row {
                cells,
                group: false,
            }
        })
        .collect();
    doc.blocks.push(Block::Table(Table {
        header: [
            "STT",
            "Nội dung cam kết",
            "Quý I",
            "Quý II",
            "Quý III",
            "Quý IV",
            "Cuối năm",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![0.8, 3.2, 1.3, 1.3, 1.3, 1.3, 1.4],
        rows,
    }));
    // Every record, period by period.
    let mut records: Vec<_> = book.progress.iter().collect();
    records.sort_by_key(|p| {
        (
            p.period.last_month(),
            period_rank(p.period),
            number_of(f, p.commitment),
        )
    });
    let mut rows = Vec::new();
    let mut current = None;
    for p in records {
        if current != Some(p.period) {
            current = Some(p.period);
            rows.push(Row {
                cells: vec![i18n::period(VI, p.period)],
                group: true,
            });
        }
        rows.push(Row {
            cells: vec![
                number_of(f, p.commitment).to_string(),
                i18n::status(VI, p.status).to_owned(),
                p.result.to_string(),
                p.evidence.to_string(),
                dmy(p.written_on),
            ],
            group: false,
        });
    }
    if !rows.is_empty() {
        doc.heading(3, "Kết quả từng kỳ");
        doc.blocks.push(Block::Table(Table {
            header: [
                "Cam kết số",
                "Tình trạng",
                "Kết quả thực hiện",
                "Minh chứng",
                "Ngày ghi",
            ]
            .map(String::from)
            .to_vec(),
            widths: vec![0.9, 1.5, 4.0, 2.2, 1.3],
            rows,
        }));
    }
}

fn period_rank(p: Period) -> u8 {
    match p {
        Period::Month(_) => 0,
        Period::Quarter(_) => 1,
        Period::Half(_) => 2,
        Period::Year => 3,
    }
}

fn number_of(f: &YearFigures, id: uuid::Uuid) -> usize {
    f.commitments
        .iter()
        .find(|c| c.id == id)
        .map_or(0, |c| c.number)
}

fn entries_section(doc: &mut Document, book: &YearBook, year: Year) {
    doc.heading(
        2,
        format!("IV. GHI CHÉP PHẤN ĐẤU, TU DƯỠNG, RÈN LUYỆN NĂM {year}"),
    );
    if book.entries.is_empty() {
        doc.paragraph("Chưa có ghi chép.");
    }
    for e in &book.entries {
        doc.heading(
            3,
            format!(
                "{} — {} — {}",
                dmy(e.date),
                i18n::entry_kind(VI, e.kind),
                e.title
            ),
        );
        if !e.text.is_empty() {
            doc.paragraph(e.text.clone());
        }
        let linked: Vec<String> = e
            .commitments
            .iter()
            .filter_map(|id| book.commitments.iter().position(|c| c.id == *id))
            .map(|i| (i + 1).to_string())
            .collect();
        if !linked.is_empty() {
            doc.paragraph(format!("Gắn với cam kết số: {}", linked.join(", ")));
        }
    }
}

fn reviews_section(
    doc: &mut Document,
    book: &YearBook,
    f: &YearFigures,
    profile: &crate::model::Profile,
    year: Year,
) {
    doc.heading(2, format!("V. TỰ KIỂM ĐIỂM CUỐI NĂM {year}"));
    match &book.self_review {
        None => doc.paragraph("Chưa viết bản tự kiểm điểm."),
        Some(r) => {
            if let Some(form) = crate::themes::self_review_form(year, profile, Some(r)) {
                super::papers::form_blocks(doc, year, form, r);
            }
        }
    }
    doc.heading(2, "VI. NHẬN XÉT, XẾP LOẠI CỦA CHI BỘ");
    for r in &book.cell_review.remarks {
        doc.blocks.push(Block::Paragraph {
            text: format!(
                "{} ({}, {}):",
                i18n::period(VI, r.period),
                r.author,
                dmy(r.date)
            ),
            align: Align::Left,
            bold: true,
        });
        doc.paragraph(r.text.clone());
    }
    if book.cell_review.remarks.is_empty() {
        doc.paragraph("Chi bộ chưa có nhận xét.");
    }
    let mut kv = vec![
        (
            "Kết quả thực hiện cam kết".to_owned(),
            format!("hoàn thành {}/{} cam kết", f.all.done, f.all.total).into(),
        ),
        (
            "Chi bộ xếp loại".to_owned(),
            level_word(f.final_level).into(),
        ),
    ];
    if let Some(s) = book.cell_review.decision.score {
        kv.push((
            "Điểm chi bộ chấm".into(),
            format!("{}/100", s.total()).into(),
        ));
    }
    doc.blocks.push(Block::KeyValues(kv));
}

/// The columns of the cell summary, in every format.
pub const SUMMARY_HEADER: [&str; 8] = [
    "STT",
    "Họ và tên",
    "Số cam kết",
    "Hoàn thành",
    "Quá hạn",
    "Tự kiểm điểm",
    "Tự nhận xếp loại",
    "Chi bộ xếp loại",
];

/// One row of the cell summary.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub name: String,
    pub commitments: usize,
    pub done: usize,
    pub overdue: usize,
    pub self_reviewed: bool,
    pub proposed: Option<Level>,
    pub final_level: Option<Level>,
}

/// The cell's members for a year, sorted the Vietnamese way.
pub fn summary_rows<'a>(
    notebooks: impl IntoIterator<Item = &'a Notebook>,
    year: Year,
    as_of: Date,
) -> Vec<SummaryRow> {
    let mut members: Vec<&Notebook> = notebooks.into_iter().collect();
    members.sort_by_cached_key(|n| crate::text::name_sort_key(&n.profile.full_name));
    members
        .into_iter()
        .map(|nb| match nb.years.get(&year) {
            Some(book) => {
                let f = review::year_figures(year, book, as_of);
                SummaryRow {
                    name: nb.profile.full_name.clone(),
                    commitments: f.all.total,
                    done: f.all.done,
                    overdue: f.overdue,
                    self_reviewed: f.readiness.self_review_written,
                    proposed: f.proposed_level,
                    final_level: f.final_level,
                }
            }
            None => SummaryRow {
                name: nb.profile.full_name.clone(),
                commitments: 0,
                done: 0,
                overdue: 0,
                self_reviewed: false,
                proposed: None,
                final_level: None,
            },
        })
        .collect()
}

/// The line saying which notebook files a cell's papers could not count,
/// or `None` when all were read.
pub fn left_out_note(files: &[std::path::PathBuf]) -> Option<String> {
    if files.is_empty() {
        return None;
    }
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.file_name().map_or_else(
                || f.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    Some(format!(
        "Chưa tính {} sổ không đọc được (tệp hỏng hoặc không mở được): {}.",
        files.len(),
        names.join(", ")
    ))
}

/// The cell's summary for a year, to send up to the higher committee.
pub fn cell_summary<'a>(
    cell_name: &str,
    notebooks: impl IntoIterator<Item = &'a Notebook> + Clone,
    year: Year,
    as_of: Date,
    left_out: Option<&str>,
) -> Document<'a> {
    let rows = summary_rows(notebooks.clone(), year, as_of);
    let cell = review::cell_figures(year, notebooks, as_of);
    let mut doc = Document::new(format!(
        "Tổng hợp kết quả thực hiện cam kết năm {year} — {cell_name}"
    ));
    doc.centered_heading(3, "ĐẢNG CỘNG SẢN VIỆT NAM");
    doc.centered_heading(
        1,
        format!(
            "BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN CAM KẾT TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU NĂM {year}"
        ),
    );
    doc.centered_heading(2, cell_name.to_owned());
    doc.heading(2, "1. Kết quả của từng đảng viên");
    doc.blocks.push(Block::Table(Table {
        header: SUMMARY_HEADER.map(String::from).to_vec(),
        widths: vec![0.8, 2.6, 1.0, 1.1, 0.9, 1.3, 2.1, 2.1],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                cells: vec![
                    (i + 1).to_string(),
                    r.name.clone(),
                    r.commitments.to_string(),
                    r.done.to_string(),
                    r.overdue.to_string(),
                    if r.self_reviewed {
                        "Đã viết"
                    } else {
                        "Chưa"
                    }
                    .to_owned(),
                    level_word(r.proposed).to_owned(),
                    level_word(r.final_level).to_owned(),
                ],
                group: false,
            })
            .collect(),
    }));
    doc.heading(2, "2. Phân loại chất lượng");
    doc.blocks.push(Block::Table(Table {
        header: ["Mức xếp loại", "Tự nhận", "Chi bộ xếp loại"]
            .map(String::from)
            .to_vec(),
        widths: vec![3.0, 1.2, 1.2],
        rows: Level::ALL
            .iter()
            .map(|l| Row {
                cells: vec![
                    i18n::level(VI, *l).to_owned(),
                    cell.proposed_levels
                        .get(l)
                        .copied()
                        .unwrap_or(0)
                        .to_string(),
                    cell.final_levels.get(l).copied().unwrap_or(0).to_string(),
                ],
                group: false,
            })
            .collect(),
    }));
    doc.paragraph(format!(
        "Tổng số {} đảng viên; {} đã đăng ký cam kết; {} đã tự kiểm điểm; hoàn thành {}/{} cam kết ({:.0}%).",
        cell.members,
        cell.registered,
        cell.self_reviewed,
        cell.all.done,
        cell.all.total,
        cell.all.percent(cell.all.done)
    ));
    if let Some(note) = left_out {
        doc.paragraph(note);
    }
    if let Some(share) = cell.excellent_share {
        doc.paragraph(
            T::ExcellentShareInfo.fill(VI, &[&share.excellent, &share.good, &share.percent]),
        );
    }
    if cell.new_members > 0 {
        doc.paragraph(T::NewMembersLine.fill(VI, &[&cell.new_members]));
    }
    if !cell.set_apart.is_empty() {
        let list: Vec<String> = cell
            .set_apart
            .iter()
            .map(|(a, n)| format!("{}: {n}", i18n::set_apart(VI, *a)))
            .collect();
        doc.paragraph(T::SetApartLine.fill(VI, &[&list.join("; ")]));
    }
    doc.blocks.push(Block::Signatures(vec![Signature {
        place_date: PLACE_DATE_BLANK.into(),
        title: "T/M CHI BỘ".into(),
        hint: "BÍ THƯ".into(),
        name: "".into(),
    }]));
    doc
}
