//! Capability probes: each works on its own, without a signed-in account or a
//! city server (except the server check, which only needs the server).

pub mod areas;
pub mod check_server;
pub mod check_write;
pub mod photo;
