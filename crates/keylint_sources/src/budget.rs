//! The work budget of the expression evaluators (Terraform, ARM, CloudFormation).
//!
//! Expressions can grow exponentially: locals, ARM variables or CloudFormation conditions
//! that each use the one before several times (a "billion laughs"), strings doubled at
//! each step. Every value an evaluator makes or copies is charged, in units of about one
//! value or 16 bytes of string, against an allowance of 250,000 units plus one per byte
//! of the input. Past it values are unknown (no rule fires on them) and the reader reports
//! one located error.

use std::cell::Cell;

use keylint_model::{Loc, Node, Val};

/// The allowance every evaluation gets on top of one unit per byte of its input.
const BASE: u64 = 250_000;

/// What making or copying a value costs, in budget units.
pub(crate) fn cost(node: &Node) -> u64 {
    let len = |s: &str| u64::try_from(s.len()).unwrap_or(u64::MAX) / 16;
    1 + match &node.val {
        Val::Str(s) | Val::Ref(s) => len(s),
        Val::List(items) => items.iter().map(cost).fold(0, u64::saturating_add),
        Val::Obj(members) => members
            .iter()
            .map(|m| cost(&m.value).saturating_add(len(&m.key)))
            .fold(0, u64::saturating_add),
        Val::Encoded(inner) => cost(inner),
        Val::Null | Val::Bool(_) | Val::Num(_) | Val::Unknown => 0,
    }
}

/// A string of `bytes` bytes, in budget units.
pub(crate) fn string_cost(bytes: usize) -> u64 {
    u64::try_from(bytes).unwrap_or(u64::MAX) / 16
}

/// What one evaluation may still do.
pub(crate) struct Budget {
    left: Cell<u64>,
    /// Where it first ran out, when the caller knew.
    over: Cell<Option<Loc>>,
}

impl Budget {
    /// The budget for an input of `bytes` bytes.
    pub(crate) fn for_bytes(bytes: usize) -> Self {
        Self {
            left: Cell::new(BASE.saturating_add(u64::try_from(bytes).unwrap_or(u64::MAX))),
            over: Cell::new(None),
        }
    }

    /// Take `units`: `false` once the budget is spent. The first `loc` given when it ran
    /// out is kept for the error.
    pub(crate) fn charge(&self, units: u64, loc: Option<Loc>) -> bool {
        let left = self.left.get();
        if units <= left && left > 0 {
            self.left.set(left - units);
            return true;
        }
        self.left.set(0);
        self.locate(loc);
        false
    }

    /// Whether nothing is left.
    pub(crate) fn spent(&self) -> bool {
        self.left.get() == 0
    }

    /// Say where the evaluation is, if the budget ran out and no place is known yet.
    pub(crate) fn locate(&self, loc: Option<Loc>) {
        if self.spent() && self.over.get().is_none() {
            self.over.set(loc);
        }
    }

    /// Where the budget ran out (the start of the input when no place was given), or
    /// `None` while it lasts.
    pub(crate) fn over_at(&self) -> Option<Loc> {
        self.spent().then(|| self.over.get().unwrap_or_default())
    }

    /// Go on with what `other` has left (a called module evaluates on its caller's budget).
    pub(crate) fn take_from(&self, other: &Budget) {
        self.left.set(other.left.get());
    }

    /// Hand what is left back (after [`Budget::take_from`]).
    pub(crate) fn give_to(&self, other: &Budget) {
        other.left.set(self.left.get());
    }
}
