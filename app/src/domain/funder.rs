//! Funding partners' closed lists: the types of funding they give and the mechanisms they
//! give it through (IATI aid types).
use crate::code_enum;
use crate::domain::agreement::AgreementKind;
use crate::domain::concept::Named;
use crate::domain::organisation::OrganisationKind;
use serde::{Deserialize, Serialize};

code_enum! {
    /// A type of funding a funder gives.
    pub enum FundingType {
        Grant = "grant",
        InKind = "in_kind",
        Expertise = "expertise",
        Secondment = "secondment",
        Loan = "loan",
        Sponsorship = "sponsorship",
    }
}

impl FundingType {
    /// Whether this type answers a contribution a concept seeks (`funding`, `in_kind`,
    /// `expertise`: the concepts' contribution codes).
    pub fn serves(self, contribution: &str) -> bool {
        matches!(
            (self, contribution),
            (FundingType::Grant | FundingType::Loan | FundingType::Sponsorship, "funding")
                | (FundingType::InKind | FundingType::Sponsorship, "in_kind")
                | (FundingType::Expertise | FundingType::Secondment, "expertise")
        )
    }
}

code_enum! {
    /// How a funder's money or help reaches the work: IATI aid types.
    pub enum Mechanism {
        ProjectType = "project_type",
        PooledFund = "pooled_fund",
        EarmarkedFund = "earmarked_fund",
        CoreContribution = "core_contribution",
        TechnicalAssistance = "technical_assistance",
        Personnel = "personnel",
        Scholarships = "scholarships",
        BudgetSupport = "budget_support",
    }
}

impl Mechanism {
    /// The IATI aid-type code (vocabulary 1, OECD DAC).
    pub fn iati_aid_type(self) -> &'static str {
        match self {
            Mechanism::ProjectType => "C01",
            Mechanism::PooledFund => "B04",
            Mechanism::EarmarkedFund => "B03",
            Mechanism::CoreContribution => "B02",
            Mechanism::TechnicalAssistance => "D02",
            Mechanism::Personnel => "D01",
            Mechanism::Scholarships => "E01",
            Mechanism::BudgetSupport => "A02",
        }
    }
}

/// A search of the funders' directory, as its address writes it; unknown values are dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunderQuery {
    /// Words of the name or acronym.
    pub q: String,
    pub kind: Option<OrganisationKind>,
    pub area: Option<String>,
    pub region: Option<String>,
    pub funding: Option<FundingType>,
    pub mechanism: Option<Mechanism>,
    pub page: i64,
}

impl FunderQuery {
    /// Reads a query string's pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> FunderQuery {
        let mut q = FunderQuery { page: 1, ..Default::default() };
        let code = |v: &str| {
            let v = v.trim();
            (!v.is_empty() && v.len() <= 40 && v.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
                .then(|| v.to_owned())
        };
        for (key, value) in pairs {
            match key {
                "q" => q.q = value.trim().chars().take(crate::domain::agreement::QUERY_MAX).collect(),
                "kind" => q.kind = OrganisationKind::parse(value.trim()),
                "area" => q.area = code(value),
                "region" => q.region = code(value),
                "funding" => q.funding = FundingType::parse(value.trim()),
                "mechanism" => q.mechanism = Mechanism::parse(value.trim()),
                "page" => q.page = value.trim().parse::<i64>().ok().filter(|p| (1..=10_000).contains(p)).unwrap_or(1),
                _ => {}
            }
        }
        q
    }

    /// The address's query string (empty values left out), page 1 unless `page` says.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        if !self.q.is_empty() {
            v.push(("q", self.q.clone()));
        }
        if let Some(k) = self.kind {
            v.push(("kind", k.code().to_owned()));
        }
        if let Some(a) = &self.area {
            v.push(("area", a.clone()));
        }
        if let Some(r) = &self.region {
            v.push(("region", r.clone()));
        }
        if let Some(f) = self.funding {
            v.push(("funding", f.code().to_owned()));
        }
        if let Some(m) = self.mechanism {
            v.push(("mechanism", m.code().to_owned()));
        }
        v
    }
}

/// A funder in the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunderCard {
    /// Its registry entry (the profile's address).
    pub organisation: i64,
    pub name: String,
    pub name_locale: Option<String>,
    pub kind: OrganisationKind,
    pub country: Option<String>,
    pub areas: Vec<Named>,
    pub regions: Vec<Named>,
    pub funding_types: Vec<FundingType>,
    /// How much of the profile is filled, in per cent.
    pub completeness: u8,
}

/// A page of the directory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunderDirectory {
    pub cards: Vec<FunderCard>,
    pub total: i64,
    pub per_page: i64,
}

code_enum! {
    /// The parts of a profile the completeness indicator counts, in the order it lists what
    /// is missing.
    pub enum ProfilePart {
        Mandate = "mandate",
        Strategy = "strategy",
        Areas = "areas",
        Places = "places",
        Sdgs = "sdgs",
        FundingTypes = "funding_types",
        Mechanisms = "mechanisms",
        Amount = "amount",
        Cycle = "cycle",
        Source = "source",
    }
}

/// How complete a profile is: the share of its parts filled, and the parts missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    pub percent: u8,
    pub missing: Vec<ProfilePart>,
}

impl Completeness {
    /// From the parts that are filled.
    pub fn of(filled: &[ProfilePart]) -> Completeness {
        let missing: Vec<ProfilePart> = ProfilePart::ALL.iter().copied().filter(|p| !filled.contains(p)).collect();
        let total = ProfilePart::ALL.len();
        let percent = u8::try_from((total - missing.len()) * 100 / total).unwrap_or(100);
        Completeness { percent, missing }
    }
}

/// What the agreements record shows of a funder (signed agreements where it is the funder).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservedProfile {
    pub count: i64,
    pub total_usd_cents: i64,
    /// The median value of its agreements with a value.
    pub typical_usd_cents: Option<i64>,
    pub first_signed: Option<String>,
    pub latest_signed: Option<String>,
    /// Areas and beneficiary regions, with how many agreements cover each, most first.
    pub areas: Vec<(Named, i64)>,
    pub regions: Vec<(Named, i64)>,
    pub kinds: Vec<(AgreementKind, i64)>,
    /// Who else was party to the same agreements: registry id, name, how many.
    pub cosignatories: Vec<(i64, String, i64)>,
}

/// Where what a funder states and what its recent agreements show part ways: it states
/// `stated` (regions), yet `count` of its last `of` agreements lie in `observed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drift {
    pub stated: Vec<Named>,
    pub observed: Named,
    pub count: usize,
    pub of: usize,
}

/// How many of a funder's latest agreements the drift flag looks at.
pub const RECENT: usize = 12;

/// The drift between stated regions and the regions of the latest agreements (`recent`: each
/// agreement's regions, newest first): the region most of the last [`RECENT`] agreements lie
/// in, when the funder does not state it and it holds at least half of them. Global counts
/// as every region, so a funder stating Global never drifts.
pub fn drift(stated: &[Named], recent: &[Vec<Named>]) -> Option<Drift> {
    use crate::domain::agreement::GLOBAL;
    if stated.is_empty() || stated.iter().any(|s| s.code == GLOBAL) {
        return None;
    }
    let last: Vec<&Vec<Named>> = recent.iter().take(RECENT).collect();
    let mut counts: Vec<(Named, usize)> = Vec::new();
    for regions in &last {
        let mut seen: Vec<&str> = Vec::new();
        for r in regions.iter().filter(|r| r.code != GLOBAL) {
            if seen.contains(&r.code.as_str()) {
                continue;
            }
            seen.push(&r.code);
            match counts.iter_mut().find(|(n, _)| n.code == r.code) {
                Some((_, c)) => *c += 1,
                None => counts.push((r.clone(), 1)),
            }
        }
    }
    // Most first; ties by code, so the flag is the same on every run.
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(&b.0.code)));
    let (top, count) = counts.into_iter().next()?;
    let of = last.len();
    (count * 2 >= of && !stated.iter().any(|s| s.code == top.code)).then(|| Drift {
        stated: stated.to_vec(),
        observed: top,
        count,
        of,
    })
}

/// A funder's profile page: the stated profile, what the record shows beside it, and (for
/// staff only) the relationship.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunderProfile {
    pub organisation: i64,
    pub name: String,
    pub name_locale: Option<String>,
    pub acronym: Option<String>,
    pub kind: Option<OrganisationKind>,
    pub country: Option<Named>,
    pub website: Option<String>,
    /// The language the mandate is shown in, and the mandate and strategy as safe HTML.
    pub text_locale: Option<String>,
    pub mandate_html: String,
    pub strategy_html: String,
    /// Priority areas with their weight (1–3).
    pub areas: Vec<(Named, u8)>,
    pub places: Vec<Named>,
    pub excluded_areas: Vec<Named>,
    pub excluded_places: Vec<Named>,
    pub sdgs: Vec<i64>,
    pub funding_types: Vec<FundingType>,
    pub mechanisms: Vec<Mechanism>,
    pub amount_usd_cents: (Option<i64>, Option<i64>),
    pub currency: Option<String>,
    pub funding_cycle: String,
    pub limitations: String,
    pub source: String,
    pub reviewed_on: Option<String>,
    pub completeness: Completeness,
    pub observed: ObservedProfile,
    pub drift: Option<Drift>,
    /// Staff-only: never filled for anyone else.
    pub relationship: Option<Relationship>,
}

/// The staff-only part of a profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    pub owner: Option<String>,
    pub contacts: String,
    pub notes: String,
    pub last_contact_on: Option<String>,
}

/// Longest mandate or strategy, in characters.
pub const TEXT_MAX: usize = 20_000;
/// Longest short text (funding cycle, limitations, source, contacts, notes).
pub const NOTE_MAX: usize = 5_000;

/// What a weight select offers for a stated area: a weight 1–3, or "does not fund".
pub const EXCLUDED: &str = "excluded";

/// A funder profile as its edit form sends it. Areas and places are parallel lists, one row
/// each (blank rows are skipped); SDGs, funding types and mechanisms are the boxes ticked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunderForm {
    /// The language the mandate and strategy are written in.
    pub original_locale: String,
    #[serde(default)]
    pub mandate: String,
    #[serde(default)]
    pub strategy: String,
    #[serde(default)]
    pub area: Vec<String>,
    /// `1`, `2`, `3` or [`EXCLUDED`], per area row.
    #[serde(default)]
    pub area_weight: Vec<String>,
    /// [`crate::domain::agreement::Place::code`]s.
    #[serde(default)]
    pub place: Vec<String>,
    /// `focus` or [`EXCLUDED`], per place row.
    #[serde(default)]
    pub place_mode: Vec<String>,
    #[serde(default)]
    pub sdg: Vec<String>,
    #[serde(default)]
    pub funding_type: Vec<String>,
    #[serde(default)]
    pub mechanism: Vec<String>,
    /// Whole US dollars.
    #[serde(default)]
    pub amount_low: String,
    #[serde(default)]
    pub amount_high: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub funding_cycle: String,
    #[serde(default)]
    pub limitations: String,
    #[serde(default)]
    pub source: String,
    /// Staff-only: the relationship owner (a staff id), contacts, notes, last contact.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub contacts: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub last_contact_on: String,
}

/// A checked profile: codes still to be resolved against the taxonomy by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FunderFacts {
    pub original_locale: String,
    pub mandate: String,
    pub strategy: String,
    /// Area codes with their weight; `None`: an area it does not fund.
    pub areas: Vec<(String, Option<u8>)>,
    /// Places with `true` where it does not fund them.
    pub places: Vec<(crate::domain::agreement::Place, bool)>,
    /// The form row each area and place came from, for errors found later.
    pub area_rows: Vec<usize>,
    pub place_rows: Vec<usize>,
    pub sdgs: Vec<i64>,
    pub funding_types: Vec<FundingType>,
    pub mechanisms: Vec<Mechanism>,
    pub amount_low_usd_cents: Option<i64>,
    pub amount_high_usd_cents: Option<i64>,
    pub currency: Option<String>,
    pub funding_cycle: String,
    pub limitations: String,
    pub source: String,
    pub owner: Option<i64>,
    pub contacts: String,
    pub notes: String,
    pub last_contact_on: Option<String>,
}

impl FunderForm {
    /// Checks every field; all errors at once, each on its field (`area.2`, `amount_high`…).
    pub fn parse(&self) -> Result<FunderFacts, Vec<crate::error::FieldError>> {
        use crate::domain::agreement::{CURRENCIES, Place};
        use crate::domain::editor::{clean, is_iso_date};
        use crate::error::{FieldCode, FieldError};
        let mut errors: Vec<FieldError> = Vec::new();
        let mut fail = |field: String, code: FieldCode| errors.push(FieldError::new(field, code));
        let original_locale = self.original_locale.trim().to_owned();
        if crate::domain::locale::parse(&original_locale).is_none() {
            fail("original_locale".into(), FieldCode::Unknown);
        }
        let mut long = |field: &str, raw: &str, multiline: bool, max: usize| {
            let text = clean(raw, multiline);
            if text.chars().count() > max {
                fail(field.into(), FieldCode::TooLong);
            }
            text
        };
        let mandate = long("mandate", &self.mandate, true, TEXT_MAX);
        let strategy = long("strategy", &self.strategy, true, TEXT_MAX);
        let funding_cycle = long("funding_cycle", &self.funding_cycle, false, NOTE_MAX);
        let limitations = long("limitations", &self.limitations, true, NOTE_MAX);
        let source = long("source", &self.source, false, NOTE_MAX);
        let contacts = long("contacts", &self.contacts, true, NOTE_MAX);
        let notes = long("notes", &self.notes, true, NOTE_MAX);
        let mut areas: Vec<(String, Option<u8>)> = Vec::new();
        let (mut area_rows, mut place_rows) = (Vec::new(), Vec::new());
        for (i, code) in self.area.iter().enumerate() {
            let code = code.trim();
            if code.is_empty() {
                continue;
            }
            if code.len() > 40 || !code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                fail(format!("area.{i}"), FieldCode::Unknown);
                continue;
            }
            let weight = match self.area_weight.get(i).map(|w| w.trim()).unwrap_or("2") {
                EXCLUDED => None,
                "1" => Some(1),
                "2" | "" => Some(2),
                "3" => Some(3),
                _ => {
                    fail(format!("area_weight.{i}"), FieldCode::Unknown);
                    continue;
                }
            };
            if areas.iter().any(|(c, _)| c == code) {
                fail(format!("area.{i}"), FieldCode::Duplicate);
                continue;
            }
            areas.push((code.to_owned(), weight));
            area_rows.push(i);
        }
        let mut places: Vec<(Place, bool)> = Vec::new();
        for (i, raw) in self.place.iter().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            let Some(place) = Place::parse(raw) else {
                fail(format!("place.{i}"), FieldCode::Unknown);
                continue;
            };
            let excluded = match self.place_mode.get(i).map(|m| m.trim()).unwrap_or("") {
                EXCLUDED => true,
                "" | "focus" => false,
                _ => {
                    fail(format!("place_mode.{i}"), FieldCode::Unknown);
                    continue;
                }
            };
            if places.iter().any(|(p, _)| *p == place) {
                fail(format!("place.{i}"), FieldCode::Duplicate);
                continue;
            }
            places.push((place, excluded));
            place_rows.push(i);
        }
        let mut sdgs: Vec<i64> = Vec::new();
        for raw in &self.sdg {
            match raw.trim().parse::<i64>() {
                Ok(n) if (1..=17).contains(&n) => {
                    if !sdgs.contains(&n) {
                        sdgs.push(n);
                    }
                }
                _ => fail("sdg".into(), FieldCode::Unknown),
            }
        }
        sdgs.sort_unstable();
        let mut funding_types: Vec<FundingType> = Vec::new();
        for raw in &self.funding_type {
            match FundingType::parse(raw.trim()) {
                Some(t) if !funding_types.contains(&t) => funding_types.push(t),
                Some(_) => {}
                None => fail("funding_type".into(), FieldCode::Unknown),
            }
        }
        let mut mechanisms: Vec<Mechanism> = Vec::new();
        for raw in &self.mechanism {
            match Mechanism::parse(raw.trim()) {
                Some(m) if !mechanisms.contains(&m) => mechanisms.push(m),
                Some(_) => {}
                None => fail("mechanism".into(), FieldCode::Unknown),
            }
        }
        let mut dollars = |field: &str, raw: &str| -> Option<i64> {
            let raw = raw.trim().replace([',', ' '], "");
            if raw.is_empty() {
                return None;
            }
            match raw.parse::<i64>().ok().filter(|n| *n >= 0).and_then(|n| n.checked_mul(100)) {
                Some(cents) => Some(cents),
                None => {
                    fail(field.into(), FieldCode::InvalidAmount);
                    None
                }
            }
        };
        let amount_low_usd_cents = dollars("amount_low", &self.amount_low);
        let amount_high_usd_cents = dollars("amount_high", &self.amount_high);
        if let (Some(low), Some(high)) = (amount_low_usd_cents, amount_high_usd_cents)
            && low > high
        {
            fail("amount_high".into(), FieldCode::RangeUpsideDown);
        }
        let currency = Some(self.currency.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
        if currency.as_deref().is_some_and(|c| !CURRENCIES.contains(&c)) {
            fail("currency".into(), FieldCode::Unknown);
        }
        let owner = match self.owner.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    fail("owner".into(), FieldCode::Unknown);
                    None
                }
            },
        };
        let last_contact_on = Some(self.last_contact_on.trim().to_owned()).filter(|d| !d.is_empty());
        if last_contact_on.as_deref().is_some_and(|d| !is_iso_date(d)) {
            fail("last_contact_on".into(), FieldCode::Invalid);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(FunderFacts {
            original_locale,
            mandate,
            strategy,
            areas,
            places,
            area_rows,
            place_rows,
            sdgs,
            funding_types,
            mechanisms,
            amount_low_usd_cents,
            amount_high_usd_cents,
            currency,
            funding_cycle,
            limitations,
            source,
            owner,
            contacts,
            notes,
            last_contact_on,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FunderForm {
        let v = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        FunderForm {
            original_locale: "fr".into(),
            mandate: "Soutenir le **numérique**.".into(),
            area: v(&["digital_inclusion", "", "cybersecurity"]),
            area_weight: v(&["3", "2", EXCLUDED]),
            place: v(&["region:africa", "country:ke", "group:sids"]),
            place_mode: v(&["focus", EXCLUDED, ""]),
            sdg: v(&["9", "4", "9"]),
            funding_type: v(&["grant", "expertise"]),
            mechanism: v(&["pooled_fund"]),
            amount_low: "50,000".into(),
            amount_high: "2000000".into(),
            currency: "eur".into(),
            owner: "4".into(),
            last_contact_on: "2026-10-01".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_profile_form_reads_rows_boxes_and_amounts() {
        use crate::domain::agreement::Place;
        let f = form().parse().unwrap();
        assert_eq!(f.areas, [("digital_inclusion".to_owned(), Some(3)), ("cybersecurity".to_owned(), None)]);
        assert_eq!(
            f.places,
            [
                (Place::Region("africa".into()), false),
                (Place::Country("KE".into()), true),
                (Place::Group("sids".into()), false)
            ]
        );
        assert_eq!(f.sdgs, [4, 9]);
        assert_eq!((f.amount_low_usd_cents, f.amount_high_usd_cents), (Some(5_000_000), Some(200_000_000)));
        assert_eq!((f.currency.as_deref(), f.owner), (Some("EUR"), Some(4)));
    }

    #[test]
    fn every_bad_field_of_a_profile_is_named() {
        let mut f = form();
        f.original_locale = "de".into();
        f.area = vec!["digital_inclusion".into(), "Bad Code".into(), "digital_inclusion".into()];
        f.area_weight = vec!["3".into(), "2".into(), "9".into()];
        f.place = vec!["country:KEN".into()];
        f.sdg = vec!["18".into()];
        f.funding_type = vec!["gift".into()];
        f.amount_low = "3000000".into();
        f.currency = "XYZ".into();
        f.last_contact_on = "01/10/2026".into();
        let mut fields: Vec<String> =
            f.parse().unwrap_err().into_iter().map(|e| format!("{}:{:?}", e.field, e.code)).collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "amount_high:RangeUpsideDown",
                "area.1:Unknown",
                "area_weight.2:Unknown",
                "currency:Unknown",
                "funding_type:Unknown",
                "last_contact_on:Invalid",
                "original_locale:Unknown",
                "place.0:Unknown",
                "sdg:Unknown",
            ]
        );
    }

    #[test]
    fn each_contribution_a_concept_seeks_is_served_by_some_types_and_not_others() {
        let serving = |c: &str| FundingType::ALL.iter().filter(|t| t.serves(c)).map(|t| t.code()).collect::<Vec<_>>();
        assert_eq!(serving("funding"), ["grant", "loan", "sponsorship"]);
        assert_eq!(serving("in_kind"), ["in_kind", "sponsorship"]);
        assert_eq!(serving("expertise"), ["expertise", "secondment"]);
        assert!(serving("other").is_empty());
    }

    #[test]
    fn every_mechanism_has_its_own_iati_aid_type() {
        let mut codes: Vec<&str> = Mechanism::ALL.iter().map(|m| m.iati_aid_type()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Mechanism::ALL.len());
    }

    fn named(code: &str) -> Named {
        Named { code: code.into(), name: code.to_uppercase() }
    }

    #[test]
    fn completeness_counts_the_parts_filled_and_lists_the_rest_in_order() {
        let c = Completeness::of(&[ProfilePart::Mandate, ProfilePart::Areas, ProfilePart::Amount]);
        assert_eq!(c.percent, 30);
        assert_eq!(c.missing[0], ProfilePart::Strategy);
        assert_eq!(c.missing.len(), 7);
        assert_eq!(Completeness::of(ProfilePart::ALL).percent, 100);
        assert_eq!(Completeness::of(&[]).percent, 0);
    }

    #[test]
    fn drift_flags_the_region_most_recent_agreements_lie_in_when_it_is_not_stated() {
        let africa = vec![named("africa")];
        let asia = vec![named("asia_pacific")];
        // 9 of its last 12 in Asia and the Pacific, though it states Africa; older ones do not count.
        let mut recent: Vec<Vec<Named>> = (0..9).map(|_| asia.clone()).collect();
        recent.extend((0..3).map(|_| africa.clone()));
        recent.extend((0..20).map(|_| africa.clone()));
        let d = drift(&africa, &recent).unwrap();
        assert_eq!((d.observed.code.as_str(), d.count, d.of), ("asia_pacific", 9, 12));
        // Stated: no drift. Under half: no drift. Global stated or observed: no drift.
        assert_eq!(drift(&asia, &recent), None);
        let mixed: Vec<Vec<Named>> = (0..12)
            .map(|i| if i < 5 { asia.clone() } else { vec![named(["americas", "europe", "cis"][i % 3])] })
            .collect();
        assert_eq!(drift(&africa, &mixed), None);
        assert_eq!(drift(&[named("global")], &recent), None);
        let global: Vec<Vec<Named>> = (0..12).map(|_| vec![named("global")]).collect();
        assert_eq!(drift(&africa, &global), None);
        assert_eq!(drift(&[], &recent), None, "nothing stated: nothing to drift from");
    }

    #[test]
    fn a_directory_address_reads_back_and_drops_what_it_does_not_know() {
        let q = FunderQuery::from_pairs([
            ("q", " Borea "),
            ("kind", "foundation"),
            ("area", "digital_inclusion"),
            ("funding", "loan"),
            ("mechanism", "nope"),
            ("region", "Africa!"),
            ("page", "0"),
        ]);
        assert_eq!(q.q, "Borea");
        assert_eq!(q.kind, Some(OrganisationKind::Foundation));
        assert_eq!((q.funding, q.mechanism, q.region.as_deref(), q.page), (Some(FundingType::Loan), None, None, 1));
        let pairs: Vec<(&str, String)> = q.to_pairs();
        assert_eq!(pairs.len(), 4);
    }
}
