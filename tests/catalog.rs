//! Rules about rules: the embedded catalogue is complete and well formed, and every rule
//! has positive and negative fixtures in at least five file kinds that its keywords reach.

use authlint::Catalog;
use authlint::lang::classify;
use std::collections::BTreeSet;
use std::path::Path;

const CATALOGUE: [(&str, &str); 8] = [
    ("AL000", "unused-suppression"),
    ("AL001", "oauth-password-grant"),
    ("AL002", "secret-in-query-string"),
    ("AL003", "legacy-login-host"),
    ("AL004", "stored-security-token"),
    ("AL005", "soap-password-login"),
    ("AL006", "zoom-jwt-app"),
    ("AL007", "stored-integration-password"),
];

#[test]
fn the_catalogue_has_the_stable_ids_and_names() {
    let cat = Catalog::embedded().expect("embedded rules load");
    let got: Vec<(&str, &str)> = cat
        .rules
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(got, CATALOGUE);
    for (id, name) in CATALOGUE {
        assert!(
            Path::new(&format!("rules/{id}-{name}.toml")).is_file(),
            "rules/{id}-{name}.toml"
        );
    }
}

#[test]
fn every_embedded_pattern_compiles() {
    // Patterns compile lazily at scan time; this is where a broken one is caught.
    Catalog::embedded().unwrap().compile_all().unwrap();
}

#[test]
fn rules_carry_what_reports_need() {
    let cat = Catalog::embedded().unwrap();
    for r in &cat.rules {
        assert!(r.meta || !r.detectors.is_empty(), "{}: no detectors", r.id);
        assert!(
            r.meta || r.help.to_lowercase().contains("migrat"),
            "{}: help must say how to migrate",
            r.id
        );
        assert!(
            r.help.contains("## "),
            "{}: help is markdown with sections",
            r.id
        );
        assert!(
            r.summary.len() <= 120,
            "{}: summary is one short line",
            r.id
        );
        assert!(
            r.tags.iter().any(|t| t == "security"),
            "{}: security tag",
            r.id
        );
        assert!(
            r.keywords.iter().all(|k| k.len() >= 3),
            "{}: keywords too short to prefilter",
            r.id
        );
    }
}

#[test]
fn malformed_rule_files_are_rejected_with_the_reason() {
    let good = std::fs::read_to_string("rules/AL001-oauth-password-grant.toml").unwrap();
    let typo = good.replacen("keywords", "keyword", 1);
    let err = authlint::rule::parse_rule("AL001-oauth-password-grant.toml", &typo).unwrap_err();
    assert!(format!("{err:#}").contains("keyword"), "{err:#}");
    let err = authlint::rule::parse_rule("AL009-x.toml", &good).unwrap_err();
    assert!(
        format!("{err:#}").contains("must start with its id"),
        "{err:#}"
    );
    let bad_regex = format!(
        "{good}\n[[detector]]\nid = \"broken\"\nregex = '''(?P<match>unclosed'''\nmessage = \"m\"\n"
    );
    let err =
        authlint::rule::parse_rule("AL001-oauth-password-grant.toml", &bad_regex).unwrap_err();
    assert!(format!("{err:#}").contains("broken"), "{err:#}");
}

#[test]
fn every_rule_has_fixtures_in_five_file_kinds_and_they_contain_a_keyword() {
    let cat = Catalog::embedded().unwrap();
    let ids: BTreeSet<String> = cat.rules.iter().map(|r| r.id.clone()).collect();
    for entry in std::fs::read_dir("fixtures").unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(ids.contains(&name), "fixtures/{name} has no rule");
        }
    }
    // AL000 is reported by the scanner, not by detectors: tests/cli.rs covers it.
    for r in cat.rules.iter().filter(|r| !r.meta) {
        let dir = Path::new("fixtures").join(&r.id);
        let mut kinds = [BTreeSet::new(), BTreeSet::new()];
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("{} missing", dir.display()))
        {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".expect") {
                continue;
            }
            let lang = classify(&path, b"");
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).to_lowercase();
            if name.starts_with("positive") {
                kinds[0].insert(lang);
                assert!(
                    r.keywords.iter().any(|k| text.contains(k.as_str())),
                    "{}: no keyword of {}",
                    path.display(),
                    r.id
                );
            } else {
                kinds[1].insert(lang);
            }
        }
        assert!(
            kinds[0].len() >= 5,
            "{}: positive fixtures in {} kinds, want 5: {:?}",
            r.id,
            kinds[0].len(),
            kinds[0]
        );
        assert!(
            kinds[1].len() >= 5,
            "{}: negative fixtures in {} kinds, want 5: {:?}",
            r.id,
            kinds[1].len(),
            kinds[1]
        );
    }
}
