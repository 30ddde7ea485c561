//! One search for the city's reports near a draft, on the core's runtime:
//! the query the server's profile allows (with a fallback when the server
//! refuses the position filter), the answer filtered on the phone, then the
//! thumbnails of the nearest reports' photos — downloaded with the result
//! photos' limits (answer size, header checked before decoding, the media
//! origins rule) and written as files.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::nearby::api::{self, Filter, Question};
use crate::nearby::model::{MAX_LISTED, NEARBY_RADIUS_M, StoredAnswer, StoredPhoto};
use crate::net::SyncError;
use crate::net::city::City;
use crate::net::transport::{DEFAULT_RESPONSE_LIMIT, TransportError};
use crate::pull::model::ResultPhotoProblem;
use crate::pull::photos::{self, MediaOrigins};
use crate::server_profile::learn;
use crate::server_profile::model::Capability;
use crate::store::Store;
use crate::tasks::CancelToken;
use crate::time::now_ms;

pub(crate) struct Search {
    pub store: Arc<Store>,
    pub city: Arc<City>,
    pub cancel: CancelToken,
    pub report_id: String,
    pub question: Question,
    /// Where this draft's thumbnails live (`reports/<id>/nearby/`).
    pub dir: PathBuf,
    /// The draft's previous answer: thumbnails already made, and photos
    /// already found unusable, are not fetched again.
    pub previous: Option<StoredAnswer>,
}

impl Search {
    async fn cancellable<T>(
        &self,
        request: impl Future<Output = Result<T, TransportError>>,
    ) -> Result<T, SyncError> {
        self.cancel
            .or_cancelled(request)
            .await
            .map_err(|_| SyncError::Cancelled)?
            .map_err(SyncError::from)
    }

    /// Ask the city and keep nothing: the caller stores the answer. Network
    /// failures come back as [`SyncError::Transport`] for the caller to fall
    /// back on the kept answer.
    pub async fn run(self) -> Result<StoredAnswer, SyncError> {
        let mut profile = learn::cached(&self.store, &self.city)?;
        if profile.learned_at_ms == 0 {
            // Never asked (no sync yet): learn what the server offers first,
            // rather than assume the full API. Unreachable: the search says so.
            profile = match self
                .cancel
                .or_cancelled(learn::refresh(&self.store, &self.city))
                .await
            {
                Err(_) => return Err(SyncError::Cancelled),
                Ok(Ok(learned)) => learned,
                Ok(Err((cached, _))) => cached,
            };
        }
        let own = self.store.read(crate::nearby::db::own_city_ids)?;
        let now = now_ms();
        let mut filters = Vec::with_capacity(2);
        if profile.near_search.usable() {
            filters.push(Filter::Position);
        }
        filters.push(Filter::CategoryWindow);
        let mut found = None;
        for filter in filters {
            let query = api::query(&self.question, filter, now);
            let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let answer = self
                .cancellable(self.city.transport.get(
                    api::REQUESTS_PATH,
                    &pairs,
                    None,
                    DEFAULT_RESPONSE_LIMIT,
                ))
                .await?;
            if answer.is_success() {
                if filter == Filter::CategoryWindow && profile.near_search.usable() {
                    // The position filter was refused, the plain search was
                    // not: remember, so the next searches go straight there.
                    tracing::info!("the server refused the position filter");
                    learn::note_not_offered(&self.store, &self.city, Capability::NearSearch);
                }
                let parsed = api::parse(answer, &self.question, &own)?;
                found = Some((parsed, filter == Filter::Position));
                break;
            }
            // A reachable server refusing the search (a strict schema, a list
            // by id only) or not having it: try the plainer query, then say
            // the search is not offered. Anything else is an error.
            if !learn::says_not_offered(answer.status) {
                return Err(answer.into_error().into());
            }
        }
        let Some((found, server_radius)) = found else {
            tracing::info!("the server offers no search of its reports");
            return Ok(self.answer(false, false, 0, Vec::new(), now));
        };
        if found.skipped > 0 {
            tracing::info!(
                skipped = found.skipped,
                "malformed reports in the answer skipped"
            );
        }
        let total = found.reports.len() as u32;
        let mut reports = found.reports;
        reports.truncate(MAX_LISTED);
        self.thumbnails(&mut reports).await?;
        tracing::debug!(total, "reports nearby found");
        Ok(self.answer(true, server_radius, total, reports, now))
    }

    fn answer(
        &self,
        offered: bool,
        server_radius: bool,
        total: u32,
        reports: Vec<crate::nearby::model::StoredReport>,
        now: i64,
    ) -> StoredAnswer {
        StoredAnswer {
            report_id: self.report_id.clone(),
            category_code: self.question.category_code.clone(),
            latitude: self.question.lat,
            longitude: self.question.lon,
            radius_m: NEARBY_RADIUS_M,
            offered,
            server_radius,
            total,
            reports,
            fetched_at_ms: now,
        }
    }

    /// Fill each photo's thumbnail file or problem. A passing network failure
    /// leaves the photo without either (the next search tries again).
    async fn thumbnails(
        &self,
        reports: &mut [crate::nearby::model::StoredReport],
    ) -> Result<(), SyncError> {
        let known: HashMap<String, StoredPhoto> = self
            .previous
            .iter()
            .flat_map(|a| a.reports.iter())
            .flat_map(|r| r.photos.iter())
            .filter(|p| p.thumbnail_file.is_some() || p.problem.is_some())
            .map(|p| (p.url.clone(), p.clone()))
            .collect();
        let transport = &self.city.transport;
        let mut origins = MediaOrigins::of_api(transport);
        let mut listed_read = false;
        let mut made: HashSet<String> = HashSet::new();
        for photo in reports.iter_mut().flat_map(|r| r.photos.iter_mut()) {
            if self.cancel.is_cancelled() {
                return Err(SyncError::Cancelled);
            }
            let name = photos::thumbnail_name(&photos::file_stem(&photo.url));
            if let Some(before) = known.get(&photo.url) {
                let file_there = before
                    .thumbnail_file
                    .as_ref()
                    .is_some_and(|f| self.dir.join(f).is_file());
                if file_there || before.problem.is_some() {
                    photo.thumbnail_file = before.thumbnail_file.clone().filter(|_| file_there);
                    photo.problem = before.problem.clone();
                    continue;
                }
            }
            if made.contains(&name) || self.dir.join(&name).is_file() {
                photo.thumbnail_file = Some(name);
                continue;
            }
            if !origins.allows(&photo.url) && !listed_read {
                listed_read = true;
                match self.cancellable(origins.add_listed(transport)).await {
                    Ok(()) => {}
                    Err(SyncError::Cancelled) => return Err(SyncError::Cancelled),
                    Err(error) => {
                        tracing::info!(%error, "discovery unreadable: photos elsewhere wait")
                    }
                }
            }
            if !origins.allows(&photo.url) {
                photo.problem = Some(ResultPhotoProblem::ForeignOrigin.as_str().to_owned());
                continue;
            }
            let fetched = match self
                .cancel
                .or_cancelled(photos::download(transport, &photo.url))
                .await
            {
                Err(_) => return Err(SyncError::Cancelled),
                Ok(Ok((image, _format))) => photos::thumbnail_off_thread(image).await,
                Ok(Err(error)) => Err(error),
            };
            match fetched {
                Ok(thumbnail) => {
                    photos::write_atomically(&self.dir, &name, &thumbnail)
                        .map_err(SyncError::from)?;
                    made.insert(name.clone());
                    photo.thumbnail_file = Some(name);
                }
                Err(error) => {
                    let problem = error.problem();
                    tracing::info!(
                        problem = problem.map(ResultPhotoProblem::as_str),
                        "a nearby report's photo was not fetched"
                    );
                    photo.problem = problem.map(|p| p.as_str().to_owned());
                }
            }
        }
        Ok(())
    }
}
