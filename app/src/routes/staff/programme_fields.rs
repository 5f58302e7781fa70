//! The details of a programme as form fields, shared by the new-programme
//! form and the edit page: name, country, languages, team, questionnaire,
//! and (once it exists) dates and days to reply.
use leptos::prelude::*;

use super::moderation::language_name;
use crate::i18n::{use_i18n, Locale};
use crate::model::programme_admin::{QuestionnaireChoice, COUNTRIES, RESPONSE_DAYS};

/// What the fields show: what is stored, or what was typed before a refusal.
#[derive(Clone, Debug, Default)]
pub struct Details {
    pub name: String,
    pub country: String,
    pub languages: Vec<String>,
    pub team: String,
    pub questionnaire_id: i64,
    pub opens: String,
    pub closes: String,
    pub days: String,
}

impl Details {
    /// After a refused post, what was typed replaces what was stored.
    pub fn typed_over(mut self, form: &crate::model::staff_pages::StaffForm) -> Details {
        if form.error.is_none() {
            return self;
        }
        let v = |k: &str| form.value(k).unwrap_or_default();
        self.name = v("name");
        self.country = v("country");
        self.languages = v("languages").split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect();
        self.team = v("team");
        self.questionnaire_id = v("questionnaire").parse().unwrap_or_default();
        self.opens = v("opens");
        self.closes = v("closes");
        self.days = v("days");
        self
    }
}

#[component]
pub fn DetailsFields(
    values: Details,
    questionnaires: Vec<QuestionnaireChoice>,
    dates: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let countries = COUNTRIES
        .iter()
        .map(|c| {
            let name = i18n.t(&format!("country-{}", c.to_ascii_lowercase()));
            view! { <option value=*c selected=values.country == *c>{name}</option> }
        })
        .collect_view();
    let languages = Locale::ALL
        .iter()
        .map(|l| {
            let id = format!("lang-{}", l.tag());
            let on = values.languages.iter().any(|x| x == l.tag());
            view! {
                <label class="check" for=id.clone()>
                    <input type="checkbox" id=id.clone() name="languages" value=l.tag() checked=on/>
                    <span lang=l.tag()>{language_name(l.tag())}</span>
                </label>
            }
        })
        .collect_view();
    let questionnaires = questionnaires
        .into_iter()
        .map(|q| {
            let label = match q.organisation_id {
                None => i18n.t_args("setup-questionnaire-shared", &[("name", q.name.clone().into())]),
                Some(_) => q.name.clone(),
            };
            view! { <option value=q.id.to_string() selected=q.id == values.questionnaire_id>{label}</option> }
        })
        .collect_view();
    let dates = dates.then(|| {
        view! {
            <div class="row">
                <div>
                    <label for="opens">{i18n.t("setup-opens")}</label>
                    <input type="date" id="opens" name="opens" value=values.opens.clone()/>
                </div>
                <div>
                    <label for="closes">{i18n.t("setup-closes")}</label>
                    <input type="date" id="closes" name="closes" value=values.closes.clone()/>
                </div>
                <div>
                    <label for="days">{i18n.t("setup-days")}</label>
                    <input type="number" id="days" name="days" inputmode="numeric" value=values.days.clone()
                        min=RESPONSE_DAYS.start().to_string() max=RESPONSE_DAYS.end().to_string() aria-describedby="days-hint"/>
                </div>
            </div>
            <p class="hint" id="days-hint">{i18n.t("setup-dates-hint")}</p>
        }
    });
    view! {
        <div class="row">
            <div>
                <label for="name">{i18n.t("setup-name")}</label>
                <input type="text" id="name" name="name" required maxlength="120" value=values.name.clone()/>
            </div>
            <div>
                <label for="country">{i18n.t("setup-country")}</label>
                <select id="country" name="country" aria-describedby="country-hint">{countries}</select>
                <p class="hint" id="country-hint">{i18n.t("setup-country-hint")}</p>
            </div>
        </div>
        <fieldset class="codes langs">
            <legend>{i18n.t("setup-languages")}</legend>
            {languages}
        </fieldset>
        <div class="row">
            <div>
                <label for="team">{i18n.t("setup-team")}</label>
                <input type="text" id="team" name="team" required maxlength="120" value=values.team.clone() aria-describedby="team-hint"/>
                <p class="hint" id="team-hint">{i18n.t("setup-team-hint")}</p>
            </div>
            <div>
                <label for="questionnaire">{i18n.t("setup-questionnaire")}</label>
                <select id="questionnaire" name="questionnaire">{questionnaires}</select>
            </div>
        </div>
        {dates}
    }
}
