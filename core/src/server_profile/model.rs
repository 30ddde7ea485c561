//! What one city server offers, as far as the app has learned it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Whether the server offers something optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    /// Advertised in discovery, or answered.
    Offered,
    /// Not advertised where the server advertises what it has, or answered
    /// 404: not asked again until the profile is learned anew.
    NotOffered,
    /// Nothing says either way (a server without discovery extensions): the
    /// app tries and remembers the answer.
    Unknown,
}

impl Offer {
    pub fn usable(self) -> bool {
        self != Offer::NotOffered
    }
}

/// The part of the API a profile records; what a pull or sync notes as "not
/// offered" when the server answers 404 there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Capability {
    SignIn,
    Updates,
    Alerts,
    Areas,
    Uploads,
    /// `lat`/`long`/`radius` on `GET /requests` (reports nearby).
    NearSearch,
}

/// What the server offers: learned from `GET /discovery` and then from its
/// answers, cached with its URL, refreshed at each sync. Nothing is decided
/// per server elsewhere: sync, pull and the server check read this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ServerProfile {
    pub base_url: String,
    /// `GET /discovery` answered with JSON.
    pub discovery: bool,
    /// The resident sign-in extension (OTP): reports go out under the
    /// resident's session. Without it they carry the standard's personal fields.
    pub sign_in: Offer,
    /// `client_request_id`: a resend is recognised by the server.
    pub idempotency: bool,
    pub updates: Offer,
    pub alerts: Offer,
    pub areas: Offer,
    pub etag: bool,
    /// `detailed_status` values beyond open/closed.
    pub detailed_status: bool,
    /// `attribute[CODE]` codes of the app's report attributes the server
    /// defines; none are sent otherwise.
    pub report_attributes: Vec<String>,
    /// Photo uploads in the report's multipart body.
    pub uploads: Offer,
    /// The multipart part name photos go in (`media[]` or `media`).
    pub media_field: String,
    /// The server wrote a `service_request_id` as a JSON number.
    pub numeric_ids: bool,
    /// The server wrote an error as one `{"code", "detail"}` object.
    pub object_errors: bool,
    pub learned_at_ms: i64,
    /// A digest of the discovery document this profile was learned from
    /// (empty without discovery): an endpoint found missing is asked again
    /// as soon as discovery changes.
    #[serde(default)]
    pub discovery_digest: String,
    /// `GET /requests` filters by `lat`, `long` and `radius` (discovery's
    /// `near_search`; GeoReport v2 does not define them, many servers take
    /// them). Unknown: tried, and a 400 makes it "not offered". Whatever the
    /// server does, reports nearby are measured again on the phone.
    #[serde(default = "unknown")]
    pub near_search: Offer,
    /// When an answer last showed an optional endpoint missing (0: never).
    /// Such a finding is trusted for [`RECHECK_MISSING_AFTER_MS`], then the
    /// endpoint is tried again.
    #[serde(default)]
    pub missing_noted_at_ms: i64,
}

/// How long an optional endpoint that answered 404/400/501 stays "not
/// offered" while discovery stays the same: a day, so a server that gains it
/// is noticed without asking at every sync.
pub const RECHECK_MISSING_AFTER_MS: i64 = 24 * 60 * 60 * 1000;

/// The part name GeoReport v2 servers with uploads most often read.
pub const DEFAULT_MEDIA_FIELD: &str = "media[]";

/// What a profile cached before `near_search` existed knows of it.
fn unknown() -> Offer {
    Offer::Unknown
}

impl ServerProfile {
    /// What the app assumes of a server it could not ask yet: the full API
    /// it was built for (the first answers correct it).
    pub fn assumed(base_url: &str) -> ServerProfile {
        ServerProfile {
            base_url: base_url.to_owned(),
            discovery: false,
            sign_in: Offer::Offered,
            idempotency: true,
            updates: Offer::Offered,
            alerts: Offer::Offered,
            areas: Offer::Offered,
            etag: true,
            detailed_status: true,
            report_attributes: vec![
                "urgency".into(),
                "location_accuracy_m".into(),
                "location_source".into(),
                "pin_adjusted".into(),
                "photo_taken_at".into(),
            ],
            uploads: Offer::Offered,
            media_field: DEFAULT_MEDIA_FIELD.into(),
            numeric_ids: false,
            object_errors: false,
            learned_at_ms: 0,
            discovery_digest: String::new(),
            near_search: Offer::Offered,
            missing_noted_at_ms: 0,
        }
    }

    /// A server without discovery, or whose discovery lists no extensions:
    /// plain GeoReport v2. Updates and uploads are common without being
    /// advertised, so they are tried; the app's own extensions are not.
    pub fn plain(base_url: &str, discovery: bool, now_ms: i64) -> ServerProfile {
        ServerProfile {
            base_url: base_url.to_owned(),
            discovery,
            sign_in: Offer::NotOffered,
            idempotency: false,
            updates: Offer::Unknown,
            alerts: Offer::NotOffered,
            areas: Offer::NotOffered,
            etag: false,
            detailed_status: false,
            report_attributes: Vec::new(),
            uploads: Offer::Unknown,
            media_field: DEFAULT_MEDIA_FIELD.into(),
            numeric_ids: false,
            object_errors: false,
            learned_at_ms: now_ms,
            discovery_digest: String::new(),
            near_search: Offer::Unknown,
            missing_noted_at_ms: 0,
        }
    }

    /// The profile a discovery document describes.
    pub fn from_discovery(base_url: &str, discovery: &Value, now_ms: i64) -> ServerProfile {
        let mut profile = ServerProfile::plain(base_url, true, now_ms);
        let Some(extensions) = discovery.get("extensions").and_then(Value::as_object) else {
            return profile;
        };
        let offered = |name: &str| {
            if extensions.contains_key(name) {
                Offer::Offered
            } else {
                Offer::NotOffered
            }
        };
        profile.sign_in = offered("resident_sign_in");
        profile.idempotency = extensions.contains_key("client_request_id");
        profile.updates = offered("request_updates");
        profile.alerts = offered("alerts");
        profile.areas = offered("areas");
        profile.etag = extensions.contains_key("etag");
        profile.detailed_status = extensions.contains_key("detailed_status");
        profile.report_attributes = extensions
            .get("report_attributes")
            .and_then(|a| a.get("codes"))
            .and_then(Value::as_array)
            .map(|codes| {
                codes
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        profile.uploads = offered("media_multipart");
        // Not advertising it says little: the filter is common without any
        // extension, so it stays "unknown" (tried) unless advertised.
        if extensions.contains_key("near_search") {
            profile.near_search = Offer::Offered;
        }
        if let Some(field) = extensions
            .get("media_multipart")
            .and_then(|m| m.get("field"))
            .and_then(Value::as_str)
            .filter(|f| matches!(*f, "media" | "media[]"))
        {
            profile.media_field = field.to_owned();
        }
        profile
    }

    /// Whether `capability` is worth asking for.
    pub fn offers(&self, capability: Capability) -> Offer {
        match capability {
            Capability::SignIn => self.sign_in,
            Capability::Updates => self.updates,
            Capability::Alerts => self.alerts,
            Capability::Areas => self.areas,
            Capability::Uploads => self.uploads,
            Capability::NearSearch => self.near_search,
        }
    }

    /// The server answered 404 where `capability` lives.
    pub fn not_offered(&mut self, capability: Capability) {
        let slot = match capability {
            Capability::SignIn => &mut self.sign_in,
            Capability::Updates => &mut self.updates,
            Capability::Alerts => &mut self.alerts,
            Capability::Areas => &mut self.areas,
            Capability::Uploads => &mut self.uploads,
            Capability::NearSearch => &mut self.near_search,
        };
        *slot = Offer::NotOffered;
    }

    /// Whether report attribute `code` may be sent.
    pub fn defines_attribute(&self, code: &str) -> bool {
        self.report_attributes.iter().any(|c| c == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn discovery_says_what_is_offered() {
        let full = json!({"extensions": {
            "media_multipart": {"field": "media"}, "client_request_id": {},
            "resident_sign_in": {}, "request_updates": {},
            "report_attributes": {"codes": ["urgency"]},
        }});
        let p = ServerProfile::from_discovery("https://x", &full, 5);
        assert_eq!(p.sign_in, Offer::Offered);
        assert!(p.idempotency);
        assert_eq!(p.media_field, "media");
        assert_eq!(p.alerts, Offer::NotOffered);
        assert!(p.defines_attribute("urgency") && !p.defines_attribute("pin_adjusted"));

        let plain = ServerProfile::from_discovery("https://x", &json!({"endpoints": []}), 5);
        assert_eq!(plain, ServerProfile::plain("https://x", true, 5));
        assert_eq!(plain.sign_in, Offer::NotOffered);
        assert_eq!(plain.updates, Offer::Unknown);
        assert!(!plain.idempotency && plain.report_attributes.is_empty());
    }
}
