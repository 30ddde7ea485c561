//! `check-server URL --write SERVICE_CODE`: the app itself files one report,
//! clearly labelled as a test, in the category the operator names. It is the
//! core on a throw-away data directory doing what a resident's phone does —
//! profile, pull (categories and forms), a draft with a real JPEG from the
//! photo pipeline, readiness, the outbox's own multipart request — so the
//! verdict is what the app will meet, including what a read-only probe cannot
//! see (a server that creates the report but drops its photo).
//!
//! Only with `--write`: it creates a report on the server. A server with the
//! app's resident sign-in is not written to (that needs a resident's account;
//! file the test from the app instead).

use std::path::Path;
use std::sync::Arc;

use ihanoi_core::location::{LocationFix, LocationSource};
use ihanoi_core::net::CityConfig;
use ihanoi_core::photos::{CompressOptions, PhotoSource};
use ihanoi_core::reports::DraftField;
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::server_profile::{Offer, ServerProfile};
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, CoreConfig};

use crate::demo::sample;
use crate::error::{CliError, CliResult};

/// What the test report's description says: what it is and that the city
/// may ignore it, in both languages.
pub const TEST_LABEL: &str = "[iHaNoi check-server] Phản ánh thử nghiệm của quản trị viên, xin bỏ qua — \
     an operator's test report, please ignore";

/// How filing the test report went.
pub enum Written {
    /// Not tried: the server has resident sign-in.
    NeedsSignIn,
    /// The app could not file it; why (the city's reason, or the app's).
    Failed(String),
    /// The city created it under `id`; `photo` says whether a photo was sent
    /// (`None`: this server takes none, so none was attached).
    Created { id: String, photo: Option<bool> },
}

/// File the test report on `url` in `service_code` with the app's own code.
pub fn file_test_report(
    url: &str,
    api_key: &str,
    service_code: &str,
) -> CliResult<(ServerProfile, Written)> {
    let dir = tempfile::tempdir().map_err(|e| CliError::file("temporary folder", e))?;
    let core = Core::open(
        CoreConfig {
            data_dir: dir.path().join("phone"),
        },
        Arc::new(InMemorySecretStore::new()),
    )?;
    core.configure_city(CityConfig {
        base_url: url.to_owned(),
        api_key: api_key.to_owned(),
        extra_roots_pem: None,
    })?;
    let profile = crate::account::block_on(core.refresh_server_profile())??;
    if profile.sign_in == Offer::Offered {
        return Ok((profile, Written::NeedsSignIn));
    }
    if let Err(error) = core.pull_blocking(CancelToken::new()) {
        return Ok((profile, Written::Failed(format!("pull: {error}"))));
    }
    if !core.categories()?.iter().any(|c| c.code == service_code) {
        return Ok((
            profile,
            Written::Failed(format!("no category {service_code:?} on this server")),
        ));
    }
    let id = core.create_draft()?.id;
    core.update_draft(
        &id,
        DraftField::Category {
            code: Some(service_code.to_owned()),
        },
    )?;
    core.update_draft(
        &id,
        DraftField::Description {
            text: TEST_LABEL.to_owned(),
        },
    )?;
    let photo = profile.uploads != Offer::NotOffered;
    if photo {
        attach_sample(&core, &id, dir.path())?;
    }
    core.set_report_location(
        &id,
        LocationFix {
            lat: sample::SAMPLE_LAT,
            lon: sample::SAMPLE_LON,
            accuracy_m: 6.0,
            time_ms: ihanoi_core::time::now_ms(),
            source: LocationSource::DeviceGps,
            mocked: false,
        },
    )?;
    answer_required(&core, &id, service_code)?;
    let problems = core.problems(&id)?;
    if !problems.is_empty() {
        let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        return Ok((
            profile,
            Written::Failed(format!("not ready to send: {}", codes.join(", "))),
        ));
    }
    core.queue_report(&id)?;
    let summary = core.sync_blocking(
        SyncOptions::default(),
        Arc::new(NoListener),
        CancelToken::new(),
    )?;
    let written = match core.submission(&id)? {
        Some(submission) if summary.sent == 1 => Written::Created {
            id: submission.service_request_id,
            photo: photo.then_some(true),
        },
        _ => {
            let record = core.sync_record(&id)?;
            let why = record
                .rejection_message
                .map(|m| format!("{}: {}", record.rejection_reason.unwrap_or_default(), m.en))
                .or(record.last_error)
                .unwrap_or_else(|| "not sent".into());
            Written::Failed(why)
        }
    };
    Ok((profile, written))
}

/// The demo's street photo (camera EXIF, taken a minute ago), through the
/// core's photo pipeline as a resident's would be.
fn attach_sample(core: &Core, id: &str, dir: &Path) -> CliResult<()> {
    let taken = ihanoi_core::time::now_ms() - 60 * 1000;
    let photo = sample::write_report_photo(dir, taken)?;
    core.set_photo_input_dirs(&[dir.to_path_buf()])?;
    core.attach_photo_blocking(
        id,
        &photo,
        PhotoSource::Camera,
        &CompressOptions::default(),
        &CancelToken::new(),
    )?;
    Ok(())
}

/// A valid answer to each required question of the service's form.
fn answer_required(core: &Core, id: &str, service_code: &str) -> CliResult<()> {
    use ihanoi_core::forms::AttributeType;
    for attribute in core.service_attributes(service_code)? {
        if !attribute.required || !attribute.variable {
            continue;
        }
        let value = match attribute.datatype {
            AttributeType::SingleValueList | AttributeType::MultiValueList => attribute
                .values
                .first()
                .map(|choice| choice.key.clone())
                .unwrap_or_default(),
            AttributeType::Number => "1".into(),
            AttributeType::Datetime => {
                ihanoi_core::time::w3c::format(ihanoi_core::time::now_ms(), 7 * 60)
            }
            AttributeType::String | AttributeType::Text => "check-server".into(),
        };
        core.set_draft_attribute(id, &attribute.code, vec![value])?;
    }
    Ok(())
}
