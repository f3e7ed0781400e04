"""Fixtures for the GitHub adapter's tests."""

from __future__ import annotations

from tests.github.fake_gh import fake_gh

__all__ = ["fake_gh"]
