//! [`Core`]: the one object a shell opens at start-up and keeps for the app's life.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::Result;
use crate::files::DataDir;
use crate::secrets::SecretStore;
use crate::store::{DATABASE_FILE_NAME, Store};

/// What a shell decides about where and how the core runs.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// The app's private data directory (Android `filesDir`, iOS Application
    /// Support). The database and photos live here; nothing is written elsewhere.
    pub data_dir: PathBuf,
}

pub struct Core {
    // Shared with the sync task on the core's runtime (crate::sync).
    pub(crate) store: Arc<Store>,
    pub(crate) files: DataDir,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) areas: crate::areas::AreaState,
    pub(crate) photos: crate::photos::Photos,
    pub(crate) sync: crate::net::SyncState,
    pub(crate) pull: crate::pull::PullState,
    /// The screens' listeners ([`crate::observers`]); shared with sync tasks.
    pub(crate) observers: Arc<crate::observers::Observers>,
}

impl Core {
    /// Open the core on a data directory, creating and migrating what is needed.
    pub fn open(config: CoreConfig, secrets: Arc<dyn SecretStore>) -> Result<Self> {
        let files = DataDir::create(&config.data_dir)?;
        let store = Arc::new(Store::open(&files.root().join(DATABASE_FILE_NAME))?);
        let core = Core {
            observers: Arc::new(crate::observers::Observers::new(Arc::clone(&store))),
            store,
            files,
            secrets,
            areas: Default::default(),
            photos: Default::default(),
            sync: Default::default(),
            pull: Default::default(),
        };
        core.sweep_orphan_files()?;
        Ok(core)
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self.files.root()
    }

    pub fn secret_store(&self) -> &Arc<dyn SecretStore> {
        &self.secrets
    }

    /// Remove report folders whose report no longer exists (left by a crash
    /// between deleting a row and its files), then stray files inside the folders
    /// that remain. Start-up cost follows the folders on disk (reports with
    /// photos), not the number of reports: one query, one directory listing.
    fn sweep_orphan_files(&self) -> Result<()> {
        let known: HashSet<String> = self
            .store
            .read(crate::reports::db::all_ids)?
            .into_iter()
            .collect();
        for id in self.files.remove_report_dirs_except(&known)? {
            self.sweep_stray_photo_files(&id)?;
            crate::pull::photos::sweep_temporaries(&self.files, &id)?;
            crate::pull::photos::sweep_temporaries_in(&crate::nearby::ops::nearby_dir(
                &self.files,
                &id,
            ))?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core")
            .field("data_dir", &self.files.root())
            .finish_non_exhaustive()
    }
}

impl Core {
    /// Whether a resident is signed in on this device (the token itself never
    /// leaves the secure store except to authenticate a request).
    pub fn has_access_token(&self) -> Result<bool> {
        Ok(self
            .secrets
            .get(crate::secrets::keys::ACCESS_TOKEN)?
            .is_some())
    }
}
