//! Nothing leaves the machine, seen at run time: the real `sophandau`
//! binary runs its commands (demo, check, list, search, every export,
//! an exchange file written and imported, encryption turned on) under a
//! seccomp filter that kills the process the moment it asks the kernel
//! for an internet socket (`socket()` with AF_INET or AF_INET6). Unix
//! sockets, netlink and every other call are allowed. Controls first: a
//! child that does open a TCP or UDP socket under the same filter dies of
//! SIGSYS, so the test can fail.
//!
//! Linux on x86_64 and aarch64 only (the filter is written for their
//! system-call numbers); elsewhere this module is empty, and
//! `hostile::the_program_has_no_network_library` still checks the build.
//! The window is not run here: it needs a display (X11 is a Unix socket
//! anyway), and it only adds drawing to the same store and exports.

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

    /// Runs `command` with the filter installed in the child between fork
    /// and exec.
    fn filtered(mut command: Command) -> Output {
        let mut filter = no_internet_filter();
        // SAFETY: the closure runs in the forked child before exec and only
        // makes two `prctl` calls (async-signal-safe), with a program that
        // was built before the fork and outlives the exec.
        unsafe {
            command.pre_exec(move || {
                let program = libc::sock_fprog {
                    len: filter.len() as u16,
                    filter: filter.as_mut_ptr(),
                };
                if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                let mode = libc::SECCOMP_MODE_FILTER as libc::c_ulong;
                if libc::prctl(libc::PR_SET_SECCOMP, mode, &raw const program) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
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
        let Ok(kind) = std::env::var(OPEN) else {
            return;
        };
        match kind.as_str() {
            "tcp" => drop(std::net::TcpListener::bind("127.0.0.1:0").unwrap()),
            // The socket call comes before any address is checked, so this
            // is the same request where IPv6 is turned off.
            "udp6" => drop(std::net::UdpSocket::bind("[::1]:0")),
            "unix" => drop(std::os::unix::net::UnixDatagram::unbound().unwrap()),
            other => panic!("unknown socket {other}"),
        }
    }

    fn opener(kind: &str) -> Command {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args([
                "--exact",
                "network::linux::a_child_that_opens_a_socket",
                "--test-threads",
                "1",
                "--quiet",
            ])
            .env(OPEN, kind);
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
}
