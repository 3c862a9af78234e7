//! The partner inbox: `/{locale}/staff/interests` lists expressions of interest with filters
//! (a plain GET form, so it works without JavaScript) and a CSV export of what the filters
//! find; `/{locale}/staff/interests/{id}` shows one, moves it in the pipeline, and holds the
//! internal notes, its history and, for administrators, the partner's data rights.
use crate::api::editor::get_editor_choices;
use crate::api::interests::{
    AddInterestNote, ErasePartner, ExportPartner, MoveInterest, interest_inbox, load_interest,
};
use crate::api::organisations::LinkInterestOrganisation;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_messages::{code_message, field_message, form_message};
use crate::components::head::PageTitle;
use crate::components::history::History;
use crate::components::sign_in_redirect::staff_sign_in;
use crate::domain::catalogue::encode;
use crate::domain::format::{local_date, usd};
use crate::domain::interest::{InboxFilter, InterestDetail, InterestRow, Stage};
use crate::domain::locale::code_of;
use crate::domain::names::{contribution_label, entity_label, stage_name};
use crate::domain::organisation::{OrganisationKind, OrganisationRecord, Suggestion, domain_of};
use crate::domain::subscription::ENTITY_TYPES;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

fn filter_from_query(q: &leptos_router::params::ParamsMap) -> InboxFilter {
    let get = |k: &str| q.get(k).unwrap_or_default();
    InboxFilter {
        concept: get("concept"),
        stage: get("stage"),
        area: get("area"),
        region: get("region"),
        entity_type: get("entity_type"),
        country: get("country"),
        from: get("from"),
        to: get("to"),
    }
}

#[component]
pub fn InterestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(filter_from_query));
    let inbox = Resource::new(move || filter.get(), interest_inbox);
    let choices = Resource::new(move || i18n.get_locale(), |l| get_editor_choices(code_of(l).to_owned()));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, interest.inbox_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, interest.inbox_title)}</h1>
        <p class="staff-links">
            <a class="button secondary" href=move || format!("/{}/staff/dashboard", code_of(i18n.get_locale()))>{t!(i18n, interest.dashboard_title)}</a>
            <a class="button secondary" download="interests.csv"
                href=move || format!("/api/staff/interests.csv?{}", filter.get().to_query_string())>{t!(i18n, interest.export_csv)}</a>
        </p>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let f = filter.get_untracked();
                match (inbox.await, choices.await) {
                    (Ok(page), Ok(c)) => view! {
                        <Filters filter=f choices=c />
                        <p role="status">{t!(i18n, interest.total)} ": " <strong>{page.total}</strong></p>
                        <Rows rows=page.rows />
                    }.into_any(),
                    (Err(AppError::Unauthorised), _) | (_, Err(AppError::Unauthorised)) => staff_sign_in(i18n, "interests"),
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Filters(filter: InboxFilter, choices: crate::api::editor::EditorChoices) -> impl IntoView {
    let i18n = use_i18n();
    let select = move |name: &'static str, label: String, chosen: String, options: Vec<(String, String)>| {
        let id = format!("filter-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id name=name>
                    <option value="">{t!(i18n, interest.any)}</option>
                    {options.into_iter().map(|(code, text)| {
                        let is = code == chosen;
                        view! { <option value=code selected=is>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let named = |list: &[crate::domain::concept::Named]| {
        list.iter().map(|n| (n.code.clone(), n.name.clone())).collect::<Vec<_>>()
    };
    let stages = Stage::ALL.iter().map(|s| (s.code().to_owned(), stage_name(i18n, s.code()))).collect();
    let types = ENTITY_TYPES.iter().map(|t| ((*t).to_owned(), entity_label(i18n, t).to_owned())).collect();
    view! {
        <form class="inbox-filters" method="get" role="search" aria-label=move || t_string!(i18n, catalogue.filters)>
            {(!filter.concept.is_empty()).then(|| view! { <input type="hidden" name="concept" value=filter.concept.clone() /> })}
            {select("stage", t_string!(i18n, interest.stage).to_owned(), filter.stage.clone(), stages)}
            {select("area", t_string!(i18n, staff.areas_label).to_owned(), filter.area.clone(), named(&choices.areas))}
            {select("region", t_string!(i18n, staff.regions_label).to_owned(), filter.region.clone(), named(&choices.regions))}
            {select("entity_type", t_string!(i18n, subscribe.entity_type).to_owned(), filter.entity_type.clone(), types)}
            {select("country", t_string!(i18n, subscribe.country).to_owned(), filter.country.clone(), named(&choices.countries))}
            <div class="field">
                <label for="filter-from">{t!(i18n, interest.from)}</label>
                <input id="filter-from" type="date" name="from" value=filter.from.clone() />
            </div>
            <div class="field">
                <label for="filter-to">{t!(i18n, interest.to)}</label>
                <input id="filter-to" type="date" name="to" value=filter.to.clone() />
            </div>
            <button class="button" type="submit">{t!(i18n, catalogue.apply)}</button>
        </form>
    }
}

#[component]
fn Rows(rows: Vec<InterestRow>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty">{t!(i18n, interest.inbox_empty)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="inbox">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, interest.received)}</th>
                        <th scope="col">{t!(i18n, interest.organisation)}</th>
                        <th scope="col">{t!(i18n, interest.concept)}</th>
                        <th scope="col">{t!(i18n, interest.contribution)}</th>
                        <th scope="col">{t!(i18n, interest.stage)}</th>
                        <th scope="col">{t!(i18n, interest.owner)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let (id, concept) = (r.id, r.concept_id);
                        let name = if r.erased { t_string!(i18n, interest.erased).to_owned() } else { r.organisation.clone() };
                        let amount = r.amount_usd;
                        let stage = r.stage.clone();
                        view! {
                            <tr>
                                <td>{move || local_date(i18n.get_locale(), r.created_at)}</td>
                                <th scope="row"><a href=move || format!("/{}/staff/interests/{id}", code_of(i18n.get_locale()))>{name}</a></th>
                                <td><a href=move || format!("/{}/staff/interests?concept={concept}", code_of(i18n.get_locale()))>{r.concept_title.clone()}</a></td>
                                <td>{contribution_label(i18n, &r.contribution)} {amount.map(|n| view! { " · " {move || usd(i18n.get_locale(), n)} })}</td>
                                <td><span class=format!("stage stage-{stage}")>{stage_name(i18n, &stage)}</span></td>
                                <td>{r.owner.clone().unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn InterestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let moved = ServerAction::<MoveInterest>::new();
    let noted = ServerAction::<AddInterestNote>::new();
    let erased = ServerAction::<ErasePartner>::new();
    let linked = ServerAction::<LinkInterestOrganisation>::new();
    let detail = Resource::new(
        move || {
            let versions =
                (moved.version().get(), noted.version().get(), erased.version().get(), linked.version().get());
            (id(), i18n.get_locale(), versions)
        },
        |(id, locale, _)| load_interest(id, code_of(locale).to_owned()),
    );
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, interest.inbox_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff/interests", code_of(i18n.get_locale()))>{t!(i18n, interest.inbox_title)}</a></p>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <Detail detail=d moved noted erased linked /> }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, &format!("interests/{}", id())),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Detail(
    detail: InterestDetail,
    moved: ServerAction<MoveInterest>,
    noted: ServerAction<AddInterestNote>,
    erased: ServerAction<ErasePartner>,
    linked: ServerAction<LinkInterestOrganisation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let exported = ServerAction::<ExportPartner>::new();
    let d = detail;
    let r = d.row.clone();
    let id = r.id;
    let move_error = Signal::derive(move || moved.value().get().and_then(Result::err));
    let note_error = Signal::derive(move || noted.value().get().and_then(Result::err));
    let title = if r.erased { t_string!(i18n, interest.erased).to_owned() } else { r.organisation.clone() };
    let stage = r.stage.clone();
    let signed = r.stage == Stage::Signed.code();
    // Erased partners have no organisation to look for.
    let registry = (!r.erased).then(|| (d.organisation.clone(), d.suggestions.clone(), r.clone()));
    let funder_profile = d.funder_profile;
    let facts: Vec<(String, String)> = vec![
        (t_string!(i18n, interest.concept).to_owned(), r.concept_title.clone()),
        (t_string!(i18n, subscribe.entity_type).to_owned(), entity_label(i18n, &r.entity_type).to_owned()),
        (t_string!(i18n, subscribe.country).to_owned(), d.country_name.clone().unwrap_or_default()),
        (t_string!(i18n, interest.contact_name).to_owned(), r.contact_name.clone()),
        (t_string!(i18n, staff.email).to_owned(), r.email.clone()),
        (t_string!(i18n, interest.role).to_owned(), d.role.clone()),
        (t_string!(i18n, interest.contribution).to_owned(), contribution_label(i18n, &r.contribution)),
        (
            t_string!(i18n, interest.amount).to_owned(),
            r.amount_usd.map(|n| usd(i18n.get_locale_untracked(), n)).unwrap_or_default(),
        ),
        (t_string!(i18n, interest.received).to_owned(), local_date(i18n.get_locale_untracked(), r.created_at)),
    ];
    view! {
        <h1>{title}</h1>
        <p><span class=format!("stage stage-{stage}")>{stage_name(i18n, &stage)}</span>
            {r.agreed_usd.map(|n| view! { " · " {t!(i18n, interest.agreed)} " " {move || usd(i18n.get_locale(), n)} })}</p>
        <div class="interest-layout">
            <section aria-labelledby="partner-heading">
                <h2 id="partner-heading">{t!(i18n, interest.partner)}</h2>
                <dl class="partner-facts">
                    {facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{k}</dt><dd dir="auto">{v}</dd> }).collect_view()}
                </dl>
                <h3>{t!(i18n, interest.message)}</h3>
                <blockquote class="partner-message" dir="auto" lang=d.locale.clone()>{d.message.clone()}</blockquote>
            </section>
            <section aria-labelledby="pipeline-heading">
                <h2 id="pipeline-heading">{t!(i18n, interest.pipeline)}</h2>
                <ActionForm action=moved attr:class="pipeline-form">
                    <input type="hidden" name="id" value=id />
                    <div class="field">
                        <label for="p-stage">{t!(i18n, interest.stage)}</label>
                        <select id="p-stage" name="form[stage]">
                            {Stage::ALL.iter().map(|s| {
                                let is = s.code() == r.stage;
                                view! { <option value=s.code() selected=is>{stage_name(i18n, s.code())}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="p-owner">{t!(i18n, interest.owner)}</label>
                        <select id="p-owner" name="form[owner]">
                            <option value="">{t!(i18n, interest.nobody)}</option>
                            {d.staff.iter().map(|(sid, name)| {
                                let is = d.owner_id == Some(*sid);
                                view! { <option value=*sid selected=is>{name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="p-agreed">{t!(i18n, interest.agreed)}</label>
                        <input id="p-agreed" name="form[agreed]" inputmode="numeric" dir="ltr" maxlength="20"
                            value=r.agreed_usd.map(|n| n.to_string()).unwrap_or_default() aria-describedby="p-agreed-hint" />
                        <p class="hint" id="p-agreed-hint">{t!(i18n, interest.agreed_hint)}</p>
                        {move || move_error.get().and_then(|e| match &e { AppError::Validation(f) => f.first().map(|f| code_message(i18n, f.code).to_owned()), _ => None }).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                    {move || move_error.get().filter(|e| !matches!(e, AppError::Validation(_))).and_then(|e| form_message(i18n, &e))
                        .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                    {move || matches!(moved.value().get(), Some(Ok(()))).then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.saved)}</p> })}
                    <button class="button" type="submit">{t!(i18n, staff.save)}</button>
                </ActionForm>
                {(!d.agreements.is_empty()).then(|| view! {
                    <p class="notice">{t!(i18n, interest.agreements_recorded)} " "
                        {d.agreements.iter().map(|(aid, reference)| {
                            let aid = *aid;
                            view! { <a href=move || format!("/{}/staff/agreements/{aid}", code_of(i18n.get_locale())) dir="ltr">{reference.clone()}</a> " " }
                        }).collect_view()}
                    </p>
                })}
                {(signed && d.agreements.is_empty()).then(|| view! {
                    <p class="notice notice-success">{t!(i18n, interest.record_agreement_hint)} " "
                        <a class="button" href=move || format!("/{}/staff/agreements/new?interest={id}", code_of(i18n.get_locale()))>{t!(i18n, interest.record_agreement)}</a>
                    </p>
                })}
                <h2>{t!(i18n, interest.notes)}</h2>
                {d.notes.is_empty().then(|| view! { <p class="empty">{t!(i18n, interest.no_notes)}</p> })}
                <ol class="notes">
                    {d.notes.iter().map(|n| {
                        let at = n.at;
                        view! {
                            <li>
                                <p class="note-meta"><strong>{n.author.clone().unwrap_or_default()}</strong> " · " {move || local_date(i18n.get_locale(), at)}</p>
                                <p dir="auto">{n.body.clone()}</p>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <ActionForm action=noted attr:class="note-form">
                    <input type="hidden" name="id" value=id />
                    <div class="field">
                        <label for="n-note">{t!(i18n, interest.add_note)}</label>
                        <textarea id="n-note" name="note" rows="3" required dir="auto"></textarea>
                        {move || note_error.get().and_then(|e| field_message(i18n, &e, "note")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                    <button class="button secondary" type="submit">{t!(i18n, interest.add_note)}</button>
                </ActionForm>
            </section>
        </div>
        {registry.map(|(organisation, suggestions, partner)| view! { <RegistryPanel interest=id organisation suggestions partner linked funder_profile /> })}
        <History entries=d.history.clone() />
        <section class="data-rights" aria-labelledby="rights-heading">
            <h2 id="rights-heading">{t!(i18n, interest.rights)}</h2>
            <p class="hint">{t!(i18n, interest.rights_hint)}</p>
            <ActionForm action=exported>
                <input type="hidden" name="id" value=id />
                <button class="button secondary" type="submit">{t!(i18n, interest.export_data)}</button>
            </ActionForm>
            {move || exported.value().get().map(|r| match r {
                Ok(json) => view! { <pre class="export" dir="ltr">{json}</pre> }.into_any(),
                Err(e) => view! { <p class="notice notice-error" role="alert">{form_message(i18n, &e)}</p> }.into_any(),
            })}
            {(!r.erased).then(|| view! {
                <ActionForm action=erased>
                    <input type="hidden" name="id" value=id />
                    <label class="choice"><input type="checkbox" required /> {t!(i18n, interest.erase_confirm)}</label>
                    <button class="button danger" type="submit">{t!(i18n, interest.erase)}</button>
                </ActionForm>
            })}
            {move || erased.value().get().and_then(Result::err).map(|e| view! { <p class="notice notice-error" role="alert">{form_message(i18n, &e)}</p> })}
        </section>
    }
}

/// The partner's organisation in the registry: the record it is linked to, or entries that
/// may be it (same e-mail domain, similar name) to link with one click, and a way to record
/// it. Never linked automatically.
#[component]
fn RegistryPanel(
    interest: i64,
    organisation: Option<OrganisationRecord>,
    suggestions: Vec<Suggestion>,
    partner: InterestRow,
    linked: ServerAction<LinkInterestOrganisation>,
    /// The linked organisation has a funder profile.
    funder_profile: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || linked.value().get().and_then(Result::err));
    let link_form = move |org: i64, label: String, class: &'static str| {
        view! {
            <ActionForm action=linked attr:class="inline-form">
                <input type="hidden" name="interest" value=interest />
                <input type="hidden" name="organisation" value=org />
                <button class=class type="submit">{label}</button>
            </ActionForm>
        }
    };
    let new_query = format!(
        "name={}&kind={}&country={}&email_domain={}",
        encode(&partner.organisation),
        OrganisationKind::from_entity_type(&partner.entity_type).code(),
        encode(partner.country.as_deref().unwrap_or_default()),
        encode(&domain_of(&partner.email).unwrap_or_default()),
    );
    let search_query = format!("q={}", encode(&partner.organisation));
    view! {
        <section class="registry-panel" aria-labelledby="registry-heading">
            <h2 id="registry-heading">{t!(i18n, organisation.in_registry)}</h2>
            {match organisation {
                Some(o) => {
                    let org = o.id;
                    view! {
                        <p><a dir="auto" href=move || format!("/{}/staff/organisations/{org}", code_of(i18n.get_locale()))>
                            <strong>{o.name.clone()}</strong></a>
                            {o.acronym.clone().map(|a| view! { " (" {a} ")" })}
                            " · " {t!(i18n, organisation.number)} " " {org}</p>
                        <crate::components::organisation_facts::OrganisationFacts record=o.clone() />
                        {funder_profile.then(|| view! {
                            <p><a class="funder-profile-link" href=move || format!("/{}/staff/funders/{org}", code_of(i18n.get_locale()))>
                                {t!(i18n, funder.profile_link)}</a></p>
                        })}
                        {link_form(0, t_string!(i18n, organisation.unlink).to_owned(), "button secondary")}
                    }.into_any()
                }
                None => view! { <p>{t!(i18n, organisation.not_linked)}</p> }.into_any(),
            }}
            {(!suggestions.is_empty()).then(|| view! {
                <h3>{t!(i18n, organisation.suggestions)}</h3>
                <ul class="suggestions">
                    {suggestions.into_iter().map(|s| {
                        let org = s.id;
                        let mut why = Vec::new();
                        if s.same_domain { why.push(t_string!(i18n, organisation.same_domain)); }
                        if s.same_name { why.push(t_string!(i18n, organisation.same_name)); }
                        view! {
                            <li>
                                <a dir="auto" href=move || format!("/{}/staff/organisations/{org}", code_of(i18n.get_locale()))>{s.name.clone()}</a>
                                {s.acronym.clone().map(|a| view! { " (" {a} ")" })}
                                " — " <span class="hint">{why.join(", ")}</span> " "
                                {link_form(org, t_string!(i18n, organisation.link).to_owned(), "button")}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <p class="staff-links">
                <a class="button secondary" href=move || format!("/{}/staff/organisations?{search_query}", code_of(i18n.get_locale()))>{t!(i18n, organisation.find_or_create)}</a>
                <a class="button secondary" href=move || format!("/{}/staff/organisations/new?{new_query}", code_of(i18n.get_locale()))>{t!(i18n, organisation.new_entry)}</a>
            </p>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{crate::components::form_messages::error_message(i18n, &e)}</p> })}
            {move || matches!(linked.value().get(), Some(Ok(()))).then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, organisation.linked)}</p> })}
        </section>
    }
}
