//! How long the moderation queue of a programme with N submissions takes to
//! load (the same storage calls as the queue page), on SQLite or PostgreSQL:
//!   cargo run --release -p server --example queue_bench -- <database-url> [N]
//! The database should be empty; the demo programmes are created and N
//! synthetic submissions (the demo's generator) go to SAFE24.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use rand::prelude::*;
use siang_storage::{QueueFilter, SubmitOutcome};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).expect("a database URL");
    let n: usize = args.get(2).map_or(100_000, |n| n.parse().expect("a number"));
    let db = siang_storage::connect(url).await.unwrap();
    db.migrate().await.unwrap();
    server::seed::ensure_defaults(&db).await.unwrap();
    server::demo::load(&db, 0).await.unwrap();
    let p = db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let v = db.current_version(p.questionnaire_id).await.unwrap().unwrap();
    let have = db.count_submissions(Some(p.id)).await.unwrap() as usize;
    let started = Instant::now();
    let mut rng = StdRng::from_os_rng();
    let mut left = n.saturating_sub(have);
    while left > 0 {
        let k = left.min(500);
        let batch = (0..k).map(|_| server::demo::synthetic(&mut rng, p.id, &["km", "en"], &v)).collect();
        let out = db.insert_submissions(batch).await.unwrap();
        assert!(out.iter().all(|o| matches!(o, SubmitOutcome::Stored { .. })));
        left -= k;
    }
    if n > have {
        println!("loaded {} submissions in {:.0} s", n - have, started.elapsed().as_secs_f64());
    }
    println!(
        "backend {:?}, programme SAFE24 holds {} submissions",
        db.backend(),
        db.count_submissions(Some(p.id)).await.unwrap()
    );

    let today = chrono::Utc::now().date_naive();
    let base = QueueFilter { programme_id: p.id, released_before: today, limit: 51, ..Default::default() };
    let cases: Vec<(&str, QueueFilter)> = vec![
        ("all, first page", base.clone()),
        ("new, first page", QueueFilter { state: Some("new".into()), ..base.clone() }),
        ("new, page 20", QueueFilter { state: Some("new".into()), offset: 20 * 50, ..base.clone() }),
        ("with own words", QueueFilter { has_text: Some(true), ..base.clone() }),
        ("rating 1-2, km", QueueFilter { rating: Some((1, 2)), locale: Some("km".into()), ..base.clone() }),
        ("suspected details", QueueFilter { suspected: Some(true), ..base.clone() }),
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
