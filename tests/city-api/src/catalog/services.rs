//! Categories of field reports (Open311 "services"), loaded from the categories file
//! (by default `core/data/categories.json`, the snapshot the app ships) and
//! served with an ETag.

use std::path::Path;

use serde::Deserialize;
use serde_json::json;

use super::attributes;
use crate::http::etag;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Normal,
    Urgent,
}

impl Urgency {
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Normal => "normal",
            Urgency::Urgent => "urgent",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "normal" => Some(Urgency::Normal),
            "urgent" => Some(Urgency::Urgent),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub group_vi: String,
    pub group_en: String,
    pub description_vi: String,
    pub description_en: String,
    pub keywords: Vec<String>,
    pub default_urgency: Urgency,
    /// Handling deadline for non-urgent reports, in working hours.
    pub handle_working_hours: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    categories: Vec<Category>,
}

#[derive(Debug)]
pub struct ServiceCatalog {
    categories: Vec<Category>,
    list_json: axum::body::Bytes,
    list_etag: String,
    /// The list as a plain GeoReport v2 server writes it (no extension fields,
    /// no service definitions), with its ETag.
    plain_list: (axum::body::Bytes, String),
    /// `(service_code, definition JSON, its ETag)`.
    definitions: Vec<(String, axum::body::Bytes, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum CategoriesLoadError {
    #[error("cannot read the categories file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the categories file is not valid: {0}")]
    Invalid(String),
}

impl ServiceCatalog {
    pub fn load(path: &Path) -> Result<Self, CategoriesLoadError> {
        let text = std::fs::read_to_string(path).map_err(|source| CategoriesLoadError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let file: CategoriesFile =
            serde_json::from_str(&text).map_err(|e| CategoriesLoadError::Invalid(e.to_string()))?;
        Self::new(file.categories)
    }

    pub fn new(categories: Vec<Category>) -> Result<Self, CategoriesLoadError> {
        if categories.is_empty() {
            return Err(CategoriesLoadError::Invalid("no categories".into()));
        }
        for (i, c) in categories.iter().enumerate() {
            let valid_code = !c.code.is_empty()
                && c.code.len() <= 64
                && c.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !valid_code {
                return Err(CategoriesLoadError::Invalid(format!(
                    "bad service code {:?}",
                    c.code
                )));
            }
            if categories[..i].iter().any(|o| o.code == c.code) {
                return Err(CategoriesLoadError::Invalid(format!(
                    "duplicate code {}",
                    c.code
                )));
            }
            if c.handle_working_hours == 0 {
                return Err(CategoriesLoadError::Invalid(format!(
                    "{}: handle_working_hours is 0",
                    c.code
                )));
            }
        }
        let list: Vec<serde_json::Value> = categories.iter().map(service_json).collect();
        let list_json: axum::body::Bytes = serde_json::to_vec(&list)
            .expect("JSON values serialise")
            .into();
        let list_etag = etag::of(&list_json);
        let plain: Vec<serde_json::Value> = categories.iter().map(plain_service_json).collect();
        let plain_json: axum::body::Bytes = serde_json::to_vec(&plain)
            .expect("JSON values serialise")
            .into();
        let plain_list = (plain_json.clone(), etag::of(&plain_json));
        let definitions = categories
            .iter()
            .map(|c| {
                let body: axum::body::Bytes = serde_json::to_vec(&json!({
                    "service_code": c.code,
                    "attributes": attributes::definitions(),
                }))
                .expect("JSON values serialise")
                .into();
                let tag = etag::of(&body);
                (c.code.clone(), body, tag)
            })
            .collect();
        Ok(ServiceCatalog {
            categories,
            list_json,
            list_etag,
            plain_list,
            definitions,
        })
    }

    pub fn get(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == code)
    }

    pub fn list_json(&self) -> (axum::body::Bytes, &str) {
        (self.list_json.clone(), &self.list_etag)
    }

    pub fn plain_list_json(&self) -> (axum::body::Bytes, &str) {
        (self.plain_list.0.clone(), &self.plain_list.1)
    }

    pub fn definition_json(&self, code: &str) -> Option<(axum::body::Bytes, &str)> {
        self.definitions
            .iter()
            .find(|(c, _, _)| c == code)
            .map(|(_, body, tag)| (body.clone(), tag.as_str()))
    }
}

fn service_json(c: &Category) -> serde_json::Value {
    json!({
        "service_code": c.code,
        "service_name": c.name_vi,
        "description": c.description_vi,
        "metadata": true,
        "type": "realtime",
        "keywords": c.keywords.join(","),
        "group": c.group_vi,
        "service_name_en": c.name_en,
        "description_en": c.description_en,
        "group_en": c.group_en,
        "default_urgency": c.default_urgency.as_str(),
        "handle_working_hours": c.handle_working_hours,
    })
}

/// The standard's fields only; no attributes to define, so `metadata` is false.
fn plain_service_json(c: &Category) -> serde_json::Value {
    json!({
        "service_code": c.code,
        "service_name": c.name_vi,
        "description": c.description_vi,
        "metadata": false,
        "type": "realtime",
        "keywords": c.keywords.join(","),
        "group": c.group_vi,
    })
}
