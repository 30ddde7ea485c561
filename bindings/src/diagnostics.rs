//! Self-checks the shells' test suites run against the real library, and what
//! the library is made of (version, the licences of the data it ships).

use ihanoi_core::licences::DataLicence;

/// Panics inside Rust with `message`. The shells' tests call it to prove that a
/// panic in the core reaches Kotlin and Swift as an exception instead of
/// aborting the app (release builds keep `panic = "unwind"` for this).
///
/// It returns a `Result` although it never returns an error: uniffi's Swift calls
/// a non-throwing export with `try!`, so a panic there would trap and kill the
/// app. Declared fallible, Swift gets a `throws` function and the panic arrives
/// as a thrown error (Kotlin throws either way).
#[uniffi::export]
pub fn diagnostics_panic(message: String) -> Result<(), crate::error::IhanoiError> {
    panic!("{message}");
}

/// The version of the core library, for bug reports and the about screen.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Third-party data the library ships, with its licence: the apps' About
/// screen lists these (the ward boundaries and the old-name table are MIT).
#[uniffi::export]
pub fn data_licences() -> Vec<DataLicence> {
    ihanoi_core::licences::data_licences()
}
