//! The layout of the core's data directory. Every path the core writes is made
//! here, from validated ids, so no input can point a write outside it.
//!
//! ```text
//! <data_dir>/ihanoi.sqlite3          the store (plus -wal, -shm)
//! <data_dir>/reports/<report id>/    files that belong to one report (photos, thumbnails)
//! ```

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

const REPORTS_DIR: &str = "reports";

/// Create `dir` and its missing parents readable only by the user (0700 on
/// unix): the store, settings and photos are the resident's, and desktop
/// machines are shared. The mode is given at creation, so a umask can only
/// take more away.
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir)
}

/// Create a new file (failing if it exists) readable only by the user (0600
/// on unix), whatever the umask.
pub fn create_private_file(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Take group and other access away from an existing file or folder (one an
/// earlier version created under a 022 umask). Nothing to do elsewhere.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Create the layout under `root`. Folders it creates are private; an
    /// existing `root` keeps its mode (it may be a folder the user chose),
    /// its `reports` folder is made private.
    pub fn create(root: &Path) -> Result<Self> {
        let reports = root.join(REPORTS_DIR);
        create_private_dir_all(&reports).map_err(|e| Error::io(&reports, e))?;
        make_private(&reports).map_err(|e| Error::io(&reports, e))?;
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        Ok(DataDir { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one report. `id` must be a validated report id.
    pub fn report_dir(&self, id: &str) -> PathBuf {
        debug_assert!(uuid::Uuid::parse_str(id).is_ok());
        self.root.join(REPORTS_DIR).join(id)
    }

    pub fn remove_report_dir(&self, id: &str) -> Result<()> {
        let dir = self.report_dir(id);
        match fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(dir, e)),
        }
    }

    /// Whether new photos can be written: a probe file is created, written,
    /// synced and removed in the reports folder (the device check). The error
    /// is the OS's, e.g. a read-only or full volume, or a file where the
    /// folder should be.
    pub fn check_writable(&self) -> std::io::Result<()> {
        let reports = self.root.join(REPORTS_DIR);
        let probe = reports.join(format!(".write-check-{}", uuid::Uuid::now_v7()));
        let written = (|| {
            use std::io::Write;
            let mut file = fs::File::create_new(&probe)?;
            file.write_all(b"ihanoi")?;
            file.sync_all()
        })();
        let removed = match fs::remove_file(&probe) {
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            other => other,
        };
        written.and(removed)
    }

    /// Remove every report folder not named in `keep`; return the ids of the
    /// folders kept (only reports with files have one).
    pub fn remove_report_dirs_except(&self, keep: &HashSet<String>) -> Result<Vec<String>> {
        let reports = self.root.join(REPORTS_DIR);
        let entries = fs::read_dir(&reports).map_err(|e| Error::io(&reports, e))?;
        let mut kept = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&reports, e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if uuid::Uuid::parse_str(name).is_err() {
                continue;
            }
            if keep.contains(name) {
                kept.push(name.to_owned());
            } else {
                self.remove_report_dir(name)?;
            }
        }
        Ok(kept)
    }
}
