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
