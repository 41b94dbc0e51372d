"""Batches: the unit of work of every experiment, their seeds, grouping and simulation.

A batch is all replications of one scenario (at one point), simulated together as one array
dimension. Consecutive batches that share the organisation's structure (a sweep's points) are
grouped and simulated side by side in one model (:func:`sim.run_points`), which shares numpy's
per-call cost among them; every batch keeps its own seed and streams, so how batches are grouped
never changes a result.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.experiments.errors import ExperimentError
from sim.points import structure
from sim.runner import RunResult, run_points
from sim.scenario import Scenario, load_scenario

GROUP_EMPLOYEES = 20_000
"""Employees (times replications) simulated side by side at most: about where numpy's per-call
cost stops mattering (``docs/performance.md``)."""
MIN_GROUPS = 8
"""Experiments computed by several workers, or saved batch by batch, are split into this many
groups where they have the batches, so that workers share the work and a killed experiment
keeps most of it. Otherwise, in this process (the serial executor), a group is as large as
``GROUP_EMPLOYEES`` allows: fewer, larger groups are faster, and progress shows week by week."""
GROUPS_PER_WORKER = 4
"""With more workers, an experiment is split into up to this many groups per worker, so that every
worker has work and the last groups to finish leave few idle …"""
SMALLEST_GROUP = 5
"""… but not into groups of fewer batches than this where it can be helped: a group of one batch
costs about three times as much per batch as a group of twenty, one of five about a quarter more
(``python -m benchmarks.scaling`` measures both and predicts what a split gives)."""


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


def as_scenario(source: str | Path | Scenario) -> Scenario:
    """A scenario from a built-in name, a path or a Scenario."""
    return source if isinstance(source, Scenario) else load_scenario(source)


def checked_reps(reps: int) -> int:
    """``reps`` if it is a whole number ≥ 1, else an error."""
    if not isinstance(reps, int | np.integer) or reps < 1:
        raise ExperimentError(f"reps {reps!r} is not allowed; use a whole number ≥ 1")
    return int(reps)


def common_batch(
    scenario: Scenario, reps: int, seed: int, tags: dict[str, Any] | None = None
) -> Batch:
    """``reps`` replications of ``scenario`` with the common seed, labelled by ``tags``."""
    return Batch(scenario, checked_reps(reps), batch_seed(seed), tags or {})


def parts_for(workers: int | None, batches: int) -> int:
    """Into how many groups an experiment of ``batches`` batches is split for ``workers``
    workers: a whole number of groups per worker, from one to :data:`GROUPS_PER_WORKER`, as many
    as keep groups of :data:`SMALLEST_GROUP` batches; never fewer than :data:`MIN_GROUPS`."""
    workers = workers or 1
    per_worker = min(GROUPS_PER_WORKER, max(1, batches // (SMALLEST_GROUP * workers)))
    return max(MIN_GROUPS, per_worker * workers)


def group_batches(
    batches: Sequence[Batch], todo: Sequence[int], parts: int | None = None
) -> list[list[int]]:
    """The batches in ``todo`` grouped to be simulated together: consecutive batches with the
    same structure and replications, up to ``GROUP_EMPLOYEES`` employees in all and, for
    experiments of many batches, no more than one ``parts``-th (default ``MIN_GROUPS``) of
    them: ``parts`` groups whose sizes differ by one at most, where nothing else splits them."""
    base, extra = divmod(len(todo), parts or MIN_GROUPS)
    groups: list[list[int]] = []
    key = employees = None
    for i in todo:
        batch = batches[i]
        size = batch.reps * batch.scenario.organisation.employees
        this = (structure(batch.scenario), batch.reps)
        if (
            groups
            and this == key
            and len(groups[-1]) < max(1, base + (len(groups) <= extra))
            and employees + size <= GROUP_EMPLOYEES
        ):
            groups[-1].append(i)
            employees += size
        else:
            groups.append([i])
            key, employees = this, size
    return groups


def simulate(
    batches: Sequence[Batch],
    series: bool = False,
    on_week: Callable[[int], None] | None = None,
) -> list[tuple[pd.DataFrame, pd.DataFrame | None]]:
    """Batches of one structure and number of replications on a worker, simulated side by side:
    for each, a row per replication (tags, ``rep``, ``seed``, KPIs) and, if asked, their weekly
    series in long form (tags, ``rep``, ``week``, series). ``on_week`` is told each week done."""
    points = run_points(
        [b.scenario for b in batches], [b.seed for b in batches], batches[0].reps, on_week=on_week
    )
    return [_tables(batch, results, series) for batch, results in zip(batches, points, strict=True)]


def _tables(
    batch: Batch, results: list[RunResult], series: bool
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
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
