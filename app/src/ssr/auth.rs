//! Staff authentication: password hashing (Argon2id at OWASP's parameters, off the async
//! executor), session tokens and their cookie, and the checks every staff server function
//! starts with.
use crate::domain::staff::{Role, StaffMember};
use crate::error::AppError;
use crate::ssr::db::staff as repo;
use crate::ssr::infra::random::token_hash;
use crate::ssr::state::AppState;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::collections::HashSet;
use std::sync::LazyLock;

/// OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 iterations, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password in PHC format, on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Checks a password against a stored hash in constant time, on a blocking thread. With no
/// stored hash (unknown account) it checks against a dummy, so both answers take as long.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        let salt = SaltString::generate(&mut OsRng);
        argon2().hash_password(b"no account has this password", &salt).map(|h| h.to_string()).unwrap_or_default()
    });
    let known = stored.is_some();
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY.clone());
        let ok = PasswordHash::new(&stored).is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok());
        ok && known
    })
    .await
    .unwrap_or(false)
}

/// Whether a (lower-cased) password is in the shipped list of common passwords.
pub fn is_common_password(lowercase: &str) -> bool {
    static LIST: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        include_str!("../../data/common-passwords.txt").lines().filter(|l| !l.starts_with('#')).collect()
    });
    LIST.contains(lowercase)
}

/// The session cookie's name: `__Host-` (Secure, whole host, no Domain) when the site is
/// served over TLS; browsers refuse that prefix on plain HTTP, where development runs.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-pop_session" } else { "pop_session" }
}

/// The `Set-Cookie` value for a session token; `None` clears the cookie.
pub fn session_cookie(token: Option<&str>, secure: bool) -> String {
    let name = cookie_name(secure);
    let secure_attr = if secure { "; Secure" } else { "" };
    match token {
        // A session cookie: it ends with the browser; the server ends it sooner.
        Some(token) => format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax{secure_attr}"),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure_attr}"),
    }
}

/// The session token in a `Cookie` header, if any.
pub fn token_from_cookies(header: &str, secure: bool) -> Option<&str> {
    let name = cookie_name(secure);
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The session token the current request carries, if any.
pub fn request_token(secure: bool) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| token_from_cookies(h, secure))
        .map(str::to_owned)
}

/// The staff member signed in on the current request, if any (for pages).
pub async fn current() -> Result<Option<StaffMember>, AppError> {
    let state = crate::ssr::state::state()?;
    match request_token(state.config.secure_cookies()) {
        Some(token) => session_member(&state, &token).await,
        None => Ok(None),
    }
}

/// The staff member signed in on a request with these headers, if any (for plain axum
/// handlers, which have no Leptos context).
pub async fn member_from_headers(state: &AppState, headers: &http::HeaderMap) -> Result<Option<StaffMember>, AppError> {
    let secure = state.config.secure_cookies();
    let token = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| token_from_cookies(h, secure))
        .map(str::to_owned);
    match token {
        Some(token) => session_member(state, &token).await,
        None => Ok(None),
    }
}

/// The staff member a session token belongs to, if the session is live; touches it.
pub async fn session_member(state: &AppState, token: &str) -> Result<Option<StaffMember>, AppError> {
    let now = crate::ssr::infra::clock::now();
    let idle = state.config.session_idle_seconds;
    Ok(repo::session_member(state.db.pool(), &token_hash(token), now, idle).await?)
}

/// The signed-in staff member whose role includes `needed`: every staff server function
/// starts here. No session → 401; too small a role → 403; a second factor required but not
/// set up → 403 (`TwoFactorDue`).
pub async fn require(needed: Role) -> Result<StaffMember, AppError> {
    allowed(current().await?, needed)
}

/// Whether `member` may act with the role `needed` (see [`require`]).
pub fn allowed(member: Option<StaffMember>, needed: Role) -> Result<StaffMember, AppError> {
    let member = member.ok_or(AppError::Unauthorised)?;
    if !member.role.includes(needed) {
        Err(AppError::Forbidden)
    } else if member.two_factor_due {
        Err(AppError::TwoFactorDue)
    } else {
        Ok(member)
    }
}

/// The signed-in staff member whatever the policy, for managing their own account (password,
/// second factor) only.
pub async fn require_own_account() -> Result<StaffMember, AppError> {
    current().await?.ok_or(AppError::Unauthorised)
}

/// The client's address for rate limiting: the TCP peer (a proxy in front must be trusted
/// explicitly before forwarded addresses are believed).
pub fn client_ip() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip()))
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::infra::random::new_token;

    #[tokio::test]
    async fn passwords_hash_with_argon2id_and_verify_only_when_right() {
        let hash = hash_password("correct horse battery staple".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify_password("correct horse battery staple".into(), Some(hash.clone())).await);
        assert!(!verify_password("correct horse battery stapl".into(), Some(hash)).await);
        assert!(!verify_password("anything".into(), None).await);
        assert!(!verify_password("anything".into(), Some("not a hash".into())).await);
    }

    #[test]
    fn the_common_password_list_is_loaded() {
        assert!(is_common_password("passwordpassword"));
        assert!(is_common_password("123456789012"));
        assert!(!is_common_password("correct horse battery staple"));
    }

    #[test]
    fn the_cookie_is_host_bound_and_secure_over_tls() {
        let token = new_token();
        let cookie = session_cookie(Some(&token), true);
        assert!(cookie.starts_with("__Host-pop_session="), "{cookie}");
        for attr in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
            assert!(cookie.contains(attr), "{cookie}");
        }
        assert!(!cookie.contains("Domain"));
        assert!(!session_cookie(Some(&token), false).contains("Secure"));
        assert!(session_cookie(None, true).contains("Max-Age=0"));
        let header = format!("theme=dark; __Host-pop_session={token}; other=1");
        assert_eq!(token_from_cookies(&header, true), Some(token.as_str()));
        assert_eq!(token_from_cookies(&header, false), None);
        assert_eq!(token_from_cookies("__Host-pop_session=short", true), None);
    }
}
