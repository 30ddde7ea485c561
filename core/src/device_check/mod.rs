//! The device check: one list that tells a community install team what is
//! wrong with this phone, and what to do about it, in Vietnamese and English.
//!
//! - [`facts`]: what only the shell can see (permissions, location services,
//!   camera, network, free storage, OS version), passed in;
//! - [`model`]: the checks' codes, statuses and the report the screens show;
//! - [`thresholds`]: every limit a check compares against, with why;
//! - [`phone`]: the checks over the shell's facts;
//! - [`server`]: the city server reachable and compatible, and the clock
//!   against its `Date` (network, on the core's runtime, bounded in time);
//! - [`local`]: the store's integrity, the outbox, sign-in, the age of the
//!   categories and ward data, the photo folder;
//! - [`ops`]: [`crate::Core::device_check`], what the shells call.
//!
//! Nothing here changes the resident's data: the only write is a probe file
//! created and removed in the photo folder.

pub mod facts;
pub mod local;
pub mod model;
pub mod ops;
pub mod phone;
pub mod server;
pub mod thresholds;

pub use facts::{DeviceFacts, NetworkFact, OsFact, PermissionState, Platform};
pub use model::{CheckCode, CheckStatus, DeviceCheck, DeviceCheckReport};
