//! Expressions of interest: a potential partner tells staff they want to work on a concept,
//! and staff follow it through a pipeline of stages to an agreement (or not). Forms arrive
//! as strings (they work without JavaScript); `parse` checks them into values or field errors.
use super::staff::Email;
use super::subscription::{ENTITY_TYPES, clean_name, country_code};
use crate::error::{FieldCode, FieldError};
use serde::{Deserialize, Serialize};

/// What a partner could bring.
pub const CONTRIBUTIONS: [&str; 4] = ["funding", "in_kind", "expertise", "other"];
/// Longest message, in characters.
pub const MESSAGE_MAX: usize = 5000;
/// Longest internal note, in characters.
pub const NOTE_MAX: usize = 5000;
/// Largest amount, in US dollars (a hundred billion: anything above is a typo).
pub const AMOUNT_MAX: i64 = 100_000_000_000;

/// Where an expression of interest stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    New,
    Contacted,
    InDiscussion,
    Proposal,
    Signed,
    Declined,
    Withdrawn,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::New,
        Stage::Contacted,
        Stage::InDiscussion,
        Stage::Proposal,
        Stage::Signed,
        Stage::Declined,
        Stage::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Contacted => "contacted",
            Stage::InDiscussion => "in_discussion",
            Stage::Proposal => "proposal",
            Stage::Signed => "signed",
            Stage::Declined => "declined",
            Stage::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the pipeline has ended here.
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Signed | Stage::Declined | Stage::Withdrawn)
    }
}

/// The form on a concept page, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestForm {
    pub organisation: String,
    pub entity_type: String,
    /// ISO code, or empty.
    pub country: String,
    pub contact_name: String,
    pub email: String,
    pub role: String,
    pub contribution: String,
    /// Indicative amount in US dollars, with funding; may be empty.
    #[serde(default)]
    pub amount: String,
    pub message: String,
    /// `on` when they agree to be contacted.
    #[serde(default)]
    pub consent: String,
    /// A field people do not see and robots fill in.
    #[serde(default)]
    pub website: String,
    /// When the form was shown (seconds since the epoch), to tell robots by their speed.
    #[serde(default)]
    pub shown_at: String,
}

/// A checked expression of interest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interest {
    pub organisation: String,
    pub entity_type: String,
    pub country: Option<String>,
    pub contact_name: String,
    pub email: Email,
    pub role: String,
    pub contribution: String,
    pub amount_usd: Option<i64>,
    pub message: String,
}

impl InterestForm {
    pub fn parse(&self) -> Result<Interest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: FieldCode| errors.push(FieldError::new(field, code));
        let mut text = |field: &str, raw: &str, max: usize| match clean_name(raw, max) {
            Ok(clean) => clean,
            Err(code) => {
                fail(field, code);
                String::new()
            }
        };
        let organisation = text("organisation", &self.organisation, super::subscription::NAME_MAX);
        let contact_name = text("contact_name", &self.contact_name, super::subscription::NAME_MAX);
        let role = text("role", &self.role, super::subscription::NAME_MAX);
        let message = text("message", &self.message, MESSAGE_MAX);
        let email = Email::parse(&self.email);
        if email.is_none() {
            fail("email", FieldCode::InvalidEmail);
        }
        if !ENTITY_TYPES.contains(&self.entity_type.as_str()) {
            fail("entity_type", FieldCode::Unknown);
        }
        if !CONTRIBUTIONS.contains(&self.contribution.as_str()) {
            fail("contribution", FieldCode::Unknown);
        }
        let country = country_code(&self.country).unwrap_or_else(|code| {
            fail("country", code);
            None
        });
        let amount_usd = dollars(&self.amount).unwrap_or_else(|()| {
            fail("amount", FieldCode::InvalidAmount);
            None
        });
        if self.consent != "on" && self.consent != "true" {
            fail("consent", FieldCode::ConsentRequired);
        }
        match email {
            Some(email) if errors.is_empty() => Ok(Interest {
                organisation,
                entity_type: self.entity_type.clone(),
                country,
                contact_name,
                email,
                role,
                contribution: self.contribution.clone(),
                amount_usd: if self.contribution == "funding" { amount_usd } else { None },
                message,
            }),
            _ => Err(errors),
        }
    }

    /// Whether a robot sent it: the hidden field is filled in, or the form came back sooner
    /// than a person could fill it in (or without saying when it was shown).
    pub fn looks_automated(&self, now: i64) -> bool {
        super::subscription::looks_automated(&self.website, &self.shown_at, now)
    }
}

/// One expression of interest as the inbox lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestRow {
    pub id: i64,
    pub concept_id: i64,
    /// In the concept's original language.
    pub concept_title: String,
    pub organisation: String,
    pub entity_type: String,
    pub country: Option<String>,
    pub contact_name: String,
    pub email: String,
    pub contribution: String,
    pub amount_usd: Option<i64>,
    pub stage: String,
    pub owner: Option<String>,
    pub agreed_usd: Option<i64>,
    pub created_at: i64,
    pub erased: bool,
}

/// One expression of interest in full, with its notes and history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestDetail {
    pub row: InterestRow,
    /// The partner's country named in the reader's language.
    pub country_name: Option<String>,
    pub role: String,
    pub message: String,
    pub locale: String,
    pub owner_id: Option<i64>,
    pub notes: Vec<Note>,
    /// Staff who may own it: (id, name).
    pub staff: Vec<(i64, String)>,
    pub history: Vec<super::staff::AuditEntry>,
    /// The registry entry the partner's organisation is linked to.
    pub organisation: Option<super::organisation::OrganisationRecord>,
    /// Registry entries that may be it (when not linked, or besides the one linked).
    pub suggestions: Vec<super::organisation::Suggestion>,
    /// Agreements recorded from it: `(id, reference)`.
    #[serde(default)]
    pub agreements: Vec<(i64, String)>,
    /// Whether the linked organisation has a funder profile.
    #[serde(default)]
    pub funder_profile: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub author: Option<String>,
    pub body: String,
    pub at: i64,
}

/// The inbox's filters, as in its URL; empty means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxFilter {
    #[serde(default)]
    pub concept: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub entity_type: String,
    #[serde(default)]
    pub country: String,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// Checked filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inbox {
    pub concept: Option<i64>,
    pub stage: Option<Stage>,
    pub area: Option<String>,
    pub region: Option<String>,
    pub entity_type: Option<String>,
    pub country: Option<String>,
    /// Seconds since the epoch, from the start of `from` to the end of `to`.
    pub from: Option<i64>,
    pub to: Option<i64>,
}

impl InboxFilter {
    pub fn parse(&self) -> Result<Inbox, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str| errors.push(FieldError { field: field.into(), code: FieldCode::Unknown });
        let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let concept = some(&self.concept).and_then(|c| c.parse::<i64>().ok().or(Some(-1)));
        if concept.is_some_and(|c| c < 1) {
            fail("concept");
        }
        let stage = some(&self.stage).map(|s| Stage::parse(&s));
        if stage == Some(None) {
            fail("stage");
        }
        let code = |s: &Option<String>| s.as_ref().is_some_and(|c| c.len() > 64 || !super::catalogue::is_code(c));
        let (area, region) = (some(&self.area), some(&self.region));
        if code(&area) {
            fail("area");
        }
        if code(&region) {
            fail("region");
        }
        let entity_type = some(&self.entity_type);
        if entity_type.as_ref().is_some_and(|e| !ENTITY_TYPES.contains(&e.as_str())) {
            fail("entity_type");
        }
        let country = country_code(&self.country).unwrap_or_else(|_| {
            fail("country");
            None
        });
        let from = some(&self.from).map(|d| super::format::parse_iso_date(&d));
        if from == Some(None) {
            fail("from");
        }
        let to = some(&self.to).map(|d| super::format::parse_iso_date(&d).map(|t| t + 86_399));
        if to == Some(None) {
            fail("to");
        }
        if errors.is_empty() {
            Ok(Inbox {
                concept: concept.filter(|c| *c > 0),
                stage: stage.flatten(),
                area,
                region,
                entity_type,
                country,
                from: from.flatten(),
                to: to.flatten(),
            })
        } else {
            Err(errors)
        }
    }

    /// The URL query string (without `?`) of these filters; empty ones are left out.
    pub fn to_query_string(&self) -> String {
        [
            ("concept", &self.concept),
            ("stage", &self.stage),
            ("area", &self.area),
            ("region", &self.region),
            ("entity_type", &self.entity_type),
            ("country", &self.country),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", super::catalogue::encode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// A whole number of US dollars as typed (`1,200,000`, `250 000`), or none when empty;
/// an error when it is not one from 1 to [`AMOUNT_MAX`].
fn dollars(raw: &str) -> Result<Option<i64>, ()> {
    let digits = raw.trim().replace([',', ' ', '_', '\u{a0}'], "");
    match digits.parse::<i64>() {
        _ if digits.is_empty() => Ok(None),
        Ok(n) if (1..=AMOUNT_MAX).contains(&n) => Ok(Some(n)),
        _ => Err(()),
    }
}

/// A change a publisher makes to an expression of interest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineForm {
    pub stage: String,
    /// A staff member's id, or empty for nobody.
    #[serde(default)]
    pub owner: String,
    /// The amount agreed, in US dollars, when signed.
    #[serde(default)]
    pub agreed: String,
}

/// A checked pipeline change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    pub stage: Stage,
    pub owner: Option<i64>,
    pub agreed_usd: Option<i64>,
}

impl PipelineForm {
    pub fn parse(&self) -> Result<Pipeline, Vec<FieldError>> {
        let mut errors = Vec::new();
        let stage = Stage::parse(self.stage.trim());
        if stage.is_none() {
            errors.push(FieldError { field: "stage".into(), code: FieldCode::Unknown });
        }
        let owner = match self.owner.trim() {
            "" => None,
            o => match o.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    errors.push(FieldError { field: "owner".into(), code: FieldCode::Unknown });
                    None
                }
            },
        };
        let agreed_usd = dollars(&self.agreed).unwrap_or_else(|()| {
            errors.push(FieldError { field: "agreed".into(), code: FieldCode::InvalidAmount });
            None
        });
        match stage {
            Some(Stage::Signed) if agreed_usd.is_none() && errors.is_empty() => {
                Err(vec![FieldError { field: "agreed".into(), code: FieldCode::AmountRequired }])
            }
            Some(stage) if errors.is_empty() => {
                Ok(Pipeline { stage, owner, agreed_usd: if stage == Stage::Signed { agreed_usd } else { None } })
            }
            _ => Err(errors),
        }
    }
}

/// The staff dashboard: the pipeline in numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Expressions of interest per stage, in pipeline order.
    pub by_stage: Vec<(String, i64)>,
    /// Per region and per area of action: (code, name, interest, signed).
    pub by_region: Vec<Tally>,
    pub by_area: Vec<Tally>,
    pub total: i64,
    pub signed: i64,
    pub signed_usd: i64,
    /// Signed agreements in the record (amendments apart) and their value in US cents.
    #[serde(default)]
    pub recorded: i64,
    #[serde(default)]
    pub recorded_usd_cents: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub code: String,
    pub name: String,
    pub interest: i64,
    pub signed: i64,
}

impl Dashboard {
    /// Signed agreements per hundred expressions of interest, to one decimal.
    pub fn conversion_permille(&self) -> i64 {
        if self.total == 0 { 0 } else { self.signed * 1000 / self.total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> InterestForm {
        InterestForm {
            organisation: "Fundación Andina".into(),
            entity_type: "foundation".into(),
            country: "pe".into(),
            contact_name: "Rosa Quispe".into(),
            email: "Rosa@Example.org".into(),
            role: "Directora".into(),
            contribution: "funding".into(),
            amount: "250 000".into(),
            message: "Nos interesa cofinanciar.".into(),
            consent: "on".into(),
            website: String::new(),
            shown_at: "1000".into(),
        }
    }

    #[test]
    fn a_complete_form_parses_and_amounts_belong_to_funding() {
        let i = form().parse().unwrap();
        assert_eq!(
            (i.country.as_deref(), i.email.as_str(), i.amount_usd),
            (Some("PE"), "rosa@example.org", Some(250_000))
        );
        let expertise = InterestForm { contribution: "expertise".into(), ..form() }.parse().unwrap();
        assert_eq!(expertise.amount_usd, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = InterestForm {
            organisation: " ".into(),
            entity_type: "cartel".into(),
            country: "Narnia".into(),
            email: "nobody".into(),
            contribution: "goodwill".into(),
            amount: "-5".into(),
            message: "x".repeat(MESSAGE_MAX + 1),
            consent: String::new(),
            ..form()
        };
        let fields: Vec<String> = bad.parse().unwrap_err().into_iter().map(|e| e.field).collect();
        for f in ["organisation", "entity_type", "country", "email", "contribution", "amount", "message", "consent"] {
            assert!(fields.contains(&f.to_owned()), "{f} in {fields:?}");
        }
    }

    #[test]
    fn robots_are_told_by_the_hidden_field_and_their_speed() {
        assert!(!form().looks_automated(1010));
        assert!(form().looks_automated(1001), "too fast");
        assert!(InterestForm { website: "http://spam".into(), ..form() }.looks_automated(1010));
        assert!(InterestForm { shown_at: String::new(), ..form() }.looks_automated(1010));
    }

    #[test]
    fn signing_needs_an_amount_and_other_stages_drop_it() {
        let signed = PipelineForm { stage: "signed".into(), owner: "3".into(), agreed: "1,500,000".into() };
        assert_eq!(
            signed.parse().unwrap(),
            Pipeline { stage: Stage::Signed, owner: Some(3), agreed_usd: Some(1_500_000) }
        );
        let no_amount = PipelineForm { stage: "signed".into(), ..Default::default() };
        assert_eq!(no_amount.parse().unwrap_err()[0].code, "amount_required");
        let contacted = PipelineForm { stage: "contacted".into(), agreed: "5".into(), ..Default::default() };
        assert_eq!(contacted.parse().unwrap().agreed_usd, None);
        assert!(PipelineForm { stage: "won".into(), ..Default::default() }.parse().is_err());
    }

    #[test]
    fn inbox_filters_parse_dates_and_refuse_the_unknown() {
        let f = InboxFilter {
            stage: "proposal".into(),
            from: "2026-01-01".into(),
            to: "2026-01-31".into(),
            ..Default::default()
        };
        let inbox = f.parse().unwrap();
        assert_eq!(inbox.stage, Some(Stage::Proposal));
        assert_eq!(inbox.to.unwrap() - inbox.from.unwrap(), 31 * 86_400 - 1);
        assert_eq!(f.to_query_string(), "stage=proposal&from=2026-01-01&to=2026-01-31");
        for bad in [
            InboxFilter { stage: "lost".into(), ..Default::default() },
            InboxFilter { from: "yesterday".into(), ..Default::default() },
            InboxFilter { concept: "x".into(), ..Default::default() },
            InboxFilter { area: "<b>".into(), ..Default::default() },
        ] {
            assert!(bad.parse().is_err(), "{bad:?}");
        }
    }
}
