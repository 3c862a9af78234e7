//! A labelled form input with its hint and its translated error, wired for screen readers
//! (`aria-invalid`, `aria-describedby`).
use leptos::prelude::*;

/// The `aria-describedby` of an input: its hint's id, if it has one, and its error's while
/// `has_error` says there is one.
pub fn described_by(
    hint_id: Option<String>,
    error_id: String,
    has_error: impl Fn() -> bool + Send + Sync + 'static,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let ids: Vec<&str> =
            [hint_id.as_deref(), has_error().then_some(error_id.as_str())].into_iter().flatten().collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

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
    let described = described_by(hint.is_some().then(|| hint_id.clone()), error_id.clone(), move || error().is_some());
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

/// The inputs of a staff edit form posted as `form[…]`, each with its label and the
/// translated error its field got from the last save (`error`); ids start with `prefix`.
/// Line cells (`form[list][]`) take their error from `list.row`.
#[derive(Clone, Copy)]
pub struct FormCells {
    pub i18n: crate::domain::names::I18n,
    pub error: Signal<Option<crate::error::AppError>>,
    pub prefix: &'static str,
}

impl FormCells {
    /// The message field `field` got, if any.
    pub fn message(self, field: String) -> Signal<Option<String>> {
        let (i18n, error) = (self.i18n, self.error);
        Signal::derive(move || {
            error.get().and_then(|e| crate::components::form_messages::field_message(i18n, &e, &field))
        })
    }

    /// Field `field`'s error line, where it has one.
    pub fn error_line(self, field: &str) -> impl IntoView + use<> {
        let m = self.message(field.to_owned());
        move || m.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })
    }

    pub fn text(
        self,
        name: &'static str,
        label: String,
        value: String,
        hint: Option<String>,
        kind: &'static str,
    ) -> impl IntoView + use<> {
        let input_id = format!("{}-{name}", self.prefix);
        let hint_id = format!("{input_id}-hint");
        let m = self.message(name.to_owned());
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <input id=input_id type=kind name=format!("form[{name}]") value=value dir="auto"
                    aria-invalid=move || m.get().is_some().then_some("true")
                    aria-describedby=hint.as_ref().map(|_| hint_id.clone()) />
                {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
                {self.error_line(name)}
            </div>
        }
    }

    pub fn textarea(
        self,
        name: &'static str,
        label: String,
        value: String,
        hint: Option<String>,
    ) -> impl IntoView + use<> {
        let input_id = format!("{}-{name}", self.prefix);
        let hint_id = format!("{input_id}-hint");
        let m = self.message(name.to_owned());
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <textarea id=input_id name=format!("form[{name}]") rows="4" dir="auto"
                    aria-invalid=move || m.get().is_some().then_some("true")
                    aria-describedby=hint.as_ref().map(|_| hint_id.clone())>{value}</textarea>
                {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
                {self.error_line(name)}
            </div>
        }
    }

    pub fn choice(
        self,
        name: &'static str,
        label: String,
        chosen: String,
        options: Vec<(String, String)>,
    ) -> impl IntoView + use<> {
        let input_id = format!("{}-{name}", self.prefix);
        let m = self.message(name.to_owned());
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <select id=input_id name=format!("form[{name}]") aria-invalid=move || m.get().is_some().then_some("true")>
                    {option_list(options, &chosen)}
                </select>
                {self.error_line(name)}
            </div>
        }
    }

    /// One cell of a line: a labelled input named `form[list][]`.
    pub fn cell_input(
        self,
        list: &'static str,
        row: usize,
        label: String,
        value: String,
        width: &'static str,
    ) -> impl IntoView + use<> {
        let input_id = format!("{}-{list}-{row}", self.prefix);
        let field = format!("{list}.{row}");
        let m = self.message(field.clone());
        view! {
            <div class=format!("field cell {width}")>
                <label for=input_id.clone()>{label}</label>
                <input id=input_id name=format!("form[{list}][]") value=value dir="ltr"
                    aria-invalid=move || m.get().is_some().then_some("true") />
                {self.error_line(&field)}
            </div>
        }
    }

    /// One cell of a line: a labelled select named `form[list][]`.
    pub fn cell_select(
        self,
        list: &'static str,
        row: usize,
        label: String,
        value: String,
        options: Vec<(String, String)>,
    ) -> impl IntoView + use<> {
        let input_id = format!("{}-{list}-{row}", self.prefix);
        let field = format!("{list}.{row}");
        let m = self.message(field.clone());
        view! {
            <div class="field cell">
                <label for=input_id.clone()>{label}</label>
                <select id=input_id name=format!("form[{list}][]") aria-invalid=move || m.get().is_some().then_some("true")>
                    {option_list(options, &value)}
                </select>
                {self.error_line(&field)}
            </div>
        }
    }

    /// Boxes named `form[list][]`, one per option, the `chosen` ones ticked; the list's
    /// error below them.
    pub fn boxes(
        self,
        list: &'static str,
        legend: String,
        chosen: Vec<String>,
        options: Vec<(String, String)>,
    ) -> impl IntoView + use<> {
        view! {
            <fieldset class="boxes">
                <legend>{legend}</legend>
                {options.into_iter().map(|(code, text)| {
                    let is = chosen.contains(&code);
                    view! { <label class="choice"><input type="checkbox" name=format!("form[{list}][]") value=code checked=is /> " " {text}</label> }
                }).collect_view()}
                {self.error_line(list)}
            </fieldset>
        }
    }
}

/// A select's options, `chosen` selected.
fn option_list(options: Vec<(String, String)>, chosen: &str) -> impl IntoView + use<> {
    options
        .into_iter()
        .map(|(code, text)| {
            let is = code == chosen;
            view! { <option value=code selected=is>{text}</option> }
        })
        .collect_view()
}
