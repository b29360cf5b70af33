//! `Lang`: what kind of file this is, from its name, extension or shebang, and how that kind
//! writes comments and strings.
//!
//! Classification never reads more than the first line. It does not parse anything; the
//! comment syntax here is only what `mask` needs to blank comments out.

use std::path::Path;

macro_rules! langs {
    ($($variant:ident => $name:literal, $group:ident;)*) => {
        /// A file kind that rules can target.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Lang { $(#[doc = $name] $variant,)* }

        impl Lang {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Lang] = &[$(Lang::$variant,)*];

            /// The name used in rule files and output.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(Lang::$variant => $name,)* }
            }

            /// The group the kind belongs to: `code`, `config` or `docs`.
            #[must_use]
            pub fn group(self) -> &'static str {
                match self { $(Lang::$variant => stringify!($group),)* }
            }
        }
    };
}

langs! {
    Python => "python", code;
    Java => "java", code;
    JavaScript => "javascript", code;
    TypeScript => "typescript", code;
    Apex => "apex", code;
    CSharp => "csharp", code;
    Go => "go", code;
    Ruby => "ruby", code;
    Php => "php", code;
    Kotlin => "kotlin", code;
    Scala => "scala", code;
    Groovy => "groovy", code;
    Shell => "shell", code;
    PowerShell => "powershell", code;
    Http => "http", code;
    Yaml => "yaml", config;
    Json => "json", config;
    Xml => "xml", config;
    Properties => "properties", config;
    Dotenv => "dotenv", config;
    Toml => "toml", config;
    Ini => "ini", config;
    Hcl => "hcl", config;
    Markdown => "markdown", docs;
    Html => "html", docs;
    Text => "text", docs;
}

/// A set of `Lang`s as a bit mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct LangSet(u64);

impl LangSet {
    /// Every kind.
    pub const ALL: LangSet = LangSet(u64::MAX);

    /// Parse a rule file's `langs` entry: a language name, a group, or `all`.
    ///
    /// # Errors
    /// An unknown name.
    pub fn add_name(&mut self, name: &str) -> Result<(), String> {
        if name == "all" {
            *self = LangSet::ALL;
            return Ok(());
        }
        let mut found = false;
        for &lang in Lang::ALL {
            if lang.name() == name || lang.group() == name {
                self.0 |= 1 << (lang as u64);
                found = true;
            }
        }
        if found {
            Ok(())
        } else {
            Err(format!("unknown language or group `{name}`"))
        }
    }

    /// Whether `lang` is in the set.
    #[must_use]
    pub fn contains(self, lang: Lang) -> bool {
        self.0 & (1 << (lang as u64)) != 0
    }

    /// Add `lang`.
    pub fn insert(&mut self, lang: Lang) {
        self.0 |= 1 << (lang as u64);
    }

    /// Every kind in either set.
    #[must_use]
    pub fn union(self, other: LangSet) -> LangSet {
        LangSet(self.0 | other.0)
    }

    /// Whether the two sets share a kind.
    #[must_use]
    pub fn intersects(self, other: LangSet) -> bool {
        self.0 & other.0 != 0
    }
}

/// How a kind writes comments and strings, for `mask`.
#[derive(Clone, Copy, Debug, Default)]
#[allow(clippy::struct_excessive_bools)] // independent lexical switches, read as a table
pub struct Syntax {
    /// Line-comment markers.
    pub line: &'static [&'static str],
    /// Line comments count only when the marker is the line's first non-blank text.
    pub line_start_only: bool,
    /// Line comments need whitespace (or the line start) before the marker (`#` in YAML, shell).
    pub needs_space_before: bool,
    /// Block-comment delimiters.
    pub block: &'static [(&'static str, &'static str)],
    /// Quote characters that open a string on one line.
    pub quotes: &'static [u8],
    /// Whether `"""`/`'''` open multi-line strings.
    pub triple_quotes: bool,
    /// Whether a backtick opens a multi-line string (JS templates, Go raw strings).
    pub backtick_multiline: bool,
}

const C_LIKE: Syntax = Syntax {
    line: &["//"],
    line_start_only: false,
    needs_space_before: false,
    block: &[("/*", "*/")],
    quotes: b"\"'",
    triple_quotes: false,
    backtick_multiline: false,
};

const HASH: Syntax = Syntax {
    line: &["#"],
    line_start_only: false,
    needs_space_before: true,
    block: &[],
    quotes: b"\"'",
    triple_quotes: false,
    backtick_multiline: false,
};

impl Lang {
    /// The comment and string syntax of this kind.
    #[must_use]
    pub fn syntax(self) -> Syntax {
        match self {
            Lang::Java | Lang::Apex | Lang::CSharp | Lang::Json => C_LIKE,
            Lang::Kotlin | Lang::Scala | Lang::Groovy => Syntax {
                triple_quotes: true,
                ..C_LIKE
            },
            Lang::JavaScript | Lang::TypeScript | Lang::Go => Syntax {
                backtick_multiline: true,
                ..C_LIKE
            },
            Lang::Php => Syntax {
                line: &["//", "#"],
                ..C_LIKE
            },
            Lang::Hcl => Syntax {
                line: &["//", "#"],
                quotes: b"\"",
                ..C_LIKE
            },
            Lang::Python | Lang::Toml => Syntax {
                needs_space_before: false,
                triple_quotes: true,
                ..HASH
            },
            Lang::Ruby => Syntax {
                needs_space_before: false,
                block: &[("=begin", "=end")],
                ..HASH
            },
            Lang::PowerShell => Syntax {
                needs_space_before: false,
                block: &[("<#", "#>")],
                ..HASH
            },
            Lang::Shell | Lang::Yaml | Lang::Dotenv => HASH,
            Lang::Properties => Syntax {
                line: &["#", "!"],
                line_start_only: true,
                quotes: b"",
                ..HASH
            },
            Lang::Ini => Syntax {
                line: &["#", ";"],
                line_start_only: true,
                quotes: b"",
                ..HASH
            },
            Lang::Http => Syntax {
                line: &["#", "//"],
                line_start_only: true,
                quotes: b"",
                ..HASH
            },
            Lang::Xml | Lang::Html | Lang::Markdown => Syntax {
                line: &[],
                block: &[("<!--", "-->")],
                quotes: b"",
                ..Syntax::default()
            },
            Lang::Text => Syntax::default(),
        }
    }

    /// Parse a language name (as in rule files).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|l| l.name() == name)
    }
}

/// Classify a file by its name, then its extension, then a shebang in `first_line`.
/// Unknown kinds are `Text`: every text file is scanned, with no comment syntax.
#[must_use]
pub fn classify(path: &Path, first_line: &[u8]) -> Lang {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if let Some(lang) = by_name(&name) {
        return lang;
    }
    if let Some(ext) = name.rsplit_once('.').map(|(_, e)| e)
        && let Some(lang) = by_extension(ext)
    {
        return lang;
    }
    shebang(first_line).unwrap_or(Lang::Text)
}

fn by_name(name: &str) -> Option<Lang> {
    Some(match name {
        ".env" | "env" | ".envrc" => Lang::Dotenv,
        n if n.starts_with(".env.") => Lang::Dotenv,
        "jenkinsfile" => Lang::Groovy,
        n if n.starts_with("jenkinsfile.") || n.ends_with(".jenkinsfile") => Lang::Groovy,
        "dockerfile" | "makefile" | "procfile" => Lang::Shell,
        "gemfile" | "rakefile" => Lang::Ruby,
        ".npmrc" | ".gitconfig" | ".editorconfig" => Lang::Ini,
        n if n.ends_with(".postman_collection.json") => Lang::Json,
        _ => return None,
    })
}

/// The kind of a file with extension `ext` (lower case, without the dot), if it has one.
pub(crate) fn by_extension(ext: &str) -> Option<Lang> {
    Some(match ext {
        "py" | "pyw" | "pyi" | "ipynb_py" => Lang::Python,
        "java" | "jsp" => Lang::Java,
        "js" | "mjs" | "cjs" | "jsx" => Lang::JavaScript,
        "ts" | "mts" | "cts" | "tsx" => Lang::TypeScript,
        "cls" | "trigger" | "apex" => Lang::Apex,
        "cs" | "csx" => Lang::CSharp,
        "go" => Lang::Go,
        "rb" | "rake" | "gemspec" => Lang::Ruby,
        "php" | "phtml" => Lang::Php,
        "kt" | "kts" => Lang::Kotlin,
        "scala" | "sc" | "sbt" => Lang::Scala,
        "groovy" | "gradle" | "gvy" => Lang::Groovy,
        "sh" | "bash" | "zsh" | "ksh" | "bats" => Lang::Shell,
        "ps1" | "psm1" | "psd1" => Lang::PowerShell,
        "http" | "rest" => Lang::Http,
        "yaml" | "yml" => Lang::Yaml,
        "json" | "jsonc" | "json5" | "ipynb" => Lang::Json,
        "xml" | "xsd" | "wsdl" | "xaml" | "csproj" | "config" | "plist" | "rs_xml" | "tc" => {
            Lang::Xml
        }
        "properties" => Lang::Properties,
        "env" => Lang::Dotenv,
        "toml" => Lang::Toml,
        "ini" | "cfg" | "conf" => Lang::Ini,
        "tf" | "tfvars" | "hcl" | "spc" => Lang::Hcl,
        "md" | "markdown" | "mdx" => Lang::Markdown,
        "html" | "htm" => Lang::Html,
        _ => return None,
    })
}

fn shebang(first_line: &[u8]) -> Option<Lang> {
    let line = first_line.strip_prefix(b"#!")?;
    let line = String::from_utf8_lossy(line);
    let interpreter = line
        .split_whitespace()
        .find(|w| !w.ends_with("/env") && *w != "env" && !w.starts_with('-'))?;
    let base = interpreter.rsplit('/').next().unwrap_or(interpreter);
    Some(
        match base.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.') {
            "python" => Lang::Python,
            "node" | "deno" | "bun" => Lang::JavaScript,
            "ruby" => Lang::Ruby,
            "php" => Lang::Php,
            "sh" | "bash" | "zsh" | "ksh" | "dash" => Lang::Shell,
            "pwsh" | "powershell" => Lang::PowerShell,
            _ => return None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_name_extension_and_shebang() {
        assert_eq!(classify(Path::new("a/.env.local"), b""), Lang::Dotenv);
        assert_eq!(
            classify(Path::new("ci/Jenkinsfile.release"), b""),
            Lang::Groovy
        );
        assert_eq!(classify(Path::new("Auth.cls"), b""), Lang::Apex);
        assert_eq!(
            classify(Path::new("x.postman_collection.json"), b""),
            Lang::Json
        );
        assert_eq!(
            classify(Path::new("get-token"), b"#!/usr/bin/env bash"),
            Lang::Shell
        );
        assert_eq!(
            classify(Path::new("tool"), b"#!/usr/bin/python3.11 -u"),
            Lang::Python
        );
        assert_eq!(classify(Path::new("NOTES"), b"hello"), Lang::Text);
    }

    #[test]
    fn lang_sets_accept_names_and_groups() {
        let mut set = LangSet::default();
        set.add_name("config").unwrap();
        set.add_name("python").unwrap();
        assert!(set.contains(Lang::Yaml) && set.contains(Lang::Python));
        assert!(!set.contains(Lang::Java));
        assert!(set.add_name("cobol").is_err());
    }
}
