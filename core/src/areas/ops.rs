//! The area calls the shells make through [`Core`]. The set lives in SQLite;
//! the first call after start decodes it once and keeps the index in memory.

use std::path::Path;
use std::sync::{Arc, RwLock};

use crate::app::Core;
use crate::areas::cache::{self, AreaSetInfo};
use crate::areas::error::AreasError;
use crate::areas::index::AreaIndex;
use crate::areas::model::Area;
use crate::areas::outlines::{WardOutlines, outlines_around};
use crate::areas::search::{FormerNames, NameSearch, SearchHit};
use crate::areas::snapshot;
use crate::error::{Error, Result};
use crate::net::SyncError;
use crate::tasks::{CancelToken, run_blocking_on_core};
use crate::time::now_ms;

/// The set in use, shared by every call until a new import replaces it.
#[derive(Debug)]
pub struct LoadedAreas {
    pub info: AreaSetInfo,
    pub index: Arc<AreaIndex>,
    pub search: NameSearch,
}

/// In-memory state of the areas: empty until first used or imported.
#[derive(Debug, Default)]
pub struct AreaState {
    current: RwLock<Option<Arc<LoadedAreas>>>,
}

impl AreaState {
    fn get(&self) -> Option<Arc<LoadedAreas>> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set(&self, loaded: Arc<LoadedAreas>) {
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some(loaded);
    }
}

/// A unit the accuracy circle reaches (owned, for the shells).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AreaCandidate {
    pub area: Area,
    pub contains: bool,
    pub distance_m: f64,
}

/// Where a fix with an accuracy radius may belong.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AreaLookup {
    /// Containing unit first, then the others nearest first.
    pub candidates: Vec<AreaCandidate>,
    pub ambiguous: bool,
}

impl AreaLookup {
    pub fn containing(&self) -> Option<&Area> {
        self.candidates
            .first()
            .filter(|c| c.contains)
            .map(|c| &c.area)
    }
}

impl Core {
    /// Import a GeoJSON set of units (from the city API or a bundled file).
    /// Parsed and fully validated before anything is written: on any error the
    /// cached set stays as it was.
    pub fn import_areas_geojson(&self, geojson: &str, version: &str) -> Result<AreaSetInfo> {
        self.import_area_index(AreaIndex::from_geojson(geojson)?, version)
    }

    /// Cache and use a set already parsed and validated (e.g. off the UI
    /// thread by the sync task, or once for many tests).
    pub fn import_area_index(&self, index: AreaIndex, version: &str) -> Result<AreaSetInfo> {
        let version = crate::text::normalize(version);
        let (info, former) = self.store.write(|tx| {
            let info = cache::save_set(tx, &version, &index, now_ms())?;
            Ok((info, cache::load_former_names(tx)?))
        })?;
        tracing::info!(units = info.unit_count, version = %info.version, "area set imported");
        self.areas
            .set(Arc::new(loaded(info.clone(), Arc::new(index), &former)));
        Ok(info)
    }

    pub fn import_areas_file(&self, path: &Path, version: &str) -> Result<AreaSetInfo> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.import_areas_geojson(&text, version)
    }

    /// [`Core::import_areas_file`] off the caller's thread: reading and
    /// validating a set (hundreds of milliseconds for the city's 126 units) run
    /// on the core runtime's blocking pool. Cancelling `cancel`, or dropping
    /// this future, keeps the cached set as it was
    /// ([`crate::net::SyncError::Cancelled`]).
    pub async fn import_areas(
        &self,
        path: &Path,
        version: &str,
        cancel: CancelToken,
    ) -> Result<AreaSetInfo> {
        let (path, token) = (path.to_owned(), cancel.clone());
        let index = run_blocking_on_core(&cancel, move || {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            token.check().map_err(SyncError::from)?;
            Ok::<_, Error>(AreaIndex::from_geojson(&text)?)
        })
        .await?;
        cancel.check().map_err(SyncError::from)?;
        self.import_area_index(index, version)
    }

    /// Import the pre-reform names table (old ward → new unit(s)), CSV with
    /// `old_code,old_name,new_code` columns. Replaces the previous table.
    pub fn import_former_names_csv(&self, csv: &str) -> Result<usize> {
        let names = FormerNames::from_csv(csv)?;
        self.store
            .write(|tx| cache::save_former_names(tx, &names))?;
        if let Some(current) = self.areas.get() {
            let index = Arc::clone(&current.index);
            self.areas
                .set(Arc::new(loaded(current.info.clone(), index, &names)));
        }
        Ok(names.entries.len())
    }

    pub fn import_former_names_file(&self, path: &Path) -> Result<usize> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.import_former_names_csv(&text)
    }

    /// Which set is in use (cheap: does not decode it): the cached one, else
    /// the built-in one (`built_in: true`). Always `Some` since the core ships
    /// a set; kept optional so a build without one can say so.
    pub fn area_set_info(&self) -> Result<Option<AreaSetInfo>> {
        Ok(Some(
            self.cached_area_set_info()?.unwrap_or_else(snapshot::info),
        ))
    }

    /// The set pulled or imported into this device's cache, if any (`None`
    /// while the built-in set is in use).
    pub fn cached_area_set_info(&self) -> Result<Option<AreaSetInfo>> {
        self.store.read(cache::set_info)
    }

    /// The set in use: from memory, or on first use decoded from the cache,
    /// else the built-in set.
    pub fn loaded_areas(&self) -> Result<Arc<LoadedAreas>> {
        if let Some(current) = self.areas.get() {
            return Ok(current);
        }
        let (set, former) = self
            .store
            .read(|conn| Ok((cache::load_set(conn)?, cache::load_former_names(conn)?)))?;
        let Some(cache::CachedSet {
            info,
            index,
            old_format,
        }) = set
        else {
            let current = Arc::new(loaded(
                snapshot::info(),
                Arc::new(snapshot::index()?),
                &former,
            ));
            self.areas.set(Arc::clone(&current));
            return Ok(current);
        };
        if let Some(old_format) = old_format {
            // Written by an older build: store it in the current format so the
            // next start reads the bands instead of sorting them again.
            // A failed write costs only speed: the set in memory is right.
            match self
                .store
                .write(|tx| cache::rewrite_in_current_format(tx, &info, old_format, &index))
            {
                Ok(rewritten) => tracing::info!(old_format, rewritten, "area set cache upgraded"),
                Err(e) => tracing::warn!(old_format, error = %e, "area set cache not upgraded"),
            }
        }
        let current = Arc::new(loaded(info, Arc::new(index), &former));
        self.areas.set(Arc::clone(&current));
        Ok(current)
    }

    /// The unit containing the point (`None` outside Hanoi).
    pub fn locate_area(&self, lat: f64, lon: f64) -> Result<Option<Area>> {
        let areas = self.loaded_areas()?;
        let lookup = areas.index.lookup(lat, lon, 0.0)?;
        Ok(lookup.containing().cloned())
    }

    /// Every unit within `radius_m` of the point, the containing one first.
    pub fn lookup_areas(&self, lat: f64, lon: f64, radius_m: f64) -> Result<AreaLookup> {
        let areas = self.loaded_areas()?;
        Ok(owned_lookup(&areas.index, lat, lon, radius_m)?)
    }

    /// Units by name (current or pre-reform), best first.
    pub fn search_areas(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let areas = self.loaded_areas()?;
        Ok(areas.search.search(&areas.index, query, limit as usize))
    }

    /// The outlines around a point for the position screen's map, offline
    /// (see [`crate::areas::outlines::outlines_around`]).
    pub fn ward_outlines(&self, lat: f64, lon: f64, radius_m: f64) -> Result<WardOutlines> {
        let areas = self.loaded_areas()?;
        Ok(outlines_around(&areas.index, lat, lon, radius_m)?)
    }
}

pub(crate) fn owned_lookup(
    index: &AreaIndex,
    lat: f64,
    lon: f64,
    radius_m: f64,
) -> std::result::Result<AreaLookup, AreasError> {
    let lookup = index.lookup(lat, lon, radius_m)?;
    Ok(AreaLookup {
        ambiguous: lookup.ambiguous,
        candidates: lookup
            .candidates
            .into_iter()
            .map(|c| AreaCandidate {
                area: c.area.clone(),
                contains: c.contains,
                distance_m: c.distance_m,
            })
            .collect(),
    })
}

/// The set in use with its name search; the old names are the cached table,
/// else the built-in one.
fn loaded(info: AreaSetInfo, index: Arc<AreaIndex>, former: &FormerNames) -> LoadedAreas {
    let former = if former.entries.is_empty() {
        snapshot::former_names()
    } else {
        former
    };
    let search = NameSearch::new(&index, Some(former));
    LoadedAreas {
        info,
        index,
        search,
    }
}
