"""Running one scenario: ``sim.run(scenario, seed)`` → :class:`RunResult`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from sim.model import OrgModel
from sim.scenario import Scenario, load_scenario


@dataclass
class RunResult:
    """What one run produced: KPIs over the measurement window and the weekly series."""

    scenario: Scenario
    seed: int
    weeks: int
    kpis: dict[str, float]
    timeseries: pd.DataFrame


def run(
    scenario: Scenario | str = "baseline", seed: int = 1, weeks: int | None = None
) -> RunResult:
    """Simulate ``weeks`` weeks (default ``scenario.run.weeks``) and measure."""
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if weeks is not None and weeks != scenario.run.weeks:
        scenario = scenario.with_weeks(weeks)
    model = OrgModel(scenario, seed=seed)
    for _ in range(scenario.run.weeks):
        model.step()
    return RunResult(scenario, seed, scenario.run.weeks, model.kpis(), model.timeseries())


def run_batch(
    scenario: Scenario | str = "baseline", replications: int = 10, seed: int = 1
) -> list[RunResult]:
    """``replications`` runs of one scenario, simulated together as one array dimension.

    For small organisations this is several times faster than one run after another: the
    weekly step costs about as much for 10 × 200 employees as for 200. The batch draws its
    random numbers from one stream seeded by ``seed``, so it is reproducible (same scenario,
    seed and ``replications``: bit-identical results), but replication *r* of a batch is not
    ``run(scenario, seed=r)``; a batch of one is ``run(scenario, seed)``.
    """
    return run_points([scenario], [seed], replications)[0]


def run_points(
    scenarios: Sequence[Scenario | str],
    seeds: Sequence[int],
    replications: int = 10,
    *,
    on_week: Callable[[int], None] | None = None,
) -> list[list[RunResult]]:
    """A batch of ``replications`` runs for each scenario (a sweep's points), all simulated
    together as one array dimension; one list of results per scenario.

    The scenarios must share the organisation's structure (:mod:`sim.points`). Every point
    keeps its own seed and random streams, so its results are exactly
    ``run_batch(scenario, replications, seed)``'s, whichever points it is simulated with.
    ``on_week(weeks_done)`` is called after every week (a progress bar).
    """
    scenarios = [s if isinstance(s, Scenario) else load_scenario(s) for s in scenarios]
    model = OrgModel(scenarios, seed=list(seeds), replications=replications)
    weeks = scenarios[0].run.weeks
    for week in range(weeks):
        model.step()
        if on_week is not None:
            on_week(week + 1)
    return [
        [
            RunResult(
                scenario,
                seed,
                weeks,
                model.kpis(p * replications + r),
                model.timeseries(p * replications + r),
            )
            for r in range(replications)
        ]
        for p, (scenario, seed) in enumerate(zip(scenarios, seeds, strict=True))
    ]
