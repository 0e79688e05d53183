//! HCL1, the syntax of hashicorp/hcl v1, which Vault still uses to parse its server
//! configuration (`hcl.Parse`) and ACL policies (`hcl.ParseString`).
//!
//! HCL1 is not HCL2: newlines are plain whitespace, so a block's `{` may sit on the next
//! line (`path "sys/*"` newline `{`); an item is one or more keys followed by `=` and a
//! value, or directly by an object (`listener "tcp" {}`, `listener = { tcp = {} }`);
//! items may be separated by commas; values are literals (strings, numbers, booleans,
//! heredocs), objects and lists, never expressions. A text whose first non-blank
//! character is `{` is JSON (HCL1's own switch). Grammar and lexing follow
//! `hcl/scanner/scanner.go` and `hcl/parser/parser.go` of hashicorp/hcl v1.
//!
//! The result has the shape of Vault's JSON form, the same shape the HCL2 reader gives:
//! `k "a" "b" { ... }` is `{"k": [{"a": {"b": {...}}}]}`, `k { ... }` is
//! `{"k": [{...}]}`, and `k = v` is `{"k": v}`.

use keylint_model::value::Member;
use keylint_model::{Loc, Node, Val};

/// Deepest object/list nesting accepted.
const MAX_DEPTH: usize = 200;

/// An HCL1 syntax error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hcl1Error {
    pub offset: usize,
    pub message: String,
}

/// A parsed document and the span of every item (`keys = value` or `keys { ... }`), outer
/// items before the items inside them, with whether the item is at the top level.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub doc: Node,
    pub items: Vec<(std::ops::Range<usize>, bool)>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Bool(bool),
    Num(f64),
    Str(String),
    Heredoc(String),
    LBrace,
    RBrace,
    LBrack,
    RBrack,
    Comma,
    Assign,
    Eof,
}

impl Tok {
    fn name(&self) -> &'static str {
        match self {
            Tok::Ident(_) => "identifier",
            Tok::Bool(_) => "boolean",
            Tok::Num(_) => "number",
            Tok::Str(_) => "string",
            Tok::Heredoc(_) => "heredoc",
            Tok::LBrace => "`{`",
            Tok::RBrace => "`}`",
            Tok::LBrack => "`[`",
            Tok::RBrack => "`]`",
            Tok::Comma => "`,`",
            Tok::Assign => "`=`",
            Tok::Eof => "end of file",
        }
    }
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

fn err<T>(offset: usize, message: impl Into<String>) -> Result<T, Hcl1Error> {
    Err(Hcl1Error {
        offset,
        message: message.into(),
    })
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || (!c.is_ascii() && c.is_alphabetic())
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

struct Lexer<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Lexer<'t> {
    fn peek_char(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|s| s.chars().next())
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.text.get(self.pos..).and_then(|s| s.chars().nth(n))
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek_char()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Skip blanks and comments (`#`, `//`, `/* */`).
    fn skip_trivia(&mut self) -> Result<(), Hcl1Error> {
        loop {
            match self.peek_char() {
                Some(' ' | '\t' | '\n' | '\r') => {
                    self.bump();
                }
                Some('#') => self.skip_line(),
                Some('/') if self.peek_at(1) == Some('/') => self.skip_line(),
                Some('/') if self.peek_at(1) == Some('*') => {
                    let start = self.pos;
                    let rest = self.text.get(self.pos + 2..).unwrap_or("");
                    match rest.find("*/") {
                        Some(i) => self.pos += 2 + i + 2,
                        None => return err(start, "comment not terminated"),
                    }
                }
                Some('/') => return err(self.pos, "expected '/' for comment"),
                _ => return Ok(()),
            }
        }
    }

    fn skip_line(&mut self) {
        let rest = self.text.get(self.pos..).unwrap_or("");
        self.pos += rest.find('\n').unwrap_or(rest.len());
    }

    fn next(&mut self) -> Result<Token, Hcl1Error> {
        self.skip_trivia()?;
        let start = self.pos;
        let Some(c) = self.bump() else {
            return Ok(Token {
                tok: Tok::Eof,
                start,
                end: start,
            });
        };
        let tok = match c {
            '{' => Tok::LBrace,
            '}' => Tok::RBrace,
            '[' => Tok::LBrack,
            ']' => Tok::RBrack,
            ',' => Tok::Comma,
            '=' => Tok::Assign,
            '"' => Tok::Str(self.string(start)?),
            '<' => Tok::Heredoc(self.heredoc(start)?),
            c if is_letter(c) => {
                while self
                    .peek_char()
                    .is_some_and(|c| is_letter(c) || is_digit(c) || c == '-' || c == '.')
                {
                    self.bump();
                }
                match self.text.get(start..self.pos).unwrap_or("") {
                    "true" => Tok::Bool(true),
                    "false" => Tok::Bool(false),
                    s => Tok::Ident(s.to_owned()),
                }
            }
            c if c.is_ascii_digit()
                || (c == '-' && self.peek_char().is_some_and(|d| d.is_ascii_digit())) =>
            {
                Tok::Num(self.number(start)?)
            }
            _ => return err(start, format!("illegal character {c:?}")),
        };
        Ok(Token {
            tok,
            start,
            end: self.pos,
        })
    }

    fn number(&mut self, start: usize) -> Result<f64, Hcl1Error> {
        loop {
            let so_far = self.text.get(start..self.pos).unwrap_or("");
            let exponent_sign = so_far.ends_with(['e', 'E']) && !so_far.contains(['x', 'X']);
            match self.peek_char() {
                Some(c) if c.is_ascii_alphanumeric() || c == '.' => {}
                Some('+' | '-') if exponent_sign => {}
                _ => break,
            }
            self.bump();
        }
        let raw = self.text.get(start..self.pos).unwrap_or("");
        let (neg, digits) = match raw.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, raw),
        };
        let sign = if neg { -1.0 } else { 1.0 };
        let int = |s: &str, radix: u32| i64::from_str_radix(s, radix).ok();
        #[expect(clippy::cast_precision_loss, reason = "HCL1 numbers are Go int64")]
        let value = if let Some(hex) = digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0X"))
        {
            int(hex, 16).map(|v| v as f64)
        } else if digits.len() > 1
            && digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            // Go's strconv.ParseInt with base 0: a leading zero is octal.
            int(digits, 8).map(|v| v as f64)
        } else {
            digits.parse::<f64>().ok().filter(|v| v.is_finite())
        };
        match value {
            Some(v) => Ok(sign * v),
            None => err(start, format!("invalid number {raw:?}")),
        }
    }

    /// A quoted string; `${...}` spans are kept verbatim (Vault does not interpolate).
    fn string(&mut self, start: usize) -> Result<String, Hcl1Error> {
        let mut out = String::new();
        let mut braces = 0usize;
        loop {
            let Some(c) = self.bump() else {
                return err(start, "string not terminated");
            };
            match c {
                '\n' if braces == 0 => return err(start, "string not terminated"),
                '"' if braces == 0 => return Ok(out),
                '$' if braces == 0 && self.peek_char() == Some('{') => {
                    self.bump();
                    braces = 1;
                    out.push_str("${");
                }
                '{' if braces > 0 => {
                    braces += 1;
                    out.push(c);
                }
                '}' if braces > 0 => {
                    braces -= 1;
                    out.push(c);
                }
                '\\' if braces == 0 => out.push(self.escape()?),
                '\\' => {
                    out.push(c);
                    if let Some(n) = self.bump() {
                        out.push(n);
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self) -> Result<char, Hcl1Error> {
        let at = self.pos.saturating_sub(1);
        let Some(c) = self.bump() else {
            return err(at, "illegal char escape");
        };
        let digits = |lx: &mut Self, first: Option<char>, radix: u32, n: usize| {
            let mut s: String = first.into_iter().collect();
            while s.len() < n {
                match lx.peek_char() {
                    Some(d) if d.is_digit(radix) => {
                        s.push(d);
                        lx.bump();
                    }
                    _ => break,
                }
            }
            u32::from_str_radix(&s, radix)
                .ok()
                .filter(|_| s.len() == n)
                .and_then(char::from_u32)
        };
        let decoded = match c {
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\u{b}'),
            '\\' => Some('\\'),
            '"' => Some('"'),
            '0'..='7' => digits(self, Some(c), 8, 3),
            'x' => digits(self, None, 16, 2),
            'u' => digits(self, None, 16, 4),
            'U' => digits(self, None, 16, 8),
            _ => None,
        };
        match decoded {
            Some(d) => Ok(d),
            None => err(at, "illegal char escape"),
        }
    }

    /// `<<EOF` ... `EOF` or the indented `<<-EOF` form.
    fn heredoc(&mut self, start: usize) -> Result<String, Hcl1Error> {
        if self.bump() != Some('<') {
            return err(start, "heredoc expected second '<'");
        }
        let indented = self.peek_char() == Some('-');
        if indented {
            self.bump();
        }
        let anchor_start = self.pos;
        while self
            .peek_char()
            .is_some_and(|c| is_letter(c) || is_digit(c))
        {
            self.bump();
        }
        let anchor = self.text.get(anchor_start..self.pos).unwrap_or("");
        if anchor.is_empty() {
            return err(start, "zero-length heredoc anchor");
        }
        if self.peek_char() == Some('\r') {
            self.bump();
        }
        if self.bump() != Some('\n') {
            return err(start, "invalid characters in heredoc anchor");
        }
        let body_start = self.pos;
        let mut line_start = body_start;
        loop {
            let rest = self.text.get(line_start..).unwrap_or("");
            let (line, next) = match rest.find('\n') {
                Some(i) => (rest.get(..i).unwrap_or(""), Some(line_start + i + 1)),
                None => (rest, None),
            };
            if line.trim_start().trim_end_matches('\r') == anchor {
                let body = self.text.get(body_start..line_start).unwrap_or("");
                self.pos = next.unwrap_or(self.text.len());
                if !indented {
                    return Ok(body.to_owned());
                }
                // hcl v1 token.unindentHeredoc: the terminator's own indentation is
                // removed from every line when all lines have it.
                let prefix = line
                    .get(..line.len() - line.trim_start().len())
                    .unwrap_or("");
                let lines: Vec<&str> = body.split_inclusive('\n').collect();
                if lines.iter().all(|l| l.starts_with(prefix)) {
                    return Ok(lines
                        .iter()
                        .map(|l| l.strip_prefix(prefix).unwrap_or(l))
                        .collect());
                }
                return Ok(body.to_owned());
            }
            match next {
                Some(n) => line_start = n,
                None => return err(start, "heredoc not terminated"),
            }
        }
    }
}

struct Parser<'t> {
    lx: Lexer<'t>,
    peeked: Option<Token>,
    depth: usize,
    file: u32,
    items: Vec<(std::ops::Range<usize>, bool)>,
}

impl Parser<'_> {
    fn next(&mut self) -> Result<Token, Hcl1Error> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lx.next(),
        }
    }

    fn peek(&mut self) -> Result<&Token, Hcl1Error> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lx.next()?);
        }
        match &self.peeked {
            Some(t) => Ok(t),
            None => err(self.lx.pos, "unexpected end of file"),
        }
    }

    fn loc(&self, start: usize, end: usize) -> Option<Loc> {
        Some(Loc::new(self.file, start..end.max(start)))
    }

    /// Items up to `}` (not consumed) or, at the top level, to the end of the text.
    fn object_list(&mut self, top: bool) -> Result<Vec<Member>, Hcl1Error> {
        let mut members = Vec::new();
        loop {
            let t = self.peek()?;
            match t.tok {
                Tok::Eof if top => return Ok(members),
                Tok::Eof => return err(t.start, "expected `}` before the end of the file"),
                Tok::RBrace if !top => return Ok(members),
                _ => {}
            }
            self.item(&mut members, top)?;
            if self.peek()?.tok == Tok::Comma {
                self.next()?;
            }
        }
    }

    fn item(&mut self, members: &mut Vec<Member>, top: bool) -> Result<(), Hcl1Error> {
        let mut keys: Vec<(String, usize, usize)> = Vec::new();
        let slot = self.items.len();
        self.items.push((0..0, top));
        loop {
            let t = self.next()?;
            match t.tok {
                Tok::Ident(k) | Tok::Str(k) => keys.push((k, t.start, t.end)),
                Tok::Assign => {
                    let Some((key, ks, ke)) = keys.pop() else {
                        return err(t.start, "no object keys found before `=`");
                    };
                    if !keys.is_empty() {
                        return err(t.start, "nested object expected: `{` got: `=`");
                    }
                    let value = self.value()?;
                    let end = value.loc.map_or(ke, |l| l.end as usize);
                    if let Some(s) = self.items.get_mut(slot) {
                        s.0 = ks..end;
                    }
                    members.push(Member {
                        key,
                        key_loc: self.loc(ks, ke),
                        value,
                    });
                    return Ok(());
                }
                Tok::LBrace => {
                    let mut keys = keys.into_iter();
                    let Some((ident, start, ident_end)) = keys.next() else {
                        return err(t.start, "expected an object key before `{`");
                    };
                    let labels: Vec<(String, usize, usize)> = keys.collect();
                    let header_end = labels.last().map_or(ident_end, |l| l.2);
                    let body = self.object_body(t.start)?;
                    let end = body.loc.map_or(header_end, |l| l.end as usize);
                    if let Some(s) = self.items.get_mut(slot) {
                        s.0 = start..end;
                    }
                    let header = self.loc(start, header_end);
                    let whole = self.loc(start, end);
                    let mut value = body;
                    let n = labels.len();
                    for (i, (label, _, _)) in labels.into_iter().enumerate().rev() {
                        value = Node::new(
                            Val::Obj(vec![Member {
                                key: label,
                                key_loc: if i + 1 == n { header } else { None },
                                value,
                            }]),
                            whole,
                        );
                    }
                    match members.iter_mut().find(|m| m.key == ident) {
                        Some(Member {
                            value:
                                Node {
                                    val: Val::List(items),
                                    ..
                                },
                            ..
                        }) => items.push(value),
                        _ => members.push(Member {
                            key: ident,
                            key_loc: header,
                            value: Node::new(Val::List(vec![value]), whole),
                        }),
                    }
                    return Ok(());
                }
                Tok::Eof => {
                    let key = keys.last().map_or("", |k| k.0.as_str());
                    return err(
                        t.start,
                        format!("key `{key}` expected start of object (`{{`) or assignment (`=`)"),
                    );
                }
                other => {
                    return err(
                        t.start,
                        format!("expected a key, `=` or `{{`, found {}", other.name()),
                    );
                }
            }
        }
    }

    /// An object after its `{`, through its `}`.
    fn object_body(&mut self, start: usize) -> Result<Node, Hcl1Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(start, format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        let members = self.object_list(false)?;
        let close = self.next()?;
        self.depth -= 1;
        Ok(Node::new(Val::Obj(members), self.loc(start, close.end)))
    }

    fn value(&mut self) -> Result<Node, Hcl1Error> {
        let t = self.next()?;
        let val = match t.tok {
            Tok::Num(x) => Val::Num(x),
            Tok::Bool(b) => Val::Bool(b),
            Tok::Str(s) | Tok::Heredoc(s) => Val::Str(s),
            Tok::LBrace => return self.object_body(t.start),
            Tok::LBrack => return self.list(t.start),
            other => return err(t.start, format!("expected a value, found {}", other.name())),
        };
        Ok(Node::new(val, self.loc(t.start, t.end)))
    }

    fn list(&mut self, start: usize) -> Result<Node, Hcl1Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(start, format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        let mut items = Vec::new();
        let mut need_comma = false;
        loop {
            let t = self.peek()?;
            match t.tok {
                Tok::RBrack => {
                    let end = t.end;
                    self.next()?;
                    self.depth -= 1;
                    return Ok(Node::new(Val::List(items), self.loc(start, end)));
                }
                Tok::Comma => {
                    self.next()?;
                    need_comma = false;
                }
                _ if need_comma => {
                    return err(t.start, "expected `,` or `]` in a list");
                }
                Tok::Eof => return err(start, "list not closed with `]`"),
                _ => {
                    items.push(self.value()?);
                    need_comma = true;
                }
            }
        }
    }
}

/// Parse an HCL1 (or, when it starts with `{`, JSON) text; locations name file `file`.
///
/// # Errors
/// A syntax error, with its byte offset.
pub fn parse(text: &str, file: u32) -> Result<Parsed, Hcl1Error> {
    if text.trim_start().starts_with('{') {
        let doc = crate::json::parse(text, file, 0).map_err(|e| Hcl1Error {
            offset: e.offset,
            message: format!("invalid JSON: {}", e.message),
        })?;
        return Ok(Parsed {
            doc,
            items: Vec::new(),
        });
    }
    let mut p = Parser {
        lx: Lexer { text, pos: 0 },
        peeked: None,
        depth: 0,
        file,
        items: Vec::new(),
    };
    let members = p.object_list(true)?;
    Ok(Parsed {
        doc: Node::new(Val::Obj(members), Some(Loc::new(file, 0..text.len()))),
        items: p.items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Node {
        parse(text, 0).unwrap().doc
    }

    #[test]
    fn brace_on_the_next_line_and_comments() {
        let text = "# c\npath \"sys/auth/*\"\n{\n  capabilities = [\"read\", \"sudo\",] // x\n}\n/* y */\npath \"a\" { policy = \"write\" }\n";
        let d = doc(text);
        let paths = d.get("path").unwrap().items();
        assert_eq!(paths.len(), 2);
        let first = paths[0].member("sys/auth/*").unwrap();
        assert_eq!(&text[first.key_loc.unwrap().range()], "path \"sys/auth/*\"");
        let caps = first.value.get("capabilities").unwrap();
        assert_eq!(caps.items().len(), 2);
        assert_eq!(
            paths[1].get("a").unwrap().get("policy").unwrap().as_str(),
            Some("write")
        );
    }

    #[test]
    fn items_assignments_and_values() {
        let text = "listener = {\n  tcp = { tls_disable = 1, address = \"x\" }\n}\nui = true\nx = 0x10\ny = -1.5e1\nz = <<-EOT\n    a\n    b\n    EOT\nlist = [{a = 1}, {b = \"${x}\"}]\n";
        let d = doc(text);
        let tcp = d.get("listener").unwrap().get("tcp").unwrap();
        assert_eq!(tcp.get("tls_disable").unwrap().val, Val::Num(1.0));
        assert_eq!(d.get("ui").unwrap().val, Val::Bool(true));
        assert_eq!(d.get("x").unwrap().val, Val::Num(16.0));
        assert_eq!(d.get("y").unwrap().val, Val::Num(-15.0));
        assert_eq!(d.get("z").unwrap().as_str(), Some("a\nb\n"));
        let list = d.get("list").unwrap().items();
        assert_eq!(list[1].get("b").unwrap().as_str(), Some("${x}"));
    }

    #[test]
    fn what_hcl1_rejects() {
        for (text, at) in [
            ("listener \"tcp\" = {}", 15),
            ("a = b", 4),
            ("a = [1 2]", 7),
            ("path \"x\" {", 10),
            ("a = \"x\n\"", 4),
            ("/* open", 0),
            ("a = <<EOT\nx\n", 4),
        ] {
            let e = parse(text, 0).unwrap_err();
            assert_eq!(e.offset, at, "{text}: {e:?}");
        }
        let deep = format!("a = {}", "[".repeat(300));
        assert!(parse(&deep, 0).unwrap_err().message.contains("nesting"));
    }

    #[test]
    fn json_is_read_as_json() {
        let d = doc("{\"listener\": {\"tcp\": {\"tls_disable\": \"1\"}}}");
        assert!(d.get("listener").is_some());
    }
}
