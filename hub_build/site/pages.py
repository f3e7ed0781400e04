"""The hub's generated pages: the playbook rendered to Markdown through Jinja templates.

This is plain Python with no MkDocs in it: it returns Markdown text per page,
and the MkDocs plugin only hands those pages to the build. Templates live in
`templates/`; a hub overrides any of them by putting a file of the same name in
its own templates folder. What each template is given is gathered in
`page_contexts.py`; what every page gets once written, in `page_additions.py`.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from hub_build.playbook.config import Holiday
from hub_build.playbook.model import Idea, Playbook, Track
from hub_build.playbook.review import ReviewItem, review_items
from hub_build.playbook.scorecard import Scorecard, Waiting, waiting_ideas
from hub_build.site import page_contexts, scorecard_view, text
from hub_build.site.environment import (
    BOARD_SHOWN,
    SECTION_BREAK,
    TEMPLATE_HINT,
    TemplateFailed,
    budget_hint,
    environment,
    template_error,
    template_frame,
    template_problem,
)
from hub_build.site.history import MAX_COMMITS, Change
from hub_build.site.host import Corrections
from hub_build.site.kept import Kept
from hub_build.site.links import (
    CALENDAR,
    GLOSSARY,
    HOME,
    NARRATIVE,
    ONBOARDING,
    PEOPLE,
    SCORECARD,
    SLA,
    Links,
    idea_uri,
    status_uri,
    track_uri,
)
from hub_build.site.page import Mention, Page
from hub_build.site.page_additions import with_correction
from hub_build.site.page_cache import (
    PageCache,
    kept_each,
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
    # What the narrative lists under each stage: its ideas but the declined (a filter in the template
    # would read every idea's status through the sandbox, on every save).
    stage_content: dict[str, list[Idea]] = field(default_factory=dict)
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
    board = page_contexts.board_by_status(playbook)
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
                "glossary_examples": page_contexts.glossary_examples(playbook),
                "late_shown": LATE_SHOWN,
                "changes": recent(history[:MAX_COMMITS], playbook, Links(HOME, playbook)) if history else [],
            },
        ),
        _render(
            env,
            "glossary.md.j2",
            GLOSSARY,
            "Glossary",
            data,
            edit_base,
            context={"terms": page_contexts.glossary_order(playbook)},
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
                "teams": page_contexts.people_by_team(playbook),
                "filters": page_contexts.people_filters(playbook),
                "chat_address": functools.partial(page_contexts.chat_address, chat_url),
                "entry_inputs": functools.partial(page_contexts.person_entry_inputs, data.mentions, chat_url),
            },
        ),
        _render(env, "onboarding.md.j2", ONBOARDING, "Onboarding", data, edit_base),
        _render(
            env,
            "calendar.md.j2",
            CALENDAR,
            "Content calendar",
            data,
            edit_base,
            context={
                **page_contexts.calendar_context(playbook, board),
                "days_late": functools.partial(page_contexts.days_late, today),
            },
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
        context=page_contexts.track_context(track, data.playbook, holidays),
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
                    kept=(kept := kept_entries(data.cache, uri)),
                    kept_each=kept_each(kept),
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
    data.mentions = page_contexts.mentions(playbook, kept)
    for idea in sorted(playbook.ideas.values(), key=page_contexts.idea_order):
        data.ideas_by_stage.setdefault(idea.stage, []).append(idea)
        if idea.status != "declined":
            data.stage_content.setdefault(idea.stage, []).append(idea)
    return data


def _add_waiting(data: SiteData, holidays: tuple[Holiday, ...]) -> None:
    """Which ideas wait for a decision, for their pages and, past the SLA's promise, for the home page."""
    for waiting in waiting_ideas(data.playbook, today=data.today, holidays={h.date for h in holidays}):
        if data.waiting.setdefault(waiting.idea.id, waiting) is waiting and waiting.late:
            data.late.append(waiting)
