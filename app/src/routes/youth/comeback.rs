//! `/:lang/r`: come back with the receipt code — status, the team's reply,
//! the programme's "you said, we did", and withdrawal (with a confirm step).
//! The code travels only in form posts, never in a URL.
use leptos::prelude::*;

use crate::components::error_message::ErrorMessage;
use crate::components::heard::HeardSection;
use crate::components::layout::YouthLayout;
use crate::i18n::use_i18n;
use crate::model::comeback::{ComebackPage, ComebackStep};

#[component]
pub fn ComebackRoute() -> impl IntoView {
    let page = use_context::<ComebackPage>().unwrap_or_else(|| ComebackPage::ask(String::new(), None));
    if let Some(e) = &page.error {
        super::super::set_status(e.status());
    }
    let country = page.programme.as_ref().map(|p| p.country.clone());
    let body = match page.step {
        ComebackStep::Ask => view! { <Ask page=page.clone()/> }.into_any(),
        ComebackStep::Status => view! { <Status page=page.clone()/> }.into_any(),
        ComebackStep::ConfirmWithdraw => view! { <Confirm receipt=page.receipt.clone()/> }.into_any(),
        ComebackStep::Withdrawn => view! { <Withdrawn/> }.into_any(),
    };
    // With a receipt in hand, switching language re-posts it (never in the URL).
    let carry = (!page.receipt.is_empty() && page.step != ComebackStep::Ask).then(|| {
        view! {
            <form id="comeback" method="post" action=action() class="hidden">
                <input type="hidden" name="receipt" value=page.receipt.clone()/>
            </form>
        }
    });
    let form = carry.is_some().then(|| "comeback".to_owned());
    match (country, form) {
        (Some(c), Some(f)) => view! { <YouthLayout country=c form=f>{carry}{body}</YouthLayout> }.into_any(),
        (Some(c), None) => view! { <YouthLayout country=c>{body}</YouthLayout> }.into_any(),
        (None, Some(f)) => view! { <YouthLayout form=f>{carry}{body}</YouthLayout> }.into_any(),
        (None, None) => view! { <YouthLayout>{body}</YouthLayout> }.into_any(),
    }
}

fn action() -> String {
    format!("/{}/r", use_i18n().locale.tag())
}

#[component]
fn Ask(page: ComebackPage) -> impl IntoView {
    let i18n = use_i18n();
    let invalid = page.error.is_some().then_some("true");
    let described = page.error.is_some().then_some("receipt-error");
    view! {
        <h1>{i18n.t("comeback-title")}</h1>
        <p class="lead">{i18n.t("comeback-intro")}</p>
        <form method="post" action=action()>
            <label for="receipt">{i18n.t("comeback-label")}</label>
            <div class="code-row">
                <input
                    id="receipt"
                    name="receipt"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    maxlength="40"
                    value=page.receipt.clone()
                    aria-invalid=invalid
                    aria-describedby=described
                />
                <button type="submit">{i18n.t("comeback-submit")}</button>
            </div>
            {page.error.clone().map(|e| view! { <ErrorMessage error=e id="receipt-error"/> })}
        </form>
    }
}

#[component]
fn Status(page: ComebackPage) -> impl IntoView {
    let i18n = use_i18n();
    let replies = if page.replies.is_empty() {
        view! { <p>{i18n.t("comeback-no-reply")}</p> }.into_any()
    } else {
        page.replies
            .iter()
            .map(|r| view! { <blockquote class="reply"><p>{r.body.clone()}</p><small>{r.month.clone()}</small></blockquote> })
            .collect_view()
            .into_any()
    };
    view! {
        <h1>{i18n.t("comeback-status-title")}</h1>
        {page.programme.as_ref().map(|p| view! { <p class="lead">{p.name.clone()}</p> })}
        <p class=format!("status status-{}", page.status)>{i18n.t(&format!("status-{}", page.status))}</p>
        <h2>{i18n.t("comeback-replies-title")}</h2>
        {replies}
        {page.heard.clone().map(|h| view! { <HeardSection heard=h/> })}
        <h2>{i18n.t("comeback-withdraw-title")}</h2>
        <p>{i18n.t("comeback-withdraw-intro")}</p>
        <form method="post" action=action()>
            <input type="hidden" name="receipt" value=page.receipt.clone()/>
            <button type="submit" name="action" value="withdraw" class="secondary">{i18n.t("comeback-withdraw")}</button>
        </form>
    }
}

#[component]
fn Confirm(receipt: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{i18n.t("comeback-confirm-title")}</h1>
        <p class="lead">{i18n.t("comeback-confirm-body")}</p>
        <form method="post" action=action() class="actions">
            <input type="hidden" name="receipt" value=receipt/>
            <button type="submit" name="action" value="withdraw-confirm" class="danger">
                {i18n.t("comeback-confirm-yes")}
            </button>
            <button type="submit" name="action" value="status" class="secondary">{i18n.t("comeback-confirm-no")}</button>
        </form>
    }
}

#[component]
fn Withdrawn() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{i18n.t("comeback-withdrawn-title")}</h1>
        <p class="lead">{i18n.t("comeback-withdrawn-body")}</p>
        <p><a class="button" href=format!("/{}", i18n.locale.tag())>{i18n.t("done-home")}</a></p>
    }
}
