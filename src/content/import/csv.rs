//! CSV with a header row; columns found by name.

use super::*;

// ------------------------------------------------------------------ CSV

/// A CSV record: the line it starts on and its fields.
pub(super) type CsvRecord = (usize, Vec<String>);

/// Parses CSV (RFC 4180: quoted fields may hold the delimiter, doubled
/// quotes and line breaks). Returns each non-empty record with the line it
/// starts on.
pub(super) fn parse_csv(text: &str, delim: char) -> Result<Vec<CsvRecord>, (usize, String)> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quote_line = 1;
    let mut in_quotes = false;
    let mut quoted = false; // the current field was quoted
    let mut chars = text.chars().peekable();
    let end_record = |record: &mut Vec<String>, records: &mut Vec<CsvRecord>, start: usize| {
        if record.iter().any(|f| !f.trim().is_empty()) {
            records.push((start, std::mem::take(record)));
        } else {
            record.clear();
        }
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() && !quoted => {
                field.clear();
                in_quotes = true;
                quoted = true;
                quote_line = line;
            }
            c if c == delim => {
                record.push(std::mem::take(&mut field));
                quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                quoted = false;
                end_record(&mut record, &mut records, start);
                line += 1;
                start = line;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err((
            quote_line,
            "unterminated quoted field (a \" is never closed)".into(),
        ));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        end_record(&mut record, &mut records, start);
    }
    Ok(records)
}

/// Guesses the delimiter from the header line: `,`, `;` or tab.
pub(super) fn csv_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let mut in_q = false;
    let mut counts = [0usize; 3];
    for c in first.chars() {
        match c {
            '"' => in_q = !in_q,
            ',' if !in_q => counts[0] += 1,
            ';' if !in_q => counts[1] += 1,
            '\t' if !in_q => counts[2] += 1,
            _ => {}
        }
    }
    let delims = [',', ';', '\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 { ',' } else { delims[best] }
}

pub(super) fn header_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub(super) const Q_COLUMNS: &[&str] = &[
    "question",
    "questions",
    "text",
    "prompt",
    "questiontext",
    "interviewquestion",
    "q",
];
pub(super) const LP_COLUMNS: &[&str] = &[
    "principle",
    "principles",
    "lp",
    "lps",
    "leadershipprinciple",
    "leadershipprinciples",
    "category",
    "categories",
    "competency",
];
pub(super) const PROBE_COLUMNS: &[&str] = &[
    "probe",
    "probes",
    "followup",
    "followups",
    "followupquestions",
];

pub(super) fn csv_items(ctx: &mut Ctx, text: &str) -> Result<Vec<RawItem>, String> {
    let records = parse_csv(text, csv_delimiter(text))
        .map_err(|(l, m)| format!("{}:{l}: {m}", ctx.source))?;
    let Some(((hline, header), rows)) = records.split_first() else {
        return Err(format!("{}: the CSV file is empty", ctx.source));
    };
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let col = |names: &[&str]| names.iter().find_map(|n| keys.iter().position(|k| k == n));
    let Some(qcol) = col(Q_COLUMNS) else {
        return Err(format!(
            "{}:{hline}: no question column in the header (expected one of: question, text, prompt; found: {})",
            ctx.source,
            header
                .iter()
                .map(|h| format!("\"{}\"", one_line(h.trim())))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let lpcol = col(LP_COLUMNS);
    let trackcol = col(&["track"]);
    let diffcol = col(&["difficulty", "level"]);
    let rolecol = col(&["role", "roles"]);
    let probecol = col(PROBE_COLUMNS);
    let cell =
        |row: &[String], c: Option<usize>| c.and_then(|c| row.get(c)).map(|s| s.trim().to_string());
    let mut items = Vec::new();
    for (line, row) in rows {
        let text = cell(row, Some(qcol)).unwrap_or_default();
        if text.is_empty() {
            ctx.note(*line, "row without a question skipped");
            continue;
        }
        let explicit = match cell(row, lpcol) {
            Some(lp) if !lp.is_empty() => ctx.explicit_lps(*line, &[lp]),
            _ => Vec::new(),
        };
        let nonempty = |s: Option<String>| s.filter(|s| !s.is_empty());
        items.push(RawItem {
            line: *line,
            text,
            explicit,
            track: nonempty(cell(row, trackcol)),
            difficulty: nonempty(cell(row, diffcol)),
            roles: cell(row, rolecol)
                .map(|r| {
                    r.split([',', ';', '|', '/', ' '])
                        .filter(|s| !s.trim().is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            probes: cell(row, probecol)
                .map(|p| {
                    p.split(['\n', '|'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            ..Default::default()
        });
    }
    Ok(items)
}
