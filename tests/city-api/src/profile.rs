//! Server profiles: switches that make the reference server behave like the
//! Open311 servers cities already run, so the app's client is tested against
//! more than the server written alongside it (docs/city-api.md § Server
//! profiles). The default is the full API with every extension; each switch
//! takes something away or changes a shape, and they combine
//! (`--profile plain,strict,numeric-ids`).

use crate::workflow::DetailedStatus;

/// Which departures from the full reference API are on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    /// Plain GeoReport v2: no discovery extensions, no resident sign-in, no
    /// alerts or areas endpoints, no idempotency, no extension fields in
    /// answers (no `reason` in errors, no `detailed_status`, no report
    /// attributes), bearer tokens and `mine` ignored.
    pub plain: bool,
    /// A strict input schema: any field or query parameter the server does
    /// not define is refused with 400 "unexpected entries: …".
    pub strict: bool,
    /// `service_request_id` and `update_id` as JSON numbers.
    pub numeric_ids: bool,
    /// Photos are read from parts named `media`; `media[]` parts are dropped
    /// (refused when strict).
    pub media_field: bool,
    /// No uploads: only `media_url`; file parts are dropped (refused when strict).
    pub no_upload: bool,
    /// Errors as one object `{"code", "detail"}` instead of the standard's array.
    pub object_errors: bool,
    /// No `/servicerequestupdates` endpoint.
    pub no_updates: bool,
    /// `client_request_id` is not a field (ignored, or refused when strict).
    pub no_idempotency: bool,
    /// Services publish forms of the city's own (`metadata: true`, attributes
    /// of every datatype, one required): a report without the required
    /// answer, or with an answer the form does not accept, is refused.
    pub city_forms: bool,
    /// `GET /requests` takes no search filter but `service_request_id`
    /// (service, dates, status, position → 400), as some servers' lists are
    /// by id only: the app cannot look an earlier attempt up.
    pub no_search: bool,
    /// `GET /requests` has no position filter: `lat`, `long` and `radius`
    /// are ignored as unknown parameters (refused when strict), as on
    /// servers that implement only the standard's filters.
    pub no_near_search: bool,
    /// The standard `status` carries FixMyStreet's extended words
    /// (`action_scheduled`, `investigating`, `fixed`,
    /// `not_councils_responsibility`, …) and, for a transferred report, a
    /// phrase of the city's own that no list knows.
    pub extended_statuses: bool,
}

/// The names `--profile` takes, in the order the README's table lists them.
pub const PROFILE_NAMES: [&str; 13] = [
    "full",
    "plain",
    "strict",
    "numeric-ids",
    "media-field",
    "no-upload",
    "object-errors",
    "no-updates",
    "no-idempotency",
    "city-forms",
    "no-search",
    "no-near-search",
    "extended-statuses",
];

impl Profile {
    /// `full`, or a comma-separated list of switches.
    pub fn parse(list: &str) -> Result<Profile, String> {
        let mut profile = Profile::default();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            profile.set(name)?;
        }
        Ok(profile)
    }

    /// Turn one switch on (`full` turns none on).
    pub fn set(&mut self, name: &str) -> Result<(), String> {
        let flag = match name {
            "full" => return Ok(()),
            "plain" => &mut self.plain,
            "strict" => &mut self.strict,
            "numeric-ids" => &mut self.numeric_ids,
            "media-field" => &mut self.media_field,
            "no-upload" => &mut self.no_upload,
            "object-errors" => &mut self.object_errors,
            "no-updates" => &mut self.no_updates,
            "no-idempotency" => &mut self.no_idempotency,
            "city-forms" => &mut self.city_forms,
            "no-search" => &mut self.no_search,
            "no-near-search" => &mut self.no_near_search,
            "extended-statuses" => &mut self.extended_statuses,
            other => {
                return Err(format!(
                    "unknown profile {other:?} (one of: {})",
                    PROFILE_NAMES.join(", ")
                ));
            }
        };
        *flag = true;
        Ok(())
    }

    /// The switches that are on, comma-separated (`full` when none).
    pub fn name(&self) -> String {
        let on: Vec<&str> = PROFILE_NAMES[1..]
            .iter()
            .copied()
            .filter(|n| {
                let mut single = Profile::default();
                let _ = single.set(n);
                self.includes(&single)
            })
            .collect();
        if on.is_empty() {
            "full".into()
        } else {
            on.join(",")
        }
    }

    fn includes(&self, other: &Profile) -> bool {
        let bits = |p: &Profile| {
            [
                p.plain,
                p.strict,
                p.numeric_ids,
                p.media_field,
                p.no_upload,
                p.object_errors,
                p.no_updates,
                p.no_idempotency,
                p.city_forms,
                p.no_search,
                p.no_near_search,
                p.extended_statuses,
            ]
        };
        bits(self)
            .iter()
            .zip(bits(other))
            .all(|(mine, theirs)| *mine || !theirs)
    }

    /// The app's extensions (discovery's `extensions`, extension fields in answers).
    pub fn extensions(&self) -> bool {
        !self.plain
    }

    pub fn sign_in(&self) -> bool {
        !self.plain
    }

    pub fn alerts(&self) -> bool {
        !self.plain
    }

    pub fn areas(&self) -> bool {
        !self.plain
    }

    pub fn updates(&self) -> bool {
        !self.no_updates
    }

    pub fn idempotency(&self) -> bool {
        !self.plain && !self.no_idempotency
    }

    pub fn uploads(&self) -> bool {
        !self.no_upload
    }

    /// The multipart part name photos are read from.
    pub fn media_part(&self) -> &'static str {
        if self.media_field { "media" } else { "media[]" }
    }

    /// Whether `GET /requests` takes `lat`, `long` and `radius`.
    pub fn near_search(&self) -> bool {
        !self.no_near_search
    }

    /// The standard `status` of a report or an update in `detailed`.
    pub fn status_word(&self, detailed: DetailedStatus) -> &'static str {
        if !self.extended_statuses {
            return detailed.open_closed();
        }
        match detailed {
            DetailedStatus::Pending => "open",
            DetailedStatus::Accepted => "action_scheduled",
            DetailedStatus::InProgress => "investigating",
            DetailedStatus::Transferred => "Chuyển quận xem xét",
            DetailedStatus::Resolved => "fixed",
            DetailedStatus::Rejected => "not_councils_responsibility",
        }
    }

    /// Whether `attribute[CODE]` for the app's report attributes is defined.
    pub fn report_attributes(&self) -> bool {
        !self.plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_combine_and_name_themselves() {
        let p = Profile::parse("plain, strict,numeric-ids").unwrap();
        assert!(p.plain && p.strict && p.numeric_ids && !p.media_field);
        assert_eq!(p.name(), "plain,strict,numeric-ids");
        assert_eq!(Profile::parse("full").unwrap(), Profile::default());
        assert_eq!(Profile::default().name(), "full");
        assert!(Profile::parse("loose").unwrap_err().contains("no-upload"));
        assert!(!p.idempotency() && !p.sign_in() && p.updates());
        assert_eq!(Profile::parse("media-field").unwrap().media_part(), "media");
        let forms = Profile::parse("plain,city-forms").unwrap();
        assert!(forms.city_forms && forms.plain);
        assert_eq!(forms.name(), "plain,city-forms");
        let words = Profile::parse("plain,extended-statuses").unwrap();
        assert_eq!(words.status_word(DetailedStatus::Resolved), "fixed");
        assert_eq!(
            Profile::default().status_word(DetailedStatus::Resolved),
            "closed"
        );
    }
}
