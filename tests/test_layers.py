"""The package's folders are its layers, and imports run one way: from the command
line down to the playbook core, never up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hub_build"
# Lower numbers sit lower: a module may import its own layer and the ones below it. The engines and
# GitHub are adapters side by side: each to its own host.
LAYERS = {"playbook": 0, "site": 1, "engines": 2, "github": 2, "cli": 3}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "hub_build" and parts[1] in LAYERS else None


def _imports(path: Path) -> set[str]:
    """Every hub_build module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("hub_build.")}


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def test_every_module_lives_in_a_layer() -> None:
    assert {p.relative_to(PACKAGE).parts[0] for p in MODULES} == set(LAYERS)
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py", "__main__.py"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_imports_only_its_own_layer_and_those_below(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0]
    upward = sorted(
        name for name in _imports(path) if (layer := _layer(name)) is not None and LAYERS[layer] > LAYERS[own]
    )

    assert upward == [], f"{own}/ must not import from a layer above it"


def test_the_core_imports_no_site_engine() -> None:
    # The playbook must outlive any engine: none of them, nor their template or Markdown libraries.
    engines = ("mkdocs", "material", "properdocs", "zensical", "jinja2", "markdown")
    for path in PACKAGE.glob("playbook/*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {
            node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & set(engines), path.name


def test_the_engines_and_github_adapters_do_not_import_each_other() -> None:
    for own, other in (("engines", "github"), ("github", "engines")):
        for path in PACKAGE.glob(f"{own}/*.py"):
            assert not [name for name in _imports(path) if _layer(name) == other], path.name


def test_no_module_formats_dates_with_a_flag_only_glibc_knows() -> None:
    # "%-d" drops the leading zero on Linux, and fails or prints "-d" elsewhere.
    for path in MODULES:
        source = path.read_text(encoding="utf-8")
        assert not [flag for flag in ("%-d", "%-m", "%-H", "%-I", "%-M", "%-j") if flag in source], path.name


def _readme_bullet(layer: str) -> str:
    """The bullet of README.md's "How it is built" that describes one layer's folder."""
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### How it is built", 1)[1].split("\n### ", 1)[0]
    bullets = section.split("\n- ")
    return next(bullet for bullet in bullets if bullet.startswith(f"`{layer}/`"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_readme_says_what_each_module_is_for(path: Path) -> None:
    # A stranger finds their way by README.md's map of the package: a module it does not name is lost.
    parts = path.relative_to(PACKAGE).parts
    if path.name == "__init__.py" and len(parts) == 2:
        return  # the layer itself
    named = f"`{parts[1]}/`" if len(parts) > 2 else f"`{path.name}`"
    assert named in _readme_bullet(parts[0])


# The largest module of one concern, the YAML loader, is about 600 lines: a module past
# that holds more than one, and is split before it grows further.
LONGEST_MODULE = 600


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_outgrows_one_concern(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= LONGEST_MODULE
