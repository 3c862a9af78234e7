//! `/{locale}/staff/accounts`: administrators create staff accounts, change roles, disable
//! and enable accounts (never delete them: the audit log keeps naming their holders), and
//! reset passwords. A new password is shown once, to hand over.
use crate::api::admin::{
    CreateStaff, HandOver, RemoveTwoFactor, RequireTwoFactor, ResetStaffPassword, SetStaffEnabled, SetStaffRole,
    staff_accounts, two_factor_policy,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_messages::form_message;
use crate::components::head::PageTitle;
use crate::domain::format::local_date;
use crate::domain::locale::code_of;
use crate::domain::names::role_name;
use crate::domain::staff::{Role, StaffAccount};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Redirect;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateStaff>::new();
    let set_role = ServerAction::<SetStaffRole>::new();
    let set_enabled = ServerAction::<SetStaffEnabled>::new();
    let reset = ServerAction::<ResetStaffPassword>::new();
    let remove_two_factor = ServerAction::<RemoveTwoFactor>::new();
    let require = ServerAction::<RequireTwoFactor>::new();
    let accounts = Resource::new(
        move || {
            (
                create.version().get(),
                set_role.version().get(),
                set_enabled.version().get(),
                remove_two_factor.version().get(),
            )
        },
        |_| staff_accounts(),
    );
    let policy = Resource::new(move || require.version().get(), |_| two_factor_policy());
    let row_error = Signal::derive(move || {
        [set_role.value().get(), set_enabled.value().get()].into_iter().flatten().find_map(Result::err)
    });
    let handed = Signal::derive(move || {
        let created = create.value().get().and_then(Result::ok);
        let renewed = reset.value().get().and_then(Result::ok);
        // The latest of the two.
        if create.version().get() >= reset.version().get() { created.or(renewed) } else { renewed.or(created) }
    });
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, staff.accounts_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, staff.accounts_title)}</h1>
        {move || handed.get().map(|h| view! { <HandOverNotice hand_over=h /> })}
        {move || row_error.get().map(|e| view! { <p class="notice notice-error" role="alert">{crate::components::form_messages::error_message(i18n, &e)}</p> })}
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(list) => view! { <AccountTable list set_role set_enabled reset remove_two_factor /> }.into_any(),
                    Err(AppError::Unauthorised) => {
                        let code = code_of(i18n.get_locale_untracked());
                        view! { <Redirect path=format!("/{code}/staff/sign-in?next=/{code}/staff/accounts") /> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                policy.await.ok().map(|required| view! {
                    <section class="form-page" aria-labelledby="policy-heading">
                        <h2 id="policy-heading">{t!(i18n, staff.two_factor_title)}</h2>
                        <p>{move || if required { t_string!(i18n, staff.policy_on) } else { t_string!(i18n, staff.policy_off) }}</p>
                        {move || require.value().get().and_then(Result::err).map(|_| view! {
                            <p class="notice notice-error" role="alert">{t!(i18n, staff.policy_own_first)}</p>
                        })}
                        <ActionForm action=require>
                            <input type="hidden" name="required" value=if required { "false" } else { "true" } />
                            <button class="button secondary" type="submit">
                                {move || if required { t_string!(i18n, staff.policy_stop) } else { t_string!(i18n, staff.policy_start) }}
                            </button>
                        </ActionForm>
                    </section>
                })
            })}
        </Transition>
        <section class="form-page" aria-labelledby="new-account-heading">
            <h2 id="new-account-heading">{t!(i18n, staff.account_new)}</h2>
            <CreateForm create />
        </section>
    }
}

#[component]
fn HandOverNotice(hand_over: HandOver) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice-success" role="status">
            <p>{t!(i18n, staff.hand_over)} " " <strong>{hand_over.email}</strong></p>
            <p><code class="password">{hand_over.password}</code></p>
        </div>
    }
}

#[component]
fn AccountTable(
    list: Vec<StaffAccount>,
    set_role: ServerAction<SetStaffRole>,
    set_enabled: ServerAction<SetStaffEnabled>,
    reset: ServerAction<ResetStaffPassword>,
    remove_two_factor: ServerAction<RemoveTwoFactor>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="accounts">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, staff.account_name)}</th>
                        <th scope="col">{t!(i18n, staff.email)}</th>
                        <th scope="col">{t!(i18n, staff.account_role)}</th>
                        <th scope="col">{t!(i18n, staff.account_state)}</th>
                        <th scope="col">{t!(i18n, staff.account_since)}</th>
                        <th scope="col">{t!(i18n, staff.account_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|a| {
                        let role_id = format!("role-{}", a.id);
                        let name = a.name.clone();
                        let state = move || {
                            let mut s = if a.disabled { t_string!(i18n, staff.account_disabled) } else { t_string!(i18n, staff.account_active) }.to_owned();
                            if a.two_factor {
                                s.push_str(" · ");
                                s.push_str(t_string!(i18n, staff.account_two_factor));
                            }
                            s
                        };
                        view! {
                            <tr class:disabled=a.disabled>
                                <th scope="row">{a.name.clone()}</th>
                                <td>{a.email.clone()}</td>
                                <td>
                                    <ActionForm action=set_role attr:class="inline-form">
                                        <input type="hidden" name="id" value=a.id />
                                        <label class="visually-hidden" for=role_id.clone()>{t!(i18n, staff.account_role)} " " {name.clone()}</label>
                                        <select id=role_id name="role">
                                            {Role::ALL.into_iter().map(|r| view! {
                                                <option value=r.code() selected=r == a.role>{move || role_name(i18n, r)}</option>
                                            }).collect_view()}
                                        </select>
                                        <button class="button secondary" type="submit">{t!(i18n, staff.save)}</button>
                                    </ActionForm>
                                </td>
                                <td>{state}</td>
                                <td>{move || local_date(i18n.get_locale(), a.created_at)}</td>
                                <td class="row-actions">
                                    <ActionForm action=set_enabled>
                                        <input type="hidden" name="id" value=a.id />
                                        <input type="hidden" name="enabled" value=if a.disabled { "true" } else { "false" } />
                                        <button class=if a.disabled { "button secondary" } else { "button danger" } type="submit">
                                            {move || if a.disabled { t_string!(i18n, staff.account_enable) } else { t_string!(i18n, staff.account_disable) }}
                                        </button>
                                    </ActionForm>
                                    <ActionForm action=reset>
                                        <input type="hidden" name="id" value=a.id />
                                        <button class="button secondary" type="submit">{t!(i18n, staff.account_reset_password)}</button>
                                    </ActionForm>
                                    {a.two_factor.then(|| view! {
                                        <ActionForm action=remove_two_factor>
                                            <input type="hidden" name="id" value=a.id />
                                            <button class="button secondary" type="submit">{t!(i18n, staff.two_factor_remove)}</button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CreateForm(create: ServerAction<CreateStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let message = move |field: &'static str| {
        error.get().as_ref().and_then(|e| crate::components::form_messages::field_message(i18n, e, field))
    };
    view! {
        <ActionForm action=create>
            <div class="field">
                <label for="new-email">{t!(i18n, staff.email)}</label>
                <input id="new-email" name="email" type="email" required autocomplete="off"
                    aria-invalid=move || message("email").is_some().then_some("true") />
                {move || message("email").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="new-name">{t!(i18n, staff.account_name)}</label>
                <input id="new-name" name="name" required maxlength="200"
                    aria-invalid=move || message("name").is_some().then_some("true") />
                {move || message("name").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="new-role">{t!(i18n, staff.account_role)}</label>
                <select id="new-role" name="role">
                    {Role::ALL.into_iter().map(|r| view! { <option value=r.code()>{move || role_name(i18n, r)}</option> }).collect_view()}
                </select>
            </div>
            {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).and_then(|e| form_message(i18n, &e))
                .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <button class="button" type="submit">{t!(i18n, staff.account_create)}</button>
        </ActionForm>
    }
}
