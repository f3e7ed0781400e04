"""A new hire's onboarding track in the browser: dates from a start day, ticks kept, a calendar to download."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
from playwright.sync_api import Page, expect

SDR = "onboarding/sdr/"


def _day_dates(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("article .hub-day-date").all_inner_texts()]


def test_picking_a_start_date_shows_each_days_date_in_working_days(page: Page, site_url: str) -> None:
    page.goto(site_url + SDR)
    # A Friday before Whit Monday, a holiday in the sample's hub.yaml.
    page.get_by_label("Your first day").fill("2027-05-14")
    assert _day_dates(page) == [
        "· Fri 14 May 2027",
        "· Tue 18 May 2027",
        "· Wed 19 May 2027",
        "· Thu 20 May 2027",
        "· Fri 21 May 2027",
        "· Tue 25 May 2027",
        "· Wed 26 May 2027",
        "· Thu 27 May 2027",
        "· Fri 28 May 2027",
    ]
    expect(page.locator("article h2#day-2")).to_have_text(re.compile(r"^Day 2 · Tue 18 May 2027"))


def test_before_a_date_is_picked_days_have_no_date_and_nothing_can_be_downloaded(page: Page, site_url: str) -> None:
    page.goto(site_url + SDR)
    assert set(_day_dates(page)) == {""}
    expect(page.get_by_role("button", name="Add to my calendar (.ics)")).to_be_disabled()


def test_the_start_date_and_ticked_steps_are_remembered_across_a_reload(page: Page, site_url: str) -> None:
    page.goto(site_url + SDR)
    page.get_by_label("Your first day").fill("2027-01-04")
    page.get_by_role("checkbox", name=re.compile(r"^Read the glossary")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Shadow Chloe Adeyemi")).check()
    page.reload()
    expect(page.get_by_label("Your first day")).to_have_value("2027-01-04")
    ticked = [box.get_attribute("data-step") for box in page.locator("input.hub-step").all() if box.is_checked()]
    assert ticked == ["1-read-glossary", "2-shadow-chloe-adeyemi"]
    expect(page.get_by_role("status")).to_have_text("2 of 16 steps done")


def test_ticks_are_kept_per_track(page: Page, site_url: str) -> None:
    page.goto(site_url + SDR)
    page.get_by_role("checkbox", name=re.compile(r"^Read the glossary")).check()
    page.goto(site_url + "onboarding/account-executive/")
    assert [box.is_checked() for box in page.locator("input.hub-step").all()].count(True) == 0


def test_every_checkbox_is_named_by_its_step_and_day(page: Page, site_url: str) -> None:
    page.goto(site_url + SDR)
    page.get_by_label("Your first day").fill("2027-01-04")
    expect(page.get_by_role("checkbox").first).to_have_accessible_name("Meet Kenji Watanabe · Mon 4 Jan 2027")
    assert page.locator("input.hub-step:disabled").count() == 0


def test_the_downloaded_calendar_holds_the_introductions_on_their_dates(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    page.goto(site_url + SDR)
    page.get_by_label("Your first day").fill("2027-05-14")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add to my calendar (.ics)").click()
    assert download.value.suggested_filename == "onboarding-sdr.ics"
    path = tmp_path / "plan.ics"
    download.value.save_as(path)
    events = list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert [(e.decoded("dtstart"), str(e["summary"])) for e in events][:4] == [
        (dt.date(2027, 5, 14), "Meet Kenji Watanabe"),
        (dt.date(2027, 5, 14), "Meet Theo Kowalczyk"),
        (dt.date(2027, 5, 18), "Meet Oliver Strand"),
        (dt.date(2027, 5, 18), "Shadow Chloe Adeyemi"),
    ]
    assert len(events) == 11
    description = str(events[0]["description"])
    assert description.startswith(
        "Kenji Watanabe, SDR Team Lead (sales) <kenji.watanabe@quillstone.example>\n\nWhy: Your team lead."
    )
    assert "- What does a good first month look like?" in description


def test_the_hires_steps_come_before_the_owner_and_review_dates(page: Page, site_url: str) -> None:
    page.goto(site_url + SDR)
    article = page.locator("article").inner_text()
    assert article.index("Meet Kenji Watanabe") < article.index("Kept current")
    expect(page.locator("article details.info")).not_to_have_attribute("open", "")


def test_printing_shows_the_checklist_without_the_sites_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + SDR)
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".hub-plan__actions")).to_be_hidden()
    expect(page.locator("article details.info")).to_be_hidden()
    expect(page.locator("input.hub-step").first).to_be_visible()
