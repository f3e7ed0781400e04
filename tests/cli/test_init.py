"""`hub init`: a new hub that validates at once, never over someone's files, with no trace of the sample."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hub_build.cli import main
from hub_build.playbook.loading import load_file
from hub_build.site.schema_links import site_url_of
from tests.helpers import REPO

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _init(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["init", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _validate(root: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["validate", "--root", str(root), *options])
    return code, capsys.readouterr().out


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _data(path: Path) -> dict[str, object]:
    data = load_file(path, path.name, max_bytes=1 << 20).data
    assert isinstance(data, dict)
    return data


def test_init_writes_a_hub_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _init(capsys, str(tmp_path / "hub"), "--no-input")[0] == 0
    code, report = _validate(tmp_path / "hub", capsys)
    assert code == 0, report
    assert report.strip().splitlines()[-1] == (
        "ok: 0 errors, 0 warnings, 3 reminders in 13 valid records (7 terms, 2 people, 1 track, 1 idea)"
    )


def test_a_new_hubs_prompts_are_reminders_counted_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _init(capsys, str(tmp_path / "hub"), "--no-input")[0] == 0
    code, report = _validate(tmp_path / "hub", capsys, "--strict")

    assert code == 0, report
    assert [line.split(": reminder: ")[1] for line in report.splitlines() if ": reminder: " in line] == [
        '$.question: 1 text in this file still says "To fill in"',
        '$.summary: 31 texts in this file still say "To fill in"',
        '$.clauses[0].text: 9 texts in this file still say "To fill in"',
    ]


def test_the_starter_settings_show_how_to_list_holidays_and_the_example_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "hub"
    _init(capsys, str(root), "--no-input")
    settings = root / "hub.yaml"
    assert _data(settings)["holidays"] == []

    written = settings.read_text(encoding="utf-8").replace("holidays: []\n", "")
    settings.write_text(re.sub(r"^# (holidays:|  - date:|    name:)", r"\1", written, flags=re.M), encoding="utf-8")

    assert _data(settings)["holidays"] == [{"date": "2027-01-01", "name": "New Year's Day"}]
    assert _validate(root, capsys)[0] == 0


def test_init_writes_the_files_a_hub_needs_in_git(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _init(capsys, str(tmp_path), "--no-input")
    files = set(_files(tmp_path))
    assert {
        "mkdocs.yml",
        "hub.yaml",
        "requirements.txt",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/pull-request.yml",
        ".github/workflows/publish.yml",
        ".github/workflows/digest.yml",
        ".github/workflows/onboarding.yml",
        ".github/CODEOWNERS",
        ".github/PULL_REQUEST_TEMPLATE.md",
        ".github/PULL_REQUEST_TEMPLATE/content-idea.md",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        "docs/about.md",
        "playbook/narrative.yaml",
        "playbook/sla.yaml",
        "playbook/onboarding/account-executive.yaml",
        "playbook/people/sales-lead.yaml",
        "playbook/people/marketing-lead.yaml",
        "schemas/idea.schema.json",
    } <= files
    assert len([f for f in files if f.startswith("playbook/terms/")]) == 7
    assert len([f for f in files if f.startswith("playbook/content/")]) == 1


def test_nothing_init_writes_or_prints_mentions_the_sample_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, err = _init(capsys, str(tmp_path), "--no-input", "--repo-url", "https://github.com/acme/hub")
    mentions = [name for name, content in _files(tmp_path).items() if b"quillstone" in content.lower()]
    assert mentions == []
    assert "quillstone" not in (out + err).lower()


def test_init_prints_the_next_steps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _init(
        capsys,
        str(tmp_path / "hub"),
        "--no-input",
        "--company",
        "Northwind",
        "--repo-url",
        "https://github.com/northwind/revenue-hub",
        "--audience",
        "internet",
    )
    assert out.splitlines()[0] == f"Created a hub for Northwind in {tmp_path.as_posix()}/hub/: 40 files."
    assert f"cd {tmp_path.as_posix()}/hub && hub serve" in out
    assert 'git init -b main && git add . && git commit -m "Start the hub"' in out
    assert "git remote add origin https://github.com/northwind/revenue-hub" in out
    assert 'set Source to "GitHub Actions"' in out
    assert "publishes the site at https://northwind.github.io/revenue-hub/." in out


def test_init_into_a_folder_the_system_refuses_stops_in_one_line_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("a file, not a folder\n", encoding="utf-8")

    code, _, err = _init(capsys, str(tmp_path / "notes.txt" / "hub"), "--no-input")

    assert code == 1
    first, hint = err.splitlines()
    assert first.startswith(f"hub: error: cannot use {tmp_path / 'notes.txt' / 'hub'}: ")
    assert first.endswith("; the command stopped; no file was left half-written")
    assert hint.startswith("    hint: choose a folder you can write to")


def test_init_refuses_to_overwrite_and_names_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "playbook").mkdir()
    (tmp_path / "playbook" / "sla.yaml").write_text("our own agreement\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Ours\n", encoding="utf-8")
    before = _files(tmp_path)
    code, out, err = _init(capsys, str(tmp_path), "--no-input")
    assert code == 1
    assert out == ""
    assert err.splitlines()[:3] == [
        f"hub: error: {tmp_path.as_posix()}/ already has 2 of the files hub init writes, so nothing was written:",
        "  mkdocs.yml",
        "  playbook/sla.yaml",
    ]
    assert err.splitlines()[3] == "    hint: choose a new or empty folder, or move these files out of the way"
    assert _files(tmp_path) == before


def test_init_keeps_unrelated_files_in_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("# Our hub\n", encoding="utf-8")
    assert _init(capsys, str(tmp_path), "--no-input")[0] == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Our hub\n"


def test_the_company_name_is_written_as_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    company = "Smith & Sons: {{ 7 * 7 }} #1 {% raw %}'quoted'"
    assert _init(capsys, str(tmp_path), "--no-input", "--company", company)[0] == 0
    assert _data(tmp_path / "playbook" / "narrative.yaml")["company"] == company
    assert (
        _data(tmp_path / "playbook" / "sla.yaml")["title"] == f"{company} sales and marketing service-level agreement"
    )
    assert f"site_name: '{company.replace(chr(39), chr(39) * 2)} sales and marketing hub'" in (
        tmp_path / "mkdocs.yml"
    ).read_text(encoding="utf-8")
    assert "49" not in (tmp_path / "docs" / "about.md").read_text(encoding="utf-8")
    assert _validate(tmp_path, capsys)[0] == 0


def test_a_company_name_the_theme_would_print_as_html_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _init(capsys, str(tmp_path), "--no-input", "--company", "<b>Acme</b>")
    assert code == 2
    assert err == 'hub: error: the company name cannot contain <, > or "\n'
    assert list(tmp_path.iterdir()) == []


def test_a_github_repository_gives_the_pages_address_and_edit_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(
        capsys,
        str(tmp_path),
        "--no-input",
        "--repo-url",
        "https://github.com/Northwind/revenue-hub.git",
        "--audience",
        "internet",
    )
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nsite_url: https://northwind.github.io/revenue-hub/\n" in config
    assert "\nrepo_url: https://github.com/Northwind/revenue-hub\n" in config
    assert "\nedit_uri: edit/main/docs/\n" in config


def test_without_answers_the_addresses_are_left_for_later(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _init(capsys, str(tmp_path), "--no-input")
    assert site_url_of(tmp_path) is None
    assert "\n# site_url: https://your-org.github.io/revenue-hub/\n" in (tmp_path / "mkdocs.yml").read_text()
    assert _data(tmp_path / "playbook" / "narrative.yaml")["company"] == "Your company"


def test_init_asks_for_what_the_flags_leave_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["Northwind", "not an address", "https://github.com/northwind/hub", "members", ""])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    code, out, _ = _init(capsys, str(tmp_path))
    assert code == 0
    assert "  --repo-url 'not an address' is not an address starting with https://" in out
    assert _data(tmp_path / "playbook" / "narrative.yaml")["company"] == "Northwind"
    assert site_url_of(tmp_path) == "https://northwind.github.io/hub/"  # the default offered, accepted


def test_an_address_that_is_not_http_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _init(capsys, str(tmp_path), "--no-input", "--site-url", "javascript:alert(1)")
    assert code == 2
    assert err.startswith("hub: error: --site-url 'javascript:alert(1)' is not an address starting with https://")
    assert list(tmp_path.iterdir()) == []


def _modelines(root: Path) -> dict[str, str]:
    found = {}
    for path in sorted(root.rglob("*.yaml")):
        match = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])
        if match:
            found[path.relative_to(root).as_posix()] = match.group(1)
    return found


@pytest.mark.parametrize("example", [False, True], ids=["starter", "example"])
def test_every_modeline_points_at_a_schema_in_the_hub(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example: bool
) -> None:
    _init(capsys, str(tmp_path), "--example" if example else "--no-input")
    modelines = _modelines(tmp_path)
    assert "playbook/narrative.yaml" in modelines and "playbook/terms/mql.yaml" in modelines
    unresolved = {file: ref for file, ref in modelines.items() if not ((tmp_path / file).parent / ref).is_file()}
    assert unresolved == {}


def test_the_editor_settings_give_every_playbook_folder_its_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(capsys, str(tmp_path), "--no-input")
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./schemas/narrative.schema.json": "playbook/narrative.yaml",
        "./schemas/sla.schema.json": "playbook/sla.yaml",
        "./schemas/term.schema.json": "playbook/terms/*.yaml",
        "./schemas/person.schema.json": "playbook/people/*.yaml",
        "./schemas/track.schema.json": "playbook/onboarding/*.yaml",
        "./schemas/idea.schema.json": "playbook/content/*.yaml",
        "./schemas/config.schema.json": "hub.yaml",
    }
    assert all((tmp_path / schema).is_file() for schema in settings["yaml.schemas"])


def test_the_starter_workflows_pass_actionlint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actionlint = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if actionlint is None:
        pytest.fail("actionlint is not installed: it comes with the test extra (python -m pip install -e '.[test]')")
    _init(capsys, str(tmp_path), "--no-input")
    workflows = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / ".github" / "workflows").glob("*.yml"))
    completed = subprocess.run(
        [actionlint, "-no-color", *workflows], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")


def test_example_writes_the_sample_hub_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _init(capsys, "--example", str(tmp_path / "sample"))
    assert code == 0
    assert out.startswith(f"Wrote the sample hub to {tmp_path.as_posix()}/sample/: ")
    root = tmp_path / "sample"
    assert (root / "playbook" / "narrative.yaml").read_bytes() == (REPO / "playbook" / "narrative.yaml").read_bytes()
    assert (root / "docs" / "propose.md").read_bytes() == (REPO / "docs" / "propose.md").read_bytes()
    assert _validate(root, capsys)[0] == 0


@pytest.mark.parametrize(
    "setting",
    [("--company", "Acme"), ("--repo-url", "https://github.com/acme/hub"), ("--site-url", "https://hub.acme.com/")],
)
def test_example_takes_no_company_repository_or_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: tuple[str, str]
) -> None:
    code, _, err = _init(capsys, "--example", str(tmp_path), *setting)
    assert code == 2
    assert err == ("hub: error: --example writes the sample as it is: leave out --company, --repo-url and --site-url\n")


def test_example_from_an_installation_without_the_sample_is_refused_saying_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("hub_build.cli.init.EXAMPLE", tmp_path / "example")

    code, _, err = _init(capsys, "--example", str(tmp_path / "hub"))

    assert (code, err) == (
        2,
        f"hub: error: the sample hub is missing from this installation (looked in {tmp_path / 'example'})\n",
    )
    assert not (tmp_path / "hub").exists()


def test_example_leaves_out_the_bytecode_python_keeps_beside_the_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = tmp_path / "example"
    sample.mkdir()
    for part in ("mkdocs.yml", "hub.yaml", "docs", "playbook"):
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy2)(REPO / part, sample / part)
    (sample / "docs" / "__pycache__").mkdir()
    (sample / "docs" / "__pycache__" / "hooks.cpython-311.pyc").write_bytes(b"\x00")
    monkeypatch.setattr("hub_build.cli.init.EXAMPLE", sample)

    assert _init(capsys, "--example", str(tmp_path / "hub"))[0] == 0

    assert (tmp_path / "hub" / "docs" / "propose.md").is_file()
    assert not (tmp_path / "hub" / "docs" / "__pycache__").exists()


@pytest.mark.parametrize(
    ("company", "refusal"),
    [
        ("  \t ", "the company name cannot be empty"),
        ("N" * 101, "the company name is longer than 100 characters"),
        ("Northwind\x07", "the company name has characters that cannot be printed"),
    ],
    ids=["blank", "101 characters", "a bell"],
)
def test_a_company_name_that_is_blank_or_too_long_is_refused_and_nothing_written(
    company: str, refusal: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _init(capsys, str(tmp_path / "hub"), "--no-input", "--company", company)

    assert (code, err) == (2, f"hub: error: {refusal}\n")
    assert not (tmp_path / "hub").exists()


def test_a_company_name_of_100_characters_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    company = "Xenia " + "X" * 94

    code, out, _ = _init(capsys, str(tmp_path / "hub"), "--no-input", "--company", company)

    assert code == 0
    assert out.startswith(f"Created a hub for {company} in ")


def test_an_address_without_a_host_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _init(capsys, str(tmp_path), "--no-input", "--repo-url", "https://:8080/revenue-hub")

    assert code == 2
    assert err.startswith("hub: error: --repo-url 'https://:8080/revenue-hub' is not an address starting with https://")


def test_init_asks_each_question_with_its_default_and_takes_the_default_when_input_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []

    def ended(prompt: str) -> str:
        prompts.append(prompt)
        if prompt.startswith("Repository address"):
            return "https://github.com/northwind/revenue-hub"
        raise EOFError

    monkeypatch.setattr("builtins.input", ended)

    code, out, _ = _init(capsys, str(tmp_path))

    assert code == 0
    assert prompts[:2] == [
        "Company name [Your company]: ",
        "Repository address, such as https://github.com/your-org/revenue-hub (empty if there is none yet): ",
    ]
    # A site behind the company's sign-in is not on Pages: no Pages address is offered.
    assert prompts[3] == "Address the site will be published at (empty if not known yet): "
    assert out.startswith("Created a hub for Your company in ")


def test_three_answers_init_cannot_use_stop_it_naming_the_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["<b>", "<i>", "<u>", "Northwind"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))

    code, out, err = _init(capsys, str(tmp_path / "hub"))

    assert (code, err) == (2, "hub: error: no valid answer for: Company name\n")
    assert out == '  the company name cannot contain <, > or "\n' * 3
    assert not (tmp_path / "hub").exists()


def test_init_refuses_a_file_where_the_folder_would_be(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")

    code, out, err = _init(capsys, str(tmp_path / "notes.txt"), "--no-input")

    assert (code, out) == (2, "")
    assert err.splitlines() == [f"hub: error: {(tmp_path / 'notes.txt').as_posix()} is a file, not a folder"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"
