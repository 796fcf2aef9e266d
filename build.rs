//! Embeds every `*.toml` file under `content/` into the binary.
use std::{
    env, fs,
    path::{Path, PathBuf},
};

// Cue families, spelled out here so the start-up JSON holds plain cues.
#[allow(dead_code)]
#[path = "src/content/families.rs"]
mod families;

/// Every file under `dir` whose extension is `ext`, in sorted order.
fn collect(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let content = Path::new(&manifest).join("content");
    println!("cargo:rerun-if-changed=content");
    let mut paths = Vec::new();
    collect(&content, "toml", &mut paths);
    let files: Vec<String> = paths
        .iter()
        .map(|p| {
            p.strip_prefix(&content)
                .expect("under content/")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let mut code = String::from(
        "/// The built-in pack: (path relative to `content/`, text).\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed=content/{f}");
        code.push_str(&format!(
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/content/{f}\"))),\n"
        ));
    }
    code.push_str("];\n");
    // The fast path: the same pack in the model's shape, as JSON.
    let json = builtin_json(&content, &files);
    code.push_str(&format!(
        "/// The built-in pack as model-shaped JSON (None if it did not convert).\npub static BUILTIN_JSON: Option<&str> = {};\n",
        match json {
            Some(j) => format!("Some({j:?})"),
            None => "None".to_string(),
        }
    ));
    // The judge's own source, hashed: cached judgements in a store carry
    // it in their key, so any change to the judge judges them again.
    println!("cargo:rerun-if-changed=src/practice/judge");
    println!("cargo:rerun-if-changed=src/content/families.rs");
    let mut judge = Vec::new();
    collect(
        &Path::new(&manifest).join("src/practice/judge"),
        "rs",
        &mut judge,
    );
    // The learned readers' weights are the judge too.
    collect(
        &Path::new(&manifest).join("src/practice/judge"),
        "tsv",
        &mut judge,
    );
    judge.push(Path::new(&manifest).join("src/content/families.rs"));
    judge.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in &judge {
        use std::hash::Hash;
        fs::read(p).unwrap_or_default().hash(&mut h);
    }
    println!(
        "cargo:rustc-env=LOOPDRILL_JUDGE_SOURCE={:016x}",
        std::hash::Hasher::finish(&h)
    );
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("write embedded.rs");
}

/// Converts the built-in TOML into JSON with the model's field names and
/// defaults filled in. Returns None when anything is off: the loader then takes
/// the full path and reports the problem with its position.
fn builtin_json(content: &Path, files: &[String]) -> Option<String> {
    use serde_json::{Map, Value, json};
    let mut out: Map<String, Value> = Map::new();
    for k in [
        "principles",
        "questions",
        "probes",
        "rubrics",
        "interviewers",
        "templates",
        "writing",
        "formats",
        "red_flags",
        "asks",
    ] {
        out.insert(k.into(), Value::Array(Vec::new()));
    }
    out.insert("debrief".into(), Value::Null);
    for f in files {
        let text = fs::read_to_string(content.join(f)).ok()?;
        let table: toml::Table = text.parse().ok()?;
        for (key, value) in table {
            let value = serde_json::to_value(value).ok()?;
            if key == "debrief" {
                out.insert("debrief".into(), value);
                continue;
            }
            let target = match key.as_str() {
                "principle" => "principles",
                "question" => "questions",
                "probe" => "probes",
                "rubric" => "rubrics",
                "interviewer" => "interviewers",
                "template" => "templates",
                "writing" => "writing",
                "format" => "formats",
                "red_flag" => "red_flags",
                "ask" => "asks",
                _ => return None,
            };
            for mut item in value.as_array()?.clone() {
                let obj = item.as_object_mut()?;
                let mut default = |k: &str, v: Value| {
                    obj.entry(k.to_string()).or_insert(v);
                };
                match key.as_str() {
                    "question" => {
                        default("probe_refs", json!([]));
                        // A probe written as a plain string is one with no seeks.
                        let probes = obj.get_mut("probes")?.as_array_mut()?;
                        for p in probes.iter_mut() {
                            if let Value::String(t) = p {
                                *p = json!({ "text": t.clone() });
                            }
                        }
                    }
                    "probe" => {
                        default("signal", Value::Null);
                        default("principles", json!([]));
                    }
                    "rubric" => default("principle", Value::Null),
                    "template" => {
                        default("roles", json!([]));
                        default("writing", Value::Null);
                        // An interview with a focus asks one focus question
                        // unless it says how many.
                        for slot in obj.get_mut("interview")?.as_array_mut()? {
                            let slot = slot.as_object_mut()?;
                            if slot.contains_key("focus") && !slot.contains_key("focus_questions") {
                                let n = slot.get("questions")?.as_u64()?.min(1);
                                slot.insert("focus_questions".into(), json!(n));
                            }
                        }
                    }
                    "format" => default("example", Value::Null),
                    "red_flag" | "ask" => {
                        for k in [
                            "cues",
                            "anyone",
                            "unless",
                            "undone_by",
                            "question",
                            "shows",
                            "contrary",
                            "opposite",
                        ] {
                            if let Some(Value::Array(list)) = obj.get_mut(k) {
                                let cues: Vec<String> = list
                                    .iter()
                                    .filter_map(|v| v.as_str().map(str::to_string))
                                    .collect();
                                *list = families::expand(&cues)
                                    .into_iter()
                                    .map(Value::String)
                                    .collect();
                            }
                        }
                    }
                    "writing" => {
                        default("sections", json!([]));
                        default("checks", json!([]));
                    }
                    _ => {}
                }
                for (from, to) in [
                    ("criterion", "criteria"),
                    ("interview", "interviews"),
                    ("field", "fields"),
                ] {
                    if let Some(v) = obj.remove(from) {
                        obj.insert(to.into(), v);
                    }
                }
                out.get_mut(target)?.as_array_mut()?.push(item);
            }
        }
    }
    serde_json::to_string(&Value::Object(out)).ok()
}
