"""Fixtures for the GitHub adapter's tests: the fake gh, and the minimal hub of tests/validation."""

from __future__ import annotations

from tests.github.fake_gh import fake_gh
from tests.validation.conftest import hub

__all__ = ["fake_gh", "hub"]
