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
import posixpath
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from hub_build.playbook.config import Holiday
from hub_build.playbook.model import (
    IDEA_STATUSES,
    TEAMS,
    Idea,
    Person,
    Playbook,
    Term,
    Track,
)
from hub_build.playbook.review import ReviewItem, review_items
from hub_build.playbook.scorecard import Scorecard, Waiting, waiting_ideas
from hub_build.site import plan, scorecard_view, text
from hub_build.site.environment import (
    BOARD_SHOWN,
    SECTION_BREAK,
    TEMPLATE_HINT,
    TemplateFailed,
    budget_hint,
    environment,
    month,
    region,
    template_error,
    template_frame,
    template_problem,
)
from hub_build.site.history import MAX_COMMITS, Change
from hub_build.site.host import Corrections
from hub_build.site.kept import Kept, made
from hub_build.site.links import (
    CALENDAR,
    GLOSSARY,
    HOME,
    NARRATIVE,
    ONBOARDING,
    PAGE_NAMES,
    PEOPLE,
    SCORECARD,
    SLA,
    Links,
    idea_uri,
    status_uri,
    track_uri,
)
from hub_build.site.page import Mention, Page
from hub_build.site.page_cache import (
    PageCache,
    kept_entries,
    kept_page,
    source_file,
    world,
)
from hub_build.site.recent import recent
from hub_build.site.sandbox import DEFAULT_SECONDS, OverBudget, bounded_output, budget

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
    chat_url: str | None = None,
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
        playbook, today=today, holidays={h.date for h in holidays}
    )
    _add_waiting(data, holidays)
    charts = charts if charts is not None else scorecard_view.charts(data.scorecard)
    data.root = root
    data.cache = cache
    data.template_seconds = template_seconds
    data.new_idea_url = Markup(new_idea_url) if new_idea_url else None
    data.idea_form_url = Markup(idea_form_url) if idea_form_url else None
    data.corrections = corrections
    if cache is not None:
        cache.start(world(playbook, today, edit_base, (new_idea_url, idea_form_url, corrections), holidays, env))
    board = _board(playbook)
    pages = [
        _render(
            env,
            "home.md.j2",
            HOME,
            "Home",
            data,
            edit_base,
            meta={"hide": ["navigation"]},
            context={
                "glossary_examples": _glossary_examples(playbook),
                "late_shown": LATE_SHOWN,
                "changes": recent(history[:MAX_COMMITS], playbook, Links(HOME, playbook)) if history else [],
            },
        ),
        _render(
            env, "glossary.md.j2", GLOSSARY, "Glossary", data, edit_base, context={"terms": _glossary_order(playbook)}
        ),
        # The people side by side take the table of contents' width; the filters find anyone.
        _render(
            env,
            "people.md.j2",
            PEOPLE,
            "People",
            data,
            edit_base,
            meta={"hide": ["toc"]},
            context={
                "teams": _people_by_team(playbook),
                "filters": _people_filters(playbook),
                "chat_address": functools.partial(chat_address, chat_url),
            },
        ),
        _render(env, "onboarding.md.j2", ONBOARDING, "Onboarding", data, edit_base),
        _render(
            env, "calendar.md.j2", CALENDAR, "Content calendar", data, edit_base, context=_calendar(playbook, board)
        ),
        # The summary's rows lead to each metric: the page takes the table of contents' width for its charts.
        _render(
            env,
            "scorecard.md.j2",
            SCORECARD,
            "Scorecard",
            data,
            edit_base,
            meta={"hide": ["toc"]},
            context={"scorecard": data.scorecard, "charts": charts},
        ),
    ]
    if playbook.narrative:
        pages.append(
            _render(
                env,
                "narrative.md.j2",
                NARRATIVE,
                "Narrative",
                data,
                edit_base,
                source=source_file(playbook.narrative.document),
                context={"narrative": playbook.narrative},
            )
        )
    if playbook.sla:
        pages.append(
            _render(
                env,
                "sla.md.j2",
                SLA,
                "Service-level agreement",
                data,
                edit_base,
                source=source_file(playbook.sla.document),
                context={"sla": playbook.sla},
            )
        )
    for status, ideas in board.items():
        if len(ideas) > BOARD_SHOWN:
            label = f"{status.capitalize()} ideas"
            context = {"status": status, "ideas": ideas}
            render = functools.partial(
                _render, env, "status.md.j2", status_uri(status), label, data, edit_base, context=context
            )
            # A status's page shows its ideas' lines and their people's names: kept while those are the same.
            pages.append(
                cache.listing(status_uri(status), tuple(i.document for i in ideas), render) if cache else render()
            )
    for track in sorted(playbook.tracks.values(), key=lambda t: t.title):
        pages.append(
            kept_page(cache, track.document, functools.partial(_track_page, env, track, data, edit_base, holidays))
        )
    for idea in playbook.ideas.values():
        pages.append(kept_page(cache, idea.document, functools.partial(_idea_page, env, idea, data, edit_base)))
    return pages


def _track_page(
    env: jinja2.Environment, track: Track, data: SiteData, edit_base: str | None, holidays: tuple[Holiday, ...]
) -> Page:
    return _render(
        env,
        "track.md.j2",
        track_uri(track.id),
        track.title,
        data,
        edit_base,
        source=source_file(track.document),
        context=_track(track, data.playbook, holidays),
    )


def _idea_page(env: jinja2.Environment, idea: Idea, data: SiteData, edit_base: str | None) -> Page:
    return _render(
        env,
        "idea.md.j2",
        idea_uri(idea.id),
        idea.title,
        data,
        edit_base,
        source=source_file(idea.document),
        context={"idea": idea},
    )


NEW_IDEA_MARKER = "<!-- hub:new-idea-button -->"


def chat_address(chat_url: str | None, person: Person) -> str | None:
    """Where a person's chat handle leads, in a chat tool whose conversations have an address (`chat_url`)."""
    if not chat_url or not person.chat:
        return None
    handle = person.chat.strip().removeprefix("@")
    if "{handle}" in chat_url and not handle:
        return None
    return chat_url.replace("{handle}", quote(handle, safe="")).replace("{email}", quote(person.email, safe="@"))


def fill_markers(markdown: str, *, new_idea_url: str | None, idea_form_url: str | None = None) -> str:
    """Put the buttons that propose an idea where a page asks for them: the form first, where the hub has one,
    then the Git host's editor prefilled with a new idea file, for those who use Git."""
    if NEW_IDEA_MARKER not in markdown or not (new_idea_url or idea_form_url):
        return markdown
    buttons = []
    if idea_form_url:
        buttons.append(
            f"[:material-form-select: Propose an idea with a form]({idea_form_url})"
            "{ .md-button .md-button--primary target=_blank }"
        )
    if new_idea_url:
        label, style = (
            ("Write the file in GitHub's editor", ".md-button")
            if idea_form_url
            else ("Propose an idea in your browser", ".md-button .md-button--primary")
        )
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
    return (
        markdown.rstrip("\n") + '\n\n<small class="hub-correction">:material-message-alert-outline: '
        f"[Something wrong or missing?]({url}){{ target=_blank rel=noopener }}</small>\n"
    )


def _render(
    env: jinja2.Environment,
    template: str,
    uri: str,
    title: str,
    data: SiteData,
    edit_base: str | None,
    *,
    source: str | None = None,
    meta: dict[str, object] | None = None,
    context: Mapping[str, object] | None = None,
) -> Page:
    links = Links(uri, data.playbook)
    where = template
    try:
        loaded = env.get_template(template)
        where = loaded.filename or template
        with budget(data.template_seconds):
            body = bounded_output(
                loaded.generate(
                    site=data,
                    playbook=data.playbook,
                    links=links,
                    today=data.today,
                    title=title,
                    page_uri=uri,
                    edit_base=edit_base,
                    new_idea_url=data.new_idea_url,
                    idea_form_url=data.idea_form_url,
                    kept=kept_entries(data.cache, uri),
                    **(context or {}),
                )
            )
    except TemplateFailed:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFailed(
            template_problem(
                exc.filename or template, exc.lineno, f"syntax error: {exc.message}", TEMPLATE_HINT, data.root
            )
        ) from None
    except Exception as exc:  # whatever a template does wrong, said as its file and line
        filename, line = template_frame(exc, where)
        hint = budget_hint(data.template_seconds) if isinstance(exc, OverBudget) else TEMPLATE_HINT
        raise TemplateFailed(template_problem(filename, line, template_error(exc), hint, data.root)) from None
    if edit_base is not None:
        # "Edit this page" opens the YAML file behind the page, on every engine that
        # reads it from the front matter; a page gathering many files has none.
        meta = {**(meta or {}), "edit_url": f"{edit_base}{source}" if source else ""}
    if data.corrections is not None:
        body = with_correction(body, data.corrections.url(title, uri, source))
    made_safe = data.cache.safe_page_links if data.cache else text.safe_page_links
    sections = [made_safe(section) for section in body.split(SECTION_BREAK)]
    return Page(
        uri, title, _front_matter(title, meta) + "".join(sections), source, tuple(sections) if len(sections) > 1 else ()
    )


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
    return [
        (letter, "other" if letter == "#" else letter.lower(), terms)
        for letter, terms in sorted(by_letter.items(), key=lambda item: (item[0] == "#", item[0]))
    ]


def _glossary_examples(playbook: Playbook, count: int = 3) -> list[str]:
    """The first lifecycle stages by their abbreviations (MQL, SAL, SQL), to show what the glossary holds."""
    stages = sorted(
        (t for t in playbook.terms.values() if t.lifecycle_stage is not None and t.abbreviation),
        key=lambda t: (t.lifecycle_stage or 0, t.name),
    )
    names = [t.abbreviation or t.name for t in stages]
    others = sorted((t for t in playbook.terms.values() if t not in stages), key=lambda t: t.name.casefold())
    return (names + [t.abbreviation or t.name for t in others])[:count]


def _people_by_team(playbook: Playbook) -> list[tuple[str, list[Person]]]:
    teams = []
    for team in TEAMS:
        people = sorted((p for p in playbook.people.values() if p.team == team), key=lambda p: p.name.casefold())
        teams.append((team, people))
    return teams


def _people_filters(playbook: Playbook) -> dict[str, object]:
    """The choices of the people page's filters: each team's groups, and the regions."""
    groups = {
        team: sorted({p.group for p in playbook.people.values() if p.team == team and p.group}, key=str.casefold)
        for team in TEAMS
    }
    regions = sorted({region(p.time_zone) for p in playbook.people.values()})  # "Other" sorts last as it is
    return {"groups": groups, "regions": regions}


def _track(track: Track, playbook: Playbook, holidays: tuple[Holiday, ...]) -> dict[str, object]:
    steps = plan.plan_steps(track, playbook, PAGE_NAMES)
    # Each step's checkbox carries the key the plan gives it, which the browser remembers a tick by.
    in_order = sorted(track.steps, key=lambda s: (s.day, s.index))
    return {
        "track": track,
        "step_keys": {step.index: planned.key for step, planned in zip(in_order, steps, strict=True)},
        "plan_data": Markup(plan.browser_data(track, steps, holidays)),
    }


def _board(playbook: Playbook) -> dict[str, list[Idea]]:
    """Every idea by status, each status's in calendar order."""
    ideas = sorted(playbook.ideas.values(), key=_idea_order)
    return {status: [i for i in ideas if i.status == status] for status in IDEA_STATUSES}


def _calendar(playbook: Playbook, board: dict[str, list[Idea]]) -> dict[str, object]:
    upcoming: dict[str, list[Idea]] = defaultdict(list)
    for idea in sorted(board["scheduled"], key=lambda i: i.scheduled_for or i.proposed_on):
        upcoming[month(idea.scheduled_for or idea.proposed_on)].append(idea)
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
    return sorted(
        ((pid, n, published[pid]) for pid, n in proposed.items()),
        key=lambda row: (-row[1], -row[2], playbook.people[row[0]].name),
    )
