//! Event patterns, evaluated against the events they should catch: CloudWatch Logs metric
//! filter patterns (the JSON form, `{ ($.eventName = DisableKey) || ... }`) and Amazon
//! EventBridge event patterns. They are parsed, not matched as text, so a pattern that
//! catches an event in another spelling (a list of names, `||`, `prefix`) counts.
//!
//! Each answer is three-valued: `Some(true)` when the pattern surely matches the event,
//! `Some(false)` when it surely does not, `None` when keylint cannot tell (a field the
//! event does not show, an operator or syntax keylint does not evaluate, an unknown
//! value). Unknown never counts as a match or as a miss.

use keylint_model::{Node, Val};

/// An event as a pattern sees it: field paths (`eventName`, `detail.eventName`) and
/// values. Paths it does not list are unknown, not absent.
pub type Event<'a> = &'a [(&'a str, &'a str)];

fn field<'a>(event: Event<'a>, path: &str) -> Option<&'a str> {
    event.iter().find(|(p, _)| *p == path).map(|(_, v)| *v)
}

/// `*` wildcards, case-sensitive.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(mut tail) = text.strip_prefix(head) else {
                return false;
            };
            loop {
                if glob(rest, tail) {
                    return true;
                }
                let mut chars = tail.chars();
                if chars.next().is_none() {
                    return false;
                }
                tail = chars.as_str();
            }
        }
    }
}

fn and3(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or3(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------
// CloudWatch Logs metric filter patterns (JSON log events).

struct Filter<'a> {
    rest: &'a str,
    event: Event<'a>,
}

impl<'a> Filter<'a> {
    fn ws(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.ws();
        match self.rest.strip_prefix(token) {
            Some(r) => {
                self.rest = r;
                true
            }
            None => false,
        }
    }

    /// expr := and ('||' and)*   (`&&` binds tighter, as in the documentation's examples)
    fn expr(&mut self, depth: usize) -> Result<Option<bool>, ()> {
        let mut v = self.and(depth)?;
        while self.eat("||") {
            let w = self.and(depth)?;
            v = or3(v, w);
        }
        Ok(v)
    }

    fn and(&mut self, depth: usize) -> Result<Option<bool>, ()> {
        let mut v = self.term(depth)?;
        while self.eat("&&") {
            let w = self.term(depth)?;
            v = and3(v, w);
        }
        Ok(v)
    }

    /// term := '(' expr ')' | '$.' path op value
    fn term(&mut self, depth: usize) -> Result<Option<bool>, ()> {
        if depth > 32 {
            return Err(());
        }
        if self.eat("(") {
            let v = self.expr(depth + 1)?;
            return if self.eat(")") { Ok(v) } else { Err(()) };
        }
        if !self.eat("$.") {
            return Err(());
        }
        let end = self
            .rest
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '!' | '<' | '>' | ')'))
            .ok_or(())?;
        let (path, rest) = self.rest.split_at(end);
        self.rest = rest;
        let equal = if self.eat("!=") {
            false
        } else if self.eat("=") {
            true
        } else {
            // Numeric comparisons, `IS NULL`, `NOT EXISTS`...: not evaluated.
            self.skip_value();
            return Ok(None);
        };
        self.ws();
        let value = self.value()?;
        let Some(actual) = field(self.event, path) else {
            return Ok(None);
        };
        let Some(value) = value else {
            return Ok(None);
        };
        let hit = glob(&value, actual);
        Ok(Some(hit == equal))
    }

    /// A quoted or bare value; `None` for one keylint does not compare (a regex
    /// `%...%`, a number compared as a string).
    fn value(&mut self) -> Result<Option<String>, ()> {
        if let Some(r) = self.rest.strip_prefix('"') {
            let end = r.find('"').ok_or(())?;
            let (v, rest) = r.split_at(end);
            self.rest = rest.get(1..).unwrap_or("");
            return Ok(Some(v.to_owned()));
        }
        if self.rest.starts_with('%') {
            self.skip_value();
            return Ok(None);
        }
        let end = self
            .rest
            .find(|c: char| c.is_whitespace() || c == ')')
            .unwrap_or(self.rest.len());
        let (v, rest) = self.rest.split_at(end);
        self.rest = rest;
        if v.is_empty() {
            return Err(());
        }
        Ok(Some(v.to_owned()))
    }

    fn skip_value(&mut self) {
        let end = self.rest.find(['&', '|', ')']).unwrap_or(self.rest.len());
        self.rest = self.rest.get(end..).unwrap_or("");
    }
}

/// Whether a metric filter pattern matches a JSON log event. Only the JSON form
/// (`{ ... }`) is evaluated: a term or space-delimited pattern is unknown, and so is one
/// that does not parse.
#[must_use]
pub fn filter_matches(pattern: &str, event: Event<'_>) -> Option<bool> {
    let inner = pattern.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut f = Filter { rest: inner, event };
    let v = f.expr(0).ok()?;
    f.ws();
    if f.rest.is_empty() { v } else { None }
}

// ---------------------------------------------------------------------------------
// EventBridge event patterns.

/// Whether an EventBridge event pattern (a JSON object, already parsed) matches an event.
/// Every field the pattern names must match: a list of values (any), or content filters
/// (`prefix`, `suffix`, `anything-but`, `exists`, `equals-ignore-case`, `wildcard`);
/// numeric, IP address and `$or` filters are unknown.
#[must_use]
pub fn event_pattern_matches(pattern: &Node, event: Event<'_>) -> Option<bool> {
    object_matches(pattern, "", event, 0)
}

fn object_matches(pattern: &Node, prefix: &str, event: Event<'_>, depth: usize) -> Option<bool> {
    if depth > 16 {
        return None;
    }
    let Val::Obj(members) = &pattern.val else {
        return None;
    };
    let mut all = Some(true);
    for m in members {
        if m.key == "$or" {
            all = and3(all, None);
            continue;
        }
        let path = if prefix.is_empty() {
            m.key.clone()
        } else {
            format!("{prefix}.{}", m.key)
        };
        let v = match &m.value.val {
            Val::Obj(_) => object_matches(&m.value, &path, event, depth + 1),
            Val::List(values) => {
                let actual = field(event, &path);
                values
                    .iter()
                    .map(|f| value_matches(f, actual))
                    .fold(Some(false), or3)
            }
            _ => None,
        };
        all = and3(all, v);
        if all == Some(false) {
            return all;
        }
    }
    all
}

/// Whether one filter of a field's list matches the field's value: `actual` is `None`
/// when the event does not show the field (unknown, not absent).
fn value_matches(filter: &Node, actual: Option<&str>) -> Option<bool> {
    let actual_or_unknown = actual;
    match &filter.val {
        Val::Str(s) => Some(actual_or_unknown? == s.as_str()),
        Val::Obj(ms) => {
            let [m] = ms.as_slice() else {
                return None;
            };
            let actual = actual_or_unknown?;
            let arg = m.value.as_str();
            match m.key.as_str() {
                "exists" => m.value.as_bool(),
                "prefix" => Some(actual.starts_with(arg?)),
                "suffix" => Some(actual.ends_with(arg?)),
                "equals-ignore-case" => Some(actual.eq_ignore_ascii_case(arg?)),
                "wildcard" => Some(glob(arg?, actual)),
                "anything-but" => match &m.value.val {
                    Val::Str(s) => Some(s != actual),
                    Val::List(items) => items
                        .iter()
                        .map(|i| i.as_str().map(|s| s != actual))
                        .collect::<Option<Vec<bool>>>()
                        .map(|v| v.iter().all(|b| *b)),
                    _ => None,
                },
                _ => None,
            }
        }
        Val::Null => actual_or_unknown.map(|_| false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DISABLE: &[(&str, &str)] = &[
        ("eventSource", "kms.amazonaws.com"),
        ("eventName", "DisableKey"),
    ];

    #[test]
    fn metric_filters() {
        let cis = "{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }";
        assert_eq!(filter_matches(cis, DISABLE), Some(true));
        let other = [
            ("eventSource", "kms.amazonaws.com"),
            ("eventName", "Decrypt"),
        ];
        assert_eq!(filter_matches(cis, &other), Some(false));
        // Quoted values and wildcards.
        assert_eq!(
            filter_matches(r#"{ $.eventName = "Disable*" }"#, DISABLE),
            Some(true)
        );
        assert_eq!(
            filter_matches("{ $.eventName != DisableKey }", DISABLE),
            Some(false)
        );
        // A field the event does not show: unknown, and so the whole conjunction.
        assert_eq!(
            filter_matches(
                "{ ($.eventName = DisableKey) && ($.userIdentity.type = Root) }",
                DISABLE
            ),
            None
        );
        // ...but a disjunction with a sure match matches.
        assert_eq!(
            filter_matches(
                "{ ($.eventName = DisableKey) || ($.userIdentity.type = Root) }",
                DISABLE
            ),
            Some(true)
        );
        // Term patterns, broken ones and other operators are unknown.
        assert_eq!(filter_matches("DisableKey", DISABLE), None);
        assert_eq!(
            filter_matches("{ ($.eventName = DisableKey }", DISABLE),
            None
        );
        assert_eq!(filter_matches("{ $.errorCode NOT EXISTS }", DISABLE), None);
    }

    fn json(text: &str) -> Node {
        crate::json::parse(text, 0, 0).unwrap()
    }

    const DETAIL: &[(&str, &str)] = &[
        ("source", "aws.kms"),
        ("detail-type", "AWS API Call via CloudTrail"),
        ("detail.eventSource", "kms.amazonaws.com"),
        ("detail.eventName", "ScheduleKeyDeletion"),
    ];

    #[test]
    fn event_patterns() {
        let p = json(
            r#"{"source":["aws.kms"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["kms.amazonaws.com"],"eventName":["DisableKey","ScheduleKeyDeletion"]}}"#,
        );
        assert_eq!(event_pattern_matches(&p, DETAIL), Some(true));
        let only_disable = json(r#"{"source":["aws.kms"],"detail":{"eventName":["DisableKey"]}}"#);
        assert_eq!(event_pattern_matches(&only_disable, DETAIL), Some(false));
        let prefix =
            json(r#"{"source":["aws.kms"],"detail":{"eventName":[{"prefix":"Schedule"}]}}"#);
        assert_eq!(event_pattern_matches(&prefix, DETAIL), Some(true));
        let anything_but =
            json(r#"{"detail":{"eventName":[{"anything-but":["Decrypt","Encrypt"]}]}}"#);
        assert_eq!(event_pattern_matches(&anything_but, DETAIL), Some(true));
        let source_only = json(r#"{"source":["aws.kms"]}"#);
        assert_eq!(event_pattern_matches(&source_only, DETAIL), Some(true));
        // A field the event does not show, a numeric filter: unknown.
        let account = json(r#"{"source":["aws.kms"],"account":["111122223333"]}"#);
        assert_eq!(event_pattern_matches(&account, DETAIL), None);
        let numeric = json(r#"{"detail":{"eventName":[{"numeric":[">",0]}]}}"#);
        assert_eq!(event_pattern_matches(&numeric, DETAIL), None);
        let other_source = json(r#"{"source":["aws.s3"]}"#);
        assert_eq!(event_pattern_matches(&other_source, DETAIL), Some(false));
    }
}
