//! What a draft's answers make of its readiness, and what is sent: each
//! attribute the service defines now is checked against the answer kept
//! (answers to attributes it no longer defines are kept but neither checked
//! nor sent).

use crate::forms::model::{AttributeType, AttributeValue, ServiceAttribute};
use crate::i18n::Bilingual;
use crate::reports::readiness::{Problem, ProblemCode};
use crate::text;

/// Longest answer to a `string` attribute.
pub const STRING_MAX_CHARS: usize = 500;
/// Longest answer to a `text` attribute (the description's limit).
pub const TEXT_MAX_CHARS: usize = crate::reports::readiness::DESCRIPTION_MAX_CHARS;

/// A number as typed (a Vietnamese keyboard writes `1,5`), as sent (`1.5`).
pub fn number(value: &str) -> Option<String> {
    let value = value.trim().replace(',', ".");
    let parsed: f64 = value.parse().ok()?;
    parsed.is_finite().then_some(value)
}

fn answer<'a>(values: &'a [AttributeValue], code: &str) -> Vec<&'a str> {
    values
        .iter()
        .find(|v| v.code == code)
        .map(|v| {
            v.values
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Why one answer is not usable, in Vietnamese and English; `None` when it is.
fn invalid(attribute: &ServiceAttribute, given: &[&str]) -> Option<(String, String)> {
    let single = attribute.datatype != AttributeType::MultiValueList;
    if single && given.len() > 1 {
        return Some((
            "chỉ chọn một giá trị.".into(),
            "choose only one value.".into(),
        ));
    }
    let too_long = |max: usize| {
        given
            .iter()
            .any(|v| text::char_len(&text::normalize(v)) > max)
            .then(|| {
                (
                    format!("dài quá {max} ký tự."),
                    format!("longer than {max} characters."),
                )
            })
    };
    match attribute.datatype {
        AttributeType::String => too_long(STRING_MAX_CHARS),
        AttributeType::Text => too_long(TEXT_MAX_CHARS),
        AttributeType::Number => given.iter().any(|v| number(v).is_none()).then(|| {
            (
                "cần một con số (ví dụ 1,5).".into(),
                "a number is needed (e.g. 1.5).".into(),
            )
        }),
        AttributeType::Datetime => given
            .iter()
            .any(|v| crate::time::w3c::parse(v).is_none())
            .then(|| {
                (
                    "cần ngày giờ có múi giờ (ví dụ 2026-12-07T08:30:00+07:00).".into(),
                    "a date and time with its zone is needed (e.g. 2026-12-07T08:30:00+07:00)."
                        .into(),
                )
            }),
        AttributeType::SingleValueList | AttributeType::MultiValueList => given
            .iter()
            .any(|v| !attribute.values.iter().any(|c| c.key == *v))
            .then(|| {
                (
                    "lựa chọn không có trong danh sách của thành phố. Vui lòng chọn lại.".into(),
                    "the choice is not on the city's list. Please choose again.".into(),
                )
            }),
    }
}

/// Every problem the answers make against `attributes`, in their order.
pub fn problems(attributes: &[ServiceAttribute], values: &[AttributeValue]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for attribute in attributes.iter().filter(|a| a.variable) {
        let given = answer(values, &attribute.code);
        // A stock server writes "Vietnamese — English": each message names
        // the field in its own language.
        let label = Bilingual::from_joined(&attribute.description).unwrap_or_default();
        let (label_vi, label_en) = (&label.vi, &label.en);
        if given.is_empty() {
            if attribute.required {
                problems.push(Problem::about_attribute(
                    ProblemCode::AttributeMissing,
                    &attribute.code,
                    format!("Vui lòng trả lời mục «{label_vi}»."),
                    format!("Please answer “{label_en}”."),
                ));
            }
        } else if let Some((vi, en)) = invalid(attribute, &given) {
            problems.push(Problem::about_attribute(
                ProblemCode::AttributeInvalid,
                &attribute.code,
                format!("Mục «{label_vi}»: {vi}"),
                format!("“{label_en}”: {en}"),
            ));
        }
    }
    problems
}

/// The `attribute[CODE]` / `attribute[CODE][]` fields of the answers to
/// what `attributes` defines (information and unanswered ones left out).
pub fn form_fields(
    attributes: &[ServiceAttribute],
    values: &[AttributeValue],
) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for attribute in attributes.iter().filter(|a| a.variable) {
        let code = &attribute.code;
        for value in answer(values, code) {
            match attribute.datatype {
                AttributeType::MultiValueList => {
                    fields.push((format!("attribute[{code}][]"), value.to_owned()))
                }
                AttributeType::Number => fields.push((
                    format!("attribute[{code}]"),
                    number(value).unwrap_or_else(|| value.to_owned()),
                )),
                _ => fields.push((format!("attribute[{code}]"), text::normalize(value))),
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::model::AttributeChoice;

    fn attribute(code: &str, datatype: AttributeType, required: bool) -> ServiceAttribute {
        ServiceAttribute {
            code: code.into(),
            datatype,
            required,
            variable: true,
            order: 0,
            description: format!("Mục {code}"),
            datatype_description: None,
            values: ["a", "b"]
                .iter()
                .map(|k| AttributeChoice {
                    key: (*k).into(),
                    name: k.to_uppercase(),
                })
                .collect(),
        }
    }

    fn value(code: &str, values: &[&str]) -> AttributeValue {
        AttributeValue {
            code: code.into(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    fn found(attrs: &[ServiceAttribute], values: &[AttributeValue]) -> Vec<(ProblemCode, String)> {
        problems(attrs, values)
            .into_iter()
            .map(|p| (p.code, p.attribute_code.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn every_datatype_is_checked_and_the_message_names_the_field() {
        use AttributeType::*;
        let attrs = [
            attribute("s", String, true),
            attribute("n", Number, true),
            attribute("d", Datetime, false),
            attribute("t", Text, false),
            attribute("one", SingleValueList, true),
            attribute("many", MultiValueList, false),
        ];
        let missing = problems(&attrs, &[]);
        assert_eq!(
            found(&attrs, &[]),
            ["s", "n", "one"]
                .map(|c| (ProblemCode::AttributeMissing, c.to_owned()))
                .to_vec()
        );
        assert_eq!(missing[0].message.vi, "Vui lòng trả lời mục «Mục s».");
        assert_eq!(missing[0].message.en, "Please answer “Mục s”.");
        let mut joined = attribute("s", String, true);
        joined.description = "Độ sâu nước — Water depth".into();
        let named = problems(&[joined], &[]);
        assert_eq!(named[0].message.vi, "Vui lòng trả lời mục «Độ sâu nước».");
        assert_eq!(named[0].message.en, "Please answer “Water depth”.");
        let good = [
            value("s", &["Nước đen"]),
            value("n", &[" 1,5 "]),
            value("d", &["2026-12-07T08:30:00+07:00"]),
            value("t", &["x".repeat(TEXT_MAX_CHARS).as_str()]),
            value("one", &["b"]),
            value("many", &["a", "b"]),
        ];
        assert_eq!(found(&attrs, &good), vec![]);
        let bad = [
            value("s", &["x".repeat(STRING_MAX_CHARS + 1).as_str()]),
            value("n", &["nhiều"]),
            value("d", &["hôm qua"]),
            value("t", &["  "]),
            value("one", &["a", "b"]),
            value("many", &["a", "c"]),
        ];
        let invalid = problems(&attrs, &bad);
        assert_eq!(
            found(&attrs, &bad),
            vec![
                (ProblemCode::AttributeInvalid, "s".into()),
                (ProblemCode::AttributeInvalid, "n".into()),
                (ProblemCode::AttributeInvalid, "d".into()),
                (ProblemCode::AttributeInvalid, "one".into()),
                (ProblemCode::AttributeInvalid, "many".into()),
            ]
        );
        assert!(
            invalid[1]
                .message
                .vi
                .starts_with("Mục «Mục n»: cần một con số")
        );
        for p in &invalid {
            assert_eq!(p.message.vi, text::nfc(&p.message.vi));
            assert!(
                p.message
                    .en
                    .contains(&format!("“Mục {}”", p.attribute_code.as_deref().unwrap()))
            );
        }
        let fields = form_fields(&attrs, &good);
        assert!(fields.contains(&("attribute[n]".into(), "1.5".into())));
        assert!(fields.contains(&("attribute[many][]".into(), "a".into())));
        assert!(fields.contains(&("attribute[many][]".into(), "b".into())));
        assert_eq!(fields.len(), 7, "{fields:?}");
    }

    #[test]
    fn information_is_neither_checked_nor_sent_and_old_answers_are_kept_aside() {
        let mut note = attribute("note", AttributeType::Text, true);
        note.variable = false;
        let attrs = [
            note,
            attribute("one", AttributeType::SingleValueList, false),
        ];
        let values = [
            value("note", &["x"]),
            value("gone", &["y"]),
            value("one", &["a"]),
        ];
        assert_eq!(found(&attrs, &values), vec![]);
        assert_eq!(
            form_fields(&attrs, &values),
            vec![("attribute[one]".to_owned(), "a".to_owned())]
        );
    }
}
