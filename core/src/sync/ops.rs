//! What the shells call to sync: configure the city, run the outbox, look up
//! what the city answered.

use std::sync::Arc;

use crate::app::Core;
use crate::error::Result;
use crate::net::SyncError;
use crate::net::city::{CityConfig, SyncTuning};
use crate::net::runtime::runtime;
use crate::observers::sync_activity::ObservedSync;
use crate::reports::ops::parse_id;
use crate::sync::listener::{SyncListener, SyncOptions, SyncSummary};
use crate::sync::outbox::Submission;
use crate::sync::outbox::db as outbox_db;
use crate::sync::outbox::engine::Outbox;
use crate::tasks::CancelToken;
use crate::tasks::run_on_core;

impl Core {
    /// Point the core at the city's API (at start-up, and when the shell's
    /// settings change). Checks the address: HTTPS, or plain HTTP on loopback.
    pub fn configure_city(&self, config: CityConfig) -> Result<()> {
        self.configure_city_tuned(config, SyncTuning::default())
    }

    /// [`Core::configure_city`] with other timeouts and backoff: for tests and
    /// benchmarks (a stalled connection must cost a second, a backoff must not
    /// park a report for minutes). Not exported to the shells.
    pub fn configure_city_tuned(&self, config: CityConfig, tuning: SyncTuning) -> Result<()> {
        Ok(self.sync.configure(&config, tuning)?)
    }

    /// Send every due report, oldest first. One sync runs at a time (a second
    /// call gets [`SyncError::AlreadyRunning`]). Cancelling `cancel`, or
    /// dropping this future, stops it between and during uploads
    /// ([`crate::tasks`]): the report in flight stays queued under its id.
    pub async fn sync(
        &self,
        options: SyncOptions,
        listener: Arc<dyn SyncListener>,
        cancel: CancelToken,
    ) -> Result<SyncSummary> {
        let city = self.sync.city()?;
        let policy = city.retry;
        let guard = self
            .sync
            .running
            .clone()
            .try_lock_owned()
            .map_err(|_| SyncError::AlreadyRunning)?;
        let token = cancel.clone();
        // The screens' observers see every sync, whoever started it.
        let listener = Arc::new(ObservedSync::new(
            Arc::clone(&self.observers),
            Arc::clone(&self.store),
            listener,
        ));
        let outbox = Outbox {
            store: self.store.clone(),
            files: self.files.clone(),
            session: self.session_context(city),
            listener,
            cancel,
            options,
            policy,
        };
        let summary = run_on_core(&token, async move {
            let _one_sync_at_a_time = guard;
            outbox.run().await
        })
        .await?;
        tracing::info!(
            sent = summary.sent,
            failed = summary.failed,
            waiting = summary.waiting,
            needs_attention = summary.needs_attention,
            sign_in_needed = summary.sign_in_needed,
            cancelled = summary.cancelled,
            "sync finished"
        );
        Ok(summary)
    }

    /// [`Core::sync`] for synchronous callers (the terminal shell). Must not be
    /// called from inside an async runtime.
    pub fn sync_blocking(
        &self,
        options: SyncOptions,
        listener: Arc<dyn SyncListener>,
        cancel: CancelToken,
    ) -> Result<SyncSummary> {
        let runtime = runtime().map_err(SyncError::from)?;
        runtime.block_on(self.sync(options, listener, cancel))
    }

    /// What the city answered for a sent report (`None` until it is accepted).
    pub fn submission(&self, report_id: &str) -> Result<Option<Submission>> {
        let id = parse_id(report_id)?;
        self.store.read(|conn| outbox_db::submission(conn, &id))
    }

    /// The outbox bookkeeping of a report: attempts, next try, the city's reason
    /// when it refused it.
    pub fn sync_record(&self, report_id: &str) -> Result<outbox_db::SyncRecord> {
        let id = parse_id(report_id)?;
        self.store.read(|conn| outbox_db::record(conn, &id))
    }
}
