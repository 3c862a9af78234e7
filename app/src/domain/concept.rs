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

/// A taxonomy term or country with its name in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub code: String,
    pub name: String,
}

/// A document or video attached to a concept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Medium {
    /// `concept_note`, `slides`, `video`, `brochure`.
    pub kind: String,
    pub title: String,
    /// Language of the document, when it has one.
    pub locale: Option<String>,
    /// Where a stored file is served from (`/media/{key}/{file name}`).
    pub url: Option<String>,
    pub content_type: Option<String>,
    pub byte_size: Option<i64>,
    pub external: Option<super::video::ExternalVideo>,
    /// For a stored video: its poster image and captions (`(language, url)`).
    pub poster_url: Option<String>,
    pub captions: Vec<(String, String)>,
}

/// Everything the public concept page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConceptPage {
    pub slug: String,
    /// When the server answered (seconds): the interest form carries it, to tell robots by
    /// their speed.
    pub served_at: i64,
    /// Language of the texts below: the reader's where a translation exists, else the original.
    pub locale: String,
    pub original_locale: String,
    /// Every language the concept is written in.
    pub locales: Vec<String>,
    pub title: String,
    pub summary: String,
    pub objectives: String,
    pub beneficiaries: String,
    /// The Markdown body rendered to sanitised HTML.
    pub body_html: String,
    pub areas: Vec<Named>,
    pub regions: Vec<Named>,
    pub countries: Vec<Named>,
    /// `ldc`, `lldc`, `sids`.
    pub groups: Vec<String>,
    /// `funding`, `in_kind`, `expertise`.
    pub contributions: Vec<String>,
    /// Sustainable Development Goals, by number.
    pub sdgs: Vec<String>,
    pub budget_usd: Option<i64>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub focal_point_name: String,
    pub focal_point_email: String,
    pub published_at: i64,
    pub media: Vec<Medium>,
    pub related: Vec<ConceptCard>,
    /// The organisations party to its public, signed agreements.
    #[serde(default)]
    pub partners: Vec<String>,
}

/// A concept's address segment: lowercase letters, digits and hyphens, at most 120 bytes.
pub fn parse_slug(raw: &str) -> Option<&str> {
    let ok = !raw.is_empty()
        && raw.len() <= 120
        && raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !raw.starts_with('-')
        && !raw.ends_with('-');
    ok.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::parse_slug;

    #[test]
    fn slugs_are_plain_lowercase_words() {
        assert_eq!(parse_slug("solar-connectivity-2027"), Some("solar-connectivity-2027"));
        for bad in ["", "-a", "a-", "Solar", "a/b", "../x", "é", &"a".repeat(121)] {
            assert_eq!(parse_slug(bad), None, "{bad}");
        }
    }
}
