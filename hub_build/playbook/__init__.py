"""The playbook core: reading, checking and modelling a hub's YAML files.

It knows nothing of sites, templates or engines; everything else in hub_build
depends on it, never the reverse.
"""
