//! Running a tool as a whole process and reading its wall time and peak RSS.

use std::process::{Command, Stdio};
use std::time::Instant;

pub struct Run {
    pub wall_ms: f64,
    pub peak_rss_kib: i64,
    pub ok: bool,
}

/// Spawn, then reap with `wait4` so the kernel hands over the child's own
/// resource usage (`ru_maxrss` is the peak resident set, in KiB on Linux).
pub fn run_process(mut command: Command) -> Run {
    command.stdout(Stdio::null()).stderr(Stdio::inherit());
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
    Run {
        wall_ms,
        peak_rss_kib: usage.ru_maxrss,
        ok: reaped == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}
