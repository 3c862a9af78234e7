//! Staff sign-in, sign-out and password. Forms post here with or without JavaScript (without
//! it, the answer is a redirect). Endpoints under `session/` are public; those under
//! `staff/` need a session (see [`super::required_role`]) and check it again themselves.
use crate::domain::staff::StaffMember;
use crate::error::AppError;
use leptos::prelude::*;

/// Where a signed-in staff member lands: `next` when it is a staff page of this site,
/// otherwise the staff home in `locale`.
pub fn landing(locale: &str, next: Option<&str>) -> String {
    let home = format!("/{locale}/staff");
    match next {
        Some(n) if n.starts_with(&home) && !n.contains("//") && !n.contains('\\') && !n.contains(['\r', '\n']) => {
            n.to_owned()
        }
        _ => home,
    }
}

/// Signs in with e-mail and password; sets the session cookie and goes to `next`. Public
/// (rate limited per account and per address; one answer for every wrong pair).
#[server(endpoint = "session/sign_in")]
pub async fn sign_in(
    locale: String,
    email: String,
    password: String,
    // The second factor, for accounts that have one: a code from the app or a recovery code.
    code: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let code = code.unwrap_or_default();
    if email.len() > 1024 || password.len() > 4096 || code.len() > 64 {
        return Err(AppError::invalid("password", crate::error::FieldCode::WrongCredentials));
    }
    let state = crate::ssr::state()?;
    let (token, _) =
        crate::ssr::services::staff::sign_in(&state, &email, &password, &code, &crate::ssr::auth::client_ip(), locale)
            .await?;
    set_cookie(&crate::ssr::auth::session_cookie(Some(&token), state.config.secure_cookies()));
    leptos_axum::redirect(&landing(crate::domain::locale::code_of(locale), next.as_deref()));
    Ok(())
}

/// Ends the current session. Needs none (signing out twice is fine).
#[server(endpoint = "session/sign_out")]
pub async fn sign_out(locale: String) -> Result<(), AppError> {
    let locale = crate::domain::locale::parse(&locale).unwrap_or(crate::i18n::Locale::en);
    let state = crate::ssr::state()?;
    if let Some(token) = crate::ssr::auth::request_token(state.config.secure_cookies()) {
        crate::ssr::services::staff::sign_out(&state, &token).await?;
    }
    set_cookie(&crate::ssr::auth::session_cookie(None, state.config.secure_cookies()));
    leptos_axum::redirect(&format!("/{}/staff/sign-in", crate::domain::locale::code_of(locale)));
    Ok(())
}

/// The signed-in staff member, or `None`. Public: tells a visitor only about themself.
#[server(endpoint = "session/me")]
pub async fn me() -> Result<Option<StaffMember>, AppError> {
    crate::ssr::auth::current().await
}

/// Changes the signed-in member's password; their other sessions end. Any role.
#[server(endpoint = "staff/change_password")]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require_own_account().await?;
    let state = crate::ssr::state()?;
    let token = crate::ssr::auth::request_token(state.config.secure_cookies()).ok_or(AppError::Unauthorised)?;
    crate::ssr::services::staff::change_password(&state, &member, &token, &current, &new).await
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(value))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::landing;

    #[test]
    fn sign_in_only_lands_on_staff_pages_of_this_site() {
        assert_eq!(landing("fr", None), "/fr/staff");
        assert_eq!(landing("fr", Some("/fr/staff/concepts/7")), "/fr/staff/concepts/7");
        for bad in
            ["https://evil.example/fr/staff", "//evil.example", "/fr/staff//evil", "/en/concepts", "/fr/staff\r\nX: y"]
        {
            assert_eq!(landing("fr", Some(bad)), "/fr/staff", "{bad}");
        }
    }
}

/// The signed-in member's second factor: on or off, required or not, recovery codes left.
#[server(endpoint = "staff/two_factor_status")]
pub async fn two_factor_status() -> Result<crate::domain::staff::TwoFactorStatus, AppError> {
    let member = crate::ssr::auth::require_own_account().await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::two_factor::status(&state.db, &member).await
}

/// Offers a secret to add to an authenticator app (as a QR code and as text).
#[server(endpoint = "staff/two_factor_begin")]
pub async fn begin_two_factor() -> Result<crate::domain::staff::TwoFactorSetup, AppError> {
    let member = crate::ssr::auth::require_own_account().await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::two_factor::begin(&state.db, &member).await
}

/// Turns the offered secret on with a code from the app; returns the recovery codes (shown
/// once).
#[server(endpoint = "staff/two_factor_confirm")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, AppError> {
    let member = crate::ssr::auth::require_own_account().await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::two_factor::confirm(&state.db, &member, &code).await
}

#[server(endpoint = "staff/two_factor_recovery")]
pub async fn renew_recovery_codes(code: String) -> Result<Vec<String>, AppError> {
    let member = crate::ssr::auth::require_own_account().await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::two_factor::renew_recovery_codes(&state.db, &member, &code).await
}

#[server(endpoint = "staff/two_factor_off")]
pub async fn turn_off_two_factor(password: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require_own_account().await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::two_factor::turn_off(&state.db, &member, &password).await
}
