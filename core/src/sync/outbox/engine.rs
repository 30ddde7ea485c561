//! One sync run: requeue what a crash interrupted, send what is due oldest
//! first, record every outcome durably before moving on, and sum up.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;

use crate::account::session::{self, SessionContext};
use crate::error::transport_text;
use crate::files::DataDir;
use crate::i18n::Bilingual;
use crate::net::SyncError;
use crate::net::retry::{RetryPolicy, Verdict};
use crate::net::transport::{DEFAULT_RESPONSE_LIMIT, TransportError};
use crate::reports::ReportState;
use crate::server_profile::{Offer, ServerProfile, learn};
use crate::store::Store;
use crate::sync::listener::{NetworkType, SyncEvent, SyncListener, SyncOptions, SyncSummary};
use crate::sync::outbox::db::{self, Submission};
use crate::sync::outbox::lookup::{self, Lookup};
use crate::sync::outbox::payload::{Payload, SendPlan};
use crate::tasks::CancelToken;
use crate::time::{UnixMillis, now_ms};

pub const REQUESTS_PATH: &str = "requests.json";

/// Everything a run needs, owned, so it can run on the core's runtime.
#[derive(Clone)]
pub(crate) struct Outbox {
    pub store: Arc<Store>,
    pub files: DataDir,
    pub session: SessionContext,
    pub listener: Arc<dyn SyncListener>,
    pub cancel: CancelToken,
    pub options: SyncOptions,
    pub policy: RetryPolicy,
}

enum Outcome {
    Sent,
    /// Tried and failed for a reason that passes.
    Waiting,
    /// Not tried now (photos wait for Wi-Fi).
    Skipped,
    NeedsAttention,
    SignInNeeded,
    Cancelled,
}

/// `POST /requests` success: the standard's one-element array.
#[derive(Debug, Deserialize)]
struct Created {
    #[serde(deserialize_with = "id_text")]
    service_request_id: String,
    #[serde(default)]
    agency_responsible: Option<String>,
    #[serde(default)]
    service_notice: Option<String>,
}

/// An id as text, whether the server wrote it as a JSON string or a number
/// (both are common; a number is not an error to retry).
pub(crate) fn id_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "service_request_id is neither a string nor a number: {other}"
        ))),
    }
}

/// How this run sends: under the resident's session where the server has
/// sign-in, else anonymously with the standard's personal fields.
struct Sending {
    plan: SendPlan,
    profile: ServerProfile,
}

impl Outbox {
    pub async fn run(self) -> Result<SyncSummary, SyncError> {
        let store = &self.store;
        store.write_synced(|tx| db::requeue_interrupted(tx, now_ms()))?;
        let mut summary = SyncSummary::default();
        let profile = match learn::refresh(store, &self.session.city).await {
            Ok(profile) => profile,
            Err((cached, error)) if cached.learned_at_ms > 0 => {
                tracing::info!(code = error.code(), "server profile not refreshed");
                cached
            }
            Err((_, error)) => {
                // Never learned: sending on a guess of the full API would put
                // fields a strict server refuses into the report, or resend
                // without the lookup a server without idempotency needs.
                tracing::info!(code = error.code(), "server profile unknown: nothing sent");
                return self.wait_for_profile(summary, &error);
            }
        };
        let contact = store.read(crate::server_profile::db::contact)?;
        let sending = Sending {
            plan: SendPlan::new(&profile, &contact),
            profile,
        };
        let access = session::access_token(&*self.session.secrets).map_err(session::local)?;
        let paused = store.read(db::sign_in_needed)?;
        let access = if sending.profile.sign_in == Offer::Offered {
            access.filter(|_| !paused).map(Some)
        } else {
            // No sign-in on this server: reports go out without a session.
            Some(None)
        };
        match access {
            Some(mut access) => {
                let due = store.read(|conn| db::due(conn, now_ms()))?;
                self.listener.on_event(SyncEvent::Started {
                    due: due.len() as u32,
                });
                for report_id in due {
                    if self.cancel.is_cancelled() {
                        summary.cancelled = true;
                        break;
                    }
                    match self.send_one(&report_id, &mut access, &sending).await? {
                        Outcome::Sent => summary.sent += 1,
                        Outcome::Waiting => summary.failed += 1,
                        Outcome::NeedsAttention | Outcome::Skipped => {}
                        Outcome::SignInNeeded => {
                            summary.sign_in_needed = true;
                            self.listener.on_event(SyncEvent::SignInNeeded);
                            break;
                        }
                        Outcome::Cancelled => {
                            summary.cancelled = true;
                            break;
                        }
                    }
                }
            }
            _ => {
                // Drafts and the queue wait for the resident; nothing is sent
                // anonymously (the resident follows up on their own reports).
                summary.sign_in_needed = true;
                self.listener.on_event(SyncEvent::SignInNeeded);
            }
        }
        let (waiting, needs_attention, next_retry) =
            store.read(|conn| db::totals(conn, now_ms()))?;
        summary.waiting = waiting;
        summary.needs_attention = needs_attention;
        summary.next_retry_at_ms = if summary.sign_in_needed {
            None
        } else {
            next_retry
        };
        self.listener.on_event(SyncEvent::Finished {
            summary: summary.clone(),
        });
        Ok(summary)
    }

    /// Every due report waits, as after a failed attempt (none was made:
    /// no report counts as possibly received).
    fn wait_for_profile(
        &self,
        mut summary: SyncSummary,
        error: &TransportError,
    ) -> Result<SyncSummary, SyncError> {
        let due = self.store.read(|conn| db::due(conn, now_ms()))?;
        self.listener.on_event(SyncEvent::Started {
            due: due.len() as u32,
        });
        if self.cancel.is_cancelled() {
            // Cancelled while discovery was asked: nothing failed.
            summary.cancelled = true;
        } else {
            for report_id in due {
                self.wait(&report_id, error)?;
                summary.failed += 1;
            }
        }
        let (waiting, needs_attention, next_retry) =
            self.store.read(|conn| db::totals(conn, now_ms()))?;
        summary.waiting = waiting;
        summary.needs_attention = needs_attention;
        summary.next_retry_at_ms = next_retry;
        self.listener.on_event(SyncEvent::Finished {
            summary: summary.clone(),
        });
        Ok(summary)
    }

    fn changed(&self, report_id: &str, state: ReportState) {
        self.listener.on_event(SyncEvent::ReportChanged {
            report_id: report_id.to_owned(),
            state,
        });
    }

    async fn send_one(
        &self,
        report_id: &str,
        access: &mut Option<String>,
        sending: &Sending,
    ) -> Result<Outcome, SyncError> {
        let payload = match Payload::load(&self.store, &self.files, report_id) {
            Ok(payload) => payload,
            Err(crate::Error::Io { .. }) => {
                // A photo file vanished (storage cleaned by the OS, or a bug):
                // the resident must re-attach it; the city never gets a report
                // without the photos it was queued with.
                self.store.write_synced(|tx| {
                    db::mark_needs_attention(
                        tx,
                        report_id,
                        "photo_file_missing",
                        &Bilingual::new(
                            "Không đọc được ảnh của phản ánh; vui lòng đính kèm lại.",
                            "A photo of this report could not be read; please attach it again.",
                        ),
                        now_ms(),
                    )
                })?;
                self.changed(report_id, ReportState::NeedsAttention);
                return Ok(Outcome::NeedsAttention);
            }
            Err(other) => return Err(other.into()),
        };
        if self.options.photos_only_on_wifi
            && self.options.network != NetworkType::Wifi
            && payload.photo_count() > 0
        {
            return Ok(Outcome::Skipped);
        }
        if payload.photo_count() > 0 && sending.profile.uploads == Offer::NotOffered {
            // Sending it without them would lose them silently.
            self.store.write_synced(|tx| {
                db::mark_needs_attention(
                    tx,
                    report_id,
                    "photos_not_accepted",
                    &Bilingual::new(
                        "Máy chủ của thành phố không nhận ảnh; hãy bỏ ảnh để gửi phản ánh.",
                        "The city's server does not accept photos; remove them to send this report.",
                    ),
                    now_ms(),
                )
            })?;
            self.changed(report_id, ReportState::NeedsAttention);
            return Ok(Outcome::NeedsAttention);
        }
        let first_attempt = self.store.read(|c| db::first_attempt(c, report_id))?;
        self.store
            .write_synced(|tx| db::mark_sending(tx, report_id, now_ms()))?;
        self.changed(report_id, ReportState::Sending);
        // No idempotency and no usable lookup: a resend may make a twin.
        let mut maybe_twice = false;
        if let Some(first) = first_attempt.filter(|_| !sending.profile.idempotency) {
            match lookup::earlier_attempt(&self.session.city, &payload, first).await {
                Ok(Lookup::Found(found)) => {
                    return self.accepted(
                        report_id,
                        Created {
                            service_request_id: found.service_request_id,
                            agency_responsible: found.agency_responsible,
                            service_notice: found.service_notice,
                        },
                    );
                }
                Ok(Lookup::NotThere) => {}
                Ok(Lookup::Impossible) => {
                    tracing::warn!("no lookup possible before a resend: the city may get it twice");
                    maybe_twice = true;
                }
                // Not knowing whether it arrived: wait rather than risk a twin.
                Err(error) => return self.wait(report_id, &error),
            }
        }

        let mut refreshed = false;
        loop {
            let city = &self.session.city;
            let form = payload
                .form(&city.api_key, &sending.plan, self.listener.clone())
                .map_err(SyncError::from)?;
            let upload = city.transport.post_multipart(
                REQUESTS_PATH,
                form,
                payload.body_bytes(),
                access.as_deref(),
                DEFAULT_RESPONSE_LIMIT,
            );
            let result = tokio::select! {
                result = upload => result,
                () = self.cancel.cancelled() => {
                    // The request may or may not have reached the city; the next
                    // sync resends it under the same id.
                    self.requeue(report_id)?;
                    return Ok(Outcome::Cancelled);
                }
            };
            let error = match result.and_then(|answer| answer.json::<Vec<Created>>()) {
                Ok(created) => match created.into_iter().next() {
                    Some(created) => {
                        let outcome = self.accepted(report_id, created)?;
                        if maybe_twice {
                            self.store
                                .write_synced(|tx| db::mark_maybe_sent_twice(tx, report_id))?;
                        }
                        return Ok(outcome);
                    }
                    None => TransportError::InvalidJson {
                        status: 200,
                        detail: "empty array".into(),
                    },
                },
                Err(error) => error,
            };
            let Some(token) = access.as_mut() else {
                // Sent without a session: a 401/403 is the city refusing it.
                return match error.verdict() {
                    Verdict::Retry { .. } | Verdict::Accepted => self.wait(report_id, &error),
                    _ => self.refused(report_id, &error),
                };
            };
            match error.verdict() {
                Verdict::SignInNeeded if !refreshed => {
                    refreshed = true;
                    match self.session.refresh_after_401(token).await {
                        Ok(fresh) => *token = fresh,
                        Err(SyncError::SignInNeeded) => {
                            self.requeue(report_id)?;
                            return Ok(Outcome::SignInNeeded);
                        }
                        Err(SyncError::Transport(network)) => {
                            return self.wait(report_id, &network);
                        }
                        Err(other) => return Err(other),
                    }
                }
                Verdict::SignInNeeded => {
                    // A fresh token refused at once: the account itself is refused.
                    let _ = session::clear(&*self.session.secrets);
                    self.store
                        .write_synced(|tx| db::set_sign_in_needed(tx, true))?;
                    self.requeue(report_id)?;
                    return Ok(Outcome::SignInNeeded);
                }
                Verdict::Retry { .. } | Verdict::Accepted => return self.wait(report_id, &error),
                Verdict::Rejected | Verdict::Conflict => return self.refused(report_id, &error),
            }
        }
    }

    fn requeue(&self, report_id: &str) -> Result<(), SyncError> {
        self.store
            .write_synced(|tx| db::mark_queued(tx, report_id, now_ms()))?;
        self.changed(report_id, ReportState::Queued);
        Ok(())
    }

    fn accepted(&self, report_id: &str, created: Created) -> Result<Outcome, SyncError> {
        let submission = Submission {
            report_id: report_id.to_owned(),
            service_request_id: created.service_request_id,
            agency_responsible: created.agency_responsible,
            service_notice: created.service_notice,
            submitted_at_ms: now_ms(),
        };
        self.store
            .write_synced(|tx| db::mark_submitted(tx, &submission))?;
        self.changed(report_id, ReportState::Submitted);
        Ok(Outcome::Sent)
    }

    fn wait(&self, report_id: &str, error: &TransportError) -> Result<Outcome, SyncError> {
        let retry_after = match error.verdict() {
            Verdict::Retry { retry_after } => retry_after,
            _ => None,
        };
        let now = now_ms();
        self.store.write_synced(|tx| {
            let failures = db::record(tx, report_id)?.attempts + 1;
            let delay = self.policy.delay(failures, jitter_unit(), retry_after);
            db::mark_retry(tx, report_id, now + millis(delay), error.code(), now)
        })?;
        tracing::info!(code = error.code(), "report will be retried");
        self.changed(report_id, ReportState::Queued);
        Ok(Outcome::Waiting)
    }

    fn refused(&self, report_id: &str, error: &TransportError) -> Result<Outcome, SyncError> {
        let reason = match error {
            TransportError::Status { reason, status, .. } if reason.is_empty() => {
                format!("http_{status}")
            }
            TransportError::Status { reason, .. } => reason.clone(),
            _ => "refused".to_owned(),
        };
        let message = transport_text(error);
        self.store.write_synced(|tx| {
            db::mark_needs_attention(tx, report_id, &reason, &message, now_ms())
        })?;
        self.changed(report_id, ReportState::NeedsAttention);
        Ok(Outcome::NeedsAttention)
    }
}

fn millis(delay: Duration) -> UnixMillis {
    i64::try_from(delay.as_millis()).unwrap_or(i64::MAX / 2)
}

/// A number in [0, 1) for backoff jitter, from the random bits of a UUID v7
/// (no extra randomness crate; this is spreading load, not cryptography).
fn jitter_unit() -> f64 {
    let random = (uuid::Uuid::now_v7().as_u128() & 0xFFFF_FFFF) as f64;
    random / 4_294_967_296.0
}
