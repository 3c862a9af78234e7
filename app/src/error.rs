//! The one error type every server function returns. The browser sees only a code it can
//! translate; causes are logged on the server, never sent.
use serde::{Deserialize, Serialize};
use server_fn_error::*;

mod server_fn_error {
    pub use leptos::server_fn::codec::JsonEncoding;
    pub use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
}

/// A field that failed validation, with a code the UI translates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldCode,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: FieldCode) -> Self {
        FieldError { field: field.into(), code }
    }
}

/// Why a field was refused: every code the server gives, each translated by one function
/// (`components::form_messages::code_message`). Sent as its snake-case name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldCode {
    /// Empty where a value is needed.
    Required,
    /// Longer than the field takes.
    TooLong,
    /// Not one of the choices (or codes) the platform knows.
    Unknown,
    /// Not a value of the field's type: a number, a date, an address.
    Invalid,
    InvalidEmail,
    /// An e-mail address another account has.
    Taken,
    /// The request itself could not be read.
    Malformed,
    /// A personal link or token that no longer works.
    Expired,
    /// A date before the start date.
    BeforeStart,
    InvalidAmount,
    /// An agreed amount is needed at this stage.
    AmountRequired,
    ConsentRequired,
    /// The concept takes no more expressions of interest.
    Closed,
    /// The partner's data has been erased.
    Erased,
    /// The language a concept was written in, where a translation was meant.
    Original,
    /// A workflow move the concept's state or the caller's role does not allow.
    NotAllowed,
    /// The last active administrator cannot lose that role or be disabled.
    LastAdmin,
    /// An administrator cannot do this to their own account.
    #[serde(rename = "self")]
    OwnAccount,
    /// A policy the caller must first apply to their own account.
    OwnFirst,
    WrongCredentials,
    WrongPassword,
    WrongCode,
    CodeRequired,
    /// A second factor must be set up first.
    TwoFactorRequired,
    /// No two-step set-up is under way.
    NoSetup,
    AlreadyEnabled,
    #[serde(rename = "too_short")]
    PasswordTooShort,
    PasswordTooLong,
    #[serde(rename = "common")]
    PasswordCommon,
    /// Not a YouTube or Vimeo address.
    VideoUrl,
    /// The upper end of a range is below its lower end.
    RangeUpsideDown,
    /// The organisation already has a funder profile.
    ProfileExists,
    FileTypeUnknown,
    FileTypeWrong,
    FileNameMismatch,
    TooLarge,
    Empty,
    /// Shares (of areas or places) that do not sum to 100 %.
    SharesSum,
    /// The same thing twice in a list (a party in the same role, an area).
    Duplicate,
    /// A name (of an imported agreement's party) that names no single registry entry.
    NotInRegistry,
    /// Every place of a sponsorship activity is taken.
    SoldOut,
    /// Two sponsorship activities that cannot be taken together.
    Conflicts,
    /// A quote already accepted or declined.
    Answered,
    /// A quote past the day it held its prices until.
    QuoteExpired,
    /// A member discount the registry does not (yet) confirm.
    MembershipUnconfirmed,
    /// An address name (slug) another record has.
    AddressTaken,
    /// A date after the last day of what it belongs to.
    AfterEnd,
    /// A change an event that has given quotes no longer takes.
    Quoted,
    /// An event opened, or left, with no activity on sale.
    NothingPriced,
    /// A capacity below the places already reserved.
    BelowTaken,
    /// Discounts that would stack beyond the price policy.
    DiscountTooHigh,
    /// Multi-sponsorship tiers whose rates do not rise with the rank.
    RatesNotRising,
}

impl FieldCode {
    pub const ALL: [FieldCode; 52] = [
        FieldCode::Required,
        FieldCode::TooLong,
        FieldCode::Unknown,
        FieldCode::Invalid,
        FieldCode::InvalidEmail,
        FieldCode::Taken,
        FieldCode::Malformed,
        FieldCode::Expired,
        FieldCode::BeforeStart,
        FieldCode::InvalidAmount,
        FieldCode::AmountRequired,
        FieldCode::ConsentRequired,
        FieldCode::Closed,
        FieldCode::Erased,
        FieldCode::Original,
        FieldCode::NotAllowed,
        FieldCode::LastAdmin,
        FieldCode::OwnAccount,
        FieldCode::OwnFirst,
        FieldCode::WrongCredentials,
        FieldCode::WrongPassword,
        FieldCode::WrongCode,
        FieldCode::CodeRequired,
        FieldCode::TwoFactorRequired,
        FieldCode::NoSetup,
        FieldCode::AlreadyEnabled,
        FieldCode::PasswordTooShort,
        FieldCode::PasswordTooLong,
        FieldCode::PasswordCommon,
        FieldCode::VideoUrl,
        FieldCode::FileTypeUnknown,
        FieldCode::FileTypeWrong,
        FieldCode::FileNameMismatch,
        FieldCode::TooLarge,
        FieldCode::Empty,
        FieldCode::SharesSum,
        FieldCode::Duplicate,
        FieldCode::NotInRegistry,
        FieldCode::RangeUpsideDown,
        FieldCode::ProfileExists,
        FieldCode::SoldOut,
        FieldCode::Conflicts,
        FieldCode::Answered,
        FieldCode::QuoteExpired,
        FieldCode::MembershipUnconfirmed,
        FieldCode::AddressTaken,
        FieldCode::AfterEnd,
        FieldCode::Quoted,
        FieldCode::NothingPriced,
        FieldCode::BelowTaken,
        FieldCode::DiscountTooHigh,
        FieldCode::RatesNotRising,
    ];

    /// The code as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldCode::Required => "required",
            FieldCode::TooLong => "too_long",
            FieldCode::Unknown => "unknown",
            FieldCode::Invalid => "invalid",
            FieldCode::InvalidEmail => "invalid_email",
            FieldCode::Taken => "taken",
            FieldCode::Malformed => "malformed",
            FieldCode::Expired => "expired",
            FieldCode::BeforeStart => "before_start",
            FieldCode::InvalidAmount => "invalid_amount",
            FieldCode::AmountRequired => "amount_required",
            FieldCode::ConsentRequired => "consent_required",
            FieldCode::Closed => "closed",
            FieldCode::Erased => "erased",
            FieldCode::Original => "original",
            FieldCode::NotAllowed => "not_allowed",
            FieldCode::LastAdmin => "last_admin",
            FieldCode::OwnAccount => "self",
            FieldCode::OwnFirst => "own_first",
            FieldCode::WrongCredentials => "wrong_credentials",
            FieldCode::WrongPassword => "wrong_password",
            FieldCode::WrongCode => "wrong_code",
            FieldCode::CodeRequired => "code_required",
            FieldCode::TwoFactorRequired => "two_factor_required",
            FieldCode::NoSetup => "no_setup",
            FieldCode::AlreadyEnabled => "already_enabled",
            FieldCode::PasswordTooShort => "too_short",
            FieldCode::PasswordTooLong => "password_too_long",
            FieldCode::PasswordCommon => "common",
            FieldCode::VideoUrl => "video_url",
            FieldCode::FileTypeUnknown => "file_type_unknown",
            FieldCode::FileTypeWrong => "file_type_wrong",
            FieldCode::FileNameMismatch => "file_name_mismatch",
            FieldCode::TooLarge => "too_large",
            FieldCode::Empty => "empty",
            FieldCode::SharesSum => "shares_sum",
            FieldCode::Duplicate => "duplicate",
            FieldCode::NotInRegistry => "not_in_registry",
            FieldCode::SoldOut => "sold_out",
            FieldCode::Conflicts => "conflicts",
            FieldCode::Answered => "answered",
            FieldCode::QuoteExpired => "quote_expired",
            FieldCode::MembershipUnconfirmed => "membership_unconfirmed",
            FieldCode::RangeUpsideDown => "range_upside_down",
            FieldCode::ProfileExists => "profile_exists",
            FieldCode::AddressTaken => "address_taken",
            FieldCode::AfterEnd => "after_end",
            FieldCode::Quoted => "quoted",
            FieldCode::NothingPriced => "nothing_priced",
            FieldCode::BelowTaken => "below_taken",
            FieldCode::DiscountTooHigh => "discount_too_high",
            FieldCode::RatesNotRising => "rates_not_rising",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

impl PartialEq<&str> for FieldCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("sign-in required")]
    Unauthorised,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// Administrators require a second factor that this staff member has not set up yet.
    #[error("two-step sign-in must be set up first")]
    TwoFactorDue,
    #[error("conflicting change")]
    Conflict,
    #[error("too many requests")]
    RateLimited,
    #[error("internal error")]
    Internal,
    /// The database (or another service the answer needs) is not answering for now: a
    /// restart, a fail-over. Answered with 503 and `Retry-After`.
    #[error("temporarily unavailable")]
    Unavailable,
    /// The request did not reach the server or its answer could not be read.
    #[error("request failed")]
    Transport,
}

/// Seconds a client is asked to wait (`Retry-After`) when the answer was `Unavailable`.
pub const RETRY_AFTER_SECONDS: &str = "5";

impl AppError {
    pub fn invalid(field: &str, code: FieldCode) -> Self {
        AppError::Validation(vec![FieldError::new(field, code)])
    }

    /// The HTTP status this error is answered with (the server sets it on every server
    /// function's error response).
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorised => 401,
            AppError::Forbidden | AppError::TwoFactorDue => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::Conflict => 409,
            AppError::RateLimited => 429,
            AppError::Internal | AppError::Transport => 500,
            AppError::Unavailable => 503,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments the server could not read are the caller's fault. On the server,
            // `Deserialization` is a request body it could not read (cut off at the size
            // limit, say); in the browser it is an answer it could not read.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::invalid("request", FieldCode::Malformed)
            }
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => {
                AppError::invalid("request", FieldCode::Malformed)
            }
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::Transport,
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        // Connections that cannot be made or were cut (PostgreSQL's classes 08 and 57P, the
        // server shutting down or starting) pass; anything else is a fault to look into.
        let away = matches!(
            error,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_)
        ) || error
            .as_database_error()
            .and_then(|e| e.code())
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P"));
        if away {
            tracing::warn!(error = &error as &dyn std::error::Error, "database unavailable");
            AppError::Unavailable
        } else {
            tracing::error!(error = &error as &dyn std::error::Error, "database error");
            AppError::Internal
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::AppError;

    #[test]
    fn a_database_that_is_away_is_unavailable_and_other_faults_are_internal() {
        for away in [
            sqlx::Error::PoolTimedOut,
            sqlx::Error::PoolClosed,
            sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
        ] {
            let e = AppError::from(away);
            assert_eq!((e.clone(), e.status()), (AppError::Unavailable, 503));
        }
        assert_eq!(AppError::from(sqlx::Error::RowNotFound), AppError::Internal);
        assert_eq!(AppError::from(sqlx::Error::Protocol("bad".into())).status(), 500);
    }
}
