//! XLSForm in the editor: a version exported as a workbook, and a workbook
//! imported as a new questionnaire's draft, with every row that could not
//! be imported listed by sheet, row and reason. Who is asking → may they →
//! do it → audit it.
use std::collections::BTreeMap;

use super::questionnaire_load::{editable, edits_of, specs_of};
use super::{audit, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{internal, storage};
use crate::model::audit::AuditAction;
use crate::model::programme_admin::{one_line, slug_of, NAME_MAX};
use crate::model::staff::{Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The version the editor shows (the draft, else the live one) as a workbook.
pub async fn export(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let id = p.field("q").parse::<i64>().map_err(|_| AppError::InvalidInput)?;
    let q = editable(p.state, &caller, id).await?;
    let versions = p.state.db.versions_of(q.id).await.map_err(storage)?;
    let shown = versions
        .iter()
        .find(|v| v.status == "draft")
        .or_else(|| versions.iter().find(|v| v.status == "published"))
        .ok_or(AppError::NotFound)?;
    let full = p.state.db.version(shown.id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let body = crate::xlsform::write::workbook(&q.name, shown.version, &edits_of(&full)).map_err(internal)?;
    let mut entry = AuditEntry::new(Some(caller.staff_id), AuditAction::QuestionnaireExported)
        .detail(format!("{} v{}", q.name, shown.version));
    if let Some(o) = q.organisation_id {
        entry = entry.organisation(o);
    }
    audit(p.state, entry).await?;
    let name = format!("{}-v{}.xlsx", slug_of(&q.name), shown.version);
    Ok(StaffOutcome::File { name, content_type: XLSX, body })
}

/// A workbook becomes a new questionnaire's draft; the page lists what was skipped.
pub async fn import(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let owner = match p.field("owner").as_str() {
        "" => None,
        o => Some(o.parse::<i64>().map_err(|_| AppError::InvalidInput)?),
    };
    if !caller.can(Permission::ManageProgrammes, owner.map_or(Target::Installation, Target::Organisation)) {
        return Err(AppError::Forbidden);
    }
    let file = p.files.iter().find(|f| f.field == "file").ok_or(AppError::XlsformUnreadable)?;
    let read = crate::xlsform::read::workbook(&file.bytes)?;
    if read.questions.is_empty() {
        return Ok(report(&read.problems, None, 0, Some(AppError::XlsformUnreadable)));
    }
    let typed = p.field("name");
    let title =
        if typed.is_empty() { read.title.clone().unwrap_or_else(|| file.file_name.clone()) } else { typed };
    let name = one_line(&title, NAME_MAX).unwrap_or_else(|| "XLSForm".to_owned());
    let slug = format!("{}-{}", slug_of(&name), p.state.now() % 100_000);
    let (qid, vid) = p.state.db.create_questionnaire(owner, &slug, &name).await.map_err(storage)?;
    p.state.db.replace_draft(vid, &specs_of(&read.questions, &BTreeMap::new())).await.map_err(storage)?;
    let detail = format!("{name}: {} questions, {} rows skipped", read.questions.len(), read.problems.len());
    let mut entry = AuditEntry::new(Some(caller.staff_id), AuditAction::QuestionnaireImported).detail(detail);
    if let Some(o) = owner {
        entry = entry.organisation(o);
    }
    audit(p.state, entry).await?;
    Ok(report(&read.problems, Some(qid), read.questions.len(), None))
}

/// The questionnaires page with the import's outcome (no secrets: row numbers and reasons).
fn report(
    problems: &[crate::xlsform::RowProblem],
    questionnaire: Option<i64>,
    imported: usize,
    error: Option<AppError>,
) -> StaffOutcome {
    let mut values = vec![("imported".to_owned(), imported.to_string())];
    if let Some(q) = questionnaire {
        values.push(("imported_q".to_owned(), q.to_string()));
    }
    values.extend(
        problems
            .iter()
            .take(200)
            .map(|r| ("problem".to_owned(), format!("{}|{}|{}|{}", r.sheet, r.row, r.key, r.detail))),
    );
    StaffOutcome::page(StaffForm { error, values, ..Default::default() })
}
