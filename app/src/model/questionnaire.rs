//! A questionnaire version in one language, ready to render.
use serde::{Deserialize, Serialize};

use super::answers::QuestionKind;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i64,
    pub key: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// (key, label)
    pub options: Vec<(String, String)>,
    pub max_chars: usize,
    /// Safeguarding: stored apart, never in aggregates.
    pub restricted: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenView {
    pub number: usize,
    pub area: String,
    pub questions: Vec<QuestionView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireView {
    pub version_id: i64,
    pub screens: Vec<ScreenView>,
}

impl QuestionnaireView {
    pub fn question(&self, id: i64) -> Option<&QuestionView> {
        self.screens.iter().flat_map(|s| &s.questions).find(|q| q.id == id)
    }

    pub fn screen_of(&self, id: i64) -> Option<usize> {
        self.screens.iter().find(|s| s.questions.iter().any(|q| q.id == id)).map(|s| s.number)
    }

    pub fn last_screen(&self) -> usize {
        self.screens.len()
    }
}
