//! What the city offers: categories (Open311 services) with their attributes, and
//! the administrative units reports are routed to.

pub mod areas;
pub mod attributes;
pub mod forms;
pub mod services;
