"""The verdicts of a mutmut run, kept in the repository and written back for the next run."""

from __future__ import annotations

import json
from pathlib import Path

from tests import mutation_try
from tests.conftest import quickest_first
from tests.mutation_score import restore, save

META = {
    "exit_code_by_key": {
        "hub_build.site.feeds.x_feeds__mutmut_1": 1,
        "hub_build.site.feeds.x_feeds__mutmut_2": None,
        "hub_build.site.feeds.x_feeds__mutmut_3": 0,
        "hub_build.site.feeds.xǁFeedǁentry__mutmut_1": -24,
    },
    "hash_by_function_name": {"x_feeds": "ba1a1d53be7f", "xǁFeedǁentry": "42fdc879fa9b"},
    "type_check_error_by_key": {},
    "durations_by_key": {"hub_build.site.feeds.x_feeds__mutmut_1": 0.15},
    "estimated_durations_by_key": {"hub_build.site.feeds.x_feeds__mutmut_1": 12.6},
}


def _run(tmp_path: Path) -> Path:
    meta = tmp_path / "mutants" / "hub_build" / "site" / "feeds.py.meta"
    meta.parent.mkdir(parents=True)
    meta.write_text(json.dumps(META), encoding="utf-8")
    return tmp_path / "mutants"


def test_saved_verdicts_come_back_as_mutmut_wrote_them_with_the_hashes_of_their_functions(tmp_path):
    record = tmp_path / "verdicts.json"

    saved = save(_run(tmp_path), record)
    restored = restore(record, tmp_path / "elsewhere")

    assert (saved, restored) == (4, 3)  # the mutant not yet tried is kept as not tried
    back = json.loads((tmp_path / "elsewhere" / "hub_build" / "site" / "feeds.py.meta").read_text(encoding="utf-8"))
    assert back["exit_code_by_key"] == META["exit_code_by_key"]
    assert back["hash_by_function_name"] == META["hash_by_function_name"]
    # The keys mutmut's loader requires; times are measured again by the next run.
    assert set(back) == set(META)


def test_the_record_gives_each_source_file_one_line(tmp_path):
    record = tmp_path / "verdicts.json"

    save(_run(tmp_path), record)

    lines = record.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert lines[1].startswith('"hub_build/site/feeds.py": ')
    assert json.loads(record.read_text(encoding="utf-8"))["hub_build/site/feeds.py"]["verdicts"] == {
        "x_feeds": [1, None, 0],
        "xǁFeedǁentry": [-24],
    }


class _Test:
    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid


def test_a_mutant_meets_the_quickest_tests_first_each_modules_tests_together():
    tests = [_Test(n) for n in ("slow.py::a", "quick.py::b", "slow.py::c", "quick.py::new", "quick.py::d")]
    durations = {"slow.py::a": 3.0, "slow.py::c": 1.0, "quick.py::b": 0.5, "quick.py::d": 0.1}

    ordered = quickest_first(tests, durations)  # type: ignore[arg-type]

    # quick.py costs (0.5 + 0.1 + 3.0) / 3 a test, a test without a time counting as the slowest.
    assert [t.nodeid for t in ordered] == ["quick.py::d", "quick.py::b", "quick.py::new", "slow.py::c", "slow.py::a"]


def test_a_run_that_tried_none_of_a_files_mutants_keeps_its_kept_verdicts(tmp_path):
    record = tmp_path / "verdicts.json"
    save(_run(tmp_path), record)
    untried = {**META, "exit_code_by_key": dict.fromkeys(META["exit_code_by_key"])}
    (tmp_path / "mutants" / "hub_build" / "site" / "feeds.py.meta").write_text(json.dumps(untried), encoding="utf-8")

    assert save(tmp_path / "mutants", record) == 4

    assert json.loads(record.read_text(encoding="utf-8"))["hub_build/site/feeds.py"]["verdicts"] == {
        "x_feeds": [1, None, 0],
        "xǁFeedǁentry": [-24],
    }


def test_a_mutant_without_a_verdict_is_tried_and_those_named_by_verdict_again(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feeds.py.meta").write_text(json.dumps(META), encoding="utf-8")

    def tried(again: str, only_again: bool = False) -> list[str]:
        return [key.rsplit(".", 1)[1] for key in mutation_try._untried("feeds.py", again, only_again)]

    assert tried("") == ["x_feeds__mutmut_2"]
    assert tried("0,-24") == ["x_feeds__mutmut_2", "x_feeds__mutmut_3", "xǁFeedǁentry__mutmut_1"]
    assert tried("0", only_again=True) == ["x_feeds__mutmut_3"]
    assert len(tried("all")) == 4


def test_a_mutants_own_module_tests_run_first_then_those_named_like_its_function(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    reaching = ["tests/a_test.py::x", "tests/test_staleness.py::y", "tests/test_feeds.py::z", "tests/test_other.py::w"]
    stats = {"tests_by_mangled_function_name": {"hub_build.site.feeds.x_stale_entries": reaching}}
    (tmp_path / "mutmut-stats.json").write_text(json.dumps({**stats, "duration_by_test": {}}), encoding="utf-8")
    runner = mutation_try.Mutants(["feeds.py"], [], "", 5.0, None, False)
    items = [_Item(nodeid) for nodeid in reaching]

    ordered = runner._likeliest_first("hub_build.site.feeds.x_stale_entries__mutmut_1", items)  # type: ignore[arg-type]

    assert [item.nodeid for item in ordered][:2] == ["tests/test_feeds.py::z", "tests/test_staleness.py::y"]


class _Item(_Test):
    @property
    def path(self) -> Path:
        return Path(self.nodeid.split("::")[0])


def test_tests_written_since_mutmuts_record_run_first_for_every_mutant_even_one_no_recorded_test_reaches(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    reaching = ["tests/test_feeds.py::z"]
    stats = {"tests_by_mangled_function_name": {"hub_build.site.feeds.x_feeds": reaching}}
    (tmp_path / "mutmut-stats.json").write_text(json.dumps({**stats, "duration_by_test": {}}), encoding="utf-8")
    items = {nodeid: _Item(nodeid) for nodeid in [*reaching, "tests/test_new.py::n", "tests/test_other.py::o"]}

    def chosen(key: str, new: tuple[str, ...]) -> list[str] | None:
        runner = mutation_try.Mutants(["feeds.py"], [], "", 5.0, None, False, new)
        tests = runner._tests(key, items)  # type: ignore[arg-type]
        return None if tests is None else [item.nodeid for item in tests]

    assert chosen("hub_build.site.feeds.x_feeds__mutmut_1", ()) == ["tests/test_feeds.py::z"]
    assert chosen("hub_build.site.feeds.x_feeds__mutmut_1", ("tests/test_new.py",)) == [
        "tests/test_new.py::n",
        "tests/test_feeds.py::z",
    ]
    assert chosen("hub_build.site.feeds.x_unreached__mutmut_1", ()) is None
    assert chosen("hub_build.site.feeds.x_unreached__mutmut_1", ("tests/test_new.py",)) == ["tests/test_new.py::n"]


def test_what_a_mutants_tests_left_in_the_runs_temporary_folder_is_removed_after_it(tmp_path: Path) -> None:
    left = tmp_path / "pytest-7"
    (left / "test_build0" / "site").mkdir(parents=True)
    (left / "test_build0" / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    (left / "stray.txt").write_text("x", encoding="utf-8")
    outside = tmp_path / "kept"
    outside.mkdir()
    (left / "link").symlink_to(outside, target_is_directory=True)

    mutation_try._empty(left)

    assert list(left.iterdir()) == []
    assert outside.is_dir()  # a link is removed, never what it leads to


def test_a_run_keeps_its_temporary_folders_where_no_other_pytest_removes_them(tmp_path: Path) -> None:
    arguments = mutation_try._arguments(tmp_path)

    assert arguments[-1] == f"--basetemp={tmp_path / 'run'}"  # not a numbered folder of /tmp/pytest-of-<user>
    assert arguments[:-1] == [*mutation_try._selection(), "-q", "-s", "-n", "0"]
