//! "You said, we did" as a young person reads it: what they told the
//! programme, what the team does about it and how far it has got, in
//! short sentences; then how many took part and the latest summary.
//! Shown on the programme page, after the receipt and on the public
//! results page.
use leptos::prelude::*;

use super::month::month_name;
use crate::i18n::{use_i18n, FluentValue, I18n};
use crate::model::actions::{Heard, YouthAction};

#[component]
pub fn HeardSection(heard: Heard, #[prop(optional)] heading: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let took_part = match heard.took_part {
        Some(n) => i18n.t_args("heard-took-part", &[("n", FluentValue::from(n))]),
        None => i18n.t_args("heard-took-part-few", &[("k", FluentValue::from(heard.k))]),
    };
    let none = heard.actions.is_empty();
    let actions = heard.actions.into_iter().map(|a| view! { <HeardAction a=a/> }).collect_view();
    view! {
        <section class="heard" aria-labelledby="heard-title">
            <h2 id="heard-title">{heading.unwrap_or_else(|| i18n.t("heard-title"))}</h2>
            <p class="took-part">{took_part}</p>
            {if none {
                view! { <p>{i18n.t("heard-none")}</p> }.into_any()
            } else {
                view! { <ul class="heard-list">{actions}</ul> }.into_any()
            }}
            {heard.summary.map(|(period, text)| view! {
                <h3>{i18n.t_args("heard-summary-title", &[("period", FluentValue::from(period))])}</h3>
                <div class="words heard-summary">{text}</div>
            })}
        </section>
    }
}

#[component]
fn HeardAction(a: YouthAction) -> impl IntoView {
    let i18n = use_i18n();
    let state = state_line(&i18n, &a.state, a.due_month.as_deref(), a.done_month.as_deref());
    view! {
        <li class=format!("heard-item {}", a.state)>
            {a.theme.map(|t| view! { <p class="heard-theme">{t}</p> })}
            <p><strong>{i18n.t("heard-you-said")}</strong>" "<span lang=a.lang.clone()>{a.you_said}</span></p>
            <p><strong>{i18n.t("heard-we-do")}</strong>" "<span lang=a.lang.clone()>{a.we_did}</span></p>
            <p class="heard-state"><span class="dot" aria-hidden="true"></span>{state}</p>
            {a.reason.map(|r| view! { <p><strong>{i18n.t("heard-why-not")}</strong>" "<span lang=a.lang.clone()>{r}</span></p> })}
        </li>
    }
}

/// An action's status with its month, as one short sentence.
pub fn state_line(i18n: &I18n, state: &str, due: Option<&str>, done: Option<&str>) -> String {
    let month = |m: Option<&str>| m.map(|m| FluentValue::from(month_name(i18n, m)));
    match (state, month(due), month(done)) {
        ("planned" | "in_progress", Some(m), _) => {
            format!(
                "{} · {}",
                i18n.t(&format!("heard-state-{state}")),
                i18n.t_args("heard-by", &[("month", m)])
            )
        }
        ("done", _, Some(m)) => i18n.t_args("heard-done-in", &[("month", m)]),
        (s, _, _) => i18n.t(&format!("heard-state-{s}")),
    }
}
