//! SARIF output: every log validates against the official SARIF 2.1.0 schema (draft-04,
//! `schemas/`), passes the GitHub code-scanning checks of shared/sarif/README.md, and the
//! log for the reference source matches the reviewed golden file.

use assert_cmd::Command;
use serde_json::Value;

fn sarif_for(args: &[&str]) -> Value {
    let out = Command::cargo_bin("authlint")
        .unwrap()
        .arg("scan")
        .arg("--format")
        .arg("sarif")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

fn schema_errors(log: &Value) -> Vec<String> {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string("schemas/sarif-schema-2.1.0.json").unwrap())
            .unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The GitHub ingestion rules that naive SARIF writers break (shared/sarif/README.md).
fn github_errors(log: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            errs.push(what);
        }
    };
    check(log["version"] == "2.1.0", "version".into());
    check(
        log["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif-schema-2.1.0")),
        "$schema".into(),
    );
    let runs = log["runs"].as_array().unwrap();
    check(runs.len() == 1, "exactly one run".into());
    let run = &runs[0];
    check(
        run.get("automationDetails").is_none(),
        "no automationDetails by default".into(),
    );
    let driver = &run["tool"]["driver"];
    check(driver["name"] == "authlint", "driver name".into());
    let rules = driver["rules"].as_array().expect("driver.rules");
    for (i, rule) in rules.iter().enumerate() {
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap_or("");
            check(!text.is_empty(), format!("rule {i} {field}.text"));
            check(
                field == "help" || text.chars().count() <= 1024,
                format!("rule {i} {field} <= 1024"),
            );
        }
        check(
            rule["help"]["markdown"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            format!("rule {i} help.markdown"),
        );
        let sev = &rule["properties"]["security-severity"];
        check(
            sev.as_str()
                .and_then(|s| s.parse::<f64>().ok())
                .is_some_and(|v| v > 0.0 && v <= 10.0),
            format!("rule {i} security-severity string in (0,10]"),
        );
        let tags = rule["properties"]["tags"].as_array().unwrap();
        check(
            tags.iter().any(|t| t == "security") && tags.len() <= 20,
            format!("rule {i} tags"),
        );
        check(
            ["note", "warning", "error"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap_or("")),
            format!("rule {i} level"),
        );
    }
    let results = run["results"].as_array().expect("results");
    if !results.is_empty() {
        check(run["columnKind"] == "utf16CodeUnits", "columnKind".into());
    }
    for (i, r) in results.iter().enumerate() {
        let id = r["ruleId"].as_str().unwrap_or("");
        let index =
            usize::try_from(r["ruleIndex"].as_u64().unwrap_or(u64::MAX)).unwrap_or(usize::MAX);
        check(
            rules.get(index).is_some_and(|rule| rule["id"] == id),
            format!("result {i}: ruleIndex points at ruleId {id}"),
        );
        check(
            r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()),
            format!("result {i} message.text"),
        );
        check(
            ["note", "warning", "error"].contains(&r["level"].as_str().unwrap_or("")),
            format!("result {i} level"),
        );
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap_or("");
        check(
            !uri.is_empty()
                && !uri.starts_with('/')
                && !uri.starts_with("./")
                && !uri.contains('\\')
                && !uri.contains(':'),
            format!("result {i} relative uri {uri}"),
        );
        check(
            loc["artifactLocation"]["uriBaseId"] == "SRCROOT",
            format!("result {i} uriBaseId"),
        );
        for field in ["startLine", "startColumn", "endLine", "endColumn"] {
            check(
                loc["region"][field].as_u64().is_some_and(|v| v >= 1),
                format!("result {i} region.{field} >= 1"),
            );
        }
        let hash = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap_or("");
        let (hex, count) = hash.split_once(':').unwrap_or(("", ""));
        check(
            !hex.is_empty()
                && hex.len() <= 16
                && hex
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
                && count.parse::<u32>().is_ok_and(|n| n >= 1),
            format!("result {i} primaryLocationLineHash {hash}"),
        );
        check(r.get("kind").is_none(), format!("result {i} kind"));
    }
    errs
}

fn assert_valid(log: &Value) {
    let errs = schema_errors(log);
    assert!(errs.is_empty(), "schema errors:\n{}", errs.join("\n"));
    let errs = github_errors(log);
    assert!(
        errs.is_empty(),
        "GitHub rule violations:\n{}",
        errs.join("\n")
    );
}

#[test]
fn sarif_for_every_fixture_validates() {
    let log = sarif_for(&["fixtures", "--fail-on", "never"]);
    assert!(
        log["runs"][0]["results"].as_array().unwrap().len() > 50,
        "fixtures produce many results"
    );
    assert_valid(&log);
    let fixes = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("fixes").is_some())
        .count();
    assert!(fixes > 0, "mechanical fixes appear as SARIF fixes");
}

#[test]
fn sarif_for_the_examples_validates_and_lists_every_rule() {
    let log = sarif_for(&["examples"]);
    assert_valid(&log);
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
}

#[test]
fn sarif_with_no_results_validates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.py"), "print('hello')\n").unwrap();
    let log = sarif_for(&[dir.path().to_str().unwrap()]);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    assert_valid(&log);
}

#[test]
fn reference_log_matches_the_golden_file() {
    let out = Command::cargo_bin("authlint")
        .unwrap()
        .current_dir("tests/data/reference")
        .args(["scan", "--format", "sarif", "--select", "AL001", "src"])
        .output()
        .unwrap();
    let mut got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&got);
    got["runs"][0]["tool"]["driver"]["version"] = "[VERSION]".into();
    got["runs"][0]["tool"]["driver"]["semanticVersion"] = "[VERSION]".into();
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string("tests/data/reference.sarif").unwrap())
            .unwrap();
    assert_eq!(
        got,
        want,
        "got:\n{}",
        serde_json::to_string_pretty(&got).unwrap()
    );
    let result = &got["runs"][0]["results"][0];
    assert_eq!(
        result["partialFingerprints"]["primaryLocationLineHash"],
        "fe1696b4b07bf6dc:1"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        12
    );
}

#[test]
fn columns_are_utf16_code_units() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.py"),
        "x = {'😀é': 1, 'grant_type': 'password'}\n",
    )
    .unwrap();
    let out = Command::cargo_bin("authlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["scan", "--format", "sarif", "--select", "AL001", "t.py"])
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    let line = "x = {'😀é': 1, 'grant_type': 'password'}";
    let start = line.find("password").unwrap();
    let utf16 = u64::try_from(line[..start].encode_utf16().count()).unwrap() + 1;
    assert_eq!(region["startColumn"], utf16, "{region}");
    assert_eq!(region["endColumn"], utf16 + 8, "{region}");
    assert_eq!(
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "t.py"
    );
}
