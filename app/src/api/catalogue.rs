use crate::domain::catalogue::{CataloguePage, CatalogueQuery};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// One page of the public catalogue for `query`, named in `locale`. Public.
#[server(endpoint = "catalogue", input = Json)]
pub async fn search_catalogue(locale: String, query: CatalogueQuery) -> Result<CataloguePage, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let query = query.validate()?;
    let state = crate::ssr::state()?;
    crate::ssr::services::catalogue::search(&state.db, &state.catalogue, locale, query).await
}
