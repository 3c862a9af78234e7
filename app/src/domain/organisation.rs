//! The organisation registry, shared by every tool: who an organisation is (name in its own
//! language, acronym, kind, headquarters, website), its membership of the agency and where
//! its due diligence stands. Forms arrive as strings; `parse` checks them.
use super::editor::is_iso_date;
use super::subscription::{NAME_MAX, clean_name, country_code};
use crate::code_enum;
use crate::error::{FieldCode, FieldError};
use serde::{Deserialize, Serialize};

/// Longest acronym, in characters.
pub const ACRONYM_MAX: usize = 30;
/// Longest website address, in characters.
pub const WEBSITE_MAX: usize = 200;

code_enum! {
    /// The IATI organisation types, grouped as the agency reports them.
    pub enum OrganisationKind {
        Government = "government",
        OtherPublic = "other_public",
        Multilateral = "multilateral",
        Ngo = "ngo",
        Foundation = "foundation",
        PrivateSector = "private_sector",
        Academic = "academic",
        Other = "other",
    }
}

impl OrganisationKind {
    /// The code of the IATI `OrganisationType` list (2.03) this kind is reported as.
    pub fn iati_code(self) -> &'static str {
        match self {
            OrganisationKind::Government => "10",
            OrganisationKind::OtherPublic => "15",
            OrganisationKind::Multilateral => "40",
            OrganisationKind::Ngo => "22",
            OrganisationKind::Foundation => "60",
            OrganisationKind::PrivateSector => "70",
            OrganisationKind::Academic => "80",
            OrganisationKind::Other => "90",
        }
    }

    /// The kind an interest's or a subscriber's entity type suggests.
    pub fn from_entity_type(entity_type: &str) -> Self {
        match entity_type {
            "government" => OrganisationKind::Government,
            "private_sector" => OrganisationKind::PrivateSector,
            "academia" => OrganisationKind::Academic,
            "ngo" => OrganisationKind::Ngo,
            "international_organisation" | "development_bank" => OrganisationKind::Multilateral,
            "foundation" => OrganisationKind::Foundation,
            _ => OrganisationKind::Other,
        }
    }
}

code_enum! {
    /// How an organisation belongs to the agency, if it does.
    pub enum Membership {
        MemberState = "member_state",
        SectorMember = "sector_member",
        Associate = "associate",
        Academia = "academia",
    }
}

code_enum! {
    /// Where the agency's due diligence on an organisation stands.
    pub enum DueDiligence {
        NotStarted = "not_started",
        Pending = "pending",
        Cleared = "cleared",
        Failed = "failed",
    }
}

/// The registry form, as typed (flat, so it works without JavaScript).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationForm {
    pub name: String,
    /// The language the name is written in: a two- or three-letter code, or empty.
    #[serde(default)]
    pub name_locale: String,
    #[serde(default)]
    pub acronym: String,
    pub kind: String,
    /// ISO code of the headquarters' country, or empty.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub website: String,
    /// The domain its staff write from (`example.org`), or empty: suggests links.
    #[serde(default)]
    pub email_domain: String,
    /// A membership code, or empty for none.
    #[serde(default)]
    pub membership: String,
    /// `YYYY-MM-DD`, with a membership.
    #[serde(default)]
    pub member_since: String,
    pub due_diligence: String,
    /// `YYYY-MM-DD`: when the due diligence reached its status.
    #[serde(default)]
    pub due_diligence_on: String,
    /// The parent organisation's id, or empty.
    #[serde(default)]
    pub parent: String,
}

/// A registry entry that passed its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    pub name: String,
    pub name_locale: Option<String>,
    pub acronym: Option<String>,
    pub kind: OrganisationKind,
    pub country: Option<String>,
    pub website: Option<String>,
    pub email_domain: Option<String>,
    pub membership: Option<(Membership, Option<String>)>,
    pub due_diligence: DueDiligence,
    pub due_diligence_on: Option<String>,
    pub parent: Option<i64>,
}

impl OrganisationForm {
    pub fn parse(&self) -> Result<Organisation, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: FieldCode| errors.push(FieldError::new(field, code));
        let name = clean_name(&self.name, NAME_MAX).unwrap_or_else(|code| {
            fail("name", code);
            String::new()
        });
        let name_locale = optional(&self.name_locale).map(str::to_ascii_lowercase);
        if name_locale
            .as_ref()
            .is_some_and(|l| !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()))
        {
            fail("name_locale", FieldCode::Invalid);
        }
        let acronym = optional(&self.acronym).map(|a| clean_name(a, ACRONYM_MAX));
        let acronym = match acronym {
            Some(Ok(a)) => Some(a),
            Some(Err(code)) => {
                fail("acronym", code);
                None
            }
            None => None,
        };
        let kind = OrganisationKind::parse(&self.kind).unwrap_or_else(|| {
            fail("kind", FieldCode::Unknown);
            OrganisationKind::Other
        });
        let country = country_code(&self.country).unwrap_or_else(|code| {
            fail("country", code);
            None
        });
        let website = optional(&self.website).map(str::to_owned);
        if let Some(w) = &website {
            let scheme = w.strip_prefix("https://").or_else(|| w.strip_prefix("http://"));
            let host = scheme.map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
            if w.chars().count() > WEBSITE_MAX {
                fail("website", FieldCode::TooLong);
            } else if !host.is_some_and(is_domain) || w.chars().any(|c| c.is_whitespace() || c.is_control()) {
                fail("website", FieldCode::Invalid);
            }
        }
        let email_domain = optional(&self.email_domain).map(|d| d.trim_start_matches('@').to_ascii_lowercase());
        if email_domain.as_deref().is_some_and(|d| !is_domain(d)) {
            fail("email_domain", FieldCode::Invalid);
        }
        let since = optional(&self.member_since).map(str::to_owned);
        let membership = match (optional(&self.membership), since) {
            (None, None) => None,
            (None, Some(_)) => {
                fail("membership", FieldCode::Required);
                None
            }
            (Some(code), since) => match Membership::parse(code) {
                Some(m) => {
                    if since.as_deref().is_some_and(|d| !is_iso_date(d)) {
                        fail("member_since", FieldCode::Invalid);
                    }
                    Some((m, since))
                }
                None => {
                    fail("membership", FieldCode::Unknown);
                    None
                }
            },
        };
        let due_diligence = DueDiligence::parse(&self.due_diligence).unwrap_or_else(|| {
            fail("due_diligence", FieldCode::Unknown);
            DueDiligence::NotStarted
        });
        let due_diligence_on = optional(&self.due_diligence_on).map(str::to_owned);
        if due_diligence_on.as_deref().is_some_and(|d| !is_iso_date(d)) {
            fail("due_diligence_on", FieldCode::Invalid);
        }
        let parent = optional(&self.parent).map(|p| p.parse::<i64>().ok().filter(|id| *id > 0));
        let parent = match parent {
            Some(Some(id)) => Some(id),
            Some(None) => {
                fail("parent", FieldCode::Unknown);
                None
            }
            None => None,
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Organisation {
            name,
            name_locale,
            acronym,
            kind,
            country,
            website,
            email_domain,
            membership,
            due_diligence,
            due_diligence_on,
            parent,
        })
    }
}

fn optional(raw: &str) -> Option<&str> {
    Some(raw.trim()).filter(|s| !s.is_empty())
}

/// A host name: labels of letters, digits and hyphens, at least one dot.
fn is_domain(host: &str) -> bool {
    host.len() <= 253
        && host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// The e-mail domain of an address, lower-cased (`None` for something that is not one).
pub fn domain_of(email: &str) -> Option<String> {
    let (_, domain) = email.trim().rsplit_once('@')?;
    let domain = domain.to_ascii_lowercase();
    is_domain(&domain).then_some(domain)
}

/// One entry as staff see it in the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRecord {
    pub id: i64,
    pub name: String,
    pub name_locale: Option<String>,
    pub acronym: Option<String>,
    pub kind: OrganisationKind,
    pub country: Option<String>,
    /// The headquarters' country named in the reader's language (filled where it is shown).
    #[serde(default)]
    pub country_name: Option<String>,
    pub website: Option<String>,
    pub email_domain: Option<String>,
    pub membership: Option<Membership>,
    pub member_since: Option<String>,
    pub due_diligence: DueDiligence,
    pub due_diligence_on: Option<String>,
    pub parent: Option<(i64, String)>,
    /// Demo content, not a real organisation.
    pub demo: bool,
}

impl OrganisationRecord {
    /// The record as its edit form shows it.
    pub fn form(&self) -> OrganisationForm {
        OrganisationForm {
            name: self.name.clone(),
            name_locale: self.name_locale.clone().unwrap_or_default(),
            acronym: self.acronym.clone().unwrap_or_default(),
            kind: self.kind.code().to_owned(),
            country: self.country.clone().unwrap_or_default(),
            website: self.website.clone().unwrap_or_default(),
            email_domain: self.email_domain.clone().unwrap_or_default(),
            membership: self.membership.map(|m| m.code().to_owned()).unwrap_or_default(),
            member_since: self.member_since.clone().unwrap_or_default(),
            due_diligence: self.due_diligence.code().to_owned(),
            due_diligence_on: self.due_diligence_on.clone().unwrap_or_default(),
            parent: self.parent.as_ref().map(|(id, _)| id.to_string()).unwrap_or_default(),
        }
    }
}

/// A line of the registry's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrganisationKind,
    pub country: Option<String>,
    pub due_diligence: DueDiligence,
    /// Expressions of interest linked to it.
    pub interests: i64,
    pub demo: bool,
}

/// A registry entry offered for an interest's organisation, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: i64,
    pub name: String,
    pub acronym: Option<String>,
    /// Its e-mail domain is the contact's.
    pub same_domain: bool,
    /// Its name (or acronym) matches the name the partner typed.
    pub same_name: bool,
}

/// A subscriber linked to an entry, or offered for it (staff only: it names a person).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriberLink {
    pub id: i64,
    pub email: String,
    /// The organisation as the subscriber typed it.
    pub organisation: String,
    pub contact_name: String,
    /// `pending`, `active` or `unsubscribed`.
    pub status: String,
    pub linked: bool,
    /// Offered because the address is at the entry's e-mail domain.
    pub same_domain: bool,
    /// Offered because the typed organisation is the entry's name or acronym.
    pub same_name: bool,
}

/// What the organisation page shows: the record, what is linked to it, and its history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationPage {
    pub record: OrganisationRecord,
    /// `(interest id, concept title, stage, received at)`, newest first.
    pub interests: Vec<(i64, String, String, i64)>,
    pub subscribers: i64,
    /// Subscribers linked to it (first) and those that may belong to it, to link by hand.
    #[serde(default)]
    pub subscriber_links: Vec<SubscriberLink>,
    /// Agreements it is party to.
    #[serde(default)]
    pub agreements: i64,
    pub children: Vec<(i64, String)>,
    pub history: Vec<super::staff::AuditEntry>,
}

/// A name reduced for comparison: lower case, accents and punctuation gone, spaces single.
pub fn comparable(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if c != ' ' || !out.ends_with(' ') {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrganisationForm {
        OrganisationForm {
            name: "  Fundación Andina  ".into(),
            kind: "foundation".into(),
            country: "pe".into(),
            website: "https://andina.example.org/about".into(),
            email_domain: "@Andina.Example.org".into(),
            membership: "sector_member".into(),
            member_since: "2012-03-01".into(),
            due_diligence: "cleared".into(),
            due_diligence_on: "2024-02-29".into(),
            ..Default::default()
        }
    }

    fn codes(form: OrganisationForm) -> Vec<(String, String)> {
        form.parse().unwrap_err().into_iter().map(|e| (e.field, e.code.as_str().to_owned())).collect()
    }

    #[test]
    fn a_good_form_parses_into_clean_values() {
        let o = form().parse().unwrap();
        assert_eq!(o.name, "Fundación Andina");
        assert_eq!(o.kind, OrganisationKind::Foundation);
        assert_eq!(o.country.as_deref(), Some("PE"));
        assert_eq!(o.email_domain.as_deref(), Some("andina.example.org"));
        assert_eq!(o.membership, Some((Membership::SectorMember, Some("2012-03-01".into()))));
        assert_eq!(o.due_diligence, DueDiligence::Cleared);
        assert_eq!(o.parent, None);
    }

    #[test]
    fn bad_fields_each_get_their_code() {
        let bad = OrganisationForm {
            name: " ".into(),
            kind: "club".into(),
            website: "javascript:alert(1)".into(),
            email_domain: "not a domain".into(),
            membership: "vip".into(),
            due_diligence: "maybe".into(),
            due_diligence_on: "2023-02-29".into(),
            parent: "-4".into(),
            acronym: "A".repeat(31),
            ..form()
        };
        assert_eq!(
            codes(bad),
            [
                ("name", "required"),
                ("acronym", "too_long"),
                ("kind", "unknown"),
                ("website", "invalid"),
                ("email_domain", "invalid"),
                ("membership", "unknown"),
                ("due_diligence", "unknown"),
                ("due_diligence_on", "invalid"),
                ("parent", "unknown"),
            ]
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
        );
        assert_eq!(
            codes(OrganisationForm { membership: String::new(), ..form() }),
            [("membership".into(), "required".into())]
        );
    }

    #[test]
    fn dates_domains_and_names_compare_as_people_mean_them() {
        assert_eq!(domain_of("Rosa@Andina.Example.ORG").as_deref(), Some("andina.example.org"));
        assert_eq!(domain_of("nobody"), None);
        assert_eq!(comparable("Fundación  Andina, S.A."), "fundacion andina s a");
        assert_eq!(OrganisationKind::from_entity_type("development_bank"), OrganisationKind::Multilateral);
        assert_eq!(OrganisationKind::Ngo.iati_code(), "22");
        let json = serde_json::to_string(&OrganisationKind::PrivateSector).unwrap();
        assert_eq!(json, "\"private_sector\"");
    }
}
