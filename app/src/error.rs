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
    pub code: String,
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
    pub fn invalid(field: &str, code: &str) -> Self {
        AppError::Validation(vec![FieldError { field: field.into(), code: code.into() }])
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
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::invalid("request", "malformed"),
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => AppError::invalid("request", "malformed"),
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
