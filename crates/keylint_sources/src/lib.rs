//! Input formats: text plus a path label in, model entities with locations out.
//!
//! No file system access: `file()` in Terraform goes through a [`FileLoader`] that the
//! caller provides (the CLI reads the disk; the WASM build looks in the given files).

pub mod algorithms;
pub mod arm;
mod budget;
pub mod cloudformation;
pub mod coverage;
pub mod encoding;
pub mod exports;
mod extract;
pub mod facts;
pub mod file_types;
pub mod hcl;
pub mod hcl_parse;
pub mod helm;
pub mod json;
pub mod patterns;
pub mod plan;
pub mod policy;
pub mod policy_json;
pub mod registry;
pub mod resource;
pub mod rows;
pub mod suppress;
pub mod terraform;
pub mod vault;
pub mod yaml;

use keylint_model::{Entity, Loc};

pub use registry::{FileKind, classify_path, read_directory, read_json_file};

pub use keylint_model::unit::{
    FileLoader, GivenFiles, NoFiles, Origin, SourceFile, Suppression, SuppressionKind, UnitOutput,
    directory_of,
};

/// Largest file keylint reads, in bytes.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Record every PEM private key block of every file of a unit as key material.
pub fn scan_private_keys(unit: &mut UnitOutput) {
    for (i, f) in unit.files.iter().enumerate() {
        let file = u32::try_from(i).unwrap_or(u32::MAX);
        for (n, r) in facts::pem_private_keys(&f.text).into_iter().enumerate() {
            let loc = Loc::new(file, r);
            let mut e = Entity::new(
                keylint_model::EntityKind::Material,
                format!("{}#pem{n}", f.path),
                f.path.clone(),
                loc,
            );
            e.set_str("provider", "any");
            e.set_str("kind", "pem_private_key");
            e.fact("key_material_literal", Some(true), Some(loc));
            unit.entities.push(e);
            unit.redactions.push(loc);
        }
    }
}
