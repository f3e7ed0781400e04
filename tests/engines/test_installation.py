"""Where the running hub came from (PEP 610's direct_url.json), and the requirement that installs it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hub_build import __version__
from hub_build.engines.installation import Origin, Source, origin_of, running_origin

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def test_a_hub_with_no_direct_url_came_from_an_index_and_is_pinned_to_its_version() -> None:
    origin = origin_of(None, "0.2.0")

    assert origin.requirement() == "hub-build==0.2.0"
    assert origin.install_command("zensical") == "python -m pip install 'hub-build[zensical]==0.2.0'"


def test_a_hub_installed_from_git_is_pinned_to_the_commit_installed() -> None:
    origin = origin_of(
        {
            "url": "https://github.com/quillstone/revenue-hub",
            "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"},
        },
        "0.1.0",
    )

    assert origin == Origin(Source.GIT, "0.1.0", url="https://github.com/quillstone/revenue-hub", commit=COMMIT)
    assert origin.requirement() == f"hub-build @ git+https://github.com/quillstone/revenue-hub@{COMMIT}"


def test_a_git_repository_on_this_computer_is_named_with_its_host_as_older_pip_needs() -> None:
    origin = origin_of({"url": "file:///srv/git/revenue-hub", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, "0.1.0")

    assert origin.requirement() == f"hub-build @ git+file://localhost/srv/git/revenue-hub@{COMMIT}"


def test_a_password_in_the_git_address_is_never_written() -> None:
    origin = origin_of(
        {"url": "https://build:s3cret@git.example.com/hub.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
        "0.1.0",
    )

    assert origin.requirement() == f"hub-build @ git+https://build@git.example.com/hub.git@{COMMIT}"


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("https://:t0ken@git.example.com/hub.git", "https://git.example.com/hub.git"),
        ("https://build:s3cret@git.example.com:8443/hub.git", "https://build@git.example.com:8443/hub.git"),
    ],
    ids=["a token without a user name", "with a port"],
)
def test_a_token_alone_or_a_password_before_a_port_is_never_written(url: str, written: str) -> None:
    origin = origin_of({"url": url, "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, "0.1.0")

    assert origin.requirement() == f"hub-build @ git+{written}@{COMMIT}"


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_a_wheel_at_an_address_is_installed_from_that_address(scheme: str) -> None:
    url = f"{scheme}://files.example.com/hub_build-0.1.0-py3-none-any.whl"
    origin = origin_of({"url": url, "archive_info": {"hash": "sha256=ab"}}, "0.1.0")

    assert origin == Origin(Source.ARCHIVE, "0.1.0", url=url)
    assert origin.requirement() == f"hub-build @ {url}"


def test_a_wheel_on_this_computer_is_expected_in_the_hubs_wheels_folder() -> None:
    origin = origin_of({"url": "file:///tmp/dist/hub_build-0.1.0-py3-none-any.whl", "archive_info": {}}, "0.1.0")

    assert origin.source is Source.LOCAL
    assert origin.local_path == Path("/tmp/dist/hub_build-0.1.0-py3-none-any.whl")
    assert origin.requirement() == "./wheels/hub_build-0.1.0-py3-none-any.whl"
    assert origin.requirement("zensical") == "./wheels/hub_build-0.1.0-py3-none-any.whl[zensical]"
    assert origin.install_command() == "python -m pip install '/tmp/dist/hub_build-0.1.0-py3-none-any.whl'"
    assert (
        origin.install_command("zensical")
        == "python -m pip install '/tmp/dist/hub_build-0.1.0-py3-none-any.whl[zensical]'"
    )


def test_a_folder_installed_for_editing_is_installed_again_for_editing() -> None:
    origin = origin_of({"url": "file:///home/ada/revenue-hub", "dir_info": {"editable": True}}, "0.1.0")

    assert origin.install_command("properdocs") == "python -m pip install -e '/home/ada/revenue-hub[properdocs]'"
    assert origin.requirement() == "./wheels/hub_build-0.1.0-py3-none-any.whl"


def test_the_hub_run_from_this_checkout_counts_as_installed_from_its_folder() -> None:
    origin = running_origin()

    assert origin == Origin(Source.LOCAL, __version__, url=Path(__file__).resolve().parents[2].as_uri(), editable=True)


class _Installed:
    """An installation of the hub as importlib.metadata describes it."""

    def __init__(self, direct_url: str | None, files: Path | None = None) -> None:
        import hub_build

        self.version, self.direct_url = "0.3.1", direct_url
        self.files = files or Path(hub_build.__file__).parent.parent  # the copy that runs, by default

    def read_text(self, name: str) -> str | None:
        return self.direct_url if name == "direct_url.json" else None

    def locate_file(self, path: str) -> Path:
        return self.files / path


def test_a_hub_installed_from_an_index_is_found_without_a_direct_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(None))  # pip writes none for an index

    assert running_origin() == origin_of(None, "0.3.1")


def test_a_hub_installed_from_git_is_found_with_its_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    direct_url = {"url": "https://github.com/acme/hub.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(json.dumps(direct_url)))

    assert running_origin() == origin_of(direct_url, "0.3.1")
    assert running_origin().commit == COMMIT


def test_an_installation_whose_files_are_not_the_running_copy_is_not_the_origin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from importlib import metadata

    # Installed elsewhere (another environment's files), while a copy of the source runs.
    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(None, tmp_path / "elsewhere"))

    assert running_origin() == Origin(
        Source.LOCAL, __version__, url=Path(__file__).resolve().parents[2].as_uri(), editable=True
    )


@pytest.mark.parametrize("written", ["{not json", "[1, 2]", '"a string"'], ids=["not JSON", "a list", "a string"])
def test_a_direct_url_that_is_not_an_object_counts_as_none(monkeypatch: pytest.MonkeyPatch, written: str) -> None:
    from importlib import metadata

    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(written))

    assert running_origin() == origin_of(None, "0.3.1")
