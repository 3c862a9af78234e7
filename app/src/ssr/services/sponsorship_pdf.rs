//! A sponsorship quote as a PDF, in the reader's language (right to left in Arabic): who it
//! is for, its validity and price-book version, its lines with every discount and the
//! totals, and that it is not a bill. Attached to the quote's e-mail and served from its page.
use crate::domain::format::{local_day, money};
use crate::domain::locale::{self, code_of};
use crate::domain::names::price_line_label;
use crate::domain::sponsorship::LineKind;
use crate::domain::sponsorship_quote::Quote;
use crate::error::AppError;
use crate::i18n::*;
use crate::ssr::infra::typesetter::{Block, Row, Setting, Typesetter, render};

/// The file name it is offered as.
pub fn file_name(quote: &Quote) -> String {
    format!("{}.pdf", quote.number)
}

/// The PDF of `q` in `l`. Without its fonts there is none: the error says the service is
/// unavailable, and the log says why.
pub fn quote_pdf(typesetter: &Typesetter, q: &Quote, l: Locale) -> Result<Vec<u8>, AppError> {
    let fonts = typesetter.fonts().map_err(|reason| {
        tracing::error!(%reason, "no fonts to write a quote PDF with");
        AppError::Unavailable
    })?;
    let amount = |minor: i64| money(l, minor, q.exponent, &q.currency);
    let heading = format!("{} {}", td_string!(l, sponsorship.quote_heading), q.number);
    let mut rows: Vec<Row> = q
        .lines
        .iter()
        .map(|line| {
            let label = price_line_label(l, &line.line, &line.activity);
            let discount = line.line.kind != LineKind::ListPrice;
            // The rate isolated left to right, so "−5 %" reads the same in Arabic.
            let label =
                if discount { format!("{label} \u{2066}−{} %\u{2069}", line.line.rate.percent()) } else { label };
            Row { label, amount: amount(line.line.amount), strong: false, indent: discount }
        })
        .collect();
    let discounts = q.list_total() - q.total;
    rows.push(Row {
        label: td_string!(l, sponsorship.list_total).to_owned(),
        amount: amount(q.list_total()),
        strong: false,
        indent: false,
    });
    if discounts > 0 {
        rows.push(Row {
            label: td_string!(l, sponsorship.discount_total).to_owned(),
            amount: amount(-discounts),
            strong: false,
            indent: false,
        });
    }
    rows.push(Row { label: td_string!(l, sponsorship.total).to_owned(), amount: amount(q.total), strong: true, indent: false });
    let mut blocks = vec![
        Block::Kicker(td_string!(l, app.name).to_owned()),
        Block::Title(heading.clone()),
        Block::Facts(vec![
            (td_string!(l, sponsorship.event).to_owned(), q.event.clone()),
            (td_string!(l, sponsorship.for_organisation).to_owned(), format!("{} — {}", q.organisation, q.contact_name)),
            (td_string!(l, sponsorship.issued_on).to_owned(), local_day(l, &q.issued_on)),
            (td_string!(l, sponsorship.valid_until).to_owned(), local_day(l, &q.valid_until)),
            (td_string!(l, sponsorship.price_book).to_owned(), q.price_book_version.to_string()),
        ]),
        Block::Table {
            header: (td_string!(l, sponsorship.line).to_owned(), td_string!(l, sponsorship.amount).to_owned()),
            rows,
        },
    ];
    if q.member_claimed {
        blocks.push(Block::Note(td_string!(l, sponsorship.member_claimed).to_owned()));
    }
    blocks.push(Block::Note(td_string!(l, sponsorship.not_a_bill).to_owned()));
    let setting = Setting { lang: code_of(l), rtl: locale::is_rtl(l), title: &heading };
    render(fonts, &setting, &blocks).map_err(|reason| {
        tracing::error!(%reason, quote = %q.number, "the quote PDF could not be written");
        AppError::Internal
    })
}
