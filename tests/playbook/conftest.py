"""The minimal valid hub of tests/playbook/validation, to break one file at a time."""

from __future__ import annotations

from tests.playbook.validation.conftest import hub

__all__ = ["hub"]
