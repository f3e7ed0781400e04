"""What is due for review, and whom to ask."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from hub_build.playbook.loading import Document
from hub_build.playbook.model import Playbook, Review
from hub_build.playbook.problems import Problem, Severity

DUE_SOON_DAYS = 30


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One record with a review date: what it is, who owns it, and when it is due."""

    label: str
    review: Review
    document: Document

    def is_stale(self, today: dt.date) -> bool:
        return self.review.due < today

    def needs_attention(self, today: dt.date) -> bool:
        """Overdue, or due within DUE_SOON_DAYS: worth listing on the home page."""
        return self.review.due <= today + dt.timedelta(days=DUE_SOON_DAYS)


def review_items(playbook: Playbook) -> list[ReviewItem]:
    """Every record that carries a review date, soonest due first."""
    records: list[tuple[str, Review, Document | None]] = []
    if playbook.narrative:
        records.append(("Go-to-market narrative", playbook.narrative.review, playbook.narrative.document))
    if playbook.sla:
        records.append((f"SLA version {playbook.sla.version}", playbook.sla.review, playbook.sla.document))
    records += [(f"Term: {t.label}", t.review, t.document) for t in playbook.terms.values()]
    records += [(f"Onboarding track: {t.title}", t.review, t.document) for t in playbook.tracks.values()]
    # Every record loaded from the playbook has its file; one made without a file has no line to point at.
    items = [ReviewItem(label, review, document) for label, review, document in records if document is not None]
    return sorted(items, key=lambda item: (item.review.due, item.label))


def stale_records(playbook: Playbook, today: dt.date) -> Iterator[Problem]:
    """A reminder for each record past its review date, naming its owner."""
    for item in review_items(playbook):
        if not item.is_stale(today):
            continue
        owner = playbook.people.get(item.review.owner)
        who = f"{owner.name} ({item.review.owner})" if owner else item.review.owner
        field = "review_by" if item.review.review_by else "last_reviewed"
        line, column = item.document.locate((field,))
        yield Problem(
            item.document.file,
            line,
            column,
            f"due for review since {item.review.due.isoformat()}: ask its owner, {who}, to check it",
            severity=Severity.REMINDER,
            path=f"$.{field}",
            hint="once it has been checked, set last_reviewed to the day of the review",
        )
