//! Load generator for the durable submit endpoint (see README, Performance).
//!
//!   cargo run --release -p server --example loadgen -- <base-url> <database-url> [submissions] [connections]
//!
//! Phase 1 opens one journey per submission (a consent post each, which mints
//! the receipt and its slow hash) — reported, not timed as submits. Phase 2
//! sends every journey's final "send" post over `connections` concurrent
//! connections and reports throughput and latency percentiles. Every
//! submission carries realistic answers (all ratings and two comments).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

fn seal_of(html: &str) -> Option<String> {
    let at = html.find("name=\"seal\" value=\"")? + "name=\"seal\" value=\"".len();
    Some(html[at..].split('"').next()?.to_owned())
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:3000".into());
    let db_url = args.get(2).cloned().unwrap_or_else(|| "sqlite://data/siang.db".into());
    let n: usize = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(5000);
    let conns: usize = args.get(4).and_then(|v| v.parse().ok()).unwrap_or(32);
    let code = "SAFE24";

    let db = siang_storage::connect(&db_url).await.unwrap();
    let programme = db.programme_by_code(code).await.unwrap().expect("run `siang demo` first");
    let version = db.current_version(programme.questionnaire_id).await.unwrap().unwrap();
    let mut answers = String::new();
    let mut comments = 0;
    for q in version.questions.iter().filter(|q| !q.restricted) {
        match q.kind.as_str() {
            "scale" => answers.push_str(&format!("&q{}={}", q.id, 1 + q.id % 5)),
            "text" if comments < 2 => {
                comments += 1;
                answers.push_str(&format!(
                    "&q{}={}",
                    q.id,
                    urlencode("The staff were kind but the nights are long.")
                ));
            }
            _ => {}
        }
    }
    let before = db.count_submissions(Some(programme.id)).await.unwrap();
    let client = reqwest::Client::builder().pool_max_idle_per_host(conns).build().unwrap();

    eprintln!("phase 1: opening {n} journeys (consent posts; each hashes a receipt)");
    let started = Instant::now();
    let bodies = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let mut tasks = Vec::new();
    for w in 0..8 {
        let (client, base, bodies, answers) = (client.clone(), base.clone(), bodies.clone(), answers.clone());
        tasks.push(tokio::spawn(async move {
            for _ in (w..n).step_by(8) {
                let html = client
                    .post(format!("{base}/en/p/{code}/answer"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("consent=yes")
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                let seal = seal_of(&html).expect("a seal");
                let body = format!("seal={}&s=review{answers}&go=send", urlencode(&seal));
                bodies.lock().await.push(body);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let consent_secs = started.elapsed().as_secs_f64();
    let bodies: Vec<String> = std::mem::take(&mut *bodies.lock().await);
    let body_bytes = bodies.iter().map(String::len).sum::<usize>() / bodies.len().max(1);
    eprintln!(
        "phase 1: {:.0} journeys/s (consent, CPU-bound on the receipt's argon2id)",
        n as f64 / consent_secs
    );

    eprintln!("phase 2: {n} durable submits over {conns} connections");
    let queue = Arc::new(Mutex::new(bodies));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let errors = Arc::new(Mutex::new(0usize));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..conns {
        let (client, base, queue, latencies, errors) =
            (client.clone(), base.clone(), queue.clone(), latencies.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let Some(body) = queue.lock().await.pop() else { break };
                let t = Instant::now();
                let res = client
                    .post(format!("{base}/en/p/{code}/answer"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await;
                let ok = match res {
                    Ok(r) if r.status() == 200 => r.text().await.is_ok_and(|h| h.contains("receipt-code")),
                    _ => false,
                };
                let elapsed = t.elapsed();
                if ok {
                    latencies.lock().await.push(elapsed);
                } else {
                    *errors.lock().await += 1;
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let secs = started.elapsed().as_secs_f64();
    let mut lat = latencies.lock().await.clone();
    lat.sort();
    let after = db.count_submissions(Some(programme.id)).await.unwrap();
    println!("submissions sent:     {n} ({body_bytes} bytes each, {} answers)", answers.matches('&').count());
    println!("acknowledged:         {} (errors: {})", lat.len(), errors.lock().await);
    println!("stored (database):    {}", after - before);
    println!("throughput:           {:.0} submissions/s", lat.len() as f64 / secs);
    if !lat.is_empty() {
        println!(
            "latency:              p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            percentile(&lat, 0.50).as_secs_f64() * 1e3,
            percentile(&lat, 0.90).as_secs_f64() * 1e3,
            percentile(&lat, 0.99).as_secs_f64() * 1e3,
            lat[lat.len() - 1].as_secs_f64() * 1e3
        );
    }
    println!(
        "journeys opened:      {:.0}/s (consent step, argon2id of the receipt)",
        n as f64 / consent_secs
    );
}
