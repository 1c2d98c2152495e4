//! Generated, realistic Vietnamese notebooks for demos, benchmarks and tests.
//!
//! Deterministic for a seed: the same spec always gives the same notebooks,
//! ids included. Wording is mixed from `shared/reference/sample-content.md`
//! and varied per member, so that no two members read word for word alike.

use std::collections::BTreeMap;

use jiff::civil::date;
use uuid::Uuid;

mod meeting;

use crate::model::{
    Answer, Area, CellDecision, CellReview, Commitment, Date, Entry, EntryKind, Level, Notebook,
    Period, Profile, ProgressRecord, Rating, Registration, Remark, Score, SelfReview, Settings,
    Sex, Status, YEARS, Year, YearBook,
};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSpec {
    pub members: usize,
    pub years: u16,
    pub first_year: Year,
    pub seed: u64,
}

impl DemoSpec {
    /// Whether a cell can be made: at least one member and one year, and
    /// every year inside `model::YEARS`. `generate` expects this.
    pub fn is_valid(&self) -> bool {
        let first = i32::from(self.first_year);
        let last = first + i32::from(self.years) - 1;
        let years = i32::from(*YEARS.start())..=i32::from(*YEARS.end());
        self.members > 0 && self.years > 0 && years.contains(&first) && years.contains(&last)
    }
}

/// A demo cell: its name, its secretary, its members' notebooks and the
/// year-end meeting of each year (with more than one member).
#[derive(Clone, Debug, PartialEq)]
pub struct DemoCell {
    pub cell_name: String,
    pub secretary: String,
    pub notebooks: Vec<Notebook>,
    pub meetings: BTreeMap<Year, crate::model::Meeting>,
}

impl DemoCell {
    /// The cell as a workspace's data in memory, named after the cell.
    pub fn into_data(self) -> crate::workspace::WorkspaceData {
        let mut data = crate::workspace::WorkspaceData::default();
        data.settings.cell_name = self.cell_name;
        for nb in self.notebooks {
            data.notebooks.insert(nb.id, std::sync::Arc::new(nb));
        }
        data.meetings = self.meetings;
        data
    }
}

/// SplitMix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: i64, hi_inclusive: i64) -> i64 {
        lo + (self.next() % (hi_inclusive - lo + 1) as u64) as i64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    fn day_in(&mut self, year: Year, month: i8) -> Date {
        let first = date(year, month, 1);
        first
            .checked_add(
                jiff::Span::new().days(self.range(0, i64::from(first.days_in_month()) - 1)),
            )
            .unwrap_or(first)
    }
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ",
    "Ngô", "Hồ", "Dương", "Lý", "Đoàn", "Vũ",
];
const MIDDLE_MALE: &[&str] = &[
    "Văn", "Hữu", "Minh", "Thanh", "Quốc", "Hoài", "Đức", "Thành", "Bảo",
];
const MIDDLE_FEMALE: &[&str] = &["Thị", "Ngọc", "Thanh", "Kim", "Minh", "Hoài", "Bảo"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Châu", "Dũng", "Duy", "Đạt", "Giang", "Hạnh", "Hiếu", "Hòa", "Hùng", "Khánh",
    "Lan", "Linh", "Lộc", "Mai", "Nam", "Nga", "Nhung", "Phúc", "Quân", "Sơn", "Tâm", "Thảo",
    "Trí", "Trung", "Tuấn", "Uyên", "Ước", "Vy", "Yến",
];
const CELLS: &[&str] = &[
    "Chi bộ Ấp Thạnh Trung",
    "Chi bộ Khu phố 3",
    "Chi bộ Trường THCS Lê Lợi",
    "Chi bộ Phòng Tài chính – Kế hoạch",
    "Chi bộ Trạm Y tế xã Long Thuận",
];
const PARTY_POSTS: &[&str] = &[
    "Phó Bí thư chi bộ",
    "Chi ủy viên",
    "Đảng viên",
    "Đảng viên",
    "Đảng viên",
];
const GOV_POSTS: &[&str] = &[
    "Trưởng ấp",
    "Phó Chủ tịch UBND xã",
    "Giáo viên",
    "Kế toán",
    "Công chức Văn phòng – Thống kê",
    "Y sĩ",
    "",
];
const MASS_POSTS: &[&str] = &[
    "Chi hội trưởng Hội Nông dân",
    "Ủy viên Ban Chấp hành Công đoàn",
    "Chi hội trưởng Hội Cựu chiến binh",
    "Tổ trưởng tổ dân cư",
    "",
    "",
];
const WORKPLACES: &[&str] = &[
    "UBND xã Long Thuận",
    "Trường THCS Lê Lợi",
    "Trạm Y tế xã Long Thuận",
    "Phòng Tài chính – Kế hoạch huyện Bến Cầu",
    "Ấp Thạnh Trung",
];

/// (area, content, measures, product, a month's result while under way)
/// templates, so that a result belongs to its own commitment; `{y}` is the
/// year and `{p}` the year before.
const COMMITMENTS: &[(Area, &str, &str, &str, &str)] = &[
    (
        Area::PoliticalIdeology,
        "Tham gia đầy đủ các buổi học tập chuyên đề năm {y}",
        "Sắp xếp công việc để dự 100% các buổi học; ghi chép và viết thu hoạch",
        "Bản thu hoạch chuyên đề nộp chi bộ trước 30/6",
        "Đã tham dự buổi học tập chuyên đề ngày {d}/{m}, ghi chép đầy đủ.",
    ),
    (
        Area::PoliticalIdeology,
        "Tuyên truyền cho gia đình và hàng xóm về khối đại đoàn kết toàn dân tộc",
        "Lồng ghép vào các buổi họp tổ dân cư hằng quý",
        "4 buổi nói chuyện ở tổ dân cư",
        "Đã nói chuyện ở tổ dân cư tháng {m}; {k} hộ tham dự, {r} hộ vắng.",
    ),
    (
        Area::PoliticalIdeology,
        "Đọc và nắm vững các nghị quyết mới của Trung ương",
        "Mỗi tháng đọc một chuyên mục trên Báo Nhân Dân và ghi lại ý chính",
        "Sổ ghi chép cập nhật hằng tháng",
        "Đã đọc và ghi ý chính chuyên mục tháng {m}.",
    ),
    (
        Area::EthicsLifestyle,
        "Sống giản dị, tiết kiệm, không tổ chức tiệc tùng linh đình",
        "Đám giỗ trong gia đình chỉ mời người thân",
        "Không có phản ánh của nhân dân",
        "Trong tháng {m} không có phản ánh của nhân dân; đám giỗ gia đình chỉ mời người thân.",
    ),
    (
        Area::EthicsLifestyle,
        "Giữ gìn gia đình văn hóa, nuôi dạy con cái học tập tốt",
        "Dành thời gian kèm con học mỗi tối",
        "Gia đình đạt danh hiệu \"Gia đình văn hóa\" năm {y}",
        "Tháng {m} kèm con học đều các tối trong tuần.",
    ),
    (
        Area::EthicsLifestyle,
        "Giúp đỡ hộ nghèo trong ấp",
        "Vận động quyên góp, trực tiếp đóng góp ngày công",
        "Hỗ trợ sửa nhà cho 1 hộ nghèo",
        "Đã vận động được {k} hộ đóng góp, còn {r} hộ chưa tham gia.",
    ),
    (
        Area::Discipline,
        "Sinh hoạt chi bộ đầy đủ, đúng giờ",
        "Không vắng mặt trừ lý do chính đáng, báo trước với chi ủy",
        "Tham dự 12/12 kỳ sinh hoạt",
        "Đã dự kỳ sinh hoạt chi bộ tháng {m}, đúng giờ.",
    ),
    (
        Area::Discipline,
        "Đóng đảng phí đầy đủ, đúng hạn",
        "Đóng vào kỳ sinh hoạt đầu tháng",
        "Không nợ đảng phí",
        "Đã đóng đảng phí tháng {m} tại kỳ sinh hoạt đầu tháng.",
    ),
    (
        Area::Discipline,
        "Chấp hành nghiêm quy định về những điều đảng viên không được làm",
        "Tự kiểm tra hằng quý",
        "Không vi phạm",
        "Tự kiểm tra tháng {m}: không vi phạm.",
    ),
    (
        Area::WorkingStyle,
        "Đi đầu trong phong trào xây dựng nông thôn mới",
        "Hiến đất làm đường, vận động các hộ lân cận",
        "Tuyến đường liên ấp được bê tông hóa",
        "Đã vận động được {k} hộ hiến đất, còn {r} hộ chưa đồng ý.",
    ),
    (
        Area::WorkingStyle,
        "Giải quyết hồ sơ của dân đúng hạn, thái độ niềm nở",
        "Lập sổ theo dõi hồ sơ, trả lời trong 3 ngày",
        "100% hồ sơ đúng hạn",
        "Tháng {m} giải quyết đúng hạn {n}% hồ sơ; đang rà soát số còn lại.",
    ),
    (
        Area::WorkingStyle,
        "Thực hiện nghiêm giờ giấc làm việc",
        "Có mặt trước 7 giờ",
        "Không đi trễ",
        "Tháng {m} không đi trễ buổi nào.",
    ),
    (
        Area::Duties,
        "Hoàn thành chỉ tiêu thu thuế của xã",
        "Phối hợp với các ấp, rà soát hộ kinh doanh",
        "Đạt 105% chỉ tiêu",
        "Hoàn thành phần việc tháng {m}, thu đạt {n}% chỉ tiêu năm tính đến nay.",
    ),
    (
        Area::Duties,
        "Nâng cao chất lượng dạy học môn Toán lớp 9",
        "Dự giờ đồng nghiệp, đổi mới phương pháp",
        "Tỷ lệ học sinh đạt trung bình trở lên từ 95%",
        "Đã dự giờ đồng nghiệp tháng {m}; kiểm tra giữa kỳ đạt {n}% từ trung bình trở lên.",
    ),
    (
        Area::Duties,
        "Tham gia phòng, chống dịch bệnh tại địa bàn",
        "Tham gia tổ phòng dịch cộng đồng, trực chốt khi cần",
        "Không để dịch lây lan trong ấp",
        "Tham gia trực chốt {k} ngày trong tháng {m}.",
    ),
    (
        Area::FixingShortcomings,
        "Khắc phục hạn chế \"chưa mạnh dạn phê bình\" đã nêu ở kiểm điểm năm {p}",
        "Chuẩn bị ý kiến trước mỗi kỳ sinh hoạt",
        "Ít nhất một ý kiến đóng góp mỗi kỳ",
        "Kỳ sinh hoạt tháng {m} đã phát biểu góp ý một lần.",
    ),
    (
        Area::FixingShortcomings,
        "Khắc phục việc chậm nộp báo cáo",
        "Lập lịch nhắc việc",
        "Báo cáo đúng hạn",
        "Báo cáo tháng {m} nộp đúng hạn theo lịch nhắc việc.",
    ),
];

const RESULTS_DONE: &[&str] = &[
    "Đã hoàn thành, có xác nhận của chi ủy.",
    "Hoàn thành đúng hạn, sản phẩm đã nộp chi bộ.",
    "Đã thực hiện xong, kết quả được chi bộ ghi nhận tại kỳ sinh hoạt.",
];
const RESULTS_STALLED: &[&str] = &[
    "Chưa thực hiện do dịch bệnh, các buổi họp tổ dân cư tạm dừng.",
    "Chưa triển khai được vì vướng công tác đột xuất; sẽ bù vào tháng sau.",
];
const EVIDENCE: &[&str] = &[
    "Biên bản sinh hoạt chi bộ tháng {m}",
    "Sổ theo dõi hồ sơ",
    "Bản thu hoạch đã nộp",
    "Xác nhận của trưởng ấp",
    "",
    "",
];
const ENTRY_STUDY: &[&str] = &[
    "Ghi chép buổi học chuyên đề năm {y} — phần {r}",
    "Đọc Báo Nhân Dân: bài về xây dựng Đảng",
    "Học tập nghị quyết: ý chính cần nhớ",
];
const ENTRY_PRACTICE: &[&str] = &[
    "Tham gia trực chốt kiểm soát dịch ở cầu Bến Sỏi",
    "Cùng tổ dân cư dọn vệ sinh tuyến đường liên ấp",
    "Thăm hỏi gia đình chính sách trong ấp",
    "Vận động hộ dân hiến đất làm đường",
];
const ENTRY_MEETING: &[&str] = &[
    "Kỳ sinh hoạt tháng {m}: chi bộ nhận xét việc thực hiện cam kết",
    "Sinh hoạt chuyên đề tháng {m}",
];
const ENTRY_SENTENCES: &[&str] = &[
    "Tư tưởng Hồ Chí Minh về đại đoàn kết dân tộc là bài học còn nguyên giá trị.",
    "Bản thân cần gương mẫu hơn trong việc vận động bà con.",
    "Chi bộ nhắc nhở các đồng chí còn chậm cập nhật tiến độ cam kết.",
    "Ghi lại ba việc cần làm ngay trong tháng tới.",
    "Bà con đồng tình, nhiều hộ chủ động đóng góp ngày công.",
    "Đã trao đổi với đồng chí bí thư về cách làm ở tổ dân cư.",
    "Cần sắp xếp thời gian hợp lý giữa công việc cơ quan và gia đình.",
    "Đoàn kết trong Đảng là nguồn gốc sức mạnh của Đảng.",
    "Nội dung buổi học gắn với thực tế địa phương, dễ hiểu, dễ làm theo.",
    "Qua đợt này thấy rõ hơn trách nhiệm nêu gương của người đảng viên.",
];
const STRENGTHS: &[&str] = &[
    "Luôn giữ vững lập trường tư tưởng chính trị; hoàn thành tốt các cam kết đã đăng ký.",
    "Chấp hành nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước; đoàn kết với đồng chí, đồng nghiệp.",
    "Gương mẫu trong lối sống, gia đình giữ vững danh hiệu gia đình văn hóa.",
];
const SHORTCOMINGS: &[&str] = &[
    "Có lúc còn ngại va chạm; việc tuyên truyền trong tổ dân cư chưa đều.",
    "Việc cập nhật tiến độ cam kết có tháng còn chậm.",
    "Chưa mạnh dạn phê bình và tự phê bình trong sinh hoạt chi bộ.",
];
const CAUSES: &[&str] = &[
    "Chủ quan, chưa sắp xếp thời gian hợp lý.",
    "Công việc chuyên môn nhiều, có lúc chưa cân đối được.",
];
const REMEDIES: &[&str] = &[
    "Năm tới lập kế hoạch cụ thể từng quý và báo cáo chi bộ.",
    "Chuẩn bị ý kiến trước mỗi kỳ sinh hoạt; cập nhật sổ ngay sau buổi họp.",
];
/// The cell's remark on a quarter, by what the member recorded in it.
fn quarter_remark(book: &YearBook, quarter: u8) -> &'static str {
    let months = quarter * 3 - 2..=quarter * 3;
    let in_quarter =
        |p: &&ProgressRecord| matches!(p.period, Period::Month(m) if months.contains(&m));
    let recorded: std::collections::BTreeSet<_> = book
        .progress
        .iter()
        .filter(in_quarter)
        .map(|p| p.commitment)
        .collect();
    let done = book
        .progress
        .iter()
        .filter(|p| p.status == Status::Done && p.period.last_month() <= quarter * 3)
        .map(|p| p.commitment)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if recorded.len() < book.commitments.len() {
        "Còn chậm cập nhật kết quả thực hiện, đề nghị khắc phục trong quý tới."
    } else if done * 2 >= book.commitments.len() {
        "Đồng chí thực hiện nghiêm túc cam kết, nhiều nội dung đã hoàn thành."
    } else {
        "Tiến độ đạt yêu cầu; đề nghị bổ sung minh chứng cho các cam kết đã hoàn thành."
    }
}

fn fill(template: &str, rng: &mut Rng, year: Year, month: u8) -> String {
    let mut s = template
        .replace("{y}", &year.to_string())
        .replace("{p}", &(year - 1).to_string())
        .replace("{m}", &month.to_string());
    if s.contains("{d}") {
        s = s.replace("{d}", &rng.range(1, 28).to_string());
    }
    if s.contains("{n}") {
        let n = (u64::from(month) * 8).min(95) + rng.range(0, 5) as u64;
        s = s.replace("{n}", &n.to_string());
    }
    if s.contains("{k}") {
        s = s
            .replace("{k}", &rng.range(1, 6).to_string())
            .replace("{r}", &rng.range(1, 4).to_string());
    }
    const PARTS: [&str; 3] = ["I", "II", "III"];
    let part = PARTS[rng.below(PARTS.len())];
    s.replace("{r}", part)
}

/// Generates a cell of `spec.members` notebooks over `spec.years` years.
pub fn generate(spec: DemoSpec) -> DemoCell {
    let mut rng = Rng(spec.seed ^ 0x5350_4844_454D_4F00);
    let cell_name = (*rng.pick(CELLS)).to_owned();
    let secretary = person_name(&mut rng).0;
    let mut notebooks: Vec<Notebook> = (0..spec.members)
        .map(|_| member(&mut rng, spec, &cell_name, &secretary))
        .collect();
    let years = (0..spec.years).map(|offset| spec.first_year + offset as Year);
    let meetings = meeting::add_meetings(spec.seed, &cell_name, &secretary, years, &mut notebooks);
    DemoCell {
        cell_name,
        secretary,
        notebooks,
        meetings,
    }
}

fn person_name(rng: &mut Rng) -> (String, Sex) {
    let sex = if rng.chance(45) {
        Sex::Female
    } else {
        Sex::Male
    };
    let middle = match sex {
        Sex::Female => rng.pick(MIDDLE_FEMALE),
        Sex::Male => rng.pick(MIDDLE_MALE),
    };
    (
        format!("{} {} {}", rng.pick(FAMILY), middle, rng.pick(GIVEN)),
        sex,
    )
}

/// The party committee a demo cell belongs to: cells of a commune's
/// hamlets, school and clinic under the commune's committee, the district
/// office's cell under the district bodies' committee.
fn committee_of(cell: &str) -> &'static str {
    if cell.contains("Phòng") {
        "Đảng bộ Khối cơ quan huyện"
    } else if cell.contains("Khu phố") {
        "Đảng bộ thị trấn"
    } else {
        "Đảng bộ xã Long Thuận"
    }
}

fn member(rng: &mut Rng, spec: DemoSpec, cell: &str, secretary: &str) -> Notebook {
    let id = rng.uuid();
    let (full_name, sex) = person_name(rng);
    let born = rng.range(1958, 1996) as Year;
    let joined = date(
        born + rng.range(21, 35) as Year,
        rng.range(1, 12) as i8,
        rng.range(1, 28) as i8,
    );
    let official = joined
        .checked_add(jiff::Span::new().years(1))
        .unwrap_or(joined);
    let profile = Profile {
        full_name,
        birth_date: Some(date(born, rng.range(1, 12) as i8, rng.range(1, 28) as i8)),
        sex: Some(sex),
        joined_party: Some(joined),
        made_official: Some(official),
        card_number: rng
            .chance(80)
            .then(|| format!("{:02}.{:06}", rng.range(10, 99), rng.range(0, 999_999))),
        party_post: (*rng.pick(PARTY_POSTS)).to_owned(),
        government_post: (*rng.pick(GOV_POSTS)).to_owned(),
        mass_post: (*rng.pick(MASS_POSTS)).to_owned(),
        workplace: (*rng.pick(WORKPLACES)).to_owned(),
        cell: cell.to_owned(),
        revision: 1,
        ..Profile::default()
    };
    let mut profile = profile;
    profile.party_committee = committee_of(cell).to_owned();
    // Heads and deputies of a body hold a managing post (form 02B).
    let gov = profile.government_post.to_lowercase();
    profile.leader = gov.starts_with("trưởng") || gov.starts_with("phó");
    let mut notebook = Notebook::new(id, profile);
    let diligence = rng.range(55, 95) as u64;
    for offset in 0..spec.years {
        let year = spec.first_year + offset as Year;
        let book = year_book(rng, year, diligence, secretary, &notebook.profile);
        notebook.years.insert(year, book);
    }
    notebook
}

fn year_book(
    rng: &mut Rng,
    year: Year,
    diligence: u64,
    secretary: &str,
    profile: &Profile,
) -> YearBook {
    let mut book = YearBook::new(crate::themes::default_for(&Settings::default(), year));
    book.registration = Registration {
        date: Some(date(year, 1, rng.range(5, 25) as i8)),
        revision: 1,
    };
    let mut ongoing_results = std::collections::BTreeMap::new();
    for area in &Area::ALL[..6] {
        let templates: Vec<_> = COMMITMENTS.iter().filter(|t| t.0 == *area).collect();
        let count = rng.range(1, templates.len().min(3) as i64) as usize;
        let start = rng.below(templates.len());
        for order in 0..count {
            let (_, content, measures, product, ongoing) =
                templates[(start + order) % templates.len()];
            let deadline = match rng.below(4) {
                0 => None,
                1 => Some(date(year, 6, 30)),
                2 => Some(
                    date(year, rng.range(3, 11) as i8 + 1, 1)
                        .yesterday()
                        .unwrap_or(date(year, 6, 30)),
                ),
                _ => Some(date(year, 12, 31)),
            };
            let id = rng.uuid();
            ongoing_results.insert(id, *ongoing);
            book.commitments.push(Commitment {
                id,
                area: *area,
                content: fill(content, rng, year, 1).into(),
                measures: fill(measures, rng, year, 1).into(),
                product: fill(product, rng, year, 1).into(),
                deadline,
                order: order as u32,
                revision: 1,
            });
        }
    }
    book.commitments.sort_by_key(Commitment::sort_key);

    let mut final_done = 0;
    for c in &book.commitments {
        let done_month = rng.range(3, 15) as u8; // past 12: never done
        let stalls = rng.chance(15);
        for month in 1..=12u8 {
            if !rng.chance(diligence) {
                continue;
            }
            let status = if month >= done_month {
                Status::Done
            } else if month == 12 && stalls {
                Status::NotAchieved
            } else if month == 1 && rng.chance(40) {
                Status::NotStarted
            } else {
                Status::InProgress
            };
            let template = match status {
                Status::Done => rng.pick(RESULTS_DONE),
                Status::NotStarted | Status::NotAchieved => rng.pick(RESULTS_STALLED),
                Status::InProgress => ongoing_results.get(&c.id).copied().unwrap_or(""),
            };
            book.progress.push(ProgressRecord {
                commitment: c.id,
                period: Period::Month(month),
                status,
                result: fill(template, rng, year, month).into(),
                evidence: {
                    let evidence = *rng.pick(EVIDENCE);
                    fill(evidence, rng, year, month).into()
                },
                written_on: rng.day_in(year, month as i8),
                revision: 1,
            });
        }
        if done_month <= 12 {
            final_done += 1;
        }
    }
    book.progress.sort_by_key(ProgressRecord::sort_key);

    let entries = rng.range(12, 40);
    for _ in 0..entries {
        let month = rng.range(1, 12) as u8;
        let kind = *rng.pick(&EntryKind::ALL[..3]);
        let titles = match kind {
            EntryKind::Study => ENTRY_STUDY,
            EntryKind::Practice => ENTRY_PRACTICE,
            _ => ENTRY_MEETING,
        };
        let sentences = rng.range(2, 5);
        let text = (0..sentences)
            .map(|_| *rng.pick(ENTRY_SENTENCES))
            .collect::<Vec<_>>()
            .join(" ");
        let linked = if rng.chance(50) && !book.commitments.is_empty() {
            vec![book.commitments[rng.below(book.commitments.len())].id]
        } else {
            Vec::new()
        };
        book.entries.push(Entry {
            id: rng.uuid(),
            date: rng.day_in(year, month as i8),
            kind,
            title: {
                let title = *rng.pick(titles);
                fill(title, rng, year, month).into()
            },
            text: text.into(),
            commitments: linked,
            revision: 1,
        });
    }
    book.entries.sort_by_key(Entry::sort_key);

    let share_done = final_done * 100 / book.commitments.len().max(1);
    let mut proposed = match share_done {
        90.. if rng.chance(30) => Level::Excellent,
        60.. => Level::Good,
        30.. => Level::Completed,
        _ => Level::NotCompleted,
    };
    // Where the year's rules score out of 100, the level follows the score.
    let score = crate::themes::rules_for(year).points.map(|scale| {
        let general = rng.range(22, i64::from(scale.general_max)) as u8;
        let tasks = (u64::from(scale.tasks_max) * (share_done as u64).max(40) / 100) as u8;
        let score = Score { general, tasks };
        proposed = scale.level(score.total());
        score
    });
    let shortcomings = format!(
        "{}\n\nNguyên nhân: {}",
        rng.pick(SHORTCOMINGS),
        rng.pick(CAUSES)
    );
    let kept = format!(
        "Đã hoàn thành {final_done}/{} nội dung cam kết đăng ký đầu năm {year}.",
        book.commitments.len()
    );
    let form = crate::themes::self_review_form(year, profile, None);
    // Where the form rates each content, the rating follows the level.
    let rating = form
        .filter(|f| !f.ratings.is_empty())
        .map(|_| match proposed {
            Level::Excellent => Rating::Excellent,
            Level::Good => Rating::Good,
            Level::Completed => Rating::Average,
            Level::NotCompleted => Rating::Poor,
        });
    let answers = [
        ("ideology", (*rng.pick(STRENGTHS)).to_owned()),
        ("commitments", kept),
        ("shortcomings", shortcomings),
        ("remedies", (*rng.pick(REMEDIES)).to_owned()),
    ]
    .into_iter()
    .map(|(k, text)| {
        let rated = form.is_some_and(|f| {
            f.sections
                .iter()
                .flat_map(|s| &s.criteria)
                .any(|c| c.key == k && c.rated)
        });
        let rating = rating.filter(|_| rated);
        (
            k.to_owned(),
            Answer {
                text: text.into(),
                rating,
            },
        )
    })
    .collect();
    book.self_review = Some(SelfReview {
        form: form.map(|f| f.id.clone()).unwrap_or_default(),
        answers,
        declared: Default::default(),
        proposed_level: Some(proposed),
        score,
        written_on: Some(date(year, 12, rng.range(5, 20) as i8)),
        revision: 1,
    });
    let mut review = CellReview::default();
    for quarter in 1..=4u8 {
        if rng.chance(60) {
            review.remarks.push(Remark {
                id: rng.uuid(),
                period: Period::Quarter(quarter),
                commitment: None,
                author: secretary.into(),
                date: rng.day_in(year, (quarter * 3) as i8),
                text: quarter_remark(&book, quarter).into(),
                revision: 1,
            });
        }
    }
    review.remarks.sort_by_key(Remark::sort_key);
    // The cell keeps the member's level, or now and then one lower; where
    // the year scores out of 100, the level is the score's.
    let lower = match proposed {
        Level::Excellent => Level::Good,
        Level::Good => Level::Completed,
        other => other,
    };
    let final_level = match (rng.chance(85), crate::themes::rules_for(year).points, score) {
        (_, Some(scale), Some(s)) => scale.level(s.total()),
        (true, _, _) => proposed,
        (false, _, _) => lower,
    };
    // One decision of the committee classifies the whole cell.
    review.decision = CellDecision {
        score,
        proposed_level: Some(final_level),
        final_level: Some(final_level),
        decision_number: format!("{}-QĐ/ĐU", 100 + year.rem_euclid(100)),
        decided_on: year
            .checked_add(1)
            .and_then(|y| jiff::civil::Date::new(y, 1, 15).ok()),
        secretary: secretary.to_owned(),
        signed_on: Some(date(year, 12, rng.range(21, 30) as i8)),
        revision: 1,
        ..CellDecision::default()
    };
    book.cell_review = review;
    book
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(seed: u64) -> DemoSpec {
        DemoSpec {
            members: 3,
            years: 2,
            first_year: 2020,
            seed,
        }
    }

    #[test]
    fn same_seed_same_cell_other_seed_other_cell() {
        assert_eq!(generate(spec(7)), generate(spec(7)));
        assert_ne!(generate(spec(7)), generate(spec(8)));
    }

    #[test]
    fn every_member_has_every_year_and_all_six_areas() {
        let cell = generate(spec(1));
        assert_eq!(cell.notebooks.len(), 3);
        for nb in &cell.notebooks {
            assert_eq!(nb.years.keys().copied().collect::<Vec<_>>(), [2020, 2021]);
            for book in nb.years.values() {
                for area in &Area::ALL[..6] {
                    assert!(book.commitments.iter().any(|c| c.area == *area));
                }
                assert!(
                    book.entries
                        .iter()
                        .all(|e| e.date.year() == 2020 || e.date.year() == 2021)
                );
            }
        }
    }

    /// A result under way belongs to its own commitment: its fixed words
    /// (the template without the numbers) are those of the commitment's
    /// own template; and a member's committee and post agree.
    #[test]
    fn results_belong_to_their_commitment_and_profiles_agree() {
        let cell = generate(spec(3));
        let fixed = |t: &str| t.split('{').next().unwrap_or("").to_owned();
        for nb in &cell.notebooks {
            for (year, book) in &nb.years {
                for p in book
                    .progress
                    .iter()
                    .filter(|p| p.status == Status::InProgress)
                {
                    let c = book.commitment(p.commitment).unwrap();
                    let template = COMMITMENTS
                        .iter()
                        .find(|t| fill(t.1, &mut Rng(0), *year, 1) == c.content)
                        .unwrap();
                    assert!(
                        p.result.starts_with(&fixed(template.4)),
                        "{} ← {}",
                        c.content,
                        p.result
                    );
                }
            }
            for book in nb.years.values() {
                for r in &book.cell_review.remarks {
                    let Period::Quarter(q) = r.period else {
                        continue;
                    };
                    assert_eq!(r.text, quarter_remark(book, q));
                }
                let review = book.self_review.as_ref().unwrap();
                let decided = book.cell_review.decision.final_level.unwrap();
                assert!(
                    decided >= review.proposed_level.unwrap(),
                    "never above the proposal"
                );
            }
            assert_eq!(nb.profile.party_committee, committee_of(&nb.profile.cell));
            let gov = nb.profile.government_post.to_lowercase();
            assert_eq!(
                nb.profile.leader,
                gov.starts_with("trưởng") || gov.starts_with("phó")
            );
        }
    }
}
