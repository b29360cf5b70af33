//! Data-driven rule tests: every file under `fixtures/<RULE>/` is scanned with only that
//! rule enabled. Negative files must produce no finding; positive files must produce findings
//! on exactly the lines their `authlint-expect` markers name (see fixtures/README.md).

use authlint::{Config, scan};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lines (1-based) where `rule` is expected in `path`, from inline markers and `.expect` files,
/// each with the level the marker names (`authlint-expect: AL001[warning]`), if it names one.
fn expected_lines(path: &Path, rule: &str) -> BTreeMap<u32, Option<String>> {
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let mut lines = BTreeMap::new();
    // `AL001, AL004[note]` → the entry for `rule`: None if absent, Some(level) if present.
    let entry = |list: &str| -> Option<Option<String>> {
        list.split(',')
            .map(str::trim)
            .take_while(|s| s.starts_with("AL"))
            .find_map(|item| {
                let (id, level) = match item.split_once('[') {
                    Some((id, rest)) => (id, Some(rest.trim_end_matches(']').to_owned())),
                    None => (item, None),
                };
                (id == rule).then_some(level)
            })
    };
    for (i, line) in text.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap();
        for (marker, offset) in [("authlint-expect-next:", 1), ("authlint-expect:", 0)] {
            if let Some(pos) = line.find(marker) {
                let list: String = line[pos + marker.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ',' | ' ' | '[' | ']'))
                    .collect();
                if let Some(level) = entry(&list) {
                    lines.insert(n + offset, level);
                }
                break;
            }
        }
    }
    let sidecar = PathBuf::from(format!("{}.expect", path.display()));
    if let Ok(text) = std::fs::read_to_string(&sidecar) {
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        {
            let (num, list) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("{}: bad line {line:?}", sidecar.display()));
            if let Some(level) = entry(list) {
                lines.insert(num.trim().parse().unwrap(), level);
            }
        }
    }
    lines
}

fn rule_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".expect"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_yields_exactly_its_expected_findings() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in rule_dirs() {
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        let config = Config {
            paths: vec![dir.clone()],
            select: Some(vec![rule.clone()]),
            hidden: true,
            ..Config::default()
        };
        let report = scan(&config).unwrap_or_else(|e| panic!("scanning {}: {e:#}", dir.display()));
        assert!(
            report.notices.is_empty(),
            "notices while scanning {}: {:?}",
            dir.display(),
            report.notices
        );
        let mut actual: BTreeMap<String, BTreeMap<u32, BTreeSet<String>>> = BTreeMap::new();
        for f in &report.findings {
            actual
                .entry(f.path.clone())
                .or_default()
                .entry(f.start.line)
                .or_default()
                .insert(f.level.as_str().to_owned());
        }
        for file in fixture_files(&dir) {
            let shown = file.to_string_lossy().replace('\\', "/");
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let got_levels = actual.remove(&shown).unwrap_or_default();
            let got: BTreeSet<u32> = got_levels.keys().copied().collect();
            let want_levels = expected_lines(&file, &rule);
            let want: BTreeSet<u32> = want_levels.keys().copied().collect();
            for (line, level) in &want_levels {
                if let (Some(level), Some(found)) = (level, got_levels.get(line))
                    && !found.contains(level)
                {
                    failures.push(format!(
                        "{shown}:{line}: {rule} expected at level {level}, found {found:?}"
                    ));
                }
            }
            checked += 1;
            if name.starts_with("negative") {
                if !got.is_empty() {
                    failures.push(format!(
                        "{shown}: negative fixture has {rule} findings on lines {got:?}"
                    ));
                }
            } else if name.starts_with("positive") {
                if want.is_empty() {
                    failures.push(format!(
                        "{shown}: positive fixture has no authlint-expect marker for {rule}"
                    ));
                }
                let missing: Vec<_> = want.difference(&got).collect();
                let extra: Vec<_> = got.difference(&want).collect();
                if !missing.is_empty() || !extra.is_empty() {
                    failures.push(format!("{shown}: {rule} missing on lines {missing:?}, unexpected on lines {extra:?}"));
                }
            } else {
                failures.push(format!(
                    "{shown}: fixture names start with `positive` or `negative`"
                ));
            }
        }
        assert!(
            actual.is_empty(),
            "findings in files that are not fixtures: {actual:?}"
        );
    }
    assert!(checked > 0, "no fixtures found");
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every finding in a file with a front-end must come from a fact detector or from a line the
/// grammar could not parse: the fixtures pass on facts, not on line regexes.
#[test]
fn fixtures_in_parsed_languages_are_matched_on_facts() {
    use authlint::lang::{Lang, classify};
    use authlint::rule::{Catalog, Over};
    use authlint::syntax::{Front, Parsers, error_regions};
    use std::time::Duration;

    let catalog = Catalog::embedded().unwrap();
    let mut parsers = Parsers::default();
    let mut failures = Vec::new();
    let (mut on_facts, mut on_text, mut in_unparsed) = (0, 0, 0);
    for dir in rule_dirs() {
        let rule_id = dir.file_name().unwrap().to_string_lossy().into_owned();
        let rule = catalog.get(&rule_id).unwrap();
        for file in fixture_files(&dir) {
            let text = std::fs::read_to_string(&file).unwrap();
            let lang = classify(&file, text.lines().next().unwrap_or("").as_bytes());
            // Text detectors may still fire in the lines that did not parse (.env files are
            // read line by line, without a grammar, so all of them parse).
            let unparsed = if lang == Lang::Dotenv {
                Vec::new()
            } else {
                let Some(front) = Front::for_file(lang, &file) else {
                    continue;
                };
                let tree = parsers
                    .parse(front, &text, Duration::from_secs(10))
                    .unwrap();
                error_regions(&tree, &text)
            };
            let line_start = |line: u32| -> usize {
                text.split_inclusive('\n')
                    .take(line as usize - 1)
                    .map(str::len)
                    .sum()
            };
            let config = Config {
                paths: vec![file.clone()],
                select: Some(vec![rule_id.clone()]),
                hidden: true,
                ..Config::default()
            };
            for f in scan(&config).unwrap().findings {
                let det = rule.detectors.iter().find(|d| d.id == f.detector).unwrap();
                if det.over != Over::Text {
                    on_facts += 1;
                } else if det.in_parsed_files {
                    on_text += 1;
                } else if unparsed
                    .iter()
                    .any(|r| r.contains(&line_start(f.start.line)))
                {
                    in_unparsed += 1;
                } else {
                    failures.push(format!(
                        "{}:{}: text detector {} fired on a parsed file",
                        file.display(),
                        f.start.line,
                        f.detector
                    ));
                }
            }
        }
    }
    println!(
        "findings in parsed fixtures: {on_facts} on facts, {on_text} on text detectors, \
         {in_unparsed} in lines that did not parse"
    );
    assert!(on_facts > 0);
    // Every built-in rule is on facts; `in-parsed-files` is for user rules in transition.
    assert_eq!(
        on_text, 0,
        "built-in detectors still marked in-parsed-files fired"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule has a positive and a negative fixture in every language integrations are
/// written in, as classified by a real scan (so `.trigger` counts as Apex, `.sh` as shell).
#[test]
fn every_rule_has_positive_and_negative_fixtures_in_every_language() {
    use authlint::lang::classify;
    let langs = [
        "python",
        "java",
        "javascript",
        "typescript",
        "apex",
        "csharp",
        "go",
        "ruby",
        "php",
        "kotlin",
        "scala",
        "shell",
        "powershell",
        "http",
        "markdown",
        "yaml",
        "json",
        "xml",
        "properties",
        "dotenv",
    ];
    let mut missing = Vec::new();
    let mut rules: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    rules.sort();
    assert_eq!(rules.len(), 7, "{rules:?}");
    for dir in rules {
        let mut seen = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".expect") {
                continue;
            }
            let first = std::fs::read(&path).unwrap_or_default();
            let first = first.split(|&b| b == b'\n').next().unwrap_or_default();
            let kind = if name.starts_with("positive") {
                "positive"
            } else {
                "negative"
            };
            seen.insert((classify(&path, first).name(), kind));
        }
        for lang in langs {
            for kind in ["positive", "negative"] {
                if !seen.contains(&(lang, kind)) {
                    missing.push(format!("{}: {kind} {lang}", dir.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing fixtures:\n{}",
        missing.join("\n")
    );
}
