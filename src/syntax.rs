//! The tree-sitter front-ends: which grammar and query file parse which kind of file, and a
//! per-thread parser cache that parses with a time budget.
//!
//! A front-end is data: a grammar crate plus `queries/<name>.scm`, which tags nodes with the
//! shared capture names that `facts` understands. This module only parses; it does not know
//! what the captures mean, and it never decides findings. A file whose parse runs over its
//! budget (minified bundles, pathological nesting) gets no tree, and the caller falls back
//! to the text detectors.

use crate::lang::Lang;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tree_sitter::{Language, ParseOptions, Parser, Query, Tree};
use tree_sitter_language::LanguageFn;

/// Each front-end's name, grammar and query file, in `Front` order.
const FRONTS: [(&str, LanguageFn, &str); Front::COUNT] = [
    (
        "python",
        tree_sitter_python::LANGUAGE,
        include_str!("../queries/python.scm"),
    ),
    (
        "java",
        tree_sitter_java::LANGUAGE,
        include_str!("../queries/java.scm"),
    ),
    (
        "javascript",
        tree_sitter_javascript::LANGUAGE,
        include_str!("../queries/javascript.scm"),
    ),
    (
        "typescript",
        tree_sitter_typescript::LANGUAGE_TYPESCRIPT,
        include_str!("../queries/javascript.scm"),
    ),
    (
        "tsx",
        tree_sitter_typescript::LANGUAGE_TSX,
        include_str!("../queries/javascript.scm"),
    ),
    (
        "json",
        tree_sitter_json::LANGUAGE,
        include_str!("../queries/json.scm"),
    ),
    (
        "yaml",
        tree_sitter_yaml::LANGUAGE,
        include_str!("../queries/yaml.scm"),
    ),
    (
        "xml",
        tree_sitter_xml::LANGUAGE_XML,
        include_str!("../queries/xml.scm"),
    ),
    (
        "properties",
        tree_sitter_properties::LANGUAGE,
        include_str!("../queries/properties.scm"),
    ),
    (
        "go",
        tree_sitter_go::LANGUAGE,
        include_str!("../queries/go.scm"),
    ),
    (
        "ruby",
        tree_sitter_ruby::LANGUAGE,
        include_str!("../queries/ruby.scm"),
    ),
    (
        "php",
        tree_sitter_php::LANGUAGE_PHP,
        include_str!("../queries/php.scm"),
    ),
    (
        "bash",
        tree_sitter_bash::LANGUAGE,
        include_str!("../queries/bash.scm"),
    ),
    (
        "csharp",
        tree_sitter_c_sharp::LANGUAGE,
        include_str!("../queries/csharp.scm"),
    ),
    (
        "apex",
        tree_sitter_sfapex::apex::LANGUAGE,
        include_str!("../queries/apex.scm"),
    ),
    (
        "kotlin",
        tree_sitter_kotlin_ng::LANGUAGE,
        include_str!("../queries/kotlin.scm"),
    ),
    (
        "scala",
        tree_sitter_scala::LANGUAGE,
        include_str!("../queries/scala.scm"),
    ),
];

/// One grammar with its query.
pub struct Grammar {
    /// Name of the front-end (`python`, `tsx`, …), for messages.
    pub name: &'static str,
    /// The tree-sitter language.
    pub language: Language,
    /// The compiled query with the shared capture names.
    pub query: Query,
}

/// The front-ends, in a fixed order; `Front` indexes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Front {
    /// Python.
    Python,
    /// Java.
    Java,
    /// JavaScript, JSX, `.mjs`, `.cjs`.
    JavaScript,
    /// TypeScript.
    TypeScript,
    /// TSX.
    Tsx,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
    /// XML.
    Xml,
    /// Java `.properties`.
    Properties,
    /// Go.
    Go,
    /// Ruby.
    Ruby,
    /// PHP.
    Php,
    /// Shell scripts (bash, sh, zsh), not Dockerfiles or Makefiles.
    Bash,
    /// C#.
    CSharp,
    /// Apex classes and triggers.
    Apex,
    /// Kotlin (`.kt`, `.kts`).
    Kotlin,
    /// Scala (`.scala`, `.sc`, `.sbt`).
    Scala,
}

impl Front {
    const COUNT: usize = 17;

    /// The front-end for a file of kind `lang` at `path`, if it has one.
    #[must_use]
    pub fn for_file(lang: Lang, path: &Path) -> Option<Front> {
        Some(match lang {
            Lang::Python => Front::Python,
            Lang::Java => Front::Java,
            Lang::JavaScript => Front::JavaScript,
            Lang::TypeScript => {
                if path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("tsx"))
                {
                    Front::Tsx
                } else {
                    Front::TypeScript
                }
            }
            Lang::Json => Front::Json,
            Lang::Yaml => Front::Yaml,
            Lang::Xml => Front::Xml,
            Lang::Properties => Front::Properties,
            Lang::Go => Front::Go,
            Lang::Ruby => Front::Ruby,
            Lang::Php => Front::Php,
            Lang::Shell if is_script(path) => Front::Bash,
            Lang::CSharp => Front::CSharp,
            Lang::Apex => Front::Apex,
            Lang::Kotlin => Front::Kotlin,
            Lang::Scala => Front::Scala,
            _ => return None,
        })
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The grammar and query, built on first use and shared by every thread.
    ///
    /// # Panics
    /// If a built-in query does not compile against its grammar (the tests load every one).
    #[must_use]
    pub fn grammar(self) -> &'static Grammar {
        static GRAMMARS: [OnceLock<Grammar>; Front::COUNT] =
            [const { OnceLock::new() }; Front::COUNT];
        GRAMMARS[self.index()].get_or_init(|| {
            let (name, language, source) = FRONTS[self.index()];
            let language = Language::new(language);
            let query =
                Query::new(&language, source).unwrap_or_else(|e| panic!("queries/{name}.scm: {e}"));
            Grammar {
                name,
                language,
                query,
            }
        })
    }

    /// Every front-end.
    pub const ALL: [Front; Front::COUNT] = [
        Front::Python,
        Front::Java,
        Front::JavaScript,
        Front::TypeScript,
        Front::Tsx,
        Front::Json,
        Front::Yaml,
        Front::Xml,
        Front::Properties,
        Front::Go,
        Front::Ruby,
        Front::Php,
        Front::Bash,
        Front::CSharp,
        Front::Apex,
        Front::Kotlin,
        Front::Scala,
    ];
}

/// Whether a shell-kind file is a script, not a Dockerfile, Makefile or Procfile, whose shell
/// lines sit inside another syntax.
fn is_script(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    !matches!(name.as_str(), "dockerfile" | "makefile" | "procfile")
}

/// Why a file has no tree.
#[derive(Debug, PartialEq, Eq)]
pub enum ParseFailure {
    /// The parse ran over its time budget.
    Timeout(Duration),
    /// tree-sitter gave up for another reason.
    Failed,
}

/// One parser per front-end, owned by one thread and reused for every file it parses.
#[derive(Default)]
pub struct Parsers {
    parsers: HashMap<Front, Parser>,
}

impl Parsers {
    /// Parse `text` with `front`'s grammar, giving up after `budget`.
    ///
    /// # Errors
    /// `Timeout` when the budget runs out, `Failed` if tree-sitter returns no tree.
    pub fn parse(
        &mut self,
        front: Front,
        text: &str,
        budget: Duration,
    ) -> Result<Tree, ParseFailure> {
        let parser = self.parsers.entry(front).or_insert_with(|| {
            let mut p = Parser::new();
            p.set_language(&front.grammar().language)
                .expect("grammar ABI matches the tree-sitter crate");
            p
        });
        let start = Instant::now();
        let mut timed_out = false;
        let mut progress = |_: &tree_sitter::ParseState| {
            if start.elapsed() > budget {
                timed_out = true;
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let bytes = text.as_bytes();
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
            None,
            Some(ParseOptions::new().progress_callback(&mut progress)),
        );
        if let Some(tree) = tree {
            return Ok(tree);
        }
        // A cancelled parse leaves state behind; the next file must start clean.
        parser.reset();
        if timed_out {
            Err(ParseFailure::Timeout(budget))
        } else {
            Err(ParseFailure::Failed)
        }
    }
}

/// The byte ranges, widened to whole lines, of the parts of `tree` that did not parse
/// (`ERROR` and missing nodes), merged and in order. Text detectors still run there, so a
/// grammar's blind spot (Mule's `]]]>` CDATA, a template tag in YAML) costs no findings.
#[must_use]
pub fn error_regions(tree: &Tree, text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    if !tree.root_node().has_error() {
        return out;
    }
    let bytes = text.as_bytes();
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            let start = memchr::memrchr(b'\n', &bytes[..node.start_byte()]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &bytes[node.end_byte()..])
                .map_or(bytes.len(), |i| node.end_byte() + i);
            out.push(start..end);
        } else if node.has_error() {
            stack.extend(node.children(&mut cursor));
        }
    }
    out.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end + 1 => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_compiles_against_its_grammar() {
        for front in Front::ALL {
            let g = front.grammar();
            assert!(g.query.capture_names().len() > 2, "{}", g.name);
        }
    }

    #[test]
    fn every_kind_with_a_grammar_gets_its_front_end_and_dockerfiles_do_not() {
        use crate::lang::classify;
        for (name, front) in [
            ("a.cls", Some(Front::Apex)),
            ("a.trigger", Some(Front::Apex)),
            ("a.cs", Some(Front::CSharp)),
            ("a.kt", Some(Front::Kotlin)),
            ("a.scala", Some(Front::Scala)),
            ("a.sh", Some(Front::Bash)),
            ("a.tsx", Some(Front::Tsx)),
            ("Dockerfile", None),
            ("Makefile", None),
            ("a.ps1", None),
            ("a.http", None),
        ] {
            let path = Path::new(name);
            assert_eq!(Front::for_file(classify(path, b""), path), front, "{name}");
        }
        let script = Path::new("deploy");
        assert_eq!(
            Front::for_file(classify(script, b"#!/bin/bash"), script),
            Some(Front::Bash)
        );
    }

    #[test]
    fn a_parse_over_budget_times_out_and_the_parser_recovers() {
        let mut parsers = Parsers::default();
        let big = "x = [".to_owned() + &"1, ".repeat(200_000) + "]\n";
        assert_eq!(
            parsers.parse(Front::Python, &big, Duration::ZERO).err(),
            Some(ParseFailure::Timeout(Duration::ZERO))
        );
        let tree = parsers
            .parse(Front::Python, "x = 'ok'\n", Duration::from_secs(5))
            .unwrap();
        assert!(!tree.root_node().has_error());
    }

    #[test]
    fn error_regions_cover_whole_lines_of_what_did_not_parse() {
        let text = "<a>\n<b><![CDATA[#[x --- {\n y: 1\n}]]]></b>\n<c/>\n</a>\n";
        let tree = Parsers::default()
            .parse(Front::Xml, text, Duration::from_secs(5))
            .unwrap();
        let regions = error_regions(&tree, text);
        assert!(!regions.is_empty());
        for r in &regions {
            assert!(r.start == 0 || text.as_bytes()[r.start - 1] == b'\n');
            assert!(!text[r.clone()].contains("<c/>"), "{:?}", &text[r.clone()]);
        }
        assert!(regions.iter().any(|r| text[r.clone()].contains("y: 1")));
    }
}
