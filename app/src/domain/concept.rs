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

/// A calendar date (UTC) from seconds since the Unix epoch, as `YYYY-MM-DD`.
pub fn iso_date(epoch_seconds: i64) -> String {
    // Civil-from-days, after Howard Hinnant's algorithm.
    let days = epoch_seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn dates_are_civil_utc_dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_798_761_599), "2026-12-31");
        assert_eq!(iso_date(-1), "1969-12-31");
    }
}
