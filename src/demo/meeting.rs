//! The demo cell's year-end meetings: one a year, with absences, a guest
//! from the committee above, and for each member a summary of the comments
//! and a vote that adds up to the members present. Drawn from a generator
//! of its own, so the members' notebooks stay as they were for a seed.

use std::collections::BTreeMap;

use jiff::civil::date;

use super::{Rng, person_name};
use crate::model::{Absence, Guest, Level, Meeting, Notebook, Year};

const REASONS: &[&str] = &[
    "Ốm, có đơn xin phép",
    "Đi công tác theo phân công của cơ quan",
    "Việc gia đình, đã báo trước với chi ủy",
];

const PRAISE: &[&str] = &[
    "Đồng chí thực hiện nghiêm túc các nội dung đã cam kết, gương mẫu trong sinh hoạt chi bộ",
    "Đồng chí giữ vững lập trường tư tưởng chính trị, đoàn kết, gần gũi quần chúng",
    "Đồng chí hoàn thành tốt nhiệm vụ chuyên môn, tích cực tuyên truyền ở tổ dân cư",
    "Đồng chí chấp hành tốt nguyên tắc tổ chức, tham gia đầy đủ các buổi sinh hoạt",
];

const ADVICE: &[&str] = &[
    "cần mạnh dạn hơn trong tự phê bình và phê bình",
    "cần sắp xếp thời gian để báo cáo tiến độ cam kết đúng kỳ",
    "cần chủ động hơn trong việc tuyên truyền, vận động gia đình và hàng xóm",
    "việc ghi sổ theo dõi còn chậm, cần cập nhật thường xuyên hơn",
];

/// The next level down, where some votes go.
fn lower(level: Level) -> Level {
    match level {
        Level::Excellent => Level::Good,
        Level::Good => Level::Completed,
        Level::Completed | Level::NotCompleted => Level::NotCompleted,
    }
}

/// Adds a meeting per year of `years`, and writes each member's comments
/// and votes into the year's decision.
pub(super) fn add_meetings(
    seed: u64,
    cell: &str,
    secretary: &str,
    years: impl Iterator<Item = Year>,
    notebooks: &mut [Notebook],
) -> BTreeMap<Year, Meeting> {
    let mut rng = Rng(seed ^ 0x4D45_4554_494E_4700);
    let mut meetings = BTreeMap::new();
    let place = format!(
        "Hội trường {}",
        cell.strip_prefix("Chi bộ ").unwrap_or(cell).trim()
    );
    for year in years {
        let held: Vec<usize> = (0..notebooks.len())
            .filter(|&i| notebooks[i].years.contains_key(&year))
            .collect();
        if held.len() < 2 {
            continue;
        }
        let mut absent_at = Vec::new();
        for _ in 0..rng.range(0, (held.len() / 6).min(3) as i64) {
            let i = held[rng.below(held.len())];
            if !absent_at.contains(&i) {
                absent_at.push(i);
            }
        }
        let absent: Vec<Absence> = absent_at
            .iter()
            .map(|&i| Absence {
                member: Some(notebooks[i].id),
                name: notebooks[i].profile.full_name.clone(),
                reason: (*rng.pick(REASONS)).to_owned(),
            })
            .collect();
        let present = (held.len() - absent.len()) as u32;
        let minute_taker = held
            .iter()
            .map(|&i| &notebooks[i])
            .find(|n| {
                n.profile.party_post.contains("Chi ủy") || n.profile.party_post.contains("Phó")
            })
            .unwrap_or(&notebooks[held[0]])
            .profile
            .full_name
            .clone();
        let day = rng.range(18, 28) as i8;
        let meeting = Meeting {
            date: Some(date(year, 12, day)),
            starts_at: "14 giờ 00".to_owned(),
            ends_at: format!("{} giờ {:02}", rng.range(16, 17), rng.range(0, 5) * 10),
            place: place.clone(),
            chair: secretary.to_owned(),
            minute_taker,
            members_total: None,
            absent,
            guests: vec![Guest {
                name: person_name(&mut rng).0,
                post: "Đảng ủy viên, phụ trách chi bộ".to_owned(),
            }],
            proceedings: format!(
                "1. Đồng chí {secretary}, Bí thư chi bộ, quán triệt mục đích, yêu cầu, nội dung kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year} theo hướng dẫn của cấp ủy cấp trên.\n2. Từng đảng viên trình bày bản tự kiểm điểm, tự nhận mức xếp loại và việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu trong năm.\n3. Chi bộ thảo luận, góp ý cho từng đảng viên; chi ủy nhận xét, đánh giá.\n4. Chi bộ biểu quyết đề xuất mức xếp loại đối với từng đảng viên."
            ),
            conclusion: format!(
                "Chi bộ thống nhất kết quả biểu quyết đề xuất mức xếp loại đối với từng đảng viên năm {year}; giao chi ủy hoàn chỉnh hồ sơ, báo cáo cấp ủy cấp trên xem xét, quyết định. Từng đảng viên xây dựng kế hoạch khắc phục hạn chế, khuyết điểm đã được góp ý."
            ),
            revision: 1,
        };
        for &i in &held {
            let Some(book) = notebooks[i].years.get_mut(&year) else {
                continue;
            };
            let d = &mut book.cell_review.decision;
            let Some(level) = d.proposed_level else {
                continue;
            };
            let aside = (rng.range(0, 2) as u32).min(present.saturating_sub(1));
            let mut votes = BTreeMap::from([(level, present - aside)]);
            if aside > 0 && lower(level) != level {
                votes.insert(lower(level), aside);
            } else {
                votes.insert(level, present);
            }
            d.votes = votes;
            d.comments = format!("{}; {}.", rng.pick(PRAISE), rng.pick(ADVICE));
        }
        meetings.insert(year, meeting);
    }
    meetings
}
