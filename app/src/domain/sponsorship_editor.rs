//! Sponsorship as staff set it up: an event's facts and texts, its activities (texts,
//! benefits, capacity, conflicts, what the money seeds) and a new version of its price book,
//! as the forms send them and as they are checked (decision 0025). Every check is here, so
//! the server refuses what the browser would have refused, and nothing here does I/O.
use super::agreement::{CURRENCIES, currency_exponent, format_fixed, parse_fixed};
use super::editor::is_iso_date;
use super::locale::CODES;
use super::sponsorship::{
    Access, ActivityKind, BenefitKind, EventState, MAX_LIST_PRICE, PriceRules, Rate, RulesError, Tier,
};
use super::subscription::{NAME_MAX, clean_name, country_code};
use crate::error::{FieldCode, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest description of an event or an activity, in characters.
pub const DESCRIPTION_MAX: usize = 4_000;
/// The longest slug, in characters.
pub const SLUG_MAX: usize = 80;
/// The most places an activity can take.
pub const CAPACITY_MAX: u32 = 1_000;
/// The most of one benefit an activity can give (lanyards are counted by the thousand).
pub const QUANTITY_MAX: u32 = 100_000;
/// The thresholds a price book's multi-sponsorship tiers can start from: the 2nd to the 6th activity.
pub const TIER_RANKS: std::ops::RangeInclusive<u32> = 2..=6;

/// Texts in any of the six languages, as the form sends them: name and description by
/// language code (`form[texts][names][fr]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextsForm {
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    #[serde(default)]
    pub descriptions: BTreeMap<String, String>,
}

/// One language's text, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub locale: &'static str,
    pub name: String,
    pub description: String,
}

impl TextsForm {
    /// The languages with a name, in the six's order; the name in `original` is required, a
    /// description without a name is refused (it would not be shown).
    fn parse(&self, original: Option<&str>, errors: &mut Vec<FieldError>) -> Vec<Text> {
        let mut texts = Vec::new();
        for locale in CODES {
            let raw_name = self.names.get(locale).map_or("", String::as_str);
            let raw_description = self.descriptions.get(locale).map_or("", String::as_str);
            let name_field = format!("names.{locale}");
            let name = match clean_name(raw_name, NAME_MAX) {
                Ok(name) => Some(name),
                Err(FieldCode::Required) if original != Some(locale) => None,
                Err(code) => {
                    errors.push(FieldError::new(name_field.clone(), code));
                    None
                }
            };
            let description = match clean_name(raw_description, DESCRIPTION_MAX) {
                Ok(d) => d,
                Err(FieldCode::Required) => String::new(),
                Err(code) => {
                    errors.push(FieldError::new(format!("descriptions.{locale}"), code));
                    String::new()
                }
            };
            match name {
                Some(name) => texts.push(Text { locale, name, description }),
                None if !description.is_empty() => errors.push(FieldError::new(name_field, FieldCode::Required)),
                None => {}
            }
        }
        texts
    }

    /// The form showing `texts`.
    pub fn of(texts: &[(String, String, String)]) -> TextsForm {
        let mut form = TextsForm::default();
        for (locale, name, description) in texts {
            form.names.insert(locale.clone(), name.clone());
            form.descriptions.insert(locale.clone(), description.clone());
        }
        form
    }
}

/// An event as its form sends it. The slug is given once, when the event is made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    pub slug: String,
    pub original_locale: String,
    pub starts_on: String,
    pub ends_on: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
    pub access: String,
    pub currency: String,
    pub sales_until: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub texts: TextsForm,
}

/// A checked event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDraft {
    pub slug: String,
    pub original_locale: &'static str,
    pub starts_on: String,
    pub ends_on: String,
    pub city: String,
    pub country: Option<String>,
    pub access: Access,
    pub currency: String,
    pub sales_until: String,
    pub state: EventState,
    pub texts: Vec<Text>,
}

/// What the event already is, for the checks that depend on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventNow {
    pub state: EventState,
    pub currency: String,
    /// Quotes have been given for it.
    pub quoted: bool,
    /// Its price book in force prices at least one activity.
    pub priced: bool,
}

/// A slug as typed: lower-case letters, digits and single hyphens, 3 to [`SLUG_MAX`] long.
pub fn parse_slug(raw: &str) -> Result<String, FieldCode> {
    let slug = raw.trim().to_ascii_lowercase();
    let well_formed = slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    match slug.len() {
        0 => Err(FieldCode::Required),
        n if n > SLUG_MAX => Err(FieldCode::TooLong),
        n if n < 3 || !well_formed => Err(FieldCode::Invalid),
        _ => Ok(slug),
    }
}

impl EventForm {
    /// Checks a new event (`now` is `None`: the slug is required, it starts as a draft) or
    /// a change to one. An event cannot open without an activity priced, return to draft
    /// once quoted, or change currency once quoted (its quotes and price book are in it).
    pub fn parse(&self, now: Option<&EventNow>) -> Result<EventDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: FieldCode| errors.push(FieldError::new(field, code));
        let slug = match now {
            Some(_) => String::new(),
            None => parse_slug(&self.slug).unwrap_or_else(|code| {
                fail("slug", code);
                String::new()
            }),
        };
        let original_locale = CODES.iter().copied().find(|c| *c == self.original_locale.trim());
        if original_locale.is_none() {
            fail("original_locale", FieldCode::Unknown);
        }
        let mut day = |field: &str, raw: &str| {
            let d = raw.trim();
            if d.is_empty() {
                fail(field, FieldCode::Required);
            } else if !is_iso_date(d) {
                fail(field, FieldCode::Invalid);
            }
            d.to_owned()
        };
        let starts_on = day("starts_on", &self.starts_on);
        let ends_on = day("ends_on", &self.ends_on);
        let sales_until = day("sales_until", &self.sales_until);
        let dated = |d: &str| is_iso_date(d);
        if dated(&starts_on) && dated(&ends_on) && ends_on < starts_on {
            fail("ends_on", FieldCode::BeforeStart);
        }
        if dated(&sales_until) && dated(&ends_on) && sales_until > ends_on {
            fail("sales_until", FieldCode::AfterEnd);
        }
        let city = match clean_name(&self.city, NAME_MAX) {
            Ok(c) => c,
            Err(FieldCode::Required) => String::new(),
            Err(code) => {
                fail("city", code);
                String::new()
            }
        };
        let country = country_code(&self.country).unwrap_or_else(|code| {
            fail("country", code);
            None
        });
        let access = Access::parse(self.access.trim()).unwrap_or_else(|| {
            fail("access", FieldCode::Unknown);
            Access::Open
        });
        let currency = self.currency.trim().to_ascii_uppercase();
        if !CURRENCIES.contains(&currency.as_str()) {
            fail("currency", FieldCode::Unknown);
        } else if now.is_some_and(|n| n.quoted && n.currency != currency) {
            fail("currency", FieldCode::Quoted);
        }
        let state = match (now, self.state.trim()) {
            (None, _) => EventState::Draft,
            (Some(n), "") => n.state,
            (Some(n), raw) => match EventState::parse(raw) {
                None => {
                    fail("state", FieldCode::Unknown);
                    n.state
                }
                Some(EventState::Draft) if n.quoted && n.state != EventState::Draft => {
                    fail("state", FieldCode::Quoted);
                    n.state
                }
                Some(EventState::Open) if !n.priced => {
                    fail("state", FieldCode::NothingPriced);
                    n.state
                }
                Some(s) => s,
            },
        };
        let texts = self.texts.parse(original_locale, &mut errors);
        match original_locale {
            Some(original_locale) if errors.is_empty() => Ok(EventDraft {
                slug,
                original_locale,
                starts_on,
                ends_on,
                city,
                country,
                access,
                currency,
                sales_until,
                state,
                texts,
            }),
            _ => Err(errors),
        }
    }
}

/// An activity as its form sends it: benefits as quantities by kind (blank: none), the
/// activities it conflicts with by id, what its money seeds (`none`, `concept:ID`,
/// `region:CODE`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityForm {
    pub kind: String,
    pub capacity: String,
    #[serde(default)]
    pub seeds: String,
    #[serde(default)]
    pub benefits: BTreeMap<String, String>,
    #[serde(default)]
    pub conflicts: Vec<String>,
    #[serde(default)]
    pub texts: TextsForm,
}

/// What an activity's money seeds, as chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeedChoice {
    Activity,
    Concept(i64),
    Region(String),
}

impl SeedChoice {
    pub fn parse(raw: &str) -> Option<SeedChoice> {
        match raw.trim().split_once(':') {
            None if matches!(raw.trim(), "" | "none") => Some(SeedChoice::Activity),
            Some(("concept", id)) => id.parse().ok().filter(|id| *id > 0).map(SeedChoice::Concept),
            Some(("region", code)) if !code.is_empty() && code.len() <= 40 => Some(SeedChoice::Region(code.to_owned())),
            _ => None,
        }
    }

    /// The form's value for it.
    pub fn code(&self) -> String {
        match self {
            SeedChoice::Activity => "none".to_owned(),
            SeedChoice::Concept(id) => format!("concept:{id}"),
            SeedChoice::Region(code) => format!("region:{code}"),
        }
    }
}

/// A checked activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityDraft {
    pub kind: ActivityKind,
    pub capacity: u32,
    pub seeds: SeedChoice,
    pub benefits: Vec<(BenefitKind, u32)>,
    /// Other activities of the event, each once.
    pub conflicts: Vec<i64>,
    pub texts: Vec<Text>,
}

/// A count as typed, from 1 to `max`.
fn parse_count(raw: &str, max: u32) -> Result<u32, FieldCode> {
    match raw.trim() {
        "" => Err(FieldCode::Required),
        t => t.parse::<u32>().ok().filter(|n| (1..=max).contains(n)).ok_or(FieldCode::Invalid),
    }
}

impl ActivityForm {
    /// Checks an activity of an event written in `original` whose other activities are
    /// `others`; `taken` places are already reserved (the capacity cannot go below them).
    pub fn parse(&self, original: &str, others: &[i64], taken: u32) -> Result<ActivityDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: FieldCode| errors.push(FieldError::new(field, code));
        let kind = ActivityKind::parse(self.kind.trim()).unwrap_or_else(|| {
            fail("kind", FieldCode::Unknown);
            ActivityKind::Other
        });
        let capacity = match parse_count(&self.capacity, CAPACITY_MAX) {
            Ok(c) if c < taken => {
                fail("capacity", FieldCode::BelowTaken);
                c
            }
            Ok(c) => c,
            Err(code) => {
                fail("capacity", code);
                1
            }
        };
        let seeds = SeedChoice::parse(&self.seeds).unwrap_or_else(|| {
            fail("seeds", FieldCode::Unknown);
            SeedChoice::Activity
        });
        let mut benefits = Vec::new();
        for (code, raw) in &self.benefits {
            let field = format!("benefits.{code}");
            let Some(benefit) = BenefitKind::parse(code) else {
                fail(&field, FieldCode::Unknown);
                continue;
            };
            match parse_count(raw, QUANTITY_MAX) {
                Ok(quantity) => benefits.push((benefit, quantity)),
                Err(FieldCode::Required) => {}
                Err(code) => fail(&field, code),
            }
        }
        benefits.sort();
        let mut conflicts = Vec::new();
        for raw in &self.conflicts {
            match raw.trim().parse::<i64>().ok().filter(|id| others.contains(id)) {
                Some(id) if !conflicts.contains(&id) => conflicts.push(id),
                Some(_) => {}
                None => fail("conflicts", FieldCode::Unknown),
            }
        }
        conflicts.sort_unstable();
        let texts = self.texts.parse(Some(original), &mut errors);
        if errors.is_empty() {
            Ok(ActivityDraft { kind, capacity, seeds, benefits, conflicts, texts })
        } else {
            Err(errors)
        }
    }
}

/// A new version of an event's price book as its form sends it: the member discount and the
/// multi-sponsorship rates as percentages (a tier by the rank it starts from, blank: none),
/// and each activity's list price in the event's currency (blank: not on sale).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceBookForm {
    #[serde(default)]
    pub member_rate: String,
    #[serde(default)]
    pub tiers: BTreeMap<String, String>,
    #[serde(default)]
    pub prices: BTreeMap<String, String>,
}

/// A checked price book: its rules and the list price (minor units) of each activity on sale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceBookDraft {
    pub rules: PriceRules,
    pub prices: Vec<(i64, i64)>,
}

impl PriceBookForm {
    /// Checks a price book for an event in a currency of `exponent` decimals whose
    /// activities are `activities`.
    pub fn parse(&self, exponent: u32, activities: &[i64]) -> Result<PriceBookDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: FieldCode| errors.push(FieldError::new(field, code));
        let member_rate = match self.member_rate.trim() {
            "" => Rate::ZERO,
            raw => Rate::parse_percent(raw).unwrap_or_else(|| {
                fail("member_rate", FieldCode::Invalid);
                Rate::ZERO
            }),
        };
        let mut tiers = Vec::new();
        for (rank, raw) in &self.tiers {
            let field = format!("tiers.{rank}");
            let Some(from) = rank.parse::<u32>().ok().filter(|r| TIER_RANKS.contains(r)) else {
                fail(&field, FieldCode::Unknown);
                continue;
            };
            match raw.trim() {
                "" => {}
                raw => match Rate::parse_percent(raw) {
                    Some(rate) => tiers.push(Tier { from, rate }),
                    None => fail(&field, FieldCode::Invalid),
                },
            }
        }
        let rules = PriceRules::new(member_rate, tiers).unwrap_or_else(|e| {
            let code = match e {
                RulesError::TierThreshold => FieldCode::Duplicate,
                RulesError::TierRate => FieldCode::RatesNotRising,
                RulesError::TooMuchDiscount => FieldCode::DiscountTooHigh,
            };
            fail("tiers", code);
            PriceRules::default()
        });
        let mut prices = Vec::new();
        for (id, raw) in &self.prices {
            let field = format!("prices.{id}");
            let Some(activity) = id.parse::<i64>().ok().filter(|a| activities.contains(a)) else {
                fail(&field, FieldCode::Unknown);
                continue;
            };
            if raw.trim().is_empty() {
                continue;
            }
            match parse_fixed(raw, exponent).and_then(|v| i64::try_from(v).ok()).filter(|v| *v <= MAX_LIST_PRICE) {
                Some(amount) => prices.push((activity, amount)),
                None => fail(&field, FieldCode::InvalidAmount),
            }
        }
        prices.sort_unstable();
        if errors.is_empty() { Ok(PriceBookDraft { rules, prices }) } else { Err(errors) }
    }

    /// The form showing a price book: its rules, and the prices in a currency of `exponent`.
    pub fn of(rules: &PriceRules, prices: &[(i64, i64)], exponent: u32) -> PriceBookForm {
        let percent = |r: Rate| if r == Rate::ZERO { String::new() } else { r.percent() };
        PriceBookForm {
            member_rate: percent(rules.member_rate()),
            tiers: rules.tiers().iter().map(|t| (t.from.to_string(), t.rate.percent())).collect(),
            prices: prices.iter().map(|(a, p)| (a.to_string(), format_fixed(i128::from(*p), exponent))).collect(),
        }
    }
}

/// An event in the staff list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventListing {
    pub slug: String,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub state: EventState,
    pub access: Access,
    pub currency: String,
    pub activities: i64,
    /// The price book in force, if there is one.
    pub version: Option<i64>,
    pub quotes: i64,
}

/// An activity as the event's page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityListing {
    pub id: i64,
    pub name: String,
    pub kind: ActivityKind,
    pub capacity: i64,
    pub taken: i64,
    /// In the price book in force (none: not on sale).
    pub list_price: Option<i64>,
}

/// A version of the price book, as its history shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceBookVersion {
    pub version: i64,
    pub created_at: i64,
    pub created_by: Option<String>,
    pub quotes: i64,
}

/// An event as its staff page edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEdit {
    pub slug: String,
    pub name: String,
    pub form: EventForm,
    pub quoted: bool,
    pub exponent: u32,
    pub activities: Vec<ActivityListing>,
    /// The price book in force as a form, to edit into the next version.
    pub price_book: PriceBookForm,
    pub versions: Vec<PriceBookVersion>,
}

/// A choice of the activity form's seeds list: its value and name.
pub type SeedOption = (String, String);

/// An activity as its staff page edits it (`id` 0: a new one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEdit {
    pub id: i64,
    pub event_slug: String,
    pub event_name: String,
    pub original_locale: String,
    pub form: ActivityForm,
    pub taken: i64,
    /// The event's other activities: id and name.
    pub others: Vec<(i64, String)>,
    pub concepts: Vec<SeedOption>,
    pub regions: Vec<SeedOption>,
}

/// A price as its form shows it, in a currency of `exponent` decimals.
pub fn amount_text(minor: i64, exponent: u32) -> String {
    format_fixed(i128::from(minor), exponent)
}

/// The exponent of a currency the platform knows (2 for one it does not).
pub fn exponent_of(currency: &str) -> u32 {
    currency_exponent(currency).unwrap_or(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pairs: &[(&str, &str)]) -> TextsForm {
        TextsForm {
            names: pairs.iter().map(|(l, n)| ((*l).to_owned(), (*n).to_owned())).collect(),
            descriptions: BTreeMap::new(),
        }
    }

    fn event() -> EventForm {
        EventForm {
            slug: "Forum-2028".into(),
            original_locale: "fr".into(),
            starts_on: "2028-03-01".into(),
            ends_on: "2028-03-03".into(),
            city: " Dakar ".into(),
            country: "sn".into(),
            access: "open".into(),
            currency: "xof".into(),
            sales_until: "2028-02-01".into(),
            state: String::new(),
            texts: texts(&[("fr", "Forum de Dakar"), ("en", " Dakar Forum "), ("zh", "")]),
        }
    }

    fn codes(errors: Vec<FieldError>) -> Vec<(String, FieldCode)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_new_event_is_a_draft_with_its_texts_in_the_six_languages_order() {
        let e = event().parse(None).expect("valid");
        assert_eq!((e.slug.as_str(), e.state, e.currency.as_str()), ("forum-2028", EventState::Draft, "XOF"));
        assert_eq!((e.city.as_str(), e.country.as_deref()), ("Dakar", Some("SN")));
        let names: Vec<(&str, &str)> = e.texts.iter().map(|t| (t.locale, t.name.as_str())).collect();
        assert_eq!(names, [("en", "Dakar Forum"), ("fr", "Forum de Dakar")], "the UN order: ar, zh, en, fr, ru, es");
    }

    #[test]
    fn an_event_form_reports_every_bad_field() {
        let mut form = event();
        form.slug = "a b".into();
        form.ends_on = "2028-02-28".into();
        form.sales_until = "2028-13-01".into();
        form.currency = "XXY".into();
        form.access = "vip".into();
        form.texts = texts(&[("fr", " "), ("ar", &"س".repeat(NAME_MAX + 1))]);
        form.texts.descriptions.insert("ru".into(), "Описание".into());
        assert_eq!(
            codes(form.parse(None).unwrap_err()),
            [
                ("slug".to_owned(), FieldCode::Invalid),
                ("sales_until".to_owned(), FieldCode::Invalid),
                ("ends_on".to_owned(), FieldCode::BeforeStart),
                ("access".to_owned(), FieldCode::Unknown),
                ("currency".to_owned(), FieldCode::Unknown),
                ("names.ar".to_owned(), FieldCode::TooLong),
                ("names.fr".to_owned(), FieldCode::Required),
                ("names.ru".to_owned(), FieldCode::Required),
            ]
        );
        let mut late = event();
        late.sales_until = "2028-03-04".into();
        assert_eq!(codes(late.parse(None).unwrap_err()), [("sales_until".to_owned(), FieldCode::AfterEnd)]);
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_hyphens() {
        assert_eq!(parse_slug(" Summit-2028 "), Ok("summit-2028".into()));
        assert_eq!(parse_slug(""), Err(FieldCode::Required));
        for bad in ["ab", "-summit", "summit-", "a--b", "été-2028", "a_b"] {
            assert_eq!(parse_slug(bad), Err(FieldCode::Invalid), "{bad}");
        }
        assert_eq!(parse_slug(&"a".repeat(SLUG_MAX + 1)), Err(FieldCode::TooLong));
    }

    #[test]
    fn a_quoted_event_keeps_its_currency_and_does_not_return_to_draft() {
        let now = EventNow { state: EventState::Open, currency: "XOF".into(), quoted: true, priced: true };
        let mut form = event();
        form.slug = String::new();
        form.state = "draft".into();
        form.currency = "EUR".into();
        assert_eq!(
            codes(form.parse(Some(&now)).unwrap_err()),
            [("currency".to_owned(), FieldCode::Quoted), ("state".to_owned(), FieldCode::Quoted)]
        );
        form.state = "suspended".into();
        form.currency = "XOF".into();
        let e = form.parse(Some(&now)).expect("the slug is not asked again");
        assert_eq!((e.state, e.slug.as_str()), (EventState::Suspended, ""));
        let unpriced = EventNow { state: EventState::Draft, currency: "XOF".into(), quoted: false, priced: false };
        form.state = "open".into();
        assert_eq!(codes(form.parse(Some(&unpriced)).unwrap_err()), [("state".to_owned(), FieldCode::NothingPriced)]);
        form.state = String::new();
        assert_eq!(form.parse(Some(&unpriced)).map(|e| e.state), Ok(EventState::Draft), "blank keeps the state");
    }

    fn activity() -> ActivityForm {
        let mut benefits = BTreeMap::new();
        benefits.insert("passes".to_owned(), "4".to_owned());
        benefits.insert("booth".to_owned(), String::new());
        benefits.insert("logo_online".to_owned(), " 1 ".to_owned());
        ActivityForm {
            kind: "lunch".into(),
            capacity: "2".into(),
            seeds: "region:africa".into(),
            benefits,
            conflicts: vec!["7".into(), "9".into(), "7".into()],
            texts: texts(&[("fr", "Déjeuner"), ("ar", "غداء")]),
        }
    }

    #[test]
    fn an_activity_keeps_its_benefits_conflicts_and_seed() {
        let a = activity().parse("fr", &[7, 8, 9], 0).expect("valid");
        assert_eq!((a.kind, a.capacity, a.seeds), (ActivityKind::Lunch, 2, SeedChoice::Region("africa".into())));
        assert_eq!(a.benefits, [(BenefitKind::LogoOnline, 1), (BenefitKind::Passes, 4)], "blank is none");
        assert_eq!(a.conflicts, [7, 9], "each once");
        assert_eq!(a.texts.iter().map(|t| t.locale).collect::<Vec<_>>(), ["ar", "fr"]);
    }

    #[test]
    fn an_activity_form_refuses_what_the_event_cannot_take() {
        let mut form = activity();
        form.kind = "concert".into();
        form.capacity = "1".into();
        form.seeds = "concept:x".into();
        form.benefits.insert("passes".into(), "0".into());
        form.benefits.insert("yacht".into(), "1".into());
        form.conflicts = vec!["3".into()];
        assert_eq!(
            codes(form.parse("en", &[7], 2).unwrap_err()),
            [
                ("kind".to_owned(), FieldCode::Unknown),
                ("capacity".to_owned(), FieldCode::BelowTaken),
                ("seeds".to_owned(), FieldCode::Unknown),
                ("benefits.passes".to_owned(), FieldCode::Invalid),
                ("benefits.yacht".to_owned(), FieldCode::Unknown),
                ("conflicts".to_owned(), FieldCode::Unknown),
                ("names.en".to_owned(), FieldCode::Required),
            ],
            "two places are taken; 3 is no other activity of the event; the event is written in English"
        );
        assert_eq!(SeedChoice::parse("concept:12"), Some(SeedChoice::Concept(12)));
        assert_eq!(SeedChoice::parse("none").map(|s| s.code()), Some("none".into()));
    }

    #[test]
    fn a_price_book_reads_percentages_and_prices_in_the_events_currency() {
        let mut form = PriceBookForm { member_rate: "10".into(), ..PriceBookForm::default() };
        form.tiers.insert("2".into(), "5".into());
        form.tiers.insert("3".into(), "7,5 %".into());
        form.tiers.insert("4".into(), String::new());
        form.prices.insert("11".into(), "12 000.50".into());
        form.prices.insert("12".into(), String::new());
        let book = form.parse(2, &[11, 12]).expect("valid");
        assert_eq!(book.prices, [(11, 1_200_050)], "blank is not on sale");
        assert_eq!(book.rules.tier_rate(3).basis_points(), 750);
        assert_eq!(book.rules.member_rate().basis_points(), 1_000);
        let again = PriceBookForm::of(&book.rules, &book.prices, 2);
        assert_eq!(again.parse(2, &[11, 12]), Ok(book), "the form of a book reads back as the book");
        assert_eq!(again.prices["11"], "12000.5");
    }

    #[test]
    fn a_price_book_refuses_stacking_beyond_the_policy_and_bad_prices() {
        let mut form = PriceBookForm { member_rate: "30".into(), ..PriceBookForm::default() };
        form.tiers.insert("2".into(), "25".into());
        form.tiers.insert("9".into(), "1".into());
        form.prices.insert("11".into(), "12.345".into());
        form.prices.insert("99".into(), "1".into());
        assert_eq!(
            codes(form.parse(2, &[11]).unwrap_err()),
            [
                ("tiers.9".to_owned(), FieldCode::Unknown),
                ("tiers".to_owned(), FieldCode::DiscountTooHigh),
                ("prices.11".to_owned(), FieldCode::InvalidAmount),
                ("prices.99".to_owned(), FieldCode::Unknown),
            ]
        );
        let mut falling = PriceBookForm::default();
        falling.tiers.insert("2".into(), "10".into());
        falling.tiers.insert("3".into(), "5".into());
        assert_eq!(codes(falling.parse(0, &[]).unwrap_err()), [("tiers".to_owned(), FieldCode::RatesNotRising)]);
        let mut yen = PriceBookForm::default();
        yen.prices.insert("1".into(), "1500.5".into());
        assert_eq!(codes(yen.parse(0, &[1]).unwrap_err()), [("prices.1".to_owned(), FieldCode::InvalidAmount)]);
    }
}
