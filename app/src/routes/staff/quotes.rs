//! A programme's quotes for its moderators: each with its theme and month,
//! and whether designers may see it (its theme has at least k approved
//! submissions in that month); never with anything about who wrote it.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{done_notice, query, staff_form};
use crate::api::staff::quotes::load_quotes;
use crate::components::error_message::ErrorMessage;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::quotes::QuotesData;

#[component]
pub fn QuotesPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let code = query("p").or_else(|| form.value("p"));
    let refused = form.error.clone();
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let loaded = match (refused.clone(), code.clone()) {
                        (Some(e), _) => Err(e),
                        (None, c) => load_quotes(&c.unwrap_or_default(), i18n.locale).await,
                    };
                    match loaded {
                        Ok(d) => view! { <Quotes data=d/> }.into_any(),
                        Err(e) => {
                            crate::routes::set_status(e.status());
                            view! { <h1>{i18n.t("quote-title")}</h1><ErrorMessage error=e/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Quotes(data: QuotesData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let rule = i18n.t_args("quote-rule", &[("k", FluentValue::from(data.k))]);
    let rows = data
        .quotes
        .iter()
        .map(|q| {
            let shown = if q.visible { i18n.t("quote-visible") } else { i18n.t("quote-hidden") };
            view! {
                <tr class:hidden-quote=!q.visible>
                    <td><q class="words">{q.body.clone()}</q></td>
                    <td>{q.theme.clone()}</td>
                    <td>{q.month.clone()}</td>
                    <td class="num">{q.count}</td>
                    <td><strong>{shown}</strong></td>
                    <td>
                        <form method="post" action=format!("/{lang}/staff/moderation/quote-remove") class="inline">
                            <input type="hidden" name="p" value=data.code.clone()/>
                            <input type="hidden" name="quote" value=q.id.to_string()/>
                            <button type="submit" class="small secondary">{i18n.t("quote-remove")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="crumbs"><a href=format!("/{lang}/staff/moderation")>{i18n.t("mod-title")}</a></p>
        <h1>{i18n.t("quote-title")}": "{data.name.clone()}" "<small>{data.code.clone()}</small></h1>
        <p class="hint">{rule}</p>
        {done_notice()}
        {data.quotes.is_empty().then(|| view! { <p class="empty">{i18n.t("quote-none")}</p> })}
        <div class="table-wrap">
            <table class="data quotes">
                <thead><tr>
                    <th scope="col">{i18n.t("quote-col-quote")}</th>
                    <th scope="col">{i18n.t("code-facet-theme")}</th>
                    <th scope="col">{i18n.t("quote-col-month")}</th>
                    <th scope="col" class="num">{i18n.t("quote-col-count")}</th>
                    <th scope="col">{i18n.t("quote-col-designers")}</th>
                    <th scope="col"></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
