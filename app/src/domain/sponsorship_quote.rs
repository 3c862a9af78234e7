//! A sponsorship quote: what a visitor asks for (the choice, the organisation and its
//! contact), checked field by field, and the quote as its page and e-mail show it. A quote
//! is indicative and numbered `Q-YYYY-NNNN`; it is not a bill.
use crate::domain::sponsorship::{ChoiceError, ChoiceQuery, LineKind, PriceLine};
use crate::domain::staff::Email;
use crate::domain::subscription::{NAME_MAX, clean_name, looks_automated};
use crate::error::{FieldCode, FieldError};
use serde::{Deserialize, Serialize};

/// How long a quote holds its prices.
pub const VALID_DAYS: i64 = 30;

/// The request for a quote, as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteForm {
    pub event: String,
    /// The chosen activities' ids, separated by commas.
    pub activities: String,
    /// `1` or `on` when the organisation says it is a member.
    #[serde(default)]
    pub member: String,
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    /// A field people do not see and robots fill in.
    #[serde(default)]
    pub website: String,
    /// When the form was shown (seconds since the epoch), to tell robots by their speed.
    #[serde(default)]
    pub shown_at: String,
}

/// A checked request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRequest {
    pub choice: ChoiceQuery,
    pub organisation: String,
    pub contact_name: String,
    pub email: Email,
}

impl QuoteForm {
    pub fn parse(&self) -> Result<QuoteRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let pairs: Vec<(&str, &str)> = std::iter::once(("event", self.event.as_str()))
            .chain(self.activities.split(',').map(|a| ("a", a)))
            .chain(std::iter::once(("member", self.member.as_str())))
            .collect();
        let choice = ChoiceQuery::from_pairs(pairs);
        if choice.event.is_none() {
            errors.push(FieldError::new("event", FieldCode::Required));
        }
        if choice.activities.is_empty() {
            errors.push(FieldError::new("activities", FieldCode::Required));
        }
        let mut text = |field: &str, raw: &str| {
            clean_name(raw, NAME_MAX).unwrap_or_else(|code| {
                errors.push(FieldError::new(field, code));
                String::new()
            })
        };
        let organisation = text("organisation", &self.organisation);
        let contact_name = text("contact_name", &self.contact_name);
        let email = Email::parse(&self.email);
        if email.is_none() {
            errors.push(FieldError::new("email", FieldCode::InvalidEmail));
        }
        match email {
            Some(email) if errors.is_empty() => Ok(QuoteRequest { choice, organisation, contact_name, email }),
            _ => Err(errors),
        }
    }

    /// Whether a robot sent it: the hidden field filled in, or sent sooner than a person
    /// could fill it in (or without saying when it was shown).
    pub fn looks_automated(&self, now: i64) -> bool {
        looks_automated(&self.website, &self.shown_at, now)
    }
}

/// Why a choice cannot be quoted, as errors of the form's `activities` field.
pub fn choice_errors(errors: &[ChoiceError]) -> Vec<FieldError> {
    errors
        .iter()
        .map(|e| {
            let code = match e {
                ChoiceError::Empty => FieldCode::Required,
                ChoiceError::TooMany => FieldCode::TooLong,
                ChoiceError::Unknown(_) => FieldCode::Unknown,
                ChoiceError::SoldOut(_) => FieldCode::SoldOut,
                ChoiceError::Conflict(..) => FieldCode::Conflicts,
            };
            FieldError::new("activities", code)
        })
        .collect()
}

/// The quote number of the `n`-th quote of `year`.
pub fn number(year: i64, n: i64) -> String {
    format!("Q-{year}-{n:04}")
}

/// A line of a quote, with the activity's name in the quote's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub activity: String,
    pub line: PriceLine,
}

/// A quote as its page and e-mail show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub number: String,
    pub event: String,
    pub event_slug: String,
    pub organisation: String,
    pub contact_name: String,
    pub member_claimed: bool,
    pub currency: String,
    pub exponent: u32,
    pub lines: Vec<QuoteLine>,
    pub total: i64,
    /// When it was made and until when it holds (`YYYY-MM-DD`).
    pub issued_on: String,
    pub valid_until: String,
    pub price_book_version: i64,
    pub state: String,
}

impl Quote {
    pub fn list_total(&self) -> i64 {
        self.lines.iter().filter(|l| l.line.kind == LineKind::ListPrice).map(|l| l.line.amount).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> QuoteForm {
        QuoteForm {
            event: "summit".into(),
            activities: "3,5".into(),
            member: "1".into(),
            organisation: "Acme Networks".into(),
            contact_name: "Ada Lovelace".into(),
            email: "Ada@Example.org".into(),
            website: String::new(),
            shown_at: "1000".into(),
        }
    }

    #[test]
    fn a_request_is_checked_field_by_field() {
        let r = form().parse().unwrap();
        assert_eq!(r.choice.activities, [3, 5]);
        assert!(r.choice.member);
        assert_eq!(r.email.as_str(), "ada@example.org");
        let bad = QuoteForm {
            activities: "x".into(),
            organisation: " ".into(),
            contact_name: "n".repeat(NAME_MAX + 1),
            email: "not an address".into(),
            ..form()
        };
        let codes: Vec<(String, FieldCode)> = bad.parse().unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            codes,
            [
                ("activities".into(), FieldCode::Required),
                ("organisation".into(), FieldCode::Required),
                ("contact_name".into(), FieldCode::TooLong),
                ("email".into(), FieldCode::InvalidEmail),
            ]
        );
    }

    #[test]
    fn robots_are_told_by_the_hidden_field_and_their_speed() {
        assert!(!form().looks_automated(1010));
        assert!(form().looks_automated(1001), "faster than a person");
        assert!(QuoteForm { website: "http://spam".into(), ..form() }.looks_automated(1010));
        assert!(QuoteForm { shown_at: String::new(), ..form() }.looks_automated(1010));
        assert_eq!(number(2027, 7), "Q-2027-0007");
    }
}
