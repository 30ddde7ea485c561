//! `ihanoi demo`: the whole flow on one machine, every step the real core and
//! the real reference server over HTTP on loopback:
//!
//! 1. the city's server starts (shipped categories; the ward boundaries the app
//!    ships, or `--areas FILE`);
//! 2. the app opens on an empty data folder, signs in (the one-time code
//!    comes from the officials' endpoint, standing in for the SMS) and caches
//!    the city's categories and ward boundaries (a pull);
//! 3. a report is written with no network involved: a photo (generated here,
//!    with camera EXIF), its GPS as the location, a category and a text, queued;
//! 4. sync: the outbox sends it (progress bar), the city routes it to a ward;
//! 5. the ward accepts it and resolves it with a result photo;
//! 6. pull: the app fetches the updates and the result photo's thumbnail;
//! 7. the report's timeline.

mod city;
pub mod sample;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use ihanoi_city_api::catalog::areas::AreaCatalog;
use ihanoi_city_api::config::AreasSource;
use ihanoi_core::areas::snapshot;
use ihanoi_core::location::LocationSource;
use ihanoi_core::net::CityConfig;
use ihanoi_core::photos::PhotoSource;
use ihanoi_core::reports::DraftField;
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, CoreConfig};

use crate::account::{block_on, send};
use crate::args::DemoArgs;
use crate::commands::attach_photos;
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::show;

use city::DemoCity;

/// The demo resident's phone number (the reference server texts nobody).
const PHONE: &str = "0912345678";
const CATEGORY: &str = "ve_sinh_moi_truong";

struct Steps<'a> {
    out: &'a Output,
    started: Instant,
    number: u32,
}

impl Steps<'_> {
    fn step(&mut self, vi: &str, en: &str) {
        self.number += 1;
        if !self.out.is_json() {
            println!(
                "\n[{}/7 · {:.1} s] {}",
                self.number,
                self.started.elapsed().as_secs_f64(),
                self.out.t(vi, en)
            );
        }
    }

    fn say(&self, text: impl AsRef<str>) {
        if !self.out.is_json() {
            println!("    {}", text.as_ref());
        }
    }
}

pub fn run(args: &DemoArgs, out: &Output) -> CliResult<()> {
    let scratch;
    let root: PathBuf = match &args.keep {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| CliError::file(dir, e))?;
            dir.clone()
        }
        None => {
            scratch = tempfile::Builder::new()
                .prefix("ihanoi-demo-")
                .tempdir()
                .map_err(|e| CliError::file(std::env::temp_dir(), e))?;
            scratch.path().to_path_buf()
        }
    };
    let mut steps = Steps {
        out,
        started: Instant::now(),
        number: 0,
    };

    // 1. The city.
    steps.step(
        "Khởi động máy chủ thành phố mẫu (Open311) trên máy này",
        "Starting the reference city server (Open311) on this machine",
    );
    // The city serves `--areas FILE`, else the set the app ships.
    let areas = match &args.areas {
        Some(file) => AreasSource::File(file.clone()),
        None => AreasSource::Loaded(Arc::new(AreaCatalog::from_index(
            snapshot::index().map_err(ihanoi_core::Error::from)?,
        ))),
    };
    steps.say(format!(
        "{}: {}",
        out.t("Ranh giới phường/xã", "Ward boundaries"),
        match &args.areas {
            Some(file) => file.display().to_string(),
            None => out
                .t(
                    "126 phường, xã có sẵn trong ứng dụng",
                    "the 126 wards and communes built into the app",
                )
                .to_owned(),
        }
    ));
    let city = DemoCity::start(root.join("city"), areas)?;
    steps.say(city.base_url());

    // 2. The app, and sign-in.
    steps.step(
        "Mở ứng dụng và đăng nhập bằng số điện thoại",
        "Opening the app and signing in with a phone number",
    );
    let core = Core::open(
        CoreConfig {
            data_dir: root.join("phone"),
        },
        // The demo's session lives as long as this process.
        Arc::new(InMemorySecretStore::new()),
    )?;
    core.configure_city(CityConfig {
        base_url: city.base_url().to_owned(),
        api_key: city::API_KEY.to_owned(),
        extra_roots_pem: None,
    })?;
    let sent = block_on(core.request_sign_in_code(PHONE))??;
    let code = city.sign_in_code(&sent.phone)?;
    steps.say(format!(
        "{} {} → {} {code}",
        out.t("Mã gửi tới", "Code sent to"),
        sent.phone,
        out.t("tin nhắn (giả lập):", "SMS (simulated):")
    ));
    block_on(core.sign_in(&sent.phone, &code, CancelToken::new()))??;
    steps.say(out.t("Đã đăng nhập.", "Signed in."));
    // First start: the city's categories and ward boundaries, cached for
    // offline use (later pulls ask with their ETag and get 304).
    core.pull_blocking(CancelToken::new())?;
    steps.say(format!(
        "{}: {} {} · {} {}",
        out.t(
            "Đã tải về để dùng khi không có mạng",
            "Cached for offline use"
        ),
        core.categories()?.len(),
        out.t("lĩnh vực", "categories"),
        core.area_set_info()?.map(|i| i.unit_count).unwrap_or(0),
        out.t("phường/xã", "wards and communes"),
    ));

    // 3. The report, written with no network call.
    steps.step(
        "Viết phản ánh (không cần mạng): ảnh, vị trí từ ảnh, lĩnh vực, nội dung",
        "Writing a report (no network needed): photo, location from the photo, category, text",
    );
    let photo = match &args.photo {
        Some(photo) => photo.clone(),
        None => {
            // Taken a minute ago: fresh enough for the location verdict (2 min).
            let taken = ihanoi_core::time::now_ms() - 60 * 1000;
            sample::write_report_photo(&root, taken)?
        }
    };
    let draft = core.create_draft()?;
    attach_photos(
        &core,
        &draft.id,
        std::slice::from_ref(&photo),
        PhotoSource::Camera,
    )?;
    let attached = core.photos(&draft.id)?;
    if let Some(p) = attached.first() {
        steps.say(format!(
            "{}: {} × {} px, {} KB ({} {} KB)",
            out.t("Ảnh đã nén", "Photo compressed"),
            p.width,
            p.height,
            p.bytes / 1024,
            out.t("gốc", "original"),
            std::fs::metadata(&photo)
                .map(|m| m.len() / 1024)
                .unwrap_or(0)
        ));
    }
    match core.offered_report_location(&draft.id, None)? {
        Some(fix) => {
            let located = core.set_report_location(&draft.id, fix)?;
            steps.say(format!(
                "{}: {:.5}, {:.5} ±{:.0} m → {}",
                out.t("Vị trí GPS trong ảnh", "GPS position in the photo"),
                located.fix.lat,
                located.fix.lon,
                located.fix.accuracy_m,
                located.area_name.as_deref().unwrap_or("?")
            ));
        }
        None => {
            // A photo without GPS (--photo): the resident places the pin.
            let pin = ihanoi_core::location::LocationFix {
                lat: sample::SAMPLE_LAT,
                lon: sample::SAMPLE_LON,
                accuracy_m: 0.0,
                time_ms: ihanoi_core::time::now_ms(),
                source: LocationSource::ManualPin,
                mocked: false,
            };
            let located = core.set_report_location(&draft.id, pin)?;
            steps.say(format!(
                "{} → {}",
                out.t(
                    "Ảnh không có GPS; ghim trên bản đồ",
                    "No GPS in the photo; pin on the map"
                ),
                located.area_name.as_deref().unwrap_or("?")
            ));
        }
    }
    core.update_draft(
        &draft.id,
        DraftField::Category {
            code: Some(CATEGORY.into()),
        },
    )?;
    core.update_draft(
        &draft.id,
        DraftField::Description {
            text: "Rác thải sinh hoạt đổ thành đống trên vỉa hè phố Đinh Tiên Hoàng, \
                   gần hồ Hoàn Kiếm, bốc mùi và lấn lối đi bộ."
                .into(),
        },
    )?;
    let queued = core.queue_report(&draft.id)?;
    steps.say(format!(
        "{} {} — {}",
        out.t("Phản ánh", "Report"),
        queued.id,
        out.pick(&queued.state.label())
    ));

    // 4. Sync.
    steps.step(
        "Đồng bộ: gửi phản ánh tới thành phố",
        "Sync: sending the report to the city",
    );
    let summary = send(&core, out, CancelToken::new())?;
    steps.say(format!("{}: {}", out.t("Đã gửi", "Sent"), summary.sent));
    let submission = core
        .submission(&draft.id)?
        .ok_or_else(|| CliError::demo("sync", "the report was not accepted"))?;
    steps.say(format!(
        "{} {} · {} {}",
        out.t("Mã phản ánh của thành phố:", "City's request id:"),
        submission.service_request_id,
        out.t("đơn vị phụ trách:", "responsible unit:"),
        // The city answers with the unit's code; the resident knows the ward by name.
        submission
            .agency_responsible
            .as_deref()
            .map(|code| core.unit_name(code).unwrap_or_else(|| code.to_owned()))
            .unwrap_or_else(|| "—".to_owned())
    ));

    // 5. The ward.
    steps.step(
        "Phường tiếp nhận, xử lý và trả lời kèm ảnh kết quả",
        "The ward accepts, handles and answers with a result photo",
    );
    let result_photo = sample::write_result_photo(&root)?;
    city.act(
        &submission.service_request_id,
        "accept",
        "Đã tiếp nhận, chuyển tổ vệ sinh môi trường của phường.",
        &[],
    )?;
    city.act(
        &submission.service_request_id,
        "start",
        "Tổ vệ sinh đang thu gom.",
        &[],
    )?;
    city.act(
        &submission.service_request_id,
        "resolve",
        "Đã thu gom rác và vệ sinh vỉa hè. Cảm ơn bạn đã phản ánh.",
        &[result_photo],
    )?;
    steps.say(out.t(
        "Phường: tiếp nhận → đang xử lý → đã xử lý.",
        "Ward: accepted → in progress → resolved.",
    ));

    // 6. Pull.
    steps.step(
        "Cập nhật: ứng dụng nhận trả lời và ảnh kết quả",
        "Pull: the app fetches the answers and the result photo",
    );
    let pulled = core.pull_blocking(CancelToken::new())?;
    steps.say(format!(
        "{} {} · {} {}",
        out.t("Cập nhật mới:", "New updates:"),
        pulled.new_updates,
        out.t("ảnh thu nhỏ đã lưu:", "thumbnails cached:"),
        pulled.thumbnails_cached
    ));

    // 7. The timeline.
    steps.step("Dòng thời gian của phản ánh", "The report's timeline");
    // --json: one object, the report as `show --json` prints it.
    show::report(&core, &draft.id, out)?;
    if !out.is_json() {
        println!(
            "\n{} ({:.1} s). {}",
            out.t("Xong", "Done"),
            steps.started.elapsed().as_secs_f64(),
            match &args.keep {
                Some(dir) => format!(
                    "{} {}",
                    out.t("Dữ liệu giữ tại", "Data kept in"),
                    dir.display()
                ),
                None => out
                    .t(
                        "Dữ liệu tạm đã xoá (giữ lại bằng --keep DIR).",
                        "Temporary data removed (keep it with --keep DIR).",
                    )
                    .to_owned(),
            }
        );
    }
    city.shutdown();
    Ok(())
}
