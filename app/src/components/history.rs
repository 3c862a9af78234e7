//! The history of a concept, an account or an interest: who changed what, when.
use crate::domain::agreement::AgreementStatus;
use crate::domain::format::local_date_time;
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::names::{
    I18n, agreement_status_name, event_state_name, role_name, sale_state_name, stage_name, status_name,
};
use crate::domain::sponsorship::EventState;
use crate::domain::sponsorship_sale::SaleState;
use crate::domain::staff::{AuditEntry, Role};
use crate::i18n::*;
use leptos::prelude::*;

/// A concept's audit log.
#[component]
pub fn History(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading">{t!(i18n, staff.history)}</h2>
            <ol>
                {entries.into_iter().map(|e| view! { <li><Entry entry=e subject=false /></li> }).collect_view()}
            </ol>
        </section>
    }
}

/// When, who, what (and, in the whole log, about what).
#[component]
pub fn Entry(entry: AuditEntry, subject: bool) -> impl IntoView {
    let i18n = use_i18n();
    let e = entry;
    let actor = e.actor.clone();
    let about = subject.then(|| subject_view(i18n, &e));
    let (action, detail) = (e.action.clone(), e.detail.clone());
    view! {
        <time>{move || local_date_time(i18n.get_locale(), e.at)}</time>
        " · " <strong>{move || actor.clone().unwrap_or_else(|| t_string!(i18n, staff.system).to_owned())}</strong>
        {about.map(|a| view! { " · " {a} })}
        " · " {move || audit_line(i18n, &action, &detail)}
    }
}

/// What an entry is about: a link to the concept's editor, or the account's holder.
pub fn subject_view(i18n: I18n, e: &AuditEntry) -> AnyView {
    let name = e.subject_name.clone().unwrap_or_else(|| format!("#{}", e.subject_id.unwrap_or(0)));
    match (e.subject_kind.as_str(), e.subject_id) {
        ("concept" | "interest" | "organisation" | "agreement" | "sponsorship", Some(id)) => {
            let path = match e.subject_kind.as_str() {
                "concept" => "concepts",
                "interest" => "interests",
                "agreement" => "agreements",
                "sponsorship" => "sponsorship/sponsorships",
                _ => "organisations",
            };
            view! { <a href=move || format!("/{}/staff/{path}/{id}", code_of(i18n.get_locale()))>{name}</a> }.into_any()
        }
        ("sponsorship_event", Some(_)) => {
            let slug = crate::domain::catalogue::encode(&name);
            view! { <a href=move || format!("/{}/staff/sponsorship/events/{slug}", code_of(i18n.get_locale()))>{name}</a> }
                .into_any()
        }
        _ => view! { <span>{name}</span> }.into_any(),
    }
}

/// One audit entry in the reader's language.
pub fn audit_line(i18n: I18n, action: &str, detail: &[(String, String)]) -> String {
    let text = |k: &str| detail.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let lang = |k: &str| locale::parse(&text(k)).map(native_name).unwrap_or_default().to_owned();
    let role = |k: &str| Role::parse(&text(k)).map(|r| role_name(i18n, r)).unwrap_or_default();
    let status = |k: &str| status_name(i18n, &text(k));
    let titled = |label: &str| format!("{label}: {}", text("title"));
    match action {
        "created" => format!("{} ({})", t_string!(i18n, staff.audit_created), lang("original_locale")),
        "updated" => t_string!(i18n, staff.audit_updated).to_owned(),
        "translation_added" => format!("{}: {}", t_string!(i18n, staff.audit_translation_added), lang("locale")),
        "translation_updated" => format!("{}: {}", t_string!(i18n, staff.audit_translation_updated), lang("locale")),
        "translation_removed" => format!("{}: {}", t_string!(i18n, staff.audit_translation_removed), lang("locale")),
        "status_changed" => {
            format!("{}: {} → {}", t_string!(i18n, staff.audit_status_changed), status("from"), status("to"))
        }
        "medium_added" => titled(t_string!(i18n, staff.audit_medium_added)),
        "medium_replaced" => titled(t_string!(i18n, staff.audit_medium_replaced)),
        "medium_renamed" => titled(t_string!(i18n, staff.audit_medium_renamed)),
        "medium_moved" => titled(t_string!(i18n, staff.audit_medium_moved)),
        "medium_removed" => titled(t_string!(i18n, staff.audit_medium_removed)),
        "signed_in" => t_string!(i18n, staff.audit_signed_in).to_owned(),
        "password_changed" => t_string!(i18n, staff.audit_password_changed).to_owned(),
        "password_reset" => t_string!(i18n, staff.audit_password_reset).to_owned(),
        "account_created" => format!("{} ({})", t_string!(i18n, staff.audit_account_created), role("role")),
        "account_reset" => format!("{} ({})", t_string!(i18n, staff.audit_account_reset), role("role")),
        "role_changed" => format!("{}: {} → {}", t_string!(i18n, staff.audit_role_changed), role("from"), role("to")),
        "account_disabled" => t_string!(i18n, staff.audit_account_disabled).to_owned(),
        "account_enabled" => t_string!(i18n, staff.audit_account_enabled).to_owned(),
        "two_factor_enabled" => t_string!(i18n, staff.audit_two_factor_enabled).to_owned(),
        "two_factor_disabled" => t_string!(i18n, staff.audit_two_factor_disabled).to_owned(),
        "two_factor_removed" => t_string!(i18n, staff.audit_two_factor_removed).to_owned(),
        "recovery_codes_renewed" => t_string!(i18n, staff.audit_recovery_codes_renewed).to_owned(),
        "two_factor_policy" => t_string!(i18n, staff.audit_two_factor_policy).to_owned(),
        "interest_received" => t_string!(i18n, staff.audit_interest_received).to_owned(),
        "pipeline_changed" => format!(
            "{}: {} → {}",
            t_string!(i18n, staff.audit_pipeline_changed),
            stage_name(i18n, &text("from")),
            stage_name(i18n, &text("to"))
        ),
        "organisation_created" => format!("{}: {}", t_string!(i18n, organisation.audit_created), text("name")),
        "organisation_updated" => format!("{}: {}", t_string!(i18n, organisation.audit_updated), text("name")),
        "organisation_merged" => {
            format!("{}: {} → {}", t_string!(i18n, organisation.audit_merged), text("merged"), text("name"))
        }
        "interest_linked" => format!("{} #{}", t_string!(i18n, organisation.audit_interest_linked), text("interest")),
        "organisation_linked" => t_string!(i18n, organisation.audit_organisation_linked).to_owned(),
        "agreement_recorded" | "agreement_from_sponsorship" => {
            format!("{}: {}", t_string!(i18n, agreement.audit_recorded), text("reference"))
        }
        "sponsorship_accepted" => format!("{}: {}", t_string!(i18n, sponsorship_staff.audit_accepted), text("quote")),
        "quote_declined" => format!("{}: {}", t_string!(i18n, sponsorship_staff.audit_declined), text("quote")),
        "sponsorship_moved" => format!(
            "{}: {} → {}",
            t_string!(i18n, sponsorship_staff.audit_moved),
            sale_state_label(i18n, &text("from")),
            sale_state_label(i18n, &text("to"))
        ),
        "sponsorship_agreement" => format!("{}: {}", t_string!(i18n, sponsorship_staff.audit_agreement), text("reference")),
        "sponsorship_event_created" => t_string!(i18n, sponsorship_editor.audit_created).to_owned(),
        "sponsorship_event_updated" => format!(
            "{}: {} → {}",
            t_string!(i18n, sponsorship_editor.audit_updated),
            event_state_label(i18n, &text("from")),
            event_state_label(i18n, &text("to"))
        ),
        "sponsorship_activity_added" => {
            format!("{}: {}", t_string!(i18n, sponsorship_editor.audit_activity_added), text("name"))
        }
        "sponsorship_activity_updated" => {
            format!("{}: {}", t_string!(i18n, sponsorship_editor.audit_activity_updated), text("name"))
        }
        "price_book_version" => format!("{} {}", t_string!(i18n, sponsorship_editor.audit_price_book), text("version")),
        "sponsorship_delivered" => t_string!(i18n, sponsorship_staff.audit_delivered).to_owned(),
        "agreement_updated" => format!("{}: {}", t_string!(i18n, agreement.audit_updated), text("changed")),
        "agreement_status" => format!(
            "{}: {} → {}",
            t_string!(i18n, agreement.audit_status),
            agreement_status_label(i18n, &text("from")),
            agreement_status_label(i18n, &text("to"))
        ),
        "agreement_public" => {
            if text("public") == "true" {
                t_string!(i18n, agreement.audit_made_public).to_owned()
            } else {
                t_string!(i18n, agreement.audit_made_confidential).to_owned()
            }
        }
        "agreement_translated" => {
            let language = locale::parse(&text("locale")).map(native_name).unwrap_or_default();
            let what = if text("removed") == "true" {
                t_string!(i18n, agreement.audit_translation_removed)
            } else {
                t_string!(i18n, agreement.audit_translated)
            };
            format!("{what}: {language}")
        }
        "agreement_deleted" => format!("{}: {}", t_string!(i18n, agreement.audit_deleted), text("reference")),
        "funder_not_a_fit" => {
            format!("{}: {} ({})", t_string!(i18n, funder.audit_not_a_fit), text("name"), text("reason"))
        }
        "funder_weights" => t_string!(i18n, funder.audit_weights).to_owned(),
        "funder_profile_saved" => format!("{}: {}", t_string!(i18n, funder.audit_profile_saved), text("changed")),
        "funder_reviewed" => format!("{}: {}", t_string!(i18n, funder.audit_reviewed), text("reviewed_on")),
        "funder_fit_again" => format!("{}: {}", t_string!(i18n, funder.audit_fit_again), text("name")),
        "note_added" => t_string!(i18n, staff.audit_note_added).to_owned(),
        "partner_exported" => t_string!(i18n, staff.audit_partner_exported).to_owned(),
        "partner_erased" => t_string!(i18n, staff.audit_partner_erased).to_owned(),
        "mail_retried" => format!("{}: {}", t_string!(i18n, staff.audit_mail_retried), text("count")),
        "names_changed" => {
            let languages: Vec<String> =
                text("changed").split(',').filter_map(locale::parse).map(|l| native_name(l).to_owned()).collect();
            format!("{}: {}", t_string!(i18n, staff.audit_names_changed), languages.join(", "))
        }
        other => other.to_owned(),
    }
}

fn sale_state_label(i18n: I18n, code: &str) -> String {
    SaleState::parse(code).map(|s| sale_state_name(i18n, s).to_owned()).unwrap_or_else(|| code.to_owned())
}

fn event_state_label(i18n: I18n, code: &str) -> String {
    EventState::parse(code).map(|s| event_state_name(i18n, s).to_owned()).unwrap_or_else(|| code.to_owned())
}

fn agreement_status_label(i18n: I18n, code: &str) -> String {
    AgreementStatus::parse(code).map(|s| agreement_status_name(i18n, s).to_owned()).unwrap_or_else(|| code.to_owned())
}
