"""A client's ensemble: every plausible model shifted to the client's figures (issue 23, item 5).

``calibrate`` fits the scenario's free parameters (the well-being intercepts, and the effort gain
for an ``engaged_productivity_ratio`` target) to a client's figures. A comparison for that client
runs over the plausible models, but each member has its own intercepts, fitted to the *public*
figures: run as they are, the members describe other organisations. :func:`calibrate_ensemble`
moves each member's free parameters so that the member, too, meets the client's figures; every
other coefficient keeps the member's value, so the ensemble still spans what the evidence leaves
open about the mechanisms.

Method. Each member starts where the client's fit moved the scenario (its own values plus the
fit's shift, ``start``) and takes Newton steps on its own misses: every member is measured at its
candidate; a member off a target by more than a quarter of the tolerance is measured a small step
away in each free parameter too and moves to where its misses would vanish (least squares, within
the parameters' bounds and at most :data:`REACH` per step). All members' candidates, and then all
their neighbours, are simulated side by side as one experiment; each member's batches use the
same seed (common random numbers), so its slopes are differences of parameters, not of chance.
The last measurement at the moved values says how close each member came; a member still off a
target by more than the tolerance plus twice its standard error cannot be this client's model and
is left out (the file's provenance counts them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from pandas.core.groupby import DataFrameGroupBy

from sim.ensemble.members import Ensemble, load_ensemble
from sim.ensemble.priors import Scale
from sim.experiments.batches import as_scenario, common_batch
from sim.experiments.calibrate import (
    CLOSE_ENOUGH,
    NEIGHBOUR,
    TOLERANCE,
    check_targets,
    free_parameters,
    scales,
    value_of,
)
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import Progress, execute
from sim.experiments.executors import Execution, open_executor
from sim.scenario import Scenario, field_at, field_bounds

REPS = 10
"""Replications per member and candidate."""
STEPS = 2
"""Newton steps per member at most (fewer once every member meets the targets)."""
REACH = 0.25
"""The largest move of a free parameter in one step (a trust region)."""
UNIT_NEIGHBOUR = 0.02
UNIT_REACH = 0.1
"""The same two, as shares of a parameter's declared range (on its :class:`Scale`)."""


def calibrate_ensemble(
    scenario: str | Path | Scenario,
    targets: dict[str, float],
    ensemble: int | Ensemble | None = None,
    *,
    start: dict[str, float] | None = None,
    reps: int = REPS,
    seed: int = 1,
    steps: int = STEPS,
    tolerance: float = TOLERANCE,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
) -> Ensemble:
    """The plausible models (``ensemble``: the first N members of the shipped ensemble, an
    Ensemble, or None for all shipped members) with their free parameters fitted to ``targets``
    in ``scenario``.

    ``start``: the free parameters of the scenario's own calibration (``.parameters`` of
    :func:`~sim.experiments.calibrate.calibrate`); each member starts shifted as far from its own
    values as that fit moved the scenario. The result's provenance holds the client's targets
    and, per target, the members' achieved 10th, 50th and 90th percentiles.
    """
    scenario = as_scenario(scenario)
    targets = check_targets(targets)
    source = ensemble if isinstance(ensemble, Ensemble) else load_ensemble().first(ensemble)
    free = free_parameters(targets)
    names = source.names + tuple(n for n in free if n not in source.names)
    priors = dict(source.priors)
    values = np.column_stack(
        [source.values]
        + [np.full(len(source), value_of(scenario, n)) for n in names[len(source.names) :]]
    )
    for name in free:
        priors.setdefault(name, _bounds(name))
    columns = [names.index(n) for n in free]
    low = np.array([priors[n][0] for n in free])
    high = np.array([priors[n][1] for n in free])
    shift = np.array(
        [(start or {}).get(n, value_of(scenario, n)) - value_of(scenario, n) for n in free]
    )
    x = np.clip(values[:, columns] + shift, low, high)  # members × free parameters
    x, kept, means = fit_free(
        scenario, targets, names, values, x, reps=reps, seed=seed, steps=steps,
        tolerance=tolerance, executor=executor, progress=progress,
    )  # fmt: skip
    members = len(values)
    if not kept.any():
        raise ExperimentError(
            f"none of the {members} plausible models reaches the targets "
            + ", ".join(f"{k}={v:g}" for k, v in targets.items())
            + f" within the tolerance {tolerance:g} by moving {', '.join(free)}"
        )
    values[:, columns] = x
    client = {
        "scenario": scenario.name,
        "targets": targets,
        "free": list(free),
        "reps": reps,
        "seed": seed,
        "tolerance": tolerance,
        "members_in": members,
        "members_kept": int(kept.sum()),
        "achieved": {
            k: [float(q) for q in np.percentile(means[kept, i], [10, 50, 90])]
            for i, k in enumerate(targets)
        },
    }
    return Ensemble(
        names,
        values[kept],
        priors,
        source.targets,
        f"{source.method}; each member's {', '.join(free)} fitted to a client's figures",
        {**source.provenance, "client": client},
    )


def fit_free(
    scenario: Scenario,
    targets: dict[str, float],
    names: tuple[str, ...],
    values: np.ndarray,
    x: np.ndarray,
    *,
    reps: int = REPS,
    seed: int = 1,
    steps: int = STEPS,
    tolerance: float = TOLERANCE,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
    free: tuple[str, ...] | None = None,
    scale: Scale | None = None,
    slopes_once: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Newton steps on each member's free parameters (``free``, default those ``calibrate``
    fits for ``targets``; ``x``, members × free parameters, from where they start) towards
    ``targets``, all members side by side; the members' other coefficients are ``values``
    (members × ``names``). With ``scale`` (the free parameters' :class:`Scale`) the steps are
    taken in its unit cube, so hazards move on a log scale. ``slopes_once``: each member's slopes
    are measured at its first step only and kept (the chord method: later steps cost one batch
    a member instead of one per free parameter more). Returns the moved free parameters,
    which members reach the targets (within ``tolerance`` plus twice their standard error) and
    their mean KPIs at the end (members × targets)."""
    free = free or free_parameters(targets)
    if scale is None:
        low = np.array([_bounds(n)[0] for n in free])
        high = np.array([_bounds(n)[1] for n in free])
        to_values, neighbour, reach = (lambda u: u), NEIGHBOUR, REACH
        x = np.array(x, dtype=float)
    else:
        low, high = np.zeros(len(free)), np.ones(len(free))
        to_values, neighbour, reach = scale.values, UNIT_NEIGHBOUR, UNIT_REACH
        x = scale.unit(np.array(x, dtype=float))
    goal, scale = np.array(list(targets.values())), scales(targets)
    members = len(values)

    def measure(pairs: list[tuple[int, np.ndarray]]) -> DataFrameGroupBy:
        """The runs of each (member, free parameters) pair, simulated side by side."""
        batches = []
        for i, (m, point) in enumerate(pairs):
            setting = dict(zip(names, map(float, values[m]), strict=True))
            setting.update(zip(free, map(float, to_values(point)), strict=True))
            batches.append(
                common_batch(scenario.with_overrides(**setting), reps, seed, {"pair": i})
            )
        table, _ = execute(batches, ex, progress=progress)
        return table.groupby("pair", sort=True)[list(targets)]

    def misses(runs: DataFrameGroupBy) -> np.ndarray:
        """The scaled misses of the mean KPIs, a row per pair measured."""
        return (runs.mean().to_numpy() - goal) / scale

    everyone = range(members)
    final = None
    known: dict[int, np.ndarray] = {}  # each member's slopes, measured
    with open_executor(executor) as ex:
        for _ in range(steps):
            centres = measure([(m, x[m]) for m in everyone])
            miss = misses(centres)
            off = np.flatnonzero((np.abs(miss) > CLOSE_ENOUGH * tolerance).any(axis=1))
            if not off.size:  # every member there: no more steps
                final = centres
                break
            nudge = np.where(x + neighbour <= high, neighbour, -neighbour)  # members × free
            unit = np.eye(len(free))
            new = [m for m in off if not (slopes_once and m in known)]
            pairs = [(m, x[m] + nudge[m] * e) for m in new for e in unit]
            around = misses(measure(pairs)) if pairs else None
            for i, m in enumerate(new):
                near = around[i * len(free) : (i + 1) * len(free)]
                known[m] = ((near - miss[m]) / nudge[m][:, None]).T  # targets × free parameters
            for m in off:  # a Newton step for each member still off a target
                move = np.linalg.lstsq(known[m], -miss[m], rcond=None)[0]
                move *= min(1.0, reach / max(np.abs(move).max(), 1e-12))
                x[m] = np.clip(x[m] + move, low, high)
        if final is None:
            final = measure([(m, x[m]) for m in everyone])
    means = final.mean().to_numpy()
    errors = final.sem(ddof=1).fillna(0).to_numpy()
    off = np.abs(means - goal) / scale - 2 * errors / scale
    return to_values(x), (off <= tolerance).all(axis=1), means


def _bounds(name: str) -> tuple[float, float]:
    low, high = field_bounds(field_at(tuple(name.split("."))))
    return (-np.inf if low is None else float(low), np.inf if high is None else float(high))
