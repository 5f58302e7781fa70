//! Per-installation secrets, kept in the database so that every server
//! process shares them: the master form key (from which the keys that seal
//! journey forms, sign staff form values and index recovery codes are
//! derived) and the salt of receipt hashes.
//!
//! Fail closed: a key or salt that is missing after start-up, corrupt or of
//! the wrong length stops the server with a clear message; it never falls
//! back to a guessable value.
use std::sync::{Arc, Mutex};

#[cfg(test)]
use argon2::password_hash::SaltString;
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::TryRngCore;
use sha2::Sha256;
use siang_storage::Db;

#[derive(Clone)]
pub struct Secrets {
    /// HMAC key for values staff forms carry and must not be able to change.
    sign_key: [u8; 32],
    /// XChaCha20-Poly1305 key of the journey seal.
    seal_key: [u8; 32],
    /// HMAC key that turns a recovery code into its look-up index.
    index_key: [u8; 32],
    receipt_salt: Vec<u8>,
    pool: Arc<HashPool>,
}

#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    #[error("cannot read the installation secrets from the database: {0}")]
    Storage(#[from] siang_storage::StorageError),
    #[error("the setting `{0}` is corrupt (expected {1}); refusing to start rather than use a weaker key")]
    Corrupt(&'static str, &'static str),
}

/// Bounds the slow hashing: at most `permits` hashes at once, each reusing a
/// preallocated 19 MiB buffer. A flood of requests then queues instead of
/// allocating (and faulting in) 19 MiB per request.
struct HashPool {
    permits: tokio::sync::Semaphore,
    buffers: Mutex<Vec<Vec<Block>>>,
    /// Slow jobs run so far (tests count the work a request costs).
    runs: std::sync::atomic::AtomicU64,
}

impl HashPool {
    fn new() -> HashPool {
        let n = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2);
        HashPool {
            permits: tokio::sync::Semaphore::new(n),
            buffers: Mutex::new(Vec::new()),
            runs: Default::default(),
        }
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

/// A purpose-bound key from the master key (HKDF-SHA256), so that one
/// stored secret serves several uses without one use weakening another.
fn derive(master: &[u8; 32], purpose: &str) -> Result<[u8; 32], SecretsError> {
    let mut out = [0u8; 32];
    hkdf::Hkdf::<Sha256>::new(None, master)
        .expand(purpose.as_bytes(), &mut out)
        .map_err(|_| SecretsError::Corrupt("form_key", "a key HKDF accepts"))?;
    Ok(out)
}

fn hmac(key: &[u8; 32], data: &[u8]) -> Vec<u8> {
    match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mut m) => {
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }
        // HMAC takes keys of any length: unreachable, and an empty tag never verifies.
        Err(_) => Vec::new(),
    }
}

impl Secrets {
    pub async fn load(db: &Db) -> Result<Secrets, SecretsError> {
        let key = db.setting_or_insert("form_key", &URL_SAFE_NO_PAD.encode(random_bytes::<32>())).await?;
        // PHC salts use the standard base64 alphabet.
        let salt =
            db.setting_or_insert("receipt_salt", &STANDARD_NO_PAD.encode(random_bytes::<16>())).await?;
        Secrets::from_settings(&key, &salt)
    }

    /// The secrets from their stored (base64) forms, or why they are unusable.
    pub fn from_settings(form_key: &str, receipt_salt: &str) -> Result<Secrets, SecretsError> {
        let master: [u8; 32] = URL_SAFE_NO_PAD
            .decode(form_key.trim().as_bytes())
            .ok()
            .and_then(|k| k.try_into().ok())
            .ok_or(SecretsError::Corrupt("form_key", "32 bytes, base64url without padding"))?;
        let receipt_salt =
            STANDARD_NO_PAD.decode(receipt_salt.trim().as_bytes()).ok().filter(|s| s.len() >= 16).ok_or(
                SecretsError::Corrupt("receipt_salt", "at least 16 bytes, standard base64 without padding"),
            )?;
        Ok(Secrets {
            sign_key: derive(&master, "siang form signing v1")?,
            seal_key: derive(&master, "siang journey seal v1")?,
            index_key: derive(&master, "siang recovery code index v1")?,
            receipt_salt,
            pool: Arc::new(HashPool::new()),
        })
    }

    pub fn seal_key(&self) -> &[u8; 32] {
        &self.seal_key
    }

    /// `data` with an HMAC-SHA256 tag, for values a form carries and must not be able to change.
    pub fn sign(&self, data: &str) -> String {
        format!("{data}.{}", URL_SAFE_NO_PAD.encode(hmac(&self.sign_key, data.as_bytes())))
    }

    /// The data of a [`Secrets::sign`]ed value, if the tag is right.
    pub fn unsign(&self, signed: &str) -> Option<String> {
        let (data, tag) = signed.rsplit_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&self.sign_key).ok()?;
        m.update(data.as_bytes());
        m.verify_slice(&tag).ok()?;
        Some(data.to_owned())
    }

    /// A fast keyed hash of a recovery code: finds its row with one look-up,
    /// while the slow hash beside it still decides.
    pub fn recovery_index(&self, normalised_code: &str) -> String {
        hmac(&self.index_key, normalised_code.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
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
        self.pool.runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tokio::task::spawn_blocking(work).await.ok()
    }

    /// How many slow jobs (hashes) this installation's process has run.
    pub fn slow_runs(&self) -> u64 {
        self.pool.runs.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets() -> Secrets {
        Secrets::from_settings(&URL_SAFE_NO_PAD.encode([1u8; 32]), &STANDARD_NO_PAD.encode([7u8; 16]))
            .unwrap()
    }

    #[test]
    fn receipt_hashes_are_deterministic_per_installation() {
        let s = secrets();
        let a = s.hash_receipt("K7MQ4QX9PD2R").unwrap();
        assert_eq!(Some(a.clone()), s.hash_receipt("K7MQ4QX9PD2R"));
        assert_ne!(Some(a.clone()), s.hash_receipt("K7MQ4QX9PD2S"));
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        // The same hash the password-hash crate would produce.
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::encode_b64(&[7; 16]).unwrap();
        assert_eq!(argon2().hash_password(b"K7MQ4QX9PD2R", &salt).unwrap().to_string(), a);
    }

    #[test]
    fn corrupt_or_short_keys_refuse_to_load() {
        let salt = STANDARD_NO_PAD.encode([7u8; 16]);
        for bad in
            ["", "not base64 at all!", &URL_SAFE_NO_PAD.encode([1u8; 31]), &URL_SAFE_NO_PAD.encode([1u8; 33])]
        {
            assert!(
                matches!(Secrets::from_settings(bad, &salt), Err(SecretsError::Corrupt("form_key", _))),
                "{bad:?}"
            );
        }
        let key = URL_SAFE_NO_PAD.encode([1u8; 32]);
        assert!(matches!(Secrets::from_settings(&key, ""), Err(SecretsError::Corrupt("receipt_salt", _))));
        assert!(matches!(
            Secrets::from_settings(&key, &STANDARD_NO_PAD.encode([7u8; 8])),
            Err(SecretsError::Corrupt("receipt_salt", _))
        ));
    }

    #[test]
    fn signing_and_indexing_use_separate_keys() {
        let s = secrets();
        let signed = s.sign("totp:1:ABC");
        assert_eq!(s.unsign(&signed).as_deref(), Some("totp:1:ABC"));
        assert_eq!(s.unsign(&signed.replace("ABC", "ABD")), None);
        assert_ne!(s.seal_key(), &s.sign_key);
        assert_ne!(s.index_key, s.sign_key);
        assert_eq!(s.recovery_index("ABCDE23456"), s.recovery_index("ABCDE23456"));
        assert_ne!(s.recovery_index("ABCDE23456"), s.recovery_index("ABCDE23457"));
    }
}
