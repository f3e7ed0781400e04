"""The mutation score of the last `mutmut run`, per layer, and every mutant that was not killed.

Run from the repository's root after `.venv/bin/mutmut run`:

    .venv/bin/python tests/mutation_score.py           # the score of each layer
    .venv/bin/python tests/mutation_score.py --diffs   # and each survivor as a diff

It reads what mutmut leaves in mutants/: the verdict on each mutant (`*.py.meta`)
and the mutated functions themselves, so it needs no second run.

A whole run outlasts most sittings, so its verdicts can be kept in the repository and
taken up again on another machine:

    .venv/bin/python tests/mutation_score.py --save      # mutants/ -> tests/mutation_verdicts.json
    .venv/bin/python tests/mutation_score.py --restore   # tests/mutation_verdicts.json -> mutants/

A kept verdict is tied to the hash mutmut gives the function's code: after `--restore`,
`mutmut run` keeps the verdicts of unchanged functions and tries again every mutant of
a function that changed since.
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
VERDICTS = {
    0: "survived",
    1: "killed",
    3: "killed",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
    -9: "timeout",
    37: "caught by type check",
    2: "not checked",
    38: "outlived the budget",  # tests/mutation_try.py: not killed while its tests ran for the budget
}
KILLED = {"killed", "timeout", "caught by type check"}
NOT_COUNTED = {"skipped", "not checked"}

MUTANTS = Path("mutants")
RECORD = Path("tests/mutation_verdicts.json")


def _functions(source: Path) -> dict[str, str]:
    # Sliced by line numbers: ast.get_source_segment counts from the file's start for
    # each function, which over a mutated module of thousands of functions takes minutes.
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines()
    return {
        node.name: "\n".join(lines[node.lineno - 1 : node.end_lineno or node.lineno])
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name
    }


def _diff(functions: dict[str, str], mutant: str) -> list[str]:
    name = mutant.rsplit(".", 1)[1]
    original = functions.get(name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig", "")
    changed = functions.get(name, "")
    return [
        line
        for line in difflib.unified_diff(original.splitlines()[1:], changed.splitlines()[1:], lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]


def save(mutants: Path, record: Path) -> int:
    """Keep each source file's function hashes and verdicts; a function's verdicts are listed by mutant number.

    mutmut numbers a function's mutants from 1 without gaps; `null` is a mutant not yet tried.
    A source file none of whose mutants this run tried (a run of one layer, `mutmut run
    "hub_build.cli.*"`) keeps what the record held for it.
    """
    earlier = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}
    kept: dict[str, dict[str, object]] = {}
    count = 0
    for meta in sorted(mutants.glob("hub_build/**/*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        source = meta.relative_to(mutants).with_suffix("").as_posix()
        if source in earlier and all(code is None for code in data["exit_code_by_key"].values()):
            kept[source] = earlier[source]
            count += sum(len(verdicts) for verdicts in earlier[source]["verdicts"].values())
            continue
        verdicts: dict[str, list[int | None]] = {}
        for mutant, code in data["exit_code_by_key"].items():
            function, number = mutant.rsplit(".", 1)[1].rsplit("__mutmut_", 1)
            codes = verdicts.setdefault(function, [])
            codes.extend([None] * (int(number) - len(codes)))
            codes[int(number) - 1] = code
            count += 1
        kept[source] = {
            "functions": data["hash_by_function_name"],
            "verdicts": verdicts,
        }
    # One line per source file: a change to the code shows as a change to that file's line.
    lines = [f"{json.dumps(source)}: {json.dumps(kept[source], sort_keys=True)}" for source in sorted(kept)]
    record.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    return count


def restore(record: Path, mutants: Path) -> int:
    """Write mutmut's verdict files back, for `mutmut run` to keep those of unchanged functions."""
    restored = 0
    for source, kept in json.loads(record.read_text(encoding="utf-8")).items():
        module = source.removesuffix(".py").replace("/", ".")
        codes = {
            f"{module}.{function}__mutmut_{number}": code
            for function, verdicts in kept["verdicts"].items()
            for number, code in enumerate(verdicts, start=1)
        }
        meta = mutants / f"{source}.meta"
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(
            json.dumps(
                {
                    "exit_code_by_key": codes,
                    "hash_by_function_name": kept["functions"],
                    "type_check_error_by_key": {},
                    "durations_by_key": {},
                    "estimated_durations_by_key": {},
                }
            ),
            encoding="utf-8",
        )
        restored += sum(code is not None for code in codes.values())
    return restored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--diffs", action="store_true", help="print each mutant not killed as a diff")
    parser.add_argument("--save", action="store_true", help=f"keep the verdicts in mutants/ in {RECORD}")
    parser.add_argument("--restore", action="store_true", help=f"write the verdicts kept in {RECORD} to mutants/")
    args = parser.parse_args()
    if args.save:
        print(f"{save(MUTANTS, RECORD)} mutants kept in {RECORD}")
        return
    if args.restore:
        print(f"{restore(RECORD, MUTANTS)} verdicts written to {MUTANTS}/; `mutmut run` goes on from them")
        return
    layers: dict[str, Counter[str]] = {}
    for meta in sorted((MUTANTS / "hub_build").glob("**/*.py.meta")):
        source = meta.with_suffix("")
        layer = source.relative_to(MUTANTS / "hub_build").parts[0]
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
