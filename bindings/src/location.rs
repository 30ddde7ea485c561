//! A report's location across the FFI: fixes, verdicts, routing, nearby reports.

use ihanoi_core::location::{
    self, ExifPosition, LocationFix, LocationVerdict, NearbyReport, ReportLocation,
};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;

type Result<T> = std::result::Result<T, IhanoiError>;

/// How far to trust a fix at `now_ms` (good / fair / poor and why).
#[uniffi::export]
pub fn location_verdict(fix: LocationFix, now_ms: i64) -> LocationVerdict {
    location::verdict(&fix, now_ms)
}

/// The device fix if any, else the first photo's EXIF position (marked PhotoExif).
#[uniffi::export]
pub fn offered_location(
    device: Option<LocationFix>,
    first_photo_exif: Option<ExifPosition>,
) -> Option<LocationFix> {
    location::offered_location(device, first_photo_exif)
}

#[uniffi::export]
impl IhanoiCore {
    /// Attach a fix to a draft and route it; a manual pin is never replaced by a
    /// later sensor or photo fix.
    pub fn set_report_location(&self, id: String, fix: LocationFix) -> Result<ReportLocation> {
        Ok(self.core.set_report_location(&id, fix)?)
    }

    /// What to offer as the report's location: `device` when the phone has a
    /// fix, otherwise the GPS of the report's first photo (marked PhotoExif);
    /// nothing is stored until `set_report_location`.
    pub fn offered_report_location(
        &self,
        id: String,
        device: Option<LocationFix>,
    ) -> Result<Option<LocationFix>> {
        Ok(self.core.offered_report_location(&id, device)?)
    }

    pub fn report_location(&self, id: String) -> Result<Option<ReportLocation>> {
        Ok(self.core.report_location(&id)?)
    }

    /// The resident picked the unit among the candidates.
    pub fn choose_report_area(&self, id: String, code: String) -> Result<ReportLocation> {
        Ok(self.core.choose_report_area(&id, &code)?)
    }

    /// Reports of the category within `radius_m` (default 50 m), nearest first.
    #[allow(clippy::too_many_arguments)]
    pub fn nearby_reports(
        &self,
        lat: f64,
        lon: f64,
        category_code: String,
        since_ms: i64,
        until_ms: i64,
        radius_m: Option<f64>,
        exclude_report_id: Option<String>,
    ) -> Result<Vec<NearbyReport>> {
        Ok(self.core.nearby_reports(
            lat,
            lon,
            &category_code,
            since_ms,
            until_ms,
            radius_m,
            exclude_report_id.as_deref(),
        )?)
    }
}
