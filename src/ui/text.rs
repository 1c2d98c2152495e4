//! Every string the window shows, keyed by id, in Vietnamese and English
//! (STYLE.md: a second language is a table, not a code change).

use crate::model::{Area, EntryKind, Language, Level, Period, Status};

macro_rules! texts {
    ($($id:ident => $vi:literal, $en:literal;)*) => {
        /// A visible string, by id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($id),* }

        impl T {
            pub fn get(self, language: Language) -> &'static str {
                match (self, language) {
                    $((T::$id, Language::Vietnamese) => $vi,
                      (T::$id, Language::English) => $en,)*
                }
            }
        }
    };
}

texts! {
    AppTitle => "Sổ phấn đấu", "Party member's notebook";
    MenuNotebook => "Sổ", "Notebook";
    MenuEdit => "Sửa", "Edit";
    MenuView => "Xem", "View";
    CmdUndo => "Hoàn tác", "Undo";
    CmdUndoTip => "Bỏ thay đổi vừa làm", "Take back the last change";
    CmdRedo => "Làm lại", "Redo";
    CmdRedoTip => "Làm lại thay đổi vừa hoàn tác", "Do again what was undone";
    CmdSaveNow => "Lưu ngay", "Save now";
    CmdSaveNowTip => "Sổ vẫn tự lưu; lệnh này ghi ngay xuống đĩa", "The notebook saves itself; this writes to disk at once";
    CmdNewNotebook => "Lập sổ mới…", "New notebook…";
    CmdNewNotebookTip => "Lập sổ cho một đảng viên khác", "Start a notebook for another member";
    CmdQuit => "Thoát", "Quit";
    CmdQuitTip => "Lưu và đóng chương trình", "Save and close the program";
    CmdLanguage => "English", "Tiếng Việt";
    CmdExport => "Xuất file…", "Export…";
    CmdExportTip => "Xuất sổ ra PDF để in, Word để sửa, Excel để tổng hợp", "Export notebooks to PDF to print, Word to edit, Excel to summarise";
    NothingToExport => "Chưa có sổ nào để xuất; hãy lập sổ trước.", "There is no notebook to export yet; start one first.";
    ExportCrashed => "Xuất file gặp lỗi bất ngờ và đã dừng; tệp cũ (nếu có) vẫn giữ nguyên.", "The export failed unexpectedly and stopped; any earlier file is untouched.";
    ExportTitle => "Xuất file", "Export";
    ExportFormat => "Định dạng", "Format";
    FormatPdf => "PDF — để in", "PDF — to print";
    FormatDocx => "Word (DOCX) — để sửa", "Word (DOCX) — to edit";
    FormatXlsx => "Excel (XLSX) — để tổng hợp", "Excel (XLSX) — to summarise";
    FormatMarkdown => "Văn bản Markdown", "Markdown text";
    ExportScope => "Phạm vi", "Scope";
    ExportThisYear => "Sổ của {0}, năm {1}", "{0}'s notebook, {1}";
    ExportAllYears => "Sổ của {0}, mọi năm ({1} năm)", "{0}'s notebook, all years ({1})";
    ExportWholeCell => "Cả chi bộ, năm {0} ({1} đảng viên)", "The whole cell, {0} ({1} members)";
    ExportWholeCellAllYears => "Cả chi bộ, mọi năm ({0})", "The whole cell, all years ({0})";
    ExportDestination => "Lưu vào", "Save to";
    ExportPick => "Chọn chỗ lưu…", "Choose where…";
    ExportPickTip => "Mở hộp chọn thư mục và tên tệp; cũng có thể gõ đường dẫn vào ô trên", "Open the file dialog; you can also type the path in the field above";
    ExportPickTitle => "Chọn chỗ lưu tệp xuất", "Where to save the export";
    ExportPicking => "Đang mở hộp chọn… (nếu không thấy, hãy gõ đường dẫn vào ô trên)", "Opening the file dialog… (if none appears, type the path above)";
    ExportNoDialog => "Máy này không mở được hộp chọn tệp; hãy gõ đường dẫn vào ô trên.", "This computer cannot show a file dialog; type the path above.";
    ExportExists => "Tệp này đã có; xuất sẽ ghi đè lên tệp cũ.", "This file exists; exporting replaces it.";
    ExportGo => "Xuất", "Export";
    ExportOverwrite => "Ghi đè", "Replace";
    ExportClose => "Đóng", "Close";
    ExportRunning => "Đang xuất…", "Exporting…";
    ExportStop => "Dừng", "Stop";
    ExportStopping => "Đang dừng…", "Stopping…";
    ExportDone => "Đã xuất: {0}", "Exported: {0}";
    ExportOpenFolder => "Mở thư mục", "Open folder";
    ExportOpenFile => "Mở tệp", "Open file";
    ExportOpenFailed => "Không mở được: {0}", "Could not open: {0}";
    ExportNoPath => "Hãy gõ hoặc chọn chỗ lưu tệp.", "Type or choose where to save the file.";
    ExportIsFolder => "Đây là một thư mục; hãy thêm tên tệp vào cuối đường dẫn.", "This is a folder; add a file name at the end of the path.";
    ExportBadFolder => "Không lưu được vào {0}: đó là một tệp, không phải thư mục.", "Cannot save into {0}: it is a file, not a folder.";

    CmdLanguageTip => "Đổi ngôn ngữ giao diện", "Change the interface language";
    TextSize => "Cỡ chữ", "Text size";
    SizeNormal => "Vừa", "Normal";
    SizeLarge => "Lớn", "Large";
    SizeLarger => "Rất lớn", "Larger";
    Appearance => "Giao diện", "Appearance";
    ThemeSystem => "Theo hệ thống", "Follow the system";
    ThemeLight => "Sáng", "Light";
    ThemeDark => "Tối", "Dark";

    NavProfile => "Lý lịch", "Profile";
    NavRegistration => "Đăng ký cam kết", "Commitments";
    NavProgress => "Theo dõi tiến độ", "Progress";
    NavEntries => "Ghi chép", "Entries";
    NavSelfReview => "Tự kiểm điểm", "Self-review";
    Member => "Đảng viên", "Member";
    Year => "Năm", "Year";
    OpenYear => "Mở sổ năm {0}", "Open the {0} book";
    NoYearYet => "Chưa có sổ năm {0}. Bấm «Mở sổ năm {0}» để bắt đầu đăng ký cam kết.", "There is no book for {0} yet. Press \"Open the {0} book\" to start registering commitments.";
    Outline => "Nội dung cốt lõi", "Core contents";
    ThemeOfYear => "Chuyên đề năm {0}", "Study theme of {0}";

    Saved => "Đã lưu", "Saved";
    SavedAt => "Đã lưu lúc {0}", "Saved at {0}";
    Saving => "Đang lưu…", "Saving…";
    SaveFailed => "Chưa lưu được: {0}. Hãy kiểm tra ổ đĩa còn chỗ và quyền ghi; chương trình sẽ tự thử lại.", "Not saved yet: {0}. Check the disk has room and can be written; the program will try again.";
    ReadOnly => "Chỉ xem", "Read-only";
    Dismiss => "Đã hiểu", "OK";

    WelcomeTitle => "Chào đồng chí!", "Welcome!";
    WelcomeText => "Chương trình giúp đồng chí ghi Sổ phấn đấu, tu dưỡng, rèn luyện và Sổ đăng ký cam kết ngay trên máy tính. Mọi chữ đồng chí gõ đều được tự động lưu trên máy này.", "This program keeps your notebook of striving and your register of commitments on this computer. Everything you type is saved automatically.";
    CreateMine => "Lập sổ của tôi", "Create my notebook";
    CreateMineTip => "Bắt đầu bằng lý lịch của đồng chí", "Start with your profile";
    OpenDemo => "Xem thử sổ mẫu của một chi bộ", "Look at a demo cell";
    OpenDemoTip => "Mở sổ mẫu để xem chương trình; không ảnh hưởng sổ của đồng chí", "Opens generated notebooks to look around; yours are not touched";
    DemoBanner => "Đang xem sổ mẫu. Các thay đổi ở đây không vào sổ của đồng chí.", "You are looking at a demo cell. Changes here do not touch your notebooks.";
    LeaveDemo => "Quay lại sổ của tôi", "Back to my notebooks";
    NewProfileTitle => "Lý lịch đảng viên", "Member's profile";
    NewProfileText => "Nhập họ tên rồi bấm «Lập sổ». Các mục khác có thể bổ sung sau.", "Enter the full name and press \"Create\". The rest can be added later.";
    CreateNotebook => "Lập sổ", "Create";
    Cancel => "Hủy", "Cancel";

    FullName => "Họ và tên", "Full name";
    BirthDate => "Ngày sinh", "Date of birth";
    Sex => "Giới tính", "Sex";
    Male => "Nam", "Male";
    Female => "Nữ", "Female";
    NotGiven => "Chưa ghi", "Not given";
    JoinedParty => "Ngày vào Đảng", "Joined the Party";
    MadeOfficial => "Ngày chính thức", "Made official";
    CardNumber => "Số thẻ đảng viên", "Party card number";
    PartyPost => "Chức vụ Đảng", "Party post";
    GovPost => "Chức vụ chính quyền", "Government post";
    MassPost => "Chức vụ đoàn thể", "Mass-organisation post";
    Workplace => "Đơn vị công tác", "Workplace";
    Cell => "Chi bộ", "Party cell";
    AutoSaved => "Mọi thay đổi được lưu tự động.", "Every change is saved automatically.";

    DateHint => "ngày/tháng/năm", "dd/mm/yyyy";
    Calendar => "Lịch", "Calendar";
    PrevYear => "Năm trước", "Previous year";
    PrevMonth => "Tháng trước", "Previous month";
    NextMonth => "Tháng sau", "Next month";
    NextYear => "Năm sau", "Next year";
    Today => "Hôm nay", "Today";
    ClearDate => "Bỏ ngày", "No date";
    Mon => "T2", "Mo";
    Tue => "T3", "Tu";
    Wed => "T4", "We";
    Thu => "T5", "Th";
    Fri => "T6", "Fr";
    Sat => "T7", "Sa";
    Sun => "CN", "Su";
    BadDate => "Ngày chưa đúng; gõ theo mẫu 05/03/2020.", "Not a date; type it like 05/03/2020.";

    RegistrationDate => "Ngày đăng ký", "Registered on";
    AddCommitment => "Thêm cam kết", "Add a commitment";
    Area => "Lĩnh vực", "Area";
    Content => "Nội dung cam kết", "Commitment";
    Measures => "Giải pháp, biện pháp thực hiện", "Measures";
    Product => "Sản phẩm cụ thể", "Concrete product";
    Deadline => "Thời hạn", "Deadline";
    EditCommitment => "Sửa cam kết", "Edit";
    Delete => "Xóa", "Delete";
    MoveUp => "Lên", "Up";
    MoveDown => "Xuống", "Down";
    Done => "Xong", "Done";
    NoCommitments => "Chưa có cam kết nào. Bấm «Thêm cam kết» để đăng ký nội dung phấn đấu của năm.", "No commitments yet. Press \"Add a commitment\" to register this year's.";
    NoneInArea => "Chưa có cam kết nào trong lĩnh vực này.", "No commitments in this area.";
    Deleted => "Đã xóa. Bấm «Hoàn tác» (Ctrl+Z) nếu xóa nhầm.", "Deleted. Press Undo (Ctrl+Z) if that was a mistake.";
    NeedContent => "Hãy gõ nội dung cam kết; cam kết được lưu ngay khi có nội dung.", "Type the commitment; it is saved as soon as it has text.";

    ShortNotStarted => "Chưa làm", "Not yet";
    ShortInProgress => "Đang làm", "Doing";
    ShortDone => "Xong", "Done";
    ShortNotAchieved => "Không đạt", "Failed";
    ByMonth => "Theo tháng", "By month";
    ByQuarter => "Theo quý", "By quarter";
    Status => "Tình trạng", "Status";
    Result => "Kết quả thực hiện", "Result";
    Evidence => "Minh chứng", "Evidence";
    WrittenOn => "Ngày ghi", "Written on";
    Overdue => "Quá hạn", "Overdue";
    NotWritten => "Chưa ghi", "Not written";
    ClearRecord => "Xóa kết quả kỳ này", "Clear this period";
    ProgressHint => "Bấm vào một ô để ghi kết quả của cam kết trong kỳ đó.", "Press a cell to write how the commitment went in that period.";
    ProgressOf => "{0} — {1}", "{0} — {1}";
    NeedCommitmentsFirst => "Chưa có cam kết để theo dõi. Hãy đăng ký cam kết trước.", "No commitments to track yet. Register commitments first.";

    AddEntry => "Thêm ghi chép", "Add an entry";
    Kind => "Loại", "Kind";
    AllKinds => "Tất cả", "All";
    Month => "Tháng", "Month";
    WholeYear => "Cả năm", "Whole year";
    Title => "Tiêu đề", "Title";
    Text => "Nội dung", "Text";
    Date => "Ngày", "Date";
    Linked => "Gắn với cam kết", "Linked commitments";
    NoEntries => "Chưa có ghi chép nào trong năm. Bấm «Thêm ghi chép» để ghi điều đã học tập, rèn luyện.", "No entries this year. Press \"Add an entry\" to write what you studied or did.";
    NoMatches => "Không có ghi chép nào khớp bộ lọc.", "No entry matches the filter.";
    EntriesCount => "{0} ghi chép", "{0} entries";
    PickEntry => "Chọn một ghi chép bên trái để đọc và sửa.", "Pick an entry on the left to read and edit it.";
    NeedTitle => "Hãy gõ tiêu đề; ghi chép được lưu ngay khi có tiêu đề.", "Type a title; the entry is saved as soon as it has one.";

    Strengths => "Ưu điểm", "Strengths";
    Shortcomings => "Hạn chế, khuyết điểm", "Shortcomings";
    Causes => "Nguyên nhân", "Causes";
    Remedies => "Phương hướng, biện pháp khắc phục", "Remedies";
    CommitmentsKept => "Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu", "How the commitments were kept";
    ProposedLevel => "Tự nhận mức xếp loại", "Proposed level";
    NoLevel => "Chưa chọn", "Not chosen";
    YearFacts => "Các cam kết trong năm và tình trạng cuối cùng", "This year's commitments and where they ended";
    DoneCount => "Hoàn thành {0}/{1} cam kết", "{0} of {1} commitments done";

    NavReview => "Tổng kết năm", "Year review";
    FiguresByArea => "Kết quả theo lĩnh vực", "Results by area";
    ColCommitments => "Cam kết", "Commitments";
    ColDone => "Hoàn thành", "Done";
    ColInProgress => "Đang làm", "Under way";
    ColNotAchieved => "Không đạt", "Not achieved";
    ColUnrecorded => "Chưa ghi", "Not recorded";
    ColDoneShare => "Tỷ lệ hoàn thành", "Share done";
    Total => "Tổng cộng", "Total";
    NoneWord => "không có", "none";
    FlagsLine => "Quá hạn: {0} · Chưa cập nhật lần nào: {1} · Tháng chưa ghi tiến độ: {2}", "Overdue: {0} · Never updated: {1} · Months without progress: {2}";
    DoneOverYear => "Tỷ lệ cam kết hoàn thành qua các tháng", "Share of commitments done, month by month";
    EntriesPerMonth => "Số ghi chép mỗi tháng", "Entries per month";
    CommitmentTimelines => "Từng cam kết qua các tháng", "Each commitment through the year";
    NeverUpdated => "Chưa cập nhật lần nào", "Never updated";
    Readiness => "Chuẩn bị cuối năm", "Ready for year end";
    CheckDone => "Đã xong", "Done";
    CheckNotYet => "Chưa xong", "Not yet";
    CheckRegistered => "Đã đăng ký cam kết", "Commitments registered";
    CheckFinalStatus => "Mọi cam kết đã có kết quả cuối cùng (còn {0} cam kết)", "Every commitment has a final result ({0} left)";
    CheckSelfReview => "Đã viết bản tự kiểm điểm", "Self-review written";
    CheckLevel => "Đã tự nhận mức xếp loại", "Level proposed";
    Ready => "Sổ năm nay đã đủ để chi bộ xếp loại.", "This year's book is ready for the cell to classify.";
    NotReady => "Còn việc cần làm trước khi chi bộ xếp loại.", "Some things remain before the cell classifies.";
    CellReview => "Nhận xét của chi bộ", "The cell's review";
    FinalLevel => "Chi bộ xếp loại", "Level decided by the cell";
    NotDecided => "Chưa xếp loại", "Not decided";
    NoRemarks => "Chi bộ chưa có nhận xét.", "No remarks from the cell yet.";
    NoSelfReviewYet => "Chưa viết bản tự kiểm điểm.", "No self-review yet.";
    ScoreLine => "Điểm: {0} tiêu chí chung + {1} kết quả nhiệm vụ = {2}/100", "Score: {0} general + {1} tasks = {2}/100";
    RulesOfYear => "Quy định xếp loại áp dụng cho năm {0}", "Classification rules for {0}";
    WholeCell => "Cả chi bộ, năm {0}", "The whole cell, {0}";
    CellLine => "{0} đảng viên · {1} đã đăng ký · {2} đã tự kiểm điểm · {3} đã sẵn sàng · {4} cam kết quá hạn", "{0} members · {1} registered · {2} self-reviewed · {3} ready · {4} commitments overdue";
    ExcellentOverLimit => "Có {0} đảng viên được xếp loại xuất sắc, vượt mức cho phép ({1}, tức 20% số hoàn thành tốt).", "{0} members rated excellent, above the {1} allowed (20% of those rated good).";
    NoThemeForYear => "Năm {0} chưa có chuyên đề riêng; sổ đang dùng chuyên đề năm 2020. Đồng chí có thể nhập chuyên đề của năm.", "{0} has no theme of its own; the book uses 2020's. You can enter the year's theme.";
    AddTheme => "Nhập chuyên đề năm {0}", "Enter the {0} theme";
    EditTheme => "Sửa chuyên đề năm {0}", "Edit the {0} theme";
    ThemeTitle => "Tên chuyên đề", "Theme title";
    ThemeDocuments => "Văn bản hướng dẫn (mỗi dòng một văn bản)", "Guiding documents (one per line)";
    ThemeOutline => "Nội dung cốt lõi (mỗi dòng một ý)", "Core contents (one per line)";
    SaveTheme => "Lưu chuyên đề", "Save the theme";
    ThemeNeedsTitle => "Hãy nhập tên chuyên đề.", "Enter the theme's title.";
    ScoreGeneral => "Điểm tiêu chí chung", "General criteria score";
    ScoreTasks => "Điểm kết quả nhiệm vụ", "Task results score";
    ScoreSuggests => "Tổng {0}/100: {1}", "Total {0}/100: {1}";
    UndoneMsg => "Đã hoàn tác.", "Undone.";
    RedoneMsg => "Đã làm lại.", "Redone.";
    NothingToUndo => "Không còn gì để hoàn tác.", "Nothing to undo.";
    DemoFailed => "Không mở được sổ mẫu: {0}", "Could not open the demo cell: {0}";
    LoadProblems => "Khi mở sổ có điều cần biết:", "While opening, the program found:";
}

impl T {
    /// Column heads of a calendar, Monday first.
    pub const WEEKDAYS: [T; 7] = [T::Mon, T::Tue, T::Wed, T::Thu, T::Fri, T::Sat, T::Sun];
}

pub fn area(language: Language, area: Area) -> &'static str {
    match language {
        Language::Vietnamese => area.name_vi(),
        Language::English => match area {
            Area::PoliticalIdeology => "Political ideology",
            Area::EthicsLifestyle => "Ethics and lifestyle",
            Area::Discipline => "Organisational discipline",
            Area::WorkingStyle => "Working style; setting an example",
            Area::Duties => "Carrying out assigned duties",
            Area::FixingShortcomings => "Fixing earlier shortcomings",
            Area::Other => "Other",
        },
    }
}

pub fn status(language: Language, status: Status) -> &'static str {
    match language {
        Language::Vietnamese => status.name_vi(),
        Language::English => match status {
            Status::NotStarted => "Not started",
            Status::InProgress => "In progress",
            Status::Done => "Done",
            Status::NotAchieved => "Not achieved",
        },
    }
}

pub fn level(language: Language, level: Level) -> &'static str {
    match language {
        Language::Vietnamese => level.name_vi(),
        Language::English => match level {
            Level::Excellent => "Excellent",
            Level::Good => "Good",
            Level::Completed => "Completed",
            Level::NotCompleted => "Not completed",
        },
    }
}

pub fn entry_kind(language: Language, kind: EntryKind) -> &'static str {
    match language {
        Language::Vietnamese => kind.name_vi(),
        Language::English => match kind {
            EntryKind::Study => "Study",
            EntryKind::Practice => "Practice",
            EntryKind::CellMeeting => "Cell meeting",
            EntryKind::Other => "Other",
        },
    }
}

pub fn period(language: Language, period: Period) -> String {
    match language {
        Language::Vietnamese => period.label_vi(),
        Language::English => match period {
            Period::Month(m) => format!("Month {m}"),
            Period::Quarter(q) => format!("Q{q}"),
            Period::Half(1) => "First half".to_owned(),
            Period::Half(_) => "Second half".to_owned(),
            Period::Year => "Whole year".to_owned(),
        },
    }
}

/// Fills `{0}`, `{1}`, … in a text with the given values.
pub fn fill(template: &str, values: &[&dyn std::fmt::Display]) -> String {
    let mut out = template.to_owned();
    for (i, v) in values.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &v.to_string());
    }
    out
}
