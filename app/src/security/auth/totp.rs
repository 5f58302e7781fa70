//! TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) and its enrolment QR code.
use hmac::{Hmac, Mac};
use sha1::Sha1;

use crate::security::secrets::random_bytes;

pub const STEP_SECS: i64 = 30;
const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for b in bytes {
        buffer = (buffer << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            out.push(B32[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(B32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn unbase32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = B32.iter().position(|b| *b as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// A new 160-bit secret, base32.
pub fn new_secret() -> String {
    base32(&random_bytes::<20>())
}

pub fn code_at(secret: &[u8], step: i64) -> Option<String> {
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(secret).ok()?;
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = (h[19] & 0x0f) as usize;
    let n = u32::from_be_bytes([h[offset] & 0x7f, h[offset + 1], h[offset + 2], h[offset + 3]]);
    Some(format!("{:06}", n % 1_000_000))
}

/// The time step a typed code matches (now, or one step either side for
/// clock drift), or `None`. The caller still refuses a step used before.
pub fn matching_step(secret_b32: &str, code: &str, now: i64) -> Option<i64> {
    let secret = unbase32(secret_b32)?;
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 {
        return None;
    }
    let step = now / STEP_SECS;
    [step, step - 1, step + 1]
        .into_iter()
        .find(|s| code_at(&secret, *s).is_some_and(|c| constant_eq(&c, &code)))
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn otpauth_uri(secret_b32: &str, email: &str) -> String {
    let label: String = email
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"@.-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("otpauth://totp/Siang:{label}?secret={secret_b32}&issuer=Siang&algorithm=SHA1&digits=6&period=30")
}

/// An SVG QR code (inline, no image request, no third party).
pub fn qr_svg(data: &str) -> Option<String> {
    let code = qrcode::QrCode::new(data.as_bytes()).ok()?;
    Some(code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        // RFC 6238 appendix B (SHA-1), last six digits.
        assert_eq!(code_at(secret, 59 / 30).as_deref(), Some("287082"));
        assert_eq!(code_at(secret, 1111111109 / 30).as_deref(), Some("081804"));
        assert_eq!(code_at(secret, 1234567890 / 30).as_deref(), Some("005924"));
        assert_eq!(code_at(secret, 20000000000 / 30).as_deref(), Some("353130"));
    }

    #[test]
    fn base32_round_trips_and_drift_is_tolerated() {
        let s = new_secret();
        assert_eq!(s.len(), 32);
        let raw = unbase32(&s).unwrap();
        assert_eq!(base32(&raw), s);
        let now = 1_800_000_000;
        let code = code_at(&raw, now / 30 - 1).unwrap();
        assert_eq!(matching_step(&s, &code, now), Some(now / 30 - 1));
        let old = code_at(&raw, now / 30 - 3).unwrap();
        assert_eq!(matching_step(&s, &old, now), None);
        assert!(qr_svg(&otpauth_uri(&s, "a b@c.org")).unwrap().starts_with("<?xml"));
    }
}
