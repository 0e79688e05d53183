"""keylint in the tools teams already run, for real: the pre-commit hook under the real
`pre-commit` (PyPI), the GitHub Action's steps run as the runner runs them, the GitLab
job's script, and every snippet of README.md and docs/, each against a snapshot of this checkout.

Run by scripts/test.sh with the Python of target/tools/venv (pre-commit and PyYAML):

    target/tools/venv/bin/python -m unittest discover -s integrations -v

Release builds (the hook's first run, the action's `cargo install`) share
target/integration, so later runs only rebuild keylint's own crates. They run with the
release profile lightened through cargo's CARGO_PROFILE_RELEASE_* variables (no LTO,
opt-level 1): these tests check the install and hook flows, not the optimizer, and a
fat-LTO link per flow would cost CI minutes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "target" / "integration"
LIGHT_RELEASE = {
    "CARGO_TARGET_DIR": str(TARGET),
    "CARGO_PROFILE_RELEASE_LTO": "off",
    "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "16",
    "CARGO_PROFILE_RELEASE_OPT_LEVEL": "1",
}
VENV_BIN = Path(sys.executable).parent
GIT_ID = {
    "GIT_AUTHOR_NAME": "keylint test",
    "GIT_AUTHOR_EMAIL": "test@keylint.invalid",
    "GIT_COMMITTER_NAME": "keylint test",
    "GIT_COMMITTER_EMAIL": "test@keylint.invalid",
}

BAD_KEY = """resource "aws_kms_key" "payments" {
  description             = "payments"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window
}
"""


def snippet(name: str) -> str:
    """The fenced block after `<!-- snippet: NAME -->` in README.md or a page of docs/.

    Each name must occur exactly once across those files, so a snippet that moves
    between the front page and docs/ keeps being tested, and a copy cannot drift."""
    pattern = rf"<!-- snippet: {re.escape(name)} -->\n```[a-z]*\n(.*?)```"
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    found = [
        (page, m.group(1))
        for page in pages
        for m in re.finditer(pattern, page.read_text(), re.S)
    ]
    if len(found) != 1:
        where = ", ".join(str(p.relative_to(REPO)) for p, _ in found) or "none"
        raise AssertionError(
            f"snippet `{name}` must occur once in README.md and docs/*.md (found: {where})"
        )
    return found[0][1]


def run(cmd, cwd, env=None, check=False, shell=False):
    """Run a command; returns CompletedProcess with text output (stderr merged)."""
    full_env = {**os.environ, **GIT_ID, "NO_COLOR": "1", **(env or {})}
    p = subprocess.run(
        cmd,
        cwd=cwd,
        env=full_env,
        shell=shell,
        executable="/bin/bash" if shell else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if check and p.returncode != 0:
        raise AssertionError(f"{cmd} exited {p.returncode}:\n{p.stdout}")
    return p


def keylint_bin() -> Path:
    """The debug CLI the Rust tests built (built here when missing)."""
    path = Path(os.environ.get("KEYLINT_BIN", REPO / "target" / "debug" / "keylint"))
    if not path.exists():
        run(["cargo", "build", "--locked", "-p", "keylint_cli"], REPO, check=True)
    return path


def snapshot_checkout(dest: Path) -> str:
    """Copy the checkout's files (tracked and untracked, minus ignored ones) into a new
    git repository at `dest` and commit them: what a user's pre-commit or a workflow
    would fetch at a tag. Returns the commit id."""
    listed = run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        REPO,
        check=True,
    ).stdout
    for rel in filter(None, listed.split("\0")):
        src = REPO / rel
        if not src.is_file():
            continue  # deleted in the working tree
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / rel)
    run(["git", "init", "-q", "-b", "main"], dest, check=True)
    run(["git", "add", "-A"], dest, check=True)
    run(["git", "commit", "-q", "-m", "snapshot"], dest, check=True)
    return run(["git", "rev-parse", "HEAD"], dest, check=True).stdout.strip()


class Integrations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="keylint-integrations-"))
        cls.hook_repo = cls.tmp / "keylint"
        cls.hook_repo.mkdir()
        cls.rev = snapshot_checkout(cls.hook_repo)
        TARGET.mkdir(parents=True, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def workdir(self, name: str) -> Path:
        d = self.tmp / name
        d.mkdir()
        return d

    # ---------------------------------------------------------------- pre-commit

    def test_pre_commit_hook_blocks_a_bad_commit(self):
        proj = self.workdir("precommit")
        env = {
            "PRE_COMMIT_HOME": str(self.tmp / "pre-commit-cache"),
            **LIGHT_RELEASE,
            "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
        }
        config = snippet("pre-commit")
        self.assertIn("https://github.com/keylint/keylint", config)
        config = config.replace("https://github.com/keylint/keylint", str(self.hook_repo))
        config = re.sub(r"rev: \S+", f"rev: {self.rev}", config)
        run(["git", "init", "-q", "-b", "main"], proj, check=True)
        (proj / ".pre-commit-config.yaml").write_text(config)
        (proj / "infra").mkdir()
        (proj / "infra" / "main.tf").write_text(BAD_KEY)
        (proj / "infra" / "variables.tf").write_text(
            'variable "deletion_window" {\n  default = 30\n}\n'
        )
        (proj / "package.json").write_text('{"name": "not key configuration"}\n')
        run(["pre-commit", "install"], proj, env, check=True)
        run(["git", "add", "-A"], proj, env, check=True)
        good = run(["git", "commit", "-q", "-m", "good keys"], proj, env)
        self.assertEqual(good.returncode, 0, good.stdout)
        self.assertRegex(good.stdout, r"keylint\.+Passed")

        # Only variables.tf changes; the finding is on the key in main.tf that uses it.
        (proj / "infra" / "variables.tf").write_text(
            'variable "deletion_window" {\n  default = 7\n}\n'
        )
        run(["git", "add", "-A"], proj, env, check=True)
        bad = run(["git", "commit", "-q", "-m", "shorter window"], proj, env)
        self.assertNotEqual(bad.returncode, 0, bad.stdout)
        self.assertRegex(bad.stdout, r"keylint\.+Failed")
        self.assertIn("aws-kms-short-deletion-window", bad.stdout)
        self.assertIn("infra/main.tf:4:", bad.stdout)
        log = run(["git", "log", "--oneline"], proj, env, check=True).stdout
        self.assertNotIn("shorter window", log)

        # The keylint-system hook runs the keylint on PATH.
        system = config.replace("id: keylint\n", "id: keylint-system\n")
        (proj / "system.yaml").write_text(system)
        env_sys = {**env, "PATH": f"{keylint_bin().parent}:{env['PATH']}"}
        out = run(
            ["pre-commit", "run", "-c", "system.yaml", "--files", "infra/variables.tf"],
            proj,
            env_sys,
        )
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("aws-kms-short-deletion-window", out.stdout)

    # ------------------------------------------------------------ GitHub Actions

    def test_github_action_runs_like_the_runner(self):
        workflow = yaml.safe_load(snippet("github-actions"))
        steps = workflow["jobs"]["keylint"]["steps"]
        use = next(s for s in steps if s.get("uses", "").startswith("keylint/keylint@"))
        self.assertIn({"uses": "actions/checkout@v4"}, steps)
        self.assertIn("security-events", workflow["permissions"])
        action = yaml.safe_load((self.hook_repo / "action.yml").read_text())
        self.assertEqual(action["runs"]["using"], "composite")
        inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
        unknown = set(use.get("with", {})) - set(inputs)
        self.assertFalse(unknown, f"the snippet passes unknown inputs {unknown}")
        inputs.update({k: str(v) for k, v in use.get("with", {}).items()})

        ws = self.workdir("gh-workspace")
        (ws / "infra").mkdir()
        (ws / "infra" / "main.tf").write_text(
            BAD_KEY.replace("var.deletion_window", "7")
            + 'resource "aws_kms_key" "dr" {\n  enable_key_rotation = false\n}\n'
        )
        # Broken, inside `paths`: reported as an error (exit 2), the rest still linted.
        (ws / "infra" / "key-policy.json").write_text('{"Version": "2012-10-17", "Statement": [')
        # Outside `paths`: not read.
        (ws / "docs").mkdir()
        (ws / "docs" / "policy.json").write_text('{"Version": "2012-10-17", "Statement": [')
        runner_temp = self.workdir("gh-runner-temp")
        files = {n: runner_temp / f"{n}.txt" for n in ("output", "summary", "path", "env")}
        for f in files.values():
            f.write_text("")
        outputs: dict[str, dict[str, str]] = {}
        calls = []

        def expr(text: str) -> str:
            def one(m):
                e = m.group(1).strip()
                return str(evaluate(e))

            return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))

        def value(term: str):
            term = term.strip()
            if term == "always()":
                return True
            m = re.fullmatch(r"hashFiles\((.*)\)", term)
            if m:
                path = ws / str(value(m.group(1)))
                return "h" if path.is_file() else ""
            m = re.fullmatch(r"'(.*)'", term)
            if m:
                return m.group(1)
            scope, _, rest = term.partition(".")
            if scope == "inputs":
                return inputs[rest]
            if scope == "github" and rest == "action_path":
                return str(self.hook_repo)
            if scope == "runner":
                return {"temp": str(runner_temp), "os": "Linux"}[rest]
            if scope == "steps":
                sid, _, out = rest.partition(".outputs.")
                return outputs.get(sid, {}).get(out, "")
            raise AssertionError(f"expression `{term}` is not understood by this test")

        def evaluate(e: str):
            # The subset action.yml uses: terms joined by &&, each a value or a comparison.
            result = True
            for term in e.split("&&"):
                m = re.fullmatch(r"\s*(.*?)\s*(==|!=)\s*(.*?)\s*", term)
                if m:
                    a, op, b = value(m.group(1)), m.group(2), value(m.group(3))
                    ok = (str(a) == str(b)) == (op == "==")
                else:
                    ok = bool(value(term))
                result = result and ok
            return result if "&&" in e or "==" in e or "!=" in e else value(e)

        logs = {}
        failed_step = None
        for step in action["runs"]["steps"]:
            cond = step.get("if")
            if cond is not None:
                if not evaluate(re.sub(r"^\$\{\{(.*)\}\}$", r"\1", cond.strip())):
                    continue
            if "uses" in step:
                calls.append((step["uses"], {k: expr(v) for k, v in step.get("with", {}).items()}))
                continue  # actions/cache: a miss; upload-sarif: checked below
            env = {k: expr(v) for k, v in step.get("env", {}).items()}
            extra_path = files["path"].read_text().split()
            env.update(
                {
                    "GITHUB_OUTPUT": str(files["output"]),
                    "GITHUB_STEP_SUMMARY": str(files["summary"]),
                    "GITHUB_PATH": str(files["path"]),
                    "GITHUB_ENV": str(files["env"]),
                    "GITHUB_WORKSPACE": str(ws),
                    "RUNNER_TEMP": str(runner_temp),
                    **LIGHT_RELEASE,
                    "PATH": ":".join(extra_path + [os.environ["PATH"]]),
                }
            )
            files["output"].write_text("")
            self.assertEqual(step.get("shell"), "bash")
            p = run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expr(step["run"])],
                ws,
                env,
            )
            logs[step["name"]] = p.stdout
            if "id" in step:
                outputs[step["id"]] = dict(
                    line.split("=", 1) for line in files["output"].read_text().splitlines()
                )
            if p.returncode != 0:
                failed_step = (step["name"], p.returncode, p.stdout)
                break

        self.assertIsNotNone(failed_step, "the job must fail on findings")
        self.assertEqual(failed_step[0], "Fail on findings", failed_step)
        self.assertEqual(failed_step[1], 2, "a parse error in infra/key-policy.json exits 2")
        run_log = logs["Run keylint"]
        self.assertIn("::warning file=infra/main.tf,line=4", run_log)
        self.assertIn("::error file=infra/key-policy.json", run_log)
        self.assertNotIn("docs/policy.json", run_log)
        self.assertEqual(outputs["run"]["exit-code"], "2")
        # Four findings on the keys, and the pci-dss profile's detection rule: no alarm on
        # key deletion anywhere in the configuration (one finding, on the first key).
        self.assertEqual(outputs["run"]["findings"], "5", run_log)
        self.assertIn("title=aws-kms-no-key-deletion-alarm", run_log)
        summary = files["summary"].read_text()
        self.assertIn("aws-kms-short-deletion-window", summary)
        self.assertIn("| ", summary)
        uploads = [w for u, w in calls if u.startswith("github/codeql-action/upload-sarif@")]
        self.assertEqual(uploads, [{"sarif_file": "keylint.sarif", "category": "keylint"}])
        sarif = json.loads((ws / "keylint.sarif").read_text())
        self.assertEqual(sarif["version"], "2.1.0")
        results = sarif["runs"][0]["results"]
        self.assertEqual(len(results), 5)
        self.assertEqual(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "infra/main.tf",
        )
        caches = [w for u, w in calls if u.startswith("actions/cache@")]
        self.assertEqual(len(caches), 1)
        self.assertRegex(caches[0]["key"], r"^keylint-Linux-[0-9a-f]{16}$")

    # ------------------------------------------------------------------ GitLab CI

    def test_gitlab_job_script(self):
        job = yaml.safe_load(snippet("gitlab"))["keylint"]
        self.assertEqual(job["artifacts"]["reports"]["codequality"], "gl-code-quality-report.json")
        ws = self.workdir("gitlab")
        (ws / "main.tf").write_text(BAD_KEY.replace("var.deletion_window", "7"))
        root = self.workdir("gitlab-cargo-root")
        env = {
            **LIGHT_RELEASE,
            "PATH": f"{root / 'bin'}:{os.environ['PATH']}",
        }
        for line in job["script"]:
            if line.startswith("cargo install"):
                # The network install, from this checkout instead.
                self.assertIn("--git https://github.com/keylint/keylint", line)
                line = (
                    f"cd {self.hook_repo} && cargo install --quiet --locked "
                    f"--path crates/keylint_cli --root {root}"
                )
            p = run(line, ws, env, shell=True)
            last = p
            if p.returncode != 0:
                break
        self.assertEqual(last.returncode, 1, last.stdout)
        self.assertIn("aws-kms-short-deletion-window", last.stdout)
        report = json.loads((ws / job["artifacts"]["reports"]["codequality"]).read_text())
        self.assertEqual(len(report), 1)
        self.assertEqual(report[0]["location"]["path"], "main.tf")
        self.assertEqual(report[0]["location"]["lines"]["begin"], 4)
        self.assertRegex(report[0]["fingerprint"], r"^[0-9a-f]{16,}$")

    # ------------------------------------------------------------------- snippets

    def test_config_snippet(self):
        d = self.workdir("config")
        (d / "keylint.toml").write_text(snippet("config"))
        (d / "team-rules").mkdir()
        (d / "team-rules" / "alias.cedar").write_text(
            '@id("team-kms-description")\n@severity("info")\n@title("Key without description")\n'
            "forbid (principal, action, resource is Keylint::Key)\n"
            'when { resource.provider == "aws" && resource.kind == "no-such-kind" };\n'
        )
        (d / "infra" / "legacy").mkdir(parents=True)
        (d / "infra" / "main.tf").write_text(
            'resource "aws_kms_key" "k" {\n  enable_key_rotation     = true\n'
            "  deletion_window_in_days = 10\n}\n"
        )
        (d / "infra" / "legacy" / "old.tf").write_text(
            'resource "aws_kms_key" "old" {\n  deletion_window_in_days = 30\n}\n'
        )
        kl = str(keylint_bin())
        show = run([kl, "config", "--show"], d, check=True).stdout
        self.assertIn('profile = "pci-dss"', show)
        self.assertIn("min_deletion_window_days = 14", show)
        # The effective opt-in rules: the config's, then those the profile switches on.
        self.assertIn(
            'enable = ["suppression-unused", "aws-kms-no-key-deletion-alarm", '
            '"gcp-kms-no-data-access-audit-logs"]',
            show,
        )
        self.assertIn("# the `pci-dss` profile switches on", show)
        p = run([kl, "check", "--format", "concise"], d)
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertIn("infra/main.tf:3:3: medium aws-kms-short-deletion-window", p.stdout)
        self.assertIn("`14`", p.stdout)
        # The ignore accepts rotation for infra/legacy; other rules still apply there.
        self.assertNotIn("aws-kms-rotation-disabled", p.stdout)
        self.assertIn("infra/legacy/old.tf:1:1: medium aws-kms-multi-tenant-hsm", p.stdout)
        unignored = run([kl, "check", "--format", "concise", "--config", "/dev/null"], d)
        self.assertIn("infra/legacy/old.tf:1:1: medium aws-kms-rotation-disabled", unignored.stdout)

    def test_suppression_and_baseline_snippets(self):
        d = self.workdir("suppressions")
        (d / "main.tf").write_text(snippet("suppressions"))
        kl = str(keylint_bin())
        before = run([kl, "check", "--format", "concise"], d, {"KEYLINT_TODAY": "2027-06-30"})
        self.assertEqual((before.returncode, before.stdout), (0, ""))
        after = run([kl, "check", "--format", "concise"], d, {"KEYLINT_TODAY": "2027-07-01"})
        self.assertEqual(after.returncode, 1)
        rules = [line.split()[2] for line in after.stdout.splitlines()]
        self.assertEqual(rules, ["suppression-expired", "aws-kms-multi-region-key"], after.stdout)

        d = self.workdir("baseline")
        (d / "main.tf").write_text(BAD_KEY.replace("var.deletion_window", "7"))
        lines = [
            line.split("#")[0].strip()
            for line in snippet("baseline").splitlines()
            if line.strip()
        ]
        self.assertEqual(len(lines), 2)
        env = {"PATH": f"{keylint_bin().parent}:{os.environ['PATH']}"}
        first = run(lines[0], d, env, shell=True)
        self.assertEqual(first.returncode, 0, first.stdout)
        self.assertTrue((d / "keylint-baseline.json").is_file())
        again = run(lines[1], d, env, shell=True)
        self.assertEqual(again.returncode, 0, again.stdout)
        self.assertIn("1 baselined", again.stdout)
        (d / "new.tf").write_text('resource "aws_kms_key" "new" {\n  enable_key_rotation = false\n}\n')
        new = run(lines[1], d, env, shell=True)
        self.assertEqual(new.returncode, 1, new.stdout)
        self.assertIn("new.tf", new.stdout)
        self.assertNotIn("main.tf", new.stdout)


if __name__ == "__main__":
    unittest.main()
