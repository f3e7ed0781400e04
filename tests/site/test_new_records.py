"""What `hub new` accepts and writes, answer by answer: file names, refusals, and YAML that reads back as written."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from hub_build.playbook.model import Playbook
from hub_build.playbook.validation import validate_hub
from hub_build.site.new_records import Field, Refused, accept, blueprints, render, slugify, target_path, yaml_scalar
from tests.helpers import REPO, TODAY, shared


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Renewals: the CFO's view!", "renewals-the-cfos-view"),
        ("Zoë Ångström", "zoe-angstrom"),
        ("  --Q&A--  ", "q-a"),
        ("日本語", ""),
        ("x" * 57 + " yz", "x" * 57 + "-yz"),  # 60 characters: kept whole
        ("x" * 58 + " yz", "x" * 58),  # 61: cut back to the last whole word
        ("x" * 61, "x" * 60),  # one word longer than 60: cut at 60
        (
            "Why controllers close the books faster with fewer spreadsheets each month",
            "why-controllers-close-the-books-faster-with-fewer",
        ),  # cut back to the last whole word, not the first
    ],
)
def test_a_file_name_is_made_from_the_title_in_at_most_60_characters(title: str, slug: str) -> None:
    assert slugify(title) == slug


REQUIRED = Field("title", "Title")
OPTIONAL = Field("abbreviation", "Abbreviation", optional=True)
MANY = Field("ask_about", "Topics", many=True)
CHOSEN = Field("team", "Team", lambda: ["sales", "marketing"])
CHECKED = Field("email", "Email", check=lambda value: None if "@" in value else "is not an email address")


@pytest.mark.parametrize(
    ("field", "raw", "accepted"),
    [
        (REQUIRED, "  The   title \t", "The title"),
        (OPTIONAL, "   ", None),
        (OPTIONAL, "MQL", "MQL"),
        (MANY, " Events,  trade   shows , ,pricing ", ["Events", "trade shows", "pricing"]),
        (CHOSEN, "sales", "sales"),
        (CHECKED, "sam@x.example", "sam@x.example"),
    ],
)
def test_an_answer_is_kept_as_the_file_will_hold_it(field: Field, raw: str, accepted: object) -> None:
    assert accept(field, raw) == accepted


@pytest.mark.parametrize(
    ("field", "raw", "reason"),
    [
        (REQUIRED, " ", "title cannot be empty"),
        (MANY, " , ,", "ask_about needs at least one item"),
        (CHOSEN, "Sales", "unknown team 'Sales'; choose one of: sales, marketing"),
        (CHECKED, "sam", "email 'sam' is not an email address"),
    ],
)
def test_an_answer_the_playbook_cannot_take_is_refused_with_what_it_takes(field: Field, raw: str, reason: str) -> None:
    with pytest.raises(Refused) as refused:
        accept(field, raw)

    assert str(refused.value) == reason


@pytest.fixture(scope=shared)
def sample():  # type: ignore[no-untyped-def]
    return validate_hub(REPO, today=dt.date.fromisoformat(TODAY)).playbook


def _field(sample, kind: str, name: str) -> Field:  # type: ignore[no-untyped-def]
    return next(f for f in blueprints(sample, REPO / "schemas")[kind].fields if f.name == name)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("sam@quillstone.example", None),
        ("sam.o+hub@mail.quillstone.example", None),
        ("sam@quillstone", "is not an email address"),
        ("sam ortiz@quillstone.example", "is not an email address"),
        ("sam@@quillstone.example", "is not an email address"),
    ],
)
def test_an_email_has_one_at_sign_a_domain_with_a_dot_and_no_spaces(sample, value: str, reason: str | None) -> None:  # type: ignore[no-untyped-def]
    check = _field(sample, "person", "email").check
    assert check is not None and check(value) == reason


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("UTC", True),
        ("Europe/Berlin", True),
        ("America/Argentina/Buenos_Aires", True),
        ("Etc/GMT+1", True),
        ("Berlin", False),
        ("Europe/", False),
        ("Europe/Berlin time", False),
        ("utc", False),
    ],
)
def test_a_time_zone_is_an_iana_name(sample, value: str, valid: bool) -> None:  # type: ignore[no-untyped-def]
    check = _field(sample, "person", "time_zone").check
    assert check is not None and (check(value) is None) is valid


def test_a_time_zone_that_is_not_an_iana_name_is_refused_with_the_closest_one(sample) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Refused) as refused:
        accept(_field(sample, "person", "time_zone"), "Berlin")

    assert str(refused.value) == "time_zone 'Berlin' is not an IANA time zone"
    assert refused.value.hint == "did you mean 'Europe/Berlin'?"


def test_a_time_zone_like_none_is_refused_with_examples(sample) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Refused) as refused:
        accept(_field(sample, "person", "time_zone"), "Mars/Olympus_Mons")

    assert refused.value.hint == (
        "write it as the IANA time zone database names it, such as Europe/Berlin, America/New_York or UTC"
    )


def test_the_choices_come_from_the_playbook_and_the_schemas(sample) -> None:  # type: ignore[no-untyped-def]
    idea = {f.name: f for f in blueprints(sample, REPO / "schemas")["idea"].fields}
    term = {f.name: f for f in blueprints(sample, REPO / "schemas")["term"].fields}

    assert idea["persona"].choices is not None and idea["persona"].choices() == [
        "general-counsel",
        "legal-ops-manager",
        "finance-leader",
        "procurement-lead",
        "business-systems-owner",
    ]
    assert idea["format"].choices is not None and idea["format"].choices() == [
        "article",
        "case-study",
        "one-pager",
        "webinar",
        "video",
        "rep-post",
        "checklist",
        "guide",
        "email-sequence",
        "calculator",
    ]
    assert term["team"].choices is not None and term["team"].choices() == ["sales", "marketing", "shared"]
    assert idea["value_proposition"].optional and not idea["title"].optional
    people = idea["proposed_by"].choices() if idea["proposed_by"].choices else []
    assert people == sorted(sample.people) and len(people) == len(sample.people)


def test_a_hubs_own_schema_gives_its_own_formats(tmp_path: Path, sample) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads((REPO / "schemas" / "idea.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["format"]["enum"] = ["article", "podcast"]
    (tmp_path / "idea.schema.json").write_text(json.dumps(schema), encoding="utf-8")

    field = next(f for f in blueprints(sample, tmp_path)["idea"].fields if f.name == "format")

    assert field.choices is not None and field.choices() == ["article", "podcast"]


def test_a_hubs_own_schema_without_the_list_falls_back_to_the_built_in_formats(tmp_path: Path, sample) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "idea.schema.json").write_text('{"properties": {}}', encoding="utf-8")

    field = next(f for f in blueprints(sample, tmp_path)["idea"].fields if f.name == "format")

    assert field.choices is not None and field.choices()[:2] == ["article", "case-study"]


def test_a_taken_abbreviation_is_refused_in_any_case(sample) -> None:  # type: ignore[no-untyped-def]
    check = _field(sample, "term", "abbreviation").check

    assert check is not None
    assert check("mql") == "is already the abbreviation of 'mql'"
    assert check("NNL") is None


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "playbook", tmp_path / "playbook")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    return tmp_path


def test_the_new_file_goes_in_its_kinds_folder_under_a_name_from_the_first_field_set(root: Path, sample) -> None:  # type: ignore[no-untyped-def]
    term = blueprints(sample, root / "schemas")["term"]

    assert target_path(root, term, {"name": "Net new logo", "abbreviation": "NNL"}, None) == (
        root / "playbook" / "terms" / "nnl.yaml"
    )
    assert target_path(root, term, {"name": "Net new logo", "abbreviation": None}, None) == (
        root / "playbook" / "terms" / "net-new-logo.yaml"
    )
    assert target_path(root, term, {"name": "Net new logo"}, "nn-logo") == root / "playbook" / "terms" / "nn-logo.yaml"


@pytest.mark.parametrize(
    ("slug", "reason"),
    [
        ("Bad Slug", "'Bad Slug' cannot be a file name: use lower-case letters, digits and hyphens (--slug)"),
        ("-x", "'-x' cannot be a file name: use lower-case letters, digits and hyphens (--slug)"),
        ("mql", "playbook/terms/mql.yaml already exists; choose another title or pass --slug"),
        ("", "no file name can be made from that title: give one with --slug, for example --slug pricing-faq"),
    ],
)
def test_a_file_name_that_is_not_a_slug_or_is_taken_is_refused(root: Path, sample, slug: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    term = blueprints(sample, root / "schemas")["term"]

    with pytest.raises(Refused) as refused:
        target_path(root, term, {"name": "x"}, slug)

    assert str(refused.value) == reason


def test_a_name_taken_in_another_case_is_taken(root: Path, sample) -> None:  # type: ignore[no-untyped-def]
    (root / "playbook" / "terms" / "NNL.yml").write_text("name: x\n", encoding="utf-8")
    term = blueprints(sample, root / "schemas")["term"]

    with pytest.raises(Refused, match="already exists"):
        target_path(root, term, {"name": "x"}, "nnl")


def test_a_new_term_is_written_with_its_schema_line_and_todays_review(root: Path, sample) -> None:  # type: ignore[no-untyped-def]
    term = blueprints(sample, root / "schemas")["term"]
    path = root / "playbook" / "terms" / "nnl.yaml"
    answers = {
        "name": "Net new logo",
        "abbreviation": "NNL",
        "definition": "yes: a customer #1",
        "team": "sales",
        "owner": "marcus-bell",
    }

    written = render(term, answers, today=dt.date(2026, 11, 23), root=root, path=path)

    assert written.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/term.schema.json"
    data = yaml.safe_load(written)
    assert data["definition"] == "yes: a customer #1"
    assert data["abbreviation"] == "NNL" and data["owner"] == "marcus-bell"
    assert str(data["last_reviewed"]) == "2026-11-23"


@pytest.mark.parametrize(
    ("value", "scalar"),
    [
        ("plain words", "plain words"),
        ("yes", "'yes'"),
        ("No", "'No'"),
        ("a: b", "'a: b'"),
        ("#1", "'#1'"),
        ("2026-01-01", "'2026-01-01'"),
        ("it's", "it's"),
        (3, "3"),
        (None, "null"),
        (["a", "b: c"], "[a, 'b: c']"),
        ("Zoë Ångström", "Zoë Ångström"),  # readable as written, not escaped
        (
            "Why " + "do controllers still reconcile by hand " * 8 + "?",
            "Why " + "do controllers still reconcile by hand " * 8 + "?",
        ),  # a long answer stays on its one line
    ],
)
def test_a_value_is_written_as_one_yaml_scalar_that_reads_back_as_written(value: object, scalar: str) -> None:
    assert yaml_scalar(value) == scalar
    assert yaml.safe_load(f"v: {scalar}")["v"] == value


def test_hub_new_asks_these_questions_in_this_order(sample) -> None:  # type: ignore[no-untyped-def]
    asked = {
        kind: [
            (f.name, f.prompt, f.choices is not None, f.optional, f.many, f.check is not None) for f in blueprint.fields
        ]
        for kind, blueprint in blueprints(sample, REPO / "schemas").items()
    }

    # (field, prompt, has choices, optional, a comma-separated list, checked)
    assert asked == {
        "idea": [
            ("title", "Working title of the piece", False, False, False, False),
            ("proposed_by", "Who proposes it (your person id)", True, False, False, False),
            ("question", "The customer question or insight behind it, in their words", False, False, False, False),
            ("persona", "Which persona it serves", True, False, False, False),
            ("stage", "Which buying stage it serves", True, False, False, False),
            ("format", "Format", True, False, False, False),
            ("value_proposition", "Value proposition it supports (optional)", True, True, False, False),
        ],
        "term": [
            ("name", "The term written out, e.g. Marketing Qualified Lead", False, False, False, False),
            ("abbreviation", "Abbreviation, e.g. MQL (optional)", False, True, False, True),
            ("definition", "The definition both teams agreed to", False, False, False, False),
            ("team", "Team that owns the definition", True, False, False, False),
            ("owner", "Who keeps it current (a person id)", True, False, False, False),
        ],
        "person": [
            ("name", "Full name", False, False, False, False),
            ("role", "Job title", False, False, False, False),
            ("team", "Team", True, False, False, False),
            ("email", "Work email", False, False, False, True),
            ("time_zone", "Time zone, e.g. Europe/Berlin", False, False, False, True),
            ("ask_about", "What to ask them about (comma-separated)", False, False, True, False),
        ],
    }
    where = {
        kind: (blueprint.kind, blueprint.folder, blueprint.slug_from)
        for kind, blueprint in blueprints(sample, REPO / "schemas").items()
    }
    assert where == {
        "idea": ("idea", "content", ("title",)),
        "term": ("term", "terms", ("abbreviation", "name")),
        "person": ("person", "people", ("name",)),
    }


def test_each_choice_lists_what_the_playbook_holds(sample) -> None:  # type: ignore[no-untyped-def]
    fields = {
        (kind, f.name): f for kind, blueprint in blueprints(sample, REPO / "schemas").items() for f in blueprint.fields
    }

    def choices(kind: str, name: str) -> list[str]:
        found = fields[(kind, name)].choices
        assert found is not None
        return list(found())

    assert choices("idea", "stage") == [
        "problem-recognition",
        "solution-research",
        "shortlist",
        "evaluation",
        "business-case",
        "purchase",
        "adoption",
    ]
    assert choices("idea", "value_proposition")[:2] == [vp.id for vp in sample.narrative.value_propositions][:2]
    assert choices("person", "team") == ["sales", "marketing"]
    assert choices("term", "owner") == sorted(sample.people)
    empty = {f.name: f for f in blueprints(Playbook(), REPO / "schemas")["idea"].fields}
    assert [list(empty[name].choices()) for name in ("proposed_by", "persona", "stage")] == [[], [], []]  # type: ignore[misc]
