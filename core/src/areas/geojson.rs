//! Reading the city's unit GeoJSON: a FeatureCollection with one Feature per
//! unit, properties `code` and `fullName` (or `name`), geometry Polygon or
//! MultiPolygon in WGS84 longitude/latitude.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::areas::error::{AreasError, AreasResult, FeatureRef};
use crate::areas::geometry::{Polygon, Ring, UnitOutline, clean_ring, quantize};
use crate::areas::model::{Area, AreaKind};
use crate::text;

#[derive(Deserialize)]
struct Collection {
    #[serde(rename = "type")]
    kind: String,
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    properties: Option<Map<String, Value>>,
    geometry: Option<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    coordinates: Value,
}

fn malformed(reason: impl Into<String>) -> AreasError {
    AreasError::MalformedGeoJson {
        reason: reason.into(),
    }
}

/// Parse and check every unit's attributes and rings. Set-wide checks
/// (duplicates, crossings) are [`crate::areas::geometry::validate_set`]'s.
pub fn parse(text: &str) -> AreasResult<Vec<UnitOutline>> {
    // serde_json refuses NaN, Infinity and 1e999 itself: they are not JSON.
    let collection: Collection =
        serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
    if collection.kind != "FeatureCollection" {
        return Err(malformed(format!(
            "expected a FeatureCollection, found {:?}",
            collection.kind
        )));
    }
    collection
        .features
        .into_iter()
        .enumerate()
        .map(|(index, feature)| parse_feature(index, feature))
        .collect()
}

fn parse_feature(index: usize, feature: Feature) -> AreasResult<UnitOutline> {
    let mut at = FeatureRef { index, code: None };
    let props = feature.properties.unwrap_or_default();
    let string = |key: &str| {
        props
            .get(key)
            .and_then(Value::as_str)
            .map(text::normalize)
            .filter(|s| !s.is_empty())
    };
    let code = string("code")
        .or_else(|| {
            feature
                .id
                .as_ref()
                .and_then(Value::as_str)
                .map(text::normalize)
        })
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AreasError::MissingProperty {
            at: at.clone(),
            property: "code",
        })?;
    at.code = Some(code.clone());
    let full_name = string("fullName");
    let short = string("name");
    let kind = string("type")
        .as_deref()
        .and_then(AreaKind::from_vietnamese)
        .or_else(|| full_name.as_deref().and_then(AreaKind::from_vietnamese))
        .or_else(|| short.as_deref().and_then(AreaKind::from_vietnamese))
        .ok_or_else(|| AreasError::MissingProperty {
            at: at.clone(),
            property: "type",
        })?;
    let (name, short_name) = match (full_name, short) {
        (Some(full), Some(short)) => (full, short),
        (Some(full), None) => {
            let short = strip_kind(&full).to_owned();
            (full, short)
        }
        (None, Some(short)) if AreaKind::from_vietnamese(&short).is_some() => {
            (short.clone(), strip_kind(&short).to_owned())
        }
        (None, Some(short)) => (format!("{} {short}", kind.as_vietnamese()), short),
        (None, None) => {
            return Err(AreasError::MissingProperty {
                at,
                property: "name",
            });
        }
    };
    let area = Area {
        code,
        name,
        short_name,
        name_en: string("fullNameEn").or_else(|| string("nameEn")),
        kind,
    };
    let geometry = feature
        .geometry
        .ok_or_else(|| AreasError::EmptyGeometry { at: at.clone() })?;
    let polygons = match geometry.kind.as_str() {
        "Polygon" => vec![parse_polygon(&at, &geometry.coordinates)?],
        "MultiPolygon" => array(&at, &geometry.coordinates)?
            .iter()
            .map(|p| parse_polygon(&at, p))
            .collect::<AreasResult<_>>()?,
        other => {
            return Err(AreasError::UnsupportedGeometry {
                at,
                found: other.to_owned(),
            });
        }
    };
    if polygons.is_empty() {
        return Err(AreasError::EmptyGeometry { at });
    }
    Ok(UnitOutline { area, polygons })
}

/// "Phường Ba Đình" → "Ba Đình".
fn strip_kind(full: &str) -> &str {
    for prefix in ["Phường ", "Xã ", "phường ", "xã "] {
        if let Some(rest) = full.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    full
}

fn array<'a>(at: &FeatureRef, value: &'a Value) -> AreasResult<&'a Vec<Value>> {
    value
        .as_array()
        .ok_or_else(|| malformed(format!("{at}: coordinates are not nested arrays")))
}

fn parse_polygon(at: &FeatureRef, value: &Value) -> AreasResult<Polygon> {
    let rings = array(at, value)?;
    if rings.is_empty() {
        return Err(AreasError::EmptyGeometry { at: at.clone() });
    }
    rings.iter().map(|r| parse_ring(at, r)).collect()
}

fn parse_ring(at: &FeatureRef, value: &Value) -> AreasResult<Ring> {
    let ring = array(at, value)?
        .iter()
        .map(|position| {
            let pair = array(at, position)?;
            match pair.as_slice() {
                [lon, lat, ..] => match (lon.as_f64(), lat.as_f64()) {
                    (Some(lon), Some(lat)) => quantize(at, lon, lat),
                    _ => Err(malformed(format!("{at}: a coordinate is not a number"))),
                },
                _ => Err(malformed(format!(
                    "{at}: a position needs longitude and latitude"
                ))),
            }
        })
        .collect::<AreasResult<Ring>>()?;
    clean_ring(at, ring)
}
