//! Request updates (FixMyStreet's `servicerequestupdates`): every official action on
//! a report, with its result photos, in the order they happened.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::media::{MediaStore, Photo};
use crate::catalog::services::Urgency;
use crate::config::Official;
use crate::http::error::{ApiError, ApiResult};
use crate::time::working::WorkingCalendar;
use crate::workflow::{self, Action, DetailedStatus};

#[derive(Debug, Clone)]
pub struct UpdateRow {
    pub id: i64,
    pub request_id: i64,
    pub kind: String,
    pub detailed_status: DetailedStatus,
    pub description: String,
    pub agency_responsible: Option<String>,
    pub created_ms: i64,
    pub photos: Vec<String>,
}

/// An official's action, validated by the route.
#[derive(Debug, Clone)]
pub struct ActionInput {
    pub request_id: i64,
    pub action: Action,
    pub description: String,
    /// Transfer target.
    pub new_agency: Option<String>,
    pub photos: Vec<Photo>,
    pub now_ms: i64,
    /// Who acts: recorded with the update, and their units bound what they may touch.
    pub official: Official,
}

/// Apply an action: new status, the update row and its photos, in one transaction.
/// A transfer restarts the acknowledgement clock for the new unit (`calendar`);
/// the handling deadline does not move.
pub fn apply(
    conn: &mut Connection,
    media: &MediaStore,
    input: &ActionInput,
    calendar: &WorkingCalendar,
) -> ApiResult<UpdateRow> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: Option<(String, Option<String>, String)> = tx
        .query_row(
            "SELECT detailed_status, agency_responsible, urgency FROM requests WHERE id = ?1",
            [input.request_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((status, agency, urgency)) = current else {
        return Err(ApiError::not_found("phản ánh", "Service request"));
    };
    crate::http::auth::check_scope(&input.official, agency.as_deref())?;
    let from = DetailedStatus::parse(&status).unwrap_or(DetailedStatus::Pending);
    let to = input.action.next(from).ok_or_else(|| {
        ApiError::conflict(
            "invalid_transition",
            format!(
                "Không thể \"{}\" phản ánh ở trạng thái \"{}\".",
                input.action.kind(),
                from.as_str()
            ),
            format!(
                "Action \"{}\" is not allowed in status \"{}\".",
                input.action.kind(),
                from.as_str()
            ),
        )
    })?;
    let agency_after = match input.action {
        Action::Transfer => {
            let target = input
                .new_agency
                .clone()
                .ok_or_else(|| ApiError::missing("agency_responsible"))?;
            if agency.as_deref() == Some(target.as_str()) {
                return Err(ApiError::invalid(
                    "agency_responsible",
                    "the report is already with that unit",
                ));
            }
            Some(target)
        }
        _ => agency,
    };
    let now = input.now_ms;
    match input.action {
        Action::Comment => {
            tx.execute(
                "UPDATE requests SET updated_ms = ?2 WHERE id = ?1",
                params![input.request_id, now],
            )?;
        }
        Action::Accept => {
            tx.execute(
                "UPDATE requests SET detailed_status = ?2, updated_ms = ?3, acknowledged_ms = ?3 WHERE id = ?1",
                params![input.request_id, to.as_str(), now],
            )?;
        }
        Action::Transfer => {
            let urgency = Urgency::parse(&urgency).unwrap_or(Urgency::Normal);
            let ack_by = workflow::acknowledge_deadline(calendar, now, urgency);
            tx.execute(
                "UPDATE requests SET detailed_status = ?2, updated_ms = ?3, agency_responsible = ?4,
                    acknowledged_ms = NULL, acknowledge_by_ms = ?5 WHERE id = ?1",
                params![input.request_id, to.as_str(), now, agency_after, ack_by],
            )?;
        }
        Action::Resolve | Action::Reject => {
            tx.execute(
                "UPDATE requests SET detailed_status = ?2, updated_ms = ?3, status_notes = ?4 WHERE id = ?1",
                params![input.request_id, to.as_str(), now, input.description],
            )?;
        }
        Action::Start => {
            tx.execute(
                "UPDATE requests SET detailed_status = ?2, updated_ms = ?3 WHERE id = ?1",
                params![input.request_id, to.as_str(), now],
            )?;
        }
    }
    let written = media.put_all(&input.photos)?;
    let inserted = (|| -> rusqlite::Result<i64> {
        tx.execute(
            "INSERT INTO updates (request_id, kind, detailed_status, description, agency_responsible, created_ms, official_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![input.request_id, input.action.kind(), to.as_str(), input.description, agency_after, now, input.official.id],
        )?;
        let id = tx.last_insert_rowid();
        for (position, photo) in input.photos.iter().enumerate() {
            tx.execute(
                "INSERT INTO update_media (update_id, position, file_name) VALUES (?1, ?2, ?3)",
                params![id, position as i64, photo.file_name()],
            )?;
        }
        Ok(id)
    })();
    let id = match inserted.and_then(|id| tx.commit().map(|_| id)) {
        Ok(id) => id,
        Err(error) => {
            media.remove(&written);
            return Err(error.into());
        }
    };
    Ok(UpdateRow {
        id,
        request_id: input.request_id,
        kind: input.action.kind().to_owned(),
        detailed_status: to,
        description: input.description.clone(),
        agency_responsible: agency_after,
        created_ms: now,
        photos: input.photos.iter().map(Photo::file_name).collect(),
    })
}

#[derive(Debug, Clone, Default)]
pub struct UpdateSearch {
    pub after: i64,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub request_ids: Option<Vec<i64>>,
    pub account_id: Option<i64>,
    pub limit: usize,
}

pub fn list(conn: &Connection, s: &UpdateSearch) -> rusqlite::Result<Vec<UpdateRow>> {
    let mut sql = String::from(
        "SELECT u.id, u.request_id, u.kind, u.detailed_status, u.description, u.agency_responsible, u.created_ms
         FROM updates u JOIN requests r ON r.id = u.request_id WHERE u.id > ?1",
    );
    let mut args: Vec<rusqlite::types::Value> = vec![s.after.into()];
    if let Some(start) = s.start_ms {
        args.push(start.into());
        sql.push_str(&format!(" AND u.created_ms >= ?{}", args.len()));
    }
    if let Some(end) = s.end_ms {
        args.push(end.into());
        sql.push_str(&format!(" AND u.created_ms <= ?{}", args.len()));
    }
    if let Some(ids) = &s.request_ids {
        let marks: Vec<String> = ids
            .iter()
            .map(|&id| {
                args.push(id.into());
                format!("?{}", args.len())
            })
            .collect();
        sql.push_str(&format!(" AND u.request_id IN ({})", marks.join(",")));
    }
    if let Some(account) = s.account_id {
        args.push(account.into());
        sql.push_str(&format!(" AND r.account_id = ?{}", args.len()));
    }
    args.push((s.limit as i64).into());
    sql.push_str(&format!(" ORDER BY u.id LIMIT ?{}", args.len()));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            let status: String = r.get(3)?;
            Ok(UpdateRow {
                id: r.get(0)?,
                request_id: r.get(1)?,
                kind: r.get(2)?,
                detailed_status: DetailedStatus::parse(&status).unwrap_or(DetailedStatus::Pending),
                description: r.get(4)?,
                agency_responsible: r.get(5)?,
                created_ms: r.get(6)?,
                photos: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut photos = conn.prepare_cached(
        "SELECT file_name FROM update_media WHERE update_id = ?1 ORDER BY position",
    )?;
    for row in &mut rows {
        row.photos = photos
            .query_map([row.id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(rows)
}
