//! An organisation's registry record as facts: kind, headquarters, website, membership, due
//! diligence, parent. Shown on its page and beside the interests linked to it.
use crate::domain::locale::code_of;
use crate::domain::names::{due_diligence_name, membership_name, organisation_kind_name};
use crate::domain::organisation::OrganisationRecord;
use crate::i18n::*;
use leptos::prelude::*;

/// The record as a list of facts; what is unknown says so.
#[component]
pub fn OrganisationFacts(record: OrganisationRecord) -> impl IntoView {
    let i18n = use_i18n();
    let r = record;
    let unknown = move || t_string!(i18n, organisation.unknown).to_owned();
    let membership = match (r.membership, r.member_since.clone()) {
        (Some(m), Some(since)) => {
            format!("{} ({} {since})", membership_name(i18n, m), t_string!(i18n, organisation.since))
        }
        (Some(m), None) => membership_name(i18n, m).to_owned(),
        (None, _) => t_string!(i18n, organisation.not_a_member).to_owned(),
    };
    let dd = r.due_diligence;
    let dd_text = match &r.due_diligence_on {
        Some(on) => format!("{} ({on})", due_diligence_name(i18n, dd)),
        None => due_diligence_name(i18n, dd).to_owned(),
    };
    let website = r.website.clone();
    let parent = r.parent.clone();
    view! {
        <dl class="partner-facts">
            <dt>{t!(i18n, organisation.kind)}</dt><dd>{organisation_kind_name(i18n, r.kind)}</dd>
            <dt>{t!(i18n, organisation.country)}</dt><dd>{r.country_name.clone().or_else(|| r.country.clone()).unwrap_or_else(unknown)}</dd>
            <dt>{t!(i18n, organisation.website)}</dt>
            <dd dir="ltr">{match website {
                Some(w) => view! { <a href=w.clone() rel="noopener noreferrer external">{w.clone()}</a> }.into_any(),
                None => view! { <span>{unknown()}</span> }.into_any(),
            }}</dd>
            <dt>{t!(i18n, organisation.membership)}</dt><dd>{membership}</dd>
            <dt>{t!(i18n, organisation.due_diligence)}</dt><dd><span class=format!("stage dd-{}", dd.code())>{dd_text}</span></dd>
            {parent.map(|(pid, name)| view! {
                <dt>{t!(i18n, organisation.parent)}</dt>
                <dd><a href=move || format!("/{}/staff/organisations/{pid}", code_of(i18n.get_locale())) dir="auto">{name.clone()}</a></dd>
            })}
        </dl>
    }
}
