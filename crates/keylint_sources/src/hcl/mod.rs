//! Evaluation of Terraform HCL expressions into located [`Node`]s.
//!
//! Terraform values are resolved before rules run (RULES.md): variables, locals,
//! interpolation, `jsonencode`, heredocs, `file()`, policy data sources. Anything that
//! depends on another resource or a data source is *unknown* (`Val::Unknown`, or
//! `Val::Ref` when it names a resource of the module), and an unknown interpolation inside
//! a string is kept as [`UNKNOWN_PART`] so that `arn:aws:iam::${x}:root` stays a root ARN.
//!
//! Layers: [`scope`] (what a module's expressions can refer to), [`eval`] (expressions,
//! blocks, references; a local is evaluated lazily, when first referred to), [`functions`]
//! (the built-in functions), [`refs`] (references, data sources, `try`/`can`).

mod eval;
mod functions;
mod refs;
mod scope;

pub use crate::{FileLoader, GivenFiles, NoFiles};
pub use eval::Eval;
pub(crate) use eval::instances;
pub use scope::{Module, normalize};

#[cfg(test)]
mod tests;
