//! Finds where a value sits in the scenario text: a ron2 syntax tree of the same source, walked
//! by a logical path (`injects[3].to[1]`), so semantic errors point at the offending text.
//!
//! ron (serde) does the real parsing; this index only locates. When ron2 cannot read a text that
//! ron accepted, or a path leads nowhere, spans fall back to the nearest ancestor found, and at
//! worst to the first line of the file. It never panics.

use ron2::ast::{Expr, StructBody, StructField};

/// One step of a logical path into the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A struct field (named, anonymous or an enum variant's).
    Field(&'static str),
    /// An element of a list, a tuple, or a tuple variant such as `Asset("x", Down)`.
    Index(usize),
}

/// A logical path from the top-level value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Path(Vec<Seg>);

impl Path {
    pub fn root() -> Self {
        Path(Vec::new())
    }

    pub fn field(&self, name: &'static str) -> Self {
        self.with(Seg::Field(name))
    }

    pub fn index(&self, i: usize) -> Self {
        self.with(Seg::Index(i))
    }

    fn with(&self, seg: Seg) -> Self {
        let mut v = self.0.clone();
        v.push(seg);
        Path(v)
    }

    pub fn segments(&self) -> &[Seg] {
        &self.0
    }
}

/// A byte range in the source with its 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

impl Span {
    /// The span at a byte offset of `source` (clamped into it, and onto a character boundary).
    pub fn at(source: &str, start: usize, end: usize) -> Self {
        let start = floor_boundary(source, start.min(source.len()));
        let end = floor_boundary(source, end.clamp(start, source.len()));
        let before = source.get(..start).unwrap_or("");
        let line = 1 + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = 1 + before.get(line_start..).map_or(0, |s| s.chars().count());
        Span {
            start,
            end,
            line,
            column,
        }
    }

    /// The span starting at a 1-based line and character column, running to the end of that line.
    pub fn at_line_col(source: &str, line: usize, column: usize) -> Self {
        let line_start = line_offset(source, line);
        let rest = source.get(line_start..).unwrap_or("");
        let line_text = rest.split('\n').next().unwrap_or("");
        let skip: usize = line_text
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        let start = line_start + skip;
        let end = line_start + line_text.len();
        let mut span = Span::at(source, start, end.max(start));
        if span.end == span.start {
            span.end = next_boundary(source, span.start);
        }
        span
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn next_boundary(s: &str, i: usize) -> usize {
    s.get(i..)
        .and_then(|r| r.chars().next())
        .map_or(i, |c| i + c.len_utf8())
}

fn line_offset(source: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    source
        .match_indices('\n')
        .nth(line - 2)
        .map_or(source.len(), |(i, _)| i + 1)
}

/// The syntax tree of a source, or nothing when ron2 could not read it.
pub struct SourceMap<'a> {
    source: &'a str,
    root: Option<Expr<'a>>,
}

/// How deep values may nest in a file kunren reads: far beyond any real scenario, and short of
/// what the readers underneath cope with (ron stops at 128 levels; ron2's recovering parser,
/// given a broken text nested some 125 levels deep, was seen to ask for gigabytes).
pub const MAX_NESTING: usize = 100;

/// The byte offset of the first bracket that opens a level deeper than `limit`, outside strings
/// and comments; `None` when the text stays within it.
pub fn too_deep(source: &str, limit: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

impl<'a> SourceMap<'a> {
    pub fn new(source: &'a str) -> Self {
        // A text nested past the limit is refused before this is asked; it is never handed to
        // ron2, which may not come back from it.
        let root = if too_deep(source, MAX_NESTING).is_some() {
            None
        } else {
            ron2::ast::parse_document(source).ok().and_then(|d| d.value)
        };
        SourceMap { source, root }
    }

    /// The span of the value at `path`, or of its nearest ancestor that exists.
    pub fn span(&self, path: &Path) -> Span {
        let Some(mut expr) = self.root.as_ref() else {
            return self.first_line();
        };
        for seg in path.segments() {
            match child(unwrap_some(expr), *seg) {
                Some(next) => expr = next,
                None => break,
            }
        }
        let s = expr.span();
        Span::at(self.source, s.start_offset, s.end_offset)
    }

    /// The span of the value at `path`, only if it is written in the text.
    pub fn find(&self, path: &Path) -> Option<Span> {
        let mut expr = self.root.as_ref()?;
        for seg in path.segments() {
            expr = child(unwrap_some(expr), *seg)?;
        }
        let s = expr.span();
        Some(Span::at(self.source, s.start_offset, s.end_offset))
    }

    /// The span of the value of the last field written in the struct at `path`.
    pub fn last_field(&self, path: &Path) -> Option<Span> {
        let mut expr = self.root.as_ref()?;
        for seg in path.segments() {
            expr = child(unwrap_some(expr), *seg)?;
        }
        let fields = match unwrap_some(expr) {
            Expr::Struct(s) => match &s.body {
                Some(StructBody::Fields(f)) => &f.fields,
                _ => return None,
            },
            Expr::AnonStruct(s) => &s.fields,
            _ => return None,
        };
        let s = fields.last()?.value.span();
        Some(Span::at(self.source, s.start_offset, s.end_offset))
    }

    /// The list elements the byte `offset` falls in, outermost first (`injects[3]`, then
    /// `injects[3].to[1]`), each with the `id` it declares and the field of it that holds the
    /// offset: what an error serde reports at a closing parenthesis is about, and which inject
    /// (and cell) an error in a merged MSEL sheet comes from.
    pub fn elements_at(&self, offset: usize) -> Vec<Element> {
        let mut found = Vec::new();
        if let Some(root) = &self.root {
            element_in(root, offset, None, &mut found);
        }
        found
    }

    fn first_line(&self) -> Span {
        let end = self.source.find('\n').unwrap_or(self.source.len());
        Span::at(self.source, 0, end)
    }
}

/// An element of a list in the text: the field holding the list, its position and its `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    pub list: String,
    pub index: usize,
    pub id: Option<String>,
    /// The element's own field the offset is in, when the element is a struct.
    pub field: Option<String>,
}

fn contains(expr: &Expr, offset: usize) -> bool {
    let s = expr.span();
    s.start_offset <= offset && offset <= s.end_offset
}

fn element_in(expr: &Expr, offset: usize, list: Option<&str>, found: &mut Vec<Element>) {
    let fields = |fields: &[StructField], found: &mut Vec<Element>| {
        if let Some(f) = fields.iter().find(|f| contains(&f.value, offset)) {
            element_in(&f.value, offset, Some(&f.name.name), found);
        }
    };
    match unwrap_some(expr) {
        Expr::Struct(s) => match &s.body {
            Some(StructBody::Fields(f)) => fields(&f.fields, found),
            Some(StructBody::Tuple(t)) => {
                if let Some(e) = t.elements.iter().find(|e| contains(&e.expr, offset)) {
                    element_in(&e.expr, offset, None, found);
                }
            }
            None => {}
        },
        Expr::AnonStruct(s) => fields(&s.fields, found),
        Expr::Seq(s) => {
            if let Some((index, item)) = s
                .items
                .iter()
                .enumerate()
                .find(|(_, e)| contains(&e.expr, offset))
            {
                if let Some(list) = list {
                    let own = match unwrap_some(&item.expr) {
                        Expr::Struct(s) => match &s.body {
                            Some(StructBody::Fields(f)) => Some(&f.fields[..]),
                            _ => None,
                        },
                        Expr::AnonStruct(s) => Some(&s.fields[..]),
                        _ => None,
                    };
                    let id = own.and_then(|f| field(f, "id"));
                    let holder = own
                        .and_then(|f| f.iter().find(|f| contains(&f.value, offset)))
                        .map(|f| f.name.name.to_string());
                    found.push(Element {
                        list: list.to_string(),
                        index,
                        id: match id {
                            Some(Expr::String(s)) => Some(s.value.clone()),
                            _ => None,
                        },
                        field: holder,
                    });
                }
                element_in(&item.expr, offset, None, found);
            }
        }
        Expr::Tuple(t) => {
            if let Some(e) = t.elements.iter().find(|e| contains(&e.expr, offset)) {
                element_in(&e.expr, offset, None, found);
            }
        }
        _ => {}
    }
}

/// `Some(x)` is looked through: paths name the value, not the option around it.
fn unwrap_some<'e, 'a>(expr: &'e Expr<'a>) -> &'e Expr<'a> {
    match expr {
        Expr::Option(o) => o.value.as_ref().map_or(expr, |v| unwrap_some(&v.expr)),
        _ => expr,
    }
}

fn child<'e, 'a>(expr: &'e Expr<'a>, seg: Seg) -> Option<&'e Expr<'a>> {
    match (expr, seg) {
        (Expr::Struct(s), Seg::Field(name)) => match &s.body {
            Some(StructBody::Fields(f)) => field(&f.fields, name),
            _ => None,
        },
        (Expr::Struct(s), Seg::Index(i)) => match &s.body {
            Some(StructBody::Tuple(t)) => t.elements.get(i).map(|e| &e.expr),
            _ => None,
        },
        (Expr::AnonStruct(s), Seg::Field(name)) => field(&s.fields, name),
        (Expr::Seq(s), Seg::Index(i)) => s.items.get(i).map(|e| &e.expr),
        (Expr::Tuple(t), Seg::Index(i)) => t.elements.get(i).map(|e| &e.expr),
        _ => None,
    }
}

fn field<'e, 'a>(fields: &'e [StructField<'a>], name: &str) -> Option<&'e Expr<'a>> {
    fields
        .iter()
        .find(|f| f.name.name == name)
        .map(|f| &f.value)
}

#[cfg(test)]
mod tests {

    #[test]
    fn nesting_is_measured_outside_strings_and_comments() {
        let deep = format!("{}{}", "[".repeat(101), "]".repeat(101));
        assert_eq!(super::too_deep(&deep, 100), Some(100));
        assert_eq!(super::too_deep(&deep, 101), None);
        let quoted = format!(
            "(a: \"{}\", // {}\n b: [ /* {} */ ])",
            "[".repeat(200),
            "(".repeat(200),
            "{".repeat(200)
        );
        assert_eq!(super::too_deep(&quoted, 2), None);
        assert_eq!(super::too_deep("(a: \"\\\"[[\", b: [[]])", 2), Some(16));
    }
    use super::*;

    const SRC: &str = "Scenario(\n  injects: [\n    (id: \"a\", to: [\"x\", \"yé\"]),\n    (id: \"b\", when: Some(Asset(\"db\", Down)), effect: Exfiltrate(records: 5)),\n  ],\n)";

    fn text(p: &Path) -> String {
        let s = SourceMap::new(SRC).span(p);
        SRC[s.start..s.end].to_string()
    }

    #[test]
    fn walks_fields_lists_and_variants() {
        let inj = Path::root().field("injects");
        assert_eq!(text(&inj.index(0).field("to").index(1)), "\"yé\"");
        assert_eq!(text(&inj.index(1).field("when").index(0)), "\"db\"");
        assert_eq!(text(&inj.index(1).field("effect").field("records")), "5");
        let s = SourceMap::new(SRC).span(&inj.index(0).field("to").index(1));
        assert_eq!((s.line, s.column), (3, 25));
    }

    #[test]
    fn falls_back_to_nearest_ancestor() {
        assert_eq!(
            text(&Path::root().field("injects").index(0).field("nope")),
            "(id: \"a\", to: [\"x\", \"yé\"])"
        );
        assert!(text(&Path::root().field("injects").index(9)).starts_with('['));
    }

    #[test]
    fn anonymous_top_level_and_unreadable_text() {
        let src = "(meta: (id: \"m\"))";
        let s = SourceMap::new(src).span(&Path::root().field("meta").field("id"));
        assert_eq!(&src[s.start..s.end], "\"m\"");
        let bad = "Scenario(\n oops";
        let s = SourceMap::new(bad).span(&Path::root().field("meta"));
        assert_eq!((s.line, s.column, s.start, s.end), (1, 1, 0, 9));
    }

    #[test]
    fn find_is_strict_and_last_field_is_the_last_written() {
        let map = SourceMap::new(SRC);
        let inj = Path::root().field("injects");
        assert!(map.find(&inj.index(0).field("nope")).is_none());
        let s = map.find(&inj.index(1)).map(|s| &SRC[s.start..s.end]);
        assert!(s.is_some_and(|t| t.starts_with("(id: \"b\"") && t.ends_with(')')));
        let last = map.last_field(&inj.index(1)).map(|s| &SRC[s.start..s.end]);
        assert_eq!(last, Some("Exfiltrate(records: 5)"));
        assert!(
            SourceMap::new("Scenario(\n oops")
                .find(&Path::root())
                .is_none()
        );
    }

    #[test]
    fn line_col_spans_are_clamped() {
        let s = Span::at_line_col("ab\ncd", 2, 2);
        assert_eq!((s.start, s.end, s.line, s.column), (4, 5, 2, 2));
        let s = Span::at_line_col("ab", 9, 9);
        assert!(s.start <= 2 && s.end <= 2);
    }
}
