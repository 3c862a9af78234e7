//! Translated messages for the errors a form gets: by field, from the field-error codes,
//! and for errors that are about no single field.
use crate::domain::names::I18n;
use crate::error::{AppError, FieldCode};
use crate::i18n::*;

/// The message for a field-error code in the reader's language: the one place codes become
/// words.
pub fn code_message(i18n: I18n, code: FieldCode) -> &'static str {
    match code {
        FieldCode::Required => t_string!(i18n, staff.required),
        FieldCode::TooLong => t_string!(i18n, staff.too_long_text),
        FieldCode::Unknown => t_string!(i18n, staff.unknown_choice),
        FieldCode::Invalid
        | FieldCode::Original
        | FieldCode::NotAllowed
        | FieldCode::OwnFirst
        | FieldCode::NoSetup
        | FieldCode::AlreadyEnabled => t_string!(i18n, staff.invalid_value),
        FieldCode::InvalidEmail => t_string!(i18n, staff.invalid_email),
        FieldCode::Taken => t_string!(i18n, staff.email_taken),
        FieldCode::Malformed => t_string!(i18n, error.invalid),
        FieldCode::Expired => t_string!(i18n, subscribe.link_expired),
        FieldCode::BeforeStart => t_string!(i18n, staff.before_start),
        FieldCode::InvalidAmount => t_string!(i18n, interest.invalid_amount),
        FieldCode::AmountRequired => t_string!(i18n, interest.amount_required),
        FieldCode::ConsentRequired => t_string!(i18n, interest.consent_required),
        FieldCode::Closed => t_string!(i18n, interest.closed),
        FieldCode::Erased => t_string!(i18n, interest.erased),
        FieldCode::LastAdmin => t_string!(i18n, staff.last_admin),
        FieldCode::OwnAccount => t_string!(i18n, staff.not_yourself),
        FieldCode::WrongCredentials => t_string!(i18n, staff.wrong_credentials),
        FieldCode::WrongPassword => t_string!(i18n, staff.wrong_password),
        FieldCode::WrongCode => t_string!(i18n, staff.wrong_code),
        FieldCode::CodeRequired => t_string!(i18n, staff.code_required),
        FieldCode::TwoFactorRequired => t_string!(i18n, staff.two_factor_due),
        FieldCode::PasswordTooShort => t_string!(i18n, staff.too_short),
        FieldCode::PasswordTooLong => t_string!(i18n, staff.too_long),
        FieldCode::PasswordCommon => t_string!(i18n, staff.common),
        FieldCode::VideoUrl => t_string!(i18n, staff.video_url),
        FieldCode::FileTypeUnknown => t_string!(i18n, staff.file_type_unknown),
        FieldCode::FileTypeWrong => t_string!(i18n, staff.file_type_wrong),
        FieldCode::FileNameMismatch => t_string!(i18n, staff.file_name_mismatch),
        FieldCode::TooLarge => t_string!(i18n, staff.file_too_large),
        FieldCode::Empty => t_string!(i18n, staff.file_empty),
        FieldCode::SharesSum => t_string!(i18n, agreement.shares_sum),
        FieldCode::Duplicate => t_string!(i18n, agreement.duplicate),
        FieldCode::NotInRegistry => t_string!(i18n, agreement.not_in_registry),
        FieldCode::SoldOut => t_string!(i18n, sponsorship.error_sold_out),
        FieldCode::Conflicts => t_string!(i18n, sponsorship.error_conflicts),
        FieldCode::Answered => t_string!(i18n, sponsorship.error_answered),
        FieldCode::QuoteExpired => t_string!(i18n, sponsorship.error_quote_expired),
        FieldCode::MembershipUnconfirmed => t_string!(i18n, sponsorship.error_membership_unconfirmed),
        FieldCode::RangeUpsideDown => t_string!(i18n, funder.range_upside_down),
        FieldCode::ProfileExists => t_string!(i18n, funder.profile_exists),
        FieldCode::AddressTaken => t_string!(i18n, sponsorship_editor.error_address_taken),
        FieldCode::AfterEnd => t_string!(i18n, sponsorship_editor.error_after_end),
        FieldCode::Quoted => t_string!(i18n, sponsorship_editor.error_quoted),
        FieldCode::NothingPriced => t_string!(i18n, sponsorship_editor.error_nothing_priced),
        FieldCode::BelowTaken => t_string!(i18n, sponsorship_editor.error_below_taken),
        FieldCode::DiscountTooHigh => t_string!(i18n, sponsorship_editor.error_discount_too_high),
        FieldCode::RatesNotRising => t_string!(i18n, sponsorship_editor.error_rates_not_rising),
    }
}

/// The translated message for the error `field` got (`None`: the field is fine).
pub fn field_message(i18n: I18n, error: &AppError, field: &str) -> Option<String> {
    let AppError::Validation(errors) = error else { return None };
    errors.iter().find(|e| e.field == field).map(|e| code_message(i18n, e.code).to_owned())
}

/// The message for an error as a whole: its first field's, or the one for errors about no
/// single field.
pub fn error_message(i18n: I18n, error: &AppError) -> String {
    match error {
        AppError::Validation(fields) => {
            fields.first().map(|f| code_message(i18n, f.code).to_owned()).unwrap_or_default()
        }
        other => form_message(i18n, other).unwrap_or_default(),
    }
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

/// The message for an upload's error code (from the answer, or the address after a plain
/// post): a field-error code, or `forbidden` and `failed`.
pub fn upload_message(i18n: I18n, code: &str) -> String {
    match (FieldCode::parse(code), code) {
        (Some(code), _) => code_message(i18n, code).to_owned(),
        (None, "forbidden") => t_string!(i18n, error.forbidden).to_owned(),
        (None, _) => t_string!(i18n, error.body).to_owned(),
    }
}
