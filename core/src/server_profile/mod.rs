//! What the configured city server offers (docs/sync.md § Server profiles):
//! learned from `GET /discovery` and from the answers themselves, cached with
//! the server's URL, refreshed at each sync. Sync, pull and the server check
//! read it instead of assuming the full API.
//!
//! - [`model`]: [`ServerProfile`] and what each part means;
//! - [`learn`]: discovery, and notes from answers (a 404 is "not offered");
//! - [`contact`]: the standard's personal fields for servers without sign-in;
//! - [`db`]: the cache; [`ops`]: what the shells call.

pub mod contact;
pub mod db;
pub mod learn;
pub mod model;
pub mod ops;

pub use contact::ResidentContact;
pub use model::{Capability, Offer, ServerProfile};
