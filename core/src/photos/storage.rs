//! Photo files on disk: named by the SHA-256 of their content, written
//! atomically (temporary name, fsync, rename, fsync of the folder), so a kill at
//! any moment leaves either the whole file or only a temporary that the next
//! start sweeps away.

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Suffix of files being written; anything with it is garbage after a restart.
pub const TEMP_SUFFIX: &str = ".partial";
pub const PHOTO_EXTENSION: &str = "jpg";

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// Write `bytes` into `dir` as `<sha256>.jpg`, atomically. Returns the file
/// name and the hash. Writing content that is already there is a no-op.
pub fn write_content_addressed(dir: &Path, bytes: &[u8]) -> Result<(String, String)> {
    crate::files::create_private_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let hash = sha256_hex(bytes);
    let name = format!("{hash}.{PHOTO_EXTENSION}");
    let path = dir.join(&name);
    if path.is_file() {
        return Ok((name, hash));
    }
    let temp = dir.join(format!(
        ".{hash}.{}{TEMP_SUFFIX}",
        uuid::Uuid::now_v7().simple()
    ));
    let written = write_and_sync(&temp, bytes).and_then(|()| {
        fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))?;
        sync_dir(dir)
    });
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written.map(|()| (name, hash))
}

fn write_and_sync(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = crate::files::create_private_file(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.sync_all().map_err(|e| Error::io(path, e))
}

/// Make a rename durable: the folder's entry must reach flash too.
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))?;
    Ok(())
}

pub fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Every file in `dir` (a report's folder) that is neither named in `keep` nor
/// being written right now: temporaries left by a kill, files written by an
/// attach that died before its commit.
pub fn stray_files(dir: &Path, keep: &[String]) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut stray = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if entry.file_type().is_ok_and(|t| t.is_file()) && !keep.iter().any(|k| k == name) {
            stray.push(entry.path());
        }
    }
    Ok(stray)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_their_hash_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let (name, hash) = write_content_addressed(dir.path(), b"abc").unwrap();
        assert_eq!(
            hash,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(name, format!("{hash}.jpg"));
        assert_eq!(fs::read(dir.path().join(&name)).unwrap(), b"abc");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // Same content again: same name, still one file.
        assert_eq!(write_content_addressed(dir.path(), b"abc").unwrap().0, name);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
