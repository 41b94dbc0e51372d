"""Running one scenario: ``sim.run(scenario, seed)`` → :class:`RunResult`."""

from __future__ import annotations

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
