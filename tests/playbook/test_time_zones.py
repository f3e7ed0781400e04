"""A person's time zone is one of the IANA database, as their calendar and the site's clock read it."""

from __future__ import annotations

from tests.playbook.validation.conftest import Hub

PERSON = "playbook/people/sam-ortiz.yaml"


def test_a_misspelt_time_zone_is_an_error_with_the_closest_one(hub: Hub) -> None:
    hub.edit(PERSON, "time_zone: Europe/Berlin\n", "time_zone: Europe/Berln\n")
    assert hub.validate().report == [
        f"{PERSON}:5:12: error: $.time_zone: unknown time zone 'Europe/Berln'",
        "    hint: did you mean 'Europe/Berlin'?",
    ]


def test_a_time_zone_like_none_is_an_error_with_examples(hub: Hub) -> None:
    hub.edit(PERSON, "time_zone: Europe/Berlin\n", "time_zone: Mars/Olympus_Mons\n")
    assert hub.validate().report == [
        f"{PERSON}:5:12: error: $.time_zone: unknown time zone 'Mars/Olympus_Mons'",
        "    hint: write it as the IANA time zone database names it, such as Europe/Berlin, America/New_York or UTC",
    ]


def test_utc_and_a_zone_three_levels_deep_are_time_zones(hub: Hub) -> None:
    hub.edit(PERSON, "time_zone: Europe/Berlin\n", "time_zone: America/Argentina/Buenos_Aires\n")
    hub.edit("playbook/people/maya-chen.yaml", "time_zone: America/New_York\n", "time_zone: UTC\n")
    assert hub.validate().report == []
