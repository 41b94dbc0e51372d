"""Calibration to a client: fit the well-being intercepts so a scenario reproduces their figures.

Free parameters. ``coefficients.wellbeing.energy_baseline`` and ``…pleasure_baseline`` are the
intercepts of the energy and pleasure targets (job demands–resources): they shift where the
workforce sits on the well-being plane without touching any lever or mechanism, so they are what
differs between two organisations that run the same way but report different burnout and
engagement. When ``engaged_productivity_ratio`` is a target, ``coefficients.effort.energy_gain``
(how much vigour drives effort) is fitted too. This is also what ``scripts/calibrate_baseline.py``
fits for the baseline. The levers stay as the scenario says: they are the client's situation.

Method. Gauss–Newton on the scaled misses (rates on their own scale, other KPIs relative to the
target): each step measures the candidate and, a small step away in each free parameter, its
neighbours — all in one experiment, simulated side by side, since they differ only in numbers —
estimates from them how the KPIs move, and steps to where the misses would vanish (a least-squares
step, within the parameters' bounds). Every candidate is one batch with the same seed (common
random numbers), so neighbours differ by the parameters rather than by chance. The best candidate
measured wins. ``achieved`` is measured on the replications the fit used, and so is optimistic:
the fit also follows those runs' noise. ``holdout`` repeats the measurement on a fresh batch of
``HOLDOUT_REPS`` replications (seeded from stream ``HOLDOUT_STREAM``), the honest check of the
calibrated scenario.

How many replications. The fitted parameters follow the noise of the fit's sample: fitted on 5
replications, fresh ones missed a target by up to 2.8 points. :data:`REPS` replications, simulated
side by side as one batch per candidate, put 20 fresh ones within 1.5 points of each target
(measured in ``docs/experiments.md``).
Uncertainty. ``standard_errors`` are the parameters' standard errors by the delta method: the
covariance of the fit's mean misses over its replications, carried to the parameters through the
local slopes of the last step (how far the parameters would move had the fit drawn other
replications).

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
from tqdm import tqdm

from sim.experiments.batches import Batch, as_scenario, batch_seed, checked_reps, common_batch
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import Progress, execute
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
STEPS = 8  # Gauss–Newton steps at most
NEIGHBOUR = 0.05  # distance of the neighbours in each free parameter at most …
NEAREST = 0.01  # … and at least (they are as far as the last step was long)
CLOSE_ENOUGH = 0.25  # stop once every miss is within this share of the tolerance
HOLDOUT_STREAM = 1  # the fit's batches use stream 0 (common random numbers)
REPS = 40  # replications fitted (default)
HOLDOUT_REPS = 20  # fresh replications of the check (default)


@dataclass
class CalibrationResult:
    """A calibrated scenario, the fit report, the fitted parameters and their standard errors."""

    scenario: Scenario
    report: pd.DataFrame
    parameters: dict[str, float]
    standard_errors: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        """The fit report as a JSON-ready document."""
        return {
            "scenario": self.scenario.name,
            "parameters": self.parameters,
            "standard_errors": self.standard_errors,
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
    reps: int = REPS,
    seed: int = 1,
    tolerance: float = TOLERANCE,
    holdout: int = HOLDOUT_REPS,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
) -> CalibrationResult:
    """Fit the free parameters so the scenario's mean KPIs hit ``targets``.

    The report has ``kpi, target, achieved, ci_low, ci_high`` on the replications fitted and
    ``holdout, holdout_low, holdout_high`` on ``holdout`` fresh ones.

    Refuses (``ExperimentError``) targets that are impossible or that the best fit misses by
    more than ``tolerance`` (absolute for rates, relative to the target for other KPIs).
    """
    scenario = as_scenario(scenario)
    targets = check_targets(targets)
    holdout = checked_reps(holdout)
    free = free_parameters(targets)
    scale = scales(targets)
    goal = np.array(list(targets.values()))
    low, high = (
        np.array([np.nan if b is None else b for b in side], dtype=float)
        for side in zip(*(field_bounds(field_at(tuple(k.split(".")))) for k in free), strict=True)
    )
    low, high = np.nan_to_num(low, nan=-np.inf), np.nan_to_num(high, nan=np.inf)
    measured: dict[tuple, pd.DataFrame] = {}
    slopes_at: dict[tuple, np.ndarray] = {}  # the local slopes measured around a candidate
    most = (STEPS + 1) * (len(free) + 1) * reps + holdout  # runs at most, the holdout included

    def runs_done() -> int:
        return len(measured) * reps

    def tell(done: float, _total: int) -> None:
        progress(runs_done() + done, most)

    with (
        open_executor(executor) as ex,
        tqdm(desc="calibrate", unit="candidate", disable=progress is not True) as bar,
    ):

        def measure(candidates: list[np.ndarray]) -> list[pd.DataFrame]:
            """The runs at each candidate; new ones simulated together as one experiment."""
            keys = [tuple(np.round(x, 12)) for x in candidates]
            new = list(dict.fromkeys(k for k in keys if k not in measured))
            if new:
                batches = [
                    common_batch(scenario.with_overrides(**_params(free, np.array(k))), reps, seed)
                    for k in new
                ]
                table, _ = execute(batches, ex, progress=tell if callable(progress) else False)
                for i, k in enumerate(new):
                    measured[k] = table.iloc[i * reps : (i + 1) * reps]
                bar.update(len(new))
            return [measured[k] for k in keys]

        def misses(runs: pd.DataFrame) -> np.ndarray:
            return (np.array([runs[k].mean() for k in targets]) - goal) / scale

        def around(x: np.ndarray, apart: float) -> tuple[np.ndarray, np.ndarray]:
            """The misses at ``x`` and how they change per unit of each free parameter."""
            nudges = [np.where(x + apart <= high, apart, -apart) * e for e in np.eye(len(free))]
            centre, *neighbours = measure([x] + [x + n for n in nudges])
            miss = misses(centre)
            slopes = [(misses(r) - miss) / n.sum() for r, n in zip(neighbours, nudges, strict=True)]
            slopes_at[tuple(np.round(x, 12))] = np.column_stack(slopes)
            return miss, slopes_at[tuple(np.round(x, 12))]

        x = np.clip([value_of(scenario, key) for key in free], low, high)
        reach = NEIGHBOUR  # the largest step in any parameter (a trust region)
        miss, slopes = around(x, reach)
        for _ in range(STEPS):
            if np.abs(miss).max() <= CLOSE_ENOUGH * tolerance or reach < 1e-4:
                break
            move = np.linalg.lstsq(slopes, -miss, rcond=None)[0]
            move *= min(1.0, reach / max(np.abs(move).max(), 1e-12))
            moved = np.clip(x + move, low, high)
            length = np.abs(moved - x).max()
            if length < 1e-4:
                break
            new_miss, new_slopes = around(moved, float(np.clip(length, NEAREST, NEIGHBOUR)))
            if np.sum(new_miss**2) < np.sum(miss**2):  # better: go there, and dare further
                x, miss, slopes = moved, new_miss, new_slopes
                reach = min(2 * length, 4 * NEIGHBOUR)
            else:  # worse: stay, and try a shorter step
                reach = length / 2
        key = min(measured, key=lambda k: float(np.sum(misses(measured[k]) ** 2)))
        best, fit = measured[key], np.array(key)
        fitted = scenario.with_overrides(**_params(free, fit))
        fresh = Batch(fitted, holdout, batch_seed(seed, HOLDOUT_STREAM))
        holdout, _ = execute([fresh], ex)
    if callable(progress):
        progress(most, most)
    parameters = _params(free, fit)
    spread = standard_errors(
        (best[list(targets)].to_numpy() - goal) / scale, slopes_at.get(key, slopes)
    )
    report = pd.DataFrame(
        [
            (k, t, *interval(best[k].to_numpy()), *interval(holdout[k].to_numpy()))
            for k, t in targets.items()
        ],
        columns=["kpi", "target", "achieved", "ci_low", "ci_high", *HOLDOUT],
    )
    scale_of = dict(zip(targets, scale, strict=True))
    missed = report[(report.achieved - report.target).abs() / report.kpi.map(scale_of) > tolerance]
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
    return CalibrationResult(calibrated, report, parameters, _params(free, spread))


def scales(targets: dict[str, float]) -> np.ndarray:
    """What a miss of each target is measured in: rates on their own scale, other KPIs relative
    to the target."""
    return np.array([1.0 if k in FRACTIONS else max(abs(t), 1e-9) for k, t in targets.items()])


def standard_errors(misses: np.ndarray, slopes: np.ndarray) -> np.ndarray:
    """The fitted parameters' standard errors (delta method): ``misses`` a row per replication
    fitted (the scaled misses of each target), ``slopes`` how the mean misses change per unit of
    each parameter. NaN with a single replication."""
    if len(misses) < 2:
        return np.full(slopes.shape[1], np.nan)
    covariance = np.atleast_2d(np.cov(misses, rowvar=False)) / len(misses)
    inverse = np.linalg.pinv(slopes)
    return np.sqrt(np.clip(np.diag(inverse @ covariance @ inverse.T), 0, None))


def write_result(result: CalibrationResult, path: str | Path, **about: Any) -> Path:
    """Write the calibrated scenario to ``path`` (YAML) and the fit report beside it (JSON)."""
    path = Path(path)
    make_folder(path.parent)
    path.write_text(result.scenario.to_yaml(), encoding="utf-8")
    report = path.with_suffix(".fit.json")
    report.write_text(json.dumps({**result.to_dict(), **about}, indent=2) + "\n")
    return report


def value_of(scenario: Scenario, key: str) -> float:
    """The number at a dotted field path (``coefficients.wellbeing.energy_baseline``)."""
    value: Any = scenario
    for part in key.split("."):
        value = getattr(value, part)
    return float(value)


def _params(free: tuple[str, ...], x: np.ndarray) -> dict[str, float]:
    return {key: float(v) for key, v in zip(free, x, strict=True)}
