//! The public catalogue: search, filter, count, order and page the published concepts.
use crate::domain::catalogue::{CatalogueItem, CataloguePage, CatalogueQuery, Facet, FacetKind, FacetOption, PER_PAGE};
use crate::domain::locale::code_of;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::ssr::catalogue_engine::{CatalogueCache, Entry, Scores, Snapshot};
use crate::ssr::db::{catalogue, concepts};
use crate::ssr::infra::database::Db;
use crate::ssr::infra::text_index::{self, Query};
use sqlx::AnyConnection;
use std::collections::HashMap;
use std::sync::Arc;

/// Characters of the summary shown under each result.
const SNIPPET_CHARS: usize = 240;

pub async fn search(
    db: &Db,
    cache: &CatalogueCache,
    locale: Locale,
    query: CatalogueQuery,
) -> Result<CataloguePage, AppError> {
    let code = code_of(locale);
    let mut conn = db.pool().acquire().await?;
    let snapshot = snapshot(&mut conn, cache).await?;
    let words = Query::parse(&query.q);
    let scores = if words.is_empty() { None } else { Some(scores(&mut conn, &words, snapshot.entries.len()).await?) };
    let outcome = snapshot.evaluate(&query, scores.as_ref());

    let total = outcome.ids.len();
    let pages = u32::try_from(total.div_ceil(PER_PAGE).max(1)).unwrap_or(u32::MAX);
    let mut query = query;
    query.page = query.page.min(pages);
    let first = (query.page as usize - 1) * PER_PAGE;
    let page_ids = &outcome.ids[first.min(total)..(first + PER_PAGE).min(total)];

    let mut names: HashMap<FacetKind, Vec<(String, String)>> = HashMap::new();
    for kind in [FacetKind::Area, FacetKind::Region, FacetKind::Country] {
        names.insert(kind, catalogue::names(&mut conn, kind, code).await?);
    }
    let by_id: HashMap<i64, &Entry> = snapshot.entries.iter().map(|e| (e.id, e)).collect();
    let region_name = |c: &str| names[&FacetKind::Region].iter().find(|(k, _)| k == c).map(|(_, n)| n.clone());
    let items = concepts::cards_by_id(&mut conn, code, page_ids)
        .await?
        .into_iter()
        .map(|(id, card)| {
            let entry = by_id.get(&id).copied().cloned().unwrap_or_default();
            CatalogueItem {
                title: text_index::highlight(&card.title, &words, usize::MAX),
                snippet: text_index::highlight(&card.summary, &words, SNIPPET_CHARS),
                budget_usd: entry.budget_usd,
                regions: entry.tags[FacetKind::Region.index()].iter().filter_map(|c| region_name(c)).collect(),
                media: entry.tags[FacetKind::Media.index()].clone(),
                locales: entry.tags[FacetKind::Language.index()].clone(),
                card,
            }
        })
        .collect();

    let facets = FacetKind::ALL
        .into_iter()
        .map(|kind| {
            let counts = &outcome.counts[kind.index()];
            let chosen = query.chosen(kind);
            let mut choices: Vec<(String, Option<String>)> = match kind.fixed_choices() {
                Some(codes) => codes.iter().map(|c| (c.to_string(), None)).collect(),
                None => names[&kind].iter().map(|(c, n)| (c.clone(), Some(n.clone()))).collect(),
            };
            if kind == FacetKind::Country {
                choices.sort_by_cached_key(|(_, n)| text_index::fold(n.as_deref().unwrap_or_default()));
            }
            // A chosen value this catalogue does not know still shows, so it can be removed.
            for c in chosen {
                if !choices.iter().any(|(k, _)| k == c) {
                    choices.push((c.clone(), Some(c.clone())));
                }
            }
            let options = choices
                .into_iter()
                .map(|(code, name)| FacetOption {
                    count: counts.get(&code).copied().unwrap_or(0),
                    chosen: chosen.contains(&code),
                    code,
                    name,
                })
                .collect();
            Facet { kind, options }
        })
        .collect();

    Ok(CataloguePage { query, total, pages, items, facets })
}

/// The catalogue held in memory, read again from the database when the catalogue changed.
/// The version is read first, so a snapshot is never older than the version it is kept under.
async fn snapshot(conn: &mut AnyConnection, cache: &CatalogueCache) -> Result<Arc<Snapshot>, sqlx::Error> {
    let version = catalogue::version(&mut *conn).await?;
    if let Some(snapshot) = cache.held(&version) {
        return Ok(snapshot);
    }
    let _building = cache.building().await;
    if let Some(snapshot) = cache.held(&version) {
        return Ok(snapshot);
    }
    let concepts = catalogue::published(&mut *conn).await?;
    let mut tags = Vec::new();
    for kind in FacetKind::ALL {
        tags.push((kind, catalogue::tags(&mut *conn, kind).await?));
    }
    let snapshot = Arc::new(Snapshot::build(concepts, tags));
    cache.keep(version, snapshot.clone());
    Ok(snapshot)
}

/// Scores of the concepts that match every word: for each word, its best weight in the
/// concept times how rare the word is across the catalogue (`ln(1 + n / matches)`).
async fn scores(conn: &mut AnyConnection, words: &Query, catalogue_size: usize) -> Result<Scores, sqlx::Error> {
    let mut scores: Option<Scores> = None;
    for term in &words.terms {
        let matches = catalogue::term_matches(&mut *conn, term).await?;
        #[allow(clippy::cast_precision_loss)]
        let rarity = (1.0 + catalogue_size.max(1) as f64 / matches.len().max(1) as f64).ln();
        #[allow(clippy::cast_precision_loss)]
        let these: Scores = matches.into_iter().map(|(id, weight)| (id, weight as f64 * rarity)).collect();
        scores = Some(match scores {
            None => these,
            Some(before) => before.into_iter().filter_map(|(id, s)| these.get(&id).map(|t| (id, s + t))).collect(),
        });
        if scores.as_ref().is_some_and(HashMap::is_empty) {
            break;
        }
    }
    Ok(scores.unwrap_or_default())
}
