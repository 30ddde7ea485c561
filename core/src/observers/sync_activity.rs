//! A sync's events turned into [`SyncActivity`] and report-list changes. The
//! outbox reports to one [`SyncListener`]; this one sits in front of the
//! caller's, so the screens' observers see every sync, whoever started it.

use std::sync::{Arc, Mutex};

use crate::observers::hub::Observers;
use crate::observers::model::{ReportChangeKind, SyncActivity};
use crate::reports::ReportState;
use crate::sync::outbox::db as outbox_db;
use crate::sync::{SyncEvent, SyncListener, SyncSummary};
use crate::time::now_ms;

/// Last failures that mean the phone could not reach the city at all.
const OFFLINE_ERRORS: [&str; 3] = ["connect", "timeout", "connection_lost"];

pub(crate) struct ObservedSync {
    pub observers: Arc<Observers>,
    pub store: Arc<crate::store::Store>,
    pub caller: Arc<dyn SyncListener>,
    progress: Mutex<Progress>,
}

#[derive(Default)]
struct Progress {
    report_count: u32,
    report_number: u32,
    /// Reports of this run put back in the queue after a failed try.
    retried: Vec<String>,
}

impl ObservedSync {
    pub fn new(
        observers: Arc<Observers>,
        store: Arc<crate::store::Store>,
        caller: Arc<dyn SyncListener>,
    ) -> Self {
        Self {
            observers,
            store,
            caller,
            progress: Mutex::default(),
        }
    }

    fn observe(&self, event: &SyncEvent) {
        let mut progress = self.progress.lock().unwrap_or_else(|p| p.into_inner());
        match event {
            SyncEvent::Started { due } => {
                *progress = Progress {
                    report_count: *due,
                    ..Progress::default()
                };
            }
            SyncEvent::ReportChanged { report_id, state } => {
                match state {
                    ReportState::Sending => {
                        progress.report_number += 1;
                        self.observers.set_sync_activity(SyncActivity::Sending {
                            report_number: progress.report_number,
                            report_count: progress.report_count,
                            bytes_sent: 0,
                            bytes_total: 0,
                        });
                    }
                    ReportState::Queued => progress.retried.push(report_id.clone()),
                    _ => {}
                }
                drop(progress);
                self.observers
                    .reports_changed(&[(report_id.as_str(), ReportChangeKind::StateChanged)]);
            }
            SyncEvent::Progress {
                bytes_sent,
                bytes_total,
                ..
            } => {
                self.observers.set_sync_activity(SyncActivity::Sending {
                    report_number: progress.report_number,
                    report_count: progress.report_count,
                    bytes_sent: *bytes_sent,
                    bytes_total: *bytes_total,
                });
            }
            SyncEvent::SignInNeeded => {
                self.observers.set_sync_activity(SyncActivity::SignInNeeded);
            }
            SyncEvent::Finished { summary } => {
                let activity = self.resting(summary, &progress.retried);
                drop(progress);
                self.observers.set_sync_activity(activity);
            }
        }
    }

    /// Where the sync rests after a run.
    fn resting(&self, summary: &SyncSummary, retried: &[String]) -> SyncActivity {
        if summary.sign_in_needed {
            return SyncActivity::SignInNeeded;
        }
        if summary.sent == 0 && self.last_try_unreachable(retried) {
            return SyncActivity::Offline;
        }
        match summary.next_retry_at_ms {
            Some(at) if at > now_ms() && summary.waiting > 0 => {
                SyncActivity::WaitingUntil { next_try_at_ms: at }
            }
            _ => SyncActivity::Idle,
        }
    }

    fn last_try_unreachable(&self, retried: &[String]) -> bool {
        let Some(last) = retried.last() else {
            return false;
        };
        self.store
            .read(|conn| outbox_db::record(conn, last))
            .ok()
            .and_then(|record| record.last_error)
            .is_some_and(|code| OFFLINE_ERRORS.contains(&code.as_str()))
    }
}

impl SyncListener for ObservedSync {
    fn on_event(&self, event: SyncEvent) {
        self.observe(&event);
        self.caller.on_event(event);
    }
}
