//! The city's own forms (the `city-forms` profile): service definitions with
//! attributes of the city's choosing, as stock GeoReport v2 servers publish
//! them — one of each datatype, one required, one for information only. A
//! report to such a service must answer the required one; answers are
//! checked against the definition and stored with the report.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::http::ApiError;
use crate::http::body::Fields;
use crate::http::error::ApiResult;
use crate::time::w3c;

const STRING_MAX: usize = 500;
const TEXT_MAX: usize = 2000;

/// The required attribute of the flooding form.
pub const WATER_DEPTH: &str = "do_sau_nuoc";

fn choices(pairs: &[(&str, &str)]) -> Value {
    pairs
        .iter()
        .map(|(key, name)| json!({ "key": key, "name": name }))
        .collect()
}

/// The attributes of `service_code`'s form (empty: it has none).
pub fn definitions(service_code: &str) -> Vec<Value> {
    match service_code {
        "ngap_ung" => vec![
            json!({
                "variable": false, "code": "luu_y", "datatype": "string", "required": false,
                "order": 0, "datatype_description": null,
                "description": "Nếu có người gặp nguy hiểm, gọi 114 — If anyone is in danger, call 114",
            }),
            json!({
                "variable": true, "code": WATER_DEPTH, "datatype": "singlevaluelist", "required": true,
                "order": 1, "datatype_description": "duoi_20cm | 20_50cm | tren_50cm",
                "description": "Độ sâu nước — Water depth",
                "values": choices(&[
                    ("duoi_20cm", "Dưới 20 cm — Below 20 cm"),
                    ("20_50cm", "20–50 cm"),
                    ("tren_50cm", "Trên 50 cm — Above 50 cm"),
                ]),
            }),
            json!({
                "variable": true, "code": "anh_huong", "datatype": "multivaluelist", "required": false,
                "order": 2, "datatype_description": null,
                "description": "Ảnh hưởng đến — Affecting",
                "values": choices(&[
                    ("duong", "Đường đi — Roads"),
                    ("nha_dan", "Nhà dân — Homes"),
                    ("truong_hoc", "Trường học — Schools"),
                ]),
            }),
            json!({
                "variable": true, "code": "bat_dau_luc", "datatype": "datetime", "required": false,
                "order": 3, "datatype_description": "2026-12-07T08:30:00+07:00",
                "description": "Ngập từ lúc — Flooded since",
            }),
        ],
        "cay_xanh" => vec![
            json!({
                "variable": true, "code": "so_cay", "datatype": "number", "required": false,
                "order": 1, "datatype_description": "1–1000",
                "description": "Số cây — Number of trees",
            }),
            json!({
                "variable": true, "code": "loai_cay", "datatype": "string", "required": false,
                "order": 2, "datatype_description": null,
                "description": "Loài cây — Tree species",
            }),
            json!({
                "variable": true, "code": "chi_tiet", "datatype": "text", "required": false,
                "order": 3, "datatype_description": null,
                "description": "Chi tiết thêm — More details",
            }),
        ],
        _ => Vec::new(),
    }
}

/// The code inside `attribute[CODE]` or `attribute[CODE][]`, and whether it
/// is the multi-valued form.
pub fn field_code(name: &str) -> Option<(&str, bool)> {
    let inner = name.strip_prefix("attribute[")?;
    if let Some(code) = inner.strip_suffix("][]") {
        return Some((code, true));
    }
    inner.strip_suffix(']').map(|code| (code, false))
}

/// Whether `name` is an answer field `service_code`'s form defines.
pub fn defines(service_code: &str, name: &str) -> bool {
    let Some((code, multi)) = field_code(name) else {
        return false;
    };
    definitions(service_code).iter().any(|a| {
        a["code"] == code && a["variable"] == true && (a["datatype"] == "multivaluelist") == multi
    })
}

fn bad(code: &str, why_vi: &str, why_en: &str) -> ApiError {
    ApiError::bad_request(
        "invalid_attribute",
        format!("Giá trị thuộc tính \"{code}\" không hợp lệ: {why_vi}."),
        format!("Invalid value for attribute \"{code}\": {why_en}."),
    )
}

/// Check the answers to `service_code`'s form and return them by code (a
/// multi-valued list as an array). Fields of other forms are not read here.
pub fn parse(fields: &Fields, service_code: &str) -> ApiResult<BTreeMap<String, Value>> {
    let mut answers = BTreeMap::new();
    for attribute in definitions(service_code) {
        if attribute["variable"] != true {
            continue;
        }
        let code = attribute["code"].as_str().unwrap_or_default();
        let datatype = attribute["datatype"].as_str().unwrap_or_default();
        let keys: Vec<&str> = attribute["values"]
            .as_array()
            .map(|v| v.iter().filter_map(|c| c["key"].as_str()).collect())
            .unwrap_or_default();
        let given: Vec<&str> = if datatype == "multivaluelist" {
            let name = format!("attribute[{code}][]");
            fields
                .pairs()
                .iter()
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
                .collect()
        } else {
            fields
                .text(&format!("attribute[{code}]"))?
                .into_iter()
                .collect()
        };
        if given.is_empty() {
            if attribute["required"] == true {
                return Err(ApiError::bad_request(
                    "missing_attribute",
                    format!("Thiếu thuộc tính bắt buộc \"{code}\"."),
                    format!("The required attribute \"{code}\" is missing."),
                ));
            }
            continue;
        }
        for value in &given {
            let chars = value.chars().count();
            let ok = match datatype {
                "string" => chars <= STRING_MAX,
                "text" => chars <= TEXT_MAX,
                "number" => value.parse::<f64>().is_ok_and(f64::is_finite),
                "datetime" => w3c::parse(value).is_some(),
                _ => keys.contains(value),
            };
            if !ok {
                return Err(bad(
                    code,
                    "không đúng kiểu",
                    &format!("not a valid {datatype}"),
                ));
            }
        }
        let value = if datatype == "multivaluelist" {
            json!(given)
        } else {
            json!(given[0])
        };
        answers.insert(code.to_owned(), value);
    }
    Ok(answers)
}
