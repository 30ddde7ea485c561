//! The registry of listeners and the notifications the rest of the core sends.

use std::sync::{Arc, Mutex, Weak};

use crate::error::Result;
use crate::observers::channel::Channel;
use crate::observers::model::{
    BadgeCounts, ReportChange, ReportChangeKind, ReportListUpdate, SyncActivity,
};
use crate::observers::{CountsObserver, ReportsObserver, SyncActivityObserver, db};
use crate::store::Store;
use crate::time::now_ms;

/// Every registered listener, and the last values sent (to send only changes).
pub struct Observers {
    store: Arc<Store>,
    registry: Mutex<Registry>,
    last_counts: Mutex<Option<BadgeCounts>>,
    /// `None` until a sync reports something: then the store says.
    activity: Mutex<Option<SyncActivity>>,
}

#[derive(Default)]
struct Registry {
    next_id: u64,
    reports: Vec<(u64, Arc<Channel<ReportListUpdate>>)>,
    counts: Vec<(u64, Arc<Channel<BadgeCounts>>)>,
    activity: Vec<(u64, Arc<Channel<SyncActivity>>)>,
}

/// Keeps a listener registered. [`Subscription::cancel`] or dropping it
/// unregisters: no call starts after that (one in progress may finish).
#[must_use = "dropping the subscription unregisters the listener"]
pub struct Subscription {
    hub: Weak<Observers>,
    id: u64,
}

impl Subscription {
    pub fn cancel(&self) {
        if let Some(hub) = self.hub.upgrade() {
            hub.remove(self.id);
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.cancel();
    }
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscription")
            .field("id", &self.id)
            .finish()
    }
}

impl Observers {
    pub(crate) fn new(store: Arc<Store>) -> Self {
        Self {
            store,
            registry: Mutex::default(),
            last_counts: Mutex::default(),
            activity: Mutex::default(),
        }
    }

    pub(crate) fn observe_reports(
        self: &Arc<Self>,
        listener: Arc<dyn ReportsObserver>,
    ) -> Result<Subscription> {
        let channel = Arc::new(Channel::new(move |update: ReportListUpdate| {
            listener.on_reports_changed(update)
        }));
        let id = self.register(|r, id| r.reports.push((id, Arc::clone(&channel))));
        let subscription = self.subscription(id);
        let states = self.store.read(db::report_states)?;
        channel.prime(ReportListUpdate {
            initial: true,
            changes: states
                .into_iter()
                .map(|(report_id, state)| ReportChange {
                    report_id,
                    kind: ReportChangeKind::Present,
                    state: Some(state),
                })
                .collect(),
        });
        Ok(subscription)
    }

    pub(crate) fn observe_counts(
        self: &Arc<Self>,
        listener: Arc<dyn CountsObserver>,
    ) -> Result<Subscription> {
        let channel = Arc::new(Channel::new(move |counts: BadgeCounts| {
            listener.on_counts_changed(counts)
        }));
        let id = self.register(|r, id| r.counts.push((id, Arc::clone(&channel))));
        let subscription = self.subscription(id);
        let counts = self.store.read(|conn| db::badge_counts(conn, now_ms()))?;
        *lock(&self.last_counts) = Some(counts);
        channel.prime(counts);
        Ok(subscription)
    }

    pub(crate) fn observe_sync_activity(
        self: &Arc<Self>,
        listener: Arc<dyn SyncActivityObserver>,
    ) -> Result<Subscription> {
        let channel = Arc::new(Channel::new(move |activity: SyncActivity| {
            listener.on_sync_activity(activity)
        }));
        let id = self.register(|r, id| r.activity.push((id, Arc::clone(&channel))));
        let subscription = self.subscription(id);
        let current = lock(&self.activity).clone();
        let current = match current {
            Some(activity) => activity,
            None => self
                .store
                .read(|conn| db::resting_activity(conn, now_ms()))?,
        };
        channel.prime(current);
        Ok(subscription)
    }

    /// Reports changed (the caller has committed): tell the list listeners,
    /// with each report's state now, then refresh the counts.
    pub(crate) fn reports_changed(&self, changes: &[(&str, ReportChangeKind)]) {
        let channels = self.channels(|r| &r.reports);
        if !channels.is_empty() && !changes.is_empty() {
            let read = self.store.read(|conn| {
                changes
                    .iter()
                    .map(|(id, kind)| {
                        Ok(ReportChange {
                            report_id: (*id).to_owned(),
                            kind: *kind,
                            state: db::report_state(conn, id)?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()
            });
            match read {
                Ok(changes) => {
                    let update = ReportListUpdate {
                        initial: false,
                        changes,
                    };
                    for channel in channels {
                        channel.send(update.clone());
                    }
                }
                Err(error) => tracing::warn!(%error, "report changes not delivered"),
            }
        }
        self.counts_may_have_changed();
    }

    /// Recount and tell the count listeners if any number moved.
    pub(crate) fn counts_may_have_changed(&self) {
        let channels = self.channels(|r| &r.counts);
        if channels.is_empty() {
            return;
        }
        let counts = match self.store.read(|conn| db::badge_counts(conn, now_ms())) {
            Ok(counts) => counts,
            Err(error) => {
                tracing::warn!(%error, "badge counts not delivered");
                return;
            }
        };
        {
            let mut last = lock(&self.last_counts);
            if *last == Some(counts) {
                return;
            }
            *last = Some(counts);
        }
        for channel in channels {
            channel.send(counts);
        }
    }

    /// The sync moved to `activity`: tell its listeners if it differs.
    pub(crate) fn set_sync_activity(&self, activity: SyncActivity) {
        {
            let mut current = lock(&self.activity);
            if current.as_ref() == Some(&activity) {
                return;
            }
            *current = Some(activity.clone());
        }
        for channel in self.channels(|r| &r.activity) {
            channel.send(activity.clone());
        }
    }

    /// The sync's resting state changed outside a sync (sign-in, sign-out).
    pub(crate) fn sync_activity_may_have_changed(&self) {
        match self.store.read(|conn| db::resting_activity(conn, now_ms())) {
            Ok(activity) => self.set_sync_activity(activity),
            Err(error) => tracing::warn!(%error, "sync state not delivered"),
        }
    }

    fn register(&self, add: impl FnOnce(&mut Registry, u64)) -> u64 {
        let mut registry = lock(&self.registry);
        registry.next_id += 1;
        let id = registry.next_id;
        add(&mut registry, id);
        id
    }

    fn subscription(self: &Arc<Self>, id: u64) -> Subscription {
        Subscription {
            hub: Arc::downgrade(self),
            id,
        }
    }

    fn remove(&self, id: u64) {
        let mut registry = lock(&self.registry);
        remove_from(&mut registry.reports, id);
        remove_from(&mut registry.counts, id);
        remove_from(&mut registry.activity, id);
    }

    /// A copy of one list, so no lock is held while listeners run.
    fn channels<E>(
        &self,
        list: impl Fn(&Registry) -> &Vec<(u64, Arc<Channel<E>>)>,
    ) -> Vec<Arc<Channel<E>>> {
        list(&lock(&self.registry))
            .iter()
            .map(|(_, channel)| Arc::clone(channel))
            .collect()
    }
}

fn remove_from<E>(list: &mut Vec<(u64, Arc<Channel<E>>)>, id: u64) {
    list.retain(|(entry, channel)| {
        if *entry == id {
            channel.close();
        }
        *entry != id
    });
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
