//! Nothing leaves the machine, seen at run time: the real `sophandau`
//! binary runs its commands (demo, check, list, search, every export,
//! an exchange file written and imported, encryption turned on) under a
//! seccomp filter that kills the process the moment it asks the kernel
//! for an internet socket (`socket()` with AF_INET or AF_INET6) or for
//! io_uring. Unix sockets, netlink and every other call are allowed.
//!
//! The window runs under the same filter too, without a display: this
//! test binary re-runs itself as a child, the filter installed between
//! fork and exec, and the child drives the real `App` headless with
//! egui_kittest (a demo cell opened, a field typed and saved, a search,
//! a PDF and a DOCX exported and an exchange file written through their
//! windows, an undo, and the file taken in by a secretary's window); the
//! parent then checks the files it wrote.
//!
//! Controls first: a child that does open a TCP or UDP socket under the
//! filter dies of SIGSYS, and so does the window's child when it opens a
//! TCP socket after its flows, so each test can fail.
//!
//! Linux on x86_64 and aarch64 only (the filter is written for their
//! system-call numbers); elsewhere this module is empty, and
//! `hostile::the_program_has_no_network_library` still checks the build.

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
mod linux {
    use crate::common;

    use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
    use std::path::Path;
    use std::process::{Command, Output};

    use sophandau::model::{Role, Settings};
    use sophandau::workspace::Action;

    /// `AUDIT_ARCH_*` of <linux/audit.h>: the machine, 64-bit, little-endian.
    #[cfg(target_arch = "x86_64")]
    const AUDIT_ARCH: u32 = 62 | 0x8000_0000 | 0x4000_0000;
    #[cfg(target_arch = "aarch64")]
    const AUDIT_ARCH: u32 = 183 | 0x8000_0000 | 0x4000_0000;

    /// System calls from this number up are x86_64's x32 ABI, which
    /// shares the arch value: killed too, as this program never uses them.
    const X32_SYSCALL_BIT: u32 = 0x4000_0000;

    /// The signal a seccomp kill leaves.
    const SIGSYS: i32 = libc::SIGSYS;

    fn stmt(code: u32, k: u32) -> libc::sock_filter {
        libc::sock_filter {
            code: code as u16,
            jt: 0,
            jf: 0,
            k,
        }
    }

    fn jump(code: u32, k: u32, jt: u8, jf: u8) -> libc::sock_filter {
        libc::sock_filter {
            code: code as u16,
            jt,
            jf,
            k,
        }
    }

    /// The classic-BPF program: kill on another architecture, on the x32
    /// ABI, on `io_uring_setup` (io_uring can open sockets without the
    /// `socket` call) and on `socket(AF_INET | AF_INET6, …)`; allow the
    /// rest.
    fn no_internet_filter() -> Vec<libc::sock_filter> {
        use libc::{BPF_ABS, BPF_JEQ, BPF_JGE, BPF_JMP, BPF_K, BPF_LD, BPF_RET, BPF_W};
        let load = |offset: usize| stmt(BPF_LD | BPF_W | BPF_ABS, offset as u32);
        let arch = std::mem::offset_of!(libc::seccomp_data, arch);
        let nr = std::mem::offset_of!(libc::seccomp_data, nr);
        // The low half of the first argument (both machines are little-endian).
        let arg0 = std::mem::offset_of!(libc::seccomp_data, args);
        let (jeq, jge) = (BPF_JMP | BPF_JEQ | BPF_K, BPF_JMP | BPF_JGE | BPF_K);
        // Jumps count the instructions skipped: ALLOW is 9, KILL is 10.
        vec![
            /* 0 */ load(arch),
            /* 1 */ jump(jeq, AUDIT_ARCH, 0, 8),
            /* 2 */ load(nr),
            /* 3 */ jump(jge, X32_SYSCALL_BIT, 6, 0),
            /* 4 */ jump(jeq, libc::SYS_io_uring_setup as u32, 5, 0),
            /* 5 */ jump(jeq, libc::SYS_socket as u32, 0, 3),
            /* 6 */ load(arg0),
            /* 7 */ jump(jeq, libc::AF_INET as u32, 2, 0),
            /* 8 */ jump(jeq, libc::AF_INET6 as u32, 1, 0),
            /* 9 */ stmt(BPF_RET | BPF_K, libc::SECCOMP_RET_ALLOW),
            /* 10 */ stmt(BPF_RET | BPF_K, libc::SECCOMP_RET_KILL_PROCESS),
        ]
    }

    /// Installs `filter` on the calling thread and every thread and
    /// process it starts afterwards. Only two `prctl` calls, so it may run
    /// between fork and exec.
    fn install(filter: &mut [libc::sock_filter]) -> std::io::Result<()> {
        let program = libc::sock_fprog {
            len: filter.len() as u16,
            filter: filter.as_mut_ptr(),
        };
        // SAFETY: plain system calls; `program` points into `filter`,
        // which outlives them.
        unsafe {
            if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let mode = libc::SECCOMP_MODE_FILTER as libc::c_ulong;
            if libc::prctl(libc::PR_SET_SECCOMP, mode, &raw const program) != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }

    /// Runs `command` with the filter installed in the child between fork
    /// and exec, so the whole child, each of its threads included, runs
    /// under it from its first instruction.
    fn filtered(mut command: Command) -> Output {
        let mut filter = no_internet_filter();
        // SAFETY: the closure runs in the forked child before exec and only
        // calls `install` (two async-signal-safe `prctl` calls), with a
        // program that was built before the fork and outlives the exec.
        unsafe {
            command.pre_exec(move || install(&mut filter));
        }
        command.output().expect("the filtered child starts")
    }

    fn sophandau(args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sophandau"));
        command
            .args(args)
            .env_remove("SOPHANDAU_DATA_DIR")
            .env_remove("SOPHANDAU_PASSPHRASE");
        command
    }

    fn text(out: &Output) -> String {
        crate::cli::text(out)
    }

    /// Runs `command` under the filter and requires a clean exit.
    fn offline(command: Command) -> Output {
        let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
        let out = filtered(command);
        assert_eq!(
            out.status.signal(),
            None,
            "{args:?} was killed (SIGSYS {SIGSYS} is an internet socket): {}",
            text(&out)
        );
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        out
    }

    fn runs_offline(args: &[&str]) -> Output {
        offline(sophandau(args))
    }

    /// Which socket `a_child_that_opens_a_socket` opens, when set.
    const OPEN: &str = "SOPHANDAU_TEST_OPEN_SOCKET";

    /// Not a test by itself: the child of the control below. With `OPEN`
    /// set it opens the socket named there and returns.
    #[test]
    fn a_child_that_opens_a_socket() {
        if let Ok(kind) = std::env::var(OPEN) {
            open_socket(&kind);
        }
    }

    /// Opens and closes a socket of one kind: "tcp", "udp6" or "unix".
    fn open_socket(kind: &str) {
        match kind {
            "tcp" => drop(std::net::TcpListener::bind("127.0.0.1:0").unwrap()),
            // The socket call comes before any address is checked, so this
            // is the same request where IPv6 is turned off.
            "udp6" => drop(std::net::UdpSocket::bind("[::1]:0")),
            "unix" => drop(std::os::unix::net::UnixDatagram::unbound().unwrap()),
            other => panic!("unknown socket {other}"),
        }
    }

    /// This test binary again, running the one test named (its full path)
    /// on the main thread's single test thread.
    fn rerun(test: &str) -> Command {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command.args(["--exact", test, "--test-threads", "1", "--nocapture"]);
        command
    }

    fn opener(kind: &str) -> Command {
        let mut command = rerun("network::linux::a_child_that_opens_a_socket");
        command.env(OPEN, kind);
        command
    }

    #[test]
    fn the_filter_kills_an_internet_socket_and_allows_a_unix_one() {
        // Unfiltered, the child opens its socket and succeeds.
        let out = opener("tcp").output().unwrap();
        assert!(out.status.success(), "{}", text(&out));
        for kind in ["tcp", "udp6"] {
            let out = filtered(opener(kind));
            assert_eq!(out.status.signal(), Some(SIGSYS), "{kind}: {}", text(&out));
        }
        let out = filtered(opener("unix"));
        assert!(out.status.success(), "unix: {}", text(&out));
    }

    /// A second workspace, the secretary's, as the window makes one.
    fn secretary_folder(dir: &Path) {
        let mut session = common::open(dir);
        let settings = Settings {
            role: Role::Secretary,
            ..session.workspace.settings().clone()
        };
        session.apply(Action::ChangeSettings { settings }).unwrap();
        session.store.flush().unwrap();
    }

    #[test]
    fn every_command_runs_without_an_internet_socket() {
        let root = tempfile::tempdir().unwrap();
        let (ws, cell, out) = (
            root.path().join("ws"),
            root.path().join("cell"),
            root.path().join("out"),
        );
        std::fs::create_dir(&out).unwrap();
        let s = |p: &Path| p.to_str().unwrap().to_owned();
        let d = s(&ws);
        let d = d.as_str();
        runs_offline(&[
            "--data-dir",
            d,
            "demo",
            "--members",
            "5",
            "--years",
            "1",
            "--first-year",
            "2020",
        ]);
        runs_offline(&["--data-dir", d, "check"]);
        let list = runs_offline(&["--data-dir", d, "list"]);
        runs_offline(&["--data-dir", d, "search", "tu tuong"]);
        runs_offline(&["--data-dir", d, "board", "--year", "2020"]);
        for format in ["pdf", "docx", "xlsx", "md"] {
            let file = s(&out.join(format!("chi-bo.{format}")));
            runs_offline(&[
                "--data-dir",
                d,
                "export",
                "--all",
                "--year",
                "2020",
                "--format",
                format,
                "--out",
                &file,
            ]);
            assert!(std::fs::metadata(&file).unwrap().len() > 0, "{format}");
        }

        // A member's exchange file, imported by the secretary.
        let listing = String::from_utf8_lossy(&list.stdout).into_owned();
        let first = listing.lines().nth(1).unwrap().split('\t').next().unwrap();
        let file = s(&out.join("nop-so.sophandau"));
        runs_offline(&[
            "--data-dir",
            d,
            "exchange",
            "--member",
            first,
            "--out",
            &file,
        ]);
        secretary_folder(&cell);
        let imported = runs_offline(&["--data-dir", &s(&cell), "import", &file]);
        assert!(text(&imported).contains("Đã nhận"), "{}", text(&imported));
        assert_eq!(common::open(&cell).workspace.data().notebooks.len(), 1);

        // Encryption on, then a command that unlocks the key (age's scrypt
        // at its full work factor: about a second each).
        for args in [["encryption", "on"].as_slice(), &["check"]] {
            let mut command = sophandau(&["--data-dir", d]);
            command.args(args).env("SOPHANDAU_PASSPHRASE", "mật khẩu");
            offline(command);
        }
        assert!(ws.join("key.age").exists());
    }

    /// The folder the window's child works in, when set.
    const WINDOW: &str = "SOPHANDAU_TEST_WINDOW_DIR";

    /// Not a test by itself: the child of the two window tests below.
    /// With `WINDOW` set, it requires that it runs under a seccomp filter,
    /// drives the window there, and then opens the socket `OPEN` names,
    /// if any.
    #[test]
    fn a_child_that_drives_the_window() {
        let Ok(root) = std::env::var(WINDOW) else {
            return;
        };
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        assert!(
            status.lines().any(|line| line == "Seccomp:\t2"),
            "the window's child must run under the filter"
        );
        window::drive(Path::new(&root));
        if let Ok(kind) = std::env::var(OPEN) {
            open_socket(&kind);
        }
    }

    /// The window's child under the filter, on a fresh folder, with no
    /// display to reach; `socket` is the socket it opens at the end.
    fn window_child(root: &Path, socket: Option<&str>) -> Output {
        let mut command = rerun("network::linux::a_child_that_drives_the_window");
        command
            .env(WINDOW, root)
            .env_remove(OPEN)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("SOPHANDAU_DATA_DIR")
            .env_remove("SOPHANDAU_PASSPHRASE");
        if let Some(kind) = socket {
            command.env(OPEN, kind);
        }
        filtered(command)
    }

    #[test]
    fn the_window_runs_without_an_internet_socket() {
        let root = tempfile::tempdir().unwrap();
        let out = window_child(root.path(), None);
        assert_eq!(
            out.status.signal(),
            None,
            "the window was killed (SIGSYS {SIGSYS} is an internet socket): {}",
            text(&out)
        );
        assert!(out.status.success(), "{}", text(&out));
        window::check_written(root.path());
    }

    /// The control: the same child, opening a TCP socket once it has
    /// driven the window, dies of SIGSYS.
    #[test]
    fn the_window_child_dies_when_it_opens_a_socket() {
        let root = tempfile::tempdir().unwrap();
        let out = window_child(root.path(), Some("tcp"));
        assert_eq!(out.status.signal(), Some(SIGSYS), "{}", text(&out));
        // It got that far: the window's work is on disk.
        window::check_written(root.path());
    }

    /// The window's flows, driven headless with egui_kittest as the UI
    /// tests drive them: a demo cell opened, a field typed and saved, a
    /// search, a PDF and a DOCX exported, an exchange file written, an
    /// undo, and the file taken in by a secretary's window.
    mod window {
        use std::fs;
        use std::path::{Path, PathBuf};

        use eframe::egui;
        use egui_kittest::Harness;
        use egui_kittest::kittest::{NodeT as _, Queryable as _};
        use sophandau::model::Role;
        use sophandau::store;
        use sophandau::ui::App;

        use crate::ui::handover::{preview_exchange_files, with_folder};
        use crate::ui::{click, harness, replace_text, wait_for};

        /// What the member types into the profile, then undoes.
        const TYPED: &str = "Phó bí thư chi bộ ấp Long Thuận";

        struct Folders {
            member: PathBuf,
            cell: PathBuf,
            out: PathBuf,
        }

        fn folders(root: &Path) -> Folders {
            Folders {
                member: root.join("ws"),
                cell: root.join("cell"),
                out: root.join("out"),
            }
        }

        /// A demo cell of three members over 2020 in `dir`, exporting to
        /// `out`.
        fn demo_cell(dir: &Path, out: &Path) {
            let files = store::Files::new(dir);
            files.create_dirs().unwrap();
            let cell = sophandau::demo::generate(sophandau::demo::DemoSpec {
                members: 3,
                years: 1,
                first_year: 2020,
                seed: 7,
            });
            for notebook in &cell.notebooks {
                files.save_both(notebook).unwrap();
            }
            with_folder(dir, out, Role::Member);
        }

        /// Everything, in the child.
        pub(super) fn drive(root: &Path) {
            let f = folders(root);
            fs::create_dir_all(&f.out).unwrap();
            demo_cell(&f.member, &f.out);
            with_folder(&f.cell, &f.out, Role::Secretary);
            let mut h = harness(&f.member);
            search(&mut h);
            let cell = "Cả chi bộ, năm 2020 (3 đảng viên)";
            export(&mut h, "PDF — để in", cell, &f.out.join("chi-bo.pdf"));
            let mine = format!("Sổ của {}, năm 2020", shown_name(&h));
            export(
                &mut h,
                "Word (DOCX) — để sửa",
                &mine,
                &f.out.join("so.docx"),
            );
            // Typed after the exports, which remember their folder and
            // format as a settings change: the undo below takes the typing.
            type_and_save(&mut h);
            click(&mut h, "Sổ");
            click(&mut h, "Trao đổi sổ…");
            click(&mut h, "Ghi tệp trao đổi");
            h.get_by_label_contains("Đã ghi 1 tệp");
            click(&mut h, "Đóng");
            undo(&mut h);
            drop(h);
            take(&f.cell, &exchange_file(&f.out));
        }

        fn shown_name(h: &Harness<'_, App>) -> String {
            let member = h.state().place().member.expect("a member is shown");
            let ws = &h.state().session().workspace;
            ws.notebook(member).unwrap().profile.full_name.clone()
        }

        /// The member's notebook file, once everything pending is written.
        fn saved(h: &Harness<'_, App>) -> String {
            let member = h.state().place().member.expect("a member is shown");
            let session = h.state().session();
            session.store.flush().expect("saves");
            fs::read_to_string(session.store.files().notebook_path(member)).unwrap()
        }

        fn type_and_save(h: &mut Harness<'_, App>) {
            click(h, "Lý lịch");
            replace_text(h, "Chức vụ Đảng", TYPED);
            h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
            h.run();
            let file = saved(h);
            assert!(file.contains(&format!("party_post: \"{TYPED}\"")), "{file}");
        }

        /// Ctrl+F, a word typed without marks, found.
        fn search(h: &mut Harness<'_, App>) {
            let mut tries = 0;
            while !h.state_mut().search_ready() {
                tries += 1;
                assert!(tries < 6_000, "the search index was not built");
                std::thread::sleep(std::time::Duration::from_millis(10));
                h.step();
            }
            h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
            h.run();
            h.get_by_label("Tìm").type_text("tu tuong");
            h.run();
            let found = h
                .get_by_label_contains("Tìm thấy")
                .accesskit_node()
                .label()
                .unwrap_or_default();
            assert!(!found.starts_with("Tìm thấy 0 "), "{found}");
            click(h, "Đóng");
            assert!(h.state().search_panel().is_none());
        }

        /// One export through the export window, waited for, the window
        /// closed.
        fn export(h: &mut Harness<'_, App>, format: &str, scope: &str, to: &Path) {
            click(h, "Xuất file…");
            click(h, format);
            click(h, scope);
            replace_text(h, "Lưu vào", &to.display().to_string());
            click(h, "Xuất");
            wait_for(h, "Đã xuất:");
            click(h, "Đóng");
        }

        /// Ctrl+Z takes the typed post back, in the file too.
        fn undo(h: &mut Harness<'_, App>) {
            h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
            h.run();
            h.get_by_label_contains("Đã hoàn tác");
            assert!(!saved(h).contains(TYPED), "undone on disk");
        }

        fn exchange_file(out: &Path) -> PathBuf {
            let found: Vec<PathBuf> = fs::read_dir(out)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "sophandau"))
                .collect();
            assert_eq!(found.len(), 1, "{found:?}");
            found[0].clone()
        }

        /// The secretary's window previews the file and takes it.
        fn take(cell: &Path, file: &Path) {
            let mut h = harness(cell);
            preview_exchange_files(&mut h, &file.display().to_string());
            click(&mut h, "Nhận");
            h.get_by_label_contains("Đã nhận 1 tệp");
            h.state().session().store.flush().expect("saves");
        }

        /// In the parent, after the child: the files the window wrote.
        pub(super) fn check_written(root: &Path) {
            let f = folders(root);
            // The secretary holds the notebook as it was handed in, the
            // member's own file is as it is after the undo.
            let cell = crate::common::open(&f.cell);
            let taken: Vec<_> = cell.workspace.notebooks().collect();
            assert_eq!(taken.len(), 1);
            assert_eq!(taken[0].profile.party_post, TYPED);
            let member = crate::common::open(&f.member);
            let own = member.workspace.notebook(taken[0].id).unwrap();
            assert_ne!(own.profile.party_post, TYPED);

            let pdf = fs::read(f.out.join("chi-bo.pdf")).unwrap();
            let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
            assert!(pages[0].contains("BÁO CÁO TỔNG HỢP"), "{}", pages[0]);
            assert!(pages.len() > 3, "every member's notebook: {}", pages.len());
            let docx = fs::File::open(f.out.join("so.docx")).unwrap();
            let mut zip = zip::ZipArchive::new(docx).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
                .unwrap();
            assert!(xml.contains(&own.profile.full_name), "the member's DOCX");
        }
    }
}
