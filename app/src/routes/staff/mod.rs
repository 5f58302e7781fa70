//! Staff pages. Reaching any of them goes through the server's staff gate
//! and then [`gate::StaffGate`], both checking the session against the
//! route table in `api::staff::routes`.
pub mod account;
pub mod actions;
pub mod audit;
pub mod charts;
pub mod codebook;
pub mod concern;
pub mod dashboard;
pub mod gate;
pub mod helplines;
pub mod home;
pub mod layout;
pub mod moderation;
pub mod people;
pub mod programme_edit;
pub mod programme_fields;
pub mod programme_new;
pub mod programme_safety;
pub mod programmes;
pub mod published;
pub mod questionnaire_edit;
pub mod questionnaire_question;
pub mod questionnaires;
pub mod quotes;
pub mod replies;
pub mod report;
pub mod retention;
pub mod safeguarding;
pub mod second_factor;
pub mod set_password;
pub mod sign_in;
pub mod submission;
pub mod summaries;
pub mod templates;
pub mod two_factor;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::model::staff_pages::StaffForm;

/// What the last form post left (errors, typed values, one-time secrets).
pub fn staff_form() -> StaffForm {
    use_context::<StaffForm>().unwrap_or_default()
}

pub fn query(name: &str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name)).filter(|v| !v.is_empty())
}

/// The rule, then a new password typed twice (set-password and account pages).
#[component]
pub fn NewPasswordFields() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let rule = i18n.t_args("staff-password-rule", &[("min", crate::i18n::FluentValue::from(12))]);
    view! {
        <p class="hint">{rule}</p>
        <label for="password">{i18n.t("staff-new-password")}</label>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required/>
        <label for="confirm">{i18n.t("staff-confirm-password")}</label>
        <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required/>
    }
}

/// `?done=…` after a successful post, as a translated notice.
pub fn done_notice() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let known = [
        "password-set",
        "retention-saved",
        "questionnaire-created",
        "draft-started",
        "question-saved",
        "question-moved",
        "question-removed",
        "question-added",
        "signoff-saved",
        "questionnaire-published",
        "draft-discarded",
        "signed-out",
        "password-changed",
        "granted",
        "revoked",
        "disabled",
        "enabled",
        "totp-reset",
        "totp-required",
        "moved",
        "replied",
        "detail-accepted",
        "detail-rejected",
        "redacted",
        "raised",
        "acknowledged",
        "referred",
        "closed",
        "reply-corrected",
        "template-saved",
        "template-deleted",
        "coded",
        "code-added",
        "code-labelled",
        "code-unlabelled",
        "code-retired",
        "code-restored",
        "safety-saved",
        "names-saved",
        "quoted",
        "unquoted",
        "summary-drafted",
        "summary-saved",
        "summary-published",
        "action-saved",
        "action-published",
        "action-unpublished",
        "action-deleted",
        "public-on",
        "public-off",
        "organisation-added",
        "organisation-renamed",
        "programme-added",
        "programme-saved",
        "text-saved",
        "code-changed",
        "helpline-added",
        "helpline-saved",
        "helpline-verified",
        "helpline-unverified",
        "helpline-removed",
    ];
    query("done")
        .filter(|d| known.contains(&d.as_str()))
        .map(|d| view! { <p class="notice" role="status">{i18n.t(&format!("staff-done-{d}"))}</p> })
}

/// Staff times are exact (unlike youth data); shown in UTC.
pub fn when(at: i64) -> String {
    let i18n = crate::i18n::use_i18n();
    let text = utc_minute(at);
    i18n.t_args("staff-when", &[("when", crate::i18n::FluentValue::from(text))])
}

fn utc_minute(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_civil() {
        assert_eq!(super::utc_minute(0), "1970-01-01 00:00");
        assert_eq!(super::utc_minute(1_795_996_800 + 3600 * 23 + 60 * 41), "2026-11-30 23:41");
    }
}
