//! The attributes of a service definition, and a draft's answers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::text;

/// GeoReport v2's attribute datatypes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AttributeType {
    /// One line of text.
    String,
    Number,
    /// A W3C date-time (`2026-12-07T08:30:00+07:00`).
    Datetime,
    /// Longer text.
    Text,
    /// One key of `values`.
    SingleValueList,
    /// Any keys of `values`, sent as `attribute[CODE][]`.
    MultiValueList,
}

impl AttributeType {
    pub fn parse(datatype: &str) -> Option<AttributeType> {
        Some(match datatype.trim().to_ascii_lowercase().as_str() {
            "string" => AttributeType::String,
            "number" => AttributeType::Number,
            "datetime" => AttributeType::Datetime,
            "text" => AttributeType::Text,
            "singlevaluelist" => AttributeType::SingleValueList,
            "multivaluelist" => AttributeType::MultiValueList,
            _ => return None,
        })
    }
}

/// One choice of a list attribute: the key sent, the name shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AttributeChoice {
    pub key: String,
    pub name: String,
}

/// One attribute of a service definition, in the city's words (a stock
/// server writes one language; the screen shows `description` as the label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ServiceAttribute {
    pub code: String,
    pub datatype: AttributeType,
    /// The report is not queued without an answer.
    pub required: bool,
    /// `false`: information to show, not a question (never sent).
    pub variable: bool,
    /// Where the city wants it; the list is sorted by it.
    pub order: i64,
    /// The question or label.
    pub description: String,
    /// A hint about the expected value (`"metres, 0–100000"`).
    pub datatype_description: Option<String>,
    /// The choices of a list attribute, in the city's order.
    pub values: Vec<AttributeChoice>,
}

/// A draft's answer to one attribute: one value, or several for a
/// multi-valued list. No values = not answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AttributeValue {
    pub code: String,
    pub values: Vec<String>,
}

/// Longest code kept (codes are form field names).
pub const MAX_CODE_CHARS: usize = 64;

/// `true`/`"true"`, a number or a string: what servers in the wild write.
fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" | "" => Some(false),
            _ => None,
        },
        Value::Number(n) => Some(n.as_f64() != Some(0.0)),
        _ => None,
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(text::normalize(s)),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A usable code: non-empty, short, and safe inside `attribute[…]`.
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.chars().count() <= MAX_CODE_CHARS
        && !code.contains(['[', ']', '\0'])
        && !code.chars().any(char::is_control)
}

/// One attribute of a definition; `None` when it cannot be used (no code, an
/// unknown datatype, a list without choices): skipped, the rest kept.
fn attribute(value: &Value) -> Option<ServiceAttribute> {
    let code = scalar_text(value.get("code")?)?;
    if !valid_code(&code) {
        return None;
    }
    let datatype = AttributeType::parse(value.get("datatype")?.as_str()?)?;
    let values: Vec<AttributeChoice> = value
        .get("values")
        .and_then(Value::as_array)
        .map(|choices| {
            choices
                .iter()
                .filter_map(|c| {
                    let key = scalar_text(c.get("key")?)?;
                    let name = c.get("name").and_then(scalar_text).unwrap_or_default();
                    let name = if name.is_empty() { key.clone() } else { name };
                    (!key.is_empty()).then_some(AttributeChoice { key, name })
                })
                .collect()
        })
        .unwrap_or_default();
    let is_list = matches!(
        datatype,
        AttributeType::SingleValueList | AttributeType::MultiValueList
    );
    let variable = value.get("variable").and_then(flag).unwrap_or(true);
    if is_list && values.is_empty() && variable {
        return None;
    }
    let order = match value.get("order") {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(i64::MAX),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(i64::MAX),
        _ => i64::MAX,
    };
    let description = value
        .get("description")
        .and_then(scalar_text)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| code.clone());
    Some(ServiceAttribute {
        code,
        datatype,
        required: value.get("required").and_then(flag).unwrap_or(false) && variable,
        variable,
        order,
        description,
        datatype_description: value
            .get("datatype_description")
            .and_then(scalar_text)
            .filter(|d| !d.is_empty()),
        values,
    })
}

/// The attributes of a `GET /services/{code}` answer, sorted by `order`
/// (the city's order among equals), without `skip` (codes the core fills in
/// itself) and without repeats. `None`: not a definition at all. Also
/// returns how many attributes were skipped as unusable.
pub fn parse_definition(document: &Value, skip: &[String]) -> Option<(Vec<ServiceAttribute>, u32)> {
    // Some servers wrap the definition in a one-element array.
    let document = match document {
        Value::Array(items) if items.len() == 1 => &items[0],
        other => other,
    };
    let raw = document.get("attributes")?.as_array()?;
    let mut skipped = 0;
    let mut attributes: Vec<ServiceAttribute> = Vec::with_capacity(raw.len());
    for value in raw {
        match attribute(value) {
            Some(a) if skip.contains(&a.code) => {}
            Some(a) if attributes.iter().any(|b| b.code == a.code) => skipped += 1,
            Some(a) => attributes.push(a),
            None => skipped += 1,
        }
    }
    attributes.sort_by_key(|a| a.order);
    Some((attributes, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_definition_in_the_wild_is_read_sorted_without_the_apps_own_codes() {
        let doc = json!({"service_code": "ngap_ung", "attributes": [
            {"variable": true, "code": "urgency", "datatype": "singlevaluelist", "required": false,
             "order": 0, "description": "Urgency", "values": [{"key": "normal", "name": "Normal"}]},
            {"variable": "true", "code": "depth", "datatype": "singlevaluelist", "required": "true",
             "order": "2", "description": "Độ sâu — Depth", "datatype_description": "",
             "values": [{"key": 1, "name": "Đến mắt cá"}, {"key": "knee", "name": ""}]},
            {"variable": false, "code": "note", "datatype": "text", "required": true, "order": 1,
             "description": "Gọi 1022 nếu khẩn cấp"},
            {"code": "x", "datatype": "picture"},
            {"code": "", "datatype": "string"},
            {"code": "empty_list", "datatype": "multivaluelist", "values": []},
        ]});
        let (attrs, skipped) = parse_definition(&doc, &["urgency".to_owned()]).unwrap();
        let codes: Vec<&str> = attrs.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["note", "depth"]);
        assert_eq!(skipped, 3);
        let depth = &attrs[1];
        assert!(depth.required && depth.variable);
        assert_eq!(depth.datatype_description, None);
        assert_eq!(depth.values[0].key, "1");
        assert_eq!(depth.values[1].name, "knee");
        // Information is never required, whatever the server says.
        assert!(!attrs[0].variable && !attrs[0].required);
        assert!(parse_definition(&json!({"service_code": "a"}), &[]).is_none());
        let wrapped = json!([{"attributes": []}]);
        assert_eq!(parse_definition(&wrapped, &[]).unwrap().0, vec![]);
    }
}
