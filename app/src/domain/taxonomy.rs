//! Areas of action, regions, and how many published concepts each has.
use serde::{Deserialize, Serialize};

/// An area of action or a region with its names in the six languages, as administrators edit
/// them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermNames {
    pub code: String,
    /// `(locale, name)` in the UN order; empty where no name is set.
    pub names: Vec<(String, String)>,
}

/// Names as typed in the taxonomy form, one per language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamesForm {
    pub ar: String,
    pub zh: String,
    pub en: String,
    pub fr: String,
    pub ru: String,
    pub es: String,
}

/// Longest name of a term, in characters.
pub const TERM_NAME_MAX: usize = 120;

impl NamesForm {
    /// `(locale, name)` in the UN order, trimmed; each required, at most
    /// [`TERM_NAME_MAX`] characters, no control characters. Errors name the field (`names[fr]`).
    pub fn parse(&self) -> Result<Vec<(&'static str, String)>, Vec<crate::error::FieldError>> {
        let all = [
            ("ar", &self.ar),
            ("zh", &self.zh),
            ("en", &self.en),
            ("fr", &self.fr),
            ("ru", &self.ru),
            ("es", &self.es),
        ];
        let mut errors = Vec::new();
        let mut names = Vec::new();
        for (locale, raw) in all {
            let name: String = raw.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned();
            let code = match name.chars().count() {
                0 => Some(crate::error::FieldCode::Required),
                n if n > TERM_NAME_MAX => Some(crate::error::FieldCode::TooLong),
                _ => None,
            };
            match code {
                Some(code) => errors.push(crate::error::FieldError::new(format!("names[{locale}]"), code)),
                None => names.push((locale, name)),
            }
        }
        if errors.is_empty() { Ok(names) } else { Err(errors) }
    }
}

/// A taxonomy term named in the reader's language, with the number of published concepts
/// tagged with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountedTerm {
    pub code: String,
    pub name: String,
    pub count: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_required_in_every_language_and_cleaned() {
        let mut form = NamesForm {
            ar: " الزراعة ".into(),
            zh: "农业".into(),
            en: "Agri\u{7}culture".into(),
            fr: "Agriculture".into(),
            ru: "Сельское хозяйство".into(),
            es: "Agricultura".into(),
        };
        let names = form.parse().unwrap();
        assert_eq!(names[0], ("ar", "الزراعة".to_owned()));
        assert_eq!(names[2], ("en", "Agriculture".to_owned()));
        form.fr = "  ".into();
        form.es = "x".repeat(TERM_NAME_MAX + 1);
        let errors = form.parse().unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].field.as_str(), errors[0].code.as_str()), ("names[fr]", "required"));
        assert_eq!((errors[1].field.as_str(), errors[1].code.as_str()), ("names[es]", "too_long"));
    }
}
