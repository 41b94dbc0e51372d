"""The ensemble comparison (issue 23, item 6): two variants over 50 plausible models.

``compare A B --ensemble 50 --reps 2`` runs each variant on the unperturbed model and on each of
the first 50 members of the shipped ensemble, 2 replications each: 204 runs of 200 employees ×
260 weeks, simulated side by side in groups (:mod:`sim.experiments.batches`). Its target is the
time of 60 single runs, measured against the yardstick in the same process
(:func:`benchmarks.cases.measure`).
"""

from __future__ import annotations

from collections.abc import Callable

import sim

MEMBERS = 50
REPS = 2
MAX_RUNS = 60.0


def compare_over_members(s: sim.Scenario) -> Callable[[], object]:
    """Baseline against letting go (the issue's first comparison), at the size of ``s``."""
    let_go = sim.load_scenario(
        "let_go",
        **{
            "organisation.employees": s.organisation.employees,
            "run.weeks": s.run.weeks,
            "run.measure_weeks": s.run.measure_weeks,
        },
    )
    return lambda: sim.compare([s, let_go], reps=REPS, ensemble=MEMBERS, executor="serial")
