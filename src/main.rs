//! The `sophandau` command: with no subcommand it opens the window; the
//! subcommands run without one.

use std::fmt::Display;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod board_cmd;

use sophandau::demo::{self, DemoSpec};
use sophandau::model::{Role, YEARS, Year};
use sophandau::store::{self, Session};

#[derive(Parser)]
#[command(
    name = "sophandau",
    version,
    about = "Sổ phấn đấu, tu dưỡng, rèn luyện của đảng viên"
)]
struct Cli {
    /// Thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng).
    #[arg(long, global = true, env = "SOPHANDAU_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Tạo sổ mẫu của một chi bộ để xem thử.
    Demo {
        /// Số đảng viên.
        #[arg(long, default_value_t = 12)]
        members: usize,
        /// Số năm.
        #[arg(long, default_value_t = 1)]
        years: u16,
        /// Năm đầu tiên.
        #[arg(long, default_value_t = 2020)]
        first_year: Year,
        /// Số khởi tạo (cùng số cho cùng dữ liệu).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Xuất sổ ra tệp (pdf, docx, xlsx, md).
    Export {
        /// Mã sổ của đảng viên (xem `sophandau list`).
        #[arg(long, conflicts_with = "all", required_unless_present = "all")]
        member: Option<String>,
        /// Cả chi bộ: bảng tổng hợp và sổ của mọi đảng viên.
        #[arg(long)]
        all: bool,
        /// Năm cần xuất.
        #[arg(long, required_unless_present = "years")]
        year: Option<Year>,
        /// Nhiều năm, dạng 2020-2022.
        #[arg(long, conflicts_with = "year")]
        years: Option<String>,
        /// Định dạng: pdf, docx, xlsx hoặc md.
        #[arg(long)]
        format: String,
        /// Tệp sẽ ghi ra.
        #[arg(long)]
        out: PathBuf,
        /// Ghi đè nếu tệp đã có.
        #[arg(long)]
        force: bool,
        /// Vẫn xuất (và không báo lỗi) khi có sổ hỏng bị bỏ ra ngoài.
        #[arg(long)]
        skip_damaged: bool,
        /// Chỉ xuất một giấy theo mẫu của năm: commitment (bản cam kết)
        /// hoặc self-review (bản kiểm điểm cá nhân); cần --member và --year.
        #[arg(long, value_name = "commitment|self-review", conflicts_with_all = ["all", "years"])]
        paper: Option<String>,
    },
    /// Kiểm tra mọi tệp dữ liệu; báo lỗi nếu có tệp hỏng.
    Check,
    /// Liệt kê đảng viên.
    List,
    /// In bảng theo dõi chi bộ của một năm.
    Board {
        /// Năm cần xem.
        #[arg(long)]
        year: Year,
        /// Sắp xếp theo cột: name, standing, registered, commitments, done,
        /// period, overdue, idle-months, updated, self-review, member-level,
        /// cell-level, final-level, signed.
        #[arg(long, value_name = "COLUMN")]
        sort: Option<String>,
        /// Sắp xếp ngược lại.
        #[arg(long)]
        descending: bool,
        /// Chỉ những người: unregistered (chưa đăng ký), overdue (có cam
        /// kết quá hạn), no-self-review (chưa tự kiểm điểm), unsigned (chưa ký).
        #[arg(long, value_name = "STATE")]
        filter: Option<String>,
        /// table (mặc định) hoặc csv.
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Xem các tệp hỏng đang cất riêng; khôi phục hoặc xoá từng tệp.
    Settle {
        /// Đặt tệp này (tệp hỏng đã sửa tay, hoặc một bản sao lưu) vào chỗ
        /// của sổ; bản đang có được giữ trong thư mục sao lưu.
        #[arg(long, value_name = "FILE", conflicts_with = "remove")]
        restore: Option<PathBuf>,
        /// Xoá hẳn tệp hỏng đang cất riêng này.
        #[arg(long, value_name = "FILE")]
        remove: Option<PathBuf>,
    },
}

/// Writes a line to standard output. A reader that has gone away (`| head`)
/// ends the program quietly; any other failure is reported.
fn say(line: impl Display) {
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}") {
        if e.kind() != io::ErrorKind::BrokenPipe {
            note(format!("Không ghi được ra màn hình: {e}"));
        }
        std::process::exit(if e.kind() == io::ErrorKind::BrokenPipe {
            0
        } else {
            2
        });
    }
}

/// Writes a line to standard error; nothing to be done if that fails.
fn note(line: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(root) = cli.data_dir.clone().or_else(store::default_root) else {
        note("Không tìm được thư mục dữ liệu mặc định; hãy chỉ định bằng --data-dir.");
        return ExitCode::from(2);
    };
    let result = match cli.command {
        None => open(&root).and_then(|session| {
            sophandau::ui::run(session).map_err(|e| format!("Không mở được cửa sổ: {e}"))
        }),
        Some(Command::Demo {
            members,
            years,
            first_year,
            seed,
        }) => {
            let spec = DemoSpec {
                members,
                years,
                first_year,
                seed,
            };
            // Refused before the folder is created.
            if spec.is_valid() {
                open(&root).and_then(|session| run_demo(session, spec))
            } else {
                Err(format!(
                    "Cần ít nhất 1 đảng viên và 1 năm, và mọi năm trong khoảng {}–{}.",
                    YEARS.start(),
                    YEARS.end()
                ))
            }
        }
        Some(Command::Export {
            member,
            all,
            year,
            years,
            format,
            out,
            force,
            skip_damaged,
            paper,
        }) => {
            let what = What {
                member,
                all,
                year,
                years,
                skip_damaged,
                paper,
            };
            return finish(export(&root, what, &format, &out, force));
        }
        Some(Command::Check) => return check(&root),
        Some(Command::List) => list(&root),
        Some(Command::Board {
            year,
            sort,
            descending,
            filter,
            format,
        }) => board(&root, year, sort, descending, filter, &format),
        Some(Command::Settle { restore, remove }) => {
            settle(&root, restore.as_deref(), remove.as_deref())
        }
    };
    finish(result.map(|()| ExitCode::SUCCESS))
}

fn finish(result: Result<ExitCode, String>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(message) => {
            note(message);
            ExitCode::from(2)
        }
    }
}

fn open(root: &Path) -> Result<Session, String> {
    let session = store::open(root).map_err(|e| e.to_string())?;
    for problem in &session.problems {
        note(format!("• {problem}"));
    }
    Ok(session)
}

fn run_demo(mut session: Session, spec: DemoSpec) -> Result<(), String> {
    if let Some(why) = session.workspace.read_only() {
        return Err(why.to_string());
    }
    let cell = demo::generate(spec);
    for notebook in &cell.notebooks {
        if session.workspace.notebook(notebook.id).is_some() {
            return Err(format!(
                "Thư mục đã có sổ mẫu với số khởi tạo {}; hãy chọn --seed khác.",
                spec.seed
            ));
        }
    }
    for notebook in &cell.notebooks {
        session
            .store
            .files()
            .save_notebook(notebook)
            .map_err(|e| format!("Không ghi được sổ mẫu: {e}"))?;
    }
    let mut settings = session.workspace.settings().clone();
    if settings.cell_name.is_empty() {
        settings.cell_name = cell.cell_name.clone();
    }
    if spec.members > 1 {
        settings.role = Role::Secretary;
    }
    session
        .workspace
        .set_settings(settings)
        .map_err(|e| e.to_string())?;
    session.store.sync(&mut session.workspace);
    session.store.flush()?;
    say(format!(
        "Đã tạo {} sổ mẫu của {} ({} năm, từ {}) trong {}",
        cell.notebooks.len(),
        cell.cell_name,
        spec.years,
        spec.first_year,
        session.store.root().display()
    ));
    Ok(())
}

/// What to export, as asked on the command line.
struct What {
    member: Option<String>,
    all: bool,
    year: Option<Year>,
    years: Option<String>,
    skip_damaged: bool,
    /// `--paper`: one paper of the member's year.
    paper: Option<String>,
}

/// The years asked for: one, or a span like 2020-2022.
fn years_asked(year: Option<Year>, years: Option<String>) -> Result<Vec<Year>, String> {
    match (year, years) {
        (Some(y), _) => Ok(vec![y]),
        (None, Some(span)) => {
            let (a, b) = span
                .split_once('-')
                .and_then(|(a, b)| {
                    Some((
                        a.trim().parse::<Year>().ok()?,
                        b.trim().parse::<Year>().ok()?,
                    ))
                })
                .filter(|(a, b)| a <= b && i32::from(*b) - i32::from(*a) < 100)
                .ok_or_else(|| format!("Khoảng năm «{span}» chưa đúng; ví dụ: 2020-2022."))?;
            Ok((a..=b).collect())
        }
        (None, None) => Err("Hãy chọn --year hoặc --years.".to_owned()),
    }
}

fn export(
    root: &Path,
    what: What,
    format: &str,
    out: &Path,
    force: bool,
) -> Result<ExitCode, String> {
    use sophandau::export::{self, Format, Scope};
    let format = Format::parse(format).ok_or_else(|| {
        format!("Định dạng «{format}» chưa hỗ trợ; hãy dùng pdf, docx, xlsx hoặc md.")
    })?;
    let paper = match what.paper.as_deref() {
        None => None,
        Some(name) => Some(export::papers::Paper::parse(name).ok_or_else(|| {
            format!("Giấy «{name}» chưa có; hãy dùng commitment hoặc self-review.")
        })?),
    };
    let years = years_asked(what.year, what.years)?;
    let (workspace, problems) = store::inspect(root).map_err(|e| e.to_string())?;
    for problem in &problems {
        note(format!("• {problem}"));
    }
    let left_out = &workspace.data().left_out;
    let scope = if what.all {
        Scope::Cell { years }
    } else {
        let wanted = what.member.unwrap_or_default();
        let matches = |id: &str| id == wanted || id.starts_with(&wanted) && wanted.len() >= 8;
        let found = workspace
            .notebooks()
            .find(|n| matches(&n.id.to_string()))
            .map(|n| n.id);
        let Some(id) = found else {
            let damaged = left_out
                .iter()
                .find(|f| f.file_stem().is_some_and(|s| matches(&s.to_string_lossy())));
            return Err(match damaged {
                Some(file) => format!(
                    "Sổ «{wanted}» ({}) bị hỏng hoặc không mở được; xem `sophandau check`.",
                    file.display()
                ),
                None => format!("Không tìm thấy đảng viên có mã «{wanted}»; xem `sophandau list`."),
            });
        };
        match (paper, years.as_slice()) {
            (Some(paper), &[year]) => Scope::Paper { id, year, paper },
            _ => Scope::Member { id, years },
        }
    };
    let today = jiff::Zoned::now().date();
    export::export_to(workspace.data(), &scope, format, out, force, today)
        .map_err(|e| e.to_string())?;
    say(format!("Đã xuất {}", out.display()));
    if !what.all || left_out.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    note(format!(
        "Tài liệu thiếu {} sổ không đọc được (đã ghi rõ trong tài liệu); xem `sophandau check`.",
        left_out.len()
    ));
    Ok(if what.skip_damaged {
        ExitCode::SUCCESS
    } else {
        note("Dùng --skip-damaged nếu cố ý xuất khi thiếu các sổ này.");
        ExitCode::from(1)
    })
}

fn check(root: &Path) -> ExitCode {
    let (workspace, problems) = match store::inspect(root) {
        Ok(found) => found,
        Err(e) => {
            note(e);
            return ExitCode::from(2);
        }
    };
    let notebooks = workspace.notebooks().count();
    let years: usize = workspace.notebooks().map(|n| n.years.len()).sum();
    for problem in &problems {
        say(format!("• {problem}"));
    }
    let damaged = problems.iter().filter(|p| p.is_damage()).count();
    if damaged == 0 {
        say(format!(
            "Tốt: đọc được {notebooks} sổ ({years} sổ năm), không có tệp hỏng."
        ));
        ExitCode::SUCCESS
    } else {
        say(format!(
            "Có {damaged} tệp có vấn đề; đọc được {notebooks} sổ."
        ));
        ExitCode::from(1)
    }
}

fn list(root: &Path) -> Result<(), String> {
    let (workspace, problems) = store::inspect(root).map_err(|e| e.to_string())?;
    for problem in &problems {
        note(format!("• {problem}"));
    }
    let mut notebooks: Vec<_> = workspace.notebooks().collect();
    notebooks.sort_by_cached_key(|n| sophandau::text::name_sort_key(&n.profile.full_name));
    for n in notebooks {
        let years = match (n.years.keys().next(), n.years.keys().next_back()) {
            (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
            (Some(first), _) => first.to_string(),
            _ => "chưa có năm nào".to_owned(),
        };
        say(format!(
            "{}\t{}\t{}\t{}",
            n.id, n.profile.full_name, n.profile.cell, years
        ));
    }
    let left_out = &workspace.data().left_out;
    if !left_out.is_empty() {
        note(format!(
            "Thiếu {} sổ không đọc được; xem `sophandau check`.",
            left_out.len()
        ));
    }
    Ok(())
}

/// Prints the cell board.
fn board(
    root: &Path,
    year: Year,
    sort: Option<String>,
    descending: bool,
    filter: Option<String>,
    format: &str,
) -> Result<(), String> {
    let csv = match format {
        "csv" => true,
        "table" => false,
        other => {
            return Err(format!(
                "Định dạng «{other}» chưa hỗ trợ; hãy dùng table hoặc csv."
            ));
        }
    };
    let asked = board_cmd::Asked {
        year,
        sort,
        descending,
        filter,
        csv,
    };
    let (lines, notes) = board_cmd::lines(root, asked)?;
    for n in notes {
        note(n);
    }
    for line in lines {
        say(line);
    }
    Ok(())
}

/// Lists the damaged files set aside, or settles one of them.
fn settle(root: &Path, restore: Option<&Path>, remove: Option<&Path>) -> Result<(), String> {
    if let Some(from) = restore {
        let target = store::restore(root, from).map_err(|e| e.to_string())?;
        say(format!(
            "Đã khôi phục {} từ {}.",
            target.display(),
            from.display()
        ));
        return Ok(());
    }
    if let Some(file) = remove {
        let removed = store::remove_set_aside(root, file).map_err(|e| e.to_string())?;
        say(format!("Đã xoá tệp hỏng {}.", removed.display()));
        return Ok(());
    }
    let aside = store::set_aside(root);
    if aside.is_empty() {
        say("Không có tệp hỏng nào đang cất riêng.");
        return Ok(());
    }
    for a in aside {
        say(format!(
            "• {} (trước là {})",
            a.file.display(),
            a.of.display()
        ));
        if a.backups.is_empty() {
            say("    không có bản sao lưu nào đọc được");
        }
        for b in &a.backups {
            say(format!("    bản sao lưu đọc được: {}", b.display()));
        }
    }
    say("Khôi phục: sophandau settle --restore <tệp>  (tệp hỏng đã sửa tay, hoặc một bản sao lưu)");
    say("Xoá hẳn:   sophandau settle --remove <tệp hỏng>");
    Ok(())
}
