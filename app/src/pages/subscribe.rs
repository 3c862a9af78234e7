//! `/{locale}/subscribe`: who you are, what you follow, how often — and, while you choose,
//! what those choices would have brought you in the last 90 days (the dry run). Criteria
//! can arrive in the address (`?area=…&region=…`, the catalogue's "subscribe to this
//! search"). The form posts without JavaScript; the thanks page is the same for every
//! address. Also the pages its e-mails lead to: confirm, and manage or leave.
use crate::api::subscriptions::{
    ConfirmSubscription, SaveSubscription, Subscribe, Unsubscribe, dry_run_alerts, subscribe_choices, subscription,
};
use crate::components::concept_card::ConceptCardView;
use crate::components::error_notice::ErrorNotice;
use crate::components::field::{SelectField, TextField};
use crate::components::head::PageTitle;
use crate::domain::catalogue::FacetKind;
use crate::domain::concept::Named;
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::names::{I18n, code_label, entity_label};
use crate::domain::subscription::{Criteria, ENTITY_TYPES, FREQUENCIES, GROUPS, SubscriptionForm};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let from_query = query.with_untracked(|q| Criteria {
        areas: q.get_all("area").unwrap_or_default(),
        regions: q.get_all("region").unwrap_or_default(),
        countries: q.get_all("country").unwrap_or_default(),
        groups: q.get_all("group").unwrap_or_default(),
    });
    let criteria = RwSignal::new(from_query.clone());
    let choices = Resource::new(move || i18n.get_locale(), |l| subscribe_choices(code_of(l).to_owned()));
    let dry = Resource::new(
        move || (i18n.get_locale(), criteria.get()),
        |(l, c)| dry_run_alerts(code_of(l).to_owned(), Some(c)),
    );
    let action = ServerAction::<Subscribe>::new();
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, subscribe.title), t_string!(i18n, app.name)) />
        <header class="page-header">
            <h1>{t!(i18n, subscribe.title)}</h1>
            <p class="lead">{t!(i18n, subscribe.intro)}</p>
        </header>
        <div class="subscribe-layout">
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new({
                    let from_query = from_query.clone();
                    async move {
                        match choices.await {
                            Ok(c) => {
                                let form = SubscriptionForm {
                                    locale: code_of(i18n.get_locale_untracked()).to_owned(),
                                    frequency: "weekly".into(),
                                    areas: from_query.areas,
                                    regions: from_query.regions,
                                    countries: from_query.countries,
                                    groups: from_query.groups,
                                    ..Default::default()
                                };
                                let error = Signal::derive(move || action.value().get().and_then(Result::err));
                                view! {
                                    <ActionForm action attr:class="subscribe-form">
                                        <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                                        // Left empty by people (they do not see it); robots fill it.
                                        <div class="honeypot" aria-hidden="true">
                                            <label>{t!(i18n, subscribe.website)} <input name="website" tabindex="-1" autocomplete="off" /></label>
                                        </div>
                                        <SubscriptionFields choices=c form criteria error />
                                        <GeneralError error />
                                        <p class="hint">{t!(i18n, subscribe.double_opt_in)}</p>
                                        <button class="button" type="submit">{t!(i18n, subscribe.submit)}</button>
                                    </ActionForm>
                                }.into_any()
                            }
                            Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                        }
                    }
                })}
            </Suspense>
            <aside class="dry-run" aria-labelledby="dry-run-heading" aria-live="polite">
                <h2 id="dry-run-heading">{t!(i18n, subscribe.dry_run_title)}</h2>
                <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
                    {move || Suspend::new(async move {
                        match dry.await {
                            Ok(d) => view! {
                                <p class="dry-run-count">
                                    {t!(i18n, subscribe.dry_run_before)} " " <strong>{d.total}</strong> " " {t!(i18n, subscribe.dry_run_after)}
                                </p>
                                <ul class="dry-run-list">
                                    {d.concepts.into_iter().map(|c| view! { <li><ConceptCardView card=c /></li> }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                        }
                    })}
                </Transition>
            </aside>
        </div>
    }
}

/// Every field of a subscription (the subscribe and manage forms), named `form[…]`. Changing
/// what is followed updates `criteria`, which the dry run follows.
#[component]
fn SubscriptionFields(
    choices: crate::api::editor::EditorChoices,
    form: SubscriptionForm,
    criteria: RwSignal<Criteria>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = false)] manage: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move |field: &'static str| {
        Signal::derive(move || {
            error.get().as_ref().and_then(|e| crate::components::form_messages::field_message(i18n, e, field))
        })
    };
    let named = |list: &[Named]| list.iter().map(|n| (n.code.clone(), n.name.clone())).collect::<Vec<_>>();
    let groups: Vec<(String, String)> =
        GROUPS.iter().map(|g| ((*g).to_owned(), code_label(i18n, FacetKind::Group, g).unwrap_or_default())).collect();
    let chosen_countries = form.countries.clone();
    let on_countries = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            if let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                let options = select.selected_options();
                let codes: Vec<String> =
                    (0..options.length()).filter_map(|i| options.item(i)?.get_attribute("value")).collect();
                criteria.update(|c| c.countries = codes);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <fieldset class="who">
            <legend>{t!(i18n, subscribe.who)}</legend>
            <TextField name="organisation" value=form.organisation.clone() label=move || t_string!(i18n, subscribe.organisation) error=message("organisation") />
            <SelectField name="entity_type" selected=form.entity_type.clone() label=move || t_string!(i18n, subscribe.entity_type)
                options=ENTITY_TYPES.iter().map(|c| ((*c).to_owned(), entity_label(i18n, c).to_owned())).collect() error=message("entity_type") />
            <SelectField name="country" selected=form.country.clone() label=move || t_string!(i18n, subscribe.country)
                options=std::iter::once((String::new(), "—".to_owned())).chain(named(&choices.countries)).collect() error=message("country") />
            <TextField name="contact_name" value=form.contact_name.clone() label=move || t_string!(i18n, subscribe.contact_name) error=message("contact_name") />
            {if manage {
                view! { <p class="field"><strong>{t!(i18n, staff.email)}</strong> " " <span dir="ltr">{form.email.clone()}</span></p> }.into_any()
            } else {
                view! { <TextField name="email" kind="email" value=form.email.clone() label=move || t_string!(i18n, staff.email) error=message("email") /> }.into_any()
            }}
            <SelectField name="locale" selected=form.locale.clone() label=move || t_string!(i18n, subscribe.language)
                options=locale::UN_ORDER.iter().map(|l| (code_of(*l).to_owned(), native_name(*l).to_owned())).collect() error=message("locale") />
        </fieldset>
        <fieldset class="what">
            <legend>{t!(i18n, subscribe.what)}</legend>
            <p class="hint">{t!(i18n, subscribe.none_is_all)}</p>
            <Checks field="areas" options=named(&choices.areas) chosen=form.areas.clone() criteria label=move || t_string!(i18n, staff.areas_label) />
            <Checks field="regions" options=named(&choices.regions) chosen=form.regions.clone() criteria label=move || t_string!(i18n, staff.regions_label) />
            <div class="field">
                <label for="f-countries">{t!(i18n, staff.countries_label)}</label>
                <select id="f-countries" name="form[countries][]" multiple size=6 aria-describedby="f-countries-hint" on:change=on_countries>
                    {choices.countries.iter().map(|c| view! {
                        <option value=c.code.clone() selected=chosen_countries.contains(&c.code)>{c.name.clone()}</option>
                    }).collect_view()}
                </select>
                <p class="hint" id="f-countries-hint">{t!(i18n, staff.countries_hint)}</p>
            </div>
            <Checks field="groups" options=groups chosen=form.groups.clone() criteria label=move || t_string!(i18n, staff.groups_label) />
        </fieldset>
        <fieldset class="choices how">
            <legend>{t!(i18n, subscribe.frequency)}</legend>
            {FREQUENCIES.iter().map(|f| {
                let id = format!("f-frequency-{f}");
                let label_for = id.clone();
                view! {
                    <label for=label_for class="choice">
                        <input type="radio" id=id name="form[frequency]" value=*f checked=form.frequency == *f />
                        {move || frequency_label(i18n, f)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Checkboxes of one criteria list; each change updates `criteria`.
#[component]
fn Checks<L>(
    field: &'static str,
    options: Vec<(String, String)>,
    chosen: Vec<String>,
    criteria: RwSignal<Criteria>,
    label: L,
) -> impl IntoView
where
    L: Fn() -> &'static str + Send + Sync + 'static,
{
    view! {
        <fieldset class="choices">
            <legend>{label}</legend>
            {options.into_iter().map(|(code, name)| {
                let id = format!("f-{field}-{code}");
                let label_for = id.clone();
                let checked = chosen.contains(&code);
                let value = code.clone();
                view! {
                    <label for=label_for class="choice">
                        <input type="checkbox" id=id name=format!("form[{field}][]") value=code checked=checked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                criteria.update(|c| {
                                    let l = criteria_list(c, field);
                                    l.retain(|v| *v != value);
                                    if on { l.push(value.clone()) }
                                });
                            } />
                        {name}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The list of `criteria` a form field holds.
fn criteria_list<'a>(c: &'a mut Criteria, field: &str) -> &'a mut Vec<String> {
    match field {
        "areas" => &mut c.areas,
        "regions" => &mut c.regions,
        "countries" => &mut c.countries,
        _ => &mut c.groups,
    }
}

fn frequency_label(i18n: I18n, code: &str) -> &'static str {
    match code {
        "immediate" => t_string!(i18n, subscribe.frequency_immediate),
        "daily" => t_string!(i18n, subscribe.frequency_daily),
        _ => t_string!(i18n, subscribe.frequency_weekly),
    }
}

/// An error that is not about one field (too many requests, the server unreachable…).
#[component]
fn GeneralError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .map(|e| match e {
                AppError::Validation(_) => t_string!(i18n, staff.fix_fields).to_owned(),
                AppError::RateLimited => t_string!(i18n, error.rate_limited).to_owned(),
                AppError::Transport => t_string!(i18n, error.transport).to_owned(),
                _ => t_string!(i18n, error.body).to_owned(),
            })
            .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })
    }
}

/// `/{locale}/subscribe/thanks`: the same answer for a new address and a known one.
#[component]
pub fn SubscribeThanksPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, subscribe.thanks_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <section class="page-message">
            <h1>{t!(i18n, subscribe.thanks_title)}</h1>
            <p>{t!(i18n, subscribe.thanks_body)}</p>
            <p><a class="button secondary" href=move || format!("/{}/concepts", code_of(i18n.get_locale()))>{t!(i18n, catalogue.title)}</a></p>
        </section>
    }
}

/// `/{locale}/subscribe/confirm?token=…`: a button, not the link itself, confirms (mail
/// scanners open links; they do not press buttons).
#[component]
pub fn ConfirmSubscriptionPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.with(|q| q.get("token")).unwrap_or_default();
    let action = ServerAction::<ConfirmSubscription>::new();
    let done = move || matches!(action.value().get(), Some(Ok(()))) || query.with(|q| q.get("confirmed").is_some());
    let failed = move || action.value().get().is_some_and(|r| r.is_err()) || query.with(|q| q.get("__err").is_some());
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, subscribe.confirm_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <section class="page-message">
            <h1>{t!(i18n, subscribe.confirm_title)}</h1>
            {move || if done() {
                view! { <p class="notice notice-success" role="status">{t!(i18n, subscribe.confirmed)}</p> }.into_any()
            } else if failed() {
                view! {
                    <p class="notice notice-error" role="alert">{t!(i18n, subscribe.link_expired)}</p>
                    <p><a class="button" href=move || format!("/{}/subscribe", code_of(i18n.get_locale()))>{t!(i18n, subscribe.title)}</a></p>
                }.into_any()
            } else {
                view! {
                    <ActionForm action>
                        <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                        <input type="hidden" name="token" value=token />
                        <button class="button" type="submit">{t!(i18n, subscribe.confirm_button)}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}

/// `/{locale}/subscription?token=…`: change preferences, leave, or come back.
#[component]
pub fn ManageSubscriptionPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.with(|q| q.get("token")).unwrap_or_default();
    let save = ServerAction::<SaveSubscription>::new();
    let leave = ServerAction::<Unsubscribe>::new();
    let current =
        Resource::new(move || (token(), save.version().get(), leave.version().get()), |(t, _, _)| subscription(t));
    let choices = Resource::new(move || i18n.get_locale(), |l| subscribe_choices(code_of(l).to_owned()));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, subscribe.manage_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <h1>{t!(i18n, subscribe.manage_title)}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match (current.await, choices.await) {
                    (Ok(p), Ok(c)) => {
                        let criteria = RwSignal::new(Criteria {
                            areas: p.form.areas.clone(),
                            regions: p.form.regions.clone(),
                            countries: p.form.countries.clone(),
                            groups: p.form.groups.clone(),
                        });
                        let error = Signal::derive(move || save.value().get().and_then(Result::err));
                        let active = p.status == "active";
                        view! {
                            <p class="notice" class:notice-success=active role="status">
                                {move || if active { t_string!(i18n, subscribe.status_active) } else { t_string!(i18n, subscribe.status_inactive) }}
                            </p>
                            {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.saved)}</p> })}
                            <ActionForm action=save attr:class="subscribe-form">
                                <input type="hidden" name="token" value=token />
                                <input type="hidden" name="form[email]" value="" />
                                <SubscriptionFields choices=c form=p.form criteria error manage=true />
                                <GeneralError error />
                                <button class="button" type="submit">
                                    {move || if active { t_string!(i18n, staff.save) } else { t_string!(i18n, subscribe.come_back) }}
                                </button>
                            </ActionForm>
                            {active.then(|| view! {
                                <section id="leave" class="form-page leave" aria-labelledby="leave-heading">
                                    <h2 id="leave-heading">{t!(i18n, subscribe.leave_title)}</h2>
                                    <p>{t!(i18n, subscribe.leave_body)}</p>
                                    <ActionForm action=leave>
                                        <input type="hidden" name="token" value=token />
                                        <button class="button danger" type="submit">{t!(i18n, mail.unsubscribe_link)}</button>
                                    </ActionForm>
                                </section>
                            })}
                        }.into_any()
                    }
                    (Err(AppError::Validation(_)), _) => view! {
                        <p class="notice notice-error" role="alert">{t!(i18n, subscribe.link_expired)}</p>
                        <p><a class="button" href=move || format!("/{}/subscribe", code_of(i18n.get_locale()))>{t!(i18n, subscribe.title)}</a></p>
                    }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
