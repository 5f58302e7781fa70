//! Every string a user can see on a page comes from Fluent. With
//! `mark_translations`, each translated string arrives wrapped in ⟦…⟧; any
//! other letters in text or in user-facing attributes fail the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::journey::q;

use scraper::{Html, Node};

/// Text that is data, not interface: what the database holds and shows as is.
async fn data_strings(s: &crate::common::TestServer) -> Vec<String> {
    let mut v = Vec::new();
    let lines = s.db.helplines(None).await.unwrap();
    let ids: Vec<i64> = lines.iter().map(|h| h.id).collect();
    for h in lines {
        v.extend([h.name, h.phone]);
        v.extend(h.hours);
    }
    for t in s.db.helpline_texts(&ids).await.unwrap() {
        v.push(t.name);
        v.extend(t.hours);
    }
    for p in s.db.programmes().await.unwrap() {
        v.extend([p.name.clone(), p.team_name.clone(), p.code.clone()]);
        for t in s.db.programme_texts(p.id).await.unwrap() {
            v.extend([t.name, t.about]);
            v.extend(t.team_name);
        }
        // "You said, we did" words are the team's, and a theme is named as the codebook names it.
        for t in s.db.action_texts(p.id).await.unwrap() {
            v.extend([t.you_said, t.we_did]);
            v.extend(t.reason);
        }
        for c in s.db.codebook(&[p.organisation_id]).await.unwrap() {
            for l in app::i18n::Locale::ALL {
                v.extend(app::i18n::CATALOG.format(l, &format!("code-{}-{}", c.facet, c.key), None));
            }
        }
    }
    let version = s.db.current_version(1).await.unwrap().unwrap();
    v.extend(version.question_texts.into_iter().map(|t| t.prompt));
    v.extend(version.option_texts.into_iter().map(|t| t.label));
    v
}

fn untranslated(html: &str, data: &[String]) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    let check = |text: &str, found: &mut Vec<String>| {
        let mut rest = String::new();
        let mut depth = 0;
        for c in text.chars() {
            match c {
                '⟦' => depth += 1,
                '⟧' => depth -= 1,
                c if depth == 0 => rest.push(c),
                _ => {}
            }
        }
        let rest = rest.trim();
        if rest.chars().any(char::is_alphabetic) && !data.iter().any(|d| d == rest) {
            found.push(text.trim().to_owned());
        }
    };
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Text(t) => {
                let in_script = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style" | "title"))
                });
                if !in_script {
                    check(t, &mut found);
                }
            }
            Node::Element(e) => {
                for attr in ["title", "aria-label", "placeholder", "alt"] {
                    if let Some(v) = e.attr(attr) {
                        check(v, &mut found);
                    }
                }
                if e.name() == "title" {
                    let text: String =
                        node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                    check(&text, &mut found);
                }
            }
            _ => {}
        }
    }
    found
}

#[tokio::test]
async fn pages_show_only_translated_text() {
    let s = crate::common::start_with(crate::common::config(true)).await;
    let data = data_strings(&s).await;
    for lang in ["en", "my", "zh-Hans"] {
        for path in ["", "/help", "/no-such-page", "?code=WRONG1", "?code="] {
            let url = format!("/{lang}{path}");
            let html = s.get(&url).await.text().await.unwrap();
            assert!(html.contains('⟦'), "{url}: markers are on");
            let bad = untranslated(&html, &data);
            assert!(bad.is_empty(), "{url} shows text not from Fluent: {bad:?}");
        }
        for path in
            ["/p/SAFE24", "/p/SAFE24/start", "/p/SAFE24/not-now", "/p/NOPE99", "/r", "/p/SAFE24/poster"]
        {
            let url = format!("/{lang}{path}");
            let html = s.get(&url).await.text().await.unwrap();
            let mut data = data.clone();
            data.push(format!("{}/{lang}/p/SAFE24", s.base));
            let bad = untranslated(&html, &data);
            assert!(bad.is_empty(), "{url} shows text not from Fluent: {bad:?}");
        }
        // The journey's posted pages: a screen with an error, the review, the receipt, come back.
        let first = s.consent(lang, "SAFE24").await;
        let ids = first.questions();
        let error = s.step(lang, "SAFE24", &first, &[q(ids[0], "7")], "next").await;
        let last = s.step(lang, "SAFE24", &first, &[], "screen-12").await;
        let review = s.step(lang, "SAFE24", &first, &[q(ids[0], "3")], "review").await;
        let done = s.step(lang, "SAFE24", &review, &[], "send").await;
        let receipt = done.receipt().unwrap();
        let status = s.post_form(&format!("/{lang}/r"), &[("receipt".into(), receipt.clone())]).await;
        let confirm = s
            .post_form(
                &format!("/{lang}/r"),
                &[("receipt".into(), receipt), ("action".into(), "withdraw".into())],
            )
            .await;
        let wrong = s.post_form(&format!("/{lang}/r"), &[("receipt".into(), "x".into())]).await;
        let mut data = data.clone();
        data.push(receipt_text(&done));
        for (name, page) in [
            ("screen", &first),
            ("error", &error),
            ("last screen", &last),
            ("review", &review),
            ("receipt", &done),
            ("status", &status),
            ("confirm", &confirm),
            ("wrong receipt", &wrong),
        ] {
            let bad = untranslated(&page.html, &data);
            assert!(bad.is_empty(), "{lang} {name} shows text not from Fluent: {bad:?}");
        }
    }
}

#[tokio::test]
async fn staff_pages_show_only_translated_text() {
    use app::model::staff::Role;
    let s = crate::common::start_with(crate::common::config(true)).await;
    let mut data = data_strings(&s).await;
    let mut admin = s.signed_in("root@example.org", Role::Admin, None, None).await;
    let (_, token) = s.invite("new@example.org", Role::Moderator, None, None).await;
    for st in s.db.list_staff().await.unwrap() {
        data.extend([st.email, st.display_name]);
    }
    for o in s.db.organisations().await.unwrap() {
        data.extend([o.name, o.slug]);
    }
    for p in s.db.programmes().await.unwrap() {
        data.push(format!("{} ({})", p.name, p.code));
        // What the set-up pages show of a programme: its identifiers and the organisation's own words.
        data.extend([
            p.code.clone(),
            p.country.clone(),
            p.team_name.clone(),
            format!("/km/p/{}", p.code),
            format!("/km/k/{}", p.code),
        ]);
        for t in s.db.programme_texts(p.id).await.unwrap() {
            data.extend([t.name, t.about]);
            data.extend(t.team_name);
        }
        for q in s.db.questionnaires_for(p.organisation_id).await.unwrap() {
            data.push(q.name);
        }
        data.extend(p.opens_on.map(|d| d.format("%Y-%m-%d").to_string()));
    }
    // Identifiers shown as they are: language tags, country codes, helplines (data).
    data.extend(app::i18n::Locale::ALL.iter().map(|l| l.tag().to_owned()));
    data.push("INT".into());
    for h in s.db.helplines(None).await.unwrap() {
        data.extend([h.name, h.phone, h.country]);
        data.extend(h.url);
        data.extend(h.hours);
    }
    data.extend(["N".into(), "nen@example.org".into(), "nkm@example.org".into()]);
    for lang in ["en", "km"] {
        for path in [
            "/staff",
            "/staff/account",
            "/staff/people",
            "/staff/audit",
            "/staff/two-factor",
            "/staff/programmes",
            "/staff/programmes/edit?p=SAFE24",
            "/staff/helplines",
            "/staff/retention",
            "/staff/questionnaires",
        ] {
            let page = admin.browser.get(&s, &format!("/{lang}{path}")).await;
            assert_eq!(page.status, 200, "{lang}{path}");
            let mut data = data.clone();
            data.extend(page.text_of("code.secret"));
            let bad = untranslated(&page.html, &data);
            assert!(bad.is_empty(), "{lang}{path} shows text not from Fluent: {bad:?}");
        }
        let mut anon = crate::common::staff::Browser::default();
        for path in ["/staff/sign-in?expired=1".to_owned(), format!("/staff/set-password?t={token}")] {
            let page = anon.get(&s, &format!("/{lang}{path}")).await;
            let bad = untranslated(&page.html, &data);
            assert!(bad.is_empty(), "{lang}{path} shows text not from Fluent: {bad:?}");
        }
        let failed = anon
            .post(&s, &format!("/{lang}/staff/sign-in"), &[("email", "x@y.z"), ("password", "nope")])
            .await;
        data.push("x@y.z".into());
        assert!(untranslated(&failed.html, &data).is_empty(), "{lang} failed sign-in");
        let invited = admin
            .browser
            .post(
                &s,
                &format!("/{lang}/staff/people/invite"),
                &[
                    ("email", &format!("n{lang}@example.org")),
                    ("name", "N"),
                    ("role", "designer"),
                    ("organisation", ""),
                ],
            )
            .await;
        let mut data = data.clone();
        data.extend(invited.text_of("code.one-time-link"));
        data.extend([format!("n{lang}@example.org"), "N".into()]);
        let bad = untranslated(&invited.html, &data);
        assert!(bad.is_empty(), "{lang} invite shows text not from Fluent: {bad:?}");
    }
}

#[tokio::test]
async fn the_urgent_view_shows_only_translated_text() {
    use app::model::staff::Role;
    let s = crate::common::start_with(crate::common::config(true)).await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let (_, _receipt) = crate::journey::send_with_text(&s, "SAFE24", "They kept my papers", true).await;
    let mut m = s.signed_in("duty@example.org", Role::Moderator, None, Some(safe.id)).await;
    let mut data = data_strings(&s).await;
    data.extend(s.db.safeguarding_setup(safe.id).await.unwrap().referral_steps);
    data.extend(["duty@example.org".into(), "duty".into(), "They kept my papers".into()]);
    for lang in ["en", "km"] {
        let list = m.browser.get(&s, &format!("/{lang}/staff/safeguarding")).await;
        assert_eq!(list.status, 200, "{lang}");
        let mut data = data.clone();
        // References, hours (2026-11-02 15:00 UTC) and days are data too.
        data.extend(list.text_of("table.concerns code"));
        for cell in list.text_of("table.concerns td") {
            data.extend(
                cell.split(|c: char| !(c.is_ascii_digit() || "-: UTC".contains(c))).map(str::to_owned),
            );
        }
        let bad: Vec<String> = untranslated(&list.html, &data)
            .into_iter()
            .filter(|t| !t.chars().all(|c| c.is_ascii_digit() || "-: UTC".contains(c)))
            .collect();
        assert!(bad.is_empty(), "{lang} urgent view shows text not from Fluent: {bad:?}");
        let reference = list.text_of("table.concerns code").pop().unwrap();
        let case = m.browser.get(&s, &format!("/{lang}/staff/safeguarding/case?id={reference}")).await;
        assert_eq!(case.status, 200, "{lang}");
        let bad: Vec<String> = untranslated(&case.html, &data)
            .into_iter()
            .filter(|t| !t.chars().all(|c| c.is_ascii_alphanumeric() || "-: UTC".contains(c)))
            .collect();
        assert!(bad.is_empty(), "{lang} concern shows text not from Fluent: {bad:?}");
    }
}

fn receipt_text(page: &crate::common::journey::Reply) -> String {
    page.receipt().unwrap_or_default()
}

#[test]
fn the_check_itself_catches_a_hard_coded_string() {
    let html = "<html><body><p>⟦Hello⟧</p><button>Send</button><a title=\"⟦x⟧\">1234</a></body></html>";
    assert_eq!(untranslated(html, &[]), vec!["Send".to_owned()]);
    let html = "<html><body><input placeholder=\"Type here\"></body></html>";
    assert_eq!(untranslated(html, &[]), vec!["Type here".to_owned()]);
}
