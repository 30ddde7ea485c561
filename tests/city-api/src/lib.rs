//! Reference server of the iHaNoi city API (`docs/city-api.md`): Open311 GeoReport v2
//! in JSON plus the documented extensions. It stands in for the city in tests, the
//! demo and development; the city runs its own server behind the same contract.
//!
//! One folder per concept:
//! - [`http`]: request parsing (strict UTF-8 forms, multipart), errors in the
//!   standard's array shape, format suffixes, ETags, rate limits, the router;
//! - [`routes`]: one module per endpoint family (standard, extensions, officials);
//! - [`store`]: the SQLite file (schema, reports, updates, accounts, alerts) and the
//!   content-addressed photo directory;
//! - [`catalog`]: categories (Open311 services) and their attributes; the areas;
//! - [`profile`]: switches that make it behave like servers in the wild;
//! - [`time`]: W3C date-times and the city's working-time calendar for deadlines.
//!
//! [`CityServer::start`] runs it in-process on a loopback port (tests, the CLI demo);
//! `src/main.rs` is the stand-alone binary.

pub mod catalog;
pub mod config;
pub mod http;
pub mod profile;
pub mod routes;
pub mod server;
pub mod sms;
pub mod store;
pub mod time;
pub mod workflow;

pub use crate::config::{CityConfig, Clock, Limits, ManualClock, Official, SmsConfig};
pub use crate::profile::Profile;
pub use crate::server::{CityServer, StartError};
