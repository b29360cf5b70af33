//! The pre-commit hooks, run by the real `pre-commit` (installed from the Python package index into a throwaway
//! virtualenv) in a throwaway git repository:
//! - `pre-commit try-repo` builds the `authlint` hook from this repository (`language: rust`,
//!   `cargo install`), fails on a staged file that uses the password grant and passes a clean
//!   one;
//! - with `pre-commit install` and the `authlint-system` hook, a `git commit` adding
//!   `grant_type=password` is blocked and a clean commit goes through.
//!
//! It needs `python3` with `venv`, `git`, and the package registries (Python's and crates.io), as CI
//! has. pre-commit reads hooks from a commit, so the test first commits a snapshot of this
//! working tree (tracked and untracked files, not ignored ones) into a throwaway repository:
//! it tests the code as it is, committed or not.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{ok, run};

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com");
    cmd
}

/// pre-commit from the Python package index, in a throwaway virtualenv.
fn pre_commit(dir: &Path) -> PathBuf {
    common::venv(dir, &["pre-commit"]).join("pre-commit")
}

const BAD: &str = "import requests\n\nbody = {\"grant_type\": \"password\", \"username\": user}\n";
const CLEAN: &str = "body = {\"grant_type\": \"client_credentials\"}\n";

/// A one-commit repository holding this working tree's files.
fn snapshot(into: &Path) -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let files = ok(git(&here).args(["ls-files", "-z", "-c", "-o", "--exclude-standard"]));
    let repo = into.join("authlint");
    for name in files.split('\0').filter(|n| !n.is_empty()) {
        let from = here.join(name);
        if !from.is_file() {
            continue; // deleted but not yet staged
        }
        let to = repo.join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    ok(git(&repo).args(["init", "-q"]));
    ok(git(&repo).args(["add", "-A"]));
    ok(git(&repo).args(["commit", "-q", "-m", "snapshot"]));
    repo
}

#[test]
fn pre_commit_blocks_a_password_grant_and_passes_clean_code() {
    let tmp = tempfile::tempdir().unwrap();
    let root = snapshot(tmp.path());
    let pre_commit = pre_commit(tmp.path());
    let home = tmp.path().join("cache");
    let repo = tmp.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    ok(git(&repo).args(["init", "-q"]));
    std::fs::write(repo.join("bad.py"), BAD).unwrap();
    std::fs::write(repo.join("clean.py"), CLEAN).unwrap();
    ok(git(&repo).args(["add", "bad.py", "clean.py"]));

    // try-repo: the hook as published, built with cargo install.
    let try_repo = |file: &str| {
        run(Command::new(&pre_commit)
            .current_dir(&repo)
            .env("PRE_COMMIT_HOME", &home)
            .arg("try-repo")
            .arg(&root)
            .args(["authlint", "--files", file]))
    };
    let bad = try_repo("bad.py");
    let stdout = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("bad.py:3:24: AL001 ["), "{stdout}");
    assert!(
        stdout.contains("authlint....") && stdout.contains("Failed"),
        "{stdout}"
    );
    let clean = try_repo("clean.py");
    let stdout = String::from_utf8_lossy(&clean.stdout);
    assert_eq!(clean.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Passed"), "{stdout}");
    // The hook writes no files.
    let status = ok(git(&repo).args(["status", "--porcelain"]));
    assert_eq!(status, "A  bad.py\nA  clean.py\n");

    // A real commit through the installed git hook, with the binary this test run built.
    let rev = ok(git(&root).args(["rev-parse", "HEAD"]));
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: authlint-system\n",
            root.display(),
            rev.trim()
        ),
    )
    .unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_authlint")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    ok(Command::new(&pre_commit)
        .current_dir(&repo)
        .env("PRE_COMMIT_HOME", &home)
        .arg("install"));
    let commit = |message: &str| {
        run(git(&repo)
            .env("PRE_COMMIT_HOME", &home)
            .env("PATH", &path)
            .args(["commit", "-q", "-m", message]))
    };
    ok(git(&repo).args(["add", ".pre-commit-config.yaml"]));
    let blocked = commit("add a password grant");
    let says = format!(
        "{}{}",
        String::from_utf8_lossy(&blocked.stdout),
        String::from_utf8_lossy(&blocked.stderr)
    );
    assert!(!blocked.status.success(), "{says}");
    assert!(says.contains("bad.py:3:24: AL001"), "{says}");
    assert!(
        !run(git(&repo).args(["rev-parse", "-q", "--verify", "HEAD"]))
            .status
            .success(),
        "nothing was committed"
    );
    ok(git(&repo).args(["rm", "-q", "--cached", "bad.py"]));
    let passed = commit("clean code");
    assert!(
        passed.status.success(),
        "{}{}",
        String::from_utf8_lossy(&passed.stdout),
        String::from_utf8_lossy(&passed.stderr)
    );
    let files = ok(git(&repo).args(["ls-files"]));
    assert_eq!(files, ".pre-commit-config.yaml\nclean.py\n");
}
