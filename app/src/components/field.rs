//! A labelled form input with its hint and its translated error, wired for screen readers
//! (`aria-invalid`, `aria-describedby`).
use leptos::prelude::*;

/// One input in a `.field`: `error` is the message to show next to it, if any.
#[component]
pub fn Field(
    /// The input's id and form name.
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    #[prop(optional)] minlength: Option<u32>,
    #[prop(into, optional)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let error = move || error.and_then(|e| e.get());
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let ids: Vec<&str> = [has_hint.then_some(hint_id.as_str()), error().is_some().then_some(error_id.as_str())]
                .into_iter()
                .flatten()
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=kind
                required=required
                inputmode=inputmode
                autocomplete=autocomplete
                minlength=minlength
                dir=(kind == "email").then_some("ltr")
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {move || error().map(|m| view! { <p class="field-error" id=error_id.clone() role="alert">{m}</p> })}
        </div>
    }
}

/// A text input of a public form (`form[name]`), with its translated error.
#[component]
pub fn TextField<L>(
    name: &'static str,
    value: String,
    label: L,
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView
where
    L: Fn() -> &'static str + Send + Sync + 'static,
{
    let id = format!("f-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=format!("form[{name}]") type=kind value=value required maxlength="254"
                dir=(kind == "email").then_some("ltr")
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().is_some().then(|| error_id.clone()) />
            {move || error.get().map(|m| view! { <p class="field-error" id=format!("f-{name}-error") role="alert">{m}</p> })}
        </div>
    }
}

/// A choice of a public form (`form[name]`), with its translated error.
#[component]
pub fn SelectField<L>(
    name: &'static str,
    selected: String,
    label: L,
    options: Vec<(String, String)>,
    error: Signal<Option<String>>,
) -> impl IntoView
where
    L: Fn() -> &'static str + Send + Sync + 'static,
{
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=format!("form[{name}]") aria-invalid=move || error.get().is_some().then_some("true")>
                {options.into_iter().map(|(code, text)| {
                    let is = code == selected;
                    view! { <option value=code selected=is>{text}</option> }
                }).collect_view()}
            </select>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}
