//! Which funders fit a concept, and why: one deterministic additive score over the funder's
//! stated profile, its agreements with the agency and its relationship with it. Every point
//! comes from a [`Factor`] that carries its evidence (the agreements behind it), so staff see
//! why a funder is suggested, and a funder the agency must not approach for this concept is
//! set apart with its [`Exclusion`] rather than silently dropped.
//!
//! Pure: the caller reads the profiles, the record and the geography; nothing here does I/O
//! or reads the clock, so the same inputs always give the same list.
use crate::domain::agreement::{GLOBAL, Place};
use crate::domain::funder::FundingType;
use crate::domain::organisation::DueDiligence;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the concept seeks.
#[derive(Clone, Debug, Default)]
pub struct ConceptNeeds {
    /// Its areas of action (codes).
    pub areas: Vec<String>,
    /// Its regions, countries and country groups.
    pub places: Vec<Place>,
    /// The contributions it seeks: `funding`, `in_kind`, `expertise`.
    pub contributions: Vec<String>,
    /// Its budget, in US cents.
    pub budget_usd_cents: Option<i64>,
}

/// Where countries lie: each country's region and the groups it belongs to (today).
#[derive(Clone, Debug, Default)]
pub struct Geography {
    pub countries: BTreeMap<String, (String, Vec<String>)>,
}

impl Geography {
    fn region_of(&self, country: &str) -> Option<&str> {
        self.countries.get(country).map(|(r, _)| r.as_str())
    }

    fn in_group(&self, country: &str, group: &str) -> bool {
        self.countries.get(country).is_some_and(|(_, g)| g.iter().any(|x| x == group))
    }

    /// Whether two places share ground: Global meets every place, a region its countries,
    /// a group its member countries, and a region a group that has members in it.
    pub fn meet(&self, a: &Place, b: &Place) -> bool {
        use Place::{Country, Group, Region};
        match (a, b) {
            (Region(r), _) | (_, Region(r)) if r == GLOBAL => true,
            (Region(x), Region(y)) | (Country(x), Country(y)) | (Group(x), Group(y)) => x == y,
            (Region(r), Country(c)) | (Country(c), Region(r)) => self.region_of(c) == Some(r.as_str()),
            (Group(g), Country(c)) | (Country(c), Group(g)) => self.in_group(c, g),
            (Region(r), Group(g)) | (Group(g), Region(r)) => {
                self.countries.iter().any(|(c, (region, _))| region == r && self.in_group(c, g))
            }
        }
    }

    fn meets_any(&self, place: &Place, others: &[Place]) -> bool {
        others.iter().any(|o| self.meet(place, o))
    }
}

/// What a funder says it funds, from its profile.
#[derive(Clone, Debug, Default)]
pub struct Stated {
    /// Priority areas with their weight, 1 (some interest) to 3 (top priority).
    pub areas: Vec<(String, u8)>,
    pub places: Vec<Place>,
    pub funding_types: Vec<FundingType>,
    /// Typical amount, lowest and highest, in US cents.
    pub amount_usd_cents: Option<(i64, i64)>,
    /// Stated limitations: areas and places it does not fund.
    pub excluded_areas: Vec<String>,
    pub excluded_places: Vec<Place>,
}

/// One of the funder's agreements with the agency (signed; amendments folded in).
#[derive(Clone, Debug)]
pub struct Past {
    pub agreement: i64,
    /// The year it was signed.
    pub year: i32,
    pub usd_cents: i64,
    pub areas: Vec<String>,
    pub places: Vec<Place>,
    /// Signed or active, not expired or terminated.
    pub active: bool,
}

/// A funder to rank.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Its registry entry.
    pub organisation: i64,
    pub name: String,
    pub due_diligence: DueDiligence,
    pub member: bool,
    /// Its profile, when it has one.
    pub stated: Option<Stated>,
    pub history: Vec<Past>,
    /// Days since staff last contacted it, when recorded.
    pub days_since_contact: Option<i64>,
}

/// How much each factor may give, in points: administrator settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub stated_area: u32,
    pub past_area: u32,
    pub place: u32,
    pub funding_type: u32,
    pub size: u32,
    pub relationship: u32,
    /// Taken off while due diligence is pending.
    pub pending_due_diligence: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            stated_area: 30,
            past_area: 25,
            place: 20,
            funding_type: 10,
            size: 10,
            relationship: 15,
            pending_due_diligence: 20,
        }
    }
}

impl Weights {
    /// The highest a setting may be.
    pub const MAX: u32 = 100;

    /// The settings by name, in the order the settings page shows them.
    pub fn named(&self) -> [(&'static str, u32); 7] {
        [
            ("stated_area", self.stated_area),
            ("past_area", self.past_area),
            ("place", self.place),
            ("funding_type", self.funding_type),
            ("size", self.size),
            ("relationship", self.relationship),
            ("pending_due_diligence", self.pending_due_diligence),
        ]
    }
}

/// The weights as a settings form sends them (whole numbers typed into fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightsForm {
    pub stated_area: String,
    pub past_area: String,
    pub place: String,
    pub funding_type: String,
    pub size: String,
    pub relationship: String,
    pub pending_due_diligence: String,
}

impl WeightsForm {
    /// The form filled with `w`.
    pub fn of(w: &Weights) -> WeightsForm {
        WeightsForm {
            stated_area: w.stated_area.to_string(),
            past_area: w.past_area.to_string(),
            place: w.place.to_string(),
            funding_type: w.funding_type.to_string(),
            size: w.size.to_string(),
            relationship: w.relationship.to_string(),
            pending_due_diligence: w.pending_due_diligence.to_string(),
        }
    }

    /// Each setting a whole number from 0 to [`Weights::MAX`]; every bad one named.
    pub fn parse(&self) -> Result<Weights, Vec<crate::error::FieldError>> {
        let mut errors = Vec::new();
        let mut read = |field: &str, raw: &str| match raw.trim().parse::<u32>() {
            Ok(n) if n <= Weights::MAX => n,
            Ok(_) => {
                errors.push(crate::error::FieldError::new(field, crate::error::FieldCode::Invalid));
                0
            }
            Err(_) if raw.trim().is_empty() => {
                errors.push(crate::error::FieldError::new(field, crate::error::FieldCode::Required));
                0
            }
            Err(_) => {
                errors.push(crate::error::FieldError::new(field, crate::error::FieldCode::Invalid));
                0
            }
        };
        let w = Weights {
            stated_area: read("stated_area", &self.stated_area),
            past_area: read("past_area", &self.past_area),
            place: read("place", &self.place),
            funding_type: read("funding_type", &self.funding_type),
            size: read("size", &self.size),
            relationship: read("relationship", &self.relationship),
            pending_due_diligence: read("pending_due_diligence", &self.pending_due_diligence),
        };
        if errors.is_empty() { Ok(w) } else { Err(errors) }
    }
}

/// How a size fit was judged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SizeBasis {
    /// Against the range the funder states (US cents).
    Stated { low: i64, high: i64 },
    /// Against the median value of its agreements (US cents).
    Typical { median: i64 },
}

/// One reason a funder fits, with the points it gives and its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Factor {
    /// It states the concept's areas among its priorities (the highest weight counts).
    StatedArea { areas: Vec<String>, points: i64 },
    /// It has signed agreements in the concept's areas (`areas`: those of the concept's areas
    /// they cover; agreements newest first).
    PastArea { areas: Vec<String>, agreements: Vec<i64>, usd_cents: i64, points: i64 },
    /// It states the concept's places (or places that meet them).
    StatedPlace { places: Vec<Place>, points: i64 },
    /// Its agreements covered the concept's places.
    PastPlace { agreements: Vec<i64>, points: i64 },
    /// It gives the kind of contribution the concept seeks.
    FundingType { types: Vec<FundingType>, points: i64 },
    /// The concept's budget suits what it gives.
    Size { basis: SizeBasis, points: i64 },
    /// Agreements with the agency still running.
    Active { agreements: Vec<i64>, points: i64 },
    /// A member of the agency.
    Member { points: i64 },
    /// Contacted by staff in the last year.
    RecentContact { days: i64, points: i64 },
    /// Due diligence not finished: points taken off.
    DueDiligencePending { points: i64 },
}

impl Factor {
    pub fn points(&self) -> i64 {
        match self {
            Factor::StatedArea { points, .. }
            | Factor::PastArea { points, .. }
            | Factor::StatedPlace { points, .. }
            | Factor::PastPlace { points, .. }
            | Factor::FundingType { points, .. }
            | Factor::Size { points, .. }
            | Factor::Active { points, .. }
            | Factor::Member { points }
            | Factor::RecentContact { points, .. }
            | Factor::DueDiligencePending { points } => *points,
        }
    }
}

/// Why a funder is not to be approached for this concept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exclusion {
    DueDiligenceFailed,
    /// Its stated limitations exclude one of the concept's areas.
    ExcludedArea(String),
    /// Its stated limitations exclude one of the concept's places.
    ExcludedPlace(Place),
}

/// A funder in the ranked list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub organisation: i64,
    pub name: String,
    pub score: i64,
    pub factors: Vec<Factor>,
}

/// The ranked funders, and those set apart with the reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    pub ranked: Vec<Suggestion>,
    pub excluded: Vec<(i64, String, Exclusion)>,
}

/// Past strength at which the past-area factor gives all its points: two large agreements
/// this year, or ten small ones some years back.
const SATURATION: i64 = 100;
/// A US$100,000 step in an agreement's size.
const SIZE_STEP: i64 = 10_000_000;

/// How much one agreement counts as evidence: recency (10 this year, down to 1 at nine
/// years or more) times size (1 to 5, one step per US$100,000 up to US$400,000).
fn strength(p: &Past, year: i32) -> i64 {
    let age = i64::from((year - p.year).clamp(0, 9));
    let size = 1 + (p.usd_cents / SIZE_STEP).clamp(0, 4);
    (10 - age) * size
}

/// `weight` × `numerator` / `denominator`, in whole points.
fn part(weight: u32, numerator: i64, denominator: i64) -> i64 {
    i64::from(weight) * numerator / denominator.max(1)
}

fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    values.get(values.len() / 2).copied()
}

/// Newest first (year, then id), as the badges list them.
fn newest_first(mut list: Vec<&Past>) -> Vec<i64> {
    list.sort_by(|a, b| b.year.cmp(&a.year).then(b.agreement.cmp(&a.agreement)));
    list.iter().map(|p| p.agreement).collect()
}

/// Why this funder must not be approached for this concept, if it must not.
fn exclusion(c: &Candidate, needs: &ConceptNeeds, geo: &Geography) -> Option<Exclusion> {
    if c.due_diligence == DueDiligence::Failed {
        return Some(Exclusion::DueDiligenceFailed);
    }
    let stated = c.stated.as_ref()?;
    if let Some(area) = needs.areas.iter().find(|a| stated.excluded_areas.contains(a)) {
        return Some(Exclusion::ExcludedArea(area.clone()));
    }
    // A limitation on a place counts when it names the place itself or one inside it:
    // "not in Kenya" excludes a concept for Kenya, not one for all of Africa.
    needs
        .places
        .iter()
        .find(|p| stated.excluded_places.iter().any(|x| x == *p || within(p, x, geo)))
        .map(|p| Exclusion::ExcludedPlace(p.clone()))
}

/// Whether `inner` lies inside `outer` (a country in its region or group).
fn within(inner: &Place, outer: &Place, geo: &Geography) -> bool {
    match (inner, outer) {
        (Place::Country(c), Place::Region(r)) => r == GLOBAL || geo.region_of(c) == Some(r.as_str()),
        (Place::Country(c), Place::Group(g)) => geo.in_group(c, g),
        (_, Place::Region(r)) => r == GLOBAL,
        _ => false,
    }
}

/// The factors of one funder that may be approached.
fn factors(c: &Candidate, needs: &ConceptNeeds, geo: &Geography, w: &Weights, year: i32) -> Vec<Factor> {
    let mut out = Vec::new();
    let in_areas: Vec<&Past> = c.history.iter().filter(|p| p.areas.iter().any(|a| needs.areas.contains(a))).collect();
    if let Some(s) = &c.stated {
        let mut areas: Vec<(String, u8)> = s
            .areas
            .iter()
            .filter(|(a, _)| needs.areas.contains(a))
            .map(|(a, k)| (a.clone(), (*k).clamp(1, 3)))
            .collect();
        if let Some(best) = areas.iter().map(|(_, k)| *k).max() {
            areas.sort();
            out.push(Factor::StatedArea {
                areas: areas.into_iter().map(|(a, _)| a).collect(),
                points: part(w.stated_area, i64::from(best), 3),
            });
        }
    }
    if !in_areas.is_empty() {
        let total: i64 = in_areas.iter().map(|p| strength(p, year)).sum();
        let covered: BTreeSet<String> =
            in_areas.iter().flat_map(|p| p.areas.iter()).filter(|a| needs.areas.contains(a)).cloned().collect();
        out.push(Factor::PastArea {
            areas: covered.into_iter().collect(),
            usd_cents: in_areas.iter().map(|p| p.usd_cents).sum(),
            points: part(w.past_area, total.min(SATURATION), SATURATION),
            agreements: newest_first(in_areas),
        });
    }
    if !needs.places.is_empty() {
        // Half for a stated focus, half for a past one.
        if let Some(s) = &c.stated {
            let places: Vec<Place> = s.places.iter().filter(|p| geo.meets_any(p, &needs.places)).cloned().collect();
            if !places.is_empty() {
                out.push(Factor::StatedPlace { places, points: part(w.place, 1, 2) });
            }
        }
        let there: Vec<&Past> =
            c.history.iter().filter(|p| p.places.iter().any(|x| geo.meets_any(x, &needs.places))).collect();
        if !there.is_empty() {
            out.push(Factor::PastPlace { agreements: newest_first(there), points: part(w.place, 1, 2) });
        }
    }
    if let Some(s) = &c.stated {
        let types: BTreeSet<FundingType> =
            s.funding_types.iter().copied().filter(|t| needs.contributions.iter().any(|k| t.serves(k))).collect();
        if !types.is_empty() {
            out.push(Factor::FundingType { types: types.into_iter().collect(), points: i64::from(w.funding_type) });
        }
    }
    if let Some(budget) = needs.budget_usd_cents {
        let stated = c.stated.as_ref().and_then(|s| s.amount_usd_cents);
        let mut values: Vec<i64> = c.history.iter().map(|p| p.usd_cents).filter(|v| *v > 0).collect();
        let judged = match stated {
            // Inside the range: all; within a factor of two of it: half.
            Some((low, high)) => {
                let fit = if (low..=high).contains(&budget) {
                    2
                } else if (low / 2..=high.saturating_mul(2)).contains(&budget) {
                    1
                } else {
                    0
                };
                Some((SizeBasis::Stated { low, high }, fit))
            }
            // Within a factor of four of its typical agreement: all; of ten: half.
            None => median(&mut values).map(|m| {
                let fit = if (m / 4..=m.saturating_mul(4)).contains(&budget) {
                    2
                } else if (m / 10..=m.saturating_mul(10)).contains(&budget) {
                    1
                } else {
                    0
                };
                (SizeBasis::Typical { median: m }, fit)
            }),
        };
        if let Some((basis, fit)) = judged.filter(|(_, fit)| *fit > 0) {
            out.push(Factor::Size { basis, points: part(w.size, fit, 2) });
        }
    }
    // Relationship: half for running agreements, a quarter each for membership and contact.
    let active: Vec<&Past> = c.history.iter().filter(|p| p.active).collect();
    if !active.is_empty() {
        out.push(Factor::Active { agreements: newest_first(active), points: part(w.relationship, 1, 2) });
    }
    if c.member {
        out.push(Factor::Member { points: part(w.relationship, 1, 4) });
    }
    if let Some(days) = c.days_since_contact.filter(|d| (0..=365).contains(d)) {
        out.push(Factor::RecentContact { days, points: part(w.relationship, 1, 4) });
    }
    // A factor a weight of zero switched off is no reason.
    out.retain(|f| f.points() != 0);
    if c.due_diligence == DueDiligence::Pending && !out.is_empty() {
        out.push(Factor::DueDiligencePending { points: -i64::from(w.pending_due_diligence) });
    }
    out
}

/// Ranks `candidates` for a concept in `year` (the current year, for recency): highest score
/// first, ties by name and then registry id; funders with nothing in their favour are left
/// out, and those that must not be approached are listed apart, in name order.
pub fn suggest(needs: &ConceptNeeds, candidates: &[Candidate], geo: &Geography, w: &Weights, year: i32) -> Suggestions {
    let mut out = Suggestions::default();
    for c in candidates {
        if let Some(why) = exclusion(c, needs, geo) {
            out.excluded.push((c.organisation, c.name.clone(), why));
            continue;
        }
        let factors = factors(c, needs, geo, w, year);
        let score: i64 = factors.iter().map(Factor::points).sum();
        if factors.iter().any(|f| f.points() > 0) {
            out.ranked.push(Suggestion { organisation: c.organisation, name: c.name.clone(), score, factors });
        }
    }
    out.ranked.sort_by(|a, b| {
        b.score.cmp(&a.score).then_with(|| a.name.cmp(&b.name)).then(a.organisation.cmp(&b.organisation))
    });
    out.excluded.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    out
}

/// Longest "not a fit" reason, in characters.
pub const REASON_MAX: usize = 500;

/// A funder staff marked not a fit for a concept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotAFit {
    pub organisation: i64,
    pub name: String,
    pub reason: String,
    /// Who marked it (gone when the account was removed).
    pub by: Option<String>,
    /// When, in seconds since the epoch.
    pub at: i64,
}

/// The suggested-funders panel of a concept (staff only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunderSuggestions {
    pub concept: i64,
    /// The concept's areas (codes), which the badges' links filter by.
    pub areas: Vec<String>,
    pub ranked: Vec<Suggestion>,
    pub excluded: Vec<(i64, String, Exclusion)>,
    pub not_a_fit: Vec<NotAFit>,
    /// Names of the areas (`area:code`) and places (`region:…`, `country:…`, `group:…`) the
    /// badges cite, in the reader's language.
    pub names: Vec<(String, String)>,
}

impl FunderSuggestions {
    /// The name of a cited area or place code, or the code itself.
    pub fn name(&self, code: &str) -> String {
        self.names.iter().find(|(c, _)| c == code).map_or_else(|| code.to_owned(), |(_, n)| n.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEAR: i32 = 2026;

    fn geo() -> Geography {
        let mut g = Geography::default();
        for (c, r, groups) in [
            ("KE", "africa", vec![]),
            ("SN", "africa", vec!["ldc"]),
            ("FJ", "asia_pacific", vec!["sids"]),
            ("NP", "asia_pacific", vec!["ldc", "lldc"]),
        ] {
            g.countries.insert(c.into(), (r.into(), groups.into_iter().map(String::from).collect()));
        }
        g
    }

    fn region(r: &str) -> Place {
        Place::Region(r.into())
    }
    fn country(c: &str) -> Place {
        Place::Country(c.into())
    }
    fn group(g: &str) -> Place {
        Place::Group(g.into())
    }

    /// A concept on digital inclusion in Senegal, seeking US$300,000 in funding.
    fn needs() -> ConceptNeeds {
        ConceptNeeds {
            areas: vec!["digital_inclusion".into()],
            places: vec![country("SN")],
            contributions: vec!["funding".into()],
            budget_usd_cents: Some(30_000_000),
        }
    }

    fn candidate(id: i64, name: &str) -> Candidate {
        Candidate {
            organisation: id,
            name: name.into(),
            due_diligence: DueDiligence::Cleared,
            member: false,
            stated: None,
            history: Vec::new(),
            days_since_contact: None,
        }
    }

    fn past(agreement: i64, year: i32, dollars: i64, area: &str, place: Place, active: bool) -> Past {
        Past { agreement, year, usd_cents: dollars * 100, areas: vec![area.into()], places: vec![place], active }
    }

    fn ranked(s: &Suggestions) -> Vec<(i64, i64)> {
        s.ranked.iter().map(|r| (r.organisation, r.score)).collect()
    }

    #[test]
    fn places_meet_through_regions_groups_and_global() {
        let g = geo();
        assert!(g.meet(&region("africa"), &country("SN")));
        assert!(g.meet(&country("SN"), &group("ldc")));
        assert!(g.meet(&region("global"), &country("FJ")));
        assert!(g.meet(&country("NP"), &region("global")));
        assert!(g.meet(&region("asia_pacific"), &group("sids")), "Fiji is both");
        assert!(!g.meet(&region("africa"), &group("sids")));
        assert!(!g.meet(&country("KE"), &group("ldc")));
        assert!(!g.meet(&country("KE"), &country("SN")));
        assert!(!g.meet(&region("africa"), &region("asia_pacific")));
    }

    #[test]
    fn a_funder_with_stated_priorities_and_history_outranks_one_with_either() {
        let mut both = candidate(1, "Borea Foundation");
        both.stated = Some(Stated {
            areas: vec![("digital_inclusion".into(), 3), ("statistics".into(), 1)],
            places: vec![region("africa")],
            funding_types: vec![FundingType::Grant, FundingType::Expertise],
            amount_usd_cents: Some((10_000_000, 50_000_000)),
            ..Stated::default()
        });
        both.history = vec![
            past(10, 2025, 250_000, "digital_inclusion", country("SN"), true),
            past(11, 2019, 80_000, "digital_inclusion", country("KE"), false),
            past(12, 2024, 90_000, "statistics", region("global"), false),
        ];
        let mut stated_only = candidate(2, "Cendra Bank");
        stated_only.stated = Some(Stated {
            areas: vec![("digital_inclusion".into(), 2)],
            funding_types: vec![FundingType::Loan],
            ..Stated::default()
        });
        // No profile at all: only its history speaks for it.
        let mut history_only = candidate(3, "Dalmir Telecom");
        history_only.history = vec![past(20, 2026, 400_000, "digital_inclusion", group("ldc"), true)];
        let s = suggest(&needs(), &[stated_only, history_only, both], &geo(), &Weights::default(), YEAR);

        let best = &s.ranked[0];
        assert_eq!(best.organisation, 1);
        assert_eq!(
            best.factors,
            vec![
                Factor::StatedArea { areas: vec!["digital_inclusion".into()], points: 30 },
                // 2025, US$250,000: 9 × 3; 2019, US$80,000: 3 × 1.
                Factor::PastArea {
                    areas: vec!["digital_inclusion".into()],
                    agreements: vec![10, 11],
                    usd_cents: 33_000_000,
                    points: 7
                },
                Factor::StatedPlace { places: vec![region("africa")], points: 10 },
                // Senegal itself, and the global agreement.
                Factor::PastPlace { agreements: vec![10, 12], points: 10 },
                Factor::FundingType { types: vec![FundingType::Grant], points: 10 },
                Factor::Size { basis: SizeBasis::Stated { low: 10_000_000, high: 50_000_000 }, points: 10 },
                Factor::Active { agreements: vec![10], points: 7 },
            ]
        );
        assert_eq!(best.score, 84);
        // Dalmir: 2026, US$400,000: 10 × 5 = 50 of 100 → 12; Senegal is least developed → 10;
        // the concept's budget is within four times its one agreement → 10; active → 7.
        // Cendra: priority 2 of 3 → 20; a loan is funding → 10.
        assert_eq!(ranked(&s), [(1, 84), (3, 39), (2, 30)]);
        assert!(s.excluded.is_empty());
    }

    #[test]
    fn ties_go_by_name_then_registry_id() {
        let member = |id, name: &str| Candidate { member: true, ..candidate(id, name) };
        let s = suggest(
            &needs(),
            &[member(7, "Lumen"), member(5, "Amaru"), member(6, "Lumen")],
            &geo(),
            &Weights::default(),
            YEAR,
        );
        assert_eq!(ranked(&s), [(5, 3), (6, 3), (7, 3)]);
        assert_eq!(s.ranked[0].factors, [Factor::Member { points: 3 }]);
    }

    #[test]
    fn failed_due_diligence_and_stated_limitations_set_a_funder_apart() {
        let strong = || {
            let mut c = candidate(0, "");
            c.history = vec![past(1, 2026, 400_000, "digital_inclusion", country("SN"), true)];
            c
        };
        let failed = Candidate { due_diligence: DueDiligence::Failed, ..strong() };
        let mut no_area = strong();
        no_area.stated = Some(Stated { excluded_areas: vec!["digital_inclusion".into()], ..Stated::default() });
        let mut no_region = strong();
        no_region.stated = Some(Stated { excluded_places: vec![region("africa")], ..Stated::default() });
        // A limitation on another country of the region does not exclude a concept for Senegal.
        let mut elsewhere = strong();
        elsewhere.stated = Some(Stated { excluded_places: vec![country("KE")], ..Stated::default() });
        let named = |c: Candidate, id, name: &str| Candidate { organisation: id, name: name.into(), ..c };
        let s = suggest(
            &needs(),
            &[
                named(failed, 1, "Faron"),
                named(no_area, 2, "Eskel"),
                named(no_region, 3, "Galen"),
                named(elsewhere, 4, "Hesper"),
            ],
            &geo(),
            &Weights::default(),
            YEAR,
        );
        assert_eq!(
            s.excluded,
            vec![
                (2, "Eskel".into(), Exclusion::ExcludedArea("digital_inclusion".into())),
                (1, "Faron".into(), Exclusion::DueDiligenceFailed),
                (3, "Galen".into(), Exclusion::ExcludedPlace(country("SN"))),
            ]
        );
        assert_eq!(s.ranked.iter().map(|r| r.organisation).collect::<Vec<_>>(), [4]);
    }

    #[test]
    fn pending_due_diligence_costs_points_but_a_funder_with_nothing_in_its_favour_is_left_out() {
        let mut pending = candidate(1, "Ilvan");
        pending.due_diligence = DueDiligence::Pending;
        pending.member = true;
        pending.days_since_contact = Some(30);
        let mut idle = candidate(2, "Jorun");
        idle.due_diligence = DueDiligence::Pending;
        // Its only agreement is elsewhere, in another area, long ago, and nothing is stated.
        let mut unrelated = candidate(3, "Kestra");
        unrelated.history = vec![past(9, 2008, 10_000, "statistics", country("FJ"), false)];
        let s = suggest(&needs(), &[pending, idle, unrelated], &geo(), &Weights::default(), YEAR);
        assert_eq!(ranked(&s), [(1, -14)]);
        assert_eq!(
            s.ranked[0].factors,
            [
                Factor::Member { points: 3 },
                Factor::RecentContact { days: 30, points: 3 },
                Factor::DueDiligencePending { points: -20 },
            ]
        );
    }

    #[test]
    fn weights_set_the_points_and_zero_switches_a_factor_off() {
        let mut c = candidate(1, "Lira");
        c.stated = Some(Stated { areas: vec![("digital_inclusion".into(), 3)], ..Stated::default() });
        c.history = vec![past(1, 2026, 400_000, "digital_inclusion", country("SN"), false)];
        let w = Weights { stated_area: 0, past_area: 100, place: 0, size: 0, ..Weights::default() };
        let s = suggest(&needs(), &[c], &geo(), &w, YEAR);
        assert_eq!(ranked(&s), [(1, 50)]);
        // History saturates: many recent agreements give at most the whole weight.
        let mut busy = candidate(2, "Mira");
        busy.history = (0..20).map(|i| past(i, 2026, 500_000, "digital_inclusion", country("SN"), false)).collect();
        let s = suggest(&needs(), &[busy], &geo(), &w, YEAR);
        assert_eq!(
            s.ranked[0].factors[0],
            Factor::PastArea {
                areas: vec!["digital_inclusion".into()],
                agreements: (0..20).rev().collect(),
                usd_cents: 1_000_000_000,
                points: 100
            }
        );
    }

    #[test]
    fn the_size_fit_uses_the_stated_range_then_the_typical_agreement() {
        let ranged = |low: i64, high: i64| {
            let mut c = candidate(1, "Nova");
            c.stated = Some(Stated { amount_usd_cents: Some((low * 100, high * 100)), ..Stated::default() });
            c
        };
        let size = |c: Candidate| {
            suggest(&needs(), &[c], &geo(), &Weights::default(), YEAR)
                .ranked
                .first()
                .and_then(|r| r.factors.iter().find_map(|f| matches!(f, Factor::Size { .. }).then(|| f.points())))
        };
        assert_eq!(size(ranged(100_000, 500_000)), Some(10), "inside");
        assert_eq!(size(ranged(400_000, 900_000)), Some(5), "within half of its lowest");
        assert_eq!(size(ranged(1_000_000, 5_000_000)), None, "too small for it");
        let mut typical = candidate(2, "Orlen");
        typical.history = vec![past(1, 2010, 50_000, "statistics", country("FJ"), false)];
        assert_eq!(size(typical.clone()), Some(5), "six times its typical agreement");
        typical.history.push(past(2, 2011, 100_000, "statistics", country("FJ"), false));
        typical.history.push(past(3, 2012, 120_000, "statistics", country("FJ"), false));
        assert_eq!(size(typical), Some(10), "within four times its median");
    }

    #[test]
    fn weights_are_whole_numbers_from_0_to_100_and_every_bad_one_is_named() {
        let mut form = WeightsForm::of(&Weights::default());
        assert_eq!(form.parse(), Ok(Weights::default()));
        form.place = "0".into();
        assert_eq!(form.parse().map(|w| w.place), Ok(0));
        form.size = "101".into();
        form.past_area = "-3".into();
        form.relationship = " ".into();
        let errors = form.parse().unwrap_err();
        let fields: Vec<(&str, crate::error::FieldCode)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("past_area", crate::error::FieldCode::Invalid),
                ("size", crate::error::FieldCode::Invalid),
                ("relationship", crate::error::FieldCode::Required),
            ]
        );
    }
}
