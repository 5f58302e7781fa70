//! Coming back with a receipt: see the status, read replies and the
//! programme's answers, or withdraw. Wrong codes are throttled and every
//! failure gets the same kind message, whether or not the code exists.
use super::support::{internal, storage};
use crate::i18n::Locale;
use crate::input::form::RawForm;
use crate::model::comeback::{ComebackPage, ComebackStep, ReplyView};
use crate::model::receipt::normalise_receipt;
use crate::model::AppError;
use crate::security::limits::{Bucket, ClientKey};
use crate::state::AppState;

pub async fn handle(state: &AppState, locale: Locale, client: ClientKey, form: &RawForm) -> ComebackPage {
    let typed = form.get("receipt").unwrap_or_default().chars().take(40).collect::<String>();
    match handle_inner(state, locale, client, form, &typed).await {
        Ok(page) => page,
        Err(e) => ComebackPage::ask(typed, Some(e)),
    }
}

async fn handle_inner(
    state: &AppState,
    locale: Locale,
    client: ClientKey,
    form: &RawForm,
    typed: &str,
) -> Result<ComebackPage, AppError> {
    if form.invalid_utf8 {
        return Err(AppError::InvalidUtf8);
    }
    let code = normalise_receipt(typed).ok_or(AppError::ReceiptMalformed)?;
    // Refuse before hashing: a flood of guesses must not cost a slow hash
    // each, and one address must not spend everyone's budget.
    if !state.limits.allows(Bucket::ReceiptLookup, client) {
        return Err(AppError::RateLimited);
    }
    state.limits.count(Bucket::ReceiptLookup, client);
    if !state.limits.take_receipt_hash() {
        return Err(AppError::Busy);
    }
    let hash =
        state.secrets.hash_receipt_async(code).await.ok_or_else(|| internal("could not hash a receipt"))?;
    let Some(found) = state.db.receipt(&hash).await.map_err(storage)? else {
        return Err(AppError::ReceiptUnknown);
    };
    let mut page = ComebackPage::ask(typed.to_owned(), None);
    match form.get("action") {
        Some("withdraw") => {
            page.step = ComebackStep::ConfirmWithdraw;
            return Ok(page);
        }
        Some("withdraw-confirm") => {
            state.db.withdraw(found.submission_id).await.map_err(storage)?;
            page.step = ComebackStep::Withdrawn;
            page.receipt.clear();
            return Ok(page);
        }
        _ => {}
    }
    page.step = ComebackStep::Status;
    page.status = found.status;
    page.replies = state
        .db
        .replies_of(found.submission_id)
        .await
        .map_err(storage)?
        .into_iter()
        .map(|r| ReplyView { body: r.body, month: r.created_on.format("%Y-%m").to_string() })
        .collect();
    if !page.replies.is_empty() {
        // Read now: from here on a reply stays as the young person saw it.
        state.db.mark_replies_seen(found.submission_id).await.map_err(storage)?;
    }
    if let Some(p) = state.db.programme(found.programme_id).await.map_err(storage)? {
        let texts = state.db.programme_texts(p.id).await.map_err(storage)?;
        // What the programme heard is a bonus here: without it the young
        // person still reads their replies.
        page.heard = super::heard::heard_of(state, &p, locale).await.ok();
        page.programme = Some(super::programme::programme_card(&p, &texts, locale));
    }
    Ok(page)
}
