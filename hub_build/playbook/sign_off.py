"""What both teams sign, and so what a change needs both teams' agreement for.

The SLA is an agreement between sales and marketing: a clause added, removed or
reworded, a signatory coming or going, and a shared KPI's formula or target are
changes to what both teams signed. Comparing two playbooks (changes.py) marks such
changes with what is said here, and names who signs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hub_build.playbook.model import Sla
from hub_build.playbook.record_fields import Value

KPI_SIGNED = ("KPI formula", "KPI target")


@dataclass(frozen=True, slots=True)
class Signs:
    """What of a kind of record both teams sign: the record coming or going, and which of its fields."""

    record: Callable[[dict[str, Value]], bool]
    field: Callable[[str], bool]  # a field's name, or "id" for the record's new id


NEVER = Signs(lambda _view: False, lambda _name: False)
ALWAYS = Signs(lambda _view: True, lambda _name: True)
# A term comes or goes with its KPI, or its KPI's formula or target changes.
KPI = Signs(lambda view: view.get("KPI formula") is not None, lambda name: name in KPI_SIGNED)


def signers(old: Sla | None, new: Sla | None) -> tuple[str, ...]:
    """The person ids of whoever signs a change to the SLA, in the order they signed."""
    # Those who signed the agreement in force agree to change it; those who join sign it too.
    ids = [s.person for sla in (old, new) if sla is not None for s in sla.signatories]
    return tuple(dict.fromkeys(ids))
