//! Exactly once without the idempotency extension: a report whose earlier
//! attempt may have reached the city (a cut connection, a lost answer, a
//! crash) is looked up in `GET /requests` before it is posted again, and a
//! match is adopted instead of a second POST (docs/sync.md § Exactly once).

use serde::Deserialize;
use serde_json::Value;

use crate::net::city::City;
use crate::net::transport::{DEFAULT_RESPONSE_LIMIT, TransportError};
use crate::sync::outbox::payload::Payload;
use crate::text;
use crate::time::{UnixMillis, now_ms, w3c};

const REQUESTS_PATH: &str = "requests.json";
/// Around the first attempt: the phone's clock and the server's may disagree
/// by hours; service, position and description narrow the list anyway.
const WINDOW_MS: i64 = 24 * 3600 * 1000;
/// Public positions are often rounded (4 decimals: ~11 m); a phone's own
/// report is well within this of what it sent.
const MATCH_RADIUS_M: f64 = 50.0;

/// What a match tells: the city's id for the report and what it said.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Found {
    #[serde(deserialize_with = "crate::sync::outbox::engine::id_text")]
    pub service_request_id: String,
    #[serde(default)]
    pub agency_responsible: Option<String>,
    #[serde(default)]
    pub service_notice: Option<String>,
}

/// How a lookup came out.
#[derive(Debug)]
pub enum Lookup {
    Found(Found),
    NotThere,
    /// The server has no usable search (404, or refuses the filters): the
    /// report is posted again, and may then be there twice.
    Impossible,
}

pub(crate) async fn earlier_attempt(
    city: &City,
    payload: &Payload,
    first_attempt_ms: UnixMillis,
) -> Result<Lookup, TransportError> {
    let service = payload.field("service_code").unwrap_or_default();
    let start = w3c::format(first_attempt_ms - WINDOW_MS, 0);
    let end = w3c::format(now_ms() + WINDOW_MS, 0);
    let position = match (payload.field("lat"), payload.field("long")) {
        (Some(lat), Some(lon)) => Some((lat.to_owned(), lon.to_owned())),
        _ => None,
    };
    let mut query = vec![
        ("service_code", service),
        ("start_date", start.as_str()),
        ("end_date", end.as_str()),
    ];
    let radius = MATCH_RADIUS_M.to_string();
    if let Some((lat, lon)) = &position {
        query.extend([
            ("lat", lat.as_str()),
            ("long", lon.as_str()),
            ("radius", radius.as_str()),
        ]);
    }
    let mut answer = city
        .transport
        .get(REQUESTS_PATH, &query, None, DEFAULT_RESPONSE_LIMIT)
        .await?;
    if answer.status == 400 && position.is_some() {
        // A server that does not know the position filter: the window and
        // the service alone.
        query.truncate(3);
        answer = city
            .transport
            .get(REQUESTS_PATH, &query, None, DEFAULT_RESPONSE_LIMIT)
            .await?;
    }
    if matches!(answer.status, 400 | 404 | 405 | 501) {
        return Ok(Lookup::Impossible);
    }
    let items: Vec<Value> = answer.json()?;
    let description = text::normalize(payload.field("description").unwrap_or_default());
    let wanted = position.and_then(|(lat, lon)| Some((lat.parse().ok()?, lon.parse().ok()?)));
    for item in items {
        let same_text = item
            .get("description")
            .and_then(Value::as_str)
            .is_some_and(|d| text::normalize(d) == description);
        let near = match (wanted, coordinates(&item)) {
            (Some(a), Some(b)) => metres_between(a, b) <= MATCH_RADIUS_M,
            (None, None) => true,
            _ => false,
        };
        if same_text
            && near
            && let Ok(found) = serde_json::from_value::<Found>(item)
        {
            return Ok(Lookup::Found(found));
        }
    }
    Ok(Lookup::NotThere)
}

fn coordinates(item: &Value) -> Option<(f64, f64)> {
    let number = |key: &str| match item.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    };
    Some((number("lat")?, number("long")?))
}

/// Equirectangular distance: exact enough over tens of metres.
fn metres_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let mean_lat = ((a.0 + b.0) / 2.0).to_radians();
    let dy = (a.0 - b.0).to_radians() * 6_371_000.0;
    let dx = (a.1 - b.1).to_radians() * 6_371_000.0 * mean_lat.cos();
    (dx * dx + dy * dy).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_public_positions_still_match() {
        let sent = (21.028_712_3, 105.852_398_7);
        let public = (21.0287, 105.8524);
        assert!(metres_between(sent, public) < 5.0);
        assert!(metres_between(sent, (21.0297, 105.8524)) > 100.0);
    }
}
