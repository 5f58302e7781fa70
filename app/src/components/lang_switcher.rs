//! Language switcher: plain links to the same page in each language (no cookie).
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{use_i18n, I18n, Locale};

/// `path` with its first segment (the locale) replaced by `to`.
pub fn switch_locale_path(path: &str, to: Locale) -> String {
    let rest = path.trim_start_matches('/').split_once('/').map(|(_, r)| r).unwrap_or("");
    if rest.is_empty() {
        format!("/{}", to.tag())
    } else {
        format!("/{}/{rest}", to.tag())
    }
}

/// Inside a journey (`form` = the journey form's id) each language is a
/// submit button of that form, posting to the same step in the other
/// language: answers typed so far travel along, with or without JavaScript.
#[component]
pub fn LangSwitcher(#[prop(default = None)] form: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let path = use_location().pathname.get_untracked();
    let links = Locale::ALL
        .into_iter()
        .map(|l| {
            // Each language is named in itself, so a reader finds their own.
            let name = I18n { locale: l, markers: i18n.markers }.t("language-self-name");
            let current = (l == i18n.locale).then_some("page");
            let target = switch_locale_path(&path, l);
            let item = match &form {
                Some(form) => view! {
                    <button
                        type="submit"
                        class="link"
                        form=form.clone()
                        formaction=target
                        name="go"
                        value="stay"
                        lang=l.tag()
                        aria-current=current
                    >
                        {name}
                    </button>
                }
                .into_any(),
                None => view! {
                    <a href=target hreflang=l.tag() lang=l.tag() aria-current=current>
                        {name}
                    </a>
                }
                .into_any(),
            };
            view! { <li>{item}</li> }
        })
        .collect_view();
    view! {
        <nav class="lang" aria-label=i18n.t("lang-switcher-label")>
            <ul>{links}</ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_locale_segment() {
        assert_eq!(switch_locale_path("/en", Locale::Km), "/km");
        assert_eq!(switch_locale_path("/en/help", Locale::ZhHans), "/zh-Hans/help");
        assert_eq!(switch_locale_path("/th/p/ABC123", Locale::My), "/my/p/ABC123");
    }
}
