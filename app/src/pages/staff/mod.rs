//! `/{locale}/staff/…`: the staff workspace. Every page asks the server who is signed in;
//! the server functions behind it check the session and role again.
pub mod account;
pub mod accounts;
pub mod audit;
pub mod dashboard;
pub mod editor;
pub mod interests;
pub mod mail;
pub mod media;
pub mod sign_in;
pub mod taxonomy;
pub mod two_factor;

use crate::components::labels::I18n;
use crate::domain::staff::{PasswordProblem, Role};
use crate::error::AppError;
use crate::i18n::*;

/// The translated message for an error of a staff form field (`None`: not about `field`).
pub fn field_message(i18n: I18n, error: &AppError, field: &str) -> Option<String> {
    let AppError::Validation(errors) = error else {
        return None;
    };
    let e = errors.iter().find(|e| e.field == field)?;
    Some(
        match e.code.as_str() {
            "wrong_credentials" => t_string!(i18n, staff.wrong_credentials),
            "wrong_password" => t_string!(i18n, staff.wrong_password),
            "code_required" => t_string!(i18n, staff.code_required),
            "wrong_code" => t_string!(i18n, staff.wrong_code),
            "two_factor_required" => t_string!(i18n, staff.two_factor_due),
            c if c == PasswordProblem::TooShort.code() => t_string!(i18n, staff.too_short),
            c if c == PasswordProblem::TooLong.code() => t_string!(i18n, staff.too_long),
            c if c == PasswordProblem::Common.code() => t_string!(i18n, staff.common),
            _ => t_string!(i18n, error.invalid),
        }
        .to_owned(),
    )
}

/// The translated message for the error a form field got, by its code (`None`: the field
/// is fine). For the forms whose fields share the common codes.
pub fn field_code_message(i18n: I18n, error: &AppError, field: &str) -> Option<String> {
    let AppError::Validation(fields) = error else { return None };
    let code = &fields.iter().find(|f| f.field == field)?.code;
    Some(
        match code.as_str() {
            "required" => t_string!(i18n, staff.required),
            "too_long" | "too_long_text" => t_string!(i18n, staff.too_long_text),
            "invalid_email" => t_string!(i18n, staff.invalid_email),
            "unknown_choice" | "unknown" => t_string!(i18n, staff.unknown_choice),
            "taken" => t_string!(i18n, staff.email_taken),
            _ => t_string!(i18n, staff.invalid_value),
        }
        .to_owned(),
    )
}

/// The translated message for an error that is not about one field.
pub fn form_message(i18n: I18n, error: &AppError) -> Option<String> {
    let text = match error {
        AppError::Validation(_) => return None,
        AppError::RateLimited => t_string!(i18n, staff.rate_limited),
        AppError::Unauthorised => t_string!(i18n, staff.signed_out),
        AppError::Forbidden => t_string!(i18n, error.forbidden),
        AppError::Transport => t_string!(i18n, error.transport),
        AppError::TwoFactorDue => t_string!(i18n, staff.two_factor_due),
        AppError::NotFound | AppError::Conflict | AppError::Internal | AppError::Unavailable => {
            t_string!(i18n, error.body)
        }
    };
    Some(text.to_owned())
}

pub fn role_name(i18n: I18n, role: Role) -> &'static str {
    match role {
        Role::Editor => t_string!(i18n, staff.role_editor),
        Role::Publisher => t_string!(i18n, staff.role_publisher),
        Role::Admin => t_string!(i18n, staff.role_admin),
    }
}
