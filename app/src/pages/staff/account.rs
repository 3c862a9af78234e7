//! `/{locale}/staff`: who is signed in, their role, sign out and change password. Without a
//! session it sends the visitor to the sign-in page and back here afterwards.
use super::two_factor::TwoFactorSection;
use crate::api::staff::{ChangePassword, SignOut, me};
use crate::api::staff_concepts::staff_concepts;
use crate::components::error_notice::ErrorNotice;
use crate::components::field::Field;
use crate::components::form_messages::{field_message, form_message};
use crate::components::head::PageTitle;
use crate::domain::format::{iso_date, local_date};
use crate::domain::locale::code_of;
use crate::domain::names::{role_name, status_name};
use crate::domain::staff::{Role, StaffConceptRow, StaffMember};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Redirect;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let member = Resource::new(|| (), |()| me());
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, staff.home_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match member.await {
                    Ok(Some(m)) => view! { <Account member=m /> }.into_any(),
                    Ok(None) => {
                        let code = code_of(i18n.get_locale_untracked());
                        view! { <Redirect path=format!("/{code}/staff/sign-in?next=/{code}/staff") /> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Account(member: StaffMember) -> impl IntoView {
    let i18n = use_i18n();
    let sign_out = ServerAction::<SignOut>::new();
    let role = member.role;
    view! {
        <section class="form-page">
            <h1>{t!(i18n, staff.home_title)}</h1>
            <p class="signed-in">
                {t!(i18n, staff.signed_in_as)} " " <strong>{member.name.clone()}</strong>
                " (" {member.email.clone()} ") · " {move || role_name(i18n, role)}
            </p>
            <nav class="staff-links" aria-label=move || t_string!(i18n, staff.home_title)>
                <a class="button secondary" href=move || format!("/{}/staff/interests", code_of(i18n.get_locale()))>{t!(i18n, interest.inbox_title)}</a>
                <a class="button secondary" href=move || format!("/{}/staff/dashboard", code_of(i18n.get_locale()))>{t!(i18n, interest.dashboard_title)}</a>
                <a class="button secondary" href=move || format!("/{}/staff/organisations", code_of(i18n.get_locale()))>{t!(i18n, organisation.registry_title)}</a>
                <a class="button secondary" href=move || format!("/{}/staff/agreements", code_of(i18n.get_locale()))>{t!(i18n, agreement.record_title)}</a>
                <a class="button secondary" href=move || format!("/{}/staff/sponsorship", code_of(i18n.get_locale()))>{t!(i18n, sponsorship_staff.title)}</a>
                {role.includes(Role::Publisher).then(|| view! {
                    <a class="button secondary" href=move || format!("/{}/staff/audit", code_of(i18n.get_locale()))>{t!(i18n, staff.audit_title)}</a>
                    <a class="button secondary" href=move || format!("/{}/staff/mail", code_of(i18n.get_locale()))>{t!(i18n, staff.mail_title)}</a>
                })}
                {role.includes(Role::Admin).then(|| view! {
                    <a class="button secondary" href=move || format!("/{}/staff/accounts", code_of(i18n.get_locale()))>{t!(i18n, staff.accounts_title)}</a>
                    <a class="button secondary" href=move || format!("/{}/staff/taxonomy", code_of(i18n.get_locale()))>{t!(i18n, staff.taxonomy_title)}</a>
                })}
            </nav>
            <ActionForm action=sign_out>
                <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                <button class="button secondary" type="submit">{t!(i18n, staff.sign_out)}</button>
            </ActionForm>
        </section>
        {member.two_factor_due.then(|| view! { <p class="notice notice-info" role="status">{t!(i18n, staff.two_factor_due)}</p> })}
        {(!member.two_factor_due).then(|| view! { <ConceptTable /> })}
        <TwoFactorSection />
        <section class="form-page">
            <ChangePasswordForm />
        </section>
    }
}

/// Every concept with its status and languages.
#[component]
fn ConceptTable() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(move || i18n.get_locale(), |l| staff_concepts(code_of(l).to_owned()));
    view! {
        <section class="staff-concepts" aria-labelledby="concepts-heading">
            <div class="section-head">
                <h2 id="concepts-heading">{t!(i18n, staff.concepts)}</h2>
                <a class="button" href=move || format!("/{}/staff/concepts/new", code_of(i18n.get_locale()))>{t!(i18n, staff.new_concept)}</a>
            </div>
            <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">{t!(i18n, staff.no_concepts)}</p> }.into_any(),
                        Ok(rows) => view! { <ConceptRows rows /> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ConceptRows(rows: Vec<StaffConceptRow>) -> impl IntoView {
    let i18n = use_i18n();
    let code = move || code_of(i18n.get_locale());
    let count = rows.len();
    view! {
        <p class="count">{count} " " {t!(i18n, staff.concepts_count)}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="concepts-heading">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, staff.col_title)}</th>
                        <th scope="col">{t!(i18n, staff.col_status)}</th>
                        <th scope="col">{t!(i18n, staff.col_languages)}</th>
                        <th scope="col">{t!(i18n, staff.col_updated)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let status = r.status.clone();
                            let id = r.id;
                            let languages = r.languages.join(" · ");
                            view! {
                                <tr>
                                    <td lang=r.locale.clone()>
                                        <a href=move || format!("/{}/staff/concepts/{id}", code())>{r.title.clone()}</a>
                                    </td>
                                    <td><span class=format!("status status-{status}")>{status_name(i18n, &status)}</span></td>
                                    <td>{languages}</td>
                                    <td><time datetime=iso_date(r.updated_at)>{move || local_date(i18n.get_locale(), r.updated_at)}</time></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let error = move || action.value().get().and_then(Result::err);
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let current_error = move || error().and_then(|e| field_message(i18n, &e, "current_password"));
    let new_error = move || error().and_then(|e| field_message(i18n, &e, "new_password"));
    let other_error = move || error().and_then(|e| form_message(i18n, &e));
    view! {
        <h2 id="password-heading">{t!(i18n, staff.change_password)}</h2>
        {move || done().then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.password_changed)}</p> })}
        {move || other_error().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        <ActionForm action>
            <Field
                name="current"
                kind="password"
                autocomplete="current-password"
                label=Signal::derive(move || t_string!(i18n, staff.current_password).to_owned())
                error=Signal::derive(current_error)
            />
            <Field
                name="new"
                kind="password"
                autocomplete="new-password"
                minlength=12
                label=Signal::derive(move || t_string!(i18n, staff.new_password).to_owned())
                hint=Signal::derive(move || t_string!(i18n, staff.password_hint).to_owned())
                error=Signal::derive(new_error)
            />
            <button class="button" type="submit">{t!(i18n, staff.save_password)}</button>
        </ActionForm>
    }
}
