"""Validating again with the files kept from the last validation (as `hub serve` does) reads
only what changed, and gives the result a validation from scratch gives."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from hub_build.playbook import loading, validation
from hub_build.playbook.loading import Documents, LoadError
from hub_build.playbook.problems import Problem
from hub_build.playbook.validation import validate_hub
from tests.helpers import within

MINIMAL = Path(__file__).resolve().parent / "cases" / "valid" / "minimal"
TODAY = dt.date(2026, 3, 1)
IDEA = "playbook/content/close-checklist.yaml"


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "hub"))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed, in order."""
    read: list[str] = []
    real = loading.load_file

    def counted(path: Path, file: str, *, max_bytes: int) -> loading.Document:
        read.append(file)
        return real(path, file, max_bytes=max_bytes)

    monkeypatch.setattr(loading, "load_file", counted)
    return read


def _touch_later(path: Path) -> None:
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def test_an_unchanged_file_is_not_read_again_and_gives_the_same_document(hub: Path, reads: list[str]) -> None:
    documents = Documents()
    first = validate_hub(hub, today=TODAY, documents=documents)
    assert len(reads) == 8  # every playbook file of the minimal hub
    reads.clear()

    second = validate_hub(hub, today=TODAY, documents=documents)

    assert reads == []
    assert second.playbook.ideas["close-checklist"].document is first.playbook.ideas["close-checklist"].document
    assert second.problems == first.problems == []


@pytest.mark.parametrize(
    ("word", "later"),
    [
        pytest.param("fourteen", False, id="another size"),
        pytest.param("nine", True, id="the same size, a later time"),
    ],
)
def test_a_changed_file_is_read_again(hub: Path, reads: list[str], word: str, later: bool) -> None:
    documents = Documents()
    validate_hub(hub, today=TODAY, documents=documents)
    reads.clear()
    idea = hub / IDEA
    idea.write_text(idea.read_text(encoding="utf-8").replace("five-day", f"{word}-day"), encoding="utf-8")
    if later:
        _touch_later(idea)

    result = validate_hub(hub, today=TODAY, documents=documents)

    assert reads == [IDEA]
    assert result.playbook.ideas["close-checklist"].title == f"The {word}-day close checklist"


def test_a_file_with_an_error_gives_the_same_error_until_it_changes(hub: Path, reads: list[str]) -> None:
    documents = Documents()
    idea = hub / IDEA
    idea.write_text("title: [unclosed\n", encoding="utf-8")
    first = validate_hub(hub, today=TODAY, documents=documents)
    reads.clear()

    second = validate_hub(hub, today=TODAY, documents=documents)

    assert reads == []
    assert [p.one_line() for p in second.errors] == [p.one_line() for p in first.errors]
    assert [(p.file, p.line) for p in second.errors] == [(IDEA, 2)]


def test_a_deleted_or_renamed_file_is_forgotten(hub: Path, reads: list[str]) -> None:
    documents = Documents()
    validate_hub(hub, today=TODAY, documents=documents)
    (hub / IDEA).rename(hub / "playbook/content/renamed.yaml")
    reads.clear()

    result = validate_hub(hub, today=TODAY, documents=documents)

    assert reads == ["playbook/content/renamed.yaml"]
    assert sorted(result.playbook.ideas) == ["renamed"]
    (hub / "playbook/content/renamed.yaml").rename(hub / IDEA)
    reads.clear()
    validate_hub(hub, today=TODAY, documents=documents)
    assert reads == [IDEA]  # forgotten when it was gone, so read again


def test_what_is_not_a_regular_file_is_never_kept(hub: Path, reads: list[str]) -> None:
    documents = Documents()
    fifo = hub / "playbook/content/pipe.yaml"
    os.mkfifo(fifo)
    for _ in range(2):
        with pytest.raises(LoadError, match="not a regular file") as refused:
            within(60, lambda: documents.load(fifo, "playbook/content/pipe.yaml", max_bytes=1000))
        assert refused.value.problem.file == "playbook/content/pipe.yaml"
    with pytest.raises(LoadError, match="cannot read the file") as missing:
        documents.load(hub / "playbook/content/absent.yaml", "playbook/content/absent.yaml", max_bytes=1000)
    assert missing.value.problem.file == "playbook/content/absent.yaml"


def test_a_file_kept_under_one_size_limit_is_read_again_under_another(hub: Path, reads: list[str]) -> None:
    documents = Documents()
    path = hub / IDEA
    documents.load(path, IDEA, max_bytes=1 << 20)
    with pytest.raises(LoadError, match="file is too large"):
        documents.load(path, IDEA, max_bytes=10)
    assert reads == [IDEA, IDEA]


def test_an_unchanged_file_is_not_checked_against_its_schema_again(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    real = validation.check

    def counted(document: loading.Document, validator: object) -> list[Problem]:
        checked.append(document.file)
        return real(document, validator)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "check", counted)
    documents = Documents()
    validate_hub(hub, today=TODAY, documents=documents)
    checked.clear()

    validate_hub(hub, today=TODAY, documents=documents)

    assert checked == []


def test_an_unchanged_file_is_checked_again_against_a_schema_changed_since(hub: Path) -> None:
    own = hub / "schemas" / "idea.schema.json"
    own.parent.mkdir()
    schema = '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["%s"]}'
    own.write_text(schema % "format", encoding="utf-8")
    documents = Documents()
    assert validate_hub(hub, today=TODAY, documents=documents).problems == []
    own.write_text(schema % "owner", encoding="utf-8")

    again = validate_hub(hub, today=TODAY, documents=documents)

    assert [p.file for p in again.errors] == [IDEA]
    assert again.problems == validate_hub(hub, today=TODAY).problems


def test_an_unchanged_file_gives_the_record_made_last_time_and_a_changed_one_a_new_record(hub: Path) -> None:
    documents = Documents()
    first = validate_hub(hub, today=TODAY, documents=documents)
    idea = hub / IDEA
    idea.write_text(idea.read_text(encoding="utf-8").replace("five-day", "six-day"), encoding="utf-8")

    second = validate_hub(hub, today=TODAY, documents=documents)

    assert second.playbook.people["maya-chen"] is first.playbook.people["maya-chen"]
    assert second.playbook.narrative is first.playbook.narrative
    assert second.playbook.ideas["close-checklist"] is not first.playbook.ideas["close-checklist"]
    assert second.playbook.ideas["close-checklist"].title == "The six-day close checklist"


def test_a_date_no_calendar_has_keeps_its_record_out_at_every_validation_until_fixed(hub: Path) -> None:
    documents = Documents()
    idea = hub / IDEA
    written = idea.read_text(encoding="utf-8")
    dated = written.replace("proposed_on: 2026-", "proposed_on: 0000-", 1)
    assert dated != written
    idea.write_text(dated, encoding="utf-8")

    for _ in range(2):
        result = validate_hub(hub, today=TODAY, documents=documents)
        assert "close-checklist" not in result.playbook.ideas
        assert [(p.file, p.message.endswith("is not a real date written YYYY-MM-DD")) for p in result.errors] == [
            (IDEA, True)
        ]
    idea.write_text(written, encoding="utf-8")

    assert "close-checklist" in validate_hub(hub, today=TODAY, documents=documents).playbook.ideas
