//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, as every
//! authenticator app reads them) and recovery codes.
use argon2::password_hash::rand_core::{OsRng, RngCore};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

pub const STEP_SECONDS: i64 = 30;
/// Codes from one step before or after now are accepted too (clocks drift, people type slowly).
const DRIFT_STEPS: i64 = 1;
const DIGITS: u32 = 6;

/// A new random secret of 160 bits (the size RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    base32(&bytes)
}

/// The HOTP value (RFC 4226) of `secret` for `counter`.
fn hotp(secret: &[u8], counter: u64) -> u32 {
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(secret) else { return u32::MAX };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let value = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    value % 10u32.pow(DIGITS)
}

/// The step a moment falls in.
pub fn step_of(now: i64) -> i64 {
    now.div_euclid(STEP_SECONDS)
}

/// The step whose code `typed` is, if it is right for `secret` (base32) near `now` and newer
/// than `last_step` (a code is accepted once). Spaces in what was typed are ignored.
pub fn accepts(secret: &str, typed: &str, now: i64, last_step: Option<i64>) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let code: u32 = typed.parse().ok()?;
    let key = unbase32(secret)?;
    let current = step_of(now);
    (current - DRIFT_STEPS..=current + DRIFT_STEPS)
        .filter(|step| last_step.is_none_or(|last| *step > last))
        .find(|step| u64::try_from(*step).is_ok_and(|s| constant_time_eq(hotp(&key, s), code)))
}

/// The code an authenticator app shows at `now` for `secret` (base32).
pub fn code_at(secret: &str, now: i64) -> Option<String> {
    let key = unbase32(secret)?;
    let step = u64::try_from(step_of(now)).ok()?;
    Some(format!("{:06}", hotp(&key, step)))
}

fn constant_time_eq(a: u32, b: u32) -> bool {
    (a ^ b) == 0
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

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding.
fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for b in bytes {
        buffer = (buffer << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(BASE32[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn unbase32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| *c != b'=' && *c != b' ') {
        let value = BASE32.iter().position(|x| *x == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B (SHA-1), cut to six digits.
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = base32(b"12345678901234567890");
        assert_eq!(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(unbase32(&secret).unwrap(), b"12345678901234567890");
        for (time, code) in [(59, 287_082), (1_111_111_109, 81_804), (1_234_567_890, 5_924), (2_000_000_000, 279_037)] {
            assert_eq!(hotp(b"12345678901234567890", step_of(time) as u64), code, "at {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_near_its_time_and_only_once() {
        let secret = base32(b"12345678901234567890");
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
