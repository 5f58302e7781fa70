//! Defaults every installation needs: the question bank, the receipt salt
//! and starter helplines. Idempotent; runs after every migration.
pub mod bank;

use app::i18n::{Locale, CATALOG};
use siang_storage::{Db, NewHelpline, OptionSpec, QuestionSpec};

pub const DEFAULT_QUESTIONNAIRE: &str = "default";

/// Per-locale texts of one Fluent message, with whether that locale is reviewed.
fn texts(key: &str) -> Vec<(String, String, bool)> {
    Locale::ALL
        .into_iter()
        .filter(|l| CATALOG.has(*l, key))
        .filter_map(|l| {
            let reviewed = CATALOG.format(l, "meta-review-status", None).as_deref() == Some("reviewed");
            CATALOG.format(l, key, None).map(|t| (l.tag().to_owned(), t, reviewed))
        })
        .collect()
}

pub fn question_specs() -> Vec<QuestionSpec> {
    let mut position_in_area = std::collections::HashMap::<&str, i64>::new();
    bank::ITEMS
        .iter()
        .map(|item| {
            let screen = bank::AREAS.iter().position(|a| *a == item.area).unwrap_or(0) as i64 + 1;
            let position = position_in_area.entry(item.area).or_insert(0);
            *position += 1;
            QuestionSpec {
                key: item.key.to_owned(),
                area: item.area.to_owned(),
                screen,
                position: *position,
                kind: item.kind.to_owned(),
                max_chars: item.max_chars,
                restricted: item.area == bank::SAFEGUARDING_AREA,
                same_as: None,
                texts: texts(&format!("qb-{}", item.key)),
                options: item
                    .options
                    .iter()
                    .map(|o| OptionSpec {
                        key: (*o).to_owned(),
                        texts: texts(&format!("qb-{}-{o}", item.key)),
                    })
                    .collect(),
            }
        })
        .collect()
}

pub async fn ensure_defaults(db: &Db) -> siang_storage::Result<()> {
    if db.questionnaire_id(None, DEFAULT_QUESTIONNAIRE).await?.is_none() {
        db.publish_questionnaire_version(
            None,
            DEFAULT_QUESTIONNAIRE,
            "Default question bank",
            &question_specs(),
        )
        .await?;
    }
    seed_helplines(db).await?;
    translate_starter_helplines(db).await
}

/// Adds each starter line once per installation: a line an administrator
/// removed stays removed, and a line added in a later release still
/// reaches installations that already had the others.
async fn seed_helplines(db: &Db) -> siang_storage::Result<()> {
    let lines = db.helplines(None).await?;
    for (key, h) in starter_helplines() {
        let flag = format!("seeded_{key}");
        if db.setting(&flag).await?.is_some() {
            continue;
        }
        if !lines.iter().any(|l| l.country == h.country && l.phone == h.phone) {
            db.add_helpline(&h).await?;
        }
        db.put_setting(&flag, "1").await?;
    }
    Ok(())
}

/// The starter helplines' names and hours in every shipped language
/// (`helpline-*` in `locales/*/help.ftl`), for lines that have none yet.
async fn translate_starter_helplines(db: &Db) -> siang_storage::Result<()> {
    let lines = db.helplines(None).await?;
    let ids: Vec<i64> = lines.iter().map(|h| h.id).collect();
    let have = db.helpline_texts(&ids).await?;
    for (key, starter) in starter_helplines() {
        let Some(line) = lines.iter().find(|h| h.country == starter.country && h.phone == starter.phone)
        else {
            continue;
        };
        if have.iter().any(|t| t.helpline_id == line.id) {
            continue;
        }
        for locale in Locale::ALL {
            let (Some(name), Some(hours)) =
                (CATALOG.format(locale, key, None), CATALOG.format(locale, "helpline-hours-always", None))
            else {
                continue;
            };
            db.put_helpline_text(line.id, locale.tag(), &name, Some(&hours)).await?;
        }
    }
    Ok(())
}

/// Child helplines known at the time of writing, with the Fluent key of
/// their name. Marked unverified: an administrator must confirm each number
/// before the portal goes live.
fn starter_helplines() -> Vec<(&'static str, NewHelpline)> {
    let line = |country: &str, name: &str, phone: &str, url: Option<&str>| NewHelpline {
        country: country.into(),
        name: name.into(),
        phone: phone.into(),
        url: url.map(Into::into),
        hours: Some("24/7".into()),
        verified: false,
    };
    vec![
        ("helpline-kh-1280", line("KH", "Child Helpline Cambodia", "1280", None)),
        ("helpline-la-1554", line("LA", "Lao Youth Union Helpline", "1554", None)),
        // No national number could be confirmed when this was written: the
        // directory of child helplines, until an administrator adds one.
        (
            "helpline-mm-directory",
            line(
                "MM",
                "Find a child helpline",
                "childhelplineinternational.org",
                Some("https://childhelplineinternational.org/helplines/"),
            ),
        ),
        ("helpline-th-1300", line("TH", "Prachabodi Center 1300", "1300", None)),
        ("helpline-vn-111", line("VN", "National Child Helpline", "111", None)),
        ("helpline-cn-12355", line("CN", "12355 Youth Hotline", "12355", None)),
        (
            "helpline-int",
            line(
                "INT",
                "Child Helpline International",
                "childhelplineinternational.org",
                Some("https://childhelplineinternational.org/helplines/"),
            ),
        ),
    ]
}
