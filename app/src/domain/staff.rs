//! Staff accounts: roles, e-mail addresses and the password rules (OWASP ASVS 5: at least
//! 12 characters, long passphrases welcome, no composition rules, not a common password).
use serde::{Deserialize, Serialize};

/// What a staff member may do; each role includes the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Writes drafts and translations.
    Editor,
    /// Also reviews, publishes and closes concepts.
    Publisher,
    /// Also manages staff accounts and the taxonomy.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Editor, Role::Publisher, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Publisher => "publisher",
            Role::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether this role may do what `needed` may.
    pub fn includes(self, needed: Role) -> bool {
        self >= needed
    }
}

/// The signed-in staff member, as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Whether a second factor is set up.
    pub two_factor: bool,
    /// Administrators require a second factor of this member, who has none yet: until they
    /// set one up they may only manage their own account.
    pub two_factor_due: bool,
}

/// Whether the second-factor policy applies to a role: publishers and administrators.
pub fn two_factor_applies(role: Role) -> bool {
    role.includes(Role::Publisher)
}

/// A member's second factor, as their account page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    /// Administrators require it of this member's role.
    pub required: bool,
    pub recovery_codes_left: i64,
    /// A secret offered and not yet confirmed.
    pub setup: Option<TwoFactorSetup>,
}

/// A secret offered for an authenticator app: as text (grouped), as an `otpauth://` address,
/// and as a QR code (SVG) of that address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorSetup {
    pub secret: String,
    pub uri: String,
    pub qr_svg: String,
}

/// A staff account as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    /// Whether a second factor is set up.
    pub two_factor: bool,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Seconds since the Unix epoch.
    pub at: i64,
    /// The staff member's name; `None` for the system (command line, seed).
    pub actor: Option<String>,
    pub subject_kind: String,
    pub subject_id: Option<i64>,
    /// The concept's title or the account holder's name.
    pub subject_name: Option<String>,
    pub action: String,
    /// What changed, as named values (lists joined with commas).
    pub detail: Vec<(String, String)>,
}

/// A concept as the staff list shows it: any status, titled in the reader's language where
/// translated, else in its original language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffConceptRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// Language of `title`.
    pub locale: String,
    pub original_locale: String,
    /// `draft`, `in_review`, `published`, `closed`, `archived`.
    pub status: String,
    /// Languages with a translation, in the UN order.
    pub languages: Vec<String>,
    /// Seconds since the Unix epoch.
    pub updated_at: i64,
}

/// An e-mail address, trimmed and lower-cased; checked for shape only (one `@`, a dot in
/// the domain, no spaces or control characters, at most 254 characters).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Option<Self> {
        let email = raw.trim().to_lowercase();
        let (local, domain) = email.split_once('@')?;
        let valid = email.chars().count() <= 254
            && !local.is_empty()
            && local.chars().count() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';'));
        valid.then_some(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub const PASSWORD_MIN_CHARS: usize = 12;
/// Long enough for any passphrase; short enough that hashing it costs nothing extra.
pub const PASSWORD_MAX_CHARS: usize = 256;

/// Why a new password is refused; each is a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Common,
}

impl PasswordProblem {
    pub fn code(self) -> crate::error::FieldCode {
        use crate::error::FieldCode;
        match self {
            PasswordProblem::TooShort => FieldCode::PasswordTooShort,
            PasswordProblem::TooLong => FieldCode::PasswordTooLong,
            PasswordProblem::Common => FieldCode::PasswordCommon,
        }
    }
}

/// Checks a new password against the rules; `is_common` looks it up in the shipped list
/// (server side). Any characters are allowed, spaces included; nothing is trimmed.
pub fn check_new_password(password: &str, is_common: impl Fn(&str) -> bool) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err(PasswordProblem::TooShort)
    } else if chars > PASSWORD_MAX_CHARS {
        Err(PasswordProblem::TooLong)
    } else if is_common(&password.to_lowercase()) {
        Err(PasswordProblem::Common)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_include_the_ones_below() {
        assert!(Role::Admin.includes(Role::Publisher) && Role::Admin.includes(Role::Editor));
        assert!(Role::Publisher.includes(Role::Editor) && !Role::Publisher.includes(Role::Admin));
        assert!(!Role::Editor.includes(Role::Publisher));
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn e_mail_addresses_are_normalised_and_checked_for_shape() {
        assert_eq!(Email::parse("  Amina.Diallo@Example.ORG ").unwrap().as_str(), "amina.diallo@example.org");
        assert!(Email::parse("名前@例え.中国").is_some());
        for bad in
            ["", "no-at.example.org", "a@b", "a@@b.org", "a b@c.org", "@c.org", "a@.c.org", "a@c.org.", "a@c..org"]
        {
            assert_eq!(Email::parse(bad), None, "{bad}");
        }
        assert_eq!(Email::parse(&format!("{}@example.org", "a".repeat(65))), None);
        assert_eq!(Email::parse("a@example.org\r\nBcc: x@y.org"), None);
    }

    #[test]
    fn passwords_need_length_not_composition_and_must_not_be_common() {
        let never = |_: &str| false;
        assert_eq!(check_new_password("short", never), Err(PasswordProblem::TooShort));
        // Twelve characters of any kind, counted as characters, not bytes.
        assert_eq!(check_new_password("ééééééééééé", never), Err(PasswordProblem::TooShort));
        assert_eq!(check_new_password("correct horse battery staple", never), Ok(()));
        assert_eq!(check_new_password("абвгдеёжзийк", never), Ok(()));
        assert_eq!(check_new_password(&"x".repeat(257), never), Err(PasswordProblem::TooLong));
        let common = |p: &str| p == "passwordpassword";
        assert_eq!(check_new_password("PasswordPassword", common), Err(PasswordProblem::Common));
    }
}
