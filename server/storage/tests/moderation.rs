//! The moderation queue on SQLite and PostgreSQL: daily release, order
//! that does not follow arrival, filters, counts and the moves between states.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use common::fixtures::{programme, submission};
use siang_storage::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn filter(p: &Programme, released_before: NaiveDate) -> QueueFilter {
    QueueFilter { programme_id: p.id, released_before, limit: 1000, ..Default::default() }
}

async fn ids(db: &Db, f: &QueueFilter) -> Vec<i64> {
    db.queue(f).await.unwrap().into_iter().map(|r| r.id).collect()
}

#[tokio::test]
async fn a_day_reaches_the_queue_whole_the_next_day_in_no_order_of_arrival() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "BATCH").await;
        let mut arrival = Vec::new();
        for i in 0..30 {
            let mut s = submission(&p, &v, &format!("d3-{i}"));
            s.submitted_on = day(3);
            let SubmitOutcome::Stored { id } = t.db.submit(s).await.unwrap() else { panic!() };
            arrival.push(id);
        }
        let mut s = submission(&p, &v, "d2");
        s.submitted_on = day(2);
        let SubmitOutcome::Stored { id: older } = t.db.submit(s).await.unwrap() else { panic!() };

        // On day 3 itself only day 2 is there; nothing of the day under way.
        assert_eq!(ids(&t.db, &filter(&p, day(3))).await, vec![older], "{}", t.name);
        assert_eq!(t.db.queue_counts(p.id, day(3)).await.unwrap(), vec![("new".to_owned(), 1)], "{}", t.name);
        // The next day brings all of day 3 at once, above day 2.
        let queue = ids(&t.db, &filter(&p, day(4))).await;
        assert_eq!(queue.len(), 31, "{}", t.name);
        assert_eq!(queue[30], older, "{}: the newest day comes first", t.name);
        let batch = &queue[..30];
        let mut same = batch.to_vec();
        same.sort_unstable();
        let mut sent = arrival.clone();
        sent.sort_unstable();
        assert_eq!(same, sent, "{}", t.name);
        assert_ne!(batch, &arrival[..], "{}: the queue follows arrival", t.name);
        let reversed: Vec<i64> = arrival.iter().rev().copied().collect();
        assert_ne!(batch, &reversed[..], "{}: the queue follows arrival backwards", t.name);
        // Paging cuts the same order.
        let page = |offset| QueueFilter { limit: 10, offset, ..filter(&p, day(4)) };
        let mut paged = ids(&t.db, &page(0)).await;
        paged.extend(ids(&t.db, &page(10)).await);
        assert_eq!(paged, queue[..20], "{}", t.name);
    }
}

#[tokio::test]
async fn filters_narrow_the_queue_and_counts_follow_the_states() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "FILT").await;
        let (other, ov) = programme(&t.db, "OTHER").await;
        // a: km, rating 4, text with a suspected phone number (the fixture)
        let a = submission(&p, &v, "a");
        // b: en, rating 1, no text
        let mut b = submission(&p, &v, "b");
        b.locale = "en".into();
        b.answers[0].value = AnswerValue::Rating(1);
        b.answers[1] =
            NewAnswer { question_id: v.questions[1].id, value: AnswerValue::Skipped, suggestions: vec![] };
        // c: km, text without anything suspect
        let mut c = submission(&p, &v, "c");
        c.answers[1].value = AnswerValue::Text("thank you".into());
        c.answers[1].suggestions.clear();
        let mut stored = Vec::new();
        for s in [a, b, c, submission(&other, &ov, "x")] {
            let SubmitOutcome::Stored { id } = t.db.submit(s).await.unwrap() else { panic!() };
            stored.push(id);
        }
        let (a, b, c) = (stored[0], stored[1], stored[2]);
        let all = filter(&p, day(30));
        let sorted = |mut v: Vec<i64>| {
            v.sort_unstable();
            v
        };
        let got = |f: QueueFilter| {
            let db = t.db.clone();
            async move { sorted(ids(&db, &f).await) }
        };
        assert_eq!(got(all.clone()).await, sorted(vec![a, b, c]), "{}: another programme leaks in", t.name);
        assert_eq!(
            got(QueueFilter { locale: Some("en".into()), ..all.clone() }).await,
            vec![b],
            "{}",
            t.name
        );
        assert_eq!(got(QueueFilter { rating: Some((1, 2)), ..all.clone() }).await, vec![b], "{}", t.name);
        assert_eq!(got(QueueFilter { has_text: Some(false), ..all.clone() }).await, vec![b], "{}", t.name);
        assert_eq!(
            got(QueueFilter { has_text: Some(true), ..all.clone() }).await,
            sorted(vec![a, c]),
            "{}",
            t.name
        );
        assert_eq!(got(QueueFilter { suspected: Some(true), ..all.clone() }).await, vec![a], "{}", t.name);
        assert_eq!(
            got(QueueFilter { version_id: Some(v.id + 1000), ..all.clone() }).await,
            Vec::<i64>::new(),
            "{}",
            t.name
        );
        let rows = t.db.queue(&all).await.unwrap();
        let row_a = rows.iter().find(|r| r.id == a).unwrap();
        assert!(row_a.has_text && row_a.suspected && row_a.moderation == "new", "{}: {row_a:?}", t.name);
        let (versions, locales) = t.db.queue_facets(p.id).await.unwrap();
        assert!(versions.contains(&v.id), "{}: {versions:?}", t.name);
        assert_eq!(locales, vec!["en".to_owned(), "km".to_owned()], "{}", t.name);

        // Moves: approval waits until every suspected detail is resolved.
        assert!(!t.db.set_moderation(a, "approved").await.unwrap(), "{}", t.name);
        assert_eq!(t.db.unresolved_details(a).await.unwrap(), 1, "{}", t.name);
        t.raw().await.exec("UPDATE redactions SET state = 'dismissed'").await;
        assert_eq!(t.db.unresolved_details(a).await.unwrap(), 0, "{}", t.name);
        assert!(t.db.set_moderation(a, "approved").await.unwrap(), "{}", t.name);
        assert!(!t.db.set_moderation(a, "approved").await.unwrap(), "{}: approved twice", t.name);
        assert!(t.db.set_moderation(b, "archived").await.unwrap(), "{}", t.name);
        assert!(
            !t.db.set_moderation(b, "approved").await.unwrap(),
            "{}: set aside straight to approved",
            t.name
        );
        assert!(t.db.set_moderation(b, "in_review").await.unwrap(), "{}", t.name);
        assert!(!t.db.set_moderation(c, "published").await.unwrap(), "{}: an unknown state", t.name);
        assert_eq!(
            t.db.queue_counts(p.id, day(30)).await.unwrap(),
            vec![("approved".to_owned(), 1), ("in_review".to_owned(), 1), ("new".to_owned(), 1)],
            "{}",
            t.name
        );
        assert_eq!(
            got(QueueFilter { state: Some("new".into()), ..all.clone() }).await,
            vec![c],
            "{}",
            t.name
        );
        let s = t.db.submission(a).await.unwrap().unwrap();
        assert_eq!((s.programme_id, s.moderation.as_str(), s.locale.as_str()), (p.id, "approved", "km"));
        assert!(t.db.submission(a ^ 1).await.unwrap().is_none(), "{}", t.name);
    }
}

#[tokio::test]
async fn accepted_details_are_replaced_in_the_stored_text_and_leave_no_trace() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "REDACT").await;
        let mut s = submission(&p, &v, "r");
        let text = "call 012 345 678 or mail a@b.org";
        s.answers[1].value = AnswerValue::Text(text.into());
        s.answers[1].suggestions = vec![(5, 16, "phone".into()), (25, 32, "email".into())];
        let SubmitOutcome::Stored { id } = t.db.submit(s).await.unwrap() else { panic!() };
        let staff = t.db.create_staff("m@x.org", "M", 1).await.unwrap().id;
        let spans = t.db.redactions_of(id).await.unwrap();
        let phone = spans.iter().find(|r| r.kind == "phone").unwrap().id;
        let email = spans.iter().find(|r| r.kind == "email").unwrap().id;
        let body = |db: Db| async move {
            db.answers_of(id).await.unwrap().into_iter().find_map(|a| a.body).unwrap()
        };

        assert_eq!(
            t.db.resolve_detail(id ^ 1, phone, true, staff).await.unwrap(),
            Redacted::NotFound,
            "{}",
            t.name
        );
        assert_eq!(t.db.resolve_detail(id, phone, true, staff).await.unwrap(), Redacted::Done, "{}", t.name);
        assert_eq!(body(t.db.clone()).await, "call [phone] or mail a@b.org", "{}", t.name);
        let moved = t.db.redactions_of(id).await.unwrap();
        let e = moved.iter().find(|r| r.id == email).unwrap();
        assert_eq!(
            (e.start_at, e.end_at, e.state.as_str()),
            (21, 28, "suggested"),
            "{}: later spans move",
            t.name
        );
        assert_eq!(
            t.db.resolve_detail(id, phone, true, staff).await.unwrap(),
            Redacted::NotFound,
            "{}: twice",
            t.name
        );
        assert_eq!(t.db.unresolved_details(id).await.unwrap(), 1, "{}", t.name);
        assert_eq!(t.db.resolve_detail(id, email, false, staff).await.unwrap(), Redacted::Done, "{}", t.name);
        assert_eq!(t.db.unresolved_details(id).await.unwrap(), 0, "{}", t.name);
        assert_eq!(
            body(t.db.clone()).await,
            "call [phone] or mail a@b.org",
            "{}: a rejected span stays",
            t.name
        );

        let answer = t.db.answers_of(id).await.unwrap().into_iter().find(|a| a.body.is_some()).unwrap().id;
        for (words, kind) in [("nowhere", "name"), ("mail", "<script>"), ("  ", "name")] {
            let r = t.db.redact_words(id, answer, words, kind, staff).await.unwrap();
            assert_eq!(r, Redacted::NotFound, "{}: {words:?} {kind:?}", t.name);
        }
        assert_eq!(
            t.db.redact_words(id ^ 1, answer, "mail", "name", staff).await.unwrap(),
            Redacted::NotFound
        );
        assert_eq!(
            t.db.redact_words(id, answer, "a", "other", staff).await.unwrap(),
            Redacted::Done,
            "{}",
            t.name
        );
        assert_eq!(body(t.db.clone()).await, "c[other]ll [phone] or m[other]il [other]@b.org", "{}", t.name);
        assert!(t.db.set_moderation(id, "approved").await.unwrap(), "{}: resolved, so approvable", t.name);

        if let Some(path) = &t.path {
            // Nothing of the original is left in the file once the WAL is checkpointed.
            t.raw().await.exec("PRAGMA wal_checkpoint(TRUNCATE)").await;
            let file = path.trim_start_matches("sqlite://");
            let mut bytes = std::fs::read(file).unwrap();
            if let Ok(wal) = std::fs::read(format!("{file}-wal")) {
                bytes.extend(wal);
            }
            let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
            assert!(find(b"[other]@b.org"), "the check reads the right file");
            assert!(!find(b"012 345 678"), "the redacted phone number is still in the database file");
        }
    }
}

#[tokio::test]
async fn a_reply_is_corrected_until_it_is_seen_and_templates_are_kept_per_organisation() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "RPLY").await;
        let SubmitOutcome::Stored { id } = t.db.submit(submission(&p, &v, "r")).await.unwrap() else {
            panic!()
        };
        let staff = t.db.create_staff("m@x.org", "M", 1).await.unwrap().id;
        let reply = t.db.add_reply(id, Some(staff), "Thank yuo").await.unwrap();
        assert!(!reply.seen);
        assert!(t.db.correct_reply(id, reply.id, "Thank you", 50).await.unwrap(), "{}", t.name);
        assert!(
            !t.db.correct_reply(id + 1, reply.id, "x", 51).await.unwrap(),
            "{}: another submission's",
            t.name
        );
        t.db.mark_replies_seen(id).await.unwrap();
        assert!(!t.db.correct_reply(id, reply.id, "Thanks", 52).await.unwrap(), "{}: read already", t.name);
        let now = t.db.replies_of(id).await.unwrap();
        assert_eq!((now[0].body.as_str(), now[0].seen), ("Thank you", true), "{}", t.name);

        let other = t.db.upsert_organisation("other", "Other").await.unwrap();
        t.db.put_reply_template(Some(p.organisation_id), "Thanks", "en", "Thank you for writing.", staff, 1)
            .await
            .unwrap();
        t.db.put_reply_template(Some(p.organisation_id), "Thanks", "km", "អរគុណ", staff, 1).await.unwrap();
        t.db.put_reply_template(
            Some(p.organisation_id),
            "Thanks",
            "en",
            "Thank you for telling us.",
            staff,
            2,
        )
        .await
        .unwrap();
        t.db.put_reply_template(None, "Helpline", "en", "Call 1280.", staff, 1).await.unwrap();
        t.db.put_reply_template(None, "Helpline", "en", "Call 1280 any time.", staff, 2).await.unwrap();
        t.db.put_reply_template(Some(other.id), "Secret", "en", "Not yours.", staff, 1).await.unwrap();
        let seen: Vec<(String, String, String)> =
            t.db.reply_templates(&[p.organisation_id])
                .await
                .unwrap()
                .into_iter()
                .map(|r| (r.title, r.locale, r.body))
                .collect();
        let want = [
            ("Helpline", "en", "Call 1280 any time."),
            ("Thanks", "en", "Thank you for telling us."),
            ("Thanks", "km", "អរគុណ"),
        ];
        let want: Vec<(String, String, String)> =
            want.iter().map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into())).collect();
        assert_eq!(seen, want, "{}", t.name);
        let everyone: Vec<String> =
            t.db.reply_templates(&[]).await.unwrap().into_iter().map(|r| r.title).collect();
        assert_eq!(everyone, vec!["Helpline"], "{}", t.name);
        let first = t.db.reply_templates(&[other.id]).await.unwrap();
        let secret = first.iter().find(|r| r.title == "Secret").unwrap();
        assert_eq!(t.db.reply_template(secret.id).await.unwrap().unwrap().organisation_id, Some(other.id));
        assert!(t.db.delete_reply_template(secret.id).await.unwrap());
        assert!(!t.db.delete_reply_template(secret.id).await.unwrap(), "{}: gone", t.name);
    }
}

#[tokio::test]
async fn the_codebook_ships_defaults_takes_an_organisations_own_codes_and_filters_the_queue() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "CODE").await;
        let defaults = t.db.codebook(&[]).await.unwrap();
        let count = |facet: &str| defaults.iter().filter(|c| c.facet == facet).count();
        assert_eq!((count("type"), count("component"), count("theme")), (5, 9, 10), "{}", t.name);
        assert!(defaults.iter().all(|c| c.organisation_id.is_none()));
        assert_eq!(defaults[0].facet, "type", "{}: facets in order", t.name);

        let own = t.db.add_code(p.organisation_id, "theme", "papers_delay").await.unwrap().unwrap();
        assert_eq!(
            t.db.add_code(p.organisation_id, "theme", "papers_delay").await.unwrap(),
            None,
            "{}",
            t.name
        );
        let other = t.db.upsert_organisation("other", "Other").await.unwrap();
        let theirs = t.db.add_code(other.id, "theme", "papers_delay").await.unwrap().unwrap();
        t.db.put_code_label(own, "en", "Papers take long").await.unwrap();
        t.db.put_code_label(own, "en", "Papers take too long").await.unwrap();
        t.db.put_code_label(own, "km", "ឯកសារយូរ").await.unwrap();
        let mine: Vec<i64> =
            t.db.codebook(&[p.organisation_id]).await.unwrap().into_iter().map(|c| c.id).collect();
        assert!(mine.contains(&own) && !mine.contains(&theirs), "{}", t.name);
        let labels: Vec<(String, String)> =
            t.db.code_labels(&[own]).await.unwrap().into_iter().map(|l| (l.locale, l.label)).collect();
        assert_eq!(
            labels,
            vec![("en".into(), "Papers take too long".into()), ("km".into(), "ឯកសារយូរ".into())]
        );

        let SubmitOutcome::Stored { id: a } = t.db.submit(submission(&p, &v, "a")).await.unwrap() else {
            panic!()
        };
        let SubmitOutcome::Stored { id: b } = t.db.submit(submission(&p, &v, "b")).await.unwrap() else {
            panic!()
        };
        let safety = defaults.iter().find(|c| c.key == "safety").unwrap().id;
        t.db.set_codes(a, &[own, safety]).await.unwrap();
        t.db.set_codes(b, &[safety]).await.unwrap();
        t.db.set_codes(b, &[safety, safety]).await.unwrap();
        let mut want = vec![own, safety];
        want.sort_unstable();
        assert_eq!(t.db.codes_of(a).await.unwrap(), want, "{}", t.name);
        let q = |code| QueueFilter { code: Some(code), ..filter(&p, day(20)) };
        assert_eq!(ids(&t.db, &q(own)).await, vec![a], "{}", t.name);
        let mut both = ids(&t.db, &q(safety)).await;
        both.sort_unstable();
        let mut ab = vec![a, b];
        ab.sort_unstable();
        assert_eq!(both, ab, "{}", t.name);
        t.db.set_codes(a, &[]).await.unwrap();
        assert!(ids(&t.db, &q(own)).await.is_empty(), "{}", t.name);
    }
}

#[tokio::test]
async fn an_organisation_relabels_and_retires_default_codes_for_itself_only() {
    for t in common::all().await {
        let (p, _) = programme(&t.db, "RETIRE").await;
        let org = p.organisation_id;
        let other = t.db.upsert_organisation("other", "Other").await.unwrap().id;
        let defaults = t.db.codebook(&[]).await.unwrap();
        let staff = defaults.iter().find(|c| c.key == "staff").unwrap().id;
        let legal = defaults.iter().find(|c| c.key == "legal").unwrap().id;

        t.db.put_organisation_code_label(org, staff, "en", "Caseworkers").await.unwrap();
        t.db.put_organisation_code_label(org, staff, "en", "Caseworkers and house parents").await.unwrap();
        t.db.put_organisation_code_label(org, staff, "km", "បុគ្គលិក").await.unwrap();
        let mine: Vec<(i64, String, String)> =
            t.db.organisation_code_labels(org)
                .await
                .unwrap()
                .into_iter()
                .map(|l| (l.tag_id, l.locale, l.label))
                .collect();
        assert_eq!(
            mine,
            vec![
                (staff, "en".into(), "Caseworkers and house parents".into()),
                (staff, "km".into(), "បុគ្គលិក".into())
            ],
            "{}",
            t.name
        );
        assert!(
            t.db.organisation_code_labels(other).await.unwrap().is_empty(),
            "{}: theirs untouched",
            t.name
        );
        assert!(
            t.db.code_labels(&[staff]).await.unwrap().is_empty(),
            "{}: the shipped code unchanged",
            t.name
        );
        assert!(t.db.remove_organisation_code_label(org, staff, "km").await.unwrap());
        assert!(!t.db.remove_organisation_code_label(org, staff, "km").await.unwrap(), "{}", t.name);
        assert_eq!(t.db.organisation_code_labels(org).await.unwrap().len(), 1);

        assert!(t.db.set_code_retired(org, legal, true).await.unwrap());
        assert!(!t.db.set_code_retired(org, legal, true).await.unwrap(), "{}: already retired", t.name);
        assert_eq!(t.db.retired_codes(org).await.unwrap(), vec![legal], "{}", t.name);
        assert!(t.db.retired_codes(other).await.unwrap().is_empty(), "{}", t.name);
        assert!(
            t.db.codebook(&[org]).await.unwrap().iter().any(|c| c.id == legal),
            "{}: still known",
            t.name
        );
        assert!(t.db.set_code_retired(org, legal, false).await.unwrap());
        assert!(!t.db.set_code_retired(org, legal, false).await.unwrap(), "{}", t.name);
        assert!(t.db.retired_codes(org).await.unwrap().is_empty(), "{}", t.name);
    }
}

#[tokio::test]
async fn a_code_on_words_follows_the_text_when_a_detail_in_it_is_redacted() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "SPAN").await;
        let SubmitOutcome::Stored { id } = t.db.submit(submission(&p, &v, "s")).await.unwrap() else {
            panic!()
        };
        let answer = t.db.answers_of(id).await.unwrap().into_iter().find(|a| a.body.is_some()).unwrap();
        assert_eq!(answer.body.as_deref(), Some("call 012 345 678"));
        let staff = t.db.create_staff("m@x.org", "M", 1).await.unwrap().id;
        let theme = t.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "safety").unwrap().id;
        assert!(!t.db.add_span_code(id, answer.id, "not there", theme).await.unwrap(), "{}", t.name);
        assert!(
            !t.db.add_span_code(id + 1, answer.id, "call", theme).await.unwrap(),
            "{}: not its answer",
            t.name
        );
        assert!(t.db.add_span_code(id, answer.id, "call 012", theme).await.unwrap(), "{}", t.name);
        // The phone number is replaced: the coded words now end at its placeholder.
        let detail = t.db.redactions_of(id).await.unwrap()[0].id;
        assert_eq!(t.db.resolve_detail(id, detail, true, staff).await.unwrap(), Redacted::Done);
        let body = t.db.answers_of(id).await.unwrap().into_iter().find_map(|a| a.body).unwrap();
        assert_eq!(body, "call [phone]");
        let spans = t.db.span_codes_of(id).await.unwrap();
        assert_eq!(spans.len(), 1, "{}", t.name);
        assert_eq!(&body[spans[0].start_at as usize..spans[0].end_at as usize], "call [phone]", "{}", t.name);
        assert!(!t.db.remove_span_code(id + 1, spans[0].id).await.unwrap(), "{}", t.name);
        assert!(t.db.remove_span_code(id, spans[0].id).await.unwrap(), "{}", t.name);
        assert!(t.db.span_codes_of(id).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn quotes_count_their_theme_and_leave_with_a_withdrawn_submission() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "QUOT").await;
        let staff = t.db.create_staff("m@x.org", "M", 1).await.unwrap().id;
        let theme = t.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "housing").unwrap().id;
        let mut ids = Vec::new();
        for i in 0..3 {
            let SubmitOutcome::Stored { id } =
                t.db.submit(submission(&p, &v, &format!("q{i}"))).await.unwrap()
            else {
                panic!()
            };
            t.db.set_codes(id, &[theme]).await.unwrap();
            ids.push(id);
        }
        // Only approved ones count (2026-11-02 is in 2026-11).
        assert_eq!(t.db.coded_count(p.id, theme, "2026-11").await.unwrap(), 0, "{}", t.name);
        for id in &ids[..2] {
            let detail = t.db.redactions_of(*id).await.unwrap()[0].id;
            t.db.resolve_detail(*id, detail, true, staff).await.unwrap();
            assert!(t.db.set_moderation(*id, "approved").await.unwrap(), "{}", t.name);
        }
        assert_eq!(t.db.coded_count(p.id, theme, "2026-11").await.unwrap(), 2, "{}", t.name);
        assert_eq!(t.db.coded_count(p.id, theme, "2026-10").await.unwrap(), 0, "{}", t.name);
        assert_eq!(t.db.coded_count(p.id, theme, "nonsense").await.unwrap(), 0, "{}", t.name);
        let answer =
            t.db.answers_of(ids[0]).await.unwrap().into_iter().find(|a| a.body.is_some()).unwrap().id;
        let q = NewQuote {
            programme_id: p.id,
            submission_id: ids[0],
            answer_id: answer,
            body: "call [phone]",
            month: "2026-11",
            tag_id: theme,
            staff_id: staff,
        };
        let quote = t.db.add_quote(&q).await.unwrap();
        assert_eq!(t.db.quotes_of(p.id).await.unwrap()[0].body, "call [phone]", "{}", t.name);
        assert_eq!(t.db.quotes_of_submission(ids[0]).await.unwrap().len(), 1);
        assert!(!t.db.delete_quote(p.id + 1, quote).await.unwrap(), "{}: another programme's", t.name);
        // Taken back: the quote goes with it.
        assert!(t.db.withdraw(ids[0]).await.unwrap());
        assert!(
            t.db.quotes_of(p.id).await.unwrap().is_empty(),
            "{}: a withdrawn submission's quote stayed",
            t.name
        );
    }
}

#[tokio::test]
async fn a_summary_keeps_its_versions_and_publishes_the_latest() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "SUMM").await;
        let staff = t.db.create_staff("m@x.org", "Mai", 1).await.unwrap().id;
        let (start, end) = month_range("2026-11").unwrap();
        assert_eq!(t.db.summary(p.id, start, end).await.unwrap(), None);
        let id = t.db.save_summary(p.id, start, end, "draft one", staff, 100).await.unwrap();
        assert_eq!(
            t.db.save_summary(p.id, start, end, "draft two", staff, 200).await.unwrap(),
            id,
            "{}",
            t.name
        );
        let row = t.db.summary(p.id, start, end).await.unwrap().unwrap();
        assert_eq!(
            (row.body.as_str(), row.state.as_str(), row.published_version),
            ("draft two", "draft", None)
        );
        let versions = t.db.summary_versions(id).await.unwrap();
        let seen: Vec<(&str, Option<&str>, i64)> =
            versions.iter().map(|v| (v.body.as_str(), v.staff_name.as_deref(), v.at)).collect();
        assert_eq!(
            seen,
            vec![("draft two", Some("Mai"), 200), ("draft one", Some("Mai"), 100)],
            "{}",
            t.name
        );
        assert!(
            !t.db.publish_summary(p.id + 1, id, staff, day(30)).await.unwrap(),
            "{}: another programme's",
            t.name
        );
        assert!(t.db.publish_summary(p.id, id, staff, day(30)).await.unwrap());
        let row = t.db.summary(p.id, start, end).await.unwrap().unwrap();
        assert_eq!(
            (row.state.as_str(), row.published_on, row.published_version),
            ("published", Some(day(30)), Some(versions[0].id))
        );
        // Designers read the published version, not a later draft.
        t.db.save_summary(p.id, start, end, "draft three", staff, 300).await.unwrap();
        let published = t.db.published_summaries(p.id).await.unwrap();
        assert_eq!(published, vec![(start, end, day(30), "draft two".to_owned())], "{}", t.name);
        assert_eq!(
            t.db.summary(p.id, start, end).await.unwrap().unwrap().state,
            "draft",
            "{}: a newer draft",
            t.name
        );

        // The facts of a period: responses, ratings per question, approved codes.
        let theme = t.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "health").unwrap().id;
        for i in 0..3 {
            let SubmitOutcome::Stored { id } =
                t.db.submit(submission(&p, &v, &format!("f{i}"))).await.unwrap()
            else {
                panic!()
            };
            t.db.set_codes(id, &[theme]).await.unwrap();
            if i < 2 {
                let detail = t.db.redactions_of(id).await.unwrap()[0].id;
                t.db.resolve_detail(id, detail, true, staff).await.unwrap();
                t.db.set_moderation(id, "approved").await.unwrap();
            }
        }
        let facts = t.db.period_facts(p.id, start, end).await.unwrap();
        assert_eq!(facts.responses, 3, "{}", t.name);
        assert_eq!(facts.ratings, vec![(v.questions[0].id, 3, 12)], "{}: three 4s", t.name);
        assert_eq!(facts.codes, vec![(theme, 2)], "{}: approved ones only", t.name);
        assert_eq!(
            t.db.period_facts(p.id, day(1), day(2)).await.unwrap(),
            PeriodFacts::default(),
            "{}",
            t.name
        );
    }
}
