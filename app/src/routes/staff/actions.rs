//! "You said, we did" for staff: a programme's actions with their status,
//! months and how far each language is; designers record and edit them
//! (one language at a time), publish them to young people and open the
//! public results page. Plain forms: everything works without JavaScript.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::moderation::language_name;
use super::{done_notice, query, staff_form};
use crate::api::staff::actions::load_actions;
use crate::components::error_message::{failed_page, ErrorMessage};
use crate::components::escape_html;
use crate::components::heard::state_line;
use crate::i18n::use_i18n;
use crate::model::actions::*;

#[component]
pub fn ActionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let code = query("p").or_else(|| form.value("p"));
    let refused = form.error.clone().filter(|_| code.is_none());
    view! {
        <StaffLayout>
            <h1>{i18n.t("act-title")}</h1>
            <p class="hint">{i18n.t("act-intro")}</p>
            {done_notice()}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let loaded = match refused.clone() {
                        Some(e) => Err(e),
                        None => load_actions(code.as_deref(), i18n.locale).await,
                    };
                    match loaded {
                        Ok(d) => view! { <Actions data=d/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Actions(data: ActionsData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let error = staff_form().error.map(|e| {
        crate::routes::set_status(e.status());
        view! { <ErrorMessage error=e/> }
    });
    let tabs = data
        .programmes
        .iter()
        .map(|(code, name)| {
            let current = data.code.as_deref() == Some(code.as_str());
            view! { <li><a href=format!("/{lang}/staff/actions?p={code}") aria-current=current.then_some("page")>{name.clone()}</a></li> }
        })
        .collect_view();
    let Some(code) = data.code.clone() else {
        return view! { <nav aria-label=i18n.t("pub-programmes")><ul class="tabs">{tabs}</ul></nav> }
            .into_any();
    };
    let rows = data
        .actions
        .iter()
        .map(|a| view! { <Row a=a.clone() code=code.clone() can_edit=data.can_edit/> })
        .collect_view();
    let editor = data.can_edit.then(|| view! { <Editor data=data.clone()/> });
    let public = data.can_edit.then(|| view! { <PublicResults code=code.clone() on=data.public_results/> });
    view! {
        <nav aria-label=i18n.t("pub-programmes")><ul class="tabs">{tabs}</ul></nav>
        <h2>{data.name.clone()}" "<small>{code.clone()}</small></h2>
        {error}
        {public}
        {data.actions.is_empty().then(|| view! { <p class="empty">{i18n.t("act-none")}</p> })}
        {(!data.actions.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table class="data actions-table">
                    <thead><tr>
                        <th scope="col">{i18n.t("act-theme")}</th>
                        <th scope="col">{i18n.t("act-words")}</th>
                        <th scope="col">{i18n.t("act-state")}</th>
                        <th scope="col">{i18n.t("act-languages")}</th>
                        <th scope="col">{i18n.t("act-shown")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        {editor}
    }
    .into_any()
}

#[component]
fn Row(a: ActionLine, code: String, can_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let words = a.words_in(lang).or(a.words.first()).cloned();
    let languages = a
        .languages
        .iter()
        .map(|(l, s)| {
            let name = language_name(l);
            let label = format!("{name}: {}", i18n.t(&format!("act-text-{}", s.key())));
            let link =
                can_edit.then(|| format!("/{lang}/staff/actions?p={code}&edit={}&in={l}#editor", a.id));
            view! {
                <li class=format!("lang-state {}", s.key())>
                    {match link {
                        Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                        None => view! { <span>{label}</span> }.into_any(),
                    }}
                </li>
            }
        })
        .collect_view();
    let ready = a.languages.iter().any(|(_, s)| *s == TextState::Ready);
    let shown = match (&a.published_on, ready) {
        (Some(on), true) => i18n.t_args("act-published-on", &[("date", on.clone().into())]),
        (Some(_), false) => i18n.t("act-published-unready"),
        (None, _) => i18n.t("act-draft"),
    };
    let publish = can_edit.then(|| {
        let (value, label, class) = match a.published_on {
            Some(_) => ("0", i18n.t("act-unpublish"), "small secondary"),
            None => ("1", i18n.t("act-publish"), "small"),
        };
        view! {
            <form method="post" action=format!("/{lang}/staff/actions/publish") class="inline">
                <input type="hidden" name="p" value=code.clone()/>
                <input type="hidden" name="action" value=a.id/>
                <button type="submit" name="publish" value=value class=class>{label}</button>
            </form>
            {a.published_on.is_none().then(|| view! {
                <form method="post" action=format!("/{lang}/staff/actions/delete") class="inline">
                    <input type="hidden" name="p" value=code.clone()/>
                    <input type="hidden" name="action" value=a.id/>
                    <button type="submit" class="small link">{i18n.t("act-delete")}</button>
                </form>
            })}
        }
    });
    view! {
        <tr id=format!("action-{}", a.id)>
            <td>{a.theme.clone().unwrap_or_else(|| i18n.t("act-no-theme"))}</td>
            <td>
                {words.map(|w| view! {
                    <p lang=w.locale.clone()><strong>{i18n.t("heard-you-said")}</strong>" "{w.you_said}</p>
                    <p lang=w.locale.clone()><strong>{i18n.t("heard-we-do")}</strong>" "{w.we_did}</p>
                    {w.reason.map(|r| view! { <p lang=w.locale.clone()><strong>{i18n.t("heard-why-not")}</strong>" "{r}</p> })}
                })}
            </td>
            <td class=format!("action-state {}", a.state)>{state_line(&i18n, &a.state, a.due_month.as_deref(), a.done_month.as_deref())}</td>
            <td><ul class="lang-states">{languages}</ul></td>
            <td>{shown}{publish}</td>
        </tr>
    }
}

#[component]
fn PublicResults(code: String, on: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let link = format!("/{lang}/results/{code}");
    view! {
        <form method="post" action=format!("/{lang}/staff/actions/public") class="public-results">
            <input type="hidden" name="p" value=code.clone()/>
            {if on {
                view! {
                    <p>{i18n.t("act-public-on")}" "<a href=link.clone()>{link.clone()}</a></p>
                    <button type="submit" name="public" value="0" class="small secondary">{i18n.t("act-public-close")}</button>
                }.into_any()
            } else {
                view! {
                    <p>{i18n.t("act-public-off")}</p>
                    <button type="submit" name="public" value="1" class="small secondary">{i18n.t("act-public-open")}</button>
                }.into_any()
            }}
        </form>
    }
}

/// Records an action, or edits one in one language (`?edit=ID&in=km`).
#[component]
fn Editor(data: ActionsData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let editing = query("edit")
        .or_else(|| form.value("action").filter(|a| !a.is_empty()))
        .and_then(|id| id.parse::<i64>().ok())
        .and_then(|id| data.actions.iter().find(|a| a.id == id).cloned());
    let in_lang = query("in").or_else(|| form.value("locale")).unwrap_or_else(|| lang.to_owned());
    let words = editing.as_ref().and_then(|a| a.words_in(&in_lang)).cloned();
    // What was typed wins over what is stored (a refused save shows it again).
    let typed = |name: &str, stored: Option<String>| form.value(name).or(stored).unwrap_or_default();
    let you_said = typed("you_said", words.as_ref().map(|w| w.you_said.clone()));
    let we_did = typed("we_did", words.as_ref().map(|w| w.we_did.clone()));
    let reason = typed("reason", words.as_ref().and_then(|w| w.reason.clone()));
    let machine =
        form.value("machine").map(|m| m == "1").or(words.as_ref().map(|w| w.machine)).unwrap_or(false);
    let state = typed("state", editing.as_ref().map(|a| a.state.clone()));
    let theme = typed("theme", editing.as_ref().and_then(|a| a.theme_id).map(|t| t.to_string()));
    let due = typed("due", editing.as_ref().and_then(|a| a.due_month.clone()));
    let done = typed("done", editing.as_ref().and_then(|a| a.done_month.clone()));
    let title = match &editing {
        Some(a) => i18n
            .t_args("act-edit-title", &[("id", a.id.into()), ("language", language_name(&in_lang).into())]),
        None => i18n.t("act-new-title"),
    };
    let other = editing.as_ref().and_then(|a| a.words.iter().find(|w| w.locale != in_lang).cloned());
    let mut languages = data.languages.clone();
    languages.extend(
        crate::i18n::Locale::ALL.iter().map(|l| l.tag().to_owned()).filter(|t| !data.languages.contains(t)),
    );
    let language_options = languages
        .iter()
        .map(|t| view! { <option value=t.clone() selected=*t == in_lang>{language_name(t)}</option> })
        .collect_view();
    let themes = data
        .themes
        .iter()
        .map(|(id, label)| view! { <option value=id.to_string() selected=theme == id.to_string()>{label.clone()}</option> })
        .collect_view();
    let states = siang_storage::ACTION_STATES
        .iter()
        .map(|s| view! { <option value=*s selected=state == *s>{i18n.t(&format!("heard-state-{s}"))}</option> })
        .collect_view();
    view! {
        <section id="editor" class="action-editor">
            <h2>{title}</h2>
            {other.map(|w| view! {
                <div class="other-language">
                    <p class="hint">{i18n.t_args("act-other-language", &[("language", language_name(&w.locale).into())])}</p>
                    <p lang=w.locale.clone()>{w.you_said}</p>
                    <p lang=w.locale.clone()>{w.we_did}</p>
                </div>
            })}
            <form method="post" action=format!("/{lang}/staff/actions/save") class="stack">
                <input type="hidden" name="p" value=data.code.clone()/>
                <input type="hidden" name="action" value=editing.as_ref().map(|a| a.id.to_string()).unwrap_or_default()/>
                <div class="row">
                    <div>
                        <label for="act-theme">{i18n.t("act-theme")}</label>
                        <select id="act-theme" name="theme">
                            <option value="">{i18n.t("act-no-theme")}</option>
                            {themes}
                        </select>
                    </div>
                    <div>
                        <label for="act-state">{i18n.t("act-state")}</label>
                        <select id="act-state" name="state">{states}</select>
                    </div>
                    <div>
                        <label for="act-due">{i18n.t("act-due")}</label>
                        <input id="act-due" name="due" type="month" value=due placeholder="2027-03"/>
                    </div>
                    <div>
                        <label for="act-done">{i18n.t("act-done")}</label>
                        <input id="act-done" name="done" type="month" value=done placeholder="2027-03"/>
                    </div>
                    <div>
                        <label for="act-locale">{i18n.t("act-language")}</label>
                        <select id="act-locale" name="locale">{language_options}</select>
                    </div>
                </div>
                <p class="hint">{i18n.t("act-child-hint")}</p>
                <label for="act-said">{i18n.t("act-you-said")}</label>
                // Leptos does not escape <textarea> children on the server: escape here.
                <textarea id="act-said" name="you_said" rows="2" maxlength=SAID_MAX.to_string() required
                    inner_html=escape_html(&you_said)></textarea>
                <label for="act-did">{i18n.t("act-we-do")}</label>
                <textarea id="act-did" name="we_did" rows="3" maxlength=DID_MAX.to_string() required
                    inner_html=escape_html(&we_did)></textarea>
                <label for="act-reason">{i18n.t("act-reason")}</label>
                <textarea id="act-reason" name="reason" rows="2" maxlength=REASON_MAX.to_string()
                    inner_html=escape_html(&reason)></textarea>
                <p class="check">
                    <input id="act-machine" name="machine" type="checkbox" value="1" checked=machine/>
                    <label for="act-machine">{i18n.t("act-machine")}</label>
                </p>
                <p><button type="submit">{i18n.t("act-save")}</button>
                    {editing.is_some().then(|| view! { " "<a href=format!("/{lang}/staff/actions?p={}", data.code.clone().unwrap_or_default())>{i18n.t("act-new-instead")}</a> })}
                </p>
            </form>
        </section>
    }
}
