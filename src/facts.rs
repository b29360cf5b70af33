//! The generic extractor: turns a syntax tree and its query's captures into language-neutral
//! facts (`StrFact`, `PairFact`, `CallFact`, and the `urls::UrlFact`s in the strings), the
//! same for every language.
//!
//! Capture names (every `queries/*.scm` uses these and nothing else that starts without `_`):
//! - `@string` a string literal (quotes and prefixes are stripped here); `@string.hole` an
//!   interpolation inside one (`{x}`, `${x}`), kept as its source text and marked as a hole;
//! - `@concat` a `+` or implicit concatenation, folded from its operands;
//! - `@assign` with `@assign.name` and `@assign.value`: a name assigned exactly once in the file
//!   is a constant, and folds to its value wherever it is used;
//! - `@pair` with `@pair.key` (or `@pair.setter`, `setPassword` → `Password`) and `@pair.value`
//!   (or `@pair.empty` on the whole assignment when nothing is assigned: `KEY=`);
//!   a pair's path is the keys of the pairs and `@scope` nodes (with `@scope.name`) around it;
//!   sibling pairs `key`/`name` + `value` (Postman, Spring `<property>`, `<entry>`) also yield
//!   the pair they describe; a value that is a name bound once to a dict or object stands
//!   for that object's pairs, under the using pair's path;
//! - `@call` with `@call.name` and `@call.args`: callee as written (whitespace removed), its
//!   positional arguments, and its named ones (keyword arguments and the keys of object or dict
//!   literals passed to it);
//! - `@pairs.flat` an argument list of alternating keys and values (`Map.of("k", v, …)`);
//! - `@pairs.encoded` a value holding `k=v` fields joined by `&` (`curl -d grant_type=password`),
//!   split into pairs whose siblings are the other pairs of the same parent node;
//! - a key written as a command-line option (`--conn-password`) is its name without dashes.
//!
//! It does not know any rule, library or language by name; comments are never captured, so
//! they never become facts, and neither do strings that are statements by themselves
//! (docstrings). It resolves no scopes beyond "assigned once in this file".

use crate::syntax::Grammar;
use std::collections::HashMap;
use std::ops::Range;
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, QueryCursor, Tree};

/// A string value after folding, with a map back to the source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// The value as the program builds it; holes appear as their source text.
    pub text: String,
    /// Copied runs: (start in `text`, start in the source, length).
    segs: Vec<(usize, usize, usize)>,
    /// Holes: their range in `text` (their source range is `segs`' too).
    pub holes: Vec<Range<usize>>,
}

impl Folded {
    fn push(&mut self, src: &str, range: Range<usize>, hole: bool) {
        let at = self.text.len();
        self.text.push_str(&src[range.clone()]);
        self.segs.push((at, range.start, range.len()));
        if hole {
            self.holes.push(at..self.text.len());
        }
    }

    /// Append `range` of `src`, marking the `holes` inside it (sorted, disjoint).
    pub(crate) fn push_mapped(&mut self, src: &str, range: Range<usize>, holes: &[Range<usize>]) {
        let mut at = range.start;
        for hole in holes {
            if hole.start < at || hole.end > range.end {
                continue;
            }
            if hole.start > at {
                self.push(src, at..hole.start, false);
            }
            self.push(src, hole.clone(), true);
            at = hole.end;
        }
        if at < range.end || self.segs.is_empty() {
            self.push(src, at..range.end, false);
        }
    }

    /// As `push_mapped`, reading the escapes `\"`, `\'`, `\\` and `\/` as the character they
    /// stand for, so JSON or XML held in a string reads as itself.
    fn push_unescaped(&mut self, src: &str, range: Range<usize>, holes: &[Range<usize>]) {
        let bytes = src.as_bytes();
        let mut parts = Vec::new();
        let mut at = range.start;
        let mut i = range.start;
        while i + 1 < range.end {
            if holes.iter().any(|h| h.contains(&i)) {
                i += 1;
                continue;
            }
            if bytes[i] == b'\\' {
                if matches!(bytes[i + 1], b'"' | b'\'' | b'\\' | b'/') {
                    parts.push(at..i);
                    at = i + 1;
                }
                i += 2;
            } else {
                i += 1;
            }
        }
        parts.push(at..range.end);
        if parts.len() == 1 {
            self.push_mapped(src, range, holes);
            return;
        }
        for part in parts {
            let inside: Vec<Range<usize>> = holes
                .iter()
                .filter(|h| h.start >= part.start && h.end <= part.end)
                .cloned()
                .collect();
            self.push_mapped(src, part, &inside);
        }
    }

    /// Move every source offset by `at`.
    fn shift(&mut self, at: usize) {
        for seg in &mut self.segs {
            seg.1 += at;
        }
    }

    fn append(&mut self, other: Folded) {
        let at = self.text.len();
        self.text.push_str(&other.text);
        self.segs
            .extend(other.segs.into_iter().map(|(t, s, l)| (t + at, s, l)));
        self.holes
            .extend(other.holes.into_iter().map(|h| h.start + at..h.end + at));
    }

    /// The source offset of `text` offset `at` (a boundary between runs maps to the next one).
    fn source_at(&self, at: usize, end: bool) -> Option<usize> {
        self.segs.iter().find_map(|&(t, s, l)| {
            let inside = if end {
                at > t && at <= t + l
            } else {
                at >= t && at < t + l
            };
            inside.then_some(s + at - t)
        })
    }

    /// The source range of `range` of `text`, when both ends map.
    #[must_use]
    pub fn source_range(&self, range: &Range<usize>) -> Option<Range<usize>> {
        if range.is_empty() {
            let s = self.source_at(range.start, false)?;
            return Some(s..s);
        }
        let start = self.source_at(range.start, false)?;
        let end = self.source_at(range.end, true)?;
        (start <= end).then_some(start..end)
    }

    /// The part `range` of `text`, with its map to the source and its holes.
    #[must_use]
    pub fn slice(&self, range: &Range<usize>) -> Folded {
        let mut out = Folded {
            text: self.text[range.clone()].to_owned(),
            ..Folded::default()
        };
        for &(t, s, l) in &self.segs {
            let (a, b) = (t.max(range.start), (t + l).min(range.end));
            if a < b || (l == 0 && range.contains(&t)) {
                out.segs
                    .push((a - range.start, s + a - t, b.saturating_sub(a)));
            }
        }
        for h in &self.holes {
            let (a, b) = (h.start.max(range.start), h.end.min(range.end));
            if a < b {
                out.holes.push(a - range.start..b - range.start);
            }
        }
        if out.segs.is_empty() {
            let at = self
                .source_at(range.start, true)
                .or_else(|| self.source_at(range.start, false))
                .unwrap_or(0);
            out.segs.push((0, at, 0));
        }
        out
    }

    /// Whether `range` of `text` touches a hole.
    #[must_use]
    pub fn touches_hole(&self, range: &Range<usize>) -> bool {
        self.holes
            .iter()
            .any(|h| h.start < range.end.max(range.start + 1) && range.start < h.end)
    }
}

/// An expression in a value position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// Its node's source range.
    pub span: Range<usize>,
    /// Its string value, when it folds to one.
    pub folded: Option<Folded>,
}

impl Value {
    /// The text rules match: the folded string, else the source as written.
    #[must_use]
    pub fn text<'a>(&'a self, src: &'a str) -> &'a str {
        self.folded
            .as_ref()
            .map_or(&src[self.span.clone()], |f| f.text.as_str())
    }
}

/// A string value: a literal or a folded concatenation, not part of a larger one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrFact {
    /// The value (always folded).
    pub value: Value,
}

/// A key with its value, wherever the language writes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairFact {
    /// The key as a string (`grant_type`, `Password` from `setPassword`).
    pub key: String,
    /// Where the key is written.
    pub key_span: Range<usize>,
    /// Enclosing keys and the key, joined by `.` (`salesforce.security-token`).
    pub path: String,
    /// The value.
    pub value: Value,
    /// The node that holds the pair and its siblings (an object, a call's arguments, a tag).
    pub parent: usize,
    /// Where the pair takes effect, when that is not where it is written: the name that
    /// stands for the object holding it (`params=params`).
    pub used_at: Option<Range<usize>>,
}

/// A call or constructor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallFact {
    /// The callee as written, without whitespace or `new`, member access as `.`
    /// (`requests.post`, `jsforce.Connection`, `$this->client->login` → `$this.client.login`).
    pub callee: String,
    /// The last name in the callee (`post`), where findings about the call point.
    pub name_span: Range<usize>,
    /// The whole call.
    pub span: Range<usize>,
    /// Positional arguments, in order.
    pub args: Vec<Value>,
    /// Keyword arguments and the keys of object/dict literals passed, with their values.
    pub named: Vec<(String, Value)>,
}

/// Everything one file says, in source order.
#[derive(Debug, Default)]
pub struct Facts {
    /// String values.
    pub strings: Vec<StrFact>,
    /// Key/value pairs.
    pub pairs: Vec<PairFact>,
    /// Calls.
    pub calls: Vec<CallFact>,
    /// URLs in the string values.
    pub urls: Vec<crate::urls::UrlFact>,
    /// The languages the facts were written in (a Markdown file's fences can hold several).
    pub langs: crate::lang::LangSet,
}

impl Facts {
    /// Append `other`, whose offsets are relative to `at` in this file. Node ids from another
    /// tree are salted with `salt` so siblings never match across trees. URLs are not merged:
    /// find them in the merged strings once all parts are in.
    pub fn merge(&mut self, mut other: Facts, at: usize, salt: usize) {
        let shift = |r: &mut Range<usize>| *r = r.start + at..r.end + at;
        let value = |v: &mut Value| {
            v.span = v.span.start + at..v.span.end + at;
            if let Some(f) = &mut v.folded {
                f.shift(at);
            }
        };
        for s in &mut other.strings {
            value(&mut s.value);
        }
        for p in &mut other.pairs {
            shift(&mut p.key_span);
            value(&mut p.value);
            p.parent ^= salt;
            if let Some(u) = &mut p.used_at {
                shift(u);
            }
        }
        for c in &mut other.calls {
            shift(&mut c.name_span);
            shift(&mut c.span);
            c.args.iter_mut().for_each(value);
            c.named.iter_mut().for_each(|(_, v)| value(v));
        }
        self.strings.append(&mut other.strings);
        self.pairs.append(&mut other.pairs);
        self.calls.append(&mut other.calls);
        self.langs = crate::lang::LangSet::union(self.langs, other.langs);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    String,
    Hole,
    Concat,
    Assign,
    AssignName,
    AssignValue,
    Pair,
    PairKey,
    PairSetter,
    PairValue,
    PairEmpty,
    Call,
    CallName,
    CallArgs,
    PairsFlat,
    PairsEncoded,
    Scope,
    ScopeName,
    Other,
}

fn role(name: &str) -> Role {
    match name {
        "string" => Role::String,
        "string.hole" => Role::Hole,
        "concat" => Role::Concat,
        "assign" => Role::Assign,
        "assign.name" => Role::AssignName,
        "assign.value" => Role::AssignValue,
        "pair" => Role::Pair,
        "pair.key" => Role::PairKey,
        "pair.setter" => Role::PairSetter,
        "pair.value" => Role::PairValue,
        "pair.empty" => Role::PairEmpty,
        "call" => Role::Call,
        "call.name" => Role::CallName,
        "call.args" => Role::CallArgs,
        "pairs.flat" => Role::PairsFlat,
        "pairs.encoded" => Role::PairsEncoded,
        "scope" => Role::Scope,
        "scope.name" => Role::ScopeName,
        _ => Role::Other,
    }
}

/// A pair as captured, before folding.
struct RawPair<'t> {
    node: Node<'t>,
    key: Node<'t>,
    setter: bool,
    value: Node<'t>,
    /// Nothing is assigned: `value` is the whole assignment, the value is empty at its end.
    empty: bool,
}

struct Extractor<'t, 's> {
    src: &'s str,
    strings: HashMap<usize, Node<'t>>,
    holes: HashMap<usize, Vec<Range<usize>>>,
    concats: HashMap<usize, Node<'t>>,
    constants: HashMap<&'s str, Option<Node<'t>>>,
}

/// How deep constant and concatenation folding may recurse.
const MAX_FOLD_DEPTH: usize = 24;

impl<'t> Extractor<'t, '_> {
    fn text(&self, node: Node<'_>) -> &str {
        &self.src[node.byte_range()]
    }

    fn fold(&self, node: Node<'t>, depth: usize) -> Option<Folded> {
        if depth > MAX_FOLD_DEPTH {
            return None;
        }
        if self.strings.contains_key(&node.id()) {
            return Some(self.literal(node));
        }
        if self.concats.contains_key(&node.id()) {
            let mut out = Folded::default();
            let mut literal = false;
            for (i, operand) in (0..node.named_child_count()).filter_map(|i| {
                let i = u32::try_from(i).ok()?;
                Some((i, node.named_child(i)?))
            }) {
                // Comments, and an operator that is a named node (Scala's `+`).
                if operand.is_extra() || node.field_name_for_named_child(i) == Some("operator") {
                    continue;
                }
                if let Some(f) = self.fold(operand, depth + 1) {
                    literal |= f.holes.len() < f.segs.len();
                    out.append(f);
                } else {
                    out.push(self.src, operand.byte_range(), true);
                }
            }
            return literal.then_some(out);
        }
        if is_name(node.kind())
            && let Some(Some(value)) = self.constants.get(self.text(node))
            && value.id() != node.id()
        {
            return self.fold(*value, depth + 1);
        }
        // A name written right before a string is its interpolator or tag (Scala s"…", uri"…";
        // JS sql`…`), not an operand: the value is the string.
        if node.named_child_count() == 2
            && let (Some(tag), Some(last)) = (node.named_child(0), node.named_child(1))
            && is_name(tag.kind())
            && tag.end_byte() == last.start_byte()
            && self.strings.contains_key(&last.id())
        {
            return Some(self.literal(last));
        }
        // Wrappers such as YAML's flow_node or a parenthesised expression.
        if node.named_child_count() == 1
            && let Some(child) = node.named_child(0)
        {
            return self.fold(child, depth + 1);
        }
        None
    }

    /// A string literal's content: prefixes and quotes stripped, holes marked.
    fn literal(&self, node: Node<'_>) -> Folded {
        let (content, escapes) = unquote(self.src, node.byte_range());
        let holes = self.holes.get(&node.id()).map_or(&[][..], Vec::as_slice);
        let mut out = Folded::default();
        if escapes {
            out.push_unescaped(self.src, content, holes);
        } else {
            out.push_mapped(self.src, content, holes);
        }
        out
    }

    fn value(&self, node: Node<'t>) -> Value {
        Value {
            span: node.byte_range(),
            folded: self.fold(node, 0),
        }
    }

    fn pair_value(&self, pair: &RawPair<'t>) -> Value {
        if pair.empty {
            let end = pair.value.end_byte();
            return Value {
                span: end..end,
                folded: Some(Folded {
                    text: String::new(),
                    segs: vec![(0, end, 0)],
                    holes: Vec::new(),
                }),
            };
        }
        self.value(pair.value)
    }

    fn key(&self, pair: &RawPair<'t>) -> String {
        let raw = self.text(pair.key);
        if pair.setter {
            return raw.strip_prefix("set").unwrap_or(raw).to_owned();
        }
        // A name is its own key (`GRANT = …`), even when it is also a constant; a Ruby
        // symbol (`:password => …`) is its name.
        if is_name(pair.key.kind()) {
            return raw.trim_start_matches('$').to_owned();
        }
        if pair.key.kind() == "simple_symbol" {
            return raw.trim_start_matches(':').to_owned();
        }
        // A command-line option (`--security-token`) names its argument.
        if pair.key.kind() == "word" && raw.starts_with('-') {
            return raw.trim_start_matches('-').to_owned();
        }
        match self.fold(pair.key, 0) {
            Some(f) if f.holes.is_empty() => f.text,
            _ => raw.to_owned(),
        }
    }
}

/// The content range of a literal: string prefixes (`f`, `r`, `b`, `@`, `$`) and matching
/// quotes (`"`, `'`, `` ` ``, triple quotes) removed; an unquoted scalar is trimmed.
/// Also whether backslash escapes apply (quoted, and not a raw or verbatim string).
fn unquote(src: &str, range: Range<usize>) -> (Range<usize>, bool) {
    let text = &src[range.clone()];
    let prefix = text
        .bytes()
        .take(3)
        .take_while(|b| b"fFrRbBuU@$".contains(b))
        .count();
    let body = &text[prefix..];
    let raw = text[..prefix].contains(['r', 'R', '@']);
    for q in ["\"\"\"", "'''", "\"", "'", "`"] {
        if body.len() >= 2 * q.len() && body.starts_with(q) && body.ends_with(q) {
            return (range.start + prefix + q.len()..range.end - q.len(), !raw);
        }
    }
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    if lead + trail >= text.len() {
        return (range.start..range.start, false);
    }
    (range.start + lead..range.end - trail, false)
}

/// Every named node's parent, from one walk of the tree. `Node::parent` searches down from the
/// root each time, which is quadratic on wide trees (a JSON array of 10,000 objects).
fn parents(tree: &Tree) -> HashMap<usize, Node<'_>> {
    let mut out = HashMap::new();
    let mut cursor = tree.walk();
    let mut stack: Vec<Node<'_>> = Vec::new();
    loop {
        let node = cursor.node();
        if node.is_named()
            && let Some(&parent) = stack.last()
        {
            out.insert(node.id(), parent);
        }
        if cursor.goto_first_child() {
            stack.push(node);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            stack.pop();
        }
    }
}

/// What the query captured, before folding.
struct Captured<'t> {
    pairs: Vec<RawPair<'t>>,
    calls: Vec<(Node<'t>, Node<'t>, Node<'t>)>,
    scopes: Vec<(Range<usize>, String)>,
    encoded: Vec<Node<'t>>,
}

/// Run the query once and sort its captures by role.
fn capture<'t, 's>(
    grammar: &Grammar,
    tree: &'t Tree,
    src: &'s str,
    parent_of: &HashMap<usize, Node<'t>>,
) -> (Extractor<'t, 's>, Captured<'t>) {
    let roles: Vec<Role> = grammar
        .query
        .capture_names()
        .iter()
        .map(|n| role(n))
        .collect();
    let mut ex = Extractor {
        src,
        strings: HashMap::new(),
        holes: HashMap::new(),
        concats: HashMap::new(),
        constants: HashMap::new(),
    };
    let mut pairs: Vec<RawPair<'_>> = Vec::new();
    let mut calls: Vec<(Node<'_>, Node<'_>, Node<'_>)> = Vec::new();
    let mut scopes: Vec<(Range<usize>, String)> = Vec::new();
    let mut encoded: Vec<Node<'_>> = Vec::new();

    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&grammar.query, tree.root_node(), src.as_bytes());
    while let Some(m) = matches.next() {
        let find = |r: Role| {
            m.captures()
                .iter()
                .find(|c| roles[c.index as usize] == r)
                .map(|c| c.node)
        };
        for c in m.captures() {
            match roles[c.index as usize] {
                Role::String => {
                    ex.strings.insert(c.node.id(), c.node);
                }
                Role::Hole => {
                    if let Some(parent) = parent_of.get(&c.node.id()) {
                        ex.holes
                            .entry(parent.id())
                            .or_default()
                            .push(c.node.byte_range());
                    }
                }
                Role::Concat => {
                    ex.concats.insert(c.node.id(), c.node);
                }
                Role::Assign => {
                    if let (Some(name), Some(value)) =
                        (find(Role::AssignName), find(Role::AssignValue))
                    {
                        let name = &src[name.byte_range()];
                        // A name assigned twice is not a constant.
                        ex.constants
                            .entry(name)
                            .and_modify(|v| *v = None)
                            .or_insert(Some(value));
                    }
                }
                Role::Pair => {
                    let key = find(Role::PairKey).map(|k| (k, false));
                    let key = key.or_else(|| find(Role::PairSetter).map(|k| (k, true)));
                    // `@pair.empty`: a key assigned nothing (`SF_TOKEN=` in a .env file).
                    let value = find(Role::PairValue)
                        .map(|v| (v, false))
                        .or_else(|| find(Role::PairEmpty).map(|n| (n, true)));
                    if let (Some((key, setter)), Some((value, empty))) = (key, value) {
                        pairs.push(RawPair {
                            node: c.node,
                            key,
                            setter,
                            value,
                            empty,
                        });
                    }
                }
                Role::Call => {
                    if let (Some(name), Some(args)) = (find(Role::CallName), find(Role::CallArgs)) {
                        calls.push((c.node, name, args));
                    }
                }
                Role::PairsFlat => {
                    // Alternating keys and values: Map.of("k1", v1, "k2", v2).
                    let mut cursor = c.node.walk();
                    let args: Vec<Node<'_>> = c
                        .node
                        .named_children(&mut cursor)
                        .filter(|n| !n.is_extra())
                        .collect();
                    if args.len().is_multiple_of(2) {
                        for kv in args.chunks(2) {
                            pairs.push(RawPair {
                                node: kv[0],
                                key: kv[0],
                                setter: false,
                                value: kv[1],
                                empty: false,
                            });
                        }
                    }
                }
                Role::PairsEncoded => encoded.push(c.node),
                Role::Scope => {
                    if let Some(name) = find(Role::ScopeName) {
                        scopes.push((c.node.byte_range(), src[name.byte_range()].to_owned()));
                    }
                }
                _ => {}
            }
        }
    }
    for h in ex.holes.values_mut() {
        h.sort_by_key(|r| r.start);
        h.dedup();
    }

    (
        ex,
        Captured {
            pairs,
            calls,
            scopes,
            encoded,
        },
    )
}

/// String facts: every literal or concatenation that is not an operand of a larger one, nor
/// a key (a key names a value; the pair says what it holds), nor a statement by itself.
fn string_facts<'t>(
    ex: &Extractor<'t, '_>,
    parent_of: &HashMap<usize, Node<'t>>,
    pairs: &[RawPair<'t>],
) -> Vec<StrFact> {
    let mut out = Vec::new();
    let key_nodes: std::collections::HashSet<usize> = pairs
        .iter()
        .filter(|p| !p.setter)
        .map(|p| p.key.id())
        .collect();
    let is_key = |n: &Node<'_>| {
        key_nodes.contains(&n.id())
            || parent_of
                .get(&n.id())
                .is_some_and(|p| key_nodes.contains(&p.id()))
    };
    let mut tops: Vec<Node<'_>> = ex
        .strings
        .values()
        .chain(ex.concats.values())
        .copied()
        .filter(|n| {
            parent_of
                .get(&n.id())
                .is_none_or(|p| !ex.concats.contains_key(&p.id()) && !is_bare_statement(*p))
        })
        .filter(|n| !is_key(n))
        .collect();
    tops.sort_by_key(|n| (n.start_byte(), n.end_byte()));
    tops.dedup_by_key(|n| n.id());
    for node in tops {
        if let Some(folded) = ex.fold(node, 0) {
            out.push(StrFact {
                value: Value {
                    span: node.byte_range(),
                    folded: Some(folded),
                },
            });
        }
    }

    out
}

/// Pair facts, with their paths (the keys of enclosing pairs' values and the enclosing
/// scopes), the entries their siblings describe and the pairs seen through names; also the
/// index of each container's pairs, which calls use for their named arguments.
fn pair_facts<'t>(
    ex: &Extractor<'t, '_>,
    parent_of: &HashMap<usize, Node<'t>>,
    pairs: &[RawPair<'t>],
    keys: &[String],
    scopes: &[(Range<usize>, String)],
    encoded: &[Node<'t>],
) -> (Vec<PairFact>, HashMap<usize, Vec<usize>>) {
    let src = ex.src;
    let mut out: Vec<PairFact> = Vec::new();
    let mut enclosing: Vec<(Range<usize>, &str)> = pairs
        .iter()
        .zip(keys)
        .map(|(p, k)| (p.value.byte_range(), k.as_str()))
        .chain(scopes.iter().map(|(r, n)| (r.clone(), n.as_str())))
        .collect();
    enclosing.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    // One sweep over pairs and enclosing ranges, both in start order: syntax nodes nest or are
    // disjoint, so the ranges around the current pair form a stack.
    let mut around: Vec<(Range<usize>, &str)> = Vec::new();
    let mut next = 0;
    let mut path_of = |span: &Range<usize>, key: &str| -> String {
        while next < enclosing.len() && enclosing[next].0.start <= span.start {
            let entry = enclosing[next].clone();
            while around.last().is_some_and(|(r, _)| r.end <= entry.0.start) {
                around.pop();
            }
            around.push(entry);
            next += 1;
        }
        while around
            .last()
            .is_some_and(|(r, _)| r.end < span.end || r.start > span.start)
        {
            around.pop();
        }
        let mut path = String::new();
        for (r, k) in &around {
            if r != span && r.start <= span.start && r.end >= span.end {
                path.push_str(k);
                path.push('.');
            }
        }
        path.push_str(key);
        path
    };
    let mut by_parent: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut grandparent: HashMap<usize, usize> = HashMap::new();
    for (i, p) in pairs.iter().enumerate() {
        let span = p.node.byte_range();
        let value = ex.pair_value(p);
        out.push(PairFact {
            key: keys[i].clone(),
            key_span: p.key.byte_range(),
            path: path_of(&span, &keys[i]),
            value,
            parent: parent_of.get(&p.node.id()).map_or(usize::MAX, Node::id),
            used_at: None,
        });
        if let Some(parent) = parent_of.get(&p.node.id()) {
            by_parent.entry(parent.id()).or_default().push(i);
            // Up to the node that holds a sequence of such containers (skipping wrappers
            // such as YAML's block_node and XML's tag and content nodes).
            let mut up = parent_of.get(&parent.id()).copied();
            for _ in 0..3 {
                match up {
                    Some(n) if n.named_child_count() <= 1 || n.kind().contains("Tag") => {
                        up = parent_of.get(&n.id()).copied();
                    }
                    _ => break,
                }
            }
            if let Some(up) = up {
                grandparent.insert(parent.id(), up.id());
            }
        }
    }
    // Entry pairs: {"key": "grant_type", "value": "password"} means grant_type=password.
    let mut entries = Vec::new();
    for members in by_parent.values() {
        let named = |names: &[&str]| {
            members
                .iter()
                .copied()
                .find(|&i| names.iter().any(|n| keys[i].eq_ignore_ascii_case(n)))
        };
        if let (Some(k), Some(v)) = (named(&["key", "name"]), named(&["value"])) {
            let key = &out[k];
            let Some(folded) = key.value.folded.as_ref().filter(|f| f.holes.is_empty()) else {
                continue;
            };
            let prefix = key.path.strip_suffix(key.key.as_str()).unwrap_or_default();
            entries.push(PairFact {
                key: folded.text.clone(),
                key_span: key.value.span.clone(),
                path: format!("{prefix}{}", folded.text),
                value: out[v].value.clone(),
                // An entry's siblings are the entries next to it: {key, value} objects share
                // their array, <entry> and <property> elements their parent element.
                parent: grandparent
                    .get(&out[k].parent)
                    .copied()
                    .unwrap_or(usize::MAX),
                used_at: None,
            });
        }
    }
    // A name bound once to a dict or object stands for its entries where it is used:
    // params = {"client_secret": s}; requests.get(url, params=params) → params.client_secret.
    for (i, p) in pairs.iter().enumerate() {
        let Some(Some(bound)) = is_name(p.value.kind())
            .then(|| ex.constants.get(&src[p.value.byte_range()]))
            .flatten()
        else {
            continue;
        };
        for &j in by_parent.get(&bound.id()).map_or(&[][..], Vec::as_slice) {
            entries.push(PairFact {
                key: keys[j].clone(),
                key_span: pairs[j].key.byte_range(),
                path: format!("{}.{}", out[i].path, keys[j]),
                value: out[j].value.clone(),
                parent: bound.id(),
                used_at: Some(p.value.byte_range()),
            });
        }
    }
    out.extend(entries);
    for &node in encoded {
        out.extend(encoded_pairs(ex, parent_of, node));
    }
    out.sort_by(|a, b| (a.value.span.start, &a.path).cmp(&(b.value.span.start, &b.path)));

    (out, by_parent)
}

/// The `k=v` fields of a form-encoded value (`grant_type=password&username=$U`), as pairs
/// whose parent is the node around the value (a command, so that `-d a=1 -d b=2` are
/// siblings). A part whose key is not a plain name (JSON, a file reference) is no field.
fn encoded_pairs<'t>(
    ex: &Extractor<'t, '_>,
    parent_of: &HashMap<usize, Node<'t>>,
    node: Node<'t>,
) -> Vec<PairFact> {
    let Some(folded) = ex.fold(node, 0) else {
        return Vec::new();
    };
    let parent = parent_of.get(&node.id()).map_or(usize::MAX, Node::id);
    let mut out = Vec::new();
    let mut at = 0;
    for part in folded.text.split('&') {
        let start = at;
        at += part.len() + 1;
        let Some(eq) = part.find('=') else { continue };
        let key = &part[..eq];
        let plain = |c: char| c.is_ascii_alphanumeric() || "_-.[]".contains(c);
        if key.is_empty() || !key.chars().all(plain) || folded.touches_hole(&(start..start + eq)) {
            continue;
        }
        let key_range = start..start + eq;
        let value_range = start + eq + 1..start + part.len();
        let value = folded.slice(&value_range);
        out.push(PairFact {
            key: key.to_owned(),
            key_span: folded
                .source_range(&key_range)
                .unwrap_or_else(|| node.byte_range()),
            path: key.to_owned(),
            value: Value {
                span: folded
                    .source_range(&value_range)
                    .unwrap_or_else(|| node.byte_range()),
                folded: Some(value),
            },
            parent,
            used_at: None,
        });
    }
    out
}

/// Call facts, with positional and named arguments.
fn call_facts<'t>(
    ex: &Extractor<'t, '_>,
    mut calls: Vec<(Node<'t>, Node<'t>, Node<'t>)>,
    pairs: &[RawPair<'t>],
    keys: &[String],
    by_parent: &HashMap<usize, Vec<usize>>,
) -> Vec<CallFact> {
    let src = ex.src;
    let mut out = Vec::new();
    let pair_index: HashMap<usize, usize> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.node.id(), i))
        .collect();
    calls.sort_by_key(|(n, _, _)| n.start_byte());
    calls.dedup_by_key(|(n, _, _)| n.id());
    for (node, name, args) in calls {
        let head = &src[node.start_byte()..args.start_byte()];
        let head = head.trim_start();
        let head = head
            .strip_prefix("new")
            .filter(|rest| rest.starts_with(char::is_whitespace))
            .unwrap_or(head);
        // Member access is written `.` whatever the language (`$a->b`, `A::b` read `a.b`).
        let mut callee: String = head
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .replace("->", ".")
            .replace("::", ".");
        if callee.is_empty() {
            // The name is inside the node that holds the arguments (an XML start tag).
            src[name.byte_range()].clone_into(&mut callee);
        }
        let mut call = CallFact {
            callee,
            name_span: last_name(name).byte_range(),
            span: node.byte_range(),
            args: Vec::new(),
            named: Vec::new(),
        };
        let mut cursor = args.walk();
        for arg in args.named_children(&mut cursor) {
            if arg.is_extra() {
                continue;
            }
            if let Some(&i) = pair_index.get(&arg.id()) {
                call.named.push((keys[i].clone(), ex.pair_value(&pairs[i])));
                continue;
            }
            // An object/array passed directly, possibly inside an `argument` wrapper (PHP).
            let inner = (arg.named_child_count() == 1)
                .then(|| arg.named_child(0))
                .flatten();
            let members = by_parent
                .get(&arg.id())
                .or_else(|| inner.and_then(|n| by_parent.get(&n.id())));
            if let Some(members) = members {
                for &i in members {
                    call.named.push((keys[i].clone(), ex.pair_value(&pairs[i])));
                }
            }
            call.args.push(ex.value(arg));
        }
        out.push(call);
    }
    out
}

/// Extract the facts of `src`, parsed as `tree` with `grammar`.
#[must_use]
pub fn extract(grammar: &Grammar, tree: &Tree, src: &str) -> Facts {
    let parent_of = parents(tree);
    let (ex, mut captured) = capture(grammar, tree, src, &parent_of);
    let strings = string_facts(&ex, &parent_of, &captured.pairs);
    let pairs = &mut captured.pairs;
    // The same key captured with and without a value (`-X POST`, `-s`): the value wins.
    pairs.sort_by_key(|p| {
        (
            p.node.start_byte(),
            std::cmp::Reverse(p.node.end_byte()),
            p.empty,
        )
    });
    pairs.dedup_by_key(|p| (p.node.id(), p.key.id()));
    let keys: Vec<String> = pairs.iter().map(|p| ex.key(p)).collect();
    let (pair_list, by_parent) = pair_facts(
        &ex,
        &parent_of,
        pairs,
        &keys,
        &captured.scopes,
        &captured.encoded,
    );
    let calls = call_facts(&ex, captured.calls, pairs, &keys, &by_parent);
    let urls = crate::urls::find(&strings);
    Facts {
        strings,
        pairs: pair_list,
        calls,
        urls,
        langs: crate::lang::LangSet::default(),
    }
}

/// Whether a node of this kind is a name (an identifier, a Ruby constant, a PHP name or
/// `$variable`).
fn is_name(kind: &str) -> bool {
    kind.ends_with("identifier") || matches!(kind, "constant" | "name" | "variable_name")
}

/// Whether a string whose parent is `parent` is a statement by itself (a docstring,
/// `"use strict"`), which sends nothing.
fn is_bare_statement(parent: Node<'_>) -> bool {
    parent.kind() == "expression_statement" && parent.named_child_count() == 1
}

/// The last name along a callee's right edge: `post` in `requests.post`.
fn last_name(mut node: Node<'_>) -> Node<'_> {
    while node.named_child_count() > 0 {
        let Some(last) = node.named_child(node.named_child_count().saturating_sub(1) as u32) else {
            break;
        };
        if last.kind().contains("argument") {
            break;
        }
        node = last;
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Front, Parsers};
    use std::time::Duration;

    fn facts(front: Front, src: &str) -> Facts {
        let tree = Parsers::default()
            .parse(front, src, Duration::from_secs(5))
            .unwrap();
        extract(front.grammar(), &tree, src)
    }

    /// Every `path=value` in `want` is among the pairs of `f`.
    fn assert_pairs(f: &Facts, src: &str, want: &[&str]) {
        let p = pairs(f, src);
        for w in want {
            assert!(p.iter().any(|x| x == w), "{w}: {p:?}");
        }
    }

    fn pairs(f: &Facts, src: &str) -> Vec<String> {
        f.pairs
            .iter()
            .map(|p| format!("{}={}", p.path, p.value.text(src)))
            .collect()
    }

    #[test]
    fn python_folds_constants_concatenation_and_kwargs() {
        let src = "GRANT = 'pass' 'word'\n# data = {'grant_type': 'password'}\n\
                   data = {'grant_type': GRANT, 'username': os.environ['U']}\n\
                   r = requests.post(f'https://{host}/token', data=data, params={'client_secret': s})\n";
        let f = facts(Front::Python, src);
        let p = pairs(&f, src);
        assert!(p.contains(&"GRANT=password".to_owned()), "{p:?}");
        assert!(p.contains(&"grant_type=password".to_owned()), "{p:?}");
        assert!(p.contains(&"r.params.client_secret=s".to_owned()), "{p:?}");
        // data=data: the dict bound to `data` seen through its name.
        assert!(
            p.contains(&"r.data.grant_type=password".to_owned()),
            "{p:?}"
        );
        // The comment produced nothing: exactly one grant_type pair.
        assert_eq!(p.iter().filter(|x| x.starts_with("grant_type")).count(), 1);
        let call = f
            .calls
            .iter()
            .find(|c| c.callee == "requests.post")
            .unwrap();
        assert_eq!(&src[call.name_span.clone()], "post");
        let names: Vec<&str> = call.named.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["data", "params"]);
        let url = &call.args[0];
        let folded = url.folded.as_ref().unwrap();
        assert_eq!(folded.text, "https://{host}/token");
        assert_eq!(folded.holes.len(), 1);
    }

    #[test]
    fn escaped_quotes_read_as_themselves() {
        let src = "body = \"{\\\"grant_type\\\": \\\"password\\\"}\"\nraw = r\"a\\\"b\"\n";
        let f = facts(Front::Python, src);
        let folded = f.strings[0].value.folded.as_ref().unwrap();
        assert_eq!(folded.text, "{\"grant_type\": \"password\"}");
        let at = folded.text.find("password").unwrap();
        assert_eq!(
            &src[folded.source_range(&(at..at + 8)).unwrap()],
            "password"
        );
        // A raw string keeps its backslashes.
        assert_eq!(f.strings[1].value.folded.as_ref().unwrap().text, "a\\\"b");
    }

    #[test]
    fn source_ranges_map_through_concatenation() {
        let src = "const u = \"https://login.salesforce.com\" + \"/services?password=\" + pw;\n";
        let f = facts(Front::JavaScript, src);
        let s = f.strings.iter().find(|s| s.value.span.start > 8).unwrap();
        let folded = s.value.folded.as_ref().unwrap();
        assert_eq!(
            folded.text,
            "https://login.salesforce.com/services?password=pw"
        );
        let at = folded.text.find("password").unwrap();
        let r = folded.source_range(&(at..at + 8)).unwrap();
        assert_eq!(&src[r], "password");
        let pw = folded.text.len() - 2..folded.text.len();
        assert!(folded.touches_hole(&pw));
        assert_eq!(&src[folded.source_range(&pw).unwrap()], "pw");
    }

    #[test]
    fn config_pairs_know_their_path_and_entries() {
        let yaml = "salesforce:\n  security-token: abc\n  list:\n    - key: grant_type\n      value: password\n";
        let p = pairs(&facts(Front::Yaml, yaml), yaml);
        assert!(
            p.contains(&"salesforce.security-token=abc".to_owned()),
            "{p:?}"
        );
        assert!(
            p.contains(&"salesforce.list.grant_type=password".to_owned()),
            "{p:?}"
        );
        let json = r#"{"Salesforce": {"Password": "x"}, "body": [{"key": "grant_type", "value": "password"}]}"#;
        let p = pairs(&facts(Front::Json, json), json);
        assert!(p.contains(&"Salesforce.Password=x".to_owned()), "{p:?}");
        assert!(p.contains(&"body.grant_type=password".to_owned()), "{p:?}");
        let xml = r#"<beans><bean><property name="password" value="s3"/></bean><sf><token>t</token></sf></beans>"#;
        let p = pairs(&facts(Front::Xml, xml), xml);
        assert!(
            p.contains(&"beans.bean.property.password=s3".to_owned()),
            "{p:?}"
        );
        assert!(p.contains(&"beans.sf.token=t".to_owned()), "{p:?}");
        let props = "sf.password = abc\n";
        assert_eq!(
            pairs(&facts(Front::Properties, props), props),
            ["sf.password=abc"]
        );
    }

    #[test]
    fn java_setters_and_name_value_pairs() {
        let src = "class A { static final String G = \"pass\" + \"word\";\n\
                   void f() { p.add(new BasicNameValuePair(\"grant_type\", G)); c.setPassword(pw); } }";
        let f = facts(Front::Java, src);
        let p = pairs(&f, src);
        assert!(p.contains(&"G=password".to_owned()), "{p:?}");
        assert!(p.contains(&"grant_type=password".to_owned()), "{p:?}");
        assert!(p.contains(&"Password=pw".to_owned()), "{p:?}");
        assert!(f.calls.iter().any(|c| c.callee == "BasicNameValuePair"));
        assert!(f.calls.iter().any(|c| c.callee == "c.setPassword"));
    }

    #[test]
    fn shell_options_form_fields_and_defaults() {
        let src = "HOST=\"${SF_HOST:-https://login.salesforce.com}\"\n\
                   T=$(curl -s -G \"$HOST/services/oauth2/token\" \\\n  -d grant_type=password \\\n  \
                   --data-urlencode \"password=${PW}${TOKEN}&client_id=$ID\" | jq -r .t)\n\
                   airflow connections add sf --conn-type salesforce --conn-password 'x'\n";
        let f = facts(Front::Bash, src);
        assert_pairs(
            &f,
            src,
            &[
                "grant_type=password",
                "password=${PW}${TOKEN}",
                "client_id=$ID",
                "T.s=",
                "T.G=$HOST/services/oauth2/token",
                "conn-password=x",
            ],
        );
        let siblings = |k: &str| f.pairs.iter().find(|p| p.key == k).unwrap().parent;
        assert_eq!(siblings("grant_type"), siblings("G"));
        assert_eq!(siblings("grant_type"), siblings("client_id"));
        assert_ne!(siblings("grant_type"), siblings("conn-type"));
        let field = f.pairs.iter().find(|p| p.key == "client_id").unwrap();
        assert_eq!(&src[field.key_span.clone()], "client_id");
        assert_eq!(&src[field.value.span.clone()], "$ID");
        assert!(
            f.strings
                .iter()
                .any(|s| s.value.text(src) == "https://login.salesforce.com")
        );
    }

    #[test]
    fn csharp_initializers_anonymous_objects_and_query_scopes() {
        let src = "class A { const string G = \"password\";\n\
                   void F() {\n\
                   var d = new Dictionary<string, string> { { \"grant_type\", G }, [\"username\"] = u };\n\
                   var k = new KeyValuePair<string, string>(\"password\", pw + tok);\n\
                   var o = new { client_id = id, client_secret = s };\n\
                   QueryHelpers.AddQueryString(url, \"refresh_token\", rt);\n\
                   Login(username: u, password: p);\n\
                   var url = $\"{baseUrl}?client_secret={secret}\"; } }";
        let f = facts(Front::CSharp, src);
        assert_pairs(
            &f,
            src,
            &[
                "grant_type=password",
                "username=u",
                "password=pw + tok",
                "client_secret=s",
                "AddQueryString.refresh_token=rt",
            ],
        );
        let login = f.calls.iter().find(|c| c.callee == "Login").unwrap();
        let named: Vec<&str> = login.named.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(named, ["username", "password"]);
        let url = f
            .strings
            .iter()
            .find(|s| s.value.text(src).contains('?'))
            .unwrap();
        let folded = url.value.folded.as_ref().unwrap();
        assert_eq!(folded.text, "{baseUrl}?client_secret={secret}");
        assert_eq!(folded.holes.len(), 2);
    }

    #[test]
    fn apex_maps_puts_and_appended_bodies() {
        let src = "public class A { private static final String G = 'pass' + 'word';\n\
                   void f() { Map<String, String> m = new Map<String, String>{ 'grant_type' => G };\n\
                   PARAM.PUT('client_secret', s); body += '&password=' + pw; cfg.password = 'x';\n\
                   LoginResult r = sp.login(u, p); } }";
        let f = facts(Front::Apex, src);
        assert_pairs(
            &f,
            src,
            &[
                "grant_type=password",
                "client_secret=s",
                "body=&password=pw",
                "password=x",
            ],
        );
        let login = f.calls.iter().find(|c| c.callee == "sp.login").unwrap();
        assert_eq!(login.args.len(), 2);
    }

    #[test]
    fn kotlin_infix_pairs_named_arguments_and_scope_functions() {
        let src = "const val GRANT = \"pass\" + \"word\"\n\
                   val form = mapOf(\"grant_type\" to GRANT, \"username\" to u)\n\
                   fun f() { client.post(url) { parameter(\"client_secret\", s) }\n\
                   login(username = u, password = p)\n\
                   ConnectorConfig().apply { password = pw }\n\
                   config.password = \"x\"\n\
                   val url = \"${base}/token?client_secret=${secret}\" }";
        let f = facts(Front::Kotlin, src);
        assert_pairs(
            &f,
            src,
            &[
                "form.grant_type=password",
                "parameter.client_secret=s",
                "password=p",
                "apply.password=pw",
                "config.password=x",
            ],
        );
        let url = f.pairs.iter().find(|p| p.key == "url").unwrap();
        assert_eq!(url.value.folded.as_ref().unwrap().holes.len(), 2);
    }

    #[test]
    fn scala_arrows_interpolators_and_operator_concatenation() {
        let src = "object A { final val Grant = \"pass\" + \"word\"\n\
                   val body = Map(\"grant_type\" -> Grant, \"client_id\" -> id)\n\
                   val u = uri\"https://login.salesforce.com/services/oauth2/token?client_secret=$s\"\n\
                   config.setPassword(pw + token) }";
        let f = facts(Front::Scala, src);
        assert_pairs(
            &f,
            src,
            &[
                "Grant=password",
                "body.grant_type=password",
                "Password=pw + token",
            ],
        );
        let u = f.pairs.iter().find(|p| p.key == "u").unwrap();
        let folded = u.value.folded.as_ref().unwrap();
        assert!(
            folded.text.starts_with("https://login.salesforce.com/"),
            "{}",
            folded.text
        );
        assert_eq!(folded.holes.len(), 1);
        assert!(f.urls.iter().any(|u| u.host == "login.salesforce.com"));
    }
}
