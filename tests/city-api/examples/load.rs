//! Load benchmark of the reference server (run by `tests/bench.sh server`, never by
//! the tests): starts a server binary on loopback over a database of N reports,
//! then measures requests per second and latency percentiles of `GET /requests`
//! (the default page: newest 1 000 of the last 90 days) and of `POST /requests`
//! with one photo (multipart), plus the server's peak resident memory.
//!
//! ```sh
//! load --server target/release/ihanoi-city-api --label after [--reports 300000] \
//!      [--concurrency 8] [--seconds 10] [--max-posts 2000]
//! ```
//!
//! Bounded: each phase stops after `--seconds` or its request cap; loopback only.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    server: PathBuf,
    label: String,
    reports: u64,
    concurrency: usize,
    seconds: u64,
    max_gets: usize,
    max_posts: usize,
}

fn parse_args() -> Args {
    let mut a = Args {
        server: PathBuf::new(),
        label: "server".into(),
        reports: 300_000,
        concurrency: 8,
        seconds: 10,
        max_gets: 400,
        max_posts: 2_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let v = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--server" => a.server = v.into(),
            "--label" => a.label = v,
            "--reports" => a.reports = v.parse().unwrap(),
            "--concurrency" => a.concurrency = v.parse().unwrap(),
            "--seconds" => a.seconds = v.parse().unwrap(),
            "--max-gets" => a.max_gets = v.parse().unwrap(),
            "--max-posts" => a.max_posts = v.parse().unwrap(),
            other => panic!("unknown flag {other}"),
        }
    }
    assert!(a.server.exists(), "--server BIN");
    a
}

fn shared() -> PathBuf {
    std::env::var_os("IHANOI_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(bin: &PathBuf, data: &std::path::Path) -> Server {
        let mut child = Command::new(bin)
            .args(["--dev", "--port", "0", "--requests-per-minute", "100000000"])
            .arg("--data-dir")
            .arg(data)
            .arg("--areas")
            .arg(shared().join("geo/hanoi_wards_2025.geojson"))
            .arg("--categories")
            .arg(ihanoi_city_api::config::shipped_categories())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Server {
            child,
            url: line.trim().to_owned(),
        }
    }

    /// Peak resident memory so far (VmHWM), in MB.
    fn peak_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
            .unwrap_or(f64::NAN)
    }
}

const API_KEY: &str = "dev-app-key";

fn photo_form(photo: &[u8], n: usize) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("api_key", API_KEY)
        .text("service_code", "ve_sinh_moi_truong")
        .text("lat", format!("{:.6}", 21.0287 + (n % 100) as f64 * 1e-5))
        .text("long", "105.8524")
        .text("description", format!("Rác thải ở ngõ {n}"))
        .part(
            "media[]",
            reqwest::multipart::Part::bytes(photo.to_vec())
                .file_name("a.jpg")
                .mime_str("image/jpeg")
                .unwrap(),
        )
}

/// Fill the database: one report through the API (so the schema and a real row are
/// the server's own), then `n - 1` copies of it in one SQL statement.
async fn seed(args: &Args, data: &std::path::Path, http: &reqwest::Client, photo: &[u8]) {
    let server = Server::start(&args.server, data);
    let r = http
        .post(format!("{}/requests.json", server.url))
        .multipart(photo_form(photo, 0))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "seed POST: {}", r.status());
    drop(server);
    let conn = rusqlite::Connection::open(data.join("city.sqlite3")).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;")
        .unwrap();
    conn.execute(
        &format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
             INSERT INTO requests (content_hash, token, service_code, description, lat, long, personal_json,
                 attributes_json, urgency, agency_responsible, detailed_status, requested_ms, updated_ms,
                 acknowledge_by_ms, handle_by_ms)
             SELECT r.content_hash, lower(hex(randomblob(16))), r.service_code, r.description || ' #' || n.i,
                 r.lat + (n.i % 997) * 1e-5, r.long + (n.i % 991) * 1e-5, r.personal_json, r.attributes_json,
                 r.urgency, r.agency_responsible, r.detailed_status, {now} - (n.i * 1000), {now} - (n.i * 1000),
                 r.acknowledge_by_ms, r.handle_by_ms
             FROM n, (SELECT * FROM requests ORDER BY id LIMIT 1) r",
            count = args.reports.saturating_sub(1)
        ),
        [],
    )
    .unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
}

struct Stats {
    count: usize,
    failed: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Stats {
    fn line(&self, label: &str, what: &str, peak_mb: f64) -> String {
        let mut l = self.latencies.clone();
        l.sort();
        let pct = |p: f64| {
            if l.is_empty() {
                f64::NAN
            } else {
                let i = ((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1;
                l[i].as_secs_f64() * 1000.0
            }
        };
        format!(
            "{label:<7} {what:<30} {:>6} req {:>4} failed {:>9.1} req/s   p50 {:>8.1} ms   p99 {:>8.1} ms   peak RSS {:>7.1} MB",
            self.count,
            self.failed,
            self.count as f64 / self.elapsed.as_secs_f64(),
            pct(0.50),
            pct(0.99),
            peak_mb
        )
    }
}

/// `concurrency` workers call `one(n)` until `max` calls or `seconds` have passed.
async fn run<F, Fut>(args: &Args, max: usize, one: F) -> Stats
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let one = Arc::new(one);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency {
        let (one, next) = (one.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut out = (Vec::new(), 0usize);
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if n >= max || Instant::now() >= deadline {
                    break;
                }
                let t = Instant::now();
                let ok = one(n).await;
                out.0.push(t.elapsed());
                if !ok {
                    out.1 += 1;
                }
            }
            out
        }));
    }
    let mut stats = Stats {
        count: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
    };
    for w in workers {
        let (lat, failed) = w.await.unwrap();
        stats.count += lat.len();
        stats.failed += failed;
        stats.latencies.extend(lat);
    }
    stats.elapsed = started.elapsed();
    stats
}

#[tokio::main]
async fn main() {
    let args = parse_args();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("city");
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let photo = std::fs::read(shared().join("photos/iphone4s-gps-small.jpg")).unwrap();
    seed(&args, &data, &http, &photo).await;

    let server = Server::start(&args.server, &data);
    let url = Arc::new(server.url.clone());
    let (h, u) = (http.clone(), url.clone());
    let gets = run(&args, args.max_gets, move |_| {
        let (h, u) = (h.clone(), u.clone());
        async move {
            match h.get(format!("{u}/requests.json")).send().await {
                Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                Err(_) => false,
            }
        }
    })
    .await;
    let get_peak = server.peak_mb();
    println!(
        "{}",
        gets.line(&args.label, "GET /requests (1000/page)", get_peak)
    );
    let (h, u) = (http.clone(), url.clone());
    let photo = Arc::new(photo);
    let posts = run(&args, args.max_posts, move |n| {
        let (h, u, p) = (h.clone(), u.clone(), photo.clone());
        async move {
            match h
                .post(format!("{u}/requests.json"))
                .multipart(photo_form(&p, n + 1))
                .send()
                .await
            {
                Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                Err(_) => false,
            }
        }
    })
    .await;
    println!(
        "{}",
        posts.line(
            &args.label,
            "POST /requests + 27 KB photo",
            server.peak_mb()
        )
    );
}
