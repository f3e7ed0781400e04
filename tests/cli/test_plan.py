"""`hub plan`: a new hire's onboarding on real dates, as an iCalendar file and a welcome plan."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import icalendar
import pytest

from hub_build.cli import main
from hub_build.cli.onboarding import write_plan
from tests.helpers import REPO

STAMP = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "hub").mkdir()
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / "hub" / part)
    return tmp_path / "hub"


def _events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_the_sdr_plan_has_one_event_per_introduction_shadowing_and_meeting(root: Path, tmp_path: Path) -> None:
    written = write_plan(root, "sdr", "2027-01-04", name="Ana Ruiz", folder=tmp_path / "out", stamp=STAMP)
    events = _events(written.calendar)
    assert [(e.decoded("dtstart"), str(e["summary"])) for e in events] == [
        (dt.date(2027, 1, 4), "Meet Kenji Watanabe"),
        (dt.date(2027, 1, 4), "Meet Theo Kowalczyk"),
        (dt.date(2027, 1, 5), "Meet Oliver Strand"),
        (dt.date(2027, 1, 5), "Shadow Chloe Adeyemi"),
        (dt.date(2027, 1, 6), "Meet Mei-Lin Zhou"),
        (dt.date(2027, 1, 6), "Attend Weekly pipeline sync"),
        (dt.date(2027, 1, 7), "Meet Samir Qureshi"),
        (dt.date(2027, 1, 8), "Meet Danielle Moreau"),
        (dt.date(2027, 1, 8), "Shadow Hannah Cho"),
        (dt.date(2027, 1, 13), "Attend Content council"),
        (dt.date(2027, 1, 14), "Meet Priya Raman"),
    ]
    assert written.events == 11


def test_an_introduction_names_the_person_their_email_why_and_what_to_ask(root: Path, tmp_path: Path) -> None:
    written = write_plan(root, "sdr", "2027-01-04", name="Ana Ruiz", folder=tmp_path, stamp=STAMP)
    first = _events(written.calendar)[0]
    assert str(first["description"]) == (
        "Kenji Watanabe, SDR Team Lead (sales) <kenji.watanabe@quillstone.example>\n\n"
        "Why: Your team lead. Kenji will walk you through the SDR day, your sequences and how your numbers "
        "are measured.\n\n"
        "What to ask:\n\n"
        "- What does a good first month look like?\n"
        "- Which sequences should I learn first?\n\n"
        "How: in person\n\n"
        "Onboarding: Sales Development Representative, day 1"
    )
    assert first.decoded("dtend") == dt.date(2027, 1, 5)
    assert str(first["uid"]) == "sdr-1-meet-kenji-watanabe-2027-01-04@hub-build"


def test_the_calendar_file_says_what_a_calendar_app_needs_to_import_it(root: Path, tmp_path: Path) -> None:
    named = write_plan(root, "sdr", "2027-01-04", name="Ana Ruiz", folder=tmp_path / "named", stamp=STAMP)
    unnamed = write_plan(root, "sdr", "2027-01-04", name=None, folder=tmp_path / "unnamed", stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(named.calendar.read_bytes())
    assert (str(calendar["version"]), str(calendar["prodid"]), str(calendar["calscale"])) == (
        "2.0",
        "-//hub-build//onboarding plan//EN",
        "GREGORIAN",
    )
    assert str(calendar["x-wr-calname"]) == "Onboarding: Sales Development Representative (Ana Ruiz)"
    unnamed_calendar = icalendar.Calendar.from_ical(unnamed.calendar.read_bytes())
    assert str(unnamed_calendar["x-wr-calname"]) == "Onboarding: Sales Development Representative"
    # Each day's events are reminders stamped when the file was written, not busy time.
    events = _events(named.calendar)
    assert {(e.decoded("dtstamp"), str(e["transp"])) for e in events} == {(STAMP, "TRANSPARENT")}


def test_a_start_on_the_friday_before_a_holiday_puts_day_two_after_it(root: Path, tmp_path: Path) -> None:
    # hub.yaml lists Whit Monday, 17 May 2027, as a company holiday.
    written = write_plan(root, "sdr", "2027-05-14", name=None, folder=tmp_path, stamp=STAMP)
    dates = [(e.decoded("dtstart"), str(e["summary"])) for e in _events(written.calendar)][:4]
    assert dates == [
        (dt.date(2027, 5, 14), "Meet Kenji Watanabe"),
        (dt.date(2027, 5, 14), "Meet Theo Kowalczyk"),
        (dt.date(2027, 5, 18), "Meet Oliver Strand"),
        (dt.date(2027, 5, 18), "Shadow Chloe Adeyemi"),
    ]
    assert written.calendar.name == "onboarding-sdr-2027-05-14.ics"


def test_the_welcome_plan_greets_the_hire_and_lists_each_day_with_its_date(root: Path, tmp_path: Path) -> None:
    written = write_plan(root, "sdr", "2027-01-04", name="Ana Ruiz", folder=tmp_path, stamp=STAMP)
    text = written.welcome.read_text(encoding="utf-8")
    assert text.startswith(
        "# Welcome, Ana Ruiz\n\nYour first weeks as **Sales Development Representative** start "
        "on Monday 4 January 2027.\n"
    )
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:3] == [
        "## Monday 4 January 2027 (day 1)",
        "## Tuesday 5 January 2027 (day 2)",
        "## Wednesday 6 January 2027 (day 3)",
    ]
    assert headings[-1] == "## Friday 15 January 2027 (day 10)"
    assert "- [ ] **Read the glossary**" in text


def test_the_welcome_plan_lists_the_holidays_it_skips(root: Path, tmp_path: Path) -> None:
    written = write_plan(root, "sdr", "2027-05-14", name=None, folder=tmp_path, stamp=STAMP)
    text = written.welcome.read_text(encoding="utf-8")
    assert text.endswith("## Company holidays in these weeks\n\n- Monday 17 May 2027: Whit Monday\n")


def test_the_welcome_plan_lists_the_holidays_before_its_last_day(root: Path, tmp_path: Path) -> None:
    # Day 9 is Wednesday 23 December 2026; day 10, alone on its day, the Monday after Christmas.
    written = write_plan(root, "sdr", "2026-12-11", name=None, folder=tmp_path, stamp=STAMP)
    text = written.welcome.read_text(encoding="utf-8")
    assert "\n## Monday 28 December 2026 (day 10)\n" in text
    assert text.endswith(
        "## Company holidays in these weeks\n\n- Thursday 24 December 2026: Christmas Eve\n"
        "- Friday 25 December 2026: Christmas Day\n"
    )


def test_a_plan_whose_first_day_has_one_step_starts_on_that_day(root: Path, tmp_path: Path) -> None:
    track = root / "playbook" / "onboarding" / "sdr.yaml"
    text = track.read_text(encoding="utf-8")
    for step in ("read: glossary", "meet: theo-kowalczyk"):  # to day 2, leaving Kenji alone on day 1
        text = text.replace(f"  - day: 1\n    {step}", f"  - day: 2\n    {step}")
    track.write_text(text, encoding="utf-8")
    written = write_plan(root, "sdr", "2027-01-04", name=None, folder=tmp_path, stamp=STAMP)
    text = written.welcome.read_text(encoding="utf-8")
    assert text.startswith(
        "# Your onboarding\n\nYour first weeks as **Sales Development Representative** start "
        "on Monday 4 January 2027.\n"
    )
    assert [line for line in text.splitlines() if line.startswith("## ")][:2] == [
        "## Monday 4 January 2027 (day 1)",
        "## Tuesday 5 January 2027 (day 2)",
    ]


def test_hub_plan_writes_both_files_and_says_where(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plans"
    code = main(
        [
            "plan",
            "--root",
            str(root),
            "--track",
            "sdr",
            "--start",
            "2027-01-02",
            "--name",
            "Ana Ruiz",
            "--output-dir",
            str(out),
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "2027-01-02 is not a working day: day 1 is Monday 4 January 2027",
        f"Wrote {out}/onboarding-sdr-ana-ruiz.ics (11 events) and {out}/onboarding-sdr-ana-ruiz.md",
    ]


def test_a_start_on_a_weekday_holiday_moves_day_one_to_the_next_working_day_and_says_so(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Friday 1 January 2027 is New Year's Day in the sample's hub.yaml: the next working day is Monday.
    code = main(
        [
            "plan",
            "--root",
            str(root),
            "--track",
            "sdr",
            "--start",
            "2027-01-01",
            "--output-dir",
            str(tmp_path / "plans"),
        ]
    )

    assert code == 0
    assert capsys.readouterr().out.splitlines()[0] == "2027-01-01 is not a working day: day 1 is Monday 4 January 2027"


def test_an_unknown_track_is_refused_with_the_one_meant(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["plan", "--root", str(root), "--track", "sdrr", "--start", "2027-01-04", "--output-dir", str(tmp_path)]
    )
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "playbook/onboarding/sdrr.yaml:1:1: error: there is no onboarding track 'sdrr'",
        "    hint: did you mean 'sdr'? the tracks are: account-executive, content-marketer, product-marketer, "
        "sales-engineer, sdr",
        "hub: error: no plan was written",
    ]
    assert list(tmp_path.glob("*.ics")) == []


def test_a_start_date_that_does_not_exist_is_refused(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["plan", "--root", str(root), "--track", "sdr", "--start", "2027-02-30", "--output-dir", str(tmp_path)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "--start:1:1: error: '2027-02-30' does not exist: February 2027 has 28 days",
        "    hint: write the hire's first day as YYYY-MM-DD, for example --start 2027-01-04",
        "hub: error: no plan was written",
    ]


def test_a_holiday_that_is_not_a_date_stops_the_plan_at_its_line(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = root / "hub.yaml"
    config.write_text(config.read_text().replace("2027-05-17", "2027-05-32"))
    code = main(["plan", "--root", str(root), "--track", "sdr", "--start", "2027-05-14", "--output-dir", str(tmp_path)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "hub.yaml:30:11: error: $.holidays[5].date: '2027-05-32' is not a real date written YYYY-MM-DD",
        "    hint: The day off, written YYYY-MM-DD.",
        "hub: error: no plan was written",
    ]


def test_a_track_with_hostile_text_writes_it_as_text_in_both_files(root: Path, tmp_path: Path) -> None:
    track = root / "playbook" / "onboarding" / "sdr.yaml"
    hostile = "<script>alert(1)</script> {{ 7 * 7 }}; a, b\\\\c"
    track.write_text(track.read_text().replace("- Which sequences should I learn first?", f"- '{hostile}'"))
    written = write_plan(root, "sdr", "2027-01-04", name="<b>Ana</b>", folder=tmp_path, stamp=STAMP)
    assert hostile in str(_events(written.calendar)[0]["description"])
    welcome = written.welcome.read_text(encoding="utf-8")
    assert "<script>" not in welcome and "<b>" not in welcome and "49" not in welcome


def test_a_hubs_own_plan_template_writes_the_welcome_plan(root: Path, tmp_path: Path) -> None:
    overrides = root / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "plan.md.j2").write_text("# Welcome to {{ track.title }}\n", encoding="utf-8")

    written = write_plan(root, "sdr", "2027-01-04", name="Ana Ruiz", folder=tmp_path / "out", stamp=STAMP)

    assert written.welcome.read_text(encoding="utf-8") == "# Welcome to Sales Development Representative\n"
