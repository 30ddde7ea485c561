//! Running a tool as a whole process and reading its wall time and peak RSS.
//!
//! Linux carries the peak resident set across `exec`: a child's `ru_maxrss`
//! starts from the memory of the process that spawned it (with `vfork`, as
//! Rust's `Command` spawns, the spawning process's own peak). Spawned straight
//! from this benchmark, which holds photos and results, every tool would show
//! at least the benchmark's ~18 MiB. So each tool is started by a lean copy of
//! this binary (`spawn` mode: it allocates nothing before spawning) and that
//! copy reports the tool's figures. Every tool is measured the same way; what
//! remains in each figure is the tool's own process: its runtime and libraries
//! (Python and Pillow's import, this binary's code) plus the photo's work.

use std::ffi::OsString;
use std::process::{Command, Stdio};
use std::time::Instant;

pub struct Run {
    pub wall_ms: f64,
    pub peak_rss_kib: i64,
    pub ok: bool,
}

/// Run `command` through the lean launcher and read back what it measured.
pub fn run_process(command: Command) -> Run {
    let mut launcher = Command::new(std::env::current_exe().expect("own path"));
    launcher
        .arg("spawn")
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => launcher.env(key, value),
            None => launcher.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        launcher.current_dir(dir);
    }
    let output = launcher
        .stderr(Stdio::inherit())
        .output()
        .expect("run the launcher");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut fields = text.split_whitespace();
    let mut next = || fields.next().unwrap_or("");
    let (wall_ms, peak_rss_kib, ok) = (next().parse(), next().parse(), next() == "ok");
    match (wall_ms, peak_rss_kib) {
        (Ok(wall_ms), Ok(peak_rss_kib)) if output.status.success() => Run {
            wall_ms,
            peak_rss_kib,
            ok,
        },
        _ => Run {
            wall_ms: f64::NAN,
            peak_rss_kib: 0,
            ok: false,
        },
    }
}

/// `spawn PROGRAM ARGS...`: the launcher. Spawns the tool, reaps it with
/// `wait4` so the kernel hands over its own resource usage (`ru_maxrss`, the
/// peak resident set in KiB), and prints `wall_ms peak_kib ok|failed`.
pub fn spawn_and_report(program_and_args: &[OsString]) {
    let Some((program, args)) = program_and_args.split_first() else {
        eprintln!("spawn: no program");
        std::process::exit(2);
    };
    let mut command = Command::new(program);
    command
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    let started = Instant::now();
    let child = command.spawn().expect("spawn tool");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet reaped (`child` is never waited on).
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    std::mem::forget(child);
    let ok = reaped == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    println!(
        "{wall_ms:.3} {} {}",
        usage.ru_maxrss,
        if ok { "ok" } else { "failed" }
    );
}
