//! Subscriptions to alerts: who subscribes, what they follow, how often. Forms arrive as
//! strings (they work without JavaScript); `parse` checks them into values or field errors.
use super::editor::codes;
use super::staff::Email;
use crate::error::{FieldCode, FieldError};
use serde::{Deserialize, Serialize};

/// What kind of entity subscribes.
pub const ENTITY_TYPES: [&str; 8] = [
    "government",
    "private_sector",
    "academia",
    "ngo",
    "international_organisation",
    "development_bank",
    "foundation",
    "other",
];

/// How often alerts are sent.
pub const FREQUENCIES: [&str; 3] = ["immediate", "daily", "weekly"];

/// Country groups a subscriber may follow.
pub const GROUPS: [&str; 3] = ["ldc", "lldc", "sids"];

/// The subscribe (or preferences) form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionForm {
    pub organisation: String,
    pub entity_type: String,
    /// ISO code, or empty.
    pub country: String,
    pub contact_name: String,
    pub email: String,
    /// Language of the alerts.
    pub locale: String,
    pub frequency: String,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
}

/// What a subscriber follows, by code; an empty list means "all" (and is left out of a
/// query string, hence the defaults).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criteria {
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
}

/// A checked subscription. Taxonomy codes are checked against the database by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    pub organisation: String,
    pub entity_type: String,
    pub country: Option<String>,
    pub contact_name: String,
    pub email: Email,
    pub locale: String,
    pub frequency: String,
    pub criteria: Criteria,
}

/// Longest organisation or contact name, in characters.
pub const NAME_MAX: usize = 200;
/// Most codes in one criteria list (there are fewer than 250 countries).
pub const LIST_MAX: usize = 300;

/// Seconds a person needs at least to fill in a public form.
pub const MIN_FILL_SECONDS: i64 = 3;

/// Whether a robot sent a public form: its hidden field (`website`) filled in, or sent
/// sooner than a person could fill it in after it was shown (`shown_at`, seconds since the
/// epoch), or without saying when it was shown.
pub fn looks_automated(website: &str, shown_at: &str, now: i64) -> bool {
    let shown = shown_at.trim().parse::<i64>().ok();
    !website.trim().is_empty() || shown.is_none_or(|at| now - at < MIN_FILL_SECONDS || at > now + 60)
}

/// A name or a line typed into a form, without control characters (new lines are kept
/// when `max` allows a message) and trimmed; the error code when empty or too long.
pub fn clean_name(raw: &str, max: usize) -> Result<String, FieldCode> {
    let multiline = max > NAME_MAX;
    let clean: String =
        raw.chars().filter(|c| !c.is_control() || (multiline && *c == '\n')).collect::<String>().trim().to_owned();
    match clean.chars().count() {
        0 => Err(FieldCode::Required),
        n if n > max => Err(FieldCode::TooLong),
        _ => Ok(clean),
    }
}

/// An ISO country code as typed (any case), or none; the error code when malformed.
pub fn country_code(raw: &str) -> Result<Option<String>, FieldCode> {
    let country = Some(raw.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
    if country.as_ref().is_some_and(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(FieldCode::Unknown);
    }
    Ok(country)
}

impl SubscriptionForm {
    pub fn parse(&self) -> Result<Subscription, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: FieldCode| errors.push(FieldError::new(field, code));
        let mut name = |field: &str, raw: &str| {
            clean_name(raw, NAME_MAX).unwrap_or_else(|code| {
                fail(field, code);
                String::new()
            })
        };
        let organisation = name("organisation", &self.organisation);
        let contact_name = name("contact_name", &self.contact_name);
        let email = Email::parse(&self.email);
        if email.is_none() {
            fail("email", FieldCode::InvalidEmail);
        }
        if !ENTITY_TYPES.contains(&self.entity_type.as_str()) {
            fail("entity_type", FieldCode::Unknown);
        }
        if super::locale::parse(&self.locale).is_none() {
            fail("locale", FieldCode::Unknown);
        }
        if !FREQUENCIES.contains(&self.frequency.as_str()) {
            fail("frequency", FieldCode::Unknown);
        }
        let country = country_code(&self.country).unwrap_or_else(|code| {
            fail("country", code);
            None
        });
        let criteria = Criteria {
            areas: codes(&self.areas),
            regions: codes(&self.regions),
            countries: codes(&self.countries),
            groups: codes(&self.groups),
        };
        let lists = [
            ("areas", &criteria.areas),
            ("regions", &criteria.regions),
            ("countries", &criteria.countries),
            ("groups", &criteria.groups),
        ];
        for (field, list) in lists {
            if list.len() > LIST_MAX || list.iter().any(|c| c.len() > 64) {
                fail(field, FieldCode::Unknown);
            }
        }
        if criteria.groups.iter().any(|g| !GROUPS.contains(&g.as_str())) {
            fail("groups", FieldCode::Unknown);
        }
        match email {
            Some(email) if errors.is_empty() => Ok(Subscription {
                organisation,
                entity_type: self.entity_type.clone(),
                country,
                contact_name,
                email,
                locale: self.locale.clone(),
                frequency: self.frequency.clone(),
                criteria,
            }),
            _ => Err(errors),
        }
    }
}

/// What the subscribe form shows while criteria are chosen: how many published concepts they
/// would have brought in the last 90 days, and the newest of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DryRun {
    pub total: i64,
    pub days: i64,
    pub concepts: Vec<super::concept::ConceptCard>,
}

/// A subscription as its manage page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// `pending`, `active` or `unsubscribed`.
    pub status: String,
    pub form: SubscriptionForm,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SubscriptionForm {
        SubscriptionForm {
            organisation: " Ministère du Numérique ".into(),
            entity_type: "government".into(),
            country: "sn".into(),
            contact_name: "Awa Ndiaye".into(),
            email: "Awa.Ndiaye@Example.SN".into(),
            locale: "fr".into(),
            frequency: "weekly".into(),
            areas: vec!["cybersecurity".into(), "cybersecurity".into(), " ".into()],
            regions: vec!["africa".into()],
            countries: vec![],
            groups: vec!["ldc".into()],
        }
    }

    #[test]
    fn a_good_form_is_cleaned() {
        let s = form().parse().unwrap();
        assert_eq!(s.organisation, "Ministère du Numérique");
        assert_eq!(s.email.as_str(), "awa.ndiaye@example.sn");
        assert_eq!(s.country.as_deref(), Some("SN"));
        assert_eq!(s.criteria.areas, ["cybersecurity"]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = SubscriptionForm {
            organisation: "".into(),
            entity_type: "pirate".into(),
            country: "Senegal".into(),
            contact_name: "x".repeat(NAME_MAX + 1),
            email: "not-an-address".into(),
            locale: "de".into(),
            frequency: "hourly".into(),
            groups: vec!["g7".into()],
            ..form()
        };
        let fields: Vec<String> = bad.parse().unwrap_err().into_iter().map(|e| e.field).collect();
        for field in
            ["organisation", "entity_type", "country", "contact_name", "email", "locale", "frequency", "groups"]
        {
            assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
        }
    }
}
