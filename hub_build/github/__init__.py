"""Where the hub meets GitHub: issue forms in, pull requests, comments and issues out.

An adapter like the engines: it reads the playbook (and may use the site's
text helpers), and only the command line imports it.
"""
