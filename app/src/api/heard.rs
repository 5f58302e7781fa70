//! What a programme tells young people it heard: its published actions in
//! the reader's language, its latest published summary, and how many took
//! part — a figure that releases nothing the dashboards do not: the sum of
//! the closed months whose totals are at least k (a month under k adds
//! nothing, so comparing the figure month by month never shows a small one).
use chrono::Datelike;
use siang_storage::{month_of, ActionRow, ActionText, Programme};

use super::programme::languages_of;
use super::staff::quotes::suppression_k;
use super::support::{internal, storage};
use crate::i18n::Locale;
use crate::model::actions::{Heard, TextState, YouthAction};
use crate::model::disclosure::{effective_k, single, Cell};
use crate::model::AppError;
use crate::state::AppState;

/// The section a youth page shows (kept a few seconds: every visitor of a
/// poster's programme page would otherwise ask the database again).
pub async fn heard_of(state: &AppState, p: &Programme, locale: Locale) -> Result<Heard, AppError> {
    Ok(state.heard(p.id, locale, || build(state, p, locale)).await?.as_ref().clone())
}

async fn build(state: &AppState, p: &Programme, locale: Locale) -> Result<Heard, AppError> {
    let k = suppression_k(state).await?;
    let rows = state.db.actions_of(p.id, true).await.map_err(storage)?;
    let texts = if rows.is_empty() { vec![] } else { state.db.action_texts(p.id).await.map_err(storage)? };
    let codes = if rows.iter().any(|a| a.tag_id.is_some()) {
        super::staff::codebook::codes_for(state, p.organisation_id, locale).await?
    } else {
        vec![]
    };
    let languages = languages_of(p);
    let actions = rows
        .iter()
        .filter_map(|a| {
            let t = choose(&texts, a, locale.tag(), &languages)?;
            Some(YouthAction {
                theme: a.tag_id.and_then(|id| codes.iter().find(|c| c.id == id)).map(|c| c.label.clone()),
                you_said: t.you_said.clone(),
                we_did: t.we_did.clone(),
                state: a.state.clone(),
                reason: t.reason.clone().filter(|_| a.state == "not_done"),
                due_month: a.due_month.clone(),
                done_month: a.done_month.clone(),
                lang: t.locale.clone(),
            })
        })
        .collect();
    let summary = state
        .db
        .published_summaries(p.id)
        .await
        .map_err(storage)?
        .into_iter()
        .next()
        .map(|(start, end, _, text)| (super::staff::published::period_key(start, end), text));
    Ok(Heard { actions, summary, took_part: took_part(state, p.id, k).await?, k: effective_k(k) })
}

/// Responses of the closed months whose totals reach k, from each month's
/// released figures (fixed once: a later withdrawal never moves this
/// number, which would tell when, and in which month, someone withdrew);
/// `None` below k.
async fn took_part(state: &AppState, programme_id: i64, k: i64) -> Result<Option<i64>, AppError> {
    let today = state.today();
    let last_closed = today.with_day(1).and_then(|d| d.pred_opt()).ok_or_else(|| internal("month"))?;
    let last = month_of(last_closed);
    let Some(first) = state.db.first_month(programme_id).await.map_err(storage)? else { return Ok(None) };
    let mut months = Vec::new();
    let mut m = last.clone();
    while m >= first {
        months.push(m.clone());
        m = crate::model::dashboard::month_before(&m).ok_or_else(|| internal("month"))?;
    }
    state.db.release_months(&[programme_id], &months).await.map_err(storage)?;
    let rows = state.db.released_responses(&[programme_id], &first, &last).await.map_err(storage)?;
    let mut months: Vec<(&str, i64)> = Vec::new();
    for r in &rows {
        match months.iter_mut().find(|(m, _)| *m == r.month) {
            Some((_, n)) => *n += r.n,
            None => months.push((&r.month, r.n)),
        }
    }
    let shown: i64 = months
        .iter()
        .map(|(_, n)| match single(*n, k) {
            Cell::Count(n) => n,
            _ => 0,
        })
        .sum();
    Ok((shown > 0).then_some(shown))
}

/// The words a young person reads: a person wrote or reviewed them (and
/// gave the reason when not doing it), in their language if there are
/// such words, else in the programme's first language that has them.
fn choose<'a>(
    texts: &'a [ActionText],
    a: &ActionRow,
    locale: &str,
    languages: &[String],
) -> Option<&'a ActionText> {
    let ready: Vec<&ActionText> = texts
        .iter()
        .filter(|t| t.action_id == a.id)
        .filter(|t| TextState::of(t.machine, &a.state, t.reason.as_deref()) == TextState::Ready)
        .collect();
    ready
        .iter()
        .find(|t| t.locale == locale)
        .or_else(|| languages.iter().find_map(|l| ready.iter().find(|t| t.locale == *l)))
        .or(ready.first())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(locale: &str, machine: bool, reason: Option<&str>) -> ActionText {
        ActionText {
            action_id: 1,
            locale: locale.into(),
            you_said: format!("said {locale}"),
            we_did: format!("did {locale}"),
            reason: reason.map(str::to_owned),
            machine,
            staff_name: None,
            at: 0,
        }
    }

    fn action(state: &str) -> ActionRow {
        ActionRow {
            id: 1,
            programme_id: 1,
            tag_id: None,
            state: state.into(),
            due_month: None,
            done_month: None,
            published_on: None,
            created_at: 0,
        }
    }

    #[test]
    fn a_machine_draft_never_reaches_a_young_person() {
        let langs = vec!["km".to_owned(), "en".to_owned()];
        let texts = [text("km", true, None), text("en", false, None)];
        let chosen = choose(&texts, &action("done"), "km", &langs).map(|t| t.locale.as_str());
        assert_eq!(chosen, Some("en"), "the reviewed English words, not the Khmer draft");
        let only_draft = [text("km", true, None)];
        assert!(choose(&only_draft, &action("done"), "km", &langs).is_none());
    }

    #[test]
    fn own_language_first_then_the_programmes_order() {
        let langs = vec!["km".to_owned(), "th".to_owned(), "en".to_owned()];
        let texts = [text("en", false, None), text("th", false, None), text("km", false, None)];
        assert_eq!(choose(&texts, &action("planned"), "th", &langs).map(|t| t.locale.as_str()), Some("th"));
        assert_eq!(choose(&texts, &action("planned"), "my", &langs).map(|t| t.locale.as_str()), Some("km"));
    }

    #[test]
    fn not_doing_shows_only_words_that_say_why() {
        let langs = vec!["km".to_owned(), "en".to_owned()];
        let texts = [text("km", false, None), text("en", false, Some("no money this year"))];
        assert_eq!(choose(&texts, &action("not_done"), "km", &langs).map(|t| t.locale.as_str()), Some("en"));
    }
}
