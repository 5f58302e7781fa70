//! One programme against the organisation's other programmes, like with
//! like: the same question (the same questionnaire, across versions only
//! where an admin kept its meaning), the same closed month. Every figure
//! comes from cells each programme's own dashboard already shows — the
//! happy-face counts (4 and 5) and the question's table total, all at
//! least k — so the comparison releases
//! nothing smaller than k, and a programme whose cells are hidden simply
//! does not take part.
use siang_storage::Programme;

use super::dashboard::{programme_figures, Reader};
use crate::api::support::storage;
use crate::i18n::Locale;
use crate::model::dashboard::{CompareRow, DashboardData, QuestionStats};
use crate::model::disclosure::Cell;
use crate::model::AppError;
use crate::state::AppState;

/// (happy faces, responses) of a question in the month shown, when both are shown.
fn happy(q: &QuestionStats) -> Option<(i64, i64)> {
    let cells = q.this.as_ref()?;
    let at = |key: &str| q.rows.iter().position(|(k, _)| k == key).and_then(|i| cells.get(i).copied());
    match (at("r4")?, at("r5")?, q.this_n) {
        (Cell::Count(a), Cell::Count(b), Some(n)) if n > 0 => Some((a + b, n)),
        _ => None,
    }
}

fn percent((part, whole): (i64, i64)) -> i64 {
    (part * 100 + whole / 2) / whole
}

pub async fn compare(
    state: &AppState,
    p: &Programme,
    figures: &DashboardData,
    locale: Locale,
) -> Result<Vec<CompareRow>, AppError> {
    let mut others = Vec::new();
    for o in state.db.programmes().await.map_err(storage)? {
        if o.organisation_id == p.organisation_id && o.id != p.id {
            others.push(programme_figures(state, &o, Some(&figures.month), locale, Reader::Staff).await?);
        }
    }
    if others.is_empty() {
        return Ok(vec![]);
    }
    let mut rows = Vec::new();
    for q in figures.questions.iter().filter(|q| q.kind == "scale") {
        let same: Vec<Option<(i64, i64)>> = others
            .iter()
            .filter_map(|o| o.questions.iter().find(|oq| oq.same == q.same).map(happy))
            .collect();
        if same.is_empty() {
            continue;
        }
        let shown: Vec<(i64, i64)> = same.iter().flatten().copied().collect();
        let together = shown.iter().fold((0, 0), |(a, n), (b, m)| (a + b, n + m));
        rows.push(CompareRow {
            question: q.prompt.clone(),
            this: happy(q).map(percent),
            others: (!shown.is_empty()).then(|| percent(together)),
            counted: shown.len(),
            of: same.len(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(cells: Option<Vec<Cell>>, n: Option<i64>) -> QuestionStats {
        let rows = ["r1", "r2", "r3", "r4", "r5", "dont_know", "prefer_not", "skipped"]
            .iter()
            .map(|k| ((*k).to_owned(), String::new()))
            .collect();
        QuestionStats {
            id: 1,
            same: 1,
            prompt: String::new(),
            kind: "scale".into(),
            rows,
            this: cells,
            last: None,
            this_n: n,
            last_n: None,
            versions: vec![1],
            options: vec![],
        }
    }

    #[test]
    fn only_shown_cells_count() {
        use Cell::*;
        let cells = vec![Few, Few, Count(20), Count(12), Count(30), Few, Few, Few];
        assert_eq!(happy(&q(Some(cells.clone()), Some(69))), Some((42, 69)));
        assert_eq!(percent((42, 69)), 61);
        let hidden = q(Some(vec![Few, Few, Count(20), Hidden, Count(30), Few, Few, Few]), Some(69));
        assert_eq!(happy(&hidden), None, "a hidden 4 keeps the programme out");
        assert_eq!(happy(&q(Some(cells), None)), None, "and so does a hidden total");
        assert_eq!(happy(&q(None, Some(69))), None);
    }
}
