"""The benchmark runs end to end at a tiny scale.

Timings at this size mean nothing and the machine running the suite is
unknown, so nothing here asserts how long anything took: the tests keep the
benchmark runnable as the hub changes, and check that every figure in its JSON
line is measured on the records the scale gives and computed from its own measures.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import REPO

# The benchmark's run takes about a tenth of the suite's time alone.
pytestmark = pytest.mark.longest

FIGURES = (
    "validation",
    "linear_build",
    "generation_overhead",
    "sample_hub",
    "refresh",
    "search_index",
    "search",
    "build_curve",
    "digest",
    "diff",
    "engine_overhead",
)
# The targets the benchmark holds the hub to (benchmarks/README.md), as ratios or seconds.
TARGETS = {
    "validation": 1.5,
    "linear_build": 2.2,
    "generation_overhead": 1.15,
    "tooltips": 2.2,
    "search": 0.1,
    "digest": 2.0,
    "diff": 2.0,
    "engine_overhead": 1.15,
}


# The JSON line gives every figure to four decimals, a measure and its ratio alike.
ROUNDING = 0.00005


def _quotient(numerator: float, denominator: float, times: float = 1) -> float:
    """`times` the quotient, within what rounding each of the three figures to four decimals can move it."""
    quotient = numerator / denominator
    moved = (
        quotient * (ROUNDING / abs(numerator) + ROUNDING / abs(denominator)) if numerator else ROUNDING / denominator
    )
    return pytest.approx(times * quotient, rel=0, abs=times * moved + ROUNDING + 1e-9)


@pytest.fixture(scope="module")
def results() -> dict:
    completed = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_benchmark_runs_at_a_tiny_scale(results: dict) -> None:
    for figure in FIGURES:
        assert figure in results, f"no {figure} in {sorted(results)}"
        assert results[figure]["ratio" if figure != "sample_hub" else "build_ratio"] is not None
    assert results["sample_hub"]["refresh_s"] is not None
    assert "tooltips" in results
    assert (results["scale"], results["repeat"]) == (0.02, 1)


def test_each_figure_is_measured_on_the_number_of_records_the_scale_gives(results: dict) -> None:
    # At full scale: 10,000 records to validate, and builds of 2,000 and 4,000.
    assert results["validation"]["records"] == 200
    assert results["digest"]["records"] == 160  # 8,000 at full scale
    assert results["diff"]["records"] == 160  # `hub diff` at 8,000 records at full scale
    # The hub against the plain engine and Pagefind at 1,000, 2,000 and 4,000 records, and on the sample.
    assert results["engine_overhead"]["records"] == [20, 40, 80, None]
    assert (results["linear_build"]["records_n"], results["linear_build"]["records_2n"]) == (40, 80)
    assert results["generation_overhead"]["records"] == 40
    assert results["search_index"]["records_n"] == 40
    assert (results["refresh"]["records_n"], results["refresh"]["records_4n"]) == (40, 160)
    assert results["tooltips"]["records_n"] == 40
    # The search at 4,000 and 8,000 records at full scale.
    assert (results["search"]["records_n"], results["search"]["records_2n"]) == (80, 160)
    # The full-build curve from 1,000 to 16,000 records at full scale.
    assert [point["records"] for point in results["build_curve"]["points"]] == [20, 40, 80, 160, 320]


def test_every_time_is_a_positive_number_of_seconds(results: dict) -> None:
    # A cost is the difference of two builds, which at this size may come out below zero.
    times = {
        f"{figure}.{key}": value
        for figure, values in results.items()
        if isinstance(values, dict)
        for key, value in values.items()
        if key.endswith("_s") and "cost" not in key and value is not None
    }
    assert len(times) >= 10
    assert {key: value for key, value in times.items() if not value > 0} == {}


def test_each_ratio_is_the_quotient_of_its_own_measures(results: dict) -> None:
    validation, linear = results["validation"], results["linear_build"]
    overhead, index, sample = results["generation_overhead"], results["search_index"], results["sample_hub"]
    assert validation["ratio"] == _quotient(validation["hub_validate_s"], validation["parse_only_s"])
    digest = results["digest"]
    assert digest["ratio"] == _quotient(digest["hub_digest_s"], digest["hub_validate_s"])
    assert linear["ratio"] == _quotient(linear["build_2n_s"], linear["build_n_s"])
    diff = results["diff"]
    assert diff["ratio"] == _quotient(diff["hub_diff_s"], diff["hub_validate_s"])
    assert overhead["ratio"] == _quotient(overhead["hub_build_s"], overhead["static_build_s"])
    assert index["ratio"] == _quotient(index["bytes_2n"], index["bytes_n"])
    assert index["bytes_per_record_n"] == _quotient(index["bytes_n"], 40)
    curve = results["build_curve"]
    for point in curve["points"]:
        assert point["cpu_ms_per_record"] == _quotient(point["cpu_s"], point["records"], times=1000)
        assert point["peak_mib"] > 20  # a Python process with MkDocs loaded; ru_maxrss is in KiB
    first, last = curve["points"][0], curve["points"][-1]
    assert curve["ratio"] == _quotient(last["cpu_ms_per_record"], first["cpu_ms_per_record"])
    search = results["search"]
    assert search["ratio"] == _quotient(search["hub_bytes_2n"], search["theme_bytes_2n"])
    for size in ("n", "2n"):
        # Nothing of the hub's search before the reader searches; the theme's whole index before.
        assert search[f"hub_before_{size}"] == 0 < search[f"hub_bytes_{size}"]
        assert 0 < search[f"theme_before_{size}"] == search[f"theme_bytes_{size}"]
    assert sample["build_ratio"] == _quotient(sample["build_s"], 3.0)
    assert sample["refresh_ratio"] == _quotient(sample["refresh_s"], 0.5)
    refresh = results["refresh"]
    assert refresh["ratio"] == _quotient(refresh["refresh_4n_s"], refresh["refresh_n_s"])
    engine = results["engine_overhead"]
    for point in engine["points"]:
        assert point["ratio"] == _quotient(point["hub_cpu_s"], point["engine_cpu_s"])  # one round at --quick
        assert point["wall_ratio"] == _quotient(point["hub_s"], point["engine_s"])
    assert engine["ratio"] == max(point["ratio"] for point in engine["points"])


def test_a_target_is_met_when_the_ratio_is_at_most_the_target(results: dict) -> None:
    for figure, target in TARGETS.items():
        assert results[figure]["target"] == target, figure
        assert results[figure]["met"] is (results[figure]["ratio"] <= target), figure
    for point in results["engine_overhead"]["points"]:
        assert point["met"] is (point["ratio"] <= 1.15), point["label"]
    sample = results["sample_hub"]
    assert (sample["build_target_s"], sample["refresh_target_s"]) == (3.0, 0.5)
    assert sample["build_met"] is (sample["build_s"] <= 3.0)
    refresh = results["refresh"]
    assert refresh["target_s"] == 1.0
    assert refresh["met"] is (refresh["refresh_n_s"] <= 1.0 and refresh["refresh_4n_s"] <= 1.0)
    assert sample["met"] is (sample["build_met"] and sample["refresh_met"] is not False)
