//! Helpers shared by the tests that drive outside tools (pre-commit, the action checkers):
//! running a command with its output in the failure message, and a throwaway virtualenv.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Run `cmd`, panicking only if it cannot start.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

/// Run `cmd`, which must succeed; its standard output.
pub fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A virtualenv in `dir` with `packages` from the Python package index; its `bin` directory.
pub fn venv(dir: &Path, packages: &[&str]) -> PathBuf {
    let venv = dir.join("venv");
    ok(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    ok(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(packages));
    venv.join("bin")
}
