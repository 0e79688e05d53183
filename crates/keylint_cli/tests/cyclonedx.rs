//! `keylint check --format cyclonedx` against the official CycloneDX 1.6 JSON schema, as
//! the `cyclonedx-python-lib` package (PyPI) ships it with the SPDX and JSF schemas it
//! refers to. The package is installed in the tools environment under `target/tools` by
//! `scripts/setup.sh` (`ensure_python_tools`), which this test runs first, as
//! `scripts/test.sh` does: the schema files are the package's, never a copy of ours.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

mod common;
use std::path::PathBuf;
use std::process::Command;

use common::{keylint_env, repo};
use serde_json::{Value, json};

/// The folder of the package's schema files (`cyclonedx/schema/_res`).
fn schema_dir() -> PathBuf {
    let setup = Command::new("bash")
        .args(["-c", ". scripts/setup.sh && ensure_python_tools"])
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        setup.status.success(),
        "scripts/setup.sh ensure_python_tools failed: {}",
        String::from_utf8_lossy(&setup.stderr)
    );
    let python = String::from_utf8(setup.stdout).unwrap().trim().to_owned();
    let out = Command::new(&python)
        .args([
            "-c",
            "import os, cyclonedx.schema._res as r; print(os.path.dirname(r.__file__))",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cyclonedx-python-lib is not installed in {python}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

/// The schema's references (`spdx.SNAPSHOT.schema.json`, `jsf-0.82.SNAPSHOT.schema.json`)
/// are files beside it: answered from the package's folder, nothing from the network.
struct PackageFiles(PathBuf);

impl jsonschema::Retrieve for PackageFiles {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.path().as_str().rsplit('/').next().unwrap_or_default();
        let text = std::fs::read_to_string(self.0.join(name))
            .map_err(|e| format!("{uri}: not a schema file of the package: {e}"))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn errors(validator: &jsonschema::Validator, bom: &Value) -> Vec<String> {
    validator
        .iter_errors(bom)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_bom_validates_against_the_cyclonedx_1_6_schema() {
    let dir = schema_dir();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("bom-1.6.SNAPSHOT.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        schema["$id"],
        "http://cyclonedx.org/schema/bom-1.6.schema.json"
    );
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(PackageFiles(dir))
        .build(&schema)
        .unwrap();
    let env = [("KEYLINT_TODAY", "2026-01-15")];
    let (code, out, err) = keylint_env(
        &["check", "samples", "--format", "cyclonedx"],
        &repo(),
        &env,
    );
    assert_eq!(code, 1, "{err}");
    let bom: Value = serde_json::from_str(&out).unwrap();
    let found = errors(&validator, &bom);
    assert!(found.is_empty(), "{found:#?}");

    // What the BOM says: one cryptographic asset per key, its algorithm, container and
    // evidence; the day of KEYLINT_TODAY; the same bytes on a second run.
    assert_eq!(bom["specVersion"], "1.6");
    assert_eq!(bom["metadata"]["timestamp"], "2026-01-15T00:00:00Z");
    let (_, again, _) = keylint_env(
        &["check", "samples", "--format", "cyclonedx"],
        &repo(),
        &env,
    );
    assert_eq!(out, again);
    let components = bom["components"].as_array().unwrap();
    let refs: Vec<&str> = components
        .iter()
        .map(|c| c["bom-ref"].as_str().unwrap())
        .collect();
    let keys: Vec<&Value> = components
        .iter()
        .filter(|c| c["bom-ref"].as_str().unwrap().starts_with("key:"))
        .collect();
    assert!(keys.len() >= 10, "{refs:#?}");
    for k in &keys {
        assert_eq!(k["type"], "cryptographic-asset");
        let crypto = &k["cryptoProperties"];
        assert_eq!(crypto["assetType"], "related-crypto-material");
        let occurrence = &k["evidence"]["occurrences"][0];
        assert!(
            occurrence["location"]
                .as_str()
                .unwrap()
                .starts_with("samples/")
        );
        assert!(occurrence["line"].as_u64().unwrap() >= 1);
        if let Some(alg) = crypto["relatedCryptoMaterialProperties"]["algorithmRef"].as_str() {
            assert!(refs.contains(&alg), "{alg}");
        }
    }
    // An AWS key in the AWS key store: an HSM at FIPS 140-3 level 3.
    let aws = keys
        .iter()
        .find(|k| {
            k["name"] == "aws_kms_key.payments"
                || k["bom-ref"].as_str().unwrap().contains("aws_kms_key")
        })
        .unwrap();
    let material = &aws["cryptoProperties"]["relatedCryptoMaterialProperties"];
    assert_eq!(material["securedBy"]["mechanism"], "HSM", "{aws:#}");
    let alg = components
        .iter()
        .find(|c| c["bom-ref"] == material["algorithmRef"])
        .unwrap();
    assert_eq!(
        alg["cryptoProperties"]["algorithmProperties"]["certificationLevel"],
        json!(["fips140-3-l3"])
    );
    // Keys depend on the containers declared with them.
    let deps = bom["dependencies"].as_array().unwrap();
    assert!(
        deps.iter()
            .any(|d| d["dependsOn"].as_array().is_some_and(|on| on
                .iter()
                .any(|r| r.as_str().unwrap().starts_with("container:")))),
        "{deps:#?}"
    );
    // Every reference a dependency names is a component.
    for d in deps {
        assert!(refs.contains(&d["ref"].as_str().unwrap()));
        for r in d["dependsOn"].as_array().into_iter().flatten() {
            assert!(refs.contains(&r.as_str().unwrap()), "{r}");
        }
    }

    // The test fails on an invalid BOM: an unknown material type, a missing location.
    let mut bad = bom.clone();
    bad["components"][0]["cryptoProperties"] = json!({"assetType": "related-crypto-material", "relatedCryptoMaterialProperties": {"type": "not-a-type"}});
    assert!(!errors(&validator, &bad).is_empty());
    let mut bad = bom.clone();
    let key = components
        .iter()
        .position(|c| c["bom-ref"].as_str().unwrap().starts_with("key:"))
        .unwrap();
    bad["components"][key]["evidence"]["occurrences"][0]
        .as_object_mut()
        .unwrap()
        .remove("location");
    assert!(!errors(&validator, &bad).is_empty());
    let mut bad = bom;
    bad["serialNumber"] = json!("not-a-uuid");
    assert!(!errors(&validator, &bad).is_empty());
}
