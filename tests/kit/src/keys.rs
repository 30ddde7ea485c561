//! The keys `ihanoi_city_api::CityConfig::for_tests` accepts (defined there),
//! and the phone number the tests sign in with.

/// The app's Open311 `api_key`.
pub use ihanoi_city_api::config::TEST_API_KEY as API_KEY;
/// The `X-Official-Key` of the officials' endpoints.
pub use ihanoi_city_api::config::TEST_OFFICIAL_KEY as OFFICIAL_KEY;
/// The resident's phone number.
pub const PHONE: &str = "0912345678";
