//! The categories the core ships, so the draft form has a list before the
//! first pull. The source is `core/data/categories.json`, embedded at build
//! time; it is the same file the reference city server serves by default
//! (tests/city-api), so the snapshot is what the city's `GET /services`
//! answered when the app was built.
//!
//! The entries go through the same normalisation as a pulled list
//! (`pull::api::parse_categories`), so a pull of an unchanged list gives
//! identical values (tested in core/tests/pull.rs).

use std::sync::LazyLock;

use serde::Deserialize;

use crate::categories::Category;
use crate::i18n::Bilingual;
use crate::reports::model::Urgency;
use crate::text;

const SOURCE: &str = include_str!("../../data/categories.json");

/// The shipped list, parsed once.
pub fn categories() -> &'static [Category] {
    static PARSED: LazyLock<Vec<Category>> = LazyLock::new(|| match parse(SOURCE) {
        Ok(categories) => categories,
        // Unreachable for the embedded file (a unit test parses it); no panic
        // may cross the FFI, so a broken build offers no snapshot instead.
        Err(error) => {
            tracing::error!(%error, "the shipped categories do not parse");
            Vec::new()
        }
    });
    &PARSED
}

/// The file's format (the reference server reads the same one).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotFile {
    categories: Vec<SnapshotEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotEntry {
    code: String,
    name_vi: String,
    name_en: String,
    group_vi: String,
    group_en: String,
    description_vi: String,
    description_en: String,
    keywords: Vec<String>,
    default_urgency: String,
    handle_working_hours: u32,
}

fn parse(source: &str) -> serde_json::Result<Vec<Category>> {
    let file: SnapshotFile = serde_json::from_str(source)?;
    Ok(file
        .categories
        .into_iter()
        .map(|c| Category {
            code: text::normalize(&c.code),
            name: Bilingual::new(text::normalize(&c.name_vi), text::normalize(&c.name_en)),
            description: Bilingual::new(
                text::normalize(&c.description_vi),
                text::normalize(&c.description_en),
            ),
            group: Bilingual::new(text::normalize(&c.group_vi), text::normalize(&c.group_en)),
            keywords: c
                .keywords
                .iter()
                .map(|k| text::normalize(k))
                .filter(|k| !k.is_empty())
                .collect(),
            default_urgency: match c.default_urgency.as_str() {
                "urgent" => Urgency::Urgent,
                _ => Urgency::Normal,
            },
            handle_working_hours: Some(c.handle_working_hours),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses_into_every_category_in_order() {
        let parsed = parse(SOURCE).expect("core/data/categories.json parses");
        assert_eq!(categories(), parsed.as_slice());
        let codes: Vec<&str> = parsed.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes.first(), Some(&"ve_sinh_moi_truong"));
        assert_eq!(codes.last(), Some(&"khac"));
        assert_eq!(codes.len(), 11);
        for c in &parsed {
            assert!(!c.name.vi.is_empty() && !c.name.en.is_empty(), "{}", c.code);
            assert!(c.handle_working_hours.unwrap() > 0, "{}", c.code);
        }
        let flooding = parsed.iter().find(|c| c.code == "ngap_ung").unwrap();
        assert_eq!(flooding.name.vi, "Ngập úng");
        assert_eq!(flooding.default_urgency, Urgency::Urgent);
    }

    #[test]
    fn entries_are_normalised_like_a_pulled_list() {
        let decomposed = r#"{"categories": [{"code": "ngap_ung",
            "name_vi": " Nga\u0302\u0323p u\u0301ng ", "name_en": "Flooding",
            "group_vi": "Mo\u0302i tru\u031bo\u031b\u0300ng", "group_en": "Environment",
            "description_vi": "", "description_en": "",
            "keywords": ["ngâp", " ", "flood"], "default_urgency": "urgent",
            "handle_working_hours": 8}]}"#;
        let c = &parse(decomposed).unwrap()[0];
        assert_eq!(c.name.vi, "Ngập úng");
        assert_eq!(c.group.vi, "Môi trường");
        assert_eq!(c.keywords, vec!["ngâp", "flood"]);
    }

    #[test]
    fn an_unknown_field_is_refused_as_the_server_refuses_it() {
        let extra = r#"{"categories": [], "version": 2}"#;
        assert!(parse(extra).is_err());
    }
}
