//! The canary: a young person's request with a recognisable address, user
//! agent, free text and receipt; then every log line (at TRACE, every crate)
//! and every table except the submission's own answers are searched for
//! them. Zero hits.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use app::model::staff::Role;
use common::journey::{encode, q, Reply};
use sqlx::{Connection, Row};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const IP: &str = "203.0.113.77";
const UA: &str = "CANARY-UA/1.0";
const TXT: &str = "CANARY-TXT my secret words";

async fn post(s: &common::TestServer, path: &str, fields: &[(String, String)]) -> Reply {
    let res = s
        .client
        .post(format!("{}{path}", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-forwarded-for", IP)
        .header("user-agent", UA)
        // Ours (a foreign one is refused), carrying the canary address in its query.
        .header("referer", format!("{}/from?via={IP}", s.base))
        .body(encode(fields))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    Reply { status, html: res.text().await.unwrap(), set_cookie: false, cache_control: String::new() }
}

#[tokio::test]
async fn no_log_line_and_no_other_table_holds_the_canaries() {
    let logs = Capture::default();
    let sink = logs.clone();
    tracing_subscriber::fmt()
        // Everything the server and its dependencies log; the test's own HTML parser (not in the server) is left out.
        // The test's own HTTP client (reqwest and hyper-util's client half) is left out too.
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "trace,html5ever=off,selectors=off,scraper=off,reqwest=off,hyper_util::client=off,hyper::client=off",
        ))
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .init();
    let mut cfg = common::config(false);
    cfg.trust_proxy = true; // the address is read from X-Forwarded-For, then must go nowhere
    let s = common::start_with(cfg).await;

    let consent = post(&s, "/km/p/SAFE24/answer", &[("consent".into(), "yes".into())]).await;
    let text_id = *consent.questions().last().unwrap();
    let mut fields = consent.browser_fields();
    fields.retain(|(n, _)| *n != format!("q{text_id}"));
    fields.extend([q(text_id, TXT), ("go".into(), "review".into())]);
    let review = post(&s, "/km/p/SAFE24/answer", &fields).await;
    let mut fields = review.browser_fields();
    fields.push(("go".into(), "send".into()));
    let done = post(&s, "/km/p/SAFE24/answer", &fields).await;
    let receipt = done.receipt().unwrap();
    let bare = receipt.replace('-', "");
    let look = post(&s, "/km/r", &[("receipt".into(), receipt.clone())]).await;
    assert_eq!(look.status, 200);
    // Staff activity in the same run must not leak the youth canaries either.
    let mut admin = s.signed_in("root@example.org", Role::Admin, None, None).await;
    admin.browser.get(&s, "/en/staff/audit").await;

    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(logged.lines().count() > 50, "the capture works ({} lines)", logged.lines().count());
    // The socket's own address too (127.0.0.1:<the client's port>): axum's
    // serve loop logged every accepted connection at TRACE; ours logs none,
    // and a `Peer` cannot print it.
    for canary in [IP, UA, "CANARY-TXT", "secret words", receipt.as_str(), bare.as_str(), "127.0.0.1"] {
        let hits: Vec<&str> = logged.lines().filter(|l| l.contains(canary)).take(3).collect();
        assert!(hits.is_empty(), "the log holds {canary}: {hits:?}");
    }
    // One line per request for operators: the route's template, never the path.
    let requests: Vec<&str> =
        logged.lines().filter(|l| l.contains(" request ") || l.ends_with(" request")).collect();
    assert!(
        requests.iter().any(|l| l.contains("route=\"/{lang}/p/{code}/answer\"")
            && l.contains("status=200")
            && l.contains("ms=")),
        "{requests:?}"
    );
    assert!(requests.iter().all(|l| !l.contains("SAFE24") && !l.contains("/km/")), "{requests:?}");

    // Every table, every column, as text (SQLite or PostgreSQL, as this run's backend).
    let url = s.database_url();
    let rows = if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        // Every column cast to text, so nothing escapes the search by its type.
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
             AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let mut all = Vec::new();
        for table in tables {
            let texts: Vec<Option<String>> =
                sqlx::query_scalar(&format!("SELECT row_to_json(t)::text FROM \"{table}\" t"))
                    .fetch_all(&mut conn)
                    .await
                    .unwrap();
            all.extend(texts.into_iter().flatten().map(|t| (table.clone(), t)));
        }
        all
    } else {
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '_sqlx_migrations'",
        )
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let mut all = Vec::new();
        for table in tables {
            let rows = sqlx::query(&format!("SELECT * FROM \"{table}\"")).fetch_all(&mut conn).await.unwrap();
            for row in rows {
                for i in 0..row.len() {
                    if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                        all.push((table.clone(), text));
                    }
                }
            }
        }
        all
    };
    let tables: std::collections::BTreeSet<&str> = rows.iter().map(|(t, _)| t.as_str()).collect();
    assert!(tables.len() > 15, "{tables:?}");
    let mut found_answer = false;
    for (table, text) in &rows {
        for canary in [IP, UA, "CANARY-TXT", receipt.as_str(), bare.as_str()] {
            if text.contains(canary) {
                assert!(table == "answers" && canary == "CANARY-TXT", "table {table} holds {canary}");
                found_answer = true;
            }
        }
    }
    assert!(found_answer, "the answer itself is stored, in its own table only");
}
