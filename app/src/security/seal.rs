//! The sealed hidden field that carries a journey from consent to receipt.
//!
//! At consent the server mints an idempotency key and the receipt code, and
//! computes the receipt's slow hash once. All three travel in the form,
//! encrypted and authenticated (XChaCha20-Poly1305, random nonce): they
//! cannot be forged or mixed up, and nothing in a page reveals the receipt
//! before it is shown on purpose. The final submit only opens the seal: a
//! retry of the same form is recognised by its key and answered with the
//! same receipt, and the slow hash never sits on the path of the durable
//! write.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::secrets::{random_bytes, Secrets};
use crate::model::receipt::{RECEIPT_ALPHABET, RECEIPT_LEN};

/// Bound into every seal, so a ciphertext made for another purpose never opens as one.
const CONTEXT: &[u8] = b"siang journey seal v1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    /// Idempotency key (hex); the database keeps only its SHA-256.
    pub k: String,
    /// Receipt code (shown only after the submission is stored).
    pub r: String,
    /// Slow hash of the receipt, as stored.
    pub h: String,
    /// Programme and questionnaire version the journey belongs to.
    pub p: i64,
    pub v: i64,
    /// Kiosk mode only: when the page carrying this seal was shown (seconds;
    /// re-sealed on every page, never stored). See `model::kiosk`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t: Option<i64>,
}

pub fn mint_receipt() -> String {
    let bytes = random_bytes::<RECEIPT_LEN>();
    // 256 is not a multiple of 31: reject the top values to keep it uniform.
    let mut code = String::with_capacity(RECEIPT_LEN);
    let mut pool = bytes.to_vec();
    while code.len() < RECEIPT_LEN {
        if pool.is_empty() {
            pool = random_bytes::<RECEIPT_LEN>().to_vec();
        }
        let b = pool.pop().unwrap_or(0) as usize;
        if b < 248 {
            code.push(RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.len()] as char);
        }
    }
    code
}

/// SHA-256 of an idempotency key, as the database keeps it.
pub fn key_hash(key: &str) -> String {
    Sha256::digest(key.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Seal {
    /// A new journey: fresh key and receipt, receipt hash computed now.
    pub async fn mint(secrets: &Secrets, programme_id: i64, version_id: i64) -> Option<Seal> {
        let r = mint_receipt();
        let h = secrets.hash_receipt_async(r.clone()).await?;
        let k = random_bytes::<16>().iter().map(|b| format!("{b:02x}")).collect();
        Some(Seal { k, r, h, p: programme_id, v: version_id, t: None })
    }

    pub fn key_hash(&self) -> String {
        key_hash(&self.k)
    }

    /// base64url(nonce ‖ ciphertext). `None` only if encryption itself fails.
    pub fn encode(&self, secrets: &Secrets) -> Option<String> {
        let cipher = XChaCha20Poly1305::new(secrets.seal_key().into());
        let nonce = random_bytes::<24>();
        let plain = serde_json::to_vec(self).ok()?;
        let sealed =
            cipher.encrypt(XNonce::from_slice(&nonce), Payload { msg: &plain, aad: CONTEXT }).ok()?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Some(URL_SAFE_NO_PAD.encode(out))
    }

    /// `None` when missing, malformed, altered or not sealed by this installation.
    pub fn decode(secrets: &Secrets, text: &str) -> Option<Seal> {
        let raw = URL_SAFE_NO_PAD.decode(text.trim().as_bytes()).ok()?;
        if raw.len() < 24 + 16 || raw.len() > 4096 {
            return None;
        }
        let (nonce, sealed) = raw.split_at(24);
        let cipher = XChaCha20Poly1305::new(secrets.seal_key().into());
        let plain = cipher.decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: CONTEXT }).ok()?;
        let seal: Seal = serde_json::from_slice(&plain).ok()?;
        (seal.k.len() == 32 && seal.r.len() == RECEIPT_LEN).then_some(seal)
    }
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::STANDARD_NO_PAD;

    use super::*;

    fn secrets(key: u8) -> Secrets {
        Secrets::from_settings(&URL_SAFE_NO_PAD.encode([key; 32]), &STANDARD_NO_PAD.encode([7u8; 16]))
            .unwrap()
    }

    fn seal() -> Seal {
        Seal {
            k: "0".repeat(32),
            r: "K7MQ4QX9PD2R".into(),
            h: "$argon2id$v=19$x".into(),
            p: 3,
            v: 9,
            t: None,
        }
    }

    #[test]
    fn a_seal_hides_its_receipt_and_opens_only_unaltered_here() {
        let s = secrets(1);
        let text = seal().encode(&s).unwrap();
        assert_eq!(Seal::decode(&s, &text), Some(seal()));
        let raw = URL_SAFE_NO_PAD.decode(&text).unwrap();
        for hidden in ["K7MQ4QX9PD2R", "argon2id", "\"r\""] {
            assert!(
                !raw.windows(hidden.len()).any(|w| w == hidden.as_bytes()),
                "{hidden} readable in the seal"
            );
        }
        assert_ne!(seal().encode(&s).unwrap(), text, "a fresh nonce each time");
        let mut flipped = raw.clone();
        flipped[30] ^= 1;
        assert_eq!(Seal::decode(&s, &URL_SAFE_NO_PAD.encode(flipped)), None, "altered");
        assert_eq!(Seal::decode(&secrets(2), &text), None, "another installation");
        for junk in ["", "x", "a.b", &"A".repeat(10_000)] {
            assert_eq!(Seal::decode(&s, junk), None);
        }
    }
}
