"""The site: the playbook turned into pages (Markdown from Jinja templates),
tooltips, links to the Git host, and the texts of new records. No engine in it."""
