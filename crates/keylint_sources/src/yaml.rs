//! YAML (CloudFormation templates) into the located value tree.
//!
//! Built from `saphyr-parser` events, which carry spans and tags: the short-form
//! intrinsics (`!Ref X`, `!Sub "..."`, `!GetAtt A.B`, ...) become their long forms
//! (`{"Ref": "X"}`, `{"Fn::Sub": "..."}`), so the template reader sees one shape for
//! JSON and YAML templates. Scalars are typed by the YAML 1.2 core schema, except that
//! digit strings with a leading zero (account ids) stay strings.
//!
//! The builder is iterative with a depth limit, and alias expansion has a node budget,
//! so hostile input gives an error, never a stack overflow or a memory blow-up.

use keylint_model::value::Member;
use keylint_model::{Loc, Node, Val};
use rustc_hash::FxHashMap as HashMap;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

/// How deep collections may nest.
const MAX_DEPTH: usize = 256;
/// How many nodes aliases may copy in all.
const MAX_ALIAS_NODES: usize = 100_000;

/// A YAML syntax error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

/// The intrinsic functions CloudFormation spells as tags.
const INTRINSICS: &[&str] = &[
    "Base64",
    "Cidr",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "If",
    "ImportValue",
    "Join",
    "Length",
    "Select",
    "Split",
    "Sub",
    "ToJsonString",
    "Transform",
    "And",
    "Equals",
    "Not",
    "Or",
];

/// Byte offsets of character indexes (the parser counts characters).
struct Offsets {
    /// `None` for ASCII text, where they are equal.
    table: Option<Vec<usize>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        Self {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
        tag: Option<String>,
    },
    Map {
        members: Vec<Member>,
        key: Option<(String, Option<Loc>)>,
        start: usize,
        anchor: usize,
        tag: Option<String>,
    },
}

impl Frame {
    fn start(&self) -> usize {
        match self {
            Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
        }
    }
}

/// The intrinsic a tag stands for, as its long-form key.
fn intrinsic(tag: Option<&Tag>) -> Option<String> {
    let tag = tag?;
    if tag.handle != "!" {
        return None;
    }
    match tag.suffix.as_str() {
        "Ref" => Some("Ref".to_owned()),
        "Condition" => Some("Condition".to_owned()),
        s if INTRINSICS.contains(&s) => Some(format!("Fn::{s}")),
        _ => None,
    }
}

fn wrap(node: Node, tag: Option<String>) -> Node {
    match tag {
        None => node,
        Some(key) => {
            let loc = node.loc;
            Node::new(
                Val::Obj(vec![Member {
                    key,
                    key_loc: loc,
                    value: node,
                }]),
                loc,
            )
        }
    }
}

fn is_int(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        // An account id or a zero-padded code is a string, whatever the schema says.
        && !(digits.len() > 1 && digits.starts_with('0'))
        && digits.len() <= 15
}

fn is_float(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (body.get(..i).unwrap_or(""), body.get(i + 1..)),
        None => (body, None),
    };
    let exp_ok = exp.is_none_or(|e| {
        let d = e.strip_prefix(['-', '+']).unwrap_or(e);
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
    });
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    exp_ok
        && frac.is_some()
        && digits(int)
        && frac.is_some_and(digits)
        && !(int.is_empty() && frac.is_none_or(str::is_empty))
}

fn scalar(value: &str, style: ScalarStyle, tag: Option<&Tag>) -> Val {
    let core = tag.filter(|t| t.handle == "!!" || t.handle == "tag:yaml.org,2002:");
    if core.is_some_and(|t| t.suffix == "str") {
        return Val::Str(value.to_owned());
    }
    if style != ScalarStyle::Plain {
        return Val::Str(value.to_owned());
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Val::Null,
        "true" | "True" | "TRUE" => Val::Bool(true),
        "false" | "False" | "FALSE" => Val::Bool(false),
        v if is_int(v) || is_float(v) => v
            .parse::<f64>()
            .map_or_else(|_| Val::Str(v.to_owned()), Val::Num),
        v => Val::Str(v.to_owned()),
    }
}

/// YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`): the merged mappings' members that
/// the mapping does not set itself, an earlier merged mapping before a later one. The AWS
/// CLI (`cloudformation package` / `deploy`) and Helm resolve them; a merge value that is
/// not a mapping is kept as an ordinary member.
fn merge_keys(members: Vec<Member>) -> Vec<Member> {
    if !members.iter().any(|m| m.key == "<<") {
        return members;
    }
    let mut own = Vec::with_capacity(members.len());
    let mut merged: Vec<Member> = Vec::new();
    for m in members {
        if m.key != "<<" {
            own.push(m);
            continue;
        }
        let sources: Vec<&Node> = match &m.value.val {
            Val::Obj(_) => vec![&m.value],
            Val::List(items) if items.iter().all(|i| matches!(i.val, Val::Obj(_))) => {
                items.iter().collect()
            }
            _ => {
                own.push(m);
                continue;
            }
        };
        for src in sources {
            for sm in src.members() {
                if !merged.iter().any(|x| x.key == sm.key) {
                    merged.push(sm.clone());
                }
            }
        }
    }
    for m in merged {
        if !own.iter().any(|o| o.key == m.key) {
            own.push(m);
        }
    }
    own
}

fn count_nodes(n: &Node) -> usize {
    1 + match &n.val {
        Val::List(items) => items.iter().map(count_nodes).sum(),
        Val::Obj(members) => members.iter().map(|m| count_nodes(&m.value)).sum(),
        Val::Encoded(inner) => count_nodes(inner),
        _ => 0,
    }
}

fn key_text(n: &Node) -> String {
    match &n.val {
        Val::Str(s) => s.clone(),
        Val::Num(x) => x.to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Null => String::new(),
        // A complex key names nothing a template reader looks up.
        _ => "?".to_owned(),
    }
}

/// How many under-indented lines of flow collections [`parse`] re-indents at most.
const MAX_FLOW_FIXES: usize = 256;

/// Parse the first document of a YAML text. Locations name file `file`.
///
/// Lines inside a flow collection (`[...]`, `{...}`) that are indented less than the block
/// holding it, such as a closing `]` at its key's column, are read as libyaml, PyYAML and
/// SnakeYAML (and so `cfn-lint` and CloudFormation itself) read them: flow context ignores
/// indentation. `saphyr-parser` follows the YAML 1.2 letter and rejects them, so such a
/// line is re-indented and the text parsed again, with every location mapped back to the
/// original text. Re-indenting a line inside a flow collection never changes a value:
/// flow scalars fold their line breaks and leading spaces.
///
/// # Errors
/// A syntax error, nesting deeper than 256, an unknown alias, or aliases copying more
/// than 100,000 nodes.
pub fn parse(text: &str, file: u32) -> Result<Node, YamlError> {
    let first = match parse_once(text, file) {
        Ok(node) => return Ok(node),
        Err(e) => e,
    };
    // Insertions of spaces so far: (offset in the original text, how many).
    let mut inserted: Vec<(usize, usize)> = Vec::new();
    let mut fixed = text.to_owned();
    let mut failure = first.clone();
    for _ in 0..MAX_FLOW_FIXES {
        let Some(flow_start) = failure.flow_start else {
            break;
        };
        let Some((line_start, pad)) = flow_line_fix(&fixed, failure.error.offset, flow_start)
        else {
            break;
        };
        fixed.insert_str(line_start, &" ".repeat(pad));
        let original = to_original(line_start, &inserted);
        inserted.push((original, pad));
        inserted.sort_unstable();
        match parse_once(&fixed, file) {
            Ok(mut node) => {
                remap(&mut node, &inserted);
                return Ok(node);
            }
            Err(e) => failure = e,
        }
    }
    Err(first.error)
}

/// A failed parse: the error, and the offset of the outermost flow collection open there.
#[derive(Clone)]
struct Failure {
    error: YamlError,
    flow_start: Option<usize>,
}

impl From<YamlError> for Failure {
    fn from(error: YamlError) -> Self {
        Self {
            error,
            flow_start: None,
        }
    }
}

/// Where to insert how many spaces so that the line holding `offset` (an error inside the
/// flow collection opened at `flow_start`) is indented past the line that opened it.
/// `None` when the error is not at the first character of an under-indented line.
fn flow_line_fix(text: &str, offset: usize, flow_start: usize) -> Option<(usize, usize)> {
    let line_start = |at: usize| {
        text.get(..at)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1)
    };
    let start = line_start(offset);
    let open_line = line_start(flow_start);
    if open_line >= start {
        return None;
    }
    let indent_of = |from: usize| {
        text.get(from..)
            .map_or(0, |t| t.chars().take_while(|c| *c == ' ').count())
    };
    let column = indent_of(start);
    // The error must be at the line's first character.
    if start + column != offset {
        return None;
    }
    let needed = indent_of(open_line) + 1;
    (column < needed).then(|| (start, needed - column))
}

/// An offset in the original text of an offset in the re-indented one.
fn to_original(fixed: usize, inserted: &[(usize, usize)]) -> usize {
    let mut shift = 0;
    for (at, n) in inserted {
        // Each insertion sits at `at + shift` in the re-indented text.
        if at + shift + n <= fixed {
            shift += n;
        } else if at + shift <= fixed {
            // Inside inserted spaces: where they were inserted.
            return *at;
        } else {
            break;
        }
    }
    fixed.saturating_sub(shift)
}

fn remap(node: &mut Node, inserted: &[(usize, usize)]) {
    node.for_each_loc(&mut |loc| {
        if let Some(l) = loc {
            let start = to_original(l.start as usize, inserted);
            let end = to_original(l.end as usize, inserted).max(start);
            *l = Loc::new(l.file, start..end);
        }
    });
}

fn parse_once(text: &str, file: u32) -> Result<Node, Failure> {
    let offsets = Offsets::new(text);
    let loc = |start: usize, end: usize| {
        Some(Loc {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end.max(start)).unwrap_or(u32::MAX),
        })
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::default();
    let mut alias_budget = MAX_ALIAS_NODES;
    let mut documents = 0;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| Failure {
            error: YamlError {
                offset: offsets.byte(e.marker().index()),
                message: e.info().to_owned(),
            },
            flow_start: stack.iter().map(Frame::start).find(|&at| {
                text.get(at..)
                    .is_some_and(|t| t.starts_with('[') || t.starts_with('{'))
            }),
        })?;
        let (start, end) = (
            offsets.byte(span.start.index()),
            offsets.byte(span.end.index()),
        );
        let (node, anchor) = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    break;
                }
                continue;
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                if stack.len() >= MAX_DEPTH =>
            {
                let _ = (anchor, tag);
                return Err(Failure::from(YamlError {
                    offset: start,
                    message: format!("nested deeper than {MAX_DEPTH} levels"),
                }));
            }
            Event::SequenceStart(anchor, tag) => {
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    start,
                    anchor,
                    tag: intrinsic(tag.as_deref()),
                });
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                stack.push(Frame::Map {
                    members: Vec::new(),
                    key: None,
                    start,
                    anchor,
                    tag: intrinsic(tag.as_deref()),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    continue;
                };
                // A block collection ends where its last child does, not at the next token.
                let (val, start, last_end, anchor, tag) = match frame {
                    Frame::Seq {
                        items,
                        start,
                        anchor,
                        tag,
                    } => {
                        let last = items.last().and_then(|n| n.loc).map(|l| l.end as usize);
                        (Val::List(items), start, last, anchor, tag)
                    }
                    Frame::Map {
                        members,
                        start,
                        anchor,
                        tag,
                        ..
                    } => {
                        let last = members
                            .last()
                            .and_then(|m| m.value.loc.or(m.key_loc))
                            .map(|l| l.end as usize);
                        (Val::Obj(merge_keys(members)), start, last, anchor, tag)
                    }
                };
                let end = last_end.map_or(end, |l| l.max(start));
                (wrap(Node::new(val, loc(start, end)), tag), anchor)
            }
            Event::Scalar(value, style, anchor, tag) => {
                let val = scalar(&value, style, tag.as_deref());
                (
                    wrap(Node::new(val, loc(start, end)), intrinsic(tag.as_deref())),
                    anchor,
                )
            }
            Event::Alias(id) => {
                let Some(node) = anchors.get(&id) else {
                    return Err(Failure::from(YamlError {
                        offset: start,
                        message: "alias to an unknown anchor".to_owned(),
                    }));
                };
                let n = count_nodes(node);
                if n > alias_budget {
                    return Err(Failure::from(YamlError {
                        offset: start,
                        message: "aliases expand to too many nodes".to_owned(),
                    }));
                }
                alias_budget -= n;
                (node.clone(), 0)
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {
                continue;
            }
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => return Ok(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { members, key, .. }) => match key.take() {
                None => *key = Some((key_text(&node), node.loc)),
                Some((k, key_loc)) => members.push(Member {
                    key: k,
                    key_loc,
                    value: node,
                }),
            },
        }
    }
    Ok(Node::new(Val::Null, loc(0, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(text: &'a str, n: &Node) -> &'a str {
        n.loc.and_then(|l| text.get(l.range())).unwrap_or("")
    }

    #[test]
    fn merge_keys_fill_what_the_mapping_does_not_set() {
        let text = "base: &b\n  rotate: true\n  window: 7\nother: &o\n  window: 10\n  tag: x\none:\n  <<: *b\n  window: 30\nmany:\n  <<: [*b, *o]\n";
        let n = parse(text, 0).unwrap();
        let one = n.get("one").unwrap();
        let keys: Vec<&str> = one.members().iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["window", "rotate"]);
        assert_eq!(one.get("window").and_then(Node::as_i64), Some(30));
        let many = n.get("many").unwrap();
        assert_eq!(many.get("window").and_then(Node::as_i64), Some(7));
        assert_eq!(many.get("tag").and_then(Node::as_str), Some("x"));
        assert!(many.get("<<").is_none());
    }

    #[test]
    fn short_form_intrinsics_become_long_form() {
        let text = "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      PendingWindowInDays: !Ref Window\n      Desc: !Sub 'x-${AWS::Region}'\n      Arn: !GetAtt Key.Arn\n      Pick: !If [IsProd, 30, 7]\n      Id: '012345678901'\n      Bare: 012345678901\n      N: 7\n      B: true\n";
        let n = parse(text, 0).unwrap();
        let props = n
            .get("Resources")
            .unwrap()
            .get("Key")
            .unwrap()
            .get("Properties")
            .unwrap();
        let w = props.get("PendingWindowInDays").unwrap();
        assert_eq!(w.get("Ref").unwrap().as_str(), Some("Window"));
        assert_eq!(at(text, w.get("Ref").unwrap()), "Window");
        assert_eq!(
            props.get("Desc").unwrap().get("Fn::Sub").unwrap().as_str(),
            Some("x-${AWS::Region}")
        );
        assert_eq!(
            props
                .get("Arn")
                .unwrap()
                .get("Fn::GetAtt")
                .unwrap()
                .as_str(),
            Some("Key.Arn")
        );
        assert_eq!(
            props
                .get("Pick")
                .unwrap()
                .get("Fn::If")
                .unwrap()
                .items()
                .len(),
            3
        );
        assert_eq!(props.get("Id").unwrap().as_str(), Some("012345678901"));
        assert_eq!(props.get("Bare").unwrap().as_str(), Some("012345678901"));
        assert_eq!(props.get("N").unwrap().as_i64(), Some(7));
        assert_eq!(props.get("B").unwrap().as_bool(), Some(true));
        let key = n.get("Resources").unwrap().member("Key").unwrap();
        assert_eq!(
            key.key_loc.map(|l| l.start),
            Some(text.find("Key:").unwrap() as u32)
        );
    }

    #[test]
    fn locations_are_bytes_in_non_ascii_text() {
        let text = "# ünïcödé ✓\nA:\n  B: välue\n  C: 7\n";
        let n = parse(text, 3).unwrap();
        let c = n.get("A").unwrap().get("C").unwrap();
        assert_eq!(at(text, c), "7");
        assert_eq!(c.loc.unwrap().file, 3);
        assert_eq!(at(text, n.get("A").unwrap().get("B").unwrap()), "välue");
        // The mapping ends at its last value, not at the next token.
        assert!(at(text, n.get("A").unwrap()).ends_with('7'));
    }

    #[test]
    fn flow_collections_ignore_indentation() {
        // ECS task definitions: the closing bracket at the key's column, at the `- `
        // column, and contents less indented than the key (libyaml and PyYAML read all).
        let variants = [
            "R:\n  - Name: app\n    Command: [\n      \"a\", \"b\"\n    ]\n    Cpu: 256\n",
            "R:\n  - Name: app\n    Command: [\n      \"a\", \"b\"\n  ]\n    Cpu: 256\n",
            "R:\n  - Name: app\n    Command: [\n  \"a\",\n \"b\"\n]\n    Cpu: 256\n",
            "R:\n  - Name: app\n    Env: {\n      A: x, B: [1,\n    2]\n    }\n    Cpu: 256\n  - Name: two\n    Command: [\n    x]\n",
        ];
        for text in variants {
            // What the workaround is for: saphyr-parser rejects these.
            assert!(parse_once(text, 0).is_err(), "{text}");
            let n = parse(text, 0).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let entry = &n.get("R").unwrap().items()[0];
            assert_eq!(entry.get("Cpu").unwrap().as_i64(), Some(256), "{text}");
            assert_eq!(at(text, entry.get("Cpu").unwrap()), "256", "{text}");
            assert_eq!(at(text, entry.get("Name").unwrap()), "app", "{text}");
            let key = entry.member("Cpu").unwrap().key_loc.unwrap();
            assert_eq!(text.get(key.range()), Some("Cpu"), "{text}");
            if let Some(cmd) = entry.get("Command") {
                let items = cmd.items();
                assert_eq!(items[0].as_str(), Some("a"), "{text}");
                assert_eq!(at(text, items[1]), "\"b\"", "{text}");
                assert!(at(text, cmd).starts_with('['), "{text}");
            }
        }
        // A tagged flow sequence (an intrinsic's argument list).
        let tagged =
            "R:\n  - Name: app\n    Cmd: !Join [\n      \"\", [a, b]\n    ]\n    Cpu: 256\n";
        let n = parse(tagged, 0).unwrap_or_else(|e| panic!("{e:?}"));
        let cmd = n.get("R").unwrap().items()[0].get("Cmd").unwrap();
        assert_eq!(cmd.get("Fn::Join").unwrap().items().len(), 2);
        let n = parse(variants[3], 0).unwrap();
        let env = n.get("R").unwrap().items()[0].get("Env").unwrap();
        assert_eq!(env.get("B").unwrap().items()[1].as_i64(), Some(2));
        assert_eq!(at(variants[3], env.get("A").unwrap()), "x");
        let two = &n.get("R").unwrap().items()[1];
        assert_eq!(at(variants[3], two.get("Command").unwrap().items()[0]), "x");
        // Still errors: an unclosed flow sequence, a block key inside a flow collection.
        let e = parse("a: [1, 2\nb: 3\n", 0).unwrap_err();
        assert!(e.offset > 0, "{e:?}");
        assert!(parse("a:\n  - [\n  b: 1\n", 0).is_err());
    }

    #[test]
    fn hostile_input_is_an_error() {
        let deep = "[".repeat(100_000);
        let e = parse(&deep, 0).unwrap_err();
        assert!(
            e.message.contains("deeper") || e.message.contains("recursion"),
            "{e:?}"
        );
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                format!("l{}", i - 1)
            };
            bomb.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse(&bomb, 0).unwrap_err().message.contains("too many"));
        let bad = "a: [1, 2\nb: 3\n";
        let e = parse(bad, 0).unwrap_err();
        assert!(e.offset > 0 && e.offset <= bad.len(), "{e:?}");
        assert!(parse("a: *nope\n", 0).is_err());
    }
}
