//! The test data beside the repository: real photos and the real ward
//! boundaries. Never copied into the repository.

use std::path::PathBuf;

/// `$IHANOI_SHARED`, else `<repo>/../shared` (never an absolute /work path:
/// CI clones elsewhere).
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("IHANOI_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

/// A test photo by file name (`shared/photos/NAME`).
pub fn shared_photo(name: &str) -> PathBuf {
    shared_dir().join("photos").join(name)
}

/// The 126 wards and communes of 2025 (GeoJSON).
pub fn wards_geojson() -> PathBuf {
    shared_dir().join("geo/hanoi_wards_2025.geojson")
}
