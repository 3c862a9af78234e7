//! CSV files that spreadsheet programs open right: UTF-8 with a byte-order mark (so Arabic
//! and Chinese read correctly), every field quoted, lines ended with CRLF, and cells that
//! would start a formula defused (OWASP's CSV injection advice). Written by the `csv` crate.

/// A CSV document being written, row by row.
pub struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Sheet {
    /// A sheet with its header row: column codes (plain words, so written unquoted).
    pub fn new(header: &[&str]) -> Self {
        let start = format!("\u{feff}{}\r\n", header.join(","));
        let writer = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF)
            .from_writer(start.into_bytes());
        Sheet { writer }
    }

    /// Adds a row; each cell is defused.
    pub fn row(&mut self, cells: &[String]) {
        // Writing into memory cannot fail for want of space or a closed file.
        if let Err(e) = self.writer.write_record(cells.iter().map(|c| defused(c))) {
            tracing::error!(error = %e, "CSV row not written");
        }
    }

    /// The whole document.
    pub fn finish(self) -> String {
        match self.writer.into_inner() {
            Ok(bytes) => String::from_utf8(bytes).unwrap_or_default(),
            Err(e) => {
                tracing::error!(error = %e, "CSV not finished");
                String::new()
            }
        }
    }
}

/// A cell that a spreadsheet would take for a formula (a leading `=`, `+`, `-`, `@`, tab or
/// carriage return) gets a leading apostrophe.
fn defused(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::Sheet;

    fn one_cell(value: &str) -> String {
        let mut sheet = Sheet::new(&["h"]);
        sheet.row(&[value.to_owned()]);
        let text = sheet.finish();
        text.trim_start_matches("\u{feff}h\r\n").trim_end_matches("\r\n").to_owned()
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(one_cell("Fundación \"Andina\""), "\"Fundación \"\"Andina\"\"\"");
        assert_eq!(one_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(one_cell("مؤسسة"), "\"مؤسسة\"");
    }

    #[test]
    fn the_sheet_starts_with_a_byte_order_mark_and_ends_lines_with_crlf() {
        let mut sheet = Sheet::new(&["id", "name"]);
        sheet.row(&["1".into(), "a,b".into()]);
        assert_eq!(sheet.finish(), "\u{feff}id,name\r\n\"1\",\"a,b\"\r\n");
    }
}
