//! What the audit log can record. One enum: the code writes it, the audit
//! page offers it as a filter and names it in every language
//! (`audit-<key>` in `locales/*/staff.ftl`), and the stored key never changes.
use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($($variant:ident => $key:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum AuditAction {
            $($variant,)*
        }

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)*];

            /// The key stored in the log (stable once shipped).
            pub fn key(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $key,)*
                }
            }
        }
    };
}

actions! {
    SignIn => "sign_in",
    SignInFailed => "sign_in_failed",
    SignOut => "sign_out",
    SignOutEverywhere => "sign_out_everywhere",
    PasswordSet => "password_set",
    PasswordChanged => "password_changed",
    PasswordChangeFailed => "password_change_failed",
    TotpEnrolled => "totp_enrolled",
    TotpEnrolFailed => "totp_enrol_failed",
    TotpReset => "totp_reset",
    TotpRequired => "totp_required",
    TotpRequiredAll => "totp_required_all",
    StaffInvited => "staff_invited",
    RoleGranted => "role_granted",
    RoleRevoked => "role_revoked",
    StaffDisabled => "staff_disabled",
    StaffEnabled => "staff_enabled",
    PasswordLinkCreated => "password_link_created",
    SubmissionViewed => "submission_viewed",
    SubmissionMoved => "submission_moved",
    ReplySent => "reply_sent",
    DetailAccepted => "detail_accepted",
    DetailRejected => "detail_rejected",
    WordsRedacted => "words_redacted",
    ConcernRaised => "concern_raised",
    ConcernViewed => "concern_viewed",
    ConcernStep => "concern_step",
    ReplyCorrected => "reply_corrected",
    TemplateSaved => "template_saved",
    TemplateDeleted => "template_deleted",
    SubmissionCoded => "submission_coded",
    CodeAdded => "code_added",
    CodeLabelled => "code_labelled",
    SafetySettingsSaved => "safety_settings_saved",
    NamesSaved => "names_saved",
    WordsCoded => "words_coded",
    WordsUncoded => "words_uncoded",
    QuoteSelected => "quote_selected",
    QuoteRemoved => "quote_removed",
    SummaryDrafted => "summary_drafted",
    SummarySaved => "summary_saved",
    SummaryPublished => "summary_published",
    CodeUnlabelled => "code_unlabelled",
    CodeRetired => "code_retired",
    CodeRestored => "code_restored",
    AggregatesExported => "aggregates_exported",
    ActionRecorded => "action_recorded",
    ActionSaved => "action_saved",
    ActionPublished => "action_published",
    ActionUnpublished => "action_unpublished",
    ActionDeleted => "action_deleted",
    PublicResultsSet => "public_results_set",
    OrganisationCreated => "organisation_created",
    OrganisationRenamed => "organisation_renamed",
    ProgrammeCreated => "programme_created",
    ProgrammeSaved => "programme_saved",
    ProgrammeTextSaved => "programme_text_saved",
    ProgrammeCodeChanged => "programme_code_changed",
    HelplineAdded => "helpline_added",
    HelplineSaved => "helpline_saved",
    HelplineVerified => "helpline_verified",
    HelplineRemoved => "helpline_removed",
    RetentionSaved => "retention_saved",
    RetentionApplied => "retention_applied",
    QuestionnaireCreated => "questionnaire_created",
    QuestionnaireDraftStarted => "questionnaire_draft_started",
    QuestionnaireEdited => "questionnaire_edited",
    QuestionnaireSignedOff => "questionnaire_signed_off",
    QuestionnairePublished => "questionnaire_published",
    QuestionnaireDiscarded => "questionnaire_discarded",
    QuestionnaireImported => "questionnaire_imported",
    QuestionnaireExported => "questionnaire_exported",
}

impl AuditAction {
    pub fn parse(key: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_parse_back() {
        let mut keys: Vec<&str> = AuditAction::ALL.iter().map(|a| a.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), AuditAction::ALL.len());
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.key()), Some(*a));
        }
    }
}
