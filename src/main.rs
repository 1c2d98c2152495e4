//! The `sophandau` command: with no subcommand it opens the window; the
//! subcommands run without one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use sophandau::demo::{self, DemoSpec};
use sophandau::model::{Role, Year};
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
    },
    /// Kiểm tra mọi tệp dữ liệu; báo lỗi nếu có tệp hỏng.
    Check,
    /// Liệt kê đảng viên.
    List,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(root) = cli.data_dir.clone().or_else(store::default_root) else {
        eprintln!("Không tìm được thư mục dữ liệu mặc định; hãy chỉ định bằng --data-dir.");
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
        }) => open(&root).and_then(|session| {
            run_demo(
                session,
                DemoSpec {
                    members,
                    years,
                    first_year,
                    seed,
                },
            )
        }),
        Some(Command::Export {
            member,
            all,
            year,
            years,
            format,
            out,
            force,
        }) => export(&root, member, all, year, years, &format, &out, force),
        Some(Command::Check) => return check(&root),
        Some(Command::List) => list(&root),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn open(root: &std::path::Path) -> Result<Session, String> {
    let session = store::open(root).map_err(|e| e.to_string())?;
    for problem in &session.problems {
        eprintln!("• {problem}");
    }
    Ok(session)
}

fn run_demo(mut session: Session, spec: DemoSpec) -> Result<(), String> {
    if let Some(why) = session.workspace.read_only() {
        return Err(why.to_string());
    }
    if spec.years == 0 || spec.members == 0 {
        return Err("Cần ít nhất 1 đảng viên và 1 năm.".to_owned());
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
    println!(
        "Đã tạo {} sổ mẫu của {} ({} năm, từ {}) trong {}",
        cell.notebooks.len(),
        cell.cell_name,
        spec.years,
        spec.first_year,
        session.store.root().display()
    );
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn export(
    root: &std::path::Path,
    member: Option<String>,
    all: bool,
    year: Option<Year>,
    years: Option<String>,
    format: &str,
    out: &std::path::Path,
    force: bool,
) -> Result<(), String> {
    use sophandau::export::{self, Format, Scope};
    let format = Format::parse(format).ok_or_else(|| {
        format!("Định dạng «{format}» chưa hỗ trợ; hãy dùng pdf, docx, xlsx hoặc md.")
    })?;
    let years: Vec<Year> = match (year, years) {
        (Some(y), _) => vec![y],
        (None, Some(span)) => {
            let (a, b) = span
                .split_once('-')
                .and_then(|(a, b)| {
                    Some((
                        a.trim().parse::<Year>().ok()?,
                        b.trim().parse::<Year>().ok()?,
                    ))
                })
                .filter(|(a, b)| a <= b && b - a < 100)
                .ok_or_else(|| format!("Khoảng năm «{span}» chưa đúng; ví dụ: 2020-2022."))?;
            (a..=b).collect()
        }
        (None, None) => return Err("Hãy chọn --year hoặc --years.".to_owned()),
    };
    let (workspace, problems) = store::inspect(root).map_err(|e| e.to_string())?;
    for problem in &problems {
        eprintln!("• {problem}");
    }
    let scope = if all {
        Scope::Cell { years }
    } else {
        let wanted = member.unwrap_or_default();
        let id = workspace
            .notebooks()
            .find(|n| {
                n.id.to_string() == wanted
                    || n.id.to_string().starts_with(&wanted) && wanted.len() >= 8
            })
            .map(|n| n.id)
            .ok_or_else(|| {
                format!("Không tìm thấy đảng viên có mã «{wanted}»; xem `sophandau list`.")
            })?;
        Scope::Member { id, years }
    };
    let today = jiff::Zoned::now().date();
    export::export_to(workspace.data(), &scope, format, out, force, today)
        .map_err(|e| e.to_string())?;
    println!("Đã xuất {}", out.display());
    Ok(())
}

fn check(root: &std::path::Path) -> ExitCode {
    let (workspace, problems) = match store::inspect(root) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let notebooks = workspace.notebooks().count();
    let years: usize = workspace.notebooks().map(|n| n.years.len()).sum();
    for problem in &problems {
        println!("• {problem}");
    }
    let damaged = problems.iter().filter(|p| p.is_damage()).count();
    if damaged == 0 {
        println!("Tốt: đọc được {notebooks} sổ ({years} sổ năm), không có tệp hỏng.");
        ExitCode::SUCCESS
    } else {
        println!("Có {damaged} tệp có vấn đề; đọc được {notebooks} sổ.");
        ExitCode::from(1)
    }
}

fn list(root: &std::path::Path) -> Result<(), String> {
    let (workspace, problems) = store::inspect(root).map_err(|e| e.to_string())?;
    for problem in &problems {
        eprintln!("• {problem}");
    }
    let mut notebooks: Vec<_> = workspace.notebooks().collect();
    notebooks.sort_by_cached_key(|n| sophandau::text::name_sort_key(&n.profile.full_name));
    for n in notebooks {
        let years = match (n.years.keys().next(), n.years.keys().next_back()) {
            (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
            (Some(first), _) => first.to_string(),
            _ => "chưa có năm nào".to_owned(),
        };
        println!(
            "{}\t{}\t{}\t{}",
            n.id, n.profile.full_name, n.profile.cell, years
        );
    }
    Ok(())
}
