//! Per-installation secrets, kept in the database so that every server
//! process shares them: the key that signs journey forms and the salt of
//! receipt hashes.
use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use rand::TryRngCore;
use siang_storage::Db;

#[derive(Clone)]
pub struct Secrets {
    form_key: [u8; 32],
    receipt_salt: SaltString,
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
        let receipt_salt = SaltString::from_b64(&salt).map_err(|_| siang_storage::StorageError::NotFound)?;
        Ok(Secrets { form_key, receipt_salt })
    }

    pub fn form_key(&self) -> &[u8; 32] {
        &self.form_key
    }

    /// Slow, salted hash of a receipt code. The salt is the installation's,
    /// so the same code always gives the same hash and can be looked up.
    pub fn hash_receipt(&self, code: &str) -> Option<String> {
        argon2().hash_password(code.as_bytes(), &self.receipt_salt).ok().map(|h| h.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_hashes_are_deterministic_per_installation() {
        let salt = SaltString::from_b64(&STANDARD_NO_PAD.encode([7u8; 16])).unwrap();
        let s = Secrets { form_key: [1; 32], receipt_salt: salt };
        let a = s.hash_receipt("K7MQ4QX9PD2R").unwrap();
        assert_eq!(Some(a.clone()), s.hash_receipt("K7MQ4QX9PD2R"));
        assert_ne!(Some(a.clone()), s.hash_receipt("K7MQ4QX9PD2S"));
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
    }
}
