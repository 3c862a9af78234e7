//! What the public sees of a concept in lists.
use serde::{Deserialize, Serialize};

use super::taxonomy::CountedTerm;

/// A published concept as a card: shown in the reader's language where a translation
/// exists, otherwise in its original language (`locale` says which).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConceptCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Language of `title` and `summary`.
    pub locale: String,
    pub original_locale: String,
    /// Seconds since the Unix epoch.
    pub published_at: i64,
    pub areas: Vec<String>,
}

/// Everything the home page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub published: i64,
    pub areas: Vec<CountedTerm>,
    pub regions: Vec<CountedTerm>,
    pub recent: Vec<ConceptCard>,
}
