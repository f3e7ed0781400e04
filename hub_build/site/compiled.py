"""The hub's templates as compiled by an earlier build, kept in Jinja's per-user folder.

Compiling the page templates is a fixed cost of every build (about a tenth of a
second, half of rendering the sample's pages). Jinja keeps the compiled code in a
folder of the system's temporary files that only the user can write (it refuses a
folder another user could change), never in the hub, whose files a pull request
could change: compiled code is run as it is. Each entry is checked against its
template's source; its name also carries what shapes the compiled code (Jinja's
version and the sandbox's and environment's code), so code compiled for another
environment, or outside the sandbox, is never used for these templates.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import jinja2
import jinja2.bccache

_SHAPING = tuple(Path(__file__).resolve().parent / name for name in ("sandbox.py", "environment.py"))


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    def __init__(self, kind: str, directory: str | None = None) -> None:
        super().__init__(directory)
        self.kind = kind

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self.kind}|{name}|{filename}".encode()).hexdigest()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            return  # a folder that cannot be written only means compiling again next time


@functools.cache
def compiled_templates(environment: str) -> jinja2.BytecodeCache | None:
    """The kept compiled templates of one kind of environment; None where no private folder can hold them."""
    shaping = hashlib.sha256(jinja2.__version__.encode())
    for path in _SHAPING:
        shaping.update(path.read_bytes())
    try:
        return CompiledTemplates(f"hub-{environment}-{shaping.hexdigest()}")
    except (RuntimeError, OSError):
        return None
