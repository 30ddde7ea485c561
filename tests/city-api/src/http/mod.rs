//! HTTP plumbing shared by every endpoint: errors in the standard's shape, strict
//! body parsing, format suffixes, ETags, bearer and key checks, rate limits, and the
//! router that ties the routes together.

pub mod auth;
pub mod body;
pub mod client;
pub mod error;
pub mod etag;
pub mod format;
pub mod rate_limit;
pub mod reshape;
pub mod router;
pub mod serve;

pub use error::ApiError;
