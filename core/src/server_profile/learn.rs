//! Learning the profile: discovery first, then what the answers show.

use crate::net::city::City;
use crate::net::transport::TransportError;
use crate::server_profile::db;
use crate::server_profile::model::{Capability, Offer, RECHECK_MISSING_AFTER_MS, ServerProfile};
use crate::store::Store;

pub const DISCOVERY_PATH: &str = "discovery.json";
/// Discovery is a few kilobytes; anything near this is not the city's.
const DISCOVERY_LIMIT: u64 = 256 * 1024;

/// What an answer can show missing (a 404/400/501 where it lives).
const ANSWER_LEARNED: [Capability; 5] = [
    Capability::Updates,
    Capability::Alerts,
    Capability::Areas,
    Capability::Uploads,
    Capability::NearSearch,
];

fn digest(body: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(body)
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether an answer with `status` says an optional endpoint is not there:
/// missing (404, 410), not implemented (501, 405), or refused as a request
/// the server does not understand (400).
pub(crate) fn says_not_offered(status: u16) -> bool {
    matches!(status, 400 | 404 | 405 | 410 | 501)
}

/// An answer showed `capability` missing: remember it with the cached
/// profile, so the next syncs do not ask again (until discovery changes or
/// a day has passed).
pub(crate) fn note_not_offered(store: &Store, city: &City, capability: Capability) {
    let noted = cached(store, city).and_then(|mut profile| {
        profile.not_offered(capability);
        profile.missing_noted_at_ms = city.clock.now_ms();
        store.write(|tx| db::save(tx, &profile))
    });
    if let Err(error) = noted {
        tracing::warn!(%error, "a missing endpoint was not noted in the server profile");
    }
}

/// The URL a profile is cached under.
pub(crate) fn key_of(city: &City) -> String {
    city.transport.endpoint().base().as_str().to_owned()
}

/// The cached profile of this server, or what the app assumes before it has
/// asked (the full API).
pub(crate) fn cached(store: &Store, city: &City) -> crate::Result<ServerProfile> {
    let key = key_of(city);
    Ok(store
        .read(|c| db::load(c, &key))?
        .unwrap_or_else(|| ServerProfile::assumed(&key)))
}

/// Ask `GET /discovery` and store what it says. A server without discovery
/// (404 and the like) is plain GeoReport v2. When the server cannot be
/// reached or answers something else (5xx, a portal's page, broken JSON), the
/// cached profile stays and is returned with the error.
pub(crate) async fn refresh(
    store: &Store,
    city: &City,
) -> Result<ServerProfile, (ServerProfile, TransportError)> {
    let key = key_of(city);
    let previous = cached(store, city).map_err(|e| {
        (
            ServerProfile::assumed(&key),
            TransportError::ConnectionLost {
                detail: e.to_string(),
            },
        )
    })?;
    let answer = match city
        .transport
        .get(DISCOVERY_PATH, &[], None, DISCOVERY_LIMIT)
        .await
    {
        Ok(answer) => answer,
        Err(error) => return Err((previous, error)),
    };
    let now = city.clock.now_ms();
    let mut learned = if answer.is_success() && answer.is_json() {
        match serde_json::from_slice::<serde_json::Value>(&answer.body) {
            Ok(document) => {
                let mut profile = ServerProfile::from_discovery(&key, &document, now);
                profile.discovery_digest = digest(&answer.body);
                profile
            }
            // A broken answer teaches nothing (a proxy's error, a cut body).
            Err(error) => {
                let error = TransportError::InvalidJson {
                    status: answer.status,
                    detail: error.to_string(),
                };
                return Err((previous, error));
            }
        }
    } else if says_not_offered(answer.status) {
        ServerProfile::plain(&key, false, now)
    } else {
        // 5xx, 401/403, a portal's page: nothing learned this time.
        return Err((previous, answer.into_error()));
    };
    // What answers taught stays until discovery says otherwise.
    learned.numeric_ids |= previous.numeric_ids;
    learned.object_errors |= previous.object_errors;
    // An optional endpoint an answer showed missing stays "not offered"
    // while discovery says the same, for a day; then it is asked again.
    let same_discovery = previous.learned_at_ms > 0
        && previous.discovery == learned.discovery
        && previous.discovery_digest == learned.discovery_digest;
    if same_discovery
        && previous.missing_noted_at_ms > 0
        && now - previous.missing_noted_at_ms < RECHECK_MISSING_AFTER_MS
    {
        learned.missing_noted_at_ms = previous.missing_noted_at_ms;
        for capability in ANSWER_LEARNED {
            if previous.offers(capability) == Offer::NotOffered {
                learned.not_offered(capability);
            }
        }
    }
    if let Err(error) = store.write(|tx| db::save(tx, &learned)) {
        tracing::warn!(%error, "server profile not cached");
    }
    Ok(learned)
}
