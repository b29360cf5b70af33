//! Applying fixes (`--fix`, `--unsafe-fixes`): the edits of the findings whose applicability
//! allows it, written back safely. Per file: an edit that overlaps an earlier one is skipped,
//! the rest are applied from the end backwards; the text each edit replaces must still be what the
//! scan read (otherwise the file changed since, and nothing is written); the file is written
//! to a temporary file in its directory and renamed over the original, keeping its
//! permissions; read-only files, UTF-16 files and files that are not valid UTF-8 are left
//! alone. Only the replaced spans change, so line endings stay as they were.
//!
//! It does not decide which fixes exist (rules do) nor print the report.

use crate::finding::{Applicability, Finding};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

/// What applying did, per file and overall.
#[derive(Debug, Default)]
pub struct Applied {
    /// Indices (into the findings given) of the findings whose fix was written.
    pub fixed: Vec<usize>,
    /// Files that could not be fixed, with why.
    pub problems: Vec<(String, String)>,
    /// Edits skipped because they overlapped another edit in the same file.
    pub overlapping: usize,
}

/// Whether a fix of this applicability is applied.
fn wanted(a: Applicability, unsafe_fixes: bool) -> bool {
    match a {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

/// Apply the fixes of `findings` (paths as shown, relative to the current directory).
#[must_use]
pub fn apply(findings: &[Finding], unsafe_fixes: bool) -> Applied {
    let mut out = Applied::default();
    let mut by_path: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        if f.fix
            .as_ref()
            .is_some_and(|x| wanted(x.applicability, unsafe_fixes))
        {
            by_path.entry(f.path.as_str()).or_default().push(i);
        }
    }
    for (path, indices) in by_path {
        match fix_file(Path::new(path), findings, &indices) {
            Ok((fixed, overlapping)) => {
                out.fixed.extend(fixed);
                out.overlapping += overlapping;
            }
            Err(why) => out.problems.push((path.to_owned(), why)),
        }
    }
    out.fixed.sort_unstable();
    out
}

/// An edit: the byte range replaced, the new text, the text the scan read there.
type Span<'f> = (std::ops::Range<usize>, &'f str, &'f str);

/// Apply the fixes of `findings[indices]` to `path`: the findings fixed and the edits skipped.
fn fix_file(
    path: &Path,
    findings: &[Finding],
    indices: &[usize],
) -> Result<(Vec<usize>, usize), String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.permissions().readonly() {
        return Err("read-only file, not fixed".to_owned());
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let Ok(mut text) = String::from_utf8(bytes) else {
        return Err("not valid UTF-8, not fixed (its encoding would not survive)".to_owned());
    };
    // Each finding's edits as one unit, in source order; a unit overlapping an earlier one is
    // skipped (the next run applies it).
    let mut units: Vec<(usize, Vec<Span<'_>>)> = indices
        .iter()
        .filter_map(|&i| {
            let fix = findings[i].fix.as_ref()?;
            let edits = fix
                .edits
                .iter()
                .map(|e| {
                    (
                        e.start.offset..e.end.offset,
                        e.content.as_str(),
                        e.original.as_str(),
                    )
                })
                .collect();
            Some((i, edits))
        })
        .collect();
    units.sort_by_key(|(_, edits)| edits.first().map_or(0, |(r, _, _)| r.start));
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let mut fixed = Vec::new();
    let mut overlapping = 0;
    let mut edits: Vec<Span<'_>> = Vec::new();
    for (i, unit) in units {
        if unit
            .iter()
            .any(|(r, _, _)| taken.iter().any(|t| r.start < t.end && t.start < r.end))
        {
            overlapping += 1;
            continue;
        }
        // The replaced text must still be what the scan read.
        if unit
            .iter()
            .any(|(r, _, original)| text.get(r.clone()) != Some(*original))
        {
            return Err("the file changed since it was scanned, not fixed".to_owned());
        }
        taken.extend(unit.iter().map(|(r, _, _)| r.clone()));
        edits.extend(unit);
        fixed.push(i);
    }
    if fixed.is_empty() {
        return Ok((fixed, overlapping));
    }
    edits.sort_by_key(|(r, _, _)| std::cmp::Reverse(r.start));
    for (range, content, _) in edits {
        text.replace_range(range, content);
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
    tmp.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(|e| e.to_string())?;
    // Last check: nobody wrote the file while we worked on it.
    let now = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if now.len() != meta.len() || now.modified().ok() != meta.modified().ok() {
        return Err("the file changed while it was being fixed, not fixed".to_owned());
    }
    tmp.persist(path).map_err(|e| e.to_string())?;
    Ok((fixed, overlapping))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Edit, Fix, Level, Position};

    fn finding(path: &str, at: usize, original: &str) -> Finding {
        let pos = |offset| Position {
            line: 1,
            column: 1,
            column_utf16: 1,
            offset,
        };
        Finding {
            rule: "AL001".into(),
            detector: "d".into(),
            path: path.into(),
            level: Level::Error,
            message: String::new(),
            suggestion: String::new(),
            start: pos(at),
            end: pos(at + original.len()),
            snippet: String::new(),
            fix: Some(Fix {
                title: "t".into(),
                applicability: Applicability::Safe,
                edits: vec![Edit {
                    start: pos(at),
                    end: pos(at + original.len()),
                    content: "NEW".into(),
                    original: original.into(),
                }],
            }),
            line_hash: None,
            fingerprint: String::new(),
        }
    }

    #[test]
    fn a_file_that_changed_since_the_scan_is_not_written_and_overlaps_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "abc old xyz").unwrap();
        let p = path.to_string_lossy().into_owned();
        let stale = apply(&[finding(&p, 4, "OLD")], false);
        assert!(stale.fixed.is_empty());
        assert!(stale.problems[0].1.contains("changed since"), "{stale:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "abc old xyz");
        let both = apply(&[finding(&p, 4, "old"), finding(&p, 5, "ld")], false);
        assert_eq!((both.fixed.len(), both.overlapping), (1, 1));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "abc NEW xyz");
    }
}
