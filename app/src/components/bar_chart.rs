//! A horizontal bar chart drawn as SVG on the server: one row per label, one bar per series,
//! each bar as long as its value and carrying it (`data-value`), so the chart and the table
//! beside it show the same numbers. Labels are HTML-escaped SVG text in the reader's script;
//! right to left, the labels sit on the right and bars grow leftwards.
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const LABEL: f64 = 230.0;
const VALUE: f64 = 56.0;
const BAR: f64 = 12.0;
const GAP: f64 = 10.0;

/// `rows`: a label and one value per series; `series`: the series' names (for the legend)
/// with their CSS class (`bar-a`, `bar-b`).
#[component]
pub fn BarChart(
    title: String,
    rows: Vec<(String, Vec<i64>)>,
    series: Vec<(String, &'static str)>,
    rtl: bool,
    /// Where each row's bars lead (the records behind them); none by default.
    #[prop(optional)]
    links: Vec<String>,
    /// The text shown beside each bar, per row and series; the number itself by default.
    #[prop(optional)]
    texts: Vec<Vec<String>>,
    /// Room for those texts after the longest bar, in the chart's units (of 640).
    #[prop(optional)]
    value_width: Option<f64>,
) -> impl IntoView {
    // Bars that lead somewhere make the chart a group of links, not a picture.
    let role = if links.is_empty() { "img" } else { "group" };
    let max = rows.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(0).max(1) as f64;
    let row_height = BAR * series.len() as f64 + GAP;
    let height = row_height * rows.len() as f64 + GAP;
    let span = WIDTH - LABEL - value_width.unwrap_or(VALUE);
    // Left to right: label | bars → value. Right to left: value ← bars | label.
    let (label_x, label_anchor) = if rtl { (WIDTH, "end") } else { (0.0, "start") };
    let bars: Vec<_> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, values))| {
            let link = links.get(i).cloned();
            let row_texts = texts.get(i).cloned().unwrap_or_default();
            let top = GAP + i as f64 * row_height;
            let label_y = top + BAR * series.len() as f64 / 2.0 + 4.0;
            let rects = values
                .iter()
                .zip(&series)
                .enumerate()
                .map(|(s, (value, (name, class)))| {
                    let length = span * (*value as f64) / max;
                    let x = if rtl { WIDTH - LABEL - length } else { LABEL };
                    let y = top + s as f64 * BAR;
                    let (value_x, value_anchor) =
                        if rtl { (x - 4.0, "end") } else { (LABEL + length + 4.0, "start") };
                    let shown = row_texts.get(s).cloned().unwrap_or_else(|| value.to_string());
                    view! {
                        <rect class=*class x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{length:.1}")
                            height=format!("{:.1}", BAR - 2.0) data-value=*value data-series=name.clone()></rect>
                        <text class="chart-value" x=format!("{value_x:.1}") y=format!("{:.1}", y + BAR - 3.0)
                            text-anchor=value_anchor>{shown}</text>
                    }
                })
                .collect_view();
            let row = view! {
                <g class="chart-row">
                    <title>{label.clone()}</title>
                    <text class="chart-label" x=format!("{label_x:.1}") y=format!("{label_y:.1}") text-anchor=label_anchor>{fit_label(&label)}</text>
                    {rects}
                </g>
            };
            match link {
                Some(href) => view! { <a href=href>{row}</a> }.into_any(),
                None => row.into_any(),
            }
        })
        .collect();
    view! {
        <figure class="chart">
            <figcaption class="visually-hidden">{title.clone()}</figcaption>
            // Anchors are set for left-to-right geometry (`end`: the text ends at x) in both
            // directions; the stylesheet keeps the SVG's own direction left to right, and
            // each label's script is ordered by the browser.
            <svg viewBox=format!("0 0 {WIDTH} {height:.0}") role=role aria-label=title preserveAspectRatio="xMinYMin meet">
                {bars}
            </svg>
            <ul class="chart-legend">
                {series.into_iter().map(|(name, class)| view! { <li><span class=format!("swatch {class}")></span>{name}</li> }).collect_view()}
            </ul>
        </figure>
    }
}

/// A label cut to the room it has (about 30 Latin letters; a CJK character takes two), with
/// an ellipsis; the whole label is its tooltip and in the table beside the chart.
fn fit_label(label: &str) -> String {
    const ROOM: usize = 30;
    let width = |c: char| if c > '\u{2e80}' { 2 } else { 1 };
    if label.chars().map(width).sum::<usize>() <= ROOM {
        return label.to_owned();
    }
    let mut used = 0;
    let mut out: String = label
        .chars()
        .take_while(|c| {
            used += width(*c);
            used < ROOM
        })
        .collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::fit_label;

    #[test]
    fn long_labels_are_cut_to_the_room_they_have() {
        assert_eq!(fit_label("Africa"), "Africa");
        let cut = fit_label("Conférence mondiale de développement 2017");
        assert!(cut.ends_with('…') && cut.chars().count() <= 30, "{cut}");
        assert!(fit_label("本部门成立二十五周年本部门成立二十五周年本部门成立").chars().count() <= 16);
    }
}
