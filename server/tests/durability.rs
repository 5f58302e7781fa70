//! Acknowledged means durable: the real `siang` binary is killed with
//! SIGKILL in the middle of a load of concurrent submissions, restarted, and
//! every submission whose receipt page was sent is found, none twice.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::journey::Reply;
use common::TestServer;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn spawn(db_url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_siang"))
        .arg("serve")
        .env("DATABASE_URL", db_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("SIANG_SUBMIT_LIMIT", "1000000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn wait_ready(base: &str) {
    for _ in 0..200 {
        if let Ok(r) = reqwest::get(format!("{base}/healthz")).await {
            if r.status() == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_acknowledged_submission_is_lost_when_the_server_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    // SQLite, or PostgreSQL when `make test` runs this a second time with SIANG_TEST_BACKEND.
    let url = common::fresh_database_url(dir.path()).await;
    let db = server::cli::open_migrated(&url).await.unwrap();
    server::demo::load(&db, 0).await.unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = spawn(&url, port);
    wait_ready(&base).await;
    let s = Arc::new(TestServer::external(base.clone(), db, dir).await);

    // Reviews ready to send (each consent hashes a receipt, so build them first).
    let mut reviews: Vec<Reply> = Vec::new();
    for _ in 0..240 {
        let first = s.consent("en", "SAFE24").await;
        reviews.push(s.step("en", "SAFE24", &first, &[], "review").await);
    }
    let reviews = Arc::new(reviews);
    let acked = Arc::new(std::sync::Mutex::new(Vec::<(usize, String)>::new()));
    let sent = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for worker in 0..32 {
        let (s, reviews, acked, sent) = (s.clone(), reviews.clone(), acked.clone(), sent.clone());
        tasks.push(tokio::spawn(async move {
            let mut i = worker;
            while i < reviews.len() {
                sent.fetch_add(1, Ordering::SeqCst);
                let mut fields = reviews[i].browser_fields();
                fields.push(("go".into(), "send".into()));
                let body = common::journey::encode(&fields);
                let res = s
                    .client
                    .post(format!("{}/en/p/SAFE24/answer", s.base))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await;
                // Only a complete receipt page counts as acknowledged.
                if let Ok(res) = res {
                    if res.status() == 200 {
                        if let Ok(html) = res.text().await {
                            let reply =
                                Reply { status: 200, html, set_cookie: false, cache_control: String::new() };
                            if let Some(r) = reply.receipt() {
                                acked.lock().unwrap().push((i, r));
                            }
                        }
                    }
                }
                i += 32;
            }
        }));
    }
    // Kill the server mid-load.
    loop {
        if acked.lock().unwrap().len() >= 60 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    child.kill().unwrap(); // SIGKILL: no graceful shutdown, no flush
    child.wait().unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 60 && acked.len() < reviews.len(),
        "killed mid-load: {} acknowledged",
        acked.len()
    );

    let mut child = spawn(&url, port);
    wait_ready(&base).await;
    let db = siang_storage::connect(&url).await.unwrap();
    let secrets = app::security::secrets::Secrets::load(&db).await.unwrap();
    for (_, receipt) in &acked {
        let code = app::model::receipt::normalise_receipt(receipt).unwrap();
        let found = db.receipt(&secrets.hash_receipt(&code).unwrap()).await.unwrap();
        assert!(found.is_some(), "acknowledged receipt {receipt} was lost");
    }
    let p = db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let stored = db.count_submissions(Some(p.id)).await.unwrap() as usize;
    assert!(stored >= acked.len(), "{stored} stored, {} acknowledged", acked.len());
    assert!(stored <= sent.load(Ordering::SeqCst), "more stored than sent");

    // Retrying everything after the restart stores nothing twice. A restarted
    // server no longer knows the form was sent a moment ago, so it answers
    // "already sent" without the receipt (the shared-phone rule fails
    // closed), and never with another receipt.
    let already = app::i18n::CATALOG.format(app::i18n::Locale::En, "already-sent-title", None).unwrap();
    for (i, receipt) in acked.iter().take(40) {
        let again = s.step("en", "SAFE24", &reviews[*i], &[], "send").await;
        assert!(again.receipt().is_none_or(|r| r == *receipt), "another receipt for the same form");
        assert!(again.receipt().is_some() || again.html.contains(&already), "{}", again.html);
    }
    assert_eq!(
        db.count_submissions(Some(p.id)).await.unwrap() as usize,
        stored,
        "a retry stored a second copy"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
