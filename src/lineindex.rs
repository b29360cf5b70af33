//! Byte offsets to 1-based line/column positions, in characters and UTF-16 code units.
//!
//! Built only for files that have findings, so the hot path never pays for it. It does not
//! know about CR-only line endings (neither do the editors that read `path:line:col`).

use crate::finding::Position;

/// Line starts of one text.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Index `text`'s lines.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (clamped to the text and to a char boundary).
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let prefix = &self.text[self.starts[line]..offset];
        let (chars, utf16) = if prefix.is_ascii() {
            (prefix.len(), prefix.len())
        } else {
            (prefix.chars().count(), prefix.encode_utf16().count())
        };
        Position {
            line: to_u32(line + 1),
            column: to_u32(chars + 1),
            column_utf16: to_u32(utf16 + 1),
            offset,
        }
    }

    /// The byte range of 1-based `line`, without its line ending.
    #[must_use]
    pub fn line_range(&self, line: u32) -> std::ops::Range<usize> {
        let i = (line as usize).saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_utf16_units() {
        let text = "ab\nx😀é=1\r\nlast";
        let idx = LineIndex::new(text);
        let p = idx.position(text.find('=').unwrap());
        assert_eq!((p.line, p.column, p.column_utf16), (2, 4, 5));
        assert_eq!(&text[idx.line_range(2)], "x😀é=1");
        let q = idx.position(text.len());
        assert_eq!((q.line, q.column), (3, 5));
    }
}
