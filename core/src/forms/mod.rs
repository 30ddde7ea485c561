//! Service definitions as forms. A service the city lists with
//! `metadata: true` has a definition (`GET /services/{code}`) whose
//! attributes are questions the resident answers in the draft: the pull
//! caches the definitions with the categories, so drafts work offline; the
//! draft keeps the answers (autosaved); readiness checks them against the
//! definitions current at the time (a draft written before they changed is
//! checked again, its answers kept); the outbox sends `attribute[CODE]` (or
//! `attribute[CODE][]` for a multi-valued list) only for codes the service
//! defines.
//!
//! - [`model`]: the attributes and the answers, and how a definition is read;
//! - [`check`]: the readiness problems an answer (or its absence) makes;
//! - [`db`]: the cache of definitions and a draft's answers; [`ops`]: what the shells call.
//!
//! The codes of the app's own report-attribute extension (urgency, location
//! accuracy, …) are filled in by the core and never shown as questions.

pub mod check;
pub mod db;
pub mod model;
pub mod ops;

pub use model::{AttributeChoice, AttributeType, AttributeValue, ServiceAttribute};
