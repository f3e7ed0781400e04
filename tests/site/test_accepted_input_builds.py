"""Valid means buildable, beyond the records: whatever numbers `hub validate` accepts in the
results and the targets, whatever ideas it accepts, whatever track and start date a plan is
asked for, the site (charts and scorecard included), the feeds and the plan are made, or
the input is refused with its position: never an exception.

Derandomized, without a database, with few examples each: the same draws on every run.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from hub_build.playbook.config import Holiday
from hub_build.playbook.validation import validate_hub
from hub_build.site import feeds, plan
from hub_build.site.description import SiteSettings, describe
from hub_build.site.environment import environment
from hub_build.site.links import PAGE_NAMES
from hub_build.site.plan_calendar import ics
from tests.playbook.validation.conftest import MINIMAL
from tests.playbook.validation.test_generated_records import _STATUS_NEEDS, FILES, FIX, LATEST, RECORDS

TODAY = dt.date(2026, 3, 1)
NO_EXPLAIN = [phase for phase in Phase if phase is not Phase.explain]
FEW = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

EDGES = [
    "1e308",
    "-1e308",
    "1e-308",
    "-1e-308",
    "5e-324",
    "1.7976931348623157e308",
    "9007199254740991",
    "-9007199254740991",
    "9007199254740992",
    "0",
    "-0",
    "0.0",
    "1e999",
    "123456789012345678901234567890",
]
LIMIT = 2**53 - 1
VALUES = st.one_of(
    st.sampled_from(EDGES),
    st.floats(-LIMIT, LIMIT, allow_nan=False).map(repr),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-LIMIT, LIMIT).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda value: f"{value:.3f}"),
)
TARGETS = st.one_of(
    st.sampled_from([0, 1e-308, 5e-324, 1e12, 999999999999.99]),
    st.floats(0, 1e12, allow_nan=False),
    st.integers(0, 10**12),
)
# The months before TODAY, so that most drawn files are valid and their results drawn.
MONTHS = st.builds(lambda year, month: f"{year:04d}-{month:02d}", st.integers(2024, 2025), st.integers(1, 12))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("buildable") / "hub"))


def _positioned(result_problems: list, root: Path) -> None:  # type: ignore[type-arg]
    for problem in result_problems:
        assert (root / problem.file).exists(), problem
        assert problem.line >= 1 and problem.column >= 1 and problem.message, problem


@FEW
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["mql", "mql-follow-up"]), MONTHS, VALUES),
        min_size=1,
        max_size=8,
        unique_by=lambda row: row[:2],
    ),
    kpi_target=TARGETS,
    sla_target=TARGETS,
)
def test_every_result_and_target_validation_accepts_draws_on_the_scorecard(
    root: Path, rows: list[tuple[str, str, str]], kpi_target: float, sla_target: float
) -> None:
    term, sla = root / "playbook" / "terms" / "mql.yaml", root / "playbook" / "sla.yaml"
    kept = {path: path.read_text(encoding="utf-8") for path in (term, sla)}
    measurements = root / "playbook" / "measurements"
    measurements.mkdir(exist_ok=True)
    (measurements / "results.csv").write_text(
        "metric,period,value,note\n" + "".join(f"{m},{p},{v},\n" for m, p, v in rows), encoding="utf-8"
    )
    term.write_text(kept[term].replace("    value: 400\n", f"    value: {kpi_target!r}\n"), encoding="utf-8")
    sla.write_text(kept[sla].replace("      value: 4\n", f"      value: {sla_target!r}\n"), encoding="utf-8")
    try:
        result = validate_hub(root, today=TODAY)
        _positioned(result.problems, root)
        event("refused" if result.errors else "built")
        if not result.errors:
            site = describe(result, SiteSettings(root=root, docs_dir=root / "docs", today=TODAY))
            scorecard = next(page for page in site.pages if page.uri == "scorecard.md")
            assert "<svg" in scorecard.markdown
    finally:
        for path, text in kept.items():
            path.write_text(text, encoding="utf-8")
        shutil.rmtree(measurements)


@pytest.mark.parametrize("value", ["1e308", "-1e308", "1.7976931348623157e308"])
def test_a_result_too_large_to_draw_is_refused_at_its_position(root: Path, value: str) -> None:
    measurements = root / "playbook" / "measurements"
    measurements.mkdir(exist_ok=True)
    (measurements / "results.csv").write_text(f"metric,period,value,note\nmql,2026-01,{value},\n", encoding="utf-8")
    try:
        result = validate_hub(root, today=TODAY)
    finally:
        shutil.rmtree(measurements)

    assert [(p.file, p.line, p.column, p.message, p.hint) for p in result.errors] == [
        (
            "playbook/measurements/results.csv",
            2,
            13,
            f"{value} is too large a number for the playbook",
            "results stay within ±9,007,199,254,740,991",
        )
    ]


@pytest.mark.parametrize("value", ["1e-308", "5e-324", "9007199254740991", "-9007199254740991"])
def test_the_smallest_and_largest_results_validation_accepts_draw_on_the_scorecard(root: Path, value: str) -> None:
    measurements = root / "playbook" / "measurements"
    measurements.mkdir(exist_ok=True)
    (measurements / "results.csv").write_text(f"metric,period,value,note\nmql,2026-01,{value},\n", encoding="utf-8")
    try:
        result = validate_hub(root, today=TODAY)
        assert not result.errors
        site = describe(result, SiteSettings(root=root, docs_dir=root / "docs", today=TODAY))
    finally:
        shutil.rmtree(measurements)

    assert "<svg" in next(page for page in site.pages if page.uri == "scorecard.md").markdown


def _with_record(root: Path, kind: str, data: st.DataObject) -> Path:
    """A record of `kind` drawn from its schema (as test_generated_records draws them), written into the hub."""
    record = copy.deepcopy(data.draw(RECORDS[kind], label=kind))
    FIX[kind](record, data.draw)
    if kind == "idea":
        _mostly_valid_idea(record, data)
    path = root / FILES[kind]
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _mostly_valid_idea(record: dict[str, object], data: st.DataObject) -> None:
    """The idea's references and dates made to agree with the minimal hub, so that most draws reach the feeds."""
    record.update(proposed_by="sam-ortiz", persona="controller", stage="awareness")
    for field, known in (("value_proposition", "faster-close"), ("owner", "maya-chen")):
        if field in record:
            record[field] = known
    for field, value in _STATUS_NEEDS.get(str(record["status"]), {}).items():
        record.setdefault(field, value)
    proposed = data.draw(st.dates(dt.date(2000, 1, 1), LATEST), label="proposed on")
    record["proposed_on"] = proposed.isoformat()
    for field, latest in (("scheduled_for", dt.date.max), ("published_on", LATEST), ("decided_on", LATEST)):
        if field in record or (field == "scheduled_for" and record["status"] == "scheduled"):
            record[field] = data.draw(st.dates(proposed, latest), label=field).isoformat()


@FEW
@given(data=st.data(), site_url=st.sampled_from([None, "https://hub.example/", "https://hub.example/a&b/"]))
def test_every_idea_validation_accepts_is_in_the_feeds_and_they_parse(
    root: Path, data: st.DataObject, site_url: str | None
) -> None:
    path = _with_record(root, "idea", data)
    try:
        result = validate_hub(root, today=LATEST)
    finally:
        path.unlink()
    _positioned([p for p in result.problems if p.file != "playbook/content/generated-idea.yaml"], root)
    event("refused" if result.errors else "built")
    if result.errors:
        return
    written = feeds.feeds(result.playbook, today=LATEST, site_url=site_url)

    atom = feedparser.parse(written[feeds.IDEAS])
    assert not atom.bozo, atom.bozo_exception
    assert len(atom.entries) == len(result.playbook.ideas)
    calendar = icalendar.Calendar.from_ical(written[feeds.CALENDAR])
    on_the_calendar = [
        i
        for i in result.playbook.ideas.values()
        if (i.status == "scheduled" and i.scheduled_for) or (i.status == "published" and i.published_on)
    ]
    assert len(calendar.walk("VEVENT")) == len(on_the_calendar)


@FEW
@given(
    data=st.data(),
    start=st.dates(dt.date(1, 1, 1), dt.date(9999, 6, 30)),
    holidays=st.lists(st.integers(0, 60), max_size=4),
    name=st.none() | st.text(max_size=20),
)
def test_every_track_validation_accepts_is_planned_from_any_start(
    root: Path, data: st.DataObject, start: dt.date, holidays: list[int], name: str | None
) -> None:
    path = _with_record(root, "track", data)
    try:
        result = validate_hub(root, today=start)
    finally:
        path.unlink()
    track = result.playbook.tracks.get("generated-track")
    event("refused" if track is None else "planned")
    if track is None:
        assert any(p.file == "playbook/onboarding/generated-track.yaml" for p in result.errors)
        return
    days_off = tuple(Holiday(start + dt.timedelta(days=offset), "Day off") for offset in sorted(set(holidays)))
    steps = plan.dated(plan.plan_steps(track, result.playbook, PAGE_NAMES), start, days_off)
    welcome = plan.welcome_markdown(environment(None), track, steps, name=name, holidays=days_off)
    written = ics(track, steps, start=start, name=name, stamp=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))

    assert welcome.strip()
    assert all(date >= start and date.weekday() < 5 for date, _step in steps)
    events = icalendar.Calendar.from_ical(written).walk("VEVENT")
    assert len(events) == sum(step.is_event for _date, step in steps)
