//! What a page of the youth journey shows; built on the server for each post.
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::programme::{HelplineCard, ProgrammeCard};
use super::questionnaire::QuestionnaireView;
use super::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Consent,
    Screen(usize),
    Review,
    /// Stored (now or by an earlier try of the same form): show the receipt.
    Done {
        receipt: String,
    },
    /// The same form was sent after its answers had been withdrawn.
    Withdrawn,
    /// A form of a journey already sent, posted again later (Back, reload,
    /// history): nothing of it is shown.
    AlreadySent,
    /// A form of a journey left with quick exit, posted again.
    Stopped,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyPage {
    pub programme: ProgrammeCard,
    /// Shared: the same localised questionnaire serves every request.
    pub form: Arc<QuestionnaireView>,
    /// The signed journey token (see `api::seal`); empty before consent.
    pub seal: String,
    pub answers: Answers,
    /// Values exactly as posted for questions that failed a check, so the
    /// young person gets back what they typed.
    pub raw: BTreeMap<i64, Vec<String>>,
    pub step: Step,
    /// Problems, by question (`None`: about the whole form).
    pub errors: Vec<(Option<i64>, AppError)>,
    /// Some free text looks like a name, phone number or address.
    pub personal_details: bool,
    pub helplines: Vec<HelplineCard>,
    /// A journey begun on a kiosk link (see `model::kiosk`).
    pub kiosk: bool,
}

impl JourneyPage {
    pub fn error_for(&self, question: i64) -> Option<&AppError> {
        self.errors.iter().find(|(q, _)| *q == Some(question)).map(|(_, e)| e)
    }

    /// The kiosk's start page, on a kiosk journey.
    pub fn kiosk_start(&self, lang: &str) -> Option<String> {
        self.kiosk.then(|| super::kiosk::start_path(lang, &self.programme.code))
    }

    pub fn general_errors(&self) -> impl Iterator<Item = &AppError> {
        self.errors.iter().filter(|(q, _)| q.is_none()).map(|(_, e)| e)
    }
}

/// What a journey post renders: a page, or only an error (unknown programme, forged form).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JourneyOutcome {
    Page(Box<JourneyPage>),
    Fatal(AppError),
}
