//! End-to-end tests of the `authlint` binary: exit codes, formats, selection, explicit paths,
//! hostile input (binary, invalid UTF-8, FIFO, symlink loop, unreadable file), redaction.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

const GRANT: &str = "import requests\n\nresp = requests.post(\n    \"https://login.salesforce.com/services/oauth2/token\",\n    data={\"grant_type\": \"password\", \"client_id\": CID, \"password\": \"Winter2026!Tr0ub4dor\"},\n)\n";

fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn authlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("authlint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn json_findings(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = authlint(dir)
        .args(["scan", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (
        out.status.code().unwrap(),
        doc["findings"].as_array().unwrap().clone(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tree(&[("app.py", GRANT), ("clean.py", "print('ok')\n")]);
    authlint(dir.path())
        .args(["scan", "clean.py"])
        .assert()
        .code(0);
    authlint(dir.path()).args(["scan"]).assert().code(1);
    authlint(dir.path())
        .args(["scan", "--fail-on", "never"])
        .assert()
        .code(0);
    // The password grant at login.salesforce.com is an error, so --fail-on error still fails.
    authlint(dir.path())
        .args(["scan", "--fail-on", "error", "--select", "AL001"])
        .assert()
        .code(1);
    authlint(dir.path())
        .args(["scan", "--select", "AL999"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown rule `AL999`"));
    authlint(dir.path())
        .args(["scan", "missing-dir"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing-dir"));
    authlint(dir.path())
        .args(["scan", "--format", "yaml"])
        .assert()
        .code(2);
    authlint(dir.path())
        .args(["scan", "--max-filesize", "10X"])
        .assert()
        .code(2);
}

#[test]
fn only_a_notes_only_scan_passes_fail_on_warning() {
    let dir = tree(&[(
        "README.md",
        "Old docs said to send grant_type=password to the token endpoint.\n",
    )]);
    let (code, findings, _) =
        json_findings(dir.path(), &["--select", "AL001", "--fail-on", "warning"]);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["level"], "note", "Markdown prose is a note");
    assert_eq!(code, 0);
}

#[test]
fn text_output_points_at_the_span_and_summarises() {
    let dir = tree(&[("app.py", GRANT)]);
    let out = authlint(dir.path())
        .args(["scan", "--select", "AL001", "app.py"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("app.py:5:26: AL001 [error] "), "{text}");
    assert!(
        text.contains("5 |     data={\"grant_type\": \"password\""),
        "{text}"
    );
    assert!(
        text.contains("  |                          ^^^^^^^^\n"),
        "{text}"
    );
    assert!(text.contains("fix: "), "{text}");
    assert!(text.contains("AL001  oauth-password-grant"), "{text}");
    assert!(
        text.contains("Found 1 finding (1 error) in 1 file (1 file scanned)."),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no colour when NO_COLOR is set / not a terminal"
    );
    let forced = authlint(dir.path())
        .args(["scan", "--select", "AL001", "--color", "always", "app.py"])
        .output()
        .unwrap();
    assert!(String::from_utf8(forced.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let dir = tree(&[("app.py", GRANT)]);
    let out = authlint(dir.path())
        .args(["scan", "--format", "concise", "--select", "AL001,AL003"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("app.py:4:") && lines[0].contains(" AL003 "),
        "{text}"
    );
    assert!(lines[1].starts_with("app.py:5:26: AL001 [error]"), "{text}");
}

#[test]
fn json_is_sorted_and_complete() {
    let dir = tree(&[("b.py", GRANT), ("a/a.py", GRANT)]);
    let (code, findings, _) = json_findings(dir.path(), &["--threads", "4"]);
    assert_eq!(code, 1);
    let keys: Vec<(String, u64, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["span"]["start"]["line"].as_u64().unwrap(),
                f["span"]["start"]["column"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys[0].0, "a/a.py");
    let grant = findings.iter().find(|f| f["rule"] == "AL001").unwrap();
    for field in [
        "rule",
        "name",
        "level",
        "path",
        "span",
        "message",
        "suggestion",
        "snippet",
        "fix",
    ] {
        assert!(grant.get(field).is_some(), "missing {field}: {grant}");
    }
    assert_eq!(grant["fix"]["edits"][0]["content"], "client_credentials");
    assert_eq!(grant["fix"]["applicability"], "unsafe");
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let mut files: Vec<(String, &str)> = (0..40)
        .map(|i| (format!("d{}/f{i}.py", i % 7), GRANT))
        .collect();
    files.push(("noise.txt".into(), "nothing"));
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    let dir = tree(&refs);
    let one = authlint(dir.path())
        .args(["scan", "--format", "json", "-j", "1"])
        .output()
        .unwrap()
        .stdout;
    for _ in 0..3 {
        let many = authlint(dir.path())
            .args(["scan", "--format", "json", "-j", "8"])
            .output()
            .unwrap()
            .stdout;
        assert_eq!(one, many);
    }
}

#[test]
fn select_and_ignore() {
    let dir = tree(&[("app.py", GRANT)]);
    let (_, all, _) = json_findings(dir.path(), &[]);
    let rules: std::collections::BTreeSet<&str> =
        all.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(
        rules.contains("AL001") && rules.contains("AL003"),
        "{rules:?}"
    );
    let (_, only, _) = json_findings(dir.path(), &["--select", "AL003"]);
    assert!(only.iter().all(|f| f["rule"] == "AL003") && !only.is_empty());
    let (_, ignored, _) = json_findings(dir.path(), &["--ignore", "AL003"]);
    assert!(ignored.iter().all(|f| f["rule"] != "AL003") && !ignored.is_empty());
}

#[test]
fn gitignored_files_are_skipped_unless_named_or_no_ignore() {
    let dir = tree(&[
        (".gitignore", "secret/\n"),
        ("secret/app.py", GRANT),
        (".hidden/app.py", GRANT),
    ]);
    let (code, findings, _) = json_findings(dir.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0));
    let (_, named, _) = json_findings(dir.path(), &["secret/app.py"]);
    assert!(
        !named.is_empty(),
        "explicit paths are scanned even when ignored"
    );
    let (_, no_ignore, _) = json_findings(dir.path(), &["--no-ignore"]);
    assert!(
        no_ignore
            .iter()
            .all(|f| f["path"].as_str().unwrap().starts_with("secret/"))
            && !no_ignore.is_empty()
    );
    let (_, hidden, _) = json_findings(dir.path(), &["--hidden"]);
    assert!(
        hidden
            .iter()
            .any(|f| f["path"].as_str().unwrap().starts_with(".hidden/"))
    );
    let (_, hidden_file, _) = json_findings(dir.path(), &[".hidden/app.py"]);
    assert!(
        !hidden_file.is_empty(),
        "an explicit hidden file is scanned"
    );
}

#[test]
fn env_files_and_ci_definitions_are_scanned_but_other_dotfiles_need_hidden() {
    let env = "SF_USERNAME=ops@acme.com\nSF_PASSWORD=Winter2026!Tr0ub4dor\n";
    let workflow = "steps:\n  - run: curl -d grant_type=password https://login.salesforce.com/services/oauth2/token\n";
    let dir = tree(&[
        (".env", env),
        ("svc/.env.production", env),
        (".github/workflows/sync.yml", workflow),
        (".idea/notes.py", GRANT),
        (".git/hooks/pre-commit.py", GRANT),
    ]);
    let (_, findings, _) = json_findings(dir.path(), &[]);
    let paths: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths.into_iter().collect::<Vec<_>>(),
        [".env", ".github/workflows/sync.yml", "svc/.env.production"]
    );
    let (_, all, _) = json_findings(dir.path(), &["--hidden"]);
    let paths: std::collections::BTreeSet<&str> =
        all.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.contains(".idea/notes.py"), "{paths:?}");
    assert!(
        !paths.iter().any(|p| p.starts_with(".git/")),
        "version control metadata is never walked: {paths:?}"
    );
}

#[test]
fn binary_files_are_skipped_and_named_ones_reported() {
    let mut bin = b"grant_type=password\0\x01\x02".to_vec();
    bin.extend_from_slice(GRANT.as_bytes());
    let dir = tree(&[("app.py", GRANT)]);
    std::fs::write(dir.path().join("blob.bin"), &bin).unwrap();
    let (code, findings, stderr) = json_findings(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(findings.iter().all(|f| f["path"] == "app.py"));
    assert!(
        stderr.is_empty(),
        "walked binaries are skipped quietly: {stderr}"
    );
    let (code, findings, stderr) = json_findings(dir.path(), &["blob.bin"]);
    assert_eq!((code, findings.len()), (0, 0));
    assert!(stderr.contains("blob.bin: binary file"), "{stderr}");
    let text = authlint(dir.path()).args(["scan"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("(1 file scanned; skipped: 1 binary)."),
        "the summary counts skipped files: {text}"
    );
}

#[test]
fn invalid_utf8_is_decoded_lossily_and_scanned() {
    let mut bytes = b"# caf\xe9 \xff\xfe\n".to_vec();
    bytes.extend_from_slice(GRANT.as_bytes());
    let dir = tree(&[]);
    std::fs::write(dir.path().join("latin1.py"), &bytes).unwrap();
    let (code, findings, stderr) = json_findings(dir.path(), &["--select", "AL001"]);
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["span"]["start"]["line"], 6);
    assert!(stderr.contains("latin1.py: not valid UTF-8"), "{stderr}");
}

#[test]
fn utf16_files_with_a_bom_are_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in GRANT.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let dir = tree(&[]);
    std::fs::write(dir.path().join("win.py"), &bytes).unwrap();
    let (_, findings, _) = json_findings(dir.path(), &["--select", "AL001"]);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["span"]["start"]["line"], 5);
}

#[cfg(unix)]
#[test]
fn fifos_are_never_opened() {
    let dir = tree(&[("app.py", GRANT)]);
    let fifo = dir.path().join("pipe.py");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    // A read of the FIFO would block forever; the timeout turns that into a failure.
    let out = authlint(dir.path())
        .args(["scan", "--format", "json"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = authlint(dir.path())
        .args(["scan", "pipe.py", "app.py"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pipe.py: not a regular file"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_and_links_are_not_followed_in_walks() {
    let dir = tree(&[("sub/app.py", GRANT)]);
    std::os::unix::fs::symlink("..", dir.path().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("app.py", dir.path().join("sub/alias.py")).unwrap();
    std::os::unix::fs::symlink("nowhere", dir.path().join("sub/dangling.py")).unwrap();
    let (code, findings, _) = json_findings(dir.path(), &["--select", "AL001"]);
    assert_eq!(code, 1);
    let paths: Vec<&str> = findings
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["sub/app.py"],
        "each file once, never through a link"
    );
    let (_, named, _) = json_findings(dir.path(), &["--select", "AL001", "sub/alias.py"]);
    assert_eq!(
        named.len(),
        1,
        "a link named on the command line is followed"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn unreadable_files_are_reported_and_the_scan_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("app.py", GRANT), ("locked.py", GRANT)]);
    let locked = dir.path().join("locked.py");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // root can read a 000 file; /proc/self/mem is a regular file whose first read always fails.
    let unreadable = if std::fs::read(&locked).is_ok() {
        "/proc/self/mem".to_owned()
    } else {
        "locked.py".to_owned()
    };
    let (code, findings, stderr) =
        json_findings(dir.path(), &["--select", "AL001", "app.py", &unreadable]);
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 1);
    assert!(
        stderr.contains(&format!("authlint: {unreadable}: ")),
        "{stderr}"
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn large_files_are_skipped_with_a_message() {
    let big = format!("{GRANT}{}", "x".repeat(4096));
    let dir = tree(&[("big.py", &big), ("app.py", GRANT)]);
    let (code, findings, stderr) =
        json_findings(dir.path(), &["--max-filesize", "1K", "--select", "AL001"]);
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 1);
    assert!(stderr.contains("big.py: skipped"), "{stderr}");
}

#[test]
fn secrets_are_redacted_unless_asked() {
    let token = "aB3dE5gH7jK9mN1pQ3sT5vW7";
    let src = format!(
        "SF_USERNAME=integration@acme.com\nSF_PASSWORD=Winter2026!Tr0ub4dor\nSF_SECURITY_TOKEN={token}\n"
    );
    let dir = tree(&[("sf.env", &src)]);
    for format in ["text", "json", "sarif", "concise"] {
        let out = authlint(dir.path())
            .args(["scan", "--format", format])
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(1), "{format}: {all}");
        assert!(
            !all.contains(token) && !all.contains("Winter2026!Tr0ub4dor"),
            "{format} leaks a secret:\n{all}"
        );
    }
    let out = authlint(dir.path())
        .args(["scan", "--format", "json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("aB3d…(24 chars)"));
    let shown = authlint(dir.path())
        .args(["scan", "--format", "json", "--show-secrets"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains(token));
}

#[test]
fn output_file_gets_the_report() {
    let dir = tree(&[("app.py", GRANT)]);
    authlint(dir.path())
        .args(["scan", "--format", "sarif", "--output", "out.sarif"])
        .assert()
        .code(1)
        .stdout("");
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(log["version"], "2.1.0");
}

#[test]
fn my_domain_makes_host_fixes_concrete() {
    let dir = tree(&[("app.py", GRANT)]);
    let (_, findings, _) = json_findings(dir.path(), &["--select", "AL003", "--my-domain", "acme"]);
    let fix = &findings[0]["fix"];
    assert_eq!(
        fix["edits"][0]["content"], "acme.my.salesforce.com",
        "{fix}"
    );
    assert_eq!(fix["applicability"], "unsafe");
    let (_, findings, _) = json_findings(dir.path(), &["--select", "AL003"]);
    assert_eq!(findings[0]["fix"]["applicability"], "display-only");
    authlint(dir.path())
        .args(["scan", "--my-domain", "bad domain!"])
        .assert()
        .code(2);
}

#[test]
fn rules_and_explain() {
    let dir = tree(&[]);
    let out = authlint(dir.path()).arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 8, "{text}");
    assert!(
        text.lines()
            .next()
            .unwrap()
            .starts_with("AL000  unused-suppression"),
        "{text}"
    );
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .starts_with("AL001  oauth-password-grant         error    OAuth"),
        "{text}"
    );
    let out = authlint(dir.path())
        .args(["explain", "al001"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# AL001 oauth-password-grant"), "{text}");
    assert!(text.to_lowercase().contains("client credentials"), "{text}");
    authlint(dir.path())
        .args(["explain", "AL999"])
        .assert()
        .code(2);
}

#[test]
fn comments_are_not_findings() {
    let src = "# data = {'grant_type': 'password'}\n\"\"\"Docs only.\"\"\"\n# https://login.salesforce.com/services/oauth2/token\nx = 1\n";
    let dir = tree(&[("old.py", src)]);
    let (code, findings, _) = json_findings(dir.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:?}");
}

#[test]
fn user_rules_extend_the_catalogue() {
    let rule = r#"
id = "XY001"
name = "demo-token"
level = "warning"
security-severity = "5.0"
precision = "medium"
tags = ["security"]
summary = "Demo token"
description = "A demo rule."
fix = "Remove it."
help = "Demo.\n\n## How to migrate\nRemove."
keywords = ["demotoken"]

[[detector]]
id = "assign"
regex = '''DEMOTOKEN\s*=\s*(?P<match>\w+)'''
message = "Demo token assigned."
"#;
    let dir = tree(&[
        ("rules/XY001-demo-token.toml", rule),
        ("src/a.sh", "DEMOTOKEN=abc\n"),
    ]);
    let (code, findings, _) = json_findings(dir.path(), &["--rules", "rules", "src"]);
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule"], "XY001");
    std::fs::write(
        dir.path().join("rules/XY001-demo-token.toml"),
        rule.replace("keywords", "keyword"),
    )
    .unwrap();
    authlint(dir.path())
        .args(["scan", "--rules", "rules", "src"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("XY001-demo-token.toml"));
}

/// Every 24–25 character mixed-case token-shaped value in the fixtures (the shape of a
/// Salesforce security token).
fn fixture_tokens() -> std::collections::BTreeSet<String> {
    let mut tokens = std::collections::BTreeSet::new();
    for dir in std::fs::read_dir("fixtures").unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(dir).unwrap() {
            let text =
                String::from_utf8_lossy(&std::fs::read(file.unwrap().path()).unwrap()).into_owned();
            for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                let mixed = word.bytes().any(|b| b.is_ascii_lowercase())
                    && word.bytes().any(|b| b.is_ascii_uppercase())
                    && word.bytes().any(|b| b.is_ascii_digit());
                if (24..=25).contains(&word.len()) && mixed {
                    tokens.insert(word.to_owned());
                }
            }
        }
    }
    tokens
}

#[test]
fn no_fixture_token_leaks_into_any_format() {
    let tokens = fixture_tokens();
    assert!(
        tokens.len() >= 10,
        "the fixtures hold security tokens: {tokens:?}"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut shown = 0;
    for format in ["text", "concise", "json", "sarif"] {
        for secrets in [false, true] {
            let mut cmd = authlint(root);
            cmd.args(["scan", "fixtures", "--fail-on", "never", "--format", format]);
            if secrets {
                cmd.arg("--show-secrets");
            }
            let out = cmd.output().unwrap();
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let leaked: Vec<&String> = tokens.iter().filter(|t| all.contains(t.as_str())).collect();
            if secrets {
                shown += leaked.len();
            } else {
                assert!(leaked.is_empty(), "{format} output shows {leaked:?}");
            }
        }
    }
    assert!(
        shown > 0,
        "--show-secrets shows the values the default output hides"
    );
}

#[test]
fn non_ascii_text_around_and_inside_matches_is_handled() {
    let src = "# Ünïcode 😀 header\nresp = requests.post(\"https://login.salesforce.com/services/oauth2/token\", data={\"grant_type\": \"password\", \"password\": \"Wïnter€2026ßßø\"})\nSF_SECURITY_TOKEN = \"Äb1Cd2Ef3Gh4Ij5Kl6Mn7Op8\"\n";
    let dir = tree(&[("ü.py", src)]);
    for format in ["text", "json", "sarif", "concise"] {
        let out = authlint(dir.path())
            .args(["scan", "--format", format])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let all = String::from_utf8(out.stdout).expect("valid UTF-8 output");
        assert!(
            !all.contains("Wïnter€2026ßßø"),
            "{format} leaks the password: {all}"
        );
    }
    let (_, findings, _) = json_findings(dir.path(), &["--select", "AL001"]);
    assert_eq!(findings[0]["span"]["start"]["line"], 2);
}

/// The `detector` and start line of each finding of `rule`.
fn lines_of(findings: &[Value], rule: &str) -> Vec<(u64, String)> {
    findings
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["span"]["start"]["line"].as_u64().unwrap(),
                f["detector"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn facts_fold_constants_and_ignore_comments() {
    // The grant type is a constant defined far from its use; the commented-out body and the
    // docstring say grant_type=password but run nothing.
    let mut src = String::from("GRANT = 'pass' + 'word'\n");
    src.push_str(&"x = 1\n".repeat(60));
    src.push_str(
        "def token(user, pw):\n    \"\"\"Not grant_type=password any more.\"\"\"\n    \
         # data = {'grant_type': 'password'}\n    \
         body = {\n        'grant_type': GRANT,\n        'username': user,\n        'password': pw,\n    }\n    \
         return requests.post('https://acme.my.salesforce.com/services/oauth2/token', data=body)\n",
    );
    let dir = tree(&[("sync.py", &src)]);
    let (_, findings, _) = json_findings(dir.path(), &["--select", "AL001"]);
    let got = lines_of(&findings, "AL001");
    assert_eq!(got, [(66, "grant-type-pair".to_owned())], "{findings:?}");
    assert_eq!(
        findings[0]["level"], "warning",
        "a variable password is a reference"
    );
}

#[test]
fn unparsable_and_oversized_files_fall_back_to_text() {
    // A Python 2 print statement does not parse; the line after it still counts (text
    // detectors run in lines that did not parse, facts everywhere else).
    let broken = "print 'starting'\nbody = 'grant_type=password&username=u&password=p'\n";
    // Over the 1 MB parse limit: matched as text, with a notice.
    let big = format!(
        "{{\"pad\": \"{}\",\n \"grant_type\": \"password\", \"password\": \"Tr0ub4dor&3x\"}}\n",
        "x".repeat(1_100_000)
    );
    let dir = tree(&[("old.py", broken), ("big.json", &big)]);
    let (_, findings, stderr) = json_findings(dir.path(), &["--select", "AL001"]);
    let mut paths: Vec<(&str, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["span"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    paths.sort_unstable();
    assert_eq!(paths, [("big.json", 2), ("old.py", 2)], "{findings:?}");
    assert!(
        stderr.contains("big.json: not parsed") && stderr.contains("parse limit"),
        "{stderr}"
    );
}

#[test]
fn text_only_matches_without_parsing() {
    // A comment is invisible to facts, and to the text detectors too (they blank comments);
    // a pair written across lines is found both ways.
    let src = "payload = {\n  # 'grant_type': 'password',\n  'grant_type':\n      'password',\n  'password': 'Tr0ub4dor&3x',\n}\n";
    let dir = tree(&[("auth.py", src)]);
    let (_, facts, _) = json_findings(dir.path(), &["--select", "AL001"]);
    let (_, text, _) = json_findings(dir.path(), &["--select", "AL001", "--text-only"]);
    assert_eq!(
        lines_of(&facts, "AL001"),
        [(4, "grant-type-pair-generic".to_owned())]
    );
    assert!(
        lines_of(&text, "AL001")
            .iter()
            .all(|(_, d)| !d.contains("pair")),
        "{text:?}"
    );
}

#[test]
fn markdown_fences_go_through_their_languages_front_end() {
    let md = "# Token helper\n\nThe old helper posted grant_type=password.\n\n```python\n\
              # body = {'grant_type': 'password'}\nURL = 'https://acme.my.salesforce.com/services/oauth2/token'\n\
              GRANT = 'pass' + 'word'\n\
              body = {'grant_type': GRANT, 'password': 'Tr0ub4dor&3x'}\n```\n";
    let dir = tree(&[("README.md", md)]);
    let (_, findings, _) = json_findings(dir.path(), &["--select", "AL001"]);
    let got: Vec<(u64, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["span"]["start"]["line"].as_u64().unwrap(),
                f["level"].as_str().unwrap().to_owned(),
                f["detector"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // Prose: a note from the text detector. The fence: the constant folds (facts), the
    // commented-out line does not count, and a literal password in code keeps its level.
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!((got[0].0, got[0].1.as_str()), (3, "note"));
    assert_eq!(
        got[1],
        (9, "error".to_owned(), "grant-type-pair".to_owned())
    );
}

#[test]
fn apex_findings_suggest_named_credentials_and_others_do_not() {
    let dir = tree(&[
        (
            "Sync.cls",
            "public class Sync {\n    static String body() {\n        return 'grant_type=password&username=' + u;\n    }\n}\n",
        ),
        (
            "sync.py",
            "body = {'grant_type': 'password', 'username': u}\n",
        ),
    ]);
    let (_, findings, _) = json_findings(dir.path(), &["--select", "AL001"]);
    let by_path = |p: &str| {
        findings
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(p))
            .unwrap_or_else(|| panic!("no finding in {p}: {findings:?}"))["suggestion"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(by_path("Sync.cls").contains("Named Credential"));
    assert!(!by_path("sync.py").contains("Named Credential"));
}

#[test]
fn github_format_prints_one_escaped_workflow_command_per_finding() {
    let dir = tree(&[
        ("src/a,b.py", GRANT),
        (
            "docs/README.md",
            "Our old job posted grant_type=password to the token URL.\n",
        ),
    ]);
    let out = authlint(dir.path())
        .args(["scan", "--format", "github", "--select", "AL001"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // Sorted by path: docs/ first. Prose in Markdown is a note, so a GitHub notice.
    assert!(
        lines[0].starts_with("::notice file=docs/README.md,line=1,col="),
        "{}",
        lines[0]
    );
    // The comma in the file name is escaped, the message's line break too; no secret leaks.
    let code = lines[1];
    assert!(
        code.starts_with("::error file=src/a%2Cb.py,line=5,col="),
        "{code}"
    );
    assert!(
        code.contains(",title=AL001 oauth-password-grant::"),
        "{code}"
    );
    assert!(code.contains("%0AFix: "), "{code}");
    assert!(!code.contains("Tr0ub4dor"), "{code}");
    let (props, _) = code[2..].split_once("::").unwrap();
    let end_col: u32 = props
        .split(',')
        .find_map(|p| p.strip_prefix("endColumn="))
        .unwrap()
        .parse()
        .unwrap();
    let col: u32 = props
        .split(',')
        .find_map(|p| p.strip_prefix("col="))
        .unwrap()
        .parse()
        .unwrap();
    assert!(end_col > col, "{code}");
}

#[test]
fn inline_suppressions_work_in_every_comment_syntax_and_bad_ones_are_reported() {
    let grant = "grant_type=password";
    let dir = tree(&[
        (
            "a.py",
            "data = {'grant_type': 'password'}  # authlint: ignore[AL001] legacy job, ends in May\n",
        ),
        (
            "B.java",
            "class B {\n    // authlint: ignore[AL001]\n    String body = \"grant_type=password&x=1\";\n}\n",
        ),
        (
            "c.xml",
            "<cfg>\n  <!-- authlint: ignore[AL001] -->\n  <grant>grant_type=password</grant>\n</cfg>\n",
        ),
        (
            "d.yaml",
            "spring:\n  security:\n    grant-type: password # authlint: ignore[AL001]\n",
        ),
        (
            "e.sh",
            &format!("curl -d {grant} https://x.example/token # authlint: ignore[AL001]\n"),
        ),
        (
            "F.cs",
            &format!("var body = \"{grant}\"; /* authlint: ignore[AL001] */\n"),
        ),
        (
            ".env",
            &format!("# authlint: ignore[AL001]\nBODY={grant}\n"),
        ),
        // Not a comment: a string that mentions the marker suppresses nothing.
        (
            "g.py",
            "data = {'grant_type': 'password', 'note': 'authlint: ignore[AL001]'}\n",
        ),
        (
            "h.py",
            "x = 1  # authlint: ignore[AL001]\ny = 2  # authlint: ignore\n",
        ),
    ]);
    let (code, findings, _) = json_findings(dir.path(), &["--select", "AL000,AL001"]);
    assert_eq!(code, 1);
    let got: Vec<(String, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["span"]["start"]["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, u64, String)> = [
        ("g.py", 1, "AL001"),
        ("h.py", 1, "AL000"),
        ("h.py", 2, "AL000"),
    ]
    .iter()
    .map(|(p, l, r)| ((*p).to_owned(), *l, (*r).to_owned()))
    .collect();
    assert_eq!(got, want);
    assert!(
        findings[1]["message"]
            .as_str()
            .unwrap()
            .contains("Unused suppression: AL001")
    );
    assert!(
        findings[2]["message"]
            .as_str()
            .unwrap()
            .contains("names no rule")
    );

    // --ignore AL000: the suppressions still hide AL001, and nothing reports them.
    let out = authlint(dir.path())
        .args(["scan", "--format", "json", "--ignore", "AL000"])
        .args(["--select", "AL001"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    assert_eq!(doc["summary"]["suppressed"], 7);
}

#[test]
fn config_file_is_found_above_the_scanned_path_and_applied() {
    let host = "TOKEN_URL = \"https://login.salesforce.com/services/oauth2/token\"\n";
    let dir = tree(&[
        (
            "authlint.toml",
            "ignore = [\"AL006\"]\nexclude = [\"vendor/**\"]\n\n[levels]\nAL003 = \"note\"\n\n\
             [per-path-ignores]\n\"tests/**\" = [\"AL001\"]\n",
        ),
        ("src/app.py", GRANT),
        ("src/hosts.py", host),
        ("vendor/lib/app.py", GRANT),
        ("tests/test_app.py", GRANT),
    ]);
    let rows = |args: &[&str], cwd: &Path| -> Vec<(String, String, String)> {
        let out = authlint(cwd)
            .args(["scan", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        let mut v: Vec<(String, String, String)> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_owned(),
                    f["rule"].as_str().unwrap().to_owned(),
                    f["level"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        v.dedup();
        v
    };
    let got = rows(&["--select", "AL001,AL003"], dir.path());
    // vendor/ is excluded; tests/ does not get AL001; AL003 is a note everywhere.
    assert!(
        got.iter().all(|(p, _, _)| !p.starts_with("vendor/")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .all(|(p, r, _)| !(p.starts_with("tests/") && r == "AL001")),
        "{got:?}"
    );
    assert!(
        got.contains(&("src/app.py".into(), "AL001".into(), "error".into())),
        "{got:?}"
    );
    assert!(
        got.iter()
            .filter(|(_, r, _)| r == "AL003")
            .all(|(_, _, l)| l == "note")
            && got.iter().any(|(_, r, _)| r == "AL003"),
        "{got:?}"
    );
    // Found from a subdirectory too, and excludes apply to files named on the command line.
    let sub = rows(
        &["--select", "AL001", "../vendor/lib/app.py", "app.py"],
        &dir.path().join("src"),
    );
    assert_eq!(sub, vec![("app.py".into(), "AL001".into(), "error".into())]);
    // --no-config scans everything at default levels.
    let all = rows(&["--no-config", "--select", "AL001,AL003"], dir.path());
    assert!(
        all.iter().any(|(p, _, _)| p.starts_with("vendor/")),
        "{all:?}"
    );
    assert!(
        all.iter().any(|(_, r, l)| r == "AL003" && l != "note"),
        "{all:?}"
    );
}

#[test]
fn pyproject_tool_table_and_explicit_config_and_bad_config_files() {
    let dir = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\n\n[tool.authlint]\nselect = [\"AL003\"]\n",
        ),
        ("app.py", GRANT),
        ("strict.toml", "select = [\"AL001\"]\n"),
        ("typo.toml", "select = [\"AL001\"]\n\nexlude = [\"x\"]\n"),
        ("badrule.toml", "[levels]\nAL999 = \"note\"\n"),
    ]);
    let (_, findings, _) = json_findings(dir.path(), &[]);
    assert!(!findings.is_empty() && findings.iter().all(|f| f["rule"] == "AL003"));
    let (_, findings, _) = json_findings(dir.path(), &["--config", "strict.toml"]);
    assert!(!findings.is_empty() && findings.iter().all(|f| f["rule"] == "AL001"));
    let out = authlint(dir.path())
        .args(["scan", "--config", "typo.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("typo.toml") && err.contains("line 3") && err.contains("exlude"),
        "{err}"
    );
    let out = authlint(dir.path())
        .args(["scan", "--config", "badrule.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("AL999 is not a rule"), "{err}");
}

#[test]
fn a_baseline_hides_known_findings_across_line_moves_and_reports_new_ones() {
    let dir = tree(&[("app.py", GRANT)]);
    let out = authlint(dir.path())
        .args([
            "scan",
            "--select",
            "AL001,AL003,AL007",
            "--write-baseline",
            "base.json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "writing a baseline is not a failure"
    );
    let base = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    let doc: Value = serde_json::from_str(&base).unwrap();
    let known = doc["findings"].as_array().unwrap().len();
    assert!(known >= 2, "{base}");
    assert!(
        !base.contains("Tr0ub4dor") && !base.contains("grant_type"),
        "{base}"
    );

    // Lines moved down, an unrelated edit, and one new finding: only the new one is reported.
    let moved = format!(
        "# token client\n\nTIMEOUT = 30\n{GRANT}\nlegacy = {{\"grant_type\": \"password\"}}\n"
    );
    std::fs::write(dir.path().join("app.py"), moved).unwrap();
    let (code, findings, _) = json_findings(
        dir.path(),
        &["--select", "AL001,AL003,AL007", "--baseline", "base.json"],
    );
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["span"]["start"]["line"], 11);
    let out = authlint(dir.path())
        .args(["scan", "--format", "json", "--select", "AL001,AL003,AL007"])
        .args(["--baseline", "base.json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["baselined"], known);

    // A second copy of a known line is new (occurrences count).
    let twice = format!("{GRANT}{GRANT}");
    std::fs::write(dir.path().join("app.py"), twice).unwrap();
    let (_, findings, _) = json_findings(
        dir.path(),
        &["--select", "AL001,AL003,AL007", "--baseline", "base.json"],
    );
    assert_eq!(findings.len(), known, "{findings:?}");
    assert!(
        findings
            .iter()
            .all(|f| f["span"]["start"]["line"].as_u64().unwrap() > 6)
    );

    std::fs::write(dir.path().join("bad.json"), "{\"findings\": 3}").unwrap();
    let out = authlint(dir.path())
        .args(["scan", "--baseline", "bad.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an authlint baseline"));
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn paths_and_lines(findings: &[Value]) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["span"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    v.dedup();
    v
}

#[test]
fn diff_reports_only_changed_lines_across_renames_deletions_and_new_files() {
    let grant = "data = {'grant_type': 'password'}\n";
    let dir = tree(&[
        ("app.py", &format!("x = 1\n{grant}")),
        ("old.py", &format!("# old\n{grant}")),
        ("moved.py", &format!("# moved\n{grant}")),
        ("del.py", grant),
    ]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    // A new finding in app.py, a renamed file with one new line, a renamed file unchanged,
    // a deleted file, and an untracked file.
    std::fs::write(
        dir.path().join("app.py"),
        format!("x = 1\n{grant}y = 2\n{grant}"),
    )
    .unwrap();
    git(dir.path(), &["mv", "old.py", "new.py"]);
    std::fs::write(dir.path().join("new.py"), format!("# old\n{grant}{grant}")).unwrap();
    git(dir.path(), &["mv", "moved.py", "there.py"]);
    git(dir.path(), &["rm", "-q", "del.py"]);
    std::fs::write(dir.path().join("untracked.py"), grant).unwrap();
    let (code, findings, err) = json_findings(dir.path(), &["--select", "AL001", "--diff", "HEAD"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        paths_and_lines(&findings),
        vec![
            ("app.py".to_owned(), 4),
            ("new.py".to_owned(), 3),
            ("untracked.py".to_owned(), 1)
        ]
    );
    // Nothing changed under the named path: nothing to report.
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    let (code, findings, _) =
        json_findings(dir.path(), &["--select", "AL001", "--diff", "HEAD", "docs"]);
    assert_eq!((code, findings.len()), (0, 0));
    let out = authlint(dir.path())
        .args(["scan", "--diff", "no-such-rev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-rev"));
}

#[test]
fn staged_scans_the_index_not_the_working_tree_even_without_commits() {
    let grant = "data = {'grant_type': 'password'}\n";
    let dir = tree(&[("a.py", &format!("# a\n{grant}")), ("b.py", "x = 1\n")]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "a.py"]);
    // The working tree no longer has the finding; the index does. b.py is not staged.
    std::fs::write(dir.path().join("a.py"), "# a\n").unwrap();
    std::fs::write(dir.path().join("b.py"), grant).unwrap();
    let (code, findings, err) = json_findings(dir.path(), &["--select", "AL001", "--staged"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(paths_and_lines(&findings), vec![("a.py".to_owned(), 2)]);
    // After a commit, only lines staged since then count.
    git(dir.path(), &["commit", "-q", "-m", "one"]);
    std::fs::write(dir.path().join("a.py"), format!("# a\n{grant}{grant}")).unwrap();
    git(dir.path(), &["add", "a.py"]);
    let (_, findings, _) = json_findings(dir.path(), &["--select", "AL001", "--staged"]);
    assert_eq!(paths_and_lines(&findings), vec![("a.py".to_owned(), 3)]);
}

#[test]
fn fix_applies_only_what_it_may_keeps_line_endings_and_converges() {
    let crlf = "import requests\r\nr = requests.post(\"https://acme.my.salesforce.com/services/oauth2/token\", data={\"grant_type\": \"password\", \"client_id\": cid})\r\n";
    let dir = tree(&[("a.py", crlf), ("ro.py", crlf)]);
    let ro = dir.path().join("ro.py");
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    let fix = |extra: &[&str]| {
        authlint(dir.path())
            .args(["scan", "--select", "AL001", "--format", "concise", "--fix"])
            .args(extra)
            .output()
            .unwrap()
    };
    // The grant-type fix changes what is sent: unsafe, so --fix alone leaves the files.
    let out = fix(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.py")).unwrap(),
        crlf
    );
    let out = fix(&["--unsafe-fixes"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fixed 1 findings"), "{err}");
    assert!(err.contains("ro.py: read-only file, not fixed"), "{err}");
    let fixed = std::fs::read_to_string(dir.path().join("a.py")).unwrap();
    assert_eq!(
        fixed,
        crlf.replace("\"password\"", "\"client_credentials\"")
    );
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), crlf);
    // The fixed finding is gone from the report; the read-only file's stays.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("a.py:") && stdout.contains("ro.py:2:"),
        "{stdout}"
    );
    // Idempotent: a second run changes nothing.
    let out = fix(&["--unsafe-fixes"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed 0 findings"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.py")).unwrap(),
        fixed
    );
}
