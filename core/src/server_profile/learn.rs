//! Learning the profile: discovery first, then what the answers show.

use crate::net::city::City;
use crate::net::transport::TransportError;
use crate::server_profile::db;
use crate::server_profile::model::{Capability, Offer, ServerProfile};
use crate::store::Store;
use crate::time::now_ms;

pub const DISCOVERY_PATH: &str = "discovery.json";
/// Discovery is a few kilobytes; anything near this is not the city's.
const DISCOVERY_LIMIT: u64 = 256 * 1024;

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
    let now = now_ms();
    let mut learned = if answer.is_success() && answer.is_json() {
        match serde_json::from_slice::<serde_json::Value>(&answer.body) {
            Ok(document) => ServerProfile::from_discovery(&key, &document, now),
            // A broken answer teaches nothing (a proxy's error, a cut body).
            Err(error) => {
                let error = TransportError::InvalidJson {
                    status: answer.status,
                    detail: error.to_string(),
                };
                return Err((previous, error));
            }
        }
    } else if matches!(answer.status, 404 | 410 | 400 | 405 | 501) {
        ServerProfile::plain(&key, false, now)
    } else {
        // 5xx, 401/403, a portal's page: nothing learned this time.
        return Err((previous, answer.into_error()));
    };
    // What answers taught stays until discovery says otherwise.
    learned.numeric_ids |= previous.numeric_ids;
    learned.object_errors |= previous.object_errors;
    // An endpoint that answered 404 stays "not offered" while discovery
    // cannot tell (asked again only when the server starts advertising it).
    for capability in [Capability::Updates, Capability::Uploads] {
        if learned.offers(capability) == Offer::Unknown
            && previous.offers(capability) == Offer::NotOffered
        {
            learned.not_offered(capability);
        }
    }
    if let Err(error) = store.write(|tx| db::save(tx, &learned)) {
        tracing::warn!(%error, "server profile not cached");
    }
    Ok(learned)
}
