//! One report as the city's multipart `POST /requests` (docs/city-api.md): the
//! fields, the extension attributes, and the photos streamed from their files —
//! never loaded whole, never crossing the FFI.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::multipart::{Form, Part};
use tokio::io::AsyncReadExt;

use crate::error::{Error, Result};
use crate::files::DataDir;
use crate::location::model::LocationSource;
use crate::reports::{Report, Urgency};
use crate::server_profile::{Offer, ResidentContact, ServerProfile};
use crate::store::Store;
use crate::sync::listener::{SyncEvent, SyncListener};
use crate::time::w3c;

const CHUNK_BYTES: usize = 64 * 1024;

/// What is sent for one report, read from the store in one snapshot.
#[derive(Debug, Clone)]
pub struct Payload {
    pub report_id: String,
    fields: Vec<(String, String)>,
    /// The answers to the service's form, `attribute[CODE]` /
    /// `attribute[CODE][]` for codes its definition has (the server defines
    /// them: its own form).
    form: Vec<(String, String)>,
    photos: Vec<PhotoFile>,
}

#[derive(Debug, Clone)]
struct PhotoFile {
    path: PathBuf,
    bytes: u64,
}

impl Payload {
    pub fn load(store: &Store, files: &DataDir, report_id: &str) -> Result<Self> {
        let report_dir = files.report_dir(report_id);
        let (report, location, photos, form) = store.read(|conn| {
            let report = crate::reports::db::get(conn, report_id)?;
            let form = match &report.category_code {
                Some(code) => crate::forms::check::form_fields(
                    &crate::forms::db::definition(conn, code)?,
                    &crate::forms::db::values(conn, report_id)?,
                ),
                None => Vec::new(),
            };
            Ok((
                report,
                crate::location::db::find(conn, report_id)?,
                crate::photos::db::list(conn, &report_dir, report_id)?,
                form,
            ))
        })?;
        let mut fields = base_fields(&report);
        if let Some(location) = location {
            let fix = location.fix;
            fields.push(("lat".into(), format!("{:.7}", fix.lat)));
            fields.push(("long".into(), format!("{:.7}", fix.lon)));
            fields.push((
                "attribute[location_accuracy_m]".into(),
                format!("{:.1}", fix.accuracy_m),
            ));
            fields.push((
                "attribute[location_source]".into(),
                location_source(fix.source).into(),
            ));
            let adjusted = location.original.is_some() || fix.source == LocationSource::ManualPin;
            fields.push(("attribute[pin_adjusted]".into(), adjusted.to_string()));
        }
        if !photos.is_empty() {
            let taken: Vec<String> = photos
                .iter()
                .map(|p| {
                    p.captured_at_ms
                        .map(|ms| w3c::format(ms, p.capture_utc_offset_minutes.unwrap_or(0)))
                        .unwrap_or_default()
                })
                .collect();
            if taken.iter().any(|t| !t.is_empty()) {
                fields.push(("attribute[photo_taken_at]".into(), taken.join(",")));
            }
        }
        let mut photo_files = Vec::with_capacity(photos.len());
        for photo in photos {
            let path = PathBuf::from(&photo.path);
            // The length on disk, not the recorded one: the multipart length
            // must match what is streamed.
            let bytes = std::fs::metadata(&path)
                .map_err(|e| Error::io(&path, e))?
                .len();
            photo_files.push(PhotoFile { path, bytes });
        }
        Ok(Payload {
            report_id: report.id,
            fields,
            form,
            photos: photo_files,
        })
    }

    pub fn photo_count(&self) -> usize {
        self.photos.len()
    }

    /// Bytes of photos to send (what progress counts).
    pub fn photo_bytes(&self) -> u64 {
        self.photos.iter().map(|p| p.bytes).sum()
    }

    /// About the whole body's size (sets the request's deadline).
    pub fn body_bytes(&self) -> u64 {
        let fields: usize = self
            .fields
            .iter()
            .chain(&self.form)
            .map(|(k, v)| k.len() + v.len() + 100)
            .sum();
        self.photo_bytes() + fields as u64 + 200 * self.photos.len() as u64
    }

    /// A field as it will be sent (the lookup of an earlier attempt matches on them).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A fresh multipart body (each attempt streams the files anew) with only
    /// what `plan` says the server defines.
    pub fn form(
        &self,
        api_key: &str,
        plan: &SendPlan,
        listener: Arc<dyn SyncListener>,
    ) -> Result<Form> {
        let mut form = Form::new().text("api_key", api_key.to_owned());
        for (name, value) in self.fields.iter().filter(|(name, _)| plan.defines(name)) {
            form = form.text(name.clone(), value.clone());
        }
        for (name, value) in &self.form {
            form = form.text(name.clone(), value.clone());
        }
        for (name, value) in &plan.personal {
            form = form.text(name.clone(), value.clone());
        }
        let progress = Arc::new(Progress {
            report_id: self.report_id.clone(),
            sent: AtomicU64::new(0),
            total: self.photo_bytes(),
            listener,
        });
        for (index, photo) in self.photos.iter().enumerate() {
            let body =
                reqwest::Body::wrap_stream(file_stream(photo.path.clone(), progress.clone()));
            let part = Part::stream_with_length(body, photo.bytes)
                .file_name(format!("photo-{}.jpg", index + 1))
                .mime_str("image/jpeg")
                .map_err(|e| Error::io(&photo.path, std::io::Error::other(e)))?;
            form = form.part(plan.media_field.clone(), part);
        }
        Ok(form)
    }
}

/// What the server's profile says may be sent: the standard's fields always,
/// `client_request_id` and each `attribute[CODE]` only where defined, photos
/// under the part name it reads, and the personal fields where there is no
/// sign-in.
#[derive(Clone, PartialEq, Eq)]
pub struct SendPlan {
    pub client_request_id: bool,
    pub attributes: Vec<String>,
    pub media_field: String,
    pub personal: Vec<(String, String)>,
}

impl std::fmt::Debug for SendPlan {
    // The personal values stay out of every log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SendPlan")
            .field("client_request_id", &self.client_request_id)
            .field("attributes", &self.attributes)
            .field("media_field", &self.media_field)
            .field("personal", &self.personal.len())
            .finish()
    }
}

impl SendPlan {
    pub fn new(profile: &ServerProfile, contact: &ResidentContact) -> SendPlan {
        SendPlan {
            client_request_id: profile.idempotency,
            attributes: profile.report_attributes.clone(),
            media_field: profile.media_field.clone(),
            personal: if profile.sign_in == Offer::Offered {
                Vec::new()
            } else {
                contact.form_fields()
            },
        }
    }

    fn defines(&self, name: &str) -> bool {
        if name == "client_request_id" {
            return self.client_request_id;
        }
        match name
            .strip_prefix("attribute[")
            .and_then(|r| r.strip_suffix(']'))
        {
            Some(code) => self.attributes.iter().any(|c| c == code),
            None => true,
        }
    }
}

fn base_fields(report: &Report) -> Vec<(String, String)> {
    let mut fields = vec![
        ("client_request_id".to_owned(), report.id.clone()),
        (
            "service_code".to_owned(),
            report.category_code.clone().unwrap_or_default(),
        ),
        ("description".to_owned(), report.description.clone()),
        (
            "attribute[urgency]".to_owned(),
            // The API knows normal and urgent; "complex" is handled as normal.
            match report.urgency {
                Urgency::Urgent => "urgent",
                Urgency::Normal | Urgency::Complex => "normal",
            }
            .to_owned(),
        ),
    ];
    if let Some(address) = &report.address {
        fields.push(("address_string".to_owned(), address.clone()));
    }
    fields
}

fn location_source(source: LocationSource) -> &'static str {
    match source {
        LocationSource::DeviceGps => "gps",
        LocationSource::Network => "network",
        LocationSource::PhotoExif => "photo_exif",
        LocationSource::ManualPin => "map_pin",
    }
}

/// Counts streamed photo bytes and tells the listener.
struct Progress {
    report_id: String,
    sent: AtomicU64,
    total: u64,
    listener: Arc<dyn SyncListener>,
}

impl Progress {
    fn add(&self, bytes: usize) {
        let sent = self.sent.fetch_add(bytes as u64, Ordering::Relaxed) + bytes as u64;
        self.listener.on_event(SyncEvent::Progress {
            report_id: self.report_id.clone(),
            bytes_sent: sent.min(self.total),
            bytes_total: self.total,
        });
    }
}

/// The file in 64 KiB chunks, opened when the upload reaches it.
fn file_stream(
    path: PathBuf,
    progress: Arc<Progress>,
) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> + Send + 'static {
    futures_util::stream::try_unfold(
        (None::<tokio::fs::File>, path, progress),
        |(file, path, progress)| async move {
            let mut file = match file {
                Some(file) => file,
                None => tokio::fs::File::open(&path).await?,
            };
            let mut chunk = vec![0u8; CHUNK_BYTES];
            let read = file.read(&mut chunk).await?;
            if read == 0 {
                return Ok(None);
            }
            chunk.truncate(read);
            progress.add(read);
            Ok(Some((chunk, (Some(file), path, progress))))
        },
    )
}
