use crate::domain::concept::ConceptPage;
use crate::error::AppError;
use leptos::prelude::*;

/// A published concept, in `locale` where translated. Public.
#[server(endpoint = "concept")]
pub async fn get_concept(locale: String, slug: String) -> Result<ConceptPage, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let slug = crate::domain::concept::parse_slug(&slug).ok_or(AppError::NotFound)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::concepts::page(&state.db, locale, slug).await
}
