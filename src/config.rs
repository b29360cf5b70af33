//! The project configuration file: `authlint.toml`, or `[tool.authlint]` in `pyproject.toml`,
//! found by walking up from the scanned path (or named with `--config`). It reads and checks
//! the file and turns its globs into matchers; it does not scan, and the command line decides
//! how its values combine with flags.
//!
//! ```toml
//! select = ["AL001", "AL003"]        # only these rules (default: all)
//! ignore = ["AL006"]                 # never these
//! my-domain = "acme"                 # My Domain for suggested fixes
//! rules = ["ci/authlint-rules"]      # extra rule directories, relative to this file
//! exclude = ["vendor/**", "**/*.min.js"]
//!
//! [levels]                           # a rule's findings at one level, or "off"
//! AL003 = "note"
//!
//! [per-path-ignores]                 # rules that do not apply under a glob
//! "tests/**" = ["AL007"]
//! "fixtures/*.json" = ["AL001", "AL004"]
//! ```
//!
//! Globs are relative to the directory holding the file and use `/`; `**` crosses directories.

use crate::finding::Level;
use anyhow::{Context as _, Result, bail};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A rule's level as the file writes it: a level, or `off`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LevelSetting {
    /// Report at this level.
    Error,
    /// Report at this level.
    Warning,
    /// Report at this level.
    Note,
    /// Do not run the rule.
    Off,
}

impl LevelSetting {
    /// The level, or `None` for `off`.
    #[must_use]
    pub fn level(self) -> Option<Level> {
        match self {
            LevelSetting::Error => Some(Level::Error),
            LevelSetting::Warning => Some(Level::Warning),
            LevelSetting::Note => Some(Level::Note),
            LevelSetting::Off => None,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    my_domain: Option<String>,
    #[serde(default)]
    rules: Vec<PathBuf>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    levels: BTreeMap<String, LevelSetting>,
    #[serde(default)]
    per_path_ignores: BTreeMap<String, Vec<String>>,
}

/// A loaded configuration file.
#[derive(Clone, Debug, Default)]
pub struct FileConfig {
    /// The file it came from.
    pub path: PathBuf,
    /// The directory globs and rule directories are relative to.
    pub root: PathBuf,
    /// The current directory when the file was loaded: relative scan paths start there
    /// (kept so that every walked entry does not ask the system for it again).
    cwd: PathBuf,
    /// Only these rule ids.
    pub select: Option<Vec<String>>,
    /// Never these rule ids.
    pub ignore: Vec<String>,
    /// My Domain for fixes.
    pub my_domain: Option<String>,
    /// Extra rule directories (resolved against `root`).
    pub rules: Vec<PathBuf>,
    /// Rule id → level (or off).
    pub levels: Vec<(String, LevelSetting)>,
    /// Paths not scanned.
    pub exclude: Option<GlobSet>,
    /// Per glob, the rules that do not apply.
    pub per_path_ignores: Vec<(GlobSet, Vec<String>)>,
}

/// The configuration file for a scan of `start`: the nearest `authlint.toml`, or
/// `pyproject.toml` with a `[tool.authlint]` table, in `start` or a directory above it.
///
/// # Errors
/// A `pyproject.toml` that cannot be read or parsed on the way up.
pub fn discover(start: &Path) -> Result<Option<PathBuf>> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let own = d.join("authlint.toml");
        if own.is_file() {
            return Ok(Some(own));
        }
        let py = d.join("pyproject.toml");
        if py.is_file() {
            let text = std::fs::read_to_string(&py)
                .with_context(|| format!("reading {}", py.display()))?;
            // Someone else's pyproject.toml, even a broken one, is none of our business.
            if !text.contains("tool.authlint") {
                dir = d.parent();
                continue;
            }
            let doc: toml::Table =
                toml::from_str(&text).with_context(|| format!("{}", py.display()))?;
            if doc
                .get("tool")
                .and_then(|t| t.get("authlint"))
                .is_some_and(toml::Value::is_table)
            {
                return Ok(Some(py));
            }
        }
        dir = d.parent();
    }
    Ok(None)
}

fn globs(patterns: &[String], what: &str) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p.trim_start_matches("./"))
            .with_context(|| format!("{what}: bad glob `{p}`"))?;
        b.add(glob);
    }
    Ok(b.build()?)
}

/// Read and check the configuration file at `path`.
///
/// # Errors
/// An unreadable file, a TOML error or an unknown key (with its line), a bad glob or level.
pub fn load(path: &Path) -> Result<FileConfig> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let raw: Raw = if is_pyproject {
        #[derive(Deserialize)]
        struct Py {
            tool: Option<Tool>,
        }
        #[derive(Deserialize)]
        struct Tool {
            authlint: Option<Raw>,
        }
        let py: Py =
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        py.tool.and_then(|t| t.authlint).unwrap_or_default()
    } else {
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
    };
    let root = std::path::absolute(path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    if let Some(d) = &raw.my_domain
        && d.is_empty()
    {
        bail!("{}: my-domain is empty", path.display());
    }
    let mut per_path_ignores = Vec::new();
    for (glob, rules) in &raw.per_path_ignores {
        per_path_ignores.push((
            globs(std::slice::from_ref(glob), "per-path-ignores")?,
            rules.clone(),
        ));
    }
    Ok(FileConfig {
        path: path.to_path_buf(),
        select: raw.select,
        ignore: raw.ignore,
        my_domain: raw.my_domain,
        rules: raw.rules.iter().map(|r| root.join(r)).collect(),
        levels: raw.levels.into_iter().collect(),
        exclude: if raw.exclude.is_empty() {
            None
        } else {
            Some(globs(&raw.exclude, "exclude")?)
        },
        per_path_ignores,
        root,
        cwd: std::env::current_dir().unwrap_or_default(),
    })
}

impl FileConfig {
    /// `path` relative to the configuration's directory, `/`-separated, when it is inside.
    #[must_use]
    pub fn relative(&self, path: &Path) -> Option<String> {
        let abs = self.cwd.join(path); // as is when `path` is absolute
        let rel = abs.strip_prefix(&self.root).ok()?;
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    /// Whether `path` is excluded.
    #[must_use]
    pub fn excluded(&self, path: &Path) -> bool {
        match (&self.exclude, self.relative(path)) {
            (Some(set), Some(rel)) => !rel.is_empty() && set.is_match(&rel),
            _ => false,
        }
    }

    /// The rules that do not apply to `path`.
    #[must_use]
    pub fn ignored_rules(&self, path: &Path) -> Vec<&str> {
        let Some(rel) = self.relative(path) else {
            return Vec::new();
        };
        self.per_path_ignores
            .iter()
            .filter(|(set, _)| set.is_match(&rel))
            .flat_map(|(_, rules)| rules.iter().map(String::as_str))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("authlint.toml");
        std::fs::write(&path, "select = [\"AL001\"]\n\nexlude = [\"vendor/**\"]\n").unwrap();
        let err = format!("{:#}", load(&path).unwrap_err());
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("exlude"), "{err}");
    }

    #[test]
    fn discovery_walks_up_and_reads_pyproject_only_with_a_tool_table() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join("a/pyproject.toml"), "[tool.black]\nx = 1\n").unwrap();
        assert_eq!(discover(&deep).unwrap(), None);
        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[tool.authlint]\nignore = [\"AL006\"]\n",
        )
        .unwrap();
        let found = discover(&deep).unwrap().unwrap();
        assert_eq!(found, dir.path().join("pyproject.toml"));
        std::fs::write(deep.join("authlint.toml"), "ignore = []\n").unwrap();
        assert_eq!(
            discover(&deep).unwrap().unwrap(),
            deep.join("authlint.toml")
        );
    }

    #[test]
    fn globs_are_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("authlint.toml");
        std::fs::write(
            &path,
            "exclude = [\"vendor/**\"]\n[per-path-ignores]\n\"tests/**\" = [\"AL007\"]\n",
        )
        .unwrap();
        let c = load(&path).unwrap();
        assert!(c.excluded(&dir.path().join("vendor/x/y.py")));
        assert!(!c.excluded(&dir.path().join("src/vendor.py")));
        assert_eq!(
            c.ignored_rules(&dir.path().join("tests/unit/t.py")),
            ["AL007"]
        );
        assert!(c.ignored_rules(&dir.path().join("src/t.py")).is_empty());
    }
}
