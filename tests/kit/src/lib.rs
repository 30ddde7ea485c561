//! The one test kit of the Rust tests (core, CLI, reference server): use it
//! instead of writing another copy.
//!
//! - [`shared`]: the test data beside the repository (`$IHANOI_SHARED`);
//! - [`keys`]: the development keys the reference server accepts in tests;
//! - [`phone`]: a core on a temp dir, the app's settings for a city;
//! - [`images`]: image headers declaring huge images (bomb tests);
//! - [`city`]: the reference city server in process, and the officials' calls
//!   a ward makes on it;
//! - [`servers`]: hand-written loopback servers (one that never answers).

pub mod city;
pub mod images;
pub mod keys;
pub mod phone;
pub mod servers;
pub mod shared;

pub use city::TestCity;
pub use keys::{API_KEY, OFFICIAL_KEY, PHONE};
pub use phone::{city_config, http_client, open_core, open_core_with_photos};
pub use shared::{shared_dir, shared_photo, wards_geojson};
