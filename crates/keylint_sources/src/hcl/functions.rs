//! Terraform's built-in functions.

use crate::budget::string_cost;

use keylint_model::value::UNKNOWN_PART;
use keylint_model::{Loc, Member, Node, Val};

use super::eval::*;
use crate::json::{self, strip_locs};

impl Eval<'_, '_> {
    #[expect(clippy::too_many_lines, reason = "a table of Terraform functions")]
    pub(super) fn call(&mut self, name: &str, args: Vec<Node>, loc: Option<Loc>) -> Node {
        let unknown = || Node::new(Val::Unknown, loc);
        let str_arg = |i: usize| args.get(i).and_then(Node::as_str).map(str::to_owned);
        let partial_arg = |i: usize| {
            args.get(i)
                .and_then(Node::as_partial_str)
                .map(str::to_owned)
        };
        match name {
            "jsonencode" => match args.into_iter().next() {
                Some(v) => Node::new(Val::Encoded(Box::new(v)), loc),
                None => unknown(),
            },
            "jsondecode" => match args.first() {
                Some(n) => match &n.val {
                    Val::Encoded(inner) => (**inner).clone(),
                    Val::Str(s) if !s.contains(UNKNOWN_PART) => json::parse(s, self.file, 0)
                        .map(|mut v| {
                            strip_locs(&mut v, n.loc.or(loc));
                            v
                        })
                        .unwrap_or_else(|_| self.fail()),
                    _ => unknown(),
                },
                None => unknown(),
            },
            "file" => match str_arg(0).and_then(|p| self.m.load_file(&p)) {
                Some((file, text)) => {
                    let len = text.len();
                    Node::new(Val::Str((*text).clone()), Some(Loc::new(file, 0..len)))
                }
                None => unknown(),
            },
            // Unknown parts stay unknown parts.
            "fileset" => match (str_arg(0), str_arg(1)) {
                (Some(dir), Some(pattern)) => match self.m.fileset(&dir, &pattern) {
                    Some(files) => Node::new(
                        Val::List(
                            files
                                .into_iter()
                                .map(|f| Node::new(Val::Str(f), loc))
                                .collect(),
                        ),
                        loc,
                    ),
                    None => unknown(),
                },
                _ => unknown(),
            },
            "yamldecode" => match args.first() {
                Some(n) => match &n.val {
                    Val::Str(s) if !s.contains(UNKNOWN_PART) => {
                        // Text of a whole file (from `file()`) keeps its locations.
                        let whole_file = n.loc.filter(|l| {
                            l.start == 0 && self.m.text_of(l.file).is_some_and(|t| t.as_str() == s)
                        });
                        match crate::yaml::parse(s, whole_file.map_or(self.file, |l| l.file)) {
                            Ok(mut v) => {
                                if whole_file.is_none() {
                                    strip_locs(&mut v, n.loc.or(loc));
                                }
                                v
                            }
                            Err(_) => self.fail(),
                        }
                    }
                    _ => unknown(),
                },
                None => unknown(),
            },
            "templatefile" => match str_arg(0).and_then(|p| self.m.load_file(&p)) {
                Some((file, text)) => self.template_file(file, &text, args.get(1), loc),
                None => unknown(),
            },
            "lower" => {
                partial_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.to_lowercase()), loc))
            }
            "upper" => {
                partial_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.to_uppercase()), loc))
            }
            "trimspace" => {
                str_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.trim().to_owned()), loc))
            }
            "toset" => self.call("distinct", args, loc),
            "tostring" | "tonumber" | "tobool" | "tolist" | "tomap" | "sensitive"
            | "nonsensitive" => {
                let mut v = args.into_iter().next().unwrap_or_else(Node::unknown);
                if name == "tostring"
                    && matches!(v.val, Val::Num(_) | Val::Bool(_))
                    && let Some(text) = display(&v)
                {
                    v.val = Val::Str(text);
                }
                if name == "tonumber"
                    && let Some(n) = v.as_i64()
                {
                    #[expect(clippy::cast_precision_loss, reason = "small configuration numbers")]
                    let n = n as f64;
                    v = num(n, v.loc);
                }
                v.loc = loc.or(v.loc);
                v
            }
            "concat" => {
                let mut out = Vec::new();
                for a in &args {
                    match &a.val {
                        Val::List(items) => out.extend(items.iter().cloned()),
                        _ => return unknown(),
                    }
                }
                Node::new(Val::List(out), loc)
            }
            "flatten" => {
                fn flat(n: &Node, out: &mut Vec<Node>) -> bool {
                    match &n.val {
                        Val::List(items) => items.iter().all(|i| flat(i, out)),
                        Val::Unknown | Val::Ref(_) => false,
                        _ => {
                            out.push(n.clone());
                            true
                        }
                    }
                }
                let mut out = Vec::new();
                if args.iter().all(|a| flat(a, &mut out)) {
                    Node::new(Val::List(out), loc)
                } else {
                    unknown()
                }
            }
            "merge" => {
                let mut out: Vec<Member> = Vec::new();
                for a in &args {
                    match &a.val {
                        Val::Obj(ms) => {
                            for m in ms {
                                out.retain(|o| o.key != m.key);
                                out.push(m.clone());
                            }
                        }
                        Val::Null => {}
                        _ => return unknown(),
                    }
                }
                Node::new(Val::Obj(out), loc)
            }
            "distinct" | "compact" => match args.into_iter().next() {
                // Each item is compared with those kept before it. An unknown item may
                // equal another (or be empty): the result is then unknown.
                Some(Node {
                    val: Val::List(items),
                    ..
                }) if !items.iter().any(|i| {
                    if name == "compact" {
                        i.is_unknown()
                            || i.as_partial_str()
                                .is_some_and(|s| s.chars().all(|c| c == UNKNOWN_PART))
                    } else {
                        i.contains_unknown()
                    }
                }) && self.m.charge(
                    u64::try_from(items.len().saturating_mul(items.len())).unwrap_or(u64::MAX) / 64,
                    loc,
                ) =>
                {
                    let mut out: Vec<Node> = Vec::new();
                    for i in items {
                        if name == "compact" && i.as_str() == Some("") {
                            continue;
                        }
                        if !out.iter().any(|o| o.same_value(&i, false) == Some(true)) {
                            out.push(i);
                        }
                    }
                    Node::new(Val::List(out), loc)
                }
                _ => unknown(),
            },
            "length" => match args.first().map(|a| &a.val) {
                #[expect(clippy::cast_precision_loss, reason = "small lengths")]
                Some(Val::List(i)) => num(i.len() as f64, loc),
                #[expect(clippy::cast_precision_loss, reason = "small lengths")]
                Some(Val::Obj(m)) => num(m.len() as f64, loc),
                #[expect(clippy::cast_precision_loss, reason = "small lengths")]
                Some(Val::Str(s)) if !s.contains(UNKNOWN_PART) => {
                    num(s.chars().count() as f64, loc)
                }
                _ => unknown(),
            },
            "join" => match (str_arg(0), args.get(1).map(|a| &a.val)) {
                (Some(sep), Some(Val::List(items)))
                    if self
                        .m
                        .charge(string_cost(sep.len().saturating_mul(items.len())), loc) =>
                {
                    let parts: Vec<String> = items
                        .iter()
                        .map(|i| display(i).unwrap_or_else(|| UNKNOWN_PART.to_string()))
                        .collect();
                    Node::new(Val::Str(parts.join(&sep)), loc)
                }
                _ => unknown(),
            },
            "split" => match (str_arg(0), str_arg(1)) {
                (Some(sep), Some(s)) if !sep.is_empty() => Node::new(
                    Val::List(
                        s.split(&sep)
                            .map(|p| Node::new(Val::Str(p.to_owned()), loc))
                            .collect(),
                    ),
                    loc,
                ),
                _ => unknown(),
            },
            "format" => match partial_arg(0) {
                Some(fmt) => format(&fmt, args.get(1..).unwrap_or_default(), loc),
                None => unknown(),
            },
            "replace" => match (str_arg(0), str_arg(1), str_arg(2)) {
                (Some(s), Some(from), Some(to))
                    if !from.starts_with('/')
                        && !from.is_empty()
                        && self.m.charge(
                            string_cost(s.matches(&from).count().saturating_mul(to.len())),
                            loc,
                        ) =>
                {
                    Node::new(Val::Str(s.replace(&from, &to)), loc)
                }
                _ => unknown(),
            },
            "coalesce" => {
                for a in args {
                    match &a.val {
                        Val::Null => {}
                        Val::Str(s) if s.is_empty() => {}
                        // It may be null or empty: the choice is not known.
                        Val::Unknown | Val::Ref(_) => return unknown(),
                        Val::Str(s) if s.chars().all(|c| c == UNKNOWN_PART) => return unknown(),
                        _ => return a,
                    }
                }
                self.fail()
            }
            "coalescelist" => {
                for a in args {
                    match &a.val {
                        Val::List(items) if items.is_empty() => {}
                        Val::List(_) => return a,
                        _ => return unknown(),
                    }
                }
                self.fail()
            }
            "one" => match args.into_iter().next() {
                Some(Node {
                    val: Val::List(items),
                    ..
                }) => match items.len() {
                    0 => Node::new(Val::Null, loc),
                    1 => items.into_iter().next().unwrap_or_else(unknown),
                    _ => self.fail(),
                },
                Some(Node { val: Val::Null, .. }) => Node::new(Val::Null, loc),
                _ => unknown(),
            },
            "keys" | "values" => match args.first().map(|a| &a.val) {
                Some(Val::Obj(members)) => {
                    let mut sorted: Vec<&Member> = members.iter().collect();
                    sorted.sort_by(|x, y| x.key.cmp(&y.key));
                    let items = sorted
                        .into_iter()
                        .map(|m| {
                            if name == "keys" {
                                Node::new(Val::Str(m.key.clone()), m.key_loc)
                            } else {
                                m.value.clone()
                            }
                        })
                        .collect();
                    Node::new(Val::List(items), loc)
                }
                _ => unknown(),
            },
            "contains" => match (args.first().map(|a| &a.val), args.get(1)) {
                (Some(Val::List(items)), Some(v)) if !v.contains_unknown() => {
                    if items.iter().any(|i| i.same_value(v, false) == Some(true)) {
                        Node::new(Val::Bool(true), loc)
                    } else if items.iter().any(Node::contains_unknown) {
                        unknown()
                    } else {
                        Node::new(Val::Bool(false), loc)
                    }
                }
                _ => unknown(),
            },
            "index" => match (args.first().map(|a| &a.val), args.get(1)) {
                (Some(Val::List(items)), Some(v)) if !v.contains_unknown() => {
                    for (i, item) in items.iter().enumerate() {
                        if item.contains_unknown() {
                            return unknown();
                        }
                        if item.same_value(v, false) == Some(true) {
                            #[expect(clippy::cast_precision_loss, reason = "small lists")]
                            return num(i as f64, loc);
                        }
                    }
                    self.fail()
                }
                _ => unknown(),
            },
            "startswith" | "endswith" => match (partial_arg(0), str_arg(1)) {
                (Some(s), Some(affix)) => {
                    // The known text at that end decides, if it is long enough.
                    let known: String = if name == "startswith" {
                        s.chars().take_while(|c| *c != UNKNOWN_PART).collect()
                    } else {
                        let mut k: Vec<char> =
                            s.chars().rev().take_while(|c| *c != UNKNOWN_PART).collect();
                        k.reverse();
                        k.into_iter().collect()
                    };
                    let whole = !s.contains(UNKNOWN_PART);
                    let hit = if name == "startswith" {
                        known.starts_with(&affix)
                    } else {
                        known.ends_with(&affix)
                    };
                    if hit || whole || known.len() >= affix.len() {
                        Node::new(Val::Bool(hit), loc)
                    } else {
                        unknown()
                    }
                }
                _ => unknown(),
            },
            "trimprefix" | "trimsuffix" => match (partial_arg(0), str_arg(1)) {
                (Some(s), Some(affix)) => {
                    let prefix = name == "trimprefix";
                    let stripped = if prefix {
                        s.strip_prefix(affix.as_str())
                    } else {
                        s.strip_suffix(affix.as_str())
                    };
                    if let Some(rest) = stripped {
                        Node::new(Val::Str(rest.to_owned()), loc)
                    } else {
                        // Unchanged only if the known end of the text rules the affix out.
                        let known = if prefix {
                            s.split(UNKNOWN_PART).next()
                        } else {
                            s.rsplit(UNKNOWN_PART).next()
                        }
                        .unwrap_or_default();
                        if !s.contains(UNKNOWN_PART) || known.len() >= affix.len() {
                            Node::new(Val::Str(s), loc)
                        } else {
                            unknown()
                        }
                    }
                }
                _ => unknown(),
            },
            "zipmap" => match (args.first().map(|a| &a.val), args.get(1).map(|a| &a.val)) {
                (Some(Val::List(ks)), Some(Val::List(vs))) if ks.len() == vs.len() => {
                    let mut members: Vec<Member> = Vec::new();
                    for (k, v) in ks.iter().zip(vs) {
                        let Some(key) = display(k).filter(|s| !s.contains(UNKNOWN_PART)) else {
                            return unknown();
                        };
                        members.retain(|m| m.key != key);
                        members.push(Member {
                            key,
                            key_loc: k.loc,
                            value: v.clone(),
                        });
                    }
                    Node::new(Val::Obj(members), loc)
                }
                (Some(Val::List(_)), Some(Val::List(_))) => self.fail(),
                _ => unknown(),
            },
            "setunion" => {
                let mut all = Vec::new();
                for a in &args {
                    match &a.val {
                        Val::List(items) => all.extend(items.iter().cloned()),
                        _ => return unknown(),
                    }
                }
                self.call("distinct", vec![Node::new(Val::List(all), loc)], loc)
            }
            "lookup" => match (args.first(), str_arg(1)) {
                (Some(map), Some(key)) if matches!(map.val, Val::Obj(_)) => map
                    .get(&key)
                    .cloned()
                    .or_else(|| args.get(2).cloned())
                    .unwrap_or_else(|| self.fail()),
                (Some(Node { val: Val::Null, .. }), _) => self.fail(),
                _ => unknown(),
            },
            // `element` wraps around the end of the list.
            "element" => match (
                args.first().map(|a| &a.val),
                args.get(1).and_then(Node::as_i64),
            ) {
                (Some(Val::List(items)), Some(i)) if i >= 0 => {
                    if items.is_empty() {
                        self.fail()
                    } else {
                        let i = usize::try_from(i).unwrap_or(0) % items.len();
                        items.get(i).cloned().unwrap_or_else(unknown)
                    }
                }
                _ => unknown(),
            },
            "max" | "min" => {
                let nums: Option<Vec<f64>> = args
                    .iter()
                    .map(|a| {
                        if let Val::Num(n) = a.val {
                            Some(n)
                        } else {
                            None
                        }
                    })
                    .collect();
                match nums {
                    Some(ns) if !ns.is_empty() => {
                        let v = if name == "max" {
                            ns.iter().copied().fold(f64::MIN, f64::max)
                        } else {
                            ns.iter().copied().fold(f64::MAX, f64::min)
                        };
                        num(v, loc)
                    }
                    _ => unknown(),
                }
            }
            _ => unknown(),
        }
    }
}

/// Terraform's `format`: `%s`, `%d`, `%v`, `%t` and `%q` of known values; anything else
/// (widths, flags, other verbs, values that cannot be shown) is an unknown part, and so is
/// every verb after an unknown part of the format string (it may hold verbs itself).
pub(super) fn format(fmt: &str, args: &[Node], loc: Option<Loc>) -> Node {
    let mut out = String::new();
    let mut rest = args.iter();
    let mut chars = fmt.chars().peekable();
    let mut blind = false;
    while let Some(c) = chars.next() {
        if c == UNKNOWN_PART {
            blind = true;
            out.push(c);
            continue;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        // Flags, width, precision and argument indexes, then the verb.
        let mut plain = true;
        let mut verb = None;
        for v in chars.by_ref() {
            if v.is_ascii_alphabetic() {
                verb = Some(v);
                break;
            }
            plain = false;
        }
        let arg = rest.next();
        let text = match (verb, arg) {
            (Some('s' | 'd' | 'v' | 't'), Some(a)) if plain && !blind => display(a),
            (Some('q'), Some(a)) if plain && !blind => a
                .as_str()
                .map(|s| serde_json::Value::String(s.to_owned()).to_string()),
            _ => None,
        };
        match text {
            Some(t) => out.push_str(&t),
            None => out.push(UNKNOWN_PART),
        }
    }
    Node::new(Val::Str(out), loc)
}
