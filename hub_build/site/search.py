"""What the hub's search finds: one entry per record that has an anchor, for any engine.

A reader asking "what is an MQL?" wants the MQL entry, not the glossary page
that holds forty terms. So every term, clause, person, onboarding day and idea
becomes a search entry of its own, pointing at its anchor, with its names
(abbreviation, aliases, the metric a clause is measured by) as metadata the
search ranks first. Pages whose content is all in entries are not indexed
again as pages; the hand-written pages and the narrative are.

The entries are small HTML documents written for the indexer only (see
templates/search/entry.html.j2): every value in them is escaped text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import jinja2

from hub_build.playbook.model import IDEA_STATUSES, Idea, Person, Playbook, Review, Sla, Term, Track
from hub_build.site.compiled import compiled_templates
from hub_build.site.environment import TEMPLATES
from hub_build.site.kept import Kept, made
from hub_build.site.links import (
    CALENDAR,
    GLOSSARY,
    HOME,
    ONBOARDING,
    PAGE_NAMES,
    PEOPLE,
    SLA,
    SLA_SECTIONS,
    idea_uri,
    status_uri,
    track_uri,
)
from hub_build.site.plan import step_title
from hub_build.site.sandbox import BoundedSandbox

# The kinds a reader can filter by; hand-written pages are "page".
KINDS = ("term", "clause", "person", "track", "idea", "page")


@dataclass(frozen=True, slots=True)
class Entry:
    """One search result: a record, where it shows, and what it is found by."""

    page: str  # the generated page it shows on ("glossary.md")
    anchor: str | None  # its place on that page
    title: str
    section: str  # what the reader sees it is: "Glossary", "People", …
    kind: str  # one of KINDS
    text: str  # what the record says, as plain text
    names: tuple[str, ...] = ()  # what else it is called by (an abbreviation, an alias): ranked as its title
    # Names of what it is about (the metric a clause is measured by): ranked above the
    # text, below the names of the record they belong to.
    about: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()  # more filters than its kind: an idea's status, …
    owner: str = ""  # who keeps it current, and when they last checked it: shown with the result


def entries(playbook: Playbook, kept: Kept | None = None) -> list[Entry]:
    """Every search entry of the playbook, in a stable order (with `kept`, a term's, a person's
    and an idea's as made last time while its file and what it names are unchanged)."""
    found: list[Entry] = []
    for term in sorted(playbook.terms.values(), key=lambda t: t.id):
        owner = kept_by(term.review, playbook)
        found.append(made(kept, term.document, ("search entry", owner), functools.partial(_term, term, owner)))
    if playbook.sla:
        found.extend(_clauses(playbook.sla, playbook))
    for person in sorted(playbook.people.values(), key=lambda p: p.id):
        found.append(made(kept, person.document, ("search entry",), functools.partial(_person, person)))
    for track in sorted(playbook.tracks.values(), key=lambda t: t.id):
        found.extend(_track(track, playbook))
    for idea in sorted(playbook.ideas.values(), key=lambda i: i.id):
        named = _named_by_idea(idea, playbook)
        found.append(made(kept, idea.document, ("search entry", *named), functools.partial(_idea, idea, *named)))
    return found


def searched_as_entries(playbook: Playbook) -> frozenset[str]:
    """The generated pages whose content the entries already hold, or which only list other pages."""
    pages = {HOME, GLOSSARY, PEOPLE, ONBOARDING, CALENDAR, SLA}
    pages.update(track_uri(track_id) for track_id in playbook.tracks)
    pages.update(idea_uri(idea_id) for idea_id in playbook.ideas)
    pages.update(status_uri(status) for status in IDEA_STATUSES)
    return frozenset(pages)


def kept_by(review: Review, playbook: Playbook) -> str:
    """ "Kept by Priya Raman · reviewed 3 Nov 2026" (or "never reviewed"): what a reader trusts a record by."""
    person = playbook.people.get(review.owner)
    last = review.last_reviewed
    reviewed = f"reviewed {last.day} {last:%b %Y}" if last else "never reviewed"
    return f"Kept by {person.name if person else review.owner} · {reviewed}"


def _term(term: Term, owner: str) -> Entry:
    title = f"{term.abbreviation} · {term.name}" if term.abbreviation and term.abbreviation != term.name else term.name
    names = _with_plurals(n for n in (term.abbreviation, term.name, *term.aliases) if n)
    text = " ".join(t for t in (plain_text(term.definition), plain_text(term.example or "")) if t)
    section = "Shared KPI" if term.kpi else "Glossary"
    return Entry(GLOSSARY, term.id, title, section, "term", text, names, owner=owner)


def _with_plurals(names: Iterable[str]) -> tuple[str, ...]:
    """Each name and its plural, as readers write both ("MQLs"): a record is found by either."""
    return tuple(form for name in names for form in (name, name if name.endswith("s") else f"{name}s"))


def _clauses(sla: Sla, playbook: Playbook) -> Iterator[Entry]:
    sections = {family: (heading, purpose) for family, heading, purpose in SLA_SECTIONS}
    owner = kept_by(sla.review, playbook)
    for clause in sla.clauses:
        # A clause is asked for by its title, by the metric it is measured by in any of its names,
        # and by its section of the SLA ("consequences", "escalation") and the words heading it.
        measured = playbook.terms.get(clause.measured_by or "")
        about = tuple(n for n in (measured.abbreviation, measured.name, *measured.aliases) if n) if measured else ()
        heading, purpose = sections.get(clause.family, (clause.family.capitalize(), ""))
        about += tuple(words for words in (heading, purpose) if words)
        said = [plain_text(clause.text)]
        if clause.target:
            said.append(f"Target: {clause.target}.")
        people = [playbook.people[c].name for c in clause.contacts if c in playbook.people]
        if people:
            said.append(f"{'Who runs it' if clause.family == 'meeting' else 'Contacts'}: {', '.join(people)}.")
        yield Entry(
            SLA,
            f"clause-{clause.id}",
            f"{clause.number} {clause.title}",
            f"SLA · {heading}",
            "clause",
            " ".join(said),
            about=about,
            owner=owner,
        )


def _person(person: Person) -> Entry:
    about = "; ".join(person.ask_about)
    text = f"{person.role}, {person.team}. Ask about: {about}. {plain_text(person.bio or '')}".strip()
    return Entry(PEOPLE, person.id, person.name, "People", "person", text)


def _track(track: Track, playbook: Playbook) -> Iterator[Entry]:
    page = track_uri(track.id)
    owner = kept_by(track.review, playbook)
    yield Entry(page, None, f"Onboarding: {track.title}", "Onboarding", "track", plain_text(track.summary), owner=owner)
    for day, steps in track.days():
        said = [
            step_title(step, playbook, PAGE_NAMES) + ". " + plain_text(step.why or step.focus or "") for step in steps
        ]
        yield Entry(page, f"day-{day}", f"Day {day}: {track.title}", "Onboarding", "track", " ".join(said), owner=owner)


def _named_by_idea(idea: Idea, playbook: Playbook) -> tuple[str, str, str]:
    """The names of the persona, the stage and the person an idea's entry shows."""
    narrative = playbook.narrative
    persona = (
        next((p.name for p in narrative.personas if p.id == idea.persona), idea.persona) if narrative else idea.persona
    )
    stage = next((s.name for s in narrative.stages if s.id == idea.stage), idea.stage) if narrative else idea.stage
    proposer = playbook.people.get(idea.proposed_by)
    return persona, stage, proposer.name if proposer else ""


def _idea(idea: Idea, persona: str, stage: str, proposer: str) -> Entry:
    by = f" Proposed by {proposer}." if proposer else ""
    return Entry(
        idea_uri(idea.id),
        None,
        idea.title,
        "Content idea",
        "idea",
        plain_text(idea.question) + by,
        filters=(("status", idea.status), ("persona", persona), ("stage", stage)),
        owner=f"Proposed by {proposer}" if proposer else "",
    )


# A link's target, or, where the line has no closing parenthesis, the rest of the line, which is
# kept: taking it whole spares trying each later `](` of the line against the same missing one.
_LINK_TARGET = re.compile(r"\]\([^)\n]*(\)|$)", re.M)
_MARKUP = re.compile(r"[*_`#>\[\]]+")
_SPACE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees: no link targets, no emphasis marks, one line."""
    return _SPACE.sub(" ", _MARKUP.sub("", _LINK_TARGET.sub(_without_target, markdown))).strip()


def _without_target(link: re.Match[str]) -> str:
    return "]" if link[1] else link[0]


@functools.cache
def _template() -> jinja2.Template:
    # The pages' sandbox: it answers once per type and name whether an attribute may be read.
    env = BoundedSandbox(
        loader=jinja2.FileSystemLoader(TEMPLATES / "search"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=compiled_templates("search"),  # compiled by an earlier build, as the pages' are
    )
    return env.get_template("entry.html.j2")


def entry_html(entry: Entry, url: str, language: str) -> str:
    """The document the indexer reads for one entry; `url` is where the result leads, from the site's root."""
    return _template().render(entry=entry, url=url, language=language)
