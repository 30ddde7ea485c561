//! What the shells call to render and fill in a service's form.

use crate::app::Core;
use crate::error::{Error, Result};
use crate::forms::model::{self, AttributeValue, ServiceAttribute};
use crate::forms::{check, db};
use crate::observers::ReportChangeKind;
use crate::reports::ops::{parse_id, require_editable};
use crate::text;
use crate::time::now_ms;

/// Values one answer may hold (a multi-valued list's choices).
pub const MAX_VALUES: usize = 50;

impl Core {
    /// The attributes the city's form for `category_code` asks, in its order
    /// (none before a pull brought its definition, or when it has none).
    /// `variable == false` ones are information to show, not questions.
    pub fn service_attributes(&self, category_code: &str) -> Result<Vec<ServiceAttribute>> {
        let code = text::normalize(category_code);
        self.store.read(|c| db::definition(c, &code))
    }

    /// The answers a report keeps, by code (answers to attributes the service
    /// no longer defines included: they are kept, not sent).
    pub fn draft_attributes(&self, report_id: &str) -> Result<Vec<AttributeValue>> {
        let id = parse_id(report_id)?;
        self.store.read(|c| {
            crate::reports::db::get(c, &id)?;
            db::values(c, &id)
        })
    }

    /// Autosave one answer of a draft (no values, or only blank ones, clears
    /// it). Values are NFC; whether they fit the definition is a readiness
    /// problem, not a refusal here: the resident may still be typing.
    pub fn set_draft_attribute(
        &self,
        report_id: &str,
        code: &str,
        values: Vec<String>,
    ) -> Result<Vec<AttributeValue>> {
        let id = parse_id(report_id)?;
        let code = text::normalize(code);
        if !model::valid_code(&code) {
            return Err(Error::InvalidAttributeCode { code });
        }
        if values.len() > MAX_VALUES {
            return Err(Error::TooLong {
                field: "attribute values",
                max: MAX_VALUES,
            });
        }
        let mut kept = Vec::with_capacity(values.len());
        for value in values {
            let value = text::nfc(&value);
            if text::char_len(&value) > check::TEXT_MAX_CHARS {
                return Err(Error::TooLong {
                    field: "attribute",
                    max: check::TEXT_MAX_CHARS,
                });
            }
            if !value.trim().is_empty() {
                kept.push(value);
            }
        }
        let answer = AttributeValue { code, values: kept };
        let all = self.store.write(|tx| {
            let report = crate::reports::db::get(tx, &id)?;
            require_editable(&report)?;
            db::set_value(tx, &id, &answer)?;
            tx.execute(
                "UPDATE reports SET updated_at = ?2 WHERE id = ?1",
                rusqlite::params![id, now_ms()],
            )?;
            db::values(tx, &id)
        })?;
        self.report_changed(&id, ReportChangeKind::Edited);
        Ok(all)
    }
}
