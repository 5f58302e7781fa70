//! One programme for its administrators: its details, what young people
//! read in each language, and its short code (with the link, the poster
//! and a new code that retires the old one).
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::moderation::language_name;
use super::programme_fields::{Details, DetailsFields};
use super::{done_notice, query, staff_form};
use crate::api::staff::programme_admin::load_setup;
use crate::components::error_message::failed_page;
use crate::components::escape_html;
use crate::i18n::use_i18n;
use crate::model::programme_admin::*;

#[component]
pub fn ProgrammeEditPage() -> impl IntoView {
    let form = staff_form();
    let code = query("p").or_else(|| form.value("p"));
    // A post refused before its programme was known shows that refusal.
    let refused = form.error.clone().filter(|_| code.is_none());
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let loaded = match refused.clone() {
                        Some(e) => Err(e),
                        None => load_setup(&code.clone().unwrap_or_default()).await,
                    };
                    match loaded {
                        Ok(d) => view! { <Edit data=d/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Edit(data: ProgrammeSetup) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    // A refusal belongs to the form it came from: the text of one language, or the details.
    let refused_locale = form.error.as_ref().and_then(|_| form.value("locale")).filter(|l| !l.is_empty());
    let error = form.error.clone().map(failed_page);
    let details = Details {
        name: data.name.clone(),
        country: data.country.clone(),
        languages: data.languages.clone(),
        team: data.team_name.clone(),
        questionnaire_id: data.questionnaire_id,
        opens: data.opens_on.clone(),
        closes: data.closes_on.clone(),
        days: data.response_days.to_string(),
    };
    let details = if refused_locale.is_none() { details.typed_over(&form) } else { details };
    let state = match data.state {
        OpenState::Open => "setup-state-open",
        OpenState::NotYet => "setup-state-not-yet",
        OpenState::Closed => "setup-state-closed",
    };
    let first = data.languages.first().cloned().unwrap_or_else(|| "en".into());
    let link = format!("/{first}/p/{}", data.code);
    let kiosk = crate::model::kiosk::start_path(&first, &data.code);
    let texts = data
        .texts
        .iter()
        .map(|t| {
            let typed = refused_locale.as_deref() == Some(t.locale.as_str());
            let v = |k: &str, stored: &str| if typed { form.value(k).unwrap_or_default() } else { stored.to_owned() };
            let (name, about, team) = (v("name", &t.name), v("about", &t.about), v("team_text", &t.team));
            let id = |f: &str| format!("{f}-{}", t.locale);
            let offered = data.languages.contains(&t.locale);
            view! {
                <details class="locale-text" id=format!("text-{}", t.locale) open=typed || (offered && !t.written)>
                    <summary>
                        <span lang=t.locale.clone()>{language_name(&t.locale)}</span>
                        {(!t.written).then(|| view! { " · "<span class="missing">{i18n.t("setup-text-missing")}</span> })}
                    </summary>
                    <form method="post" action=format!("/{lang}/staff/programmes/edit/text") class="stack">
                        <input type="hidden" name="p" value=data.code.clone()/>
                        <input type="hidden" name="locale" value=t.locale.clone()/>
                        <label for=id("tname")>{i18n.t("setup-text-name")}</label>
                        <input type="text" id=id("tname") name="name" lang=t.locale.clone() required maxlength="120" value=name/>
                        <label for=id("about")>{i18n.t("setup-text-about")}</label>
                        // Leptos does not escape <textarea> children on the server: escape here.
                        <textarea id=id("about") name="about" lang=t.locale.clone() rows="4" required maxlength="1000" inner_html=escape_html(&about)></textarea>
                        <label for=id("team")>{i18n.t("setup-text-team")}</label>
                        <input type="text" id=id("team") name="team_text" lang=t.locale.clone() maxlength="120" value=team/>
                        <p><button type="submit">{i18n.t_args("setup-text-save", &[("language", language_name(&t.locale).into())])}</button></p>
                    </form>
                </details>
            }
        })
        .collect_view();
    view! {
        <p class="crumbs"><a href=format!("/{lang}/staff/programmes")>{i18n.t("staff-programmes-title")}</a></p>
        <h1>{i18n.t_args("setup-edit-title", &[("name", data.name.clone().into())])}" "<small>{data.code.clone()}</small></h1>
        <p class="lead">{data.organisation.clone()}" · "<strong class="state">{i18n.t(state)}</strong>
            " · "<a href=format!("/{lang}/staff/programmes/safety?p={}", data.code)>{i18n.t("safety-link")}</a></p>
        {done_notice()}
        {error}
        <section class="setup-form" id="details">
            <h2>{i18n.t("setup-details")}</h2>
            <form method="post" action=format!("/{lang}/staff/programmes/edit/save") class="stack">
                <input type="hidden" name="p" value=data.code.clone()/>
                <DetailsFields values=details questionnaires=data.questionnaires.clone() dates=true/>
                <p><button type="submit">{i18n.t("setup-save")}</button></p>
            </form>
        </section>
        <section class="setup-form" id="texts">
            <h2>{i18n.t("setup-texts")}</h2>
            <p class="hint">{i18n.t("setup-texts-hint")}</p>
            {texts}
        </section>
        <section class="setup-form" id="code">
            <h2>{i18n.t("setup-code")}</h2>
            <p class="big-code"><code>{data.code.clone()}</code>" · "<a href=link.clone()>{link.clone()}</a>
                " · "<a href=format!("{link}/poster")>{i18n.t("setup-poster")}</a></p>
            <p class="hint">{i18n.t("setup-code-hint")}</p>
            <p><strong>{i18n.t("setup-kiosk")}</strong>" · "<a href=kiosk.clone()>{kiosk.clone()}</a></p>
            <p class="hint">{i18n.t("setup-kiosk-hint")}</p>
            <form method="post" action=format!("/{lang}/staff/programmes/edit/code")>
                <input type="hidden" name="p" value=data.code.clone()/>
                <button type="submit" class="secondary">{i18n.t("setup-code-new")}</button>
            </form>
        </section>
    }
}
