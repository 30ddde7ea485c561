//! The location calls the shells make through [`Core`].

use std::sync::Arc;

use rusqlite::Connection;

use crate::app::Core;
use crate::areas::{AreasError, LatLon, LoadedAreas, projection::MetresPerDegree};
use crate::error::{Error, Result};
use crate::location::db::{self, StoredLocation};
use crate::location::error::LocationError;
use crate::location::model::{
    ExifPosition, LocationFix, LocationSource, NearbyReport, ReportLocation,
};
use crate::location::verdict::{EXIF_ASSUMED_ACCURACY_M, verdict};
use crate::reports::db as reports_db;
use crate::time::{UnixMillis, now_ms};

/// Reports closer than this to a new one are shown as possible duplicates.
pub const DEFAULT_NEARBY_RADIUS_M: f64 = 50.0;
/// Nearby searches are for duplicates, not maps: the radius is capped.
pub const MAX_NEARBY_RADIUS_M: f64 = 1_000.0;

/// Hanoi's bounding box (lon 105.285–106.021, lat 20.564–21.386, from the 2025
/// boundaries, rounded outwards): the outside-Hanoi check before any area set
/// has been imported.
const HANOI_BBOX: [f64; 4] = [105.28, 20.56, 106.03, 21.39];

/// Refuse NaN, infinities, positions off the globe and negative accuracy.
pub fn validate_fix(fix: &LocationFix) -> std::result::Result<(), LocationError> {
    if !LatLon::new(fix.lat, fix.lon).is_valid() {
        return Err(LocationError::InvalidFix {
            reason: format!("position lat {} lon {}", fix.lat, fix.lon),
        });
    }
    if !fix.accuracy_m.is_finite() || fix.accuracy_m < 0.0 {
        return Err(LocationError::InvalidFix {
            reason: format!("accuracy {} m", fix.accuracy_m),
        });
    }
    Ok(())
}

/// What to offer as the report's location: the device's fix when there is one,
/// otherwise the first photo's EXIF position, marked as coming from the photo
/// (its time is the capture time, so an old photo comes out stale → poor).
pub fn offered_location(
    device: Option<LocationFix>,
    first_photo_exif: Option<ExifPosition>,
) -> Option<LocationFix> {
    if device.is_some() {
        return device;
    }
    let exif = first_photo_exif?;
    let fix = LocationFix {
        lat: exif.lat,
        lon: exif.lon,
        accuracy_m: exif
            .accuracy_m
            .filter(|a| a.is_finite() && *a >= 0.0)
            .unwrap_or(EXIF_ASSUMED_ACCURACY_M),
        // No capture time: treat as old rather than fresh.
        time_ms: exif.captured_at_ms.unwrap_or(0),
        source: LocationSource::PhotoExif,
        mocked: false,
    };
    validate_fix(&fix).ok().map(|()| fix)
}

fn parse_report_id(id: &str) -> Result<String> {
    uuid::Uuid::parse_str(id)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| Error::InvalidReportId { id: id.to_owned() })
}

fn require_editable(conn: &Connection, id: &str) -> Result<()> {
    let report = reports_db::get(conn, id)?;
    if report.state.is_editable() {
        Ok(())
    } else {
        Err(Error::WrongState {
            id: id.to_owned(),
            state: report.state,
            expected: "a draft",
        })
    }
}

fn to_report_location(report_id: &str, s: StoredLocation) -> ReportLocation {
    ReportLocation {
        report_id: report_id.to_owned(),
        source_label: s.fix.source.label(),
        verdict: verdict(&s.fix, s.attached_at),
        fix: s.fix,
        pin_adjusted: s.fix.source == LocationSource::ManualPin,
        pin_moved_m: s.pin_moved_m,
        area_code: s.area_code,
        area_name: s.area_name,
        area_ambiguous: s.area_ambiguous,
        area_chosen_by_user: s.area_chosen_by_user,
        attached_at_ms: s.attached_at,
    }
}

impl Core {
    /// The area set if one is available; `None` before the first import.
    fn areas_if_any(&self) -> Result<Option<Arc<LoadedAreas>>> {
        match self.loaded_areas() {
            Ok(areas) => Ok(Some(areas)),
            Err(Error::Areas(AreasError::NotLoaded)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// What to offer as this report's location ([`offered_location`]): the
    /// device's fix when the shell has one, otherwise the GPS of the report's
    /// first photo (`None` when neither exists). Nothing is stored: the shell
    /// shows it and passes it to [`Core::set_report_location`].
    pub fn offered_report_location(
        &self,
        id: &str,
        device: Option<LocationFix>,
    ) -> Result<Option<LocationFix>> {
        let photos = self.photos(id)?;
        let exif = photos.first().and_then(|p| {
            p.gps.map(|g| ExifPosition {
                lat: g.latitude,
                lon: g.longitude,
                accuracy_m: g.accuracy_m,
                captured_at_ms: p.captured_at_ms,
            })
        });
        Ok(offered_location(device, exif))
    }

    /// Attach a fix to a draft and route it to a unit. A pin the resident
    /// placed is never replaced by a later sensor or photo fix (that call
    /// returns the pinned location unchanged); a pin records how far it moved
    /// from the position it replaced.
    pub fn set_report_location(&self, id: &str, fix: LocationFix) -> Result<ReportLocation> {
        let id = parse_report_id(id)?;
        validate_fix(&fix)?;
        let areas = self.areas_if_any()?;
        let routing = match &areas {
            Some(areas) => {
                // A pin is where the resident says the problem is: no circle.
                let radius = if fix.source == LocationSource::ManualPin {
                    0.0
                } else {
                    fix.accuracy_m
                };
                Some(crate::areas::ops::owned_lookup(
                    &areas.index,
                    fix.lat,
                    fix.lon,
                    radius,
                )?)
            }
            None => None,
        };
        let now = now_ms();
        let stored = self.store.write(|tx| {
            require_editable(tx, &id)?;
            let existing = db::find(tx, &id)?;
            let pinned = existing
                .as_ref()
                .filter(|e| e.fix.source == LocationSource::ManualPin);
            if let (Some(pin), false) = (pinned, fix.source == LocationSource::ManualPin) {
                return Ok(pin.clone());
            }
            let original = if fix.source == LocationSource::ManualPin {
                existing.as_ref().and_then(|e| match e.fix.source {
                    LocationSource::ManualPin => e.original,
                    _ => Some((e.fix.lat, e.fix.lon)),
                })
            } else {
                None
            };
            let containing = routing.as_ref().and_then(|r| r.containing());
            let stored = StoredLocation {
                fix,
                original,
                pin_moved_m: original
                    .map(|(lat, lon)| MetresPerDegree::distance_m(lat, lon, fix.lat, fix.lon)),
                area_code: containing.map(|a| a.code.clone()),
                area_name: containing.map(|a| a.name.clone()),
                area_ambiguous: routing.as_ref().is_some_and(|r| r.ambiguous),
                area_chosen_by_user: false,
                attached_at: now,
            };
            db::put(tx, &id, &stored)?;
            Ok(stored)
        })?;
        self.report_changed(&id, crate::observers::ReportChangeKind::Edited);
        Ok(to_report_location(&id, stored))
    }

    pub fn report_location(&self, id: &str) -> Result<Option<ReportLocation>> {
        let id = parse_report_id(id)?;
        let stored = self.store.read(|conn| {
            reports_db::get(conn, &id)?;
            db::find(conn, &id)
        })?;
        Ok(stored.map(|s| to_report_location(&id, s)))
    }

    /// The resident picked the unit among the candidates the accuracy circle
    /// reached (the shell asked because the routing was ambiguous).
    pub fn choose_report_area(&self, id: &str, code: &str) -> Result<ReportLocation> {
        let id = parse_report_id(id)?;
        let areas = self.loaded_areas()?;
        let stored = self.store.write(|tx| {
            require_editable(tx, &id)?;
            let mut stored = db::find(tx, &id)?.ok_or(LocationError::NoLocation)?;
            let radius = stored.fix.accuracy_m.max(1.0);
            let lookup = crate::areas::ops::owned_lookup(
                &areas.index,
                stored.fix.lat,
                stored.fix.lon,
                radius,
            )?;
            let chosen = lookup
                .candidates
                .iter()
                .find(|c| c.area.code == code)
                .ok_or_else(|| LocationError::NotACandidate {
                    code: code.to_owned(),
                })?;
            stored.area_code = Some(chosen.area.code.clone());
            stored.area_name = Some(chosen.area.name.clone());
            stored.area_chosen_by_user = true;
            db::put(tx, &id, &stored)?;
            Ok(stored)
        })?;
        self.report_changed(&id, crate::observers::ReportChangeKind::Edited);
        Ok(to_report_location(&id, stored))
    }

    /// Reports of `category` created between `since_ms` and `until_ms` within
    /// `radius_m` (default 50 m) of the point, nearest first: possible
    /// duplicates to show before a resident files the same problem again.
    #[allow(clippy::too_many_arguments)]
    pub fn nearby_reports(
        &self,
        lat: f64,
        lon: f64,
        category_code: &str,
        since_ms: UnixMillis,
        until_ms: UnixMillis,
        radius_m: Option<f64>,
        exclude_report_id: Option<&str>,
    ) -> Result<Vec<NearbyReport>> {
        if !LatLon::new(lat, lon).is_valid() {
            return Err(AreasError::InvalidPosition { lat, lon }.into());
        }
        let radius = radius_m.unwrap_or(DEFAULT_NEARBY_RADIUS_M);
        if radius.is_nan() || radius < 0.0 {
            return Err(AreasError::InvalidRadius { radius_m: radius }.into());
        }
        let radius = radius.min(MAX_NEARBY_RADIUS_M);
        let scale = MetresPerDegree::at(lat);
        let (dlat, dlon) = (radius / scale.lat, radius / scale.lon);
        let category = crate::text::normalize(category_code);
        let rows = self.store.read(|conn| {
            db::in_box(
                conn,
                (lat - dlat, lat + dlat),
                (lon - dlon, lon + dlon),
                &category,
                since_ms,
                until_ms,
                exclude_report_id,
            )
        })?;
        let mut found: Vec<NearbyReport> = rows
            .into_iter()
            .filter_map(|(mut report, r_lat, r_lon)| {
                report.distance_m = MetresPerDegree::distance_m(lat, lon, r_lat, r_lon);
                (report.distance_m <= radius).then_some(report)
            })
            .collect();
        found.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
        Ok(found)
    }
}

/// Whether the report's stored position lies outside Hanoi (the service covers
/// Hanoi only); `false` when it has no position. Read inside the queueing
/// transaction and for the review's problems, with the area set loaded
/// beforehand (loading takes the store's lock).
pub(crate) fn is_outside_hanoi(
    conn: &Connection,
    id: &str,
    areas: Option<&LoadedAreas>,
) -> Result<bool> {
    let Some(stored) = db::find(conn, id)? else {
        return Ok(false);
    };
    if stored.area_code.is_some() {
        return Ok(false);
    }
    let (lat, lon) = (stored.fix.lat, stored.fix.lon);
    let inside = match areas {
        // Routed before a set was available, or outside: decide now.
        Some(areas) => areas.index.locate(lat, lon).is_some(),
        None => {
            lon >= HANOI_BBOX[0]
                && lat >= HANOI_BBOX[1]
                && lon <= HANOI_BBOX[2]
                && lat <= HANOI_BBOX[3]
        }
    };
    Ok(!inside)
}

/// The area set for [`is_outside_hanoi`], loaded before reading the store.
pub(crate) fn areas_for_readiness(core: &Core) -> Result<Option<Arc<LoadedAreas>>> {
    core.areas_if_any()
}
