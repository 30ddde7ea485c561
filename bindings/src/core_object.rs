//! `IhanoiCore`: the object a shell opens at start-up and keeps for the app's life.

use std::sync::Arc;

use ihanoi_core::reports::{
    DraftField, Problem, Report, ReportDetails, ReportFilter, ReportPage, Warning,
};
use ihanoi_core::{Core, CoreConfig};

use crate::error::IhanoiError;
use crate::secrets::{ForeignSecretStore, SecretStore};

type Result<T> = std::result::Result<T, IhanoiError>;

#[derive(uniffi::Object)]
pub struct IhanoiCore {
    pub(crate) core: Core,
}

#[uniffi::export]
impl IhanoiCore {
    /// Open the core on the app's private data directory, creating and migrating
    /// the database as needed. `secrets` is the platform's secure store.
    #[uniffi::constructor]
    pub fn open(data_dir: String, secrets: Arc<dyn SecretStore>) -> Result<Arc<Self>> {
        let config = CoreConfig {
            data_dir: data_dir.into(),
        };
        let core = Core::open(config, Arc::new(ForeignSecretStore(secrets)))?;
        Ok(Arc::new(IhanoiCore { core }))
    }

    pub fn create_draft(&self) -> Result<Report> {
        Ok(self.core.create_draft()?)
    }

    /// Autosave one field; durable when it returns.
    pub fn update_draft(&self, id: String, field: DraftField) -> Result<Report> {
        Ok(self.core.update_draft(&id, field)?)
    }

    pub fn report(&self, id: String) -> Result<Report> {
        Ok(self.core.report(&id)?)
    }

    /// Newest first; pass the previous page's `next_cursor` for the next page.
    pub fn list_reports(
        &self,
        filter: ReportFilter,
        cursor: Option<String>,
        limit: u32,
    ) -> Result<ReportPage> {
        Ok(self.core.list_reports(filter, cursor.as_deref(), limit)?)
    }

    /// What still stops this report from being queued (empty when nothing).
    pub fn problems(&self, id: String) -> Result<Vec<Problem>> {
        Ok(self.core.problems(&id)?)
    }

    /// The report as its screen shows it: state and urgency in words, the
    /// category's and the unit's names, the city's reason when it needs
    /// attention, what blocks queueing and what to know before sending.
    pub fn report_details(&self, id: String) -> Result<ReportDetails> {
        Ok(self.core.report_details(&id)?)
    }

    /// The photos' review flags as warnings, for the form before sending
    /// (a photo older than 7 days, without capture time, edited).
    pub fn report_warnings(&self, id: String) -> Result<Vec<Warning>> {
        Ok(self.core.report_warnings(&id)?)
    }

    pub fn queue_report(&self, id: String) -> Result<Report> {
        Ok(self.core.queue_report(&id)?)
    }

    pub fn return_to_draft(&self, id: String) -> Result<Report> {
        Ok(self.core.return_to_draft(&id)?)
    }

    pub fn delete_draft(&self, id: String) -> Result<()> {
        Ok(self.core.delete_draft(&id)?)
    }

    /// Read a secret through the shell's store (lets the shells' tests prove the
    /// core reaches their implementation).
    pub fn has_access_token(&self) -> Result<bool> {
        Ok(self.core.has_access_token()?)
    }
}
