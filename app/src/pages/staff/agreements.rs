//! `/{locale}/staff/agreements…`: the record of partnership agreements — the search with the
//! organisations table, a new agreement (blank, or filled from an expression of interest or
//! as an amendment), and an agreement's record: its terms over time, its state and
//! publicity, its edit form and its history.
use crate::api::agreements::{
    DeleteAgreement, DeleteAgreementDocument, ImportAgreements, MoveAgreement, PublishAgreement,
    PublishAgreementDocument, SaveAgreement, SaveAgreementTranslation, agreement_draft, load_agreement,
    staff_agreement_charts, staff_agreement_choices, staff_agreements,
};
use crate::api::staff::me;
use crate::components::agreement_charts::{Charts, Measure, counting_of};
use crate::components::agreement_search::{
    Coverage, Results, SearchForm, dollars, place_choices, query_of, value_texts,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::field::FormCells;
use crate::components::form_messages::{code_message, field_message, form_message, upload_message};
use crate::components::head::PageTitle;
use crate::components::history::History;
use crate::components::sign_in_redirect::staff_sign_in;
use crate::domain::agreement::{
    AgreementChoices, AgreementDocument, AgreementForm, AgreementKind, AgreementPage as Page, AgreementStatus,
    ContributionType, DocumentKind, ObligationKind, PartyRole, TransactionKind,
};
use crate::domain::agreement_sheet::ImportReport;
use crate::domain::format::file_size;
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::names::{
    I18n, agreement_kind_name, agreement_status_name, contribution_type_name, document_kind_name, obligation_kind_name,
    party_role_name, transaction_kind_name,
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

/// `/{locale}/staff/agreements`: every agreement, with filters and the organisations table.
#[component]
pub fn AgreementsStaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(query_of));
    let results =
        Resource::new(move || (i18n.get_locale(), query.get()), |(l, q)| staff_agreements(code_of(l).to_owned(), q));
    let choices = Resource::new(move || i18n.get_locale(), |l| staff_agreement_choices(code_of(l).to_owned()));
    let counting = Memo::new(move |_| params.with(|p| counting_of(p.get("counting"))));
    let measure = Memo::new(move |_| params.with(|p| Measure::parse(p.get("measure"))));
    let charts = Resource::new(
        move || (i18n.get_locale(), query.get(), counting.get()),
        |(l, q, c)| staff_agreement_charts(code_of(l).to_owned(), q, c),
    );
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, agreement.record_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "")>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, agreement.record_title)}</h1>
        <p class="hint">{t!(i18n, agreement.record_intro)}</p>
        <p class="staff-links">
            <a class="button" href=move || path(i18n, "agreements/new")>{t!(i18n, agreement.new_agreement)}</a>
            " " <a class="button secondary" href=move || path(i18n, "agreements/import")>{t!(i18n, agreement.import_title)}</a>
        </p>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || {
                // Read before the awaits: after them the request's owner may be gone.
                let (q, m, b) = (query.get(), measure.get(), path(i18n, "agreements"));
                Suspend::new(async move {
                    let choices = choices.await;
                    let charts = charts.await;
                    match (results.await, choices) {
                        (Ok(r), Ok(c)) => view! {
                            <SearchForm query=q.clone() choices=c staff=true action=b.clone() />
                            <Results results=r query=q.clone() base=b.clone() staff=true />
                            {charts.ok().map(|c| view! { <Charts charts=c query=q base=b measure=m public=false /> })}
                        }.into_any(),
                        (Err(AppError::Unauthorised), _) | (_, Err(AppError::Unauthorised)) => staff_sign_in(i18n, "agreements"),
                        (Err(e), _) | (_, Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// `/{locale}/staff/agreements/new`, blank, or `?interest=N` filled from an expression of
/// interest, or `?amends=YYYY-NNNN` as an amendment.
#[component]
pub fn NewAgreementPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let interest = query.with_untracked(|q| q.get("interest").and_then(|v| v.parse::<i64>().ok()));
    let amends = query.with_untracked(|q| q.get("amends")).filter(|r| crate::domain::agreement::is_reference(r));
    let save = ServerAction::<SaveAgreement>::new();
    let draft = Resource::new(
        move || interest,
        |interest| async move {
            match interest {
                Some(i) => agreement_draft(i).await,
                None => Ok(AgreementForm {
                    kind: "cooperation".into(),
                    original_locale: "en".into(),
                    agency_role: "accountable".into(),
                    contribution: "financial".into(),
                    ..Default::default()
                }),
            }
        },
    );
    let choices = Resource::new(move || i18n.get_locale(), |l| staff_agreement_choices(code_of(l).to_owned()));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, agreement.new_agreement), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "agreements")>{t!(i18n, agreement.record_title)}</a></p>
        <h1>{t!(i18n, agreement.new_agreement)}</h1>
        {interest.map(|i| view! { <p class="notice">{t!(i18n, agreement.from_interest)} " " <a href=move || path(i18n, &format!("interests/{i}"))>"#" {i}</a></p> })}
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || {
                let amends = amends.clone();
                Suspend::new(async move {
                    match (draft.await, choices.await) {
                        (Ok(mut form), Ok(c)) => {
                            if let Some(reference) = amends {
                                form.amends = reference;
                            }
                            view! { <Editor id=0 form choices=c save /> }.into_any()
                        }
                        (Err(AppError::Unauthorised), _) | (_, Err(AppError::Unauthorised)) => staff_sign_in(i18n, "agreements/new"),
                        (Err(e), _) | (_, Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// `/{locale}/staff/agreements/import`: a CSV file of agreements (the export's columns; a
/// template to start from) checked row by row, every row's errors listed, and stored only
/// once the whole file is clean.
#[component]
pub fn ImportAgreementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let check = ServerAction::<ImportAgreements>::new();
    let text = RwSignal::new(String::new());
    let read_error = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        read_file(ev, text, read_error);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, read_error);
    };
    let report = move || {
        check.value().get().map(|answer| match answer {
            Ok(r) => view! { <ImportReportView report=r text /> }.into_any(),
            Err(AppError::Unauthorised) => staff_sign_in(i18n, "agreements/import"),
            Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
        })
    };
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, agreement.import_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "agreements")>{t!(i18n, agreement.record_title)}</a></p>
        <h1>{t!(i18n, agreement.import_title)}</h1>
        <p class="hint">{t!(i18n, agreement.import_intro)}</p>
        <p class="staff-links">
            <a class="button secondary" href="/api/staff/agreement_template.csv" download="">{t!(i18n, agreement.import_template)}</a>
        </p>
        <ActionForm action=check attr:class="import-form">
            <div class="field">
                <label for="import-file">{t!(i18n, agreement.import_file)}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file aria-describedby="import-file-hint" />
                <p class="hint" id="import-file-hint">{t!(i18n, agreement.import_file_hint)}</p>
                {move || read_error.get().then(|| view! { <p class="field-error" role="alert">{t!(i18n, agreement.import_unreadable)}</p> })}
            </div>
            <div class="field">
                <label for="import-text">{t!(i18n, agreement.import_text)}</label>
                <textarea id="import-text" name="file" rows="8" dir="ltr" spellcheck="false"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </div>
            <input type="hidden" name="store" value="false" />
            <button type="submit" class="button" disabled=move || check.pending().get()>{t!(i18n, agreement.import_check)}</button>
        </ActionForm>
        {move || check.pending().get().then(|| view! { <p class="loading" role="status">{t!(i18n, agreement.import_checking)}</p> })}
        {report}
    }
}

/// Reads the chosen file into the text box (browser only).
#[cfg(feature = "hydrate")]
fn read_file(ev: leptos::ev::Event, text: RwSignal<String>, failed: RwSignal<bool>) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    use web_sys::{FileReader, HtmlInputElement};
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
    let Ok(reader) = FileReader::new() else { return };
    let done = reader.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || match done.result().ok().and_then(|r| r.as_string()) {
        Some(content) => {
            failed.set(false);
            text.set(content);
        }
        None => failed.set(true),
    });
    reader.set_onloadend(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    if reader.read_as_text(&file).is_err() {
        failed.set(true);
    }
}

/// What a check found: the file's problems, every row with errors, or the button that
/// stores the clean file; after storing, the references given.
#[component]
fn ImportReportView(report: ImportReport, text: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let store = ServerAction::<ImportAgreements>::new();
    let stored = move || store.value().get();
    if report.stored {
        let first = report.references.first().cloned().unwrap_or_default();
        let last = report.references.last().cloned().unwrap_or_default();
        return view! {
            <div class="notice success" role="status">
                <p>{t!(i18n, agreement.import_stored)} ": " <strong>{report.references.len()}</strong> " (" <span dir="ltr">{first} " – " {last}</span> ")"</p>
                <p><a href=move || path(i18n, "agreements")>{t!(i18n, agreement.record_title)}</a></p>
            </div>
        }
        .into_any();
    }
    let clean = report.clean();
    let rows = report.rows;
    let problems = report.problems.clone();
    view! {
        <section class="import-report" aria-labelledby="import-report-heading">
            <h2 id="import-report-heading">{t!(i18n, agreement.import_report)}</h2>
            <p role="status">{t!(i18n, agreement.import_rows)} ": " <strong>{rows}</strong>
                " · " {t!(i18n, agreement.import_bad_rows)} ": " <strong>{problems.len()}</strong></p>
            {(!report.unknown_columns.is_empty()).then(|| view! {
                <p class="field-error" role="alert">{t!(i18n, agreement.import_unknown_columns)} ": "
                    <span dir="ltr">{report.unknown_columns.join(", ")}</span></p>
            })}
            {report.too_many.then(|| view! { <p class="field-error" role="alert">{t!(i18n, agreement.import_too_many)}</p> })}
            {(rows == 0).then(|| view! { <p class="empty">{t!(i18n, agreement.import_empty)}</p> })}
            {(!problems.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="inbox import-problems">
                        <caption class="visually-hidden">{t!(i18n, agreement.import_report)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, agreement.import_line)}</th>
                            <th scope="col">{t!(i18n, agreement.title)}</th>
                            <th scope="col">{t!(i18n, agreement.import_errors)}</th>
                        </tr></thead>
                        <tbody>
                            {problems.into_iter().map(|p| view! {
                                <tr>
                                    <th scope="row">{p.line}</th>
                                    <td dir="auto">{p.title}</td>
                                    <td><ul class="plain">
                                        {p.errors.into_iter().map(|e| view! {
                                            <li><code dir="ltr">{e.field}</code> " — " {code_message(i18n, e.code)}</li>
                                        }).collect_view()}
                                    </ul></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {clean.then(|| view! {
                <p class="notice">{t!(i18n, agreement.import_clean)}</p>
                <ActionForm action=store>
                    <input type="hidden" name="file" prop:value=move || text.get() />
                    <input type="hidden" name="store" value="true" />
                    <button type="submit" class="button" disabled=move || store.pending().get()>
                        {t!(i18n, agreement.import_store)} " (" {rows} ")"
                    </button>
                </ActionForm>
            })}
            {move || stored().map(|answer| match answer {
                Ok(r) => view! { <ImportReportView report=r text /> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}
        </section>
    }
    .into_any()
}

/// `/{locale}/staff/agreements/{id}`.
#[component]
pub fn AgreementStaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let save = ServerAction::<SaveAgreement>::new();
    let moves = ServerAction::<MoveAgreement>::new();
    let publish = ServerAction::<PublishAgreement>::new();
    let delete = ServerAction::<DeleteAgreement>::new();
    let translate = ServerAction::<SaveAgreementTranslation>::new();
    let documents = DocumentActions {
        publish: ServerAction::<PublishAgreementDocument>::new(),
        delete: ServerAction::<DeleteAgreementDocument>::new(),
    };
    let page = Resource::new(
        move || {
            let changes =
                (save.version().get(), moves.version().get(), publish.version().get(), translate.version().get());
            (id(), i18n.get_locale(), changes, documents.publish.version().get(), documents.delete.version().get())
        },
        |(id, locale, ..)| load_agreement(id, code_of(locale).to_owned()),
    );
    let choices = Resource::new(move || i18n.get_locale(), |l| staff_agreement_choices(code_of(l).to_owned()));
    let member = Resource::new(|| (), |()| me());
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, agreement.record_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "agreements")>{t!(i18n, agreement.record_title)}</a></p>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let role = member.await.ok().flatten().map(|m| m.role);
                match (page.await, choices.await) {
                    (Ok(p), Ok(c)) => view! { <Record page=p choices=c role save moves publish delete translate documents /> }.into_any(),
                    (Err(AppError::Unauthorised), _) | (_, Err(AppError::Unauthorised)) => {
                        staff_sign_in(i18n, &format!("agreements/{}", id()))
                    }
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What a publisher does with an agreement's documents.
#[derive(Clone, Copy)]
struct DocumentActions {
    publish: ServerAction<PublishAgreementDocument>,
    delete: ServerAction<DeleteAgreementDocument>,
}

/// An agreement's documents (staff-only unless public) and the form that adds one: a plain
/// multipart post to the upload route, which answers with this page again.
#[component]
fn Documents(agreement: i64, list: Vec<AgreementDocument>, publisher: bool, actions: DocumentActions) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("documents").is_some());
    let refused = query.with_untracked(|q| q.get("documents_error"));
    let error = Signal::derive(move || {
        actions
            .publish
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| actions.delete.value().get().and_then(Result::err))
    });
    let kinds: Vec<(String, String)> =
        DocumentKind::ALL.iter().map(|k| (k.code().to_owned(), document_kind_name(i18n, *k).to_owned())).collect();
    view! {
        <section id="documents" aria-labelledby="documents-heading">
            <h2 id="documents-heading">{t!(i18n, agreement.documents)}</h2>
            {saved.then(|| view! { <p class="notice success" role="status">{t!(i18n, agreement.document_saved)}</p> })}
            {refused.map(|code| view! { <p class="notice notice-error" role="alert">{upload_message(i18n, &code)}</p> })}
            {move || error.get().and_then(|e| form_message(i18n, &e)).map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            {if list.is_empty() {
                view! { <p class="empty">{t!(i18n, agreement.no_documents)}</p> }.into_any()
            } else {
                view! {
                    <ul class="linked documents">
                        {list.into_iter().map(|d| {
                            let doc = d.id;
                            let public = d.public;
                            view! {
                                <li>
                                    <a href=d.url.clone() dir="auto">{d.title.clone()}</a>
                                    " · " {document_kind_name(i18n, d.kind)}
                                    " · " {file_size(i18n.get_locale(), d.byte_size)}
                                    " · " {if public {
                                        view! { <span class="badge">{t!(i18n, agreement.public)}</span> }.into_any()
                                    } else {
                                        view! { <span class="badge confidential">{t!(i18n, agreement.staff_only)}</span> }.into_any()
                                    }}
                                    {publisher.then(|| view! {
                                        <span class="document-actions">
                                            <ActionForm action=actions.publish>
                                                <input type="hidden" name="id" value=doc />
                                                <input type="hidden" name="public" value={if public { "false" } else { "true" }} />
                                                <button class="button secondary small" type="submit">{if public { t_string!(i18n, agreement.make_confidential) } else { t_string!(i18n, agreement.make_public) }}</button>
                                            </ActionForm>
                                            <ActionForm action=actions.delete>
                                                <input type="hidden" name="id" value=doc />
                                                <button class="button secondary small" type="submit">{t!(i18n, agreement.document_remove)}</button>
                                            </ActionForm>
                                        </span>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="document-upload" method="post" enctype="multipart/form-data"
                action=format!("/api/staff/agreements/{agreement}/documents")>
                <input type="hidden" name="lang" value=move || code_of(i18n.get_locale()) />
                <div class="line">
                    <div class="field">
                        <label for="doc-kind">{t!(i18n, agreement.document_kind)}</label>
                        <select id="doc-kind" name="kind">
                            {kinds.into_iter().map(|(code, text)| view! { <option value=code>{text}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="doc-title">{t!(i18n, agreement.document_title)}</label>
                        <input id="doc-title" name="title" maxlength="200" dir="auto" aria-describedby="doc-title-hint" />
                        <p class="hint" id="doc-title-hint">{t!(i18n, agreement.document_title_hint)}</p>
                    </div>
                    <div class="field">
                        <label for="doc-file">{t!(i18n, agreement.document_file)}</label>
                        <input id="doc-file" name="file" type="file" accept="application/pdf,.pdf" required />
                    </div>
                </div>
                <button class="button" type="submit">{t!(i18n, agreement.document_add)}</button>
            </form>
        </section>
    }
}

/// The title and summary in the six languages: which exist, and a form for each language
/// but the original (which the edit form changes). Empty both fields to remove one.
#[component]
fn Translations(
    id: i64,
    original: String,
    list: Vec<(String, String, String)>,
    editable: bool,
    save: ServerAction<SaveAgreementTranslation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let done = list.iter().filter(|(l, _, _)| *l != original).count();
    view! {
        <section id="translations" aria-labelledby="translations-heading">
            <h2 id="translations-heading">{t!(i18n, agreement.translations_title)} " " <span class="badge">{done + 1} " / 6"</span></h2>
            <p class="hint">{t!(i18n, agreement.translations_intro)}</p>
            <ul class="translations">
                {locale::UN_ORDER.into_iter().map(|l| {
                    let code = code_of(l);
                    let existing = list.iter().find(|(c, _, _)| c == code).cloned();
                    let state = if code == original {
                        t_string!(i18n, agreement.translation_original)
                    } else if existing.is_some() {
                        t_string!(i18n, agreement.translation_done)
                    } else {
                        t_string!(i18n, agreement.translation_missing)
                    };
                    let form = (editable && code != original).then(|| {
                        let (title, summary) = existing.clone().map(|(_, t, s)| (t, s)).unwrap_or_default();
                        let mine = move || save.input().get().is_some_and(|i| i.language == code);
                        let error = Signal::derive(move || if mine() { save.value().get().and_then(Result::err) } else { None });
                        let saved = move || mine() && matches!(save.value().get(), Some(Ok(())));
                        let dir = if code == "ar" { "rtl" } else { "ltr" };
                        view! {
                            <details>
                                <summary>{t!(i18n, agreement.translation_edit)} " " {native_name(l)}</summary>
                                <ActionForm action=save attr:class="translation-form">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="language" value=code />
                                    <div class="field">
                                        <label for=format!("tr-{code}-title")>{t!(i18n, agreement.title)}</label>
                                        <input id=format!("tr-{code}-title") name="title" value=title maxlength="300" lang=code dir=dir
                                            aria-invalid=move || error.get().and_then(|e| field_message(i18n, &e, "title")).is_some().then_some("true") />
                                        {move || error.get().and_then(|e| field_message(i18n, &e, "title")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                    </div>
                                    <div class="field">
                                        <label for=format!("tr-{code}-summary")>{t!(i18n, agreement.summary)}</label>
                                        <textarea id=format!("tr-{code}-summary") name="summary" rows="4" maxlength="5000" lang=code dir=dir>{summary}</textarea>
                                        {move || error.get().and_then(|e| field_message(i18n, &e, "summary")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                    </div>
                                    {move || error.get().and_then(|e| field_message(i18n, &e, "locale").or_else(|| form_message(i18n, &e))).map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                                    {move || saved().then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, agreement.translation_saved)}</p> })}
                                    <p class="hint">{t!(i18n, agreement.translation_remove_hint)}</p>
                                    <button class="button secondary" type="submit">{t!(i18n, agreement.translation_save)}</button>
                                </ActionForm>
                            </details>
                        }
                    });
                    view! {
                        <li lang=code>
                            <strong>{native_name(l)}</strong> " · " <span>{state}</span>
                            {form}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Record(
    page: Page,
    choices: AgreementChoices,
    role: Option<Role>,
    save: ServerAction<SaveAgreement>,
    moves: ServerAction<MoveAgreement>,
    publish: ServerAction<PublishAgreement>,
    delete: ServerAction<DeleteAgreement>,
    translate: ServerAction<SaveAgreementTranslation>,
    documents: DocumentActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = page.record.clone();
    let id = r.id;
    let publisher = role.is_some_and(|x| x.includes(Role::Publisher));
    let admin = role.is_some_and(|x| x.includes(Role::Admin));
    let editable = publisher || r.status == AgreementStatus::Draft;
    let move_error = Signal::derive(move || moves.value().get().and_then(Result::err));
    let value_text = r.value.as_ref().map(|v| value_texts(i18n, v));
    let lang = locale::parse(&r.original_locale).map(native_name).unwrap_or_default();
    let status = r.status;
    let public = r.public;
    let reference = r.reference.clone();
    let currency = r.value.as_ref().map(|v| v.currency.clone()).unwrap_or_default();
    view! {
        <h1 dir="auto">{r.title.clone()}</h1>
        <p class="hint">
            {t!(i18n, agreement.reference)} " " <strong dir="ltr">{reference.clone()}</strong>
            " · " <span class=format!("stage agreement-{}", status.code())>{agreement_status_name(i18n, status)}</span>
            " · " {if public {
                view! { <span class="badge">{t!(i18n, agreement.public)}</span> }.into_any()
            } else {
                view! { <span class="badge confidential">{t!(i18n, agreement.staff_only)}</span> }.into_any()
            }}
            {r.demo.then(|| view! { " · " <span class="badge">{t!(i18n, organisation.demo)}</span> })}
        </p>
        {r.amends.clone().map(|(aid, aref)| view! {
            <p class="notice">{t!(i18n, agreement.amends)} " " <a href=move || path(i18n, &format!("agreements/{aid}")) dir="ltr">{aref.clone()}</a></p>
        })}
        <div class="interest-layout">
            <section aria-labelledby="facts-heading">
                <h2 id="facts-heading">{t!(i18n, agreement.facts)}</h2>
                <dl class="partner-facts">
                    <dt>{t!(i18n, agreement.kind)}</dt><dd>{agreement_kind_name(i18n, r.kind)}</dd>
                    <dt>{t!(i18n, agreement.original_locale)}</dt><dd>{lang}</dd>
                    <dt>{t!(i18n, agreement.agency_role)}</dt>
                    <dd>{party_role_name(i18n, r.agency_role)} {r.agency_signed_on.clone().map(|d| view! { " · " {t!(i18n, agreement.signed)} " " <span dir="ltr">{d}</span> })}</dd>
                    <dt>{t!(i18n, agreement.period)}</dt>
                    <dd dir="ltr">{r.effective_on.clone().unwrap_or_else(|| "…".into())} " – " {r.expires_on.clone().unwrap_or_else(|| "…".into())}</dd>
                    <dt>{t!(i18n, agreement.signed_on)}</dt><dd dir="ltr">{r.signed_on.clone().unwrap_or_else(|| t_string!(i18n, agreement.not_signed).to_owned())}</dd>
                    <dt>{t!(i18n, agreement.contribution)}</dt><dd>{contribution_type_name(i18n, r.contribution)}</dd>
                    <dt>{t!(i18n, agreement.value)}</dt>
                    <dd>{match value_text.clone() {
                        Some((original, usd)) => view! { <span>{original}</span> {(!usd.is_empty()).then(|| view! { " · " <span>{usd}</span> })} }.into_any(),
                        None => view! { <span>{t!(i18n, agreement.no_value)}</span> }.into_any(),
                    }}</dd>
                    {r.concept.clone().map(|(_, slug, title)| view! {
                        <dt>{t!(i18n, agreement.concept)}</dt>
                        <dd><a href=move || format!("/{}/concepts/{slug}", code_of(i18n.get_locale())) dir="auto">{title.clone()}</a></dd>
                    })}
                    {r.interest.map(|i| view! {
                        <dt>{t!(i18n, agreement.interest)}</dt>
                        <dd><a href=move || path(i18n, &format!("interests/{i}"))>"#" {i}</a></dd>
                    })}
                </dl>
                {(!r.summary.is_empty()).then(|| view! { <p class="summary" dir="auto">{r.summary.clone()}</p> })}
                <h3>{t!(i18n, agreement.parties)}</h3>
                <ul class="linked">
                    {r.parties.iter().map(|p| {
                        let org = p.organisation;
                        view! {
                            <li>
                                <a href=move || path(i18n, &format!("organisations/{org}")) dir="auto">{p.name.clone()}</a>
                                {p.acronym.clone().map(|a| view! { " (" {a} ")" })}
                                " · " {party_role_name(i18n, p.role)}
                                {p.signed_on.clone().map(|d| view! { " · " {t!(i18n, agreement.signed)} " " <span dir="ltr">{d}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <Coverage areas=r.areas.clone() places=r.places.clone() transactions=r.transactions.clone() currency=currency.clone() />
                {(!r.obligations.is_empty()).then(|| view! {
                    <h3>{t!(i18n, agreement.obligations)}</h3>
                    <ul class="linked">
                        {r.obligations.iter().map(|o| view! {
                            <li>{obligation_kind_name(i18n, o.kind)} " · " <span dir="ltr">{o.due_on.clone()}</span>
                                {o.owner.clone().map(|(_, name)| view! { " · " {name} })}
                                {o.reminded_at.map(|_| view! { " · " {t!(i18n, agreement.reminded)} })}</li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section aria-labelledby="terms-heading">
                <h2 id="terms-heading">{t!(i18n, agreement.terms_title)}</h2>
                {if page.terms.is_empty() {
                    view! { <p class="hint">{t!(i18n, agreement.terms_on_original)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="timeline">
                            {page.terms.iter().map(|s| {
                                let sid = s.id;
                                let parties = s.parties.iter().map(|p| p.1.clone()).collect::<Vec<_>>().join(", ");
                                view! {
                                    <li>
                                        <a href=move || path(i18n, &format!("agreements/{sid}")) dir="ltr">{s.reference.clone()}</a>
                                        " · " <span dir="ltr">{s.signed_on.clone().unwrap_or_else(|| "…".into())}</span>
                                        " · " {agreement_status_name(i18n, s.status)}
                                        <br />{t!(i18n, agreement.value_after)} ": " <strong>{dollars(i18n, s.usd_cents)}</strong>
                                        " · " {t!(i18n, agreement.expires_after)} ": " <span dir="ltr">{s.expires_on.clone().unwrap_or_else(|| "…".into())}</span>
                                        <br /><span dir="auto">{parties}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {r.amends.is_none().then(|| {
                    let href = path(i18n, &format!("agreements/new?amends={}", reference));
                    view! { <p><a class="button secondary" href=href>{t!(i18n, agreement.record_amendment)}</a></p> }
                })}
                {publisher.then(|| view! {
                    <h2>{t!(i18n, agreement.state_title)}</h2>
                    <div class="stage-moves">
                        {status.moves().iter().map(|to| {
                            let to = *to;
                            view! {
                                <ActionForm action=moves>
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="status" value=to.code() />
                                    <button class="button secondary" type="submit">{t!(i18n, agreement.move_to)} " " {agreement_status_name(i18n, to)}</button>
                                </ActionForm>
                            }
                        }).collect_view()}
                    </div>
                    {move || move_error.get().map(|e| {
                        let text = match &e {
                            AppError::Validation(fields) if fields.iter().any(|f| f.field.contains("signed")) => t_string!(i18n, agreement.needs_signatures).to_owned(),
                            other => form_message(i18n, other).unwrap_or_default(),
                        };
                        view! { <p class="notice notice-error" role="alert">{text}</p> }
                    })}
                    <ActionForm action=publish>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="public" value={if public { "false" } else { "true" }} />
                        <button class="button secondary" type="submit">{if public { t_string!(i18n, agreement.make_confidential) } else { t_string!(i18n, agreement.make_public) }}</button>
                    </ActionForm>
                })}
            </section>
        </div>
        <Translations id original=r.original_locale.clone() list=page.translations.clone() editable save=translate />
        <Documents agreement=id list=page.documents.clone() publisher actions=documents />
        {(!page.amendments.is_empty()).then(|| view! {
            <section aria-labelledby="amendments-heading">
                <h2 id="amendments-heading">{t!(i18n, agreement.amendments)}</h2>
                <ul class="linked">
                    {page.amendments.iter().map(|a| {
                        let aid = a.id;
                        view! { <li><a href=move || path(i18n, &format!("agreements/{aid}")) dir="ltr">{a.reference.clone()}</a> " · " <span dir="auto">{a.title.clone()}</span> " · " {agreement_status_name(i18n, a.status)}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        {if editable {
            view! {
                <section aria-labelledby="edit-heading">
                    <h2 id="edit-heading">{t!(i18n, agreement.edit)}</h2>
                    <Editor id form=r.form(2) choices save />
                </section>
            }.into_any()
        } else {
            view! { <p class="hint">{t!(i18n, agreement.publisher_edits)}</p> }.into_any()
        }}
        <History entries=page.history.clone() />
        {admin.then(|| view! {
            <section class="data-rights" aria-labelledby="delete-heading">
                <h2 id="delete-heading">{t!(i18n, agreement.delete_title)}</h2>
                <p class="hint">{t!(i18n, agreement.delete_hint)}</p>
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=id />
                    <label class="choice"><input type="checkbox" required /> {t!(i18n, agreement.delete_confirm)}</label>
                    <button class="button danger" type="submit">{t!(i18n, agreement.delete_button)}</button>
                </ActionForm>
                {move || matches!(delete.value().get(), Some(Ok(()))).then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, agreement.deleted)}</p> })}
            </section>
        })}
    }
}

/// The agreement form (`id` 0: a new one). Lines are rows of fields; blank rows are ignored,
/// so a plain form can add a party or a place by filling the next row.
#[component]
fn Editor(id: i64, form: AgreementForm, choices: AgreementChoices, save: ServerAction<SaveAgreement>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let cells = FormCells { i18n, error, prefix: "a" };
    let with_blank = |mut v: Vec<(String, String)>| {
        v.insert(0, (String::new(), "—".to_owned()));
        v
    };
    let f = if form.party_org.is_empty() {
        // A new form starts with a few blank lines of each kind.
        let mut f = form;
        let grow = |v: &mut Vec<String>, n: usize| {
            if v.len() < n {
                v.resize(n, String::new());
            }
        };
        for v in [&mut f.party_org, &mut f.party_role, &mut f.party_signed] {
            grow(v, 3);
        }
        for v in [
            &mut f.area,
            &mut f.area_share,
            &mut f.place,
            &mut f.place_share,
            &mut f.tx_kind,
            &mut f.tx_on,
            &mut f.tx_amount,
        ] {
            grow(v, 3);
        }
        for v in [&mut f.ob_kind, &mut f.ob_due, &mut f.ob_owner, &mut f.ob_remind] {
            grow(v, 2);
        }
        f
    } else {
        let mut f = form;
        let n = f.party_org.len() + 1;
        for v in [&mut f.party_org, &mut f.party_role, &mut f.party_signed] {
            v.resize(n, String::new());
        }
        for v in [&mut f.area, &mut f.area_share, &mut f.place, &mut f.place_share] {
            if v.len() < 3 {
                v.resize(3, String::new());
            }
        }
        f
    };
    let kinds =
        AgreementKind::ALL.iter().map(|k| (k.code().to_owned(), agreement_kind_name(i18n, *k).to_owned())).collect();
    let roles: Vec<(String, String)> =
        PartyRole::ALL.iter().map(|r| (r.code().to_owned(), party_role_name(i18n, *r).to_owned())).collect();
    let contributions = ContributionType::ALL
        .iter()
        .map(|c| (c.code().to_owned(), contribution_type_name(i18n, *c).to_owned()))
        .collect();
    let languages =
        crate::domain::locale::UN_ORDER.iter().map(|l| (code_of(*l).to_owned(), native_name(*l).to_owned())).collect();
    let areas: Vec<(String, String)> = choices.areas.iter().map(|n| (n.code.clone(), n.name.clone())).collect();
    let places = place_choices(i18n, &choices);
    let tx_kinds: Vec<(String, String)> = TransactionKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), transaction_kind_name(i18n, *k).to_owned()))
        .collect();
    let ob_kinds: Vec<(String, String)> =
        ObligationKind::ALL.iter().map(|k| (k.code().to_owned(), obligation_kind_name(i18n, *k).to_owned())).collect();
    let staff: Vec<(String, String)> = choices.staff.iter().map(|(i, n)| (i.to_string(), n.clone())).collect();
    let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
    let party_rows = (0..f.party_org.len()).map(|i| view! {
        <div class="line">
            {cells.cell_input("party_org", i, t_string!(i18n, agreement.party_number).to_owned(), at(&f.party_org, i), "narrow")}
            {cells.cell_select("party_role", i, t_string!(i18n, agreement.role).to_owned(), at(&f.party_role, i), roles.clone())}
            {cells.cell_input("party_signed", i, t_string!(i18n, agreement.signed_date).to_owned(), at(&f.party_signed, i), "narrow")}
        </div>
    }).collect_view();
    let area_rows = (0..f.area.len()).map(|i| view! {
        <div class="line">
            {cells.cell_select("area", i, t_string!(i18n, agreement.area).to_owned(), at(&f.area, i), with_blank(areas.clone()))}
            {cells.cell_input("area_share", i, t_string!(i18n, agreement.share).to_owned(), at(&f.area_share, i), "narrow")}
        </div>
    }).collect_view();
    let place_rows = (0..f.place.len()).map(|i| view! {
        <div class="line">
            {cells.cell_select("place", i, t_string!(i18n, agreement.place).to_owned(), at(&f.place, i), with_blank(places.clone()))}
            {cells.cell_input("place_share", i, t_string!(i18n, agreement.share).to_owned(), at(&f.place_share, i), "narrow")}
        </div>
    }).collect_view();
    let tx_rows = (0..f.tx_on.len()).map(|i| view! {
        <div class="line">
            {cells.cell_select("tx_kind", i, t_string!(i18n, agreement.tx_kind).to_owned(), at(&f.tx_kind, i), tx_kinds.clone())}
            {cells.cell_input("tx_on", i, t_string!(i18n, agreement.tx_date).to_owned(), at(&f.tx_on, i), "narrow")}
            {cells.cell_input("tx_amount", i, t_string!(i18n, agreement.tx_amount).to_owned(), at(&f.tx_amount, i), "narrow")}
        </div>
    }).collect_view();
    let ob_rows = (0..f.ob_due.len()).map(|i| view! {
        <div class="line">
            {cells.cell_select("ob_kind", i, t_string!(i18n, agreement.ob_kind).to_owned(), at(&f.ob_kind, i), ob_kinds.clone())}
            {cells.cell_input("ob_due", i, t_string!(i18n, agreement.ob_due).to_owned(), at(&f.ob_due, i), "narrow")}
            {cells.cell_select("ob_owner", i, t_string!(i18n, agreement.ob_owner).to_owned(), at(&f.ob_owner, i), with_blank(staff.clone()))}
            {cells.cell_input("ob_remind", i, t_string!(i18n, agreement.ob_remind).to_owned(), at(&f.ob_remind, i), "narrow")}
        </div>
    }).collect_view();
    let date_hint = Some(t_string!(i18n, organisation.date_hint).to_owned());
    view! {
        <ActionForm action=save attr:class="agreement-form">
            <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="form[concept]" value=f.concept.clone() />
            <input type="hidden" name="form[interest]" value=f.interest.clone() />
            <fieldset>
                <legend>{t!(i18n, agreement.about)}</legend>
                {cells.choice("kind", t_string!(i18n, agreement.kind).to_owned(), f.kind.clone(), kinds)}
                {cells.choice("original_locale", t_string!(i18n, agreement.original_locale).to_owned(), f.original_locale.clone(), languages)}
                {cells.text("title", t_string!(i18n, agreement.title).to_owned(), f.title.clone(), None, "text")}
                <div class="field">
                    <label for="a-summary">{t!(i18n, agreement.summary)}</label>
                    <textarea id="a-summary" name="form[summary]" rows="4" dir="auto">{f.summary.clone()}</textarea>
                    {cells.error_line("summary")}
                </div>
                {cells.text("amends", t_string!(i18n, agreement.amends_reference).to_owned(), f.amends.clone(), Some(t_string!(i18n, agreement.amends_hint).to_owned()), "text")}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, agreement.parties)}</legend>
                <p class="hint">{t!(i18n, agreement.parties_hint)}</p>
                {cells.choice("agency_role", t_string!(i18n, agreement.agency_role).to_owned(), f.agency_role.clone(), roles.clone())}
                {cells.text("agency_signed_on", t_string!(i18n, agreement.agency_signed_on).to_owned(), f.agency_signed_on.clone(), date_hint.clone(), "text")}
                {party_rows}
                {cells.error_line("parties")}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, agreement.dates_and_value)}</legend>
                {cells.text("effective_on", t_string!(i18n, agreement.effective_on).to_owned(), f.effective_on.clone(), date_hint.clone(), "text")}
                {cells.text("expires_on", t_string!(i18n, agreement.expires_on).to_owned(), f.expires_on.clone(), date_hint.clone(), "text")}
                {cells.choice("contribution", t_string!(i18n, agreement.contribution).to_owned(), f.contribution.clone(), contributions)}
                {cells.text("currency", t_string!(i18n, agreement.currency).to_owned(), f.currency.clone(), Some(t_string!(i18n, agreement.currency_hint).to_owned()), "text")}
                {cells.text("value", t_string!(i18n, agreement.value).to_owned(), f.value.clone(), None, "text")}
                {cells.text("usd_rate", t_string!(i18n, agreement.usd_rate).to_owned(), f.usd_rate.clone(), Some(t_string!(i18n, agreement.usd_rate_hint).to_owned()), "text")}
                {cells.text("rate_on", t_string!(i18n, agreement.rate_on).to_owned(), f.rate_on.clone(), date_hint.clone(), "text")}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, agreement.areas)}</legend>
                <label class="choice"><input type="checkbox" name="form[areas_whole]" value="on" checked={!f.areas_whole.is_empty()} /> {t!(i18n, agreement.whole_to_each_box)}</label>
                {area_rows}
                {cells.error_line("area_share")}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, agreement.places)}</legend>
                <label class="choice"><input type="checkbox" name="form[places_whole]" value="on" checked={!f.places_whole.is_empty()} /> {t!(i18n, agreement.whole_to_each_box)}</label>
                {place_rows}
                {cells.error_line("place_share")}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, agreement.transactions)}</legend>
                {tx_rows}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, agreement.obligations)}</legend>
                <p class="hint">{t!(i18n, agreement.obligations_hint)}</p>
                {ob_rows}
            </fieldset>
            {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).and_then(|e| form_message(i18n, &e))
                .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            {move || error.get().filter(|e| matches!(e, AppError::Validation(_)))
                .map(|_| view! { <p class="notice notice-error" role="alert">{t!(i18n, staff.fix_fields)}</p> })}
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.saved)}</p> })}
            <button class="button" type="submit">{if id == 0 { t_string!(i18n, staff.create) } else { t_string!(i18n, staff.save) }}</button>
        </ActionForm>
    }
}
