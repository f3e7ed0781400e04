"""The scorecard on any day: before a period is reported, each metric answers with its latest reported result."""

from __future__ import annotations

import datetime as dt
from functools import cache

from hub_build.playbook.model import Playbook
from hub_build.playbook.scorecard import Scorecard, scorecard
from hub_build.playbook.validation import validate_hub
from tests.helpers import REPO

# The sample's results stop in October 2026; on 3 December nobody has reported November yet.
THIRD_OF_DECEMBER = dt.date(2026, 12, 3)


@cache
def _sample() -> Playbook:
    return validate_hub(REPO, today=THIRD_OF_DECEMBER).playbook


def _cards(today: dt.date = THIRD_OF_DECEMBER) -> Scorecard:
    return scorecard(_sample(), today=today)


def test_a_metric_not_reported_for_the_last_period_answers_with_its_latest_reported_result() -> None:
    card = _cards().card("monthly-mql-volume")
    assert card is not None

    assert card.latest is None
    assert card.reported is not None
    assert (card.reported.period.label, card.reported.value, card.reported.status) == ("2026-10", 427.0, "met")
    assert card.awaited is not None and card.awaited.label == "2026-11"


def test_a_reported_period_is_awaited_no_more() -> None:
    card = _cards(dt.date(2026, 11, 3)).card("monthly-mql-volume")
    assert card is not None

    assert card.latest is not None and card.latest.period.label == "2026-10"
    assert card.awaited is None


def test_results_the_hub_counts_from_the_ideas_are_never_awaited() -> None:
    card = _cards().card("content-idea-decision")
    assert card is not None

    assert card.awaited is None


def test_the_scorecard_lists_every_metric_whose_last_period_is_not_reported() -> None:
    not_reported = [card.metric.id for card in _cards().not_reported()]

    assert "monthly-mql-volume" in not_reported and "speed-to-lead" in not_reported
    assert "content-idea-decision" not in not_reported
    assert "win-rate" not in not_reported  # quarterly: 2026-Q3 is reported, Q4 is not over


def test_the_trend_compares_the_latest_reported_result_with_the_one_before_by_the_target() -> None:
    cards = _cards(dt.date(2026, 11, 3))
    # At least 420 MQLs: 446 in September, 427 in October: fewer is worse.
    volume = cards.card("monthly-mql-volume")
    assert volume is not None and [o.value for o in volume.outcomes[-2:]] == [446.0, 427.0]
    assert volume.trend == "worse"
    # At most 4 business hours: 3.1 in September, 2.8 in October: less is better.
    follow_up = cards.card("mql-follow-up")
    assert follow_up is not None and [o.value for o in follow_up.outcomes[-2:]] == [3.1, 2.8]
    assert follow_up.trend == "better"


def test_who_reports_a_metric_is_whom_the_playbook_names_and_none_where_it_names_nobody() -> None:
    cards = _cards()

    assert [
        (card.metric.id, card.reported_by)
        for card in (cards.card("monthly-mql-volume"), cards.card("release-enablement"))
        if card
    ] == [("monthly-mql-volume", "theo-kowalczyk"), ("release-enablement", None)]
