"""The mutation score of the last `mutmut run`, per layer, and every mutant that was not killed.

Run from the repository's root after `.venv/bin/mutmut run`:

    .venv/bin/python tests/mutation_score.py           # the score of each layer
    .venv/bin/python tests/mutation_score.py --diffs   # and each survivor as a diff

It reads what mutmut leaves in mutants/: the verdict on each mutant (`*.py.meta`)
and the mutated functions themselves, so it needs no second run.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
from collections import Counter
from pathlib import Path

# mutmut's exit codes, as its `stats` module names them.
# A mutant killed by SIGKILL (-9) ran past its CPU or memory limit: a loop that never ends,
# which the tests noticed as surely as a failure. mutmut files it as a "segfault".
VERDICTS = {0: "survived", 1: "killed", 3: "killed", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout",
            24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", -9: "timeout", 37: "caught by type check",
            2: "not checked"}
KILLED = {"killed", "timeout", "caught by type check"}
NOT_COUNTED = {"skipped", "not checked"}


def _functions(source: Path) -> dict[str, str]:
    # Sliced by line numbers: ast.get_source_segment counts from the file's start for
    # each function, which over a mutated module of thousands of functions takes minutes.
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines()
    return {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno or node.lineno])
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name}


def _diff(functions: dict[str, str], mutant: str) -> list[str]:
    name = mutant.rsplit(".", 1)[1]
    original = functions.get(name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig", "")
    changed = functions.get(name, "")
    return [line for line in difflib.unified_diff(original.splitlines()[1:], changed.splitlines()[1:], lineterm="", n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--diffs", action="store_true", help="print each mutant not killed as a diff")
    args = parser.parse_args()
    layers: dict[str, Counter[str]] = {}
    for meta in sorted(Path("mutants/hub_build").glob("**/*.py.meta")):
        source = meta.with_suffix("")
        layer = source.relative_to("mutants/hub_build").parts[0]
        verdicts = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        counts = layers.setdefault(layer, Counter())
        functions = None
        for mutant, code in sorted(verdicts.items()):
            verdict = "not checked" if code is None else VERDICTS.get(code, "suspicious")
            counts[verdict] += 1
            if verdict not in KILLED | NOT_COUNTED:
                print(f"{verdict}: {mutant}")
                if args.diffs:
                    functions = functions if functions is not None else _functions(source)
                    print("\n".join(f"    {line}" for line in _diff(functions, mutant)))
    for layer, counts in sorted(layers.items()):
        counted = sum(n for verdict, n in counts.items() if verdict not in NOT_COUNTED)
        killed = sum(n for verdict, n in counts.items() if verdict in KILLED)
        score = f"{100 * killed / counted:.1f}%" if counted else "-"
        print(f"hub_build/{layer}/: {killed} of {counted} mutants killed ({score}); {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
