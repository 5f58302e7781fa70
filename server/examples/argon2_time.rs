//! Times one argon2id hash with Siang's parameters (README, staff security).
//!   cargo run --release -p server --example argon2_time
#![allow(clippy::unwrap_used)]

fn main() {
    let n = 20;
    let start = std::time::Instant::now();
    for i in 0..n {
        let _ = app::security::auth::password::hash(&format!("correct horse battery staple {i}")).unwrap();
    }
    let hash = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let phc = app::security::auth::password::hash("x y z w v u t s").unwrap();
    let start = std::time::Instant::now();
    for _ in 0..n {
        assert!(app::security::auth::password::verify("x y z w v u t s", &phc));
    }
    let verify = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
    println!("argon2id m=19456 KiB, t=2, p=1: hash {hash:.1} ms, verify {verify:.1} ms (one core, {n} runs)");
}
