//! The `sophandau` command: with no subcommand it opens the window; the
//! subcommands run without one.

use std::fmt::Display;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

mod board_cmd;
mod crypt_cmd;
mod exchange_cmd;

use sophandau::demo::{self, DemoSpec};
use sophandau::i18n::{Message, T};
use sophandau::model::{Language, Role, YEARS, Year};
use sophandau::store::{self, Session};

/// The command line speaks the table's Vietnamese side.
const CLI: Language = Language::Vietnamese;

/// A sentence of the table in the command line's language.
fn tr(text: T, values: &[&dyn Display]) -> String {
    text.fill(CLI, values)
}

#[derive(Parser)]
#[command(name = "sophandau", version, about = T::CliAbout.get(CLI))]
struct Cli {
    #[arg(
        long,
        global = true,
        env = "SOPHANDAU_DATA_DIR",
        value_name = "DIR",
        help = T::CliHelpDataDir.get(CLI)
    )]
    data_dir: Option<PathBuf>,
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help = T::CliHelpPassphraseFile.get(CLI)
    )]
    passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    #[command(about = T::CliHelpDemo.get(CLI))]
    Demo {
        #[arg(long, default_value_t = 12, help = T::CliHelpMembers.get(CLI))]
        members: usize,
        #[arg(long, default_value_t = 1, help = T::CliHelpYearCount.get(CLI))]
        years: u16,
        #[arg(long, default_value_t = 2020, help = T::CliHelpFirstYear.get(CLI))]
        first_year: Year,
        #[arg(long, default_value_t = 1, help = T::CliHelpSeed.get(CLI))]
        seed: u64,
    },
    #[command(about = T::CliHelpExport.get(CLI))]
    Export {
        #[arg(
            long,
            conflicts_with = "all",
            required_unless_present = "all",
            help = T::CliHelpMember.get(CLI)
        )]
        member: Option<String>,
        #[arg(long, help = T::CliHelpAll.get(CLI))]
        all: bool,
        #[arg(long, required_unless_present = "years", help = T::CliHelpYear.get(CLI))]
        year: Option<Year>,
        #[arg(long, conflicts_with = "year", help = T::CliHelpYears.get(CLI))]
        years: Option<String>,
        #[arg(long, help = T::CliHelpFormat.get(CLI))]
        format: String,
        #[arg(long, help = T::CliHelpOut.get(CLI))]
        out: PathBuf,
        #[arg(long, help = T::CliHelpForce.get(CLI))]
        force: bool,
        #[arg(long, help = T::CliHelpSkipDamaged.get(CLI))]
        skip_damaged: bool,
        #[arg(
            long,
            value_name = "commitment|self-review|minutes|report",
            conflicts_with = "years",
            help = T::CliHelpPaper.get(CLI)
        )]
        paper: Option<String>,
    },
    #[command(about = T::CliHelpCheck.get(CLI))]
    Check,
    #[command(about = T::CliHelpList.get(CLI))]
    List,
    #[command(about = T::CliHelpBoard.get(CLI))]
    Board {
        #[arg(long, help = T::CliHelpBoardYear.get(CLI))]
        year: Year,
        #[arg(long, value_name = "COLUMN", help = T::CliHelpBoardSort.get(CLI))]
        sort: Option<String>,
        #[arg(long, help = T::CliHelpBoardDescending.get(CLI))]
        descending: bool,
        #[arg(long, value_name = "STATE", help = T::CliHelpBoardFilter.get(CLI))]
        filter: Option<String>,
        #[arg(long, default_value = "table", help = T::CliHelpBoardFormat.get(CLI))]
        format: String,
    },
    #[command(about = T::CliHelpExchange.get(CLI))]
    Exchange {
        #[arg(long, help = T::CliHelpExchangeMember.get(CLI))]
        member: Option<String>,
        #[arg(long, help = T::CliHelpCellReview.get(CLI))]
        cell_review: bool,
        #[arg(long, requires = "cell_review", help = T::CliHelpExchangeYear.get(CLI))]
        year: Option<Year>,
        #[arg(long, value_name = "FILE|DIR", help = T::CliHelpExchangeOut.get(CLI))]
        out: PathBuf,
        #[arg(long, help = T::CliHelpForce.get(CLI))]
        force: bool,
        #[arg(long, value_name = "FILE", help = T::CliHelpExchangePassphraseFile.get(CLI))]
        exchange_passphrase_file: Option<PathBuf>,
    },
    #[command(about = T::CliHelpShare.get(CLI))]
    Share {
        #[arg(
            value_name = "DIR",
            required_unless_present = "stop",
            conflicts_with = "stop",
            help = T::CliHelpShareFolder.get(CLI)
        )]
        folder: Option<PathBuf>,
        #[arg(long, help = T::CliHelpShareStop.get(CLI))]
        stop: bool,
    },
    #[command(about = T::CliHelpImport.get(CLI))]
    Import {
        #[arg(long, help = T::CliHelpDryRun.get(CLI))]
        dry_run: bool,
        #[arg(required = true, value_name = "FILE", help = T::CliHelpImportFiles.get(CLI))]
        files: Vec<PathBuf>,
        #[arg(long, value_name = "FILE", help = T::CliHelpExchangePassphraseFile.get(CLI))]
        exchange_passphrase_file: Option<PathBuf>,
    },
    #[command(about = T::CliHelpSearch.get(CLI))]
    Search {
        #[arg(value_name = "QUERY", help = T::CliHelpSearchQuery.get(CLI))]
        query: String,
        #[arg(long, help = T::CliHelpSearchMember.get(CLI))]
        member: Option<String>,
        #[arg(long, help = T::CliHelpSearchYear.get(CLI))]
        year: Option<Year>,
        #[arg(long, value_name = "KIND", help = T::CliHelpSearchKind.get(CLI))]
        kind: Option<String>,
    },
    #[command(about = T::CliHelpEncryption.get(CLI))]
    Encryption {
        #[arg(value_enum, hide_possible_values = true, help = T::CliHelpEncryptionAction.get(CLI))]
        action: crypt_cmd::Switch,
        #[arg(long, value_name = "FILE", help = T::CliHelpNewPassphraseFile.get(CLI))]
        new_passphrase_file: Option<PathBuf>,
    },
    #[command(about = T::CliHelpSettle.get(CLI))]
    Settle {
        #[arg(
            long,
            value_name = "FILE",
            conflicts_with = "remove",
            help = T::CliHelpRestore.get(CLI)
        )]
        restore: Option<PathBuf>,
        #[arg(long, value_name = "FILE", help = T::CliHelpRemove.get(CLI))]
        remove: Option<PathBuf>,
    },
}

/// Writes a line to standard output. A reader that has gone away (`| head`)
/// ends the program quietly; any other failure is reported.
fn say(line: impl Display) {
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}") {
        if e.kind() != io::ErrorKind::BrokenPipe {
            note(io_message(T::CliStdoutFailed, &e));
        }
        std::process::exit(if e.kind() == io::ErrorKind::BrokenPipe {
            0
        } else {
            2
        });
    }
}

/// A sentence about a failed I/O operation: the table's reason for the
/// error's kind in it, the system's own words last as a detail.
fn io_message(text: T, e: &io::Error) -> String {
    Message::new(text)
        .with(T::io_reason(e.kind()))
        .detail(e.to_string())
        .show(CLI)
}

/// Writes a line to standard error; nothing to be done if that fails.
fn note(line: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// The help's frame in the command line's language: clap's own words
/// ("Usage", "Options", "Print help") replaced, for the command and every
/// subcommand.
fn vietnamese(mut command: clap::Command, parent: Option<&str>) -> clap::Command {
    let name = match parent {
        Some(parent) => format!("{parent} {}", command.get_name()),
        None => command.get_name().to_owned(),
    };
    command = command
        .help_template(T::CliHelpTemplate.get(CLI))
        .subcommand_help_heading(T::CliCommandsHeading.get(CLI))
        .subcommand_value_name(T::CliCommandValue.get(CLI))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(T::CliPrintHelp.get(CLI)),
        );
    if command.get_version().is_some() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(T::CliPrintVersion.get(CLI)),
        );
    }
    let ids: Vec<(clap::Id, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().clone(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let heading = if positional {
            T::CliArgumentsHeading
        } else {
            T::CliOptionsHeading
        };
        command = command.mut_arg(id, |a| a.help_heading(heading.get(CLI)).hide_env(true));
    }
    // The usage line as clap writes it, with its one English word changed.
    let usage = command.clone().render_usage().to_string();
    let rest = usage
        .split_once(": ")
        .map_or(usage.as_str(), |(_, u)| u)
        .trim()
        .strip_prefix(command.get_name())
        .unwrap_or_default()
        .replace("[OPTIONS]", T::CliOptionsValue.get(CLI));
    command = command.override_usage(format!("{name}{rest}"));
    command.mut_subcommands(|sub| vietnamese(sub, Some(&name)))
}

/// Reads the command line; its help, and its mistakes, in Vietnamese.
fn parse() -> Cli {
    let matches = vietnamese(Cli::command(), None).get_matches();
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    }
}

fn main() -> ExitCode {
    let cli = parse();
    let Some(root) = cli.data_dir.clone().or_else(store::default_root) else {
        note(T::CliNoDataDir.get(CLI));
        return ExitCode::from(2);
    };
    let passphrase_file = cli.passphrase_file.as_deref();
    // `encryption` reads its passphrases itself; the window asks for one
    // on its own screen when none is given.
    if !matches!(cli.command, Some(Command::Encryption { .. })) {
        let needed = cli.command.is_some();
        if let Err(message) = crypt_cmd::unlock(&root, passphrase_file, needed) {
            note(message);
            return ExitCode::from(2);
        }
    }
    let result = match cli.command {
        None if store::is_encrypted(&root) && !store::is_unlocked(&root) => {
            sophandau::ui::run_locked(root.clone()).map_err(|e| {
                Message::new(T::CliWindowFailed)
                    .detail(e.to_string())
                    .show(CLI)
            })
        }
        None => open_window(&root).and_then(|session| {
            sophandau::ui::run(session).map_err(|e| {
                Message::new(T::CliWindowFailed)
                    .detail(e.to_string())
                    .show(CLI)
            })
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
                Err(tr(T::CliDemoInvalid, &[YEARS.start(), YEARS.end()]))
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
        Some(Command::Exchange {
            member,
            cell_review,
            year,
            out,
            force,
            exchange_passphrase_file,
        }) => {
            let passphrase = match crypt_cmd::from_file(exchange_passphrase_file.as_deref()) {
                Ok(p) => p,
                Err(message) => return finish(Err(message)),
            };
            let asked = exchange_cmd::Asked {
                member,
                cell_review,
                year,
                out,
                force,
                passphrase,
            };
            let mut notes = Vec::new();
            let written = exchange_cmd::write(&root, asked, &mut notes);
            notes.into_iter().for_each(note);
            written.map(|lines| lines.into_iter().for_each(say))
        }
        Some(Command::Share { folder, stop: _ }) => exchange_cmd::share(&root, folder).map(say),
        Some(Command::Import {
            dry_run,
            files,
            exchange_passphrase_file,
        }) => {
            let passphrase = match crypt_cmd::from_file(exchange_passphrase_file.as_deref()) {
                Ok(p) => p,
                Err(message) => return finish(Err(message)),
            };
            return finish(exchange_cmd::import(
                &root,
                &files,
                passphrase.as_deref(),
                dry_run,
                &mut |line| say(line),
            ));
        }
        Some(Command::Search {
            query,
            member,
            year,
            kind,
        }) => return finish(search(&root, &query, member, year, kind)),
        Some(Command::Settle { restore, remove }) => {
            settle(&root, restore.as_deref(), remove.as_deref())
        }
        Some(Command::Encryption {
            action,
            new_passphrase_file,
        }) => crypt_cmd::run(&root, action, passphrase_file, new_passphrase_file).map(say),
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
    let session = store::open(root).map_err(|e| e.message(CLI))?;
    for problem in &session.problems {
        note(format!("• {}", problem.message(CLI)));
    }
    Ok(session)
}

/// The window's session: notebooks are read in the background, so the
/// window shows at once.
fn open_window(root: &Path) -> Result<Session, String> {
    store::open_in_background(root).map_err(|e| e.message(CLI))
}

fn run_demo(mut session: Session, spec: DemoSpec) -> Result<(), String> {
    if let Some(why) = session.workspace.read_only() {
        return Err(why.get(CLI));
    }
    let cell = demo::generate(spec);
    for notebook in &cell.notebooks {
        if session.workspace.notebook(notebook.id).is_some() {
            return Err(tr(T::CliDemoSeedTaken, &[&spec.seed]));
        }
    }
    for notebook in &cell.notebooks {
        session
            .store
            .files()
            .save_both(notebook)
            .map_err(|e| io_message(T::CliDemoWriteFailed, &e))?;
    }
    // The demo's meetings join any the folder holds; none is replaced.
    let mut meetings = session.workspace.data().meetings.clone();
    let before = meetings.len();
    for (year, meeting) in &cell.meetings {
        meetings.entry(*year).or_insert_with(|| meeting.clone());
    }
    if meetings.len() > before {
        session
            .store
            .files()
            .save_meetings(&meetings)
            .map_err(|e| io_message(T::CliDemoWriteFailed, &e))?;
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
        .map_err(|e| e.message(CLI))?;
    session.store.sync(&mut session.workspace);
    session.store.flush()?;
    say(tr(
        T::CliDemoDone,
        &[
            &cell.notebooks.len(),
            &cell.cell_name,
            &spec.years,
            &spec.first_year,
            &session.store.root().display(),
        ],
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
                .ok_or_else(|| tr(T::CliBadYears, &[&span]))?;
            Ok((a..=b).collect())
        }
        (None, None) => Err(T::CliNeedYear.get(CLI).to_owned()),
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
    let format = Format::parse(format).ok_or_else(|| tr(T::CliBadFormat, &[&format]))?;
    use export::cell_papers::CellPaper;
    // A member's paper (commitment, self-review) or the cell's (minutes,
    // report).
    let (paper, cell_paper) = match what.paper.as_deref() {
        None => (None, None),
        Some(name) => match (export::papers::Paper::parse(name), CellPaper::parse(name)) {
            (Some(_), _) if what.all => return Err(tr(T::CliPaperNeedsMember, &[&name])),
            (Some(p), _) => (Some(p), None),
            (None, Some(_)) if !what.all => return Err(tr(T::CliPaperNeedsAll, &[&name])),
            (None, Some(c)) => (None, Some(c)),
            (None, None) => return Err(tr(T::CliBadPaper, &[&name])),
        },
    };
    let years = years_asked(what.year, what.years)?;
    let whole_cell = what.all || cell_paper.is_some();
    // A member's export reads that member's notebook only.
    let (workspace, member, problems) = if whole_cell {
        let (workspace, problems) = store::inspect(root).map_err(|e| e.message(CLI))?;
        (workspace, None, problems)
    } else {
        let wanted = what.member.clone().unwrap_or_default();
        match store::inspect_member(root, &wanted).map_err(|e| e.message(CLI))? {
            Ok((workspace, id, problems)) => (workspace, Some(id), problems),
            Err(names) if names.len() > 1 => {
                return Err(tr(T::CliManyMembers, &[&wanted, &names.join(", ")]));
            }
            Err(_) => return Err(tr(T::CliNoSuchMember, &[&wanted])),
        }
    };
    for problem in &problems {
        note(format!("• {}", problem.message(CLI)));
    }
    let left_out = &workspace.data().left_out;
    let scope = if let (Some(paper), &[year]) = (cell_paper, years.as_slice()) {
        Scope::CellPaper { year, paper }
    } else if what.all {
        Scope::Cell { years }
    } else {
        let wanted = what.member.unwrap_or_default();
        let Some(id) = member.filter(|id| workspace.notebook(*id).is_some()) else {
            let damaged = left_out.first();
            return Err(match damaged {
                Some(file) => tr(T::CliMemberDamaged, &[&wanted, &file.display()]),
                None => tr(T::CliNoSuchMember, &[&wanted]),
            });
        };
        match (paper, years.as_slice()) {
            (Some(paper), &[year]) => Scope::Paper { id, year, paper },
            _ => Scope::Member { id, years },
        }
    };
    let today = jiff::Zoned::now().date();
    export::export_to(workspace.data(), &scope, format, out, force, today)
        .map_err(|e| e.message(CLI))?;
    say(tr(T::CliExported, &[&out.display()]));
    if !what.all || left_out.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    note(tr(T::CliExportLeftOut, &[&left_out.len()]));
    Ok(if what.skip_damaged {
        ExitCode::SUCCESS
    } else {
        note(T::CliUseSkipDamaged.get(CLI));
        ExitCode::from(1)
    })
}

fn check(root: &Path) -> ExitCode {
    let (workspace, problems) = match store::inspect(root) {
        Ok(found) => found,
        Err(e) => {
            note(e.message(CLI));
            return ExitCode::from(2);
        }
    };
    let notebooks = workspace.notebooks().count();
    let years: usize = workspace.notebooks().map(|n| n.years.len()).sum();
    for problem in &problems {
        say(format!("• {}", problem.message(CLI)));
    }
    let strays = store::stray_temps(root, workspace.settings());
    if !strays.is_empty() {
        say(format!("• {}", tr(T::CliCheckStrayTemps, &[&strays.len()])));
        for path in &strays {
            say(format!("    {}", path.display()));
        }
    }
    let damaged = problems.iter().filter(|p| p.is_damage()).count();
    if damaged == 0 {
        say(tr(T::CliCheckGood, &[&notebooks, &years]));
        ExitCode::SUCCESS
    } else {
        say(tr(T::CliCheckBad, &[&damaged, &notebooks]));
        ExitCode::from(1)
    }
}

fn list(root: &Path) -> Result<(), String> {
    // The profiles and the years' numbers, not the notebooks whole.
    let (mut members, problems) = store::list_members(root).map_err(|e| e.message(CLI))?;
    for problem in &problems {
        note(format!("• {}", problem.message(CLI)));
    }
    members.sort_by_cached_key(|m| sophandau::text::name_sort_key(&m.profile.full_name));
    say(T::CliListHeader.get(CLI));
    for m in members {
        let years = match (m.years.first(), m.years.last()) {
            (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
            (Some(first), _) => first.to_string(),
            _ => T::CliNoYearsYet.get(CLI).to_owned(),
        };
        say(format!(
            "{}\t{}\t{}\t{}",
            m.id, m.profile.full_name, m.profile.cell, years
        ));
    }
    let mut left_out: Vec<_> = problems.iter().filter_map(|p| p.left_out()).collect();
    left_out.sort();
    left_out.dedup();
    if !left_out.is_empty() {
        note(tr(T::CliListLeftOut, &[&left_out.len()]));
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

/// Prints each record matching the query: member (the cell, for its
/// meeting's minutes), year, kind, id and a snippet with the matches
/// between « and ». Exits 1 when nothing is
/// found, as grep does.
fn search(
    root: &Path,
    query: &str,
    member: Option<String>,
    year: Option<Year>,
    kind: Option<String>,
) -> Result<ExitCode, String> {
    use sophandau::search::{self, Filter, Index, Kind};
    let kind = match kind {
        None => None,
        Some(k) => Some(Kind::parse(&k).ok_or_else(|| tr(T::CliBadKind, &[&k]))?),
    };
    let (workspace, problems) = store::inspect(root).map_err(|e| e.message(CLI))?;
    for problem in &problems {
        note(format!("• {}", problem.message(CLI)));
    }
    let member = match member {
        None => None,
        Some(wanted) => {
            let matches = |id: &str| id == wanted || id.starts_with(&wanted) && wanted.len() >= 8;
            let found = workspace.notebooks().find(|n| matches(&n.id.to_string()));
            Some(found.ok_or_else(|| tr(T::CliNoSuchMember, &[&wanted]))?.id)
        }
    };
    let filter = Filter {
        member,
        year,
        kind,
        area: None,
    };
    let index = Index::of(&workspace);
    let found = index.search(query, &filter, usize::MAX);
    let words = search::query_words(query);
    let cell = workspace.settings().cell_name.trim();
    let cell = if cell.is_empty() {
        T::SearchCell.get(CLI)
    } else {
        cell
    };
    for hit in &found.hits {
        let name = match hit.member {
            None => cell,
            Some(member) => match workspace.notebook(member) {
                Some(nb) => nb.profile.full_name.as_str(),
                None => continue,
            },
        };
        let Some(fields) = search::hit_fields(&workspace, hit) else {
            continue;
        };
        let snippet = search::snippet(&fields, &words, 100);
        say(format!(
            "{}\t{}\t{}\t{}\t{}",
            name,
            hit.year,
            hit.target.kind().name(),
            hit.target.id(),
            snippet.marked()
        ));
    }
    if found.total == 0 {
        note(T::CliSearchNone.get(CLI));
        return Ok(ExitCode::from(1));
    }
    note(tr(T::CliSearchCount, &[&found.total]));
    Ok(ExitCode::SUCCESS)
}

/// Lists the damaged files set aside, or settles one of them.
fn settle(root: &Path, restore: Option<&Path>, remove: Option<&Path>) -> Result<(), String> {
    if let Some(from) = restore {
        let target = store::restore(root, from).map_err(|e| e.message(CLI))?;
        say(tr(T::CliRestored, &[&target.display(), &from.display()]));
        return Ok(());
    }
    if let Some(file) = remove {
        let removed = store::remove_set_aside(root, file).map_err(|e| e.message(CLI))?;
        say(tr(T::CliRemoved, &[&removed.display()]));
        return Ok(());
    }
    let aside = store::set_aside(root);
    if aside.is_empty() {
        say(T::CliNothingSetAside.get(CLI));
        return Ok(());
    }
    for a in aside {
        say(format!(
            "• {}",
            tr(T::CliSetAsideFile, &[&a.file.display(), &a.of.display()])
        ));
        if a.backups.is_empty() {
            say(format!("    {}", T::CliNoReadableBackup.get(CLI)));
        }
        for b in &a.backups {
            say(format!("    {}", tr(T::CliReadableBackup, &[&b.display()])));
        }
    }
    say(T::CliHowToRestore.get(CLI));
    say(T::CliHowToRemove.get(CLI));
    Ok(())
}
