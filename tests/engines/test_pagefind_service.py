"""The search bundle as Pagefind's service gives it, against a stand-in service that behaves as Pagefind's does.

Pagefind's service answers a request to write the bundle once its writes are queued, and
ends the moment its input does, whatever is still queued. The stand-in does the same,
writing nothing before it ends, so only a bundle the hub writes itself is whole.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

from hub_build.engines import pagefind_service
from hub_build.engines.pagefind_service import SearchFailed, SearchStopped, index_documents

SERVICE = """
import base64, json, sys
files = json.loads(sys.argv[1])
failing = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}  # request type → the error it answers
asked = open(sys.argv[3], "w") if len(sys.argv) > 3 else None  # every request, one JSON line each

def answer(number, payload):
    message = {"message_id": number, "payload": payload}
    sys.stdout.buffer.write(base64.b64encode(json.dumps(message).encode()) + b",")
    sys.stdout.buffer.flush()

buffer = b""
while chunk := sys.stdin.buffer.read1(65536):
    *requests, buffer = (buffer + chunk).split(b",")
    for request in requests:
        message = json.loads(base64.b64decode(request))
        kind = message["payload"]["type"]
        if asked:
            asked.write(json.dumps(message) + "\\n")
            asked.flush()
        if kind in failing:
            answer(message["message_id"], {"type": "Error", **failing[kind]})
        elif kind == "NewIndex":
            answer(message["message_id"], {"type": "NewIndex", "index_id": 0})
        elif kind == "AddFile":
            answer(message["message_id"], {"type": "IndexedFile", "page_word_count": 1})
        elif kind == "WriteFiles":  # queued, never written: the input ends first
            answer(message["message_id"], {"type": "WriteFiles", "output_path": message["payload"]["output_path"]})
        elif kind == "GetFiles":
            given = [
                {"path": file[0], "content": base64.b64encode(file[1].encode()).decode()} if isinstance(file, list) else file
                for file in files
            ]  # a file given as anything else goes as it is, whatever it lacks
            answer(message["message_id"], {"type": "GetFiles", "files": given})
"""

BUNDLE = [
    ("pagefind-entry.json", '{"version":"1.5.2","languages":{"en":{"page_count":2}}}'),
    ("pagefind.js", "export const search = () => [];"),
    ("fragment/en_1.pf_fragment", "fragment"),
    ("index/en/deep/en_2.pf_index", "index"),  # in folders that do not exist yet
]


def _service(
    tmp_path: Path,
    files: list[tuple[str, str] | dict[str, str] | str],
    failing: dict[str, dict[str, str]],
    asked: Path | None = None,
) -> list[str]:
    script = tmp_path / "service.py"
    script.write_text(SERVICE, encoding="utf-8")
    return [sys.executable, str(script), json.dumps(files), json.dumps(failing), *([str(asked)] if asked else [])]


def _index(
    tmp_path: Path,
    files: list[tuple[str, str] | dict[str, str] | str],
    failing: dict[str, dict[str, str]] | None = None,
) -> Path:
    bundle = tmp_path / "work" / "pagefind"
    bundle.parent.mkdir()
    documents = [("a/index.html", "<h1>A</h1>"), ("b/index.html", "<h1>B</h1>")]
    command = _service(tmp_path, files, failing or {})
    index_documents(command, documents, bundle, language="en", exclude=(), work=bundle.parent)
    return bundle


def test_the_bundle_holds_every_file_the_service_gave_whole_when_it_has_ended(tmp_path: Path) -> None:
    bundle = _index(tmp_path, BUNDLE)

    written = {path.relative_to(bundle).as_posix(): path.read_text() for path in bundle.rglob("*") if path.is_file()}
    assert written == dict(BUNDLE)


@pytest.mark.parametrize("path", ["../outside.js", "/tmp/outside.js", "fragment/../../outside.js", ""])
def test_a_file_the_service_names_outside_the_bundle_fails_the_search_and_is_not_written(
    tmp_path: Path, path: str
) -> None:
    with pytest.raises(SearchFailed, match="outside its bundle"):
        _index(tmp_path, [*BUNDLE, (path, "alert(1)")])

    assert not (tmp_path / "outside.js").exists()
    assert not (tmp_path / "work" / "outside.js").exists()


def test_a_file_the_service_gives_without_a_path_fails_the_search_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(SearchFailed, match="outside its bundle"):
        _index(tmp_path, [*BUNDLE, {"content": "YWxlcnQoMSk="}])

    bundle = tmp_path / "work" / "pagefind"
    written = {path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()}
    assert written <= dict(BUNDLE).keys()  # what came before it, in the folder the indexing then removes


def test_a_file_the_service_gives_as_no_object_fails_the_search(tmp_path: Path) -> None:
    with pytest.raises(SearchFailed, match="outside its bundle"):
        _index(tmp_path, [*BUNDLE, "pagefind.js"])


def test_a_file_the_service_gives_without_content_is_written_empty(tmp_path: Path) -> None:
    bundle = _index(tmp_path, [*BUNDLE, {"path": "empty.js"}])

    assert (bundle / "empty.js").read_bytes() == b""


def test_a_service_that_gives_no_files_fails_the_search(tmp_path: Path) -> None:
    with pytest.raises(SearchFailed) as failed:
        _index(tmp_path, [])

    assert str(failed.value) == "Pagefind could not index the site: it gave no files"


def _reason_a_service_stopped_with(tmp_path: Path, service: str) -> str:
    script = tmp_path / "service.py"
    script.write_text(service, encoding="utf-8")
    bundle = tmp_path / "work" / "pagefind"
    bundle.parent.mkdir()
    with pytest.raises(SearchFailed) as failed:
        index_documents(
            [sys.executable, str(script)],
            [("a/index.html", "<h1>A</h1>")],
            bundle,
            language="en",
            exclude=(),
            work=bundle.parent,
        )
    return str(failed.value)


def test_a_service_that_stops_gives_its_last_words_as_the_reason(tmp_path: Path) -> None:
    said = "print('Running Pagefind')\nprint('Indexing')\nprint('Error: out of memory')\n"

    reason = _reason_a_service_stopped_with(tmp_path, said)

    assert reason == "Pagefind could not index the site: Error: out of memory"


@pytest.mark.parametrize(
    ("error", "reason"),
    [({"message": "could not parse a page"}, "could not parse a page"), ({}, "an error")],
    ids=["with its message", "without one"],
)
def test_an_error_the_service_answers_fails_the_search_with_its_message(
    tmp_path: Path, error: dict[str, str], reason: str
) -> None:
    with pytest.raises(SearchFailed) as failed:
        _index(tmp_path, BUNDLE, failing={"AddFile": error})

    assert str(failed.value) == f"Pagefind could not index the site: {reason}"
    bundle = tmp_path / "work" / "pagefind"
    written = {path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()}
    assert written <= dict(BUNDLE).keys()  # what came before it, in the folder the indexing then removes


def test_a_service_that_stops_saying_nothing_gives_its_exit_code_as_the_reason(tmp_path: Path) -> None:
    reason = _reason_a_service_stopped_with(tmp_path, "import sys\nsys.exit(3)\n")

    assert reason == "Pagefind could not index the site: exit 3"


def test_the_service_is_asked_for_one_index_in_the_sites_language_then_every_document_in_order(
    tmp_path: Path,
) -> None:
    asked = tmp_path / "asked.jsonl"
    command = _service(tmp_path, BUNDLE, {}, asked)
    documents = [(f"page-{number}/index.html", f"<h1>Page {number}</h1>") for number in range(450)]  # three batches
    bundle = tmp_path / "work" / "pagefind"
    bundle.parent.mkdir()

    index_documents(command, documents, bundle, language="fr", exclude=(".hub-notice",), work=bundle.parent)

    requests = [json.loads(line) for line in asked.read_text(encoding="utf-8").splitlines()]
    assert [request["message_id"] for request in requests] == list(range(1, len(documents) + 3))
    assert requests[0]["payload"] == {
        "type": "NewIndex",
        "config": {"force_language": "fr", "exclude_selectors": [".hub-notice"]},
    }
    added = [request["payload"] for request in requests[1:-1]]
    assert added == [
        {"type": "AddFile", "index_id": 0, "file_path": path, "url": None, "file_contents": html}
        for path, html in documents
    ]
    assert requests[-1]["payload"] == {"type": "GetFiles", "index_id": 0}


def test_a_pagefind_that_cannot_be_run_fails_the_search_saying_why(tmp_path: Path) -> None:
    with pytest.raises(SearchFailed) as failed:
        index_documents(
            [str(tmp_path / "no-such-pagefind")], [], tmp_path / "pagefind", language="en", exclude=(), work=tmp_path
        )

    assert str(failed.value) == "cannot run Pagefind: No such file or directory"


def test_an_indexing_stopped_before_it_starts_runs_no_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(pagefind_service.subprocess, "Popen", lambda *args, **kwargs: started.append(args))
    stop = threading.Event()
    stop.set()

    with pytest.raises(SearchStopped):
        index_documents(
            [sys.executable, "-c", "pass"],
            [("a/index.html", "<h1>A</h1>")],
            tmp_path / "pagefind",
            language="en",
            exclude=(),
            work=tmp_path,
            stop=stop,
        )

    assert started == []


def test_pagefind_runs_with_pythons_safe_path_whatever_starts_it(tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    said = f"import os\nopen({str(seen)!r}, 'w').write(os.environ.get('PYTHONSAFEPATH', 'unset'))\n"

    _reason_a_service_stopped_with(tmp_path, said)

    assert seen.read_text(encoding="utf-8") == "1"  # a Python wrapper of Pagefind imports nothing from the hub


def test_last_words_that_are_not_utf_8_are_given_with_what_cannot_be_read_replaced(tmp_path: Path) -> None:
    said = "import sys\nsys.stdout.buffer.write(b'Error: \\xff\\xfe in a page\\n')\nsys.exit(1)\n"

    reason = _reason_a_service_stopped_with(tmp_path, said)

    assert reason == "Pagefind could not index the site: Error: \ufffd\ufffd in a page"


def test_last_words_with_commas_are_given_whole(tmp_path: Path) -> None:
    # A comma ends each of the service's messages: words holding several are read in parts.
    said = "print('Error: cannot read a, b, or c, the pages named')\n"

    reason = _reason_a_service_stopped_with(tmp_path, said)

    assert reason == "Pagefind could not index the site: Error: cannot read a, b, or c, the pages named"


def test_pagefind_runs_in_the_indexings_own_folder_never_where_the_hub_was_started(tmp_path: Path) -> None:
    # Pagefind reads a configuration file (pagefind.yml) from its working folder: the hub's
    # own settings are the only ones, whatever a repository holds.
    seen = tmp_path / "seen"
    said = f"import os\nopen({str(seen)!r}, 'w').write(os.getcwd())\n"

    _reason_a_service_stopped_with(tmp_path, said)

    assert seen.read_text(encoding="utf-8") == str(tmp_path / "work")
