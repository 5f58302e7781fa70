//! Reading questionnaires for the editor: the list, and one questionnaire's
//! draft (or live version) with every language's words, turned into the
//! editor's model and back into what storage writes.
use std::collections::BTreeMap;

use siang_storage::{OptionSpec, QuestionSpec, QuestionnaireRow, QuestionnaireVersion};

use super::require_somewhere;
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::questionnaire_admin::*;
use crate::model::staff::{Caller, Permission, Target};
use crate::model::AppError;
use crate::state::AppState;

/// The default question bank every new questionnaire starts from.
pub const BANK: &str = "default";

pub fn target_of(q: &QuestionnaireRow) -> Target {
    q.organisation_id.map_or(Target::Installation, Target::Organisation)
}

/// The questionnaire `id`, when `caller` may change it.
pub async fn editable(state: &AppState, caller: &Caller, id: i64) -> Result<QuestionnaireRow, AppError> {
    let q = state.db.questionnaire(id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if !caller.can(Permission::ManageProgrammes, target_of(&q)) {
        return Err(AppError::Forbidden);
    }
    Ok(q)
}

/// A version's questions as the editor shows them (every shipped language).
pub fn edits_of(v: &QuestionnaireVersion) -> Vec<QuestionEdit> {
    v.questions
        .iter()
        .map(|q| {
            let texts = Locale::ALL
                .iter()
                .map(|l| {
                    let t = v.question_texts.iter().find(|t| t.question_id == q.id && t.locale == l.tag());
                    (
                        l.tag().to_owned(),
                        t.map(|t| t.prompt.clone()).unwrap_or_default(),
                        t.is_some_and(|t| t.reviewed),
                    )
                })
                .collect();
            let options = v
                .options
                .iter()
                .filter(|o| o.question_id == q.id)
                .map(|o| OptionEdit {
                    key: o.key.clone(),
                    labels: Locale::ALL
                        .iter()
                        .map(|l| {
                            let t =
                                v.option_texts.iter().find(|t| t.option_id == o.id && t.locale == l.tag());
                            (l.tag().to_owned(), t.map(|t| t.label.clone()).unwrap_or_default())
                        })
                        .collect(),
                })
                .collect();
            QuestionEdit {
                key: q.key.clone(),
                area: q.area.clone(),
                kind: q.kind.clone(),
                max_chars: q.max_chars,
                restricted: q.restricted,
                continues: q.same_as.is_some(),
                texts,
                options,
            }
        })
        .collect()
}

/// What storage writes for the editor's questions: screens follow the
/// areas in order; `same_as` keeps the earlier question each continues.
pub fn specs_of(edits: &[QuestionEdit], same_as: &BTreeMap<String, i64>) -> Vec<QuestionSpec> {
    let mut screen = 0;
    let mut last_area = "";
    edits
        .iter()
        .enumerate()
        .map(|(i, q)| {
            if q.area != last_area {
                screen += 1;
                last_area = &q.area;
            }
            QuestionSpec {
                key: q.key.clone(),
                area: q.area.clone(),
                screen,
                position: i as i64 + 1,
                kind: q.kind.clone(),
                max_chars: if q.kind == "text" { q.max_chars } else { 0 },
                restricted: q.restricted,
                same_as: if q.continues { same_as.get(&q.key).copied() } else { None },
                texts: q.texts.iter().filter(|(_, p, _)| !p.trim().is_empty()).cloned().collect(),
                options: q
                    .options
                    .iter()
                    .map(|o| OptionSpec {
                        key: o.key.clone(),
                        texts: o
                            .labels
                            .iter()
                            .filter(|(_, t)| !t.trim().is_empty())
                            .map(|(l, t)| (l.clone(), t.clone(), false))
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

pub async fn load_questionnaires() -> Result<QuestionnairesData, AppError> {
    let caller = require_somewhere(Permission::ManageProgrammes)?;
    let state = state()?;
    let orgs = state.db.organisations().await.map_err(storage)?;
    let programmes = state.db.programmes().await.map_err(storage)?;
    let mut items = Vec::new();
    for q in state.db.all_questionnaires().await.map_err(storage)? {
        // The installation's questionnaires are everyone's to use; an
        // organisation's only its own administrators' (and the installation's).
        if q.organisation_id.is_some() && !caller.can(Permission::ManageProgrammes, target_of(&q)) {
            continue;
        }
        let versions = state.db.versions_of(q.id).await.map_err(storage)?;
        items.push(QuestionnaireItem {
            id: q.id,
            name: q.name.clone(),
            organisation: q
                .organisation_id
                .and_then(|o| orgs.iter().find(|x| x.id == o).map(|x| x.name.clone())),
            live_version: versions.iter().find(|v| v.status == "published").map(|v| v.version),
            has_draft: versions.iter().any(|v| v.status == "draft"),
            programmes: programmes.iter().filter(|p| p.questionnaire_id == q.id).count(),
        });
    }
    let mut owners = Vec::new();
    if caller.can(Permission::ManageProgrammes, Target::Installation) {
        owners.push((None, String::new()));
    }
    owners.extend(
        orgs.iter()
            .filter(|o| caller.can(Permission::ManageProgrammes, Target::Organisation(o.id)))
            .map(|o| (Some(o.id), o.name.clone())),
    );
    Ok(QuestionnairesData { items, owners })
}

pub async fn load_editor(id: i64) -> Result<EditorData, AppError> {
    let caller = require_somewhere(Permission::ManageProgrammes)?;
    let state = state()?;
    let q = state.db.questionnaire(id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if q.organisation_id.is_some() && !caller.can(Permission::ManageProgrammes, target_of(&q)) {
        return Err(AppError::Forbidden);
    }
    let versions = state.db.versions_of(id).await.map_err(storage)?;
    let shown = versions
        .iter()
        .find(|v| v.status == "draft")
        .or_else(|| versions.iter().find(|v| v.status == "published"))
        .cloned();
    let mut history = Vec::new();
    for v in &versions {
        let signed = state.db.signoff(v.id).await.map_err(storage)?;
        history.push(VersionView {
            version: v.version,
            status: v.status.clone(),
            published_on: v.published_on.map(|d| d.format("%Y-%m-%d").to_string()),
            signed_off: signed.map(|s| format!("{}, {}", s.group_name, s.approved_on.format("%Y-%m-%d"))),
        });
    }
    let (questions, signoff) = match &shown {
        Some(v) => {
            let full = state.db.version(v.id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
            let s = state.db.signoff(v.id).await.map_err(storage)?.map(|s| SignoffView {
                group_name: s.group_name,
                approved_on: s.approved_on.format("%Y-%m-%d").to_string(),
                comments: s.comments.unwrap_or_default(),
            });
            (edits_of(&full), s)
        }
        None => (vec![], None),
    };
    let bank = bank_questions(&state).await?;
    let bank = bank
        .iter()
        .filter(|b| !questions.iter().any(|q| q.key == b.key))
        .map(|b| (b.key.clone(), b.prompt("en").to_owned()))
        .collect();
    Ok(EditorData {
        questionnaire_id: id,
        name: q.name,
        version: shown.as_ref().map_or(0, |v| v.version),
        is_draft: shown.as_ref().is_some_and(|v| v.status == "draft"),
        needs_signoff: shown.as_ref().is_some_and(|v| v.needs_signoff),
        signoff,
        questions,
        bank,
        history,
    })
}

/// The default question bank's current questions.
pub async fn bank_questions(state: &AppState) -> Result<Vec<QuestionEdit>, AppError> {
    let Some(id) = state.db.questionnaire_id(None, BANK).await.map_err(storage)? else { return Ok(vec![]) };
    let v = state.db.current_version(id).await.map_err(storage)?;
    Ok(v.map(|v| edits_of(&v)).unwrap_or_default())
}
