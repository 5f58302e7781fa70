//! A month's dashboard as CSV: the same disclosure-controlled figures the
//! page shows (never a row per response), UTF-8 with a byte-order mark so
//! spreadsheet programs read Khmer and Burmese, every field that could
//! start a formula defused, and every export audited.
//! Who is asking → may they → do it → audit it.
use super::dashboard::dashboard_for;
use super::{audit, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::internal;
use crate::i18n::{FluentArgs, FluentValue, CATALOG};
use crate::model::audit::AuditAction;
use crate::model::dashboard::DashboardData;
use crate::model::disclosure::Cell;
use crate::model::AppError;

/// A spreadsheet runs a cell that starts with one of these as a formula.
pub fn defused(field: &str) -> String {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '|' | '%') => format!("'{field}"),
        _ => field.to_owned(),
    }
}

pub async fn export(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let (code, month) = (p.field("p"), p.field("month"));
    let (code, month) =
        (Some(code.as_str()).filter(|c| !c.is_empty()), Some(month.as_str()).filter(|m| !m.is_empty()));
    let data = dashboard_for(p.state, &caller, code, month, p.locale).await?;
    if !data.can_export {
        return Err(AppError::Forbidden);
    }
    let programme = p.state.db.programme_by_code(&data.code).await.map_err(crate::api::support::storage)?;
    let body = csv_of(&data, p.locale).map_err(internal)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::AggregatesExported)
            .programme(programme.map(|p| p.id))
            .detail(data.month.clone()),
    )
    .await?;
    Ok(StaffOutcome::File {
        name: format!("siang-{}-{}.csv", data.code, data.month),
        content_type: "text/csv; charset=utf-8",
        body,
    })
}

fn csv_of(d: &DashboardData, locale: crate::i18n::Locale) -> Result<Vec<u8>, csv::Error> {
    let t = |key: &str| CATALOG.format(locale, key, None).unwrap_or_else(|| key.to_owned());
    let mut k = FluentArgs::new();
    k.set("k", FluentValue::from(d.k));
    let few = CATALOG.format(locale, "dash-few", Some(&k)).unwrap_or_default();
    let cell = |c: Cell| match c {
        Cell::Count(n) => n.to_string(),
        Cell::Few => few.clone(),
        Cell::Hidden => t("dash-hidden"),
    };
    let mut out = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut row = |fields: &[&str]| out.write_record(fields.iter().map(|f| defused(f)));
    row(&[
        &t("csv-section"),
        &t("dash-version"),
        &t("csv-question"),
        &t("dash-answer"),
        &t("dash-month"),
        &t("csv-count"),
    ])?;
    row(&[&t("dash-responses"), "", "", "", &d.month, &cell(d.this)])?;
    row(&[&t("dash-responses"), "", "", "", &d.previous, &cell(d.last)])?;
    for (m, c) in &d.trend {
        row(&[&t("dash-trend"), "", "", "", m, &cell(*c)])?;
    }
    for (label, c) in &d.themes {
        row(&[&t("dash-themes"), "", "", label, &d.month, &cell(*c)])?;
    }
    let not_shown = CATALOG.format(locale, "dash-not-shown", Some(&k)).unwrap_or_default();
    for v in &d.versions {
        row(&[&t("dash-responses"), &v.version.to_string(), "", "", &d.month, &cell(v.this)])?;
    }
    for q in &d.questions {
        // A question kept across versions: its tables pool them.
        let version = q.versions.iter().map(i64::to_string).collect::<Vec<_>>().join(" + ");
        for (month, cells) in [(&d.month, &q.this), (&d.previous, &q.last)] {
            for (i, (_, label)) in q.rows.iter().enumerate() {
                let value =
                    cells.as_ref().and_then(|c| c.get(i)).map_or_else(|| not_shown.clone(), |c| cell(*c));
                row(&[&t("dash-questions"), &version, &q.prompt, label, month, &value])?;
            }
        }
        for (label, c) in &q.options {
            row(&[&t("dash-options"), &version, &q.prompt, label, &d.month, &cell(*c)])?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_are_defused_and_words_left_alone() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "|x", "%x"] {
            assert!(super::defused(bad).starts_with('\''), "{bad:?}");
        }
        for ok in ["Safety", "ការងារ", "1 (very unhappy face)", ""] {
            assert_eq!(super::defused(ok), ok);
        }
    }
}
