//! Metres per degree around a latitude (WGS84 ellipsoid, series expansion).
//!
//! Distances to boundaries are only ever needed inside an accuracy circle of at
//! most a few hundred metres, where a plane scaled at the point's own latitude
//! is exact to well under a centimetre per 100 m.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetresPerDegree {
    pub lat: f64,
    pub lon: f64,
}

impl MetresPerDegree {
    pub fn at(lat_deg: f64) -> Self {
        let phi = lat_deg.to_radians();
        MetresPerDegree {
            lat: 111_132.92 - 559.82 * (2.0 * phi).cos() + 1.175 * (4.0 * phi).cos()
                - 0.0023 * (6.0 * phi).cos(),
            lon: 111_412.84 * phi.cos() - 93.5 * (3.0 * phi).cos() + 0.118 * (5.0 * phi).cos(),
        }
    }

    /// Distance in metres between two nearby positions (equirectangular at
    /// their mean latitude; for the short distances between a report and its
    /// neighbours, within millimetres of the geodesic).
    pub fn distance_m(a_lat: f64, a_lon: f64, b_lat: f64, b_lon: f64) -> f64 {
        let scale = MetresPerDegree::at((a_lat + b_lat) / 2.0);
        let dx = (a_lon - b_lon) * scale.lon;
        let dy = (a_lat - b_lat) * scale.lat;
        dx.hypot(dy)
    }
}
