//! `/:lang/results/:code`: a programme's results for everyone, when its
//! team opened the page — what it heard and does about it, then the same
//! figures its designers read (small groups hidden), for a closed month.
use leptos::prelude::*;

use super::programme::{code_param, ProgrammeProblem};
use crate::api::results::public_results;
use crate::components::heard::HeardSection;
use crate::components::layout::YouthLayout;
use crate::i18n::use_i18n;
use crate::routes::staff::dashboard::{Figures, MonthPicker};
use crate::routes::staff::query;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let code = code_param();
    let month = query("month");
    let state = crate::api::support::state();
    Suspend::new(async move {
        let found = match state {
            Ok(state) => public_results(&state, &code, month.as_deref(), i18n.locale).await,
            Err(e) => Err(e),
        };
        match found {
            Ok(r) => {
                let action = format!("/{lang}/results/{}", r.card.code);
                view! {
                    <YouthLayout country=r.card.country.clone()>
                        <div class="results">
                            <p class="crumbs"><a href=format!("/{lang}/p/{}", r.card.code)>{r.card.name.clone()}</a></p>
                            <h1>{i18n.t("results-title")}</h1>
                            <p class="lead">{i18n.t("results-intro")}</p>
                            <HeardSection heard=r.heard/>
                            <h2>{i18n.t("results-figures")}</h2>
                            <MonthPicker data=r.figures.clone() action=action code=None/>
                            <Figures data=r.figures/>
                        </div>
                    </YouthLayout>
                }
                .into_any()
            }
            Err(e) => view! { <ProgrammeProblem error=e/> }.into_any(),
        }
    })
}
