//! `siang demo`: demonstration organisations, programmes and synthetic
//! responses, so a newcomer sees a living portal and benchmarks have data.
use chrono::{Duration, NaiveDate, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rand::prelude::*;
use siang_storage::{
    to_hour, ActionFields, ActionWords, AnswerValue, Db, NewAnswer, NewProgramme, NewSafeguarding,
    NewSubmission, ProgrammeText, QuestionnaireVersion, SafeguardingSetup,
};

use app::i18n::{Locale, CATALOG};

use crate::seed::DEFAULT_QUESTIONNAIRE;

/// (organisation slug, organisation name, programme code, country, languages, demo text key)
const PROGRAMMES: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("mekong-hope", "Mekong Hope (demo)", "SAFE24", "KH", "km,en", "demo-shelter"),
    ("mekong-hope", "Mekong Hope (demo)", "SKILL9", "KH", "km,en,vi", "demo-skills"),
    ("river-home", "River Home Foundation (demo)", "HOME25", "TH", "th,my,lo,en", "demo-family"),
    ("river-home", "River Home Foundation (demo)", "TALK7", "TH", "th,my,en", "demo-counselling"),
    ("bridge-vn", "Bridge Viet Nam (demo)", "LEARN3", "VN", "vi,zh-Hans,en", "demo-school"),
];

pub const DEMO_CODES: [&str; 5] = ["SAFE24", "SKILL9", "HOME25", "TALK7", "LEARN3"];

const SAMPLE_TEXTS: &[&str] = &[
    "The staff were kind to me.",
    "I want more time to learn a trade.",
    "The food was good but the room was noisy.",
    "Please explain the court papers in my language.",
    "I felt alone at night.",
    "My caseworker kept her promises.",
    "Call me on 012 345 678 if you need to know more.",
    "I liked the football on Sundays.",
];

/// A programme's referral steps as a team writes them (demo data, in the
/// team's working language; administrators edit their own).
const REFERRAL_STEPS: &[&str] = &[
    "Within the hour: tell the on-call caseworker; they decide whether the child is in danger now.",
    "Danger now: call the national child helpline below and the police child protection unit.",
    "Otherwise: the caseworker meets the child within 24 hours, with a counsellor.",
    "Record the referral here (to whom, when) and close the concern when the child is safe.",
];

pub async fn load(db: &Db, responses: usize) -> anyhow::Result<()> {
    let questionnaire_id = db
        .questionnaire_id(None, DEFAULT_QUESTIONNAIRE)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the default questionnaire is missing"))?;
    let version = db
        .current_version(questionnaire_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the default questionnaire has no published version"))?;
    let mut programmes = Vec::new();
    for (slug, org_name, code, country, languages, text_key) in PROGRAMMES {
        let org = db.upsert_organisation(slug, org_name).await?;
        // Demo responses span 18 months: their organisations keep words two
        // years, so the demo stays whole (and shows an organisation's own rule).
        db.set_retention(&siang_storage::RetentionRule {
            organisation_id: Some(org.id),
            free_text_months: 24,
            submission_months: 36,
            safeguarding_months: 72,
        })
        .await?;
        let programme = match db.programme_by_code(code).await? {
            Some(p) => p,
            None => {
                let name = CATALOG.format(Locale::En, &format!("{text_key}-name"), None).unwrap_or_default();
                db.create_programme(&NewProgramme {
                    organisation_id: org.id,
                    code: (*code).into(),
                    name,
                    country: (*country).into(),
                    languages: languages.split(',').map(Into::into).collect(),
                    opens_on: Some(Utc::now().date_naive() - Duration::days(600)),
                    closes_on: None,
                    questionnaire_id,
                    team_name: CATALOG
                        .format(Locale::En, &format!("{text_key}-team"), None)
                        .unwrap_or_default(),
                    response_days: 14,
                })
                .await?
            }
        };
        for locale in Locale::ALL {
            let text = |suffix: &str| {
                CATALOG.format(locale, &format!("{text_key}-{suffix}"), None).unwrap_or_default()
            };
            db.put_programme_text(
                programme.id,
                &ProgrammeText {
                    locale: locale.tag().into(),
                    name: text("name"),
                    about: text("about"),
                    team_name: Some(text("team")),
                },
            )
            .await?;
        }
        if db.safeguarding_setup(programme.id).await?.referral_steps.is_empty() {
            db.set_safeguarding_setup(
                programme.id,
                &SafeguardingSetup {
                    contacts: vec![],
                    referral_steps: REFERRAL_STEPS.iter().map(|s| (*s).to_owned()).collect(),
                },
            )
            .await?;
        }
        programmes.push(programme);
    }
    db.put_setting("demo_codes", &DEMO_CODES.join(",")).await?;
    if let Some(first) = programmes.first() {
        actions(db, first).await?;
    }

    let bar = ProgressBar::new(responses as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("synthetic responses");
    let mut rng = StdRng::from_os_rng();
    let mut left = responses;
    while left > 0 {
        let n = left.min(5000);
        let batch: Vec<NewSubmission> = (0..n)
            .map(|_| {
                let p = &programmes[rng.random_range(0..programmes.len())];
                synthetic(&mut rng, p.id, &p.language_list(), &version)
            })
            .collect();
        db.insert_submissions(batch).await?;
        bar.inc(n as u64);
        left -= n;
    }
    bar.finish();
    // Synthetic concerns are history: nobody is to be e-mailed about them.
    db.settle_alerts_before(to_hour(Utc::now().timestamp()) + 3600).await?;
    println!("demo data loaded: programme codes {}", DEMO_CODES.join(", "));
    Ok(())
}

/// (theme, status, planned for / done in, demo text number): what the
/// first programme's team heard and does, published in every language.
const ACTIONS: &[(&str, &str, Option<i64>, u8)] = &[
    ("safety", "done", Some(-2), 1),
    ("legal", "in_progress", Some(2), 2),
    ("community", "not_done", None, 3),
];

async fn actions(db: &Db, p: &siang_storage::Programme) -> anyhow::Result<()> {
    if !db.actions_of(p.id, false).await?.is_empty() {
        return Ok(());
    }
    let codes = db.codebook(&[p.organisation_id]).await?;
    let today = Utc::now().date_naive();
    let month = |offset: i64| (today + Duration::days(30 * offset)).format("%Y-%m").to_string();
    for (theme, state, when, n) in ACTIONS {
        let fields = ActionFields {
            tag_id: codes.iter().find(|c| c.key == *theme && c.organisation_id.is_none()).map(|c| c.id),
            state: (*state).into(),
            due_month: when.filter(|w| *w > 0).map(month),
            done_month: when.filter(|w| *w < 0).map(month),
        };
        let mut id = None;
        for locale in Locale::ALL {
            let text = |part: &str| CATALOG.format(locale, &format!("demo-action-{n}-{part}"), None);
            let words = ActionWords {
                locale: locale.tag().into(),
                you_said: text("said").unwrap_or_default(),
                we_did: text("did").unwrap_or_default(),
                reason: (*state == "not_done").then(|| text("reason").unwrap_or_default()),
                machine: false,
            };
            match id {
                None => id = Some(db.add_action(p.id, &fields, &words, None, Utc::now().timestamp()).await?),
                Some(id) => {
                    db.put_action_text(p.id, id, &words, None, Utc::now().timestamp()).await?;
                }
            }
        }
        if let Some(id) = id {
            db.publish_action(p.id, id, Some(today)).await?;
        }
    }
    db.set_public_results(p.id, true).await?;
    Ok(())
}

/// One synthetic submission: a day within 18 months, ratings that improve a
/// little over time, some skipped questions, a few comments.
fn synthetic(
    rng: &mut StdRng,
    programme_id: i64,
    languages: &[&str],
    v: &QuestionnaireVersion,
) -> NewSubmission {
    let days_ago = rng.random_range(0..548);
    let day: NaiveDate = Utc::now().date_naive() - Duration::days(days_ago);
    let trend = (548 - days_ago) as f64 / 548.0;
    let mut answers = Vec::new();
    let mut safeguarding = None;
    for q in &v.questions {
        let roll: f64 = rng.random();
        if q.restricted {
            if q.kind == "single" && roll < 0.03 {
                let hour = rng.random_range(8..18);
                let raised_at = day.and_hms_opt(hour, 0, 0).map_or(0, |t| t.and_utc().timestamp());
                safeguarding = Some(NewSafeguarding { answer: "yes".into(), body: None, raised_at });
            }
            continue;
        }
        let value = if roll < 0.12 {
            continue;
        } else if roll < 0.15 {
            AnswerValue::DontKnow
        } else if roll < 0.17 {
            AnswerValue::PreferNot
        } else {
            match q.kind.as_str() {
                "scale" => {
                    let base = 2.6 + 1.6 * trend + rng.random_range(-1.6..1.6);
                    AnswerValue::Rating(base.round().clamp(1.0, 5.0) as i64)
                }
                "single" | "multi" => {
                    let opts: Vec<String> =
                        v.options.iter().filter(|o| o.question_id == q.id).map(|o| o.key.clone()).collect();
                    if opts.is_empty() {
                        continue;
                    }
                    let take = if q.kind == "multi" { rng.random_range(1..=opts.len().min(3)) } else { 1 };
                    AnswerValue::Choices(opts.choose_multiple(rng, take).cloned().collect())
                }
                _ if roll > 0.85 => {
                    AnswerValue::Text(SAMPLE_TEXTS[rng.random_range(0..SAMPLE_TEXTS.len())].into())
                }
                _ => continue,
            }
        };
        answers.push(NewAnswer { question_id: q.id, value, suggestions: vec![] });
    }
    let token: u128 = rng.random();
    NewSubmission {
        programme_id,
        version_id: v.id,
        locale: languages.choose(rng).copied().unwrap_or("en").into(),
        submitted_on: day,
        // Demo rows get hashes no real receipt can produce.
        receipt_hash: format!("demo:{token:032x}"),
        key_hash: format!("demo:{token:032x}"),
        answers,
        safeguarding,
    }
}
