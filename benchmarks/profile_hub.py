"""Where `hub build` and `hub validate` spend their time, before anyone optimises.

Runs pyinstrument (a sampling profiler, so the figures are not inflated the
way a tracing profiler inflates small functions) on the MkDocs build that
`hub build` starts, at N = 2,000 records, and on `hub validate` at 10,000
records, then prints three views of each profile: time by package, time in the
phases that matter, and the functions with the most time of their own.

    python -m pip install pyinstrument
    python benchmarks/profile_hub.py
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from pyinstrument.frame import Frame
from pyinstrument.session import Session

BENCHMARKS = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCHMARKS.parent), str(BENCHMARKS)]

import make_playbook  # noqa: E402
from run import ENV, REPO, TODAY  # noqa: E402

# (label, function name, a piece of its file path): inclusive time, outermost call only.
BUILD_PHASES = (
    ("hub plugin: on_config (validate + describe the site)", "on_config", "hub_build/engines/mkdocs.py"),
    ("  validate_hub", "validate_hub", "hub_build/playbook/validation.py"),
    ("  render_site (Jinja templates to Markdown)", "render_site", "hub_build/site/pages.py"),
    ("  charts (matplotlib)", "chart_svg", "hub_build/site/charts.py"),
    ("  feeds and JSON export", "data_parts", "hub_build/site/description.py"),
    ("Markdown to HTML (Python-Markdown + pymdownx)", "convert", "markdown/core.py"),
    ("  of which: new Markdown instance per page", "__init__", "markdown/core.py"),
    ("  of which: glossary tooltips (AbbreviationsTreeprocessor.run)", "run", "hub_build/site/abbreviations.py"),
    ("theme: page templates (Material, Jinja)", "_build_page", "mkdocs/commands/build.py"),
    ("hub plugin: last guard on each page's HTML", "on_page_content", "hub_build/engines/mkdocs.py"),
    ("hub plugin: search index (Pagefind, on_post_build)", "on_post_build", "hub_build/engines/mkdocs.py"),
)
# The hub's share of a build: the time inside its plugin's hooks and in code of its own
# that the engine calls (the tooltips); the rest is the engine's (MkDocs, Python-Markdown,
# pymdownx, Material's templates). Pagefind runs in a process of its own, waited for in
# on_post_build, so its time is the hub's.
HUB_PARTS = (
    ("on_config", "hub_build/engines/mkdocs.py"),
    ("on_files", "hub_build/engines/mkdocs.py"),
    ("on_nav", "hub_build/engines/mkdocs.py"),
    ("on_page_markdown", "hub_build/engines/mkdocs.py"),
    ("on_page_content", "hub_build/engines/mkdocs.py"),
    ("on_page_context", "hub_build/engines/mkdocs.py"),
    ("on_post_page", "hub_build/engines/mkdocs.py"),
    ("on_post_build", "hub_build/engines/mkdocs.py"),
    ("run", "hub_build/site/abbreviations.py"),
)
VALIDATE_PHASES = (
    ("validate_hub", "validate_hub", "hub_build/playbook/validation.py"),
    ("  load_file: read + parse YAML with positions", "load_file", "hub_build/playbook/loading.py"),
    ("    libyaml events consumed by _Builder.feed", "feed", "hub_build/playbook/loading.py"),
    ("  discover: walk playbook/", "discover", "hub_build/playbook/layout.py"),
    ("  schemas.check (jsonschema-rs fast path)", "check", "hub_build/playbook/schemas.py"),
    ("  Playbook.add (records to model objects)", "add", "hub_build/playbook/model.py"),
    ("  cross_check", "cross_check", "hub_build/playbook/checks.py"),
    ("  stale_records", "stale_records", "hub_build/playbook/review.py"),
    ("report (text output)", "text", "hub_build/cli/report.py"),
)
_SITE = re.compile(r"site-packages/([^/]+)/")
_STDLIB = re.compile(r"lib/python3\.\d+/([^/]+?)(?:\.py|/)")


def profile(command: list[str], cwd: Path, out: Path) -> Session:
    """Run `command` (a module and its arguments) under pyinstrument and load the session."""
    full = [sys.executable, "-m", "pyinstrument", "-r", "session", "-o", str(out), "-m", *command]
    completed = subprocess.run(full, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"profiling failed:\n{completed.stderr[-3000:]}")
    return Session.load(str(out))


def walk(frame: Frame) -> Iterator[Frame]:
    stack = [frame]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


def package(path: str | None, inherited: str) -> str:
    """Who the time belongs to: a package, the standard library, or the caller of a built-in."""
    if not path or path.startswith("<"):
        return inherited
    if "/hub_build/" in path:
        return "hub_build"
    if (found := _SITE.search(path)) is not None:
        name = found.group(1)
        return "material (theme templates)" if name == "material" and "/templates/" in path else name
    if (found := _STDLIB.search(path)) is not None:
        return f"stdlib: {found.group(1)}"
    return "jinja2 templates" if path.endswith((".j2", ".html")) else inherited


def self_time(frame: Frame) -> float:
    return frame.time - sum(child.time for child in frame.children if not child.is_synthetic)


def by_package(root: Frame) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    stack = [(root, "other")]
    while stack:
        frame, inherited = stack.pop()
        if frame.is_synthetic:
            continue
        owner = package(frame.file_path, inherited)
        totals[owner] += self_time(frame)
        stack.extend((child, owner) for child in frame.children)
    return dict(totals)


def by_function(root: Frame) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for frame in walk(root):
        if not frame.is_synthetic:
            totals[f"{frame.function}  {frame.file_path_short}:{frame.line_no}"] += self_time(frame)
    return dict(totals)


def inclusive(root: Frame, function: str, path_part: str) -> float:
    """Time under the outermost calls of one function, so recursion is not counted twice."""
    total = 0.0
    stack = [root]
    while stack:
        frame = stack.pop()
        if frame.function == function and path_part in (frame.file_path or ""):
            total += frame.time
            continue
        stack.extend(frame.children)
    return total


def report(title: str, session: Session, phases: tuple[tuple[str, str, str], ...], top: int) -> str:
    root = session.root_frame()
    assert root is not None
    total = root.time
    lines = [
        f"## {title}",
        "",
        f"total {total:.2f} s (pyinstrument, {session.sample_count} samples)",
        "",
        "time by package (own time, built-ins counted with their caller):",
    ]
    for name, seconds in sorted(by_package(root).items(), key=lambda item: -item[1])[:10]:
        lines.append(f"  {seconds:7.2f} s  {seconds / total:6.1%}  {name}")
    lines += ["", "phases (inclusive):"]
    for label, function, path_part in phases:
        seconds = inclusive(root, function, path_part)
        lines.append(f"  {seconds:7.2f} s  {seconds / total:6.1%}  {label}")
    if phases is BUILD_PHASES:
        hub = sum(inclusive(root, function, path_part) for function, path_part in HUB_PARTS)
        search = inclusive(root, "on_post_build", "hub_build/engines/mkdocs.py")
        lines += [
            "",
            "shares: the hub's code (its plugin's hooks and the tooltips) "
            f"{hub:.2f} s = {hub / total:.1%}, of which the search index {search / total:.1%}; "
            f"the engine (MkDocs, Python-Markdown, pymdownx, Material) {total - hub:.2f} s = "
            f"{(total - hub) / total:.1%}",
        ]
    lines += ["", f"top {top} functions by own time:"]
    for name, seconds in sorted(by_function(root).items(), key=lambda item: -item[1])[:top]:
        lines.append(f"  {seconds:7.2f} s  {seconds / total:6.1%}  {name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile hub build and hub validate with pyinstrument.")
    parser.add_argument("--build-records", type=int, default=2_000)
    parser.add_argument("--validate-records", type=int, default=10_000)
    parser.add_argument("--top", type=int, default=15, help="how many functions to list")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hub-profile-") as folder:
        work = Path(folder)
        build_root = work / "build"
        make_playbook.write_hub(make_playbook.generate(args.build_records), build_root)
        build = profile(
            ["mkdocs", "build", "-q", "-f", str(build_root / "mkdocs.yml"), "-d", str(work / "site")],
            build_root,
            work / "build.pyisession",
        )
        validate_root = work / "validate"
        make_playbook.write_hub(make_playbook.generate(args.validate_records), validate_root)
        validate = profile(
            ["hub_build", "validate", "--root", str(validate_root), "--today", TODAY],
            REPO,
            work / "validate.pyisession",
        )
    print(
        report(
            f"hub build at {args.build_records:,} records (mkdocs build with the hub plugin)",
            build,
            BUILD_PHASES,
            args.top,
        )
    )
    print()
    print(report(f"hub validate at {args.validate_records:,} records", validate, VALIDATE_PHASES, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
