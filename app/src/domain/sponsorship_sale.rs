//! After the quote: what staff do with it. A quote is answered once — accepted (a
//! *sponsorship* for a registry organisation, with a place of each activity reserved) or
//! declined — and lapses when its validity passes. A sponsorship moves accepted → contract
//! sent → signed → paid, or is cancelled before it is signed; it counts only once signed
//! **and** paid (as standards bodies count), in the year of the later of the two (decision
//! 0023). Signing makes it an agreement of kind *sponsorship agreement* in the record; the
//! checklist lists what the sponsor is owed. Nothing here does I/O.
use crate::code_enum;
use crate::domain::agreement::{
    Agreement, AgreementKind, ContributionType, Party, PartyRole, Place, RATE_SCALE, Rows, Share, Transaction,
    TransactionKind, Value, WHOLE, format_fixed, parse_fixed, usd_cents,
};
use crate::domain::editor::is_iso_date;
use crate::domain::sponsorship::BenefitKind;
use crate::domain::sponsorship_quote::QuoteLine;
use crate::error::{FieldCode, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

code_enum! {
    /// Where a quote stands. `Sent` quotes past their validity read as `Expired`.
    pub enum QuoteState {
        Sent = "sent",
        Accepted = "accepted",
        Expired = "expired",
        Declined = "declined",
    }
}

impl QuoteState {
    /// The state as staff see it on `today` (`YYYY-MM-DD`): a sent quote whose last valid
    /// day has passed has expired, whether or not anyone wrote it down.
    pub fn on(self, valid_until: &str, today: &str) -> QuoteState {
        match self {
            QuoteState::Sent if valid_until < today => QuoteState::Expired,
            other => other,
        }
    }
}

code_enum! {
    /// Where a sponsorship stands.
    pub enum SaleState {
        Accepted = "accepted",
        ContractSent = "contract_sent",
        Signed = "signed",
        Paid = "paid",
        Cancelled = "cancelled",
    }
}

impl SaleState {
    /// The states it can move to. Signed sponsorships are agreements: they are not cancelled
    /// here but terminated in the record.
    pub fn moves(self) -> &'static [SaleState] {
        match self {
            SaleState::Accepted => &[SaleState::ContractSent, SaleState::Signed, SaleState::Cancelled],
            SaleState::ContractSent => &[SaleState::Signed, SaleState::Cancelled],
            SaleState::Signed => &[SaleState::Paid],
            SaleState::Paid | SaleState::Cancelled => &[],
        }
    }

    /// Whether it counts in the revenue: signed and paid.
    pub fn counts(self) -> bool {
        self == SaleState::Paid
    }
}

/// A line of the fulfilment checklist: the sponsor's logo received, or a benefit delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliverableKind {
    LogoReceived,
    Benefit(BenefitKind),
}

impl DeliverableKind {
    /// The code it is stored and sent as: the benefit's own, or `logo_received`.
    pub fn code(self) -> &'static str {
        match self {
            DeliverableKind::LogoReceived => "logo_received",
            DeliverableKind::Benefit(b) => b.code(),
        }
    }

    pub fn parse(code: &str) -> Option<DeliverableKind> {
        match code {
            "logo_received" => Some(DeliverableKind::LogoReceived),
            other => BenefitKind::parse(other).map(DeliverableKind::Benefit),
        }
    }
}

impl Serialize for DeliverableKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for DeliverableKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str> as Deserialize>::deserialize(deserializer)?;
        DeliverableKind::parse(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown code {code:?}")))
    }
}

/// The quotes inbox's filters as the GET form sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteFilter {
    /// An event's slug, or empty for every event.
    #[serde(default)]
    pub event: String,
    /// A quote state's code, or empty for every state.
    #[serde(default)]
    pub state: String,
}

/// Checked filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteFilterParsed {
    pub event: Option<String>,
    pub state: Option<QuoteState>,
}

impl QuoteFilter {
    pub fn parse(&self) -> Result<QuoteFilterParsed, Vec<FieldError>> {
        let event = Some(self.event.trim()).filter(|e| !e.is_empty());
        if event.is_some_and(|e| e.len() > 120) {
            return Err(vec![FieldError::new("event", FieldCode::Unknown)]);
        }
        let state = match self.state.trim() {
            "" => None,
            code => Some(QuoteState::parse(code).ok_or_else(|| vec![FieldError::new("state", FieldCode::Unknown)])?),
        };
        Ok(QuoteFilterParsed { event: event.map(str::to_owned), state })
    }

    pub fn to_query_string(&self) -> String {
        [("event", &self.event), ("state", &self.state)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::domain::catalogue::encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// A quote in the staff inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSummary {
    pub number: String,
    pub event: String,
    pub event_slug: String,
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    pub member_claimed: bool,
    pub currency: String,
    pub exponent: u32,
    pub total: i64,
    pub issued_on: String,
    pub valid_until: String,
    pub state: QuoteState,
    /// The sponsorship it became, once accepted.
    pub sponsorship: Option<i64>,
}

/// The quotes inbox: the quotes the filters find, newest first, and the events to filter by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteInbox {
    pub quotes: Vec<QuoteSummary>,
    /// `(slug, name)` of every event.
    pub events: Vec<(String, String)>,
    pub sponsorships: Vec<SaleSummary>,
}

/// A quote as staff answer it: its lines, and the registry entries it may be for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteReview {
    pub summary: QuoteSummary,
    pub lines: Vec<QuoteLine>,
    pub price_book_version: i64,
    pub suggestions: Vec<crate::domain::organisation::Suggestion>,
}

/// Accepting a quote, as the form sends it: the registry entry it is for (its id), or `new`
/// for an entry made from the quote's organisation name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptForm {
    pub quote: String,
    pub organisation: String,
}

/// Who the accepted quote's sponsorship is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sponsor {
    Registered(i64),
    /// A new registry entry with the quote's organisation name.
    New,
}

impl AcceptForm {
    pub fn parse(&self) -> Result<(String, Sponsor), Vec<FieldError>> {
        let mut errors = Vec::new();
        let quote = self.quote.trim();
        if quote.is_empty() || quote.len() > 20 {
            errors.push(FieldError::new("quote", FieldCode::Unknown));
        }
        let sponsor = match self.organisation.trim() {
            "new" => Some(Sponsor::New),
            "" => {
                errors.push(FieldError::new("organisation", FieldCode::Required));
                None
            }
            id => {
                let id = id.parse().ok().filter(|id: &i64| *id > 0);
                if id.is_none() {
                    errors.push(FieldError::new("organisation", FieldCode::Unknown));
                }
                id.map(Sponsor::Registered)
            }
        };
        match sponsor {
            Some(s) if errors.is_empty() => Ok((quote.to_owned(), s)),
            _ => Err(errors),
        }
    }
}

/// Moving a sponsorship, as the form sends it: the state, the day it happened, and on
/// signing the US dollars one unit of the event's currency was worth.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveForm {
    pub to: String,
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub usd_rate: String,
}

/// A checked move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub to: SaleState,
    /// `YYYY-MM-DD`.
    pub on: String,
    /// US dollars per unit times [`RATE_SCALE`], given on signing.
    pub rate: Option<i64>,
}

impl MoveForm {
    /// Checks the move from `from` for a sponsorship in `currency`; `today` is the day used
    /// when none is given. A day cannot be in the future, nor before `earliest` (the day of
    /// the step before).
    pub fn parse(&self, from: SaleState, currency: &str, today: &str, earliest: &str) -> Result<Move, Vec<FieldError>> {
        let mut errors = Vec::new();
        let to = SaleState::parse(self.to.trim());
        match to {
            None => errors.push(FieldError::new("to", FieldCode::Unknown)),
            Some(to) if !from.moves().contains(&to) => errors.push(FieldError::new("to", FieldCode::NotAllowed)),
            Some(_) => {}
        }
        let on = match self.on.trim() {
            "" => today.to_owned(),
            d if !is_iso_date(d) => {
                errors.push(FieldError::new("on", FieldCode::Invalid));
                String::new()
            }
            d if d > today => {
                errors.push(FieldError::new("on", FieldCode::Invalid));
                String::new()
            }
            d if d < earliest => {
                errors.push(FieldError::new("on", FieldCode::BeforeStart));
                String::new()
            }
            d => d.to_owned(),
        };
        let rate = match (to, currency, self.usd_rate.trim()) {
            (Some(SaleState::Signed), "USD", "") => Some(RATE_SCALE),
            (Some(SaleState::Signed), _, "") => {
                errors.push(FieldError::new("usd_rate", FieldCode::Required));
                None
            }
            (Some(SaleState::Signed), _, raw) => {
                let rate = parse_fixed(&raw.replace(',', "."), 9).and_then(|r| i64::try_from(r).ok()).filter(|r| *r > 0);
                if rate.is_none() {
                    errors.push(FieldError::new("usd_rate", FieldCode::Invalid));
                }
                rate
            }
            _ => None,
        };
        match to {
            Some(to) if errors.is_empty() => Ok(Move { to, on, rate }),
            _ => Err(errors),
        }
    }
}

/// The rate as typed in the form (`1.0734`).
pub fn rate_text(rate: i64) -> String {
    format_fixed(i128::from(rate), 9)
}

/// A sponsorship in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleSummary {
    pub id: i64,
    pub quote: String,
    pub event: String,
    pub organisation: String,
    pub state: SaleState,
    pub currency: String,
    pub exponent: u32,
    pub total: i64,
    pub accepted_on: String,
    /// Checklist lines done, of all.
    pub done: usize,
    pub deliverables: usize,
}

/// A line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deliverable {
    pub position: i64,
    pub kind: DeliverableKind,
    /// The activity's name, for a benefit.
    pub activity: Option<String>,
    pub quantity: i64,
    pub done_on: Option<String>,
}

/// A sponsorship as its staff page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleDetail {
    pub summary: SaleSummary,
    pub organisation_id: i64,
    pub event_slug: String,
    pub lines: Vec<QuoteLine>,
    pub contract_sent_on: Option<String>,
    pub signed_on: Option<String>,
    pub paid_on: Option<String>,
    pub usd_cents: Option<i64>,
    /// The agreement it became on signing: its id and reference.
    pub agreement: Option<(i64, String)>,
    pub deliverables: Vec<Deliverable>,
}

impl SaleDetail {
    /// The day of the latest step so far: a move cannot be dated before it.
    pub fn last_step_on(&self) -> &str {
        [&self.paid_on, &self.signed_on, &self.contract_sent_on]
            .into_iter()
            .find_map(|d| d.as_deref())
            .unwrap_or(&self.summary.accepted_on)
    }
}

/// What signing makes of a sponsorship: the facts of its agreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedSale {
    /// `"{event}: {activity}, {activity}"` in the event's language.
    pub title: String,
    pub locale: String,
    pub organisation: i64,
    pub signed_on: String,
    pub event_starts_on: String,
    pub event_ends_on: String,
    pub currency: String,
    pub exponent: u32,
    pub total: i64,
    pub rate: i64,
    /// The concept its money seeds, if any.
    pub concept: Option<i64>,
    /// Where it benefits: the regional initiative it seeds, or the event's country.
    pub place: Option<Place>,
}

impl SignedSale {
    pub fn usd_cents(&self) -> i64 {
        usd_cents(self.total, self.exponent, self.rate)
    }

    /// The agreement: the sponsor funds, the agency is accountable, both signed the same
    /// day; in force for the event's days; its value the quote's total.
    pub fn agreement(&self) -> Agreement {
        let value = (self.total > 0).then(|| Value {
            currency: self.currency.clone(),
            minor: self.total,
            rate: self.rate,
            rate_on: Some(self.signed_on.clone()),
            usd_cents: self.usd_cents(),
        });
        Agreement {
            kind: AgreementKind::Sponsorship,
            original_locale: self.locale.clone(),
            title: self.title.chars().take(crate::domain::agreement::TITLE_MAX).collect(),
            summary: String::new(),
            amends: None,
            concept: self.concept,
            interest: None,
            agency_role: PartyRole::Accountable,
            agency_signed_on: Some(self.signed_on.clone()),
            effective_on: Some(self.signed_on.clone().min(self.event_starts_on.clone())),
            expires_on: Some(self.event_ends_on.clone().max(self.signed_on.clone())),
            contribution: ContributionType::Financial,
            value,
            parties: vec![Party {
                organisation: self.organisation,
                role: PartyRole::Funding,
                signed_on: Some(self.signed_on.clone()),
            }],
            areas: Vec::new(),
            places: self.place.clone().map(|item| Share { item, share: Some(WHOLE) }).into_iter().collect(),
            transactions: Vec::new(),
            obligations: Vec::new(),
            rows: Rows::default(),
        }
    }
}

/// The money received, as the agreement's transaction.
pub fn payment(total: i64, exponent: u32, rate: i64, paid_on: &str) -> Transaction {
    Transaction {
        kind: TransactionKind::Received,
        on: paid_on.to_owned(),
        minor: total,
        usd_cents: usd_cents(total, exponent, rate),
    }
}

/// A sponsorship that counts: signed and paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountedSale {
    pub event: String,
    pub event_slug: String,
    pub sponsor: String,
    pub organisation: i64,
    pub signed_on: String,
    pub paid_on: String,
    pub usd_cents: i64,
}

impl CountedSale {
    /// The year it counts in: that of the later of signature and payment.
    pub fn year(&self) -> i64 {
        let day = self.signed_on.as_str().max(self.paid_on.as_str());
        day.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
    }
}

/// A row of a revenue table: what it is, how many sponsorships, and their US cents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevenueRow {
    pub label: String,
    pub key: String,
    pub count: usize,
    pub usd_cents: i64,
}

/// Revenue by event, by sponsor and by year, dearest first (years in order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revenue {
    pub by_event: Vec<RevenueRow>,
    pub by_sponsor: Vec<RevenueRow>,
    pub by_year: Vec<RevenueRow>,
    pub usd_cents: i64,
    pub count: usize,
}

/// Sums counted sponsorships three ways.
pub fn revenue(sales: &[CountedSale]) -> Revenue {
    fn tally(rows: impl Iterator<Item = (String, String, i64)>) -> Vec<RevenueRow> {
        let mut by: BTreeMap<String, RevenueRow> = BTreeMap::new();
        for (key, label, cents) in rows {
            let row = by.entry(key.clone()).or_insert(RevenueRow { label, key, count: 0, usd_cents: 0 });
            row.count += 1;
            row.usd_cents += cents;
        }
        by.into_values().collect()
    }
    let mut by_event = tally(sales.iter().map(|s| (s.event_slug.clone(), s.event.clone(), s.usd_cents)));
    let mut by_sponsor = tally(sales.iter().map(|s| (s.organisation.to_string(), s.sponsor.clone(), s.usd_cents)));
    let by_year = tally(sales.iter().map(|s| (s.year().to_string(), s.year().to_string(), s.usd_cents)));
    let dearest = |a: &RevenueRow, b: &RevenueRow| b.usd_cents.cmp(&a.usd_cents).then_with(|| a.label.cmp(&b.label));
    by_event.sort_by(dearest);
    by_sponsor.sort_by(dearest);
    Revenue {
        by_event,
        by_sponsor,
        by_year,
        usd_cents: sales.iter().map(|s| s.usd_cents).sum(),
        count: sales.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checklist_line_is_the_logo_or_a_benefit_by_its_code() {
        for kind in BenefitKind::ALL.iter().map(|b| DeliverableKind::Benefit(*b)).chain([DeliverableKind::LogoReceived]) {
            assert_eq!(DeliverableKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(DeliverableKind::parse("cake"), None);
    }

    #[test]
    fn a_sent_quote_lapses_after_its_last_valid_day() {
        assert_eq!(QuoteState::Sent.on("2027-03-01", "2027-03-01"), QuoteState::Sent);
        assert_eq!(QuoteState::Sent.on("2027-03-01", "2027-03-02"), QuoteState::Expired);
        assert_eq!(QuoteState::Accepted.on("2027-03-01", "2027-04-01"), QuoteState::Accepted);
    }

    #[test]
    fn a_sponsorship_moves_forward_and_counts_only_when_paid() {
        assert!(SaleState::Accepted.moves().contains(&SaleState::ContractSent));
        assert!(!SaleState::Accepted.moves().contains(&SaleState::Paid), "paid only once signed");
        assert!(!SaleState::Signed.moves().contains(&SaleState::Cancelled));
        assert!(SaleState::Paid.moves().is_empty());
        let counted: Vec<SaleState> = SaleState::ALL.iter().copied().filter(|s| s.counts()).collect();
        assert_eq!(counted, [SaleState::Paid]);
    }

    #[test]
    fn a_move_is_checked_against_the_state_the_day_and_the_currency() {
        let form = |to: &str, on: &str, rate: &str| MoveForm { to: to.into(), on: on.into(), usd_rate: rate.into() };
        let codes = |r: Result<Move, Vec<FieldError>>| {
            r.unwrap_err().into_iter().map(|e| format!("{}:{}", e.field, e.code.as_str())).collect::<Vec<_>>()
        };
        let today = "2027-05-10";
        let signed = form("signed", "2027-05-02", "").parse(SaleState::Accepted, "USD", today, "2027-05-01").unwrap();
        assert_eq!(signed.rate, Some(RATE_SCALE), "US dollars need no rate");
        let chf = form("signed", "", "1,0734").parse(SaleState::ContractSent, "CHF", today, "2027-05-01").unwrap();
        assert_eq!((chf.on.as_str(), chf.rate), (today, Some(1_073_400_000)));
        assert_eq!(codes(form("signed", "", "").parse(SaleState::Accepted, "CHF", today, "2027-05-01")), ["usd_rate:required"]);
        assert_eq!(codes(form("paid", "", "").parse(SaleState::Accepted, "USD", today, "2027-05-01")), ["to:not_allowed"]);
        assert_eq!(codes(form("won", "", "").parse(SaleState::Accepted, "USD", today, "2027-05-01")), ["to:unknown"]);
        assert_eq!(codes(form("paid", "2027-06-01", "").parse(SaleState::Signed, "USD", today, "2027-05-01")), ["on:invalid"]);
        assert_eq!(
            codes(form("paid", "2027-04-30", "").parse(SaleState::Signed, "USD", today, "2027-05-01")),
            ["on:before_start"]
        );
        assert_eq!(codes(form("signed", "", "-2").parse(SaleState::Accepted, "EUR", today, "2027-05-01")), ["usd_rate:invalid"]);
    }

    #[test]
    fn accepting_names_a_registry_entry_or_a_new_one() {
        let form = |o: &str| AcceptForm { quote: "Q-2027-0001".into(), organisation: o.into() };
        assert_eq!(form("12").parse().unwrap().1, Sponsor::Registered(12));
        assert_eq!(form("new").parse().unwrap().1, Sponsor::New);
        assert_eq!(form("").parse().unwrap_err()[0].code, FieldCode::Required);
        assert_eq!(form("-3").parse().unwrap_err()[0].code, FieldCode::Unknown);
        let filter = QuoteFilter { event: "summit".into(), state: "expired".into() };
        assert_eq!(filter.parse().unwrap().state, Some(QuoteState::Expired));
        assert_eq!(filter.to_query_string(), "event=summit&state=expired");
        assert!(QuoteFilter { state: "lost".into(), ..filter }.parse().is_err());
    }

    #[test]
    fn signing_makes_a_sponsorship_agreement_worth_the_quote() {
        let sale = SignedSale {
            title: "Summit: Wi-Fi".into(),
            locale: "en".into(),
            organisation: 7,
            signed_on: "2027-02-01".into(),
            event_starts_on: "2027-03-10".into(),
            event_ends_on: "2027-03-12".into(),
            currency: "CHF".into(),
            exponent: 2,
            total: 1_000_000,
            rate: 1_100_000_000,
            concept: None,
            place: Some(Place::Country("CH".into())),
        };
        let a = sale.agreement();
        assert_eq!(a.kind, AgreementKind::Sponsorship);
        assert_eq!(a.concluded_on().as_deref(), Some("2027-02-01"));
        assert_eq!(a.value.as_ref().map(|v| v.usd_cents), Some(1_100_000));
        assert_eq!((a.effective_on.as_deref(), a.expires_on.as_deref()), (Some("2027-02-01"), Some("2027-03-12")));
        assert!(a.unsigned_fields().is_empty());
        assert_eq!(payment(1_000_000, 2, 1_100_000_000, "2027-02-20").usd_cents, 1_100_000);
    }

    #[test]
    fn revenue_counts_each_sponsorship_once_in_each_table() {
        let sale = |slug: &str, org: i64, signed: &str, paid: &str, cents: i64| CountedSale {
            event: slug.to_uppercase(),
            event_slug: slug.into(),
            sponsor: format!("Org {org}"),
            organisation: org,
            signed_on: signed.into(),
            paid_on: paid.into(),
            usd_cents: cents,
        };
        let r = revenue(&[
            sale("a", 1, "2017-03-01", "2017-04-01", 500),
            sale("b", 1, "2017-11-20", "2018-01-05", 300),
            sale("a", 2, "2017-05-01", "2017-05-02", 900),
        ]);
        assert_eq!((r.count, r.usd_cents), (3, 1700));
        let rows = |t: &[RevenueRow]| t.iter().map(|r| (r.label.clone(), r.count, r.usd_cents)).collect::<Vec<_>>();
        assert_eq!(rows(&r.by_event), [("A".into(), 2, 1400), ("B".into(), 1, 300)]);
        assert_eq!(rows(&r.by_sponsor), [("Org 2".into(), 1, 900), ("Org 1".into(), 2, 800)]);
        assert_eq!(rows(&r.by_year), [("2017".into(), 2, 1400), ("2018".into(), 1, 300)], "the later of the two days");
    }
}
