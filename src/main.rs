//! The `authlint` command: parses arguments, runs the library's scan, prints a report and
//! picks the exit code (0 clean, 1 findings at or above `--fail-on`, 2 usage or fatal error).
//! It does no scanning of its own.

use anyhow::{Context as _, Result, bail};
use authlint::report::{Format, github, json, sarif, text};
use authlint::{Catalog, Config, Level, MatchOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "authlint",
    version,
    about = "Find code and config that still use deprecated authentication flows, and how to fix them."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan files and directories.
    Scan(Box<ScanArgs>),
    /// List the rules.
    Rules {
        /// Also list rules from this directory.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Show a rule's full help: why, how to migrate, references.
    Explain {
        /// Rule id, e.g. AL001.
        rule: String,
        /// Also look in rules from this directory.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
#[allow(clippy::struct_excessive_bools)] // each bool is an independent command-line switch
struct ScanArgs {
    /// Files or directories (default: the current directory). Files named here are scanned
    /// even when .gitignore would skip them.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only these rules (comma-separated ids, or ALL).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    select: Option<Vec<String>>,
    /// Skip these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    ignore: Vec<String>,
    /// Exit with 1 when a finding is at or above this level.
    #[arg(long, value_enum, default_value = "note")]
    fail_on: FailOn,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    threads: usize,
    /// Do not honour .gitignore, .ignore and global git excludes.
    #[arg(long)]
    no_ignore: bool,
    /// Scan every hidden file and directory (names starting with a dot). Without it, only
    /// `.env*` files and CI definitions (`.github/`, `.gitlab-ci.yml`, …) among them are scanned.
    #[arg(long)]
    hidden: bool,
    /// Skip files larger than this (bytes, or with a K, M or G suffix).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_filesize: Option<u64>,
    /// Print secret values instead of redacting them.
    #[arg(long)]
    show_secrets: bool,
    /// Match every file with the line-level text detectors, without parsing any (faster on
    /// huge trees of generated code, less precise; mainly for comparison).
    #[arg(long)]
    text_only: bool,
    /// Your org's My Domain (NAME or NAME--SANDBOX), used in host fixes.
    #[arg(long, value_name = "NAME")]
    my_domain: Option<String>,
    /// Load extra rule files from this directory.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Use this configuration file instead of finding `authlint.toml` or `pyproject.toml`
    /// (`[tool.authlint]`) in the scanned path or a directory above it.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Do not read any configuration file.
    #[arg(long)]
    no_config: bool,
    /// Report only findings that are not in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the accepted baseline, and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report only findings on lines added or changed since the git revision BASE (the working
    /// tree against BASE; untracked files count as new), for pull requests.
    #[arg(long, value_name = "BASE", conflicts_with = "staged")]
    diff: Option<String>,
    /// Scan the staged contents (the git index, not the working tree) and report only findings
    /// on staged lines.
    #[arg(long)]
    staged: bool,
    /// Apply the safe fixes to the files (edits that keep what the program sends).
    #[arg(long, conflicts_with = "staged")]
    fix: bool,
    /// With --fix, also apply unsafe fixes (they change what the program sends, such as the
    /// grant type): review the result.
    #[arg(long, requires = "fix")]
    unsafe_fixes: bool,
    /// When to use colour in text output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorWhen,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.split_at(i),
        None => (s, ""),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a size such as 512K or 10M"))?;
    let factor: u64 = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(format!("`{s}`: unknown size unit `{unit}` (use K, M or G)")),
    };
    n.checked_mul(factor)
        .ok_or_else(|| format!("`{s}` is too large"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(io::stderr(), "authlint: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn catalog(dir: Option<&PathBuf>) -> Result<Catalog> {
    match dir {
        Some(d) => Catalog::with_dir(d),
        None => Catalog::embedded(),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => scan(*args),
        Command::Rules { rules } => {
            let cat = catalog(rules.as_ref())?;
            let mut out = io::stdout().lock();
            for r in &cat.rules {
                ignore_broken_pipe(writeln!(
                    out,
                    "{:<6} {:<28} {:<8} {}",
                    r.id, r.name, r.level, r.summary
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule, rules } => {
            let cat = catalog(rules.as_ref())?;
            let Some(r) = cat.get(&rule) else {
                let known: Vec<&str> = cat.rules.iter().map(|r| r.id.as_str()).collect();
                bail!("unknown rule `{rule}` (known: {})", known.join(", "));
            };
            let text = format!(
                "# {} {}\n\n{}\n\nDefault level: {} · security severity {} · tags: {}\n\n{}\n\n## Fix\n\n{}\n",
                r.id,
                r.name,
                r.summary,
                r.level,
                r.security_severity,
                r.tags.join(", "),
                r.help,
                r.fix
            );
            ignore_broken_pipe(io::stdout().lock().write_all(text.as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn ignore_broken_pipe(r: io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing output"),
    }
}

/// The configuration file for this scan: `--config`, else the nearest one above the first
/// path (or the current directory), unless `--no-config`.
fn file_config(args: &ScanArgs) -> Result<Option<authlint::config::FileConfig>> {
    if args.no_config {
        return Ok(None);
    }
    let path = if let Some(p) = &args.config {
        Some(p.clone())
    } else {
        let start = args
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        authlint::config::discover(&start)?
    };
    path.map(|p| authlint::config::load(&p)).transpose()
}

/// For `--diff` and `--staged`: the changed lines, with the scan narrowed to the changed
/// files under the given paths (for `--staged`, their contents from the index).
fn changed_files(
    args: &ScanArgs,
    config: &mut Config,
) -> Result<Option<authlint::gitdiff::Changes>> {
    let under = |p: &Path| {
        args.paths.is_empty()
            || args
                .paths
                .iter()
                .any(|root| std::path::absolute(root).is_ok_and(|root| p.starts_with(root)))
    };
    if args.staged {
        let (changes, sources) = authlint::gitdiff::staged()?;
        config.sources = Some(
            sources
                .into_iter()
                .filter(|(p, _)| under(p))
                .map(|(p, bytes)| (authlint::gitdiff::local(&p), bytes))
                .collect(),
        );
        return Ok(Some(changes));
    }
    let Some(base) = &args.diff else {
        return Ok(None);
    };
    let changes = authlint::gitdiff::since(base)?;
    let files: Vec<PathBuf> = changes
        .keys()
        .filter(|p| under(p) && p.is_file())
        .map(|p| authlint::gitdiff::local(p))
        .collect();
    if files.is_empty() {
        config.sources = Some(Vec::new()); // nothing changed: scan nothing
    } else {
        config.paths = files;
    }
    Ok(Some(changes))
}

fn scan(mut args: ScanArgs) -> Result<ExitCode> {
    let file = file_config(&args)?;
    // Flags win over the file: --select replaces its select, --ignore adds to its ignore.
    let mut rules_dirs = Vec::new();
    if let Some(f) = &file {
        if args.select.is_none() {
            args.select.clone_from(&f.select);
        }
        args.ignore.extend(f.ignore.iter().cloned());
        args.ignore.extend(
            f.levels
                .iter()
                .filter(|(_, l)| l.level().is_none())
                .map(|(id, _)| id.clone()),
        );
        if args.my_domain.is_none() {
            args.my_domain.clone_from(&f.my_domain);
        }
        rules_dirs.extend(f.rules.iter().cloned());
    }
    rules_dirs.extend(args.rules.iter().cloned());
    let (my_domain, sandbox) = match args
        .my_domain
        .as_deref()
        .map(|d| d.split_once("--").map_or((d, None), |(a, b)| (a, Some(b))))
    {
        Some((name, sandbox)) => {
            for part in std::iter::once(name).chain(sandbox) {
                if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    bail!(
                        "--my-domain `{}` must look like NAME or NAME--SANDBOX",
                        args.my_domain.as_deref().unwrap_or("")
                    );
                }
            }
            (Some(name.to_owned()), sandbox.map(str::to_owned))
        }
        None => (None, None),
    };
    let mut config = Config {
        paths: args.paths.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        threads: args.threads,
        no_ignore: args.no_ignore,
        hidden: args.hidden,
        max_filesize: args.max_filesize,
        text_only: args.text_only,
        line_hashes: args.format == Format::Sarif,
        rules_dirs,
        file,
        sources: None,
        options: MatchOptions {
            show_secrets: args.show_secrets,
            my_domain,
            sandbox,
        },
    };
    let baseline = args
        .baseline
        .as_deref()
        .map(authlint::baseline::read)
        .transpose()?;
    let changes = changed_files(&args, &mut config)?;
    let mut report = authlint::scan(&config)?;
    if let Some(changes) = &changes {
        report
            .findings
            .retain(|f| authlint::gitdiff::covers(changes, Path::new(&f.path), f.start.line));
    }
    if let Some(path) = &args.write_baseline {
        authlint::baseline::write(path, &report.findings)?;
        let _ = writeln!(
            io::stderr(),
            "authlint: wrote {} findings to the baseline {}",
            report.findings.len(),
            path.display()
        );
    }
    if args.fix {
        let applied = authlint::apply::apply(&report.findings, args.unsafe_fixes);
        let mut err = io::stderr().lock();
        for (path, why) in &applied.problems {
            let _ = writeln!(err, "authlint: {path}: {why}");
        }
        if applied.overlapping > 0 {
            let _ = writeln!(
                err,
                "authlint: {} fixes overlapped another and were not applied; run --fix again",
                applied.overlapping
            );
        }
        let _ = writeln!(err, "authlint: fixed {} findings", applied.fixed.len());
        let mut fixed = applied.fixed.into_iter().peekable();
        let mut i = 0;
        report.findings.retain(|_| {
            let drop = fixed.next_if_eq(&i).is_some();
            i += 1;
            !drop
        });
    }
    if let Some(baseline) = baseline {
        report.stats.baselined = authlint::baseline::filter(&mut report.findings, baseline) as u64;
    }

    {
        let mut err = io::stderr().lock();
        for n in &report.notices {
            let _ = writeln!(err, "authlint: {}: {}", n.path, n.message);
        }
    }

    let mut buffer = Vec::new();
    let color = args.output.is_none()
        && match args.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
            }
        };
    match args.format {
        Format::Text => text::write_text(&report, &mut buffer, color)?,
        Format::Concise => text::write_concise(&report, &mut buffer, color)?,
        Format::Json => json::write_json(&report, &mut buffer)?,
        Format::Sarif => sarif::write_sarif(&report, &mut buffer)?,
        Format::Github => github::write_github(&report, &mut buffer)?,
    }
    match &args.output {
        Some(path) => {
            std::fs::write(path, &buffer).with_context(|| format!("writing {}", path.display()))?;
        }
        None => ignore_broken_pipe(io::stdout().lock().write_all(&buffer))?,
    }

    let threshold = match args.fail_on {
        FailOn::Error => Some(Level::Error),
        FailOn::Warning => Some(Level::Warning),
        FailOn::Note => Some(Level::Note),
        FailOn::Never => None,
    };
    let failed = args.write_baseline.is_none()
        && threshold.is_some_and(|t| report.findings.iter().any(|f| f.level >= t));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
