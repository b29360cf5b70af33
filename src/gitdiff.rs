//! Changed lines from git, for `--diff BASE` (the working tree against a revision) and
//! `--staged` (the index against `HEAD`, or against nothing in a repository without commits).
//! It runs `git` itself: `git diff -U0` gives each file's added or changed line ranges in its
//! new version (renames follow the new name; deleted files have none), and untracked files
//! count as wholly new for `--diff`. It does not scan or filter findings.

use anyhow::{Context as _, Result, bail};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Per file (a path usable from the current directory), the changed line ranges; `None` means
/// every line (a file git does not track yet).
pub type Changes = BTreeMap<PathBuf, Option<Vec<RangeInclusive<u32>>>>;

/// Files with their contents as the index holds them.
pub type Sources = Vec<(PathBuf, Vec<u8>)>;

fn git(args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new("git")
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .context("running git (is it installed?)")?;
    if !out.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

/// The top of the repository holding the current directory.
///
/// # Errors
/// Not in a git repository, or no `git`.
pub fn toplevel() -> Result<PathBuf> {
    let out = git(&["rev-parse", "--show-toplevel"])?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out).trim()))
}

/// A path as `git diff` prints it after `+++ b/`, unquoted.
fn unquote(p: &str) -> String {
    let Some(inner) = p.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return p.to_owned();
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parse `git diff -U0` output: for each file in its new version, the added line ranges.
#[must_use]
pub fn parse(diff: &str) -> BTreeMap<String, Vec<RangeInclusive<u32>>> {
    let mut out: BTreeMap<String, Vec<RangeInclusive<u32>>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            current = match path {
                "/dev/null" => None,
                p => {
                    let p = unquote(p);
                    let p = p.strip_prefix("b/").map_or(p.clone(), str::to_owned);
                    out.entry(p.clone()).or_default();
                    Some(p)
                }
            };
        } else if let Some(hunk) = line.strip_prefix("@@ ")
            && let Some(file) = &current
        {
            // @@ -a,b +c,d @@: d lines from c in the new file (d absent means 1; 0 means none).
            let Some(new) = hunk.split(' ').find_map(|w| w.strip_prefix('+')) else {
                continue;
            };
            let (start, count) = match new.split_once(',') {
                Some((s, c)) => (s.parse().unwrap_or(0), c.parse().unwrap_or(0)),
                None => (new.parse().unwrap_or(0), 1),
            };
            if count > 0 && start > 0 {
                out.entry(file.clone())
                    .or_default()
                    .push(start..=start + count - 1);
            }
        }
    }
    out
}

/// The lines changed in the working tree since `base`, and untracked files.
///
/// # Errors
/// Not a repository, an unknown revision, or no `git`.
pub fn since(base: &str) -> Result<Changes> {
    let top = toplevel()?;
    git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{base}^{{commit}}"),
    ])
    .with_context(|| format!("--diff {base}: not a commit in this repository"))?;
    let diff = git(&[
        "-C",
        &top.to_string_lossy(),
        "diff",
        "-U0",
        "--no-color",
        "--no-ext-diff",
        "-M",
        base,
        "--",
    ])?;
    let mut changes: Changes = parse(&String::from_utf8_lossy(&diff))
        .into_iter()
        .map(|(p, r)| (top.join(p), Some(r)))
        .collect();
    let untracked = git(&[
        "-C",
        &top.to_string_lossy(),
        "ls-files",
        "-z",
        "--others",
        "--exclude-standard",
    ])?;
    for p in untracked.split(|&b| b == 0).filter(|p| !p.is_empty()) {
        changes.insert(top.join(String::from_utf8_lossy(p).as_ref()), None);
    }
    Ok(changes)
}

/// The staged files with their contents from the index, and the lines staged in each.
///
/// # Errors
/// Not a repository, or no `git`.
pub fn staged() -> Result<(Changes, Sources)> {
    let top = toplevel()?;
    // Without a commit, `git diff --cached` compares with the empty tree: everything is new.
    let diff = git(&[
        "-C",
        &top.to_string_lossy(),
        "diff",
        "--cached",
        "-U0",
        "--no-color",
        "--no-ext-diff",
        "-M",
        "--",
    ])?;
    let mut changes = Changes::new();
    let mut sources = Vec::new();
    for (p, ranges) in parse(&String::from_utf8_lossy(&diff)) {
        let blob = git(&["-C", &top.to_string_lossy(), "show", &format!(":{p}")])?;
        let path = top.join(&p);
        changes.insert(path.clone(), Some(ranges));
        sources.push((path, blob));
    }
    Ok((changes, sources))
}

/// `path` relative to the current directory when it is inside it (how it is shown).
#[must_use]
pub fn local(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Whether `path` (as scanned) and `line` were changed.
#[must_use]
pub fn covers(changes: &Changes, path: &Path, line: u32) -> bool {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match changes.get(&abs) {
        Some(None) => true,
        Some(Some(ranges)) => ranges.iter().any(|r| r.contains(&line)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_renames_deletions_and_quoted_names() {
        let diff = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -3,0 +4,2 @@\n+x\n+y\n\
                    @@ -10 +12 @@\n-old\n+new\n@@ -20,3 +21,0 @@\n-gone\n\
                    diff --git a/old.py b/new.py\nsimilarity index 90%\nrename from old.py\nrename to new.py\n\
                    --- a/old.py\n+++ b/new.py\n@@ -1 +1 @@\n-a\n+b\n\
                    diff --git a/del.py b/del.py\n--- a/del.py\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n\
                    --- a/\"sp ace\\\"q.py\"\n+++ \"b/sp ace\\\"q.py\"\n@@ -0,0 +1 @@\n+z\n";
        let got = parse(diff);
        assert_eq!(got["a.py"], vec![4..=5, 12..=12]);
        assert_eq!(got["new.py"], vec![1..=1]);
        assert!(!got.contains_key("del.py") && !got.contains_key("old.py"));
        assert_eq!(got["sp ace\"q.py"], vec![1..=1]);
    }
}
