"""One experiment runner for replications, comparisons and sweeps.

An experiment is a list of batches, each all replications of one scenario (at one point),
computed by any executor (:mod:`sim.experiments.executors`) and, with ``out``, saved batch by
batch (:mod:`sim.experiments.store`) so that a killed experiment resumes where it stopped.
Consecutive batches that share the organisation's structure (a sweep's points) are simulated
side by side in one model (:func:`sim.run_points`), which shares numpy's per-call cost among
them; every batch keeps its own seed and streams, so how batches are grouped never changes a
result.

Seeds. The seed of every batch is fixed before anything is submitted, from
``numpy.random.SeedSequence(seed, spawn_key=(stream,))``, so results are identical whatever the
executor, the number of workers or the order of completion:

* replications, comparisons, explanations, calibration and sensitivity analysis use **common
  random numbers**: every scenario's batch gets the same seed (stream 0). The model draws each
  mechanism's random numbers from its own stream, so with equal organisation sizes replication
  ``r`` of one scenario is paired with replication ``r`` of another, and differences are much
  more precise than between independent samples;
* a sweep gives every point its own stream, a stable hash of the canonical JSON of the scenario
  at that point, so the points are independent samples.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from sim.experiments.errors import ExperimentError
from sim.experiments.executors import as_completed, open_executor
from sim.experiments.store import BatchStore
from sim.experiments.summaries import paired_differences, summarise
from sim.kpis import KPI_NAMES
from sim.points import structure
from sim.runner import run_points
from sim.scenario import Scenario, ScenarioError, check_path, field_at, load_scenario

MAX_POINTS_PER_KEY = 101
MAX_KEYS = 2
GROUP_EMPLOYEES = 20_000
"""Employees (times replications) simulated side by side at most: about where numpy's per-call
cost stops mattering (``docs/performance.md``)."""
MIN_GROUPS = 8
"""Experiments are split into at least this many groups where they have the batches, so that
workers share the work and progress shows."""


@dataclass(frozen=True)
class Batch:
    """All replications of one scenario in an experiment; ``tags`` label its rows (scenario,
    point values)."""

    scenario: Scenario
    reps: int
    seed: int
    tags: dict[str, Any] = field(default_factory=dict)


def batch_seed(seed: int, stream: int = 0) -> int:
    """The seed of a batch in ``stream`` (0: common random numbers)."""
    return _derived_seed(seed, (stream,))


def run_seed(seed: int, rep: int, stream: int = 0) -> int:
    """The seed of a single run ``rep`` in ``stream`` (the dashboard films one run)."""
    return _derived_seed(seed, (stream, rep))


def _derived_seed(seed: int, spawn_key: tuple[int, ...]) -> int:
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ExperimentError(f"seed {seed!r} is not allowed; use a whole number ≥ 0")
    return int(np.random.SeedSequence(int(seed), spawn_key=spawn_key).generate_state(1)[0])


def scenario_stream(scenario: Scenario) -> int:
    """A stable 64-bit hash of what the scenario simulates (its name and description aside)."""
    content = scenario.model_dump(mode="json", exclude={"name", "description"})
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def simulate(
    batches: Sequence[Batch], series: bool = False
) -> list[tuple[pd.DataFrame, pd.DataFrame | None]]:
    """Batches of one structure and number of replications on a worker, simulated side by side:
    for each, a row per replication (tags, ``rep``, ``seed``, KPIs) and, if asked, their weekly
    series in long form (tags, ``rep``, ``week``, series)."""
    points = run_points([b.scenario for b in batches], [b.seed for b in batches], batches[0].reps)
    return [_tables(batch, results, series) for batch, results in zip(batches, points, strict=True)]


def _tables(batch: Batch, results: list, series: bool) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    table = pd.DataFrame(
        [
            {**batch.tags, "rep": rep, "seed": batch.seed, **result.kpis}
            for rep, result in enumerate(results)
        ]
    )
    if not series:
        return table, None
    weekly = pd.concat(
        [
            result.timeseries.assign(**batch.tags, rep=rep)[
                [*batch.tags, "rep", *result.timeseries.columns]
            ]
            for rep, result in enumerate(results)
        ],
        ignore_index=True,
    )
    return table, weekly


def group_batches(batches: Sequence[Batch], todo: Sequence[int]) -> list[list[int]]:
    """The batches in ``todo`` grouped to be simulated together: consecutive batches with the
    same structure and replications, up to ``GROUP_EMPLOYEES`` employees in all and, for
    experiments of many batches, no more than one ``MIN_GROUPS``-th of them."""
    most = max(1, len(todo) // MIN_GROUPS)
    groups: list[list[int]] = []
    key = employees = None
    for i in todo:
        batch = batches[i]
        size = batch.reps * batch.scenario.organisation.employees
        this = (structure(batch.scenario), batch.reps)
        if (
            groups
            and this == key
            and len(groups[-1]) < most
            and employees + size <= GROUP_EMPLOYEES
        ):
            groups[-1].append(i)
            employees += size
        else:
            groups.append([i])
            key, employees = this, size
    return groups


def execute(
    batches: Sequence[Batch],
    executor: Any,
    *,
    store: BatchStore | None = None,
    series: bool = False,
    progress: bool = False,
    desc: str = "runs",
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Compute ``batches`` on an open executor, skipping those already in ``store``.

    Returns one row per replication, batches in the order of ``batches`` (tags, ``rep``,
    ``seed``, KPIs) and, with ``series``, the weekly series of all replications in long form
    (tags, ``rep``, ``week``, series).
    """
    tables: list[pd.DataFrame | None] = [None] * len(batches)
    weekly: list[pd.DataFrame | None] = [None] * len(batches)
    todo = []
    for i in range(len(batches)):
        if store is not None and store.done(i):
            tables[i], weekly[i] = store.load(i, series)
        else:
            todo.append(i)
    total = sum(b.reps for b in batches)
    with tqdm(
        total=total,
        initial=total - sum(batches[i].reps for i in todo),
        desc=desc,
        unit="run",
        file=sys.stderr,
        disable=not progress,
    ) as bar:

        def finish(future: Any) -> None:
            group = pending.pop(future)
            for i, (tables[i], weekly[i]) in zip(group, future.result(), strict=True):
                if store is not None:
                    store.save(i, tables[i], weekly[i])
                bar.update(batches[i].reps)

        pending: dict[Any, list[int]] = {}
        for group in group_batches(batches, todo):
            future = executor.submit(simulate, [batches[i] for i in group], series)
            pending[future] = group
            if future.done():  # an in-process executor: save each group as it finishes
                finish(future)
        for future in as_completed(list(pending)):
            finish(future)
    table = pd.concat(tables, ignore_index=True)
    return table, pd.concat(weekly, ignore_index=True) if series else None


def _execute(
    batches: list[Batch],
    experiment: dict[str, Any],
    executor: Any,
    out: str | Path | None,
    *,
    series: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    store = BatchStore(out, experiment) if out is not None else None
    with open_executor(executor, workers, scheduler) as ex:
        return execute(
            batches, ex, store=store, series=series, progress=progress, desc=experiment["kind"]
        )


# --- replications and comparisons -----------------------------------------------------------------


def as_scenario(source: str | Path | Scenario) -> Scenario:
    """A scenario from a built-in name, a path or a Scenario."""
    return source if isinstance(source, Scenario) else load_scenario(source)


def common_batch(
    scenario: Scenario, reps: int, seed: int, tags: dict[str, Any] | None = None
) -> Batch:
    """``reps`` replications of ``scenario`` with the common seed, labelled by ``tags``."""
    return Batch(scenario, checked_reps(reps), batch_seed(seed), tags or {})


def checked_reps(reps: int) -> int:
    """``reps`` if it is a whole number ≥ 1, else an error."""
    if not isinstance(reps, int | np.integer) or reps < 1:
        raise ExperimentError(f"reps {reps!r} is not allowed; use a whole number ≥ 1")
    return int(reps)


def replicate(
    scenario: str | Path | Scenario,
    reps: int = 10,
    seed: int = 1,
    executor: Any = None,
    series: bool = False,
    *,
    out: str | Path | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """``reps`` replications of one scenario, simulated as one batch: a row per replication
    (``rep``, ``seed`` of the batch, KPIs), or with ``series`` the weekly series of all
    replications in long form (``rep``, ``week``, series)."""
    scenario = as_scenario(scenario)
    experiment = {
        "kind": "replicate",
        "scenario": scenario.model_dump(mode="json"),
        "reps": reps,
        "seed": seed,
        "series": series,
    }
    table, weekly = _execute(
        [common_batch(scenario, reps, seed)],
        experiment,
        executor,
        out,
        series=series,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
    )
    return weekly if series else table


def labelled(scenarios: Iterable[str | Path | Scenario]) -> dict[str, Scenario]:
    """Scenarios by their names, duplicates told apart as ``name (2)``, ``name (3)``…"""
    out: dict[str, Scenario] = {}
    for source in scenarios:
        scenario = as_scenario(source)
        label, n = scenario.name, 1
        while label in out:
            n += 1
            label = f"{scenario.name} ({n})"
        out[label] = scenario
    if not out:
        raise ExperimentError("no scenarios to compare; give at least one")
    return out


def compare(
    scenarios: Sequence[str | Path | Scenario],
    reps: int = 10,
    seed: int = 1,
    executor: Any = None,
    out: str | Path | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Mean and 95% interval per KPI per scenario, and the paired difference from the first.

    Columns ``scenario, kpi, mean, ci_low, ci_high, diff, diff_low, diff_high``. Every
    scenario's batch uses the same seed (common random numbers), so the differences are paired
    by replication.
    """
    named = labelled(scenarios)
    batches = [common_batch(s, reps, seed, {"scenario": label}) for label, s in named.items()]
    experiment = {
        "kind": "compare",
        "scenarios": [s.model_dump(mode="json") for s in named.values()],
        "reps": reps,
        "seed": seed,
    }
    table, _ = _execute(
        batches, experiment, executor, out, workers=workers, scheduler=scheduler, progress=progress
    )
    return comparison(table)


def comparison(table: pd.DataFrame) -> pd.DataFrame:
    """The compare frame from one row per replication with a ``scenario`` column."""
    summary = summarise(table, ["scenario"])
    groups = dict(tuple(table.groupby("scenario", sort=False)))
    first = groups[summary["scenario"].iloc[0]]
    diffs = {label: paired_differences(runs, first) for label, runs in groups.items()}
    summary[["diff", "diff_low", "diff_high"]] = [
        diffs[row.scenario][row.kpi] for row in summary.itertuples()
    ]
    return summary


# --- sweeps ---------------------------------------------------------------------------------------


def parse_vary(text: str) -> tuple[str, list[float]]:
    """``"levers.trust=0.2:0.8:4"`` → ``("levers.trust", [0.2, 0.4, 0.6, 0.8])``."""
    key, sep, spec = text.partition("=")
    key = key.strip()
    parts = spec.split(":")
    usage = f"--vary {text!r}: expected KEY=START:STOP:NUM, e.g. levers.trust=0.2:0.8:4"
    if not sep or not key or len(parts) != 3:
        raise ExperimentError(usage)
    try:
        start, stop = float(parts[0]), float(parts[1])
        num = int(parts[2])
    except ValueError:
        raise ExperimentError(f"{usage} (START and STOP numbers, NUM a whole number)") from None
    if not (math.isfinite(start) and math.isfinite(stop)):
        raise ExperimentError(f"{usage} (START and STOP must be finite)")
    if not 1 <= num <= MAX_POINTS_PER_KEY:
        raise ExperimentError(
            f"--vary {key}: NUM {num} is not allowed; use between 1 and {MAX_POINTS_PER_KEY} points"
        )
    return key, [float(f"{v:.12g}") for v in np.linspace(start, stop, num)]


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
    reps: int = 5,
    seed: int = 1,
    executor: Any = None,
    out: str | Path | None = None,
    progress: bool = False,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
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
    table, _ = _execute(
        batches, experiment, executor, out, workers=workers, scheduler=scheduler, progress=progress
    )
    return summarise(table, list(vary))


def kpi_check(names: Iterable[str]) -> list[str]:
    """``names`` if they are all KPIs, else an error listing the KPIs."""
    names = list(names)
    unknown = [n for n in names if n not in KPI_NAMES]
    if unknown:
        raise ExperimentError(
            f"unknown KPI {', '.join(map(repr, unknown))}; KPIs are: {', '.join(KPI_NAMES)}"
        )
    return names
