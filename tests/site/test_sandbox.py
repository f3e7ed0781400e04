"""The sandbox templates render in: a power or a repetition too large to compute in one step is
refused before it starts, at the edge of each bound."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError

from hub_build.site.sandbox import MAX_EXPONENT, MAX_REPEATED, BoundedSandbox


def _render(source: str) -> str:
    return BoundedSandbox().from_string(source).render()


@pytest.mark.parametrize("base", [2, -2, 10])
def test_a_power_above_the_largest_exponent_is_not_computed(base: int) -> None:
    with pytest.raises(SecurityError, match=f"a power with an exponent above {MAX_EXPONENT} is not computed"):
        _render(f"{{{{ ({base}) ** {MAX_EXPONENT + 1} }}}}")


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (f"{{{{ 2 ** {MAX_EXPONENT} }}}}", str(2**MAX_EXPONENT)),
        ("{{ 1 ** 100000000 }}", "1"),
        ("{{ (-1) ** 100000001 }}", "-1"),
        ("{{ 2 ** -3 }}", "0.125"),
    ],
    ids=["at the bound", "one", "minus one", "a negative exponent"],
)
def test_a_power_that_costs_nothing_or_is_within_the_bound_is_computed(source: str, shown: str) -> None:
    assert _render(source) == shown


def test_a_text_or_list_repeated_beyond_the_bound_is_not_made() -> None:
    assert len(_render(f"{{{{ 'a' * {MAX_REPEATED} }}}}")) == MAX_REPEATED
    with pytest.raises(SecurityError, match="repeated to more than"):
        _render(f"{{{{ 'ab' * {MAX_REPEATED // 2 + 1} }}}}")
    with pytest.raises(SecurityError, match="repeated to more than"):
        _render(f"{{{{ ({MAX_REPEATED // 2 + 1} * [1, 2]) | length }}}}")
