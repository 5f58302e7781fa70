//! Per-installation secrets, kept in the database so that every server
//! process shares them: the key that signs journey forms and the salt of
//! receipt hashes.
use std::sync::{Arc, Mutex};

#[cfg(test)]
use argon2::password_hash::SaltString;
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use rand::TryRngCore;
use siang_storage::Db;

#[derive(Clone)]
pub struct Secrets {
    form_key: [u8; 32],
    receipt_salt: Vec<u8>,
    pool: Arc<HashPool>,
}

/// Bounds the slow hashing: at most `permits` hashes at once, each reusing a
/// preallocated 19 MiB buffer. A flood of requests then queues instead of
/// allocating (and faulting in) 19 MiB per request.
struct HashPool {
    permits: tokio::sync::Semaphore,
    buffers: Mutex<Vec<Vec<Block>>>,
}

impl HashPool {
    fn new() -> HashPool {
        let n = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2);
        HashPool { permits: tokio::sync::Semaphore::new(n), buffers: Mutex::new(Vec::new()) }
    }
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(…)")
    }
}

/// OWASP's first argon2id choice: 19 MiB, two passes, one lane.
pub fn argon2() -> Argon2<'static> {
    match Params::new(19 * 1024, 2, 1, None) {
        Ok(params) => Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
        Err(_) => Argon2::default(),
    }
}

/// Bytes from the operating system's generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    if rand::rngs::OsRng.try_fill_bytes(&mut b).is_err() {
        // No OS randomness is a broken machine; refuse to go on quietly.
        panic!("the operating system's random generator failed");
    }
    b
}

impl Secrets {
    pub async fn load(db: &Db) -> Result<Secrets, siang_storage::StorageError> {
        let key = db.setting_or_insert("form_key", &URL_SAFE_NO_PAD.encode(random_bytes::<32>())).await?;
        // PHC salts use the standard base64 alphabet.
        let salt =
            db.setting_or_insert("receipt_salt", &STANDARD_NO_PAD.encode(random_bytes::<16>())).await?;
        let mut form_key = [0u8; 32];
        let decoded = URL_SAFE_NO_PAD.decode(key.as_bytes()).unwrap_or_default();
        form_key.iter_mut().zip(decoded).for_each(|(k, d)| *k = d);
        let receipt_salt = STANDARD_NO_PAD.decode(salt.as_bytes()).unwrap_or_default();
        if receipt_salt.len() < 8 {
            return Err(siang_storage::StorageError::NotFound);
        }
        Ok(Secrets { form_key, receipt_salt, pool: Arc::new(HashPool::new()) })
    }

    pub fn form_key(&self) -> &[u8; 32] {
        &self.form_key
    }

    /// `data` with an HMAC-SHA256 tag, for values a form carries and must not be able to change.
    pub fn sign(&self, data: &str) -> String {
        use hmac::Mac;
        let tag = match <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.form_key) {
            Ok(mut m) => {
                m.update(data.as_bytes());
                m.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        };
        format!("{data}.{}", URL_SAFE_NO_PAD.encode(tag))
    }

    /// The data of a [`Secrets::sign`]ed value, if the tag is right.
    pub fn unsign(&self, signed: &str) -> Option<String> {
        use hmac::Mac;
        let (data, tag) = signed.rsplit_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut m = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.form_key).ok()?;
        m.update(data.as_bytes());
        m.verify_slice(&tag).ok()?;
        Some(data.to_owned())
    }

    /// Slow, salted hash of a receipt code, in PHC form. The salt is the
    /// installation's, so the same code always gives the same hash and can be
    /// looked up. Blocking: call [`Secrets::hash_receipt_async`] from async code.
    pub fn hash_receipt(&self, code: &str) -> Option<String> {
        let a = argon2();
        let taken = self.pool.buffers.lock().ok().and_then(|mut b| b.pop());
        let mut blocks = taken.unwrap_or_else(|| vec![Block::default(); a.params().block_count()]);
        let mut out = [0u8; 32];
        let ok = a
            .hash_password_into_with_memory(code.as_bytes(), &self.receipt_salt, &mut out, &mut blocks)
            .is_ok();
        if let Ok(mut b) = self.pool.buffers.lock() {
            b.push(blocks);
        }
        let p = a.params();
        ok.then(|| {
            format!(
                "$argon2id$v=19$m={},t={},p={}${}${}",
                p.m_cost(),
                p.t_cost(),
                p.p_cost(),
                STANDARD_NO_PAD.encode(&self.receipt_salt),
                STANDARD_NO_PAD.encode(out)
            )
        })
    }

    /// [`Secrets::hash_receipt`] on a blocking thread, a few at a time.
    pub async fn hash_receipt_async(&self, code: String) -> Option<String> {
        let me = self.clone();
        self.run_slow(move || me.hash_receipt(&code)).await.flatten()
    }

    /// Runs slow hashing work on a blocking thread, a few at a time (passwords,
    /// one-time tokens, recovery codes share the receipts' bound).
    pub async fn run_slow<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let _permit = self.pool.permits.acquire().await.ok()?;
        tokio::task::spawn_blocking(work).await.ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_hashes_are_deterministic_per_installation() {
        let s = Secrets { form_key: [1; 32], receipt_salt: vec![7; 16], pool: Arc::new(HashPool::new()) };
        let a = s.hash_receipt("K7MQ4QX9PD2R").unwrap();
        assert_eq!(Some(a.clone()), s.hash_receipt("K7MQ4QX9PD2R"));
        assert_ne!(Some(a.clone()), s.hash_receipt("K7MQ4QX9PD2S"));
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        // The same hash the password-hash crate would produce.
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::encode_b64(&[7; 16]).unwrap();
        assert_eq!(argon2().hash_password(b"K7MQ4QX9PD2R", &salt).unwrap().to_string(), a);
    }
}
