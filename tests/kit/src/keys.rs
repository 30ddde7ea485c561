//! The keys `ihanoi_city_api::CityConfig::for_tests` accepts, and the phone
//! number the tests sign in with.

/// The app's Open311 `api_key`.
pub const API_KEY: &str = "test-app-key";
/// The `X-Official-Key` of the officials' endpoints.
pub const OFFICIAL_KEY: &str = "test-official-key";
/// The resident's phone number.
pub const PHONE: &str = "0912345678";
