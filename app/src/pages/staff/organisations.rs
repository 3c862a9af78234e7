//! `/{locale}/staff/organisations…`: the organisation registry every tool shares — the
//! list with search, an entry's record with what is linked to it, its edit form, and (for
//! administrators) merging a duplicate into it.
use crate::api::organisations::{
    LinkSubscriberOrganisation, MergeOrganisations, OrganisationList, SaveOrganisation, list_organisations,
    load_organisation,
};
use crate::api::staff::me;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_messages::{field_message, form_message};
use crate::components::head::PageTitle;
use crate::components::history::History;
use crate::components::organisation_facts::OrganisationFacts;
use crate::components::pager::Pager;
use crate::components::sign_in_redirect::staff_sign_in;
use crate::domain::catalogue::encode;
use crate::domain::format::local_date;
use crate::domain::locale::code_of;
use crate::domain::names::{I18n, due_diligence_name, membership_name, organisation_kind_name, stage_name};
use crate::domain::organisation::{
    DueDiligence, Membership, OrganisationForm, OrganisationKind, OrganisationPage as Page, SubscriberLink,
};
use crate::domain::staff::Role;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

fn path(i18n: I18n, rest: &str) -> String {
    format!("/{}/staff/{rest}", code_of(i18n.get_locale()))
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        query.with(|q| {
            let page = q.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1);
            (q.get("q").unwrap_or_default(), q.get("kind").unwrap_or_default(), page)
        })
    });
    let list = Resource::new(move || args.get(), |(q, kind, page)| list_organisations(q, kind, page));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, organisation.registry_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "")>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, organisation.registry_title)}</h1>
        <p class="hint">{t!(i18n, organisation.registry_intro)}</p>
        <p class="staff-links"><a class="button" href=move || path(i18n, "organisations/new")>{t!(i18n, organisation.new_entry)}</a></p>
        <form class="inbox-filters" method="get" role="search" aria-label=move || t_string!(i18n, organisation.search)>
            <div class="field">
                <label for="org-q">{t!(i18n, organisation.search)}</label>
                <input id="org-q" type="search" name="q" maxlength="200" dir="auto" value=move || args.get().0 />
            </div>
            <div class="field">
                <label for="org-kind">{t!(i18n, organisation.kind)}</label>
                <select id="org-kind" name="kind">
                    <option value="">{t!(i18n, interest.any)}</option>
                    {OrganisationKind::ALL.iter().map(|k| {
                        let is = move || args.get().1 == k.code();
                        view! { <option value=k.code() selected=is>{organisation_kind_name(i18n, *k)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button class="button" type="submit">{t!(i18n, catalogue.apply)}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Rows list args=args.get_untracked() /> }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, "organisations"),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Rows(list: OrganisationList, args: (String, String, i64)) -> impl IntoView {
    let i18n = use_i18n();
    let (q, kind, page) = args;
    let pages = (list.total + list.per_page - 1) / list.per_page.max(1);
    let link = move |to: i64| {
        let query = format!("q={}&kind={}&page={to}", encode(&q), encode(&kind));
        format!("/{}/staff/organisations?{query}", code_of(i18n.get_locale()))
    };
    view! {
        <p role="status">{t!(i18n, organisation.total)} ": " <strong>{list.total}</strong></p>
        {if list.rows.is_empty() {
            view! { <p class="empty">{t!(i18n, organisation.none_found)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="inbox">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, organisation.name)}</th>
                                <th scope="col">{t!(i18n, organisation.kind)}</th>
                                <th scope="col">{t!(i18n, organisation.country)}</th>
                                <th scope="col">{t!(i18n, organisation.due_diligence)}</th>
                                <th scope="col" class="number">{t!(i18n, organisation.interests)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.rows.into_iter().map(|r| {
                                let id = r.id;
                                let dd = r.due_diligence;
                                view! {
                                    <tr>
                                        <th scope="row" dir="auto">
                                            <a href=move || path(i18n, &format!("organisations/{id}"))>{r.name.clone()}</a>
                                            {r.acronym.clone().map(|a| view! { " (" {a} ")" })}
                                            {r.demo.then(|| view! { " " <span class="badge">{t!(i18n, organisation.demo)}</span> })}
                                        </th>
                                        <td>{organisation_kind_name(i18n, r.kind)}</td>
                                        <td>{r.country.clone().unwrap_or_default()}</td>
                                        <td><span class=format!("stage dd-{}", dd.code())>{due_diligence_name(i18n, dd)}</span></td>
                                        <td class="number">{r.interests}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <Pager page pages link=Callback::new(link) />
    }
}

/// `/{locale}/staff/organisations/new`.
#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveOrganisation>::new();
    // Filled from an expression of interest when it links here (`?name=…&kind=…`).
    let query = use_query_map();
    let form = query.with_untracked(|q| {
        let get = |k: &str| q.get(k).unwrap_or_default();
        let kind = Some(get("kind")).filter(|k| OrganisationKind::parse(k).is_some()).unwrap_or_else(|| "other".into());
        OrganisationForm {
            name: get("name"),
            kind,
            country: get("country"),
            email_domain: get("email_domain"),
            due_diligence: "not_started".into(),
            ..Default::default()
        }
    });
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, organisation.new_entry), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "organisations")>{t!(i18n, organisation.registry_title)}</a></p>
        <h1>{t!(i18n, organisation.new_entry)}</h1>
        <EntryForm id=0 form save />
    }
}

/// `/{locale}/staff/organisations/{id}`.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let save = ServerAction::<SaveOrganisation>::new();
    let merge = ServerAction::<MergeOrganisations>::new();
    let link = ServerAction::<LinkSubscriberOrganisation>::new();
    let page = Resource::new(
        move || (id(), i18n.get_locale(), save.version().get(), merge.version().get(), link.version().get()),
        |(id, locale, ..)| load_organisation(id, code_of(locale).to_owned()),
    );
    let member = Resource::new(|| (), |()| me());
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, organisation.registry_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "organisations")>{t!(i18n, organisation.registry_title)}</a></p>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let admin = member.await.ok().flatten().is_some_and(|m| m.role.includes(Role::Admin));
                match page.await {
                    Ok(p) => view! { <Entry page=p save merge link admin /> }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, &format!("organisations/{}", id())),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Entry(
    page: Page,
    save: ServerAction<SaveOrganisation>,
    merge: ServerAction<MergeOrganisations>,
    link: ServerAction<LinkSubscriberOrganisation>,
    admin: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = page.record.clone();
    let id = r.id;
    let merge_error = Signal::derive(move || merge.value().get().and_then(Result::err));
    view! {
        <h1 dir="auto">{r.name.clone()} {r.acronym.clone().map(|a| view! { " (" {a} ")" })}</h1>
        <p class="hint">{t!(i18n, organisation.number)} " " <strong>{id}</strong>
            {r.demo.then(|| view! { " · " <span class="badge">{t!(i18n, organisation.demo)}</span> })}
            " · " <a href=move || path(i18n, &format!("funders/{id}"))>{t!(i18n, funder.staff_profile_link)}</a></p>
        <div class="interest-layout">
            <section aria-labelledby="record-heading">
                <h2 id="record-heading">{t!(i18n, organisation.record)}</h2>
                <OrganisationFacts record=r.clone() />
                <h3>{t!(i18n, organisation.linked_interests)}</h3>
                {page.interests.is_empty().then(|| view! { <p class="empty">{t!(i18n, organisation.no_interests)}</p> })}
                <ul class="linked">
                    {page.interests.iter().map(|(interest, title, stage, at)| {
                        let (interest, at, stage) = (*interest, *at, stage.clone());
                        view! {
                            <li>
                                <a href=move || path(i18n, &format!("interests/{interest}"))>{title.clone()}</a>
                                " · " <span class=format!("stage stage-{stage}")>{stage_name(i18n, &stage)}</span>
                                " · " {move || local_date(i18n.get_locale(), at)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p>{t!(i18n, organisation.subscribers)} ": " <strong>{page.subscribers}</strong></p>
                <SubscriberLinks entry=id links=page.subscriber_links.clone() link />
                <p><a href=move || path(i18n, &format!("agreements?party={id}"))>{t!(i18n, organisation.agreements)}</a> ": " <strong>{page.agreements}</strong></p>
                {(!page.children.is_empty()).then(|| view! {
                    <h3>{t!(i18n, organisation.children)}</h3>
                    <ul class="linked">
                        {page.children.iter().map(|(child, name)| {
                            let child = *child;
                            view! { <li><a href=move || path(i18n, &format!("organisations/{child}")) dir="auto">{name.clone()}</a></li> }
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section aria-labelledby="edit-heading">
                <h2 id="edit-heading">{t!(i18n, organisation.edit)}</h2>
                <EntryForm id form=r.form() save />
            </section>
        </div>
        <History entries=page.history.clone() />
        {admin.then(|| view! {
            <section class="data-rights" aria-labelledby="merge-heading">
                <h2 id="merge-heading">{t!(i18n, organisation.merge)}</h2>
                <p class="hint">{t!(i18n, organisation.merge_hint)}</p>
                <ActionForm action=merge>
                    <input type="hidden" name="survivor" value=id />
                    <div class="field">
                        <label for="m-duplicate">{t!(i18n, organisation.duplicate_number)}</label>
                        <input id="m-duplicate" name="duplicate" inputmode="numeric" dir="ltr" required maxlength="12" />
                        {move || merge_error.get().and_then(|e| field_message(i18n, &e, "duplicate")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                    <label class="choice"><input type="checkbox" required /> {t!(i18n, organisation.merge_confirm)}</label>
                    <button class="button danger" type="submit">{t!(i18n, organisation.merge_button)}</button>
                </ActionForm>
                {move || merge_error.get().filter(|e| !matches!(e, AppError::Validation(_))).and_then(|e| form_message(i18n, &e))
                    .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                {move || matches!(merge.value().get(), Some(Ok(()))).then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, organisation.merged)}</p> })}
            </section>
        })}
    }
}

/// The subscribers linked to an entry, each with "unlink", and those that may belong to it
/// (same e-mail domain, same name), each with "link": linking is always by hand.
#[component]
fn SubscriberLinks(
    entry: i64,
    links: Vec<SubscriberLink>,
    link: ServerAction<LinkSubscriberOrganisation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || link.value().get().and_then(Result::err));
    let (linked, offered): (Vec<_>, Vec<_>) = links.into_iter().partition(|s| s.linked);
    let row = move |s: SubscriberLink| {
        let target = if s.linked { 0 } else { entry };
        let why = match (s.same_domain, s.same_name) {
            (true, true) => {
                format!("{} · {}", t_string!(i18n, organisation.same_domain), t_string!(i18n, organisation.same_name))
            }
            (true, false) => t_string!(i18n, organisation.same_domain).to_owned(),
            (false, true) => t_string!(i18n, organisation.same_name).to_owned(),
            (false, false) => String::new(),
        };
        view! {
            <li>
                <span dir="ltr">{s.email.clone()}</span> " · " <span dir="auto">{s.contact_name.clone()}</span>
                " · " <span dir="auto">{s.organisation.clone()}</span>
                {(!why.is_empty()).then(|| view! { " · " <span class="hint">{why}</span> })}
                <ActionForm action=link attr:class="inline-form">
                    <input type="hidden" name="subscriber" value=s.id />
                    <input type="hidden" name="organisation" value=target />
                    <button class="button secondary small" type="submit">
                        {if s.linked { t_string!(i18n, organisation.unlink) } else { t_string!(i18n, organisation.link) }}
                    </button>
                </ActionForm>
            </li>
        }
    };
    view! {
        <div class="subscriber-links">
            {(!linked.is_empty()).then(|| view! {
                <h3>{t!(i18n, organisation.linked_subscribers)}</h3>
                <ul class="linked documents">{linked.into_iter().map(row).collect_view()}</ul>
            })}
            <h3>{t!(i18n, organisation.subscriber_suggestions)}</h3>
            {if offered.is_empty() {
                view! { <p class="empty">{t!(i18n, organisation.no_subscriber_suggestions)}</p> }.into_any()
            } else {
                view! { <ul class="linked documents">{offered.into_iter().map(row).collect_view()}</ul> }.into_any()
            }}
            {move || error.get().and_then(|e| form_message(i18n, &e)).map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        </div>
    }
}

/// The edit form of an entry (`id` 0: a new one).
#[component]
fn EntryForm(id: i64, form: OrganisationForm, save: ServerAction<SaveOrganisation>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let message =
        move |field: &'static str| Signal::derive(move || error.get().and_then(|e| field_message(i18n, &e, field)));
    let text = move |name: &'static str,
                     label: String,
                     value: String,
                     hint: Option<String>,
                     required: bool,
                     max: u32| {
        let input_id = format!("o-{name}");
        let hint_id = format!("{input_id}-hint");
        let m = message(name);
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <input id=input_id name=format!("form[{name}]") value=value required=required maxlength=max.to_string() dir="auto"
                    aria-invalid=move || m.get().is_some().then_some("true")
                    aria-describedby=hint.as_ref().map(|_| hint_id.clone()) />
                {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
                {move || m.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
        }
    };
    let choice = move |name: &'static str, label: String, chosen: String, options: Vec<(String, String)>| {
        let input_id = format!("o-{name}");
        let m = message(name);
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <select id=input_id name=format!("form[{name}]") aria-invalid=move || m.get().is_some().then_some("true")>
                    {options.into_iter().map(|(code, text)| {
                        let is = code == chosen;
                        view! { <option value=code selected=is>{text}</option> }
                    }).collect_view()}
                </select>
                {move || m.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
        }
    };
    let kinds = OrganisationKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), organisation_kind_name(i18n, *k).to_owned()))
        .collect();
    let mut memberships = vec![(String::new(), t_string!(i18n, organisation.not_a_member).to_owned())];
    memberships.extend(Membership::ALL.iter().map(|m| (m.code().to_owned(), membership_name(i18n, *m).to_owned())));
    let diligence =
        DueDiligence::ALL.iter().map(|d| (d.code().to_owned(), due_diligence_name(i18n, *d).to_owned())).collect();
    let f = form;
    view! {
        <ActionForm action=save attr:class="organisation-form">
            <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
            <input type="hidden" name="id" value=id />
            {text("name", t_string!(i18n, organisation.name).to_owned(), f.name.clone(), Some(t_string!(i18n, organisation.name_hint).to_owned()), true, 200)}
            {text("name_locale", t_string!(i18n, organisation.name_locale).to_owned(), f.name_locale.clone(), Some(t_string!(i18n, organisation.name_locale_hint).to_owned()), false, 3)}
            {text("acronym", t_string!(i18n, organisation.acronym).to_owned(), f.acronym.clone(), None, false, 30)}
            {choice("kind", t_string!(i18n, organisation.kind).to_owned(), f.kind.clone(), kinds)}
            {text("country", t_string!(i18n, organisation.country).to_owned(), f.country.clone(), Some(t_string!(i18n, organisation.country_hint).to_owned()), false, 2)}
            {text("website", t_string!(i18n, organisation.website).to_owned(), f.website.clone(), None, false, 200)}
            {text("email_domain", t_string!(i18n, organisation.email_domain).to_owned(), f.email_domain.clone(), Some(t_string!(i18n, organisation.email_domain_hint).to_owned()), false, 253)}
            {choice("membership", t_string!(i18n, organisation.membership).to_owned(), f.membership.clone(), memberships)}
            {text("member_since", t_string!(i18n, organisation.member_since).to_owned(), f.member_since.clone(), Some(t_string!(i18n, organisation.date_hint).to_owned()), false, 10)}
            {choice("due_diligence", t_string!(i18n, organisation.due_diligence).to_owned(), f.due_diligence.clone(), diligence)}
            {text("due_diligence_on", t_string!(i18n, organisation.due_diligence_on).to_owned(), f.due_diligence_on.clone(), Some(t_string!(i18n, organisation.date_hint).to_owned()), false, 10)}
            {text("parent", t_string!(i18n, organisation.parent_number).to_owned(), f.parent.clone(), Some(t_string!(i18n, organisation.parent_hint).to_owned()), false, 12)}
            {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).and_then(|e| form_message(i18n, &e))
                .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            {move || error.get().filter(|e| matches!(e, AppError::Validation(_)))
                .map(|_| view! { <p class="notice notice-error" role="alert">{t!(i18n, staff.fix_fields)}</p> })}
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.saved)}</p> })}
            <button class="button" type="submit">{if id == 0 { t_string!(i18n, staff.create) } else { t_string!(i18n, staff.save) }}</button>
        </ActionForm>
    }
}
