"""How long the scorecard's charts take: a hundred KPIs with five years of monthly results each.

    python benchmarks/scorecard_charts.py            # 100 KPIs × 60 months
    python benchmarks/scorecard_charts.py --kpis 200 # twice as many, to see that it stays linear

Prints the seconds to compute the scorecard and to draw every chart, and the total SVG size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hub_build.playbook import periods
from hub_build.playbook.measurements import Measurement
from hub_build.playbook.model import Kpi, Playbook, Review, Target, Term
from hub_build.playbook.scorecard import scorecard
from hub_build.site.scorecard_view import charts

TODAY = dt.date(2026, 11, 23)


def playbook(kpis: int, months: int) -> Playbook:
    book = Playbook()
    last = periods.last_complete(TODAY, "month")
    first = last
    for _ in range(months - 1):
        first = periods.preceding(first)
    review = Review("owner", TODAY, "6 months", None)
    for number in range(kpis):
        term_id = f"kpi-{number:03d}"
        target = Target(100 + number, "leads", "at-least", "month")
        kpi = Kpi("leads per month", target, "monthly", {"sales": "a", "marketing": "b"})
        book.terms[term_id] = Term(term_id, f"KPI {number}", "…", "shared", review, kpi=kpi)
        for index, period in enumerate(periods.between(first, last)):
            value = 100 + number + 20 * math.sin(index / 3 + number)
            book.measurements.append(Measurement(term_id, period, round(value, 1), None, "bench.csv", index + 2))
    return book


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kpis", type=int, default=100)
    parser.add_argument("--months", type=int, default=60)
    args = parser.parse_args()
    book = playbook(args.kpis, args.months)
    start = time.perf_counter()
    card_set = scorecard(book, today=TODAY)
    computed = time.perf_counter()
    drawn = charts(card_set)
    finished = time.perf_counter()
    print(
        json.dumps(
            {
                "kpis": args.kpis,
                "months": args.months,
                "results": len(book.measurements),
                "scorecard_s": round(computed - start, 3),
                "charts_s": round(finished - computed, 2),
                "svg_bytes": sum(len(svg) for svg in drawn.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
