//! The public catalogue: what a reader asks for (held whole in the URL) and what they get.
use super::concept::ConceptCard;
use crate::error::{AppError, FieldCode, FieldError};
use serde::{Deserialize, Serialize};

/// Results per page.
pub const PER_PAGE: usize = 12;
/// Longest search text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most choices accepted in one facet.
pub const MAX_CHOICES: usize = 50;

/// The ways the catalogue can be narrowed. Within a facet, choices widen the result (any of
/// them); across facets they narrow it (all of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FacetKind {
    Area,
    Region,
    Country,
    Group,
    Media,
    Contribution,
    Language,
}

impl FacetKind {
    pub const ALL: [FacetKind; 7] = [
        FacetKind::Area,
        FacetKind::Region,
        FacetKind::Country,
        FacetKind::Group,
        FacetKind::Media,
        FacetKind::Contribution,
        FacetKind::Language,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// Its name in the URL.
    pub fn param(self) -> &'static str {
        match self {
            FacetKind::Area => "area",
            FacetKind::Region => "region",
            FacetKind::Country => "country",
            FacetKind::Group => "group",
            FacetKind::Media => "media",
            FacetKind::Contribution => "contribution",
            FacetKind::Language => "lang",
        }
    }

    /// The choices of a facet with a fixed list (the others come from the taxonomy).
    pub fn fixed_choices(self) -> Option<&'static [&'static str]> {
        match self {
            FacetKind::Group => Some(&["ldc", "lldc", "sids"]),
            FacetKind::Media => Some(&["concept_note", "video", "slides", "brochure"]),
            FacetKind::Contribution => Some(&["funding", "in_kind", "expertise"]),
            FacetKind::Language => Some(&crate::domain::locale::CODES),
            FacetKind::Area | FacetKind::Region | FacetKind::Country => None,
        }
    }
}

/// The order of results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Best match first; newest first when there is no search text.
    #[default]
    Relevance,
    Newest,
    /// Largest estimated budget first.
    BudgetHigh,
    /// Smallest estimated budget first.
    BudgetLow,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::BudgetHigh, Sort::BudgetLow];

    pub fn param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::BudgetHigh => "budget_high",
            Sort::BudgetLow => "budget_low",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Sort::ALL.into_iter().find(|s| s.param() == raw)
    }
}

/// What a reader asks the catalogue: search text, chosen facet values, order and page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueQuery {
    pub q: String,
    /// Chosen codes per facet, indexed by [`FacetKind::index`].
    pub chosen: [Vec<String>; 7],
    pub sort: Sort,
    /// From 1.
    pub page: u32,
}

/// A facet or sort code: lowercase ASCII letters, digits and `_`/`-`, as the taxonomy uses.
pub fn is_code(raw: &str) -> bool {
    !raw.is_empty() && raw.len() <= 40 && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl CatalogueQuery {
    /// Reads the URL's query parameters (`get_all` returns every value of a name). Anything
    /// malformed is reported, never guessed at.
    pub fn from_params(get_all: impl Fn(&str) -> Vec<String>) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let mut query = CatalogueQuery { page: 1, ..Default::default() };
        let one = |name: &str| get_all(name).into_iter().rfind(|v| !v.trim().is_empty());
        if let Some(q) = one("q") {
            query.q = q.trim().to_owned();
        }
        for kind in FacetKind::ALL {
            let mut values = get_all(kind.param());
            values.retain(|v| !v.is_empty());
            values.sort();
            values.dedup();
            query.chosen[kind.index()] = values;
        }
        if let Some(sort) = one("sort") {
            match Sort::parse(&sort) {
                Some(s) => query.sort = s,
                None => errors.push(FieldError { field: "sort".into(), code: FieldCode::Unknown }),
            }
        }
        if let Some(page) = one("page") {
            match page.parse::<u32>() {
                Ok(p) if p >= 1 => query.page = p,
                _ => errors.push(FieldError { field: "page".into(), code: FieldCode::Invalid }),
            }
        }
        errors.extend(query.problems());
        if errors.is_empty() { Ok(query) } else { Err(AppError::Validation(errors)) }
    }

    /// Checks a query that arrived whole (from a server function call).
    pub fn validate(self) -> Result<Self, AppError> {
        let problems = self.problems();
        if problems.is_empty() { Ok(self) } else { Err(AppError::Validation(problems)) }
    }

    fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.q.chars().count() > MAX_QUERY_CHARS {
            errors.push(FieldError { field: "q".into(), code: FieldCode::TooLong });
        }
        if self.page == 0 || self.page > 10_000 {
            errors.push(FieldError { field: "page".into(), code: FieldCode::Invalid });
        }
        for kind in FacetKind::ALL {
            let values = &self.chosen[kind.index()];
            let bad = values.len() > MAX_CHOICES
                || values.iter().any(|v| !is_code(v))
                || kind.fixed_choices().is_some_and(|fixed| values.iter().any(|v| !fixed.contains(&v.as_str())));
            if bad {
                errors.push(FieldError { field: kind.param().into(), code: FieldCode::Unknown });
            }
        }
        errors
    }

    pub fn chosen(&self, kind: FacetKind) -> &[String] {
        &self.chosen[kind.index()]
    }

    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty() || self.chosen.iter().any(|c| !c.is_empty())
    }

    /// The order actually used: relevance needs search text.
    pub fn effective_sort(&self) -> Sort {
        if self.sort == Sort::Relevance && self.q.is_empty() { Sort::Newest } else { self.sort }
    }

    /// The URL query string (without `?`) that asks for this query; defaults are left out.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", &self.q));
        }
        for kind in FacetKind::ALL {
            for v in self.chosen(kind) {
                pairs.push((kind.param(), v));
            }
        }
        if self.sort != Sort::Relevance {
            pairs.push(("sort", self.sort.param()));
        }
        let page = self.page.to_string();
        if self.page > 1 {
            pairs.push(("page", &page));
        }
        pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }

    /// The search text and filters alone: default order, first page (feeds, subscriptions).
    pub fn filters_only(&self) -> Self {
        CatalogueQuery { q: self.q.clone(), chosen: self.chosen.clone(), sort: Sort::Relevance, page: 1 }
    }

    /// This query with one facet value added or removed, back on page 1.
    pub fn toggled(&self, kind: FacetKind, code: &str) -> Self {
        let mut next = self.clone();
        let values = &mut next.chosen[kind.index()];
        if let Some(at) = values.iter().position(|v| v == code) {
            values.remove(at);
        } else {
            values.push(code.to_owned());
            values.sort();
        }
        next.page = 1;
        next
    }
}

/// Percent-encodes a query value (UTF-8; unreserved characters kept, space as `+`).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A piece of displayed text; `hit` marks words the search matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    pub text: String,
    pub hit: bool,
}

/// A concept in the results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueItem {
    pub card: ConceptCard,
    /// The title and summary with the matched words marked.
    pub title: Vec<Fragment>,
    pub snippet: Vec<Fragment>,
    pub budget_usd: Option<i64>,
    pub regions: Vec<String>,
    /// Kinds of media attached (`concept_note`, `video`, …).
    pub media: Vec<String>,
    /// Languages the concept is written in.
    pub locales: Vec<String>,
}

/// One choice of a facet, with how many results choosing it would give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetOption {
    pub code: String,
    /// Its name in the reader's language, for taxonomy terms and countries; fixed choices
    /// are named by the interface's translations.
    pub name: Option<String>,
    pub count: usize,
    pub chosen: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub kind: FacetKind,
    pub options: Vec<FacetOption>,
}

/// One page of results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CataloguePage {
    pub query: CatalogueQuery,
    pub total: usize,
    pub pages: u32,
    pub items: Vec<CatalogueItem>,
    pub facets: Vec<Facet>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<CatalogueQuery, AppError> {
        CatalogueQuery::from_params(|name| {
            pairs.iter().filter(|(k, _)| *k == name).map(|(_, v)| v.to_string()).collect()
        })
    }

    #[test]
    fn the_url_holds_the_whole_query_and_round_trips() {
        let q = parse(&[
            ("q", " énergie solaire "),
            ("area", "energy"),
            ("area", "digital"),
            ("lang", "fr"),
            ("sort", "budget_high"),
            ("page", "2"),
        ])
        .unwrap();
        assert_eq!(q.q, "énergie solaire");
        assert_eq!(q.chosen(FacetKind::Area), ["digital", "energy"]);
        assert_eq!(q.sort, Sort::BudgetHigh);
        let s = q.to_query_string();
        assert_eq!(s, "q=%C3%A9nergie+solaire&area=digital&area=energy&lang=fr&sort=budget_high&page=2");
        assert_eq!(parse(&[]).unwrap().to_query_string(), "");
    }

    #[test]
    fn malformed_parameters_are_reported() {
        for bad in [
            ("sort", "price"),
            ("page", "0"),
            ("page", "x"),
            ("lang", "de"),
            ("media", "podcast"),
            ("area", "<script>"),
        ] {
            let Err(AppError::Validation(errors)) = parse(&[bad]) else { panic!("{bad:?} accepted") };
            assert_eq!(errors.len(), 1, "{bad:?}");
        }
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        assert!(parse(&[("q", &long)]).is_err());
    }

    #[test]
    fn toggling_a_choice_goes_back_to_the_first_page() {
        let q = parse(&[("region", "africa"), ("page", "3")]).unwrap();
        let added = q.toggled(FacetKind::Region, "americas");
        assert_eq!(added.chosen(FacetKind::Region), ["africa", "americas"]);
        assert_eq!(added.page, 1);
        assert_eq!(added.toggled(FacetKind::Region, "africa").chosen(FacetKind::Region), ["americas"]);
    }

    #[test]
    fn relevance_needs_search_text() {
        assert_eq!(parse(&[]).unwrap().effective_sort(), Sort::Newest);
        assert_eq!(parse(&[("q", "x")]).unwrap().effective_sort(), Sort::Relevance);
    }
}
