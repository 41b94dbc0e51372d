"""Where a difference in profit comes from, term by term (issue 20, the let-go profit gap).

The profit index (``sim.kpis.profit``) has no costs but labour, absence, leavers and monitoring,
so profit moves more than output: revenue ÷ profit is its multiplier. For two scenarios run with
common random numbers this prints, over a window of weeks, each variant's profit, productivity
and that multiplier, and how much of the difference in profit each term of
:func:`sim.kpis.profit_terms` carries (in % of the first variant's profit). The default is the
pattern *a year after letting go: profit*: ``let_go`` against the same story with its shock kept,
weeks 157–208 (``docs/model.md`` §4):

    .venv/bin/python scripts/profit_terms.py [--seed 1] [--reps 10]
    .venv/bin/python scripts/profit_terms.py --against bureaucracy coaching_leader --weeks 1:260
"""

from __future__ import annotations

import argparse
import re
from types import SimpleNamespace

import numpy as np

from sim import patterns
from sim.experiments.batches import common_batch
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import run_batches
from sim.kpis import profit_terms
from sim.scenario_errors import ScenarioError


def terms(runs: patterns.Runs, which: patterns.Spec, weeks: slice) -> dict:
    """The mean over replications and ``weeks`` of each profit term per employee-week
    (``terms``), with profit, productivity and the multiplier (revenue ÷ profit)."""
    scenario = patterns.scenario_of(which)
    n = scenario.organisation.employees
    week = SimpleNamespace(
        costs=scenario.coefficients.kpis,
        employees=n,
        teams=-(-n // scenario.organisation.team_size),
        output=runs.series(which, "output"),
        misconduct=runs.series(which, "misconduct"),
        at_work=n * (1 - runs.series(which, "absence_rate")),
        leavers=runs.series(which, "leavers"),
        monitoring=runs.series(which, "monitoring_hours"),
    )
    shape = week.output.shape  # salaries are the same every week
    found: dict = {"terms": {
        k: float(np.mean(np.broadcast_to(v, shape)[:, weeks] / n))
        for k, v in profit_terms(week).items()
    }}  # fmt: skip
    found["profit"] = float(np.mean(runs.series(which, "profit")[:, weeks]))
    found["productivity"] = float(np.mean(runs.series(which, "productivity")[:, weeks]))
    found["multiplier"] = found["terms"]["revenue"] / found["profit"]
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    pair_help = "two built-in scenarios (default: the let-go pattern's pair)"
    parser.add_argument("--against", nargs=2, metavar=("FIRST", "SECOND"), help=pair_help)
    parser.add_argument("--weeks", default="157:208", help="FIRST:LAST week (default 157:208)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=10)
    args = parser.parse_args(argv)
    pair = (
        (patterns.NO_LET_GO, patterns.LET_GO)
        if args.against is None
        else tuple(patterns.spec(name) for name in args.against)
    )
    labels = {which: i for i, which in enumerate(pair)}
    try:
        scenarios = {which: patterns.scenario_of(which) for which in labels}
        batches = [
            common_batch(scenarios[which], args.reps, args.seed, {"model": 0, "variant": i})
            for which, i in labels.items()
        ]
    except (ScenarioError, ExperimentError) as err:
        parser.error(str(err))
    horizon = min(scenario.run.weeks for scenario in scenarios.values())
    weeks = re.fullmatch(r"(\d+):(\d+)", args.weeks)
    first, last = (int(w) for w in weeks.groups()) if weeks else (0, 0)
    if not 1 <= first <= last <= horizon:
        parser.error(f"--weeks: {args.weeks!r} is not allowed; give FIRST:LAST within 1:{horizon}")
    table, weekly = run_batches(batches, {"kind": "profit terms"}, series=True)
    runs = patterns.Runs(table, weekly, labels)
    a, b = (terms(runs, which, slice(first - 1, last)) for which in pair)
    print(f"weeks {first}-{last}, seed {args.seed}, {args.reps} replications")
    print(f"profit {a['profit']:.4f} -> {b['profit']:.4f} ({b['profit'] / a['profit'] - 1:+.1%}), "
          f"productivity x{b['productivity'] / a['productivity']:.3f}, "
          f"revenue / profit {a['multiplier']:.2f} -> {b['multiplier']:.2f}")  # fmt: skip
    for name, before in a["terms"].items():
        after = b["terms"][name]
        change = after - before
        print(f"  {name:10s} {before:+.4f} -> {after:+.4f}: {change / a['profit']:+.1%} of profit")


if __name__ == "__main__":
    main()
