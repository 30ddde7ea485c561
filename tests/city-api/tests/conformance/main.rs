//! Conformance of the reference city server over real HTTP on loopback
//! (docs/city-api.md): the standard's endpoints and shapes, every extension, and
//! bad input. One test binary; each test starts its own server on an ephemeral port
//! with its own temporary data directory.

mod bad_input;
mod binary;
mod common;
mod extensions;
mod idempotency;
mod profiles;
mod security;
mod sign_in;
mod standard;
