//! `/{lang}/sponsorship/quotes/{token}/quote.pdf`: a sponsorship quote's PDF in the reader's
//! language, for whoever holds the token its e-mail's link carries (the quote's page links
//! here). Set off the async workers; never cached.
use app::ssr::AppState;
use app::ssr::services::{sponsorship, sponsorship_pdf};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

pub async fn serve(State(state): State<AppState>, Path((lang, token)): Path<(String, String)>) -> Response {
    let Some(locale) = app::domain::locale::parse(&lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let quote = match sponsorship::quote_by_token(&state.db, &token, locale).await {
        Ok(q) => q,
        Err(e) => return crate::security::status_only(&e),
    };
    let name = sponsorship_pdf::file_name(&quote);
    let typesetter = state.typesetter.clone();
    let made = tokio::task::spawn_blocking(move || sponsorship_pdf::quote_pdf(&typesetter, &quote, locale)).await;
    match made {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => crate::security::status_only(&e),
        Err(_) => crate::security::status_only(&app::error::AppError::Internal),
    }
}
