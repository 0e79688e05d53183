//! File bytes to text: the one decoding step every host uses (the CLI reads bytes from
//! disk; the WebAssembly module may be given bytes by its host).
//!
//! UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark, little or
//! big endian (what Windows PowerShell 5.1's `>` writes, e.g. `terraform show -json >
//! plan.json`), are read. The byte order mark is dropped, so every location is a line and
//! column of the decoded text. Bytes that are not valid in their encoding are an error
//! located at the line and column where the valid text ends.

use keylint_model::{FileError, LineIndex};

/// The encoding a file's byte order mark names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// The encoding of `bytes` and the length of its byte order mark (UTF-8 without a
    /// mark when there is none).
    #[must_use]
    pub fn sniff(bytes: &[u8]) -> (Self, usize) {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => (Self::Utf8, 3),
            [0xFF, 0xFE, ..] => (Self::Utf16Le, 2),
            [0xFE, 0xFF, ..] => (Self::Utf16Be, 2),
            _ => (Self::Utf8, 0),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16 (little endian)",
            Self::Utf16Be => "UTF-16 (big endian)",
        }
    }
}

/// The error for invalid UTF-16: `valid` is the text decoded before the bad unit, `at` its
/// byte offset in the file.
fn invalid(path: &str, valid: &str, encoding: Encoding, at: usize, what: &str) -> FileError {
    let pos = LineIndex::new(valid).position(valid, valid.len());
    FileError {
        file: path.to_owned(),
        line: Some(pos.line),
        column: Some(pos.column),
        message: format!(
            "not valid {} ({what} at byte {at}); not read",
            encoding.label()
        ),
    }
}

/// Decode a file's bytes to text (see the module documentation).
///
/// # Errors
/// A [`FileError`] naming `path`, with the line and column where the valid text ends.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, FileError> {
    let (encoding, bom) = Encoding::sniff(&bytes);
    match encoding {
        Encoding::Utf8 => {
            let mut bytes = bytes;
            bytes.drain(..bom);
            String::from_utf8(bytes).map_err(|e| {
                let valid = e.utf8_error().valid_up_to();
                let prefix =
                    String::from_utf8_lossy(e.as_bytes().get(..valid).unwrap_or(&[])).into_owned();
                let pos = LineIndex::new(&prefix).position(&prefix, prefix.len());
                FileError {
                    file: path.to_owned(),
                    line: Some(pos.line),
                    column: Some(pos.column),
                    message: format!("not valid UTF-8 (byte {}); not read", valid + bom),
                }
            })
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let body = bytes.get(bom..).unwrap_or(&[]);
            let units = body.chunks_exact(2).map(|c| match (encoding, c) {
                (Encoding::Utf16Le, [a, b]) => u16::from_le_bytes([*a, *b]),
                (_, [a, b]) => u16::from_be_bytes([*a, *b]),
                _ => 0,
            });
            let mut text = String::with_capacity(body.len() / 2);
            for (i, c) in char::decode_utf16(units).enumerate() {
                match c {
                    Ok(c) => text.push(c),
                    Err(_) => {
                        return Err(invalid(
                            path,
                            &text,
                            encoding,
                            bom + 2 * i,
                            "unpaired surrogate",
                        ));
                    }
                }
            }
            if body.len() % 2 == 1 {
                return Err(invalid(
                    path,
                    &text,
                    encoding,
                    bytes.len() - 1,
                    "odd number of bytes",
                ));
            }
            Ok(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            out.extend(if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "{\n  \"planned_values\": {\"é\": \"𝄞\"}\n}\n";
        assert_eq!(decode("p.json", utf16(text, false)).unwrap(), text);
        assert_eq!(decode("p.json", utf16(text, true)).unwrap(), text);
    }

    #[test]
    fn utf8_byte_order_mark_is_dropped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(b"a = 1\n");
        assert_eq!(decode("a.tf", bytes).unwrap(), "a = 1\n");
        assert_eq!(decode("a.tf", b"x".to_vec()).unwrap(), "x");
        assert_eq!(decode("a.tf", Vec::new()).unwrap(), "");
        assert_eq!(decode("a.tf", vec![0xFF, 0xFE]).unwrap(), "");
    }

    #[test]
    fn invalid_bytes_are_located_errors() {
        // An unpaired high surrogate on line 2, column 3.
        let mut bytes = utf16("ab\ncd", false);
        bytes.extend([0x00, 0xD8, b'x', 0x00]);
        let e = decode("p.json", bytes).unwrap_err();
        assert_eq!(e.file, "p.json");
        assert_eq!((e.line, e.column), (Some(2), Some(3)), "{e:?}");
        assert!(e.message.contains("UTF-16"), "{e:?}");
        // A lone low surrogate, big endian, on line 1.
        let mut bytes = utf16("a", true);
        bytes.extend([0xDC, 0x00]);
        let e = decode("p.json", bytes).unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(2)), "{e:?}");
        // A truncated last unit.
        let mut bytes = utf16("a\n", false);
        bytes.push(b'b');
        let e = decode("p.json", bytes).unwrap_err();
        assert_eq!(e.line, Some(2), "{e:?}");
        assert!(e.message.contains("odd number"), "{e:?}");
        // Invalid UTF-8 on line 2.
        let e = decode("a.tf", b"a\nb\xFFc".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(2)), "{e:?}");
        assert!(e.message.contains("UTF-8"), "{e:?}");
    }
}
