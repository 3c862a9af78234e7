//! What staff write: a concept's texts in one language, its facts and tags, and the
//! workflow it moves through. Forms arrive as plain strings (they work without
//! JavaScript); `parse` turns them into checked values or translated field errors.
use super::staff::{Email, Role};
use crate::error::{AppError, FieldCode, FieldError};
use serde::{Deserialize, Serialize};

/// Where a concept is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Draft,
    InReview,
    Published,
    Closed,
    Archived,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::Draft, Status::InReview, Status::Published, Status::Closed, Status::Archived];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Published => "published",
            Status::Closed => "closed",
            Status::Archived => "archived",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The role a move from `self` to `to` needs; `None` when there is no such move.
    /// Editors submit drafts for review and take them back; publishers publish, send back,
    /// close, reopen and archive.
    pub fn move_needs(self, to: Status) -> Option<Role> {
        use Status::*;
        match (self, to) {
            (Draft, InReview) | (InReview, Draft) => Some(Role::Editor),
            (InReview, Published) | (Published, Closed) | (Closed, Published) => Some(Role::Publisher),
            (Published | Closed, Archived) | (Archived, Draft) => Some(Role::Publisher),
            _ => None,
        }
    }

    /// The moves `role` may make from here.
    pub fn moves_for(self, role: Role) -> Vec<Status> {
        Self::ALL.into_iter().filter(|to| self.move_needs(*to).is_some_and(|needed| role.includes(needed))).collect()
    }
}

/// A concept's texts in one language, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextForm {
    pub title: String,
    pub summary: String,
    pub objectives: String,
    pub beneficiaries: String,
    /// Markdown.
    pub body: String,
}

/// Longest accepted texts, in characters.
pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 1_500;
pub const SECTION_MAX: usize = 5_000;
pub const BODY_MAX: usize = 50_000;

impl TextForm {
    /// Trimmed texts without control characters (line breaks and tabs kept in the long
    /// ones); errors name the field.
    pub fn parse(&self) -> Result<TextForm, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut field = |name: &str, value: &str, max: usize, multiline: bool, required: bool| {
            let clean = clean(value, multiline);
            let n = clean.chars().count();
            if required && n == 0 {
                errors.push(FieldError { field: name.into(), code: FieldCode::Required });
            } else if n > max {
                errors.push(FieldError { field: name.into(), code: FieldCode::TooLong });
            }
            clean
        };
        let text = TextForm {
            title: field("title", &self.title, TITLE_MAX, false, true),
            summary: field("summary", &self.summary, SUMMARY_MAX, true, true),
            objectives: field("objectives", &self.objectives, SECTION_MAX, true, false),
            beneficiaries: field("beneficiaries", &self.beneficiaries, SECTION_MAX, true, false),
            body: field("body", &self.body, BODY_MAX, true, false),
        };
        if errors.is_empty() { Ok(text) } else { Err(errors) }
    }
}

pub fn clean(value: &str, multiline: bool) -> String {
    let kept: String = value
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || (multiline && matches!(c, '\n' | '\t')))
        .collect();
    kept.trim().to_owned()
}

/// A concept's facts and tags, as typed (every field a string, so a plain form can send it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactsForm {
    /// The language the concept is first written in.
    pub original_locale: String,
    /// Whole US dollars; empty when not estimated.
    pub budget: String,
    /// `YYYY-MM-DD` or empty.
    pub starts_on: String,
    pub ends_on: String,
    pub focal_name: String,
    pub focal_email: String,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub contributions: Vec<String>,
    /// Sustainable Development Goals, `1` to `17`.
    #[serde(default)]
    pub sdgs: Vec<String>,
}

/// Checked facts. Tag codes are checked against the taxonomy by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub original_locale: String,
    pub budget_usd: Option<i64>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub focal_name: String,
    pub focal_email: String,
    pub areas: Vec<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub groups: Vec<String>,
    pub contributions: Vec<String>,
    /// `1` to `17`, in order.
    pub sdgs: Vec<String>,
}

/// The Sustainable Development Goals' numbers, as form values.
pub const SDGS: [&str; 17] =
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17"];

pub const BUDGET_MAX: i64 = 1_000_000_000_000;

impl FactsForm {
    pub fn parse(&self) -> Result<Facts, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: FieldCode| errors.push(FieldError::new(field, code));
        if super::locale::parse(&self.original_locale).is_none() {
            fail("original_locale", FieldCode::Unknown);
        }
        let budget_text: String =
            self.budget.chars().filter(|c| !matches!(c, ' ' | ',' | '_' | '\u{a0}' | '\u{202f}')).collect();
        let budget_usd = if budget_text.is_empty() {
            None
        } else {
            match budget_text.parse::<i64>() {
                Ok(n) if (0..=BUDGET_MAX).contains(&n) => Some(n),
                _ => {
                    fail("budget", FieldCode::Invalid);
                    None
                }
            }
        };
        let mut date = |field: &str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                None
            } else if is_iso_date(value) {
                Some(value.to_owned())
            } else {
                fail(field, FieldCode::Invalid);
                None
            }
        };
        let starts_on = date("starts_on", &self.starts_on);
        let ends_on = date("ends_on", &self.ends_on);
        if let (Some(s), Some(e)) = (&starts_on, &ends_on)
            && e < s
        {
            fail("ends_on", FieldCode::BeforeStart);
        }
        let focal_name = clean(&self.focal_name, false);
        if focal_name.chars().count() > TITLE_MAX {
            fail("focal_name", FieldCode::TooLong);
        }
        let focal_email = match clean(&self.focal_email, false) {
            e if e.is_empty() => String::new(),
            e => match Email::parse(&e) {
                Some(email) => email.as_str().to_owned(),
                None => {
                    fail("focal_email", FieldCode::Invalid);
                    String::new()
                }
            },
        };
        let facts = Facts {
            original_locale: self.original_locale.clone(),
            budget_usd,
            starts_on,
            ends_on,
            focal_name,
            focal_email,
            areas: codes(&self.areas),
            regions: codes(&self.regions),
            countries: codes(&self.countries),
            groups: codes(&self.groups),
            contributions: codes(&self.contributions),
            sdgs: {
                let mut goals = codes(&self.sdgs);
                if goals.iter().any(|g| !SDGS.contains(&g.as_str())) {
                    fail("sdgs", FieldCode::Unknown);
                }
                goals.sort_by_key(|g| g.parse::<u8>().unwrap_or(u8::MAX));
                goals
            },
        };
        if facts.areas.is_empty() {
            errors.push(FieldError { field: "areas".into(), code: FieldCode::Required });
        }
        if facts.regions.is_empty() {
            errors.push(FieldError { field: "regions".into(), code: FieldCode::Required });
        }
        if errors.is_empty() { Ok(facts) } else { Err(errors) }
    }
}

/// Codes chosen in a form: trimmed, empty ones dropped, sorted, each once.
pub fn codes(values: &[String]) -> Vec<String> {
    let mut v: Vec<String> = values.iter().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect();
    v.sort();
    v.dedup();
    v
}

/// `YYYY-MM-DD` naming a real day.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num =
        |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&y) && (1..=days).contains(&d)
}

/// Field errors as the one error type of server functions.
pub fn invalid(errors: Vec<FieldError>) -> AppError {
    AppError::Validation(errors)
}

/// A concept as the editor loads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableConcept {
    pub id: i64,
    pub slug: String,
    pub status: Status,
    /// Bumped by every change; a save names the version it started from.
    pub version: i64,
    pub facts: FactsForm,
    /// Every language written, original first.
    pub texts: Vec<(String, TextForm)>,
    /// Translations still in draft (not public yet).
    pub drafts: Vec<String>,
    /// For a member who may publish it now: how many active subscribers it would alert.
    pub reach: Option<i64>,
    /// What the signed-in member may move it to.
    pub moves: Vec<Status>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> FactsForm {
        FactsForm {
            original_locale: "fr".into(),
            areas: vec!["infrastructure".into()],
            regions: vec!["africa".into()],
            ..Default::default()
        }
    }

    #[test]
    fn the_workflow_allows_each_move_to_the_right_role_only() {
        use Status::*;
        assert_eq!(Draft.moves_for(Role::Editor), vec![InReview]);
        assert_eq!(InReview.moves_for(Role::Editor), vec![Draft]);
        assert_eq!(InReview.moves_for(Role::Publisher), vec![Draft, Published]);
        assert_eq!(Published.moves_for(Role::Editor), Vec::<Status>::new());
        assert_eq!(Published.moves_for(Role::Admin), vec![Closed, Archived]);
        assert_eq!(Closed.moves_for(Role::Publisher), vec![Published, Archived]);
        assert_eq!(Archived.moves_for(Role::Publisher), vec![Draft]);
        assert_eq!(Draft.move_needs(Published), None, "publishing goes through review");
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn texts_are_cleaned_and_checked() {
        let t = TextForm {
            title: "  Solar\u{0} clinics \n".into(),
            summary: "Line one\r\nline two\u{7}".into(),
            ..Default::default()
        };
        let t = t.parse().unwrap();
        assert_eq!(t.title, "Solar clinics");
        assert_eq!(t.summary, "Line one\nline two");
        let errors = TextForm::default().parse().unwrap_err();
        assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["title", "summary"]);
        let long = TextForm { title: "x".repeat(TITLE_MAX + 1), summary: "s".into(), ..Default::default() };
        assert_eq!(long.parse().unwrap_err()[0].code, "too_long");
    }

    #[test]
    fn facts_are_parsed_into_checked_values() {
        let f = FactsForm {
            budget: "1 250 000".into(),
            starts_on: "2027-01-01".into(),
            ends_on: "2028-12-31".into(),
            focal_email: " Focal@Example.org ".into(),
            areas: vec!["infrastructure".into(), "infrastructure".into(), " ".into()],
            ..facts()
        }
        .parse()
        .unwrap();
        assert_eq!(f.budget_usd, Some(1_250_000));
        assert_eq!(f.focal_email, "focal@example.org");
        assert_eq!(f.areas, ["infrastructure"]);
        let fields = |form: FactsForm| {
            form.parse().unwrap_err().into_iter().map(|e| (e.field, e.code.as_str().to_owned())).collect::<Vec<_>>()
        };
        assert_eq!(fields(FactsForm { budget: "-5".into(), ..facts() }), [("budget".into(), "invalid".into())]);
        assert_eq!(fields(FactsForm { budget: "lots".into(), ..facts() }), [("budget".into(), "invalid".into())]);
        assert_eq!(
            fields(FactsForm { starts_on: "2027-02-30".into(), ..facts() }),
            [("starts_on".into(), "invalid".into())]
        );
        assert_eq!(
            fields(FactsForm { starts_on: "2028-01-01".into(), ends_on: "2027-01-01".into(), ..facts() }),
            [("ends_on".into(), "before_start".into())]
        );
        assert_eq!(
            fields(FactsForm { original_locale: "de".into(), ..facts() }),
            [("original_locale".into(), "unknown".into())]
        );
        assert_eq!(
            fields(FactsForm { focal_email: "nope".into(), ..facts() }),
            [("focal_email".into(), "invalid".into())]
        );
        assert_eq!(
            fields(FactsForm { areas: vec![], regions: vec![], ..facts() }),
            [("areas".into(), "required".into()), ("regions".into(), "required".into())]
        );
    }

    #[test]
    fn dates_must_be_real_days() {
        assert!(is_iso_date("2028-02-29") && !is_iso_date("2027-02-29"));
        assert!(!is_iso_date("2027-13-01") && !is_iso_date("27-01-01") && !is_iso_date("2027-1-01"));
    }
}
