"""One thin adapter per site engine, and building a site without losing the last good one."""
