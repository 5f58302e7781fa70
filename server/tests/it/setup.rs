//! An organisation set up in the browser: an installation administrator
//! adds it, an administrator creates a programme in it, writes what young
//! people read, closes it and gives it a new code — each visible to a young
//! person at once, each audited; bad input changes nothing, and another
//! organisation's administrator is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::moderation::audit_of;
use app::model::programme_admin::CODE_ALPHABET;
use app::model::staff::Role;

#[tokio::test]
async fn an_administrator_sets_up_an_organisation_and_a_programme_young_people_see_at_once() {
    let s = crate::common::start().await;
    let mut admin = s.signed_in("root@x.org", Role::Admin, None, None).await;
    let r =
        admin.browser.post(&s, "/en/staff/organisations/create", &[("name", "Hope for Children (KH)")]).await;
    assert_eq!(
        r.location.as_deref(),
        Some("/en/staff/programmes?done=organisation-added"),
        "{:?}",
        r.error_codes()
    );
    let org =
        s.db.organisations().await.unwrap().into_iter().find(|o| o.slug == "hope-for-children-kh").unwrap();
    // The same name again is refused (staff choose organisations by name);
    // a name that differs only in punctuation gets a slug of its own.
    let again =
        admin.browser.post(&s, "/en/staff/organisations/create", &[("name", "hope for children (kh)")]).await;
    assert_eq!(again.error_codes(), vec!["E-NAME-TAKEN"]);
    for hidden in ["\u{200B}", "\u{202E}Hope"] {
        let r = admin.browser.post(&s, "/en/staff/organisations/create", &[("name", hidden)]).await;
        assert_eq!(r.error_codes(), vec!["E-INVALID-INPUT"], "{hidden:?}");
    }
    admin.browser.post(&s, "/en/staff/organisations/create", &[("name", "Hope for Children KH")]).await;
    assert!(s.db.organisations().await.unwrap().iter().any(|o| o.slug == "hope-for-children-kh-2"));
    let page = admin.browser.get(&s, "/en/staff/programmes").await;
    assert!(page.html.contains("hope-for-children-kh"), "the organisation is listed");

    let shared = s.db.questionnaire_id(None, "default").await.unwrap().unwrap().to_string();
    let org_id = org.id.to_string();
    let fields = [
        ("org", org_id.as_str()),
        ("name", "Safe Steps"),
        ("country", "KH"),
        ("languages", "km"),
        ("languages", "en"),
        ("team", "the Safe Steps team"),
        ("questionnaire", shared.as_str()),
    ];
    let r = admin.browser.post(&s, "/en/staff/programmes/create", &fields).await;
    let to = r.location.clone().unwrap_or_default();
    assert!(to.starts_with("/en/staff/programmes/edit?p=") && to.ends_with("&done=programme-added"), "{to}");
    let code = to["/en/staff/programmes/edit?p=".len()..to.len() - "&done=programme-added".len()].to_owned();
    assert_eq!(code.len(), 6);
    assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
    let p = s.db.programme_by_code(&code).await.unwrap().unwrap();
    assert_eq!((p.organisation_id, p.country.as_str(), p.languages.as_str()), (org.id, "KH", "km,en"));
    // Not open to young people until it says in their words what it is.
    let early = admin.browser.get(&s, &format!("/km/p/{code}")).await;
    assert_eq!(early.error_codes(), vec!["E-PROGRAMME-NOT-OPEN-YET"]);

    // What a Khmer-speaking child reads.
    let text = [
        ("p", code.as_str()),
        ("locale", "km"),
        ("name", "ជំហានសុវត្ថិភាព"),
        ("about", "កម្មវិធីនេះជួយយុវជន។"),
        ("team_text", "ក្រុមការងារ"),
    ];
    let r = admin.browser.post(&s, "/en/staff/programmes/edit/text", &text).await;
    assert_eq!(
        r.location,
        Some(format!("/en/staff/programmes/edit?p={code}&done=text-saved")),
        "{:?}",
        r.error_codes()
    );
    let opened = admin.browser.get(&s, &format!("/km/p/{code}")).await;
    assert_eq!(opened.status, 200, "open once it has its words");
    assert!(opened.html.contains("ជំហានសុវត្ថិភាព"));

    // Closed yesterday: the child is told kindly, with no form.
    let yesterday = (s.clock.today() - chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    let mut details: Vec<(&str, &str)> = fields[1..].to_vec();
    details.extend([("p", code.as_str()), ("closes", &yesterday), ("days", "10")]);
    let r = admin.browser.post(&s, "/en/staff/programmes/edit/save", &details).await;
    assert_eq!(
        r.location,
        Some(format!("/en/staff/programmes/edit?p={code}&done=programme-saved")),
        "{:?}",
        r.error_codes()
    );
    let closed = admin.browser.get(&s, &format!("/en/p/{code}")).await;
    assert_eq!(closed.error_codes(), vec!["E-PROGRAMME-CLOSED"]);
    assert_eq!(s.db.programme(p.id).await.unwrap().unwrap().response_days, 10);
    // A new team: the Khmer name of the old one is no longer told to children.
    let mut new_team: Vec<(&str, &str)> = details.iter().filter(|(k, _)| *k != "team").copied().collect();
    new_team.push(("team", "the Youth Voice team"));
    admin.browser.post(&s, "/en/staff/programmes/edit/save", &new_team).await;
    let texts = s.db.programme_texts(p.id).await.unwrap();
    assert_eq!(texts.iter().find(|t| t.locale == "km").unwrap().team_name, None);
    assert!(audit_of(&s, "programme_saved").await.iter().any(|a| a.detail.as_deref() == Some("team")));

    // A new code: the old one stops working at once.
    let r = admin.browser.post(&s, "/en/staff/programmes/edit/code", &[("p", &code)]).await;
    let to = r.location.unwrap_or_default();
    let new = to["/en/staff/programmes/edit?p=".len()..to.len() - "&done=code-changed".len()].to_owned();
    assert_ne!(new, code);
    assert_eq!(
        admin.browser.get(&s, &format!("/en/p/{code}")).await.error_codes(),
        vec!["E-PROGRAMME-UNKNOWN"]
    );
    assert_eq!(
        admin.browser.get(&s, &format!("/en/p/{new}")).await.error_codes(),
        vec!["E-PROGRAMME-CLOSED"]
    );

    for (action, n) in [
        ("organisation_created", 2),
        ("programme_created", 1),
        ("programme_text_saved", 1),
        ("programme_saved", 2),
        ("programme_code_changed", 1),
    ] {
        assert_eq!(audit_of(&s, action).await.len(), n, "{action}");
    }
    let page = admin.browser.get(&s, &format!("/km/staff/programmes/edit?p={new}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.input("closes"), Some(yesterday));
}

#[tokio::test]
async fn bad_details_are_refused_with_what_was_typed_and_change_nothing() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut admin = s.signed_in("admin@x.org", Role::Admin, Some(safe.organisation_id), None).await;
    let shared = s.db.questionnaire_id(None, "default").await.unwrap().unwrap().to_string();
    let long = "x".repeat(121);
    let good = [
        ("p", "SAFE24"),
        ("name", "Renamed"),
        ("country", "KH"),
        ("languages", "en"),
        ("team", "Team"),
        ("questionnaire", shared.as_str()),
    ];
    let bad: Vec<(&str, &str)> = vec![
        ("name", ""),
        ("name", long.as_str()),
        ("country", "US"),
        ("languages", "xx"),
        ("team", " "),
        ("questionnaire", "999999"),
        ("opens", "2026-13-01"),
        ("days", "0"),
        ("days", "ten"),
    ];
    for (field, value) in bad {
        let mut form: Vec<(&str, &str)> = good.iter().filter(|(k, _)| *k != field).copied().collect();
        form.push((field, value));
        let r = admin.browser.post(&s, "/en/staff/programmes/edit/save", &form).await;
        assert_eq!(r.status, 422, "{field}={value}");
        assert_eq!(r.error_codes(), vec!["E-INVALID-INPUT"], "{field}={value}");
        if field == "name" && !value.is_empty() {
            assert_eq!(r.input("name").as_deref(), Some(value), "what was typed comes back");
        }
    }
    let mut backwards = good.to_vec();
    backwards.extend([("opens", "2027-02-01"), ("closes", "2027-01-01")]);
    let r = admin.browser.post(&s, "/en/staff/programmes/edit/save", &backwards).await;
    assert_eq!(r.error_codes(), vec!["E-INVALID-INPUT"], "closing before opening");
    assert_eq!(s.db.programme(safe.id).await.unwrap().unwrap(), safe, "nothing changed");
    let r = admin
        .browser
        .post(
            &s,
            "/en/staff/programmes/edit/text",
            &[("p", "SAFE24"), ("locale", "km"), ("name", "x"), ("about", "")],
        )
        .await;
    assert_eq!(r.error_codes(), vec!["E-INVALID-INPUT"]);
    assert!(audit_of(&s, "programme_saved").await.is_empty());

    // Another organisation's programme, organisation and new programmes there: refused.
    let mut theirs = good.to_vec();
    theirs[0] = ("p", "HOME25");
    let home_org = home.organisation_id.to_string();
    for (path, form) in [
        ("/en/staff/programmes/edit/save", theirs.clone()),
        ("/en/staff/programmes/edit/code", vec![("p", "HOME25")]),
        ("/en/staff/organisations/rename", vec![("org", home_org.as_str()), ("name", "Mine now")]),
        ("/en/staff/programmes/create", [vec![("org", home_org.as_str())], theirs[1..].to_vec()].concat()),
        // Only installation administrators add organisations.
        ("/en/staff/organisations/create", vec![("name", "Another")]),
    ] {
        let r = admin.browser.post(&s, path, &form).await;
        assert_eq!((r.status, r.error_codes()), (403, vec!["E-FORBIDDEN".to_owned()]), "{path}");
    }
    assert_eq!(s.db.programme(home.id).await.unwrap().unwrap(), home);
    assert_eq!(admin.browser.get(&s, "/en/staff/programmes/edit?p=HOME25").await.status, 403);
    // Its own questionnaire list has no other organisation's questionnaires in it.
    let page = admin.browser.get(&s, "/en/staff/programmes/edit?p=SAFE24").await;
    assert_eq!(page.status, 200);
    assert!(!page.html.contains("HOME25"));
}

/// (left, top, right, bottom)
type Square = (f64, f64, f64, f64);

/// The dark squares of the QR code in a poster's SVG: each subpath
/// (`M x y h w v h H x V y`) is one rectangle.
fn dark_squares(svg: &str) -> (usize, usize, Vec<Square>) {
    let size = |attr: &str| -> usize {
        let at = svg.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
        svg[at..].split('"').next().unwrap().parse().unwrap()
    };
    let (w, h) = (size("width"), size("height"));
    let mut squares = Vec::new();
    let dark = svg.split("<path").find(|p| p.contains("fill=\"#000")).expect("a dark path");
    let d = dark.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut tokens = Vec::new();
    let mut number = String::new();
    for c in d.chars() {
        if c.is_ascii_alphabetic() {
            if !number.is_empty() {
                tokens.push(std::mem::take(&mut number));
            }
            tokens.push(c.to_string());
        } else if c == ' ' || c == ',' {
            if !number.is_empty() {
                tokens.push(std::mem::take(&mut number));
            }
        } else {
            number.push(c);
        }
    }
    if !number.is_empty() {
        tokens.push(number);
    }
    let mut it = tokens.iter();
    let (mut x, mut y, mut bounds) = (0.0, 0.0, (f64::MAX, f64::MAX, f64::MIN, f64::MIN));
    let grow =
        |x: f64, y: f64, b: &mut (f64, f64, f64, f64)| *b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    while let Some(t) = it.next() {
        let mut n = || it.next().unwrap().parse::<f64>().unwrap();
        match t.as_str() {
            "M" => {
                if bounds.0 != f64::MAX {
                    squares.push(bounds);
                }
                (x, y) = (n(), n());
                bounds = (x, y, x, y);
            }
            "h" => x += n(),
            "v" => y += n(),
            "H" => x = n(),
            "V" => y = n(),
            "z" | "Z" => {
                squares.push(bounds);
                continue;
            }
            other => panic!("unexpected path command {other}"),
        }
        grow(x, y, &mut bounds);
    }
    if bounds.0 != f64::MAX {
        squares.push(bounds);
    }
    (w, h, squares)
}

#[tokio::test]
async fn a_poster_says_hello_in_each_language_and_its_qr_code_reads_back_to_its_link() {
    let s = crate::common::start().await;
    let mut b = crate::common::staff::Browser::default();
    let poster = b.get(&s, "/km/p/SAFE24/poster").await;
    assert_eq!(poster.status, 200);
    let link = poster.text_of(".poster code").pop().unwrap();
    assert!(link.ends_with("/km/p/SAFE24"), "{link}");
    let langs: Vec<String> = {
        let doc = scraper::Html::parse_document(&poster.html);
        let sel = scraper::Selector::parse("ul.invites li").unwrap();
        doc.select(&sel).map(|e| e.value().attr("lang").unwrap().to_owned()).collect()
    };
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    assert_eq!(langs, safe.language_list(), "one invitation per language offered, in that language");

    let svg = {
        let at = poster.html.find("<svg").unwrap();
        let end = poster.html[at..].find("</svg>").unwrap() + at + 6;
        poster.html[at..end].to_owned()
    };
    let (w, h, squares) = dark_squares(&svg);
    assert!(squares.len() > 100, "{}", squares.len());
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let (px, py) = (x as f64 + 0.5, y as f64 + 0.5);
        if squares.iter().any(|(x0, y0, x1, y1)| px >= *x0 && px < *x1 && py >= *y0 && py < *y1) {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, link, "the QR code opens the link printed under it");
}

#[tokio::test]
async fn helplines_are_kept_by_installation_administrators_and_young_people_see_each_change() {
    let s = crate::common::start().await;
    // Seeded for every country a programme may run in, none vouched for yet.
    let lines = s.db.helplines(None).await.unwrap();
    for country in ["KH", "LA", "MM", "TH", "VN", "CN"] {
        assert!(lines.iter().any(|h| h.country == country), "{country} has a starter line");
    }
    assert!(lines.iter().all(|h| h.verified_on.is_none() && !h.verified));
    let kh = lines.iter().find(|h| h.country == "KH").unwrap();
    let line = kh.id.to_string();

    let mut root = s.signed_in("root@x.org", Role::Admin, None, None).await;
    let page = root.browser.get(&s, "/en/staff/helplines").await;
    assert_eq!(page.status, 200);
    assert!(page.text_of("tr.unchecked th").contains(&kh.name), "an unchecked line stands out");

    let was = kh.phone.clone();
    let form = [
        ("line", line.as_str()),
        ("was", was.as_str()),
        ("country", "KH"),
        ("name", "Child Helpline Cambodia"),
        ("phone", "1280 (free)"),
        ("url", ""),
        ("hours", "8:00–20:00"),
        ("name_km", "ខ្សែទូរស័ព្ទជំនួយកុមារ"),
    ];
    let r = root.browser.post(&s, "/en/staff/helplines/save", &form).await;
    assert_eq!(
        r.location.as_deref(),
        Some("/en/staff/helplines?done=helpline-saved"),
        "{:?}",
        r.error_codes()
    );
    let help = root.browser.get(&s, "/km/help?country=KH").await;
    assert!(
        help.text_of("a.phone").contains(&"1280 (free)".to_owned()),
        "young people see the new number at once"
    );
    assert!(help.html.contains("ខ្សែទូរស័ព្ទជំនួយកុមារ"));
    // New hours replace the translated "24/7" in every language.
    assert_eq!(help.text_of(".helpline .hours"), vec!["8:00–20:00"]);
    // And at the foot of every page of a Cambodian programme, a tap away.
    for page in ["/km/p/SAFE24", "/en/p/SAFE24/start", "/km/r"] {
        let foot = root.browser.get(&s, page).await;
        let expected: Vec<String> = if page == "/km/r" { vec![] } else { vec!["1280 (free)".to_owned()] };
        assert_eq!(foot.text_of(".foot-lines a"), expected, "{page}");
    }

    // A form made before the number changed is refused, not applied.
    let stale = root
        .browser
        .post(&s, "/en/staff/helplines/verify", &[("line", &line), ("was", &was), ("verified", "1")])
        .await;
    assert_eq!(stale.error_codes(), vec!["E-STALE-FORM"]);
    let now = "1280 (free)";
    let r = root
        .browser
        .post(&s, "/en/staff/helplines/verify", &[("line", &line), ("was", now), ("verified", "1")])
        .await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/helplines?done=helpline-verified"));
    let after = s.db.helplines(Some("KH")).await.unwrap();
    assert_eq!(after[0].verified_on, Some(s.clock.today()), "checked today, by the server's clock");
    assert!(root
        .browser
        .get(&s, "/en/staff/helplines")
        .await
        .text_of("span.verified")
        .iter()
        .any(|t| t.contains(&s.clock.today().format("%Y-%m-%d").to_string())));

    // Bad input: a script link, an unknown country, no number — refused, nothing changes.
    for (field, value) in [
        ("url", "javascript:alert(1)"),
        ("url", "http://x.org"),
        ("country", "US"),
        ("phone", ""),
        ("phone", "\u{202E}0821"),
        ("phone", "call me"),
    ] {
        let mut bad: Vec<(&str, &str)> =
            form.iter().filter(|(k, _)| *k != field && *k != "was").copied().collect();
        bad.push(("was", now));
        bad.push((field, value));
        let r = root.browser.post(&s, "/en/staff/helplines/save", &bad).await;
        assert_eq!(r.error_codes(), vec!["E-INVALID-INPUT"], "{field}={value}");
    }
    assert_eq!(s.db.helplines(Some("KH")).await.unwrap(), after);
    // A new number is no longer checked: nobody has called it yet.
    let mut renumbered: Vec<(&str, &str)> = form.iter().filter(|(k, _)| *k != "was").copied().collect();
    renumbered.extend([("was", now)]);
    renumbered.retain(|(k, _)| *k != "phone");
    renumbered.push(("phone", "1280"));
    let r = root.browser.post(&s, "/en/staff/helplines/save", &renumbered).await;
    assert_eq!(
        r.location.as_deref(),
        Some("/en/staff/helplines?done=helpline-saved"),
        "{:?}",
        r.error_codes()
    );
    let after = s.db.helplines(Some("KH")).await.unwrap();
    assert_eq!((after[0].phone.as_str(), after[0].verified_on), ("1280", None));

    // The only line of Laos cannot be removed: a child there would have none.
    let lao = s.db.helplines(Some("LA")).await.unwrap().remove(0);
    let r = root
        .browser
        .post(
            &s,
            "/en/staff/helplines/remove",
            &[("line", &lao.id.to_string()), ("was", &lao.phone), ("confirm", "1")],
        )
        .await;
    assert_eq!(r.error_codes(), vec!["E-LAST-HELPLINE"]);

    // Added, then removed.
    let new = [
        ("line", "0"),
        ("country", "LA"),
        ("name", "Test line"),
        ("phone", "1362"),
        ("url", "https://example.org/help"),
    ];
    let r = root.browser.post(&s, "/en/staff/helplines/add", &new).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/helplines?done=helpline-added"));
    let added = s.db.helplines(Some("LA")).await.unwrap().into_iter().find(|h| h.phone == "1362").unwrap();
    assert!(root.browser.get(&s, "/en/help?country=LA").await.html.contains("https://example.org/help"));
    let id = added.id.to_string();
    let unticked =
        root.browser.post(&s, "/en/staff/helplines/remove", &[("line", &id), ("was", "1362")]).await;
    assert_eq!(unticked.error_codes(), vec!["E-INVALID-INPUT"], "the box must be ticked");
    let r = root
        .browser
        .post(&s, "/en/staff/helplines/remove", &[("line", &id), ("was", "1362"), ("confirm", "1")])
        .await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/helplines?done=helpline-removed"));
    assert!(!root.browser.get(&s, "/en/help?country=LA").await.html.contains("1362"));
    for (action, n) in
        [("helpline_saved", 2), ("helpline_verified", 1), ("helpline_added", 1), ("helpline_removed", 1)]
    {
        assert_eq!(audit_of(&s, action).await.len(), n, "{action}");
    }

    // An organisation's administrator reads the list and changes nothing.
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let mut org_admin = s.signed_in("org@x.org", Role::Admin, Some(safe.organisation_id), None).await;
    let page = org_admin.browser.get(&s, "/en/staff/helplines").await;
    assert_eq!(page.status, 200);
    assert!(!page.html.contains("/en/staff/helplines/save"), "no edit forms");
    for (path, fields) in [
        ("/en/staff/helplines/save", form.to_vec()),
        ("/en/staff/helplines/verify", vec![("line", line.as_str()), ("was", "1280"), ("verified", "0")]),
        ("/en/staff/helplines/remove", vec![("line", line.as_str()), ("was", "1280"), ("confirm", "1")]),
        ("/en/staff/helplines/add", new.to_vec()),
    ] {
        let r = org_admin.browser.post(&s, path, &fields).await;
        assert_eq!((r.status, r.error_codes()), (403, vec!["E-FORBIDDEN".to_owned()]), "{path}");
    }
    assert_eq!(s.db.helplines(Some("KH")).await.unwrap(), after);
}
