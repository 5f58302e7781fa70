//! A programme set up in the browser: created in an organisation, its
//! details (country, languages, dates, team, questionnaire), its texts per
//! language and its short code. Young people see each change at once in
//! this process (the programme cache is told) and within seconds in others.
use siang_storage::{NewProgramme, Programme, ProgrammeFields, ProgrammeText};

use super::moderation::target;
use super::{audit, require, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::audit::AuditAction;
use crate::model::programme_admin::*;
use crate::model::staff::{Caller, Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;
use crate::state::AppState;

const KEEP: [&str; 13] = [
    "p",
    "org",
    "name",
    "country",
    "languages",
    "opens",
    "closes",
    "questionnaire",
    "team",
    "days",
    "locale",
    "about",
    "team_text",
];

pub async fn load_setup(code: &str) -> Result<ProgrammeSetup, AppError> {
    let state = state()?;
    let p = state.db.programme_by_code(code).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    require(Permission::ManageProgrammes, target(&p))?;
    let texts = state.db.programme_texts(p.id).await.map_err(storage)?;
    let organisation = state
        .db
        .organisations()
        .await
        .map_err(storage)?
        .into_iter()
        .find(|o| o.id == p.organisation_id)
        .map(|o| o.name)
        .unwrap_or_default();
    let questionnaires = state
        .db
        .questionnaires_for(p.organisation_id)
        .await
        .map_err(storage)?
        .into_iter()
        .map(|q| QuestionnaireChoice { id: q.id, name: q.name, organisation_id: q.organisation_id })
        .collect();
    let today = state.today();
    let open = if p.opens_on.is_some_and(|d| today < d) || texts.is_empty() {
        OpenState::NotYet
    } else if p.is_open_on(today) {
        OpenState::Open
    } else {
        OpenState::Closed
    };
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    Ok(ProgrammeSetup {
        code: p.code.clone(),
        name: p.name.clone(),
        organisation,
        country: p.country.clone(),
        languages: p.language_list().into_iter().map(str::to_owned).collect(),
        opens_on: day(p.opens_on),
        closes_on: day(p.closes_on),
        questionnaire_id: p.questionnaire_id,
        questionnaires,
        team_name: p.team_name.clone(),
        response_days: p.response_days,
        texts: Locale::ALL
            .iter()
            .map(|l| {
                let t = texts.iter().find(|t| t.locale == l.tag());
                LocaleTexts {
                    locale: l.tag().to_owned(),
                    name: t.map(|t| t.name.clone()).unwrap_or_default(),
                    about: t.map(|t| t.about.clone()).unwrap_or_default(),
                    team: t.and_then(|t| t.team_name.clone()).unwrap_or_default(),
                    written: t.is_some(),
                }
            })
            .collect(),
        state: open,
    })
}

fn again(e: AppError, p: &StaffPost<'_>) -> StaffOutcome {
    let mut values: Vec<(String, String)> = KEEP.iter().map(|k| ((*k).to_owned(), p.field(k))).collect();
    values.retain(|(k, _)| k != "languages");
    values.push(("languages".into(), p.form.all("languages").join(",")));
    StaffOutcome::page(StaffForm::error(e, values))
}

fn to_edit(p: &StaffPost<'_>, code: &str, done: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?p={code}&done={done}", p.path("programmes/edit")))
}

/// The programme a post names, if the caller may manage it.
async fn managed(p: &StaffPost<'_>) -> Result<(Caller, Programme), AppError> {
    let caller = p.caller()?.clone();
    let programme =
        p.state.db.programme_by_code(&p.field("p")).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if !caller.can(Permission::ManageProgrammes, target(&programme)) {
        return Err(AppError::Forbidden);
    }
    Ok((caller, programme))
}

/// The details typed in, checked; `None` when any is missing or wrong.
async fn fields(p: &StaffPost<'_>, organisation_id: i64) -> Result<Option<ProgrammeFields>, AppError> {
    let languages: Vec<String> = p.form.all("languages").iter().map(|l| l.trim().to_owned()).collect();
    let mut offered: Vec<String> = Vec::new();
    for l in &languages {
        match Locale::from_tag(l) {
            Some(locale) if !offered.iter().any(|o| o == locale.tag()) => {
                offered.push(locale.tag().to_owned())
            }
            Some(_) => {}
            None => return Ok(None),
        }
    }
    // English, the fallback, goes last: the first language is the one a
    // programme's links and posters open in.
    offered.sort_by_key(|l| l == "en");
    let questionnaires = p.state.db.questionnaires_for(organisation_id).await.map_err(storage)?;
    let questionnaire =
        p.field("questionnaire").parse::<i64>().ok().filter(|q| questionnaires.iter().any(|x| x.id == *q));
    let days = match p.field("days").as_str() {
        "" => Some(14),
        d => d.parse::<i64>().ok().filter(|d| RESPONSE_DAYS.contains(d)),
    };
    let (Some(opens_on), Some(closes_on)) =
        (optional_date(&p.field("opens")), optional_date(&p.field("closes")))
    else {
        return Ok(None);
    };
    if opens_on.zip(closes_on).is_some_and(|(o, c)| c < o) {
        return Ok(None);
    }
    let country = p.field("country");
    let (Some(name), Some(team), Some(questionnaire_id), Some(response_days)) =
        (one_line(&p.field("name"), NAME_MAX), one_line(&p.field("team"), NAME_MAX), questionnaire, days)
    else {
        return Ok(None);
    };
    if offered.is_empty() || !COUNTRIES.contains(&country.as_str()) {
        return Ok(None);
    }
    Ok(Some(ProgrammeFields {
        name,
        country,
        languages: offered,
        opens_on,
        closes_on,
        questionnaire_id,
        team_name: team,
        response_days,
    }))
}

/// A fresh code; a collision (one in millions) draws again.
async fn fresh_code(state: &AppState) -> Result<String, AppError> {
    for _ in 0..8 {
        let code = code_from(&rand::random::<[u8; CODE_LENGTH]>());
        if !state.db.code_taken(&code).await.map_err(storage)? {
            return Ok(code);
        }
    }
    Err(crate::api::support::internal("no free programme code"))
}

pub async fn create(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let org: i64 = p.field("org").parse().map_err(|_| AppError::NotFound)?;
    if !caller.can(Permission::ManageProgrammes, Target::Organisation(org)) {
        return Err(AppError::Forbidden);
    }
    if !p.state.db.organisations().await.map_err(storage)?.iter().any(|o| o.id == org) {
        return Err(AppError::NotFound);
    }
    let Some(f) = fields(&p, org).await? else { return Ok(again(AppError::InvalidInput, &p)) };
    let new = NewProgramme {
        organisation_id: org,
        code: fresh_code(p.state).await?,
        name: f.name,
        country: f.country,
        languages: f.languages,
        opens_on: f.opens_on,
        closes_on: f.closes_on,
        questionnaire_id: f.questionnaire_id,
        team_name: f.team_name,
        response_days: f.response_days,
    };
    let made = p.state.db.create_programme(&new).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ProgrammeCreated)
            .programme(Some(made.id))
            .detail(made.code.clone()),
    )
    .await?;
    Ok(to_edit(&p, &made.code, "programme-added"))
}

pub async fn save(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, programme) = managed(&p).await?;
    let Some(f) = fields(&p, programme.organisation_id).await? else {
        return Ok(again(AppError::InvalidInput, &p));
    };
    p.state.db.update_programme(programme.id, &f).await.map_err(storage)?;
    // Young people are told who reads their answers before they agree: a
    // new team makes every translation of the old one stale, so each
    // language shows the new name until it is translated again.
    if f.team_name != programme.team_name {
        for mut t in p.state.db.programme_texts(programme.id).await.map_err(storage)? {
            if t.team_name.take().is_some() {
                p.state.db.put_programme_text(programme.id, &t).await.map_err(storage)?;
            }
        }
    }
    p.state.forget_programme(&programme.code);
    p.state.forget_heard(programme.id);
    let detail = changed_fields(&programme, &f);
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ProgrammeSaved)
            .programme(Some(programme.id))
            .detail(detail),
    )
    .await?;
    Ok(to_edit(&p, &programme.code, "programme-saved"))
}

/// Which details a save changed, for the audit log ("nothing" when none).
fn changed_fields(p: &Programme, f: &ProgrammeFields) -> String {
    let pairs = [
        ("name", p.name != f.name),
        ("country", p.country != f.country),
        ("languages", p.languages != f.languages.join(",")),
        ("opens", p.opens_on != f.opens_on),
        ("closes", p.closes_on != f.closes_on),
        ("questionnaire", p.questionnaire_id != f.questionnaire_id),
        ("team", p.team_name != f.team_name),
        ("days", p.response_days != f.response_days),
    ];
    let changed: Vec<&str> = pairs.iter().filter(|(_, differs)| *differs).map(|(field, _)| *field).collect();
    if changed.is_empty() {
        "nothing".to_owned()
    } else {
        changed.join(",")
    }
}

/// One language's name, description and team name (young people read these).
pub async fn save_text(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, programme) = managed(&p).await?;
    let locale = Locale::from_tag(&p.field("locale")).ok_or(AppError::InvalidInput)?;
    let about = p.field("about");
    let team = p.field("team_text");
    let name = one_line(&p.field("name"), NAME_MAX);
    let team_ok = team.is_empty() || one_line(&team, NAME_MAX).is_some();
    let (Some(name), true, true) = (name, !about.is_empty() && about.chars().count() <= ABOUT_MAX, team_ok)
    else {
        return Ok(again(AppError::InvalidInput, &p));
    };
    let text = ProgrammeText {
        locale: locale.tag().to_owned(),
        name,
        about,
        team_name: (!team.is_empty()).then_some(team),
    };
    p.state.db.put_programme_text(programme.id, &text).await.map_err(storage)?;
    p.state.forget_programme(&programme.code);
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ProgrammeTextSaved)
            .programme(Some(programme.id))
            .detail(locale.tag()),
    )
    .await?;
    Ok(to_edit(&p, &programme.code, "text-saved"))
}

/// A new short code: links, posters and QR codes with the old one stop working.
pub async fn new_code(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, programme) = managed(&p).await?;
    let code = fresh_code(p.state).await?;
    match p.state.db.set_programme_code(programme.id, &code).await {
        Ok(_) => {}
        // Taken meanwhile, or once another programme's (a retired code).
        Err(e) if e.is_unique_violation() => return Ok(again(AppError::InvalidInput, &p)),
        Err(e) => return Err(storage(e)),
    }
    p.state.forget_programme(&programme.code);
    p.state.forget_programme(&code);
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ProgrammeCodeChanged)
            .programme(Some(programme.id))
            .detail(format!("{} → {code}", programme.code)),
    )
    .await?;
    Ok(to_edit(&p, &code, "code-changed"))
}
