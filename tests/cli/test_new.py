"""`hub new`: a rep's new idea file, written from flags or answers, validates at once."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import types
from pathlib import Path

import pytest

import hub_build.cli.commands.new
from hub_build.cli import main
from hub_build.playbook.loading import load_file
from tests.helpers import REPO, TODAY

IDEA_FLAGS = [
    "--title",
    "Renewals: the CFO's view",
    "--proposed-by",
    "sofia-marchetti",
    "--question",
    "What does auto-renewal really cost us?",
    "--persona",
    "finance-leader",
    "--stage",
    "evaluation",
    "--format",
    "article",
]


class _PinnedDate(dt.date):
    @classmethod
    def today(cls) -> _PinnedDate:
        return cls.fromisoformat(TODAY)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """`hub new` dates a new idea today: that day is TODAY here, the day the hub is judged by."""
    clock = types.SimpleNamespace(**{name: getattr(dt, name) for name in dir(dt) if not name.startswith("_")})
    clock.date = _PinnedDate
    monkeypatch.setattr(hub_build.cli.commands.new, "dt", clock)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    return tmp_path


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["validate", "--root", str(root), "--today", TODAY])
    return code, capsys.readouterr().out


def test_new_idea_from_flags_writes_a_file_that_validates(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "idea", "--root", str(root), *IDEA_FLAGS]) == 0
    out = capsys.readouterr().out
    path = root / "playbook" / "content" / "renewals-the-cfos-view.yaml"
    assert "Created playbook/content/renewals-the-cfos-view.yaml" in out
    assert "git checkout -b idea/renewals-the-cfos-view" in out
    assert "git add playbook/content/renewals-the-cfos-view.yaml" in out
    data = load_file(path, "x", max_bytes=1 << 20).data
    assert data["title"] == "Renewals: the CFO's view"
    assert data["status"] == "proposed" and data["persona"] == "finance-leader"
    assert data["proposed_on"] == "2026-11-23"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/idea.schema.json\n"
    )
    code, report = _validate(root, capsys)
    assert code == 0, report


def test_unknown_proposer_is_refused_with_the_people_the_playbook_knows(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = [*IDEA_FLAGS]
    flags[flags.index("sofia-marchetti")] = "sofia"
    assert main(["new", "idea", "--root", str(root), *flags]) == 2
    err = capsys.readouterr().err
    assert "unknown proposed_by 'sofia'; choose one of: " in err
    assert "sofia-marchetti" in err and "marcus-bell" in err
    assert not list((root / "playbook" / "content").glob("renewals*"))


def test_a_title_that_collides_with_an_existing_idea_is_refused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "idea", "--root", str(root), *IDEA_FLAGS]) == 0
    before = (root / "playbook" / "content" / "renewals-the-cfos-view.yaml").read_bytes()
    assert main(["new", "idea", "--root", str(root), *IDEA_FLAGS]) == 2
    assert "already exists; choose another title or pass --slug" in capsys.readouterr().err
    assert (root / "playbook" / "content" / "renewals-the-cfos-view.yaml").read_bytes() == before


def test_no_input_refuses_a_missing_field_instead_of_asking(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "idea", "--root", str(root), "--no-input", "--title", "Half an idea"]) == 2
    assert "--proposed-by is required" in capsys.readouterr().err


def _answering(monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
    """Questions are answered with these lines, then the input ends, as from a pipe."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{answer}\n" for answer in answers)))


def test_interactive_idea_lists_the_choices_and_asks_again_after_a_wrong_answer(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answering(
        monkeypatch,
        "Kickoff checklist",
        "sofia-marchetti",
        "What happens in week one?",
        "nope",
        "legal-ops-manager",
        "adoption",
        "checklist",
        "",
    )

    code = main(["new", "idea", "--root", str(root)])

    out, err = capsys.readouterr()
    assert code == 0, err
    personas = "general-counsel, legal-ops-manager, finance-leader, procurement-lead, business-systems-owner"
    assert (
        "in their words: "
        f"Which persona it serves. Choices: {personas}\n"
        f"Which persona it serves:   unknown persona 'nope'; choose one of: {personas}\n"
        "Which persona it serves: Which buying stage it serves. Choices: "
    ) in out
    data = load_file(root / "playbook" / "content" / "kickoff-checklist.yaml", "x", max_bytes=1 << 20).data
    assert data["persona"] == "legal-ops-manager" and "value_proposition" not in data


def test_three_wrong_answers_to_one_question_stop_with_a_usage_error(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answering(
        monkeypatch,
        *("Kickoff checklist", "sofia-marchetti", "What happens in week one?"),
        *("a", "b", "c"),
        *("legal-ops-manager", "adoption", "checklist", ""),
    )

    code = main(["new", "idea", "--root", str(root)])

    assert (code, capsys.readouterr().err) == (2, "hub: error: no valid answer for --persona\n")
    assert not (root / "playbook" / "content" / "kickoff-checklist.yaml").exists()


def test_a_refused_answer_is_followed_by_its_hint_and_the_question_again(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answering(
        monkeypatch,
        "Ana Ruiz",
        "SDR",
        "sales",
        "ana@ledgerly.example",
        "Europe/Berln",
        "Europe/Berlin",
        "Outbound",
        "",
        "",
    )

    code = main(["new", "person", "--root", str(root)])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert (
        "Time zone, e.g. Europe/Berlin: "
        "  time_zone 'Europe/Berln' is not an IANA time zone\n"
        "    hint: did you mean 'Europe/Berlin'?\n"
        "Time zone, e.g. Europe/Berlin: "
    ) in out


def test_input_that_ends_before_a_required_answer_is_a_usage_error_naming_its_flag(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answering(monkeypatch, "Kickoff checklist")

    code = main(["new", "idea", "--root", str(root)])

    assert (code, capsys.readouterr().err) == (2, "hub: error: no answer for --proposed-by\n")


def test_new_term_and_new_person_validate(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "new",
                "term",
                "--root",
                str(root),
                "--name",
                "Net new logo",
                "--abbreviation",
                "NNL",
                "--definition",
                "A customer that has never bought from us before.",
                "--team",
                "sales",
                "--owner",
                "marcus-bell",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "new",
                "person",
                "--root",
                str(root),
                "--name",
                "Zoë Ångström",
                "--role",
                "Field marketer",
                "--team",
                "marketing",
                "--email",
                "zoe@quillstone.example",
                "--time-zone",
                "Europe/Stockholm",
                "--ask-about",
                "Events, trade shows",
            ]
        )
        == 0
    )
    term = load_file(root / "playbook" / "terms" / "nnl.yaml", "x", max_bytes=1 << 20).data
    assert term["abbreviation"] == "NNL" and term["owner"] == "marcus-bell"
    assert term["last_reviewed"] == "2026-11-23"
    person = load_file(root / "playbook" / "people" / "zoe-angstrom.yaml", "x", max_bytes=1 << 20).data
    assert person["ask_about"] == ["Events", "trade shows"]
    code, report = _validate(root, capsys)
    assert code == 0, report


def test_a_taken_abbreviation_is_refused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "new",
                "term",
                "--root",
                str(root),
                "--name",
                "Most Qualified Lead",
                "--abbreviation",
                "mql",
                "--definition",
                "x",
                "--team",
                "sales",
                "--owner",
                "marcus-bell",
            ]
        )
        == 2
    )
    assert "abbreviation 'mql' is already the abbreviation of 'mql'" in capsys.readouterr().err


def test_text_that_looks_like_yaml_stays_text(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flags = [*IDEA_FLAGS]
    flags[flags.index("What does auto-renewal really cost us?")] = "yes: no # {not: a map} [1, 2] !!python/object"
    flags[1] = "No"
    assert main(["new", "idea", "--root", str(root), *flags, "--slug", "tricky"]) == 0
    data = load_file(root / "playbook" / "content" / "tricky.yaml", "x", max_bytes=1 << 20).data
    assert data["question"] == "yes: no # {not: a map} [1, 2] !!python/object"
    assert data["title"] == "No"


def test_a_title_with_no_latin_letters_asks_for_a_slug(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flags = [*IDEA_FLAGS]
    flags[1] = "日本語"
    assert main(["new", "idea", "--root", str(root), *flags]) == 2
    assert "no file name can be made from that title: give one with --slug" in capsys.readouterr().err
    assert main(["new", "idea", "--root", str(root), *flags, "--slug", "japanese-title"]) == 0


def test_a_new_file_the_hubs_own_schema_refuses_is_not_kept(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema_file = root / "schemas" / "idea.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["title"]["maxLength"] = 10  # this hub keeps its titles short
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    before = sorted((root / "playbook" / "content").iterdir())

    assert main(["new", "idea", "--root", str(root), *IDEA_FLAGS]) == 1

    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "hub: error: the new file did not validate, so it was not kept"
    assert "is too long" in err[0]
    assert sorted((root / "playbook" / "content").iterdir()) == before


def test_a_reminder_about_the_new_file_is_shown_and_the_file_kept(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.playbook import validation

    validate = validation.validate_hub
    # Judged weeks after the day it is dated: the decision the SLA promises is late, which is no error.
    monkeypatch.setattr(
        validation, "validate_hub", lambda root, **kw: validate(root, **{**kw, "today": dt.date(2027, 1, 15)})
    )

    assert main(["new", "idea", "--root", str(root), *IDEA_FLAGS]) == 0

    err = capsys.readouterr().err
    assert "playbook/content/renewals-the-cfos-view.yaml:" in err and "reminder:" in err
    assert "did not validate" not in err
    assert (root / "playbook" / "content" / "renewals-the-cfos-view.yaml").is_file()


def test_a_new_file_is_dated_and_checked_as_of_the_same_day(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.playbook import validation

    days: list[object] = []
    validate = validation.validate_hub
    monkeypatch.setattr(
        validation, "validate_hub", lambda root, **kw: days.append(kw.get("today")) or validate(root, **kw)
    )

    assert main(["new", "idea", "--root", str(root), *IDEA_FLAGS]) == 0

    assert days == [dt.date.fromisoformat(TODAY)] * 2  # the day the pinned clock gives, for both checks
    assert "reminder" not in capsys.readouterr().err
