"""One module per `hub` command, each with its options (`register`) and what it does (`run`).

`COMMANDS` is the order `hub --help` lists them in.
"""

from __future__ import annotations

from hub_build.cli.commands import (
    build,
    diff,
    digest,
    export,
    forms,
    importing,
    init,
    new,
    onboard,
    plan,
    propose,
    serve,
    validate,
)

COMMANDS = (validate, build, serve, export, plan, diff, new, importing, digest, forms, propose, onboard, init)
