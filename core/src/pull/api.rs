//! The city's answers a pull reads (docs/city-api.md: "Request updates",
//! "Alerts", `GET /services`, `GET /requests`), checked and turned into the
//! core's own values. A shape the API does not document is
//! [`TransportError::InvalidJson`]: nothing of that page is stored.

use serde::Deserialize;

use crate::categories::Category;
use crate::i18n::Bilingual;
use crate::net::transport::{Answer, TransportError};
use crate::pull::model::{AlertSeverity, StatusWord, UpdateKind};
use crate::reports::Urgency;
// Ids are strings or numbers, both common in the wild.
use crate::sync::outbox::engine::id_text;
use crate::text;
use crate::time::UnixMillis;

pub const UPDATES_PATH: &str = "servicerequestupdates.json";
pub const ALERTS_PATH: &str = "alerts.json";
pub const SERVICES_PATH: &str = "services.json";
pub const AREAS_PATH: &str = "areas.json";
pub const REQUESTS_PATH: &str = "requests.json";

/// Items asked per page; fewer back means "caught up".
pub const PAGE_SIZE: usize = 100;
/// The area set is one large document (Hanoi's is ~3 MB).
pub const AREAS_RESPONSE_LIMIT: u64 = 32 * 1024 * 1024;
/// A result photo is read no further than the budget for images from the
/// network: a larger answer is refused as it arrives.
pub const PHOTO_RESPONSE_LIMIT: u64 = crate::photos::limits::REMOTE_MAX_BYTES;

/// One entry of `GET /servicerequestupdates`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PulledUpdate {
    pub update_id: String,
    pub service_request_id: String,
    pub kind: UpdateKind,
    pub status: StatusWord,
    pub text: String,
    pub unit_code: Option<String>,
    pub updated_at_ms: UnixMillis,
    pub photo_urls: Vec<String>,
}

/// One report of `GET /requests`, as far as its status goes.
#[derive(Debug, Clone, PartialEq)]
pub struct PulledStatus {
    pub service_request_id: String,
    pub status: StatusWord,
    pub unit_code: Option<String>,
    pub status_notes: Option<String>,
    pub acknowledge_by_ms: Option<UnixMillis>,
    pub handle_by_ms: Option<UnixMillis>,
    pub overdue: bool,
    pub updated_at_ms: Option<UnixMillis>,
}

/// One alert of `GET /alerts`, checked and NFC.
#[derive(Debug, Clone, PartialEq)]
pub struct PulledAlert {
    pub alert_id: String,
    pub severity: AlertSeverity,
    pub title: Bilingual,
    pub body: Bilingual,
    pub area_codes: Vec<String>,
    pub published_at_ms: UnixMillis,
    pub expires_at_ms: Option<UnixMillis>,
}

impl PulledUpdate {
    /// About what storing it takes (its text and ids), for the pull's budget.
    pub fn stored_bytes(&self) -> u64 {
        let urls: usize = self.photo_urls.iter().map(|u| u.len() + 64).sum();
        (self.update_id.len()
            + self.service_request_id.len()
            + self.text.len()
            + self.unit_code.as_deref().map_or(0, str::len)
            + urls) as u64
    }
}

impl PulledAlert {
    /// About what storing it takes (its texts and ids), for the pull's budget.
    pub fn stored_bytes(&self) -> u64 {
        let areas: usize = self.area_codes.iter().map(|c| c.len() + 1).sum();
        (self.alert_id.len()
            + self.title.vi.len()
            + self.title.en.len()
            + self.body.vi.len()
            + self.body.en.len()
            + areas) as u64
    }
}

#[derive(Debug, Deserialize)]
struct UpdateWire {
    #[serde(deserialize_with = "id_text")]
    update_id: String,
    #[serde(deserialize_with = "id_text")]
    service_request_id: String,
    #[serde(default)]
    status: Option<String>,
    updated_datetime: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    media_url: Option<String>,
    #[serde(default)]
    media_urls: Option<Vec<String>>,
    #[serde(default)]
    detailed_status: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    agency_responsible: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RequestWire {
    #[serde(deserialize_with = "id_text")]
    service_request_id: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    status_notes: Option<String>,
    #[serde(default)]
    detailed_status: Option<String>,
    #[serde(default)]
    agency_responsible: Option<String>,
    #[serde(default)]
    acknowledge_by: Option<String>,
    #[serde(default)]
    handle_by: Option<String>,
    #[serde(default)]
    expected_datetime: Option<String>,
    #[serde(default)]
    overdue: Option<bool>,
    #[serde(default)]
    updated_datetime: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Texts {
    #[serde(default)]
    vi: String,
    #[serde(default)]
    en: String,
}

#[derive(Debug, Deserialize)]
struct AlertWire {
    alert_id: String,
    #[serde(default)]
    severity: String,
    title: Texts,
    body: Texts,
    #[serde(default)]
    area_codes: Vec<String>,
    published_datetime: String,
    #[serde(default)]
    expires_datetime: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ServiceWire {
    service_code: String,
    service_name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    keywords: Option<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    service_name_en: Option<String>,
    #[serde(default)]
    description_en: Option<String>,
    #[serde(default)]
    group_en: Option<String>,
    #[serde(default)]
    default_urgency: Option<String>,
    #[serde(default)]
    handle_working_hours: Option<u32>,
    /// Whether `GET /services/{code}` defines attributes (`true`, or
    /// `"true"` as some servers write it).
    #[serde(default)]
    metadata: Option<serde_json::Value>,
}

fn invalid(detail: impl Into<String>) -> TransportError {
    TransportError::InvalidJson {
        status: 200,
        detail: detail.into(),
    }
}

fn date(field: &str, value: &str) -> Result<UnixMillis, TransportError> {
    crate::time::w3c::parse(value.trim())
        .ok_or_else(|| invalid(format!("{field} is not a W3C date-time")))
}

fn optional_date(field: &str, value: Option<&str>) -> Result<Option<UnixMillis>, TransportError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| date(field, v))
        .transpose()
}

fn id(field: &str, value: &str) -> Result<String, TransportError> {
    let value = value.trim();
    // Ids end up in SQL parameters and file names are never made from them,
    // but a sane bound keeps a broken server from filling the database.
    if value.is_empty() || value.len() > 100 || value.chars().any(char::is_control) {
        return Err(invalid(format!("{field} is not an id")));
    }
    Ok(value.to_owned())
}

/// A page of records read one by one: a record that is not the documented
/// shape is skipped and counted; the others are used.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Records skipped as malformed.
    pub skipped: u32,
    /// How many records the server sent (a full page means "ask again").
    pub len: usize,
    /// The id of the last record sent, when it is a usable id even if the
    /// record itself was skipped: the cursor moves past bad records too.
    pub last_id: Option<String>,
}

/// Read `answer` as a JSON array and turn each element into a `T` with
/// `convert`; elements that fail are skipped, counted and logged by reason
/// only (never their content: it may hold personal data). Not an array at
/// all: [`TransportError::InvalidJson`].
fn records<W: serde::de::DeserializeOwned, T>(
    answer: Answer,
    what: &'static str,
    id_field: &str,
    convert: impl Fn(W) -> Result<T, TransportError>,
) -> Result<Page<T>, TransportError> {
    let values: Vec<serde_json::Value> = answer.json()?;
    let last_id = values
        .last()
        .and_then(|v| match &v[id_field] {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .and_then(|raw| id(id_field, &raw).ok());
    let len = values.len();
    let mut items = Vec::with_capacity(len);
    let mut skipped = 0;
    for value in values {
        let converted = serde_json::from_value::<W>(value)
            .map_err(|_| invalid("not the documented shape"))
            .and_then(&convert);
        match converted {
            Ok(item) => items.push(item),
            Err(error) => {
                skipped += 1;
                let reason = match &error {
                    TransportError::InvalidJson { detail, .. } => detail.as_str(),
                    _ => "unreadable",
                };
                tracing::warn!(records = what, reason, "a malformed record was skipped");
            }
        }
    }
    Ok(Page {
        items,
        skipped,
        len,
        last_id,
    })
}

pub fn parse_updates(answer: Answer) -> Result<Page<PulledUpdate>, TransportError> {
    records(answer, "updates", "update_id", |u: UpdateWire| {
        let mut photo_urls = u.media_urls.unwrap_or_default();
        if photo_urls.is_empty() {
            photo_urls.extend(u.media_url.filter(|url| !url.is_empty()));
        }
        Ok(PulledUpdate {
            update_id: id("update_id", &u.update_id)?,
            service_request_id: id("service_request_id", &u.service_request_id)?,
            kind: UpdateKind::parse(u.kind.as_deref().unwrap_or("")),
            status: StatusWord::from_answer(u.detailed_status.as_deref(), u.status.as_deref()),
            text: text::normalize(u.description.as_deref().unwrap_or("")),
            unit_code: text::normalize_optional(u.agency_responsible.as_deref()),
            updated_at_ms: date("updated_datetime", &u.updated_datetime)?,
            photo_urls,
        })
    })
}

pub fn parse_statuses(answer: Answer) -> Result<Page<PulledStatus>, TransportError> {
    records(
        answer,
        "statuses",
        "service_request_id",
        |r: RequestWire| {
            let handle_by = r.handle_by.as_deref().or(r.expected_datetime.as_deref());
            Ok(PulledStatus {
                service_request_id: id("service_request_id", &r.service_request_id)?,
                status: StatusWord::from_answer(r.detailed_status.as_deref(), r.status.as_deref()),
                unit_code: text::normalize_optional(r.agency_responsible.as_deref()),
                status_notes: text::normalize_optional(r.status_notes.as_deref()),
                acknowledge_by_ms: optional_date("acknowledge_by", r.acknowledge_by.as_deref())?,
                handle_by_ms: optional_date("handle_by", handle_by)?,
                overdue: r.overdue.unwrap_or(false),
                updated_at_ms: optional_date("updated_datetime", r.updated_datetime.as_deref())?,
            })
        },
    )
}

pub fn parse_alerts(answer: Answer) -> Result<Page<PulledAlert>, TransportError> {
    records(answer, "alerts", "alert_id", |a: AlertWire| {
        Ok(PulledAlert {
            alert_id: id("alert_id", &a.alert_id)?,
            severity: AlertSeverity::parse(&a.severity),
            title: Bilingual::new(text::normalize(&a.title.vi), text::normalize(&a.title.en)),
            body: Bilingual::new(text::normalize(&a.body.vi), text::normalize(&a.body.en)),
            area_codes: a.area_codes.iter().map(|c| text::normalize(c)).collect(),
            published_at_ms: date("published_datetime", &a.published_datetime)?,
            expires_at_ms: optional_date("expires_datetime", a.expires_datetime.as_deref())?,
        })
    })
}

/// The path of a service's definition, the code percent-encoded (a code is
/// the city's text: it must not change the path).
pub fn definition_path(service_code: &str) -> String {
    let mut path = String::from("services/");
    for byte in service_code.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'~') {
            path.push(byte as char);
        } else {
            path.push_str(&format!("%{byte:02X}"));
        }
    }
    path.push_str(".json");
    path
}

/// The city's categories; malformed ones skipped. A list with none usable
/// is refused (it would empty the cache).
pub fn parse_categories(answer: Answer) -> Result<Page<Category>, TransportError> {
    let page = parse_services(answer)?;
    Ok(Page {
        items: page.items.into_iter().map(|(c, _)| c).collect(),
        skipped: page.skipped,
        len: page.len,
        last_id: page.last_id,
    })
}

/// [`parse_categories`], each with whether the service has a definition
/// (`metadata`) to pull.
pub fn parse_services(answer: Answer) -> Result<Page<(Category, bool)>, TransportError> {
    let page = records(answer, "categories", "service_code", |s: ServiceWire| {
        let metadata = match &s.metadata {
            Some(serde_json::Value::Bool(b)) => *b,
            Some(serde_json::Value::String(t)) => t.trim().eq_ignore_ascii_case("true"),
            _ => false,
        };
        let name_vi = text::normalize(&s.service_name);
        let description_vi = text::normalize(s.description.as_deref().unwrap_or(""));
        let group_vi = text::normalize(s.group.as_deref().unwrap_or(""));
        // Without the English extension, English screens show the Vietnamese.
        let both = |vi: String, en: Option<String>| {
            let en = text::normalize_optional(en.as_deref()).unwrap_or_else(|| vi.clone());
            Bilingual::new(vi, en)
        };
        Ok(Category {
            code: id("service_code", &s.service_code)?,
            name: both(name_vi, s.service_name_en),
            description: both(description_vi, s.description_en),
            group: both(group_vi, s.group_en),
            keywords: s
                .keywords
                .as_deref()
                .unwrap_or("")
                .split(',')
                .map(text::normalize)
                .filter(|k| !k.is_empty())
                .collect(),
            default_urgency: match s.default_urgency.as_deref() {
                Some("urgent") => Urgency::Urgent,
                _ => Urgency::Normal,
            },
            handle_working_hours: s.handle_working_hours,
        })
        .map(|c| (c, metadata))
    })?;
    if page.items.is_empty() {
        return Err(invalid("no usable category"));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pull::model::DetailedStatus;

    fn answer(body: &str) -> Answer {
        Answer::json_for_tests(body)
    }

    #[test]
    fn an_update_in_the_documented_shape() {
        let body = r#"[ { "update_id": "7", "service_request_id": "42", "status": "closed",
            "updated_datetime": "2026-11-27T09:12:00+07:00",
            "description": "Đã thu gom ra\u0301c. — Rubbish collected.", "media_url": "http://x/media/a.jpg",
            "media_urls": ["http://x/media/a.jpg"], "detailed_status": "resolved", "kind": "resolved",
            "agency_responsible": "00070" } ]"#;
        let updates = parse_updates(answer(body)).unwrap().items;
        assert_eq!(updates.len(), 1);
        let u = &updates[0];
        assert_eq!(u.kind, UpdateKind::Resolved);
        assert_eq!(u.status.status, DetailedStatus::Resolved);
        assert_eq!(u.text, "Đã thu gom rác. — Rubbish collected.");
        assert_eq!(u.unit_code.as_deref(), Some("00070"));
        assert_eq!(u.photo_urls, vec!["http://x/media/a.jpg".to_owned()]);
    }

    #[test]
    fn a_plain_open311_update_and_garbage() {
        let plain = r#"[{"update_id":"1","service_request_id":"9","status":"closed",
            "updated_datetime":"2026-11-27T02:12:00Z","media_url":"http://x/m.jpg"}]"#;
        let u = &parse_updates(answer(plain)).unwrap().items[0];
        assert_eq!(u.kind, UpdateKind::Other);
        assert_eq!(u.status.status, DetailedStatus::Resolved);
        assert_eq!(u.photo_urls.len(), 1);
        for garbage in ["{", "{}", "[1", r#""a""#] {
            assert!(
                matches!(
                    parse_updates(answer(garbage)),
                    Err(TransportError::InvalidJson { .. })
                ),
                "{garbage}"
            );
        }
        // Bad records are skipped and counted; the good one is kept, and the
        // cursor moves past the last record even when it is skipped.
        let mixed = r#"[{"update_id":"1","service_request_id":"9","updated_datetime":"2026-11-27T02:12:00Z"},
            {"update_id":"2"}, 7,
            {"update_id":"3","service_request_id":"9","updated_datetime":"2026-13-45T99:00:00Z"},
            {"update_id":"","service_request_id":"9","updated_datetime":"2026-11-27T02:12:00Z"},
            {"update_id":5,"service_request_id":"9","updated_datetime":"yesterday"}]"#;
        let page = parse_updates(answer(mixed)).unwrap();
        assert_eq!(page.items.len(), 1);
        assert_eq!((page.skipped, page.len), (5, 6));
        assert_eq!(page.last_id.as_deref(), Some("5"));
    }

    #[test]
    fn categories_fall_back_to_vietnamese_without_english() {
        let body = r#"[{"service_code":"khac","service_name":"Khác","keywords":"khác, other ,"}]"#;
        let c = &parse_categories(answer(body)).unwrap().items[0];
        assert_eq!(c.name, Bilingual::new("Khác", "Khác"));
        assert_eq!(c.keywords, vec!["khác".to_owned(), "other".to_owned()]);
        assert_eq!(c.default_urgency, Urgency::Normal);
        let marked = r#"[{"service_code":"a","service_name":"A","metadata":true},
            {"service_code":"b","service_name":"B","metadata":"true"},
            {"service_code":"c","service_name":"C","metadata":false}]"#;
        let flags: Vec<bool> = parse_services(answer(marked))
            .unwrap()
            .items
            .iter()
            .map(|(_, m)| *m)
            .collect();
        assert_eq!(flags, [true, true, false]);
        assert_eq!(definition_path("ngap_ung"), "services/ngap_ung.json");
        assert_eq!(
            definition_path("a/../b c"),
            "services/a%2F%2E%2E%2Fb%20c.json"
        );
    }
}
