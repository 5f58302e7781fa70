//! What the programmes page shows: each programme and helpline in the
//! caller's scope, and per language what young people would see in English
//! because it has not been translated.
use super::require_somewhere;
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::staff::{Permission, Target};
use crate::model::staff_pages::{HelplineStatus, ProgrammeStatus, ProgrammesData};
use crate::model::AppError;

pub async fn load_programmes() -> Result<ProgrammesData, AppError> {
    let caller = require_somewhere(Permission::ManageProgrammes)?;
    let state = state()?;
    let db = &state.db;
    let mut programmes = Vec::new();
    let mut countries = Vec::new();
    for p in db.programmes().await.map_err(storage)? {
        let target = Target::Programme { programme: p.id, organisation: p.organisation_id };
        if !caller.can(Permission::ManageProgrammes, target) {
            continue;
        }
        let texts = db.programme_texts(p.id).await.map_err(storage)?;
        let missing = Locale::ALL
            .iter()
            .map(|l| {
                let text = texts.iter().find(|t| t.locale == l.tag());
                let mut m: Vec<String> = Vec::new();
                if text.is_none() {
                    m.extend(["name".into(), "about".into()]);
                }
                if text.is_none_or(|t| t.team_name.is_none()) && *l != Locale::En {
                    m.push("team".into());
                }
                m
            })
            .collect();
        if !countries.contains(&p.country) {
            countries.push(p.country.clone());
        }
        programmes.push(ProgrammeStatus { code: p.code, name: p.name, country: p.country, missing });
    }
    let mut helplines = Vec::new();
    for country in countries.iter().map(String::as_str).chain(["INT"]) {
        let lines = db.helplines(Some(country)).await.map_err(storage)?;
        let ids: Vec<i64> = lines.iter().map(|h| h.id).collect();
        let texts = db.helpline_texts(&ids).await.map_err(storage)?;
        for h in lines {
            let translated = Locale::ALL
                .iter()
                .map(|l| {
                    *l == Locale::En || texts.iter().any(|t| t.helpline_id == h.id && t.locale == l.tag())
                })
                .collect();
            helplines.push(HelplineStatus { name: h.name, country: h.country, translated });
        }
    }
    Ok(ProgrammesData { programmes, helplines })
}
