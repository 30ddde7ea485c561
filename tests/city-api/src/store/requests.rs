//! Service requests (reports) in SQLite: creation with the idempotency guarantee,
//! lookup, and search.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::media::{MediaStore, Photo};
use crate::http::error::{ApiError, ApiResult};
use crate::workflow::DetailedStatus;

/// A report ready to be stored (validated, routed, deadlines computed).
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub client_request_id: Option<String>,
    pub content_hash: String,
    pub token: String,
    pub account_id: Option<i64>,
    pub service_code: String,
    pub description: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_string: Option<String>,
    pub address_id: Option<String>,
    pub media_url: Option<String>,
    pub personal_json: String,
    pub attributes_json: String,
    pub urgency: &'static str,
    pub agency_responsible: Option<String>,
    pub requested_ms: i64,
    pub acknowledge_by_ms: Option<i64>,
    pub handle_by_ms: Option<i64>,
    pub photos: Vec<Photo>,
    pub photo_taken_ms: Vec<Option<i64>>,
}

/// What a POST did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    New {
        id: i64,
        token: String,
    },
    /// Same `client_request_id`, same content: the report that already exists.
    Replayed {
        id: i64,
        token: String,
        account_id: Option<i64>,
    },
    /// Same `client_request_id`, different content.
    Conflict,
}

fn existing(
    conn: &Connection,
    client_request_id: &str,
    content_hash: &str,
) -> rusqlite::Result<Option<Created>> {
    conn.query_row(
        "SELECT id, token, account_id, content_hash FROM requests WHERE client_request_id = ?1",
        [client_request_id],
        |r| {
            let hash: String = r.get(3)?;
            Ok(if hash == content_hash {
                Created::Replayed {
                    id: r.get(0)?,
                    token: r.get(1)?,
                    account_id: r.get(2)?,
                }
            } else {
                Created::Conflict
            })
        },
    )
    .optional()
}

/// Store a report and its photos in one transaction. With a `client_request_id`,
/// a second call with the same content returns the first report and writes
/// nothing; the UNIQUE constraint is the final word should two writers race.
pub fn create(conn: &mut Connection, media: &MediaStore, new: &NewRequest) -> ApiResult<Created> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(crid) = &new.client_request_id
        && let Some(found) = existing(&tx, crid, &new.content_hash)?
    {
        return Ok(found);
    }
    let written = media.put_all(&new.photos)?;
    let result = (|| -> rusqlite::Result<i64> {
        tx.execute(
            "INSERT INTO requests (client_request_id, content_hash, token, account_id, service_code, description,
                lat, long, address_string, address_id, media_url, personal_json, attributes_json, urgency,
                agency_responsible, detailed_status, requested_ms, updated_ms, acknowledge_by_ms, handle_by_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18, ?19)",
            params![
                new.client_request_id,
                new.content_hash,
                new.token,
                new.account_id,
                new.service_code,
                new.description,
                new.lat,
                new.long,
                new.address_string,
                new.address_id,
                new.media_url,
                new.personal_json,
                new.attributes_json,
                new.urgency,
                new.agency_responsible,
                DetailedStatus::Pending.as_str(),
                new.requested_ms,
                new.acknowledge_by_ms,
                new.handle_by_ms,
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (position, photo) in new.photos.iter().enumerate() {
            tx.execute(
                "INSERT INTO request_media (request_id, position, file_name, taken_ms) VALUES (?1, ?2, ?3, ?4)",
                params![id, position as i64, photo.file_name(), new.photo_taken_ms.get(position).copied().flatten()],
            )?;
        }
        Ok(id)
    })();
    let id = match result {
        Ok(id) => id,
        Err(error) => {
            media.remove(&written);
            let unique_violation = matches!(
                &error,
                rusqlite::Error::SqliteFailure(e, _) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            );
            drop(tx);
            if unique_violation && let Some(crid) = &new.client_request_id {
                // Another writer committed the same id between our check and insert.
                return existing(conn, crid, &new.content_hash)?.ok_or_else(ApiError::internal);
            }
            return Err(error.into());
        }
    };
    if let Err(error) = tx.commit() {
        media.remove(&written);
        return Err(error.into());
    }
    Ok(Created::New {
        id,
        token: new.token.clone(),
    })
}

/// A stored report as GET serves it.
#[derive(Debug, Clone)]
pub struct RequestRow {
    pub id: i64,
    pub token: String,
    pub account_id: Option<i64>,
    pub service_code: String,
    pub description: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_string: Option<String>,
    pub address_id: Option<String>,
    pub media_url: Option<String>,
    pub attributes_json: String,
    pub urgency: String,
    pub agency_responsible: Option<String>,
    pub detailed_status: DetailedStatus,
    pub status_notes: Option<String>,
    pub requested_ms: i64,
    pub updated_ms: i64,
    pub acknowledged_ms: Option<i64>,
    pub acknowledge_by_ms: Option<i64>,
    pub handle_by_ms: Option<i64>,
    pub client_request_id: Option<String>,
    /// Photo file names in order.
    pub photos: Vec<String>,
}

const COLUMNS: &str = "id, token, account_id, service_code, description, lat, long, address_string, address_id,
    media_url, attributes_json, urgency, agency_responsible, detailed_status, status_notes, requested_ms,
    updated_ms, acknowledged_ms, acknowledge_by_ms, handle_by_ms, client_request_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RequestRow> {
    let status: String = r.get(13)?;
    Ok(RequestRow {
        id: r.get(0)?,
        token: r.get(1)?,
        account_id: r.get(2)?,
        service_code: r.get(3)?,
        description: r.get(4)?,
        lat: r.get(5)?,
        long: r.get(6)?,
        address_string: r.get(7)?,
        address_id: r.get(8)?,
        media_url: r.get(9)?,
        attributes_json: r.get(10)?,
        urgency: r.get(11)?,
        agency_responsible: r.get(12)?,
        detailed_status: DetailedStatus::parse(&status).unwrap_or(DetailedStatus::Pending),
        status_notes: r.get(14)?,
        requested_ms: r.get(15)?,
        updated_ms: r.get(16)?,
        acknowledged_ms: r.get(17)?,
        acknowledge_by_ms: r.get(18)?,
        handle_by_ms: r.get(19)?,
        client_request_id: r.get(20)?,
        photos: Vec::new(),
    })
}

fn load_photos(conn: &Connection, rows: &mut [RequestRow]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT file_name FROM request_media WHERE request_id = ?1 ORDER BY position",
    )?;
    for r in rows {
        r.photos = stmt
            .query_map([r.id], |x| x.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<RequestRow>> {
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM requests WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?;
    Ok(match found {
        Some(r) => {
            let mut rows = [r];
            load_photos(conn, &mut rows)?;
            let [r] = rows;
            Some(r)
        }
        None => None,
    })
}

pub fn id_by_token(conn: &Connection, token: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT id FROM requests WHERE token = ?1", [token], |r| {
        r.get(0)
    })
    .optional()
}

/// `GET /requests` filters (already validated).
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub ids: Option<Vec<i64>>,
    pub service_codes: Vec<String>,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    /// `None`: any status; an empty list matches nothing.
    pub statuses: Option<Vec<DetailedStatus>>,
    pub agency: Option<String>,
    pub account_id: Option<i64>,
    /// `(lat, long, radius_m)`.
    pub near: Option<(f64, f64, f64)>,
    pub page: usize,
    pub page_size: usize,
}

/// Metres between two WGS84 points (haversine, mean Earth radius).
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * a.sqrt().asin()
}

/// One page of matching reports, newest first, with each row's distance when
/// searching near a point, and how many match in all.
#[derive(Debug, Clone)]
pub struct Page {
    pub items: Vec<(RequestRow, Option<f64>)>,
    pub total: usize,
}

/// Decimal places of a published position (see `routes::requests::View`).
pub const PUBLIC_DECIMALS: i32 = 4;

/// Round a coordinate for publishing.
pub fn public_coordinate(x: f64) -> f64 {
    let scale = 10f64.powi(PUBLIC_DECIMALS);
    (x * scale).round() / scale
}

/// Metres per degree of latitude on the mean sphere.
const M_PER_DEGREE: f64 = 6_371_008.8 * std::f64::consts::PI / 180.0;

/// The page is cut in SQL (`LIMIT`/`OFFSET`, newest first on the primary key) and
/// the total is a `COUNT(*)` over the same conditions: a call holds one page of
/// rows, never every match. A near search keeps points within the radius in SQL
/// too, measured from the published (rounded) position, so that distances and
/// radius answers cannot be used to locate a report more finely than its pin.
pub fn search(conn: &Connection, s: &Search) -> rusqlite::Result<Page> {
    let mut conditions = String::from("1=1");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let placeholders = |values: Vec<rusqlite::types::Value>,
                        args: &mut Vec<rusqlite::types::Value>| {
        let marks: Vec<String> = values
            .into_iter()
            .map(|v| {
                args.push(v);
                format!("?{}", args.len())
            })
            .collect();
        marks.join(",")
    };
    let mut near = None;
    if let Some(ids) = &s.ids {
        let marks = placeholders(ids.iter().map(|&i| i.into()).collect(), &mut args);
        conditions.push_str(&format!(" AND id IN ({marks})"));
    } else {
        if !s.service_codes.is_empty() {
            let marks = placeholders(
                s.service_codes.iter().map(|c| c.clone().into()).collect(),
                &mut args,
            );
            conditions.push_str(&format!(" AND service_code IN ({marks})"));
        }
        if let Some(statuses) = &s.statuses {
            let marks = placeholders(
                statuses
                    .iter()
                    .map(|c| c.as_str().to_owned().into())
                    .collect(),
                &mut args,
            );
            conditions.push_str(&format!(" AND detailed_status IN ({marks})"));
        }
        if let Some(start) = s.start_ms {
            args.push(start.into());
            conditions.push_str(&format!(" AND requested_ms >= ?{}", args.len()));
        }
        if let Some(end) = s.end_ms {
            args.push(end.into());
            conditions.push_str(&format!(" AND requested_ms <= ?{}", args.len()));
        }
        if let Some(agency) = &s.agency {
            args.push(agency.clone().into());
            conditions.push_str(&format!(" AND agency_responsible = ?{}", args.len()));
        }
        if let Some((lat, lon, radius)) = s.near {
            near = Some((lat, lon, radius));
            // A generous box on the raw columns, then the circle (equirectangular:
            // within centimetres of the great circle at ≤ 5 km) on the rounded ones.
            let dlat = radius / 111_000.0 * 1.1;
            let dlon = dlat / lat.to_radians().cos().max(0.01);
            let y_scale = M_PER_DEGREE;
            let x_scale = M_PER_DEGREE * lat.to_radians().cos();
            for v in [
                lat - dlat,
                lat + dlat,
                lon - dlon,
                lon + dlon,
                lat,
                y_scale,
                lon,
                x_scale,
                radius * radius,
            ] {
                args.push(v.into());
            }
            let n = args.len();
            let p = |i: usize| format!("?{}", n - 9 + i);
            conditions.push_str(&format!(
                " AND lat BETWEEN {} AND {} AND long BETWEEN {} AND {}
                  AND ((round(lat, {d}) - {}) * {}) * ((round(lat, {d}) - {}) * {})
                    + ((round(long, {d}) - {}) * {}) * ((round(long, {d}) - {}) * {}) <= {}",
                p(1),
                p(2),
                p(3),
                p(4),
                p(5),
                p(6),
                p(5),
                p(6),
                p(7),
                p(8),
                p(7),
                p(8),
                p(9),
                d = PUBLIC_DECIMALS,
            ));
        }
    }
    if let Some(account) = s.account_id {
        args.push(account.into());
        conditions.push_str(&format!(" AND account_id = ?{}", args.len()));
    }
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM requests WHERE {conditions}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let skip = s.page.saturating_sub(1).saturating_mul(s.page_size);
    args.push((s.page_size as i64).into());
    args.push(i64::try_from(skip).unwrap_or(i64::MAX).into());
    let n = args.len();
    let sql = format!(
        "SELECT {COLUMNS} FROM requests WHERE {conditions} ORDER BY id DESC LIMIT ?{} OFFSET ?{}",
        n - 1,
        n
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt
        .query_map(rusqlite::params_from_iter(args), row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    load_photos(conn, &mut rows)?;
    let items = rows
        .into_iter()
        .map(|r| {
            let d = match (near, r.lat, r.long) {
                (Some((lat, lon, _)), Some(rl), Some(rn)) => Some(distance_m(
                    lat,
                    lon,
                    public_coordinate(rl),
                    public_coordinate(rn),
                )),
                _ => None,
            };
            (r, d)
        })
        .collect();
    Ok(Page {
        items,
        total: total.max(0) as usize,
    })
}
