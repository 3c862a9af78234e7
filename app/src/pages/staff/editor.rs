//! `/{locale}/staff/concepts/new` and `/{locale}/staff/concepts/{id}`: write a concept in
//! one language, add translations (one tab per language), move it through the workflow, and
//! read its history. Plain forms (they work without JavaScript); once hydrated they save in
//! place, warn about unsaved changes and preview the Markdown as the public page renders it.
use super::media::MediaManager;
use crate::api::editor::{
    CreateConcept, DeleteTranslation, EditorChoices, MoveConcept, SaveTranslation, UpdateConcept, concept_history,
    get_editor_choices, load_concept, preview_markdown,
};
use crate::api::funders::{FitAgain, MarkNotAFit, load_funder_suggestions};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_messages::{field_message, form_message};
use crate::components::funder_suggestions::FunderSuggestionsPanel;
use crate::components::head::PageTitle;
use crate::components::history::History;
use crate::components::hydration::use_hydrated;
use crate::components::raw_text::raw_text;
use crate::components::sign_in_redirect::staff_sign_in;
use crate::domain::editor::{EditableConcept, FactsForm, Status, TextForm};
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::names::I18n;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// Sends a visitor without a session to sign in, and back.
#[component]
pub fn NewConceptPage() -> impl IntoView {
    let i18n = use_i18n();
    let choices = Resource::new(move || i18n.get_locale(), |l| get_editor_choices(code_of(l).to_owned()));
    let action = ServerAction::<CreateConcept>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, staff.new_concept), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, staff.new_concept)}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(choices) => {
                        let lang = code_of(i18n.get_locale_untracked()).to_owned();
                        view! {
                            <FormErrors error />
                            <ActionForm action>
                                <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                                <div class="editor-grid">
                                    <TextFields text=TextForm::default() error lang original_select=true />
                                    <FactsFields choices facts=FactsForm::default() error />
                                </div>
                                <button class="button" type="submit">{t!(i18n, staff.create)}</button>
                            </ActionForm>
                        }
                        .into_any()
                    }
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, "concepts/new"),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditConceptPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0));
    let update = ServerAction::<UpdateConcept>::new();
    let save_translation = ServerAction::<SaveTranslation>::new();
    let delete_translation = ServerAction::<DeleteTranslation>::new();
    let move_concept = ServerAction::<MoveConcept>::new();
    let media_changed = RwSignal::new(0u32);
    let uploaded = RwSignal::new(0u32);
    // Created here, with the page's other resources, so that the server and the browser
    // create them in the same order (their data is matched by order when the page hydrates).
    let media = Resource::new(
        move || (id(), media_changed.get(), uploaded.get()),
        |(id, _, _)| crate::api::media::list_media(id),
    );
    // Every successful change reloads the concept and its history.
    let changes = move || {
        (
            update.version().get(),
            save_translation.version().get(),
            delete_translation.version().get(),
            move_concept.version().get(),
        )
    };
    let concept = Resource::new(move || (id(), changes()), |(id, _)| load_concept(id));
    let history = Resource::new(move || (id(), changes(), media_changed.get()), |(id, _, _)| concept_history(id));
    let choices = Resource::new(move || i18n.get_locale(), |l| get_editor_choices(code_of(l).to_owned()));
    let not_a_fit = ServerAction::<MarkNotAFit>::new();
    let fit_again = ServerAction::<FitAgain>::new();
    let funders = Resource::new(
        move || (id(), i18n.get_locale(), not_a_fit.version().get(), fit_again.version().get()),
        |(id, l, _, _)| load_funder_suggestions(id, code_of(l).to_owned()),
    );
    let tab = move || query.with(|q| q.get("text"));
    view! {
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match (concept.await, choices.await) {
                    (Ok(c), Ok(choices)) => {
                        let selected = tab().filter(|t| locale::parse(t).is_some()).unwrap_or_else(|| c.facts.original_locale.clone());
                        view! {
                            <Title text=format!("{} — {}", raw_text(&c.texts.first().map(|(_, t)| t.title.clone()).unwrap_or_default()), t_string!(i18n, app.name)) />
                            <ConceptHeader concept=c.clone() move_concept />
                            <LanguageTabs concept=c.clone() selected=selected.clone() />
                            {if selected == c.facts.original_locale {
                                view! { <OriginalForm concept=c.clone() choices=choices.clone() update /> }.into_any()
                            } else {
                                view! { <TranslationForm concept=c.clone() locale=selected save=save_translation delete=delete_translation /> }.into_any()
                            }}
                            <MediaManager concept_id=c.id limits=choices.upload_limits changed=media_changed uploaded media />
                        }
                        .into_any()
                    }
                    (Err(AppError::Unauthorised), _) | (_, Err(AppError::Unauthorised)) => {
                        staff_sign_in(i18n, &format!("concepts/{}", id()))
                    }
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                funders.await.ok().map(|suggestions| view! { <FunderSuggestionsPanel suggestions not_a_fit fit_again /> })
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { history.await.ok().map(|entries| view! { <History entries /> }) })}
        </Suspense>
    }
}

/// Title, status, the public page, and the moves the member may make.
#[component]
fn ConceptHeader(concept: EditableConcept, move_concept: ServerAction<MoveConcept>) -> impl IntoView {
    let i18n = use_i18n();
    let title = concept.texts.first().map(|(_, t)| t.title.clone()).unwrap_or_default();
    let title_lang = concept.texts.first().map(|(l, _)| l.clone()).unwrap_or_default();
    let status = concept.status;
    let published = status == Status::Published;
    let slug = concept.slug.clone();
    let error = Signal::derive(move || move_concept.value().get().and_then(Result::err));
    view! {
        <header class="editor-header">
            <h1 lang=title_lang>{title}</h1>
            <p>
                <span class=format!("status status-{}", status.code())>{move || crate::domain::names::status_name(i18n, status.code())}</span>
                {published.then(|| view! {
                    " " <a href=move || format!("/{}/concepts/{}", code_of(i18n.get_locale()), slug)>{t!(i18n, staff.view_public)}</a>
                })}
            </p>
            <FormErrors error />
            {concept.reach.map(|n| view! {
                <p class="reach" role="status">{t!(i18n, staff.reach_before)} " " <strong>{n}</strong> " " {t!(i18n, staff.reach_after)}</p>
            })}
            <div class="moves">
                {concept.moves.iter().map(|to| {
                    let to = *to;
                    view! {
                        <ActionForm action=move_concept>
                            <input type="hidden" name="id" value=concept.id />
                            <input type="hidden" name="version" value=concept.version />
                            <input type="hidden" name="to" value=to.code() />
                            <button class=if to == Status::Published { "button" } else { "button secondary" } type="submit">
                                {move || move_label(i18n, to)}
                            </button>
                        </ActionForm>
                    }
                }).collect_view()}
            </div>
        </header>
    }
}

fn move_label(i18n: I18n, to: Status) -> &'static str {
    match to {
        Status::InReview => t_string!(i18n, staff.move_in_review),
        Status::Draft => t_string!(i18n, staff.move_draft),
        Status::Published => t_string!(i18n, staff.move_published),
        Status::Closed => t_string!(i18n, staff.move_closed),
        Status::Archived => t_string!(i18n, staff.move_archived),
    }
}

/// One tab per language: the original first, then whether each other one is written.
#[component]
fn LanguageTabs(concept: EditableConcept, selected: String) -> impl IntoView {
    let i18n = use_i18n();
    let original = concept.facts.original_locale.clone();
    let mut order: Vec<&str> = vec![original.as_str()];
    order.extend(locale::CODES.iter().copied().filter(|c| *c != original));
    let tabs: Vec<(String, bool, bool, bool)> = order
        .into_iter()
        .map(|code| {
            let written = concept.texts.iter().any(|(l, _)| l == code);
            (code.to_owned(), written, concept.drafts.iter().any(|d| d == code), code == original)
        })
        .collect();
    let id = concept.id;
    view! {
        <nav class="language-tabs" aria-label=move || t_string!(i18n, staff.languages)>
            {tabs.into_iter().map(|(code, written, draft, is_original)| {
                let current = code == selected;
                let name = locale::parse(&code).map(native_name).unwrap_or_default();
                let state = move || if is_original {
                    t_string!(i18n, staff.tab_original)
                } else if draft {
                    t_string!(i18n, staff.tab_draft)
                } else if written {
                    t_string!(i18n, staff.tab_written)
                } else {
                    t_string!(i18n, staff.tab_missing)
                };
                let href = format!("?text={code}");
                view! {
                    <a
                        href=move || format!("/{}/staff/concepts/{id}{href}", code_of(i18n.get_locale()))
                        class:written=written
                        class:draft=draft
                        aria-current=current.then_some("page")
                    >
                        <span lang=code.clone()>{name}</span>
                        <small>{state}</small>
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
fn OriginalForm(
    concept: EditableConcept,
    choices: EditorChoices,
    update: ServerAction<UpdateConcept>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(_)));
    let text = concept.texts.first().map(|(_, t)| t.clone()).unwrap_or_default();
    let lang = concept.facts.original_locale.clone();
    view! {
        <FormErrors error />
        {move || saved().then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.saved)}</p> })}
        <ActionForm action=update>
            <input type="hidden" name="id" value=concept.id />
            <input type="hidden" name="version" value=concept.version />
            <div class="editor-grid">
                <TextFields text error lang original_select=false />
                <FactsFields choices facts=concept.facts error />
            </div>
            <button class="button" type="submit">{t!(i18n, staff.save)}</button>
        </ActionForm>
        <UnsavedWarning />
    }
}

#[component]
fn TranslationForm(
    concept: EditableConcept,
    locale: String,
    save: ServerAction<SaveTranslation>,
    delete: ServerAction<DeleteTranslation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let existing = concept.texts.iter().find(|(l, _)| *l == locale).map(|(_, t)| t.clone());
    let delete_locale = locale.clone();
    let written = existing.is_some();
    // A new translation starts as a draft; a written one keeps its state until changed here.
    let complete = written && !concept.drafts.contains(&locale);
    let error = Signal::derive(move || {
        save.value().get().and_then(Result::err).or_else(|| delete.value().get().and_then(Result::err))
    });
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    // The original beside the translation, to translate from.
    let (original_locale, original) = concept.texts.first().cloned().unwrap_or_default();
    view! {
        <FormErrors error />
        {move || saved().then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.saved)}</p> })}
        <details class="original-text">
            <summary>{t!(i18n, staff.show_original)}</summary>
            <div lang=original_locale.clone() dir=locale::parse(&original_locale).map(locale::dir_of)>
                <h2>{original.title}</h2>
                <p>{original.summary}</p>
            </div>
        </details>
        <ActionForm action=save>
            <input type="hidden" name="id" value=concept.id />
            <input type="hidden" name="version" value=concept.version />
            <input type="hidden" name="locale" value=locale.clone() />
            <TextFields text=existing.unwrap_or_default() error lang=locale.clone() original_select=false />
            <div class="field checkbox">
                <label>
                    <input type="checkbox" name="complete" value="on" checked=complete />
                    " " {t!(i18n, staff.translation_complete)}
                </label>
                <p class="hint">{t!(i18n, staff.translation_complete_hint)}</p>
            </div>
            <button class="button" type="submit">{t!(i18n, staff.save)}</button>
        </ActionForm>
        {written.then(|| view! {
            <ActionForm action=delete>
                <input type="hidden" name="id" value=concept.id />
                <input type="hidden" name="version" value=concept.version />
                <input type="hidden" name="locale" value=delete_locale />
                <button class="button danger" type="submit">{t!(i18n, staff.delete_translation)}</button>
            </ActionForm>
        })}
        <UnsavedWarning />
    }
}

/// Errors that are not about one field (conflict, session ended…).
#[component]
fn FormErrors(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().and_then(|e| {
            let message = match &e {
                AppError::Conflict => Some(t_string!(i18n, staff.conflict).to_owned()),
                AppError::Validation(_) => Some(t_string!(i18n, staff.fix_fields).to_owned()),
                other => form_message(i18n, other),
            };
            message.map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })
        })
    }
}

/// A text input or area in a `.field`, with its error.
#[component]
fn TextInput(
    name: &'static str,
    form_name: String,
    value: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] hint: Option<Signal<String>>,
    #[prop(default = false)] multiline: bool,
    #[prop(default = 4)] rows: u32,
    #[prop(optional, into)] lang: Option<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let message = move || error.get().and_then(|e| field_message(i18n, &e, name));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let ids: Vec<String> = [has_hint.then(|| hint_id.clone()), message().map(|_| error_id.clone())]
                .into_iter()
                .flatten()
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let dir = lang.as_deref().and_then(locale::parse).map(locale::dir_of);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {if multiline {
                view! {
                    <textarea id=id.clone() name=form_name rows=rows lang=lang.clone() dir=dir
                        aria-invalid=move || message().is_some().then_some("true") aria-describedby=described.clone()>{raw_text(&value)}</textarea>
                }.into_any()
            } else {
                view! {
                    <input id=id.clone() name=form_name value=value lang=lang.clone() dir=dir
                        aria-invalid=move || message().is_some().then_some("true") aria-describedby=described.clone() />
                }.into_any()
            }}
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {move || message().map(|m| view! { <p class="field-error" id=error_id.clone() role="alert">{m}</p> })}
        </div>
    }
}

/// Title, summary, objectives, beneficiaries and the Markdown body in one language.
#[component]
fn TextFields(text: TextForm, error: Signal<Option<AppError>>, lang: String, original_select: bool) -> impl IntoView {
    let i18n = use_i18n();
    let hydrated = use_hydrated();
    let (body, set_body) = signal(text.body.clone());
    let (show_preview, set_show_preview) = signal(false);
    // In the browser only, and only while the preview is open.
    let preview = LocalResource::new(move || {
        let (md, shown) = (body.get(), show_preview.get());
        async move { if !shown || md.trim().is_empty() { Ok(String::new()) } else { preview_markdown(md).await } }
    });
    let lang_for = lang.clone();
    let preview_lang = StoredValue::new(lang.clone());
    view! {
        <fieldset class="texts">
            <legend>{t!(i18n, staff.texts)}</legend>
            {original_select.then(|| view! {
                <div class="field">
                    <label for="f-original_locale">{t!(i18n, staff.original_language)}</label>
                    <select id="f-original_locale" name="facts[original_locale]">
                        {locale::UN_ORDER.iter().map(|l| {
                            let code = code_of(*l);
                            view! { <option value=code selected=code == lang_for>{native_name(*l)}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            <TextInput name="title" form_name="text[title]".into() value=text.title lang=lang.clone() error
                label=Signal::derive(move || t_string!(i18n, staff.title_label).to_owned()) />
            <TextInput name="summary" form_name="text[summary]".into() value=text.summary lang=lang.clone() error multiline=true rows=3
                label=Signal::derive(move || t_string!(i18n, staff.summary_label).to_owned()) />
            <TextInput name="objectives" form_name="text[objectives]".into() value=text.objectives lang=lang.clone() error multiline=true
                label=Signal::derive(move || t_string!(i18n, staff.objectives_label).to_owned()) />
            <TextInput name="beneficiaries" form_name="text[beneficiaries]".into() value=text.beneficiaries lang=lang.clone() error multiline=true rows=3
                label=Signal::derive(move || t_string!(i18n, staff.beneficiaries_label).to_owned()) />
            <div class="field">
                <label for="f-body">{t!(i18n, staff.body_label)}</label>
                <textarea id="f-body" name="text[body]" rows=12 lang=lang.clone() dir=locale::parse(&lang).map(locale::dir_of)
                    aria-describedby="f-body-hint"
                    on:input=move |ev| set_body.set(event_target_value(&ev))>{raw_text(&text.body)}</textarea>
                <p class="hint" id="f-body-hint">{t!(i18n, staff.body_hint)}</p>
                {move || error.get().and_then(|e| field_message(i18n, &e, "body")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <button type="button" class="button secondary" hidden=move || !hydrated.get()
                    aria-expanded=move || show_preview.get().to_string()
                    on:click=move |_| set_show_preview.update(|s| *s = !*s)>
                    {t!(i18n, staff.preview)}
                </button>
                <Show when=move || show_preview.get()>
                    <Transition fallback=|| ()>
                        {move || {
                            let lang = preview_lang.get_value();
                            Suspend::new(async move {
                                let html = preview.await.unwrap_or_default();
                                view! { <div class="prose preview" aria-live="polite" lang=lang inner_html=html></div> }
                            })
                        }}
                    </Transition>
                </Show>
            </div>
        </fieldset>
    }
}

/// Budget, dates, focal point and tags.
#[component]
fn FactsFields(choices: EditorChoices, facts: FactsForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let checkboxes = move |field: &'static str,
                           options: Vec<(String, String)>,
                           chosen: Vec<String>,
                           legend: Signal<String>| {
        let message = move || error.get().and_then(|e| field_message(i18n, &e, field));
        view! {
            <fieldset class="choices" aria-invalid=move || message().is_some().then_some("true")>
                <legend>{legend}</legend>
                {options.into_iter().map(|(code, name)| {
                    let checked = chosen.contains(&code);
                    let id = format!("f-{field}-{code}");
                    let label_for = id.clone();
                    view! {
                        <label for=label_for class="choice">
                            <input type="checkbox" id=id name=format!("facts[{field}][]") value=code checked=checked />
                            {name}
                        </label>
                    }
                }).collect_view()}
                {move || message().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </fieldset>
        }
    };
    let named = |list: &[crate::domain::concept::Named]| {
        list.iter().map(|n| (n.code.clone(), n.name.clone())).collect::<Vec<_>>()
    };
    let fixed = |codes: &[&str], label: fn(I18n, &str) -> String| {
        codes.iter().map(|c| ((*c).to_owned(), label(i18n, c))).collect::<Vec<_>>()
    };
    let group_label = |i18n: I18n, c: &str| {
        crate::domain::names::code_label(i18n, crate::domain::catalogue::FacetKind::Group, c).unwrap_or_default()
    };
    let contribution_label = |i18n: I18n, c: &str| {
        crate::domain::names::code_label(i18n, crate::domain::catalogue::FacetKind::Contribution, c).unwrap_or_default()
    };
    let chosen_countries = facts.countries.clone();
    let countries_message = move || error.get().and_then(|e| field_message(i18n, &e, "countries"));
    view! {
        <fieldset class="facts">
            <legend>{t!(i18n, staff.facts)}</legend>
            {checkboxes("areas", named(&choices.areas), facts.areas.clone(), Signal::derive(move || t_string!(i18n, staff.areas_label).to_owned()))}
            {checkboxes("regions", named(&choices.regions), facts.regions.clone(), Signal::derive(move || t_string!(i18n, staff.regions_label).to_owned()))}
            <div class="field">
                <label for="f-countries">{t!(i18n, staff.countries_label)}</label>
                <select id="f-countries" name="facts[countries][]" multiple size=8 aria-describedby="f-countries-hint">
                    {choices.countries.iter().map(|c| {
                        view! { <option value=c.code.clone() selected=chosen_countries.contains(&c.code)>{c.name.clone()}</option> }
                    }).collect_view()}
                </select>
                <p class="hint" id="f-countries-hint">{t!(i18n, staff.countries_hint)}</p>
                {move || countries_message().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            {checkboxes("groups", fixed(&["ldc", "lldc", "sids"], group_label), facts.groups.clone(), Signal::derive(move || t_string!(i18n, staff.groups_label).to_owned()))}
            {checkboxes("contributions", fixed(&["funding", "in_kind", "expertise"], contribution_label), facts.contributions.clone(), Signal::derive(move || t_string!(i18n, staff.contributions_label).to_owned()))}
            {checkboxes("sdgs", fixed(&crate::domain::editor::SDGS, crate::domain::names::sdg_name), facts.sdgs.clone(), Signal::derive(move || t_string!(i18n, staff.sdgs_label).to_owned()))}
            <TextInput name="budget" form_name="facts[budget]".into() value=facts.budget error
                label=Signal::derive(move || t_string!(i18n, staff.budget_label).to_owned())
                hint=Signal::derive(move || t_string!(i18n, staff.budget_hint).to_owned()) />
            <div class="two">
                <DateInput name="starts_on" value=facts.starts_on error label=Signal::derive(move || t_string!(i18n, staff.starts_label).to_owned()) />
                <DateInput name="ends_on" value=facts.ends_on error label=Signal::derive(move || t_string!(i18n, staff.ends_label).to_owned()) />
            </div>
            <TextInput name="focal_name" form_name="facts[focal_name]".into() value=facts.focal_name error
                label=Signal::derive(move || t_string!(i18n, staff.focal_name_label).to_owned()) />
            <TextInput name="focal_email" form_name="facts[focal_email]".into() value=facts.focal_email error
                label=Signal::derive(move || t_string!(i18n, staff.focal_email_label).to_owned()) />
            {(!facts.original_locale.is_empty()).then(|| view! { <input type="hidden" name="facts[original_locale]" value=facts.original_locale.clone() /> })}
        </fieldset>
    }
}

#[component]
fn DateInput(
    name: &'static str,
    value: String,
    error: Signal<Option<AppError>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let message = move || error.get().and_then(|e| field_message(i18n, &e, name));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input type="date" id=id name=format!("facts[{name}]") value=value aria-invalid=move || message().is_some().then_some("true") />
            {move || message().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}

/// Once hydrated: asks before leaving a page whose form has unsaved changes.
#[component]
fn UnsavedWarning() -> impl IntoView {
    Effect::new(move |_| {
        use leptos::wasm_bindgen::JsCast;
        let dirty = StoredValue::new(false);
        let on_input = window_event_listener(leptos::ev::input, move |ev| {
            if ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                .is_some_and(|el| el.closest("form").ok().flatten().is_some())
            {
                dirty.set_value(true);
            }
        });
        let on_submit = window_event_listener(leptos::ev::submit, move |_| dirty.set_value(false));
        let on_leave = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty.get_value() {
                ev.prevent_default();
            }
        });
        on_cleanup(move || {
            on_input.remove();
            on_submit.remove();
            on_leave.remove();
        });
    });
}
