use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// A translated message for a failed load that says what went wrong in the reader's terms
/// (offline, too many requests, not allowed…), with a way to try again. Never shows the
/// error's own text.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    // A page rendered while the database is away says so in its status, so that proxies,
    // crawlers and monitors do not take the notice for the page.
    #[cfg(feature = "ssr")]
    if error == AppError::Unavailable
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
        response.insert_header(
            http::header::RETRY_AFTER,
            http::HeaderValue::from_static(crate::error::RETRY_AFTER_SECONDS),
        );
    }
    let i18n = use_i18n();
    let body = move || match &error {
        AppError::Transport => t_string!(i18n, error.transport),
        AppError::RateLimited => t_string!(i18n, error.rate_limited),
        AppError::Unauthorised | AppError::Forbidden => t_string!(i18n, error.forbidden),
        AppError::TwoFactorDue => t_string!(i18n, staff.two_factor_due),
        AppError::Validation(_) => t_string!(i18n, error.invalid),
        AppError::NotFound => t_string!(i18n, not_found.body),
        AppError::Conflict | AppError::Internal | AppError::Unavailable => t_string!(i18n, error.body),
    };
    view! {
        <div class="notice notice-error" role="alert">
            <h2>{t!(i18n, error.title)}</h2>
            <p>{body}</p>
            <p><a href="">{t!(i18n, error.retry)}</a></p>
        </div>
    }
}
