//! Everything a report's screen shows besides its photos and timeline, decided
//! and worded here once: the state and urgency in words, the category's name
//! (not its code), the unit's name, the city's reason when it refused the
//! report, and the warnings to read before sending. The shells only lay it out.

use crate::app::Core;
use crate::error::Result;
use crate::i18n::Bilingual;
use crate::reports::db;
use crate::reports::model::{Report, ReportActions, ReportState};
use crate::reports::ops::parse_id;
use crate::reports::readiness::{self, Problem, Warning};

/// A report with what its screen says about it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportDetails {
    pub report: Report,
    /// The report's state in words ([`ReportState::label`]).
    pub state_label: Bilingual,
    /// Its urgency in words ([`crate::reports::Urgency::label`]).
    pub urgency_label: Bilingual,
    /// The chosen category with its name (`None` before one is chosen).
    pub category: Option<CategoryName>,
    /// The unit the report goes (or went) to, with its name.
    pub unit: Option<UnitName>,
    /// Why the city refused it (only while it needs attention).
    pub attention: Option<CityReason>,
    /// The buttons the screen offers: `can_queue` only once `problems` is
    /// empty (the one answer the review screen renders).
    pub actions: ReportActions,
    /// The city's updates on its timeline the resident has not opened yet
    /// (the list row's badge; stored, so known offline). Opening the report's
    /// screen calls `mark_report_read`, which brings it to 0.
    pub unread_updates: u32,
    /// What stops queueing (empty once it can be queued, and after queueing).
    pub problems: Vec<Problem>,
    /// What to know before sending; never stops it (photo review flags).
    pub warnings: Vec<Warning>,
}

/// A category code with its name in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CategoryName {
    pub code: String,
    /// The code itself (in both) when the category is not on the current list.
    pub name: Bilingual,
    /// On the current list (pulled, else shipped).
    pub listed: bool,
}

/// A unit code with its name from the area set in use.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct UnitName {
    /// 5-digit code sent to and answered by the city.
    pub code: String,
    /// "Phường Ba Đình"; `None` for a code the area set does not know.
    pub name: Option<String>,
    /// The phone could not route the report (no position in Hanoi, or none
    /// yet): this is the unit the city chose when it accepted the report.
    pub from_city: bool,
}

/// The city's answer when it refused a report: a stable code and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CityReason {
    /// The city's error code (`unknown_service_code`, `http_422`, …).
    pub code: String,
    /// What the city (or the app, for a photo that vanished) said.
    pub message: Bilingual,
}

impl Core {
    /// The report as its screen shows it (see [`ReportDetails`]).
    pub fn report_details(&self, id: &str) -> Result<ReportDetails> {
        let id = parse_id(id)?;
        let report = self.store.read(|conn| db::get(conn, &id))?;
        let photos = self.photos(&id)?;
        let location = self.report_location(&id)?;
        let categories = self.categories()?;
        let category = report.category_code.as_ref().map(|code| {
            match categories.iter().find(|c| &c.code == code) {
                Some(c) => CategoryName {
                    code: code.clone(),
                    name: c.name.clone(),
                    listed: true,
                },
                None => CategoryName {
                    code: code.clone(),
                    name: Bilingual::new(code.clone(), code.clone()),
                    listed: false,
                },
            }
        });
        let routed = location.and_then(|l| l.area_code);
        let unit = match routed {
            Some(code) => Some((code, false)),
            None => self.city_unit(&id)?.map(|code| (code, true)),
        }
        .map(|(code, from_city)| UnitName {
            name: self.unit_name(&code),
            code,
            from_city,
        });
        let attention = if report.state == ReportState::NeedsAttention {
            let record = self.sync_record(&id)?;
            record.rejection_reason.map(|code| CityReason {
                code,
                message: record.rejection_message.unwrap_or_default(),
            })
        } else {
            None
        };
        let problems = if report.state.is_editable() {
            self.problems(&id)?
        } else {
            Vec::new()
        };
        let unread_updates = self
            .store
            .read(|conn| crate::pull::db::unread_of_report(conn, &id))?;
        Ok(ReportDetails {
            actions: report.actions(&problems),
            unread_updates,
            state_label: report.state.label(),
            urgency_label: report.urgency.label(),
            category,
            unit,
            attention,
            problems,
            warnings: self.all_warnings(&report, &photos)?,
            report,
        })
    }

    /// The warnings of a report, for the form to show before the resident
    /// sends it: its photos' ([`readiness::warnings`]) and the city server's
    /// ([`readiness::server_warnings`]).
    pub fn report_warnings(&self, id: &str) -> Result<Vec<Warning>> {
        let report = self.report(id)?;
        self.all_warnings(&report, &self.photos(id)?)
    }

    fn all_warnings(
        &self,
        report: &Report,
        photos: &[crate::photos::Photo],
    ) -> Result<Vec<Warning>> {
        let mut warnings = readiness::warnings(photos);
        let uploads_refused = self.uploads_refused();
        let maybe_twice = report.state == ReportState::Submitted
            && self.sync_record(&report.id)?.last_error.as_deref()
                == Some(crate::sync::outbox::db::MAYBE_SENT_TWICE);
        warnings.extend(readiness::server_warnings(
            report.state.is_editable(),
            uploads_refused,
            maybe_twice,
        ));
        // Known offline from the draft's last search for reports nearby.
        if report.state.is_editable() {
            warnings.extend(self.nearby_warning(&report.id)?);
        }
        Ok(warnings)
    }

    /// The unit the city named: its latest status, else its answer to the
    /// report (`agency_responsible`).
    fn city_unit(&self, id: &str) -> Result<Option<String>> {
        if let Some(code) = self.report_status(id)?.and_then(|s| s.unit_code) {
            return Ok(Some(code));
        }
        Ok(self
            .submission(id)?
            .and_then(|s| s.agency_responsible)
            .filter(|code| !code.is_empty()))
    }

    /// A unit's name from the area set in use (`None` for a code it lacks).
    pub fn unit_name(&self, code: &str) -> Option<String> {
        let areas = self.loaded_areas().ok()?;
        areas.index.area(code).map(|a| a.name.clone())
    }
}
