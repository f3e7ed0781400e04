"""The hub's GitHub issue forms, written from the playbook and the schemas so they never drift.

Two forms: "Propose a content idea" (its answers become an idea file and a pull
request, see propose.py) and "New hire" (its answers become the hire's
onboarding issue). Each form's questions are known by their labels, which are
also the `### Label` headings GitHub writes in the issue's body: `IDEA_FORM` and
`NEW_HIRE_FORM` name them for the commands that read the issues.

A dropdown shows names (a persona's, a stage's, a person's) and `choices` maps
each name shown back to the record's id. A generated file starts with
`GENERATED`; `stale_forms` reports one that no longer matches the playbook, and
leaves alone a form whose maintainer removed that line to keep it as their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hub_build.playbook.model import Playbook
from hub_build.playbook.problems import Problem, Severity
from hub_build.playbook.schemas import validators
from hub_build.site.host import IDEA_FORM_FILE

FORMS_FOLDER = ".github/ISSUE_TEMPLATE"
WRITE_COMMAND = "hub forms"
GENERATED = f"# Written by `{WRITE_COMMAND}` from the playbook and the schemas: change those, then run it again."
# GitHub keeps "None" for a dropdown left blank: no option may be called that.
_RESERVED_OPTIONS = {"none"}


@dataclass(frozen=True, slots=True)
class IdeaForm:
    """The labels of the content-idea form's questions, as the issue's body shows them."""

    file: str = IDEA_FORM_FILE
    label: str = "content-idea"  # the issue label the workflow runs on
    title: str = "Working title"
    question: str = "The question customers ask"
    persona: str = "Persona"
    stage: str = "Buying stage"
    value_proposition: str = "Value proposition"
    format: str = "Format"
    notes: str = "Notes"
    proposer: str = "Who proposes it"

    @property
    def labels(self) -> tuple[str, ...]:
        return (
            self.title,
            self.question,
            self.persona,
            self.stage,
            self.value_proposition,
            self.format,
            self.notes,
            self.proposer,
        )


@dataclass(frozen=True, slots=True)
class NewHireForm:
    """The labels of the new-hire form's questions, as the issue's body shows them."""

    file: str = f"{FORMS_FOLDER}/new-hire.yml"
    label: str = "new-hire"
    name: str = "Name"
    github: str = "GitHub username"
    start: str = "Start date"
    track: str = "Onboarding track"
    manager: str = "Manager"

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, self.github, self.start, self.track, self.manager)


IDEA_FORM = IdeaForm()
NEW_HIRE_FORM = NewHireForm()


@dataclass(frozen=True, slots=True)
class Choices:
    """What each dropdown shows, and the id behind each name shown."""

    personas: dict[str, str]
    stages: dict[str, str]
    value_propositions: dict[str, str]
    formats: dict[str, str]
    people: dict[str, str]
    tracks: dict[str, str]


def choices(playbook: Playbook, schema_dir: Path) -> Choices:
    """The dropdowns' options for this playbook: name shown → id."""
    narrative = playbook.narrative
    formats = _schema_property(schema_dir, "idea", "format").get("enum", [])
    return Choices(
        personas=shown(((p.id, p.name) for p in narrative.personas) if narrative else ()),
        stages=shown(((s.id, s.name) for s in narrative.stages) if narrative else ()),
        value_propositions=shown(((v.id, v.title) for v in narrative.value_propositions) if narrative else ()),
        formats=shown((str(f), str(f)) for f in formats),
        people=shown((p.id, p.name) for p in sorted(playbook.people.values(), key=lambda p: (p.name, p.id))),
        tracks=shown((t.id, t.title) for t in sorted(playbook.tracks.values(), key=lambda t: (t.title, t.id))),
    )


def shown(records: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Name shown → id, in the records' order; a name two records share, or GitHub keeps, gets its id added."""
    pairs = [(record_id, " ".join(name.split()) or record_id) for record_id, name in records]
    counts: dict[str, int] = {}
    for _record_id, name in pairs:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    options: dict[str, str] = {}
    for record_id, name in pairs:
        if counts[name.casefold()] > 1 or name.casefold() in _RESERVED_OPTIONS:
            name = f"{name} ({record_id})"
        options[name] = record_id
    return options


def form_files(playbook: Playbook, schema_dir: Path) -> dict[str, str]:
    """Every form's text, by its path in the repository."""
    options = choices(playbook, schema_dir)
    return {
        IDEA_FORM.file: _dump(_idea_form(options, schema_dir)),
        NEW_HIRE_FORM.file: _dump(_new_hire_form(options)),
    }


def write_forms(root: Path, playbook: Playbook, schema_dir: Path) -> list[str]:
    """Write every form under `root`; the paths of those whose text changed."""
    changed = []
    for relative, text in form_files(playbook, schema_dir).items():
        path = root / relative
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed.append(relative)
    return changed


def stale_forms(root: Path, playbook: Playbook, schema_dir: Path) -> list[Problem]:
    """A problem at each generated form whose text is no longer what the playbook gives."""
    problems = []
    for relative, text in form_files(playbook, schema_dir).items():
        path = root / relative
        try:
            written = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # no form, or not one the hub wrote: nothing to keep in step
        if not written.startswith(GENERATED) or written == text:
            continue
        line, what = _difference(written, text)
        problems.append(
            Problem(
                relative,
                line,
                1,
                f"the form no longer matches the playbook: {what}",
                Severity.ERROR,
                hint=f"run `{WRITE_COMMAND}` to write it again (or delete its "
                "first line to keep the form as your own, unchecked)",
            )
        )
    return problems


def _difference(written: str, wanted: str) -> tuple[int, str]:
    """The line of the first question that differs, and what differs, in words."""
    try:
        old = _questions(yaml.safe_load(written))
    except yaml.YAMLError:
        return 1, "it is not the form the playbook gives"
    new = _questions(yaml.safe_load(wanted))
    for element_id, element in new.items():
        before = old.get(element_id)
        label = element.get("label", element_id)
        if before is None:
            return 1, f'it lacks the question "{label}"'
        lacks = [o for o in element.get("options", []) if o not in before.get("options", [])]
        extra = [o for o in before.get("options", []) if o not in element.get("options", [])]
        if lacks or extra:
            parts = [f"lacks {_listed(lacks)}"] if lacks else []
            parts += [f"still offers {_listed(extra)}"] if extra else []
            return _line_of(written, f"id: {element_id}"), f'"{label}" {" and ".join(parts)}'
        if before != element:
            return _line_of(written, f"id: {element_id}"), f'the question "{label}" changed'
    return 1, "it is not the form the playbook gives"


def _questions(form: object) -> dict[str, dict[str, Any]]:
    body = form.get("body") if isinstance(form, dict) else None
    questions: dict[str, dict[str, Any]] = {}
    for element in body if isinstance(body, list) else []:
        if isinstance(element, dict) and isinstance(element.get("id"), str):
            attributes = element.get("attributes")
            questions[element["id"]] = {
                **(attributes if isinstance(attributes, dict) else {}),
                "type": element.get("type"),
                "validations": element.get("validations"),
            }
    return questions


def _listed(options: list[Any]) -> str:
    return ", ".join(f'"{option}"' for option in options)


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().removeprefix("- ") == needle:
            return number
    return 1


def _idea_form(options: Choices, schema_dir: Path) -> dict[str, Any]:
    form = IDEA_FORM

    def help_of(name: str) -> str:
        return _help(_schema_property(schema_dir, "idea", name).get("description", ""))

    return {
        "name": "Propose a content idea",
        "description": "A question customers ask you, turned into content. A pull request is opened for marketing "
        "to decide on; you are credited by name.",
        "title": "Content idea: ",
        "labels": [form.label],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": (
                        "Tell marketing what a customer asked you. When you submit, the hub writes your idea as "
                        "a file and opens a pull request; if an answer needs a change, it says so in a comment "
                        "here. Edit this issue to change an answer: the pull request follows."
                    )
                },
            },
            _input("title", form.title, help_of("title"), required=True),
            _textarea("question", form.question, help_of("question"), required=True),
            _dropdown("persona", form.persona, help_of("persona"), options.personas, required=True),
            _dropdown("stage", form.stage, help_of("stage"), options.stages, required=True),
            _dropdown(
                "value_proposition",
                form.value_proposition,
                help_of("value_proposition"),
                options.value_propositions,
                required=False,
            ),
            _dropdown("format", form.format, help_of("format"), options.formats, required=True),
            _textarea("notes", form.notes, help_of("notes"), required=False),
            _dropdown(
                "proposed_by",
                form.proposer,
                "Leave it blank if your GitHub username is in your file in playbook/people/: the hub "
                "recognises you. Otherwise choose yourself, or the colleague whose idea you pass on: "
                "they are credited wherever the idea appears.",
                options.people,
                required=False,
            ),
        ],
    }


def _new_hire_form(options: Choices) -> dict[str, Any]:
    form = NEW_HIRE_FORM
    return {
        "name": "New hire",
        "description": "Someone joins: their onboarding becomes an issue with a dated checklist, assigned to them "
        "and to their manager.",
        "title": "Onboarding: ",
        "labels": [form.label],
        "body": [
            _input("name", form.name, "The new hire's full name, as colleagues will call them.", required=True),
            _input(
                "github",
                form.github,
                "Their GitHub username, without the @, so the onboarding issue can be assigned to them.",
                required=True,
            ),
            _input(
                "start",
                form.start,
                "Their first day, written YYYY-MM-DD (for example 2027-01-04). A weekend "
                "or holiday moves day 1 to the next working day.",
                required=True,
                placeholder="YYYY-MM-DD",
            ),
            _dropdown("track", form.track, "The onboarding track they follow.", options.tracks, required=True),
            _dropdown(
                "manager", form.manager, "Who the onboarding issue is also assigned to.", options.people, required=True
            ),
        ],
    }


def _input(
    element_id: str, label: str, description: str, *, required: bool, placeholder: str | None = None
) -> dict[str, Any]:
    attributes = {"label": label, "description": description}
    if placeholder:
        attributes["placeholder"] = placeholder
    return {"type": "input", "id": element_id, "attributes": attributes, "validations": {"required": required}}


def _textarea(element_id: str, label: str, description: str, *, required: bool) -> dict[str, Any]:
    return {
        "type": "textarea",
        "id": element_id,
        "attributes": {"label": label, "description": description},
        "validations": {"required": required},
    }


def _dropdown(
    element_id: str, label: str, description: str, options: Mapping[str, str], *, required: bool
) -> dict[str, Any]:
    if not options:
        # GitHub refuses a dropdown with no options: the playbook has none yet, so ask in words.
        return _input(element_id, label, description, required=required)
    return {
        "type": "dropdown",
        "id": element_id,
        "attributes": {"label": label, "description": description, "options": list(options)},
        "validations": {"required": required},
    }


def _help(description: str) -> str:
    """A schema's description as help for someone choosing from names, not typing ids."""
    return description.replace("The id of the ", "The ").replace(" Optional.", "").replace("  ", " ").strip()


def _schema_property(schema_dir: Path, kind: str, name: str) -> dict[str, Any]:
    """A property of a kind's schema: the hub's own schema if it has a usable one, else the built-in."""
    own = schema_dir / f"{kind}.schema.json"
    try:
        found = json.loads(own.read_text(encoding="utf-8"))["properties"][name]
        if isinstance(found, dict):
            return found
    except (OSError, ValueError, LookupError, TypeError):
        pass  # validation reports a schema it cannot use; the built-in one still holds
    schema = validators()[kind].schema
    assert isinstance(schema, Mapping)
    found = schema["properties"][name]
    return dict(found) if isinstance(found, Mapping) else {}


def _dump(form: dict[str, Any]) -> str:
    return GENERATED + "\n" + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=100)
