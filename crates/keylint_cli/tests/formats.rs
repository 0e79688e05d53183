//! Every report format of `keylint check` end to end: snapshots, exit codes, output
//! parsed by real parsers, GitHub escaping, several reports in one run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

mod common;
use common::{FORMATS, keylint, repo, tmp};

/// The version changes with every release; the snapshots should not. A SARIF report's
/// rule catalog (every rule's documentation, the same in every run, checked in cli.rs)
/// is cut to the rule ids.
fn redact(format: &str, out: &str) -> String {
    let out = out.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[version]\"",
    );
    if format == "cyclonedx" {
        // The day of the run, and the serial number derived from it.
        let mut v = json(&out);
        v["metadata"]["timestamp"] = "[today]".into();
        v["serialNumber"] = "[serial]".into();
        return serde_json::to_string_pretty(&v).unwrap() + "\n";
    }
    if format != "sarif" {
        return out;
    }
    let mut v = json(&out);
    let rules = &mut v["runs"][0]["tool"]["driver"]["rules"];
    let ids: Vec<serde_json::Value> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    *rules = serde_json::Value::Array(ids);
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

/// A directory with one unparseable file, one binary file and one file with a finding.
/// Made once per test process: tests run in parallel, and re-creating it while another
/// test reads it made both flaky.
fn erroring_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(make_erroring_dir).clone()
}

fn make_erroring_dir() -> PathBuf {
    let d = tmp("errors");
    std::fs::write(
        d.join("bad.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  deletion_window_in_days = \n}\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("bin")).unwrap();
    // Not valid UTF-8 (and not a UTF-16 byte order mark, FF FE or FE FF).
    std::fs::write(d.join("bin/binary.tf"), [0xfeu8, 0xfe, 0x00, 0x01]).unwrap();
    std::fs::create_dir_all(d.join("ok")).unwrap();
    std::fs::write(
        d.join("ok/main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  deletion_window_in_days = 7\n  enable_key_rotation = true\n}\n",
    )
    .unwrap();
    d
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn every_format_snapshots_and_exit_codes() {
    let errors = erroring_dir();
    for format in FORMATS {
        let (code, out, err) = keylint(&["check", "samples/aws/bad", "--format", format], &repo());
        assert_eq!(code, 1, "{format} findings: {err}");
        insta::assert_snapshot!(format!("findings_{format}"), redact(format, &out));
        let (code, out, err) = keylint(&["check", "samples/aws/good", "--format", format], &repo());
        assert_eq!(code, 0, "{format} clean: {err}");
        insta::assert_snapshot!(format!("clean_{format}"), redact(format, &out));
        let (code, out, err) = keylint(&["check", ".", "--format", format], &errors);
        assert_eq!(code, 2, "{format} errors: {err}");
        insta::assert_snapshot!(format!("errors_{format}"), redact(format, &out));
        // A usage error is 2 too, whatever the format.
        let (code, out, err) = keylint(
            &[
                "check",
                "samples/aws/bad",
                "--format",
                format,
                "--profile",
                "nope",
            ],
            &repo(),
        );
        assert_eq!((code, out.as_str()), (2, ""), "{format}: {err}");
    }
}

#[test]
fn no_format_leaks_a_secret() {
    for format in FORMATS {
        let (_, out, _) = keylint(&["check", "samples", "--format", format], &repo());
        assert!(
            !out.contains("FAKE-not-a-real-secret"),
            "{format} output leaks a secret value"
        );
    }
}

#[test]
fn concise_is_one_record_per_line() {
    let (_, out, _) = keylint(&["check", "samples", "--format", "json"], &repo());
    let v = json(&out);
    let (code, concise, err) = keylint(&["check", "samples", "--format", "concise"], &repo());
    assert_eq!(code, 1);
    assert_eq!(err, "", "concise writes nothing to stderr");
    let findings = v["findings"].as_array().unwrap();
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(lines.len(), findings.len());
    for (line, f) in lines.iter().zip(findings) {
        assert_eq!(
            *line,
            format!(
                "{}:{}:{}: {} {} {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["severity"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        );
    }
}

#[test]
fn junit_parses_with_one_case_per_rule_and_file() {
    for (dir, cwd, code) in [
        ("samples", repo(), 1),
        ("samples/aws/good", repo(), 0),
        (".", erroring_dir(), 2),
    ] {
        let (c, out, _) = keylint(&["check", dir, "--format", "json"], &cwd);
        assert_eq!(c, code);
        let v = json(&out);
        let findings = v["findings"].as_array().unwrap();
        let pairs: BTreeSet<(String, String)> = findings
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["file"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let error_files: BTreeSet<&str> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["file"].as_str().unwrap())
            .collect();
        let (c, xml, _) = keylint(&["check", dir, "--format", "junit"], &cwd);
        assert_eq!(c, code);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let mut cases = BTreeSet::new();
        let mut finding_lines = 0;
        let mut errored = BTreeSet::new();
        let mut suites = BTreeMap::new();
        for suite in root.children().filter(|n| n.has_tag_name("testsuite")) {
            let name = suite.attribute("name").unwrap();
            let tests: usize = suite.attribute("tests").unwrap().parse().unwrap();
            let mut n = 0;
            for case in suite.children().filter(|n| n.has_tag_name("testcase")) {
                n += 1;
                let file = case.attribute("name").unwrap();
                assert_eq!(case.attribute("classname"), Some(name));
                if let Some(failure) = case.children().find(|n| n.has_tag_name("failure")) {
                    assert!(cases.insert((name.to_owned(), file.to_owned())));
                    finding_lines += failure.text().unwrap().lines().count();
                    assert!(
                        ["critical", "high", "medium", "low", "info"]
                            .contains(&failure.attribute("type").unwrap())
                    );
                } else if case.children().any(|n| n.has_tag_name("error")) {
                    assert_eq!(name, "keylint-errors");
                    errored.insert(file.to_owned());
                } else {
                    panic!("a test case without failure or error: {xml}");
                }
            }
            assert_eq!(n, tests, "{name}");
            suites.insert(name.to_owned(), tests);
        }
        assert_eq!(cases, pairs, "{dir}");
        assert_eq!(finding_lines, findings.len(), "{dir}");
        assert_eq!(
            errored,
            error_files
                .iter()
                .map(|s| (*s).to_owned())
                .collect::<BTreeSet<_>>()
        );
        let total: usize = root.attribute("tests").unwrap().parse().unwrap();
        assert_eq!(total, pairs.len() + error_files.len());
        // Every rule of the catalog has a suite, passing ones with no test.
        let (_, rules, _) = keylint(&["rules", "--format", "json"], &repo());
        for r in json(&rules).as_array().unwrap() {
            assert!(suites.contains_key(r["id"].as_str().unwrap()), "{r}");
        }
    }
}

#[test]
fn gitlab_fingerprints_are_unique_and_survive_a_line_move() {
    let (code, out, _) = keylint(&["check", "samples", "--format", "gitlab"], &repo());
    assert_eq!(code, 1);
    let issues = json(&out);
    let issues = issues.as_array().unwrap();
    let (_, all, _) = keylint(&["check", "samples", "--format", "json"], &repo());
    assert_eq!(
        issues.len(),
        json(&all)["findings"].as_array().unwrap().len()
    );
    let prints: BTreeSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique");
    for i in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[key].is_string(), "{key} in {i}");
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert!(
            i["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("samples/")
        );
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }

    let d = tmp("gitlab-move");
    let tf = "resource \"aws_kms_key\" \"a\" {\n  deletion_window_in_days = 7\n}\n\nresource \"aws_kms_key\" \"b\" {\n  deletion_window_in_days = 7\n  enable_key_rotation = true\n}\n";
    std::fs::write(d.join("main.tf"), tf).unwrap();
    let run = || {
        let (code, out, _) = keylint(&["check", ".", "--format", "gitlab"], &d);
        assert_eq!(code, 1);
        json(&out)
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["fingerprint"].as_str().unwrap().to_owned(),
                    i["location"]["lines"]["begin"].as_u64().unwrap(),
                )
            })
            .collect::<BTreeMap<_, _>>()
    };
    let before = run();
    assert!(before.len() >= 3, "{before:?}");
    std::fs::write(d.join("main.tf"), format!("# moved\n\n\n{tf}")).unwrap();
    let after = run();
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (print, line) in &before {
        assert_eq!(after[print], line + 3);
    }
}

#[test]
fn github_escapes_hostile_paths_and_messages() {
    let d = tmp("github");
    std::fs::create_dir_all(d.join("rules")).unwrap();
    std::fs::write(
        d.join("rules/hostile.cedar"),
        "@id(\"team-hostile\")\n@severity(\"medium\")\n@title(\"t\")\n@message(\"100% bad,\\r\\n::error::injected: yes\")\n@help(\"h\")\n@highlight(\"multi_region\")\nforbid (principal, action, resource is Keylint::Key)\nwhen { resource has multi_region && resource.multi_region };\n",
    )
    .unwrap();
    let dir = d.join("we,ird:dir%");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n  multi_region = true\n}\n",
    )
    .unwrap();
    let args = [
        "check",
        "we,ird:dir%",
        "--rules",
        "rules",
        "--select",
        "team-hostile",
    ];
    let (code, out, err) = keylint(&[&args[..], &["--format", "github"]].concat(), &d);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "::warning file=we%2Cird%3Adir%25/main.tf,line=3,col=3,endLine=3,endColumn=22,title=team-hostile::100%25 bad,%0D%0A::error::injected: yes\n"
    );
    // The same finding in concise stays on one line; in markdown, on one table row.
    let (_, out, _) = keylint(&[&args[..], &["--format", "concise"]].concat(), &d);
    assert_eq!(
        out,
        "we,ird:dir%/main.tf:3:3: medium team-hostile 100% bad,  ::error::injected: yes\n"
    );
    let (_, out, _) = keylint(&[&args[..], &["--format", "markdown"]].concat(), &d);
    assert!(
        out.contains("| medium | `team-hostile` | `we,ird:dir%/main.tf:3` | `aws_kms_key.k` | 100% bad,  ::error::injected: yes |\n"),
        "{out}"
    );
}

#[test]
fn several_reports_in_one_run() {
    let d = tmp("multi");
    let sarif = d.join("keylint.sarif");
    let json_file = d.join("keylint.json");
    let (code, out, err) = keylint(
        &[
            "check",
            "samples",
            "--format",
            "sarif",
            "--output",
            sarif.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            json_file.to_str().unwrap(),
            "--format",
            "human",
        ],
        &repo(),
    );
    assert_eq!(code, 1, "{err}");
    let (_, human, _) = keylint(&["check", "samples"], &repo());
    assert_eq!(out, human, "human report on stdout");
    let (_, json_out, _) = keylint(&["check", "samples", "--format", "json"], &repo());
    assert_eq!(std::fs::read_to_string(&json_file).unwrap(), json_out);
    let (_, sarif_out, _) = keylint(&["check", "samples", "--format", "sarif"], &repo());
    let sarif_text = std::fs::read_to_string(&sarif).unwrap();
    assert_eq!(sarif_text, sarif_out);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("../shared/schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json(&sarif_text))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The old single-format forms keep working, `--output` before or after `--format`.
    let j2 = d.join("before.json");
    let (code, out, _) = keylint(
        &[
            "check",
            "samples",
            "-o",
            j2.to_str().unwrap(),
            "--format",
            "json",
        ],
        &repo(),
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(std::fs::read_to_string(&j2).unwrap(), json_out);
    let h = d.join("human.txt");
    let (code, out, _) = keylint(&["check", "samples", "-o", h.to_str().unwrap()], &repo());
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(std::fs::read_to_string(&h).unwrap(), human);
    // Every format to a file, nothing on stdout; the exit code is the same.
    let mut args = vec!["check".to_owned(), "samples".to_owned()];
    for f in FORMATS {
        args.extend([
            "--format".to_owned(),
            f.to_owned(),
            "--output".to_owned(),
            d.join(format!("all.{f}")).to_string_lossy().into_owned(),
        ]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = keylint(&args, &repo());
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    for f in FORMATS {
        let (_, single, _) = keylint(&["check", "samples", "--format", f], &repo());
        assert_eq!(
            std::fs::read_to_string(d.join(format!("all.{f}"))).unwrap(),
            single,
            "{f}"
        );
    }
}

#[test]
fn invalid_output_combinations_exit_2_before_linting() {
    let d = tmp("bad-outputs");
    let cases: [(&[&str], &str); 4] = [
        (
            &["--format", "json", "--format", "human"],
            "only one report can go to standard output, not 2 (json, human)",
        ),
        (
            &["--format", "json", "-o", "a.json", "-o", "b.json"],
            "both belong to `--format json`",
        ),
        (
            &[
                "--format", "json", "-o", "x", "--format", "sarif", "-o", "x",
            ],
            "`x` is the `--output` of both `--format json` and `--format sarif`",
        ),
        (
            &["-o", "a.txt", "-o", "b.txt"],
            "both belong to `--format human`",
        ),
    ];
    for (extra, message) in cases {
        let args = [&["check", "."][..], extra].concat();
        let (code, out, err) = keylint(&args, &d);
        assert_eq!(code, 2, "{extra:?}");
        assert_eq!(out, "");
        assert!(err.contains(message), "{extra:?}: {err}");
    }
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 0, "no file written");
    // A file that cannot be created is a run error too.
    let (code, _, err) = keylint(
        &[
            "check",
            "samples/aws/good",
            "--format",
            "json",
            "-o",
            "/nonexistent/dir/k.json",
        ],
        &repo(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot write `/nonexistent/dir/k.json`"),
        "{err}"
    );
}

/// The control report (`--format compliance`, `compliance-json`) on `samples/`: PCI DSS by
/// the profile, CIS AWS by `--framework`; a framework is required when the profile names
/// none; a rule switched off or with nothing of its kind scanned leaves its control not
/// evaluated.
#[test]
fn control_report_on_samples() {
    let version = format!("keylint {} ·", env!("CARGO_PKG_VERSION"));
    for (select, name) in [
        (["--profile", "pci-dss"], "pci-dss"),
        (["--framework", "cis-aws"], "cis-aws"),
    ] {
        for format in ["compliance", "compliance-json"] {
            let mut args = vec!["check", "samples", "--format", format];
            args.extend(select);
            let (code, out, err) = keylint(&args, &repo());
            assert_eq!(code, 1, "{name} {format}: {err}");
            assert!(!out.contains("FAKE-not-a-real-secret"), "{format} leaks");
            let out = redact(format, &out).replace(&version, "keylint [version] ·");
            insta::assert_snapshot!(format!("compliance_{name}_{format}"), out);
        }
    }
    // Statuses agree with the findings and the rules' states.
    let (_, out, _) = keylint(
        &[
            "check",
            "samples",
            "--format",
            "compliance-json",
            "--profile",
            "pci-dss",
        ],
        &repo(),
    );
    let report = json(&out);
    assert_eq!(report["framework"]["key"], "pci-dss");
    for c in report["controls"].as_array().unwrap() {
        let findings = c["findings"].as_array().unwrap().len();
        let evaluated = c["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["state"] == "evaluated");
        let want = match (findings > 0, evaluated) {
            (true, _) => "findings",
            (false, true) => "no-findings",
            (false, false) => "not-evaluated",
        };
        assert_eq!(c["status"], want, "{}", c["id"]);
        assert!(c["id"].as_str().unwrap().starts_with("pci-dss-4.0:"));
    }
    // The default profile names no framework: exit 2 before linting, nothing written.
    let (code, out, err) = keylint(&["check", "samples", "--format", "compliance"], &repo());
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("--framework"), "{err}");
    // Only Azure scanned: every CIS AWS control is not evaluated, nothing to judge.
    let (_, out, _) = keylint(
        &[
            "check",
            "samples/azure",
            "--format",
            "compliance-json",
            "--framework",
            "cis-aws",
        ],
        &repo(),
    );
    let report = json(&out);
    for c in report["controls"].as_array().unwrap() {
        assert_eq!(c["status"], "not-evaluated", "{}", c["id"]);
        for r in c["rules"].as_array().unwrap() {
            assert_ne!(r["state"], "evaluated", "{}", r["id"]);
        }
    }
    // A disabled rule: its control is not evaluated, the rule is `off`.
    let (_, out, _) = keylint(
        &[
            "check",
            "samples/aws",
            "--format",
            "compliance-json",
            "--framework",
            "cis-aws",
            "--disable",
            "aws-kms-rotation-disabled",
        ],
        &repo(),
    );
    let report = json(&out);
    let rotation = report["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "cis-aws-7.0.0:4.6")
        .unwrap();
    assert_eq!(rotation["status"], "not-evaluated");
    assert_eq!(rotation["rules"][0]["state"], "off");
}
