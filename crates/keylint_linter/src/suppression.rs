//! Inline suppressions at lint time: which findings a comment silences, whether its
//! `until=` date has passed, which of the rules it names matched nothing, and the
//! `Suppression` entities the suppression rules judge.

use chrono::NaiveDate;
use keylint_model::unit::{Suppression, SuppressionKind};
use keylint_model::{Entity, EntityKind, Finding, Loc};

use crate::Rule;

/// A `YYYY-MM-DD` date (no other form), checked against the calendar.
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Whether an expiry applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expiry {
    /// No date, a date still ahead, or no clock to judge by.
    Live,
    Expired,
    /// The date is not a calendar `YYYY-MM-DD`: the comment silences nothing (an error
    /// says why), so a typo never hides a finding for ever.
    Invalid,
}

/// The suppressions of one unit while it is linted.
pub struct Suppressions<'u> {
    list: &'u [Suppression],
    expiry: Vec<Expiry>,
    /// Per suppression, per name it lists: whether a finding matched it.
    matched: Vec<Vec<bool>>,
    /// Findings silenced.
    pub silenced: usize,
}

fn within(inner: Loc, outer: Loc) -> bool {
    inner.file == outer.file && inner.start >= outer.start && inner.end <= outer.end
}

/// Whether `name`, as written in a suppression of `kind`, designates `rule`.
fn names(kind: SuppressionKind, name: &str, rule: &Rule) -> bool {
    match kind {
        SuppressionKind::Keylint => name == rule.id || name == "all",
        SuppressionKind::Checkov => rule.checkov.iter().any(|c| c.eq_ignore_ascii_case(name)),
        SuppressionKind::Trivy => {
            (name == "all" && !rule.trivy.is_empty())
                || rule.trivy.iter().any(|c| c.eq_ignore_ascii_case(name))
        }
    }
}

impl<'u> Suppressions<'u> {
    /// Judge each expiry against `today` (`None`: no clock, nothing expires).
    /// Returns the invalid dates too, as (comment location, message).
    pub fn new(list: &'u [Suppression], today: Option<NaiveDate>) -> (Self, Vec<(Loc, String)>) {
        let mut errors = Vec::new();
        let expiry = list
            .iter()
            .map(|s| match s.until.as_deref() {
                None => Expiry::Live,
                Some(text) => match parse_date(text) {
                    Some(date) if today.is_some_and(|t| t > date) => Expiry::Expired,
                    Some(_) => Expiry::Live,
                    None => {
                        errors.push((
                            s.loc,
                            format!(
                                "suppression expiry `{text}` is not a date in the form \
                                 YYYY-MM-DD; the suppression is not applied"
                            ),
                        ));
                        Expiry::Invalid
                    }
                },
            })
            .collect();
        let matched = list.iter().map(|s| vec![false; s.rules.len()]).collect();
        (
            Self {
                list,
                expiry,
                matched,
                silenced: 0,
            },
            errors,
        )
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether a live suppression silences `finding` of `rule` on `e`. Every suppression
    /// that designates it, live or expired, is marked as used.
    pub fn silences(&mut self, rule: &Rule, e: &Entity, finding: &Finding) -> bool {
        if e.kind == EntityKind::Suppression {
            return false;
        }
        let primary = Loc {
            file: e.loc.file,
            start: u32::try_from(finding.span.0).unwrap_or(0),
            end: u32::try_from(finding.span.1).unwrap_or(0),
        };
        let mut silenced = false;
        for ((s, expiry), matched) in self
            .list
            .iter()
            .zip(&self.expiry)
            .zip(self.matched.iter_mut())
        {
            let covers =
                within(e.block, s.target) || within(e.loc, s.target) || within(primary, s.target);
            if !covers || *expiry == Expiry::Invalid {
                continue;
            }
            for (name, m) in s.rules.iter().zip(matched.iter_mut()) {
                if names(s.kind, name, rule) {
                    *m = true;
                    silenced |= *expiry == Expiry::Live;
                }
            }
        }
        silenced
    }

    /// The suppressions as entities for the suppression rules, after every other entity
    /// of the unit was judged: `expired`, and `unused_rules` (the names a keylint comment
    /// lists that matched no finding, unknown rule ids included).
    #[must_use]
    pub fn entities(&self) -> Vec<Entity> {
        self.list
            .iter()
            .zip(&self.expiry)
            .zip(&self.matched)
            .enumerate()
            .map(|(i, ((s, expiry), matched))| {
                let mut e = Entity::new(
                    EntityKind::Suppression,
                    format!("suppression#{i}@{}:{}", s.loc.file, s.loc.start),
                    s.marker,
                    s.loc,
                );
                e.set_str("kind", s.kind.as_str());
                e.set("rules", s.rules.clone().into());
                e.set_bool("has_reason", s.reason.is_some());
                e.span("has_reason", Some(s.loc));
                e.set_bool("expired", *expiry == Expiry::Expired);
                if let Some(until) = &s.until {
                    e.set_str("until", until.as_str());
                }
                let unused: Vec<String> = if s.kind == SuppressionKind::Keylint
                    && *expiry == Expiry::Live
                {
                    s.rules
                        .iter()
                        .zip(matched)
                        .filter(|(r, m)| {
                            !**m && !keylint_model::unit::CONFIGURATION_RULES.contains(&r.as_str())
                        })
                        .map(|(r, _)| r.clone())
                        .collect()
                } else {
                    Vec::new()
                };
                e.set("unused_rules", unused.into());
                e
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2027-02-28"),
            NaiveDate::from_ymd_opt(2027, 2, 28)
        );
        for bad in [
            "2027-02-30",
            "2027-2-28",
            "27-02-28",
            "2027-02-28x",
            "2027/02/28",
            "",
            "+027-02-28",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
