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
    /// The request did not reach the server or its answer could not be read.
    #[error("request failed")]
    Transport,
}

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
        tracing::error!(error = &error as &dyn std::error::Error, "database error");
        AppError::Internal
    }
}
