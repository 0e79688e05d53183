//! The rule engine: the Cedar rule pack, profiles, suppressions, findings.

pub mod applicability;
pub mod controls;
pub mod engine;
pub mod pack;
pub mod profile;
pub mod reference;
pub mod suppression;

pub use engine::{Engine, EngineError, LintOptions, LintResult};
pub use pack::{Rule, RuleError, RuleOrigin};
pub use profile::{Profile, ProfileError};
pub use suppression::parse_date;
