"""The sample playbook a new user sees first: complete, realistic, and clean."""

from __future__ import annotations

import datetime as dt

import pytest

from hub_build.cli import main
from hub_build.playbook.validation import validate_hub
from tests.helpers import REPO, TODAY, shared


@pytest.fixture(scope=shared)
def sample():
    return validate_hub(REPO, today=dt.date.fromisoformat(TODAY))


def test_the_sample_validates_with_no_errors_and_no_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(REPO), "--strict", "--today", TODAY]) == 0
    assert capsys.readouterr().out.startswith("ok: 0 errors, 0 warnings in ")


def test_the_sample_has_enough_of_every_kind(sample) -> None:  # type: ignore[no-untyped-def]
    playbook = sample.playbook
    assert len(playbook.terms) >= 25
    assert len(playbook.people) >= 20
    assert len(playbook.tracks) >= 3
    assert len(playbook.ideas) >= 25
    assert len(playbook.sla.clauses) >= 20
    assert len(playbook.narrative.personas) >= 3
    assert len(playbook.narrative.value_propositions) >= 4
    assert len(playbook.narrative.stages) >= 5


def test_the_sample_shows_every_clause_family_idea_status_and_both_teams(sample) -> None:  # type: ignore[no-untyped-def]
    playbook = sample.playbook
    assert {c.family for c in playbook.sla.clauses} == {
        "commitment",
        "engagement",
        "meeting",
        "feedback",
        "escalation",
        "consequence",
        "review",
        "dissolution",
    }
    assert {i.status for i in playbook.ideas.values()} == {"proposed", "accepted", "scheduled", "published", "declined"}
    assert {p.team for p in playbook.people.values()} == {"sales", "marketing"}
    assert sum(1 for t in playbook.terms.values() if t.kpi) >= 4
    stages = sorted(t.lifecycle_stage for t in playbook.terms.values() if t.lifecycle_stage)
    assert stages == list(range(1, len(stages) + 1)) and len(stages) >= 5


def test_every_playbook_file_names_its_schema_for_editors() -> None:
    for path in (REPO / "playbook").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file() and schema.parent == REPO / "schemas", path


def test_a_hub_yaml_with_only_comments_keeps_the_defaults(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import shutil

    for part in ("playbook", "schemas"):
        shutil.copytree(REPO / part, tmp_path / part)
    (tmp_path / "hub.yaml").write_text("# settings come later\n")
    assert main(["validate", "--root", str(tmp_path), "--today", TODAY]) == 0
