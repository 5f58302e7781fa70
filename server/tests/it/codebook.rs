//! An organisation's say over the shipped codebook: its own label for a
//! default code (in one language, for itself only, and back to the shipped
//! one), and retiring a code — no longer offered for new coding, kept where
//! it was given. Another organisation's codebook is untouched and closed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use crate::journey::send_with_text;
use crate::moderation::{audit_of, submission_of};
use app::model::moderation::reference;
use app::model::staff::Role;

#[tokio::test]
async fn an_organisation_relabels_and_retires_default_codes_for_itself() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    assert_ne!(safe.organisation_id, home.organisation_id, "the demo has two organisations");
    let mut admin = s.signed_in("admin@x.org", Role::Admin, Some(safe.organisation_id), None).await;
    let org = safe.organisation_id.to_string();
    let shipped = s.db.codebook(&[]).await.unwrap();
    let code = |key: &str| shipped.iter().find(|c| c.key == key).unwrap().id.to_string();
    let (staff, legal) = (code("staff"), code("legal"));

    // Their own words for "Treatment by staff", in English only.
    let label =
        [("organisation", org.as_str()), ("code", &staff), ("locale", "en"), ("label", "Caseworkers")];
    let r = admin.browser.post(&s, "/en/staff/codebook/label", &label).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/codebook?done=code-labelled"), "{:?}", r.error_codes());
    let book = admin.browser.get(&s, "/en/staff/codebook").await;
    assert!(book.text_of("table.codebook th[scope=row]").contains(&"Caseworkers".to_owned()));
    assert!(book.html.contains("/en/staff/codebook/unlabel"), "a way back to the shipped label");
    let km = admin.browser.get(&s, "/km/staff/codebook").await;
    let km_rows = km.text_of("table.codebook th[scope=row]");
    assert!(km_rows.contains(&"ការប្រព្រឹត្តរបស់បុគ្គលិក".to_owned()), "Khmer keeps the shipped label");
    assert!(!km_rows.contains(&"Caseworkers".to_owned()));
    // Someone else's organisation: refused, and theirs still reads the shipped label.
    let theirs = [
        ("organisation", &*home.organisation_id.to_string()),
        ("code", &staff),
        ("locale", "en"),
        ("label", "X"),
    ];
    assert_eq!(admin.browser.post(&s, "/en/staff/codebook/label", &theirs).await.status, 403);
    let mut other = s.signed_in("admin2@x.org", Role::Admin, Some(home.organisation_id), None).await;
    let their_book = other.browser.get(&s, "/en/staff/codebook").await;
    assert!(!their_book.html.contains("Caseworkers"), "another organisation keeps the shipped label");
    assert!(their_book.text_of("table.codebook th[scope=row]").contains(&"Treatment by staff".to_owned()));
    // Unknown code, unknown language: nothing changes.
    let bad = [("organisation", org.as_str()), ("code", "999999"), ("locale", "en"), ("label", "X")];
    assert_eq!(admin.browser.post(&s, "/en/staff/codebook/label", &bad).await.status, 404);
    let invisible =
        [("organisation", org.as_str()), ("code", &staff), ("locale", "en"), ("label", "\u{200B}\u{202E} ")];
    let r = admin.browser.post(&s, "/en/staff/codebook/label", &invisible).await;
    assert_eq!(r.error_codes(), vec!["E-INVALID-INPUT"], "a label nobody can see");
    let mut installation = s.signed_in("root@x.org", Role::Admin, None, None).await;
    let nowhere = [("organisation", "999999"), ("code", &staff), ("retired", "1")];
    assert_eq!(installation.browser.post(&s, "/en/staff/codebook/retire", &nowhere).await.status, 404);
    let bad = [("organisation", org.as_str()), ("code", &staff), ("locale", "xx"), ("label", "X")];
    assert_eq!(
        admin.browser.post(&s, "/en/staff/codebook/label", &bad).await.error_codes(),
        vec!["E-INVALID-INPUT"]
    );

    // A submission coded with "Legal status and justice" before it is retired.
    let (_, first) = send_with_text(&s, "SAFE24", "The papers took eight months", false).await;
    let (_, second) = send_with_text(&s, "SAFE24", "The lawyer never came", false).await;
    let (a, b) = (submission_of(&s, &first).await, submission_of(&s, &second).await);
    let (ra, rb) = (reference(a), reference(b));
    s.clock.advance(Duration::from_secs(86_400));
    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, Some(safe.id)).await;
    let page = |r: &str| format!("/en/staff/moderation/submission?id={r}");
    let boxes = m.browser.get(&s, &page(&ra)).await.text_of("fieldset.codes label").join("|");
    assert!(
        boxes.contains("Caseworkers") && !boxes.contains("Treatment by staff"),
        "the organisation's label: {boxes}"
    );
    let coded =
        m.browser.post(&s, "/en/staff/moderation/codes", &[("id", ra.as_str()), ("code", &legal)]).await;
    assert_eq!(coded.status, 303, "{:?}", coded.error_codes());

    // A day later the first session has lapsed; the same organisation's other admin.
    let mut admin = s.signed_in("admin3@x.org", Role::Admin, Some(safe.organisation_id), None).await;
    let retire = [("organisation", org.as_str()), ("code", &legal), ("retired", "1")];
    let r = admin.browser.post(&s, "/en/staff/codebook/retire", &retire).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/codebook?done=code-retired"), "{:?}", r.error_codes());
    let retired = audit_of(&s, "code_retired").await;
    assert_eq!(retired.len(), 1);
    assert_eq!(retired[0].organisation_id, Some(safe.organisation_id), "its administrators see it");
    let again = admin.browser.post(&s, "/en/staff/codebook/retire", &retire).await;
    assert_eq!(again.status, 303, "retiring twice is harmless");
    assert_eq!(audit_of(&s, "code_retired").await.len(), 1, "and not audited twice");

    // Where it was given it stays, marked; elsewhere it is not offered and cannot be posted.
    let kept = m.browser.get(&s, &page(&ra)).await;
    let labels = kept.text_of("fieldset.codes label").join("|");
    assert!(labels.contains("Legal status and justice"), "{labels}");
    assert_eq!(kept.text_of("fieldset.codes small.retired").len(), 1);
    let resave =
        m.browser.post(&s, "/en/staff/moderation/codes", &[("id", ra.as_str()), ("code", &legal)]).await;
    assert_eq!(resave.status, 303, "saving the set keeps a retired code: {:?}", resave.error_codes());
    assert_eq!(s.db.codes_of(a).await.unwrap(), vec![legal.parse::<i64>().unwrap()]);
    let fresh = m.browser.get(&s, &page(&rb)).await;
    assert!(!fresh.text_of("fieldset.codes label").join("|").contains("Legal status and justice"));
    assert!(!fresh.text_of("details.code-words option").contains(&"Legal status and justice".to_owned()));
    let newly =
        m.browser.post(&s, "/en/staff/moderation/codes", &[("id", rb.as_str()), ("code", &legal)]).await;
    assert_eq!(newly.error_codes(), vec!["E-INVALID-INPUT"]);
    assert!(s.db.codes_of(b).await.unwrap().is_empty(), "nothing changed");
    let answer =
        s.db.answers_of(b).await.unwrap().into_iter().find(|x| x.body.is_some()).unwrap().id.to_string();
    let words =
        [("id", rb.as_str()), ("answer", answer.as_str()), ("words", "lawyer"), ("code", legal.as_str())];
    assert_eq!(
        m.browser.post(&s, "/en/staff/moderation/code-words", &words).await.error_codes(),
        vec!["E-INVALID-INPUT"]
    );
    // The queue still finds what carries it.
    let queue = m.browser.get(&s, &format!("/en/staff/moderation/queue?p=SAFE24&code={legal}")).await;
    assert!(queue.html.contains(&ra) && !queue.html.contains(&rb));
    // Another organisation still offers it.
    assert!(s.db.retired_codes(home.organisation_id).await.unwrap().is_empty());

    // Brought back, and the shipped label again.
    let back = [("organisation", org.as_str()), ("code", &legal), ("retired", "0")];
    let r = admin.browser.post(&s, "/en/staff/codebook/retire", &back).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/codebook?done=code-restored"));
    let offered = m.browser.get(&s, &page(&rb)).await.text_of("fieldset.codes label").join("|");
    assert!(offered.contains("Legal status and justice"), "{offered}");
    let unlabel = [("organisation", org.as_str()), ("code", &staff), ("locale", "en")];
    let r = admin.browser.post(&s, "/en/staff/codebook/unlabel", &unlabel).await;
    assert_eq!(
        r.location.as_deref(),
        Some("/en/staff/codebook?done=code-unlabelled"),
        "{:?}",
        r.error_codes()
    );
    let twice = admin.browser.post(&s, "/en/staff/codebook/unlabel", &unlabel).await;
    assert_eq!(twice.error_codes(), vec!["E-INVALID-INPUT"], "nothing of their own left to remove");
    let boxes = m.browser.get(&s, &page(&rb)).await.text_of("fieldset.codes label").join("|");
    assert!(boxes.contains("Treatment by staff") && !boxes.contains("Caseworkers"), "{boxes}");
    assert_eq!(audit_of(&s, "code_unlabelled").await.len(), 1);
    let retire_theirs =
        [("organisation", &*home.organisation_id.to_string()), ("code", &legal), ("retired", "1")];
    assert_eq!(admin.browser.post(&s, "/en/staff/codebook/retire", &retire_theirs).await.status, 403);
    assert_eq!(m.browser.post(&s, "/en/staff/codebook/retire", &retire).await.status, 403, "a moderator");
    assert!(s.db.retired_codes(safe.organisation_id).await.unwrap().is_empty());
}
