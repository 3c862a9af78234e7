//! `/unsubscribe/{token}`: the address in every alert's `List-Unsubscribe` header. A bare
//! `POST` (RFC 8058 one-click, sent by the mail client without cookies) unsubscribes; a `GET`
//! (the address opened in a browser) goes to the subscription's page, at its leave button.
use app::error::AppError;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

pub async fn one_click(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match app::ssr::services::subscriptions::unsubscribe(&state.db, &token).await {
        Ok(()) => {
            (StatusCode::OK, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "Unsubscribed.").into_response()
        }
        Err(AppError::Validation(_)) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => crate::security::status_only(&e),
    }
}

pub async fn page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let locale = match app::ssr::services::subscriptions::preferences(&state.db, &token).await {
        Ok(p) => p.form.locale,
        Err(_) => "en".to_owned(),
    };
    let to = format!(
        "/{locale}/subscription?token={}#leave",
        token.chars().filter(char::is_ascii_hexdigit).collect::<String>()
    );
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}
