//! Translated names of the fixed codes: country groups, contributions, media kinds, languages.
use crate::domain::agreement::{
    AgreementKind, AgreementStatus, ContributionType, ObligationKind, PartyRole, TransactionKind,
};
use crate::domain::catalogue::FacetKind;
use crate::domain::interest::Stage;
use crate::domain::locale::{self, native_name};
use crate::domain::organisation::{DueDiligence, Membership, OrganisationKind};
use crate::domain::staff::Role;
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

pub fn stage_name(i18n: I18n, code: &str) -> String {
    match Stage::parse(code) {
        Some(Stage::New) => t_string!(i18n, interest.stage_new),
        Some(Stage::Contacted) => t_string!(i18n, interest.stage_contacted),
        Some(Stage::InDiscussion) => t_string!(i18n, interest.stage_in_discussion),
        Some(Stage::Proposal) => t_string!(i18n, interest.stage_proposal),
        Some(Stage::Signed) => t_string!(i18n, interest.stage_signed),
        Some(Stage::Declined) => t_string!(i18n, interest.stage_declined),
        Some(Stage::Withdrawn) => t_string!(i18n, interest.stage_withdrawn),
        None => return code.to_owned(),
    }
    .to_owned()
}

pub fn status_name(i18n: crate::components::labels::I18n, status: &str) -> &'static str {
    match status {
        "draft" => t_string!(i18n, staff.status_draft),
        "in_review" => t_string!(i18n, staff.status_in_review),
        "published" => t_string!(i18n, staff.status_published),
        "closed" => t_string!(i18n, staff.status_closed),
        _ => t_string!(i18n, staff.status_archived),
    }
}

pub fn role_name(i18n: I18n, role: Role) -> &'static str {
    match role {
        Role::Editor => t_string!(i18n, staff.role_editor),
        Role::Publisher => t_string!(i18n, staff.role_publisher),
        Role::Admin => t_string!(i18n, staff.role_admin),
    }
}

/// A contribution named in the reader's language.
pub fn contribution_label(i18n: I18n, code: &str) -> String {
    code_label(i18n, FacetKind::Contribution, code)
        .unwrap_or_else(|| t_string!(i18n, interest.contribution_other).to_owned())
}

pub fn entity_label(i18n: I18n, code: &str) -> &'static str {
    match code {
        "government" => t_string!(i18n, subscribe.entity_government),
        "private_sector" => t_string!(i18n, subscribe.entity_private_sector),
        "academia" => t_string!(i18n, subscribe.entity_academia),
        "ngo" => t_string!(i18n, subscribe.entity_ngo),
        "international_organisation" => t_string!(i18n, subscribe.entity_international_organisation),
        "development_bank" => t_string!(i18n, subscribe.entity_development_bank),
        "foundation" => t_string!(i18n, subscribe.entity_foundation),
        _ => t_string!(i18n, subscribe.entity_other),
    }
}

pub fn organisation_kind_name(i18n: I18n, kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Government => t_string!(i18n, organisation.kind_government),
        OrganisationKind::OtherPublic => t_string!(i18n, organisation.kind_other_public),
        OrganisationKind::Multilateral => t_string!(i18n, organisation.kind_multilateral),
        OrganisationKind::Ngo => t_string!(i18n, organisation.kind_ngo),
        OrganisationKind::Foundation => t_string!(i18n, organisation.kind_foundation),
        OrganisationKind::PrivateSector => t_string!(i18n, organisation.kind_private_sector),
        OrganisationKind::Academic => t_string!(i18n, organisation.kind_academic),
        OrganisationKind::Other => t_string!(i18n, organisation.kind_other),
    }
}

pub fn membership_name(i18n: I18n, membership: Membership) -> &'static str {
    match membership {
        Membership::MemberState => t_string!(i18n, organisation.membership_member_state),
        Membership::SectorMember => t_string!(i18n, organisation.membership_sector_member),
        Membership::Associate => t_string!(i18n, organisation.membership_associate),
        Membership::Academia => t_string!(i18n, organisation.membership_academia),
    }
}

pub fn due_diligence_name(i18n: I18n, status: DueDiligence) -> &'static str {
    match status {
        DueDiligence::NotStarted => t_string!(i18n, organisation.dd_not_started),
        DueDiligence::Pending => t_string!(i18n, organisation.dd_pending),
        DueDiligence::Cleared => t_string!(i18n, organisation.dd_cleared),
        DueDiligence::Failed => t_string!(i18n, organisation.dd_failed),
    }
}

pub fn agreement_kind_name(i18n: I18n, kind: AgreementKind) -> &'static str {
    match kind {
        AgreementKind::Mou => t_string!(i18n, agreement.kind_mou),
        AgreementKind::Cooperation => t_string!(i18n, agreement.kind_cooperation),
        AgreementKind::VoluntaryContribution => t_string!(i18n, agreement.kind_voluntary_contribution),
        AgreementKind::Sponsorship => t_string!(i18n, agreement.kind_sponsorship),
        AgreementKind::LetterOfIntent => t_string!(i18n, agreement.kind_letter_of_intent),
        AgreementKind::ProjectDocument => t_string!(i18n, agreement.kind_project_document),
        AgreementKind::Other => t_string!(i18n, agreement.kind_other),
    }
}

pub fn agreement_status_name(i18n: I18n, status: AgreementStatus) -> &'static str {
    match status {
        AgreementStatus::Draft => t_string!(i18n, agreement.status_draft),
        AgreementStatus::Signed => t_string!(i18n, agreement.status_signed),
        AgreementStatus::Active => t_string!(i18n, agreement.status_active),
        AgreementStatus::Expired => t_string!(i18n, agreement.status_expired),
        AgreementStatus::Terminated => t_string!(i18n, agreement.status_terminated),
    }
}

pub fn party_role_name(i18n: I18n, role: PartyRole) -> &'static str {
    match role {
        PartyRole::Funding => t_string!(i18n, agreement.role_funding),
        PartyRole::Accountable => t_string!(i18n, agreement.role_accountable),
        PartyRole::Extending => t_string!(i18n, agreement.role_extending),
        PartyRole::Implementing => t_string!(i18n, agreement.role_implementing),
    }
}

pub fn contribution_type_name(i18n: I18n, contribution: ContributionType) -> &'static str {
    match contribution {
        ContributionType::Financial => t_string!(i18n, agreement.contribution_financial),
        ContributionType::InKind => t_string!(i18n, agreement.contribution_in_kind),
        ContributionType::Expertise => t_string!(i18n, agreement.contribution_expertise),
    }
}

pub fn transaction_kind_name(i18n: I18n, kind: TransactionKind) -> &'static str {
    match kind {
        TransactionKind::Pledge => t_string!(i18n, agreement.tx_pledge),
        TransactionKind::Commitment => t_string!(i18n, agreement.tx_commitment),
        TransactionKind::Received => t_string!(i18n, agreement.tx_received),
    }
}

pub fn obligation_kind_name(i18n: I18n, kind: ObligationKind) -> &'static str {
    match kind {
        ObligationKind::Report => t_string!(i18n, agreement.ob_report),
        ObligationKind::Renewal => t_string!(i18n, agreement.ob_renewal),
        ObligationKind::Expiry => t_string!(i18n, agreement.ob_expiry),
    }
}
