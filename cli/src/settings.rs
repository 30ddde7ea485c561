//! The shell's own settings, like a phone app's preferences: which city server
//! and api_key to use. Kept beside the core's data (not secret: the api_key
//! identifies the app, not the resident). Tokens never go here.

use std::path::{Path, PathBuf};

use ihanoi_core::net::CityConfig;
use serde::{Deserialize, Serialize};

use crate::args::Global;
use crate::error::{CliError, CliResult};

const FILE_NAME: &str = "cli-settings.json";

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub server: Option<String>,
    pub api_key: Option<String>,
}

impl Settings {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE_NAME)
    }

    pub fn load(data_dir: &Path) -> CliResult<Settings> {
        let path = Self::path(data_dir);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                CliError::file(
                    &path,
                    std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(CliError::file(path, e)),
        }
    }

    fn save(&self, data_dir: &Path) -> CliResult<()> {
        let path = Self::path(data_dir);
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_vec_pretty(self).expect("settings serialise");
        // Private like the store: the server and app key are the user's.
        crate::secrets::write_private(&tmp, &text).map_err(|e| CliError::file(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| CliError::file(&path, e))
    }

    /// The server and key from the command line (or environment), falling back
    /// to what was remembered; what was given is remembered for next time.
    pub fn resolve(global: &Global, data_dir: &Path) -> CliResult<Settings> {
        let saved = Settings::load(data_dir)?;
        let given = Settings {
            server: global.server.clone().or(saved.server.clone()),
            api_key: global.api_key.clone().or(saved.api_key.clone()),
        };
        if given != saved {
            given.save(data_dir)?;
        }
        Ok(given)
    }

    pub fn city_config(&self) -> CliResult<CityConfig> {
        let base_url = self.server.clone().ok_or(CliError::NoServer)?;
        let api_key = self.api_key.clone().ok_or(CliError::NoApiKey)?;
        Ok(CityConfig {
            base_url,
            api_key,
            extra_roots_pem: None,
        })
    }
}
