//! The words of Siang's e-mails, from `locales/` like every other string.
//! An alert names the programme and links to the sign-in page; it never
//! holds what a young person wrote, nor when (beyond the e-mail's own date).
use fluent_bundle::FluentArgs;

use crate::i18n::{Locale, CATALOG};

/// A subject and a plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub subject: String,
    pub body: String,
}

fn text(locale: Locale, key: &str, args: &FluentArgs) -> String {
    CATALOG.format(locale, key, Some(args)).unwrap_or_default()
}

/// The alert to a programme's safeguarding contacts, in English and in
/// the programme's first language (the team's, most likely) when that differs.
pub fn alert(programme: &str, reference: &str, link: &str, languages: &[Locale]) -> Mail {
    let mut args = FluentArgs::new();
    args.set("programme", programme.to_owned());
    args.set("reference", reference.to_owned());
    args.set("link", link.to_owned());
    let mut locales = vec![Locale::En];
    if let Some(first) = languages.first().filter(|l| **l != Locale::En) {
        locales.push(*first);
    }
    let subject = text(Locale::En, "mail-alert-subject", &args);
    let body =
        locales.iter().map(|l| text(*l, "mail-alert-body", &args)).collect::<Vec<_>>().join("\n\n— — —\n\n");
    Mail { subject, body }
}

/// A one-time set-password link: for a new account (`invited`) or a reset.
pub fn sign_in_link(locale: Locale, name: &str, link: &str, invited: bool) -> Mail {
    let mut args = FluentArgs::new();
    args.set("name", name.to_owned());
    args.set("link", link.to_owned());
    let (subject, body) = if invited {
        ("mail-invite-subject", "mail-invite-body")
    } else {
        ("mail-reset-subject", "mail-reset-body")
    };
    Mail { subject: text(locale, subject, &args), body: text(locale, body, &args) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_names_the_programme_and_the_link_in_two_languages() {
        let m = alert(
            "Safe Homes",
            "K7Q2",
            "https://siang.example/en/staff/safeguarding",
            &[Locale::Km, Locale::En],
        );
        assert!(m.subject.contains("Safe Homes"), "{m:?}");
        assert_eq!(m.body.matches("https://siang.example/en/staff/safeguarding").count(), 2, "{m:?}");
        assert_eq!(m.body.matches("K7Q2").count(), 2);
        let en = CATALOG.format(Locale::En, "mail-alert-body", None).unwrap_or_default();
        let km = CATALOG.format(Locale::Km, "mail-alert-body", None).unwrap_or_default();
        assert_ne!(en, km, "Khmer has its own text");
        let only = alert("P", "R", "L", &[Locale::En, Locale::Km]);
        assert!(!only.body.contains("— — —"), "English once when it is the programme's first language");
        let link = sign_in_link(Locale::Th, "Ana", "https://x/th/staff/set-password?t=abc", true);
        assert!(link.body.contains("https://x/th/staff/set-password?t=abc") && link.body.contains("Ana"));
        assert_ne!(link.subject, sign_in_link(Locale::Th, "Ana", "l", false).subject);
    }
}
