//! The questionnaire editor's actions: a new questionnaire from the default
//! bank, a new draft, each question saved, moved, removed or added, the
//! youth advisory group's sign-off, publishing and discarding a draft.
//! Who is asking → may they → do it → audit it. Published versions are
//! never changed; submissions keep the version they answered.
use std::collections::BTreeMap;

use siang_storage::{Signoff, StorageError};

use super::questionnaire_load::{bank_questions, editable, edits_of, specs_of};
use super::{audit, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::storage;
use crate::i18n::Locale;
use crate::model::audit::AuditAction;
use crate::model::programme_admin::{one_line, optional_date, slug_of, NAME_MAX};
use crate::model::questionnaire_admin::*;
use crate::model::staff::{Caller, Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;

/// The draft being edited, as the editor's questions.
struct Draft {
    questionnaire: i64,
    organisation: Option<i64>,
    version_id: i64,
    version: i64,
    edits: Vec<QuestionEdit>,
    same_as: BTreeMap<String, i64>,
}

fn id_field(p: &StaffPost<'_>, name: &str) -> Result<i64, AppError> {
    p.field(name).parse::<i64>().map_err(|_| AppError::InvalidInput)
}

fn drafted(e: StorageError) -> AppError {
    match e {
        StorageError::Conflict(_) => AppError::NotADraft,
        e => storage(e),
    }
}

async fn draft(p: &StaffPost<'_>) -> Result<(Caller, Draft), AppError> {
    let caller = p.caller()?.clone();
    let q = editable(p.state, &caller, id_field(p, "q")?).await?;
    let versions = p.state.db.versions_of(q.id).await.map_err(storage)?;
    let row = versions.into_iter().find(|v| v.status == "draft").ok_or(AppError::NotADraft)?;
    let full = p.state.db.version(row.id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let same_as = full.questions.iter().filter_map(|q| q.same_as.map(|s| (q.key.clone(), s))).collect();
    let draft = Draft {
        questionnaire: q.id,
        organisation: q.organisation_id,
        version_id: row.id,
        version: row.version,
        edits: edits_of(&full),
        same_as,
    };
    Ok((caller, draft))
}

async fn write(p: &StaffPost<'_>, d: &Draft) -> Result<(), AppError> {
    p.state.db.replace_draft(d.version_id, &specs_of(&d.edits, &d.same_as)).await.map_err(drafted)
}

async fn record(
    p: &StaffPost<'_>,
    caller: &Caller,
    org: Option<i64>,
    action: AuditAction,
    detail: String,
) -> Result<(), AppError> {
    let mut entry = AuditEntry::new(Some(caller.staff_id), action).detail(detail);
    if let Some(o) = org {
        entry = entry.organisation(o);
    }
    audit(p.state, entry).await
}

fn to_editor(p: &StaffPost<'_>, q: i64, done: &str, anchor: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?q={q}&done={done}{anchor}", p.path("questionnaires/edit")))
}

/// An option's key from its English label, when none was typed.
fn option_key(label: &str, i: usize) -> String {
    let mut key: String =
        label.to_ascii_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    key = key.split('_').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("_");
    key.truncate(32);
    if is_key(&key) {
        key
    } else {
        format!("o{}", i + 1)
    }
}

/// The question as the form typed it, `before` as it was.
fn typed(p: &StaffPost<'_>, before: &QuestionEdit) -> QuestionEdit {
    let texts: Vec<(String, String, bool)> = Locale::ALL
        .iter()
        .map(|l| {
            let tag = l.tag();
            (tag.to_owned(), p.field(&format!("p_{tag}")), p.field(&format!("r_{tag}")) == "1")
        })
        .collect();
    let mut options = Vec::new();
    for i in 0..OPTIONS_MAX + 2 {
        let labels: Vec<(String, String)> =
            Locale::ALL.iter().map(|l| (l.tag().to_owned(), p.field(&format!("o{i}_{}", l.tag())))).collect();
        let key = p.field(&format!("o{i}_key"));
        if key.is_empty() && labels.iter().all(|(_, t)| t.is_empty()) {
            continue;
        }
        let english = labels.iter().find(|(l, _)| l == "en").map(|(_, t)| t.as_str()).unwrap_or_default();
        let key = if key.is_empty() { option_key(english, i) } else { key };
        options.push(OptionEdit { key, labels });
    }
    let kind = p.field("kind");
    let english_changed =
        texts.iter().find(|(l, _, _)| l == "en").map(|(_, t, _)| t.as_str()) != Some(before.prompt("en"));
    // New words mean a new question for the dashboards, unless the
    // administrator says the meaning is the same; a new kind always does.
    let continues = before.continues && kind == before.kind && (!english_changed || p.field("same") == "1");
    QuestionEdit {
        key: before.key.clone(),
        area: p.field("area"),
        max_chars: p.field("max").parse().unwrap_or(0),
        restricted: p.field("restricted") == "1",
        kind,
        continues,
        texts,
        options,
    }
}

/// What the form held, so the page shows it again with the error.
fn kept(p: &StaffPost<'_>) -> Vec<(String, String)> {
    p.form.fields.iter().filter(|(k, _)| k.len() <= 40).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// Each action: a refusal shows the editor again with what was typed
/// and why (the editor page needs the questionnaire the form was for).
macro_rules! on_page {
    ($($name:ident => $inner:ident),* $(,)?) => {
        $(
            pub async fn $name(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
                match $inner(&p).await {
                    Ok(o) => Ok(o),
                    Err(e) => Ok(StaffOutcome::page(StaffForm::error(e, kept(&p)))),
                }
            }
        )*
    };
}

on_page! {
    create => create_inner,
    start => start_inner,
    save_question => save_question_inner,
    move_question => move_question_inner,
    remove_question => remove_question_inner,
    add_question => add_question_inner,
    signoff => signoff_inner,
    publish => publish_inner,
    discard => discard_inner,
}

/// A new questionnaire of the installation or an organisation, starting as
/// a draft of the default question bank.
async fn create_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let owner = match p.field("owner").as_str() {
        "" => None,
        o => Some(o.parse::<i64>().map_err(|_| AppError::InvalidInput)?),
    };
    let target = owner.map_or(Target::Installation, Target::Organisation);
    if !caller.can(Permission::ManageProgrammes, target) {
        return Err(AppError::Forbidden);
    }
    let Some(name) = one_line(&p.field("name"), NAME_MAX) else {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::InvalidInput, kept(p))));
    };
    let taken: Vec<String> = p
        .state
        .db
        .all_questionnaires()
        .await
        .map_err(storage)?
        .into_iter()
        .filter(|q| q.organisation_id == owner)
        .map(|q| q.name)
        .collect();
    if taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::NameTaken, kept(p))));
    }
    let slug = format!("{}-{}", slug_of(&name), p.state.now() % 100_000);
    let (qid, vid) = p.state.db.create_questionnaire(owner, &slug, &name).await.map_err(storage)?;
    let bank = bank_questions(p.state).await?;
    p.state.db.replace_draft(vid, &specs_of(&bank, &BTreeMap::new())).await.map_err(drafted)?;
    record(p, &caller, owner, AuditAction::QuestionnaireCreated, name).await?;
    Ok(to_editor(p, qid, "questionnaire-created", ""))
}

/// A new version to edit: a copy of the live one.
async fn start_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let q = editable(p.state, &caller, id_field(p, "q")?).await?;
    let draft = p.state.db.start_draft(q.id).await.map_err(storage)?;
    let v = p.state.db.version_row(draft).await.map_err(storage)?.map_or(0, |v| v.version);
    record(p, &caller, q.organisation_id, AuditAction::QuestionnaireDraftStarted, format!("{} v{v}", q.name))
        .await?;
    Ok(to_editor(p, q.id, "draft-started", ""))
}

fn position(d: &Draft, key: &str) -> Result<usize, AppError> {
    d.edits.iter().position(|q| q.key == key).ok_or(AppError::NotFound)
}

async fn save_question_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, mut d) = draft(p).await?;
    let at = position(&d, &p.field("k"))?;
    let q = typed(p, &d.edits[at]);
    if let Some(e) = problem(&q) {
        return Ok(StaffOutcome::page(StaffForm::error(e, kept(p))));
    }
    let detail = format!("v{} {}{}", d.version, q.key, if q.continues { "" } else { " (a new question)" });
    d.edits[at] = q;
    write(p, &d).await?;
    record(p, &caller, d.organisation, AuditAction::QuestionnaireEdited, detail).await?;
    Ok(to_editor(p, d.questionnaire, "question-saved", &format!("#q-{}", d.edits[at].key)))
}

async fn move_question_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, mut d) = draft(p).await?;
    let key = p.field("k");
    let at = position(&d, &key)?;
    let to = match p.field("dir").as_str() {
        "up" if at > 0 => at - 1,
        "down" if at + 1 < d.edits.len() => at + 1,
        "up" | "down" => at,
        _ => return Err(AppError::InvalidInput),
    };
    d.edits.swap(at, to);
    write(p, &d).await?;
    record(
        p,
        &caller,
        d.organisation,
        AuditAction::QuestionnaireEdited,
        format!("v{} moved {key}", d.version),
    )
    .await?;
    Ok(to_editor(p, d.questionnaire, "question-moved", &format!("#q-{key}")))
}

async fn remove_question_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, mut d) = draft(p).await?;
    let key = p.field("k");
    let at = position(&d, &key)?;
    d.edits.remove(at);
    write(p, &d).await?;
    record(
        p,
        &caller,
        d.organisation,
        AuditAction::QuestionnaireEdited,
        format!("v{} removed {key}", d.version),
    )
    .await?;
    Ok(to_editor(p, d.questionnaire, "question-removed", ""))
}

/// A question from the default bank, or a new one with its English words.
async fn add_question_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, mut d) = draft(p).await?;
    let from = p.field("from");
    let q = if from.is_empty() {
        let n = (1..).find(|n| !d.edits.iter().any(|q| q.key == format!("q{n}"))).unwrap_or(1);
        let kind = p.field("kind");
        let choices = matches!(kind.as_str(), "single" | "multi");
        let english = p.field("prompt");
        QuestionEdit {
            key: format!("q{n}"),
            area: p.field("area"),
            max_chars: if kind == "text" { 500 } else { 0 },
            restricted: false,
            continues: false,
            texts: Locale::ALL
                .iter()
                .map(|l| {
                    (l.tag().to_owned(), if l.tag() == "en" { english.clone() } else { String::new() }, false)
                })
                .collect(),
            // Two choices to start from: the editor renames them.
            options: if choices {
                ["yes", "no"]
                    .iter()
                    .map(|k| OptionEdit {
                        key: (*k).to_owned(),
                        labels: vec![("en".into(), if *k == "yes" { "Yes".into() } else { "No".into() })],
                    })
                    .collect()
            } else {
                vec![]
            },
            kind,
        }
    } else {
        let bank = bank_questions(p.state).await?;
        let found = bank.into_iter().find(|b| b.key == from).ok_or(AppError::NotFound)?;
        QuestionEdit { continues: false, ..found }
    };
    if d.edits.iter().any(|e| e.key == q.key) {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::CodeExists, kept(p))));
    }
    if let Some(e) = problem(&q) {
        return Ok(StaffOutcome::page(StaffForm::error(e, kept(p))));
    }
    let key = q.key.clone();
    d.edits.push(q);
    write(p, &d).await?;
    record(
        p,
        &caller,
        d.organisation,
        AuditAction::QuestionnaireEdited,
        format!("v{} added {key}", d.version),
    )
    .await?;
    Ok(to_editor(p, d.questionnaire, "question-added", &format!("#q-{key}")))
}

/// Requires (or waives) the youth advisory group's sign-off, or records it.
async fn signoff_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, d) = draft(p).await?;
    let detail = match p.field("do").as_str() {
        "require" | "waive" => {
            let needs = p.field("do") == "require";
            p.state.db.set_needs_signoff(d.version_id, needs).await.map_err(storage)?;
            format!("v{} sign-off {}", d.version, if needs { "required" } else { "not required" })
        }
        "record" => {
            let group = one_line(&p.field("group"), NAME_MAX);
            let day = optional_date(&p.field("day"));
            let comments = p.field("comments");
            let comments_ok = comments.chars().count() <= 2000
                && !comments.chars().any(|c| c.is_control() && c != '\n' && c != '\r');
            let (Some(group), Some(Some(day)), true) = (group, day, comments_ok) else {
                return Ok(StaffOutcome::page(StaffForm::error(AppError::InvalidInput, kept(p))));
            };
            let comments = (!comments.is_empty()).then_some(comments);
            p.state
                .db
                .record_signoff(&Signoff {
                    version_id: d.version_id,
                    group_name: group.clone(),
                    approved_on: day,
                    comments,
                })
                .await
                .map_err(storage)?;
            p.state.db.set_needs_signoff(d.version_id, true).await.map_err(storage)?;
            format!("v{} signed off by {group} on {day}", d.version)
        }
        _ => return Err(AppError::InvalidInput),
    };
    record(p, &caller, d.organisation, AuditAction::QuestionnaireSignedOff, detail).await?;
    Ok(to_editor(p, d.questionnaire, "signoff-saved", "#signoff"))
}

async fn publish_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, d) = draft(p).await?;
    if d.edits.is_empty() || d.edits.iter().any(|q| problem(q).is_some()) {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::QuestionInvalid, kept(p))));
    }
    let row = p.state.db.version_row(d.version_id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if row.needs_signoff && p.state.db.signoff(d.version_id).await.map_err(storage)?.is_none() {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::SignoffNeeded, kept(p))));
    }
    p.state.db.publish_draft(d.version_id, p.state.today()).await.map_err(drafted)?;
    record(p, &caller, d.organisation, AuditAction::QuestionnairePublished, format!("v{}", d.version))
        .await?;
    Ok(to_editor(p, d.questionnaire, "questionnaire-published", ""))
}

async fn discard_inner(p: &StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, d) = draft(p).await?;
    if p.field("confirm") != "1" {
        return Err(AppError::InvalidInput);
    }
    p.state.db.discard_draft(d.version_id).await.map_err(storage)?;
    record(p, &caller, d.organisation, AuditAction::QuestionnaireDiscarded, format!("v{}", d.version))
        .await?;
    Ok(to_editor(p, d.questionnaire, "draft-discarded", ""))
}
