//! `/{locale}/feeds/concepts.atom`: the catalogue as an Atom feed, with the catalogue's
//! search text and filters in the query string.
use app::domain::catalogue::CatalogueQuery;
use app::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

pub async fn concepts(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let Some(locale) = app::domain::locale::parse(&lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let query = match CatalogueQuery::from_params(|name| {
        params.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }) {
        Ok(q) => q,
        Err(_) => {
            let text = "This feed address asks for filters the catalogue does not know.";
            return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text)
                .into_response();
        }
    };
    match app::ssr::services::feed::concepts(&state, locale, &query).await {
        Ok(xml) => (
            [
                (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            xml,
        )
            .into_response(),
        Err(e) => crate::security::status_only(&e),
    }
}
