//! The two papers a member hands in each year, laid out like the official
//! forms of that year: the commitment at the start ("Bản cam kết tu dưỡng,
//! rèn luyện, phấn đấu năm …") and the self-review at the end ("Bản kiểm
//! điểm cá nhân năm …"). Each has the header block (the party committee
//! and cell on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on
//! the right), the title, the form's sections in order and the signature
//! blocks. The sections come from `assets/rules.ron`, not from code.

use super::doc::{Align, Block, Document, Row, Signature, for_title};
use crate::i18n;
use crate::model::{
    Area, Date, FormSpec, Language, Notebook, SectionKind, SelfReview, Settings, Year,
};
use crate::text::dmy;

const VI: Language = Language::Vietnamese;
const BLANK_DATE: &str = "…, ngày … tháng … năm …";

/// Which paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    /// Bản cam kết tu dưỡng, rèn luyện, phấn đấu (the registration).
    Commitment,
    /// Bản kiểm điểm cá nhân (the self-review).
    SelfReview,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::Commitment, Paper::SelfReview];

    /// Reads a paper's name as typed on the command line.
    pub fn parse(name: &str) -> Option<Paper> {
        match name.trim().to_lowercase().as_str() {
            "commitment" | "cam-ket" => Some(Paper::Commitment),
            "self-review" | "kiem-diem" => Some(Paper::SelfReview),
            _ => None,
        }
    }
}

/// The paper of one member's year; `settings` give the user's own study
/// themes.
pub fn paper<'a>(
    kind: Paper,
    settings: &Settings,
    notebook: &'a Notebook,
    year: Year,
) -> Document<'a> {
    match kind {
        Paper::Commitment => commitment(settings, notebook, year),
        Paper::SelfReview => self_review(notebook, year),
    }
}

fn place_date(d: Option<Date>) -> String {
    d.map_or(BLANK_DATE.to_owned(), |d| {
        format!("…, ngày {} tháng {} năm {}", d.day(), d.month(), d.year())
    })
}

/// The header block: the committee and cell left, the Party and the date
/// right, as at the top of every party paper.
fn header(doc: &mut Document, nb: &Notebook, date: Option<Date>) {
    let p = &nb.profile;
    let upper = |prefix: &str, name: &str| {
        let name = name.trim();
        let lower = name.to_lowercase();
        if lower.starts_with(&prefix.to_lowercase()) {
            name.to_uppercase()
        } else if name.is_empty() {
            format!("{prefix} …")
        } else {
            format!("{prefix} {}", name.to_uppercase())
        }
    };
    doc.blocks.push(Block::Header(vec![
        vec![
            (upper("ĐẢNG BỘ", &p.party_committee), false),
            (upper("CHI BỘ", &p.cell), true),
            ("*".to_owned(), false),
        ],
        vec![
            ("ĐẢNG CỘNG SẢN VIỆT NAM".to_owned(), true),
            (place_date(date), false),
        ],
    ]));
}

/// The identity lines of the self-review, as form 02B (2023) prints them.
fn identity_lines<'a>(doc: &mut Document<'a>, nb: &'a Notebook) {
    let p = &nb.profile;
    doc.blocks.push(Block::KeyValues(vec![
        ("Họ và tên".to_owned(), p.full_name.as_str().into()),
        (
            "Ngày sinh".to_owned(),
            p.birth_date.map(dmy).unwrap_or_default().into(),
        ),
        ("Chức vụ Đảng".to_owned(), p.party_post.as_str().into()),
        (
            "Chức vụ chính quyền".to_owned(),
            p.government_post.as_str().into(),
        ),
        ("Chức vụ đoàn thể".to_owned(), p.mass_post.as_str().into()),
        ("Đơn vị công tác".to_owned(), p.workplace.as_str().into()),
        ("Chi bộ".to_owned(), p.cell.as_str().into()),
    ]));
}

fn member_lines<'a>(doc: &mut Document<'a>, nb: &'a Notebook, year: Year) {
    let p = &nb.profile;
    let standing = p.standing_on(Date::new(year, 12, 31).unwrap_or(Date::MAX));
    let mut kv = vec![
        ("Họ và tên".to_owned(), p.full_name.as_str().into()),
        (
            "Ngày sinh".to_owned(),
            p.birth_date.map(dmy).unwrap_or_default().into(),
        ),
        (
            "Ngày vào Đảng".to_owned(),
            p.joined_party.map(dmy).unwrap_or_default().into(),
        ),
    ];
    match standing {
        Some(crate::model::Standing::Full) => kv.push((
            "Ngày chính thức".to_owned(),
            p.made_official.map(dmy).unwrap_or_default().into(),
        )),
        Some(crate::model::Standing::Probationary) => {
            kv.push(("Đảng viên".to_owned(), "dự bị".into()))
        }
        None => {}
    }
    let posts: Vec<&str> = [&p.party_post, &p.government_post, &p.mass_post]
        .into_iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    kv.push(("Chức vụ".to_owned(), posts.join("; ").into()));
    kv.push(("Đơn vị công tác".to_owned(), p.workplace.as_str().into()));
    kv.push(("Chi bộ".to_owned(), p.cell.as_str().into()));
    doc.blocks.push(Block::KeyValues(kv));
}

/// "Bản cam kết tu dưỡng, rèn luyện, phấn đấu năm …". No central form was
/// found (notes/rules-facts.md §3): the layout is the local convention of
/// the self-review's header, the registration table by area (as in the
/// Tây Ninh register), and the member's and the cell's signatures.
fn commitment<'a>(settings: &Settings, nb: &'a Notebook, year: Year) -> Document<'a> {
    let book = nb.years.get(&year);
    let title = format!("BẢN CAM KẾT TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU NĂM {year}");
    let mut doc = Document::new(format!("{title} — {}", for_title(&nb.profile.full_name)));
    let date = book.and_then(|b| b.registration.date);
    header(&mut doc, nb, date);
    doc.centered_heading(1, title);
    member_lines(&mut doc, nb, year);
    let theme = book.and_then(|b| crate::themes::theme_line(settings, &b.theme_id, year));
    if let Some(line) = theme {
        doc.paragraph(line);
    }
    doc.paragraph(
        "Căn cứ chức trách, nhiệm vụ được giao và chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh của năm, tôi xin cam kết tu dưỡng, rèn luyện, phấn đấu những nội dung sau:",
    );
    let mut rows = Vec::new();
    let mut number = 0;
    for area in Area::ALL {
        let in_area: Vec<_> = book
            .map(|b| b.commitments.iter().filter(|c| c.area == area).collect())
            .unwrap_or_default();
        if in_area.is_empty() {
            continue;
        }
        rows.push(Row {
            cells: vec![i18n::area(VI, area).to_owned()],
            group: true,
        });
        for c in in_area {
            number += 1;
            rows.push(Row {
                cells: vec![
                    number.to_string(),
                    c.content.to_string(),
                    c.measures.to_string(),
                    c.product.to_string(),
                    c.deadline.map(dmy).unwrap_or_default(),
                ],
                group: false,
            });
        }
    }
    if rows.is_empty() {
        doc.paragraph("(Chưa đăng ký nội dung cam kết.)");
    } else {
        doc.blocks.push(super::content::registration_table(rows));
    }
    doc.paragraph("Tôi xin hứa thực hiện nghiêm túc những nội dung đã cam kết và chịu sự giám sát của chi bộ.");
    let secretary = book.map_or("", |b| b.cell_review.decision.secretary.as_str());
    doc.blocks.push(Block::Signatures(vec![
        Signature {
            place_date: String::new(),
            title: "XÁC NHẬN CỦA CHI BỘ".into(),
            hint: "T/M CHI BỘ — BÍ THƯ".into(),
            name: secretary.into(),
        },
        Signature {
            place_date: String::new(),
            title: "NGƯỜI CAM KẾT".into(),
            hint: "(Ký, ghi rõ họ tên)".into(),
            name: nb.profile.full_name.as_str().into(),
        },
    ]));
    doc
}

/// "Bản kiểm điểm cá nhân năm …", in the year's form.
fn self_review(nb: &Notebook, year: Year) -> Document<'_> {
    let book = nb.years.get(&year);
    let review = book.and_then(|b| b.self_review.as_ref());
    let form = crate::themes::self_review_form(year, &nb.profile, review);
    let title = form.map_or("BẢN KIỂM ĐIỂM CÁ NHÂN", |f| f.title.as_str());
    let mut doc = Document::new(format!(
        "{title} năm {year} — {}",
        for_title(&nb.profile.full_name)
    ));
    if let Some(f) = form {
        doc.blocks.push(Block::Paragraph {
            text: if f.mark.is_empty() {
                format!("Mẫu {}", f.id)
            } else {
                f.mark.clone()
            },
            align: Align::Right,
            bold: false,
        });
    }
    header(&mut doc, nb, review.and_then(|r| r.written_on));
    doc.centered_heading(1, title);
    let mut under = format!("Năm {year}");
    if let Some(sub) = form.and_then(|f| f.subtitle.as_deref()) {
        under.push('\n');
        under.push_str(sub);
    }
    doc.blocks.push(Block::Paragraph {
        text: under,
        align: Align::Center,
        bold: false,
    });
    identity_lines(&mut doc, nb);
    let empty = SelfReview::default();
    let r = review.unwrap_or(&empty);
    if let Some(f) = form {
        form_blocks(&mut doc, year, f, r);
    }
    let decision = book.map(|b| &b.cell_review.decision);
    doc.blocks.push(Block::Paragraph {
        text: "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ".into(),
        align: Align::Left,
        bold: true,
    });
    doc.paragraph(format!(
        "Chi bộ xếp loại: {}",
        decision
            .and_then(|d| d.final_level)
            .map_or("…………………………", |l| i18n::level(VI, l))
    ));
    doc.blocks.push(Block::Signatures(vec![
        Signature {
            place_date: place_date(decision.and_then(|d| d.signed_on)),
            title: "T/M CHI BỘ".into(),
            hint: "BÍ THƯ".into(),
            name: decision.map_or("", |d| d.secretary.as_str()).into(),
        },
        Signature {
            place_date: place_date(r.written_on),
            title: "NGƯỜI TỰ KIỂM ĐIỂM".into(),
            hint: "(Ký, ghi rõ họ tên)".into(),
            name: nb.profile.full_name.as_str().into(),
        },
    ]));
    doc
}

/// The form's sections in order, each with its text, its criteria (text
/// and rating) and, for the level section, the level proposed; then any
/// answer the form does not ask for (kept from an older form), so that
/// nothing written is left off the paper.
pub fn form_blocks(doc: &mut Document, year: Year, form: &FormSpec, r: &SelfReview) {
    let bold = |doc: &mut Document, text: &str| {
        doc.blocks.push(Block::Paragraph {
            text: text.to_owned(),
            align: Align::Left,
            bold: true,
        })
    };
    for s in &form.sections {
        bold(doc, &s.heading);
        if s.kind == SectionKind::Level {
            level_lines(doc, year, r);
            continue;
        }
        if !r.text(&s.key).is_empty() {
            doc.paragraph(r.text(&s.key));
        }
        for c in &s.criteria {
            let rating = r
                .rating(&c.key)
                .filter(|_| c.rated)
                .map(|x| format!(" — Tự đánh giá: {}", i18n::rating(VI, x)))
                .unwrap_or_default();
            bold(doc, &format!("{}{rating}", c.heading));
            if !r.text(&c.key).is_empty() {
                doc.paragraph(r.text(&c.key));
            }
        }
    }
    let known: Vec<&str> = form.keys().collect();
    for (key, answer) in &r.answers {
        if !known.contains(&key.as_str()) && !answer.text.is_empty() {
            bold(doc, &format!("(Nội dung đã viết trước: {key})"));
            doc.paragraph(answer.text.clone());
        }
    }
}

fn level_lines(doc: &mut Document, year: Year, r: &SelfReview) {
    let rules = crate::themes::rules_for(year);
    let level = r.proposed_level.map_or("…………………………", |l| {
        rules.level_name(l).unwrap_or_else(|| i18n::level(VI, l))
    });
    let mut text = format!("Tự nhận mức xếp loại: {level}");
    if let (Some(s), Some(_)) = (r.score, crate::themes::rules_for(year).points) {
        text.push_str(&format!(
            "\nTự chấm điểm: {} điểm tiêu chí chung + {} điểm kết quả nhiệm vụ = {}/100",
            s.general,
            s.tasks,
            s.total()
        ));
    }
    doc.paragraph(text);
}
