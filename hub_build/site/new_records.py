"""`hub new`: writing a new idea, term or person file that validates at once.

The choices a field allows (people, personas, stages, formats) come from the
playbook and the schemas, so a prompt can list them and a wrong answer is
refused with the list, before anything is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from hub_build.playbook.checks import unknown_time_zone
from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.model import Playbook
from hub_build.playbook.schemas import validators
from hub_build.site.environment import TEMPLATES
from hub_build.site.schema_links import modeline, schema_reference, site_url_of

MAX_SLUG = 60


class Refused(Exception):
    """An answer the playbook cannot accept; the message says which are allowed, the hint what to write."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Field:
    """One question `hub new` asks: its flag, its prompt, and what it accepts."""

    name: str
    prompt: str
    choices: Callable[[], Sequence[str]] | None = None
    optional: bool = False
    many: bool = False  # a comma-separated list
    check: Callable[[str], str | None] | None = None  # returns a reason to refuse, or None
    hint: Callable[[str], str | None] | None = None  # what to write instead of a refused answer


@dataclass(slots=True)
class Blueprint:
    kind: str  # the schema's name
    folder: str  # under playbook/
    slug_from: tuple[str, ...]  # the fields the file name is made from, first that is set
    fields: list[Field] = field(default_factory=list)


def slugify(text: str) -> str:
    """`"Renewals: the CFO's view!"` → `renewals-the-cfos-view`, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("'", "")).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def blueprints(playbook: Playbook, schema_dir: Path) -> dict[str, Blueprint]:
    """What `hub new idea|term|person` asks, with choices taken from this playbook."""
    narrative = playbook.narrative

    def people(team: str | None = None) -> list[str]:
        return sorted(p for p, person in playbook.people.items() if team in (None, person.team))

    def ids(collection: str) -> Callable[[], list[str]]:
        return lambda: [item.id for item in getattr(narrative, collection)] if narrative else []

    return {
        "idea": Blueprint(
            "idea",
            "content",
            ("title",),
            [
                Field("title", "Working title of the piece"),
                Field("proposed_by", "Who proposes it (your person id)", people),
                Field("question", "The customer question or insight behind it, in their words"),
                Field("persona", "Which persona it serves", ids("personas")),
                Field("stage", "Which buying stage it serves", ids("stages")),
                Field("format", "Format", lambda: _enum(schema_dir, "idea", "format")),
                Field(
                    "value_proposition",
                    "Value proposition it supports (optional)",
                    ids("value_propositions"),
                    optional=True,
                ),
            ],
        ),
        "term": Blueprint(
            "term",
            "terms",
            ("abbreviation", "name"),
            [
                Field("name", "The term written out, e.g. Marketing Qualified Lead"),
                Field(
                    "abbreviation",
                    "Abbreviation, e.g. MQL (optional)",
                    optional=True,
                    check=_abbreviation_free(playbook),
                ),
                Field("definition", "The definition both teams agreed to"),
                Field("team", "Team that owns the definition", lambda: ["sales", "marketing", "shared"]),
                Field("owner", "Who keeps it current (a person id)", people),
            ],
        ),
        "person": Blueprint(
            "person",
            "people",
            ("name",),
            [
                Field("name", "Full name"),
                Field("role", "Job title"),
                Field("team", "Team", lambda: ["sales", "marketing"]),
                Field("email", "Work email", check=_not_an_email),
                Field("time_zone", "Time zone, e.g. Europe/Berlin", check=_not_a_time_zone, hint=unknown_time_zone),
                Field("ask_about", "What to ask them about (comma-separated)", many=True),
            ],
        ),
    }


def _not_an_email(value: str) -> str | None:
    return None if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) else "is not an email address"


def _not_a_time_zone(value: str) -> str | None:
    # The same rule `hub validate` applies, so a file `hub new` writes validates.
    return None if unknown_time_zone(value) is None else "is not an IANA time zone"


def _enum(schema_dir: Path, kind: str, name: str) -> list[str]:
    """The values a field allows: from the hub's own schema of the kind if it says, else the built-in one."""
    own = schema_dir / f"{kind}.schema.json"
    if own.is_file():
        try:
            return list(json.loads(own.read_text(encoding="utf-8"))["properties"][name]["enum"])
        except (OSError, ValueError, LookupError, TypeError):
            pass  # validation reports a schema it cannot use; the built-in values still hold
    schema = validators()[kind].schema
    assert isinstance(schema, Mapping)  # the schemas are objects, not `true` or `false`
    return list(schema["properties"][name]["enum"])


def _abbreviation_free(playbook: Playbook) -> Callable[[str], str | None]:
    taken = {t.abbreviation.casefold(): t.id for t in playbook.terms.values() if t.abbreviation}
    return lambda value: (
        f"is already the abbreviation of '{taken[value.casefold()]}'" if value.casefold() in taken else None
    )


def accept(blueprint_field: Field, raw: str) -> str | list[str] | None:
    """The answer as the file will hold it, or Refused with what is allowed."""
    value = " ".join(raw.split())
    if not value:
        if blueprint_field.optional:
            return None
        raise Refused(f"{blueprint_field.name} cannot be empty")
    if blueprint_field.many:
        items = [" ".join(item.split()) for item in raw.split(",") if item.strip()]
        if not items:
            raise Refused(f"{blueprint_field.name} needs at least one item")
        return items
    choices = blueprint_field.choices() if blueprint_field.choices else None
    if choices is not None and value not in choices:
        raise Refused(f"unknown {blueprint_field.name} '{value}'; choose one of: {', '.join(choices)}")
    if blueprint_field.check and (reason := blueprint_field.check(value)):
        raise Refused(
            f"{blueprint_field.name} '{value}' {reason}",
            hint=blueprint_field.hint(value) if blueprint_field.hint else None,
        )
    return value


def target_path(root: Path, blueprint: Blueprint, answers: dict[str, object], slug: str | None) -> Path:
    """Where the new record goes; refuses an id that is taken or empty."""
    if slug is None:
        source = next(str(answers[name]) for name in blueprint.slug_from if answers.get(name))
        slug = slugify(source)
    if not slug:
        raise Refused("no file name can be made from that title: give one with --slug, for example --slug pricing-faq")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise Refused(f"'{slug}' cannot be a file name: use lower-case letters, digits and hyphens (--slug)")
    path = root / PLAYBOOK / blueprint.folder / f"{slug}.yaml"
    taken = {p.stem.casefold() for p in path.parent.glob("*.y*ml")} if path.parent.is_dir() else set()
    if slug.casefold() in taken:
        raise Refused(f"{path.relative_to(root).as_posix()} already exists; choose another title or pass --slug")
    return path


def render(blueprint: Blueprint, answers: dict[str, object], *, today: dt.date, root: Path, path: Path) -> str:
    """The new file's text at `path` in the hub at `root`, from the template of its kind.

    Its first line names the schema for editors, where the reader can find it
    (see schema_links.schema_reference).
    """
    reference = schema_reference(root, blueprint.kind, path.relative_to(root).as_posix(), site_url=site_url_of(root))
    values = {f.name: answers.get(f.name) for f in blueprint.fields}
    text = (
        _environment()
        .get_template(f"{blueprint.kind}.yaml.j2")
        .render(today=today.isoformat(), proposed_on=today.isoformat(), notes=answers.get("notes"), **values)
    )
    return modeline(reference) + text


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / "new")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is YAML; every value goes through the yaml filter
    )
    env.filters["yaml"] = yaml_scalar
    return env


def yaml_scalar(value: object) -> str:
    """One value as a YAML scalar on one line, quoted when YAML would misread it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 20, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def browser_template(playbook: Playbook, schema_dir: Path, *, schema: str | None = None) -> str:
    """The idea template a rep starts from in the Git host's editor, with the choices in comments.

    `schema` is what its modeline points at (see schema_links.schema_reference). The day it
    is proposed is left for the rep to write: a day baked into the site's link would be the
    day the site was built, and start the decision's clock early.
    """
    narrative = playbook.narrative
    return modeline(schema) + _environment().get_template("idea-browser.yaml.j2").render(
        people=sorted(p for p, person in playbook.people.items() if person.team == "sales"),
        personas=[p.id for p in narrative.personas] if narrative else [],
        stages=[s.id for s in narrative.stages] if narrative else [],
        formats=_enum(schema_dir, "idea", "format"),
    )
