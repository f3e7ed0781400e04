"""What a reader does in the published hub, in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def test_an_introduction_in_an_onboarding_track_leads_to_the_persons_entry(page: Page, site_url: str) -> None:
    page.goto(site_url + "onboarding/")
    page.get_by_role("link", name="Account Executive").first.click()
    expect(page).to_have_url(re.compile(r"onboarding/account-executive/$"))
    first_intro = page.locator("article li:has(input.hub-step) strong", has_text="Meet").first.locator("a")
    name = first_intro.inner_text()
    first_intro.click()
    expect(page).to_have_url(re.compile(r"people/#[a-z-]+$"))
    anchor = page.url.rsplit("#", 1)[1]
    entry = page.locator(f"h3#{anchor}")
    expect(entry).to_have_text(re.compile(re.escape(name)))
    expect(entry).to_be_in_viewport()


def test_hovering_an_abbreviation_shows_its_definition(page: Page, site_url: str) -> None:
    page.goto(site_url + "sla/")
    page.locator("article abbr", has_text="MQL").first.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Marketing Qualified Lead:")


def test_hostile_playbook_text_runs_nothing_in_the_browser(page: Page, hostile_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("ideas/hostile-idea/", "glossary/", "calendar/", "sla/", "people/"):
        page.goto(hostile_url + path)
        page.wait_for_load_state("load")
        for link in page.locator("article a[href='#unsafe-link']").all():
            link.click()
        assert page.evaluate("() => window.__hub_pwned") is None, path
    assert dialogs == []
    page.goto(hostile_url + "ideas/hostile-idea/")
    expect(page.locator("article")).to_contain_text("<script>window.__hub_pwned = 1</script>")
    page.goto(hostile_url + "people/")
    group = '"><img src=x onerror="window.__hub_pwned=9"></option></select><script>window.__hub_pwned=10</script>'
    page.get_by_label("Team").select_option("group:" + group)
    expect(page.locator("article .hub-person:visible h3")).to_have_text([re.compile("^Grace Lindqvist")])


def test_a_records_page_marks_its_section_in_the_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + "calendar/")
    page.locator("article a[href*='ideas/']").first.click()
    expect(page).to_have_url(re.compile(r"ideas/[a-z0-9-]+/$"))

    navigation = page.locator(".md-nav--primary")
    expect(navigation.locator("a.md-nav__link--active")).to_have_text(["Content calendar"])
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Content calendar").click()
    expect(page).to_have_url(re.compile(r"/calendar/$"))

    page.goto(site_url + "onboarding/sdr/")
    expect(navigation.locator("a.md-nav__link--active")).to_have_text(["Onboarding"])


def test_the_people_page_filters_by_team_group_and_region_and_keeps_the_choice_in_its_address(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "people/")
    people = page.locator("article .hub-person:visible h3")
    count = page.get_by_role("status")
    expect(count).to_have_text("27 people")

    page.get_by_label("Team").select_option(label="All of marketing")
    page.get_by_label("Region").select_option("Europe")
    expect(count).to_have_text("6 of 27 people shown")
    expect(page.locator("article h2#_team-sales")).to_be_hidden()
    expect(page).to_have_url(re.compile(r"people/\?team=team%3Amarketing&region=Europe$"))

    page.reload()
    expect(count).to_have_text("6 of 27 people shown")
    expect(people).to_have_count(6)

    page.get_by_label("Region").select_option("")
    page.get_by_label("Team").select_option("group:Content")
    expect(people).to_have_text(
        [re.compile(f"^{name}") for name in ("Grace Lindqvist", "Noah Abernathy", "Samir Qureshi")]
    )
    expect(page.locator("article h2#_team-marketing")).to_be_visible()

    page.get_by_label("Team").select_option("")
    expect(count).to_have_text("27 people")
    expect(page).to_have_url(re.compile(r"people/$"))
