"""`hub build` and the MkDocs plugin: failures carry file:line messages and cost nothing."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import copy_hub
from tests.helpers import run_hub as hub

BROKEN_LINE = "playbook/content/brightwater-nda-case-study.yaml"


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _break_idea(root: Path) -> int:
    """Give one idea an unknown persona; return the line it is on."""
    idea = root / BROKEN_LINE
    lines = idea.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("persona:"))
    lines[number] = "persona: chief-everything-officer"
    idea.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


@pytest.fixture
def fresh_hub(tmp_path: Path) -> Path:
    return copy_hub(tmp_path / "hub")


def test_a_failed_build_reports_file_line_and_leaves_the_last_good_site_intact(fresh_hub: Path) -> None:
    assert hub("build", cwd=fresh_hub).returncode == 0
    before = _tree_digest(fresh_hub / "site")
    line = _break_idea(fresh_hub)

    completed = hub("build", cwd=fresh_hub)

    assert completed.returncode == 1
    assert f"{BROKEN_LINE}:{line}:10: $.persona: unknown persona 'chief-everything-officer'" in completed.stderr
    assert "the previous site was left as it was" in completed.stderr
    assert _tree_digest(fresh_hub / "site") == before
    # .hub-build holds the charts the first build drew, for the next build (Git ignores it).
    assert sorted(p.name for p in fresh_hub.iterdir()) == sorted(
        [".hub-build", "docs", "hub.yaml", "mkdocs.yml", "playbook", "schemas", "site"]
    )


def test_plain_mkdocs_build_fails_with_the_same_message_as_hub_validate(fresh_hub: Path) -> None:
    line = _break_idea(fresh_hub)
    validate = hub("validate", cwd=fresh_hub)
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(fresh_hub / "out")],
        cwd=fresh_hub,
        capture_output=True,
        text=True,
        timeout=300,
    )
    message = f"{BROKEN_LINE}:{line}:10: error: $.persona: unknown persona 'chief-everything-officer'"
    assert message in validate.stdout
    assert mkdocs.returncode == 1
    assert message.replace("error: ", "") in mkdocs.stderr


def test_overdue_reviews_are_reminders_that_never_fail_a_strict_build(fresh_hub: Path) -> None:
    config = fresh_hub / "mkdocs.yml"
    config.write_text(config.read_text().replace('today: "2026-11-23"', 'today: "2031-01-01"'))
    strict = hub("build", "--strict", cwd=fresh_hub)
    assert strict.returncode == 0, strict.stderr
    assert "INFO    -  reminder: playbook/sla.yaml" in strict.stderr and "due for review since" in strict.stderr
    assert "WARNING" not in strict.stderr
    html = (fresh_hub / "site" / "sla" / "index.html").read_text(encoding="utf-8")
    assert "Due for review" in html


def test_a_team_can_make_reminders_fail_a_strict_build(fresh_hub: Path) -> None:
    config = fresh_hub / "mkdocs.yml"
    config.write_text(config.read_text().replace('today: "2026-11-23"', 'today: "2031-01-01"'))
    settings = fresh_hub / "hub.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("reminders: show", "reminders: fail"), encoding="utf-8"
    )
    relaxed = hub("build", cwd=fresh_hub)
    strict = hub("build", "--strict", cwd=fresh_hub)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "WARNING -  playbook/sla.yaml" in relaxed.stderr and "due for review since" in relaxed.stderr
    assert strict.returncode == 1


def test_a_git_checkout_shows_recent_changes_on_the_home_page(fresh_hub: Path) -> None:
    git = ["git", "-C", str(fresh_hub), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "Add the sample playbook"], check=True)
    idea = fresh_hub / "playbook/content/ai-extraction-accuracy.yaml"
    idea.write_text(
        idea.read_text(encoding="utf-8").replace(
            "status: accepted\n", "status: scheduled\nscheduled_for: 2027-02-03\nchannel: blog\n"
        ),
        encoding="utf-8",
    )
    subprocess.run([*git, "commit", "-qam", "Schedule the AI accuracy article"], check=True)

    assert hub("build", cwd=fresh_hub).returncode == 0

    home = (fresh_hub / "site" / "index.html").read_text(encoding="utf-8")
    recent = home[home.index('id="recently-changed"') : home.index('id="due-for-review"')]
    assert "Schedule the AI accuracy article" not in recent
    assert (
        'Content idea <a href="ideas/ai-extraction-accuracy/">How accurate is AI contract extraction, '
        "really?</a> scheduled for 3 Feb 2027</li>"
    ) in recent


def test_hub_build_outside_a_hub_is_a_usage_error(tmp_path: Path) -> None:
    completed = hub("build", cwd=tmp_path)
    assert completed.returncode == 2
    assert "has no mkdocs.yml" in completed.stderr


def test_record_ids_never_collide_with_section_anchors_and_odd_names_build_strict(fresh_hub: Path) -> None:
    terms = fresh_hub / "playbook" / "terms"
    base = (terms / "lead.yaml").read_text(encoding="utf-8").replace("lifecycle_stage: 1\n", "")
    for term_id, name in (("a-z", "A to Z"), ("lead-lifecycle", "90-day ramp"), ("letter-e", "Édition")):
        (terms / f"{term_id}.yaml").write_text(base.replace("name: Lead", f"name: {name}"), encoding="utf-8")
    person = next((fresh_hub / "playbook" / "people").glob("*.yaml"))
    # A copy of a person, without the GitHub username that is theirs alone.
    copy = re.sub(r"^github: .*\n", "", person.read_text(encoding="utf-8"), flags=re.M)
    (fresh_hub / "playbook" / "people" / "team-sales.yaml").write_text(copy, encoding="utf-8")

    completed = hub("build", "--strict", cwd=fresh_hub)

    assert completed.returncode == 0, completed.stderr
    for page in ("glossary", "people"):
        html = (fresh_hub / "site" / page / "index.html").read_text(encoding="utf-8")
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    glossary = (fresh_hub / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'id="_letter-other"' in glossary and 'id="a-z"' in glossary


def test_hub_build_accepts_a_relative_root(fresh_hub: Path) -> None:
    completed = hub("build", "--root", fresh_hub.name, cwd=fresh_hub.parent)
    assert completed.returncode == 0, completed.stderr
    assert (fresh_hub / "site" / "index.html").is_file()
