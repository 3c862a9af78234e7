//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, as every
//! authenticator app reads them), computed by the `totp-rs` crate, and recovery codes.
use argon2::password_hash::rand_core::{OsRng, RngCore};
use totp_rs::{Algorithm, Builder, Secret, Totp};

pub const STEP_SECONDS: i64 = 30;
/// Codes from one step before or after now are accepted too (clocks drift, people type slowly).
const DRIFT_STEPS: u16 = 1;
const DIGITS: u8 = 6;

/// A new random secret of 160 bits (the size RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

/// The generator for `secret` (base32); `None` for a secret that is not base32 or too short.
fn totp(secret: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret.trim_end_matches('=')).ok()?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_skew(DRIFT_STEPS)
        .with_step_duration(STEP_SECONDS.unsigned_abs())
        .with_secret(secret)
        .build()
        .ok()
}

/// The step a moment falls in.
pub fn step_of(now: i64) -> i64 {
    now.div_euclid(STEP_SECONDS)
}

/// The step whose code `typed` is, if it is right for `secret` (base32) near `now` and newer
/// than `last_step` (a code is accepted once). Spaces in what was typed are ignored.
pub fn accepts(secret: &str, typed: &str, now: i64, last_step: Option<i64>) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let step = totp(secret)?.check(&typed, u64::try_from(now).ok()?)?;
    let step = i64::try_from(step).ok()?;
    last_step.is_none_or(|last| step > last).then_some(step)
}

/// The code an authenticator app shows at `now` for `secret` (base32).
pub fn code_at(secret: &str, now: i64) -> Option<String> {
    Some(totp(secret)?.generate(u64::try_from(now).ok()?).to_string())
}

/// What authenticator apps scan: `otpauth://totp/Issuer:account?secret=…&issuer=…`.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'@') {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

/// The secret in groups of four, for typing it by hand.
pub fn grouped(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// Ten single-use recovery codes, `xxxx-xxxx` from an alphabet without look-alikes (about
/// 40 bits each).
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..10)
        .map(|_| {
            let mut bytes = [0u8; 8];
            OsRng.fill_bytes(&mut bytes);
            let chars: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
            format!("{}-{}", &chars[..4], &chars[4..])
        })
        .collect()
}

/// A recovery code as stored and compared: lower case, no hyphen or spaces.
pub fn normalise_recovery_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !matches!(c, '-' | ' ')).flat_map(char::to_lowercase).collect();
    (code.len() == 8 && code.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B (SHA-1), cut to six digits.
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = Secret::from(*b"12345678901234567890").to_base32();
        assert_eq!(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        for (time, code) in
            [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            assert_eq!(code_at(&secret, time).as_deref(), Some(code), "at {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_near_its_time_and_only_once() {
        let secret = Secret::from(*b"12345678901234567890").to_base32();
        assert_eq!(code_at(&secret, 59).as_deref(), Some("287082"));
        let step = accepts(&secret, "287 082", 59, None).expect("right code");
        assert_eq!(step, 1);
        assert_eq!(accepts(&secret, "287082", 59 + 30, None), Some(1), "one step late is fine");
        assert_eq!(accepts(&secret, "287082", 59 + 90, None), None, "three steps late is not");
        assert_eq!(accepts(&secret, "287082", 59, Some(1)), None, "already used");
        assert_eq!(accepts(&secret, "287083", 59, None), None);
        assert_eq!(accepts(&secret, "28708", 59, None), None);
        assert_eq!(accepts(&secret, "abcdef", 59, None), None);
        assert_eq!(accepts("not base32!", "287082", 59, None), None);
    }

    #[test]
    fn secrets_uris_and_recovery_codes_have_the_right_shape() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_ne!(secret, new_secret());
        let uri = otpauth_uri("Partnership Opportunities", "amina@example.org", &secret);
        assert!(uri.starts_with("otpauth://totp/Partnership%20Opportunities:amina@example.org?secret="), "{uri}");
        assert!(uri.ends_with("&issuer=Partnership%20Opportunities&algorithm=SHA1&digits=6&period=30"));
        assert_eq!(grouped("ABCDEFGH12"), "ABCD EFGH 12");
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        assert!(codes.iter().all(|c| c.len() == 9 && c.as_bytes()[4] == b'-'));
        assert_eq!(normalise_recovery_code(" ABCD-efgh "), Some("abcdefgh".into()));
        assert_eq!(normalise_recovery_code("abc-def"), None);
    }
}
