//! Passwords: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane),
//! at least 12 characters, refused when common or guessable (zxcvbn's
//! bundled lists of leaked passwords, names and words), no composition rules.
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::model::AppError;
use crate::security::secrets::{argon2, random_bytes};

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 256;

pub fn check_policy(password: &str, user_inputs: &[&str]) -> Result<(), AppError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(AppError::PasswordTooShort);
    }
    if chars > MAX_CHARS {
        return Err(AppError::InvalidInput);
    }
    // Score 0–2: found in (or close to) the lists of common passwords, or otherwise guessable.
    if (zxcvbn::zxcvbn(password, user_inputs).score() as u8) < 3 {
        return Err(AppError::PasswordCommon);
    }
    Ok(())
}

/// A PHC string with a fresh random salt.
pub fn hash(password: &str) -> Option<String> {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).ok()?;
    argon2().hash_password(password.as_bytes(), &salt).ok().map(|h| h.to_string())
}

pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
}

/// Spends the same time as a real check, for unknown accounts (no timing tell).
pub fn verify_dummy(password: &str) {
    static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if let Some(Some(h)) = Some(DUMMY.get_or_init(|| hash("not a real password at all"))) {
        let _ = verify(password, h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_is_length_and_commonness_only() {
        assert_eq!(check_policy("short", &[]), Err(AppError::PasswordTooShort));
        assert_eq!(check_policy("password1234", &[]), Err(AppError::PasswordCommon));
        assert_eq!(check_policy("qwertyuiop123", &[]), Err(AppError::PasswordCommon));
        assert_eq!(
            check_policy("ana.sok@example.org", &["ana.sok@example.org"]),
            Err(AppError::PasswordCommon)
        );
        assert_eq!(check_policy("river lantern copper 1987", &[]), Ok(()), "no composition rules");
        assert_eq!(check_policy("ដើមឈើខៀវលើភ្នំខ្ពស់", &[]), Ok(()), "any script");
    }

    #[test]
    fn hashes_verify_and_carry_owasp_parameters() {
        let h = hash("river lantern copper 1987").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("river lantern copper 1987", &h));
        assert!(!verify("river lantern copper 1988", &h));
        assert_ne!(h, hash("river lantern copper 1987").unwrap(), "salted");
    }
}
