"""Whether a result meets its target: the comparator arithmetic, in one place."""

from __future__ import annotations

import math

from hub_build.playbook.model import Target

MET, MISSED, NO_DATA = "met", "missed", "no data"
# An exact target is met by a figure equal to it once written to a sensible
# precision: 99.99999999 % of leads with a reason is a spreadsheet's rounding, not a miss.
_EXACT_TOLERANCE = 1e-9


def meets(value: float, target: Target) -> bool:
    """`at-least`: value ≥ target; `at-most`: value ≤ target; `exactly`: value = target."""
    if target.comparator == "at-least":
        return value >= target.value
    if target.comparator == "at-most":
        return value <= target.value
    return math.isclose(value, target.value, rel_tol=_EXACT_TOLERANCE, abs_tol=_EXACT_TOLERANCE)


def status(value: float | None, target: Target) -> str:
    return NO_DATA if value is None else MET if meets(value, target) else MISSED
