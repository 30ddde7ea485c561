//! What the shells call: the profile of the configured server, and the
//! resident's contact fields.

use crate::app::Core;
use crate::error::Result;
use crate::net::SyncError;
use crate::net::runtime::runtime;
use crate::server_profile::contact::ResidentContact;
use crate::server_profile::model::ServerProfile;
use crate::server_profile::{db, learn};

impl Core {
    /// What the configured server is known to offer (the full API is assumed
    /// until it has been asked).
    pub fn server_profile(&self) -> Result<ServerProfile> {
        let city = self.sync.city()?;
        learn::cached(&self.store, &city)
    }

    /// Ask the server again (sync does this by itself).
    pub async fn refresh_server_profile(&self) -> Result<ServerProfile> {
        let city = self.sync.city()?;
        let store = self.store.clone();
        let task = async move { learn::refresh(&store, &city).await };
        match runtime().map_err(SyncError::from)?.spawn(task).await {
            Ok(Ok(profile)) => Ok(profile),
            Ok(Err((_, error))) => Err(SyncError::Transport(error).into()),
            Err(join) => Err(SyncError::Local {
                detail: join.to_string(),
            }
            .into()),
        }
    }

    /// The standard's personal fields sent to a server without sign-in.
    pub fn resident_contact(&self) -> Result<ResidentContact> {
        self.store.read(db::contact)
    }

    /// Set them (each optional; blank clears one).
    pub fn set_resident_contact(&self, contact: ResidentContact) -> Result<()> {
        let contact = contact.normalized()?;
        self.store.write(|tx| db::set_contact(tx, &contact))
    }
}
