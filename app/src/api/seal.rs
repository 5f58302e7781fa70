//! The signed hidden field that carries a journey from consent to receipt.
//!
//! At consent the server mints an idempotency key and the receipt code, and
//! computes the receipt's slow hash once. All three travel in the form,
//! signed (HMAC-SHA256) so they cannot be forged or mixed up, and the final
//! submit only checks a signature: a retry of the same form is recognised by
//! its key and answered with the same receipt, and the slow hash never sits
//! on the path of the durable write.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::secrets::{random_bytes, Secrets};
use crate::model::receipt::{RECEIPT_ALPHABET, RECEIPT_LEN};

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

impl Seal {
    /// A new journey: fresh key and receipt, receipt hash computed now.
    pub async fn mint(secrets: &Secrets, programme_id: i64, version_id: i64) -> Option<Seal> {
        let r = mint_receipt();
        let h = secrets.hash_receipt_async(r.clone()).await?;
        let k = random_bytes::<16>().iter().map(|b| format!("{b:02x}")).collect();
        Some(Seal { k, r, h, p: programme_id, v: version_id })
    }

    pub fn key_hash(&self) -> String {
        Sha256::digest(self.k.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn encode(&self, secrets: &Secrets) -> String {
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default());
        let tag = URL_SAFE_NO_PAD.encode(mac(secrets, payload.as_bytes()));
        format!("{payload}.{tag}")
    }

    /// `None` when missing, malformed or not signed by this installation.
    pub fn decode(secrets: &Secrets, text: &str) -> Option<Seal> {
        let (payload, tag) = text.split_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(secrets.form_key()).ok()?;
        m.update(payload.as_bytes());
        m.verify_slice(&tag).ok()?;
        let seal: Seal = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        (seal.k.len() == 32 && seal.r.len() == RECEIPT_LEN).then_some(seal)
    }
}

fn mac(secrets: &Secrets, data: &[u8]) -> Vec<u8> {
    match <Hmac<Sha256> as Mac>::new_from_slice(secrets.form_key()) {
        Ok(mut m) => {
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}
