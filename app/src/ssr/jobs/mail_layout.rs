//! What every e-mail's HTML part shares: the document in the reader's language and
//! direction, and escaping.
use crate::domain::locale::{self, code_of};
use crate::i18n::Locale;
use crate::ssr::infra::mailer::Outgoing;

/// An e-mail ready to send, and the concepts it tells about.
pub struct Rendered {
    pub mail: Outgoing,
    pub concepts: Vec<i64>,
}

/// An HTML document in the reader's language and direction.
pub fn page(l: Locale, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family: sans-serif; line-height: 1.5\">{body}</body></html>",
        code_of(l),
        locale::dir_of(l)
    )
}

/// Text made safe for HTML.
pub fn esc(text: &str) -> String {
    crate::domain::format::xml(text)
}
