"""From an issue opened with the content-idea form to one pull request that closes it.

The issue's answers are read as GitHub writes them (issue_body.py), each
dropdown's name mapped back to its id (forms.py), and the author recognised by
the `github` username in their person file. What cannot be accepted is said
back to the rep as one comment, in the words of the form's questions; what
can is written as `playbook/content/<slug>.yaml` on the branch `idea/issue-N`,
which every edit of the issue writes again from the default branch.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from hub_build.github.complaints import Complaint, comment
from hub_build.github.forms import IDEA_FORM, Choices, choices
from hub_build.github.gh import CommandFailed, gh_json, git, run
from hub_build.github.issue_body import read_answers
from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.model import Playbook
from hub_build.playbook.problems import Problem
from hub_build.playbook.validation import schema_dir_for, validate_hub
from hub_build.site.new_records import Blueprint, Refused, accept, blueprints, render, slugify

MAX_TITLE = 120
MARKER = "<!-- hub:propose-idea -->"
# Control characters other than tab and line ends: YAML holds none of them, and a reader never means them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# The fields of an idea, by the question of the form that answers each.
QUESTIONS = {
    "title": IDEA_FORM.title,
    "question": IDEA_FORM.question,
    "persona": IDEA_FORM.persona,
    "stage": IDEA_FORM.stage,
    "value_proposition": IDEA_FORM.value_proposition,
    "format": IDEA_FORM.format,
    "notes": IDEA_FORM.notes,
    "proposed_by": IDEA_FORM.proposer,
}


@dataclass(frozen=True, slots=True)
class Issue:
    """An issue as `gh issue view --json number,title,body,author,createdAt,url` gives it."""

    number: int
    title: str
    body: str
    author: str  # the GitHub username of who opened it
    created_on: dt.date
    url: str


@dataclass(slots=True)
class Draft:
    """The idea an issue gives, or the complaints that stop it."""

    answers: dict[str, object] = field(default_factory=dict)  # field name → value, as `hub new idea` takes them
    complaints: list[Complaint] = field(default_factory=list)
    proposer_name: str = ""

    @property
    def title(self) -> str:
        return str(self.answers.get("title") or "")


def branch_of(issue_number: int) -> str:
    return f"idea/issue-{issue_number}"


def draft_idea(issue: Issue, playbook: Playbook, schema_dir: Path) -> Draft:
    """The idea the issue's answers give, each answer checked as `hub new idea` checks it."""
    answers = read_answers(issue.body, IDEA_FORM.labels)
    draft = Draft()
    if len(answers.missing) == len(IDEA_FORM.labels):
        draft.complaints.append(
            Complaint(
                None,
                'this issue was not written with the form "Propose a content '
                'idea", so the hub cannot read it: open a new issue from that form.',
            )
        )
        return draft
    options = choices(playbook, schema_dir)
    blueprint = blueprints(playbook, schema_dir)["idea"]
    for name, question in QUESTIONS.items():
        raw = _clean(answers.get(question) or "")
        if name == "proposed_by":
            value, complaint = _proposer(raw, issue.author, playbook, options)
        else:
            value, complaint = _answer(blueprint, name, question, raw, options)
        draft.answers[name] = value
        if complaint:
            draft.complaints.append(complaint)
    title = draft.title
    if len(title) > MAX_TITLE:
        draft.complaints.append(
            Complaint(
                IDEA_FORM.title,
                f"the title is {len(title)} characters long: shorten it "
                f"to at most {MAX_TITLE} (the question can say the rest).",
            )
        )
    proposer = playbook.people.get(str(draft.answers.get("proposed_by") or ""))
    draft.proposer_name = proposer.name if proposer else ""
    return draft


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).strip()


_DROPDOWNS = {"persona": "personas", "stage": "stages", "value_proposition": "value_propositions", "format": "formats"}


def _answer(
    blueprint: Blueprint, name: str, question: str, raw: str, options: Choices
) -> tuple[object, Complaint | None]:
    required = name in ("title", "question", "persona", "stage", "format")
    if not raw:
        return None, Complaint(question, "this answer is required.") if required else None
    if name == "notes":
        return " ".join(raw.split()), None
    value: str = raw
    if name in _DROPDOWNS:
        shown: dict[str, str] = getattr(options, _DROPDOWNS[name])
        if " ".join(raw.split()) not in shown:
            return None, Complaint(
                question, f"{_quoted(raw)} is not one of the choices: choose one of {_listed(list(shown))}."
            )
        value = shown[" ".join(raw.split())]
    field_of = next(f for f in blueprint.fields if f.name == name)
    try:
        return accept(field_of, value), None
    except Refused as exc:
        return None, Complaint(question, f"{exc}.")


def _proposer(raw: str, author: str, playbook: Playbook, options: Choices) -> tuple[object, Complaint | None]:
    """Who the idea is credited to: the person chosen in the form, else the author known by their username."""
    if raw:
        chosen = options.people.get(" ".join(raw.split()))
        if chosen is None:
            return None, Complaint(
                IDEA_FORM.proposer, f"{_quoted(raw)} is not a person in the hub: choose one of the names listed."
            )
        return chosen, None
    known = [p.id for p in playbook.people.values() if p.github and p.github.casefold() == author.casefold()]
    if known:
        return known[0], None
    return None, Complaint(
        IDEA_FORM.proposer,
        f"the hub does not know who @{author} is: no one's file in "
        f"{PLAYBOOK}/people/ has `github: {author}`. Choose yourself under "
        f'"{IDEA_FORM.proposer}", or ask whoever keeps the hub to add your username to your '
        "file.",
    )


def _quoted(answer: str) -> str:
    """A rep's answer echoed back: on one line, short, as code so nothing in it links, mentions or renders."""
    one_line = " ".join(answer.split())
    short = one_line if len(one_line) <= 60 else one_line[:59] + "…"
    return "`" + short.replace("`", "'") + "`"


def _listed(names: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def idea_path(root: Path, issue: Issue, title: str) -> Path:
    """Where the issue's idea goes: named after its title, or after the issue when the title gives no name.

    A name an idea on the default branch already has gets the issue's number added.
    """
    slug = slugify(title) or f"idea-from-issue-{issue.number}"
    folder = root / PLAYBOOK / "content"
    taken = {p.stem.casefold() for p in folder.glob("*.y*ml")} if folder.is_dir() else set()
    if slug.casefold() in taken:
        slug = f"{slug[:50].rstrip('-')}-issue-{issue.number}"
    return folder / f"{slug}.yaml"


def idea_text(draft: Draft, playbook: Playbook, schema_dir: Path, *, root: Path, path: Path, issue: Issue) -> str:
    """The idea file, proposed on the day the issue was opened, naming that issue so its page links to it."""
    blueprint = blueprints(playbook, schema_dir)["idea"]
    text = render(blueprint, draft.answers, today=issue.created_on, root=root, path=path)
    return f"{text.rstrip()}\nissue: {issue.number}\n"


def complaints_from(problems: list[Problem]) -> list[Complaint]:
    """Validation problems in the written file, said against the form's questions, never as a JSON path."""
    said = []
    for problem in problems:
        field_name = problem.path.removeprefix("$.").split(".")[0].split("[")[0]
        said.append(Complaint(QUESTIONS.get(field_name), problem.message.rstrip(".") + "."))
    return said


def complaint_comment(issue: Issue, complaints: list[Complaint]) -> str:
    """One comment that says every answer to change, by its question."""
    opening = f"Thanks for the idea, @{issue.author}! Before it can go to marketing,"
    return comment(MARKER, opening, complaints, "opens the pull request")


def opened_comment(issue: Issue, draft: Draft, pull_request: str) -> str:
    """The same comment once the idea is in a pull request."""
    return (
        f"{MARKER}\nThanks for the idea, @{issue.author}! It is now in {pull_request}, credited to "
        f"{draft.proposer_name}. Marketing decides on it there; when the pull request is merged, this issue "
        "closes and the idea appears on the content calendar.\n\nTo change an answer, edit this issue: the pull "
        "request follows.\n"
    )


def pull_request_title(draft: Draft) -> str:
    return f"Content idea: {' '.join(draft.title.split())}"


def pull_request_body(issue: Issue, draft: Draft, file: str) -> str:
    return (
        f"Closes #{issue.number}\n\nA content idea proposed by {draft.proposer_name} "
        f"(issue opened by @{issue.author} on {issue.created_on.isoformat()}), written by `hub propose` to "
        f"`{file}`.\n\nReview the file under *Files changed*: accept the idea (set `status: accepted` and an "
        "`owner`) or decline it with a `declined_reason`. To change the proposer's answers, edit the issue: "
        "this pull request is written again from it.\n"
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What `propose_from_issue` did: the pull request it opened or updated, or what it asked in the issue."""

    pull_request: str | None = None
    file: str | None = None
    complaints: tuple[Complaint, ...] = ()
    closed: bool = False


ISSUE_FIELDS = "number,title,body,author,createdAt,url,state"


def read_issue(number: int, *, cwd: Path) -> tuple[Issue, bool]:
    """The issue as gh gives it, and whether it is closed."""
    data = gh_json(["issue", "view", str(number), "--json", ISSUE_FIELDS], cwd=cwd)
    if not isinstance(data, dict):
        raise CommandFailed(f"`gh issue view {number}` did not give an issue")
    author = data.get("author")
    login = author.get("login") if isinstance(author, dict) else None
    try:
        created = dt.datetime.fromisoformat(str(data.get("createdAt")).replace("Z", "+00:00")).date()
    except ValueError:
        raise CommandFailed(f"`gh issue view {number}` gave no creation date") from None
    issue = Issue(
        number=int(data.get("number") or number),
        title=str(data.get("title") or ""),
        body=str(data.get("body") or ""),
        author=str(login or "ghost"),
        created_on=created,
        url=str(data.get("url") or ""),
    )
    return issue, str(data.get("state") or "OPEN").upper() == "CLOSED"


def propose_from_issue(root: Path, number: int) -> Outcome:
    """Turn issue `number` into one pull request, or one comment saying what to change. Raises CommandFailed."""
    issue, closed = read_issue(number, cwd=root)
    if closed:
        return Outcome(closed=True)
    result = validate_hub(root)
    schema_dir = schema_dir_for(root)
    draft = draft_idea(issue, result.playbook, schema_dir)
    if draft.complaints:
        return _complain(root, issue, draft.complaints)
    path = idea_path(root, issue, draft.title)
    file = path.relative_to(root).as_posix()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(idea_text(draft, result.playbook, schema_dir, root=root, path=path, issue=issue), encoding="utf-8")
    problems = [p for p in validate_hub(root).problems if p.file == file and p.is_error]
    if problems:
        path.unlink()
        return _complain(root, issue, complaints_from(problems))
    url = _publish(root, issue, draft, file)
    _comment(root, issue, opened_comment(issue, draft, url))
    return Outcome(pull_request=url, file=file)


def _complain(root: Path, issue: Issue, complaints: list[Complaint]) -> Outcome:
    _comment(root, issue, complaint_comment(issue, complaints))
    return Outcome(complaints=tuple(complaints))


def _comment(root: Path, issue: Issue, text: str) -> None:
    # The hub's one comment on the issue, edited in place: a rep who edits the issue
    # five times sees one answer, the latest, not five.
    run(
        ["gh", "issue", "comment", str(issue.number), "--edit-last", "--create-if-none", "--body-file", "-"],
        cwd=root,
        stdin=text,
    )


def _publish(root: Path, issue: Issue, draft: Draft, file: str) -> str:
    """Commit the file on the issue's branch, from what is checked out, push it, and open or update its pull request."""
    branch = branch_of(issue.number)
    started_on = git(["rev-parse", "--abbrev-ref", "HEAD"], cwd=root).strip()
    if started_on == "HEAD":  # a detached checkout: come back to its commit
        started_on = git(["rev-parse", "HEAD"], cwd=root).strip()
    git(["checkout", "-B", branch], cwd=root)
    try:
        git(["add", "--", file], cwd=root)
        git(
            [
                "commit",
                "--quiet",
                "-m",
                f"Propose content idea: {' '.join(draft.title.split())}",
                "-m",
                f"From issue #{issue.number}, opened by @{issue.author}.",
            ],
            cwd=root,
        )
        # Each edit of the issue writes the branch again from the default branch: force.
        git(["push", "--quiet", "--force", "origin", f"HEAD:refs/heads/{branch}"], cwd=root)
    finally:
        git(["checkout", "--quiet", started_on], cwd=root)
    title, body = pull_request_title(draft), pull_request_body(issue, draft, file)
    existing = gh_json(["pr", "list", "--head", branch, "--state", "open", "--json", "number,url"], cwd=root)
    if isinstance(existing, list) and existing and isinstance(existing[0], dict):
        run(
            ["gh", "pr", "edit", str(existing[0].get("number")), "--title", title, "--body-file", "-"],
            cwd=root,
            stdin=body,
        )
        return str(existing[0].get("url"))
    return run(
        ["gh", "pr", "create", "--head", branch, "--title", title, "--body-file", "-"], cwd=root, stdin=body
    ).strip()
