//! "You said, we did" for staff: everyone who reads a programme's
//! dashboards reads its actions; its designers record them (theme, status,
//! months, words per language), publish them to young people and open the
//! public results page. Who is asking → may they → do it → audit it.
use siang_storage::{ActionFields, ActionWords, Programme, ACTION_STATES};

use super::moderation::target;
use super::{audit, require_somewhere, AuditEntry, StaffOutcome, StaffPost};
use crate::api::programme::languages_of;
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::actions::*;
use crate::model::audit::AuditAction;
use crate::model::staff::{Caller, Permission};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;

/// The form fields a refused save shows again.
const KEEP: [&str; 10] =
    ["p", "action", "theme", "state", "due", "done", "locale", "you_said", "we_did", "reason"];

pub async fn load_actions(code: Option<&str>, locale: Locale) -> Result<ActionsData, AppError> {
    let caller = require_somewhere(Permission::Dashboards)?;
    let state = state()?;
    let readable = super::dashboard::readable_programmes(&state, &caller).await?;
    let mut data = ActionsData {
        programmes: readable.iter().map(|p| (p.code.clone(), p.name.clone())).collect(),
        code: None,
        name: None,
        can_edit: false,
        themes: vec![],
        actions: vec![],
        languages: vec![],
        public_results: false,
    };
    let Some(code) = code else { return Ok(data) };
    let p = readable.iter().find(|p| p.code == code).ok_or(AppError::Forbidden)?;
    let codes = super::codebook::codes_for(&state, p.organisation_id, locale).await?;
    let languages = languages_of(p);
    let rows = state.db.actions_of(p.id, false).await.map_err(storage)?;
    let texts = state.db.action_texts(p.id).await.map_err(storage)?;
    data.actions = rows
        .into_iter()
        .map(|a| {
            let words: Vec<ActionWordsView> = texts
                .iter()
                .filter(|t| t.action_id == a.id)
                .map(|t| ActionWordsView {
                    locale: t.locale.clone(),
                    you_said: t.you_said.clone(),
                    we_did: t.we_did.clone(),
                    reason: t.reason.clone(),
                    machine: t.machine,
                    by: t.staff_name.clone(),
                    at: t.at,
                })
                .collect();
            let mut shown = languages.clone();
            shown.extend(words.iter().map(|w| w.locale.clone()).filter(|l| !languages.contains(l)));
            let status = shown
                .into_iter()
                .map(|l| {
                    let s = match words.iter().find(|w| w.locale == l) {
                        None => TextState::Missing,
                        Some(w) => TextState::of(w.machine, &a.state, w.reason.as_deref()),
                    };
                    (l, s)
                })
                .collect();
            ActionLine {
                id: a.id,
                theme_id: a.tag_id,
                theme: a.tag_id.and_then(|t| codes.iter().find(|c| c.id == t)).map(|c| c.label.clone()),
                state: a.state,
                due_month: a.due_month,
                done_month: a.done_month,
                published_on: a.published_on.map(|d| d.to_string()),
                words,
                languages: status,
            }
        })
        .collect();
    data.themes =
        codes.iter().filter(|c| c.facet == "theme" && !c.retired).map(|c| (c.id, c.label.clone())).collect();
    data.can_edit = caller.can(Permission::PublishActions, target(p));
    data.code = Some(p.code.clone());
    data.name = Some(p.name.clone());
    data.languages = languages;
    data.public_results = p.public_results;
    Ok(data)
}

/// The programme a post names, if the caller may publish its actions.
async fn editable(p: &StaffPost<'_>) -> Result<(Caller, Programme), AppError> {
    let caller = p.caller()?.clone();
    let programme =
        p.state.db.programme_by_code(&p.field("p")).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if !caller.can(Permission::PublishActions, target(&programme)) {
        return Err(AppError::Forbidden);
    }
    Ok((caller, programme))
}

fn again(e: AppError, p: &StaffPost<'_>) -> StaffOutcome {
    let mut values: Vec<(String, String)> = KEEP.iter().map(|k| ((*k).to_owned(), p.field(k))).collect();
    values.push(("machine".to_owned(), p.field("machine")));
    StaffOutcome::page(StaffForm::error(e, values))
}

/// After a change: young people's pages of this process show it at once.
fn back(p: &StaffPost<'_>, programme: &Programme, done: &str) -> StaffOutcome {
    p.state.forget_heard(programme.id);
    StaffOutcome::to(format!("{}?p={}&done={done}", p.path("actions"), programme.code))
}

fn month_field(p: &StaffPost<'_>, name: &str) -> Result<Option<String>, AppError> {
    let m = p.field(name);
    match m.as_str() {
        "" => Ok(None),
        m if valid_month(m) => Ok(Some(m.to_owned())),
        _ => Err(AppError::InvalidInput),
    }
}

fn text_field(p: &StaffPost<'_>, name: &str, max: usize) -> Result<String, AppError> {
    let t = p.field(name);
    if t.chars().count() > max {
        return Err(AppError::TextTooLong { max });
    }
    Ok(t)
}

/// The action's fields and words a save form carries, checked.
async fn read_form(
    p: &StaffPost<'_>,
    programme: &Programme,
    current_theme: Option<i64>,
) -> Result<(ActionFields, ActionWords), AppError> {
    let state = p.field("state");
    if !ACTION_STATES.contains(&state.as_str()) {
        return Err(AppError::InvalidInput);
    }
    let theme = match p.field("theme").as_str() {
        "" => None,
        t => {
            let id = t.parse::<i64>().map_err(|_| AppError::InvalidInput)?;
            let codes = super::codebook::codes_for(p.state, programme.organisation_id, p.locale).await?;
            let given: Vec<i64> = current_theme.into_iter().collect();
            if !codes.iter().any(|c| c.id == id && c.facet == "theme" && c.offered(&given)) {
                return Err(AppError::InvalidInput);
            }
            Some(id)
        }
    };
    let locale = Locale::from_tag(&p.field("locale")).ok_or(AppError::InvalidInput)?;
    let (you_said, we_did) = (text_field(p, "you_said", SAID_MAX)?, text_field(p, "we_did", DID_MAX)?);
    let reason = Some(text_field(p, "reason", REASON_MAX)?).filter(|r| !r.is_empty());
    if you_said.is_empty() || we_did.is_empty() {
        return Err(AppError::InvalidInput);
    }
    if state == "not_done" && reason.is_none() {
        return Err(AppError::ActionReasonNeeded);
    }
    let fields = ActionFields {
        tag_id: theme,
        state,
        due_month: month_field(p, "due")?,
        done_month: month_field(p, "done")?,
    };
    let words = ActionWords {
        locale: locale.tag().to_owned(),
        you_said,
        we_did,
        reason,
        // Any value but none marks a draft: a client that says "true" or "on" fails closed.
        machine: !p.field("machine").is_empty(),
    };
    Ok((fields, words))
}

/// Records a new action, or saves an action's fields and its words in one language.
pub async fn save(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, programme) = editable(&p).await?;
    let existing = match p.field("action").as_str() {
        "" => None,
        id => {
            let Ok(id) = id.parse::<i64>() else { return Ok(again(AppError::InvalidInput, &p)) };
            let all = p.state.db.actions_of(programme.id, false).await.map_err(storage)?;
            let Some(a) = all.into_iter().find(|a| a.id == id) else {
                return Ok(again(AppError::InvalidInput, &p));
            };
            Some(a)
        }
    };
    let (fields, words) = match read_form(&p, &programme, existing.as_ref().and_then(|a| a.tag_id)).await {
        Ok(f) => f,
        Err(e) => return Ok(again(e, &p)),
    };
    let now = p.state.now();
    let (id, what) = match existing {
        None => {
            let id = p
                .state
                .db
                .add_action(programme.id, &fields, &words, Some(caller.staff_id), now)
                .await
                .map_err(storage)?;
            (id, AuditAction::ActionRecorded)
        }
        Some(a) => {
            let db = &p.state.db;
            db.update_action(programme.id, a.id, &fields, &words, Some(caller.staff_id), now)
                .await
                .map_err(storage)?;
            (a.id, AuditAction::ActionSaved)
        }
    };
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), what)
            .programme(Some(programme.id))
            .target(&format!("#{id}"))
            .detail(format!("{}:{}", words.locale, fields.state)),
    )
    .await?;
    Ok(back(&p, &programme, "action-saved"))
}

/// Publishes an action to young people (words a person wrote or reviewed
/// in at least one language), or takes it back.
pub async fn publish(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, programme) = editable(&p).await?;
    let Ok(id) = p.field("action").parse::<i64>() else { return Err(AppError::NotFound) };
    let all = p.state.db.actions_of(programme.id, false).await.map_err(storage)?;
    let a = all.into_iter().find(|a| a.id == id).ok_or(AppError::NotFound)?;
    let on = p.field("publish") == "1";
    if on {
        let texts = p.state.db.action_texts(programme.id).await.map_err(storage)?;
        let ready = texts
            .iter()
            .filter(|t| t.action_id == id)
            .any(|t| TextState::of(t.machine, &a.state, t.reason.as_deref()) == TextState::Ready);
        if !ready {
            return Ok(again(AppError::ActionNotReady, &p));
        }
    }
    let day = on.then(|| p.state.today());
    p.state.db.publish_action(programme.id, id, day).await.map_err(storage)?;
    let what = if on { AuditAction::ActionPublished } else { AuditAction::ActionUnpublished };
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), what).programme(Some(programme.id)).target(&format!("#{id}")),
    )
    .await?;
    Ok(back(&p, &programme, if on { "action-published" } else { "action-unpublished" }))
}

/// Deletes an action that was never published (a published one is taken back first).
pub async fn delete(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, programme) = editable(&p).await?;
    let Ok(id) = p.field("action").parse::<i64>() else { return Err(AppError::NotFound) };
    if !p.state.db.delete_action(programme.id, id).await.map_err(storage)? {
        return Ok(again(AppError::InvalidInput, &p));
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ActionDeleted)
            .programme(Some(programme.id))
            .target(&format!("#{id}")),
    )
    .await?;
    Ok(back(&p, &programme, "action-deleted"))
}

/// Opens or closes the programme's public results page.
pub async fn public_results(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, programme) = editable(&p).await?;
    let on = match p.field("public").as_str() {
        "1" => true,
        "0" => false,
        _ => return Ok(again(AppError::InvalidInput, &p)),
    };
    p.state.db.set_public_results(programme.id, on).await.map_err(storage)?;
    p.state.forget_programme(&programme.code);
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::PublicResultsSet)
            .programme(Some(programme.id))
            .detail(if on { "public-on" } else { "public-off" }),
    )
    .await?;
    Ok(back(&p, &programme, if on { "public-on" } else { "public-off" }))
}
