//! Nothing acknowledged is ever lost: a child process creates and edits drafts,
//! printing a line after each call returns; the parent SIGKILLs it at random
//! moments (≥ 200 times, `IHANOI_CRASH_KILLS` to change) and checks, after every
//! kill, that the file passes `PRAGMA integrity_check` and holds every change
//! the child had acknowledged.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ihanoi_core::reports::{DraftField, ReportFilter, Urgency};
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::store::{DATABASE_FILE_NAME, open_connection};
use ihanoi_core::{Core, CoreConfig};

const CHILD_ENV: &str = "IHANOI_CRASH_CHILD_DIR";
const CHILD_TEST: &str = "crash_child_process";

/// Tiny xorshift: the test needs varied timings, not statistical quality.
struct Rng(u64);
impl Rng {
    fn seeded() -> Self {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        Rng(t ^ (u64::from(std::process::id()) << 32) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn description(version: u64) -> String {
    format!("Rác thải tồn đọng ở đầu ngõ, phiên bản {version}")
}

fn version_of(description: &str) -> Option<u64> {
    description.rsplit(' ').next()?.parse().ok()
}

/// The child: edits drafts forever, acknowledging each completed call on stdout.
#[test]
#[ignore = "run by crash_kills_lose_no_acknowledged_change as its child process"]
fn crash_child_process() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        panic!("{CHILD_ENV} not set: this test only runs as the crash test's child");
    };
    let core = Core::open(
        CoreConfig {
            data_dir: dir.into(),
        },
        Arc::new(InMemorySecretStore::new()),
    )
    .unwrap();
    // Acknowledgements go to stderr, which libtest leaves alone, one "ACK …" line each.
    let mut out = std::io::stderr().lock();
    let mut rng = Rng::seeded();
    // Pick up the drafts earlier children left, through the public paging API.
    let mut drafts: Vec<(String, u64)> = Vec::new();
    let mut cursor = None;
    loop {
        let page = core
            .list_reports(ReportFilter::Drafts, cursor.as_deref(), 50)
            .unwrap();
        drafts.extend(
            page.reports
                .iter()
                .map(|r| (r.id.clone(), version_of(&r.description).unwrap_or(0))),
        );
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    writeln!(out, "ACK READY").unwrap();
    out.flush().unwrap();
    loop {
        match rng.below(10) {
            0..=2 => {
                let id = core.create_draft().unwrap().id;
                writeln!(out, "ACK CREATED {id}").unwrap();
                drafts.push((id, 0));
            }
            3 if drafts.len() > 5 => {
                let (id, _) = drafts.swap_remove(rng.below(drafts.len() as u64) as usize);
                writeln!(out, "ACK DELETING {id}").unwrap();
                out.flush().unwrap();
                core.delete_draft(&id).unwrap();
                writeln!(out, "ACK DELETED {id}").unwrap();
            }
            4 if !drafts.is_empty() => {
                let (id, _) = &drafts[rng.below(drafts.len() as u64) as usize];
                core.update_draft(
                    id,
                    DraftField::Urgency {
                        urgency: Urgency::Urgent,
                    },
                )
                .unwrap();
                writeln!(out, "ACK URGENT {id}").unwrap();
            }
            _ if !drafts.is_empty() => {
                let index = rng.below(drafts.len() as u64) as usize;
                let (id, version) = &mut drafts[index];
                *version += 1;
                core.update_draft(
                    id,
                    DraftField::Description {
                        text: description(*version),
                    },
                )
                .unwrap();
                writeln!(out, "ACK DESCRIBED {id} {version}").unwrap();
            }
            _ => continue,
        }
        out.flush().unwrap();
    }
}

/// What the parent knows the child acknowledged.
#[derive(Default)]
struct Acknowledged {
    /// Created and not (possibly) deleted, with the last acknowledged description version.
    live: HashMap<String, u64>,
    urgent: HashSet<String>,
    /// Deletion started: the row may or may not be there.
    maybe_deleted: HashSet<String>,
    deleted: HashSet<String>,
}

impl Acknowledged {
    fn apply(&mut self, line: &str) {
        let Some(line) = line.strip_prefix("ACK ") else {
            return; // test harness chatter
        };
        let mut words = line.split(' ');
        match (words.next(), words.next(), words.next()) {
            (Some("CREATED"), Some(id), None) => {
                self.live.insert(id.into(), 0);
            }
            (Some("DESCRIBED"), Some(id), Some(v)) => {
                self.live.insert(id.into(), v.parse().unwrap());
            }
            (Some("URGENT"), Some(id), None) => {
                self.urgent.insert(id.into());
            }
            (Some("DELETING"), Some(id), None) => {
                self.live.remove(id);
                self.maybe_deleted.insert(id.into());
            }
            (Some("DELETED"), Some(id), None) => {
                self.maybe_deleted.remove(id);
                self.deleted.insert(id.into());
            }
            (Some("READY"), None, None) => {}
            _ => panic!("unexpected line from child: {line:?}"),
        }
    }
}

fn check(dir: &Path, acked: &mut Acknowledged, kill: usize) {
    let conn = open_connection(&dir.join(DATABASE_FILE_NAME)).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "after kill {kill}");
    let migrated: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'reports'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if !migrated {
        // Killed before the first migration committed: a valid empty file, and
        // nothing can have been acknowledged yet.
        assert!(
            acked.live.is_empty() && acked.deleted.is_empty(),
            "kill {kill}"
        );
        return;
    }
    let mut stmt = conn
        .prepare("SELECT id, description, urgency FROM reports")
        .unwrap();
    let rows: HashMap<String, (String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, version) in &acked.live {
        let (text, _) = rows
            .get(id)
            .unwrap_or_else(|| panic!("kill {kill}: acknowledged draft {id} is gone"));
        // The child may have saved a newer version it had no time to acknowledge.
        let stored = version_of(text).unwrap_or(0);
        assert!(
            stored >= *version,
            "kill {kill}: {id} has v{stored}, v{version} was acknowledged"
        );
    }
    for id in &acked.urgent {
        if let Some((_, urgency)) = rows.get(id) {
            assert_eq!(urgency, "urgent", "kill {kill}: urgency of {id} lost");
        }
    }
    for id in &acked.deleted {
        assert!(
            !rows.contains_key(id),
            "kill {kill}: deleted draft {id} came back"
        );
    }
    // A deletion in flight either happened or did not; both are whole.
    for id in acked.maybe_deleted.drain() {
        match rows.get(&id) {
            Some((text, _)) => {
                acked.live.insert(id, version_of(text).unwrap_or(0));
            }
            None => {
                acked.deleted.insert(id);
            }
        }
    }
}

/// Every line the child finished writing; a line cut by the kill is not an acknowledgement.
fn complete_lines(pipe: impl Read) -> Vec<String> {
    let mut bytes = Vec::new();
    BufReader::new(pipe).read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    lines.pop(); // after the last newline: empty, or cut short
    lines
}

#[test]
fn crash_kills_lose_no_acknowledged_change() {
    let kills: usize = std::env::var("IHANOI_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng::seeded();
    let mut acked = Acknowledged::default();
    let mut acknowledged_changes = 0usize;

    for kill in 1..=kills {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                CHILD_TEST,
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let acks = child.stderr.take().unwrap();
        // Read on a thread so the kill comes at a random moment, not between lines.
        let reader = std::thread::spawn(move || complete_lines(acks));
        // Sometimes during start-up (opening, migrating), mostly mid-editing.
        let delay = Duration::from_micros(rng.below(40_000));
        let started = Instant::now();
        while started.elapsed() < delay {
            std::thread::sleep(Duration::from_micros(200));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "the child must die by the kill, not exit"
        );
        let lines = reader.join().unwrap();
        acknowledged_changes += lines
            .iter()
            .filter(|l| l.starts_with("ACK ") && *l != "ACK READY")
            .count();
        for line in &lines {
            acked.apply(line);
        }
        check(dir.path(), &mut acked, kill);
    }
    eprintln!(
        "{kills} kills, {acknowledged_changes} acknowledged lines, {} live drafts, {} deleted",
        acked.live.len(),
        acked.deleted.len()
    );
    assert!(
        acknowledged_changes > kills,
        "the child did too little work to prove anything"
    );
}
