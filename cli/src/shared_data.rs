//! Where the project's shared test data lives (real ward boundaries, photos):
//! `$IHANOI_SHARED`, else `../shared` beside the repository this binary was
//! built from, else a `shared/` folder beside one of the binary's parent
//! folders. Never copied into the repository (see README).

use std::path::PathBuf;

pub fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("IHANOI_SHARED") {
        return Some(PathBuf::from(dir));
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut candidates = vec![repo.join("../shared")];
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).map(|a| a.join("shared")));
    }
    candidates.into_iter().find(|dir| dir.join("geo").is_dir())
}

/// The 2025 ward boundaries, when the shared data is present.
pub fn wards_geojson() -> Option<PathBuf> {
    let path = shared_dir()?.join("geo/hanoi_wards_2025.geojson");
    path.is_file().then_some(path)
}

/// The pre-reform names table (old ward → new unit), when present.
pub fn former_names_csv() -> Option<PathBuf> {
    let path = shared_dir()?.join("geo/hanoi_old_to_new.csv");
    path.is_file().then_some(path)
}
