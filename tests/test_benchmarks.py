"""The benchmark runs end to end at a tiny scale.

Timings at this size mean nothing and the machine running the suite is
unknown, so nothing here asserts a time: the test only keeps the benchmark
runnable as the hub changes, with every figure in its JSON line.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import REPO

FIGURES = ("validation", "linear_build", "generation_overhead", "sample_hub", "search_index")


def test_benchmark_runs_at_a_tiny_scale() -> None:
    completed = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--scale", "0.02", "--repeat", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=180,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(completed.stdout.strip().splitlines()[-1])
    for figure in FIGURES:
        assert figure in results, f"no {figure} in {sorted(results)}"
        assert results[figure]["ratio" if figure != "sample_hub" else "build_ratio"] is not None
    assert results["sample_hub"]["refresh_s"] is not None
    assert "tooltips" in results
