//! The fixed codes named in a language: country groups, contributions, media kinds, roles,
//! stages, the registry's and the record's enums. One home for pages, e-mails and files:
//! each function takes the language, or a page's i18n context (which names its language).
use crate::domain::agreement::{
    AgreementKind, AgreementStatus, ContributionType, DocumentKind, ObligationKind, PartyRole, TransactionKind,
};
use crate::domain::catalogue::FacetKind;
use crate::domain::funder::{FundingType, Mechanism, ProfilePart};
use crate::domain::interest::Stage;
use crate::domain::locale::{self, native_name};
use crate::domain::organisation::{DueDiligence, Membership, OrganisationKind};
use crate::domain::sponsorship::{ActivityKind, BenefitKind, EventState, LineKind, PriceLine};
use crate::domain::sponsorship_sale::{DeliverableKind, SaleState};
use crate::domain::staff::Role;
use crate::i18n::*;

/// A page's i18n context, as pages hand it around.
pub type I18n = leptos_i18n::I18nContext<Locale>;

/// A page's i18n context stands for the language it shows (and tracks it where a view reads it).
impl From<I18n> for Locale {
    fn from(i18n: I18n) -> Locale {
        i18n.get_locale()
    }
}

/// The name of `code` in the reader's language; `None` for codes named by the taxonomy
/// (areas, regions, countries) or unknown.
pub fn code_label(language: impl Into<Locale>, kind: FacetKind, code: &str) -> Option<String> {
    let l: Locale = language.into();
    let text = match (kind, code) {
        (FacetKind::Group, "ldc") => td_string!(l, concept.group_ldc),
        (FacetKind::Group, "lldc") => td_string!(l, concept.group_lldc),
        (FacetKind::Group, "sids") => td_string!(l, concept.group_sids),
        (FacetKind::Contribution, "funding") => td_string!(l, concept.contribution_funding),
        (FacetKind::Contribution, "in_kind") => td_string!(l, concept.contribution_in_kind),
        (FacetKind::Contribution, "expertise") => td_string!(l, concept.contribution_expertise),
        (FacetKind::Media, "concept_note") => td_string!(l, concept.kind_concept_note),
        (FacetKind::Media, "slides") => td_string!(l, concept.kind_slides),
        (FacetKind::Media, "video") => td_string!(l, concept.kind_video),
        (FacetKind::Media, "brochure") => td_string!(l, concept.kind_brochure),
        (FacetKind::Language, code) => return locale::parse(code).map(|l| native_name(l).to_owned()),
        _ => return None,
    };
    Some(text.to_string())
}

/// A Sustainable Development Goal by number, with its name: `4. Quality Education`.
pub fn sdg_name(language: impl Into<Locale>, number: &str) -> String {
    let l: Locale = language.into();
    let name = match number {
        "1" => td_string!(l, sdg.goal_1),
        "2" => td_string!(l, sdg.goal_2),
        "3" => td_string!(l, sdg.goal_3),
        "4" => td_string!(l, sdg.goal_4),
        "5" => td_string!(l, sdg.goal_5),
        "6" => td_string!(l, sdg.goal_6),
        "7" => td_string!(l, sdg.goal_7),
        "8" => td_string!(l, sdg.goal_8),
        "9" => td_string!(l, sdg.goal_9),
        "10" => td_string!(l, sdg.goal_10),
        "11" => td_string!(l, sdg.goal_11),
        "12" => td_string!(l, sdg.goal_12),
        "13" => td_string!(l, sdg.goal_13),
        "14" => td_string!(l, sdg.goal_14),
        "15" => td_string!(l, sdg.goal_15),
        "16" => td_string!(l, sdg.goal_16),
        "17" => td_string!(l, sdg.goal_17),
        _ => return number.to_owned(),
    };
    format!("{number}. {name}")
}

pub fn stage_name(language: impl Into<Locale>, code: &str) -> String {
    let l: Locale = language.into();
    match Stage::parse(code) {
        Some(Stage::New) => td_string!(l, interest.stage_new),
        Some(Stage::Contacted) => td_string!(l, interest.stage_contacted),
        Some(Stage::InDiscussion) => td_string!(l, interest.stage_in_discussion),
        Some(Stage::Proposal) => td_string!(l, interest.stage_proposal),
        Some(Stage::Signed) => td_string!(l, interest.stage_signed),
        Some(Stage::Declined) => td_string!(l, interest.stage_declined),
        Some(Stage::Withdrawn) => td_string!(l, interest.stage_withdrawn),
        None => return code.to_owned(),
    }
    .to_owned()
}

pub fn status_name(language: impl Into<Locale>, status: &str) -> &'static str {
    let l: Locale = language.into();
    match status {
        "draft" => td_string!(l, staff.status_draft),
        "in_review" => td_string!(l, staff.status_in_review),
        "published" => td_string!(l, staff.status_published),
        "closed" => td_string!(l, staff.status_closed),
        _ => td_string!(l, staff.status_archived),
    }
}

pub fn role_name(language: impl Into<Locale>, role: Role) -> &'static str {
    let l: Locale = language.into();
    match role {
        Role::Editor => td_string!(l, staff.role_editor),
        Role::Publisher => td_string!(l, staff.role_publisher),
        Role::Admin => td_string!(l, staff.role_admin),
    }
}

/// A contribution named in the reader's language.
pub fn contribution_label(language: impl Into<Locale>, code: &str) -> String {
    let l: Locale = language.into();
    code_label(l, FacetKind::Contribution, code)
        .unwrap_or_else(|| td_string!(l, interest.contribution_other).to_owned())
}

pub fn entity_label(language: impl Into<Locale>, code: &str) -> &'static str {
    let l: Locale = language.into();
    match code {
        "government" => td_string!(l, subscribe.entity_government),
        "private_sector" => td_string!(l, subscribe.entity_private_sector),
        "academia" => td_string!(l, subscribe.entity_academia),
        "ngo" => td_string!(l, subscribe.entity_ngo),
        "international_organisation" => td_string!(l, subscribe.entity_international_organisation),
        "development_bank" => td_string!(l, subscribe.entity_development_bank),
        "foundation" => td_string!(l, subscribe.entity_foundation),
        _ => td_string!(l, subscribe.entity_other),
    }
}

pub fn organisation_kind_name(language: impl Into<Locale>, kind: OrganisationKind) -> &'static str {
    let l: Locale = language.into();
    match kind {
        OrganisationKind::Government => td_string!(l, organisation.kind_government),
        OrganisationKind::OtherPublic => td_string!(l, organisation.kind_other_public),
        OrganisationKind::Multilateral => td_string!(l, organisation.kind_multilateral),
        OrganisationKind::Ngo => td_string!(l, organisation.kind_ngo),
        OrganisationKind::Foundation => td_string!(l, organisation.kind_foundation),
        OrganisationKind::PrivateSector => td_string!(l, organisation.kind_private_sector),
        OrganisationKind::Academic => td_string!(l, organisation.kind_academic),
        OrganisationKind::Other => td_string!(l, organisation.kind_other),
    }
}

pub fn membership_name(language: impl Into<Locale>, membership: Membership) -> &'static str {
    let l: Locale = language.into();
    match membership {
        Membership::MemberState => td_string!(l, organisation.membership_member_state),
        Membership::SectorMember => td_string!(l, organisation.membership_sector_member),
        Membership::Associate => td_string!(l, organisation.membership_associate),
        Membership::Academia => td_string!(l, organisation.membership_academia),
    }
}

pub fn due_diligence_name(language: impl Into<Locale>, status: DueDiligence) -> &'static str {
    let l: Locale = language.into();
    match status {
        DueDiligence::NotStarted => td_string!(l, organisation.dd_not_started),
        DueDiligence::Pending => td_string!(l, organisation.dd_pending),
        DueDiligence::Cleared => td_string!(l, organisation.dd_cleared),
        DueDiligence::Failed => td_string!(l, organisation.dd_failed),
    }
}

pub fn agreement_kind_name(language: impl Into<Locale>, kind: AgreementKind) -> &'static str {
    let l: Locale = language.into();
    match kind {
        AgreementKind::Mou => td_string!(l, agreement.kind_mou),
        AgreementKind::Cooperation => td_string!(l, agreement.kind_cooperation),
        AgreementKind::VoluntaryContribution => td_string!(l, agreement.kind_voluntary_contribution),
        AgreementKind::Sponsorship => td_string!(l, agreement.kind_sponsorship),
        AgreementKind::LetterOfIntent => td_string!(l, agreement.kind_letter_of_intent),
        AgreementKind::ProjectDocument => td_string!(l, agreement.kind_project_document),
        AgreementKind::Other => td_string!(l, agreement.kind_other),
    }
}

pub fn agreement_status_name(language: impl Into<Locale>, status: AgreementStatus) -> &'static str {
    let l: Locale = language.into();
    match status {
        AgreementStatus::Draft => td_string!(l, agreement.status_draft),
        AgreementStatus::Signed => td_string!(l, agreement.status_signed),
        AgreementStatus::Active => td_string!(l, agreement.status_active),
        AgreementStatus::Expired => td_string!(l, agreement.status_expired),
        AgreementStatus::Terminated => td_string!(l, agreement.status_terminated),
    }
}

pub fn party_role_name(language: impl Into<Locale>, role: PartyRole) -> &'static str {
    let l: Locale = language.into();
    match role {
        PartyRole::Funding => td_string!(l, agreement.role_funding),
        PartyRole::Accountable => td_string!(l, agreement.role_accountable),
        PartyRole::Extending => td_string!(l, agreement.role_extending),
        PartyRole::Implementing => td_string!(l, agreement.role_implementing),
    }
}

pub fn contribution_type_name(language: impl Into<Locale>, contribution: ContributionType) -> &'static str {
    let l: Locale = language.into();
    match contribution {
        ContributionType::Financial => td_string!(l, agreement.contribution_financial),
        ContributionType::InKind => td_string!(l, agreement.contribution_in_kind),
        ContributionType::Expertise => td_string!(l, agreement.contribution_expertise),
    }
}

pub fn transaction_kind_name(language: impl Into<Locale>, kind: TransactionKind) -> &'static str {
    let l: Locale = language.into();
    match kind {
        TransactionKind::Pledge => td_string!(l, agreement.tx_pledge),
        TransactionKind::Commitment => td_string!(l, agreement.tx_commitment),
        TransactionKind::Received => td_string!(l, agreement.tx_received),
    }
}

pub fn obligation_kind_name(language: impl Into<Locale>, kind: ObligationKind) -> &'static str {
    let l: Locale = language.into();
    match kind {
        ObligationKind::Report => td_string!(l, agreement.ob_report),
        ObligationKind::Renewal => td_string!(l, agreement.ob_renewal),
        ObligationKind::Expiry => td_string!(l, agreement.ob_expiry),
    }
}

pub fn document_kind_name(language: impl Into<Locale>, kind: DocumentKind) -> &'static str {
    let l: Locale = language.into();
    match kind {
        DocumentKind::Signed => td_string!(l, agreement.doc_signed),
        DocumentKind::Annex => td_string!(l, agreement.doc_annex),
        DocumentKind::Other => td_string!(l, agreement.doc_other),
    }
}

pub fn funding_type_name(language: impl Into<Locale>, kind: FundingType) -> &'static str {
    let l: Locale = language.into();
    match kind {
        FundingType::Grant => td_string!(l, funder.type_grant),
        FundingType::InKind => td_string!(l, funder.type_in_kind),
        FundingType::Expertise => td_string!(l, funder.type_expertise),
        FundingType::Secondment => td_string!(l, funder.type_secondment),
        FundingType::Loan => td_string!(l, funder.type_loan),
        FundingType::Sponsorship => td_string!(l, funder.type_sponsorship),
    }
}

pub fn mechanism_name(language: impl Into<Locale>, mechanism: Mechanism) -> &'static str {
    let l: Locale = language.into();
    match mechanism {
        Mechanism::ProjectType => td_string!(l, funder.mechanism_project_type),
        Mechanism::PooledFund => td_string!(l, funder.mechanism_pooled_fund),
        Mechanism::EarmarkedFund => td_string!(l, funder.mechanism_earmarked_fund),
        Mechanism::CoreContribution => td_string!(l, funder.mechanism_core_contribution),
        Mechanism::TechnicalAssistance => td_string!(l, funder.mechanism_technical_assistance),
        Mechanism::Personnel => td_string!(l, funder.mechanism_personnel),
        Mechanism::Scholarships => td_string!(l, funder.mechanism_scholarships),
        Mechanism::BudgetSupport => td_string!(l, funder.mechanism_budget_support),
    }
}

/// A part of a funder profile, as the completeness indicator names what is missing.
pub fn profile_part_name(language: impl Into<Locale>, part: ProfilePart) -> &'static str {
    let l: Locale = language.into();
    match part {
        ProfilePart::Mandate => td_string!(l, funder.mandate),
        ProfilePart::Strategy => td_string!(l, funder.strategy),
        ProfilePart::Areas => td_string!(l, funder.priority_areas),
        ProfilePart::Places => td_string!(l, funder.places),
        ProfilePart::Sdgs => td_string!(l, funder.sdgs),
        ProfilePart::FundingTypes => td_string!(l, funder.funding_types),
        ProfilePart::Mechanisms => td_string!(l, funder.mechanisms),
        ProfilePart::Amount => td_string!(l, funder.amount),
        ProfilePart::Cycle => td_string!(l, funder.cycle),
        ProfilePart::Source => td_string!(l, funder.source),
    }
}

pub fn activity_kind_name(language: impl Into<Locale>, kind: ActivityKind) -> &'static str {
    let l: Locale = language.into();
    match kind {
        ActivityKind::SideEvent => td_string!(l, sponsorship.kind_side_event),
        ActivityKind::Reception => td_string!(l, sponsorship.kind_reception),
        ActivityKind::CoffeeBreak => td_string!(l, sponsorship.kind_coffee_break),
        ActivityKind::Lunch => td_string!(l, sponsorship.kind_lunch),
        ActivityKind::LanyardsBags => td_string!(l, sponsorship.kind_lanyards_bags),
        ActivityKind::WifiApp => td_string!(l, sponsorship.kind_wifi_app),
        ActivityKind::Exhibition => td_string!(l, sponsorship.kind_exhibition),
        ActivityKind::Award => td_string!(l, sponsorship.kind_award),
        ActivityKind::Other => td_string!(l, sponsorship.kind_other),
    }
}

pub fn benefit_kind_name(language: impl Into<Locale>, kind: BenefitKind) -> &'static str {
    let l: Locale = language.into();
    match kind {
        BenefitKind::LogoOnSignage => td_string!(l, sponsorship.benefit_logo_on_signage),
        BenefitKind::LogoOnline => td_string!(l, sponsorship.benefit_logo_online),
        BenefitKind::Passes => td_string!(l, sponsorship.benefit_passes),
        BenefitKind::SpeakingSlot => td_string!(l, sponsorship.benefit_speaking_slot),
        BenefitKind::Booth => td_string!(l, sponsorship.benefit_booth),
        BenefitKind::ProgrammeMention => td_string!(l, sponsorship.benefit_programme_mention),
        BenefitKind::SocialMedia => td_string!(l, sponsorship.benefit_social_media),
        BenefitKind::BrandedItems => td_string!(l, sponsorship.benefit_branded_items),
    }
}

/// What a line of a price says, without its rate: "Welcome reception — list price",
/// "Member discount", "Multi-sponsorship discount, activity no. 2". `activity` is the name
/// of the line's activity.
pub fn price_line_label(language: impl Into<Locale>, line: &PriceLine, activity: &str) -> String {
    let l: Locale = language.into();
    match line.kind {
        LineKind::ListPrice => format!("{activity} — {}", td_string!(l, sponsorship.list_price)),
        LineKind::MemberDiscount => td_string!(l, sponsorship.member_discount).to_owned(),
        LineKind::MultiDiscount => format!("{} {}", td_string!(l, sponsorship.multi_discount), line.rank),
    }
}

/// An event state's name.
pub fn event_state_name(i18n: I18n, state: EventState) -> &'static str {
    match state {
        EventState::Draft => t_string!(i18n, sponsorship_editor.state_draft),
        EventState::Open => t_string!(i18n, sponsorship_editor.state_open),
        EventState::Suspended => t_string!(i18n, sponsorship_editor.state_suspended),
        EventState::Closed => t_string!(i18n, sponsorship_editor.state_closed),
    }
}

/// A quote state's name.
pub fn quote_state_name(i18n: I18n, state: &str) -> &'static str {
    match state {
        "accepted" => t_string!(i18n, sponsorship.quote_state_accepted),
        "expired" => t_string!(i18n, sponsorship.quote_state_expired),
        "declined" => t_string!(i18n, sponsorship.quote_state_declined),
        _ => t_string!(i18n, sponsorship.quote_state_sent),
    }
}

/// A sponsorship state's name.
pub fn sale_state_name(i18n: I18n, state: SaleState) -> &'static str {
    match state {
        SaleState::Accepted => t_string!(i18n, sponsorship_staff.state_accepted),
        SaleState::ContractSent => t_string!(i18n, sponsorship_staff.state_contract_sent),
        SaleState::Signed => t_string!(i18n, sponsorship_staff.state_signed),
        SaleState::Paid => t_string!(i18n, sponsorship_staff.state_paid),
        SaleState::Cancelled => t_string!(i18n, sponsorship_staff.state_cancelled),
    }
}

/// A checklist line's name: the logo received, or the benefit.
pub fn deliverable_name(i18n: I18n, kind: DeliverableKind) -> &'static str {
    match kind {
        DeliverableKind::Benefit(benefit) => benefit_kind_name(i18n.get_locale_untracked(), benefit),
        DeliverableKind::LogoReceived => t_string!(i18n, sponsorship_staff.logo_received),
    }
}
