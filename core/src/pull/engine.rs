//! One pull: the resident's updates since the cursor (then the deadlines of the
//! reports they touched, then result-photo thumbnails), alerts since their
//! cursor, categories and areas by ETag. Each page is stored with its cursor
//! in one transaction, so a pull cut off anywhere resumes where it stopped and
//! a re-pull stores nothing twice.

use std::sync::Arc;

use crate::account::session::{self, SessionContext};
use crate::areas::AreaIndex;
use crate::files::DataDir;
use crate::net::SyncError;
use crate::net::transport::{Answer, DEFAULT_RESPONSE_LIMIT, TransportError};
use crate::pull::api::{self, PAGE_SIZE};
use crate::pull::db;
use crate::pull::model::{
    DetailedStatus, PullStep, PullStepFailure, PullSummary, Refresh, ResultPhotoProblem, UpdateKind,
};
use crate::pull::photos;
use crate::server_profile::{Capability, Offer, ServerProfile, learn};
use crate::store::Store;
use crate::sync::outbox::db as outbox_db;
use crate::tasks::CancelToken;
use crate::time::now_ms;

/// Everything a pull needs, owned, so it runs on the core's runtime.
pub(crate) struct Puller {
    pub store: Arc<Store>,
    pub files: DataDir,
    pub session: SessionContext,
    pub cancel: CancelToken,
    /// Whether an area set is cached (otherwise no ETag is sent for it).
    pub has_area_set: bool,
}

/// A new area set, parsed and validated off the caller's thread; the caller
/// installs it (the in-memory index lives in [`crate::Core`]).
pub(crate) struct FetchedAreas {
    pub index: AreaIndex,
    pub version: String,
    pub etag: Option<String>,
}

/// How far one pull may go: a server that never says "that was all" (full
/// pages forever, with new items or the same ones) must not keep the phone
/// busy, nor fill its storage. What is left waits for the next pull.
pub(crate) struct PullBudget {
    /// Pages left for each paged endpoint (updates, alerts) in this pull.
    pub pages_per_endpoint: u32,
    /// Bytes of pulled text (updates and alerts together) this pull may
    /// still store.
    pub bytes_left: u64,
}

/// A profile younger than this is not asked again by a pull (a sync asks
/// discovery itself just before its pull).
const PROFILE_FRESH_MS: i64 = 10 * 60 * 1000;
/// Report ids per `GET /requests?service_request_id=…` (a URL stays short).
const STATUS_BATCH: usize = 50;
/// A cached service definition is asked again after a day even when the
/// list's ETag says nothing changed.
pub const DEFINITION_MAX_AGE_MS: i64 = 24 * 60 * 60 * 1000;

/// Pages one pull reads of each paged endpoint: 20 × 100 items.
pub const MAX_PAGES_PER_PULL: u32 = 20;
/// Text one pull stores (updates and alerts together). Real pulls bring a
/// few KB; a hostile server's 30 KB alerts wrote 77 MB in 20 s before this.
pub const MAX_STORED_BYTES_PER_PULL: u64 = 2 * 1024 * 1024;

impl Default for PullBudget {
    fn default() -> Self {
        PullBudget {
            pages_per_endpoint: MAX_PAGES_PER_PULL,
            bytes_left: MAX_STORED_BYTES_PER_PULL,
        }
    }
}

/// The cursor must move past `after` (numerically when both are numbers,
/// as the reference server's are; otherwise to a value not used in this pull):
/// a server that ignores `after` would otherwise be asked forever.
fn check_cursor_advances(after: &str, last: &str, used: &[String]) -> Result<(), SyncError> {
    let advances = match (after.parse::<u64>(), last.parse::<u64>()) {
        (Ok(after), Ok(last)) => last > after,
        _ => last != after && !used.iter().any(|u| u == last),
    };
    if advances {
        Ok(())
    } else {
        Err(TransportError::InvalidJson {
            status: 200,
            detail: "the page did not move past the cursor (`after` ignored?)".into(),
        }
        .into())
    }
}

impl PullBudget {
    /// After a page of `len` items that took `bytes` of the budget: whether to
    /// ask for the next page. A short page means caught up; a reached cap
    /// leaves the rest for the next pull (`summary.more_to_pull`).
    fn another_page(
        &mut self,
        len: usize,
        bytes: u64,
        pages_read: u32,
        summary: &mut PullSummary,
    ) -> bool {
        self.bytes_left = self.bytes_left.saturating_sub(bytes);
        if len < PAGE_SIZE {
            false
        } else if pages_read >= self.pages_per_endpoint || self.bytes_left == 0 {
            summary.more_to_pull = true;
            false
        } else {
            true
        }
    }
}

pub(crate) struct PullOutcome {
    pub summary: PullSummary,
    pub areas: Option<FetchedAreas>,
    /// When steps ran and none succeeded: the first failure (the city is
    /// unreachable or broken altogether).
    pub all_failed: Option<SyncError>,
}

/// How the steps of one pull came out.
#[derive(Default)]
struct StepResults {
    succeeded: u32,
    first_error: Option<SyncError>,
    /// The last failure says the server cannot be reached at all.
    unreachable: bool,
}

impl StepResults {
    /// Note a step's result: `Some` on success; a failure is listed in the
    /// summary and logged (`None`), a cancel is passed on.
    fn note<T>(
        &mut self,
        step: PullStep,
        result: Result<T, SyncError>,
        summary: &mut PullSummary,
    ) -> Result<Option<T>, SyncError> {
        match result {
            Ok(value) => {
                self.succeeded += 1;
                Ok(Some(value))
            }
            Err(SyncError::Cancelled) => Err(SyncError::Cancelled),
            Err(error) => {
                let code = match &error {
                    SyncError::Transport(transport) => transport.code(),
                    SyncError::SignInNeeded => "sign_in_needed",
                    SyncError::Local { .. } => "local",
                    _ => "other",
                };
                tracing::warn!(
                    step = step.as_str(),
                    code,
                    "a pull step failed; the others go on"
                );
                self.unreachable = matches!(
                    error,
                    SyncError::Transport(
                        TransportError::Connect { .. }
                            | TransportError::Tls { .. }
                            | TransportError::Timeout
                    )
                );
                summary.failed_steps.push(PullStepFailure {
                    step,
                    code: code.to_owned(),
                });
                self.first_error.get_or_insert(error);
                Ok(None)
            }
        }
    }
}

impl Puller {
    pub async fn run(self) -> Result<PullOutcome, SyncError> {
        let mut summary = PullSummary::default();
        let mut areas = None;
        let mut budget = PullBudget::default();
        let mut results = StepResults::default();
        match self
            .steps(&mut summary, &mut budget, &mut areas, &mut results)
            .await
        {
            Ok(()) => {}
            Err(SyncError::Cancelled) => summary.cancelled = true,
            Err(other) => return Err(other),
        }
        let all_failed = if results.succeeded == 0 {
            results.first_error
        } else {
            None
        };
        Ok(PullOutcome {
            summary,
            areas,
            all_failed,
        })
    }

    /// The profile this pull goes by: the cached one, asked anew when it is
    /// older than [`PROFILE_FRESH_MS`] (a sync has just asked; a pull alone
    /// may not have). A server that cannot be asked keeps its cached profile.
    async fn profile(&self) -> Result<ServerProfile, SyncError> {
        let city = &self.session.city;
        let cached = learn::cached(&self.store, city)?;
        if city.clock.now_ms() - cached.learned_at_ms < PROFILE_FRESH_MS {
            return Ok(cached);
        }
        match self
            .cancellable(async { Ok(learn::refresh(&self.store, city).await) })
            .await?
        {
            Ok(profile) => Ok(profile),
            Err((cached, error)) if cached.learned_at_ms > 0 => {
                tracing::info!(
                    code = error.code(),
                    "server profile not refreshed for the pull"
                );
                Ok(cached)
            }
            // Never learned: the steps would guess the full API (extension
            // parameters a strict server refuses, endpoints it lacks).
            Err((_, error)) => Err(SyncError::Transport(error)),
        }
    }

    /// The steps — the resident's reports (updates with deadlines and result
    /// photos where the server offers updates, else their statuses polled),
    /// alerts, categories, areas — each on its own: one failing is listed in
    /// the summary and the others run; one the server does not offer is
    /// skipped and listed as such (remembered in the profile, so not asked
    /// again at every sync). A server that cannot be reached at all (no
    /// connection, TLS, timeout) ends the pull there: the other steps would
    /// only wait for the same.
    async fn steps(
        &self,
        summary: &mut PullSummary,
        budget: &mut PullBudget,
        areas: &mut Option<FetchedAreas>,
        results: &mut StepResults,
    ) -> Result<(), SyncError> {
        let profile = match self.profile().await {
            Ok(profile) => profile,
            Err(SyncError::Transport(error)) => {
                // Never learned, and discovery did not answer: no step is
                // tried on a guess; each is listed with why.
                for step in [
                    PullStep::Updates,
                    PullStep::Alerts,
                    PullStep::Categories,
                    PullStep::Areas,
                ] {
                    results.note::<()>(step, Err(SyncError::Transport(error.clone())), summary)?;
                }
                return Ok(());
            }
            Err(other) => return Err(other),
        };
        if let Some(mine) = self.pull_mine(&profile, summary, budget).await
            && results.note(PullStep::Updates, mine, summary)?.is_none()
            && results.unreachable
        {
            return Ok(());
        }
        if profile.alerts.usable() {
            let alerts = self.pull_alerts(summary, budget).await;
            match results.note(PullStep::Alerts, alerts, summary)? {
                Some(Offered::No) => {
                    self.not_offered(Capability::Alerts, PullStep::Alerts, summary)
                }
                None if results.unreachable => return Ok(()),
                _ => {}
            }
        } else {
            summary.not_offered.push(PullStep::Alerts);
        }
        let categories = self.refresh_categories(summary).await;
        match results.note(PullStep::Categories, categories, summary)? {
            Some(refresh) => summary.categories = refresh,
            None if results.unreachable => return Ok(()),
            None => {}
        }
        if profile.areas.usable() {
            let fetched = self.fetch_areas().await;
            match results.note(PullStep::Areas, fetched, summary)? {
                Some(None) => self.not_offered(Capability::Areas, PullStep::Areas, summary),
                Some(Some((refresh, set))) => {
                    summary.areas = refresh;
                    *areas = set;
                }
                None => {}
            }
        } else {
            summary.not_offered.push(PullStep::Areas);
        }
        Ok(())
    }

    /// An optional endpoint answered that it is not there: listed in the
    /// summary (not a failure) and remembered in the profile.
    fn not_offered(&self, capability: Capability, step: PullStep, summary: &mut PullSummary) {
        tracing::info!(
            step = step.as_str(),
            "the server does not offer this; remembered"
        );
        learn::note_not_offered(&self.store, &self.session.city, capability);
        summary.not_offered.push(step);
    }

    /// The resident's own reports: `None` when there is nothing to do
    /// (sign-in needed on a server with sign-in). Updates where the server
    /// offers them, with the extension's `after`/`mine`/`limit`; else (or
    /// when the endpoint turns out missing) the open reports' statuses are
    /// polled from `GET /requests`.
    async fn pull_mine(
        &self,
        profile: &ServerProfile,
        summary: &mut PullSummary,
        budget: &mut PullBudget,
    ) -> Option<Result<(), SyncError>> {
        let mut access = if profile.sign_in == Offer::NotOffered {
            // No sign-in on this server: its reports are public.
            None
        } else {
            let access = match session::access_token(&*self.session.secrets)
                .map_err(session::local)
                .and_then(|a| Ok((a, self.store.read(outbox_db::sign_in_needed)?)))
            {
                Ok((access, paused)) => access.filter(|_| !paused),
                Err(error) => return Some(Err(error)),
            };
            match access {
                Some(access) => Some(access),
                None => {
                    // The resident's own updates need a session; the rest is public.
                    summary.sign_in_needed = true;
                    return None;
                }
            }
        };
        let mine = async {
            let offered = if profile.updates == Offer::Offered {
                self.pull_updates(access.as_mut(), summary, budget).await?
            } else {
                Offered::No
            };
            match offered {
                Offered::Yes => self.refresh_statuses(access.as_mut(), summary).await?,
                Offered::No => {
                    if profile.updates == Offer::Offered {
                        self.not_offered(Capability::Updates, PullStep::Updates, summary);
                    } else {
                        summary.not_offered.push(PullStep::Updates);
                    }
                    self.poll_statuses(access.as_mut(), summary).await?
                }
            }
            self.cache_thumbnails(summary).await
        }
        .await;
        Some(match mine {
            Err(SyncError::SignInNeeded) => {
                summary.sign_in_needed = true;
                Ok(())
            }
            other => other,
        })
    }

    /// Wait for `request` unless the resident cancels first.
    async fn cancellable<T>(
        &self,
        request: impl Future<Output = Result<T, TransportError>>,
    ) -> Result<T, SyncError> {
        if self.cancel.is_cancelled() {
            return Err(SyncError::Cancelled);
        }
        tokio::select! {
            result = request => Ok(result?),
            () = self.cancel.cancelled() => Err(SyncError::Cancelled),
        }
    }

    /// `GET` with the resident's token where there is one; a 401 refreshes
    /// once and asks again.
    async fn get_mine(
        &self,
        mut access: Option<&mut String>,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<Answer, SyncError> {
        let transport = &self.session.city.transport;
        let mut refreshed = false;
        loop {
            let token = access.as_deref().map(String::as_str);
            let answer = self
                .cancellable(transport.get(path, query, token, DEFAULT_RESPONSE_LIMIT))
                .await?;
            let Some(access) = access.as_deref_mut().filter(|_| answer.status == 401) else {
                return Ok(answer);
            };
            if refreshed {
                return Err(SyncError::SignInNeeded);
            }
            refreshed = true;
            *access = self.session.refresh_after_401(access).await?;
        }
    }

    /// The resident's updates since the cursor; [`Offered::No`] when the
    /// endpoint answers that it is not there.
    async fn pull_updates(
        &self,
        mut access: Option<&mut String>,
        summary: &mut PullSummary,
        budget: &mut PullBudget,
    ) -> Result<Offered, SyncError> {
        let limit = PAGE_SIZE.to_string();
        // `mine` names the session's reports; without sign-in there is none.
        let mine = access.is_some();
        let mut used = Vec::new();
        for pages_read in 1.. {
            let after = self
                .store
                .read(|c| db::state(c, db::UPDATES_CURSOR))?
                .unwrap_or_else(|| "0".into());
            let mut query = vec![("after", after.as_str()), ("limit", limit.as_str())];
            if mine {
                query.push(("mine", "true"));
            }
            let answer = self
                .get_mine(access.as_deref_mut(), api::UPDATES_PATH, &query)
                .await?;
            if pages_read == 1 && learn::says_not_offered(answer.status) {
                return Ok(Offered::No);
            }
            let page = api::parse_updates(answer)?;
            summary.skipped_records += page.skipped;
            if let Some(last) = &page.last_id {
                check_cursor_advances(&after, last, &used)?;
            }
            used.push(after);
            let bytes: u64 = page.items.iter().map(api::PulledUpdate::stored_bytes).sum();
            let now = now_ms();
            let touched = self.store.write_synced(|tx| {
                let mut touched = Vec::new();
                for update in &page.items {
                    // Reports filed from another device are not in this phone's store.
                    let Some(report_id) = db::report_for_city_id(tx, &update.service_request_id)?
                    else {
                        continue;
                    };
                    let stems: Vec<String> = update
                        .photo_urls
                        .iter()
                        .map(|u| photos::file_stem(u))
                        .collect();
                    if db::insert_update(tx, &report_id, update, &stems, now)? {
                        touched.push(report_id);
                    }
                }
                if let Some(last) = &page.last_id {
                    db::set_state(tx, db::UPDATES_CURSOR, last)?;
                }
                Ok(touched)
            })?;
            summary.new_updates += touched.len() as u32;
            for id in touched {
                if !summary.updated_report_ids.contains(&id) {
                    summary.updated_report_ids.push(id);
                }
            }
            if !budget.another_page(page.len, bytes, pages_read, summary) {
                return Ok(Offered::Yes);
            }
        }
        Ok(Offered::Yes)
    }

    /// Deadlines, notes and overdue flags of the reports whose status moved
    /// (and of reports never asked about), from `GET /requests`.
    async fn refresh_statuses(
        &self,
        mut access: Option<&mut String>,
        summary: &mut PullSummary,
    ) -> Result<(), SyncError> {
        let stale = self.store.read(db::stale_statuses)?;
        for chunk in stale.chunks(STATUS_BATCH) {
            let ids = chunk.iter().map(|(_, city_id)| city_id.as_str());
            let statuses = self
                .ask_statuses(access.as_deref_mut(), ids, summary)
                .await?;
            self.store.write_synced(|tx| {
                for (report_id, city_id) in chunk {
                    match statuses.iter().find(|s| s.service_request_id == *city_id) {
                        Some(status) => db::save_status(tx, report_id, status)?,
                        None => db::mark_status_asked(tx, report_id)?,
                    }
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// One `GET /requests` for a batch of the city's ids (the standard's
    /// comma-separated `service_request_id`); records it could not read are
    /// counted as skipped.
    async fn ask_statuses<'a>(
        &self,
        access: Option<&mut String>,
        city_ids: impl Iterator<Item = &'a str>,
        summary: &mut PullSummary,
    ) -> Result<Vec<api::PulledStatus>, SyncError> {
        let ids = city_ids.collect::<Vec<_>>().join(",");
        let query = [("service_request_id", ids.as_str())];
        let answer = self.get_mine(access, api::REQUESTS_PATH, &query).await?;
        let page = api::parse_statuses(answer)?;
        summary.skipped_records += page.skipped;
        Ok(page.items)
    }

    /// Without an updates endpoint: the status of every report the city has
    /// not finished, asked at each pull from `GET /requests` with their ids
    /// (the standard's comma-separated `service_request_id`, in batches). A
    /// changed status is stored and becomes a timeline line (unread), so it
    /// reaches the report's screen and the badges like an update would. A
    /// report missing from the answer (a server paging its answer, or one
    /// that dropped it) is asked again next time.
    async fn poll_statuses(
        &self,
        mut access: Option<&mut String>,
        summary: &mut PullSummary,
    ) -> Result<(), SyncError> {
        let open = self.store.read(db::unfinished_reports)?;
        for chunk in open.chunks(STATUS_BATCH) {
            let ids = chunk.iter().map(|r| r.city_id.as_str());
            let statuses = self
                .ask_statuses(access.as_deref_mut(), ids, summary)
                .await?;
            summary.statuses_polled += chunk.len() as u32;
            let now = now_ms();
            let changed = self.store.write_synced(|tx| {
                let mut changed = Vec::new();
                for report in chunk {
                    let Some(status) = statuses
                        .iter()
                        .find(|s| s.service_request_id == report.city_id)
                    else {
                        continue;
                    };
                    let moved = report.stored.as_deref() != Some(status.status.stored().as_str());
                    // The first answer for a report still waiting is no news.
                    let news =
                        report.stored.is_some() || status.status.status != DetailedStatus::Pending;
                    db::save_status(tx, &report.report_id, status)?;
                    if moved && news {
                        let line = status_line(&report.city_id, status, now);
                        db::insert_update(tx, &report.report_id, &line, &[], now)?;
                        changed.push(report.report_id.clone());
                    }
                }
                Ok(changed)
            })?;
            summary.new_updates += changed.len() as u32;
            for id in changed {
                if !summary.updated_report_ids.contains(&id) {
                    summary.updated_report_ids.push(id);
                }
            }
        }
        Ok(())
    }

    /// Thumbnails of result photos not cached yet. A photo that fails never
    /// fails the pull: a network failure waits for the next pull; an image
    /// the app cannot or will not read is marked and not asked for again.
    /// The mark [`ResultPhotoProblem::DecodeInterrupted`] is stored (synced)
    /// before decoding, and replaced after: an image that kills the app while
    /// decoding is never decoded again.
    async fn cache_thumbnails(&self, summary: &mut PullSummary) -> Result<(), SyncError> {
        let transport = &self.session.city.transport;
        let mut origins = photos::MediaOrigins::of_api(transport);
        // Discovery is read once, and only for a photo off the API's origin:
        // None = not read yet, Some(false) = unreadable in this pull.
        let mut listed: Option<bool> = None;
        for photo in self.store.read(db::photos_without_thumbnail)? {
            if !origins.allows(&photo.url) {
                if listed.is_none() {
                    listed = Some(
                        match self.cancellable(origins.add_listed(transport)).await {
                            Ok(()) => true,
                            Err(SyncError::Cancelled) => return Err(SyncError::Cancelled),
                            Err(error) => {
                                tracing::info!(%error, "discovery unreadable: photos elsewhere wait");
                                false
                            }
                        },
                    );
                }
                if !origins.allows(&photo.url) {
                    summary.thumbnails_failed += 1;
                    if listed == Some(true) {
                        tracing::info!("a result photo outside the city's origins is not fetched");
                        self.store.write(|tx| {
                            db::set_thumbnail_outcome(
                                tx,
                                &photo,
                                Err(ResultPhotoProblem::ForeignOrigin),
                            )
                        })?;
                    }
                    continue;
                }
            }
            let fetched = match self
                .cancellable(async { Ok(photos::download(transport, &photo.url).await) })
                .await?
            {
                Ok((image, _format)) => {
                    self.store.write_synced(|tx| {
                        db::set_thumbnail_outcome(
                            tx,
                            &photo,
                            Err(ResultPhotoProblem::DecodeInterrupted),
                        )
                    })?;
                    photos::thumbnail_off_thread(image).await
                }
                Err(error) => Err(error),
            };
            let outcome = match fetched {
                Ok(thumbnail) => {
                    let dir = photos::results_dir(&self.files, &photo.report_id);
                    let name = photos::thumbnail_name(&photo.file_stem);
                    photos::write_atomically(&dir, &name, &thumbnail)?;
                    summary.thumbnails_cached += 1;
                    Ok(name)
                }
                Err(error) => {
                    summary.thumbnails_failed += 1;
                    let Some(problem) = error.problem() else {
                        tracing::info!(?error, "a result photo will be fetched on the next pull");
                        continue;
                    };
                    tracing::info!(
                        ?error,
                        problem = problem.as_str(),
                        "a result photo is not shown"
                    );
                    Err(problem)
                }
            };
            self.store.write(|tx| {
                db::set_thumbnail_outcome(tx, &photo, outcome.as_deref().map_err(|p| *p))
            })?;
        }
        Ok(())
    }

    async fn pull_alerts(
        &self,
        summary: &mut PullSummary,
        budget: &mut PullBudget,
    ) -> Result<Offered, SyncError> {
        let transport = &self.session.city.transport;
        let limit = PAGE_SIZE.to_string();
        let mut used = Vec::new();
        for pages_read in 1.. {
            let after = self
                .store
                .read(|c| db::state(c, db::ALERTS_CURSOR))?
                .unwrap_or_else(|| "0".into());
            let query = [("after", after.as_str()), ("limit", limit.as_str())];
            let answer = self
                .cancellable(transport.get(api::ALERTS_PATH, &query, None, DEFAULT_RESPONSE_LIMIT))
                .await?;
            if pages_read == 1 && learn::says_not_offered(answer.status) {
                return Ok(Offered::No);
            }
            let page = api::parse_alerts(answer)?;
            summary.skipped_records += page.skipped;
            if let Some(last) = &page.last_id {
                check_cursor_advances(&after, last, &used)?;
            }
            used.push(after);
            let bytes: u64 = page.items.iter().map(api::PulledAlert::stored_bytes).sum();
            let now = now_ms();
            let new = self.store.write_synced(|tx| {
                let mut new = 0;
                for alert in &page.items {
                    new += u32::from(db::insert_alert(tx, alert, now)?);
                }
                if let Some(last) = &page.last_id {
                    db::set_state(tx, db::ALERTS_CURSOR, last)?;
                }
                Ok(new)
            })?;
            summary.new_alerts += new;
            if !budget.another_page(page.len, bytes, pages_read, summary) {
                return Ok(Offered::Yes);
            }
        }
        Ok(Offered::Yes)
    }

    async fn refresh_categories(&self, summary: &mut PullSummary) -> Result<Refresh, SyncError> {
        let transport = &self.session.city.transport;
        // An ETag without the list it names would keep the cache empty forever.
        let etag = self.store.read(|c| {
            let cached = !crate::categories::db::stored(c)?.is_empty();
            Ok(db::state(c, db::CATEGORIES_ETAG)?.filter(|_| cached))
        })?;
        let answer = self
            .cancellable(transport.get_if_none_match(
                api::SERVICES_PATH,
                etag.as_deref(),
                DEFAULT_RESPONSE_LIMIT,
            ))
            .await?;
        if answer.status == 304 {
            let with_forms = self.store.read(|c| db::state(c, db::SERVICE_DEFINITIONS))?;
            let with_forms: Vec<String> = with_forms
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default();
            self.refresh_definitions(&with_forms, false, summary)
                .await?;
            return Ok(Refresh::NotModified);
        }
        let new_etag = answer.header("etag").map(str::to_owned);
        let page = api::parse_services(answer)?;
        summary.skipped_records += page.skipped;
        let with_forms: Vec<String> = page
            .items
            .iter()
            .filter(|(_, metadata)| *metadata)
            .map(|(c, _)| c.code.clone())
            .collect();
        let categories: Vec<_> = page.items.into_iter().map(|(c, _)| c).collect();
        let codes_json = serde_json::to_string(&with_forms).unwrap_or_else(|_| "[]".into());
        self.store.write(|tx| {
            crate::categories::db::replace(tx, &categories)?;
            crate::forms::db::retain_definitions(tx, &with_forms)?;
            db::set_state(tx, db::SERVICE_DEFINITIONS, &codes_json)?;
            db::set_state(tx, db::CATEGORIES_ETAG, new_etag.as_deref().unwrap_or(""))
        })?;
        self.refresh_definitions(&with_forms, true, summary).await?;
        Ok(Refresh::Updated)
    }

    /// The definitions of the services listed with `metadata`: all of them
    /// when the list changed, else those missing or older than
    /// [`DEFINITION_MAX_AGE_MS`] (a definition has no ETag of its own on most
    /// servers). Codes the core fills in itself (the profile's report
    /// attributes) are not kept as questions. A 404 is a service without a
    /// definition after all (kept empty, so it is not asked every pull).
    async fn refresh_definitions(
        &self,
        codes: &[String],
        all: bool,
        summary: &mut PullSummary,
    ) -> Result<(), SyncError> {
        let transport = &self.session.city.transport;
        let now = now_ms();
        let fetched = self.store.read(crate::forms::db::fetched)?;
        let due: Vec<&String> = codes
            .iter()
            .filter(|code| {
                all || !fetched
                    .iter()
                    .any(|(c, at)| c == *code && now - at < DEFINITION_MAX_AGE_MS)
            })
            .collect();
        if due.is_empty() {
            return Ok(());
        }
        let own = crate::server_profile::learn::cached(&self.store, &self.session.city)?
            .report_attributes;
        for code in due {
            let answer = self
                .cancellable(transport.get(
                    &api::definition_path(code),
                    &[],
                    None,
                    DEFAULT_RESPONSE_LIMIT,
                ))
                .await?;
            let attributes = if matches!(answer.status, 404 | 410) {
                Vec::new()
            } else {
                let document: serde_json::Value = answer.success()?.json()?;
                let (attributes, skipped) = crate::forms::model::parse_definition(&document, &own)
                    .ok_or_else(|| TransportError::InvalidJson {
                        status: 200,
                        detail: "not a service definition".into(),
                    })?;
                summary.skipped_records += skipped;
                attributes
            };
            self.store
                .write(|tx| crate::forms::db::save_definition(tx, code, &attributes, now_ms()))?;
        }
        Ok(())
    }

    /// `None` when the server answers that it has no area set.
    #[allow(clippy::type_complexity)]
    async fn fetch_areas(&self) -> Result<Option<(Refresh, Option<FetchedAreas>)>, SyncError> {
        let transport = &self.session.city.transport;
        let etag = if self.has_area_set {
            self.store.read(|c| db::state(c, db::AREAS_ETAG))?
        } else {
            None
        };
        let answer = self
            .cancellable(transport.get_if_none_match(
                api::AREAS_PATH,
                etag.as_deref().filter(|e| !e.is_empty()),
                api::AREAS_RESPONSE_LIMIT,
            ))
            .await?;
        if answer.status == 304 {
            return Ok(Some((Refresh::NotModified, None)));
        }
        if learn::says_not_offered(answer.status) {
            return Ok(None);
        }
        let answer = answer.success()?;
        if !answer.is_json() {
            return Err(TransportError::UnexpectedAnswer {
                status: answer.status,
                content_type: answer.header("content-type").unwrap_or("none").to_owned(),
            }
            .into());
        }
        let status = answer.status;
        let invalid = |detail: String| TransportError::InvalidJson { status, detail };
        let new_etag = answer.header("etag").map(str::to_owned);
        let version = answer
            .header("x-areas-version")
            .map(str::to_owned)
            .or_else(|| new_etag.as_deref().map(|e| e.trim_matches('"').to_owned()))
            .unwrap_or_else(|| format!("pulled-{}", now_ms()));
        let text = String::from_utf8(answer.body)
            .map_err(|_| invalid("the area set is not UTF-8".into()))?;
        // Parsing and validating 130 k vertices is CPU work: not on the
        // runtime's network threads.
        let parsed = tokio::task::spawn_blocking(move || AreaIndex::from_geojson(&text))
            .await
            .map_err(|e| session::local(format!("area set parsing ended abnormally: {e}")))?;
        let index = parsed.map_err(|e| invalid(format!("the area set is not valid: {e}")))?;
        Ok(Some((
            Refresh::Updated,
            Some(FetchedAreas {
                index,
                version,
                etag: new_etag,
            }),
        )))
    }
}

/// A polled status change as a timeline line: its id is made from the
/// report, the status and when the city changed it, so a re-poll adds nothing.
fn status_line(city_id: &str, status: &api::PulledStatus, now: i64) -> api::PulledUpdate {
    let kind = match status.status.status {
        DetailedStatus::Accepted => UpdateKind::Accepted,
        DetailedStatus::InProgress => UpdateKind::Started,
        DetailedStatus::Transferred => UpdateKind::Transferred,
        DetailedStatus::Resolved => UpdateKind::Resolved,
        DetailedStatus::Rejected => UpdateKind::Rejected,
        DetailedStatus::Pending => UpdateKind::Other,
    };
    let at = status.updated_at_ms.unwrap_or(now);
    api::PulledUpdate {
        update_id: format!("status:{city_id}:{}:{at}", status.status.stored()),
        service_request_id: city_id.to_owned(),
        kind,
        status: status.status.clone(),
        text: status.status_notes.clone().unwrap_or_default(),
        unit_code: status.unit_code.clone(),
        updated_at_ms: at,
        photo_urls: Vec::new(),
    }
}

/// Whether an optional endpoint is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offered {
    Yes,
    /// It answered 404/400/405/410/501.
    No,
}
