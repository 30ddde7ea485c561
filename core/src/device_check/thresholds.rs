//! Every limit the device check compares against, with the reason for it.

use std::time::Duration;

/// The whole server check (discovery, then the app-key probe) must answer
/// within this, whatever the transport's own timeouts: an install team
/// standing in a resident's kitchen waits seconds, not the 10 s connect
/// timeout plus a body deadline of the sync. A dead server reads as "not
/// reachable" after this long.
pub const SERVER_CHECK_TIMEOUT: Duration = Duration::from_secs(6);

/// Clock skew from which the check warns. The photo review compares a
/// photo's time with the phone's clock, and the city's deadlines and the
/// timeline are shown against it: a few minutes already confuse "sent at"
/// times, but nothing breaks yet.
pub const CLOCK_SKEW_WARN: Duration = Duration::from_secs(5 * 60);

/// Clock skew from which the check fails. Past half an hour the resident's
/// "sent at" and the city's answers appear out of order, sign-in codes
/// (5 minutes) look expired or not yet valid, and far beyond it TLS
/// certificates are judged not yet valid or expired, which stops all sending.
pub const CLOCK_SKEW_FAIL: Duration = Duration::from_secs(30 * 60);

/// Below this free space the check fails: a camera original is up to about
/// 20 MB (48 MP phones), the compressed copy and SQLite's WAL need room
/// beside it, and Android starts refusing writes near its own low-storage
/// mark (a few hundred MB on small phones).
pub const FREE_STORAGE_FAIL_BYTES: u64 = 200 * 1024 * 1024;

/// Below this free space the check warns: room for a few dozen photos only,
/// and OS updates fill the rest quickly.
pub const FREE_STORAGE_WARN_BYTES: u64 = 1024 * 1024 * 1024;

/// A queued report whose sending failed this many times in a row is
/// "stuck": the outbox retries for ever with backoff (30 s doubling to 1 h),
/// so three failures are about 3.5 minutes of trying, never a single blip.
pub const STUCK_AFTER_ATTEMPTS: u32 = 3;

/// Categories and ward data older than this are reported as stale. The city
/// changes categories rarely and wards only by decree; a month without a
/// successful refresh means the phone has not synced for a month, which is
/// worth finding out while the install team is there.
pub const STALE_DATA_AFTER: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// The oldest Android the app supports (major version): Android 7.0, API 24,
/// the shell's `minSdk` (README, "Android app"). The core brings its own TLS
/// stack and root certificates (rustls + webpki roots), so the phone's
/// out-of-date trust store on old releases does not matter to it.
/// Keep in step with `android/app/build.gradle.kts`.
pub const ANDROID_MIN_MAJOR: u32 = 7;

/// The oldest iOS the app supports (major version): the Swift bindings use
/// async/await and the screens SwiftUI APIs from iOS 15. Keep in step with the
/// iOS shell's deployment target.
pub const IOS_MIN_MAJOR: u32 = 15;
