//! Others' reports nearby: the city's open reports of a draft's category
//! within 50 m of its position, for the review step before queueing. Async
//! on the core's runtime, stopped through a [`TaskHandle`]; thumbnails cross
//! as file paths. Never a blocker for queueing.

use std::sync::Arc;

use ihanoi_core::nearby::NearbyCityReports;

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;
use crate::tasks::TaskHandle;

type Result<T> = std::result::Result<T, IhanoiError>;

#[uniffi::export]
impl IhanoiCore {
    /// The last answer kept for the draft (offline, instant), while it is
    /// still for the draft's category and place; `null` before any search.
    /// Marked `source = Cached` with its age in `freshness`. The review
    /// screen shows it at once, then calls `nearby_city_reports`. The
    /// review's `warnings` already carry `similar_reports_nearby` from it.
    pub fn cached_nearby_city_reports(
        &self,
        report_id: String,
    ) -> Result<Option<NearbyCityReports>> {
        Ok(self.core.cached_nearby_city_reports(&report_id)?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl IhanoiCore {
    /// The city's open reports of the draft's category within 50 m, nearest
    /// first, never the resident's own: status (vi/en), distance, excerpt,
    /// address, filing time, thumbnail paths. Asked of the city (`Live`);
    /// when it cannot be reached, the last answer for this draft and place
    /// (`Cached`, with `freshness`); a server without search: `NotOffered`.
    /// Errors: `NotReady` (no category), `NoLocation`, `NotConfigured`,
    /// `Network` (unreachable with no kept answer, or a broken answer: the
    /// kept one is untouched), `Cancelled`. Not a blocker for queueing.
    pub async fn nearby_city_reports(
        &self,
        report_id: String,
        task: Arc<TaskHandle>,
    ) -> Result<NearbyCityReports> {
        Ok(self
            .core
            .nearby_city_reports(&report_id, task.token())
            .await?)
    }
}
