"""The minimal valid hub of tests/validation, to break one file at a time."""

from __future__ import annotations

from tests.validation.conftest import hub

__all__ = ["hub"]
