//! The city's units: served as GeoJSON (`GET /areas`) and used to choose
//! `agency_responsible` for a report's point, with the core's own index so the app
//! and the server route a point the same way.

use std::path::Path;

use ihanoi_core::areas::AreaIndex;
use ihanoi_core::areas::geometry::degrees;
use sha2::{Digest, Sha256};

#[derive(Debug)]
pub struct AreaCatalog {
    index: AreaIndex,
    /// The source file with a top-level `"version"` member spliced in.
    geojson: axum::body::Bytes,
    version: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AreasLoadError {
    #[error("cannot read the areas file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the areas file is not valid: {0}")]
    Invalid(String),
}

impl AreaCatalog {
    pub fn load(path: &Path) -> Result<Self, AreasLoadError> {
        let text = std::fs::read_to_string(path).map_err(|source| AreasLoadError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_geojson(&text)
    }

    pub fn from_geojson(text: &str) -> Result<Self, AreasLoadError> {
        let index =
            AreaIndex::from_geojson(text).map_err(|e| AreasLoadError::Invalid(e.to_string()))?;
        let digest = Sha256::digest(text.as_bytes());
        let version: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        // A GeoJSON foreign member at the top: splice it in after the opening brace
        // rather than re-serialising megabytes of coordinates.
        let body = text
            .trim_start()
            .strip_prefix('{')
            .ok_or_else(|| AreasLoadError::Invalid("the file is not a JSON object".into()))?;
        let geojson = format!("{{\"version\":\"{version}\",{body}");
        Ok(AreaCatalog {
            index,
            geojson: geojson.into(),
            version,
        })
    }

    /// Serve a set already indexed (the one the core ships, for the demo that
    /// runs without `../shared/geo`): its outlines written back as GeoJSON
    /// with the properties the core's parser reads.
    pub fn from_index(index: AreaIndex) -> Self {
        let features: Vec<serde_json::Value> = index
            .outlines()
            .iter()
            .map(|unit| {
                let a = &unit.area;
                let polygons: Vec<Vec<Vec<[f64; 2]>>> = unit
                    .polygons
                    .iter()
                    .map(|rings| {
                        rings
                            .iter()
                            .map(|ring| {
                                ring.iter()
                                    .map(|&p| {
                                        let (lon, lat) = degrees(p);
                                        [lon, lat]
                                    })
                                    .collect()
                            })
                            .collect()
                    })
                    .collect();
                serde_json::json!({
                    "type": "Feature",
                    "id": a.code,
                    "properties": {
                        "code": a.code,
                        "fullName": a.name,
                        "name": a.short_name,
                        "fullNameEn": a.name_en,
                    },
                    "geometry": { "type": "MultiPolygon", "coordinates": polygons },
                })
            })
            .collect();
        let body = serde_json::json!({ "type": "FeatureCollection", "features": features });
        let text = body.to_string();
        let digest = Sha256::digest(text.as_bytes());
        let version: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let geojson = format!("{{\"version\":\"{version}\",{}", &text[1..]);
        AreaCatalog {
            index,
            geojson: geojson.into(),
            version,
        }
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn geojson(&self) -> axum::body::Bytes {
        self.geojson.clone()
    }

    /// The unit containing the point: `(code, name)`.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<(&str, &str)> {
        self.index
            .locate(lat, lon)
            .map(|a| (a.code.as_str(), a.name.as_str()))
    }

    pub fn name_of(&self, code: &str) -> Option<&str> {
        self.index.area(code).map(|a| a.name.as_str())
    }
}
