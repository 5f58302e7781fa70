//! A programme's questions on its dashboard, like with like: one table per
//! question and month, over every questionnaire version that asked it.
//!
//! A question continues one of an earlier version when an admin kept its
//! meaning (`questions.same_as`, set by the editor) and it still offers the
//! same answers; otherwise it is a question of its own, shown apart. A
//! continued question's answers in a month are pooled over every version
//! that asked it, and only the pooled table is ever shown: a version's own
//! table beside it could be subtracted from the pool to find a cell the
//! pool hides. A month's table is shown only when its total (the responses
//! of the versions that asked it) is already known to the reader — every
//! one of those versions' counts is shown, or every other version's is, so
//! the total is the month's minus shown counts — and then through the same
//! disclosure rules as any other table.
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use siang_storage::{QuestionnaireVersion, RollupAnswer};

use crate::api::support::storage;
use crate::i18n::{Locale, CATALOG};
use crate::model::answers::QuestionKind;
use crate::model::dashboard::QuestionStats;
use crate::model::disclosure::{partition, single, Cell};
use crate::model::questionnaire::QuestionView;
use crate::model::AppError;
use crate::state::AppState;

/// A version with responses in either month: (responses, whether the
/// versions table shows that count) in the month shown and the one before.
pub struct Asked {
    pub version: Arc<QuestionnaireVersion>,
    pub this: (i64, bool),
    pub last: (i64, bool),
}

/// One question as the dashboard shows it: the newest wording, and the
/// (version index, question id) of every version that asked it.
struct Group {
    shown: QuestionView,
    root: i64,
    asked: Vec<(usize, i64)>,
}

pub async fn question_stats(
    state: &AppState,
    asked: &[Asked],
    locale: Locale,
    answers: &[RollupAnswer],
    months: (&str, &str),
    k: i64,
) -> Result<Vec<QuestionStats>, AppError> {
    let roots = roots(state, asked).await?;
    let mut order: Vec<usize> = (0..asked.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(asked[*i].version.version));
    let mut groups: Vec<Group> = Vec::new();
    for i in order {
        let view = state.localised(&asked[i].version, locale);
        for q in view.screens.iter().flat_map(|s| &s.questions).filter(|q| !q.restricted) {
            let root = roots.get(&q.id).copied().unwrap_or(q.id);
            match groups.iter_mut().find(|g| g.root == root && g.asked.iter().all(|(v, _)| *v != i)) {
                Some(g) => g.asked.push((i, q.id)),
                None => groups.push(Group { shown: q.clone(), root, asked: vec![(i, q.id)] }),
            }
        }
    }
    Ok(groups.iter().map(|g| stats_of(g, asked, locale, answers, months, k)).collect())
}

/// Each question's first question along its chain of "same meaning"
/// links, as far as kind and answers stay the same.
async fn roots(state: &AppState, asked: &[Asked]) -> Result<HashMap<i64, i64>, AppError> {
    let mut questionnaires: Vec<i64> = asked.iter().map(|a| a.version.questionnaire_id).collect();
    questionnaires.sort_unstable();
    questionnaires.dedup();
    // (kind, sorted option keys, same_as) of every question of every non-draft version.
    let mut known: HashMap<i64, (String, Vec<String>, Option<i64>)> = HashMap::new();
    for qn in questionnaires {
        for row in state.db.versions_of(qn).await.map_err(storage)? {
            if row.status == "draft" {
                continue;
            }
            let Some(v) = state.version(row.id).await.map_err(storage)? else { continue };
            for q in &v.questions {
                let mut keys: Vec<String> =
                    v.options.iter().filter(|o| o.question_id == q.id).map(|o| o.key.clone()).collect();
                keys.sort();
                known.insert(q.id, (q.kind.clone(), keys, q.same_as));
            }
        }
    }
    let mut roots = HashMap::new();
    for (&id, _) in known.iter() {
        let mut at = id;
        // At most one step per question: a link can never loop.
        for _ in 0..known.len() {
            let (kind, keys, same_as) = &known[&at];
            match same_as.and_then(|s| known.get(&s).map(|p| (s, p))) {
                Some((s, (k, o, _))) if k == kind && o == keys => at = s,
                _ => break,
            }
        }
        roots.insert(id, at);
    }
    Ok(roots)
}

fn stats_of(
    g: &Group,
    asked: &[Asked],
    locale: Locale,
    answers: &[RollupAnswer],
    (month, previous): (&str, &str),
    k: i64,
) -> QuestionStats {
    let q = &g.shown;
    let word = |key: &str| CATALOG.format(locale, key, None).unwrap_or_else(|| key.to_owned());
    let mut rows: Vec<(String, String)> = match q.kind {
        QuestionKind::Scale => (1..=5).map(|r| (format!("r{r}"), word(&format!("dash-face-{r}")))).collect(),
        QuestionKind::Single => {
            q.options.iter().map(|(key, label)| (format!("o:{key}"), label.clone())).collect()
        }
        QuestionKind::Multi | QuestionKind::Text => vec![("answered".into(), word("dash-answered"))],
    };
    for key in ["dont_know", "prefer_not", "skipped"] {
        rows.push((key.into(), word(&format!("dash-{}", key.replace('_', "-")))));
    }
    // The pooled answers of a month, when the reader already knows their total.
    let pooled =
        |m: &str, n_of: fn(&Asked) -> (i64, bool)| -> Option<(BTreeMap<String, i64>, i64, Vec<i64>)> {
            let answered = |i: &usize| n_of(&asked[*i]).0 > 0;
            let mine: Vec<(usize, i64)> = g.asked.iter().copied().filter(|(i, _)| answered(i)).collect();
            let others = (0..asked.len()).filter(|i| answered(i) && mine.iter().all(|(j, _)| j != i));
            let total_known =
                mine.iter().all(|(i, _)| n_of(&asked[*i]).1) || others.clone().all(|i| n_of(&asked[i]).1);
            if mine.is_empty() || !total_known {
                return None;
            }
            let mut counts = BTreeMap::new();
            let (mut n, mut versions) = (0, Vec::new());
            for (i, question) in mine {
                let version_n = n_of(&asked[i]).0;
                let rows: Vec<&RollupAnswer> =
                    answers.iter().filter(|a| a.month == m && a.question_id == question).collect();
                let stated: i64 = rows
                    .iter()
                    .filter(|a| ["answered", "dont_know", "prefer_not"].contains(&a.answer.as_str()))
                    .map(|a| a.n)
                    .sum();
                for a in rows {
                    *counts.entry(a.answer.clone()).or_insert(0) += a.n;
                }
                *counts.entry("skipped".into()).or_insert(0) += (version_n - stated).max(0);
                n += version_n;
                versions.push(asked[i].version.version);
            }
            Some((counts, n, versions))
        };
    let this = pooled(month, |a| a.this);
    let last = pooled(previous, |a| a.last);
    let table = |m: &Option<(BTreeMap<String, i64>, i64, Vec<i64>)>| -> Option<Vec<Cell>> {
        let (counts, _, _) = m.as_ref()?;
        let values: Vec<i64> = rows.iter().map(|(key, _)| counts.get(key).copied().unwrap_or(0)).collect();
        partition(&values, k)
    };
    let (this_cells, last_cells) = (table(&this), table(&last));
    let options = match (&q.kind, &this) {
        (QuestionKind::Multi, Some((counts, _, _))) => {
            // Only beside a shown "answered": else it would bound a hidden cell.
            let shown = matches!(this_cells.as_ref().and_then(|c| c.first()), Some(Cell::Count(_)));
            q.options
                .iter()
                .map(|(key, label)| {
                    let n = counts.get(&format!("o:{key}")).copied().unwrap_or(0);
                    (label.clone(), if shown { single(n, k) } else { Cell::Hidden })
                })
                .collect()
        }
        _ => vec![],
    };
    let mut versions: Vec<i64> = this.iter().chain(&last).flat_map(|(_, _, v)| v.iter().copied()).collect();
    versions.sort_unstable();
    versions.dedup();
    QuestionStats {
        id: q.id,
        same: g.root,
        prompt: q.prompt.clone(),
        kind: q.kind.key().to_owned(),
        this_n: this.as_ref().filter(|_| this_cells.is_some()).map(|(_, n, _)| *n),
        last_n: last.as_ref().filter(|_| last_cells.is_some()).map(|(_, n, _)| *n),
        this: this_cells,
        last: last_cells,
        rows,
        options,
        versions,
    }
}
