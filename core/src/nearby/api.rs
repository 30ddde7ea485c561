//! The `GET /requests` search for reports near a draft, as the server's
//! profile allows it, and its answer checked and filtered here.
//!
//! Whatever the server did with the query, every record is checked again on
//! the phone: its distance from the draft (a server may ignore `lat`/`long`/
//! `radius`, which GeoReport v2 does not define), its status (a server may
//! ignore `status`), its category, and whether it is one of the resident's
//! own reports. So a loose server gives the same list as a full one, only
//! with a larger answer.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::Value;

use crate::areas::projection::MetresPerDegree;
use crate::nearby::model::{MAX_PHOTOS_PER_REPORT, NEARBY_RADIUS_M, StoredPhoto, StoredReport};
use crate::net::transport::{Answer, TransportError};
use crate::pull::model::StatusWord;
use crate::sync::outbox::engine::id_text;
use crate::text;
use crate::time::{DAY_MS, UnixMillis, w3c};

pub const REQUESTS_PATH: &str = "requests.json";
/// Without the server's position filter, the category's reports of this
/// window are measured here: the standard's own default window (90 days),
/// stated explicitly so a server with a longer default does not send years.
pub const WINDOW_MS: i64 = 90 * DAY_MS;

/// What the draft asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub category_code: String,
    pub lat: f64,
    pub lon: f64,
}

/// How the search is put to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// `service_code`, `status=open`, `lat`, `long`, `radius`: the common
    /// position filter (not in GeoReport v2 itself, but offered by most
    /// servers that publish reports, and the reference server's `near_search`).
    Position,
    /// `service_code`, `status=open` and a `start_date` 90 days back, the
    /// distance measured here: for a server that refuses or does not
    /// advertise the position filter.
    CategoryWindow,
}

/// The query parameters of `filter` (coordinates with 6 decimals: ~0.1 m,
/// finer than any fix, no finer than needed).
pub fn query(question: &Question, filter: Filter, now: UnixMillis) -> Vec<(&'static str, String)> {
    let mut query = vec![
        ("service_code", question.category_code.clone()),
        ("status", "open".to_owned()),
    ];
    match filter {
        Filter::Position => query.extend([
            ("lat", format!("{:.6}", question.lat)),
            ("long", format!("{:.6}", question.lon)),
            ("radius", format!("{}", NEARBY_RADIUS_M)),
        ]),
        Filter::CategoryWindow => query.push(("start_date", w3c::format(now - WINDOW_MS, 0))),
    }
    query
}

#[derive(Debug, Deserialize)]
struct RequestWire {
    #[serde(deserialize_with = "id_text")]
    service_request_id: String,
    #[serde(default)]
    service_code: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    detailed_status: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    address: Option<String>,
    #[serde(default)]
    requested_datetime: Option<String>,
    #[serde(default)]
    agency_responsible: Option<String>,
    #[serde(default)]
    media_url: Option<String>,
    #[serde(default)]
    media_urls: Option<Vec<Value>>,
}

/// A coordinate written as a JSON number or a string (both are common).
fn number(item: &Value, key: &str) -> Option<f64> {
    match item.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|x| x.is_finite())
}

/// The photo URLs of a record: the extension's `media_urls` when given,
/// else the standard's one `media_url`; only http(s) URLs, the first few.
fn photo_urls(wire: &RequestWire) -> Vec<String> {
    let listed: Vec<String> = wire
        .media_urls
        .iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let urls = if listed.is_empty() {
        wire.media_url.iter().cloned().collect()
    } else {
        listed
    };
    urls.into_iter()
        .map(|u| u.trim().to_owned())
        .filter(|u| (u.starts_with("https://") || u.starts_with("http://")) && u.len() <= 2000)
        .take(MAX_PHOTOS_PER_REPORT)
        .collect()
}

/// What a search found: the reports within the radius, nearest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    pub reports: Vec<StoredReport>,
    /// Records dropped as malformed (not the documented shape).
    pub skipped: u32,
}

/// Read a `GET /requests` answer and keep the open reports of the question's
/// category within [`NEARBY_RADIUS_M`] of its position that are not in
/// `own_ids`, nearest first. Not a JSON array: [`TransportError::InvalidJson`].
pub fn parse(
    answer: Answer,
    question: &Question,
    own_ids: &HashSet<String>,
) -> Result<Found, TransportError> {
    let values: Vec<Value> = answer.json()?;
    let mut found = Found::default();
    for value in values {
        let position = (number(&value, "lat"), number(&value, "long"));
        let Ok(wire) = serde_json::from_value::<RequestWire>(value) else {
            found.skipped += 1;
            continue;
        };
        let id = wire.service_request_id.trim().to_owned();
        if id.is_empty() || id.len() > 100 || id.chars().any(char::is_control) {
            found.skipped += 1;
            continue;
        }
        // A report without a position cannot be said to be here.
        let (Some(lat), Some(lon)) = position else {
            continue;
        };
        let distance = MetresPerDegree::distance_m(question.lat, question.lon, lat, lon);
        let status =
            StatusWord::from_answer(wire.detailed_status.as_deref(), wire.status.as_deref());
        let same_category = wire
            .service_code
            .as_deref()
            .is_none_or(|c| c.trim() == question.category_code);
        if distance > NEARBY_RADIUS_M || status.closed || !same_category || own_ids.contains(&id) {
            continue;
        }
        let photos = photo_urls(&wire)
            .into_iter()
            .enumerate()
            .map(|(i, url)| StoredPhoto {
                position: i as u32,
                url,
                thumbnail_file: None,
                problem: None,
            })
            .collect();
        found.reports.push(StoredReport {
            service_request_id: id,
            status: status.stored(),
            distance_m: distance,
            description: text::normalize_optional(wire.description.as_deref()),
            address: text::normalize_optional(wire.address.as_deref()),
            requested_at_ms: wire
                .requested_datetime
                .as_deref()
                .and_then(|d| w3c::parse(d.trim())),
            unit_code: text::normalize_optional(wire.agency_responsible.as_deref())
                .filter(|c| c.len() <= 20),
            photos,
        });
    }
    found
        .reports
        .sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str) -> Answer {
        Answer::json_for_tests(body)
    }

    const HERE: (f64, f64) = (21.0285, 105.8542);

    fn question() -> Question {
        Question {
            category_code: "ve_sinh_moi_truong".into(),
            lat: HERE.0,
            lon: HERE.1,
        }
    }

    #[test]
    fn the_answer_is_filtered_here_whatever_the_server_did() {
        // 0.0004° of latitude is ~44 m; 0.0006° ~66 m.
        let body = r#"[
          {"service_request_id": 7, "service_code": "ve_sinh_moi_truong", "status": "open",
           "lat": 21.0289, "long": "105.8542", "description": "Rác  ", "media_url": "http://x/m/1.jpg",
           "requested_datetime": "2026-12-01T08:00:00+07:00", "detailed_status": "in_progress"},
          {"service_request_id": "8", "service_code": "ve_sinh_moi_truong", "status": "open",
           "lat": 21.0291, "long": 105.8542},
          {"service_request_id": "9", "service_code": "ve_sinh_moi_truong", "status": "closed",
           "lat": 21.0285, "long": 105.8542},
          {"service_request_id": "10", "service_code": "ngap_ung", "status": "open",
           "lat": 21.0285, "long": 105.8542},
          {"service_request_id": "11", "service_code": "ve_sinh_moi_truong", "status": "open",
           "lat": 21.0285, "long": 105.8542},
          {"service_request_id": "12", "service_code": "ve_sinh_moi_truong", "status": "open"},
          {"service_code": "ve_sinh_moi_truong"}, 5,
          {"service_request_id": "13", "status": "chờ vật tư", "lat": 21.0286, "long": 105.8542,
           "media_urls": ["https://x/a.jpg", "ftp://x/b.jpg", 4]}
        ]"#;
        let own: HashSet<String> = ["11".to_owned()].into();
        let found = parse(answer(body), &question(), &own).unwrap();
        let ids: Vec<&str> = found
            .reports
            .iter()
            .map(|r| r.service_request_id.as_str())
            .collect();
        assert_eq!(ids, ["13", "7"]);
        assert_eq!(found.skipped, 2);
        let seven = &found.reports[1];
        assert!(
            (seven.distance_m - 44.3).abs() < 0.5,
            "{}",
            seven.distance_m
        );
        assert_eq!(seven.description.as_deref(), Some("Rác"));
        assert_eq!(seven.photos.len(), 1);
        assert!(seven.requested_at_ms.is_some());
        assert_eq!(
            seven.status_word().status,
            crate::pull::model::DetailedStatus::InProgress
        );
        let urls: Vec<&str> = found.reports[0]
            .photos
            .iter()
            .map(|p| p.url.as_str())
            .collect();
        assert_eq!(urls, ["https://x/a.jpg"]);
        let unknown = found.reports[0].status_word();
        assert!(!unknown.known && !unknown.closed);
        assert_eq!(unknown.label().vi, "chờ vật tư");

        for garbage in ["{", "{}", "[1", "\"a\""] {
            assert!(matches!(
                parse(answer(garbage), &question(), &own),
                Err(TransportError::InvalidJson { .. })
            ));
        }
    }

    #[test]
    fn the_query_follows_the_filter() {
        let q = question();
        let near = query(&q, Filter::Position, 0);
        let names: Vec<&str> = near.iter().map(|(k, _)| *k).collect();
        assert_eq!(names, ["service_code", "status", "lat", "long", "radius"]);
        assert_eq!(near[2].1, "21.028500");
        assert_eq!(near[4].1, "50");
        let window = query(&q, Filter::CategoryWindow, 100 * DAY_MS);
        let names: Vec<&str> = window.iter().map(|(k, _)| *k).collect();
        assert_eq!(names, ["service_code", "status", "start_date"]);
    }
}
