//! The floor plan, checked: module imports form no circle, nothing server-only imports the
//! server functions or the pages, and each floor of `ssr/` uses only the floors below it
//! (`docs/decisions/0014-the-server-floor-plan.md`). Read from the source files, so a new
//! file is covered without being listed.
#![allow(clippy::unwrap_used)] // A test: a file it cannot read fails it.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every module of the crate (by path below the crate root) and the modules it refers to.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let modules: BTreeMap<Module, String> = files
        .iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).unwrap().with_extension("");
            let mut module: Module = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            (module, std::fs::read_to_string(path).unwrap())
        })
        .collect();
    let mut edges = BTreeMap::new();
    for (module, source) in &modules {
        let is_mod_file = source_is_mod_file(&root, module);
        let mut refs = BTreeSet::new();
        for path in paths(&without_tests_and_comments(source)) {
            let Some(target) = resolve(&path, module, is_mod_file, &modules) else { continue };
            if target != *module && !target.is_empty() {
                refs.insert(target);
            }
        }
        edges.insert(module.clone(), refs);
    }
    edges
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn source_is_mod_file(root: &Path, module: &Module) -> bool {
    module.is_empty() || root.join(module.join("/")).join("mod.rs").exists()
}

/// The source up to its test module, without comments.
fn without_tests_and_comments(source: &str) -> String {
    let end = source.find("#[cfg(test)]\nmod tests").or_else(|| source.find("#[cfg(all(test")).unwrap_or(source.len());
    source[..end]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| l.split(" // ").next().unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path the source names: `use` trees expanded, and paths written inline.
fn paths(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        rest = &rest[at + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = rest.find(';') else { break };
        // `x as y` keeps its meaning once the spaces are gone: `x@y`.
        let tree: String =
            rest[..end].split_whitespace().collect::<Vec<_>>().join(" ").replace(" as ", "@").replace(' ', "");
        expand("", &tree, &mut out);
    }
    let bytes: Vec<char> = source.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        if starts_word && bytes[i].is_alphabetic() {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_alphanumeric() || bytes[j] == '_' || bytes[j] == ':') {
                j += 1;
            }
            let word: String = bytes[i..j].iter().collect();
            // A word ending in `::` is the prefix of a `use` tree, expanded above.
            if ["crate::", "super::", "self::"].iter().any(|p| word.starts_with(p)) && !word.ends_with("::") {
                out.push(word);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let mut depth = 0;
    let mut start = 0;
    let mut items = Vec::new();
    for (i, c) in tree.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&tree[start..]);
    for item in items.into_iter().filter(|i| !i.is_empty()) {
        match item.find('{') {
            Some(open) => expand(&format!("{prefix}{}", &item[..open]), &item[open + 1..item.len() - 1], out),
            None => out.push(format!("{prefix}{}", item.split('@').next().unwrap_or(item))),
        }
    }
}

/// The module a path lands in: the longest prefix that is a module of the crate.
fn resolve(path: &str, module: &Module, is_mod_file: bool, modules: &BTreeMap<Module, String>) -> Option<Module> {
    let mut segments = path.split("::").filter(|s| !s.is_empty()).map(str::to_owned);
    let first = segments.next()?;
    let mut full: Module = match first.as_str() {
        "crate" => Vec::new(),
        "self" => module.clone(),
        "super" => {
            let mut base = module.clone();
            base.pop();
            base
        }
        // A child module named without a prefix (`use state::AppState` in a `mod.rs`).
        child if is_mod_file && modules.contains_key(&[module.clone(), vec![child.to_owned()]].concat()) => {
            [module.clone(), vec![child.to_owned()]].concat()
        }
        _ => return None,
    };
    for segment in segments {
        if segment == "super" {
            full.pop();
        } else {
            full.push(segment);
        }
    }
    (0..=full.len()).rev().map(|n| full[..n].to_vec()).find(|m| modules.contains_key(m))
}

fn name(module: &Module) -> String {
    if module.is_empty() { "lib".to_owned() } else { module.join("/") }
}

/// The floor of a module of `ssr/`: it may use its own floor and those below.
fn floor(module: &Module) -> Option<u8> {
    if module.first().map(String::as_str) != Some("ssr") {
        return None;
    }
    Some(match module.get(1).map(String::as_str) {
        Some("config" | "infra") => 1,
        Some("db") => 2,
        Some("catalogue_engine" | "record_engine") => 3,
        Some("state") => 4,
        Some("auth" | "services") => 5,
        Some("jobs") => 6,
        Some("seed") => 7,
        // `ssr/mod.rs`: the front door, re-exporting the state.
        None => 8,
        Some(other) => panic!("ssr/{other} has no floor: give it one in floor_plan.rs and the decision note"),
    })
}

#[test]
fn module_imports_form_no_circle() {
    let edges = graph();
    // Depth-first search; a back edge closes a circle.
    fn visit(
        m: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, bool>,
        stack: &mut Vec<Module>,
        circles: &mut Vec<String>,
    ) {
        state.insert(m.clone(), false);
        stack.push(m.clone());
        for next in edges.get(m).into_iter().flatten() {
            match state.get(next) {
                None => visit(next, edges, state, stack, circles),
                Some(false) => {
                    let from = stack.iter().position(|s| s == next).unwrap_or(0);
                    let names: Vec<String> = stack[from..].iter().chain([next]).map(name).collect();
                    circles.push(names.join(" → "));
                }
                Some(true) => {}
            }
        }
        stack.pop();
        state.insert(m.clone(), true);
    }
    let (mut state, mut circles) = (BTreeMap::new(), Vec::new());
    for m in edges.keys() {
        if !state.contains_key(m) {
            visit(m, &edges, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    assert!(circles.is_empty(), "import circles:\n{}", circles.join("\n"));
}

#[test]
fn server_code_uses_only_lower_floors_and_never_the_api_or_pages() {
    let mut wrong = Vec::new();
    for (from, targets) in graph() {
        let Some(own) = floor(&from) else { continue };
        for to in targets {
            let upward = match to.first().map(String::as_str) {
                Some("api" | "pages" | "app" | "components") => true,
                _ => floor(&to).is_some_and(|theirs| theirs > own),
            };
            if upward {
                wrong.push(format!("{} → {}", name(&from), name(&to)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports that point up:\n{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_circles_and_floors() {
    let modules: BTreeMap<Module, String> = [
        (vec!["ssr".into(), "db".into()], String::new()),
        (vec!["ssr".into(), "db".into(), "x".into()], String::new()),
    ]
    .into_iter()
    .collect();
    let db = vec!["ssr".to_owned(), "db".to_owned()];
    let x = vec!["ssr".to_owned(), "db".to_owned(), "x".to_owned()];
    assert_eq!(resolve("super::x::Thing", &vec!["ssr".into(), "db".into(), "y".into()], false, &modules), Some(x));
    assert_eq!(resolve("crate::ssr::db::Db", &db, true, &modules), Some(db.clone()));
    let found: BTreeSet<String> =
        paths("use crate::{a::{b, c as d}, e};\nlet x = crate::f::g();").into_iter().collect();
    for expected in ["crate::a::b", "crate::a::c", "crate::e", "crate::f::g"] {
        assert!(found.contains(expected), "{expected} in {found:?}");
    }
    assert!(floor(&vec!["ssr".into(), "infra".into(), "mailer".into()]) < floor(&db));
}
