"""Build a sales and marketing alignment hub from a playbook kept in Git."""

__version__ = "0.1.0"
