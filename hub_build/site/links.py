"""Where each generated page lives, and the Markdown links from one page to the records of the playbook."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping

from markupsafe import Markup

from hub_build.playbook.model import Idea, Playbook, Track
from hub_build.site import scorecard_view, text

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


# The SLA's sections, in the order of model.CLAUSE_FAMILIES: family, heading, what the section is for.
# The SLA page heads each section with them, and the search finds each clause by its section's words.
SLA_SECTIONS = (
    ("commitment", "Commitments", "What each team promises the other, with a measurable target."),
    ("engagement", "Rules of engagement", "How, when and where the teams talk to each other."),
    ("meeting", "Joint meetings", "The recurring meetings both teams attend."),
    ("feedback", "Feedback loops", "How each team tells the other what it learns."),
    ("escalation", "Escalation", "How disagreements are discussed and resolved."),
    ("consequence", "Consequences", "What happens when a shared goal is missed."),
    ("review", "Review", "When and how this agreement is revised."),
    ("dissolution", "Dissolution", "What ends this agreement."),
)


def track_uri(track_id: str) -> str:
    return f"onboarding/{track_id}.md"


def idea_uri(idea_id: str) -> str:
    return f"ideas/{idea_id}.md"


def status_uri(status: str) -> str:
    """The page of every idea in one status, when the board shows only the most recent."""
    return f"calendar/{status}.md"


class Links:
    """Markdown links from one page to the records of the playbook."""

    def __init__(self, page_uri: str, playbook: Playbook) -> None:
        self.page_uri = page_uri
        self.playbook = playbook

    def to(self, uri: str, anchor: str | None = None) -> Markup:
        """A relative link target, as MkDocs expects between Markdown files."""
        relative = relative_link(uri, posixpath.dirname(self.page_uri) or ".")
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
def relative_link(uri: str, folder: str) -> str:
    # Pages link to the same few targets thousands of times; relpath is slow.
    return posixpath.relpath(uri, folder)


def _record_label(record: object) -> str:
    for attribute in ("label", "title", "name"):
        if isinstance(value := getattr(record, attribute, None), str):
            return value
    return str(record)
