"""Calibration to a client: fit the well-being intercepts so a scenario reproduces their figures.

Free parameters. ``coefficients.wellbeing.energy_baseline`` and ``…pleasure_baseline`` are the
intercepts of the energy and pleasure targets (job demands–resources): they shift where the
workforce sits on the well-being plane without touching any lever or mechanism, so they are what
differs between two organisations that run the same way but report different burnout and
engagement. When ``engaged_productivity_ratio`` is a target, ``coefficients.effort.energy_gain``
(how much vigour drives effort) is fitted too. This is also what ``scripts/calibrate_baseline.py``
fits for the baseline. The levers stay as the scenario says: they are the client's situation.

Method. Nelder–Mead on the squared, scaled distance to the targets (rates on their own scale,
other KPIs relative to the target), every candidate run with the same seeds (common random
numbers: every candidate is one batch with the same seed). ``achieved`` is measured on the
replications the fit used, and so is optimistic: the fit also follows those runs' noise.
``holdout`` repeats the measurement on a fresh batch of as many replications (seeded from stream
``HOLDOUT_STREAM``), the honest check of the calibrated scenario.

A target set that is impossible (unknown KPI, a rate outside [0, 1], quadrant shares adding up to
more than 1) or that the best fit still misses by more than the tolerance is refused with an
explanation.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from tqdm import tqdm

from sim.experiments.batches import Batch, as_scenario, batch_seed, common_batch
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import execute
from sim.experiments.executors import Execution, open_executor
from sim.experiments.store import make_folder
from sim.experiments.summaries import interval, kpi_check
from sim.scenario import Scenario, field_at, field_bounds

INTERCEPTS = ("coefficients.wellbeing.energy_baseline", "coefficients.wellbeing.pleasure_baseline")
EFFORT_GAIN = "coefficients.effort.energy_gain"
QUADRANTS = ("burnout_rate", "engagement_rate", "workaholism_rate", "satisfaction_rate")
FRACTIONS = (
    *QUADRANTS,
    "absence_rate",
    "coaching_share",
    "trust",
    "misconduct_loss",
    "adaptation_error",
)
HOLDOUT = ("holdout", "holdout_low", "holdout_high")
TOLERANCE = 0.01
STEP = 0.1  # first simplex step in each free parameter
EVALUATIONS_PER_PARAMETER = 40
HOLDOUT_STREAM = 1  # the fit's batches use stream 0 (common random numbers)


@dataclass
class CalibrationResult:
    """A calibrated scenario, the fit report and the fitted parameters."""

    scenario: Scenario
    report: pd.DataFrame
    parameters: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        """The fit report as a JSON-ready document."""
        return {
            "scenario": self.scenario.name,
            "parameters": self.parameters,
            "targets": {
                r.kpi: {
                    "target": r.target,
                    "achieved": r.achieved,
                    "ci95": [r.ci_low, r.ci_high],
                    "holdout": r.holdout,
                    "holdout_ci95": [r.holdout_low, r.holdout_high],
                }
                for r in self.report.itertuples()
            },
        }


def free_parameters(targets: dict[str, float]) -> tuple[str, ...]:
    """The fields fitted for these targets."""
    return (*INTERCEPTS, EFFORT_GAIN) if "engaged_productivity_ratio" in targets else INTERCEPTS


def check_targets(targets: dict[str, float]) -> dict[str, float]:
    """Targets that a calibration can aim at, else an error saying why not."""
    if not targets:
        raise ExperimentError("no targets; give at least one, e.g. burnout_rate=0.18")
    kpi_check(targets)
    out = {}
    for kpi, value in targets.items():
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ExperimentError(f"target {kpi}={value!r} is not a number") from None
        if not math.isfinite(value):
            raise ExperimentError(f"target {kpi}={value} is not a finite number")
        if kpi in FRACTIONS and not 0 <= value <= 1:
            raise ExperimentError(f"target {kpi}={value:g} is not allowed; a rate is in [0, 1]")
        out[kpi] = value
    shares = {k: v for k, v in out.items() if k in QUADRANTS}
    if sum(shares.values()) > 1 + 1e-9:
        listed = " + ".join(f"{k} {v:g}" for k, v in shares.items())
        raise ExperimentError(
            f"targets {listed} = {sum(shares.values()):g} exceed 1; the four quadrant shares "
            "(burnout, engagement, workaholism, satisfaction) add up to 1"
        )
    if len(shares) == len(QUADRANTS) and abs(sum(shares.values()) - 1) > 1e-6:
        raise ExperimentError("targets for all four quadrant shares must add up to 1")
    return out


def calibrate(
    scenario: str | Path | Scenario,
    targets: dict[str, float],
    *,
    reps: int = 5,
    seed: int = 1,
    tolerance: float = TOLERANCE,
    executor: str | Execution | Any = "serial",
    progress: bool = False,
) -> CalibrationResult:
    """Fit the free parameters so the scenario's mean KPIs hit ``targets``.

    The report has ``kpi, target, achieved, ci_low, ci_high`` on the replications fitted and
    ``holdout, holdout_low, holdout_high`` on as many fresh ones.

    Refuses (``ExperimentError``) targets that are impossible or that the best fit misses by
    more than ``tolerance`` (absolute for rates, relative to the target for other KPIs).
    """
    scenario = as_scenario(scenario)
    targets = check_targets(targets)
    free = free_parameters(targets)
    scale = {k: 1.0 if k in FRACTIONS else max(abs(t), 1e-9) for k, t in targets.items()}
    bounds = [field_bounds(field_at(tuple(key.split(".")))) for key in free]
    start = np.array([_get(scenario, key) for key in free])
    cache: dict[tuple, pd.DataFrame] = {}

    with (
        open_executor(executor) as ex,
        tqdm(desc="calibrate", unit="candidate", disable=not progress) as bar,
    ):

        def runs_at(x: np.ndarray) -> pd.DataFrame:
            key = tuple(np.round(x, 12))
            if key not in cache:
                candidate = scenario.with_overrides(**_params(free, x))
                cache[key], _ = execute([common_batch(candidate, reps, seed)], ex)
                bar.update()
            return cache[key]

        def loss(x: np.ndarray) -> float:
            table = runs_at(x)
            return sum(((table[k].mean() - t) / scale[k]) ** 2 for k, t in targets.items())

        simplex = [start] + [
            np.clip(start + STEP * np.eye(len(free))[i], *zip(*bounds, strict=True))
            for i in range(len(free))
        ]
        fit = minimize(
            loss,
            start,
            method="Nelder-Mead",
            bounds=bounds,
            options={
                "initial_simplex": np.array(simplex),
                "xatol": 1e-3,
                "fatol": (tolerance / 10) ** 2,
                "maxfev": EVALUATIONS_PER_PARAMETER * len(free),
            },
        )
        best = runs_at(fit.x)
        fitted = scenario.with_overrides(**_params(free, fit.x))
        fresh = Batch(fitted, reps, batch_seed(seed, HOLDOUT_STREAM))
        holdout, _ = execute([fresh], ex)
    parameters = _params(free, fit.x)
    report = pd.DataFrame(
        [
            (k, t, *interval(best[k].to_numpy()), *interval(holdout[k].to_numpy()))
            for k, t in targets.items()
        ],
        columns=["kpi", "target", "achieved", "ci_low", "ci_high", *HOLDOUT],
    )
    missed = report[(report.achieved - report.target).abs() / report.kpi.map(scale) > tolerance]
    if len(missed):
        raise ExperimentError(
            "cannot reach the targets: the best fit of "
            + ", ".join(f"{k}={v:.4g}" for k, v in parameters.items())
            + " gives "
            + ", ".join(
                f"{r.kpi} {r.achieved:.3f} (target {r.target:g})" for r in missed.itertuples()
            )
            + f", off by more than the tolerance {tolerance:g}. Only {', '.join(free)} are fitted; "
            "the levers and the rest of the scenario decide what else is possible"
        )
    described = ", ".join(f"{k}={v:g}" for k, v in targets.items())
    calibrated = scenario.with_overrides(
        **parameters,
        name=f"{scenario.name}-calibrated",
        description=f"{scenario.description} Calibrated to {described}.".strip(),
    )
    return CalibrationResult(calibrated, report, parameters)


def write_result(result: CalibrationResult, path: str | Path, **about: Any) -> Path:
    """Write the calibrated scenario to ``path`` (YAML) and the fit report beside it (JSON)."""
    path = Path(path)
    make_folder(path.parent)
    path.write_text(result.scenario.to_yaml(), encoding="utf-8")
    report = path.with_suffix(".fit.json")
    report.write_text(json.dumps({**result.to_dict(), **about}, indent=2) + "\n")
    return report


def _get(scenario: Scenario, key: str) -> float:
    value = scenario
    for part in key.split("."):
        value = getattr(value, part)
    return float(value)


def _params(free: tuple[str, ...], x: np.ndarray) -> dict[str, float]:
    return {key: float(v) for key, v in zip(free, x, strict=True)}
