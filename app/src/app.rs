//! Routes. Every page is rendered on the server and works without JavaScript.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::i18n::use_i18n;
use crate::routes::staff::{
    account::AccountPage,
    actions::ActionsPage,
    audit::AuditPage,
    codebook::CodebookPage,
    concern::ConcernPage,
    dashboard::DashboardPage,
    gate::StaffGate,
    helplines::HelplinesPage,
    home::StaffHomePage,
    moderation::{ModerationPage, QueuePage},
    people::PeoplePage,
    programme_edit::ProgrammeEditPage,
    programme_safety::ProgrammeSafetyPage,
    programmes::ProgrammesPage,
    published::PublishedPage,
    questionnaire_edit::QuestionnaireEditPage,
    questionnaires::QuestionnairesPage,
    quotes::QuotesPage,
    report::ReportPage,
    retention::RetentionPage,
    safeguarding::UrgentPage,
    second_factor::SecondFactorPage,
    set_password::SetPasswordPage,
    sign_in::SignInPage,
    submission::SubmissionPage,
    summaries::SummariesPage,
    templates::TemplatesPage,
    two_factor::TwoFactorPage,
};
use crate::routes::youth::comeback::ComebackRoute;
use crate::routes::youth::consent::{ConsentPage, NotNowPage};
use crate::routes::youth::journey::JourneyRoute;
use crate::routes::youth::kiosk::{KioskConsentPage, KioskStartPage};
use crate::routes::youth::poster::PosterPage;
use crate::routes::youth::programme::ProgrammePage;
use crate::routes::youth::results::ResultsPage;
use crate::routes::youth::{help::HelpPage, landing::Landing, locale_gate::LocaleGate, not_found::NotFound};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("site-title")/>
        <Router>
            <Routes fallback=NotFound>
                <ParentRoute path=path!("/:lang") view=LocaleGate ssr=SsrMode::Async>
                    <Route path=path!("") view=Landing ssr=SsrMode::Async/>
                    <Route path=path!("help") view=HelpPage ssr=SsrMode::Async/>
                    <Route path=path!("p/:code") view=ProgrammePage ssr=SsrMode::Async/>
                    <Route path=path!("p/:code/start") view=ConsentPage ssr=SsrMode::Async/>
                    <Route path=path!("p/:code/not-now") view=NotNowPage ssr=SsrMode::Async/>
                    <Route path=path!("p/:code/poster") view=PosterPage ssr=SsrMode::Async/>
                    <Route path=path!("p/:code/answer") view=JourneyRoute ssr=SsrMode::Async/>
                    <Route path=path!("k/:code") view=KioskStartPage ssr=SsrMode::Async/>
                    <Route path=path!("k/:code/start") view=KioskConsentPage ssr=SsrMode::Async/>
                    <Route path=path!("r") view=ComebackRoute ssr=SsrMode::Async/>
                    <Route path=path!("results/:code") view=ResultsPage ssr=SsrMode::Async/>
                    <ParentRoute path=path!("staff") view=StaffGate ssr=SsrMode::Async>
                        <Route path=path!("") view=StaffHomePage ssr=SsrMode::Async/>
                        <Route path=path!("sign-in") view=SignInPage ssr=SsrMode::Async/>
                        <Route path=path!("second-factor") view=SecondFactorPage ssr=SsrMode::Async/>
                        <Route path=path!("two-factor") view=TwoFactorPage ssr=SsrMode::Async/>
                        <Route path=path!("set-password") view=SetPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("account") view=AccountPage ssr=SsrMode::Async/>
                        <Route path=path!("people") view=PeoplePage ssr=SsrMode::Async/>
                        <Route path=path!("programmes") view=ProgrammesPage ssr=SsrMode::Async/>
                        <Route path=path!("audit") view=AuditPage ssr=SsrMode::Async/>
                        <Route path=path!("moderation") view=ModerationPage ssr=SsrMode::Async/>
                        <Route path=path!("moderation/queue") view=QueuePage ssr=SsrMode::Async/>
                        <Route path=path!("moderation/submission") view=SubmissionPage ssr=SsrMode::Async/>
                        <Route path=path!("moderation/quotes") view=QuotesPage ssr=SsrMode::Async/>
                        <Route path=path!("moderation/summaries") view=SummariesPage ssr=SsrMode::Async/>
                        <Route path=path!("published") view=PublishedPage ssr=SsrMode::Async/>
                        <Route path=path!("actions") view=ActionsPage ssr=SsrMode::Async/>
                        <Route path=path!("dashboards") view=DashboardPage ssr=SsrMode::Async/>
                        <Route path=path!("dashboards/report") view=ReportPage ssr=SsrMode::Async/>
                        <Route path=path!("safeguarding") view=UrgentPage ssr=SsrMode::Async/>
                        <Route path=path!("templates") view=TemplatesPage ssr=SsrMode::Async/>
                        <Route path=path!("codebook") view=CodebookPage ssr=SsrMode::Async/>
                        <Route path=path!("programmes/safety") view=ProgrammeSafetyPage ssr=SsrMode::Async/>
                        <Route path=path!("programmes/edit") view=ProgrammeEditPage ssr=SsrMode::Async/>
                        <Route path=path!("helplines") view=HelplinesPage ssr=SsrMode::Async/>
                        <Route path=path!("retention") view=RetentionPage ssr=SsrMode::Async/>
                        <Route path=path!("questionnaires") view=QuestionnairesPage ssr=SsrMode::Async/>
                        <Route path=path!("questionnaires/edit") view=QuestionnaireEditPage ssr=SsrMode::Async/>
                        <Route path=path!("safeguarding/case") view=ConcernPage ssr=SsrMode::Async/>
                    </ParentRoute>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
