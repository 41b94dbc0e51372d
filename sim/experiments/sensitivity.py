"""Sensitivity: which factors move each KPI most (SALib) — the eight levers over [0, 1], or every
coefficient over its allowed range (``factors="coefficients"``: a screening of the model's own
numbers, most of which are assumed; ``loslaten coefficients``).

Morris (elementary effects, the default) ranks the factors by ``mu_star``, the mean absolute
effect of moving one factor a step across its range; ``sigma`` large against ``mu_star`` means the
effect depends on the other factors (interactions or non-linearity). Sobol ranks by the total
index ``ST`` (share of the KPI's variance due to the factor, interactions included). Every sample
point is one batch with the same seed (common random numbers), so effects are not swamped by
run-to-run noise.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.coefficients import listing
from sim.experiments.batches import as_scenario, common_batch
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import Progress, run_batches
from sim.experiments.executors import Execution
from sim.kpis import KPI_NAMES
from sim.scenario import Levers, Scenario

LEVERS = tuple(Levers.model_fields)
FACTORS = ("levers", "coefficients")
METHODS = {"morris": ("mu_star", 30), "sobol": ("ST", 64)}  # ranking index, default samples
LEVELS = 4


def factor_ranges(scenario: Scenario, factors: str) -> dict[str, tuple[float, float]]:
    """The factors screened, by dotted path, with the range each is varied over: the levers over
    [0, 1], or every coefficient that is not fixed over its allowed range."""
    if factors == "levers":
        return {f"levers.{lever}": (0.0, 1.0) for lever in LEVERS}
    if factors == "coefficients":
        return {
            row["name"]: (float(row["min"]), float(row["max"]))
            for row in listing(scenario.coefficients)
            if row["max"] > row["min"]
        }
    raise ExperimentError(f"factors {factors!r} are not known; choose {' or '.join(FACTORS)}")


def sensitivity(
    scenario: str | Path | Scenario,
    *,
    factors: str = "levers",
    method: str = "morris",
    samples: int | None = None,
    reps: int = 1,
    seed: int = 1,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
) -> pd.DataFrame:
    """Influence of each factor on each KPI: the levers over [0, 1] (``factors="levers"``) or
    the coefficients over their ranges (``"coefficients"``).

    ``samples`` is the number of Morris trajectories (default 30: 270 points for the levers) or
    the Sobol base sample (a power of 2, default 64: 640 points); each point is run ``reps``
    times. Columns ``factor`` (a dotted path), ``kpi``, the method's indices (Morris: ``mu,
    mu_star, mu_star_conf, sigma``; Sobol: ``S1, S1_conf, ST, ST_conf``) and ``rank`` (1 = most
    influential for that KPI).
    """
    if method not in METHODS:
        raise ExperimentError(f"method {method!r} is not known; choose morris or sobol")
    index, default = METHODS[method]
    samples = default if samples is None else samples
    if not isinstance(samples, int) or samples < 2:
        raise ExperimentError(f"samples {samples!r} is not allowed; use a whole number ≥ 2")
    if method == "sobol" and samples & (samples - 1):
        raise ExperimentError(f"samples {samples} is not allowed for sobol; use a power of 2")
    scenario = as_scenario(scenario)
    ranges = factor_ranges(scenario, factors)
    names = list(ranges)
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    problem = {"num_vars": len(names), "names": names, "bounds": [list(r) for r in ranges.values()]}
    if method == "morris":
        points = morris_sample.sample(problem, samples, num_levels=LEVELS, seed=seed)
    else:
        points = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    kinds = {name: type(_value(scenario, name)) for name in names}
    batches = []
    for i, x in enumerate(points):
        at = scenario.with_overrides(
            **{
                k: kinds[k](round(v) if kinds[k] is int else v)
                for k, v in zip(names, x, strict=True)
            }
        )
        batches.append(common_batch(at, reps, seed, {"point": i}))
    table, _ = run_batches(batches, {"kind": "sensitivity"}, executor=executor, progress=progress)
    outcomes = table.groupby("point", sort=True)[list(KPI_NAMES)].mean()
    frames = []
    for kpi in KPI_NAMES:
        y = outcomes[kpi].to_numpy()
        indices = _analyse(method, problem, points, y, seed)
        frame = pd.DataFrame({"factor": names, "kpi": kpi, **indices})
        frame["rank"] = frame[index].rank(ascending=False, method="min").astype("Int64")
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _analyse(
    method: str, problem: dict, points: np.ndarray, y: np.ndarray, seed: int
) -> dict[str, np.ndarray]:
    if not np.all(np.isfinite(y)):  # a KPI undefined somewhere (e.g. nobody engaged)
        names = (
            ("mu", "mu_star", "mu_star_conf", "sigma")
            if method == "morris"
            else ("S1", "S1_conf", "ST", "ST_conf")
        )
        return {name: np.full(problem["num_vars"], np.nan) for name in names}
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a KPI that does not vary at all
        if method == "morris":
            r = morris_analyze.analyze(problem, points, y, num_levels=LEVELS, seed=seed)
            return {k: np.asarray(r[k], float) for k in ("mu", "mu_star", "mu_star_conf", "sigma")}
        r = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed)
        return {k: np.asarray(r[k], float) for k in ("S1", "S1_conf", "ST", "ST_conf")}


def _value(scenario: Scenario, path: str) -> float | int:
    value = scenario
    for part in path.split("."):
        value = getattr(value, part)
    return value
