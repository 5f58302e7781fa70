//! Load generator for the durable submit endpoint (see README, Performance).
//!
//!   cargo run --release -p server --example loadgen -- <base-url> <database-url> [submissions] [connections]
//!
//! Phase 1 opens one journey per submission (a consent post each, which mints
//! the receipt and its slow hash) — reported, not timed as submits. Phase 2
//! sends every journey's final "send" post over `connections` concurrent
//! connections and reports throughput and latency percentiles. Every
//! submission carries realistic answers (all ratings and two comments).
//! `LOADGEN_BODIES=file` saves phase 1's journeys, or reuses them when the
//! file exists (for profiling against a restored database copy).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

const CODE: &str = "SAFE24";

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

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3
}

/// Opens `n` journeys; returns the final "send" bodies.
async fn open_journeys(client: &reqwest::Client, base: &str, n: usize, answers: &str) -> Vec<String> {
    let bodies = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let mut tasks = Vec::new();
    for w in 0..8 {
        let (client, base, bodies, answers) =
            (client.clone(), base.to_owned(), bodies.clone(), answers.to_owned());
        tasks.push(tokio::spawn(async move {
            for _ in (w..n).step_by(8) {
                let res = client
                    .post(format!("{base}/en/p/{CODE}/answer"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("consent=yes")
                    .send()
                    .await
                    .unwrap();
                let seal = seal_of(&res.text().await.unwrap()).expect("a seal");
                bodies.lock().await.push(format!("seal={}&s=review{answers}&go=send", urlencode(&seal)));
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let bodies = std::mem::take(&mut *bodies.lock().await);
    bodies
}

/// Sends every body once over `conns` connections; returns latencies of acknowledged ones and errors.
async fn send_all(
    client: &reqwest::Client,
    base: &str,
    bodies: Vec<String>,
    conns: usize,
) -> (Vec<Duration>, usize) {
    let queue = Arc::new(Mutex::new(bodies));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(Mutex::new(0usize));
    let mut tasks = Vec::new();
    for _ in 0..conns {
        let (client, base, queue, latencies, errors) =
            (client.clone(), base.to_owned(), queue.clone(), latencies.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let Some(body) = queue.lock().await.pop() else { break };
                let t = Instant::now();
                let res = client
                    .post(format!("{base}/en/p/{CODE}/answer"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await;
                // Acknowledged = a complete receipt page.
                let ok = match res {
                    Ok(r) if r.status() == 200 => r.text().await.is_ok_and(|h| h.contains("receipt-code")),
                    _ => false,
                };
                if ok {
                    latencies.lock().await.push(t.elapsed());
                } else {
                    *errors.lock().await += 1;
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let lat = latencies.lock().await.clone();
    let errors = *errors.lock().await;
    (lat, errors)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:3000".into());
    let db_url = args.get(2).cloned().unwrap_or_else(|| "sqlite://data/siang.db".into());
    let n: usize = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(5000);
    let conns: usize = args.get(4).and_then(|v| v.parse().ok()).unwrap_or(32);

    let db = siang_storage::connect(&db_url).await.unwrap();
    let programme = db.programme_by_code(CODE).await.unwrap().expect("run `siang demo` first");
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
    let client = reqwest::Client::builder().pool_max_idle_per_host(conns).build().unwrap();

    let saved = std::env::var("LOADGEN_BODIES").ok();
    let mut journeys_per_sec = None;
    let bodies = match saved.as_ref().and_then(|f| std::fs::read_to_string(f).ok()) {
        Some(text) => text.lines().map(str::to_owned).collect(),
        None => {
            eprintln!("phase 1: opening {n} journeys (consent posts; each hashes a receipt)");
            let started = Instant::now();
            let bodies = open_journeys(&client, &base, n, &answers).await;
            journeys_per_sec = Some(n as f64 / started.elapsed().as_secs_f64());
            if let Some(file) = &saved {
                std::fs::write(file, bodies.join("\n")).unwrap();
            }
            bodies
        }
    };
    let n = bodies.len();
    let body_bytes = bodies.iter().map(String::len).sum::<usize>() / n.max(1);
    let before = db.count_submissions(Some(programme.id)).await.unwrap();
    eprintln!("phase 2: {n} durable submits over {conns} connections");
    let started = Instant::now();
    let (mut lat, errors) = send_all(&client, &base, bodies, conns).await;
    let secs = started.elapsed().as_secs_f64();
    lat.sort();
    let after = db.count_submissions(Some(programme.id)).await.unwrap();
    println!("submissions sent:     {n} ({body_bytes} bytes each, {} answers)", answers.matches('&').count());
    println!("acknowledged:         {} (errors: {errors})", lat.len());
    println!("stored (database):    {}", after - before);
    println!("throughput:           {:.0} submissions/s", lat.len() as f64 / secs);
    if !lat.is_empty() {
        println!(
            "latency:              p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            percentile(&lat, 0.50),
            percentile(&lat, 0.90),
            percentile(&lat, 0.99),
            percentile(&lat, 1.0)
        );
    }
    if let Some(j) = journeys_per_sec {
        println!("journeys opened:      {j:.0}/s (consent step, argon2id of the receipt)");
    }
}
