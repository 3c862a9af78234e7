//! The editor's media section: the concept's documents and videos in page order, each with
//! rename, move, replace and remove; an upload form; an external video form.
//!
//! Uploads are plain multipart forms that work without JavaScript (the server answers with a
//! redirect back here). Once hydrated, the form checks the size first and sends the file in
//! the background with a progress bar, then refreshes the list in place.
use crate::api::media::{AddVideoLink, MoveMedium, RemoveMedium, RenameMedium};
use crate::components::form_messages::{code_message, error_message, form_message, upload_message};
use crate::domain::format::file_size;
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::media::{Limits, MediaKind, MediumItem};
use crate::domain::names::I18n;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The media section; `changed` is bumped after every change (the history listens).
#[component]
pub fn MediaManager(
    concept_id: i64,
    limits: Limits,
    changed: RwSignal<u32>,
    uploaded: RwSignal<u32>,
    media: Resource<Result<Vec<MediumItem>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let rename = ServerAction::<RenameMedium>::new();
    let move_medium = ServerAction::<MoveMedium>::new();
    let remove = ServerAction::<RemoveMedium>::new();
    let link = ServerAction::<AddVideoLink>::new();
    Effect::new(move |_| {
        let versions =
            (rename.version().get(), move_medium.version().get(), remove.version().get(), link.version().get());
        if versions != (0, 0, 0, 0) {
            changed.update(|n| *n += 1);
        }
    });
    // After a plain form post, the server's answer comes back in the address.
    let outcome =
        move || {
            query.with(|q| {
                if let Some(code) = q.get("media_error") { Some(Err(code)) } else { q.get("media").map(|_| Ok(())) }
            })
        };
    let action_error = Signal::derive(move || {
        [rename.value().get(), move_medium.value().get(), remove.value().get()]
            .into_iter()
            .flatten()
            .find_map(Result::err)
    });
    view! {
        <section id="media" class="media-manager" aria-labelledby="media-heading">
            <h2 id="media-heading">{t!(i18n, staff.media_heading)}</h2>
            {move || outcome().map(|o| match o {
                Ok(()) => view! { <p class="notice notice-success" role="status">{t!(i18n, staff.media_saved)}</p> }.into_any(),
                Err(code) => view! { <p class="notice notice-error" role="alert">{upload_message(i18n, &code)}</p> }.into_any(),
            })}
            {move || action_error.get().map(|e| view! { <p class="notice notice-error" role="alert">{error_message(i18n, &e)}</p> })}
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match media.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{t!(i18n, staff.media_empty)}</p> }.into_any(),
                        Ok(items) => {
                            let last = items.len() - 1;
                            view! {
                                <ol class="media-items">
                                    {items.into_iter().enumerate().map(|(i, item)| view! {
                                        <MediumRow item first=i == 0 last=i == last concept_id limits uploaded rename move_medium remove />
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }
                        Err(e) => view! { <p class="notice notice-error" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <h3>{t!(i18n, staff.media_upload_heading)}</h3>
            <UploadForm concept_id limits uploaded replace=None />
            <h3>{t!(i18n, staff.media_link_heading)}</h3>
            <LinkForm concept_id link />
        </section>
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
fn MediumRow(
    item: MediumItem,
    first: bool,
    last: bool,
    concept_id: i64,
    limits: Limits,
    uploaded: RwSignal<u32>,
    rename: ServerAction<RenameMedium>,
    move_medium: ServerAction<MoveMedium>,
    remove: ServerAction<RemoveMedium>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = MediaKind::parse(&item.kind);
    let kind_name = move || kind.map(|k| kind_label(i18n, k)).unwrap_or_default();
    let id = item.id;
    let title_id = format!("medium-{id}-title");
    let locale_id = format!("medium-{id}-locale");
    let size = item.byte_size.map(|b| file_size(i18n.get_locale_untracked(), b));
    let open = item.url.clone().or_else(|| item.external_url.clone());
    let replace = kind.filter(|_| item.url.is_some()).map(|k| (id, k, item.title.clone(), item.locale.clone()));
    view! {
        <li class="media-item">
            <p class="media-item-head">
                <strong>{kind_name}</strong>
                " · " <span lang=item.locale.clone()>{item.title.clone()}</span>
                {item.file_name.clone().map(|n| {
                    let text = size.map_or_else(|| n.clone(), |s| format!("{n} ({s})"));
                    view! { " · " <span class="meta">{text}</span> }
                })}
                {open.map(|href| view! { " · " <a href=href target="_blank" rel="noopener">{t!(i18n, staff.media_open)}</a> })}
            </p>
            <ActionForm action=rename attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for=title_id.clone()>{t!(i18n, staff.media_title)}</label>
                    <input id=title_id name="title" value=item.title.clone() required maxlength="200" />
                </div>
                <LocaleSelect id=locale_id selected=item.locale.clone() />
                <button class="button secondary" type="submit">{t!(i18n, staff.save)}</button>
            </ActionForm>
            <div class="media-item-actions">
                {(!first).then(|| view! { <MoveButton id direction="up" action=move_medium /> })}
                {(!last).then(|| view! { <MoveButton id direction="down" action=move_medium /> })}
                <ActionForm action=remove>
                    <input type="hidden" name="id" value=id />
                    <button class="button danger" type="submit">{t!(i18n, staff.media_remove)}</button>
                </ActionForm>
            </div>
            {replace.map(|r| view! {
                <details class="replace">
                    <summary>{t!(i18n, staff.media_replace)}</summary>
                    <UploadForm concept_id limits uploaded replace=Some(r) />
                </details>
            })}
        </li>
    }
}

#[component]
fn MoveButton(id: i64, direction: &'static str, action: ServerAction<MoveMedium>) -> impl IntoView {
    let i18n = use_i18n();
    let label =
        move || if direction == "up" { t_string!(i18n, staff.media_up) } else { t_string!(i18n, staff.media_down) };
    view! {
        <ActionForm action>
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="direction" value=direction />
            <button class="button secondary" type="submit">{label}</button>
        </ActionForm>
    }
}

/// "No particular language" or one of the six.
#[component]
fn LocaleSelect(id: String, selected: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let selected = selected.unwrap_or_default();
    view! {
        <div class="field">
            <label for=id.clone()>{t!(i18n, staff.media_language)}</label>
            <select id=id name="locale">
                <option value="" selected=selected.is_empty()>{t!(i18n, staff.media_no_language)}</option>
                {locale::UN_ORDER.iter().map(|l| {
                    let code = code_of(*l);
                    view! { <option value=code selected=selected == code lang=code>{native_name(*l)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A new file (`replace: None`) or one in place of a medium (its id, kind, title, language).
#[component]
fn UploadForm(
    concept_id: i64,
    limits: Limits,
    uploaded: RwSignal<u32>,
    replace: Option<(i64, MediaKind, String, Option<String>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let prefix = replace.as_ref().map_or_else(|| "upload".to_owned(), |(id, ..)| format!("replace-{id}"));
    let fixed_kind = replace.as_ref().map(|(_, k, ..)| *k);
    let kind = RwSignal::new(fixed_kind.unwrap_or(MediaKind::ConceptNote));
    let progress = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let hint = move || {
        let k = kind.get();
        let formats: Vec<&str> = k.accepts().iter().map(|t| t.label()).collect();
        format!(
            "{} {} · {} {}",
            t_string!(i18n, staff.media_formats),
            formats.join(", "),
            t_string!(i18n, staff.media_largest),
            file_size(i18n.get_locale_untracked(), limits.for_kind(k) as i64)
        )
    };
    let (title, locale) = replace.as_ref().map(|(_, _, t, l)| (t.clone(), l.clone())).unwrap_or_default();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        upload::start(ev, limits.for_kind(kind.get_untracked()), progress, error, done, uploaded, i18n);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, progress, error, done, uploaded);
    };
    let (kind_id, title_id, file_id, hint_id, status_id) = (
        format!("{prefix}-kind"),
        format!("{prefix}-title"),
        format!("{prefix}-file"),
        format!("{prefix}-hint"),
        format!("{prefix}-status"),
    );
    view! {
        <form class="upload-form" method="post" enctype="multipart/form-data"
            action=format!("/api/staff/concepts/{concept_id}/media") on:submit=on_submit>
            <input type="hidden" name="lang" value=move || code_of(i18n.get_locale()) />
            {match fixed_kind {
                Some(k) => view! {
                    <input type="hidden" name="kind" value=k.code() />
                    <input type="hidden" name="replace" value=replace.as_ref().map(|(id, ..)| *id) />
                }.into_any(),
                None => view! {
                    <div class="field">
                        <label for=kind_id.clone()>{t!(i18n, staff.media_kind)}</label>
                        <select id=kind_id name="kind" on:change=move |ev| {
                            if let Some(k) = MediaKind::parse(&event_target_value(&ev)) { kind.set(k) }
                        }>
                            {MediaKind::ALL.into_iter().map(|k| view! {
                                <option value=k.code()>{move || kind_label(i18n, k)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }.into_any(),
            }}
            <div class="field">
                <label for=title_id.clone()>{t!(i18n, staff.media_title)}</label>
                <input id=title_id name="title" value=title maxlength="200" />
                <p class="hint">{t!(i18n, staff.media_title_hint)}</p>
            </div>
            <LocaleSelect id=format!("{prefix}-locale") selected=locale />
            <div class="field">
                <label for=file_id.clone()>{t!(i18n, staff.media_file)}</label>
                <input id=file_id type="file" name="file" required accept=move || kind.get().accept_attribute()
                    aria-describedby=format!("{hint_id} {status_id}") />
                <p class="hint" id=hint_id>{hint}</p>
            </div>
            <div id=status_id aria-live="polite">
                {move || progress.get().map(|p| view! {
                    <label class="progress">
                        {t!(i18n, staff.media_uploading)} " " {format!("{p:.0} %")}
                        <progress max="100" value=p></progress>
                    </label>
                })}
                {move || done.get().then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.media_saved)}</p> })}
                {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <button class="button" type="submit" disabled=move || progress.get().is_some()>
                {move || if fixed_kind.is_some() { t_string!(i18n, staff.media_replace) } else { t_string!(i18n, staff.media_upload) }}
            </button>
        </form>
    }
}

#[component]
fn LinkForm(concept_id: i64, link: ServerAction<AddVideoLink>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || link.value().get().and_then(Result::err));
    let message = move |field: &'static str| {
        error.get().and_then(|e| match &e {
            AppError::Validation(fields) => {
                fields.iter().find(|f| f.field == field).map(|f| code_message(i18n, f.code).to_owned())
            }
            _ => None,
        })
    };
    view! {
        <ActionForm action=link attr:class="link-form">
            <input type="hidden" name="concept_id" value=concept_id />
            <div class="field">
                <label for="link-url">{t!(i18n, staff.media_link_url)}</label>
                <input id="link-url" name="url" type="url" required placeholder="https://www.youtube.com/watch?v=…"
                    aria-invalid=move || message("url").is_some().then_some("true") />
                {move || message("url").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="link-title">{t!(i18n, staff.media_title)}</label>
                <input id="link-title" name="title" required maxlength="200"
                    aria-invalid=move || message("title").is_some().then_some("true") />
                {move || message("title").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <LocaleSelect id="link-locale".into() selected=None />
            {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).and_then(|e| form_message(i18n, &e))
                .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <button class="button" type="submit">{t!(i18n, staff.media_link_add)}</button>
        </ActionForm>
    }
}

pub fn kind_label(i18n: I18n, kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::ConceptNote => t_string!(i18n, concept.kind_concept_note),
        MediaKind::Slides => t_string!(i18n, concept.kind_slides),
        MediaKind::Video => t_string!(i18n, concept.kind_video),
        MediaKind::Brochure => t_string!(i18n, concept.kind_brochure),
        MediaKind::Captions => t_string!(i18n, staff.kind_captions),
        MediaKind::Poster => t_string!(i18n, staff.kind_poster),
    }
}

/// The upload in the background, with progress (browser only).
#[cfg(feature = "hydrate")]
mod upload {
    use crate::components::form_messages::{code_message, upload_message};
    use crate::domain::names::I18n;
    use crate::error::AppError;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    use web_sys::{FormData, HtmlFormElement, HtmlInputElement, ProgressEvent, XmlHttpRequest};

    /// Checks the size, then sends the form with `XMLHttpRequest` (fetch cannot report upload
    /// progress). Falls back to the plain post if anything here is missing.
    pub fn start(
        ev: leptos::ev::SubmitEvent,
        limit: u64,
        progress: RwSignal<Option<f64>>,
        error: RwSignal<Option<String>>,
        done: RwSignal<bool>,
        uploaded: RwSignal<u32>,
        i18n: I18n,
    ) {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let file_size = form
            .query_selector("input[type=file]")
            .ok()
            .flatten()
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
            .map(|f| f.size() as u64);
        let (Ok(data), Ok(xhr)) = (FormData::new_with_form(&form), XmlHttpRequest::new()) else { return };
        ev.prevent_default();
        done.set(false);
        error.set(None);
        if file_size.is_some_and(|s| s > limit) {
            error.set(Some(upload_message(i18n, "too_large")));
            return;
        }
        if xhr.open("POST", &form.action()).is_err() || xhr.set_request_header("Accept", "application/json").is_err() {
            error.set(Some(upload_message(i18n, "failed")));
            return;
        }
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress.set(Some(100.0 * e.loaded() / e.total()));
            }
        });
        if let Ok(target) = xhr.upload() {
            target.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        on_progress.forget();
        let answered = xhr.clone();
        let form_to_reset = form.clone();
        let on_end = Closure::<dyn FnMut()>::new(move || {
            progress.set(None);
            let status = answered.status().unwrap_or(0);
            if (200..300).contains(&status) {
                done.set(true);
                form_to_reset.reset();
                uploaded.update(|n| *n += 1);
                return;
            }
            let body = answered.response_text().ok().flatten().unwrap_or_default();
            let message = match serde_json::from_str::<AppError>(&body) {
                Ok(AppError::Validation(fields)) => fields
                    .first()
                    .map_or_else(|| upload_message(i18n, "failed"), |f| code_message(i18n, f.code).to_owned()),
                Ok(other) => crate::components::form_messages::form_message(i18n, &other)
                    .unwrap_or_else(|| upload_message(i18n, "failed")),
                // 413 from the outer cap, or no answer at all.
                Err(_) if status == 413 => upload_message(i18n, "too_large"),
                Err(_) => {
                    crate::components::form_messages::form_message(i18n, &AppError::Transport).unwrap_or_default()
                }
            };
            error.set(Some(message));
        });
        xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
        on_end.forget();
        progress.set(Some(0.0));
        if xhr.send_with_opt_form_data(Some(&data)).is_err() {
            progress.set(None);
            error.set(Some(upload_message(i18n, "failed")));
        }
    }
}
