//! Everything the server keeps: one SQLite file (`city.sqlite3`) and a directory of
//! content-addressed photos (`media/`). Every write is one transaction.

pub mod accounts;
pub mod alerts;
pub mod counters;
pub mod db;
pub mod media;
pub mod requests;
pub mod strip;
pub mod updates;

pub use db::Db;
