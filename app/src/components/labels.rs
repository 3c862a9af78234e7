//! Translated names of the fixed codes: country groups, contributions, media kinds, languages.
use crate::domain::catalogue::FacetKind;
use crate::domain::locale::{self, native_name};
use crate::i18n::*;

/// The name of `code` in the reader's language; `None` for codes named by the taxonomy
/// (areas, regions, countries) or unknown.
pub fn code_label(i18n: I18n, kind: FacetKind, code: &str) -> Option<String> {
    let text = match (kind, code) {
        (FacetKind::Group, "ldc") => t_string!(i18n, concept.group_ldc),
        (FacetKind::Group, "lldc") => t_string!(i18n, concept.group_lldc),
        (FacetKind::Group, "sids") => t_string!(i18n, concept.group_sids),
        (FacetKind::Contribution, "funding") => t_string!(i18n, concept.contribution_funding),
        (FacetKind::Contribution, "in_kind") => t_string!(i18n, concept.contribution_in_kind),
        (FacetKind::Contribution, "expertise") => t_string!(i18n, concept.contribution_expertise),
        (FacetKind::Media, "concept_note") => t_string!(i18n, concept.kind_concept_note),
        (FacetKind::Media, "slides") => t_string!(i18n, concept.kind_slides),
        (FacetKind::Media, "video") => t_string!(i18n, concept.kind_video),
        (FacetKind::Media, "brochure") => t_string!(i18n, concept.kind_brochure),
        (FacetKind::Language, code) => return locale::parse(code).map(|l| native_name(l).to_owned()),
        _ => return None,
    };
    Some(text.to_string())
}

/// A Sustainable Development Goal by number, with its name: `4. Quality Education`.
pub fn sdg_name(i18n: I18n, number: &str) -> String {
    let name = match number {
        "1" => t_string!(i18n, sdg.goal_1),
        "2" => t_string!(i18n, sdg.goal_2),
        "3" => t_string!(i18n, sdg.goal_3),
        "4" => t_string!(i18n, sdg.goal_4),
        "5" => t_string!(i18n, sdg.goal_5),
        "6" => t_string!(i18n, sdg.goal_6),
        "7" => t_string!(i18n, sdg.goal_7),
        "8" => t_string!(i18n, sdg.goal_8),
        "9" => t_string!(i18n, sdg.goal_9),
        "10" => t_string!(i18n, sdg.goal_10),
        "11" => t_string!(i18n, sdg.goal_11),
        "12" => t_string!(i18n, sdg.goal_12),
        "13" => t_string!(i18n, sdg.goal_13),
        "14" => t_string!(i18n, sdg.goal_14),
        "15" => t_string!(i18n, sdg.goal_15),
        "16" => t_string!(i18n, sdg.goal_16),
        "17" => t_string!(i18n, sdg.goal_17),
        _ => return number.to_owned(),
    };
    format!("{number}. {name}")
}

/// The i18n context, as handed to label functions.
pub type I18n = leptos_i18n::I18nContext<Locale>;
