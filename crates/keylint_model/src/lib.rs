//! The common model of keylint: every input format is turned into these types.
//!
//! Nothing here does IO. Parsers (`keylint_sources`) build [`Node`] value trees with
//! source locations and then [`Entity`] records (keys, key containers, policy
//! documents and statements, bindings, secrets, certificates, grants, suppressions)
//! whose attributes are the precomputed facts the Cedar rules judge.

pub mod entity;
pub mod finding;
pub mod iam;
pub mod inventory;
pub mod kms_actions;
pub mod loc;
pub mod unit;
pub mod value;

pub use entity::{AttrValue, Entity, EntityKind};
pub use finding::{Control, FileError, Finding, RuleMeta, Severity};
pub use loc::{LineIndex, Loc};
pub use value::{Member, Node, Val};
