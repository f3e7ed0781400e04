"""`hub init` pins a new hub to the hub that made it, and publishes the site to the people it is meant for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from hub_build.cli import init as starter
from hub_build.cli import main
from hub_build.engines.installation import Origin, Source

TODAY = dt.date(2026, 12, 7)
COMMIT = "0123456789abcdef0123456789abcdef01234567"
FROM_GIT = Origin(Source.GIT, "0.1.0", url="https://github.com/quillstone/revenue-hub", commit=COMMIT)
FROM_INDEX = Origin(Source.INDEX, "0.3.0")
FROM_WHEEL = Origin(Source.LOCAL, "0.1.0", url="file:///tmp/dist/hub_build-0.1.0-py3-none-any.whl")


def _text(files: dict[str, starter.Content], name: str) -> str:
    content = files[name]
    return content if isinstance(content, str) else content.read_text(encoding="utf-8")


def _requirements(origin: Origin) -> list[str]:
    text = _text(starter.starter_files(starter.Answers(), today=TODAY, origin=origin), "requirements.txt")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _hook(origin: Origin) -> dict[str, object]:
    config = yaml.safe_load(
        _text(starter.starter_files(starter.Answers(), today=TODAY, origin=origin), ".pre-commit-config.yaml")
    )
    [hook] = [hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == "hub-validate"]
    assert isinstance(hook, dict)
    return hook


def _init(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["init", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_hub_from_git_requires_the_commit_it_was_made_with() -> None:
    assert _requirements(FROM_GIT) == [f"hub-build @ git+https://github.com/quillstone/revenue-hub@{COMMIT}"]


def test_a_hub_from_an_index_requires_the_version_it_was_made_with() -> None:
    assert _requirements(FROM_INDEX) == ["hub-build==0.3.0"]


def test_a_hub_from_a_wheel_on_this_computer_says_where_to_put_the_wheel() -> None:
    files = starter.starter_files(starter.Answers(), today=TODAY, origin=FROM_WHEEL)
    text = _text(files, "requirements.txt")

    assert text.splitlines()[-1] == "./wheels/hub_build-0.1.0-py3-none-any.whl"
    assert "#   cp /tmp/dist/hub_build-0.1.0-py3-none-any.whl wheels/\n" in text


def test_the_command_that_puts_the_wheel_in_place_quotes_a_path_with_spaces() -> None:
    wheel = Origin(Source.LOCAL, "0.1.0", url="file:///tmp/my%20wheels/hub_build-0.1.0-py3-none-any.whl")

    assert starter.fetch_wheel(wheel) == "cp '/tmp/my wheels/hub_build-0.1.0-py3-none-any.whl' wheels/"


def test_the_pre_commit_hook_installs_the_same_hub_as_requirements_txt() -> None:
    hook = _hook(FROM_GIT)

    assert (hook["language"], hook["entry"]) == ("python", "hub validate")
    assert hook["additional_dependencies"] == _requirements(FROM_GIT)


def test_the_pre_commit_hook_of_a_hub_from_this_computer_runs_the_hubs_own_environment() -> None:
    hook = _hook(FROM_WHEEL)

    assert (hook["language"], hook["entry"]) == ("system", ".venv/bin/hub validate")


def test_nothing_a_hub_from_a_checkout_writes_names_a_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(capsys, str(tmp_path), "--no-input")

    naming = [path.name for path in tmp_path.rglob("*") if path.is_file() and "hub-build==" in path.read_text("utf-8")]
    assert naming == []


def test_the_next_steps_say_how_ci_installs_the_hub(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _init(capsys, str(tmp_path / "hub"), "--no-input")

    wheels = f"{tmp_path.as_posix()}/hub/wheels"
    assert f"  3. Install in CI:  requirements.txt installs the hub from {wheels}/: put it there first:\n" in out
    assert f"mkdir -p {wheels} && python -m pip wheel --no-deps -w {wheels} " in out


def _publishing(tmp_path: Path, capsys: pytest.CaptureFixture[str], audience: str) -> tuple[str, str]:
    _, out, _ = _init(
        capsys,
        str(tmp_path),
        "--no-input",
        "--audience",
        audience,
        "--repo-url",
        "https://github.com/northwind/revenue-hub",
    )
    return (tmp_path / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"), out


def test_by_default_the_site_is_built_for_the_companys_own_host_and_published_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(capsys, str(tmp_path), "--no-input", "--repo-url", "https://github.com/northwind/revenue-hub")
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))

    assert list(workflow["jobs"]) == ["build"]
    uses = [step.get("uses", "") for step in workflow["jobs"]["build"]["steps"]]
    assert uses[-1].startswith("actions/upload-artifact@")
    assert not any("pages" in action for action in uses)
    assert starter.Answers().audience == "sign-in"


def test_a_site_for_the_internet_is_deployed_to_github_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow, out = _publishing(tmp_path, capsys, "internet")

    assert "uses: actions/deploy-pages@" in workflow
    assert "# Anyone on the internet can read the site" in workflow
    assert "publishes the site at https://northwind.github.io/revenue-hub/." in out


def test_a_site_for_the_repositorys_readers_says_to_make_pages_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow, out = _publishing(tmp_path, capsys, "members")

    assert "uses: actions/deploy-pages@" in workflow
    assert '# visibility to "Private" (GitHub Enterprise Cloud)' in workflow
    assert "Set its visibility to Private there (GitHub Enterprise Cloud):" in out


def test_init_asks_who_should_see_the_hub(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []
    answers = iter(["Northwind", "", "the world", "internet", ""])
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or next(answers))

    code, out, _ = _init(capsys, str(tmp_path))

    assert code == 0
    assert prompts[2].startswith("Who should see the hub?\n  internet  anyone on the internet: GitHub Pages\n")
    assert prompts[2].endswith("\nAnswer [sign-in]: ")
    assert "  who should see the hub: 'the world' is not one of internet, members, sign-in" in out
    assert "uses: actions/deploy-pages@" in (tmp_path / ".github" / "workflows" / "publish.yml").read_text()


def test_example_writes_every_file_plain_init_writes_besides_the_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(capsys, str(tmp_path / "plain"), "--no-input")
    _init(capsys, "--example", str(tmp_path / "example"))

    def files(root: Path) -> set[str]:
        return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}

    sample = {name for name in files(tmp_path / "example") if name.split("/")[0] in starter.EXAMPLE_PARTS}
    content = (*starter.EXAMPLE_PARTS, "schemas")
    tooling = {name for name in files(tmp_path / "plain") if name.split("/")[0] not in content}
    schemas = {name for name in files(tmp_path / "plain") if name.startswith("schemas/")}
    assert {
        ".github/workflows/publish.yml",
        "requirements.txt",
        ".pre-commit-config.yaml",
        ".gitignore",
        ".github/CODEOWNERS",
        ".vscode/settings.json",
    } <= tooling
    assert files(tmp_path / "example") == tooling | sample | schemas


def test_the_sample_hub_installs_the_hub_it_was_written_by() -> None:
    files = starter.example_files(today=TODAY, origin=FROM_INDEX)

    assert [line for line in _text(files, "requirements.txt").splitlines() if line and line[0] != "#"] == [
        "hub-build==0.3.0"
    ]


@pytest.mark.parametrize(
    ("repo_url", "site_url"),
    [
        ("https://github.com/acme/revenue-hub", "https://acme.github.io/revenue-hub/"),
        ("https://gitlab.com/Acme/revenue-hub", "https://acme.gitlab.io/revenue-hub/"),
        ("https://github.com/Acme/Acme.GitHub.io", "https://acme.github.io/"),
        ("https://github.com/acme/revenue-hub/tree/main", None),
        ("https://gitlab.com/acme", None),
        ("https://git.acme.example/acme/revenue-hub", None),
        (None, None),
    ],
)
def test_the_site_address_defaults_to_where_pages_publishes_the_repository(
    repo_url: str | None, site_url: str | None
) -> None:
    assert starter.default_site_url(repo_url) == site_url


STEP_INDENT = " " * 21


@pytest.mark.parametrize(
    ("flags", "publish"),
    [
        (
            ["--audience", "sign-in"],
            [
                'every push to main builds the site, kept as the run\'s "site" download in the',
                "Actions tab: put it on your company's host behind its sign-in",
                "(.github/workflows/publish.yml says how to deploy it from there).",
            ],
        ),
        (
            ["--audience", "internet", "--repo-url", "https://github.com/northwind/revenue-hub"],
            [
                'in the repository\'s Settings > Pages, set Source to "GitHub Actions":',
                "every push to main then publishes the site at https://northwind.github.io/revenue-hub/.",
            ],
        ),
        (
            ["--audience", "internet", "--repo-url", "https://git.northwind.example/revenue-hub"],
            [
                'in the repository\'s Settings > Pages, set Source to "GitHub Actions":',
                "every push to main then publishes the site on GitHub Pages.",
            ],
        ),
        (
            ["--audience", "members"],
            [
                'in the repository\'s Settings > Pages, set Source to "GitHub Actions":',
                "every push to main then publishes the site on GitHub Pages.",
                "Set its visibility to Private there (GitHub Enterprise Cloud):",
                "otherwise anyone on the internet can read it.",
            ],
        ),
    ],
    ids=["sign-in", "internet", "internet-elsewhere", "members"],
)
def test_the_publishing_step_says_where_the_site_goes_for_who_should_see_it(
    flags: list[str], publish: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _init(capsys, str(tmp_path), "--no-input", *flags)

    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  6. Publish it:     "))
    assert code == 0
    assert [lines[start].removeprefix("  6. Publish it:     "), *lines[start + 1 : start + len(publish)]] == [
        publish[0],
        *(STEP_INDENT + line for line in publish[1:]),
    ]
    assert lines[start + len(publish)].startswith("  7. ")
