//! Hanoi's wards and communes across the FFI: import, point lookup, name
//! search, outlines for the map.

use std::sync::Arc;

use ihanoi_core::areas::outlines::WardOutlines;
use ihanoi_core::areas::{Area, AreaLookup, AreaSetInfo, SearchHit};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;
use crate::tasks::TaskHandle;

type Result<T> = std::result::Result<T, IhanoiError>;

#[uniffi::export(async_runtime = "tokio")]
impl IhanoiCore {
    /// Import the units from a GeoJSON file, off the caller's thread
    /// (validated first; a bad file, or a cancel through `task`, leaves the
    /// cached set untouched).
    pub async fn import_areas_file(
        &self,
        path: String,
        version: String,
        task: Arc<TaskHandle>,
    ) -> Result<AreaSetInfo> {
        Ok(self
            .core
            .import_areas(path.as_ref(), &version, task.token())
            .await?)
    }
}

#[uniffi::export]
impl IhanoiCore {
    /// Import the pre-reform ward names table (CSV); returns the row count.
    pub fn import_former_names_file(&self, path: String) -> Result<u32> {
        let rows = self.core.import_former_names_file(path.as_ref())?;
        Ok(u32::try_from(rows).unwrap_or(u32::MAX))
    }

    /// The set in use: the pulled or imported one, else the one the core
    /// ships (`built_in`, which routes a fresh install before any sync).
    pub fn area_set_info(&self) -> Result<Option<AreaSetInfo>> {
        Ok(self.core.area_set_info()?)
    }

    /// The unit containing the point; nothing outside Hanoi.
    pub fn locate_area(&self, lat: f64, lon: f64) -> Result<Option<Area>> {
        Ok(self.core.locate_area(lat, lon)?)
    }

    /// Every unit the accuracy circle reaches, the containing one first.
    pub fn lookup_areas(&self, lat: f64, lon: f64, radius_m: f64) -> Result<AreaLookup> {
        Ok(self.core.lookup_areas(lat, lon, radius_m)?)
    }

    /// Units by current or pre-reform name, best first.
    pub fn search_areas(&self, query: String, limit: u32) -> Result<Vec<SearchHit>> {
        Ok(self.core.search_areas(&query, limit)?)
    }

    /// The outlines of the unit holding the point and of those whose boundary
    /// is within `radius_m` of it (at most 5 km), simplified for drawing,
    /// offline: the position screen draws the pin over them with no network.
    /// Outside Hanoi: no outlines and a note, not an error.
    pub fn ward_outlines(&self, lat: f64, lon: f64, radius_m: f64) -> Result<WardOutlines> {
        Ok(self.core.ward_outlines(lat, lon, radius_m)?)
    }
}
