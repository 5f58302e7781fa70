//! The one error type that reaches a page. Each variant has a stable code
//! (for logs, tests and support) and a Fluent message; the page shows the
//! translated message, never the Rust text of an underlying error.
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not-found")]
    NotFound,
    #[error("programme-unknown")]
    ProgrammeUnknown,
    #[error("programme-closed")]
    ProgrammeClosed,
    #[error("programme-not-open-yet")]
    ProgrammeNotOpenYet,
    #[error("code-empty")]
    CodeEmpty,
    #[error("bad-request")]
    BadRequest,
    #[error("invalid-utf8")]
    InvalidUtf8,
    #[error("too-large")]
    TooLarge,
    #[error("text-too-long")]
    TextTooLong { max: usize },
    #[error("rating-out-of-range")]
    RatingOutOfRange,
    #[error("unknown-question")]
    UnknownQuestion,
    #[error("unknown-choice")]
    UnknownChoice,
    #[error("version-mismatch")]
    VersionMismatch,
    #[error("missing-key")]
    MissingIdempotencyKey,
    #[error("consent-missing")]
    ConsentMissing,
    #[error("foreign-origin")]
    ForeignOrigin,
    #[error("rate-limited")]
    RateLimited,
    /// Everyone's budget of slow receipt look-ups is spent for the moment.
    #[error("busy")]
    Busy,
    #[error("receipt-unknown")]
    ReceiptUnknown,
    #[error("receipt-malformed")]
    ReceiptMalformed,
    #[error("withdrawn")]
    Withdrawn,
    #[error("sign-in-required")]
    SignInRequired,
    #[error("forbidden")]
    Forbidden,
    #[error("sign-in-failed")]
    SignInFailed,
    #[error("totp-invalid")]
    TotpInvalid,
    #[error("password-too-short")]
    PasswordTooShort,
    #[error("password-common")]
    PasswordCommon,
    #[error("password-mismatch")]
    PasswordMismatch,
    #[error("token-invalid")]
    TokenInvalid,
    #[error("session-expired")]
    SessionExpired,
    #[error("invalid-input")]
    InvalidInput,
    #[error("unavailable")]
    Unavailable,
    /// Approval waits until every suspected personal detail is resolved.
    #[error("details-unresolved")]
    DetailsUnresolved,
    /// The submission is not where this move starts from (someone moved it first).
    #[error("move-not-allowed")]
    MoveNotAllowed,
    #[error("reply-empty")]
    ReplyEmpty,
    /// The words to redact are not in that answer (or already redacted).
    #[error("words-not-found")]
    WordsNotFound,
    /// The e-mail with a sign-in link could not be sent (the link is not shown instead).
    #[error("mail-failed")]
    MailFailed,
    /// The submission carries a safeguarding concern: it is handled in the urgent view only.
    #[error("in-urgent-view")]
    InUrgentView,
    /// Referring or closing a concern needs a note (to whom, what happened).
    #[error("note-required")]
    NoteRequired,
    /// The young person has read this reply: it stays as they saw it.
    #[error("reply-already-read")]
    ReplyAlreadyRead,
    /// That facet of the codebook has a code with that key already.
    #[error("code-exists")]
    CodeExists,
    /// Quotes come from approved submissions only.
    #[error("quote-not-approved")]
    QuoteNotApproved,
    /// Publishing needs the words in at least one language, written or reviewed by a person.
    #[error("action-not-ready")]
    ActionNotReady,
    /// "Not doing" needs the reason, in the language being saved.
    #[error("action-reason-needed")]
    ActionReasonNeeded,
    /// A country's last helpline (or the international one) stays: children would be left with none.
    #[error("last-helpline")]
    LastHelpline,
    /// Another organisation already has this name (staff choose organisations by name).
    #[error("name-taken")]
    NameTaken,
    /// The form was made for a line that has changed since (another tab, another person).
    #[error("stale-form")]
    StaleForm,
    /// Retention periods outside their limits, or words kept longer than their response.
    #[error("retention-range")]
    RetentionRange,
    /// A question without English words, with too few or repeated choices, or another rule broken.
    #[error("question-invalid")]
    QuestionInvalid,
    /// The version needs the youth advisory group's sign-off before it goes live.
    #[error("signoff-needed")]
    SignoffNeeded,
    /// Only a draft can be changed; this version is live or retired.
    #[error("not-a-draft")]
    NotADraft,
    /// The file is not an .xlsx workbook with a `survey` sheet.
    #[error("xlsform-unreadable")]
    XlsformUnreadable,
    /// Something failed on the server; the details are in the log under this id.
    #[error("internal")]
    Internal { correlation: String },
    /// The request did not reach the server function, or its answer was unreadable.
    #[error("transport")]
    Transport,
}

impl AppError {
    /// Stable code, e.g. `E-PROGRAMME-UNKNOWN`. Never change one once shipped.
    pub fn code(&self) -> String {
        format!("E-{}", self.to_string().to_ascii_uppercase())
    }

    /// The Fluent message id that explains this error to a person.
    pub fn message_key(&self) -> String {
        format!("error-{self}")
    }

    /// The HTTP status a no-JavaScript page answers with.
    pub fn status(&self) -> u16 {
        use AppError::*;
        match self {
            NotFound | ProgrammeUnknown | ReceiptUnknown => 404,
            ProgrammeClosed | ProgrammeNotOpenYet | Withdrawn => 410,
            SignInRequired | SessionExpired | SignInFailed | TotpInvalid => 401,
            Forbidden | ForeignOrigin => 403,
            MoveNotAllowed | InUrgentView | ReplyAlreadyRead | LastHelpline | StaleForm | SignoffNeeded
            | NotADraft => 409,
            TooLarge => 413,
            RateLimited => 429,
            Busy | Unavailable | MailFailed => 503,
            Internal { .. } | Transport => 500,
            _ => 422,
        }
    }

    pub fn correlation(&self) -> Option<&str> {
        match self {
            AppError::Internal { correlation } => Some(correlation),
            _ => None,
        }
    }

    /// Every variant once, for tests that check each has a message in every locale.
    pub fn all() -> Vec<AppError> {
        use AppError::*;
        vec![
            NotFound,
            ProgrammeUnknown,
            ProgrammeClosed,
            ProgrammeNotOpenYet,
            CodeEmpty,
            BadRequest,
            InvalidUtf8,
            TooLarge,
            TextTooLong { max: 0 },
            RatingOutOfRange,
            UnknownQuestion,
            UnknownChoice,
            VersionMismatch,
            MissingIdempotencyKey,
            ConsentMissing,
            ForeignOrigin,
            RateLimited,
            Busy,
            ReceiptUnknown,
            ReceiptMalformed,
            Withdrawn,
            SignInRequired,
            Forbidden,
            SignInFailed,
            TotpInvalid,
            PasswordTooShort,
            PasswordCommon,
            PasswordMismatch,
            TokenInvalid,
            SessionExpired,
            InvalidInput,
            Unavailable,
            DetailsUnresolved,
            MoveNotAllowed,
            ReplyEmpty,
            WordsNotFound,
            MailFailed,
            InUrgentView,
            NoteRequired,
            ReplyAlreadyRead,
            CodeExists,
            QuoteNotApproved,
            ActionNotReady,
            ActionReasonNeeded,
            LastHelpline,
            NameTaken,
            StaleForm,
            RetentionRange,
            QuestionInvalid,
            SignoffNeeded,
            NotADraft,
            XlsformUnreadable,
            Internal { correlation: String::new() },
            Transport,
        ]
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_value: ServerFnErrorErr) -> Self {
        // The framework's own error text may carry internals: keep only the kind.
        AppError::Transport
    }
}
