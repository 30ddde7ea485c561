//! Which files the core may read. A shell hands over a path; the core reads it
//! only if it lies (after resolving symlinks and `..`) inside the data
//! directory or one of the folders the shell declared with
//! [`Core::set_photo_input_dirs`](crate::Core::set_photo_input_dirs) — on
//! Android the app's cache folder where the camera intent writes, on iOS the
//! temporary folder where the picker copies. Nothing else on the device can be
//! read through the core, whatever path a bug or a hostile intent passes.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use crate::error::{Error, Result};
use crate::photos::error::PhotoError;
use crate::photos::limits::MAX_FILE_BYTES;

#[derive(Debug, Default)]
pub struct InputDirs {
    dirs: RwLock<Vec<PathBuf>>,
}

impl InputDirs {
    /// Replace the declared folders. Each must exist (it is resolved now, once).
    pub fn set(&self, dirs: &[PathBuf]) -> Result<()> {
        let mut resolved = Vec::with_capacity(dirs.len());
        for dir in dirs {
            resolved.push(dir.canonicalize().map_err(|e| Error::io(dir, e))?);
        }
        *self.dirs.write().unwrap_or_else(|p| p.into_inner()) = resolved;
        Ok(())
    }

    fn allows(&self, data_dir: &Path, path: &Path) -> bool {
        path.starts_with(data_dir)
            || self
                .dirs
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
                .any(|dir| path.starts_with(dir))
    }

    /// Read the photo at `path`, refusing what is not allowed, not a regular
    /// file, empty or too big — before reading a byte of it.
    pub fn read_photo(&self, data_dir: &Path, path: &Path) -> Result<Vec<u8>> {
        let resolved = match path.canonicalize() {
            Ok(resolved) => resolved,
            Err(e) if e.kind() == ErrorKind::NotFound => return Err(PhotoError::NotFound.into()),
            Err(e) => return Err(Error::io(path, e)),
        };
        if !self.allows(data_dir, &resolved) {
            return Err(PhotoError::OutsideReadableDirs.into());
        }
        let metadata = resolved.metadata().map_err(|e| Error::io(&resolved, e))?;
        if !metadata.is_file() {
            return Err(PhotoError::NotAFile.into());
        }
        check_size(metadata.len())?;
        let file = File::open(&resolved).map_err(|e| Error::io(&resolved, e))?;
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        // The file may grow between the check and the read: never read past the limit.
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(&resolved, e))?;
        check_size(bytes.len() as u64)?;
        Ok(bytes)
    }
}

fn check_size(len: u64) -> std::result::Result<(), PhotoError> {
    if len == 0 {
        Err(PhotoError::Empty)
    } else if len > MAX_FILE_BYTES {
        Err(PhotoError::FileTooLarge {
            bytes: len,
            max: MAX_FILE_BYTES,
        })
    } else {
        Ok(())
    }
}
