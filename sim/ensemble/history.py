"""Fitting the plausible models by history matching with Gaussian-process emulators.

History matching (Craig et al. 1997; Vernon, Goldstein & Bower 2010; Andrianakis et al. 2015 for
an epidemiological agent-based model) does not look for *the* best setting: it rules out the
settings whose outputs cannot match the evidence, in waves. Each wave

1. simulates a design of settings (wave 1: a Latin hypercube over the priors, SciPy's ``qmc``):
   each is first calibrated to the public figures (:data:`ANCHORS`, by moving the coefficients
   ``make calibrate`` fits, :data:`PROFILED`), then every target (:data:`TARGETS`) is measured
   over common random numbers;
2. fits one emulator per target (scikit-learn's Gaussian process, an anisotropic RBF kernel with
   a white-noise term for the dice) on every setting simulated so far;
3. rules out, among many candidate settings, those whose *implausibility* — how far the
   emulator's prediction lies outside the target's registered range, in units of its own and the
   simulation's uncertainty — exceeds :data:`CUTOFF` for any target; the next wave's design is
   drawn from those not ruled out (prior draws and jitters of the settings kept so far).

The members are the simulated settings that no target rules out: each target's mean over the
replications lies within its registered range, or less than :data:`CUTOFF` standard errors of
that mean outside it (what this many replications cannot tell apart from a match), in random
order; the provenance counts those that meet every target outright, as ``loslaten patterns``
counts a pattern met.
Why history matching rather than ABC-SMC: with 32 drawn dimensions and 32 targets, each setting
costs some 150–250 runs of 200 employees (its calibration and its targets); emulators let a few
hundred settings rule out most of the space, where ABC would need tens of thousands; and its
answer, "not ruled out by this evidence", is what the product shows.

Everything is seeded and saved as it goes (a design per wave, results per chunk of settings), so
a killed fit resumes where it stopped and the same arguments give the same ensemble, on any
executor (:mod:`sim.experiments.executors`: serial, process, or an existing Dask cluster).
"""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import stdtrit

from sim.ensemble.client import fit_free
from sim.ensemble.members import Ensemble, load_ensemble
from sim.ensemble.priors import Scale
from sim.ensemble.priors import priors as default_priors
from sim.experiments.calibrate import value_of
from sim.experiments.errors import ExperimentError
from sim.experiments.store import code_version
from sim.patterns import PATTERNS, Pattern, evaluate_models
from sim.scenario import load_scenario

TARGETS: tuple[Pattern, ...] = tuple(
    p
    for p in PATTERNS
    if p.kind == "validation"
    or (p.kind == "calibration" and p.group == "calibration")
    or (p.kind != "gap" and p.group == "ranges")
)
"""What the members are held against: the public figures the baseline is calibrated on, every
validation pattern (a published finding with its registered target) and the spread of real
organisations (burnout, engagement, productivity, absence and turnover of the best and worst
organisations within their sourced bounds: ``docs/model.md`` §11 found that independent draws
over the declared ranges make organisations far more different from each other than real ones
are). Patterns set by moving coefficients by hand (control pays, decentral wins when turbulent,
peers keep each other honest) are left out, so that the ensemble says whether they hold rather
than assuming it; gaps are known failures, not evidence."""
ANCHORS = {
    "burnout_rate": 0.14,
    "engagement_rate": 0.20,
    "engaged_productivity_ratio": 1.17,
    "absence_rate": 0.047,
    "burnout_absence_ratio": 5.0,
    "turnover_rate": 0.12,
}
"""The public figures every setting is calibrated to before it is measured, as ``make
calibrate`` calibrates the model's own values (``scripts/calibrate_baseline.py``; its seventh
figure, the share of absence on burnout leave, is not a KPI and stays a target only)."""
PROFILED = (
    "coefficients.wellbeing.energy_baseline",
    "coefficients.wellbeing.pleasure_baseline",
    "coefficients.effort.energy_gain",
    "coefficients.workforce.short_absence_hazard",
    "coefficients.workforce.burnout_leave_hazard",
    "coefficients.workforce.turnover_hazard",
)
"""The fitted coefficients: in every setting they are fitted to :data:`ANCHORS` (the chord method
on their scale, all settings side by side); a setting whose calibration stays further off than
:data:`PROFILE_TOLERANCE` (plus twice its standard error) is ruled out without being measured
further."""
PROFILE_TOLERANCE = 0.05
CUTOFF = 3.0
"""Implausibility above which a setting is ruled out (Pukelsheim's three-sigma rule)."""
EMULATOR_ITERATIONS = 100
"""Steps of the emulators' hyperparameter fit (:func:`_bounded_lbfgs`)."""
CHUNK = 16
"""Settings simulated and saved together (the unit a killed fit resumes from)."""
METHOD = (
    "history matching with Gaussian-process emulators (scikit-learn), Latin-hypercube designs "
    "(SciPy qmc), implausibility cut-off {cutoff:g}; in every setting the six fitted coefficients "
    "calibrated to the public figures as make calibrate does; members: simulated settings no "
    "target rules out ({reps} replications, common random numbers)"
)


@dataclass(frozen=True)
class FitSettings:
    """How a fit is run: settings simulated per wave, replications, seed and cut-off."""

    points: tuple[int, ...] = (128, 128, 128, 192)
    reps: int = 3
    seed: int = 1
    cutoff: float = CUTOFF
    candidates: int = 10_000
    profile_reps: int = 4  # replications of each calibration step
    profile_steps: int = 6
    fixed: tuple[tuple[str, Any], ...] = ()  # overrides every setting shares (small tests)
    start: str | None = None  # an earlier ensemble's file: its members join wave 1


class Emulators:
    """One Gaussian process per target, fitted on the settings simulated so far."""

    def __init__(self, unit: np.ndarray, values: np.ndarray, seed: int) -> None:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.gaussian_process import GaussianProcessRegressor
        from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

        dims = unit.shape[1]
        self.models = []
        for j in range(values.shape[1]):
            kernel = ConstantKernel(1.0, (1e-3, 1e3)) * RBF(
                np.full(dims, 0.7), (0.05, 100.0)
            ) + WhiteKernel(0.1, (1e-6, 1.0))
            gp = GaussianProcessRegressor(
                kernel, normalize_y=True, optimizer=_bounded_lbfgs, random_state=seed
            )
            ok = np.isfinite(values[:, j])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                gp.fit(unit[ok], values[ok, j])
            self.models.append(gp)

    def predict(self, unit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean and standard deviation per candidate and target (the noise term left out)."""
        means, sds = [], []
        for gp in self.models:
            mean, sd = gp.predict(unit, return_std=True)
            noise = gp.kernel_.k2.noise_level * gp._y_train_std**2
            means.append(mean)
            sds.append(np.sqrt(np.maximum(sd**2 - noise, 0)))
        return np.column_stack(means), np.column_stack(sds)


def _bounded_lbfgs(objective, start, bounds):
    """scikit-learn's own L-BFGS-B fit of the kernel's hyperparameters, stopped after
    :data:`EMULATOR_ITERATIONS` steps: in 40 dimensions the default runs for minutes per target
    with no better predictions (checked on held-out settings of the first wave)."""
    from scipy.optimize import minimize

    result = minimize(
        objective,
        start,
        method="L-BFGS-B",
        jac=True,
        bounds=bounds,
        options={"maxiter": EMULATOR_ITERATIONS},
    )
    return result.x, result.fun


def implausibility(
    mean: np.ndarray, sd: np.ndarray, low: np.ndarray, high: np.ndarray
) -> np.ndarray:
    """How far ``mean`` lies outside [``low``, ``high``] in units of ``sd`` (0 inside)."""
    outside = np.maximum(0, np.maximum(low - mean, mean - high))
    return outside / np.maximum(sd, 1e-12)


def fit(
    folder: str | Path,
    *,
    settings: FitSettings = FitSettings(),
    priors: dict[str, tuple[float, float]] | None = None,
    targets: Sequence[Pattern] = TARGETS,
    anchors: dict[str, float] = ANCHORS,
    executor: Any = "serial",
    tell: Callable[[str], None] = lambda _: None,
    stop: bool = False,
) -> Ensemble:
    """Fit the plausible models in waves, saving every step in ``folder`` (rerun to resume);
    the ensemble of every simulated setting no target rules out. ``stop``: simulate nothing
    more, make the ensemble of the settings simulated so far (a fit cut short)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    priors = priors or default_priors()
    profiled = tuple(n for n in PROFILED if n in priors)
    scale = Scale({n: bounds for n, bounds in priors.items() if n not in profiled})
    calibration = Calibration(anchors, profiled, Scale({n: priors[n] for n in profiled}))
    started = time.perf_counter()
    plan = {
        "settings": asdict(settings),
        "priors": priors,
        "targets": [p.name for p in targets],
        "anchors": anchors,
        "code_version": code_version(),
    }
    earlier = load_ensemble(settings.start) if settings.start else None  # its errors first
    _check_plan(folder / "plan.json", plan)
    started_with = json.loads((folder / "plan.json").read_text())["code_version"]
    low = np.array([p.low for p in targets])
    high = np.array([p.high for p in targets])
    unit = np.empty((0, len(scale.names)))
    values = np.empty((0, len(targets)))
    errors = np.empty((0, len(targets)))
    intercepts = np.empty((0, len(profiled)))
    waves = []
    for wave, points in enumerate(settings.points):
        rng = np.random.default_rng([settings.seed, wave])
        path = folder / f"wave-{wave + 1}.json"
        if path.exists():
            design = np.asarray(json.loads(path.read_text())["design"], dtype=float)
            summary = json.loads(path.read_text())["summary"]
        elif stop:
            break
        elif wave == 0:
            design, summary = _first_design(scale, points, rng, earlier)
        else:
            emulators = Emulators(unit, values, settings.seed)
            design, summary = _next_design(
                emulators, unit, values, low, high, errors, rng, points, settings
            )
        path.write_text(json.dumps({"design": design.tolist(), "summary": summary}))
        tell(f"wave {wave + 1}: {len(design)} settings ({summary})")
        means, ses, fitted = _simulate(
            folder / f"wave-{wave + 1}",
            scale,
            design,
            targets,
            settings,
            calibration,
            executor,
            tell,
            stop,
        )
        design = design[: len(means)]  # cut short: the chunks simulated
        unit, values, errors = (
            np.vstack([unit, design]),
            np.vstack([values, means]),
            np.vstack([errors, ses]),
        )
        intercepts = np.vstack([intercepts, fitted])
        met = _meets(means, low, high)
        plausible = _not_ruled_out(means, ses, low, high, settings.cutoff)
        reached = int(np.isfinite(means).all(axis=1).sum())
        waves.append(
            {
                "wave": wave + 1,
                "settings": len(design),
                "calibrated": reached,
                "met_all": int(met.sum()),
                "kept": int(plausible.sum()),
                **summary,
            }
        )
        tell(
            f"wave {wave + 1}: {int(plausible.sum())} of {len(design)} not ruled out "
            f"({int(met.sum())} meet every target)"
        )
    kept = _not_ruled_out(values, errors, low, high, settings.cutoff)
    order = np.random.default_rng([settings.seed, 999]).permutation(int(kept.sum()))
    members = np.column_stack([scale.values(unit[kept]), intercepts[kept]])[order]
    provenance = {
        "code_version": started_with,
        "resumed_with": plan["code_version"] if plan["code_version"] != started_with else None,
        "created": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seed": settings.seed,
        "reps": settings.reps,
        "cutoff": settings.cutoff,
        "waves": waves,
        "simulated": len(unit),
        "acceptance": round(float(kept.mean()), 4),
        "members_meeting_every_target": int(_meets(values[kept], low, high).sum()),
        "missed_most": _missed(values, low, high, targets),
        "seconds": round(time.perf_counter() - started),
    }
    return Ensemble(
        scale.names + profiled,
        members,
        priors,
        [
            {
                "name": p.name,
                "kind": p.kind,
                "claim": p.claim,
                "low": p.low,
                "high": p.high,
                "source": p.source,
            }
            for p in targets
        ],
        METHOD.format(cutoff=settings.cutoff, reps=settings.reps),
        provenance,
    )


def _check_plan(path: Path, plan: dict) -> None:
    """Write the fit's plan, or refuse to resume a folder made with other settings, priors or
    targets; more waves after the ones planned may be added. The code version the fit started
    with stays in the plan and the provenance."""
    plan = json.loads(json.dumps(plan))
    if path.exists():
        stored = json.loads(path.read_text())
        before, now = stored["settings"]["points"], plan["settings"]["points"]
        extended = {**stored["settings"], "points": now} == plan["settings"]
        differ = sorted(
            k
            for k in plan
            if k != "code_version"
            and stored.get(k) != plan[k]
            and not (k == "settings" and extended and now[: len(before)] == before)
        )
        if differ:
            raise ExperimentError(
                f"{path.parent} holds another fit (its {', '.join(differ)} differ); "
                "use an empty folder, the same settings, or more waves after the same ones"
            )
        plan["code_version"] = stored["code_version"]
    path.write_text(json.dumps(plan, indent=1))


def _first_design(scale: Scale, points: int, rng, earlier: Ensemble | None):
    """Wave 1: a Latin hypercube of ``points`` settings over the priors; with ``earlier``, after
    the members of that ensemble (an ensemble of the model before a change: where the
    evidence left room then is the first place to look now). A member's coefficient the earlier
    ensemble did not vary takes the hypercube's value of its row (a new channel's coefficient is
    drawn over its whole range); each is calibrated and measured like any other setting, so the
    earlier fit decides only where wave 1 looks, not what is kept."""
    from scipy.stats import qmc  # here: scipy.stats costs every command half a second

    design = qmc.LatinHypercube(d=len(scale.names), seed=rng).random(points)
    summary: dict[str, Any] = {"candidates": 0, "not_ruled_out": 1.0}
    if earlier is None:
        return design, summary
    drawn = qmc.LatinHypercube(d=len(scale.names), seed=rng).random(len(earlier))
    known = [scale.names.index(n) for n in earlier.names if n in scale.names]
    columns = [earlier.names.index(scale.names[j]) for j in known]
    shared = Scale({scale.names[j]: (scale.low[j], scale.high[j]) for j in known})
    drawn[:, known] = shared.unit(earlier.values[:, columns])
    summary |= {"from_earlier_ensemble": len(earlier)}
    return np.vstack([drawn, design]), summary


def _next_design(emulators, unit, values, low, high, errors, rng, points, settings):
    """A wave's settings: candidates (prior draws and jitters of the settings that met every
    target or came closest) that the emulators do not rule out."""
    from scipy.stats import qmc

    dims = unit.shape[1]
    close = _closeness(values, low, high)
    best = unit[np.argsort(close)[: max(20, len(unit) // 5)]]
    prior = qmc.LatinHypercube(d=dims, seed=rng).random(settings.candidates // 2)
    near = best[rng.integers(len(best), size=settings.candidates // 2)]
    near = np.clip(near + rng.normal(0, 0.08, near.shape), 0, 1)
    candidates = np.vstack([prior, near])
    mean, sd = emulators.predict(candidates)
    noise = np.nanmedian(errors, axis=0)
    score = implausibility(mean, np.sqrt(sd**2 + noise**2), low, high).max(axis=1)
    keep = np.flatnonzero(score < settings.cutoff)
    if len(keep) >= points:
        chosen = rng.choice(keep, size=points, replace=False)
    else:
        chosen = np.argsort(score)[:points]
    summary = {
        "candidates": len(candidates),
        "not_ruled_out": round(len(keep) / len(candidates), 4),
        "not_ruled_out_of_prior": round(float((score[: len(prior)] < settings.cutoff).mean()), 4),
    }
    return candidates[np.sort(chosen)], summary


def _closeness(values: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Per setting, the summed distance outside the targets' ranges, in units of each range's
    width (0: every target met)."""
    width = np.maximum(high - low, 1e-9)
    width = np.where(np.isfinite(width) & (width < 1), width, 1.0)
    distance = implausibility(values, width, low, high).sum(axis=1)
    return np.where(np.isfinite(distance), distance, np.inf)  # NaN: the anchors not reached


def _not_ruled_out(values, errors, low, high, cutoff: float) -> np.ndarray:
    """The simulated settings no target rules out: each target's mean lies within its range or
    less than ``cutoff`` standard errors (of the mean over the replications) outside it."""
    distance = implausibility(values, np.where(np.isfinite(errors), errors, 0), low, high)
    return np.isfinite(values).all(axis=1) & (np.nan_to_num(distance, nan=np.inf) <= cutoff).all(
        axis=1
    )


def _meets(values: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    return ((values >= low) & (values <= high)).all(axis=1)


def _missed(values, low, high, targets) -> dict[str, float]:
    """Per target, the share of simulated settings that miss it (the evidence that rules most
    out first)."""
    missed = ~((values >= low) & (values <= high))
    shares = {p.name: round(float(missed[:, j].mean()), 3) for j, p in enumerate(targets)}
    return dict(sorted(shares.items(), key=lambda kv: -kv[1]))


@dataclass(frozen=True)
class Calibration:
    """What every setting is calibrated to (``anchors``) by moving which coefficients, on which
    scale."""

    anchors: dict[str, float]
    free: tuple[str, ...]
    scale: Scale


def _simulate(folder, scale, design, targets, settings, calibration, executor, tell, stop):
    """Per setting of ``design``: its intercepts fitted to :data:`ANCHORS`, then the mean and
    standard error of every target (NaN where the anchors cannot be reached), chunk by chunk (a
    finished chunk is saved and not simulated again)."""
    folder.mkdir(exist_ok=True)
    baseline = load_scenario("baseline").with_overrides(**dict(settings.fixed))
    free = calibration.free
    start = [float(value_of(baseline, name)) for name in free]
    names = [p.name for p in targets]
    t = float(stdtrit(settings.reps - 1, 0.975)) if settings.reps > 1 else np.nan
    means, ses, fitted = [], [], []
    for first in range(0, len(design), CHUNK):
        path = folder / f"chunk-{first // CHUNK:04d}.json"
        if not path.exists() and stop:
            break
        if not path.exists():
            drawn = scale.values(design[first : first + CHUNK])
            x, reached, _ = fit_free(
                baseline,
                calibration.anchors,
                scale.names + free,
                np.column_stack([drawn, np.tile(start, (len(drawn), 1))]),
                np.tile(start, (len(drawn), 1)),
                reps=settings.profile_reps,
                seed=settings.seed,
                steps=settings.profile_steps,
                tolerance=PROFILE_TOLERANCE,
                executor=executor,
                free=free,
                scale=calibration.scale,
                slopes_once=True,
            )
            chunk = {
                "intercepts": x.tolist(),
                "mean": np.full((len(drawn), len(names)), np.nan).tolist(),
                "se": np.full((len(drawn), len(names)), np.nan).tolist(),
            }
            kept = np.flatnonzero(reached)
            if kept.size:
                models = [
                    dict(zip(scale.names + free, map(float, [*drawn[m], *x[m]]), strict=True))
                    | dict(settings.fixed)
                    for m in kept
                ]
                frame = evaluate_models(
                    targets, models, reps=settings.reps, seed=settings.seed, executor=executor
                )
                table = frame.pivot(index="model", columns="name")
                half = (table["ci_high"] - table["ci_low"]) / 2
                for row, m in enumerate(kept):
                    chunk["mean"][m] = table["value"][names].to_numpy()[row].tolist()
                    chunk["se"][m] = (half[names].to_numpy()[row] / t).tolist()
            path.write_text(json.dumps(chunk))
            tell(
                f"  {min(first + CHUNK, len(design))} of {len(design)} settings simulated "
                f"({kept.size} of {len(drawn)} calibrated)"
            )
        chunk = json.loads(path.read_text())
        means.append(np.asarray(chunk["mean"], dtype=float))
        ses.append(np.asarray(chunk["se"], dtype=float))
        fitted.append(np.asarray(chunk["intercepts"], dtype=float))
    if not means:
        empty = np.empty((0, len(names)))
        return empty, empty, np.empty((0, len(free)))
    return np.vstack(means), np.vstack(ses), np.vstack(fitted)
