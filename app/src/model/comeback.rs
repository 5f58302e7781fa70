//! What the "come back with your receipt" page shows.
use serde::{Deserialize, Serialize};

use super::actions::Heard;
use super::programme::ProgrammeCard;
use super::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComebackStep {
    /// The receipt box (again, after an error).
    Ask,
    Status,
    ConfirmWithdraw,
    Withdrawn,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    pub body: String,
    /// Month only (`2026-11`): a young person needs no more.
    pub month: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComebackPage {
    pub step: ComebackStep,
    /// The code as typed: carried in the form (never in the URL) for the next action.
    pub receipt: String,
    pub error: Option<AppError>,
    /// received, read or replied
    pub status: String,
    pub programme: Option<ProgrammeCard>,
    pub replies: Vec<ReplyView>,
    /// The programme's "you said, we did", summary and how many took part.
    pub heard: Option<Heard>,
}

impl ComebackPage {
    pub fn ask(receipt: String, error: Option<AppError>) -> ComebackPage {
        ComebackPage {
            step: ComebackStep::Ask,
            receipt,
            error,
            status: String::new(),
            programme: None,
            replies: vec![],
            heard: None,
        }
    }
}
