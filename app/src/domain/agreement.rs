//! The record of partnership agreements: what was signed, with whom and in which role, for
//! which areas of action and places (each with its share), worth how much in its own
//! currency and in US dollars, and how amendments changed it. Forms arrive as strings (they
//! work without JavaScript); `parse` checks them into values or field errors. Money is
//! integer minor units; rates and shares are fixed-point integers: nothing here rounds twice.
use super::editor::is_iso_date;
use super::subscription::GROUPS;
use crate::code_enum;
use crate::error::{FieldCode, FieldError};
use serde::{Deserialize, Serialize};

/// Longest title, in characters.
pub const TITLE_MAX: usize = 300;
/// Longest summary, in characters.
pub const SUMMARY_MAX: usize = 5000;
/// Largest value in minor units (ten trillion units of a two-decimal currency: above is a typo).
pub const VALUE_MAX_MINOR: i64 = 1_000_000_000_000_000;
/// A share of 100 %, in hundredths of a per cent.
pub const WHOLE: u32 = 10_000;
/// Most lines of each kind (parties, areas, places, transactions, obligations) per agreement.
pub const LINES_MAX: usize = 40;
/// Fixed-point scale of exchange rates: US dollars per unit, times a billion.
pub const RATE_SCALE: i64 = 1_000_000_000;

code_enum! {
    /// What kind of instrument an agreement is.
    pub enum AgreementKind {
        Mou = "mou",
        Cooperation = "cooperation",
        VoluntaryContribution = "voluntary_contribution",
        Sponsorship = "sponsorship",
        LetterOfIntent = "letter_of_intent",
        ProjectDocument = "project_document",
        Other = "other",
    }
}

code_enum! {
    /// Where an agreement stands: draft → signed → active → expired or terminated.
    pub enum AgreementStatus {
        Draft = "draft",
        Signed = "signed",
        Active = "active",
        Expired = "expired",
        Terminated = "terminated",
    }
}

impl AgreementStatus {
    /// The states an agreement in this one may move to.
    pub fn moves(self) -> &'static [AgreementStatus] {
        use AgreementStatus::*;
        match self {
            Draft => &[Signed],
            Signed => &[Active, Expired, Terminated, Draft],
            Active => &[Expired, Terminated],
            Expired | Terminated => &[Active],
        }
    }

    /// Signed at some point: counts in the record's figures.
    pub fn is_concluded(self) -> bool {
        self != AgreementStatus::Draft
    }
}

code_enum! {
    /// A party's role, as IATI names them (organisation roles 1 to 4).
    pub enum PartyRole {
        Funding = "funding",
        Accountable = "accountable",
        Extending = "extending",
        Implementing = "implementing",
    }
}

impl PartyRole {
    /// The code of the IATI `OrganisationRole` list.
    pub fn iati_code(self) -> &'static str {
        match self {
            PartyRole::Funding => "1",
            PartyRole::Accountable => "2",
            PartyRole::Extending => "3",
            PartyRole::Implementing => "4",
        }
    }
}

code_enum! {
    /// What the partner brings under the agreement.
    pub enum ContributionType {
        Financial = "financial",
        InKind = "in_kind",
        Expertise = "expertise",
    }
}

code_enum! {
    /// A movement of money under an agreement, as the agency receives it.
    pub enum TransactionKind {
        Pledge = "pledge",
        Commitment = "commitment",
        Received = "received",
    }
}

impl TransactionKind {
    /// The code of the IATI `TransactionType` list (incoming pledge, incoming commitment,
    /// incoming funds).
    pub fn iati_code(self) -> &'static str {
        match self {
            TransactionKind::Pledge => "13",
            TransactionKind::Commitment => "11",
            TransactionKind::Received => "1",
        }
    }
}

code_enum! {
    /// Something an agreement asks of the agency by a date.
    pub enum ObligationKind {
        Report = "report",
        Renewal = "renewal",
        Expiry = "expiry",
    }
}

code_enum! {
    /// What a document of an agreement is.
    pub enum DocumentKind {
        /// The signed text.
        Signed = "signed",
        Annex = "annex",
        Other = "other",
    }
}

/// A document of an agreement: a file of the media store, staff-only unless public.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDocument {
    pub id: i64,
    pub kind: DocumentKind,
    pub title: String,
    pub file_name: String,
    pub byte_size: i64,
    /// Shown to the public while the agreement is public and signed.
    pub public: bool,
    /// Where the file is served.
    pub url: String,
}

/// ISO 4217 currencies, as the IATI `Currency` list (2.03) has them, withdrawn ones included
/// so that old agreements keep their currency.
pub const CURRENCIES: [&str; 176] = [
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYR", "BYN", "BZD", "CAD", "CDF", "CHF", "CLF", "CLP",
    "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EEK", "EGP", "ERN", "ETB",
    "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF",
    "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LTL", "LVL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
    "MOP", "MRO", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
    "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SSP", "SRD", "STD", "STN", "SVC", "SYP", "SZL", "THB", "TJS",
    "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "USS", "UYI", "UYU", "UZS", "VED",
    "VEF", "VES", "VND", "VUV", "WST", "XAF", "XBT", "XCD", "XDR", "XOF", "XPF", "YER", "ZAR", "ZMK", "ZMW", "ZWL",
];

/// The digits after the decimal sign of a currency's minor unit (ISO 4217), or `None` for a
/// code that is not a currency.
pub fn currency_exponent(code: &str) -> Option<u32> {
    if !CURRENCIES.contains(&code) {
        return None;
    }
    Some(match code {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND"
        | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" => 4,
        "XBT" => 8,
        _ => 2,
    })
}

/// A non-negative decimal as typed (`1 250 000.50`, `1,250,000`), as an integer scaled by
/// `10^digits`. More decimals than `digits`, a sign, or anything else: `None`.
pub fn parse_fixed(raw: &str, digits: u32) -> Option<i128> {
    let cleaned: String =
        raw.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_' | ',')).collect();
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || fraction.len() > digits as usize
        || whole.len() > 20
    {
        return None;
    }
    let mut value: i128 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    for i in 0..digits as usize {
        let d = fraction.as_bytes().get(i).map_or(0, |b| i128::from(b - b'0'));
        value = value.checked_mul(10)?.checked_add(d)?;
    }
    Some(value)
}

/// A fixed-point integer written back as a decimal, trailing zeros of the fraction dropped.
pub fn format_fixed(value: i128, digits: u32) -> String {
    let scale = 10i128.pow(digits);
    let (whole, fraction) = (value / scale, (value % scale).abs());
    let mut text = whole.to_string();
    if digits > 0 && fraction != 0 {
        let f = format!("{fraction:0width$}", width = digits as usize);
        text.push('.');
        text.push_str(f.trim_end_matches('0'));
    }
    text
}

/// The US-dollar equivalent, in cents, of `minor` units of a currency with `exponent`
/// decimals at `rate` (dollars per unit times [`RATE_SCALE`]), rounded half up once.
pub fn usd_cents(minor: i64, exponent: u32, rate: i64) -> i64 {
    let numerator = i128::from(minor) * i128::from(rate) * 100;
    let denominator = 10i128.pow(exponent) * i128::from(RATE_SCALE);
    i64::try_from((numerator + denominator / 2) / denominator).unwrap_or(i64::MAX)
}

/// The region code that covers every place.
pub const GLOBAL: &str = "global";

/// A beneficiary place: a region, a country or a UN country group.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Place {
    Region(String),
    Country(String),
    Group(String),
}

impl Place {
    /// `region:africa`, `country:KE`, `group:ldc`: how forms and addresses write it.
    pub fn code(&self) -> String {
        match self {
            Place::Region(c) => format!("region:{c}"),
            Place::Country(c) => format!("country:{c}"),
            Place::Group(c) => format!("group:{c}"),
        }
    }

    /// The place a row's columns name: its region code, country code or group (the first
    /// given), or none.
    pub fn from_columns(region: Option<String>, country: Option<String>, group: Option<String>) -> Option<Place> {
        match (region, country, group) {
            (Some(r), _, _) => Some(Place::Region(r)),
            (_, Some(c), _) => Some(Place::Country(c)),
            (_, _, Some(g)) => Some(Place::Group(g)),
            _ => None,
        }
    }

    /// Reads [`Place::code`] back. Region codes are checked against the taxonomy by the server.
    pub fn parse(raw: &str) -> Option<Place> {
        let (kind, code) = raw.trim().split_once(':')?;
        let plain = |c: &str| !c.is_empty() && c.len() <= 40 && c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        match kind {
            "region" if plain(code) => Some(Place::Region(code.to_owned())),
            "country" if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) => {
                Some(Place::Country(code.to_ascii_uppercase()))
            }
            "group" if GROUPS.contains(&code) => Some(Place::Group(code.to_owned())),
            _ => None,
        }
    }
}

/// What an agreement covers (an area of action or a place) and its share of the value, in
/// hundredths of a per cent; `None` when the whole value counts for each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share<T> {
    pub item: T,
    pub share: Option<u32>,
}

/// A party other than the agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub organisation: i64,
    pub role: PartyRole,
    pub signed_on: Option<String>,
}

/// An agreement's value: in its currency, and in US dollars at a stated rate and date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Value {
    pub currency: String,
    pub minor: i64,
    /// US dollars per unit times [`RATE_SCALE`].
    pub rate: i64,
    pub rate_on: Option<String>,
    pub usd_cents: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    pub kind: TransactionKind,
    pub on: String,
    /// In the agreement's currency.
    pub minor: i64,
    pub usd_cents: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    pub kind: ObligationKind,
    pub due_on: String,
    /// The staff member reminded.
    pub owner: Option<i64>,
    /// Days before the date the owner is reminded.
    pub remind_days: i64,
}

/// The agreement form as typed. Lines (parties, areas, places, transactions, obligations)
/// are parallel lists of one field each, as a plain form posts them; blank lines are skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementForm {
    pub kind: String,
    /// The language the title and summary are written in.
    pub original_locale: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// The reference (`YYYY-NNNN`) of the agreement this one amends, or empty.
    #[serde(default)]
    pub amends: String,
    /// The concept it serves (its id), or empty.
    #[serde(default)]
    pub concept: String,
    /// The expression of interest it came from (its id), or empty.
    #[serde(default)]
    pub interest: String,
    pub agency_role: String,
    /// `YYYY-MM-DD`: when the agency signed.
    #[serde(default)]
    pub agency_signed_on: String,
    #[serde(default)]
    pub effective_on: String,
    #[serde(default)]
    pub expires_on: String,
    pub contribution: String,
    /// ISO 4217, or empty for an agreement without a value.
    #[serde(default)]
    pub currency: String,
    /// In the currency's units, decimals allowed.
    #[serde(default)]
    pub value: String,
    /// US dollars per unit of the currency (`1` for US dollars).
    #[serde(default)]
    pub usd_rate: String,
    #[serde(default)]
    pub rate_on: String,
    #[serde(default)]
    pub party_org: Vec<String>,
    #[serde(default)]
    pub party_role: Vec<String>,
    #[serde(default)]
    pub party_signed: Vec<String>,
    #[serde(default)]
    pub area: Vec<String>,
    #[serde(default)]
    pub area_share: Vec<String>,
    /// Non-empty: the whole value counts for each area (no shares).
    #[serde(default)]
    pub areas_whole: String,
    #[serde(default)]
    pub place: Vec<String>,
    #[serde(default)]
    pub place_share: Vec<String>,
    #[serde(default)]
    pub places_whole: String,
    #[serde(default)]
    pub tx_kind: Vec<String>,
    #[serde(default)]
    pub tx_on: Vec<String>,
    #[serde(default)]
    pub tx_amount: Vec<String>,
    #[serde(default)]
    pub ob_kind: Vec<String>,
    #[serde(default)]
    pub ob_due: Vec<String>,
    #[serde(default)]
    pub ob_owner: Vec<String>,
    #[serde(default)]
    pub ob_remind: Vec<String>,
}

/// An agreement that passed its checks. Codes of areas, regions and organisations are
/// checked against the database by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub kind: AgreementKind,
    pub original_locale: String,
    pub title: String,
    pub summary: String,
    pub amends: Option<String>,
    pub concept: Option<i64>,
    pub interest: Option<i64>,
    pub agency_role: PartyRole,
    pub agency_signed_on: Option<String>,
    pub effective_on: Option<String>,
    pub expires_on: Option<String>,
    pub contribution: ContributionType,
    pub value: Option<Value>,
    pub parties: Vec<Party>,
    pub areas: Vec<Share<String>>,
    pub places: Vec<Share<Place>>,
    pub transactions: Vec<Transaction>,
    pub obligations: Vec<Obligation>,
    /// The form's line numbers of each party, area, place and obligation, so the server can
    /// put an error it finds (an organisation that does not exist) on the line it came from.
    pub rows: Rows,
}

/// Line numbers of the form, per kind of line, in the order kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    pub parties: Vec<usize>,
    pub areas: Vec<usize>,
    pub places: Vec<usize>,
    pub obligations: Vec<usize>,
}

impl Agreement {
    /// The day the last signature was given, once every party (the agency too) has signed.
    pub fn concluded_on(&self) -> Option<String> {
        let mut dates = vec![self.agency_signed_on.as_ref()?];
        for p in &self.parties {
            dates.push(p.signed_on.as_ref()?);
        }
        dates.into_iter().max().cloned()
    }

    /// The fields a signed agreement still lacks (field, code): every signature date.
    pub fn unsigned_fields(&self) -> Vec<FieldError> {
        let mut missing = Vec::new();
        if self.agency_signed_on.is_none() {
            missing.push(FieldError::new("agency_signed_on", FieldCode::Required));
        }
        for (i, p) in self.parties.iter().enumerate() {
            if p.signed_on.is_none() {
                missing.push(FieldError::new(format!("party_signed.{i}"), FieldCode::Required));
            }
        }
        missing
    }
}

fn optional(raw: &str) -> Option<&str> {
    Some(raw.trim()).filter(|s| !s.is_empty())
}

/// A reference as the record assigns them: `YYYY-NNNN`.
pub fn is_reference(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() == 9 && b[4] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit())
}

/// The reference of the `n`th agreement recorded in `year`.
pub fn reference(year: i64, n: i64) -> String {
    format!("{year:04}-{n:04}")
}

/// Reads a reference back: `(year, number)`; `None` unless it is `YYYY-NNNN` (the number may
/// have more digits once a year passes 9,999 agreements) with a number from 1.
pub fn parse_reference(raw: &str) -> Option<(i64, i64)> {
    let (year, n) = raw.trim().split_once('-')?;
    let digits =
        |s: &str, min: usize, max: usize| s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4, 4) || !digits(n, 4, 9) {
        return None;
    }
    let (year, n) = (year.parse().ok()?, n.parse().ok()?);
    (n > 0).then_some((year, n))
}

/// The value of row `i` of a parallel list (empty past its end).
fn cell(list: &[String], i: usize) -> &str {
    list.get(i).map_or("", |s| s.trim())
}

fn push(errors: &mut Vec<FieldError>, field: impl Into<String>, code: FieldCode) {
    errors.push(FieldError::new(field, code));
}

/// A translation of an agreement's title and summary into `locale`, checked against the
/// language it was written in: `None` (both empty) removes the translation.
pub fn parse_translation(
    original_locale: &str,
    locale: &str,
    title: &str,
    summary: &str,
) -> Result<Option<(String, String)>, Vec<FieldError>> {
    let mut errors = Vec::new();
    if super::locale::parse(locale).is_none() {
        push(&mut errors, "locale", FieldCode::Unknown);
    } else if locale == original_locale {
        push(&mut errors, "locale", FieldCode::Original);
    }
    let title = super::editor::clean(title, false);
    let summary = super::editor::clean(summary, true);
    if title.is_empty() && summary.is_empty() {
        return if errors.is_empty() { Ok(None) } else { Err(errors) };
    }
    if title.is_empty() {
        push(&mut errors, "title", FieldCode::Required);
    } else if title.chars().count() > TITLE_MAX {
        push(&mut errors, "title", FieldCode::TooLong);
    }
    if summary.chars().count() > SUMMARY_MAX {
        push(&mut errors, "summary", FieldCode::TooLong);
    }
    if errors.is_empty() { Ok(Some((title, summary))) } else { Err(errors) }
}

/// An optional `YYYY-MM-DD` date.
fn date(errors: &mut Vec<FieldError>, field: impl Into<String>, raw: &str) -> Option<String> {
    match optional(raw) {
        None => None,
        Some(d) if is_iso_date(d) => Some(d.to_owned()),
        Some(_) => {
            push(errors, field, FieldCode::Invalid);
            None
        }
    }
}

/// An optional id (a positive number).
fn positive_id(errors: &mut Vec<FieldError>, field: &str, raw: &str) -> Option<i64> {
    match optional(raw)?.parse::<i64>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            push(errors, field, FieldCode::Unknown);
            None
        }
    }
}

/// Parses a list of shares (`50`, `33.33`) for items, checked together: with `whole`, no
/// shares; otherwise each is required, above zero, and they sum to 100 %.
fn shares<T>(
    items: Vec<(usize, T)>,
    raw: &[String],
    whole: bool,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<Share<T>> {
    let mut out = Vec::new();
    let mut sum: u64 = 0;
    let mut complete = true;
    for (i, item) in items {
        let share = if whole {
            None
        } else {
            match parse_fixed(cell(raw, i), 2).and_then(|v| u32::try_from(v).ok()) {
                Some(v) if (1..=WHOLE).contains(&v) => {
                    sum += u64::from(v);
                    Some(v)
                }
                _ => {
                    complete = false;
                    let code = if cell(raw, i).is_empty() { FieldCode::Required } else { FieldCode::Invalid };
                    push(errors, format!("{field}.{i}"), code);
                    None
                }
            }
        };
        out.push(Share { item, share });
    }
    if !whole && complete && !out.is_empty() && sum != u64::from(WHOLE) {
        push(errors, field, FieldCode::SharesSum);
    }
    out
}

impl AgreementForm {
    pub fn parse(&self) -> Result<Agreement, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = AgreementKind::parse(self.kind.trim()).unwrap_or_else(|| {
            push(&mut errors, "kind", FieldCode::Unknown);
            AgreementKind::Other
        });
        let original_locale = self.original_locale.trim().to_owned();
        if super::locale::parse(&original_locale).is_none() {
            push(&mut errors, "original_locale", FieldCode::Unknown);
        }
        let title = super::editor::clean(&self.title, false);
        if title.is_empty() {
            push(&mut errors, "title", FieldCode::Required);
        } else if title.chars().count() > TITLE_MAX {
            push(&mut errors, "title", FieldCode::TooLong);
        }
        let summary = super::editor::clean(&self.summary, true);
        if summary.chars().count() > SUMMARY_MAX {
            push(&mut errors, "summary", FieldCode::TooLong);
        }
        let amends = optional(&self.amends).map(str::to_owned);
        if amends.as_deref().is_some_and(|r| !is_reference(r)) {
            push(&mut errors, "amends", FieldCode::Unknown);
        }
        let concept = positive_id(&mut errors, "concept", &self.concept);
        let interest = positive_id(&mut errors, "interest", &self.interest);
        let agency_role = PartyRole::parse(self.agency_role.trim()).unwrap_or_else(|| {
            push(&mut errors, "agency_role", FieldCode::Unknown);
            PartyRole::Accountable
        });
        let agency_signed_on = date(&mut errors, "agency_signed_on", &self.agency_signed_on);
        let effective_on = date(&mut errors, "effective_on", &self.effective_on);
        let expires_on = date(&mut errors, "expires_on", &self.expires_on);
        let rate_on = date(&mut errors, "rate_on", &self.rate_on);
        if let (Some(from), Some(to)) = (&effective_on, &expires_on)
            && to < from
        {
            push(&mut errors, "expires_on", FieldCode::BeforeStart);
        }
        let contribution = ContributionType::parse(self.contribution.trim()).unwrap_or_else(|| {
            push(&mut errors, "contribution", FieldCode::Unknown);
            ContributionType::Financial
        });

        // The value, its currency and its rate.
        let currency = optional(&self.currency).map(str::to_ascii_uppercase);
        let exponent = match currency.as_deref() {
            None => None,
            Some(c) => match currency_exponent(c) {
                Some(e) => Some(e),
                None => {
                    push(&mut errors, "currency", FieldCode::Unknown);
                    None
                }
            },
        };
        let amount = |raw: &str, exponent: u32| -> Result<i64, FieldCode> {
            let v = parse_fixed(raw, exponent).ok_or(FieldCode::InvalidAmount)?;
            i64::try_from(v).ok().filter(|v| *v <= VALUE_MAX_MINOR).ok_or(FieldCode::InvalidAmount)
        };
        let rate = match (currency.as_deref(), optional(&self.usd_rate)) {
            (Some("USD"), None) => Some(RATE_SCALE),
            (_, None) => None,
            (_, Some(raw)) => match parse_fixed(raw, 9).and_then(|r| i64::try_from(r).ok()) {
                Some(r) if r > 0 => Some(r),
                _ => {
                    push(&mut errors, "usd_rate", FieldCode::Invalid);
                    None
                }
            },
        };
        let value = match (currency.clone(), exponent, optional(&self.value)) {
            (None, _, None) => None,
            (None, _, Some(_)) => {
                push(&mut errors, "currency", FieldCode::Required);
                None
            }
            (Some(_), _, None) => {
                push(&mut errors, "value", FieldCode::Required);
                None
            }
            (Some(_), None, Some(_)) => None,
            (Some(currency), Some(exponent), Some(raw)) => match amount(raw, exponent) {
                Err(code) => {
                    push(&mut errors, "value", code);
                    None
                }
                Ok(minor) => match rate {
                    None if optional(&self.usd_rate).is_none() => {
                        push(&mut errors, "usd_rate", FieldCode::Required);
                        None
                    }
                    None => None,
                    Some(rate) => {
                        if currency != "USD" && rate_on.is_none() && optional(&self.rate_on).is_none() {
                            push(&mut errors, "rate_on", FieldCode::Required);
                        }
                        let usd_cents = usd_cents(minor, exponent, rate);
                        Some(Value { currency, minor, rate, rate_on: rate_on.clone(), usd_cents })
                    }
                },
            },
        };

        let mut rows_kept = Rows::default();
        // Parties: an organisation in a role, at most once in each role.
        let rows = self.party_org.len().max(self.party_role.len()).max(self.party_signed.len());
        let mut parties: Vec<Party> = Vec::new();
        for i in 0..rows.min(LINES_MAX) {
            let (org, role, signed) =
                (cell(&self.party_org, i), cell(&self.party_role, i), cell(&self.party_signed, i));
            if org.is_empty() && signed.is_empty() {
                continue;
            }
            let organisation = match org.parse::<i64>() {
                Ok(n) if n > 0 => n,
                _ => {
                    push(
                        &mut errors,
                        format!("party_org.{i}"),
                        if org.is_empty() { FieldCode::Required } else { FieldCode::Unknown },
                    );
                    continue;
                }
            };
            let Some(role) = PartyRole::parse(role) else {
                push(&mut errors, format!("party_role.{i}"), FieldCode::Unknown);
                continue;
            };
            let signed_on = date(&mut errors, format!("party_signed.{i}"), signed);
            if parties.iter().any(|p| p.organisation == organisation && p.role == role) {
                push(&mut errors, format!("party_org.{i}"), FieldCode::Duplicate);
                continue;
            }
            parties.push(Party { organisation, role, signed_on });
            rows_kept.parties.push(i);
        }
        if parties.is_empty() && rows <= LINES_MAX && !errors.iter().any(|e| e.field.starts_with("party_")) {
            push(&mut errors, "parties", FieldCode::Required);
        }

        // Areas and places, each with a share or the whole value to each.
        let mut areas = Vec::new();
        for i in 0..self.area.len().min(LINES_MAX) {
            let code = cell(&self.area, i);
            if code.is_empty() {
                continue;
            }
            if !code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') || code.len() > 40 {
                push(&mut errors, format!("area.{i}"), FieldCode::Unknown);
            } else if areas.iter().any(|(_, a): &(usize, String)| a == code) {
                push(&mut errors, format!("area.{i}"), FieldCode::Duplicate);
            } else {
                areas.push((i, code.to_owned()));
            }
        }
        rows_kept.areas = areas.iter().map(|(i, _)| *i).collect();
        let areas = shares(areas, &self.area_share, optional(&self.areas_whole).is_some(), "area_share", &mut errors);
        let mut places = Vec::new();
        for i in 0..self.place.len().min(LINES_MAX) {
            let raw = cell(&self.place, i);
            if raw.is_empty() {
                continue;
            }
            match Place::parse(raw) {
                None => push(&mut errors, format!("place.{i}"), FieldCode::Unknown),
                Some(p) if places.iter().any(|(_, q)| *q == p) => {
                    push(&mut errors, format!("place.{i}"), FieldCode::Duplicate)
                }
                Some(p) => places.push((i, p)),
            }
        }
        rows_kept.places = places.iter().map(|(i, _)| *i).collect();
        let places =
            shares(places, &self.place_share, optional(&self.places_whole).is_some(), "place_share", &mut errors);

        // Transactions, in the agreement's currency.
        let mut transactions = Vec::new();
        let rows = self.tx_kind.len().max(self.tx_on.len()).max(self.tx_amount.len());
        for i in 0..rows.min(LINES_MAX) {
            let (kind, on, raw) = (cell(&self.tx_kind, i), cell(&self.tx_on, i), cell(&self.tx_amount, i));
            if on.is_empty() && raw.is_empty() {
                continue;
            }
            let Some(kind) = TransactionKind::parse(kind) else {
                push(&mut errors, format!("tx_kind.{i}"), FieldCode::Unknown);
                continue;
            };
            let on = match date(&mut errors, format!("tx_on.{i}"), on) {
                Some(d) => d,
                None if on.is_empty() => {
                    push(&mut errors, format!("tx_on.{i}"), FieldCode::Required);
                    continue;
                }
                None => continue,
            };
            let Some(value) = &value else {
                // Said once, unless the value's own fields already say what is wrong.
                if !errors.iter().any(|e| ["currency", "value", "usd_rate"].contains(&e.field.as_str())) {
                    push(&mut errors, "currency", FieldCode::Required);
                }
                continue;
            };
            let exponent = currency_exponent(&value.currency).unwrap_or(2);
            match amount(raw, exponent) {
                Ok(minor) if minor > 0 => {
                    let usd_cents = usd_cents(minor, exponent, value.rate);
                    transactions.push(Transaction { kind, on, minor, usd_cents });
                }
                _ => push(&mut errors, format!("tx_amount.{i}"), FieldCode::InvalidAmount),
            }
        }

        // Obligations, each reminded ahead of its date.
        let mut obligations = Vec::new();
        let rows = self.ob_kind.len().max(self.ob_due.len());
        for i in 0..rows.min(LINES_MAX) {
            let (kind, due) = (cell(&self.ob_kind, i), cell(&self.ob_due, i));
            if due.is_empty() {
                continue;
            }
            let Some(kind) = ObligationKind::parse(kind) else {
                push(&mut errors, format!("ob_kind.{i}"), FieldCode::Unknown);
                continue;
            };
            let Some(due_on) = date(&mut errors, format!("ob_due.{i}"), due) else { continue };
            let owner = match optional(cell(&self.ob_owner, i)) {
                None => None,
                Some(o) => match o.parse::<i64>() {
                    Ok(n) if n > 0 => Some(n),
                    _ => {
                        push(&mut errors, format!("ob_owner.{i}"), FieldCode::Unknown);
                        continue;
                    }
                },
            };
            let remind_days = match optional(cell(&self.ob_remind, i)) {
                None => 30,
                Some(d) => match d.parse::<i64>() {
                    Ok(n) if (0..=365).contains(&n) => n,
                    _ => {
                        push(&mut errors, format!("ob_remind.{i}"), FieldCode::Invalid);
                        continue;
                    }
                },
            };
            obligations.push(Obligation { kind, due_on, owner, remind_days });
            rows_kept.obligations.push(i);
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Agreement {
            kind,
            original_locale,
            title,
            summary,
            amends,
            concept,
            interest,
            agency_role,
            agency_signed_on,
            effective_on,
            expires_on,
            contribution,
            value,
            parties,
            areas,
            places,
            transactions,
            obligations,
            rows: rows_kept,
        })
    }
}

/// A party as the record shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyRecord {
    pub organisation: i64,
    pub name: String,
    pub acronym: Option<String>,
    pub role: PartyRole,
    pub signed_on: Option<String>,
}

/// An area or a place named in the reader's language, with its share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Covered {
    /// An area's code or a place's [`Place::code`].
    pub code: String,
    pub name: String,
    pub share: Option<u32>,
}

/// An obligation as the record shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObligationRecord {
    pub kind: ObligationKind,
    pub due_on: String,
    pub owner: Option<(i64, String)>,
    pub remind_days: i64,
    /// When the reminder was sent (seconds since the epoch).
    pub reminded_at: Option<i64>,
}

/// One agreement as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementRecord {
    pub id: i64,
    pub reference: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    /// Shown on public pages, in the export and in the charts' public numbers.
    pub public: bool,
    pub original_locale: String,
    pub title: String,
    pub summary: String,
    /// The agreement this one amends: `(id, reference)`.
    pub amends: Option<(i64, String)>,
    /// `(id, slug, title)`.
    pub concept: Option<(i64, String, String)>,
    pub interest: Option<i64>,
    pub agency_role: PartyRole,
    pub agency_signed_on: Option<String>,
    pub effective_on: Option<String>,
    pub expires_on: Option<String>,
    /// When the last signature was given.
    pub signed_on: Option<String>,
    pub contribution: ContributionType,
    pub value: Option<Value>,
    pub parties: Vec<PartyRecord>,
    pub areas: Vec<Covered>,
    pub places: Vec<Covered>,
    pub transactions: Vec<Transaction>,
    pub obligations: Vec<ObligationRecord>,
    pub demo: bool,
}

impl AgreementRecord {
    /// The record as its edit form shows it (with `spare` blank lines of each kind to add to).
    pub fn form(&self, spare: usize) -> AgreementForm {
        let pad = |mut v: Vec<String>, n: usize| {
            v.resize(n + spare, String::new());
            v
        };
        let exponent = self.value.as_ref().and_then(|v| currency_exponent(&v.currency)).unwrap_or(2);
        let share = |s: Option<u32>| s.map(|s| format_fixed(i128::from(s), 2)).unwrap_or_default();
        let (np, na, npl, nt, no) =
            (self.parties.len(), self.areas.len(), self.places.len(), self.transactions.len(), self.obligations.len());
        AgreementForm {
            kind: self.kind.code().into(),
            original_locale: self.original_locale.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            amends: self.amends.as_ref().map(|(_, r)| r.clone()).unwrap_or_default(),
            concept: self.concept.as_ref().map(|c| c.0.to_string()).unwrap_or_default(),
            interest: self.interest.map(|i| i.to_string()).unwrap_or_default(),
            agency_role: self.agency_role.code().into(),
            agency_signed_on: self.agency_signed_on.clone().unwrap_or_default(),
            effective_on: self.effective_on.clone().unwrap_or_default(),
            expires_on: self.expires_on.clone().unwrap_or_default(),
            contribution: self.contribution.code().into(),
            currency: self.value.as_ref().map(|v| v.currency.clone()).unwrap_or_default(),
            value: self.value.as_ref().map(|v| format_fixed(i128::from(v.minor), exponent)).unwrap_or_default(),
            usd_rate: self.value.as_ref().map(|v| format_fixed(i128::from(v.rate), 9)).unwrap_or_default(),
            rate_on: self.value.as_ref().and_then(|v| v.rate_on.clone()).unwrap_or_default(),
            party_org: pad(self.parties.iter().map(|p| p.organisation.to_string()).collect(), np),
            party_role: pad(self.parties.iter().map(|p| p.role.code().to_owned()).collect(), np),
            party_signed: pad(self.parties.iter().map(|p| p.signed_on.clone().unwrap_or_default()).collect(), np),
            area: pad(self.areas.iter().map(|a| a.code.clone()).collect(), na),
            area_share: pad(self.areas.iter().map(|a| share(a.share)).collect(), na),
            areas_whole: if !self.areas.is_empty() && self.areas.iter().all(|a| a.share.is_none()) {
                "on".into()
            } else {
                String::new()
            },
            place: pad(self.places.iter().map(|p| p.code.clone()).collect(), npl),
            place_share: pad(self.places.iter().map(|p| share(p.share)).collect(), npl),
            places_whole: if !self.places.is_empty() && self.places.iter().all(|p| p.share.is_none()) {
                "on".into()
            } else {
                String::new()
            },
            tx_kind: pad(self.transactions.iter().map(|t| t.kind.code().to_owned()).collect(), nt),
            tx_on: pad(self.transactions.iter().map(|t| t.on.clone()).collect(), nt),
            tx_amount: pad(self.transactions.iter().map(|t| format_fixed(i128::from(t.minor), exponent)).collect(), nt),
            ob_kind: pad(self.obligations.iter().map(|o| o.kind.code().to_owned()).collect(), no),
            ob_due: pad(self.obligations.iter().map(|o| o.due_on.clone()).collect(), no),
            ob_owner: pad(
                self.obligations
                    .iter()
                    .map(|o| o.owner.as_ref().map(|x| x.0.to_string()).unwrap_or_default())
                    .collect(),
                no,
            ),
            ob_remind: pad(self.obligations.iter().map(|o| o.remind_days.to_string()).collect(), no),
        }
    }
}

/// One step of an agreement's life: the original or an amendment, and the terms after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsStep {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub status: AgreementStatus,
    pub signed_on: Option<String>,
    /// What this step added, in US cents.
    pub added_usd_cents: i64,
    /// The value after this step, in US cents.
    pub usd_cents: i64,
    /// The expiry date after this step.
    pub expires_on: Option<String>,
    /// Parties after this step: `(organisation, name, role)`.
    pub parties: Vec<(i64, String, PartyRole)>,
}

/// The terms an agreement has now: the original, then each concluded amendment in the order
/// signed — values add, a later expiry date replaces an earlier one, parties join. Draft
/// amendments are shown but change nothing yet.
pub fn current_terms(original: &AgreementRecord, amendments: &[AgreementRecord]) -> Vec<TermsStep> {
    let party_list = |r: &AgreementRecord| -> Vec<(i64, String, PartyRole)> {
        r.parties.iter().map(|p| (p.organisation, p.name.clone(), p.role)).collect()
    };
    let value = |r: &AgreementRecord| r.value.as_ref().map_or(0, |v| v.usd_cents);
    let mut steps = vec![TermsStep {
        id: original.id,
        reference: original.reference.clone(),
        title: original.title.clone(),
        status: original.status,
        signed_on: original.signed_on.clone(),
        added_usd_cents: value(original),
        usd_cents: value(original),
        expires_on: original.expires_on.clone(),
        parties: party_list(original),
    }];
    let mut ordered: Vec<&AgreementRecord> = amendments.iter().collect();
    ordered
        .sort_by(|a, b| (a.signed_on.is_none(), &a.signed_on, a.id).cmp(&(b.signed_on.is_none(), &b.signed_on, b.id)));
    for a in ordered {
        let Some(last) = steps.last() else { break };
        let mut next = last.clone();
        next.id = a.id;
        next.reference = a.reference.clone();
        next.title = a.title.clone();
        next.status = a.status;
        next.signed_on = a.signed_on.clone();
        next.added_usd_cents = value(a);
        if a.status.is_concluded() && a.status != AgreementStatus::Terminated {
            next.usd_cents = last.usd_cents.saturating_add(value(a));
            if a.expires_on.is_some() {
                next.expires_on = a.expires_on.clone();
            }
            for p in party_list(a) {
                if !next.parties.iter().any(|q| q.0 == p.0 && q.2 == p.2) {
                    next.parties.push(p);
                }
            }
        }
        steps.push(next);
    }
    steps
}

/// A line of an agreements list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementRow {
    pub id: i64,
    pub reference: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub public: bool,
    pub title: String,
    pub signed_on: Option<String>,
    pub usd_cents: i64,
    /// The other parties' names, in the order recorded.
    pub parties: Vec<String>,
    pub amendment: bool,
}

/// An organisation with agreements that match a search, and how many, worth how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: super::organisation::OrganisationKind,
    pub country: Option<String>,
    pub agreements: i64,
    pub usd_cents: i64,
    pub latest: Option<String>,
}

/// What the agreement page shows: the record, its amendments, the terms after each step,
/// and its history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreementPage {
    pub record: AgreementRecord,
    pub amendments: Vec<AgreementRecord>,
    /// The original and each amendment, with the terms after it (for the original's page).
    pub terms: Vec<TermsStep>,
    pub documents: Vec<AgreementDocument>,
    /// The title and summary in each language they exist in, the original among them:
    /// `(locale, title, summary)`, in locale order.
    pub translations: Vec<(String, String, String)>,
    pub history: Vec<super::staff::AuditEntry>,
}

/// A party as the public page names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicParty {
    pub name: String,
    pub acronym: Option<String>,
    pub role: PartyRole,
    pub signed_on: Option<String>,
    /// Its registry number, when it has a public funder profile to link to.
    pub funder: Option<i64>,
}

/// What anyone may read of a public, signed agreement: no obligation, owner, interest,
/// staff-only amendment or document, or demo flag ever reaches it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAgreement {
    pub reference: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub title: String,
    pub summary: String,
    /// The language the title and summary are shown in: the reader's when translated,
    /// otherwise the one they were written in.
    pub text_locale: String,
    pub agency_role: PartyRole,
    pub agency_signed_on: Option<String>,
    pub effective_on: Option<String>,
    pub expires_on: Option<String>,
    pub signed_on: Option<String>,
    pub contribution: ContributionType,
    pub value: Option<Value>,
    pub parties: Vec<PublicParty>,
    pub areas: Vec<Covered>,
    pub places: Vec<Covered>,
    pub transactions: Vec<Transaction>,
    /// The reference of the agreement this one amends, when that one is public too.
    pub amends: Option<String>,
    /// For an original with public amendments: it and each of them with the terms after it.
    pub terms: Vec<TermsStep>,
    /// Its public documents.
    pub documents: Vec<AgreementDocument>,
    /// Its concept, when published: `(slug, title)`.
    pub concept: Option<(String, String)>,
}

impl PublicAgreement {
    /// The public view of `record`, or `None` when the record is not public and signed.
    /// Only the public, signed `amendments` count in its terms (a staff-only one would show
    /// its value by difference); only public `documents` are listed; `translated`: the
    /// languages the texts exist in; `funders`: the parties with a public funder profile;
    /// `original_public`: whether the agreement it amends is public and signed;
    /// `concept_published`: whether its concept is.
    #[allow(clippy::too_many_arguments)]
    pub fn of(
        record: AgreementRecord,
        amendments: &[AgreementRecord],
        documents: Vec<AgreementDocument>,
        reader: &str,
        translated: &[String],
        funders: &[i64],
        original_public: bool,
        concept_published: bool,
    ) -> Option<PublicAgreement> {
        let visible = |r: &AgreementRecord| r.public && r.status != AgreementStatus::Draft;
        if !visible(&record) {
            return None;
        }
        let public_amendments: Vec<AgreementRecord> = amendments.iter().filter(|a| visible(a)).cloned().collect();
        let terms = if record.amends.is_none() && !public_amendments.is_empty() {
            current_terms(&record, &public_amendments)
        } else {
            Vec::new()
        };
        let text_locale =
            if translated.iter().any(|l| l == reader) { reader.to_owned() } else { record.original_locale.clone() };
        Some(PublicAgreement {
            reference: record.reference,
            kind: record.kind,
            status: record.status,
            title: record.title,
            summary: record.summary,
            text_locale,
            agency_role: record.agency_role,
            agency_signed_on: record.agency_signed_on,
            effective_on: record.effective_on,
            expires_on: record.expires_on,
            signed_on: record.signed_on,
            contribution: record.contribution,
            value: record.value,
            parties: record
                .parties
                .into_iter()
                .map(|p| PublicParty {
                    funder: funders.contains(&p.organisation).then_some(p.organisation),
                    name: p.name,
                    acronym: p.acronym,
                    role: p.role,
                    signed_on: p.signed_on,
                })
                .collect(),
            areas: record.areas,
            places: record.places,
            transactions: record.transactions,
            amends: record.amends.filter(|_| original_public).map(|(_, reference)| reference),
            terms,
            documents: documents.into_iter().filter(|d| d.public).collect(),
            concept: record.concept.filter(|_| concept_published).map(|(_, slug, title)| (slug, title)),
        })
    }
}

/// A page of a search and what it adds up to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementResults {
    pub rows: Vec<AgreementRow>,
    pub total: i64,
    pub usd_cents: i64,
    /// The first organisations of the table (all of them with `all_partners`), and how many
    /// there are.
    pub partners: Vec<PartnerRow>,
    pub partners_total: i64,
    pub per_page: i64,
}

/// What the record's forms and filters offer, named in the reader's language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementChoices {
    pub areas: Vec<super::concept::Named>,
    pub regions: Vec<super::concept::Named>,
    pub countries: Vec<super::concept::Named>,
    /// Staff members who may own an obligation: `(id, name)`. Empty for the public.
    pub staff: Vec<(i64, String)>,
}

/// A search of the record, as its address writes it. Every value is optional; unknown
/// values are dropped (and said so) rather than refused, so a hand-edited address still
/// answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementQuery {
    pub q: String,
    pub area: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub group: Option<String>,
    /// Count a country in a group by membership today rather than on the day it signed.
    #[serde(default)]
    pub groups_today: bool,
    pub kind: Option<AgreementKind>,
    pub status: Option<AgreementStatus>,
    pub from_year: Option<i64>,
    pub to_year: Option<i64>,
    pub party: Option<i64>,
    /// Whole US dollars.
    pub min_usd: Option<i64>,
    pub max_usd: Option<i64>,
    /// Show every organisation of the organisations table, not the first ones.
    #[serde(default)]
    pub all_partners: bool,
    pub page: i64,
}

/// Longest search text, in characters (longer is cut).
pub const QUERY_MAX: usize = 200;

impl AgreementQuery {
    /// Reads a query string's pairs; returns the query and the names of values it dropped.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (AgreementQuery, Vec<String>) {
        let mut q = AgreementQuery { page: 1, ..Default::default() };
        let mut dropped = Vec::new();
        let code = |v: &str| {
            let v = v.trim();
            (!v.is_empty() && v.len() <= 40 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
                .then(|| v.to_owned())
        };
        let number = |v: &str| v.trim().replace([',', ' '], "").parse::<i64>().ok().filter(|n| *n >= 0);
        for (key, value) in pairs {
            if value.trim().is_empty() {
                continue;
            }
            let ok = match key {
                "q" => {
                    q.q = value.trim().chars().take(QUERY_MAX).collect();
                    true
                }
                "area" => {
                    q.area = code(value);
                    q.area.is_some()
                }
                "region" => {
                    q.region = code(value);
                    q.region.is_some()
                }
                "country" => {
                    q.country = code(value).filter(|c| c.len() == 2).map(|c| c.to_ascii_uppercase());
                    q.country.is_some()
                }
                "group" => {
                    q.group = code(value).filter(|g| GROUPS.contains(&g.as_str()));
                    q.group.is_some()
                }
                "groups" => {
                    q.groups_today = value.trim() == "today";
                    matches!(value.trim(), "today" | "signed")
                }
                "partners" => {
                    q.all_partners = value.trim() == "all";
                    q.all_partners
                }
                "kind" => {
                    q.kind = AgreementKind::parse(value.trim());
                    q.kind.is_some()
                }
                "status" => {
                    q.status = AgreementStatus::parse(value.trim());
                    q.status.is_some()
                }
                "from" => {
                    q.from_year = number(value).filter(|y| (1900..=2200).contains(y));
                    q.from_year.is_some()
                }
                "to" => {
                    q.to_year = number(value).filter(|y| (1900..=2200).contains(y));
                    q.to_year.is_some()
                }
                "party" => {
                    q.party = number(value).filter(|n| *n > 0);
                    q.party.is_some()
                }
                "min" => {
                    q.min_usd = number(value);
                    q.min_usd.is_some()
                }
                "max" => {
                    q.max_usd = number(value);
                    q.max_usd.is_some()
                }
                "page" => {
                    q.page = number(value).unwrap_or(1).clamp(1, 100_000);
                    true
                }
                _ => true,
            };
            if !ok {
                dropped.push(key.to_owned());
            }
        }
        if let (Some(from), Some(to)) = (q.from_year, q.to_year)
            && to < from
        {
            (q.from_year, q.to_year) = (Some(to), Some(from));
        }
        (q, dropped)
    }

    /// The search as address pairs, without the page.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut parts: Vec<(&'static str, String)> = Vec::new();
        if !self.q.is_empty() {
            parts.push(("q", self.q.clone()));
        }
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                parts.push((k, v));
            }
        };
        put("area", self.area.clone());
        put("region", self.region.clone());
        put("country", self.country.clone());
        put("group", self.group.clone());
        put("groups", self.groups_today.then(|| "today".to_owned()));
        put("kind", self.kind.map(|k| k.code().to_owned()));
        put("status", self.status.map(|s| s.code().to_owned()));
        put("from", self.from_year.map(|y| y.to_string()));
        put("to", self.to_year.map(|y| y.to_string()));
        put("party", self.party.map(|p| p.to_string()));
        put("min", self.min_usd.map(|m| m.to_string()));
        put("max", self.max_usd.map(|m| m.to_string()));
        put("partners", self.all_partners.then(|| "all".to_owned()));
        parts
    }

    /// The query string that gives this search back (without the page).
    pub fn to_query_string(&self) -> String {
        self.pairs()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", super::catalogue::encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Checks a search that arrived whole (from a server function call): it must be one that
    /// its own address reads back to.
    pub fn validate(self) -> Result<Self, crate::error::AppError> {
        let mut pairs = self.pairs();
        pairs.push(("page", self.page.to_string()));
        let (again, dropped) = AgreementQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        if again == self && dropped.is_empty() {
            Ok(self)
        } else {
            Err(crate::error::AppError::invalid(dropped.first().map_or("q", |d| d.as_str()), FieldCode::Unknown))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn references_read_back_and_malformed_ones_do_not() {
        use super::{parse_reference, reference};
        assert_eq!(parse_reference("2015-0007"), Some((2015, 7)));
        assert_eq!(parse_reference(&reference(2026, 12345)), Some((2026, 12345)));
        for bad in ["2015-0000", "15-0007", "2015-7", "2015_0007", "x", "2015-00a7"] {
            assert_eq!(parse_reference(bad), None, "{bad}");
        }
    }

    use super::*;

    fn form() -> AgreementForm {
        AgreementForm {
            kind: "voluntary_contribution".into(),
            original_locale: "en".into(),
            title: "  Smart villages in the Sahel ".into(),
            summary: "Connectivity for 40 villages.".into(),
            agency_role: "accountable".into(),
            agency_signed_on: "2015-03-02".into(),
            effective_on: "2015-04-01".into(),
            expires_on: "2017-03-31".into(),
            contribution: "financial".into(),
            currency: "eur".into(),
            value: "1 250 000.50".into(),
            usd_rate: "1.0832".into(),
            rate_on: "2015-03-01".into(),
            party_org: vec!["12".into(), "".into()],
            party_role: vec!["funding".into(), "funding".into()],
            party_signed: vec!["2015-02-27".into(), "".into()],
            area: vec!["digital_inclusion".into(), "infrastructure".into()],
            area_share: vec!["66.67".into(), "33.33".into()],
            place: vec!["country:ml".into(), "region:africa".into()],
            places_whole: "on".into(),
            tx_kind: vec!["received".into()],
            tx_on: vec!["2015-05-10".into()],
            tx_amount: vec!["500000".into()],
            ob_kind: vec!["report".into()],
            ob_due: vec!["2016-03-31".into()],
            ob_owner: vec!["3".into()],
            ob_remind: vec![String::new()],
            ..Default::default()
        }
    }

    fn codes(form: AgreementForm) -> Vec<(String, &'static str)> {
        form.parse().unwrap_err().into_iter().map(|e| (e.field, e.code.as_str())).collect()
    }

    #[test]
    fn a_good_form_parses_into_exact_values() {
        let a = form().parse().unwrap();
        assert_eq!(a.title, "Smart villages in the Sahel");
        let v = a.value.clone().unwrap();
        assert_eq!((v.currency.as_str(), v.minor, v.rate), ("EUR", 125_000_050, 1_083_200_000));
        // 1,250,000.50 EUR × 1.0832 = 1,354,000.5416 USD → 135,400,054 cents.
        assert_eq!(v.usd_cents, 135_400_054);
        assert_eq!(
            a.parties,
            [Party { organisation: 12, role: PartyRole::Funding, signed_on: Some("2015-02-27".into()) }]
        );
        assert_eq!(a.areas.iter().map(|s| s.share).collect::<Vec<_>>(), [Some(6667), Some(3333)]);
        assert_eq!(a.places[0].item, Place::Country("ML".into()));
        assert!(a.places.iter().all(|p| p.share.is_none()));
        assert_eq!(a.transactions[0].minor, 50_000_000);
        assert_eq!(a.obligations[0].remind_days, 30);
        assert_eq!(a.concluded_on().as_deref(), Some("2015-03-02"));
        assert!(a.unsigned_fields().is_empty());
    }

    #[test]
    fn bad_input_gets_a_code_on_its_field() {
        let bad = AgreementForm {
            kind: "treaty".into(),
            currency: "XYZ".into(),
            expires_on: "2015-01-01".into(),
            party_org: vec!["12".into(), "12".into()],
            party_role: vec!["funding".into(), "funding".into()],
            party_signed: vec![String::new(), String::new()],
            area_share: vec!["60".into(), "30".into()],
            amends: "15-1".into(),
            tx_kind: vec![],
            tx_on: vec![],
            tx_amount: vec![],
            ..form()
        };
        assert_eq!(
            codes(bad),
            [
                ("kind".to_owned(), "unknown"),
                ("amends".into(), "unknown"),
                ("expires_on".into(), "before_start"),
                ("currency".into(), "unknown"),
                ("party_org.1".into(), "duplicate"),
                ("area_share".into(), "shares_sum"),
            ]
        );
        let negative = AgreementForm { value: "-5".into(), ..form() };
        assert_eq!(codes(negative), [("value".to_owned(), "invalid_amount")]);
        let no_rate = AgreementForm { usd_rate: String::new(), ..form() };
        assert_eq!(codes(no_rate), [("usd_rate".to_owned(), "required")]);
        let no_parties = AgreementForm { party_org: vec![], party_signed: vec![], ..form() };
        assert_eq!(codes(no_parties), [("parties".to_owned(), "required")]);
        let missing_share = AgreementForm { area_share: vec!["100".into()], ..form() };
        assert_eq!(codes(missing_share), [("area_share.1".to_owned(), "required")]);
    }

    #[test]
    fn us_dollars_need_no_rate_and_other_currencies_round_once() {
        let usd = AgreementForm {
            currency: "USD".into(),
            usd_rate: String::new(),
            rate_on: String::new(),
            value: "250000".into(),
            ..form()
        };
        assert_eq!(usd.parse().unwrap().value.unwrap().usd_cents, 25_000_000);
        // 1,000,000 JPY (no decimals) at 0.0083 → 8,300.00 USD.
        assert_eq!(usd_cents(1_000_000, 0, 8_300_000), 830_000);
        // 1.005 KWD (three decimals) at 3.25 → 3.26625 → 3.27 USD.
        assert_eq!(usd_cents(1_005, 3, 3_250_000_000), 327);
        assert_eq!(parse_fixed("12.345", 2), None);
        assert_eq!(parse_fixed("1,000.5", 2), Some(100_050));
        assert_eq!(format_fixed(100_050, 2), "1000.5");
        assert_eq!(format_fixed(1_083_200_000, 9), "1.0832");
        assert_eq!(currency_exponent("KWD"), Some(3));
        assert_eq!(currency_exponent("ABC"), None);
    }

    fn record(id: i64, usd: i64, expires: &str, signed: &str, parties: &[(i64, PartyRole)]) -> AgreementRecord {
        AgreementRecord {
            id,
            reference: reference(2015, id),
            kind: AgreementKind::Cooperation,
            status: AgreementStatus::Signed,
            public: true,
            original_locale: "en".into(),
            title: format!("step {id}"),
            summary: String::new(),
            amends: None,
            concept: None,
            interest: None,
            agency_role: PartyRole::Accountable,
            agency_signed_on: Some(signed.into()),
            effective_on: None,
            expires_on: Some(expires.into()).filter(|e: &String| !e.is_empty()),
            signed_on: Some(signed.into()),
            contribution: ContributionType::Financial,
            value: (usd > 0).then(|| Value {
                currency: "USD".into(),
                minor: usd,
                rate: RATE_SCALE,
                rate_on: None,
                usd_cents: usd,
            }),
            parties: parties
                .iter()
                .map(|(o, role)| PartyRecord {
                    organisation: *o,
                    name: format!("org {o}"),
                    acronym: None,
                    role: *role,
                    signed_on: None,
                })
                .collect(),
            areas: vec![],
            places: vec![],
            transactions: vec![],
            obligations: vec![],
            demo: false,
        }
    }

    #[test]
    fn amendments_add_value_extend_dates_and_join_parties_in_the_order_signed() {
        let original = record(1, 10_000, "2016-12-31", "2015-01-10", &[(7, PartyRole::Funding)]);
        let later = record(3, 5_000, "", "2016-06-01", &[(9, PartyRole::Implementing)]);
        let earlier = record(2, 2_500, "2017-12-31", "2016-01-15", &[(7, PartyRole::Funding)]);
        let mut draft = record(4, 100_000, "2030-01-01", "2016-09-01", &[]);
        draft.status = AgreementStatus::Draft;
        let steps = current_terms(&original, &[later, earlier, draft]);
        assert_eq!(steps.iter().map(|s| s.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
        assert_eq!(steps.iter().map(|s| s.usd_cents).collect::<Vec<_>>(), [10_000, 12_500, 17_500, 17_500]);
        assert_eq!(steps[3].expires_on.as_deref(), Some("2017-12-31"));
        assert_eq!(steps[3].parties.iter().map(|p| p.0).collect::<Vec<_>>(), [7, 9]);
    }

    #[test]
    fn the_public_view_leaves_out_what_is_staff_only() {
        let mut original =
            record(1, 10_000, "2016-12-31", "2015-01-10", &[(7, PartyRole::Funding), (8, PartyRole::Implementing)]);
        original.obligations = vec![ObligationRecord {
            kind: ObligationKind::Report,
            due_on: "2016-01-01".into(),
            owner: Some((3, "Owner".into())),
            remind_days: 30,
            reminded_at: None,
        }];
        original.interest = Some(12);
        original.concept = Some((5, "smart-villages".into(), "Smart villages".into()));
        let public = record(2, 2_500, "2017-12-31", "2016-01-15", &[]);
        let mut secret = record(3, 900_000, "2030-12-31", "2016-02-01", &[]);
        secret.public = false;
        let document = |id: i64, public: bool| AgreementDocument {
            id,
            kind: DocumentKind::Annex,
            title: format!("annex {id}"),
            file_name: "a.pdf".into(),
            byte_size: 1,
            public,
            url: String::new(),
        };
        let view = |translated: &[String], concept_published: bool| {
            PublicAgreement::of(
                original.clone(),
                &[public.clone(), secret.clone()],
                vec![document(1, true), document(2, false)],
                "fr",
                translated,
                &[7],
                false,
                concept_published,
            )
            .unwrap()
        };
        let v = view(&["en".into()], true);
        assert_eq!(
            v.terms.iter().map(|t| t.usd_cents).collect::<Vec<_>>(),
            [10_000, 12_500],
            "the staff-only amendment is not counted"
        );
        assert_eq!(v.terms.last().and_then(|t| t.expires_on.as_deref()), Some("2017-12-31"));
        assert_eq!(v.documents.iter().map(|d| d.id).collect::<Vec<_>>(), [1]);
        assert_eq!(v.parties.iter().map(|p| p.funder).collect::<Vec<_>>(), [Some(7), None]);
        assert_eq!((v.text_locale.as_str(), v.concept.map(|c| c.0)), ("en", Some("smart-villages".to_owned())));
        let json = serde_json::to_string(&view(&["en".into(), "fr".into()], false)).unwrap();
        assert!(!json.contains("Owner") && !json.contains("900000") && !json.contains("annex 2"), "{json}");
        assert!(json.contains("\"text_locale\":\"fr\"") && json.contains("\"concept\":null"), "{json}");
        let mut draft = original.clone();
        draft.status = AgreementStatus::Draft;
        assert!(PublicAgreement::of(draft, &[], vec![], "en", &[], &[], false, false).is_none());
        assert!(PublicAgreement::of(secret, &[], vec![], "en", &[], &[], false, false).is_none());
    }

    #[test]
    fn translations_need_a_title_in_another_language_and_empty_removes_them() {
        let codes = |r: Result<Option<(String, String)>, Vec<FieldError>>| {
            r.unwrap_err().into_iter().map(|e| format!("{}:{:?}", e.field, e.code)).collect::<Vec<_>>()
        };
        assert_eq!(
            parse_translation("en", "fr", "  Villages intelligents ", "Haut débit."),
            Ok(Some(("Villages intelligents".into(), "Haut débit.".into())))
        );
        assert_eq!(parse_translation("en", "fr", " ", ""), Ok(None), "empty: removed");
        assert_eq!(codes(parse_translation("en", "en", "Smart", "")), ["locale:Original"]);
        assert_eq!(codes(parse_translation("en", "de", "Smart", "")), ["locale:Unknown"]);
        assert_eq!(codes(parse_translation("en", "fr", "", "Seulement un résumé")), ["title:Required"]);
        assert_eq!(
            codes(parse_translation("en", "ar", &"x".repeat(TITLE_MAX + 1), &"y".repeat(SUMMARY_MAX + 1))),
            ["title:TooLong", "summary:TooLong"]
        );
    }

    #[test]
    fn searches_read_forgivingly_and_write_back() {
        let (q, dropped) = AgreementQuery::from_pairs([
            ("area", "capacity_building"),
            ("group", "ldc"),
            ("kind", "treaty"),
            ("from", "2017"),
            ("to", "2014"),
            ("page", "-3"),
            ("country", "ke"),
        ]);
        assert_eq!(dropped, ["kind"]);
        assert_eq!((q.from_year, q.to_year, q.page), (Some(2014), Some(2017), 1));
        assert_eq!(q.to_query_string(), "area=capacity_building&country=KE&group=ldc&from=2014&to=2017");
        let (all, _) = AgreementQuery::from_pairs([("partners", "all"), ("area", "energy")]);
        assert!(all.all_partners);
        assert_eq!(all.to_query_string(), "area=energy&partners=all");
        assert!(q.clone().validate().is_ok());
        assert!(AgreementQuery { area: Some("Bad Code".into()), ..q.clone() }.validate().is_err());
        assert!(AgreementQuery { q: "x".repeat(QUERY_MAX + 1), ..q }.validate().is_err());
        assert!(AgreementStatus::Draft.moves().contains(&AgreementStatus::Signed));
        assert!(!AgreementStatus::Draft.moves().contains(&AgreementStatus::Active));
        assert_eq!(Place::parse("group:xyz"), None);
        assert_eq!(Place::parse("region:africa").map(|p| p.code()).as_deref(), Some("region:africa"));
        assert!(is_reference("2015-0028") && !is_reference("2015-28"));
    }
}
