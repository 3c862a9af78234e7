//! CSV files: `/api/staff/interests.csv`, the partner inbox under the inbox's filters, for
//! staff (the path is guarded like every `/api/staff/…` one, and the member is checked again
//! here); `/api/agreements.csv` (public agreements) and `/api/staff/agreements.csv` (all), any
//! search of the record as one of its tables; `/api/funders.csv`, the funders' directory
//! (public fields); `/api/staff/sponsorship-quotes.csv`, the sponsorship quotes inbox.
use app::domain::agreement::AgreementQuery;
use app::domain::agreement_chart::Counting;
use app::domain::agreement_sheet::Table;
use app::domain::interest::InboxFilter;
use app::domain::sponsorship_sale::QuoteFilter;
use app::ssr::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};

pub async fn interests_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<InboxFilter>,
) -> Response {
    if let Err(e) = crate::upload::staff_member(&state, &headers).await {
        return crate::security::status_only(&e);
    }
    let Ok(filter) = filter.parse() else {
        let text = "This export asks for filters the inbox does not know.";
        return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response();
    };
    match app::ssr::services::interests::csv(&state.db, &filter).await {
        Ok(csv) => file(csv, "interests.csv", "no-store"),
        Err(e) => crate::security::status_only(&e),
    }
}

/// The sponsorship quotes inbox under its filters, for staff.
pub async fn sponsorship_quotes_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<QuoteFilter>,
) -> Response {
    if let Err(e) = crate::upload::staff_member(&state, &headers).await {
        return crate::security::status_only(&e);
    }
    let now = app::ssr::infra::clock::now();
    match app::ssr::services::sponsorship_sales::csv(&state.db, &filter, now).await {
        Ok(csv) => file(csv, "sponsorship-quotes.csv", "no-store"),
        Err(app::error::AppError::Validation(_)) => {
            let text = "This export asks for filters the inbox does not know.";
            (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
        }
        Err(e) => crate::security::status_only(&e),
    }
}

/// A CSV file to download.
fn file(csv: String, name: &str, cache: &'static str) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, cache.to_owned()),
        ],
        csv,
    )
        .into_response()
}

/// The public agreements of a search, as the table its `table` asks for (`agreements`,
/// `organisations`, `regions`, `areas`, `years`), labels in its `lang`.
pub async fn public_agreements_csv(State(state): State<AppState>, Query(pairs): Query<Pairs>) -> Response {
    agreements_csv(&state, &pairs, true).await
}

/// The same over every agreement, for staff.
pub async fn staff_agreements_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(pairs): Query<Pairs>,
) -> Response {
    if let Err(e) = crate::upload::staff_member(&state, &headers).await {
        return crate::security::status_only(&e);
    }
    agreements_csv(&state, &pairs, false).await
}

/// A query string's pairs, in order.
type Pairs = Vec<(String, String)>;

async fn agreements_csv(state: &AppState, pairs: &Pairs, public_only: bool) -> Response {
    let value = |name: &str| pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let table = match value("table") {
        None => Some(Table::Agreements),
        Some(code) => Table::parse(code),
    };
    let counting = match value("counting") {
        None => Some(Counting::Split),
        Some(code) => Counting::parse(code),
    };
    let locale = app::domain::locale::parse(value("lang").unwrap_or("en"));
    let (Some(table), Some(counting), Some(locale)) = (table, counting, locale) else {
        let text = "This export asks for a table, a way of counting or a language the record does not know.";
        return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response();
    };
    let (query, _) = AgreementQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let name = format!("agreements-{}.csv", table.code());
    // What anyone may see can be kept a while; staff files carry what only staff may read.
    let cache = if public_only { "public, max-age=300" } else { "no-store" };
    match app::ssr::services::agreement_csv::export(
        &state.db,
        &state.record,
        &query,
        table,
        counting,
        public_only,
        locale,
    )
    .await
    {
        Ok(csv) => file(csv, &name, cache),
        Err(e) => crate::security::status_only(&e),
    }
}

/// The import template (staff): the columns the import reads and an example row.
pub async fn agreement_template(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(e) = crate::upload::staff_member(&state, &headers).await {
        return crate::security::status_only(&e);
    }
    let (header, example) = app::domain::agreement_sheet::template();
    let mut sheet = app::ssr::infra::spreadsheet::Sheet::new(&header);
    sheet.row(&example);
    file(sheet.finish(), "agreements-template.csv", "no-store")
}

/// The funders' directory under a search (`q`, `kind`, `area`, `region`, `funding`,
/// `mechanism`), public fields only, labels in its `lang`.
pub async fn funders_csv(State(state): State<AppState>, Query(pairs): Query<Pairs>) -> Response {
    let value = |name: &str| pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let Some(locale) = app::domain::locale::parse(value("lang").unwrap_or("en")) else {
        let text = "This export asks for a language the directory does not know.";
        return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response();
    };
    let query = app::domain::funder::FunderQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    match app::ssr::services::funders::csv(&state.db, &query, locale).await {
        Ok(csv) => file(csv, "funders.csv", "public, max-age=300"),
        Err(e) => crate::security::status_only(&e),
    }
}
