//! Filtering, facet counting and ordering of the published concepts, in memory.
//!
//! The catalogue's facts (tags, dates, budgets) are small: ten thousand concepts take a few
//! megabytes. They are loaded once into a [`Snapshot`] and reloaded only when the stored
//! catalogue version changes (every write that touches published concepts bumps it), so a
//! request costs one version lookup, the search-term lookups, and the page's cards. This
//! module does no I/O: the catalogue service reads the rows and hands them over.
use crate::domain::catalogue::{CatalogueQuery, FacetKind, Sort};
use std::collections::HashMap;

/// What the catalogue knows of one published concept.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    pub id: i64,
    pub published_at: i64,
    pub budget_usd: Option<i64>,
    /// Codes per facet, indexed by [`FacetKind::index`].
    pub tags: [Vec<String>; 7],
}

/// Every published concept, newest first.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub entries: Vec<Entry>,
}

/// The concepts a query gives, in order, and for each facet how many each choice would give.
#[derive(Debug, Default)]
pub struct Outcome {
    pub ids: Vec<i64>,
    /// Per facet: code → count. A choice's count applies every other facet's choices, so it
    /// says how many results there would be with that choice added.
    pub counts: [HashMap<String, usize>; 7],
}

/// Search scores by concept id; `None` when there is no search text.
pub type Scores = HashMap<i64, f64>;

impl Snapshot {
    /// The snapshot of the published concepts (`(id, published_at, budget_usd)`, newest
    /// first) and their tags, per facet in [`FacetKind::ALL`] order (`(concept id, code)`;
    /// tags of other concepts are ignored).
    pub fn build(concepts: Vec<(i64, i64, Option<i64>)>, tags: Vec<(FacetKind, Vec<(i64, String)>)>) -> Self {
        let mut entries: Vec<Entry> = concepts
            .into_iter()
            .map(|(id, published_at, budget_usd)| Entry { id, published_at, budget_usd, ..Default::default() })
            .collect();
        let at: HashMap<i64, usize> = entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        for (kind, tags) in tags {
            for (id, code) in tags {
                if let Some(i) = at.get(&id) {
                    entries[*i].tags[kind.index()].push(code);
                }
            }
        }
        for e in &mut entries {
            e.tags.iter_mut().for_each(|t| t.sort());
        }
        Snapshot { entries }
    }

    pub fn evaluate(&self, query: &CatalogueQuery, scores: Option<&Scores>) -> Outcome {
        let mut outcome = Outcome::default();
        let mut matched: Vec<&Entry> = Vec::new();
        for entry in &self.entries {
            if scores.is_some_and(|s| !s.contains_key(&entry.id)) {
                continue;
            }
            let mut failing = FacetKind::ALL.into_iter().filter(|kind| {
                let chosen = query.chosen(*kind);
                !chosen.is_empty() && !entry.tags[kind.index()].iter().any(|t| chosen.contains(t))
            });
            match (failing.next(), failing.next()) {
                (None, _) => {
                    for kind in FacetKind::ALL {
                        count(&mut outcome, entry, kind);
                    }
                    matched.push(entry);
                }
                // Failing only this facet: another choice in it would bring the entry in.
                (Some(kind), None) => count(&mut outcome, entry, kind),
                (Some(_), Some(_)) => {}
            }
        }
        let score = |e: &Entry| scores.and_then(|s| s.get(&e.id)).copied().unwrap_or(0.0);
        let newest = |a: &&Entry, b: &&Entry| b.published_at.cmp(&a.published_at).then(b.id.cmp(&a.id));
        match query.effective_sort() {
            Sort::Relevance => matched.sort_by(|a, b| score(b).total_cmp(&score(a)).then_with(|| newest(a, b))),
            Sort::Newest => matched.sort_by(newest),
            // Concepts without a budget come last either way.
            Sort::BudgetHigh => matched.sort_by(|a, b| {
                (a.budget_usd.is_none(), std::cmp::Reverse(a.budget_usd))
                    .cmp(&(b.budget_usd.is_none(), std::cmp::Reverse(b.budget_usd)))
                    .then_with(|| newest(a, b))
            }),
            Sort::BudgetLow => matched.sort_by(|a, b| {
                (a.budget_usd.is_none(), a.budget_usd)
                    .cmp(&(b.budget_usd.is_none(), b.budget_usd))
                    .then_with(|| newest(a, b))
            }),
        }
        outcome.ids = matched.into_iter().map(|e| e.id).collect();
        outcome
    }
}

/// The snapshot this server holds, with the catalogue version it was read at.
pub type CatalogueCache = crate::ssr::infra::snapshot_cache::SnapshotCache<Snapshot>;

fn count(outcome: &mut Outcome, entry: &Entry, kind: FacetKind) {
    let counts = &mut outcome.counts[kind.index()];
    for tag in &entry.tags[kind.index()] {
        *counts.entry(tag.clone()).or_insert(0) += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, published_at: i64, budget: Option<i64>, area: &[&str], region: &[&str]) -> Entry {
        let mut e = Entry { id, published_at, budget_usd: budget, ..Default::default() };
        e.tags[FacetKind::Area.index()] = area.iter().map(|s| s.to_string()).collect();
        e.tags[FacetKind::Region.index()] = region.iter().map(|s| s.to_string()).collect();
        e
    }

    fn snapshot() -> Snapshot {
        Snapshot {
            entries: vec![
                entry(1, 100, Some(500), &["energy"], &["africa"]),
                entry(2, 300, None, &["energy", "health"], &["asia"]),
                entry(3, 200, Some(900), &["health"], &["africa"]),
                entry(4, 400, Some(100), &["digital"], &["europe"]),
            ],
        }
    }

    fn query(area: &[&str], region: &[&str]) -> CatalogueQuery {
        let mut q = CatalogueQuery { page: 1, ..Default::default() };
        q.chosen[FacetKind::Area.index()] = area.iter().map(|s| s.to_string()).collect();
        q.chosen[FacetKind::Region.index()] = region.iter().map(|s| s.to_string()).collect();
        q
    }

    fn counts(o: &Outcome, kind: FacetKind) -> Vec<(String, usize)> {
        let mut v: Vec<_> = o.counts[kind.index()].iter().map(|(k, n)| (k.clone(), *n)).collect();
        v.sort();
        v
    }

    fn pairs(list: &[(&str, usize)]) -> Vec<(String, usize)> {
        list.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    }

    #[test]
    fn without_filters_everything_shows_newest_first() {
        let o = snapshot().evaluate(&query(&[], &[]), None);
        assert_eq!(o.ids, [4, 2, 3, 1]);
        assert_eq!(counts(&o, FacetKind::Area), pairs(&[("digital", 1), ("energy", 2), ("health", 2)]));
    }

    #[test]
    fn choices_widen_within_a_facet_and_narrow_across_facets() {
        let o = snapshot().evaluate(&query(&["energy", "digital"], &[]), None);
        assert_eq!(o.ids, [4, 2, 1]);
        let o = snapshot().evaluate(&query(&["energy", "health"], &["africa"]), None);
        assert_eq!(o.ids, [3, 1]);
    }

    #[test]
    fn a_facets_counts_ignore_its_own_choices_but_apply_the_others() {
        let o = snapshot().evaluate(&query(&["energy"], &["africa"]), None);
        assert_eq!(o.ids, [1]);
        // Areas within Africa: adding health would give concept 3 too.
        assert_eq!(counts(&o, FacetKind::Area), pairs(&[("energy", 1), ("health", 1)]));
        // Regions among energy concepts.
        assert_eq!(counts(&o, FacetKind::Region), pairs(&[("africa", 1), ("asia", 1)]));
    }

    #[test]
    fn search_scores_limit_and_order_the_results() {
        let scores: Scores = [(1, 0.5), (3, 2.0), (4, 1.0)].into_iter().collect();
        let mut q = query(&[], &[]);
        q.q = "x".into();
        let o = snapshot().evaluate(&q, Some(&scores));
        assert_eq!(o.ids, [3, 4, 1]);
        assert_eq!(counts(&o, FacetKind::Region), pairs(&[("africa", 2), ("europe", 1)]));
    }

    #[test]
    fn budgets_sort_both_ways_with_unknown_budgets_last() {
        let mut q = query(&[], &[]);
        q.sort = Sort::BudgetHigh;
        assert_eq!(snapshot().evaluate(&q, None).ids, [3, 1, 4, 2]);
        q.sort = Sort::BudgetLow;
        assert_eq!(snapshot().evaluate(&q, None).ids, [4, 1, 3, 2]);
    }
}
