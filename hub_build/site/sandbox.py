"""The sandbox templates render in, bounded in time and in size.

Jinja's sandbox keeps a template from reaching Python's internals, and bounds
each `range()`, but not the rendering: three nested loops of a thousand turns
each run for hours. Here every turn of every loop, every call (macros included,
so recursion too) and every piece of output checks the rendering's deadline,
and a template that passes it is stopped with `OverBudget`, raised at the line
it had reached. Repeating a text or a list with `*` and raising to a power are
bounded too, since one such operation runs as a single step no deadline can
interrupt; so is the length of a page.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

DEFAULT_SECONDS = 5  # each page's rendering; `template_seconds` in hub.yaml changes it
MAX_PAGE = 50_000_000  # characters in one page, far beyond any playbook's
MAX_REPEATED = 1_000_000  # items in a text or list made with `*`
MAX_EXPONENT = 1_000  # of an integer power: 10 ** 10 ** 8 alone would run for minutes
PACED = "hub_paced"  # the filter every loop's items pass through
_MAX_SAFE_ATTRIBUTES = 10_000  # (type, name) pairs answered; far more than templates read


class OverBudget(Exception):
    """A rendering ran past its time or size budget."""


_deadline: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("deadline", default=None)


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Render within `seconds` from now."""
    token = _deadline.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Stop the rendering if it is past its deadline."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise OverBudget(f"ran longer than its budget of {seconds(deadline[1])} and was stopped")


def seconds(count: float) -> str:
    """`1 second`, `5 seconds`."""
    return f"{count:g} second{'' if count == 1 else 's'}"


def paced(items: Iterable[Any]) -> Iterator[Any]:
    """The items of a loop, one at a time, each after a look at the deadline."""
    for item in items:
        check()
        yield item


def bounded_output(chunks: Iterable[str]) -> str:
    """A template's output gathered as it is made, checking the page's length.

    The deadline is checked by the loops and calls that make the output, at the line they run.
    """
    parts = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_PAGE:
            raise OverBudget(f"wrote more than {MAX_PAGE:,} characters for one page and was stopped")
        parts.append(chunk)
    return "".join(parts)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with every loop paced and every call checked against the deadline."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters[PACED] = paced
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Jinja's answer depends only on the object's type and the attribute's name (type
        # tests and the name's form), and pages read the same few attributes of the same
        # few types hundreds of thousands of times: each pair is asked once.
        key = (type(obj), attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            if len(self._safe_attributes) >= _MAX_SAFE_ATTRIBUTES:
                self._safe_attributes.clear()
            safe = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        # A loop's items need not be a Python loop Jinja can see into (it iterates them
        # directly unless the template reads `loop`), so each loop's iterable is wrapped
        # before the template is compiled.
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, PACED, [], [], None, None, lineno=loop.iter.lineno)
        return tree

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's
        check()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _too_large_power(left, right):
            raise SecurityError(f"a power with an exponent above {MAX_EXPONENT} is not computed")
        if operator == "*" and _repeated_length(left, right) > MAX_REPEATED:
            raise SecurityError(f"a text or list repeated to more than {MAX_REPEATED:,} items is not made")
        return super().call_binop(context, operator, left, right)


def _too_large_power(base: Any, exponent: Any) -> bool:
    return isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and abs(exponent) > MAX_EXPONENT


def _repeated_length(left: Any, right: Any) -> int:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * count
    return 0
