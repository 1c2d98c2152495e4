//! The two papers a cell makes of its year-end meeting: the minutes
//! ("Biên bản họp chi bộ kiểm điểm, đánh giá, xếp loại chất lượng đảng
//! viên năm …") and the report to the party committee ("Báo cáo kết quả
//! kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm …"). Both open
//! with the header block of a party paper and close with signatures; their
//! sections follow the sample minutes and reports cited in
//! docs/rules-sources.md ("The cell's papers"). The figures come from
//! `review::report`, which derives them from the cell board.

use super::ExportError;
use super::doc::{Align, Block, Document, Row, Signature, Table};
use crate::i18n;
use crate::model::{Date, Language, Level, Meeting, Notebook, Year};
use crate::review::board::Board;
use crate::review::report::{self, CellReport, Unclassified};
use crate::workspace::WorkspaceData;

const VI: Language = Language::Vietnamese;

/// Which paper of the cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellPaper {
    /// Biên bản họp chi bộ (the minutes).
    Minutes,
    /// Báo cáo kết quả đánh giá, xếp loại (the report upward).
    Report,
}

impl CellPaper {
    pub const ALL: [CellPaper; 2] = [CellPaper::Minutes, CellPaper::Report];

    /// Reads a paper's name as typed on the command line.
    pub fn parse(name: &str) -> Option<CellPaper> {
        match name.trim().to_lowercase().as_str() {
            "minutes" | "bien-ban" => Some(CellPaper::Minutes),
            "report" | "bao-cao" => Some(CellPaper::Report),
            _ => None,
        }
    }
}

/// Who the cell is, as its papers name it.
struct Cell {
    /// "Chi bộ Ấp Thạnh Trung".
    name: String,
    /// "Đảng bộ xã Long Thuận".
    committee: String,
    /// The secretary who signs, from the cell's decisions of the year.
    secretary: String,
}

fn cell(data: &WorkspaceData, members: &[&Notebook], year: Year) -> Cell {
    let first = |f: &dyn Fn(&Notebook) -> &str| {
        members
            .iter()
            .map(|n| f(n).trim())
            .find(|s| !s.is_empty())
            .unwrap_or_default()
            .to_owned()
    };
    let name = if data.settings.cell_name.trim().is_empty() {
        first(&|n| &n.profile.cell)
    } else {
        data.settings.cell_name.trim().to_owned()
    };
    let secretary = first(&|n| {
        n.years
            .get(&year)
            .map_or("", |b| b.cell_review.decision.secretary.as_str())
    });
    Cell {
        name,
        committee: first(&|n| &n.profile.party_committee),
        secretary,
    }
}

/// The paper of the cell's year. The minutes need the year's meeting; the
/// report is made with or without it.
pub fn cell_paper(
    data: &WorkspaceData,
    kind: CellPaper,
    year: Year,
    as_of: Date,
) -> Result<Document<'_>, ExportError> {
    let mut members: Vec<&Notebook> = data.notebooks.values().map(AsRef::as_ref).collect();
    members.sort_by_cached_key(|n| crate::text::name_sort_key(&n.profile.full_name));
    let meeting = data.meetings.get(&year);
    if !members.iter().any(|n| n.years.contains_key(&year)) {
        return Err(ExportError::NothingInYears(vec![year]));
    }
    let board = crate::review::board::board(year, members.iter().copied(), as_of);
    let c = cell(data, &members, year);
    match kind {
        CellPaper::Minutes => {
            let meeting = meeting.ok_or(ExportError::NoMeeting(year))?;
            Ok(minutes(&c, &members, &board, meeting, year))
        }
        CellPaper::Report => Ok(report(&c, &board, meeting, year)),
    }
}

/// "Chi bộ x" → "CHI BỘ X"; a name without the prefix gets it.
fn upper(prefix: &str, name: &str) -> String {
    let name = name.trim();
    if name.to_lowercase().starts_with(&prefix.to_lowercase()) {
        name.to_uppercase()
    } else if name.is_empty() {
        format!("{prefix} …")
    } else {
        format!("{prefix} {}", name.to_uppercase())
    }
}

/// Administrative units, as a committee's name may spell them.
const UNITS: [&str; 8] = [
    "thị trấn",
    "thị xã",
    "thành phố",
    "phường",
    "xã",
    "huyện",
    "quận",
    "tỉnh",
];

/// The place of the date line (địa danh): the commune or town of the
/// committee above, e.g. "Long Thuận" from "Đảng bộ xã Long Thuận".
fn place_name(committee: &str) -> String {
    let mut rest = committee.trim();
    // Lower case keeps these letters' lengths; `get` never splits a
    // letter whatever the text.
    for prefix in ["đảng bộ", "đảng ủy", "đảng uỷ"] {
        if rest.to_lowercase().starts_with(prefix)
            && let Some(after) = rest.get(prefix.len()..)
        {
            rest = after.trim_start();
            break;
        }
    }
    for unit in UNITS {
        let lower = rest.to_lowercase();
        if lower.starts_with(unit)
            && let Some(after) = rest.get(unit.len()..).filter(|a| a.starts_with(' '))
        {
            rest = after.trim_start();
            break;
        }
    }
    if rest.is_empty() || UNITS.contains(&rest.to_lowercase().as_str()) {
        "…".to_owned()
    } else {
        rest.to_owned()
    }
}

/// "ngày 28 tháng 12 năm 2020", or blanks to fill by hand.
fn long_date(d: Option<Date>) -> String {
    d.map_or("ngày … tháng … năm …".to_owned(), |d| {
        format!("ngày {} tháng {} năm {}", d.day(), d.month(), d.year())
    })
}

fn header(doc: &mut Document, c: &Cell, date: Option<Date>, number: Option<&str>) {
    let mut left = vec![
        (upper("ĐẢNG BỘ", &c.committee), false),
        (upper("CHI BỘ", &c.name), true),
        ("*".to_owned(), false),
    ];
    if let Some(n) = number {
        left.push((n.to_owned(), false));
    }
    doc.blocks.push(Block::Header(vec![
        left,
        vec![
            ("ĐẢNG CỘNG SẢN VIỆT NAM".to_owned(), true),
            (
                format!("{}, {}", place_name(&c.committee), long_date(date)),
                false,
            ),
        ],
    ]));
}

fn title(doc: &mut Document, head: &str, under: String) {
    doc.centered_heading(1, head);
    doc.blocks.push(Block::Paragraph {
        text: under,
        align: Align::Center,
        bold: true,
    });
}

fn bold(doc: &mut Document, text: impl Into<String>) {
    doc.blocks.push(Block::Paragraph {
        text: text.into(),
        align: Align::Left,
        bold: true,
    });
}

fn or_dots(text: &str) -> &str {
    if text.trim().is_empty() {
        "…"
    } else {
        text.trim()
    }
}

/// Percent the Vietnamese way: one decimal, a comma.
pub fn percent(p: f32) -> String {
    format!("{p:.1}").replace('.', ",")
}

/// Short names of the levels, as the vote table's columns.
fn short(level: Level) -> &'static str {
    match level {
        Level::Excellent => "HTXSNV",
        Level::Good => "HTTNV",
        Level::Completed => "HTNV",
        Level::NotCompleted => "KHTNV",
    }
}

fn level_name(year: Year, level: Level) -> &'static str {
    crate::themes::rules_for(year)
        .level_name(level)
        .unwrap_or_else(|| i18n::level(VI, level))
}

fn reason(why: Unclassified) -> &'static str {
    match why {
        Unclassified::SetApart(a) => i18n::set_apart(VI, a),
        Unclassified::NewMember => "Mới kết nạp, chưa đủ thời gian để xếp loại",
        Unclassified::NoYear => "Không có sổ của năm",
        Unclassified::NoLevel => "Chi bộ chưa đề xuất mức xếp loại",
    }
}

/// The minutes: time and place, attendance, guests, chair and minute-taker,
/// the proceedings, each member's comments and vote, the result, the
/// conclusion, the closing time and the two signatures.
fn minutes<'a>(
    c: &Cell,
    members: &[&Notebook],
    board: &Board,
    meeting: &'a Meeting,
    year: Year,
) -> Document<'a> {
    let head = "BIÊN BẢN";
    let under = format!("họp chi bộ kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year}");
    let mut doc = Document::new(format!("{head} {under}"));
    header(&mut doc, c, meeting.date, None);
    title(&mut doc, head, under);
    let at = report::attendance(meeting, board);
    doc.paragraph(format!(
        "Hồi {}, {}, tại {}, {} họp kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year}.",
        or_dots(&meeting.starts_at),
        long_date(meeting.date),
        or_dots(&meeting.place),
        if c.name.is_empty() {
            "chi bộ"
        } else {
            &c.name
        },
    ));
    bold(&mut doc, "I. THÀNH PHẦN");
    let mut lines = vec![format!(
        "- Tổng số đảng viên của chi bộ: {} đồng chí; có mặt: {} đồng chí; vắng mặt: {} đồng chí (có lý do: {}; không có lý do: {}).",
        at.total,
        at.present,
        at.absent,
        at.absent_excused,
        at.absent - at.absent_excused
    )];
    if !meeting.absent.is_empty() {
        lines.push("- Đảng viên vắng mặt:".to_owned());
        for (i, a) in meeting.absent.iter().enumerate() {
            let why = if a.reason.trim().is_empty() {
                "không có lý do".to_owned()
            } else {
                format!("lý do: {}", a.reason.trim())
            };
            lines.push(format!("   {}. Đồng chí {} — {why}.", i + 1, a.name.trim()));
        }
    }
    if meeting.guests.is_empty() {
        lines.push("- Đại biểu dự: không có.".to_owned());
    } else {
        lines.push("- Đại biểu dự:".to_owned());
        for g in &meeting.guests {
            let post = if g.post.trim().is_empty() {
                String::new()
            } else {
                format!(", {}", g.post.trim())
            };
            lines.push(format!("   + Đồng chí {}{post}.", g.name.trim()));
        }
    }
    lines.push(format!(
        "- Chủ trì: đồng chí {}. Thư ký: đồng chí {}.",
        or_dots(&meeting.chair),
        or_dots(&meeting.minute_taker)
    ));
    doc.paragraph(lines.join("\n"));
    bold(&mut doc, "II. NỘI DUNG, DIỄN BIẾN CUỘC HỌP");
    doc.paragraph(if meeting.proceedings.trim().is_empty() {
        "(Chưa ghi.)"
    } else {
        meeting.proceedings.trim()
    });
    bold(
        &mut doc,
        "III. Ý KIẾN ĐÓNG GÓP VÀ KẾT QUẢ BIỂU QUYẾT ĐỐI VỚI TỪNG ĐẢNG VIÊN",
    );
    let r = report::cell_report(board);
    let mut rows = Vec::new();
    let mut n = 0;
    for row in &board.rows {
        if matches!(
            report::unclassified(row),
            Some(Unclassified::SetApart(_) | Unclassified::NewMember | Unclassified::NoYear)
        ) {
            continue;
        }
        let Some(decision) = members
            .iter()
            .find(|m| m.id == row.member)
            .and_then(|m| m.years.get(&year))
            .map(|b| &b.cell_review.decision)
        else {
            continue;
        };
        n += 1;
        let mut cells = vec![
            n.to_string(),
            row.name.clone(),
            decision.comments.trim().to_owned(),
        ];
        for level in Level::ALL {
            cells.push(
                decision
                    .votes
                    .get(&level)
                    .map_or(String::new(), u32::to_string),
            );
        }
        cells.push(
            decision
                .proposed_level
                .map_or(String::new(), |l| short(l).to_owned()),
        );
        rows.push(Row {
            cells,
            group: false,
        });
    }
    let mut header_row = vec![
        "TT".to_owned(),
        "Họ và tên".to_owned(),
        "Tóm tắt ý kiến đóng góp".to_owned(),
    ];
    header_row.extend(Level::ALL.map(|l| short(l).to_owned()));
    header_row.push("Chi bộ đề xuất".to_owned());
    if rows.is_empty() {
        doc.paragraph("(Không có đảng viên nào được đánh giá.)");
    } else {
        doc.paragraph("Số phiếu biểu quyết đề xuất mức xếp loại đối với từng đảng viên:");
    }
    if rows.is_empty() {
    } else {
        doc.blocks.push(Block::Table(Table {
            header: header_row,
            // The level columns hold "HTXSNV" on one line.
            widths: vec![0.6, 2.3, 3.4, 1.6, 1.4, 1.3, 1.4, 1.5],
            rows,
        }));
    }
    doc.paragraph(
        "HTXSNV: hoàn thành xuất sắc nhiệm vụ; HTTNV: hoàn thành tốt nhiệm vụ; HTNV: hoàn thành nhiệm vụ; KHTNV: không hoàn thành nhiệm vụ.",
    );
    let apart: Vec<String> = r
        .not_classified
        .iter()
        .filter(|(_, why)| matches!(why, Unclassified::SetApart(_) | Unclassified::NewMember))
        .map(|(m, why)| format!("đồng chí {} ({})", m.name, reason(*why).to_lowercase()))
        .collect();
    if !apart.is_empty() {
        doc.paragraph(format!("Không đánh giá, xếp loại: {}.", apart.join("; ")));
    }
    bold(&mut doc, "IV. KẾT QUẢ");
    doc.paragraph(result_lines(&r));
    bold(&mut doc, "V. KẾT LUẬN CỦA CHỦ TRÌ");
    doc.paragraph(if meeting.conclusion.trim().is_empty() {
        "(Chưa ghi.)"
    } else {
        meeting.conclusion.trim()
    });
    doc.paragraph(format!(
        "Cuộc họp kết thúc hồi {} cùng ngày.",
        or_dots(&meeting.ends_at)
    ));
    doc.blocks.push(Block::Signatures(vec![
        Signature {
            place_date: String::new(),
            title: "THƯ KÝ".into(),
            hint: "(Ký, ghi rõ họ tên)".into(),
            name: meeting.minute_taker.trim().into(),
        },
        Signature {
            place_date: String::new(),
            title: "CHỦ TRÌ".into(),
            hint: "(Ký, ghi rõ họ tên)".into(),
            name: meeting.chair.trim().into(),
        },
    ]));
    doc
}

/// "Hoàn thành xuất sắc nhiệm vụ: 1 đồng chí (12,5%)", one line a level.
fn result_lines(r: &CellReport) -> String {
    let mut lines = vec![format!(
        "Chi bộ đánh giá {} đồng chí; đề xuất mức xếp loại như sau:",
        r.assessed
    )];
    for (level, line) in &r.levels {
        lines.push(format!(
            "- {}: {} đồng chí ({}%).",
            level_name(r.year, *level),
            line.proposed,
            percent(line.percent)
        ));
    }
    lines.join("\n")
}

/// The report upward: the counts and shares by level, who was not
/// classified and why, the members by level, the cell's proposals and
/// the T/M CHI BỘ signature.
fn report(c: &Cell, board: &Board, meeting: Option<&Meeting>, year: Year) -> Document<'static> {
    let head = "BÁO CÁO";
    let under = format!("kết quả kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year}");
    let mut doc = Document::new(format!("{head} {under}"));
    let date = meeting.and_then(|m| m.date);
    header(&mut doc, c, date, Some("Số …-BC/CB"));
    title(&mut doc, head, under);
    let committee = committee_body(&c.committee);
    doc.blocks.push(Block::Paragraph {
        text: format!("Kính gửi: {committee}"),
        align: Align::Center,
        bold: false,
    });
    let r = report::cell_report(board);
    let met = match meeting {
        Some(m) => {
            let at = report::attendance(m, board);
            format!(
                ", {} chi bộ đã họp kiểm điểm, đánh giá, xếp loại chất lượng đảng viên (có mặt {}/{} đồng chí)",
                long_date(m.date),
                at.present,
                at.total
            )
        }
        None => String::new(),
    };
    doc.paragraph(format!(
        "Thực hiện hướng dẫn của cấp ủy cấp trên về kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year}{met}. {} báo cáo kết quả như sau:",
        if c.name.is_empty() { "Chi bộ" } else { &c.name }
    ));
    bold(&mut doc, "I. TÌNH HÌNH CHUNG");
    let apart = r.members - r.assessed;
    doc.paragraph(format!(
        "- Tổng số đảng viên của chi bộ: {} đồng chí.\n- Số đảng viên được kiểm điểm, đánh giá, xếp loại: {} đồng chí; chi bộ đã đề xuất mức xếp loại cho {} đồng chí.\n- Số đảng viên không đánh giá, xếp loại: {} đồng chí (mục III).",
        r.members, r.assessed, r.classified, apart
    ));
    bold(&mut doc, "II. KẾT QUẢ XẾP LOẠI");
    let mut rows: Vec<Row> = r
        .levels
        .iter()
        .map(|(level, line)| Row {
            cells: vec![
                level_name(year, *level).to_owned(),
                line.proposed.to_string(),
                format!("{}%", percent(line.percent)),
                line.decided.to_string(),
            ],
            group: false,
        })
        .collect();
    rows.push(Row {
        cells: vec![
            "Cộng".to_owned(),
            r.classified.to_string(),
            format!(
                "{}%",
                percent(r.levels.iter().map(|(_, l)| l.percent).sum::<f32>())
            ),
            r.levels
                .iter()
                .map(|(_, l)| l.decided)
                .sum::<usize>()
                .to_string(),
        ],
        group: false,
    });
    doc.blocks.push(Block::Table(Table {
        header: [
            "Mức xếp loại",
            "Chi bộ đề xuất (đồng chí)",
            "Tỷ lệ (%)",
            "Cấp ủy đã quyết định",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![4.0, 2.0, 1.5, 2.0],
        rows,
    }));
    doc.paragraph(format!(
        "Tỷ lệ tính trên {} đảng viên được đánh giá, xếp loại.",
        r.assessed
    ));
    bold(
        &mut doc,
        "III. ĐẢNG VIÊN KHÔNG ĐÁNH GIÁ, XẾP LOẠI HOẶC CHƯA XẾP LOẠI",
    );
    if r.not_classified.is_empty() {
        doc.paragraph("Không có.");
    } else {
        let rows = r
            .not_classified
            .iter()
            .enumerate()
            .map(|(i, (m, why))| Row {
                cells: vec![(i + 1).to_string(), m.name.clone(), reason(*why).to_owned()],
                group: false,
            })
            .collect();
        doc.blocks.push(Block::Table(Table {
            header: ["TT", "Họ và tên", "Lý do"].map(String::from).to_vec(),
            widths: vec![0.6, 3.5, 5.0],
            rows,
        }));
    }
    bold(&mut doc, "IV. DANH SÁCH ĐẢNG VIÊN THEO MỨC XẾP LOẠI");
    if r.by_level.is_empty() {
        doc.paragraph("Chi bộ chưa đề xuất mức xếp loại nào.");
    } else {
        let mut rows = Vec::new();
        for (level, listed) in &r.by_level {
            rows.push(Row {
                cells: vec![format!(
                    "{} ({} đồng chí)",
                    level_name(year, *level),
                    listed.len()
                )],
                group: true,
            });
            for (i, m) in listed.iter().enumerate() {
                rows.push(Row {
                    cells: vec![
                        (i + 1).to_string(),
                        m.name.clone(),
                        m.decided
                            .map_or(String::new(), |l| level_name(year, l).to_owned()),
                    ],
                    group: false,
                });
            }
        }
        doc.blocks.push(Block::Table(Table {
            header: ["TT", "Họ và tên", "Cấp ủy đã quyết định"]
                .map(String::from)
                .to_vec(),
            widths: vec![0.6, 4.0, 4.5],
            rows,
        }));
    }
    bold(&mut doc, "V. KIẾN NGHỊ, ĐỀ XUẤT");
    let mut proposals = vec![format!(
        "- Chi bộ đề nghị {committee} xem xét, quyết định công nhận mức xếp loại chất lượng đối với {} đảng viên nêu tại mục IV.",
        r.classified
    )];
    if let Some(share) = r.excellent_share {
        proposals.push(format!(
            "- Chi bộ đề xuất {} đồng chí hoàn thành xuất sắc nhiệm vụ trên {} đồng chí hoàn thành tốt nhiệm vụ; theo quy định, số đảng viên hoàn thành xuất sắc nhiệm vụ không vượt quá {}% số hoàn thành tốt nhiệm vụ, do tổ chức cơ sở đảng xem xét, quyết định.",
            share.excellent, share.good, share.percent
        ));
    }
    if let Some(m) = meeting.filter(|m| !m.conclusion.trim().is_empty()) {
        proposals.push(format!("- Kết luận của chi bộ: {}", m.conclusion.trim()));
    }
    doc.paragraph(proposals.join("\n"));
    doc.blocks.push(Block::Signatures(vec![
        Signature {
            place_date: String::new(),
            title: String::new(),
            hint: String::new(),
            name: "".into(),
        },
        Signature {
            place_date: String::new(),
            title: "T/M CHI BỘ".into(),
            hint: "BÍ THƯ".into(),
            name: c.secretary.clone().into(),
        },
    ]));
    doc.paragraph(format!("Nơi nhận:\n- {committee};\n- Lưu chi bộ."));
    doc
}

/// The committee the report goes to: "Đảng bộ xã X" is led by the "Đảng
/// ủy xã X".
fn committee_body(committee: &str) -> String {
    let c = committee.trim();
    if c.is_empty() {
        return "Đảng ủy cấp trên".to_owned();
    }
    let prefix = "đảng bộ";
    match c.get(prefix.len()..) {
        Some(rest) if c.to_lowercase().starts_with(prefix) => format!("Đảng ủy{rest}"),
        _ => c.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_and_committee_come_from_the_committees_name() {
        assert_eq!(place_name("Đảng bộ xã Long Thuận"), "Long Thuận");
        assert_eq!(place_name("Đảng bộ phường 3"), "3");
        assert_eq!(place_name("Đảng ủy thị trấn Hòa Thành"), "Hòa Thành");
        assert_eq!(place_name(""), "…");
        assert_eq!(place_name("Xã"), "…");
        assert_eq!(place_name("Đảng bộ thị trấn"), "…");
        assert_eq!(
            committee_body("Đảng bộ xã Long Thuận"),
            "Đảng ủy xã Long Thuận"
        );
        assert_eq!(committee_body("Đảng ủy Khối"), "Đảng ủy Khối");
        assert_eq!(committee_body(""), "Đảng ủy cấp trên");
        assert_eq!(percent(12.345), "12,3");
    }

    #[test]
    fn names_are_read_from_the_command_line() {
        assert_eq!(CellPaper::parse(" Minutes "), Some(CellPaper::Minutes));
        assert_eq!(CellPaper::parse("bao-cao"), Some(CellPaper::Report));
        assert_eq!(CellPaper::parse("self-review"), None);
    }
}
