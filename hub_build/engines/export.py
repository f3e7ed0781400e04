"""`hub export`: the complete site source, which an engine builds with no hub code.

The folder holds `docs/` (the hand-written pages with their buttons filled in,
the default pages the hub did not replace, every generated page, the published
schemas), `overrides/` (the theme's page actions reading each page's edit
address from its front matter, over the hub's own theme overrides) and a
`mkdocs.yml` that MkDocs, ProperDocs and Zensical all read: the hub's own
settings, without the hub plugin, with the Markdown extensions the pages need
and the glossary as the `abbr` extension's glossary.

What the plugin guards at build time is already in the Markdown: links are
made safe as the pages are written, titles are escaped in the front matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hub_build.engines import mkdocs_needs, site_folder
from hub_build.engines.config_file import CONFIG_FILE, PLUGIN, PYTHON_NAME, ConfigLoader, Tagged, plugin_name
from hub_build.playbook.problems import Problem
from hub_build.playbook.validation import NotAHub, Result, validate_hub
from hub_build.playbook.writing import WriteRefused, check_inside, replace
from hub_build.playbook.yaml_syntax import yaml_problem
from hub_build.site import linked
from hub_build.site.description import SiteDescription, SiteSettings, describe
from hub_build.site.environment import TemplateFailed
from hub_build.site.page_additions import fill_markers, heading_of, with_correction

THEME = Path(__file__).resolve().parent / "theme"
GUARD = "hub_build.engines.guard"  # see guard.py: refuses a Zensical build of the hub's own mkdocs.yml
THEME_SEARCH = ("search", "material/search")
FEEDS_SETTING = "hub_feeds"  # under `extra`: what theme/main.html links in every page's head


class ExportFailed(Exception):
    """The playbook or the configuration cannot become a site; carries what to report."""

    def __init__(self, problems: list[Problem], summary: str) -> None:
        super().__init__(summary)
        self.problems = problems


@dataclass(slots=True)
class Export:
    """What was written, for the command to report and for engines to build."""

    folder: Path
    root: Path
    result: Result
    site: SiteDescription
    directory_urls: bool = True  # pages at glossary/ rather than glossary.html, as the engine will write them
    language: str = "en"  # the site's language, for the search's word stems
    pages: int = 0
    files: list[str] = field(default_factory=list)


def export_site(
    root: Path, folder: Path, *, zensical: bool = False, today: dt.date | None = None, config_file: str = CONFIG_FILE
) -> Export:
    """Write the site source of the hub under `root` into `folder` (created, or emptied of what it wrote).

    Raises site_folder.SiteFolderRefused, before anything is read or written,
    when `folder` holds the hub or files the hub did not write.
    """
    site_folder.check(root, folder)
    raw = _read_config(root / config_file, root)
    options = _plugin_options(raw)
    today = today or _today(options)
    try:
        result = validate_hub(root, today=today)
    except NotAHub as exc:
        raise ExportFailed([], str(exc)) from None
    if result.errors:
        raise ExportFailed(result.errors, f"the playbook has {len(result.errors)} error(s)")
    docs_dir = root / str(raw.get("docs_dir", "docs"))
    outside = refused_links(root, docs_dir, theme_folder(root, raw))
    if outside:
        raise ExportFailed(outside, f"{len(outside)} symbolic link(s) lead out of the repository")
    settings = SiteSettings(
        root=root,
        docs_dir=docs_dir,
        today=today,
        site_url=_text(raw.get("site_url")),
        repo_url=_text(raw.get("repo_url")),
        edit_uri=_text(raw.get("edit_uri")),
        custom_templates=str(options.get("custom_templates", "overrides/hub")),
        directory_urls=raw.get("use_directory_urls") is not False,
    )
    try:
        site = describe(result, settings)
    except TemplateFailed as exc:
        raise ExportFailed(list(exc.problems), "a template failed") from None
    theme = raw.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    export = Export(
        folder,
        root,
        result,
        site,
        directory_urls=raw.get("use_directory_urls") is not False,
        language=language if isinstance(language, str) and language else "en",
    )
    folder.mkdir(parents=True, exist_ok=True)
    before = site_folder.written_before(folder)
    try:
        site_folder.mark(folder, sorted(before))  # marked before the first file, should the export be stopped
        _write_docs(export, docs_dir, site, settings.docs_folder)
        _write_theme(export, root, raw)
        _write(export, CONFIG_FILE, _config(raw, site, zensical=zensical))
        _prune(export, before)
        site_folder.mark(folder, export.files)
    except WriteRefused as exc:
        raise ExportFailed([exc.problem], "a file of the export could not be written") from None
    return export


def _prune(export: Export, before: set[str]) -> None:
    """Remove what the last export wrote and this one did not: a deleted or renamed record's page.

    Only files the marker lists as written by the hub are removed, and only
    where they are still plain files inside the export: whatever else is in the
    folder was not the hub's to remove.
    """
    folder = export.folder.resolve()
    for relative in sorted(before - set(export.files), reverse=True):
        path = folder / relative
        if (
            relative.split("/")[0] not in ("docs", "overrides")
            or path.is_symlink()
            or not path.is_file()
            or not path.resolve().is_relative_to(folder)
        ):
            continue
        path.unlink()
        for parent in path.parents:
            if parent == folder or any(parent.iterdir()):
                break
            parent.rmdir()


def refused_links(root: Path, docs_dir: Path, theme: Path | None) -> list[Problem]:
    """The links in the hand-written pages and the theme's overrides that lead out of the repository."""
    return [*linked.refused_links(docs_dir, root), *(linked.refused_links(theme, root) if theme else [])]


def theme_folder(root: Path, raw: dict[str, Any]) -> Path | None:
    """The theme's `custom_dir`, from the folder of mkdocs.yml."""
    theme = raw.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return root / custom if isinstance(custom, str) else None


def _write_docs(export: Export, docs_dir: Path, site: SiteDescription, docs_folder: str) -> None:
    own: set[str] = set()
    if docs_dir.is_dir():
        # A link inside the repository is published as the file it points to, as MkDocs does.
        for relative in linked.files_under(docs_dir, export.root):
            path, uri = docs_dir / relative, relative.as_posix()
            own.add(uri)
            if path.suffix == ".md":
                text = fill_markers(
                    path.read_text(encoding="utf-8"), new_idea_url=site.new_idea_url, idea_form_url=site.idea_form_url
                )
                text = with_correction(text, site.correction_url(heading_of(text, uri), uri, f"{docs_folder}/{uri}"))
                _write(export, f"docs/{uri}", text)
            else:
                _write(export, f"docs/{uri}", path.read_bytes())
    for name, path in site.default_docs.items():
        if name not in own:
            # Shipped with hub_build: there is no file in the hub to edit.
            text = fill_markers(
                path.read_text(encoding="utf-8"), new_idea_url=site.new_idea_url, idea_form_url=site.idea_form_url
            )
            text = with_correction(text, site.correction_url(heading_of(text, name), name, None))
            _write(export, f"docs/{name}", _with_front_matter(text, 'edit_url: ""'))
    for page in site.pages:
        if page.uri not in own:
            _write(export, f"docs/{page.uri}", page.markdown)
            export.pages += 1
    for uri, content in {**site.schemas, **site.files}.items():
        _write(export, f"docs/{uri}", content)


def _write_theme(export: Export, root: Path, raw: dict[str, Any]) -> None:
    """The hub's own theme overrides, and the page actions that read `edit_url` unless the hub has its own."""
    custom = theme_folder(root, raw)
    if custom is not None and custom.is_dir():
        for relative in linked.files_under(custom, root):
            _write(export, f"overrides/{relative.as_posix()}", (custom / relative).read_bytes())
    for path in sorted(p for p in THEME.rglob("*") if p.is_file()):
        target = f"overrides/{path.relative_to(THEME).as_posix()}"
        if target not in export.files:  # the hub's own override of it comes first
            _write(export, target, path.read_bytes())


def _config(raw: dict[str, Any], site: SiteDescription, *, zensical: bool) -> str:
    config = {key: value for key, value in raw.items() if key not in ("docs_dir", "site_dir", "plugins")}
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    # The hub's search replaces the theme's (see search_index.py). MkDocs adds its search
    # plugin when no plugins are listed, and Zensical unless told not to, so say so.
    plugins = [p for p in raw.get("plugins") or [] if plugin_name(p) not in (PLUGIN, *THEME_SEARCH)]
    config["plugins"] = [*plugins, {"search": {"enabled": False}}] if zensical else plugins
    theme = raw.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
    theme["custom_dir"] = "overrides"
    theme["features"] = list(theme.get("features") or [])
    mkdocs_needs.add_features(theme.get("name"), theme["features"])
    if zensical:
        theme.setdefault("variant", "classic")  # Zensical's look closest to Material's
    config["theme"] = theme
    config["markdown_extensions"] = _extensions(raw.get("markdown_extensions") or [], site.tooltips)
    config["extra_css"] = _with(raw.get("extra_css"), site.stylesheets)
    config["extra_javascript"] = _with(raw.get("extra_javascript"), site.scripts)
    extra = raw.get("extra")
    config["extra"] = {**(extra if isinstance(extra, dict) else {}), FEEDS_SETTING: announced_feeds(site)}
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def announced_feeds(site: SiteDescription) -> list[dict[str, str]]:
    """The feeds every page's head links to, as the theme's main.html reads them from `extra`."""
    return [{"path": path, "type": media_type, "title": title} for path, media_type, title in site.feeds]


def _extensions(listed: list[Any], glossary: dict[str, str]) -> list[Any]:
    """The hub's Markdown extensions, those the pages need, and the glossary on every page."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    named: dict[tuple[str, str], Tagged] = {}  # options written `!!python/name:…`, checked by their dotted name
    for entry in listed:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, None)
        if not isinstance(name, str) or name == GUARD:
            continue
        names.append(name)
        configs[name] = dict(options) if isinstance(options, dict) else {}
        for option, value in configs[name].items():
            if isinstance(value, Tagged) and value.tag.startswith(PYTHON_NAME):
                named[(name, option)] = value
                configs[name][option] = value.tag.removeprefix(PYTHON_NAME)
    mkdocs_needs.add_extensions(names, configs)
    for (name, option), value in named.items():
        configs[name][option] = value
    abbr = next(n for n in names if n.removeprefix("markdown.extensions.") == "abbr")
    configs[abbr] = {**configs.get(abbr, {}), "glossary": dict(glossary)}
    return [{name: configs[name]} if configs.get(name) else name for name in names]


def _with(listed: object, wanted: tuple[str, ...]) -> list[Any]:
    """The hub's own list of styles or scripts, then the site's."""
    own = list(listed) if isinstance(listed, list) else []
    return own + [uri for uri in wanted if uri not in own]


def _with_front_matter(text: str, line: str) -> str:
    if text.startswith("---\n"):
        return f"---\n{line}\n{text[4:]}"
    return f"---\n{line}\n---\n\n{text}"


def _write(export: Export, relative: str, content: str | bytes) -> None:
    path = export.folder / relative
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        check_inside(export.folder, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Unchanged files keep their modification time, so a watching engine rebuilds only what changed.
        if path.is_symlink() or not path.is_file() or path.read_bytes() != data:
            replace(path, data)
    except WriteRefused as exc:
        raise exc.at(path.as_posix()) from None
    export.files.append(relative)


def _plugin_options(raw: dict[str, Any]) -> dict[str, Any]:
    for entry in raw.get("plugins") or []:
        if isinstance(entry, dict) and plugin_name(entry) == PLUGIN and isinstance(entry[PLUGIN], dict):
            return {key: value for key, value in entry[PLUGIN].items() if not isinstance(value, Tagged)}
    return {}


def _today(options: dict[str, Any]) -> dt.date:
    value = options.get("today")
    try:
        return dt.date.fromisoformat(str(value)) if value else dt.date.today()
    except ValueError:
        return dt.date.today()


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


# ------------------------------------------------------------------ mkdocs.yml as data


class _Dumper(yaml.SafeDumper):
    """Writes the tags back, and functions (the emoji settings) as `!!python/name:`."""


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


def _represent_function(dumper: yaml.SafeDumper, data: Callable[..., Any]) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{data.__module__}.{data.__qualname__}", "")


_Dumper.add_representer(Tagged, _represent_tagged)
_Dumper.add_multi_representer(type(len), _represent_function)  # built-in functions
_Dumper.add_multi_representer(type(_represent_function), _represent_function)


def _read_config(path: Path, root: Path) -> dict[str, Any]:
    if linked.leaves(path, root):  # never read: it could be any file of the machine, and would be exported
        raise ExportFailed([linked.refused(path, root)], f"{path.name} leads out of the repository")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportFailed([], f"cannot read {path.name}: {exc}") from None
    try:
        data = yaml.load(text, Loader=ConfigLoader)
    except yaml.YAMLError as exc:
        raise ExportFailed([yaml_problem(exc, text, path.name)], f"{path.name} cannot be read as YAML") from None
    if not isinstance(data, dict):
        raise ExportFailed([], f"{path.name} must hold settings (name: value)")
    return data
