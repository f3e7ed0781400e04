"""What `hub build`, `serve` and `export` decide and say around the engine: exit codes, refusals, messages.

The engine itself is replaced by a stand-in that records how it was called, so
these run in-process in a moment; the real builds are in tests/engines/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hub_build.cli import main
from hub_build.engines import build, export
from hub_build.engines.catalog import EngineMissing
from hub_build.engines.site_folder import HINT, SiteFolderRefused
from hub_build.playbook.problems import Problem

CONFIG = "site_name: Hub\nplugins:\n  - hub\n"


@dataclass
class Engine:
    """A stand-in for the engine: what it was called with, and what it does."""

    outcome: int | BaseException = 0
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = field(default_factory=list)

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.calls.append((args, kwargs))
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome


@pytest.fixture
def root(tmp_path: Path) -> Path:
    hub = tmp_path / "hub"
    hub.mkdir()
    (hub / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return hub


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _builder(monkeypatch: pytest.MonkeyPatch, outcome: int | BaseException = 0) -> Engine:
    engine = Engine(outcome)
    monkeypatch.setattr(build, "build_site", engine)
    return engine


def _server(monkeypatch: pytest.MonkeyPatch, outcome: int | BaseException = 0) -> Engine:
    engine = Engine(outcome)
    monkeypatch.setattr(build, "serve_site", engine)
    return engine


# hub build


def test_a_build_that_succeeds_says_where_the_site_is(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _builder(monkeypatch)

    assert _run(capsys, "build", "--root", str(root)) == (0, f"hub: site built in {root / 'site'}\n", "")
    assert engine.calls == [((root, root / "site"), {"strict": False, "engine": "mkdocs"})]


def test_a_build_passes_its_site_folder_strictness_and_engine_to_the_engine(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _builder(monkeypatch)
    site = tmp_path / "out"

    code, out, _ = _run(
        capsys, "build", "--root", str(root), "--site-dir", str(site), "--strict", "--engine", "zensical"
    )

    assert (code, out) == (0, f"hub: site built in {site}\n")
    assert engine.calls == [((root, site), {"strict": True, "engine": "zensical"})]


def test_a_failed_build_exits_1_and_says_the_previous_site_was_kept(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _builder(monkeypatch, 1)

    assert _run(capsys, "build", "--root", str(root)) == (
        1,
        "",
        "hub: the build failed; the previous site was left as it was\n",
    )


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), build.BuildStopped()], ids=["ctrl-c", "signal"])
def test_a_stopped_build_exits_130_and_says_the_previous_site_was_kept(
    stop: BaseException, root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _builder(monkeypatch, stop)

    assert _run(capsys, "build", "--root", str(root)) == (
        130,
        "",
        "hub: the build was stopped; the previous site was left as it was\n",
    )


def test_a_site_folder_the_system_will_not_let_the_hub_write_fails_in_one_line_with_a_hint(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "notes.txt").write_text("a file, not a folder\n", encoding="utf-8")

    code, out, err = _run(capsys, "build", "--root", str(root), "--site-dir", str(root / "notes.txt" / "site"))

    assert (code, out) == (1, "")
    first, hint = err.splitlines()
    assert first.startswith(f"hub: error: cannot write {root / 'notes.txt'}")
    assert first.endswith("; the last good site is kept")
    assert hint.startswith("    hint: choose a folder you can write to")
    assert (root / "notes.txt").read_text(encoding="utf-8") == "a file, not a folder\n"


def test_a_build_that_cannot_put_its_site_in_place_fails_naming_the_folder(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _builder(monkeypatch, PermissionError(13, "Permission denied", "/srv/www"))

    code, _, err = _run(capsys, "build", "--root", str(root))

    assert (code, err.splitlines()[0]) == (
        1,
        "hub: error: cannot write /srv/www: Permission denied; the last good site is kept",
    )


def test_a_build_with_an_engine_not_installed_is_a_usage_error_saying_how_to_install_it(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _builder(monkeypatch, EngineMissing("zensical is not installed: pip install 'hub-build[zensical]'"))

    assert _run(capsys, "build", "--root", str(root), "--engine", "zensical") == (
        2,
        "",
        "hub: error: zensical is not installed: pip install 'hub-build[zensical]'\n",
    )


def test_a_site_folder_the_engine_refuses_is_a_usage_error_with_its_hint(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _builder(monkeypatch, SiteFolderRefused("site holds someone's files", hint="choose another folder"))

    assert _run(capsys, "build", "--root", str(root)) == (
        2,
        "",
        "hub: error: site holds someone's files; nothing was built\n    hint: choose another folder\n",
    )


def test_build_refuses_a_site_folder_inside_the_playbook_before_the_engine_starts(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _builder(monkeypatch)
    site = root / "playbook" / "site"

    assert _run(capsys, "build", "--root", str(root), "--site-dir", str(site)) == (
        2,
        "",
        f"hub: error: {site.as_posix()} is inside playbook/, which the hub is made from; nothing was built\n"
        f"    hint: {HINT}\n",
    )
    assert engine.calls == []


def test_build_refuses_the_site_dir_of_mkdocs_yml_at_its_line_and_column(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _builder(monkeypatch)
    (root / "mkdocs.yml").write_text(CONFIG + "site_dir: docs\n", encoding="utf-8")

    assert _run(capsys, "build", "--root", str(root)) == (
        2,
        "",
        "mkdocs.yml:4:11: error: site_dir: docs is the hub's docs/ folder, which the hub is made from; "
        f"nothing was built\n    hint: {HINT}\n",
    )
    assert engine.calls == []


def test_build_with_a_mkdocs_yml_that_leaves_out_the_hub_plugin_exits_1_before_the_engine_starts(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _builder(monkeypatch)
    (root / "mkdocs.yml").write_text("site_name: Hub\nplugins:\n  - search\n", encoding="utf-8")

    code, _, err = _run(capsys, "build", "--root", str(root))

    assert code == 1
    assert err.startswith("mkdocs.yml:2:1: error: ")
    assert engine.calls == []


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_mkdocs_yml_that_is_not_yaml_is_said_at_its_line_and_column_before_the_engine_starts(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    engine = _builder(monkeypatch) if command == "build" else _server(monkeypatch)
    (root / "mkdocs.yml").write_text("site_name: Hub\nrepo_name: a\x07b\nplugins:\n  - hub\n", encoding="utf-8")

    code, _, err = _run(capsys, command, "--root", str(root))

    assert code == 1
    assert err.splitlines() == [
        "mkdocs.yml:2:13: error: the character U+0007 is not allowed in YAML",
        "    hint: remove it; it is often an invisible control character pasted from another program",
    ]
    assert engine.calls == []


def test_build_with_a_mkdocs_yml_linked_out_of_the_repository_reads_nothing_and_starts_no_engine(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _builder(monkeypatch)
    (tmp_path / "secret.yml").write_text("token: s3cret\n", encoding="utf-8")
    (root / "mkdocs.yml").unlink()
    (root / "mkdocs.yml").symlink_to(tmp_path / "secret.yml")

    code, _, err = _run(capsys, "build", "--root", str(root))

    assert code == 1
    assert err.startswith("mkdocs.yml:1:1: error: a symbolic link to a file outside the repository is not read")
    assert "s3cret" not in err
    assert engine.calls == []


# hub serve


def test_serve_passes_its_address_and_engine_and_ends_with_the_engines_code(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _server(monkeypatch, 0)

    code, _, err = _run(capsys, "serve", "--root", str(root), "--dev-addr", "127.0.0.1:8111", "--engine", "properdocs")

    assert (code, err) == (0, "")
    assert engine.calls == [((root,), {"dev_addr": "127.0.0.1:8111", "engine": "properdocs"})]


def test_serve_on_an_address_in_use_exits_1_and_says_how_to_choose_another(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _server(monkeypatch, build.AddressInUse("127.0.0.1:8000 is in use"))

    assert _run(capsys, "serve", "--root", str(root)) == (
        1,
        "",
        "hub: error: 127.0.0.1:8000 is in use; serve on another address with --dev-addr, "
        "for example --dev-addr 127.0.0.1:8001\n",
    )


def test_serve_with_an_engine_not_installed_is_a_usage_error(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _server(monkeypatch, EngineMissing("properdocs is not installed"))

    assert _run(capsys, "serve", "--root", str(root)) == (2, "", "hub: error: properdocs is not installed\n")


def test_serve_outside_a_hub_is_a_usage_error_and_serves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _server(monkeypatch)

    code, _, err = _run(capsys, "serve", "--root", str(tmp_path))

    assert (code, err.splitlines()[0]) == (
        2,
        f"hub: error: {tmp_path} has no mkdocs.yml: run this in the root of a hub, or pass --root",
    )
    assert engine.calls == []


def test_serve_refuses_the_site_dir_of_mkdocs_yml_and_serves_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _server(monkeypatch)
    (root / "mkdocs.yml").write_text(CONFIG + "site_dir: .\n", encoding="utf-8")

    code, _, err = _run(capsys, "serve", "--root", str(root))

    assert (code, err.splitlines()[0]) == (
        2,
        "mkdocs.yml:4:11: error: site_dir: . is the hub's own folder, which writing a site there would replace; "
        "nothing was served",
    )
    assert engine.calls == []


def test_serve_with_a_mkdocs_yml_that_leaves_out_the_hub_plugin_exits_1_and_serves_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _server(monkeypatch)
    (root / "mkdocs.yml").write_text("site_name: Hub\n", encoding="utf-8")

    assert _run(capsys, "serve", "--root", str(root))[0] == 1
    assert engine.calls == []


# hub export


@dataclass
class Exported:
    pages: int
    files: list[str]


def test_export_says_what_it_wrote_and_how_to_build_it(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = Engine(Exported(pages=3, files=["a", "b", "c", "d"]))  # type: ignore[arg-type]
    monkeypatch.setattr(export, "export_site", engine)
    out_dir = tmp_path / "out"

    assert _run(capsys, "export", "--root", str(root), str(out_dir), "--engine", "zensical") == (
        0,
        f"hub: exported 3 generated pages and 4 files in all to {out_dir}\n"
        f"Build it with: cd {out_dir} && zensical build\n",
        "",
    )
    assert engine.calls == [((root, out_dir), {"zensical": True})]


def test_export_for_mkdocs_asks_for_the_material_source(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = Engine(Exported(pages=0, files=[]))  # type: ignore[arg-type]
    monkeypatch.setattr(export, "export_site", engine)

    code, out, _ = _run(capsys, "export", "--root", str(root), str(tmp_path / "out"))

    assert code == 0
    assert out.splitlines()[-1] == f"Build it with: cd {tmp_path / 'out'} && mkdocs build"
    assert engine.calls == [((root, tmp_path / "out"), {"zensical": False})]


def test_an_export_that_fails_lists_its_problems_and_exits_1(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    problem = Problem("playbook/sla.yaml", 3, 5, "missing field", hint="add it")
    monkeypatch.setattr(export, "export_site", Engine(export.ExportFailed([problem], "the playbook has 1 error")))

    assert _run(capsys, "export", "--root", str(root), str(tmp_path / "out")) == (
        1,
        "",
        "playbook/sla.yaml:3:5: error: missing field\n    hint: add it\n"
        "hub: error: the playbook has 1 error; nothing was exported\n",
    )


def test_an_export_that_fails_without_problems_says_only_why(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(export, "export_site", Engine(export.ExportFailed([], "mkdocs.yml cannot be read")))

    assert _run(capsys, "export", "--root", str(root), str(tmp_path / "out")) == (
        1,
        "",
        "hub: error: mkdocs.yml cannot be read; nothing was exported\n",
    )


def test_an_export_into_a_refused_folder_is_a_usage_error_with_its_hint(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(export, "export_site", Engine(SiteFolderRefused("out holds someone's files", hint=HINT)))

    assert _run(capsys, "export", "--root", str(root), str(tmp_path / "out")) == (
        2,
        "",
        f"hub: error: out holds someone's files; nothing was exported\n    hint: {HINT}\n",
    )


def test_an_export_the_system_will_not_let_the_hub_write_fails_in_one_line_with_a_hint(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(export, "export_site", Engine(OSError(28, "No space left on device", "/srv/out/x.md")))

    code, out, err = _run(capsys, "export", "--root", str(root), str(tmp_path / "out"))

    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "hub: error: cannot write /srv/out/x.md: No space left on device; the export did not finish",
        "    hint: choose a folder you can write to, or free it (permissions, disk space) and run the command again",
    ]


def test_a_refusal_that_names_no_file_is_said_without_one(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(export, "export_site", Engine(OSError(28, "No space left on device")))

    code, _, err = _run(capsys, "export", "--root", str(root), str(tmp_path / "out"))

    assert (code, err.splitlines()[0]) == (
        1,
        "hub: error: cannot write: No space left on device; the export did not finish",
    )


def test_export_outside_a_hub_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "export", "--root", str(tmp_path), str(tmp_path / "out"))

    assert code == 2
    assert err.startswith(f"hub: error: {tmp_path} has no mkdocs.yml")
