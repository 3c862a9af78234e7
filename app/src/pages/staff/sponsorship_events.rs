//! `/{locale}/staff/sponsorship/events…`: the events with a form for a new one; an event's
//! facts and texts in the six languages, its activities, and its price book, whose saving
//! writes the next version (the versions listed with the quotes priced from each); an
//! activity's texts, benefits, capacity, conflicts and what its money seeds. Plain forms:
//! they work without JavaScript.
use crate::api::sponsorship_editor::{
    CreateSponsorshipEvent, SaveSponsorshipActivity, SaveSponsorshipEvent, SaveSponsorshipPriceBook,
    load_sponsorship_activity, load_sponsorship_event, sponsorship_event_history, sponsorship_events,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::field::described_by;
use crate::components::form_messages::{field_message, form_message};
use crate::components::head::PageTitle;
use crate::components::history::History;
use crate::components::sign_in_redirect::staff_sign_in;
use crate::domain::catalogue::encode;
use crate::domain::format::{local_date_time, local_day, money};
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::names::{I18n, activity_kind_name, benefit_kind_name, event_state_name};
use crate::domain::sponsorship::{Access, ActivityKind, BenefitKind, EventState};
use crate::domain::sponsorship_editor::{
    ActivityEdit, DESCRIPTION_MAX, EventEdit, EventForm, EventListing, PriceBookForm, SLUG_MAX, TIER_RANKS, TextsForm,
};
use crate::domain::subscription::NAME_MAX;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

fn path(i18n: I18n, rest: &str) -> String {
    format!("/{}/staff/sponsorship/events{rest}", code_of(i18n.get_locale_untracked()))
}

fn loading(i18n: I18n) -> impl IntoView {
    view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }
}

/// The message of `field` in the last answer of an action, if it was refused.
fn message_of(i18n: I18n, error: Signal<Option<AppError>>, field: String) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| field_message(i18n, &e, &field)))
}

/// The notices of a form's last answer: what is wrong as a whole, "fix the fields", or saved.
#[component]
fn Outcome(error: Signal<Option<AppError>>, saved: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || error.get().map(|e| {
            let text = form_message(i18n, &e).unwrap_or_else(|| t_string!(i18n, staff.fix_fields).to_owned());
            view! { <p class="notice notice-error" role="alert">{text}</p> }
        })}
        {move || saved.get().then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.saved)}</p> })}
    }
}

/// The form name of a dotted field (`tiers.2` → `form[tiers][2]`), as errors name it.
fn form_name(field: &str) -> String {
    field.split('.').fold("form".to_owned(), |name, part| format!("{name}[{part}]"))
}

/// A labelled input for the dotted `name` (see [`form_name`]), its hint and its error in the
/// action's last answer.
#[component]
fn Input(
    name: String,
    label: String,
    value: String,
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = false)] required: bool,
    #[prop(default = 200)] max: usize,
    #[prop(optional)] dir: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("e-{}", name.replace('.', "-"));
    let error = message_of(i18n, error, name.clone());
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = described_by(hint.is_some().then(|| hint_id.clone()), error_id.clone(), move || error.get().is_some());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=form_name(&name) type=kind value=value required=required maxlength=max.to_string()
                dir=dir.unwrap_or("auto") aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=described />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone() role="alert">{m}</p> })}
        </div>
    }
}

/// A labelled choice for the dotted `name` and its error in the action's last answer.
#[component]
fn Choice(
    name: String,
    label: String,
    chosen: String,
    options: Vec<(String, String)>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("e-{}", name.replace('.', "-"));
    let error = message_of(i18n, error, name.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=form_name(&name) aria-invalid=move || error.get().is_some().then_some("true")>
                {options.into_iter().map(|(code, text)| {
                    let is = code == chosen;
                    view! { <option value=code selected=is>{text}</option> }
                }).collect_view()}
            </select>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}

/// A name and a description in each of the six languages (`form[texts][names][fr]`), the
/// original language first and required.
#[component]
fn TextsFields(texts: TextsForm, original: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let mut order: Vec<Locale> = locale::UN_ORDER.to_vec();
    order.sort_by_key(|l| code_of(*l) != original);
    view! {
        <fieldset class="texts">
            <legend>{t!(i18n, sponsorship_editor.texts)}</legend>
            <p class="hint">{t!(i18n, sponsorship_editor.texts_hint)}</p>
            {order.into_iter().map(|l| {
                let code = code_of(l);
                let is_original = code == original;
                let name = texts.names.get(code).cloned().unwrap_or_default();
                let description = texts.descriptions.get(code).cloned().unwrap_or_default();
                let name_error = message_of(i18n, error, format!("names.{code}"));
                let description_error = message_of(i18n, error, format!("descriptions.{code}"));
                let (name_id, description_id) = (format!("t-name-{code}"), format!("t-description-{code}"));
                view! {
                    <fieldset class="text-language" lang=code dir=locale::dir_of(l)>
                        <legend>{native_name(l)} {is_original.then(|| view! { " · " {t!(i18n, sponsorship_editor.original)} })}</legend>
                        <div class="field">
                            <label for=name_id.clone()>{t!(i18n, sponsorship_editor.name)}</label>
                            <input id=name_id name=format!("form[texts][names][{code}]") value=name required=is_original
                                maxlength=NAME_MAX.to_string() aria-invalid=move || name_error.get().is_some().then_some("true") />
                            {move || name_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                        </div>
                        <div class="field">
                            <label for=description_id.clone()>{t!(i18n, sponsorship_editor.description)}</label>
                            <textarea id=description_id name=format!("form[texts][descriptions][{code}]") rows="3"
                                maxlength=DESCRIPTION_MAX.to_string() aria-invalid=move || description_error.get().is_some().then_some("true")>
                                {description}
                            </textarea>
                            {move || description_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                        </div>
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// An event's facts: the slug only for a new one, the state only for an existing one.
#[component]
fn EventFields(form: EventForm, is_new: bool, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let languages = locale::UN_ORDER.iter().map(|l| (code_of(*l).to_owned(), native_name(*l).to_owned())).collect();
    let accesses = [
        (Access::Open.code().to_owned(), t_string!(i18n, sponsorship.access_open).to_owned()),
        (Access::MembersOnly.code().to_owned(), t_string!(i18n, sponsorship.access_members).to_owned()),
    ]
    .to_vec();
    let states = EventState::ALL.iter().map(|s| (s.code().to_owned(), event_state_name(i18n, *s).to_owned())).collect();
    let f = form;
    let original = if f.original_locale.is_empty() {
        code_of(i18n.get_locale_untracked()).to_owned()
    } else {
        f.original_locale.clone()
    };
    view! {
        <div class="editor-grid">
            <div>
                {is_new.then(|| view! {
                    <Input name="slug".into() label=t_string!(i18n, sponsorship_editor.slug).to_owned() value=f.slug.clone()
                        error required=true max=SLUG_MAX dir="ltr" hint=t_string!(i18n, sponsorship_editor.slug_hint).to_owned() />
                })}
                <Choice name="original_locale".into() label=t_string!(i18n, sponsorship_editor.original_locale).to_owned()
                    chosen=original.clone() options=languages error />
                <Input name="starts_on".into() kind="date" label=t_string!(i18n, sponsorship_editor.starts_on).to_owned()
                    value=f.starts_on.clone() error required=true max=10 dir="ltr" />
                <Input name="ends_on".into() kind="date" label=t_string!(i18n, sponsorship_editor.ends_on).to_owned()
                    value=f.ends_on.clone() error required=true max=10 dir="ltr" />
                <Input name="sales_until".into() kind="date" label=t_string!(i18n, sponsorship_editor.sales_until).to_owned()
                    value=f.sales_until.clone() error required=true max=10 dir="ltr"
                    hint=t_string!(i18n, sponsorship_editor.sales_until_hint).to_owned() />
                <Input name="city".into() label=t_string!(i18n, sponsorship_editor.city).to_owned() value=f.city.clone() error />
                <Input name="country".into() label=t_string!(i18n, sponsorship_editor.country).to_owned() value=f.country.clone()
                    error max=2 dir="ltr" hint=t_string!(i18n, sponsorship_editor.country_hint).to_owned() />
                <Choice name="access".into() label=t_string!(i18n, sponsorship_editor.access).to_owned()
                    chosen=f.access.clone() options=accesses error />
                <Input name="currency".into() label=t_string!(i18n, sponsorship_editor.currency).to_owned() value=f.currency.clone()
                    error required=true max=3 dir="ltr" hint=t_string!(i18n, sponsorship_editor.currency_hint).to_owned() />
                {(!is_new).then(|| view! {
                    <Choice name="state".into() label=t_string!(i18n, sponsorship_staff.state).to_owned()
                        chosen=f.state.clone() options=states error />
                    <p class="hint">{t!(i18n, sponsorship_editor.state_hint)}</p>
                })}
            </div>
            <TextsFields texts=f.texts.clone() original error />
        </div>
    }
}

/// `/{locale}/staff/sponsorship/events`: every event, and a new one.
#[component]
pub fn SponsorshipEventsPage() -> impl IntoView {
    let i18n = use_i18n();
    let events = Resource::new(move || i18n.get_locale(), |l| sponsorship_events(code_of(l).to_owned()));
    let create = ServerAction::<CreateSponsorshipEvent>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, sponsorship_editor.events_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff/sponsorship", code_of(i18n.get_locale()))>{t!(i18n, sponsorship_staff.title)}</a></p>
        <h1>{t!(i18n, sponsorship_editor.events_title)}</h1>
        <Transition fallback=move || loading(i18n)>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(rows) => view! {
                        <EventTable rows />
                        <section aria-labelledby="new-event-heading">
                            <h2 id="new-event-heading">{t!(i18n, sponsorship_editor.new_event)}</h2>
                            <p class="hint">{t!(i18n, sponsorship_editor.new_event_hint)}</p>
                            <ActionForm action=create attr:class="event-form">
                                <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                                <EventFields form=EventForm::default() is_new=true error />
                                <Outcome error saved=Signal::derive(|| false) />
                                <button class="button" type="submit">{t!(i18n, staff.create)}</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, "sponsorship/events"),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn EventTable(rows: Vec<EventListing>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty">{t!(i18n, sponsorship_editor.no_events)}</p> }.into_any();
    }
    let day = move |d: &str| local_day(i18n.get_locale_untracked(), d);
    view! {
        <div class="table-wrap">
            <table class="inbox">
                <thead><tr>
                    <th scope="col">{t!(i18n, sponsorship.event)}</th>
                    <th scope="col">{t!(i18n, sponsorship_editor.dates)}</th>
                    <th scope="col">{t!(i18n, sponsorship_staff.state)}</th>
                    <th scope="col">{t!(i18n, sponsorship_editor.access)}</th>
                    <th scope="col">{t!(i18n, sponsorship_editor.currency)}</th>
                    <th scope="col" class="number">{t!(i18n, sponsorship_editor.activities)}</th>
                    <th scope="col" class="number">{t!(i18n, sponsorship.price_book)}</th>
                    <th scope="col" class="number">{t!(i18n, sponsorship_staff.quotes)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|e| {
                        let access = match e.access {
                            Access::Open => t_string!(i18n, sponsorship.access_open),
                            Access::MembersOnly => t_string!(i18n, sponsorship.access_members),
                        };
                        view! {
                            <tr>
                                <td dir="auto"><a href=path(i18n, &format!("/{}", encode(&e.slug)))>{e.name.clone()}</a></td>
                                <td>{day(&e.starts_on)} " – " {day(&e.ends_on)}</td>
                                <td><span class=format!("stage stage-{}", e.state.code())>{event_state_name(i18n, e.state)}</span></td>
                                <td>{access}</td>
                                <td><bdi dir="ltr">{e.currency.clone()}</bdi></td>
                                <td class="number">{e.activities}</td>
                                <td class="number">{e.version.map_or_else(|| "—".to_owned(), |v| v.to_string())}</td>
                                <td class="number">{e.quotes}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// `/{locale}/staff/sponsorship/events/{slug}`: an event to edit.
#[component]
pub fn SponsorshipEventPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let save = ServerAction::<SaveSponsorshipEvent>::new();
    let book = ServerAction::<SaveSponsorshipPriceBook>::new();
    let event = Resource::new(
        move || (slug(), i18n.get_locale(), save.version().get(), book.version().get()),
        |(s, l, _, _)| load_sponsorship_event(code_of(l).to_owned(), s),
    );
    let history = Resource::new(
        move || (slug(), save.version().get(), book.version().get()),
        |(s, _, _)| sponsorship_event_history(s),
    );
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, sponsorship_editor.event_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "")>{t!(i18n, sponsorship_editor.events_title)}</a></p>
        <Transition fallback=move || loading(i18n)>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(e) => view! { <EventEditor edit=e save book /> }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, &format!("sponsorship/events/{}", slug())),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move { history.await.ok().map(|entries| view! { <History entries /> }) })}
        </Transition>
    }
}

#[component]
fn EventEditor(
    edit: EventEdit,
    save: ServerAction<SaveSponsorshipEvent>,
    book: ServerAction<SaveSponsorshipPriceBook>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = Signal::derive(move || matches!(save.value().get(), Some(Ok(()))));
    let e = edit;
    let public = format!("/{}/sponsorship?event={}", code_of(i18n.get_locale_untracked()), encode(&e.slug));
    let new_activity = path(i18n, &format!("/{}/activities/new", encode(&e.slug)));
    let (slug, facts, listed) = (e.slug.clone(), e.form.clone(), e.clone());
    view! {
        <h1 dir="auto">{e.name.clone()}</h1>
        <p class="staff-links">
            <a class="button secondary" href=public>{t!(i18n, sponsorship_editor.see_public)}</a>
        </p>
        {e.quoted.then(|| view! { <p class="notice">{t!(i18n, sponsorship_editor.quoted_note)}</p> })}
        <section aria-labelledby="facts-heading">
            <h2 id="facts-heading">{t!(i18n, sponsorship_editor.facts)}</h2>
            <ActionForm action=save attr:class="event-form">
                <input type="hidden" name="slug" value=slug.clone() />
                <EventFields form=facts.clone() is_new=false error />
                <Outcome error saved />
                <button class="button" type="submit">{t!(i18n, staff.save)}</button>
            </ActionForm>
        </section>
        <section id="activities" aria-labelledby="activities-heading">
            <h2 id="activities-heading">{t!(i18n, sponsorship_editor.activities)}</h2>
            <ActivityTable edit=listed />
            <p><a class="button secondary" href=new_activity>{t!(i18n, sponsorship_editor.add_activity)}</a></p>
        </section>
        <PriceBookEditor edit=e book />
    }
}

#[component]
fn ActivityTable(edit: EventEdit) -> impl IntoView {
    let i18n = use_i18n();
    if edit.activities.is_empty() {
        return view! { <p class="empty">{t!(i18n, sponsorship_editor.no_activities)}</p> }.into_any();
    }
    let (currency, exponent, slug) = (edit.form.currency.clone(), edit.exponent, edit.slug.clone());
    view! {
        <div class="table-wrap">
            <table class="inbox">
                <thead><tr>
                    <th scope="col">{t!(i18n, sponsorship_editor.name)}</th>
                    <th scope="col">{t!(i18n, sponsorship_editor.kind)}</th>
                    <th scope="col" class="number">{t!(i18n, sponsorship_editor.places)}</th>
                    <th scope="col" class="number">{t!(i18n, sponsorship.list_price)}</th>
                </tr></thead>
                <tbody>
                    {edit.activities.into_iter().map(|a| {
                        let href = path(i18n, &format!("/{}/activities/{}", encode(&slug), a.id));
                        let price = a.list_price.map_or_else(
                            || t_string!(i18n, sponsorship_editor.not_on_sale).to_owned(),
                            |p| money(i18n.get_locale_untracked(), p, exponent, &currency),
                        );
                        view! {
                            <tr>
                                <td dir="auto"><a href=href>{a.name.clone()}</a></td>
                                <td>{activity_kind_name(i18n.get_locale_untracked(), a.kind)}</td>
                                <td class="number"><bdi dir="ltr">{a.taken} " / " {a.capacity}</bdi></td>
                                <td class="number"><bdi>{price}</bdi></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The price book in force, to save as the next version, and its versions.
#[component]
fn PriceBookEditor(edit: EventEdit, book: ServerAction<SaveSponsorshipPriceBook>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || book.value().get().and_then(Result::err));
    let version = move || book.value().get().and_then(Result::ok);
    let m = move |field: String| message_of(i18n, error, field);
    let PriceBookForm { member_rate, tiers, prices } = edit.price_book.clone();
    let currency = edit.form.currency.clone();
    view! {
        <section id="price-book" aria-labelledby="price-book-heading">
            <h2 id="price-book-heading">{t!(i18n, sponsorship.price_book)} " "
                {edit.versions.first().map(|v| view! { <span class="count">"(v" {v.version} ")"</span> })}</h2>
            <p class="hint">{t!(i18n, sponsorship_editor.price_book_hint)}</p>
            <ActionForm action=book attr:class="price-book-form">
                <input type="hidden" name="slug" value=edit.slug.clone() />
                <Input name="member_rate".into() label=t_string!(i18n, sponsorship_editor.member_rate).to_owned() value=member_rate
                    error max=8 dir="ltr" hint=t_string!(i18n, sponsorship_editor.member_rate_hint).to_owned() />
                <fieldset>
                    <legend>{t!(i18n, sponsorship_editor.tiers)}</legend>
                    <p class="hint">{t!(i18n, sponsorship_editor.tiers_hint)}</p>
                    {move || m("tiers".into()).get().map(|msg| view! { <p class="field-error" role="alert">{msg}</p> })}
                    {TIER_RANKS.map(|rank| {
                        let value = tiers.get(&rank.to_string()).cloned().unwrap_or_default();
                        view! {
                            <Input name=format!("tiers.{rank}") label=format!("{} {rank} (%)", t_string!(i18n, sponsorship_editor.tier_rank))
                                value error max=8 dir="ltr" />
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, sponsorship_editor.list_prices)} " (" <bdi dir="ltr">{currency.clone()}</bdi> ")"</legend>
                    <p class="hint">{t!(i18n, sponsorship_editor.list_prices_hint)}</p>
                    {move || m("prices".into()).get().map(|msg| view! { <p class="field-error" role="alert">{msg}</p> })}
                    {edit.activities.iter().map(|a| {
                        let value = prices.get(&a.id.to_string()).cloned().unwrap_or_default();
                        view! {
                            <Input name=format!("prices.{}", a.id) label=a.name.clone() value error max=24 dir="ltr" />
                        }
                    }).collect_view()}
                </fieldset>
                <Outcome error saved=Signal::derive(|| false) />
                {move || version().map(|v| view! { <p class="hint" role="status">{t!(i18n, sponsorship_editor.version_saved)} " " {v}</p> })}
                <button class="button" type="submit">{t!(i18n, sponsorship_editor.save_version)}</button>
            </ActionForm>
            {(!edit.versions.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="numbers">
                        <caption>{t!(i18n, sponsorship_editor.versions)}</caption>
                        <thead><tr>
                            <th scope="col" class="number">{t!(i18n, sponsorship_editor.version)}</th>
                            <th scope="col">{t!(i18n, sponsorship_editor.made_at)}</th>
                            <th scope="col">{t!(i18n, sponsorship_editor.made_by)}</th>
                            <th scope="col" class="number">{t!(i18n, sponsorship_editor.quotes_priced)}</th>
                        </tr></thead>
                        <tbody>
                            {edit.versions.iter().map(|v| view! {
                                <tr>
                                    <td class="number">{v.version}</td>
                                    <td>{local_date_time(i18n.get_locale_untracked(), v.created_at)}</td>
                                    <td dir="auto">{v.created_by.clone().unwrap_or_else(|| t_string!(i18n, staff.system).to_owned())}</td>
                                    <td class="number">{v.quotes}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// `/{locale}/staff/sponsorship/events/{slug}/activities/{id|new}`: an activity to edit.
#[component]
pub fn SponsorshipActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let save = ServerAction::<SaveSponsorshipActivity>::new();
    let activity = Resource::new(
        move || (slug(), id(), i18n.get_locale()),
        |(s, id, l)| load_sponsorship_activity(code_of(l).to_owned(), s, id),
    );
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, sponsorship_editor.activity_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, &format!("/{}", encode(&slug())))>{t!(i18n, sponsorship_editor.event_title)}</a></p>
        <Transition fallback=move || loading(i18n)>
            {move || Suspend::new(async move {
                match activity.await {
                    Ok(a) => view! { <ActivityEditor edit=a save /> }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, &format!("sponsorship/events/{}", slug())),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ActivityEditor(edit: ActivityEdit, save: ServerAction<SaveSponsorshipActivity>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let m = move |field: &str| message_of(i18n, error, field.to_owned());
    let a = edit;
    let kinds = ActivityKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), activity_kind_name(i18n.get_locale_untracked(), *k).to_owned()))
        .collect();
    let seeds_error = m("seeds");
    let conflicts_error = m("conflicts");
    let chosen_seed = a.form.seeds.clone();
    let seed_option = move |(value, name): (String, String)| {
        let is = value == chosen_seed;
        view! { <option value=value selected=is>{name}</option> }
    };
    let title = if a.id == 0 {
        t_string!(i18n, sponsorship_editor.add_activity).to_owned()
    } else {
        // In the reader's language where it has a name, else as written.
        let names = &a.form.texts.names;
        let reader = names.get(code_of(i18n.get_locale_untracked())).filter(|n| !n.is_empty());
        reader.or_else(|| names.get(&a.original_locale)).cloned().unwrap_or_default()
    };
    view! {
        <h1 dir="auto">{title}</h1>
        <p class="hint" dir="auto">{a.event_name.clone()}</p>
        <ActionForm action=save attr:class="activity-form">
            <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
            <input type="hidden" name="slug" value=a.event_slug.clone() />
            <input type="hidden" name="id" value=a.id />
            <div class="editor-grid">
                <div>
                    <Choice name="kind".into() label=t_string!(i18n, sponsorship_editor.kind).to_owned() chosen=a.form.kind.clone()
                        options=kinds error />
                    <Input name="capacity".into() kind="number" label=t_string!(i18n, sponsorship_editor.capacity).to_owned()
                        value=a.form.capacity.clone() error required=true max=5 dir="ltr"
                        hint=format!("{} {}", t_string!(i18n, sponsorship_editor.capacity_hint), a.taken) />
                    <div class="field">
                        <label for="e-seeds">{t!(i18n, sponsorship_editor.seeds)}</label>
                        <select id="e-seeds" name="form[seeds]" aria-invalid=move || seeds_error.get().is_some().then_some("true")>
                            {seed_option(("none".to_owned(), t_string!(i18n, sponsorship.seeds_activity).to_owned()))}
                            <optgroup label=t_string!(i18n, sponsorship_editor.seeds_concepts)>
                                {a.concepts.clone().into_iter().map(seed_option.clone()).collect_view()}
                            </optgroup>
                            <optgroup label=t_string!(i18n, sponsorship_editor.seeds_regions)>
                                {a.regions.clone().into_iter().map(seed_option.clone()).collect_view()}
                            </optgroup>
                        </select>
                        {move || seeds_error.get().map(|msg| view! { <p class="field-error" role="alert">{msg}</p> })}
                    </div>
                    <fieldset>
                        <legend>{t!(i18n, sponsorship.benefits)}</legend>
                        <p class="hint">{t!(i18n, sponsorship_editor.benefits_hint)}</p>
                        {BenefitKind::ALL.iter().map(|b| {
                            let value = a.form.benefits.get(b.code()).cloned().unwrap_or_default();
                            view! {
                                <Input name=format!("benefits.{}", b.code()) kind="number" label=benefit_kind_name(i18n.get_locale_untracked(), *b).to_owned()
                                    value error max=6 dir="ltr" />
                            }
                        }).collect_view()}
                    </fieldset>
                    <fieldset>
                        <legend>{t!(i18n, sponsorship.conflicts_with)}</legend>
                        {move || conflicts_error.get().map(|msg| view! { <p class="field-error" role="alert">{msg}</p> })}
                        {if a.others.is_empty() {
                            view! { <p class="empty">{t!(i18n, sponsorship_editor.no_other_activities)}</p> }.into_any()
                        } else {
                            a.others.iter().map(|(other, name)| {
                                let id = format!("c-{other}");
                                let checked = a.form.conflicts.contains(&other.to_string());
                                view! {
                                    <div class="choice">
                                        <input type="checkbox" id=id.clone() name="form[conflicts][]" value=*other checked=checked />
                                        <label for=id dir="auto">{name.clone()}</label>
                                    </div>
                                }
                            }).collect_view().into_any()
                        }}
                    </fieldset>
                </div>
                <TextsFields texts=a.form.texts.clone() original=a.original_locale.clone() error />
            </div>
            <Outcome error saved=Signal::derive(|| false) />
            <button class="button" type="submit">{if a.id == 0 { t_string!(i18n, staff.create) } else { t_string!(i18n, staff.save) }}</button>
        </ActionForm>
    }
}
