"""Sweeps: a grid over one or two numeric fields, each point one batch with its own seed."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product
from pathlib import Path
from typing import Any

import pandas as pd

from sim.experiments.batches import Batch, as_scenario, batch_seed, checked_reps, scenario_stream
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import Progress, run_batches
from sim.experiments.executors import Execution
from sim.experiments.summaries import summarise
from sim.scenario import Scenario, ScenarioError, check_path, field_at

MAX_KEYS = 2


def sweep_grid(
    scenario: Scenario, vary: dict[str, Sequence[float]]
) -> tuple[dict[str, list], list[tuple[dict[str, float | int], Scenario]]]:
    """The validated values per key, and every point of the grid (the first key varies
    slowest) with its scenario."""
    if not 1 <= len(vary) <= MAX_KEYS:
        raise ExperimentError(f"vary {len(vary)} fields at once is not supported; vary 1 or 2")
    values = {key: _field_values(scenario, key, list(vals)) for key, vals in vary.items()}
    grid = []
    for combo in product(*values.values()):
        point = dict(zip(values, combo, strict=True))
        grid.append((point, scenario.with_overrides(**point)))
    return values, grid


def _field_values(scenario: Scenario, key: str, values: list) -> list[float | int]:
    parts = key.split(".")
    check_path(parts, key)
    kind = field_at(tuple(parts)).annotation
    if kind not in (int, float):
        raise ExperimentError(
            f"{key}: only numeric fields can be varied (this one is {kind.__name__})"
        )
    if not values:
        raise ExperimentError(f"{key}: no values to vary over")
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):
        raise ExperimentError(f"{key}: values {values!r} are not all numbers") from None
    if kind is int:  # the nearest whole numbers
        values = [round(v) for v in values]
    if len(set(values)) < len(values):
        whole = " whole numbers" if kind is int else ""
        raise ExperimentError(
            f"{key}: the{whole} values {values} repeat; use fewer points or a wider range"
        )
    for value in values:  # names the field, the value and the allowed range
        try:
            scenario.with_overrides(**{key: value})
        except ScenarioError as err:
            raise ExperimentError("; ".join(err.problems)) from None
    return values


def sweep(
    scenario: str | Path | Scenario,
    vary: dict[str, Sequence[float]],
    *,
    reps: int = 5,
    seed: int = 1,
    out: str | Path | None = None,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
) -> pd.DataFrame:
    """Mean and 95% interval per KPI at every point of a grid over one or two fields.

    Columns: one per varied key, then ``kpi, mean, ci_low, ci_high``. Each point is one batch
    with its own seed (independent samples).
    """
    scenario = as_scenario(scenario)
    values, grid = sweep_grid(scenario, vary)
    reps = checked_reps(reps)
    batches = [
        Batch(at_point, reps, batch_seed(seed, scenario_stream(at_point)), point)
        for point, at_point in grid
    ]
    experiment = {
        "kind": "sweep",
        "scenario": scenario.model_dump(mode="json"),
        "vary": values,
        "reps": reps,
        "seed": seed,
    }
    table, _ = run_batches(batches, experiment, executor=executor, out=out, progress=progress)
    return summarise(table, list(vary))
