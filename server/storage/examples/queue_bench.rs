//! How long the moderation queue of a programme with N submissions takes to
//! load (the storage calls of the queue page: one page, the counts, the
//! filter lists), on SQLite or PostgreSQL:
//!   cargo run --release -p siang-storage --example queue_bench -- <database-url> [N]
//! Use an empty database: a programme with a 30-question questionnaire is
//! made and N submissions spread over 18 months are added (ratings, a few
//! free texts, some suspected details, 3% with a safeguarding concern — kept
//! out of the queue — and a theme code on every tenth).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chrono::{Duration, Utc};
use rand::prelude::*;
use siang_storage::*;

fn question(i: usize) -> QuestionSpec {
    let kind = if i % 5 == 4 { "text" } else { "scale" };
    QuestionSpec {
        key: format!("q{i}"),
        area: format!("area{}", i / 5),
        screen: (i / 5 + 1) as i64,
        position: (i % 5) as i64,
        kind: kind.into(),
        max_chars: 500,
        restricted: false,
        same_as: None,
        texts: vec![("en".into(), format!("Question {i}"), true)],
        options: vec![],
    }
}

fn synthetic(rng: &mut StdRng, p: &Programme, v: &QuestionnaireVersion, i: usize) -> NewSubmission {
    let mut answers = Vec::new();
    for q in &v.questions {
        let roll: f64 = rng.random();
        if roll < 0.12 {
            continue;
        }
        let (value, suggestions) = if q.kind == "scale" {
            (AnswerValue::Rating(rng.random_range(1..=5)), vec![])
        } else if roll > 0.97 {
            (AnswerValue::Text("call me 012 345 678".into()), vec![(8, 19, "phone".to_owned())])
        } else if roll > 0.85 {
            (AnswerValue::Text("The food was good and the staff were kind.".into()), vec![])
        } else {
            continue;
        };
        answers.push(NewAnswer { question_id: q.id, value, suggestions });
    }
    NewSubmission {
        programme_id: p.id,
        version_id: v.id,
        locale: if rng.random_bool(0.6) { "km" } else { "en" }.into(),
        submitted_on: Utc::now().date_naive() - Duration::days(rng.random_range(1..548)),
        receipt_hash: format!("bench:{i}:{}", rng.random::<u64>()),
        key_hash: format!("bench:{i}:{}", rng.random::<u64>()),
        answers,
        safeguarding: rng.random_bool(0.03).then(|| NewSafeguarding {
            answer: "yes".into(),
            body: None,
            raised_at: Utc::now().timestamp(),
        }),
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).expect("a database URL");
    let n: usize = args.get(2).map_or(100_000, |n| n.parse().expect("a number"));
    let db = connect(url).await.unwrap();
    db.migrate().await.unwrap();
    let org = db.upsert_organisation("bench", "Bench").await.unwrap();
    let questions: Vec<QuestionSpec> = (0..30).map(question).collect();
    let p = match db.programme_by_code("BENCH").await.unwrap() {
        Some(p) => p,
        None => {
            let (qid, _) =
                db.publish_questionnaire_version(Some(org.id), "bench", "Bench", &questions).await.unwrap();
            db.create_programme(&NewProgramme {
                organisation_id: org.id,
                code: "BENCH".into(),
                name: "Bench".into(),
                country: "KH".into(),
                languages: vec!["km".into(), "en".into()],
                opens_on: None,
                closes_on: None,
                questionnaire_id: qid,
                team_name: "Team".into(),
                response_days: 14,
            })
            .await
            .unwrap()
        }
    };
    let v = db.current_version(p.questionnaire_id).await.unwrap().unwrap();
    let have = db.count_submissions(Some(p.id)).await.unwrap() as usize;
    let started = Instant::now();
    let mut rng = StdRng::from_os_rng();
    let theme = db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "safety").unwrap().id;
    let mut done = have;
    while done < n {
        let k = (n - done).min(500);
        let batch = (done..done + k).map(|i| synthetic(&mut rng, &p, &v, i)).collect();
        for (i, o) in db.insert_submissions(batch).await.unwrap().into_iter().enumerate() {
            if let (0, SubmitOutcome::Stored { id }) = (i % 10, o) {
                db.set_codes(id, &[theme]).await.unwrap();
            }
        }
        done += k;
    }
    if n > have {
        println!("loaded {} submissions in {:.0} s", n - have, started.elapsed().as_secs_f64());
    }
    println!(
        "backend {:?}: the programme holds {} submissions",
        db.backend(),
        db.count_submissions(Some(p.id)).await.unwrap()
    );

    let today = Utc::now().date_naive();
    let base = QueueFilter { programme_id: p.id, released_before: today, limit: 51, ..Default::default() };
    let cases: Vec<(&str, QueueFilter)> = vec![
        ("all states, first page", base.clone()),
        ("new, first page", QueueFilter { state: Some("new".into()), ..base.clone() }),
        ("new, page 20", QueueFilter { state: Some("new".into()), offset: 20 * 50, ..base.clone() }),
        ("with own words", QueueFilter { has_text: Some(true), ..base.clone() }),
        ("rating 1-2, km", QueueFilter { rating: Some((1, 2)), locale: Some("km".into()), ..base.clone() }),
        ("suspected details", QueueFilter { suspected: Some(true), ..base.clone() }),
        ("theme code", QueueFilter { code: Some(theme), ..base.clone() }),
    ];
    for (name, f) in cases {
        let mut times = Vec::new();
        for _ in 0..15 {
            let t = Instant::now();
            let rows = db.queue(&f).await.unwrap();
            let _ = db.queue_counts(p.id, today).await.unwrap();
            let _ = db.queue_facets(p.id).await.unwrap();
            times.push((t.elapsed().as_secs_f64() * 1000.0, rows.len()));
        }
        times.sort_by(|a, b| a.0.total_cmp(&b.0));
        println!(
            "queue page ({name}): median {:.1} ms, max {:.1} ms, {} rows",
            times[times.len() / 2].0,
            times[times.len() - 1].0,
            times[0].1
        );
    }
}
