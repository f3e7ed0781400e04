"""The hub's generated pages: the playbook rendered to Markdown through Jinja templates.

This is plain Python with no MkDocs in it: it returns Markdown text per page,
and the MkDocs plugin only hands those pages to the build. Templates live in
`templates/`; a hub overrides any of them by putting a file of the same name in
its own templates folder.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import os
import posixpath
import traceback
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.runtime import Macro
from markupsafe import Markup

from hub_build.site import linked, plan, sandbox, text
from hub_build.site.sandbox import DEFAULT_SECONDS, BoundedSandbox, OverBudget, bounded_output, budget
from hub_build.site.history import MAX_COMMITS, Change
from hub_build.site.host import Corrections
from hub_build.site.compiled import compiled_templates
from hub_build.site.kept import Kept, made
from hub_build.site.recent import recent
from hub_build.playbook.config import Holiday
from hub_build.playbook.loading import Document, LoadError, decode
from hub_build.playbook.model import IDEA_STATUSES, TEAMS, Idea, Person, Playbook, Term, Track
from hub_build.playbook.problems import Problem
from hub_build.playbook.review import DUE_SOON_DAYS, ReviewItem, review_items
from hub_build.playbook.scorecard import Scorecard, Waiting, waiting_ideas
from hub_build.site import scorecard_view

TEMPLATES = Path(__file__).resolve().parent / "templates"

HOME = "index.md"
NARRATIVE = "narrative.md"
GLOSSARY = "glossary.md"
SLA = "sla.md"
PEOPLE = "people.md"
ONBOARDING = "onboarding/index.md"
CALENDAR = "calendar.md"
SCORECARD = scorecard_view.SCORECARD
# Pages an onboarding step can ask the hire to read: generated ones, and the
# hand-written ones in docs/.
READABLE = {
    "home": (HOME, "the hub's home page"),
    "narrative": (NARRATIVE, "the go-to-market narrative"),
    "glossary": (GLOSSARY, "the glossary"),
    "sla": (SLA, "the service-level agreement"),
    "people": (PEOPLE, "the people directory"),
    "calendar": (CALENDAR, "the content calendar"),
    "scorecard": (SCORECARD, "the scorecard"),
    "propose": ("propose.md", "how to propose a content idea"),
    "why-alignment": ("why-alignment.md", "why alignment matters"),
    "contributing": ("contributing.md", "how to contribute to the hub"),
}
PAGE_NAMES = {name: label for name, (_uri, label) in READABLE.items()}


def track_uri(track_id: str) -> str:
    return f"onboarding/{track_id}.md"


def idea_uri(idea_id: str) -> str:
    return f"ideas/{idea_id}.md"


def status_uri(status: str) -> str:
    """The page of every idea in one status, when the board shows only the most recent."""
    return f"calendar/{status}.md"


# The board on the calendar page shows at most this many ideas in each status.
BOARD_SHOWN = 25


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: where it goes, its Markdown, and the YAML file it shows."""

    uri: str
    title: str
    markdown: str
    source: str | None = None  # the one YAML file behind the page, for "Edit this page"
    # A long page's text after its front matter, cut where the template marks a section
    # break; empty when the page is one section. An engine that converts the sections one by
    # one can keep each one's HTML, so that a save converts again only the sections it changed.
    sections: tuple[str, ...] = ()


@dataclass(slots=True)
class Mention:
    """A place in the playbook that names a person."""

    link: Markup
    role: str


# The home page lists this many late decisions, longest wait first; the calendar has every idea.
LATE_SHOWN = 20


@dataclass(slots=True)
class SiteData:
    """What several pages need, computed once for the whole playbook."""

    playbook: Playbook
    today: dt.date
    reviews: list[ReviewItem]
    due_for_review: list[ReviewItem] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    ideas_by_stage: dict[str, list[Idea]] = field(default_factory=dict)
    root: Path | None = None  # the hub's root, to name a failing template as its maintainer knows it
    new_idea_url: Markup | None = None  # the Git host's editor, prefilled with a new idea
    idea_form_url: Markup | None = None  # GitHub's "Propose a content idea" issue form
    corrections: Corrections | None = None  # "Something wrong or missing?" on every page
    scorecard: Scorecard = field(default_factory=Scorecard)  # results against targets, for any page to show
    waiting: dict[str, Waiting] = field(default_factory=dict)  # idea id → its wait for a decision the SLA promises
    late: list[Waiting] = field(default_factory=list)  # the waits past the promise, longest first
    cache: PageCache | None = None  # under `hub serve`, what the last rendering made
    template_seconds: float = DEFAULT_SECONDS  # each page's rendering budget (see sandbox.py)


class Links:
    """Markdown links from one page to the records of the playbook."""

    def __init__(self, page_uri: str, playbook: Playbook) -> None:
        self.page_uri = page_uri
        self.playbook = playbook

    def to(self, uri: str, anchor: str | None = None) -> Markup:
        """A relative link target, as MkDocs expects between Markdown files."""
        relative = _relative(uri, posixpath.dirname(self.page_uri) or ".")
        return Markup(relative + (f"#{anchor}" if anchor else ""))

    def _link(self, label: object, uri: str, anchor: str | None = None) -> Markup:
        return Markup(f"[{text.plain(label)}]({self.to(uri, anchor)})")

    def person(self, person_id: str) -> Markup:
        person = self.playbook.people.get(person_id)
        return self._link(person.name if person else person_id, PEOPLE, person_id)

    def term(self, term_id: str, label: str | None = None) -> Markup:
        term = self.playbook.terms.get(term_id)
        shown = label or (term.abbreviation or term.name if term else term_id)
        return self._link(shown, GLOSSARY, term_id)

    def persona(self, persona_id: str) -> Markup:
        return self._narrative_link("personas", persona_id, "persona", "name")

    def stage(self, stage_id: str) -> Markup:
        return self._narrative_link("stages", stage_id, "stage", "name")

    def proposition(self, proposition_id: str) -> Markup:
        return self._narrative_link("value_propositions", proposition_id, "vp", "title")

    def _narrative_link(self, collection: str, item_id: str, anchor: str, label: str) -> Markup:
        items = getattr(self.playbook.narrative, collection, [])
        found = next((item for item in items if item.id == item_id), None)
        return self._link(getattr(found, label) if found else item_id, NARRATIVE, f"{anchor}-{item_id}")

    def clause(self, clause_id: str, *, label: str | None = None) -> Markup:
        sla = self.playbook.sla
        clause = next((c for c in sla.clauses if c.id == clause_id), None) if sla else None
        shown = label or (f"{clause.number} {clause.title}" if clause else clause_id)
        return self._link(shown, SLA, f"clause-{clause_id}")

    def idea(self, idea: Idea) -> Markup:
        return self._link(idea.title, idea_uri(idea.id))

    def track(self, track: Track) -> Markup:
        return self._link(track.title, track_uri(track.id))

    def page(self, name: str, label: str | None = None) -> Markup:
        uri, default = READABLE[name]
        return self._link(label or default, uri)

    def file(self, file: str, label: str | None = None) -> Markup:
        """A link to where a playbook file shows in the hub, or its name if it is gone."""
        parts = file.split("/")
        record = parts[-1].removesuffix(".yaml")
        folder = parts[1] if len(parts) == 3 else None
        targets: dict[str, tuple[str, str | None, Mapping[str, object]]] = {
            "terms": (GLOSSARY, record, self.playbook.terms),
            "people": (PEOPLE, record, self.playbook.people),
            "onboarding": (track_uri(record), None, self.playbook.tracks),
            "content": (idea_uri(record), None, self.playbook.ideas),
        }
        target = targets.get(folder) if folder else None
        if target and record in target[2]:
            return self._link(label or _record_label(target[2][record]), target[0], target[1])
        if file == "playbook/narrative.yaml" and self.playbook.narrative:
            return self._link(label or "Narrative", NARRATIVE)
        if file == "playbook/sla.yaml" and self.playbook.sla:
            return self._link(label or "Service-level agreement", SLA)
        return text.plain(label or file)

    def source(self, file: str | None, repo_edit_base: str | None) -> Markup | None:
        """A link that opens the YAML file in the Git host's editor."""
        if not file or not repo_edit_base:
            return None
        return Markup(f"{repo_edit_base}{file}")


@functools.lru_cache(maxsize=4096)
def _relative(uri: str, folder: str) -> str:
    # Pages link to the same few targets thousands of times; relpath is slow.
    return posixpath.relpath(uri, folder)


def _record_label(record: object) -> str:
    for attribute in ("label", "title", "name"):
        if isinstance(value := getattr(record, attribute, None), str):
            return value
    return str(record)


class TemplateFailed(Exception):
    """A template could not be read or rendered; carries the problem to report (and any others found with it)."""

    def __init__(self, problem: Problem, *others: Problem) -> None:
        super().__init__(f"{problem.file}:{problem.line}:{problem.column}: {problem.message}")
        self.problem = problem
        self.problems = (problem, *others)


def environment(custom: Path | None = None, *, root: Path | None = None) -> jinja2.Environment:
    """Templates from the hub's own folder first, then the ones shipped here.

    Kept for the life of the process while the set of override files stays the
    same: compiling the templates is most of the cost of rendering a small hub,
    and the loader still notices a template edited on disk (as under `hub serve`).
    """
    present = _overrides(custom, root) if custom is not None and custom.is_dir() else None
    return _environment(custom if present is not None else None, present, root)


def _overrides(folder: Path, root: Path | None) -> tuple[str, ...]:
    """The override files, each checked to be a regular file (a pipe would block the template
    loader) of UTF-8 text (the loader's own error names neither the file nor the place); and
    no link, at any depth, leading out of the repository (a template may include any file)."""
    links = linked.refused_links(folder, root or folder)
    if links:
        raise TemplateFailed(*links)
    names = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not entry.is_file():  # follows links: a link to a regular file is fine
            if entry.is_dir(follow_symlinks=False):
                continue
            raise TemplateFailed(Problem(_shown_template(entry.path, root), 1, 1,
                                         "not a regular file, so it is not read as a template",
                                         hint="template overrides are ordinary text files: remove this one"))
        try:
            decode(Path(entry.path).read_bytes(), _shown_template(entry.path, root))
        except LoadError as exc:
            raise TemplateFailed(exc.problem) from None
        names.append(entry.name)
    return tuple(names)


@functools.lru_cache(maxsize=8)
def _environment(custom: Path | None, present: tuple[str, ...] | None, root: Path | None) -> jinja2.Environment:
    """Sandboxed and immutable: a template a pull request adds to the hub's
    overrides can format the playbook's data, but cannot reach Python's
    internals or change the data other pages are rendered from; and bounded,
    so that it cannot run or write without end.
    """
    folders = [str(p) for p in (custom, TEMPLATES) if p is not None and p.is_dir()]
    env = BoundedSandbox(
        loader=_OverridesLoader(folders, custom, root or custom),
        bytecode_cache=compiled_templates("pages"),  # compiled by an earlier build (compiled.py)
        # Every value printed with {{ }} is literal text unless a filter below
        # says it is Markdown; playbook text is never itself a template.
        finalize=_finalize,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=text.markdown, url=text.url, plain=text.plain, day=_day, month=_month,
                       join=_join, counted=_counted, weekday=_weekday, figure=scorecard_view.figure)
    env.globals.update(idea_uri=idea_uri, due_soon_days=DUE_SOON_DAYS, region=region,
                       next_steps=scorecard_view.NEXT_STEPS, recent=scorecard_view.RECENT, teams=("marketing", "sales"),
                       section_break=_section_break, chunk_end=_chunk_end, status_uri=status_uri,
                       board_shown=BOARD_SHOWN)
    return env


class _OverridesLoader(jinja2.FileSystemLoader):
    """Jinja's loader, refusing an override read through a link out of the repository: a second
    guard, for a link made after the overrides were looked over."""

    def __init__(self, folders: list[str], custom: Path | None, root: Path | None) -> None:
        super().__init__(folders)
        self.custom, self.root = custom, root

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        path = Path(filename)
        if (self.custom is not None and self.root is not None and path.is_relative_to(self.custom)
                and linked.leaves(path, self.root)):
            raise TemplateFailed(linked.refused(path, self.root))
        return source, filename, uptodate


def _join(items: Iterable[object], separator: object = "") -> Markup:
    """Jinja's join, escaping each item as literal text unless it already is Markup."""
    return Markup(_finalize(separator)).join(_finalize(item) for item in items)


def _finalize(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return text.plain(value)


def _counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 | counted("term")` → "1 term"; `3 | counted("person", "people")` → "3 people"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def _day(value: dt.date | None) -> str:
    # The day without its leading zero: strftime has no portable flag for it (glibc alone has one).
    return f"{value.day} {value:%b %Y}" if value else ""


def _weekday(value: dt.date | None) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}" if value else ""


def _month(value: dt.date) -> str:
    return value.strftime("%B %Y")


def render_site(
    playbook: Playbook,
    *,
    today: dt.date,
    history: list[Change] | None = None,
    custom_templates: Path | None = None,
    root: Path | None = None,
    edit_base: str | None = None,
    new_idea_url: str | None = None,
    idea_form_url: str | None = None,
    corrections: Corrections | None = None,
    holidays: tuple[Holiday, ...] = (),
    cache: PageCache | None = None,
    scorecard: Scorecard | None = None,
    charts: Mapping[str, Markup] | None = None,
    template_seconds: float = DEFAULT_SECONDS,
) -> list[Page]:
    """Every generated page of the hub, as Markdown; with `cache`, unchanged records' pages as last time.

    `scorecard` and `charts` are computed here unless the caller has them already. Each
    page's rendering is stopped after `template_seconds`.
    """
    env = environment(custom_templates, root=root)
    if cache is not None:
        cache.parts.start()
    data = _site_data(playbook, today, cache.parts if cache else None)
    data.scorecard = scorecard or scorecard_view.build_scorecard(
        playbook, today=today, holidays={h.date for h in holidays})
    _add_waiting(data, holidays)
    charts = charts if charts is not None else scorecard_view.charts(data.scorecard)
    data.root = root
    data.cache = cache
    data.template_seconds = template_seconds
    data.new_idea_url = Markup(new_idea_url) if new_idea_url else None
    data.idea_form_url = Markup(idea_form_url) if idea_form_url else None
    data.corrections = corrections
    if cache is not None:
        cache.start(_world(playbook, today, edit_base, (new_idea_url, idea_form_url, corrections), holidays, env))
    board = _board(playbook)
    pages = [
        _render(env, "home.md.j2", HOME, "Home", data, edit_base, meta={"hide": ["navigation"]},
                context={"glossary_examples": _glossary_examples(playbook), "late_shown": LATE_SHOWN,
                         "changes": recent(history[:MAX_COMMITS], playbook, Links(HOME, playbook)) if history else []}),
        _render(env, "glossary.md.j2", GLOSSARY, "Glossary", data, edit_base,
                context={"terms": _glossary_order(playbook)}),
        _render(env, "people.md.j2", PEOPLE, "People", data, edit_base,
                context={"teams": _people_by_team(playbook), "filters": _people_filters(playbook)}),
        _render(env, "onboarding.md.j2", ONBOARDING, "Onboarding", data, edit_base),
        _render(env, "calendar.md.j2", CALENDAR, "Content calendar", data, edit_base,
                context=_calendar(playbook, board)),
        _render(env, "scorecard.md.j2", SCORECARD, "Scorecard", data, edit_base,
                context={"scorecard": data.scorecard, "charts": charts}),
    ]
    if playbook.narrative:
        pages.append(_render(env, "narrative.md.j2", NARRATIVE, "Narrative", data, edit_base,
                             source=_file(playbook.narrative.document), context={"narrative": playbook.narrative}))
    if playbook.sla:
        pages.append(_render(env, "sla.md.j2", SLA, "Service-level agreement", data, edit_base,
                             source=_file(playbook.sla.document), context={"sla": playbook.sla}))
    for status, ideas in board.items():
        if len(ideas) > BOARD_SHOWN:
            label = f"{status.capitalize()} ideas"
            pages.append(_render(env, "status.md.j2", status_uri(status), label, data, edit_base,
                                 context={"status": status, "ideas": ideas}))
    for track in sorted(playbook.tracks.values(), key=lambda t: t.title):
        pages.append(_kept(cache, track.document, functools.partial(_track_page, env, track, data, edit_base, holidays)))
    for idea in playbook.ideas.values():
        pages.append(_kept(cache, idea.document, functools.partial(_idea_page, env, idea, data, edit_base)))
    return pages


def _track_page(env: jinja2.Environment, track: Track, data: SiteData, edit_base: str | None,
                holidays: tuple[Holiday, ...]) -> Page:
    return _render(env, "track.md.j2", track_uri(track.id), track.title, data, edit_base,
                   source=_file(track.document), context=_track(track, data.playbook, holidays))


def _idea_page(env: jinja2.Environment, idea: Idea, data: SiteData, edit_base: str | None) -> Page:
    return _render(env, "idea.md.j2", idea_uri(idea.id), idea.title, data, edit_base,
                   source=_file(idea.document), context={"idea": idea})


class PageCache:
    """The pages of ideas and tracks kept from one rendering to the next (under `hub serve`).

    Such a page shows its own record and, through links and names, the records
    of other kinds (people, the narrative, the SLA, terms); never another idea
    or track. So a kept page is used again while its own file's document and
    everything but ideas and tracks are the very same objects (the validation's
    `Documents` gives an unchanged file's document again), and templates are the
    built-in ones: a hub's override may show anything.
    """

    def __init__(self) -> None:
        self._world: tuple[object, ...] | None = None
        self._pages: dict[int, tuple[Document, Page]] = {}
        self._next: dict[int, tuple[Document, Page]] = {}
        self._safe: dict[str, str] = {}  # a section's Markdown → the same with its links made safe
        self._safe_next: dict[str, str] = {}
        # A record's entry on a page that lists many (a person on the people page, an idea
        # in a list): (page, macro, the record's document, the other inputs) → its text.
        self.parts = Kept()  # what several pages use, one part per record (an idea's link, say)
        self._rows: dict[tuple[object, ...], tuple[Document, Markup]] = {}
        self._rows_next: dict[tuple[object, ...], tuple[Document, Markup]] = {}

    def start(self, world: tuple[object, ...] | None) -> None:
        """Begin a rendering: the pages kept are used only if the world is the one of last time
        (never when it is None, a hub's own templates being used)."""
        same = world is not None and self._world is not None and _same(world, self._world)
        self._world = world
        self._pages = self._next if same else {}
        self._next = {}
        self._safe, self._safe_next = self._safe_next, {}
        self._rows = self._rows_next if same else {}
        self._rows_next = {}

    def row(self, key: tuple[object, ...], document: Document, render: Callable[[], Markup]) -> Markup:
        """An entry as rendered last time for the same document (the very object) and `key`."""
        full = (id(document), *key)  # the document is held with the entry, so its id is not reused
        kept = self._rows.get(full)
        text = kept[1] if kept is not None and kept[0] is document else render()
        self._rows_next[full] = (document, text)
        return text

    def safe_page_links(self, section: str) -> str:
        """`text.safe_page_links` of a section, as made last time when its text is the same
        (the pass depends on nothing else)."""
        made = self._safe.get(section)
        if made is None:
            made = text.safe_page_links(section)
        self._safe_next[section] = made
        return made

    def get(self, document: Document) -> Page | None:
        kept = self._pages.get(id(document))
        return kept[1] if kept is not None and kept[0] is document else None

    def keep(self, document: Document, page: Page) -> None:
        self._next[id(document)] = (document, page)  # the document is held, so its id is not reused


def _kept(cache: PageCache | None, document: Document | None, render: Callable[[], Page]) -> Page:
    if cache is None or document is None:
        return render()
    page = cache.get(document)
    if page is None:
        page = render()
    cache.keep(document, page)
    return page


def _world(playbook: Playbook, today: dt.date, edit_base: str | None, new_idea_url: object,
           holidays: tuple[Holiday, ...], env: jinja2.Environment) -> tuple[object, ...] | None:
    """What a record's page shows besides its own record; None when a hub's templates are used."""
    if len(getattr(env.loader, "searchpath", ())) != 1:
        return None
    documents = [getattr(playbook.narrative, "document", None), getattr(playbook.sla, "document", None),
                 *(term.document for term in playbook.terms.values()),
                 *(person.document for person in playbook.people.values())]
    return (today, edit_base, new_idea_url, holidays, *documents)


def _same(world: tuple[object, ...], before: tuple[object, ...]) -> bool:
    # Documents are compared by identity: an unchanged file gives the same object.
    return len(world) == len(before) and all(
        a is b or (not isinstance(a, Document) and a == b) for a, b in zip(world, before, strict=True))


def _kept_entries(cache: PageCache | None, page_uri: str) -> Callable[..., Markup]:
    """The templates' `kept(macro, record, *inputs)`: the macro's text for a record, rendered
    again only when the record's file or the other inputs changed (with a cache)."""
    def kept(macro: Macro, record: object, *inputs: object) -> Markup:
        document = getattr(record, "document", None)
        try:
            key = _fingerprint(inputs)
        except _NoFingerprint:
            key = None
        if cache is None or not isinstance(document, Document) or key is None:
            return Markup(macro(record, *inputs))
        return cache.row((page_uri, macro.name, key), document, lambda: Markup(macro(record, *inputs)))
    return kept


class _NoFingerprint(Exception):
    """An input of a kind `_fingerprint` does not know: the entry is always rendered."""


def _fingerprint(value: object) -> object:
    """A value standing for a macro's other inputs, equal when they are."""
    if value is None or isinstance(value, (str, int, float, dt.date)):
        return value
    if isinstance(value, Mention):
        return (value.link, value.role)
    if isinstance(value, (list, tuple)):
        return tuple(_fingerprint(item) for item in value)
    raise _NoFingerprint


def _file(document: Document | None) -> str | None:
    return document.file if document is not None else None


NEW_IDEA_MARKER = "<!-- hub:new-idea-button -->"
# Where a template ends a section: a character no YAML file can hold (YAML allows no
# control characters but tab and line breaks), so no playbook text can end one.
SECTION_BREAK = "\x1e"
# A long list is cut after about one record in CHUNK, chosen by the record's id rather
# than by its place, so that adding or removing a record moves no other cut.
CHUNK = 32


def _section_break() -> Markup:
    return Markup(SECTION_BREAK)


def _chunk_end(key: str, every: int = CHUNK) -> Markup:
    """A section break after the record with this id, for about one record in `every`."""
    return Markup(SECTION_BREAK) if zlib.crc32(key.encode("utf-8")) % every == 0 else Markup("")


def fill_markers(markdown: str, *, new_idea_url: str | None, idea_form_url: str | None = None) -> str:
    """Put the buttons that propose an idea where a page asks for them: the form first, where the hub has one,
    then the Git host's editor prefilled with a new idea file, for those who use Git."""
    if NEW_IDEA_MARKER not in markdown or not (new_idea_url or idea_form_url):
        return markdown
    buttons = []
    if idea_form_url:
        buttons.append(f"[:material-form-select: Propose an idea with a form]({idea_form_url})"
                       "{ .md-button .md-button--primary target=_blank }")
    if new_idea_url:
        label, style = (("Write the file in GitHub's editor", ".md-button") if idea_form_url
                        else ("Propose an idea in your browser", ".md-button .md-button--primary"))
        buttons.append(f"[:material-file-plus: {label}]({new_idea_url}){{ {style} target=_blank }}")
    return markdown.replace(NEW_IDEA_MARKER, "\n".join(buttons))


def heading_of(markdown: str, uri: str) -> str:
    """A hand-written page's title: its first `# ` heading, else its file name."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return posixpath.splitext(posixpath.basename(uri))[0].replace("-", " ").capitalize()


def with_correction(markdown: str, url: str | None) -> str:
    """A page's Markdown with "Something wrong or missing?" at its end, opening a new issue about it."""
    if not url:
        return markdown
    return (markdown.rstrip("\n") + "\n\n<small class=\"hub-correction\">:material-message-alert-outline: "
            f"[Something wrong or missing?]({url}){{ target=_blank rel=noopener }}</small>\n")


def _render(env: jinja2.Environment, template: str, uri: str, title: str, data: SiteData, edit_base: str | None,
            *, source: str | None = None, meta: dict[str, object] | None = None,
            context: Mapping[str, object] | None = None) -> Page:
    links = Links(uri, data.playbook)
    where = template
    try:
        loaded = env.get_template(template)
        where = loaded.filename or template
        with budget(data.template_seconds):
            body = bounded_output(loaded.generate(
                site=data, playbook=data.playbook, links=links, today=data.today, title=title, page_uri=uri,
                edit_base=edit_base, new_idea_url=data.new_idea_url, idea_form_url=data.idea_form_url,
                kept=_kept_entries(data.cache, uri),
                **(context or {}),
            ))
    except TemplateFailed:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFailed(_template_problem(exc.filename or template, exc.lineno, f"syntax error: {exc.message}",
                                               _TEMPLATE_HINT, data.root)) from None
    except Exception as exc:  # whatever a template does wrong, said as its file and line
        filename, line = _template_frame(exc, where)
        hint = _budget_hint(data.template_seconds) if isinstance(exc, OverBudget) else _TEMPLATE_HINT
        raise TemplateFailed(_template_problem(filename, line, _template_error(exc), hint, data.root)) from None
    if edit_base is not None:
        # "Edit this page" opens the YAML file behind the page, on every engine that
        # reads it from the front matter; a page gathering many files has none.
        meta = {**(meta or {}), "edit_url": f"{edit_base}{source}" if source else ""}
    if data.corrections is not None:
        body = with_correction(body, data.corrections.url(title, uri, source))
    made_safe = data.cache.safe_page_links if data.cache else text.safe_page_links
    sections = [made_safe(section) for section in body.split(SECTION_BREAK)]
    return Page(uri, title, _front_matter(title, meta) + "".join(sections), source,
                tuple(sections) if len(sections) > 1 else ())


_TEMPLATE_HINT = "fix the template, or delete it to use the built-in one"


def _template_frame(exc: BaseException, template: str) -> tuple[str, int]:
    """The innermost template line in the traceback (Jinja maps its frames to template lines).

    A template's frame is known by what Jinja puts in the globals of the frames it
    writes for template lines, not by its file's name: an override may include a file
    of any name.
    """
    found = (template, 1)
    for frame, line in traceback.walk_tb(exc.__traceback__):
        if "__jinja_exception__" in frame.f_globals:
            found = (frame.f_code.co_filename, line)
    return found


def _budget_hint(seconds: float) -> str:
    return (f"each page's template has {sandbox.seconds(seconds)} (template_seconds in hub.yaml): "
            "make its loops and macros do less work, or delete it to use the built-in one")


def _template_error(exc: Exception) -> str:
    if isinstance(exc, OverBudget):
        return f"the template {exc}"
    if isinstance(exc, SecurityError):
        return f"not allowed in a template: {exc}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"undefined value: {exc.message}"
    return f"the template failed: {type(exc).__name__}: {exc}"


def _template_problem(filename: str, line: int | None, message: str, hint: str, root: Path | None) -> Problem:
    first_line = message.splitlines()[0] if message else "failed"
    return Problem(_shown_template(filename, root), line or 1, 1, first_line, hint=hint)


def _shown_template(filename: str, root: Path | None) -> str:
    """A template's path as the maintainer knows it: from the hub's root, or inside hub_build."""
    path = Path(filename)
    if path.is_relative_to(TEMPLATES):
        return f"hub_build/site/templates/{path.relative_to(TEMPLATES).as_posix()}"
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.as_posix()


def _front_matter(title: str, meta: dict[str, object] | None) -> str:
    # Themes print the page title into <title>, the navigation and the search
    # index without escaping it, so it is set here, escaped for HTML, rather
    # than taken from the first heading. JSON is valid YAML front matter.
    return f"---\n{json.dumps({'title': html.escape(title), **(meta or {})})}\n---\n\n"


def _site_data(playbook: Playbook, today: dt.date, kept: Kept | None = None) -> SiteData:
    data = SiteData(playbook, today, review_items(playbook))
    data.due_for_review = [item for item in data.reviews if item.needs_attention(today)]
    data.mentions = _mentions(playbook, kept)
    for idea in sorted(playbook.ideas.values(), key=_idea_order):
        data.ideas_by_stage.setdefault(idea.stage, []).append(idea)
    return data


def _add_waiting(data: SiteData, holidays: tuple[Holiday, ...]) -> None:
    """Which ideas wait for a decision, for their pages and, past the SLA's promise, for the home page."""
    for waiting in waiting_ideas(data.playbook, today=data.today, holidays={h.date for h in holidays}):
        if data.waiting.setdefault(waiting.idea.id, waiting) is waiting and waiting.late:
            data.late.append(waiting)


def _mentions(playbook: Playbook, kept: Kept | None = None) -> dict[str, list[Mention]]:
    """For each person, the onboarding steps, clauses and ideas that name them (with `kept`,
    each idea's link as made last time while its file is unchanged)."""
    found: dict[str, list[Mention]] = defaultdict(list)
    links = Links(PEOPLE, playbook)
    for track in sorted(playbook.tracks.values(), key=lambda t: t.title):
        for step in track.steps:
            if step.action in ("meet", "shadow"):
                verb = "introduction" if step.action == "meet" else "shadowing"
                found[step.subject].append(Mention(links.track(track), f"{verb} on day {step.day}"))
    if playbook.sla:
        for clause in playbook.sla.clauses:
            for contact in clause.contacts:
                found[contact].append(Mention(links.clause(clause.id), "point of contact"))
        for signatory in playbook.sla.signatories:
            found[signatory.person].append(Mention(links.page("sla", "Service-level agreement"), "signatory"))
    for idea in sorted(playbook.ideas.values(), key=_idea_order):
        link = made(kept, idea.document, ("link from the people page",), functools.partial(links.idea, idea))
        found[idea.proposed_by].append(Mention(link, f"proposed this idea ({idea.status})"))
        if idea.owner:
            found[idea.owner].append(Mention(link, "owns this idea"))
    for term in playbook.terms.values():
        if term.kpi:
            for team, owner in term.kpi.owners.items():
                found[owner].append(Mention(links.term(term.id, term.name), f"{team} owner of this KPI"))
    return dict(found)


def _idea_order(idea: Idea) -> tuple[int, dt.date, str]:
    return (IDEA_STATUSES.index(idea.status), idea.scheduled_for or idea.published_on or idea.proposed_on, idea.title)


def _glossary_order(playbook: Playbook) -> list[tuple[str, str, list[Term]]]:
    """(letter, anchor key, terms) A–Z, by the name people look for (the abbreviation first).

    Accented letters file under their base letter; digits and symbols under "#",
    whose anchor is "other".
    """
    by_letter: dict[str, list[Term]] = defaultdict(list)
    for term in sorted(playbook.terms.values(), key=lambda t: (t.abbreviation or t.name).casefold()):
        first = unicodedata.normalize("NFKD", (term.abbreviation or term.name).strip())[:1].upper()[:1]
        by_letter[first if first.isascii() and first.isalpha() else "#"].append(term)
    return [(letter, "other" if letter == "#" else letter.lower(), terms)
            for letter, terms in sorted(by_letter.items(), key=lambda item: (item[0] == "#", item[0]))]


def _glossary_examples(playbook: Playbook, count: int = 3) -> list[str]:
    """The first lifecycle stages by their abbreviations (MQL, SAL, SQL), to show what the glossary holds."""
    stages = sorted((t for t in playbook.terms.values() if t.lifecycle_stage is not None and t.abbreviation),
                    key=lambda t: (t.lifecycle_stage or 0, t.name))
    names = [t.abbreviation or t.name for t in stages]
    others = sorted((t for t in playbook.terms.values() if t not in stages), key=lambda t: t.name.casefold())
    return (names + [t.abbreviation or t.name for t in others])[:count]


def _people_by_team(playbook: Playbook) -> list[tuple[str, list[Person]]]:
    teams = []
    for team in TEAMS:
        people = sorted((p for p in playbook.people.values() if p.team == team), key=lambda p: p.name.casefold())
        teams.append((team, people))
    return teams


# The area of an IANA time zone ("Europe/Berlin") is where a person works, near
# enough to filter by: no field to fill in, and right for every hub.
_REGIONS = {"America": "Americas", "Europe": "Europe", "Africa": "Africa", "Asia": "Asia",
            "Australia": "Australia and Oceania", "Pacific": "Australia and Oceania", "Atlantic": "Atlantic",
            "Indian": "Indian Ocean", "Antarctica": "Antarctica"}


def region(time_zone: str) -> str:
    """The region a time zone is in, or "Other" (UTC, Etc/GMT+2…)."""
    return _REGIONS.get(time_zone.split("/", 1)[0], "Other")


def _people_filters(playbook: Playbook) -> dict[str, object]:
    """The choices of the people page's filters: each team's groups, and the regions."""
    groups = {team: sorted({p.group for p in playbook.people.values() if p.team == team and p.group},
                           key=str.casefold) for team in TEAMS}
    regions = sorted({region(p.time_zone) for p in playbook.people.values()})  # "Other" sorts last as it is
    return {"groups": groups, "regions": regions}


def _track(track: Track, playbook: Playbook, holidays: tuple[Holiday, ...]) -> dict[str, object]:
    steps = plan.plan_steps(track, playbook, PAGE_NAMES)
    # Each step's checkbox carries the key the plan gives it, which the browser remembers a tick by.
    in_order = sorted(track.steps, key=lambda s: (s.day, s.index))
    return {"track": track, "step_keys": {step.index: planned.key for step, planned in zip(in_order, steps, strict=True)},
            "plan_data": Markup(plan.browser_data(track, steps, holidays))}


def _board(playbook: Playbook) -> dict[str, list[Idea]]:
    """Every idea by status, each status's in calendar order."""
    ideas = sorted(playbook.ideas.values(), key=_idea_order)
    return {status: [i for i in ideas if i.status == status] for status in IDEA_STATUSES}


def _calendar(playbook: Playbook, board: dict[str, list[Idea]]) -> dict[str, object]:
    upcoming: dict[str, list[Idea]] = defaultdict(list)
    for idea in sorted(board["scheduled"], key=lambda i: i.scheduled_for or i.proposed_on):
        upcoming[_month(idea.scheduled_for or idea.proposed_on)].append(idea)
    return {
        "upcoming": list(upcoming.items()),
        "board": board,
        "reps": _ideas_from_sales(playbook, (idea for ideas in board.values() for idea in ideas)),
        "recently_published": sorted(board["published"], key=lambda i: i.published_on or i.proposed_on, reverse=True),
    }


def _ideas_from_sales(playbook: Playbook, ideas: Iterable[Idea]) -> list[tuple[str, int, int]]:
    """(person id, ideas proposed, ideas published) for every rep in sales who proposed one."""
    proposed: Counter[str] = Counter()
    published: Counter[str] = Counter()
    for idea in ideas:
        person = playbook.people.get(idea.proposed_by)
        if person and person.team == "sales":
            proposed[idea.proposed_by] += 1
            published[idea.proposed_by] += idea.status == "published"
    return sorted(((pid, n, published[pid]) for pid, n in proposed.items()),
                  key=lambda row: (-row[1], -row[2], playbook.people[row[0]].name))
