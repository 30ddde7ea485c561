//! The report operations the shells call. Each is one transaction: when it
//! returns `Ok`, the change is on disk.

use uuid::Uuid;

use crate::app::Core;
use crate::areas::LoadedAreas;
use crate::error::{Error, Result};
use crate::observers::ReportChangeKind;
use crate::reports::db;
use crate::reports::model::{DraftField, Report, ReportFilter, ReportPage, ReportState, Urgency};
use crate::reports::readiness::{self, Attachments, Problem};
use crate::text;
use crate::time::now_ms;

/// Drafts may hold more than the city accepts (the resident trims before sending),
/// but not unbounded text: a runaway paste must not bloat the database.
pub const DRAFT_TEXT_MAX_CHARS: usize = 10 * readiness::DESCRIPTION_MAX_CHARS;
const CATEGORY_CODE_MAX_CHARS: usize = 64;

impl Core {
    /// Start a new, empty draft.
    pub fn create_draft(&self) -> Result<Report> {
        let now = now_ms();
        let report = Report {
            id: Uuid::now_v7().to_string(),
            state: ReportState::Draft,
            category_code: None,
            description: String::new(),
            address: None,
            urgency: Urgency::Normal,
            created_at_ms: now,
            updated_at_ms: now,
            send_started: false,
        };
        self.store.write(|tx| db::insert(tx, &report))?;
        self.report_changed(&report.id, ReportChangeKind::Created);
        Ok(report)
    }

    /// Autosave one field of a draft. Durable when it returns.
    pub fn update_draft(&self, id: &str, field: DraftField) -> Result<Report> {
        let id = parse_id(id)?;
        let field = normalize_field(field)?;
        let report = self.store.write(|tx| {
            let report = db::get(tx, &id)?;
            require_editable(&report)?;
            db::update_field(tx, &id, &field, now_ms())?;
            db::get(tx, &id)
        })?;
        self.report_changed(&id, ReportChangeKind::Edited);
        Ok(report)
    }

    pub fn report(&self, id: &str) -> Result<Report> {
        let id = parse_id(id)?;
        self.store.read(|conn| db::get(conn, &id))
    }

    /// Reports newest first. `cursor` is the previous page's `next_cursor`.
    pub fn list_reports(
        &self,
        filter: ReportFilter,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<ReportPage> {
        self.store
            .read(|conn| db::list(conn, filter, cursor, limit))
    }

    /// Every reason the report cannot be queued yet, for the form to show as the
    /// resident types (empty when it can be queued).
    pub fn problems(&self, id: &str) -> Result<Vec<Problem>> {
        let id = parse_id(id)?;
        let areas = crate::location::ops::areas_for_readiness(self)?;
        let uploads_refused = self.uploads_refused();
        self.store.read(|conn| {
            let report = db::get(conn, &id)?;
            all_problems(conn, &report, areas.as_deref(), uploads_refused)
        })
    }

    /// Whether the configured city's server is known to take no photo
    /// uploads (no city configured yet: nothing known).
    pub(crate) fn uploads_refused(&self) -> bool {
        self.server_profile()
            .is_ok_and(|p| p.uploads == crate::server_profile::Offer::NotOffered)
    }

    /// Validate and move a draft to the outbox. Returns every problem at once.
    pub fn queue_report(&self, id: &str) -> Result<Report> {
        let id = parse_id(id)?;
        // Loaded before the transaction: loading reads the store.
        let areas = crate::location::ops::areas_for_readiness(self)?;
        let uploads_refused = self.uploads_refused();
        let report = self.store.write_synced(|tx| {
            let report = db::get(tx, &id)?;
            require_editable(&report)?;
            let problems = all_problems(tx, &report, areas.as_deref(), uploads_refused)?;
            if !problems.is_empty() {
                return Err(Error::NotReady { problems });
            }
            let now = now_ms();
            // What is sent is what was checked: trimmed, NFC.
            let description = text::normalize(&report.description);
            db::update_field(tx, &id, &DraftField::Description { text: description }, now)?;
            db::set_state(tx, &id, ReportState::Queued, now)?;
            db::get(tx, &id)
        })?;
        tracing::info!(report_id = %id, "report queued");
        self.report_changed(&id, ReportChangeKind::StateChanged);
        Ok(report)
    }

    /// Take a queued report back to draft, if sending has not started.
    pub fn return_to_draft(&self, id: &str) -> Result<Report> {
        let id = parse_id(id)?;
        let report = self.store.write_synced(|tx| {
            let report = db::get(tx, &id)?;
            if report.state != ReportState::Queued {
                return Err(Error::WrongState {
                    id: id.clone(),
                    state: report.state,
                    expected: "queued",
                });
            }
            // Any started attempt may have reached the city (the answer was
            // lost, the sync cancelled, the app killed mid-request — none of
            // them counts as a failed attempt): editing now would resend other
            // content under the same id.
            if report.send_started {
                return Err(Error::WrongState {
                    id: id.clone(),
                    state: report.state,
                    expected: "queued and not yet tried",
                });
            }
            db::set_state(tx, &id, ReportState::Draft, now_ms())?;
            db::get(tx, &id)
        })?;
        self.report_changed(&id, ReportChangeKind::StateChanged);
        Ok(report)
    }

    /// Delete a draft and every file that belongs to it.
    pub fn delete_draft(&self, id: &str) -> Result<()> {
        let id = parse_id(id)?;
        self.store.write(|tx| {
            let report = db::get(tx, &id)?;
            require_editable(&report)?;
            db::delete(tx, &id)
        })?;
        // Files go after the row: a crash in between leaves only orphans, which
        // the next start sweeps; the other order could leave a report without files.
        self.report_changed(&id, ReportChangeKind::Deleted);
        self.files.remove_report_dir(&id)
    }
}

/// The report's own problems, then its form's (checked against the
/// definition cached now, so a draft written before it changed is re-checked).
pub(crate) fn all_problems(
    conn: &rusqlite::Connection,
    report: &Report,
    areas: Option<&LoadedAreas>,
    uploads_refused: bool,
) -> Result<Vec<Problem>> {
    let mut problems =
        readiness::problems(report, attachments(conn, report, areas, uploads_refused)?);
    if let Some(code) = &report.category_code {
        let attributes = crate::forms::db::definition(conn, code)?;
        if !attributes.is_empty() {
            let values = crate::forms::db::values(conn, &report.id)?;
            problems.extend(crate::forms::check::problems(&attributes, &values));
        }
    }
    Ok(problems)
}

fn attachments(
    conn: &rusqlite::Connection,
    report: &Report,
    areas: Option<&LoadedAreas>,
    uploads_refused: bool,
) -> Result<Attachments> {
    Ok(Attachments {
        uploads_refused,
        photo_count: crate::photos::db::count(conn, &report.id)?,
        has_location: crate::location::db::exists(conn, &report.id)?,
        location_outside_hanoi: crate::location::ops::is_outside_hanoi(conn, &report.id, areas)?,
        category_listed: match &report.category_code {
            Some(code) => crate::categories::is_listed(conn, code)?,
            None => false,
        },
    })
}

pub(crate) fn require_editable(report: &Report) -> Result<()> {
    if report.state.is_editable() {
        Ok(())
    } else {
        Err(Error::WrongState {
            id: report.id.clone(),
            state: report.state,
            expected: "a draft",
        })
    }
}

/// Ids come from the shells; refuse anything that is not a UUID before it
/// reaches SQL or a file path.
pub(crate) fn parse_id(id: &str) -> Result<String> {
    Uuid::parse_str(id)
        .map(|uuid| uuid.hyphenated().to_string())
        .map_err(|_| Error::InvalidReportId { id: id.to_owned() })
}

fn normalize_field(field: DraftField) -> Result<DraftField> {
    Ok(match field {
        DraftField::Category { code } => {
            let code = text::normalize_optional(code.as_deref());
            check_len("category_code", code.as_deref(), CATEGORY_CODE_MAX_CHARS)?;
            DraftField::Category { code }
        }
        // Not trimmed while typing: the keyboard's trailing space is the user's.
        DraftField::Description { text } => {
            let text = text::nfc(&text);
            check_len("description", Some(&text), DRAFT_TEXT_MAX_CHARS)?;
            DraftField::Description { text }
        }
        DraftField::Address { text } => {
            let text = text::normalize_optional(text.as_deref());
            check_len("address", text.as_deref(), readiness::DESCRIPTION_MAX_CHARS)?;
            DraftField::Address { text }
        }
        DraftField::Urgency { urgency } => DraftField::Urgency { urgency },
    })
}

fn check_len(field: &'static str, value: Option<&str>, max: usize) -> Result<()> {
    match value {
        Some(v) if text::char_len(v) > max => Err(Error::TooLong { field, max }),
        _ => Ok(()),
    }
}
