"""`hub init`: a new hub that validates and builds from the first minute, or a copy of the sample.

The starter's files live in `starter/` as they will be written; a file ending in
`.j2` is a Jinja template, filled in with the company's name, the site's and the
repository's addresses and today's date. What the user typed is data: it goes
into YAML through `yaml.safe_dump` and into Markdown as literal text, and is
never itself read as a template.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shlex
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import jinja2

from hub_build.engines.installation import WHEELS, Origin, running_origin
from hub_build.github.forms import form_files
from hub_build.playbook.layout import KINDS, PLAYBOOK
from hub_build.playbook.validation import schema_dir_for, validate_hub
from hub_build.playbook.writing import WriteRefused, check_inside, create
from hub_build.site import text
from hub_build.site.new_records import yaml_scalar
from hub_build.site.schema_links import SCHEMAS, SUFFIX, built_in_schemas, modeline, relative_reference

_PACKAGE = Path(__file__).resolve().parents[1]
STARTER = Path(__file__).resolve().parent / "starter"
# Installed from a wheel, the sample travels inside the package; from a checkout
# it is the repository's own hub.
EXAMPLE = next(
    (
        path
        for path in (_PACKAGE / "example", _PACKAGE.parent)
        if (path / PLAYBOOK / "narrative.yaml").is_file() and (path / "mkdocs.yml").is_file()
    ),
    _PACKAGE / "example",
)
EXAMPLE_PARTS = ("mkdocs.yml", "hub.yaml", "docs", PLAYBOOK)
# Files that cannot keep their real name inside the package.
_RENAMED = {"gitignore": ".gitignore"}
DEFAULT_COMPANY = "Your company"
# Who may read the site, and so how it is published. The hub holds the SLA, the
# people directory and the targets: by default it goes nowhere public.
AUDIENCES = {
    "internet": "anyone on the internet: GitHub Pages",
    "members": "only people who can read the repository: GitHub Pages with access control (GitHub Enterprise Cloud)",
    "sign-in": "people who sign in to your company's own web host: the built site as a download "
    "from each run, for any static host",
}
DEFAULT_AUDIENCE = "sign-in"
_ON_PAGES = ("internet", "members")
REVIEW_TEMPLATES_WITHIN = dt.timedelta(days=30)

# What a file will hold: its text, or the file to copy.
Content = str | Path
_T = TypeVar("_T")


class Refused(Exception):
    """An answer `hub init` cannot use; the message says what it needs."""


@dataclass(frozen=True, slots=True)
class Answers:
    """What `hub init` asks: who the hub is for, and where it will live."""

    company: str = DEFAULT_COMPANY
    site_url: str | None = None
    repo_url: str | None = None
    audience: str = DEFAULT_AUDIENCE


def clean_company(raw: str) -> str:
    """The company's name on one line, or Refused."""
    company = " ".join(raw.split())
    if not company:
        raise Refused("the company name cannot be empty")
    if len(company) > 100:
        raise Refused("the company name is longer than 100 characters")
    if any(not character.isprintable() for character in company):
        raise Refused("the company name has characters that cannot be printed")
    if any(character in company for character in '<>"'):
        # Themes print the site's name into HTML as it is.
        raise Refused('the company name cannot contain <, > or "')
    return company


_URL = re.compile(r"https?://[^\s<>\"'`()\[\]{}\\|^]+")


def clean_url(raw: str, what: str) -> str | None:
    """An http(s) address without a trailing slash, None for an empty answer, or Refused."""
    url = raw.strip()
    if not url:
        return None
    if not _URL.fullmatch(url) or not urlsplit(url).hostname:
        raise Refused(f"{what} '{url}' is not an address starting with https:// (for example https://example.com/hub/)")
    return url.rstrip("/")


def clean_repo_url(raw: str) -> str | None:
    url = clean_url(raw, "--repo-url")
    return url.removesuffix(".git") if url else None


def clean_site_url(raw: str) -> str | None:
    url = clean_url(raw, "--site-url")
    return url + "/" if url else None


def clean_audience(raw: str) -> str:
    audience = raw.strip().lower()
    if audience not in AUDIENCES:
        raise Refused(f"who should see the hub: '{raw.strip()}' is not one of {', '.join(AUDIENCES)}")
    return audience


def default_site_url(repo_url: str | None) -> str | None:
    """Where GitHub or GitLab Pages publishes the site of a repository, by default."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = [part for part in parts.path.split("/") if part]
    hosts = {"github.com": "github.io", "gitlab.com": "gitlab.io"}
    if parts.hostname not in hosts or len(path) != 2:
        return None
    owner, name = path[0].lower(), path[1]
    pages = f"{owner}.{hosts[parts.hostname]}"
    return f"https://{pages}/" if name.lower() == pages else f"https://{pages}/{name}/"


def _edit_uri(repo_url: str | None) -> str | None:
    host = urlsplit(repo_url).hostname or "" if repo_url else ""
    if "github" in host:
        return "edit/main/docs/"
    if "gitlab" in host:
        return "-/edit/main/docs/"
    return None


def _repo_name(repo_url: str | None) -> str | None:
    path = [part for part in urlsplit(repo_url).path.split("/") if part] if repo_url else []
    return "/".join(path[-2:]) if len(path) >= 2 else None


def gather(
    *,
    company: str | None,
    repo_url: str | None,
    site_url: str | None,
    audience: str | None = None,
    ask: Callable[[str], str] | None = None,
    tell: Callable[[str], None] = print,
) -> Answers:
    """The answers from the flags given; those left out are asked with `ask`, or take their default without it.

    The site's address defaults, for a site on Pages, to where GitHub or GitLab Pages publishes the repository.
    """

    def answer(given: str | None, prompt: str, default: str, clean: Callable[[str], _T]) -> _T:
        if given is not None:
            return clean(given)
        if ask is None:
            return clean(default)
        for _attempt in range(3):
            try:
                raw = ask(f"{prompt} [{default}]: " if default else f"{prompt}: ") or default
            except EOFError:
                raw = default
            try:
                return clean(raw)
            except Refused as exc:
                tell(f"  {exc}")
        raise Refused(f"no valid answer for: {prompt}")

    chosen_company = answer(company, "Company name", DEFAULT_COMPANY, clean_company)
    chosen_repo = answer(
        repo_url,
        "Repository address, such as https://github.com/your-org/revenue-hub (empty if there is none yet)",
        "",
        clean_repo_url,
    )
    choices = "".join(f"\n  {name:<9} {meaning}" for name, meaning in AUDIENCES.items())
    chosen_audience = answer(audience, f"Who should see the hub?{choices}\nAnswer", DEFAULT_AUDIENCE, clean_audience)
    on_pages = chosen_audience in _ON_PAGES
    chosen_site = answer(
        site_url,
        "Address the site will be published at (empty if not known yet)",
        (default_site_url(chosen_repo) if on_pages else None) or "",
        clean_site_url,
    )
    return Answers(chosen_company, chosen_site, chosen_repo, chosen_audience)


def starter_files(answers: Answers, *, today: dt.date, origin: Origin | None = None) -> dict[str, Content]:
    """Every file of a new hub, by its path in the hub.

    Its requirements.txt and pre-commit hook install the hub `origin` describes:
    by default, the one running.
    """
    origin = origin or running_origin()
    context = {
        "company": answers.company,
        "site_name": f"{answers.company} sales and marketing hub",
        "site_url": answers.site_url,
        "repo_url": answers.repo_url,
        "repo_name": _repo_name(answers.repo_url),
        "edit_uri": _edit_uri(answers.repo_url),
        "requirement": origin.requirement(),
        # In comments of requirements.txt: on one line each, whatever the path holds.
        "local": " ".join(str(origin.local_path).splitlines()) if origin.local_path else None,
        "fetch_wheel": " ".join((fetch_wheel(origin) or "").splitlines()),
        "audience": answers.audience,
        "today": today.isoformat(),
        "review_by": (today + REVIEW_TEMPLATES_WITHIN).isoformat(),
    }
    env = _environment()
    files: dict[str, Content] = {}
    for source in sorted(STARTER.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(STARTER).as_posix()
        if relative.endswith(".j2"):
            relative = relative.removesuffix(".j2")
            content: Content = env.get_template(source.relative_to(STARTER).as_posix()).render(context)
        else:
            content = source
        relative = _RENAMED.get(relative, relative)
        kind = _kind_of(relative)
        if kind:
            # The hub gets its own copy of every schema, so the reference resolves offline.
            body = content if isinstance(content, str) else content.read_text(encoding="utf-8")
            content = modeline(relative_reference(kind, relative)) + body
        files[relative] = content
    for schema in built_in_schemas():
        files[f"{SCHEMAS}/{schema.name}"] = schema
    files[".vscode/settings.json"] = vscode_settings()
    return dict(sorted({**files, **_forms_of(files)}.items()))


def fetch_wheel(origin: Origin, folder: str = WHEELS) -> str | None:
    """The command that puts the wheel a hub from this computer installs into `folder`, or None for other hubs."""
    path = origin.local_path
    if path is None:
        return None
    # Quoted for the shell, for a path with spaces.
    if path.suffix == ".whl":
        return f"cp {shlex.quote(str(path))} {shlex.quote(folder)}/"
    return f"python -m pip wheel --no-deps -w {shlex.quote(folder)} {shlex.quote(str(path))}"


def tooling_files(answers: Answers, *, today: dt.date, origin: Origin | None = None) -> dict[str, Content]:
    """The files of a new hub that are not its content: workflows, requirements, editor and Git settings."""
    content = (*EXAMPLE_PARTS, SCHEMAS)
    return {
        relative: file
        for relative, file in starter_files(answers, today=today, origin=origin).items()
        if relative.split("/")[0] not in content
    }


def example_files(*, today: dt.date | None = None, origin: Origin | None = None) -> dict[str, Content]:
    """The sample hub, with the schemas its files point at and the tooling every new hub gets."""
    files: dict[str, Content] = tooling_files(Answers(), today=today or dt.date.today(), origin=origin)
    for part in EXAMPLE_PARTS:
        source = EXAMPLE / part
        if source.is_file():
            files[part] = source
        for path in sorted(source.rglob("*")) if source.is_dir() else ():
            if path.is_file() and "__pycache__" not in path.parts:
                files[path.relative_to(EXAMPLE).as_posix()] = path
    if not any(relative.startswith(f"{PLAYBOOK}/") for relative in files):
        raise Refused(f"the sample hub is missing from this installation (looked in {EXAMPLE})")
    for schema in built_in_schemas():
        files[f"{SCHEMAS}/{schema.name}"] = schema
    # The issue forms, written from the sample's own playbook.
    return dict(sorted({**files, **_forms_of(files)}.items()))


def _forms_of(files: Mapping[str, Content]) -> dict[str, str]:
    """The issue forms of the hub these files make, written from its playbook as `hub forms` writes them."""
    with tempfile.TemporaryDirectory(prefix="hub-init-") as folder:
        root = Path(folder)
        write(
            root,
            {
                relative: content
                for relative, content in files.items()
                if relative.startswith((f"{PLAYBOOK}/", f"{SCHEMAS}/"))
            },
        )
        return form_files(validate_hub(root).playbook, schema_dir_for(root))


def vscode_settings() -> str:
    """VS Code settings that give each playbook folder its schema (Red Hat's YAML extension)."""
    schemas: dict[str, str] = {}
    for kind in KINDS:
        files = f"{PLAYBOOK}/{kind.location}" + ("/*.yaml" if kind.is_folder else "")
        schemas[f"./{SCHEMAS}/{kind.name}{SUFFIX}"] = files
    schemas[f"./{SCHEMAS}/config{SUFFIX}"] = "hub.yaml"
    settings = {
        "yaml.schemas": schemas,
        # mkdocs.yml reads an environment variable with !ENV.
        "yaml.customTags": ["!ENV scalar", "!ENV sequence"],
    }
    return json.dumps(settings, indent=2) + "\n"


def existing(target: Path, files: Mapping[str, Content]) -> list[str]:
    """The files that are already there: writing them would overwrite someone's work."""
    return [relative for relative in files if os.path.lexists(target / relative)]


def write(target: Path, files: Mapping[str, Content]) -> None:
    """Write every file under `target`, or none of them.

    Each file is new: one that appeared since the caller checked, or a symbolic
    link, is refused (WriteRefused), never overwritten or followed, and so is a
    folder that leads out of `target`. A refusal or a stop removes what was written.
    """
    made: list[Path] = []  # files and folders this call created, in order
    try:
        made += _make_folders(target)
        for relative, content in files.items():
            path = target / relative
            try:
                check_inside(target, path)
                made += _make_folders(path.parent)
                data = content.read_bytes() if isinstance(content, Path) else content.encode("utf-8")
                create(path, data)
            except WriteRefused as exc:
                raise exc.at(relative) from None
            made.append(path)
    except BaseException:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; return those created, outermost first."""
    missing = [folder, *folder.parents]
    missing = [path for path in missing if not os.path.lexists(path)][::-1]
    folder.mkdir(parents=True, exist_ok=True)
    return missing


def _kind_of(relative: str) -> str | None:
    """The schema a file of the hub is written against, if any."""
    if relative == "hub.yaml":
        return "config"
    for kind in KINDS:
        location = f"{PLAYBOOK}/{kind.location}"
        if relative == location or (kind.is_folder and relative.startswith(location + "/")):
            return kind.name
    return None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(STARTER)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown: every value goes through the yaml, plain or url filter
    )
    env.filters.update(yaml=yaml_scalar, plain=text.plain, url=text.url)
    return env
