"""Build a sales and marketing alignment hub from a playbook kept in Git."""

# The one place the version is written: the package's metadata reads it from here
# (hatch's dynamic version in pyproject.toml), and `hub --version` prints it.
__version__ = "0.1.0"
