"""A pull request's changes to the playbook, as the Markdown of one comment for its reviewers.

Every value comes from YAML someone edited, so it is data: HTML's `<`, `>` and
`&` are written as character references, each character GitHub's Markdown reads
as inline syntax is escaped with a backslash, and an `@` or `#` is kept from
mentioning anyone or linking an issue. Values are only ever placed after other
text on a line, never at its start, so block syntax (lists, headings) cannot
begin. Only the signatories the SLA names are @-mentioned, from their `github` logins.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hub_build.playbook.changes import SECTIONS, Changes, FieldChange, RecordChange
from hub_build.playbook.model import Person

# The hidden first line that finds the comment again on the next push.
MARKER = "<!-- hub-diff -->"
# GitHub refuses a comment longer than 65,536 characters; what does not fit is left to `hub diff`.
MAX_CHARACTERS = 60_000
# A value longer than this, or on several lines, is quoted whole under its record rather than inline.
INLINE = 80
SECTION_TITLES = {
    "sla": "Service-level agreement",
    "narrative": "Narrative",
    "term": "Terms",
    "person": "People",
    "track": "Onboarding tracks",
    "idea": "Content ideas",
}
SIGN_OFF = " _(needs both teams)_"
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Emphasis, code, links and images, tables, strikethrough, math, and the backslash itself.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]|~$])")
# A word joiner after an "@" or a "#": it reads the same, and GitHub no
# longer sees a mention to notify, or a reference to add to another issue's timeline.
_REFERENCE = re.compile(r"([@#])(?=\w)")
_WHITESPACE = re.compile(r"\s+")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Compared:
    """The two sides, as the comment names them."""

    base: str  # the revision's name as given, such as main
    base_commit: str
    head: str
    head_commit: str


def text(value: object) -> str:
    """Text from the playbook as inert Markdown on one line: no syntax, no mention."""
    escaped = _INLINE_SYNTAX.sub(r"\\\1", _WHITESPACE.sub(" ", str(value)).strip().translate(_HTML))
    return _REFERENCE.sub("\\1\u2060", escaped)


def code(value: str) -> str:
    """A file name or id as code, where a backtick cannot close the span early."""
    return f"`{value}`" if value.isprintable() and "`" not in value else text(value)


def render(
    changes: Changes,
    compared: Compared,
    *,
    people: Mapping[str, Person],
    unread: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The whole comment: the marker, a summary, the sign-off call, then each section's changes.

    `people` gives the signatories' names and logins; `unread` the files that did not
    load at each side (by the side's name), whose changes cannot be shown.
    """
    lines = [
        MARKER,
        "## What this pull request changes in the playbook",
        "",
        f"Comparing {text(compared.base)} ({code(compared.base_commit[:7])}) "
        f"with {text(compared.head)} ({code(compared.head_commit[:7])}): {_counts(changes)}.",
        "",
    ]
    for side, files in (unread or {}).items():
        if files:
            lines += _unread(side, files)
    if changes.needs_sign_off:
        lines += _sign_off(changes.signatories, people)
    for section in SECTIONS:
        records = [record for record in changes.records if record.section == section]
        if records:
            lines += [f"### {SECTION_TITLES[section]}", ""]
            for record in records:
                lines += _record(record)
            lines.append("")
    return fit(_BLANK_LINES.sub("\n\n", "\n".join(lines)).rstrip("\n") + "\n")


def fit(markdown: str, limit: int = MAX_CHARACTERS) -> str:
    """The comment cut at a line to fit GitHub's limit, saying how much was left out."""
    if len(markdown) <= limit:
        return markdown
    kept: list[str] = []
    size = 0
    lines = markdown.splitlines()
    for line in lines:
        if size + len(line) + 1 > limit - 200:
            break
        kept.append(line)
        size += len(line) + 1
    left = len(lines) - len(kept)
    return "\n".join(kept) + (
        f"\n\n…and {left} more lines, too many for one comment: run `hub diff` on this branch to read them all.\n"
    )


def _counts(changes: Changes) -> str:
    if not changes.records:
        return "no record changed; readers see the same playbook"
    counted = {
        change: sum(1 for r in changes.records if r.change == change)
        for change in ("added", "removed", "renamed", "changed")
    }
    return ", ".join(f"{count} {change}" for change, count in counted.items() if count)


def _unread(side: str, files: Sequence[str]) -> list[str]:
    listed = ", ".join(code(file) for file in files)
    return [
        "> [!WARNING]",
        f"> These files did not load at {text(side)}, so their changes are not shown: {listed}. "
        "`hub validate` on that revision says why.",
        "",
    ]


def _sign_off(signatories: Sequence[str], people: Mapping[str, Person]) -> list[str]:
    signers = ", ".join(_signer(person_id, people.get(person_id)) for person_id in signatories)
    return [
        "> [!IMPORTANT]",
        "> **Needs both teams' sign-off.** This changes what sales and marketing signed: "
        "the service-level agreement's clauses or signatories, or a shared KPI's formula or target.",
        f"> Who signs: {signers or 'the SLA names no signatories'}.",
        "",
    ]


def _signer(person_id: str, person: Person | None) -> str:
    if person is None:
        return text(person_id)
    if person.github:
        # A login is checked by the schema (letters, digits, hyphens): safe to mention as it is.
        return f"@{person.github} ({text(person.name)})"
    return f"{text(person.name)} (no GitHub login in {code(f'playbook/people/{person_id}.yaml')})"


def _record(record: RecordChange) -> list[str]:
    label, mark = text(record.label), SIGN_OFF if record.sign_off else ""
    if record.change == "added":
        return [f"- {label}: added{_where(record)}{mark}"]
    if record.change == "removed":
        return [f"- {label}: removed{_where(record)}{mark}"]
    lines = []
    if record.change == "renamed":
        lines.append(f"- {label}: renamed, {_renamed(record)}{mark}")
    for change in record.fields:
        lines += _field(label, change, SIGN_OFF if change.sign_off else "")
    return lines


def _where(record: RecordChange) -> str:
    return f" ({code(record.file)})" if record.section in ("term", "person", "track", "idea") else ""


def _renamed(record: RecordChange) -> str:
    old, new = record.old_id or "", record.new_id or ""
    if record.section in ("term", "person", "track", "idea"):
        old, new = record.file.replace(f"/{new}.yaml", f"/{old}.yaml"), record.file
    return f"{code(old)} → {code(new)}"


def _field(label: str, change: FieldChange, mark: str) -> list[str]:
    name = text(change.name)
    note = f", {text(change.note)}" if change.note else ""
    if isinstance(change.old, tuple) or isinstance(change.new, tuple):
        return [f"- {label}: {name} {_list_change(change)}{note}{mark}"]
    if _long(change.old) or _long(change.new):
        return [f"- {label}: {name} {_long_change(change)}{note}{mark}", "", *_quotes(change), ""]
    if change.old is None:
        return [f"- {label}: {name} set to {text(change.new)}{note}{mark}"]
    if change.new is None:
        return [f"- {label}: {name} {text(change.old)} removed{note}{mark}"]
    return [f"- {label}: {name} {text(change.old)} → {text(change.new)}{note}{mark}"]


def _list_change(change: FieldChange) -> str:
    parts = []
    if change.added:
        parts.append("added " + ", ".join(f"“{text(item)}”" for item in change.added))
    if change.removed:
        parts.append("removed " + ", ".join(f"“{text(item)}”" for item in change.removed))
    return "; ".join(parts) if parts else "reordered"


def _long(value: object) -> bool:
    return isinstance(value, str) and (len(value) > INLINE or "\n" in value)


def _long_change(change: FieldChange) -> str:
    return "added" if change.old is None else "removed" if change.new is None else "changed"


def _quotes(change: FieldChange) -> list[str]:
    """The old and the new text as quotes; where both exist, the words that differ struck out and underlined."""
    before = _words(change.old) if isinstance(change.old, str) else None
    after = _words(change.new) if isinstance(change.new, str) else None
    if before is not None and after is not None:
        _mark_differences(before, after)
    lines: list[str] = []
    for heading, words, tag in (("Before", before, "del"), ("After", after, "ins")):
        if words is not None:
            if lines:
                lines.append("")
            lines += _quote(heading, words, tag)
    return lines


# One changed word among thousands is not worth a quadratic comparison: longer texts are quoted whole.
_MARKED_WORDS = 2_000
_BREAK = "\n"
# Below this share of words in common, the two texts are quoted without marks.
_REWRITTEN = 0.5


@dataclass(slots=True)
class _Word:
    text: str  # _BREAK between paragraphs
    changed: bool = False


def _words(value: str) -> list[_Word]:
    words: list[_Word] = []
    for index, paragraph in enumerate(_PARAGRAPHS.split(value.strip())):
        if index:
            words.append(_Word(_BREAK))
        words += [_Word(word) for word in paragraph.split()]
    return words


def _mark_differences(before: list[_Word], after: list[_Word]) -> None:
    if max(len(before), len(after)) > _MARKED_WORDS:
        return
    matcher = difflib.SequenceMatcher(None, [w.text for w in before], [w.text for w in after], autojunk=False)
    if matcher.ratio() < _REWRITTEN:
        return  # a text written anew: marking nearly every word would show nothing
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation != "equal":
            for word in (*before[old_start:old_end], *after[new_start:new_end]):
                word.changed = word.text != _BREAK


def _quote(heading: str, words: list[_Word], tag: str) -> list[str]:
    """A quote, paragraph by paragraph, each run of changed words inside `<tag>` (escaped, like all text)."""
    paragraphs: list[list[str]] = [[]]
    run: list[str] = []
    for word in (*words, _Word(_BREAK)):
        if run and not word.changed:
            paragraphs[-1].append(f"<{tag}>{text(' '.join(run))}</{tag}>")
            run = []
        if word.text == _BREAK:
            paragraphs.append([])
        elif word.changed:
            run.append(word.text)
        else:
            paragraphs[-1].append(text(word.text))
    paragraphs = [paragraph for paragraph in paragraphs if paragraph] or [[]]
    lines = [f"  > **{heading}:** {' '.join(paragraphs[0])}".rstrip()]
    for paragraph in paragraphs[1:]:
        lines += ["  >", f"  > {' '.join(paragraph)}"]
    return lines
