"""`hub digest` on the sample hub, as of several days."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hub_build.cli import main
from tests.helpers import REPO


def _digest(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    code = main(["digest", "--root", str(REPO), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_sample_digest_of_7_december_2026_mentions_each_person_whose_turn_it_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _digest(capsys, "--today", "2026-12-07")

    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "As of Monday 7 December 2026: 9 ideas wait for a decision, 1 commitment was "
        "missed and 13 results are not reported."
    )
    assert [line for line in out.splitlines() if line.startswith("### ")] == [
        "### @quillstone-grace (Grace Lindqvist)",
        "### @quillstone-marcus (Marcus Bell), @quillstone-ingrid (Ingrid Halvorsen), @quillstone-priya (Priya Raman), "
        "@quillstone-elena (Elena Vasquez), @quillstone-oliver (Oliver Strand) and @quillstone-theo (Theo Kowalczyk)",
        "### @quillstone-priya (Priya Raman)",
        "### @quillstone-theo (Theo Kowalczyk)",
        "### @quillstone-yusuf (Yusuf Demir)",
        "### The marketing team",
        "### The sales team",
    ]
    assert (
        "- **Missed in 2026-11:** Every content idea from sales gets an answer: 19 against a target of ≤ 10 "
        "business days. Next step: 5.1 First, the KPI owners sort it out." in out.splitlines()
    )


def test_the_sample_digest_a_year_later_counts_every_review_due(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _digest(capsys, "--today", "2027-12-07", "--format", "json")

    assert code == 0
    assert json.loads(out)["counts"] == {"decision": 9, "missed": 1, "review": 47, "result": 17}


def test_a_digest_leaves_out_records_with_errors_and_lists_the_errors(capsys: pytest.CaptureFixture[str]) -> None:
    # On 20 November 2026 the sample holds a result for a week that has not ended yet.
    code, out, err = _digest(capsys, "--today", "2026-11-20")

    assert code == 0
    assert out.startswith("As of Friday 20 November 2026: 9 ideas wait for a decision and 1 commitment was missed.")
    assert err.splitlines()[-1] == (
        "hub digest: the playbook has 1 error; the digest leaves out the records they are in"
    )


def test_the_errors_a_digest_leaves_out_are_listed_one_line_and_a_hint_each_then_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "hub"
    root.mkdir()
    for part in ("hub.yaml", "playbook", "schemas"):
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy2)(REPO / part, root / part)
    (root / "playbook" / "terms" / "broken.yaml").write_text("name: [\n", encoding="utf-8")

    code = main(["digest", "--root", str(root), "--today", "2026-11-20"])

    err = capsys.readouterr().err.splitlines()
    assert code == 0
    assert [line.split(": ", 2)[1] for line in err[:-1] if not line.startswith("    hint: ")] == ["error", "error"]
    assert err[0].startswith("playbook/")
    assert err[1].startswith("    hint: ")
    assert err[-1] == "hub digest: the playbook has 2 errors; the digest leaves out the records they are in"


def test_the_json_digest_is_indented_two_spaces(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _digest(capsys, "--today", "2026-12-07", "--format", "json")

    assert code == 0
    assert out.startswith('{\n  "')
    assert "≤ 10 business days" in out  # written as it is, not as \u2264


def test_a_digest_counts_the_business_days_an_idea_waits_without_the_hubs_holidays(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Seven weeks from Tuesday 10 November to Tuesday 29 December: 35 weekdays, of which
    # Christmas Eve and Christmas Day are holidays in the sample's hub.yaml.
    code, out, _ = _digest(capsys, "--today", "2026-12-29", "--format", "json")

    waits = {
        item["idea"]: item
        for group in json.loads(out)["groups"]
        for item in group["items"]
        if item["kind"] == "decision"
    }
    assert code == 0
    assert (waits["cfo-one-pager"]["proposed_on"], waits["cfo-one-pager"]["business_days"]) == ("2026-11-10", 33)


def test_each_review_due_names_the_file_to_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _digest(capsys, "--today", "2027-12-07", "--format", "json")

    reviews = [item for group in json.loads(out)["groups"] for item in group["items"] if item["kind"] == "review"]
    assert code == 0
    assert reviews[0]["file"] == "playbook/narrative.yaml"
    assert all((REPO / item["file"]).is_file() for item in reviews)


def test_a_missed_commitment_names_the_slas_next_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _digest(capsys, "--today", "2026-12-07", "--format", "json")

    missed = [item for group in json.loads(out)["groups"] for item in group["items"] if item["kind"] == "missed"]
    assert code == 0
    assert [(item["metric"], item["next_step"]) for item in missed] == [
        ("content-idea-decision", "escalate-to-kpi-owners")
    ]
