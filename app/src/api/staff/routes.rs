//! The staff route table: every staff page and action, who may reach it,
//! the handler of its form posts, and the page a post shows when it does
//! not redirect. The server derives everything from it — the gate in front
//! of `/:lang/staff/*`, the POST routes, dispatching a post to its handler
//! — and the router's staff pages check it again while rendering. A path
//! missing here is refused (deny by default), so adding an action is one
//! entry here plus its handler.
use std::future::Future;
use std::pin::Pin;

use super::{
    account, actions, codebook, dashboard_export, helplines, moderation_actions, organisations, people,
    programme_admin, programme_settings, questionnaire_actions as qa, questionnaire_xlsform as xlsform,
    quotes, retention, safeguarding_actions, sign_in, summaries, templates, StaffOutcome, StaffPost,
};
use crate::model::staff::Permission::*;
use crate::model::staff_pages::Access::{self, *};
use crate::model::AppError;

pub type Reply<'a> = Pin<Box<dyn Future<Output = Result<StaffOutcome, AppError>> + Send + 'a>>;
pub type Handler = for<'a> fn(StaffPost<'a>) -> Reply<'a>;

/// A form post's handler and the page it renders when it does not redirect.
pub struct Action {
    pub handler: Handler,
    pub renders: &'static str,
}

pub struct StaffRoute {
    /// The path after `/:lang/staff/` (`""` is the staff home).
    pub path: &'static str,
    /// Who may reach it, GET and POST alike.
    pub access: Access,
    /// Whether the app's router has a page here (GET).
    pub page: bool,
    /// What a POST here does.
    pub action: Option<Action>,
}

/// A handler as a plain function pointer (async functions each have their own type).
macro_rules! handler {
    ($f:path, $renders:literal) => {{
        fn boxed(p: StaffPost<'_>) -> Reply<'_> {
            Box::pin($f(p))
        }
        Action { handler: boxed, renders: $renders }
    }};
}

const fn page(path: &'static str, access: Access) -> StaffRoute {
    StaffRoute { path, access, page: true, action: None }
}

pub static STAFF_ROUTES: &[StaffRoute] = &[
    StaffRoute { action: Some(handler!(sign_in::sign_in, "sign-in")), ..page("sign-in", Public) },
    StaffRoute {
        action: Some(handler!(sign_in::set_password, "set-password")),
        ..page("set-password", Public)
    },
    StaffRoute {
        action: Some(handler!(sign_in::second_factor, "second-factor")),
        ..page("second-factor", Pending)
    },
    StaffRoute { action: Some(handler!(sign_in::enrol, "two-factor")), ..page("two-factor", Pending) },
    StaffRoute {
        path: "sign-out",
        access: Pending,
        page: false,
        action: Some(handler!(sign_in::sign_out, "sign-in")),
    },
    page("", Signed(StaffHome)),
    page("account", Signed(OwnAccount)),
    StaffRoute {
        path: "account/password",
        access: Signed(OwnAccount),
        page: false,
        action: Some(handler!(account::change_password, "account")),
    },
    StaffRoute {
        path: "account/sign-out-everywhere",
        access: Signed(OwnAccount),
        page: false,
        action: Some(handler!(account::sign_out_everywhere, "account")),
    },
    page("people", Signed(ManageStaff)),
    StaffRoute {
        path: "people/invite",
        access: Signed(ManageStaff),
        page: false,
        action: Some(handler!(people::invite, "people")),
    },
    StaffRoute {
        path: "people/grant",
        access: Signed(ManageStaff),
        page: false,
        action: Some(handler!(people::grant, "people")),
    },
    StaffRoute {
        path: "people/revoke",
        access: Signed(ManageStaff),
        page: false,
        action: Some(handler!(people::revoke, "people")),
    },
    StaffRoute {
        path: "people/disable",
        access: Signed(ManageStaff),
        page: false,
        action: Some(handler!(people::disable, "people")),
    },
    StaffRoute {
        path: "people/enable",
        access: Signed(ManageStaff),
        page: false,
        action: Some(handler!(people::enable, "people")),
    },
    StaffRoute {
        path: "people/reset-totp",
        access: Signed(ManageStaff),
        page: false,
        action: Some(handler!(people::reset_totp, "people")),
    },
    StaffRoute {
        path: "people/new-link",
        access: Signed(ManageStaff),
        page: false,
        action: Some(handler!(people::new_link, "people")),
    },
    StaffRoute {
        path: "people/require-totp",
        access: Signed(ManageStaff),
        page: false,
        action: Some(handler!(people::require_totp, "people")),
    },
    page("programmes", Signed(ManageProgrammes)),
    StaffRoute {
        path: "organisations/create",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(organisations::create, "programmes")),
    },
    StaffRoute {
        path: "organisations/rename",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(organisations::rename, "programmes")),
    },
    StaffRoute {
        path: "programmes/create",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(programme_admin::create, "programmes")),
    },
    page("helplines", Signed(ManageProgrammes)),
    StaffRoute {
        path: "helplines/add",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(helplines::add, "helplines")),
    },
    StaffRoute {
        path: "helplines/save",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(helplines::save, "helplines")),
    },
    StaffRoute {
        path: "helplines/verify",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(helplines::verify, "helplines")),
    },
    StaffRoute {
        path: "helplines/remove",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(helplines::remove, "helplines")),
    },
    page("questionnaires", Signed(ManageProgrammes)),
    page("questionnaires/edit", Signed(ManageProgrammes)),
    StaffRoute {
        path: "questionnaires/create",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::create, "questionnaires")),
    },
    StaffRoute {
        path: "questionnaires/start",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::start, "questionnaires/edit")),
    },
    StaffRoute {
        path: "questionnaires/question/save",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::save_question, "questionnaires/edit")),
    },
    StaffRoute {
        path: "questionnaires/question/move",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::move_question, "questionnaires/edit")),
    },
    StaffRoute {
        path: "questionnaires/question/remove",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::remove_question, "questionnaires/edit")),
    },
    StaffRoute {
        path: "questionnaires/question/add",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::add_question, "questionnaires/edit")),
    },
    StaffRoute {
        path: "questionnaires/signoff",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::signoff, "questionnaires/edit")),
    },
    StaffRoute {
        path: "questionnaires/publish",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::publish, "questionnaires/edit")),
    },
    StaffRoute {
        path: "questionnaires/discard",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(qa::discard, "questionnaires/edit")),
    },
    StaffRoute {
        path: "questionnaires/import",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(xlsform::import, "questionnaires")),
    },
    StaffRoute {
        path: "questionnaires/export",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(xlsform::export, "questionnaires/edit")),
    },
    page("retention", Signed(ManageRetention)),
    StaffRoute {
        path: "retention/save",
        access: Signed(ManageRetention),
        page: false,
        action: Some(handler!(retention::save, "retention")),
    },
    page("programmes/edit", Signed(ManageProgrammes)),
    StaffRoute {
        path: "programmes/edit/save",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(programme_admin::save, "programmes/edit")),
    },
    StaffRoute {
        path: "programmes/edit/text",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(programme_admin::save_text, "programmes/edit")),
    },
    StaffRoute {
        path: "programmes/edit/code",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(programme_admin::new_code, "programmes/edit")),
    },
    page("programmes/safety", Signed(ManageProgrammes)),
    StaffRoute {
        path: "programmes/safety/save",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(programme_settings::save, "programmes/safety")),
    },
    StaffRoute {
        path: "programmes/names",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(programme_settings::save_names, "programmes/safety")),
    },
    page("templates", Signed(ManageProgrammes)),
    page("codebook", Signed(ManageProgrammes)),
    StaffRoute {
        path: "codebook/add",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(codebook::add, "codebook")),
    },
    StaffRoute {
        path: "codebook/label",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(codebook::relabel, "codebook")),
    },
    StaffRoute {
        path: "codebook/unlabel",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(codebook::unlabel, "codebook")),
    },
    StaffRoute {
        path: "codebook/retire",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(codebook::retire, "codebook")),
    },
    StaffRoute {
        path: "templates/save",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(templates::save, "templates")),
    },
    StaffRoute {
        path: "templates/delete",
        access: Signed(ManageProgrammes),
        page: false,
        action: Some(handler!(templates::delete, "templates")),
    },
    page("moderation", Signed(Moderate)),
    page("moderation/queue", Signed(Moderate)),
    page("moderation/submission", Signed(Moderate)),
    StaffRoute {
        path: "moderation/move",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(moderation_actions::move_submission, "moderation/submission")),
    },
    StaffRoute {
        path: "moderation/detail",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(moderation_actions::resolve_detail, "moderation/submission")),
    },
    StaffRoute {
        path: "moderation/redact",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(moderation_actions::redact_words, "moderation/submission")),
    },
    StaffRoute {
        path: "moderation/reply",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(moderation_actions::reply, "moderation/submission")),
    },
    StaffRoute {
        path: "moderation/codes",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(moderation_actions::set_codes, "moderation/submission")),
    },
    StaffRoute {
        path: "moderation/code-words",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(moderation_actions::code_words, "moderation/submission")),
    },
    StaffRoute {
        path: "moderation/uncode-words",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(moderation_actions::uncode_words, "moderation/submission")),
    },
    page("moderation/quotes", Signed(Moderate)),
    page("moderation/summaries", Signed(Moderate)),
    StaffRoute {
        path: "moderation/summary-draft",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(summaries::make_draft, "moderation/summaries")),
    },
    StaffRoute {
        path: "moderation/summary-save",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(summaries::save, "moderation/summaries")),
    },
    StaffRoute {
        path: "moderation/summary-publish",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(summaries::publish, "moderation/summaries")),
    },
    StaffRoute {
        path: "moderation/quote",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(quotes::pick, "moderation/submission")),
    },
    StaffRoute {
        path: "moderation/quote-remove",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(quotes::remove, "moderation/quotes")),
    },
    StaffRoute {
        path: "moderation/reply-correct",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(moderation_actions::correct_reply, "moderation/submission")),
    },
    StaffRoute {
        path: "moderation/flag",
        access: Signed(Moderate),
        page: false,
        action: Some(handler!(safeguarding_actions::raise, "moderation/submission")),
    },
    page("safeguarding", Signed(Safeguarding)),
    page("safeguarding/case", Signed(Safeguarding)),
    StaffRoute {
        path: "safeguarding/step",
        access: Signed(Safeguarding),
        page: false,
        action: Some(handler!(safeguarding_actions::step, "safeguarding/case")),
    },
    StaffRoute {
        path: "safeguarding/reply",
        access: Signed(Safeguarding),
        page: false,
        action: Some(handler!(safeguarding_actions::reply, "safeguarding/case")),
    },
    StaffRoute {
        path: "safeguarding/reply-correct",
        access: Signed(Safeguarding),
        page: false,
        action: Some(handler!(safeguarding_actions::correct_reply, "safeguarding/case")),
    },
    page("dashboards", Signed(Dashboards)),
    StaffRoute {
        path: "dashboards/export",
        access: Signed(ExportAggregates),
        page: false,
        action: Some(handler!(dashboard_export::export, "dashboards")),
    },
    page("dashboards/report", Signed(Dashboards)),
    page("published", Signed(Dashboards)),
    page("actions", Signed(Dashboards)),
    StaffRoute {
        path: "actions/save",
        access: Signed(PublishActions),
        page: false,
        action: Some(handler!(actions::save, "actions")),
    },
    StaffRoute {
        path: "actions/publish",
        access: Signed(PublishActions),
        page: false,
        action: Some(handler!(actions::publish, "actions")),
    },
    StaffRoute {
        path: "actions/delete",
        access: Signed(PublishActions),
        page: false,
        action: Some(handler!(actions::delete, "actions")),
    },
    StaffRoute {
        path: "actions/public",
        access: Signed(PublishActions),
        page: false,
        action: Some(handler!(actions::public_results, "actions")),
    },
    page("audit", Signed(ReadAudit)),
];

/// The entry for a path after `/:lang/staff/` (surrounding slashes ignored).
pub fn find(rest: &str) -> Option<&'static StaffRoute> {
    let rest = rest.trim_matches('/');
    STAFF_ROUTES.iter().find(|r| r.path == rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_reachable_and_renders_a_page_that_exists() {
        let mut paths: Vec<&str> = STAFF_ROUTES.iter().map(|r| r.path).collect();
        paths.sort_unstable();
        let before = paths.len();
        paths.dedup();
        assert_eq!(paths.len(), before, "one entry per path");
        for r in STAFF_ROUTES {
            assert!(r.page || r.action.is_some(), "/{} is neither page nor action", r.path);
            if let Some(a) = &r.action {
                assert!(
                    find(a.renders).is_some_and(|p| p.page),
                    "/{} renders a page that is not in the table",
                    r.path
                );
            }
        }
        assert!(find("/people/").is_some() && find("nope").is_none());
    }
}
