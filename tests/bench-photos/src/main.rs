//! Photo pipeline benchmark against Pillow and vipsthumbnail. Not a test: it prints a table.
//!
//! ```text
//! cargo run --release -p ihanoi-photo-bench [-- --runs 5]
//! ```
//!
//! Every JPEG in `$IHANOI_SHARED/photos` (default `<repo>/../shared/photos`) is
//! compressed to a 1600 px long edge by three tools, each as a whole process on
//! one thread: this crate's `one` subcommand (the core's pipeline), Pillow
//! (open, `draft()` with an aspect-fitted size, `exif_transpose`, `thumbnail`
//! LANCZOS, save quality 80) and `vipsthumbnail -s 1600 -o out.jpg[Q=80,strip]`.
//! Per tool and photo: median wall time and peak RSS over the runs (from
//! `wait4` in a lean launcher process, see `measure.rs`), output bytes, and SSIM (luma, 11x11 Gaussian window) against a
//! high-quality reference: full decode, upright, Lanczos3 in f32 to the tool's
//! output size. Pillow and libvips-tools are installed by `setup.sh` if absent.

mod measure;
mod reference;
mod ssim;

use std::path::{Path, PathBuf};
use std::process::Command;

use ihanoi_core::photos::CompressOptions;
use ihanoi_core::photos::ops::compress_file;

use crate::measure::{Run, run_process};

const PILLOW: &str = r#"
import sys
from PIL import Image, ImageOps
src, dst, edge = sys.argv[1], sys.argv[2], int(sys.argv[3])
im = Image.open(src)
w, h = im.size
s = edge / max(w, h)
if s < 1:
    # draft() only acts when the requested size keeps the aspect ratio.
    im.draft("RGB", (max(1, round(w * s)), max(1, round(h * s))))
im = ImageOps.exif_transpose(im)
im.thumbnail((edge, edge), Image.LANCZOS)
im.convert("RGB").save(dst, "JPEG", quality=80)
"#;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Ihanoi,
    Pillow,
    Vips,
}

impl Tool {
    const ALL: [Tool; 3] = [Tool::Ihanoi, Tool::Pillow, Tool::Vips];

    fn name(self) -> &'static str {
        match self {
            Tool::Ihanoi => "ihanoi",
            Tool::Pillow => "Pillow",
            Tool::Vips => "vipsthumbnail",
        }
    }

    fn command(self, input: &Path, out_dir: &Path) -> (Command, PathBuf) {
        match self {
            Tool::Ihanoi => {
                let mut c = Command::new(std::env::current_exe().expect("own path"));
                c.arg("one").arg(input).arg(out_dir);
                (c, out_dir.join("result.path"))
            }
            Tool::Pillow => {
                let out = out_dir.join("pillow.jpg");
                let mut c = Command::new("python3");
                c.arg("-c").arg(PILLOW).arg(input).arg(&out).arg("1600");
                (c, out)
            }
            Tool::Vips => {
                let out = out_dir.join("vips.jpg");
                let mut c = Command::new("vipsthumbnail");
                c.arg("-s")
                    .arg("1600")
                    .arg("-o")
                    .arg(format!("{}[Q=80,strip]", out.display()))
                    .arg(input);
                (c, out)
            }
        }
    }
}

fn shared_photos() -> PathBuf {
    let shared = std::env::var_os("IHANOI_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    shared.join("photos")
}

/// `one <input> <out_dir>`: the child process measured for the core.
fn one(input: &Path, out_dir: &Path) {
    match compress_file(input, out_dir, &CompressOptions::default()) {
        Ok(done) => {
            std::fs::write(
                out_dir.join("result.path"),
                done.path.to_string_lossy().as_bytes(),
            )
            .expect("write result");
        }
        Err(e) => {
            eprintln!("ihanoi: {e}");
            std::process::exit(1);
        }
    }
}

/// SSIM computed in a child process: this process must stay small, because
/// a spawned child's `ru_maxrss` starts from its parent's memory (Linux keeps
/// the pre-exec high-water mark), which would inflate every tool's figure.
fn ssim_in_child(original: &Path, output: &Path) -> f64 {
    let result = Command::new(std::env::current_exe().expect("own path"))
        .arg("ssim")
        .arg(original)
        .arg(output)
        .output()
        .expect("run ssim");
    String::from_utf8_lossy(&result.stdout)
        .trim()
        .parse()
        .unwrap_or(f64::NAN)
}

struct Row {
    photo: String,
    megapixels: f64,
    tool: Tool,
    wall_ms: f64,
    peak_mib: f64,
    bytes: u64,
    ssim: f64,
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn main() {
    // First, before this process allocates anything: the lean launcher.
    if std::env::args_os().nth(1).is_some_and(|a| a == "spawn") {
        let rest: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
        return measure::spawn_and_report(&rest);
    }
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("one") => return one(Path::new(&args[2]), Path::new(&args[3])),
        Some("ssim") => {
            let original = std::fs::read(&args[2]).expect("read original");
            let output = std::fs::read(&args[3]).expect("read output");
            println!("{}", reference::Reference::new(&original).ssim_of(&output));
            return;
        }
        _ => {}
    }
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);

    let setup = Path::new(env!("CARGO_MANIFEST_DIR")).join("setup.sh");
    let status = Command::new("bash")
        .arg(&setup)
        .status()
        .expect("run setup.sh");
    assert!(status.success(), "setup.sh failed");

    let mut photos: Vec<PathBuf> = std::fs::read_dir(shared_photos())
        .expect("shared photos")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    photos.sort();

    let mut rows = Vec::new();
    for photo in &photos {
        let name = photo.file_name().unwrap().to_string_lossy().into_owned();
        let header = turbojpeg::read_header(&std::fs::read(photo).expect("read photo"))
            .expect("JPEG header");
        let megapixels = (header.width * header.height) as f64 / 1e6;
        let kept = tempfile::tempdir().unwrap();
        // Runs are interleaved (each tool once, then again): a slow spell of
        // this shared machine then hits every tool alike, not one tool's runs.
        let mut walls = vec![Vec::new(); Tool::ALL.len()];
        let mut peaks = vec![Vec::new(); Tool::ALL.len()];
        let mut outputs = vec![None; Tool::ALL.len()];
        let mut failed = [false; Tool::ALL.len()];
        for _ in 0..runs {
            for (i, tool) in Tool::ALL.into_iter().enumerate() {
                if failed[i] {
                    continue;
                }
                let dir = tempfile::tempdir().unwrap();
                let (mut command, out) = tool.command(photo, dir.path());
                command
                    .env("VIPS_CONCURRENCY", "1")
                    .env("OMP_NUM_THREADS", "1")
                    .env("OPENBLAS_NUM_THREADS", "1");
                let Run {
                    wall_ms,
                    peak_rss_kib,
                    ok,
                } = run_process(command);
                if !ok {
                    eprintln!("{} failed on {name}", tool.name());
                    failed[i] = true;
                    outputs[i] = None;
                    continue;
                }
                walls[i].push(wall_ms);
                peaks[i].push(peak_rss_kib as f64 / 1024.0);
                let out = if tool == Tool::Ihanoi {
                    PathBuf::from(std::fs::read_to_string(&out).unwrap())
                } else {
                    out
                };
                let keep = kept.path().join(format!("{}.jpg", tool.name()));
                std::fs::copy(out, &keep).unwrap();
                outputs[i] = Some(keep);
            }
        }
        for (i, tool) in Tool::ALL.into_iter().enumerate() {
            let Some(jpeg) = outputs[i].take() else {
                continue;
            };
            let ssim = ssim_in_child(photo, &jpeg);
            let row = Row {
                photo: name.clone(),
                megapixels,
                tool,
                wall_ms: median(&mut walls[i]),
                peak_mib: median(&mut peaks[i]),
                bytes: std::fs::metadata(&jpeg).unwrap().len(),
                ssim,
            };
            eprintln!(
                "{:<36} {:<14} {:>8.1} ms {:>7.1} MiB {:>8} B  SSIM {:.4}",
                row.photo,
                tool.name(),
                row.wall_ms,
                row.peak_mib,
                row.bytes,
                row.ssim
            );
            rows.push(row);
        }
    }
    print_table(&rows, runs);
}

fn print_table(rows: &[Row], runs: usize) {
    println!();
    println!(
        "Long edge 1600, whole processes, one thread each, median of {runs} runs (wall, peak RSS); SSIM on luma vs full-decode Lanczos3 reference."
    );
    println!();
    println!("| photo | MP | tool | wall ms | peak MiB | bytes | SSIM |");
    println!("|---|---:|---|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {:.1} | {} | {:.0} | {:.1} | {} | {:.4} |",
            r.photo,
            r.megapixels,
            r.tool.name(),
            r.wall_ms,
            r.peak_mib,
            r.bytes,
            r.ssim
        );
    }
    for (label, filter) in [
        (
            "12–24 MP photos",
            (|mp: f64| (11.0..=25.0).contains(&mp)) as fn(f64) -> bool,
        ),
        ("all photos", |_| true),
    ] {
        println!();
        println!("Median over {label}:");
        println!();
        println!(
            "| tool | wall ms | peak MiB | bytes | SSIM | wall vs Pillow | wall vs vips | memory vs Pillow | bytes vs Pillow | SSIM − Pillow |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        let stats = |tool: Tool| {
            let of: Vec<&Row> = rows
                .iter()
                .filter(|r| r.tool == tool && filter(r.megapixels))
                .collect();
            let m =
                |f: &dyn Fn(&Row) -> f64| median(&mut of.iter().map(|r| f(r)).collect::<Vec<_>>());
            (
                m(&|r| r.wall_ms),
                m(&|r| r.peak_mib),
                m(&|r| r.bytes as f64),
                m(&|r| r.ssim),
            )
        };
        let pillow = stats(Tool::Pillow);
        let vips = stats(Tool::Vips);
        for tool in Tool::ALL {
            let s = stats(tool);
            println!(
                "| {} | {:.0} | {:.1} | {:.0} | {:.4} | {:.2}× | {:.2}× | {:.2}× | {:.2}× | {:+.4} |",
                tool.name(),
                s.0,
                s.1,
                s.2,
                s.3,
                s.0 / pillow.0,
                s.0 / vips.0,
                s.1 / pillow.1,
                s.2 / pillow.2,
                s.3 - pillow.3
            );
        }
    }
}
