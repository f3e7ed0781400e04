"""YAML that cannot be parsed, said where an editor shows it: the line and column, what went wrong
and what to do about it. The playbook's loader parses with it, and the hub checks mkdocs.yml with it
before an engine reads the file, so a syntax error is said the same way in either."""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

try:  # libyaml's C parser when PyYAML was built with it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from hub_build.playbook.problems import Problem


class LoadError(Exception):
    """A file that cannot become data; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# libyaml (YAML 1.1) also ends a line at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, which
# come in with text pasted from web pages. Editors and Git end lines only at CR LF, CR and LF
# and show those three inside a line, so a position after one is given where an editor shows it.
_YAML_ONLY_BREAKS = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")


class EditorLines:
    """libyaml's 0-based (line, column) as the 0-based line and column an editor shows."""

    def __init__(self, text: str) -> None:
        # Per line as libyaml counts them: the editor's line and the columns before it on that line.
        self.starts: list[tuple[int, int]] | None = None
        if any(mark in text for mark in _YAML_ONLY_BREAKS):
            starts = [(0, 0)]
            line = line_start = 0
            for found in _YAML_BREAK.finditer(text):
                if found.group() not in _YAML_ONLY_BREAKS:
                    line, line_start = line + 1, found.end()
                starts.append((line, found.end() - line_start))
            self.starts = starts

    def place(self, line: int, column: int) -> tuple[int, int]:
        if self.starts is None or line >= len(self.starts):
            return line, column
        editor_line, before = self.starts[line]
        return editor_line, before + column


def syntax_problem(text: str, file: str) -> Problem | None:
    """The YAML syntax error in `text`, where an editor shows it, or None: for a file the hub only
    checks before another program reads it (mkdocs.yml), which gives its own tags their meaning."""
    try:
        parse_events(text, file, EditorLines(text), lambda event: None)
    except LoadError as exc:
        return exc.problem
    return None


def yaml_problem(exc: yaml.YAMLError, text: str, file: str) -> Problem:
    """Any error a PyYAML loader raised reading `text` (the pure-Python one counts positions its own
    way), placed where an editor shows it: a syntax error as the hub's parser finds it, else where
    the loader stopped (a tag it cannot resolve, a second document)."""
    found = syntax_problem(text, file)
    if found is not None:
        return found
    mark = exc.problem_mark if isinstance(exc, yaml.MarkedYAMLError) else None
    line, column = EditorLines(text).place(mark.line, mark.column) if mark else (0, 0)
    problem = getattr(exc, "problem", None) or str(exc)
    return Problem(file, line + 1, column + 1, f"cannot be read: {problem}", hint="check the YAML at this place")


def parse_events(text: str, file: str, lines: EditorLines, feed: Callable[[yaml.Event], None]) -> None:
    """Each event of `text` given to `feed`, in order; LoadError at the first that cannot be parsed."""
    try:
        parser = _Loader(text)
        try:
            while parser.check_event():
                feed(parser.get_event())  # type: ignore[arg-type]  # never None after check_event
        finally:
            parser.dispose()
    except yaml.MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(exc, file, text, lines)) from None
    except yaml.reader.ReaderError as exc:
        raise LoadError(_character_problem(exc, file, text)) from None


def _character_problem(exc: yaml.reader.ReaderError, file: str, text: str) -> Problem:
    # libyaml counts UTF-8 bytes; lines and columns are counted in characters, as an editor does.
    offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
    breaks = list(_EDITOR_BREAK.finditer(text, 0, offset))
    return Problem(
        file,
        len(breaks) + 1,
        offset - (breaks[-1].end() if breaks else 0) + 1,
        f"the character U+{_code_point(exc.character):04X} is not allowed in YAML",
        hint="remove it; it is often an invisible control character pasted from another program",
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str, lines: EditorLines) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = lines.place(mark.line, mark.column) if mark else (0, 0)
    # The line libyaml stopped on, cut where libyaml cuts lines (a bare CR too).
    source = _YAML_BREAK.split(text, maxsplit=mark.line + 1) if mark else []
    source_line = source[mark.line] if mark and mark.line < len(source) else ""
    problem = exc.problem or "invalid YAML"
    message = f"YAML syntax error: {problem}"
    if exc.context:
        message += f" ({exc.context}"
        if exc.context_mark and exc.context_mark is not mark:
            message += f" at line {lines.place(exc.context_mark.line, exc.context_mark.column)[0] + 1}"
        message += ")"
    hint = _syntax_hint(problem, exc.context or "", source_line)
    if lines.starts is not None:  # the file holds a break only YAML sees, which may have cut a value in two
        hint = _unseen_break(text, line) or hint
    return Problem(file, line + 1, column + 1, message, hint=hint)


def _unseen_break(text: str, at: int) -> str | None:
    """The hint naming a break only YAML sees on the line of a syntax error or the line above it.

    A break that cuts a value makes libyaml stop on the next line it sees, which starts at the
    break or on the editor's next line. One further away (inside a quoted value in an unclosed
    bracket, say) did not cause the error, and the hint about the error itself is the right one.
    """
    shown = _EDITOR_BREAK.split(text)
    for line in range(max(at - 1, 0), min(at + 1, len(shown))):
        for column, char in enumerate(shown[line]):
            if char in _YAML_ONLY_BREAKS:
                return (
                    f"line {line + 1} holds an invisible {_YAML_ONLY_BREAKS[char]} (U+{ord(char):04X}) at "
                    f"column {column + 1}, which YAML reads as a line break: delete it, or put the text in quotes"
                )
    return None


TOO_DEEP_HINT = "flatten the structure: no playbook field needs this much nesting"


def _syntax_hint(problem: str, context: str, source_line: str) -> str:
    if "nesting depth" in problem:  # libyaml's own limit, met before the hub's (MAX_DEPTH)
        return TOO_DEEP_HINT
    if "\t" in source_line or "tab" in problem:
        return "indent with spaces, never with tabs"
    if "quoted scalar" in context:
        return "a quote is opened but never closed: add the closing quote"
    if "flow" in context:
        return "a bracket [ or brace { is opened but never closed, or a comma is missing"
    # libyaml's "did not find expected <document start>": text after a document's end marker.
    if "document" in problem or "document" in context:
        return "a playbook file holds one record: remove the extra '---' or split the file"
    if "mapping values are not allowed" in problem:
        return "put text that contains ': ' in quotes, or fix the indentation of this line"
    return "check the indentation and the quotes on this line and the line above"


def _code_point(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)
