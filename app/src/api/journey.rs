//! The youth journey on the server: consent, one screen at a time, review,
//! and the durable send. All state travels in the form (signed seal plus the
//! answers as fields); nothing is stored before the young person sends.
use std::collections::BTreeMap;
use std::sync::Arc;

use siang_storage::{
    AnswerValue, KeyState, NewAnswer, NewSafeguarding, NewSubmission, Programme, SubmitOutcome,
};

use super::programme::load_open_programme;
use super::support::{internal, storage};
use crate::i18n::Locale;
use crate::input::form::RawForm;
use crate::input::{pii, zawgyi};
use crate::model::answers::{parse_answer, Answer, Answers, QuestionKind};
use crate::model::journey::{JourneyOutcome, JourneyPage, Step};
use crate::model::kiosk;
use crate::model::programme::ProgrammeCard;
use crate::model::questionnaire::{QuestionView, QuestionnaireView, ScreenView};
use crate::model::AppError;
use crate::security::limits::{Bucket, ClientKey};
use crate::security::seal::Seal;
use crate::state::AppState;

/// One post of the journey form.
pub struct JourneyPost<'a> {
    pub state: &'a AppState,
    pub locale: Locale,
    pub code: &'a str,
    pub client: ClientKey,
    pub form: RawForm,
}

pub async fn handle(post: JourneyPost<'_>) -> JourneyOutcome {
    match handle_inner(post).await {
        Ok(page) => JourneyOutcome::Page(Box::new(page)),
        Err(e) => JourneyOutcome::Fatal(e),
    }
}

async fn handle_inner(p: JourneyPost<'_>) -> Result<JourneyPage, AppError> {
    let (programme, card) = load_open_programme(p.state, p.code, p.locale).await?;
    if p.form.get("seal").is_none() {
        return begin(&p, &programme, card).await;
    }
    let seal = p.form.get("seal").and_then(|s| Seal::decode(&p.state.secrets, s));
    let seal = seal.ok_or(AppError::MissingIdempotencyKey)?;
    if seal.p != programme.id {
        return Err(AppError::BadRequest);
    }
    let kiosk = seal.t.is_some();
    // A kiosk form older than its page's own restart: the page was left and
    // the tablet started again, so this is the next child pressing Back.
    let stale = seal.t.is_some_and(|t| kiosk::is_stale(t, p.state.now(), p.form.get("live") == Some("1")));
    if stale {
        p.state.db.abandon_key(&seal.key_hash(), p.state.today()).await.map_err(storage)?;
    }
    // A journey already sent, taken back or left with quick exit is never
    // shown again: Back, reload or history on a shared phone must not bring
    // a child's answers back for the next person to read.
    if let Some(state) = p.state.db.key_state(&seal.key_hash()).await.map_err(storage)? {
        let resend = p.form.get("s") == Some("done") || p.form.get("go") == Some("send");
        let again = match seal.t {
            None => p.state.sent_recently(&seal.key_hash()),
            // On a kiosk only a double tap or the receipt page's own
            // language switch shows the receipt again, never a later Back.
            Some(t) => {
                !stale
                    && (p.state.now() - t <= kiosk::RECEIPT_AGAIN_SECS
                        || p.state.sent_within(&seal.key_hash(), kiosk::RECEIPT_AGAIN_SECS * 1000))
                    && p.state.sent_recently(&seal.key_hash())
            }
        };
        let step = match state {
            KeyState::Sent if resend && again => Step::Done { receipt: seal.r.clone() },
            KeyState::Sent => Step::AlreadySent,
            KeyState::Withdrawn => Step::Withdrawn,
            KeyState::Abandoned => Step::Stopped,
        };
        // The receipt page's own form (language switch) keeps its seal.
        let keep = if matches!(step, Step::Done { .. }) {
            reseal(p.state, &seal, p.form.get("seal").unwrap_or_default())?
        } else {
            String::new()
        };
        return Ok(finished(p.state, p.locale, card, step, &keep, kiosk).await);
    }
    let version = p.state.version(seal.v).await.map_err(storage)?.ok_or(AppError::VersionMismatch)?;
    if version.questionnaire_id != programme.questionnaire_id {
        return Err(AppError::VersionMismatch);
    }
    let form = p.state.localised(&version, p.locale);
    let current = match p.form.get("s") {
        // The receipt page's form: a language switch there re-sends, which a
        // stored submission answers with the same receipt, now in that language.
        Some("review" | "done") => Step::Review,
        Some(n) => Step::Screen(n.parse::<usize>().unwrap_or(1).clamp(1, form.last_screen())),
        None => Step::Screen(1),
    };
    let (answers, raw, mut errors) = read_answers(p.state, &p.form, &form).await?;
    if p.form.invalid_utf8 {
        errors.push((None, AppError::InvalidUtf8));
    }
    let names = p.state.redaction_names().await.map_err(storage)?;
    let places = p.state.programme_places(programme.id).await.map_err(storage)?;
    let mut page = JourneyPage {
        programme: card,
        personal_details: has_personal_details(&answers, &names, &places)?,
        form,
        seal: reseal(p.state, &seal, p.form.get("seal").unwrap_or_default())?,
        answers,
        raw,
        step: current.clone(),
        errors,
        helplines: vec![],
        kiosk,
    };
    if !page.errors.is_empty() {
        return Ok(page);
    }
    let last = page.form.last_screen();
    let go = if p.form.get("s") == Some("done") { "send" } else { p.form.get("go").unwrap_or("next") };
    page.step = match (go, &current) {
        ("send", _) => match send(&p, &seal, &programme, &page).await {
            Ok(step) => step,
            Err(e) => {
                page.errors.push((None, e));
                Step::Review
            }
        },
        ("next", Step::Screen(n)) if *n >= last => Step::Review,
        ("next", Step::Screen(n)) => Step::Screen(n + 1),
        ("back", Step::Screen(n)) => Step::Screen(n.saturating_sub(1).max(1)),
        ("back", Step::Review) => Step::Screen(last),
        ("review", _) => Step::Review,
        (go, _) if go.starts_with("screen-") => {
            Step::Screen(go["screen-".len()..].parse::<usize>().unwrap_or(1).clamp(1, last))
        }
        _ => current,
    };
    if matches!(page.step, Step::Done { .. }) {
        page.helplines = super::programme::helplines_of(p.state, &page.programme.country, p.locale).await;
    }
    if !matches!(page.step, Step::Screen(_) | Step::Review) {
        // Nothing typed travels on past the journey itself.
        page.answers.clear();
        page.raw.clear();
    }
    Ok(page)
}

/// The seal for the next page: the same one, except that a kiosk's records
/// when this page was shown.
fn reseal(state: &AppState, seal: &Seal, posted: &str) -> Result<String, AppError> {
    if seal.t.is_none() {
        return Ok(posted.to_owned());
    }
    let fresh = Seal { t: Some(state.now()), ..seal.clone() };
    fresh.encode(&state.secrets).ok_or_else(|| internal("could not seal a journey"))
}

/// A page for a journey that has ended: no answers.
async fn finished(
    state: &AppState,
    locale: Locale,
    card: ProgrammeCard,
    step: Step,
    seal: &str,
    kiosk: bool,
) -> JourneyPage {
    let helplines = match step {
        Step::Done { .. } => super::programme::helplines_of(state, &card.country, locale).await,
        _ => vec![],
    };
    JourneyPage {
        form: Arc::new(QuestionnaireView { version_id: 0, screens: vec![] }),
        programme: card,
        seal: seal.to_owned(),
        answers: Answers::new(),
        raw: BTreeMap::new(),
        step,
        errors: vec![],
        personal_details: false,
        helplines,
        kiosk,
    }
}

/// Quick exit from a journey: the journey's key is recorded as left, so
/// that its pages, re-posted from the browser's history, show nothing.
pub async fn abandon(state: &AppState, form: &RawForm) -> Result<(), AppError> {
    let Some(seal) = form.get("seal").and_then(|s| Seal::decode(&state.secrets, s)) else { return Ok(()) };
    // Left from the receipt page: the receipt is not shown again either.
    state.forget_sent(&seal.key_hash());
    state.db.abandon_key(&seal.key_hash(), state.today()).await.map_err(storage)
}

/// The consent post: nothing is stored; the journey's seal is minted.
async fn begin(
    p: &JourneyPost<'_>,
    programme: &Programme,
    card: ProgrammeCard,
) -> Result<JourneyPage, AppError> {
    let version = p.state.db.current_version(programme.questionnaire_id).await.map_err(storage)?;
    let version = version.ok_or_else(|| internal("programme has no published questionnaire"))?;
    let mut page = JourneyPage {
        programme: card,
        form: p.state.localised(&version, p.locale),
        seal: String::new(),
        answers: Answers::new(),
        raw: BTreeMap::new(),
        step: Step::Consent,
        errors: vec![],
        personal_details: false,
        helplines: vec![],
        kiosk: p.form.get("kiosk") == Some("1"),
    };
    if p.form.get("consent") != Some("yes") {
        page.errors.push((None, AppError::ConsentMissing));
        return Ok(page);
    }
    // The receipt's slow hash runs on a bounded pool of blocking threads.
    let seal = Seal::mint(&p.state.secrets, programme.id, version.id).await;
    let mut seal = seal.ok_or_else(|| internal("could not hash a receipt"))?;
    if page.kiosk {
        seal.t = Some(p.state.now());
    }
    page.seal = seal.encode(&p.state.secrets).ok_or_else(|| internal("could not seal a journey"))?;
    page.step = Step::Screen(1);
    Ok(page)
}

type Read = (Answers, BTreeMap<i64, Vec<String>>, Vec<(Option<i64>, AppError)>);

async fn read_answers(state: &AppState, form: &RawForm, view: &QuestionnaireView) -> Result<Read, AppError> {
    let mut posted: BTreeMap<i64, Vec<&str>> = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, value) in &form.fields {
        let Some(id) = name.strip_prefix('q') else { continue };
        let Ok(id) = id.parse::<i64>() else {
            errors.push((None, AppError::UnknownQuestion));
            continue;
        };
        posted.entry(id).or_default().push(value);
    }
    let (mut answers, mut raw) = (Answers::new(), BTreeMap::new());
    for (id, values) in posted {
        let Some(q) = view.question(id) else {
            // A question of another version of this questionnaire, or none at
            // all: the first such field decides (one look-up, however many
            // a forged form carries).
            if errors.iter().all(|(_, e)| !matches!(e, AppError::VersionMismatch | AppError::UnknownQuestion))
            {
                let other = state.db.question_version(id).await.map_err(storage)?;
                errors.push((
                    None,
                    if other.is_some() { AppError::VersionMismatch } else { AppError::UnknownQuestion },
                ));
            }
            continue;
        };
        let options: Vec<&str> = q.options.iter().map(|(k, _)| k.as_str()).collect();
        match parse_answer(q.kind, &values, &options, q.max_chars) {
            Ok(Some(a)) => {
                answers.insert(id, a);
            }
            Ok(None) => {}
            Err(e) => {
                raw.insert(id, values.iter().map(|v| (*v).to_owned()).collect());
                errors.push((Some(id), e));
            }
        }
    }
    Ok((answers, raw, errors))
}

fn has_personal_details(answers: &Answers, names: &[String], places: &[String]) -> Result<bool, AppError> {
    for a in answers.values() {
        if let Answer::Text(t) = a {
            if !pii::find_all(t, names, places).map_err(internal)?.is_empty() {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

async fn send(
    p: &JourneyPost<'_>,
    seal: &Seal,
    programme: &Programme,
    page: &JourneyPage,
) -> Result<Step, AppError> {
    if !p.state.limits.allows(Bucket::Submit, p.client) {
        return Err(AppError::RateLimited);
    }
    p.state.limits.count(Bucket::Submit, p.client);
    let names = p.state.redaction_names().await.map_err(storage)?;
    let places = p.state.programme_places(programme.id).await.map_err(storage)?;
    let mut answers = Vec::new();
    let (mut concern, mut concern_text) = (None, None);
    for (id, answer) in &page.answers {
        let Some(q) = page.form.question(*id) else { continue };
        // Burmese typed in Zawgyi is stored in Unicode (detection leaves
        // Unicode, and every other script, as it is).
        let answer = &match answer {
            Answer::Text(t) => Answer::Text(zawgyi::normalise_burmese(t).0),
            other => other.clone(),
        };
        if q.restricted {
            match answer {
                Answer::Text(t) => concern_text = Some(t.clone()),
                Answer::Choice(c) => concern = Some(c.clone()),
                _ => {}
            }
            continue;
        }
        answers.push(NewAnswer {
            question_id: *id,
            value: stored_value(answer),
            suggestions: suggestions(answer, &names, &places)?,
        });
    }
    // Only a "yes" or words raise a safeguarding concern; "no" is not kept at all.
    let safeguarding =
        (concern.as_deref() == Some("yes") || concern_text.is_some()).then(|| NewSafeguarding {
            answer: concern.unwrap_or_default(),
            body: concern_text,
            // Stored to the hour only: enough for the 24-hour target.
            raised_at: p.state.now(),
        });
    let raised = safeguarding.is_some();
    let submission = NewSubmission {
        programme_id: programme.id,
        version_id: seal.v,
        locale: p.locale.tag().to_owned(),
        submitted_on: p.state.today(),
        receipt_hash: seal.h.clone(),
        key_hash: seal.key_hash(),
        answers,
        safeguarding,
    };
    if let Some(rendezvous) = &p.state.config.send_rendezvous {
        rendezvous.wait().await;
    }
    match p.state.db.submit(submission).await {
        // Duplicate here: the same form raced itself (a double tap, a retry
        // while the first was still being written), so it is the same person.
        Ok(SubmitOutcome::Stored { .. } | SubmitOutcome::Duplicate) => {
            if raised {
                p.state.wake_alerts();
            }
            p.state.mark_sent(&seal.key_hash());
            Ok(Step::Done { receipt: seal.r.clone() })
        }
        Ok(SubmitOutcome::Withdrawn) => Ok(Step::Withdrawn),
        Ok(SubmitOutcome::Abandoned) => Ok(Step::Stopped),
        Err(e) => Err(storage(e)),
    }
}

fn stored_value(a: &Answer) -> AnswerValue {
    match a {
        Answer::Rating(r) => AnswerValue::Rating(i64::from(*r)),
        Answer::Choice(c) => AnswerValue::Choices(vec![c.clone()]),
        Answer::Choices(c) => AnswerValue::Choices(c.clone()),
        Answer::Text(t) => AnswerValue::Text(t.clone()),
        Answer::DontKnow => AnswerValue::DontKnow,
        Answer::PreferNot => AnswerValue::PreferNot,
    }
}

fn suggestions(a: &Answer, names: &[String], places: &[String]) -> Result<Vec<(i64, i64, String)>, AppError> {
    match a {
        Answer::Text(t) => Ok(pii::find_all(t, names, places)
            .map_err(internal)?
            .into_iter()
            .map(|(s, e, k)| (s as i64, e as i64, k.to_owned()))
            .collect()),
        _ => Ok(vec![]),
    }
}

/// The version's questions in `locale` (English where a text is missing).
pub fn localise(v: &siang_storage::QuestionnaireVersion, locale: Locale) -> QuestionnaireView {
    let text = |id: i64| {
        let find = |l: &str| v.question_texts.iter().find(|t| t.question_id == id && t.locale == l);
        find(locale.tag()).or_else(|| find("en")).map(|t| t.prompt.clone()).unwrap_or_default()
    };
    let label = |id: i64| {
        let find = |l: &str| v.option_texts.iter().find(|t| t.option_id == id && t.locale == l);
        find(locale.tag()).or_else(|| find("en")).map(|t| t.label.clone()).unwrap_or_default()
    };
    let mut screens: Vec<ScreenView> = Vec::new();
    for q in &v.questions {
        let view = QuestionView {
            id: q.id,
            key: q.key.clone(),
            kind: QuestionKind::parse(&q.kind).unwrap_or(QuestionKind::Text),
            prompt: text(q.id),
            options: v
                .options
                .iter()
                .filter(|o| o.question_id == q.id)
                .map(|o| (o.key.clone(), label(o.id)))
                .collect(),
            max_chars: q.max_chars.max(1) as usize,
            restricted: q.restricted,
        };
        match screens.last_mut() {
            Some(s) if s.area == q.area => s.questions.push(view),
            _ => screens.push(ScreenView {
                number: screens.len() + 1,
                area: q.area.clone(),
                questions: vec![view],
            }),
        }
    }
    QuestionnaireView { version_id: v.id, screens }
}
