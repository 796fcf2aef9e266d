//! JSON lists: strings, objects, or objects keyed by LP name.

use super::*;

// ------------------------------------------------------------------ JSON

/// A JSON value with the byte offset where it starts (a tiny parser, so
/// that questions keep their line numbers and objects their key order).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<(usize, Json)>),
    Obj(Vec<(String, usize, Json)>),
}

pub(super) struct JsonParser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl JsonParser<'_> {
    fn err<T>(&self, msg: impl Into<String>) -> Result<T, (usize, String)> {
        Err((self.pos, msg.into()))
    }
    fn ws(&mut self) {
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }
    fn value(&mut self) -> Result<(usize, Json), (usize, String)> {
        self.ws();
        let at = self.pos;
        let v = match self.bytes.get(self.pos) {
            None => return self.err("unexpected end of the file"),
            Some(b'{') => {
                self.enter()?;
                self.pos += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.bytes.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.ws();
                        if self.bytes.get(self.pos) != Some(&b'"') {
                            return self.err("expected a \"key\"");
                        }
                        let key = self.string()?;
                        self.ws();
                        if self.bytes.get(self.pos) != Some(&b':') {
                            return self.err("expected ':' after the key");
                        }
                        self.pos += 1;
                        let (vat, v) = self.value()?;
                        fields.push((key, vat, v));
                        self.ws();
                        match self.bytes.get(self.pos) {
                            Some(b',') => self.pos += 1,
                            Some(b'}') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return self.err("expected ',' or '}'"),
                        }
                    }
                }
                self.depth -= 1;
                Json::Obj(fields)
            }
            Some(b'[') => {
                self.enter()?;
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.bytes.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        self.ws();
                        match self.bytes.get(self.pos) {
                            Some(b',') => self.pos += 1,
                            Some(b']') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return self.err("expected ',' or ']'"),
                        }
                    }
                }
                self.depth -= 1;
                Json::Arr(items)
            }
            Some(b'"') => Json::Str(self.string()?),
            Some(b't') if self.text[self.pos..].starts_with("true") => {
                self.pos += 4;
                Json::Bool(true)
            }
            Some(b'f') if self.text[self.pos..].starts_with("false") => {
                self.pos += 5;
                Json::Bool(false)
            }
            Some(b'n') if self.text[self.pos..].starts_with("null") => {
                self.pos += 4;
                Json::Null
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                while self.pos < self.bytes.len()
                    && matches!(
                        self.bytes[self.pos],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.pos += 1;
                }
                let n = &self.text[start..self.pos];
                if n.parse::<f64>().is_err() {
                    self.pos = start;
                    return self.err(format!("invalid number {n}"));
                }
                Json::Num(n.to_string())
            }
            Some(_) => return self.err("expected a JSON value"),
        };
        Ok((at, v))
    }
    fn enter(&mut self) -> Result<(), (usize, String)> {
        self.depth += 1;
        if self.depth > 64 {
            return self.err("nested too deeply");
        }
        Ok(())
    }
    fn hex4(&mut self) -> Result<u32, (usize, String)> {
        let h = self.text.get(self.pos..self.pos + 4).unwrap_or("");
        match u32::from_str_radix(h, 16) {
            Ok(v) if h.len() == 4 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.pos += 4;
                Ok(v)
            }
            _ => self.err("invalid \\u escape"),
        }
    }
    fn string(&mut self) -> Result<String, (usize, String)> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let Some(c) = rest.chars().next() else {
                return self.err("unterminated string");
            };
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.text[self.pos..].chars().next() else {
                        return self.err("unterminated string");
                    };
                    self.pos += 1;
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi)
                                && self.text[self.pos..].starts_with("\\u")
                            {
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return self.err("invalid surrogate pair");
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        }
                        _ => {
                            self.pos -= 1;
                            return self.err(format!("invalid escape \\{e}"));
                        }
                    }
                }
                c if (c as u32) < 0x20 => {
                    self.pos -= 1;
                    return self.err("control character in a string (write it as an escape)");
                }
                c => out.push(c),
            }
        }
    }
}

pub(super) fn parse_json(text: &str) -> Result<Json, (usize, String)> {
    let mut p = JsonParser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let (_, v) = p.value()?;
    p.ws();
    if p.pos < text.len() {
        return p.err("unexpected text after the JSON value");
    }
    Ok(v)
}

pub(super) fn json_strings(v: &Json) -> Vec<String> {
    match v {
        Json::Str(s) => vec![s.clone()],
        Json::Arr(items) => items
            .iter()
            .filter_map(|(_, x)| match x {
                Json::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn json_items(ctx: &mut Ctx, text: &str) -> Result<Vec<RawItem>, String> {
    let v = parse_json(text).map_err(|(at, m)| {
        let (l, c) = crate::content::line_col(text, at);
        format!("{}:{l}:{c}: invalid JSON: {m}", ctx.source)
    })?;
    let line = |at: usize| crate::content::line_col(text, at).0;
    let mut items = Vec::new();
    match &v {
        Json::Arr(list) => json_list(ctx, text, list, &[], &mut items),
        Json::Obj(fields) if json_field(fields, Q_COLUMNS).is_some() => {
            json_list(ctx, text, &[(0, v.clone())], &[], &mut items)
        }
        Json::Obj(fields) => {
            for (key, at, value) in fields {
                let list = match value {
                    Json::Arr(list) => list.clone(),
                    Json::Str(_) | Json::Obj(_) => vec![(*at, value.clone())],
                    _ => {
                        ctx.note(
                            line(*at),
                            format!("\"{}\" is not a list of questions; skipped", one_line(key)),
                        );
                        continue;
                    }
                };
                if ["questions", "items", "data", "list"].contains(&header_key(key).as_str()) {
                    json_list(ctx, text, &list, &[], &mut items);
                    continue;
                }
                // the key names the LPs of the questions under it
                let heading = ctx.explicit_lps(line(*at), std::slice::from_ref(key));
                json_list(ctx, text, &list, &heading, &mut items);
            }
        }
        _ => {
            return Err(format!(
                "{}: expected a JSON array or object of questions",
                ctx.source
            ));
        }
    }
    Ok(items)
}

pub(super) fn json_field<'a>(
    fields: &'a [(String, usize, Json)],
    names: &[&str],
) -> Option<(usize, &'a Json)> {
    names.iter().find_map(|n| {
        fields
            .iter()
            .find(|(k, _, _)| header_key(k) == *n)
            .map(|(_, at, v)| (*at, v))
    })
}

pub(super) fn json_list(
    ctx: &mut Ctx,
    text: &str,
    list: &[(usize, Json)],
    heading: &[String],
    items: &mut Vec<RawItem>,
) {
    let line = |at: usize| crate::content::line_col(text, at).0;
    for (at, v) in list {
        match v {
            Json::Str(s) => items.push(RawItem {
                line: line(*at),
                text: s.clone(),
                heading: heading.to_vec(),
                ..Default::default()
            }),
            Json::Obj(fields) => {
                // A group: an LP-like key and an array of questions
                // (`{"LP": "Ownership", "QArray": ["…", "…"]}`).
                if let Some((_, Json::Arr(list))) = group_list(fields) {
                    let lps = match json_field(fields, LP_COLUMNS) {
                        Some((lat, lp)) => ctx.explicit_lps(line(lat), &json_strings(lp)),
                        None => Vec::new(),
                    };
                    let under = if lps.is_empty() { heading } else { &lps };
                    json_list(ctx, text, list, under, items);
                    continue;
                }
                let Some((qat, Json::Str(q))) = json_field(fields, Q_COLUMNS) else {
                    ctx.note(
                        line(*at),
                        "object without a \"question\" or \"text\" string; skipped",
                    );
                    continue;
                };
                let ql = line(qat);
                let explicit = match json_field(fields, LP_COLUMNS) {
                    Some((_, lp)) => ctx.explicit_lps(ql, &json_strings(lp)),
                    None => Vec::new(),
                };
                let first = |names: &[&str]| {
                    json_field(fields, names).and_then(|(_, v)| json_strings(v).into_iter().next())
                };
                items.push(RawItem {
                    line: ql,
                    text: q.clone(),
                    heading: heading.to_vec(),
                    explicit,
                    track: first(&["track"]),
                    difficulty: first(&["difficulty", "level"]),
                    roles: json_field(fields, &["roles", "role"])
                        .map(|(_, v)| json_strings(v))
                        .unwrap_or_default(),
                    probes: json_field(fields, PROBE_COLUMNS)
                        .map(|(_, v)| json_strings(v))
                        .unwrap_or_default(),
                });
            }
            _ => ctx.note(
                line(*at),
                "not a question (expected a string or an object); skipped",
            ),
        }
    }
}

/// The array of questions in a group object: the field named like a
/// question column holding an array, else the one array field that is not
/// an LP, probe or role list (`QArray`, `items`, `list`…).
pub(super) fn group_list(fields: &[(String, usize, Json)]) -> Option<(usize, &Json)> {
    if let Some((at, v @ Json::Arr(_))) = json_field(fields, Q_COLUMNS) {
        return Some((at, v));
    }
    let mut arrays = fields.iter().filter(|(k, _, v)| {
        let k = header_key(k);
        matches!(v, Json::Arr(_))
            && !LP_COLUMNS.contains(&k.as_str())
            && !PROBE_COLUMNS.contains(&k.as_str())
            && !["roles", "role", "tags"].contains(&k.as_str())
    });
    match (arrays.next(), arrays.next()) {
        (Some((_, at, v)), None) => Some((*at, v)),
        _ => None,
    }
}
