//! What the shells call to pull and to read what was pulled. Every read works
//! offline from SQLite and the cached files.

use crate::app::Core;
use crate::error::Result;
use crate::net::SyncError;
use crate::net::runtime::runtime;
use crate::observers::ReportChangeKind;
use crate::pull::api::PHOTO_RESPONSE_LIMIT;
use crate::pull::db;
use crate::pull::engine::{PullOutcome, Puller};
use crate::pull::model::{
    Alert, PullSummary, Refresh, ReportStatus, ResultPhoto, ResultPhotoProblem, TimelineEntry,
    UnreadCounts,
};
use crate::pull::photos::{self, FetchError};
use crate::reports::ops::parse_id;
use crate::tasks::CancelToken;
use crate::tasks::run_on_core;
use crate::time::now_ms;

impl Core {
    /// Fetch what the city did since the last pull: updates of the resident's
    /// own reports (timeline, statuses, deadlines, result-photo thumbnails),
    /// alerts, and the categories and areas when their ETag changed.
    ///
    /// One pull at a time ([`SyncError::AlreadyRunning`] for a second call);
    /// it may run beside a sync (they share only the one-refresh-at-a-time
    /// token lock). `cancel`, or dropping this future, stops it between and
    /// during requests: what was stored stays, and `summary.cancelled` is set. Without a session the
    /// public parts are still pulled and `summary.sign_in_needed` is set.
    ///
    /// Its steps (updates, alerts, categories, areas) run each on its own: a
    /// step that fails is listed in `summary.failed_steps` while the others
    /// run, and malformed records are skipped (`summary.skipped_records`).
    /// When steps ran and none succeeded (the city unreachable or broken
    /// altogether), the first failure is the error.
    pub async fn pull(&self, cancel: CancelToken) -> Result<PullSummary> {
        let (summary, all_failed) = self.pull_steps(cancel).await?;
        match all_failed {
            Some(error) => Err(error.into()),
            None => Ok(summary),
        }
    }

    /// [`Core::pull`], with the summary even when every step failed (and the
    /// first failure beside it), for callers that report steps themselves.
    pub(crate) async fn pull_steps(
        &self,
        cancel: CancelToken,
    ) -> Result<(PullSummary, Option<SyncError>)> {
        let city = self.sync.city()?;
        let guard = self
            .pull
            .running
            .clone()
            .try_lock_owned()
            .map_err(|_| SyncError::AlreadyRunning)?;
        let token = cancel.clone();
        let puller = Puller {
            store: self.store.clone(),
            files: self.files.clone(),
            session: self.session_context(city),
            cancel,
            has_area_set: self.cached_area_set_info()?.is_some(),
        };
        let PullOutcome {
            mut summary,
            areas,
            all_failed,
        } = run_on_core(&token, async move {
            let _one_pull_at_a_time = guard;
            puller.run().await
        })
        .await?;
        if let Some(areas) = areas {
            // Installed here: the in-memory index belongs to this Core. The
            // ETag goes in after the set, so a crash between the two only
            // means one more download.
            self.import_area_index(areas.index, &areas.version)?;
            let etag = areas.etag.unwrap_or_default();
            self.store
                .write(|tx| db::set_state(tx, db::AREAS_ETAG, &etag))?;
        }
        let checked = [
            (db::CATEGORIES_CHECKED_AT, summary.categories),
            (db::AREAS_CHECKED_AT, summary.areas),
        ];
        let now = now_ms().to_string();
        self.store.write(|tx| {
            for (name, refresh) in checked {
                if refresh != Refresh::Skipped {
                    db::set_state(tx, name, &now)?;
                }
            }
            Ok(())
        })?;
        summary.unread = self.unread_counts()?;
        tracing::info!(
            new_updates = summary.new_updates,
            new_alerts = summary.new_alerts,
            categories = ?summary.categories,
            areas = ?summary.areas,
            sign_in_needed = summary.sign_in_needed,
            cancelled = summary.cancelled,
            more_to_pull = summary.more_to_pull,
            skipped_records = summary.skipped_records,
            failed_steps = summary.failed_steps.len(),
            "pull finished"
        );
        let changed: Vec<(&str, ReportChangeKind)> = summary
            .updated_report_ids
            .iter()
            .map(|id| (id.as_str(), ReportChangeKind::CityUpdated))
            .collect();
        // Alerts and unread numbers may move without a report changing.
        self.observers.reports_changed(&changed);
        if summary.sign_in_needed {
            self.observers.sync_activity_may_have_changed();
        }
        Ok((summary, all_failed))
    }

    /// [`Core::pull`] for synchronous callers (the terminal shell). Must not be
    /// called from inside an async runtime.
    pub fn pull_blocking(&self, cancel: CancelToken) -> Result<PullSummary> {
        let runtime = runtime().map_err(SyncError::from)?;
        runtime.block_on(self.pull(cancel))
    }

    /// A report's timeline, oldest first, with labels and unit names ready to
    /// show. Empty until the city has done something with the report.
    pub fn timeline(&self, report_id: &str) -> Result<Vec<TimelineEntry>> {
        let id = parse_id(report_id)?;
        let dir = photos::results_dir(&self.files, &id);
        let (rows, photo_rows) = self.store.read(|conn| {
            crate::reports::db::get(conn, &id)?;
            let rows = db::timeline(conn, &id)?;
            let photos = rows
                .iter()
                .map(|row| db::photos_of_update(conn, &row.update_id))
                .collect::<Result<Vec<_>>>()?;
            Ok((rows, photos))
        })?;
        Ok(rows
            .into_iter()
            .zip(photo_rows)
            .map(|(row, photo_rows)| {
                let unit_name = row.unit_code.as_deref().and_then(|c| self.unit_name(c));
                TimelineEntry {
                    update_id: row.update_id,
                    report_id: row.report_id,
                    kind: row.kind,
                    detailed_status: row.detailed_status,
                    label: row.kind.label(unit_name.as_deref()),
                    text: row.text,
                    unit_code: row.unit_code,
                    unit_name,
                    updated_at_ms: row.updated_at_ms,
                    unread: row.unread,
                    photos: photo_rows
                        .into_iter()
                        .map(|p| ResultPhoto {
                            position: p.position,
                            thumbnail_path: p.thumbnail_file.map(|f| path_text(&dir, &f)),
                            photo_path: p.photo_file.map(|f| path_text(&dir, &f)),
                            problem: p.problem,
                        })
                        .collect(),
                }
            })
            .collect())
    }

    /// Where the city is with a sent report (`None` before it was accepted).
    pub fn report_status(&self, report_id: &str) -> Result<Option<ReportStatus>> {
        let id = parse_id(report_id)?;
        let Some((city, unread)) = self.store.read(|conn| {
            crate::reports::db::get(conn, &id)?;
            db::status(conn, &id)
        })?
        else {
            return Ok(None);
        };
        Ok(Some(ReportStatus {
            report_id: id,
            service_request_id: city.service_request_id,
            detailed_status: city.status.status,
            label: city.status.label(),
            closed: city.status.closed,
            unit_name: city.unit_code.as_deref().and_then(|c| self.unit_name(c)),
            unit_code: city.unit_code,
            status_notes: city.status_notes,
            acknowledge_by_ms: city.acknowledge_by_ms,
            handle_by_ms: city.handle_by_ms,
            overdue: city.overdue,
            updated_at_ms: city.updated_at_ms,
            unread,
        }))
    }

    /// The resident has seen the report's timeline; returns how many entries
    /// were unread.
    pub fn mark_report_read(&self, report_id: &str) -> Result<u32> {
        let id = parse_id(report_id)?;
        let changed = self.store.write(|tx| {
            crate::reports::db::get(tx, &id)?;
            db::mark_report_read(tx, &id)
        })?;
        if changed > 0 {
            self.report_changed(&id, ReportChangeKind::Read);
        }
        Ok(changed as u32)
    }

    /// Badge numbers: unread timeline entries, reports with any, live alerts.
    pub fn unread_counts(&self) -> Result<UnreadCounts> {
        self.store.read(|conn| db::unread_counts(conn, now_ms()))
    }

    /// Alerts not expired by this device's clock, newest first.
    pub fn alerts(&self) -> Result<Vec<Alert>> {
        let rows = self.store.read(|conn| db::live_alerts(conn, now_ms()))?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let a = row.alert;
                Alert {
                    alert_id: a.alert_id,
                    severity: a.severity,
                    severity_label: a.severity.label(),
                    title: a.title,
                    body: a.body,
                    area_codes: a.area_codes,
                    published_at_ms: a.published_at_ms,
                    expires_at_ms: a.expires_at_ms,
                    unread: row.unread,
                }
            })
            .collect())
    }

    /// Mark one alert read; `false` when there is no such unread alert.
    pub fn mark_alert_read(&self, alert_id: &str) -> Result<bool> {
        let changed = self
            .store
            .write(|tx| db::mark_alerts_read(tx, Some(alert_id.trim())))?;
        self.observers.counts_may_have_changed();
        Ok(changed > 0)
    }

    /// Mark every alert read; returns how many were unread.
    pub fn mark_all_alerts_read(&self) -> Result<u32> {
        let changed = self.store.write(|tx| db::mark_alerts_read(tx, None))?;
        self.observers.counts_may_have_changed();
        Ok(changed as u32)
    }

    /// The local path of a result photo in full, downloaded on first call
    /// (the thumbnail is in [`TimelineEntry::photos`]). Errors: an unknown
    /// photo is [`crate::photos::PhotoError::PhotoNotFound`]; a file the app
    /// cannot read as an image, another `PhotoError`; the network, a
    /// [`SyncError`]. Cancelling `cancel`, or dropping this future, stops the
    /// download ([`SyncError::Cancelled`]); nothing is written then.
    pub async fn result_photo(
        &self,
        update_id: &str,
        position: u32,
        cancel: CancelToken,
    ) -> Result<String> {
        let update_id = update_id.trim().to_owned();
        let photo = self
            .store
            .read(|conn| db::photo(conn, &update_id, position))?
            .ok_or_else(|| crate::photos::PhotoError::PhotoNotFound {
                id: format!("{update_id}/{position}"),
            })?;
        let dir = photos::results_dir(&self.files, &photo.report_id);
        if let Some(file) = &photo.photo_file
            && dir.join(file).is_file()
        {
            return Ok(path_text(&dir, file));
        }
        if photo.problem.as_deref() == Some(ResultPhotoProblem::ForeignOrigin.as_str()) {
            return Err(crate::photos::PhotoError::ForeignOrigin.into());
        }
        let city = self.sync.city()?;
        let url = photo.url.clone();
        let token = cancel.clone();
        let fetched = run_on_core(&cancel, async move {
            let transport = &city.transport;
            let mut origins = photos::MediaOrigins::of_api(transport);
            if !origins.allows(&url) {
                token
                    .or_cancelled(origins.add_listed(transport))
                    .await
                    .map_err(SyncError::from)?
                    .map_err(SyncError::from)?;
                if !origins.allows(&url) {
                    return Ok(None);
                }
            }
            token
                .or_cancelled(photos::download(transport, &url))
                .await
                .map(Some)
                .map_err(SyncError::from)
        })
        .await?;
        let Some(fetched) = fetched else {
            self.store.write(|tx| {
                db::set_thumbnail_outcome(tx, &photo, Err(ResultPhotoProblem::ForeignOrigin))
            })?;
            return Err(crate::photos::PhotoError::ForeignOrigin.into());
        };
        let (image, format) = match fetched {
            Ok(fetched) => fetched,
            Err(error) => {
                // Marked on the photo (when lasting), so pulls stop asking for it.
                if let Some(problem) = error.problem()
                    && photo.thumbnail_file.is_none()
                {
                    self.store
                        .write(|tx| db::set_thumbnail_outcome(tx, &photo, Err(problem)))?;
                }
                return Err(match error {
                    FetchError::Image(error) => error.into(),
                    FetchError::Transport(error) => SyncError::from(error).into(),
                });
            }
        };
        debug_assert!(image.len() as u64 <= PHOTO_RESPONSE_LIMIT);
        let name = photos::photo_name(&photo.file_stem, format);
        photos::write_atomically(&dir, &name, &image)?;
        self.store
            .write(|tx| db::set_photo_files(tx, &photo, None, Some(&name), None))?;
        tracing::debug!(bytes = image.len(), "result photo downloaded");
        Ok(path_text(&dir, &name))
    }
}

fn path_text(dir: &std::path::Path, file: &str) -> String {
    dir.join(file).to_string_lossy().into_owned()
}
