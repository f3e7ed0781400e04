"""Random damage to the sample playbook never crashes validation: it passes, or it
reports problems, sorted, that each point at a line and a column inside their file,
and every report format names each of them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hub_build.cli.report import FORMATS
from hub_build.playbook.validation import validate_hub
from tests.helpers import REPO, TODAY

FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "playbook").rglob("*.yaml"))
HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "javascript:alert(1)",
    "&a [x, *a]",
    "*a",
    "!!python/name:os.system",
    "\t",
    "\x00",
    "\ufeff",
    "\u202e",
    "---",
    "...",
    "? ",
    ": ",
    "- ",
    "|",
    ">",
    "#",
    "'",
    '"',
    "[",
    "{",
    "%YAML 1.1",
    "!!binary AAAA",
    "2026-02-30",
    "1e999",
    "0x_",
    "~",
    "null",
    "yes",
    "9" * 400,
    "é" * 50,
    "\r\n",
    "\\",
    "@",
    "`",
]

mutation = st.one_of(
    st.tuples(st.just("splice bytes"), st.integers(0, 10_000), st.binary(min_size=1, max_size=24)),
    st.tuples(st.just("splice text"), st.integers(0, 10_000), st.sampled_from(HOSTILE)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.none()),
    st.tuples(st.just("drop line"), st.integers(0, 400), st.none()),
    st.tuples(st.just("repeat line"), st.integers(0, 400), st.none()),
    st.tuples(st.just("delete key"), st.integers(0, 400), st.none()),
    st.tuples(
        st.just("retype value"),
        st.integers(0, 400),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.floats(allow_nan=True),
            st.text(max_size=30),
            st.lists(st.integers(), max_size=3),
            st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
            st.sampled_from(HOSTILE),
        ),
    ),
)


def _mutate(raw: bytes, kind: str, position: int, payload: object) -> bytes:
    if kind == "splice bytes":
        at = position % (len(raw) + 1)
        return raw[:at] + payload + raw[at:]  # type: ignore[operator]
    if kind == "splice text":
        at = position % (len(raw) + 1)
        return raw[:at] + str(payload).encode("utf-8", "surrogatepass") + raw[at:]
    if kind == "truncate":
        return raw[: position % (len(raw) + 1)]
    lines = raw.split(b"\n")
    index = position % len(lines)
    if kind == "drop line":
        return b"\n".join(lines[:index] + lines[index + 1 :])
    if kind == "repeat line":
        return b"\n".join(lines[: index + 1] + lines[index:])
    data = yaml.safe_load(raw)
    keys = list(data) if isinstance(data, dict) else []
    if not keys:
        return raw
    key = keys[position % len(keys)]
    if kind == "delete key":
        del data[key]
    else:
        data[key] = payload
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz")
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    return target


# Derandomized: the same 300 draws every run, so a landing never hangs on a new draw.
@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(file=st.sampled_from(FILES), change=mutation)
def test_damaged_playbook_is_reported_never_raised(root: Path, file: str, change: tuple) -> None:
    path = root / file
    original = path.read_bytes()
    damaged = _mutate(original, *change)
    path.write_bytes(damaged)
    try:
        result = validate_hub(root, today=dt.date.fromisoformat(TODAY))
        reports = {name: render(result, strict=True) for name, render in FORMATS.items()}
        texts = {problem.file: _lines(root / problem.file) for problem in result.problems}
    finally:
        path.write_bytes(original)
    event("reported problems" if result.problems else "still valid")
    if damaged == original:
        assert result.problems == []
    assert result.problems == sorted(result.problems, key=lambda problem: problem.sort_key())
    for problem in result.problems:
        assert (root / problem.file).exists() or problem.file.endswith(("narrative.yaml", "sla.yaml")), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message and problem.path.startswith("$"), problem
        lines = texts[problem.file]
        if lines is not None:
            # A position inside the file: at most one line past the last, one column past a line's end.
            assert problem.line <= len(lines) + 1, problem
            if problem.line <= len(lines):
                assert problem.column <= len(lines[problem.line - 1]) + 1, problem
        assert f"{problem.file}:{problem.line}:{problem.column}: " in reports["text"], problem
    assert reports["text"].splitlines()[-1].startswith("ok: " if not result.problems else "failed: ")


def _lines(path: Path) -> list[str] | None:
    """The lines of a file as the positions count them: characters of UTF-8 text, a byte-order mark left out."""
    if not path.is_file():
        return None
    return path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff").split("\n")
