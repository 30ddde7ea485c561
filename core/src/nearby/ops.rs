//! What the shells call: the city's open reports near a draft (asked of the
//! city, else the last answer kept for offline use), and what the review
//! step learns from the kept answer without waiting for the network.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::app::Core;
use crate::areas::projection::MetresPerDegree;
use crate::error::{Error, Result};
use crate::files::DataDir;
use crate::i18n::Bilingual;
use crate::location::LocationError;
use crate::nearby::api::Question;
use crate::nearby::db;
use crate::nearby::fetch::Search;
use crate::nearby::model::{
    self, CACHE_MOVE_M, NearbyCityPhoto, NearbyCityReport, NearbyCityReports, NearbySource,
    StoredAnswer,
};
use crate::net::SyncError;
use crate::net::transport::TransportError;
use crate::pull::model::ResultPhotoProblem;
use crate::reports::ops::parse_id;
use crate::reports::readiness::{ProblemCode, Warning, WarningCode};
use crate::tasks::{CancelToken, run_on_core};
use crate::time::now_ms;

const NEARBY_DIR: &str = "nearby";

/// The folder of a draft's nearby thumbnails. `report_id` is a validated id.
pub(crate) fn nearby_dir(files: &DataDir, report_id: &str) -> PathBuf {
    files.report_dir(report_id).join(NEARBY_DIR)
}

/// The city could not be reached, or was too busy to answer: the kept answer
/// stands in. A server that answered badly (broken JSON, a refusal, an
/// answer too large) is an error, and the kept answer stays as it was.
fn unreachable(error: &TransportError) -> bool {
    match error {
        TransportError::Connect { .. }
        | TransportError::Tls { .. }
        | TransportError::Timeout
        | TransportError::ConnectionLost { .. }
        | TransportError::UnexpectedAnswer { .. } => true,
        TransportError::Status { status, .. } => matches!(status, 408 | 429) || *status >= 500,
        _ => false,
    }
}

impl StoredAnswer {
    /// Whether this answer is for `question` (same category, pin moved at
    /// most [`CACHE_MOVE_M`]).
    fn answers(&self, question: &Question) -> bool {
        self.category_code == question.category_code
            && MetresPerDegree::distance_m(
                self.latitude,
                self.longitude,
                question.lat,
                question.lon,
            ) <= CACHE_MOVE_M
    }
}

impl Core {
    /// What a draft asks about: its category and position. A draft without
    /// them cannot be searched for: `NotReady` with the category problem, or
    /// `NoLocation`.
    fn nearby_question(&self, id: &str) -> Result<Question> {
        let report = self.report(id)?;
        let Some(category_code) = report.category_code else {
            let problems = self
                .problems(id)?
                .into_iter()
                .filter(|p| p.code == ProblemCode::CategoryMissing)
                .collect();
            return Err(Error::NotReady { problems });
        };
        let location = self.report_location(id)?.ok_or(LocationError::NoLocation)?;
        Ok(Question {
            category_code,
            lat: location.fix.lat,
            lon: location.fix.lon,
        })
    }

    /// The city's open reports of the draft's category within 50 m of its
    /// position, nearest first, with their status, distance, words and photo
    /// thumbnails (files), never the resident's own reports. Asked of the
    /// city each call (`source = Live`); when the city cannot be reached, the
    /// last answer for this draft, category and place (`source = Cached`,
    /// `freshness` says so and how old it is). A server that offers no search
    /// gives `source = NotOffered` with no reports.
    ///
    /// Never a blocker: queueing does not depend on it. Errors: no category
    /// (`NotReady`) or position (`NoLocation`); no city configured; the city
    /// unreachable with no kept answer, or answering badly (broken JSON, a
    /// refusal) — the kept answer is left as it was. `cancel`, or dropping
    /// this future, stops it (`Cancelled`); nothing is kept then.
    pub async fn nearby_city_reports(
        &self,
        report_id: &str,
        cancel: CancelToken,
    ) -> Result<NearbyCityReports> {
        let id = parse_id(report_id)?;
        let question = self.nearby_question(&id)?;
        let city = self.sync.city()?;
        let previous = self.store.read(|c| db::load(c, &id))?;
        let dir = nearby_dir(&self.files, &id);
        let search = Search {
            store: self.store.clone(),
            city,
            cancel: cancel.clone(),
            report_id: id.clone(),
            question: question.clone(),
            dir: dir.clone(),
            previous: previous.clone(),
        };
        match run_on_core(&cancel, search.run()).await {
            Ok(answer) => {
                self.store.write(|tx| {
                    // Deleted meanwhile: nothing to keep it for.
                    crate::reports::db::get(tx, &id)?;
                    db::save(tx, &answer)
                })?;
                remove_unlisted_thumbnails(&dir, &answer);
                Ok(self.present(answer, false))
            }
            Err(SyncError::Transport(error)) if unreachable(&error) => {
                match previous.filter(|p| p.answers(&question)) {
                    Some(kept) => {
                        tracing::info!(
                            code = error.code(),
                            "city unreachable: the kept answer is shown"
                        );
                        Ok(self.present(kept, true))
                    }
                    None => Err(SyncError::Transport(error).into()),
                }
            }
            Err(error) => Err(error.into()),
        }
    }

    /// [`Core::nearby_city_reports`] for synchronous callers (the terminal
    /// shell). Must not be called from inside an async runtime.
    pub fn nearby_city_reports_blocking(
        &self,
        report_id: &str,
        cancel: CancelToken,
    ) -> Result<NearbyCityReports> {
        let runtime = crate::net::runtime::runtime().map_err(SyncError::from)?;
        runtime.block_on(self.nearby_city_reports(report_id, cancel))
    }

    /// The last answer kept for the draft, offline, when it is still for the
    /// draft's category and place (`None` otherwise, or before any search):
    /// the review screen shows it at once, then calls
    /// [`Core::nearby_city_reports`] to refresh it.
    pub fn cached_nearby_city_reports(&self, report_id: &str) -> Result<Option<NearbyCityReports>> {
        let id = parse_id(report_id)?;
        let Some(kept) = self.kept_answer(&id)? else {
            return Ok(None);
        };
        Ok(Some(self.present(kept, false).into_kept()))
    }

    /// The kept answer, if it is for the draft as it is now.
    fn kept_answer(&self, id: &str) -> Result<Option<StoredAnswer>> {
        let question = match self.nearby_question(id) {
            Ok(question) => question,
            Err(Error::NotReady { .. } | Error::Location(LocationError::NoLocation)) => {
                return Ok(None);
            }
            Err(error) => return Err(error),
        };
        Ok(self
            .store
            .read(|c| db::load(c, id))?
            .filter(|kept| kept.answers(&question)))
    }

    /// The review step's warning from the kept answer (offline, no network):
    /// the city already has open reports of this kind here.
    pub(crate) fn nearby_warning(&self, id: &str) -> Result<Option<Warning>> {
        let Some(kept) = self.kept_answer(id)? else {
            return Ok(None);
        };
        if !kept.offered || kept.total == 0 {
            return Ok(None);
        }
        let heading = model::heading(true, kept.total);
        Ok(Some(Warning {
            code: WarningCode::SimilarReportsNearby,
            photo_position: None,
            message: Bilingual::new(
                format!("{} Bạn vẫn có thể gửi nếu đây là sự việc khác.", heading.vi),
                format!(
                    "{} You can still send yours if it is a different problem.",
                    heading.en
                ),
            ),
        }))
    }

    /// The screens' form of a kept or fresh answer.
    fn present(&self, answer: StoredAnswer, unreachable: bool) -> NearbyCityReports {
        let dir = nearby_dir(&self.files, &answer.report_id);
        let age_ms = (now_ms() - answer.fetched_at_ms).max(0);
        let source = if !answer.offered {
            NearbySource::NotOffered
        } else if unreachable {
            NearbySource::Cached
        } else {
            NearbySource::Live
        };
        let reports = answer
            .reports
            .iter()
            .map(|r| {
                let status = r.status_word();
                NearbyCityReport {
                    service_request_id: r.service_request_id.clone(),
                    detailed_status: status.status,
                    status_label: status.label(),
                    distance_m: r.distance_m.round().max(0.0) as u32,
                    excerpt: r.excerpt(),
                    address: r.address.clone(),
                    requested_at_ms: r.requested_at_ms,
                    unit_name: r.unit_code.as_deref().and_then(|c| self.unit_name(c)),
                    photos: r
                        .photos
                        .iter()
                        .map(|p| {
                            let problem = p.problem_code();
                            NearbyCityPhoto {
                                position: p.position,
                                thumbnail_path: p
                                    .thumbnail_file
                                    .as_ref()
                                    .map(|f| path_text(&dir, f)),
                                problem: problem.map(|p| p.as_str().to_owned()),
                                problem_label: problem.map(ResultPhotoProblem::label),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        NearbyCityReports {
            heading: model::heading(answer.offered, answer.total),
            freshness: unreachable.then(|| model::cached_words(age_ms)),
            report_id: answer.report_id,
            category_code: answer.category_code,
            latitude: answer.latitude,
            longitude: answer.longitude,
            radius_m: answer.radius_m,
            source,
            fetched_at_ms: answer.fetched_at_ms,
            age_ms,
            server_radius: answer.server_radius,
            total: answer.total,
            reports,
        }
    }
}

impl NearbyCityReports {
    /// Read from the store rather than asked now: marked cached, with its age.
    fn into_kept(mut self) -> Self {
        if self.source == NearbySource::Live {
            self.source = NearbySource::Cached;
            self.freshness = Some(model::kept_words(self.age_ms));
        }
        self
    }
}

fn path_text(dir: &Path, file: &str) -> String {
    dir.join(file).to_string_lossy().into_owned()
}

/// Thumbnails of reports no longer in the draft's answer are removed (a
/// failure only leaves a file the next answer removes).
fn remove_unlisted_thumbnails(dir: &Path, answer: &StoredAnswer) {
    let keep: HashSet<&str> = answer
        .reports
        .iter()
        .flat_map(|r| r.photos.iter())
        .filter_map(|p| p.thumbnail_file.as_deref())
        .collect();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !keep.contains(name.to_string_lossy().as_ref()) {
            let _ = crate::photos::storage::remove_if_present(&entry.path());
        }
    }
}
