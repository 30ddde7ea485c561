//! The report attributes every service defines (the *report_attributes* extension):
//! sent as the standard's `attribute[CODE]` fields, all optional so that a plain
//! Open311 client never has to send one.

use std::collections::BTreeMap;

use serde_json::json;

use super::services::Urgency;
use crate::http::ApiError;
use crate::http::body::Fields;
use crate::http::error::ApiResult;
use crate::time::w3c;

/// The codes [`definitions`] defines.
pub const CODES: [&str; 5] = [
    "urgency",
    "location_accuracy_m",
    "location_source",
    "pin_adjusted",
    "photo_taken_at",
];
pub const LOCATION_SOURCES: [&str; 5] = ["gps", "network", "photo_exif", "map_pin", "address"];
const MAX_ACCURACY_M: f64 = 100_000.0;

/// The standard's service definition attributes.
pub fn definitions() -> serde_json::Value {
    let list = |pairs: &[(&str, &str)]| -> Vec<serde_json::Value> {
        pairs
            .iter()
            .map(|(key, name)| json!({ "key": key, "name": name }))
            .collect()
    };
    json!([
        {
            "variable": true, "code": "urgency", "datatype": "singlevaluelist", "required": false,
            "datatype_description": "normal | urgent", "order": 1,
            "description": "Mức khẩn cấp — Urgency",
            "values": list(&[("normal", "Bình thường — Normal"), ("urgent", "Khẩn cấp — Urgent")]),
        },
        {
            "variable": true, "code": "location_accuracy_m", "datatype": "number", "required": false,
            "datatype_description": "metres, 0–100000", "order": 2,
            "description": "Độ chính xác vị trí (m) — Location accuracy (m)",
        },
        {
            "variable": true, "code": "location_source", "datatype": "singlevaluelist", "required": false,
            "datatype_description": LOCATION_SOURCES.join(" | "), "order": 3,
            "description": "Nguồn vị trí — Location source",
            "values": list(&[
                ("gps", "GPS"), ("network", "Mạng di động / Wi-Fi — Network"),
                ("photo_exif", "Vị trí trong ảnh — Photo EXIF"), ("map_pin", "Ghim trên bản đồ — Map pin"),
                ("address", "Địa chỉ — Address"),
            ]),
        },
        {
            "variable": true, "code": "pin_adjusted", "datatype": "singlevaluelist", "required": false,
            "datatype_description": "true | false", "order": 4,
            "description": "Người dân đã chỉnh ghim — Pin adjusted by the resident",
            "values": list(&[("true", "Có — Yes"), ("false", "Không — No")]),
        },
        {
            "variable": true, "code": "photo_taken_at", "datatype": "string", "required": false,
            "datatype_description": "comma-separated W3C date-times, one per media[] part, in order; empty item = unknown",
            "order": 5,
            "description": "Thời điểm chụp từng ảnh — Capture time of each photo",
        },
    ])
}

/// Attribute values of one report, validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportAttributes {
    pub urgency: Option<Urgency>,
    /// Capture time of each photo, in `media[]` order (`None` = unknown).
    pub photo_taken_at: Vec<Option<i64>>,
    /// Every value as it will be echoed back (normalised text), by code.
    pub values: BTreeMap<String, String>,
}

/// Read and validate `attribute[CODE]` fields. `photo_count` bounds
/// `photo_taken_at`; fields for which `elsewhere` is true (the city's own
/// form) are read by their own parser.
pub fn parse(
    fields: &Fields,
    photo_count: usize,
    elsewhere: impl Fn(&str) -> bool,
) -> ApiResult<ReportAttributes> {
    let mut attrs = ReportAttributes::default();
    for name in fields.names().filter(|n| !elsewhere(n)) {
        let Some(code) = name
            .strip_prefix("attribute[")
            .and_then(|r| r.strip_suffix(']'))
        else {
            continue;
        };
        if attrs.values.contains_key(code) {
            return Err(ApiError::malformed(&format!(
                "field \"{name}\" sent more than once"
            )));
        }
        let value = fields.get(name)?.unwrap_or("").trim();
        let bad = |why: &str| {
            ApiError::bad_request(
                "invalid_attribute",
                format!("Giá trị thuộc tính \"{code}\" không hợp lệ."),
                format!("Invalid value for attribute \"{code}\": {why}."),
            )
        };
        let normalised = match code {
            "urgency" => {
                attrs.urgency =
                    Some(Urgency::parse(value).ok_or_else(|| bad("expected normal or urgent"))?);
                value.to_owned()
            }
            "location_accuracy_m" => {
                let metres: f64 = value
                    .parse()
                    .map_err(|_| bad("expected a number of metres"))?;
                if !metres.is_finite() || !(0.0..=MAX_ACCURACY_M).contains(&metres) {
                    return Err(bad("expected 0 to 100000 metres"));
                }
                value.to_owned()
            }
            "location_source" => {
                if !LOCATION_SOURCES.contains(&value) {
                    return Err(bad("unknown location source"));
                }
                value.to_owned()
            }
            "pin_adjusted" => {
                if value != "true" && value != "false" {
                    return Err(bad("expected true or false"));
                }
                value.to_owned()
            }
            "photo_taken_at" => {
                let items: Vec<&str> = value.split(',').map(str::trim).collect();
                if items.len() > photo_count.max(1) || (photo_count == 0 && !value.is_empty()) {
                    return Err(bad("more capture times than photos"));
                }
                attrs.photo_taken_at = items
                    .iter()
                    .map(|item| {
                        if item.is_empty() {
                            Ok(None)
                        } else {
                            w3c::parse(item)
                                .map(Some)
                                .ok_or_else(|| bad("expected W3C date-times"))
                        }
                    })
                    .collect::<ApiResult<_>>()?;
                // Echo in canonical form so clients compare like with like.
                attrs
                    .photo_taken_at
                    .iter()
                    .map(|t| t.map(w3c::format).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(",")
            }
            _ => {
                return Err(ApiError::bad_request(
                    "unknown_attribute",
                    format!("Thuộc tính \"{code}\" không tồn tại."),
                    format!("Unknown attribute \"{code}\" (see GET /services/{{service_code}})."),
                ));
            }
        };
        attrs.values.insert(code.to_owned(), normalised);
    }
    Ok(attrs)
}
