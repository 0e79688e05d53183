//! Source locations: byte ranges into one file of a lint unit.

use serde::Serialize;

/// A byte range in one source file. `file` indexes the unit's file table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Loc {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

impl Loc {
    #[must_use]
    pub fn new(file: u32, range: std::ops::Range<usize>) -> Self {
        Self {
            file,
            start: u32::try_from(range.start).unwrap_or(u32::MAX),
            end: u32::try_from(range.end).unwrap_or(u32::MAX),
        }
    }

    #[must_use]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// 1-based line and column positions computed from byte offsets.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based position: line, column in Unicode scalar values, column in UTF-16 units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// Position of a byte offset; offsets past the end clamp to the end.
    #[must_use]
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let mut prefix_end = offset;
        while !text.is_char_boundary(prefix_end) {
            prefix_end -= 1;
        }
        let prefix = text.get(start..prefix_end).unwrap_or("");
        // A UTF-8 BOM at the start of the file is not a column.
        let prefix = if start == 0 {
            prefix.strip_prefix('\u{feff}').unwrap_or(prefix)
        } else {
            prefix
        };
        // Most configuration is ASCII, where every count is the byte length.
        let (column, column_utf16) = if prefix.is_ascii() {
            (prefix.len() + 1, prefix.len() + 1)
        } else {
            (
                prefix.chars().count() + 1,
                prefix.encode_utf16().count() + 1,
            )
        };
        Position {
            line,
            column,
            column_utf16,
        }
    }

    /// Byte offset of the start of a 1-based line.
    #[must_use]
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\r\nçd\n\u{1F600}x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0).line, 1);
        assert_eq!(idx.position(text, 1).column, 2);
        let d = text.find('d').unwrap();
        assert_eq!(
            idx.position(text, d),
            Position {
                line: 2,
                column: 2,
                column_utf16: 2
            }
        );
        let x = text.find('x').unwrap();
        assert_eq!(
            idx.position(text, x),
            Position {
                line: 3,
                column: 2,
                column_utf16: 3
            }
        );
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}abc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, text.find('b').unwrap()).column, 2);
    }
}
