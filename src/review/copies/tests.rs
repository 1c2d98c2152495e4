//! Copied-text detection on small hand-made notebooks whose answers are
//! known: exact and near copies found, common and theme sentences left out,
//! different and short texts not matched.

use uuid::Uuid;

use super::*;
use crate::model::{Area, Commitment, Profile};

const YEAR: Year = 2020;

/// Texts no two of which are alike: what the other members write.
const OWN: &[&str] = &[
    "Nâng cao chất lượng dạy học môn Toán lớp 9 bằng cách dự giờ đồng nghiệp",
    "Hoàn thành chỉ tiêu thu thuế của xã, phối hợp với các ấp rà soát hộ kinh doanh",
    "Tham gia tổ phòng dịch cộng đồng, trực chốt kiểm soát ở cầu Bến Sỏi khi cần",
    "Lập sổ theo dõi hồ sơ hành chính, trả lời công dân trong vòng ba ngày làm việc",
    "Mỗi tháng đọc một chuyên mục trên Báo Nhân Dân và ghi lại những ý chính",
    "Vận động quyên góp, trực tiếp đóng góp ngày công sửa nhà cho hộ nghèo trong ấp",
    "Dành thời gian kèm con học mỗi tối, giữ nếp nhà ngăn nắp và hòa thuận",
    "Chuẩn bị ý kiến trước mỗi kỳ sinh hoạt để mạnh dạn phê bình và tự phê bình",
    "Có mặt ở cơ quan trước bảy giờ sáng, không bỏ việc riêng trong giờ hành chính",
    "Tuyên truyền cho bà con hàng xóm về bảo vệ môi trường và phân loại rác tại nguồn",
];

/// More texts unlike each other and unlike `OWN`.
const MORE: &[&str] = &[
    "Tích cực học tập nâng cao trình độ lý luận chính trị và chuyên môn nghiệp vụ.",
    "Giữ mối liên hệ mật thiết với nhân dân nơi cư trú, lắng nghe ý kiến của bà con.",
    "Thẳng thắn góp ý với đồng nghiệp, không nể nang hay né tránh khuyết điểm.",
    "Thực hành tiết kiệm điện nước ở văn phòng, tắt thiết bị khi ra về mỗi chiều.",
    "Kịp thời báo cáo chi ủy những việc phát sinh ở địa bàn được phân công phụ trách.",
    "Hướng dẫn đoàn viên thanh niên làm hồ sơ vay vốn phát triển sản xuất chăn nuôi.",
];

fn member(n: u128, contents: &[&str], strengths: &str) -> Notebook {
    let mut book = YearBook::new("2020");
    for (i, content) in contents.iter().enumerate() {
        book.commitments.push(Commitment {
            id: Uuid::from_u128(n * 100 + i as u128),
            area: Area::Duties,
            content: (*content).into(),
            measures: Default::default(),
            product: Default::default(),
            deadline: None,
            order: i as u32,
            revision: 1,
        });
    }
    let mut review = SelfReview::default();
    review.set_text("strengths", strengths.to_owned());
    book.self_review = Some(review);
    let mut nb = Notebook::new(
        Uuid::from_u128(n),
        Profile {
            full_name: format!("Đảng viên {n}"),
            ..Profile::default()
        },
    );
    nb.years.insert(YEAR, book);
    nb
}

/// A cell of `OWN.len()` members each writing their own commitment, then
/// the members given, numbered after them.
fn cell(extra: Vec<(&[&str], &str)>) -> Vec<Notebook> {
    let mut cell: Vec<Notebook> = OWN
        .iter()
        .enumerate()
        .map(|(i, own)| member(i as u128 + 1, &[own], ""))
        .collect();
    for (i, (contents, strengths)) in extra.into_iter().enumerate() {
        cell.push(member(100 + i as u128, contents, strengths));
    }
    cell
}

fn copies(cell: &[Notebook]) -> CopyReport {
    find_copies(YEAR, cell, &Settings::default())
}

fn members(group: &CopyGroup) -> Vec<u128> {
    group.passages.iter().map(|p| p.member.as_u128()).collect()
}

#[test]
fn different_texts_are_not_matched() {
    let report = copies(&cell(vec![]));
    assert_eq!(report.groups, vec![]);
    assert!(report.flags.is_empty());
}

#[test]
fn exact_copies_are_found_across_case_diacritics_and_spacing() {
    let original = "Giữ gìn gia đình văn hóa, nuôi dạy con cái học tập tốt";
    let report = copies(&cell(vec![
        (&[original], ""),
        (
            &["GIỮ GÌN  gia đình văn hoá,nuôi dạy con cái   học tập tốt."],
            "",
        ),
        (
            &["giu gin gia dinh van hoa nuoi day con cai hoc tap tot"],
            "",
        ),
    ]));
    assert_eq!(report.groups.len(), 1, "{report:#?}");
    let group = &report.groups[0];
    assert_eq!(group.similarity, 1.0);
    assert_eq!(members(group), vec![100, 101, 102]);
    let first = &group.passages[0];
    assert_eq!(first.text, original, "the member's text as written");
    assert_eq!(first.kind, PassageKind::CommitmentContent);
    assert_eq!(first.record, Some(Uuid::from_u128(10_000)));
    assert_eq!(first.year, YEAR);
    for id in [100u128, 101, 102] {
        let flag = report.flag(Uuid::from_u128(id)).expect("flagged");
        assert_eq!((flag.groups, flag.highest), (1, 1.0));
    }
    assert!(report.flag(Uuid::from_u128(1)).is_none());
}

#[test]
fn near_copies_with_a_few_words_changed_are_found() {
    let a = "Năm qua luôn giữ vững lập trường tư tưởng chính trị, chấp hành nghiêm \
             chủ trương của Đảng; đoàn kết với đồng chí, đồng nghiệp trong cơ quan.";
    let b = "Trong năm luôn giữ vững lập trường tư tưởng chính trị, chấp hành tốt \
             chủ trương của Đảng; đoàn kết với đồng chí, đồng nghiệp ở cơ quan.";
    let report = copies(&cell(vec![(&[], a), (&[], b)]));
    assert_eq!(report.groups.len(), 1, "{report:#?}");
    let group = &report.groups[0];
    assert!(
        group.similarity < 1.0 && group.similarity >= 0.6,
        "{}",
        group.similarity
    );
    assert_eq!(members(group), vec![100, 101]);
    assert_eq!(
        group.passages[1].kind,
        PassageKind::SelfReview("strengths".into())
    );
    assert_eq!(group.passages[1].record, None);
}

#[test]
fn d_with_stroke_folds_to_d() {
    let report = copies(&cell(vec![
        (
            &["Đóng đảng phí đầy đủ, đúng hạn vào kỳ sinh hoạt đầu tháng"],
            "",
        ),
        (
            &["DONG DANG PHI DAY DU, DUNG HAN VAO KY SINH HOAT DAU THANG"],
            "",
        ),
    ]));
    assert_eq!(report.groups.len(), 1, "{report:#?}");
    assert_eq!(report.groups[0].similarity, 1.0);
}

#[test]
fn most_similar_groups_come_first() {
    let near_a = "Đi đầu trong phong trào xây dựng nông thôn mới ở ấp Thạnh Trung, \
                  vận động bà con hiến đất làm đường liên ấp";
    let near_b = "Đi đầu trong phong trào xây dựng nông thôn mới tại ấp Thạnh Trung, \
                  vận động nhân dân hiến đất làm đường liên ấp";
    let exact = "Sống giản dị, tiết kiệm, không tổ chức tiệc tùng linh đình trong gia đình";
    let report = copies(&cell(vec![
        (&[near_a], ""),
        (&[near_b, exact], ""),
        (&[exact], ""),
    ]));
    assert_eq!(report.groups.len(), 2, "{report:#?}");
    assert_eq!(report.groups[0].similarity, 1.0);
    assert_eq!(members(&report.groups[0]), vec![101, 102]);
    assert!(report.groups[1].similarity < 1.0);
    assert_eq!(members(&report.groups[1]), vec![100, 101]);
    assert_eq!(report.flag(Uuid::from_u128(101)).map(|f| f.groups), Some(2));
}

#[test]
fn the_theme_is_left_out() {
    let settings = Settings::default();
    let theme = crate::themes::find(&settings, "2020").expect("2020 theme");
    let title = theme.title.clone();
    let quoted = format!("Học tập chuyên đề: {}", title.to_uppercase());
    let report = copies(&cell(vec![
        (&[&title], &quoted),
        (&[&title], &quoted),
        (&[&quoted], &title),
    ]));
    assert_eq!(report.groups, vec![], "{report:#?}");
}

#[test]
fn a_sentence_in_more_than_half_the_books_is_left_out() {
    let slogan = "Đoàn kết trong Đảng là nguồn gốc sức mạnh của Đảng.";
    let mut nbs = cell(vec![]);
    for (i, nb) in nbs.iter_mut().enumerate() {
        let review = nb.years.get_mut(&YEAR).and_then(|b| b.self_review.as_mut());
        if let Some(review) = review.filter(|_| i < 6) {
            review.set_text("strengths", slogan.to_owned());
        }
    }
    let report = copies(&nbs);
    assert_eq!(report.groups, vec![], "{report:#?}");
    // In fewer than half the books, the same sentence is a copy.
    for nb in &mut nbs[3..] {
        if let Some(review) = nb.years.get_mut(&YEAR).and_then(|b| b.self_review.as_mut()) {
            review.set_text("strengths", String::new());
        }
    }
    let report = copies(&nbs);
    assert_eq!(report.groups.len(), 1, "{report:#?}");
    assert_eq!(members(&report.groups[0]), vec![1, 2, 3]);
}

#[test]
fn short_texts_are_not_matched() {
    let report = copies(&cell(vec![
        (&["Không"], "Không nợ đảng phí."),
        (&["Không"], "Không nợ đảng phí."),
    ]));
    assert_eq!(report.groups, vec![], "{report:#?}");
}

#[test]
fn one_members_own_repetition_is_not_a_copy() {
    let text = "Tham gia đầy đủ các buổi học tập chuyên đề và viết bài thu hoạch";
    let report = copies(&cell(vec![(&[text, text], text)]));
    assert_eq!(report.groups, vec![], "{report:#?}");
}

#[test]
fn a_copied_paragraph_inside_a_longer_text_is_found() {
    let copied = "Có lúc còn ngại va chạm; việc tuyên truyền trong tổ dân cư chưa đều.";
    let report = copies(&cell(vec![
        (&[], &format!("{}\n{copied}", MORE[0])),
        (&[], &format!("{copied}\n\n{}", MORE[1])),
    ]));
    assert_eq!(report.groups.len(), 1, "{report:#?}");
    let group = &report.groups[0];
    assert_eq!(
        group
            .passages
            .iter()
            .map(|p| p.paragraph)
            .collect::<Vec<_>>(),
        vec![1, 0]
    );
}

/// The index finds exactly the pairs that comparing every pair finds.
#[test]
fn the_index_finds_what_all_pairs_find() {
    let demo = crate::demo::generate(crate::demo::DemoSpec {
        members: 40,
        years: 1,
        first_year: YEAR,
        seed: 7,
    });
    let books: Vec<(MemberId, &YearBook)> = demo
        .notebooks
        .iter()
        .map(|nb| (nb.id, &nb.years[&YEAR]))
        .collect();
    let mut words = Interner::default();
    let raws = raw_passages(&books, &mut words);
    // Nothing common, so that many texts take part.
    let mut texts = distinct_texts(&raws, &HashSet::new(), &[], 3);
    assert!(texts.len() > 50, "{}", texts.len());
    for threshold in [0.4, 0.6, 0.9] {
        let mut found: Vec<(usize, usize)> = similar_pairs(&mut texts, threshold)
            .into_iter()
            .map(|(_, a, b)| (a.min(b), a.max(b)))
            .collect();
        found.sort_unstable();
        let mut all = Vec::new();
        for a in 0..texts.len() {
            for b in a + 1..texts.len() {
                if jaccard(&texts[a].features, &texts[b].features) >= f64::from(threshold) - 1e-9 {
                    all.push((a, b));
                }
            }
        }
        assert!(threshold > 0.8 || !all.is_empty(), "threshold {threshold}");
        assert_eq!(found, all, "threshold {threshold}");
    }
}

#[test]
fn a_copy_beside_a_theme_quotation_is_still_found() {
    let settings = Settings::default();
    let title = crate::themes::find(&settings, "2020")
        .expect("2020 theme")
        .title
        .clone();
    let copied = "Tham gia đầy đủ các buổi học tập chuyên đề và viết bài thu hoạch cuối năm";
    let before = format!("{title}. {copied}.");
    let after = format!("{copied}. {title}.");
    let own = format!("{title}. {}", MORE[0]);
    let report = copies(&cell(vec![
        (&[&before], ""),
        (&[&after], ""),
        (&[&own], ""),
    ]));
    assert_eq!(report.groups.len(), 1, "{report:#?}");
    assert_eq!(members(&report.groups[0]), vec![100, 101]);
    assert!(report.flag(Uuid::from_u128(102)).is_none());
}
