"""Answers that do not change with what the user types, computed once: the phase diagram's
runs (kept for every session) and, for the views a teacher opens first, shipped with the
package (``answers/*.json``, written by ``scripts/answers.py``).

A shipped answer carries a provenance stamp: the inputs it answers and the version of the code
that computed it (a hash of the model's source, calibration and stories). It is used only while
both match; otherwise the answer is computed here, with a progress bar, as any other.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

import sim
from sim import texts
from sim.ensemble import load_ensemble
from sim.scenario import scenarios_dir

import compute

SHIPPED = Path(__file__).parent / "answers"
PHASE_DEFAULTS = {"story": "baseline", "points": 5, "reps": 10, "seed": 1}
"""The phase diagram as it opens (the story's own weeks): shipped."""
PATTERNS_DEFAULTS = {"reps": 10, "seed": 1}
"""The patterns at the model page's default replications and seed: shipped."""


@functools.cache
def code_version() -> str:
    """A hash of what the answers depend on: the model's source (``sim``, the dashboard left
    out), its calibration and the stories."""
    root = Path(sim.__file__).parent
    files = [p for p in root.rglob("*.py") if "dashboard" not in p.relative_to(root).parts]
    files += sorted(root.glob("*.json")) + sorted(scenarios_dir().glob("*.yaml"))
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(p.parents[1]).as_posix()):
        digest.update(path.relative_to(path.parents[1]).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def scenario_key(scenario_json: str) -> str:
    """A short, stable name of a scenario for a stamp."""
    return hashlib.sha256(scenario_json.encode()).hexdigest()[:16]


def shipped(kind: str, inputs: dict[str, Any], folder: Path = SHIPPED) -> pd.DataFrame | None:
    """The shipped answer ``kind`` if it answers ``inputs`` with this version of the code."""
    path = folder / f"{kind}.json"
    if not path.exists():
        return None
    found = json.loads(path.read_text())
    stamp = found["stamp"]
    if stamp["code_version"] != code_version() or stamp["inputs"] != inputs:
        return None
    return pd.DataFrame(found["rows"])


def ship(kind: str, inputs: dict[str, Any], frame: pd.DataFrame, folder: Path = SHIPPED) -> Path:
    """Write the answer ``kind`` with its stamp (``scripts/answers.py``)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = {
        "inputs": inputs,
        "code_version": code_version(),
        "computed": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "by": "scripts/answers.py",
    }
    rows = json.loads(frame.to_json(orient="records", double_precision=15))
    path = folder / f"{kind}.json"
    path.write_text(json.dumps({"stamp": stamp, "rows": rows}, separators=(",", ":")) + "\n")
    return path


# --- the phase diagram --------------------------------------------------------------------------


def decentralised(scenario: sim.Scenario, d: float) -> sim.Scenario:
    """Decision rights low in the organisation: responsibility = freedom = d, control = rules
    = 1 − d."""
    low, high = round(d, 3), round(1 - d, 3)
    return scenario.with_overrides(
        **{"levers.responsibility": low, "levers.freedom": low},
        **{"levers.control": high, "levers.rules": high},
    )


def phase_inputs(scenario_json: str, points: int, reps: int, seed: int) -> dict[str, Any]:
    return {"scenario": scenario_key(scenario_json), "points": points, "reps": reps, "seed": seed}


def simulate_phase(scenario_json: str, points: int, reps: int, seed: int, progress=False):
    """Every level of decentralisation at every turbulence, all simulated side by side with the
    same seed (common random numbers, ``sim.run_points``): one row per cell and replication."""
    scenario = sim.Scenario.model_validate_json(scenario_json)
    grid = compute.grid(points)
    cells = [(d, tb) for tb in grid for d in grid]
    variants = [
        decentralised(scenario, d).with_overrides(**{"environment.turbulence": tb})
        for d, tb in cells
    ]
    runs, weeks = len(cells) * reps, scenario.run.weeks
    on_week = (lambda week: progress(week / weeks * runs, runs)) if callable(progress) else None
    found = sim.run_points(variants, [seed] * len(cells), reps, on_week=on_week)
    return pd.DataFrame(
        [
            {"decentralisation": d, "turbulence": tb, "rep": rep, **result.kpis}
            for (d, tb), results in zip(cells, found, strict=True)
            for rep, result in enumerate(results)
        ]
    )


def interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and 95% Student-t interval (NaN interval below two values)."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    if values.size < 2:
        return mean, np.nan, np.nan
    half = float(stats.t.ppf(0.975, values.size - 1) * values.std(ddof=1) / np.sqrt(values.size))
    return mean, mean - half, mean + half


def summary(runs: pd.DataFrame) -> pd.DataFrame:
    """The phase diagram's cells: ``decentralisation, turbulence, kpi, mean, ci_low, ci_high``."""
    rows = [
        (d, tb, name, *interval(cell[name].to_numpy()))
        for (d, tb), cell in runs.groupby(["decentralisation", "turbulence"], sort=False)
        for name in sim.KPI_NAMES
    ]
    columns = ["decentralisation", "turbulence", "kpi", "mean", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=columns)


@compute.memo(8)
def phase_runs(scenario_json: str, points: int, reps: int, seed: int, _progress=False):
    """:func:`simulate_phase`, shipped for the default view, else computed and kept."""
    found = shipped("phase", phase_inputs(scenario_json, points, reps, seed))
    if found is not None:
        return found
    return simulate_phase(scenario_json, points, reps, seed, progress=_progress)


def against_best(runs: pd.DataFrame, name: str) -> pd.DataFrame:
    """Per turbulence and d: the best d at that turbulence and the KPI's difference from it,
    paired by replication (``gap``, ``low``, ``high``); empty for a KPI without a better
    direction."""
    way = texts.BETTER.get(name)
    if way is None:
        return pd.DataFrame()
    rows = []
    for turbulence, row in runs.groupby("turbulence"):
        cells = row.pivot(index="rep", columns="decentralisation", values=name)
        best = float((cells.mean() * way).idxmax())
        for d in cells.columns:
            gap, low, high = interval((cells[d] - cells[best]).to_numpy())
            rows.append((turbulence, float(d), best, gap, low, high))
    return pd.DataFrame(rows, columns=["turbulence", "d", "best", "gap", "low", "high"])


# --- the phase diagram over plausible models ----------------------------------------------------


def simulate_phase_models(
    scenario_json: str, points: int, members: int, reps: int, seed: int, progress=False
) -> pd.DataFrame:
    """Every cell of the phase diagram under each of the first ``members`` plausible models
    (:mod:`sim.ensemble`), all side by side with the same seed (common random numbers within
    each model): one row per cell, member and replication."""
    scenario = sim.Scenario.model_validate_json(scenario_json)
    models = load_ensemble().members(members)
    grid = compute.grid(points)
    cells = [(d, tb, m) for tb in grid for d in grid for m in range(len(models))]
    variants = [
        decentralised(scenario, d).with_overrides(**{"environment.turbulence": tb}, **models[m])
        for d, tb, m in cells
    ]
    runs, weeks = len(cells) * reps, scenario.run.weeks
    on_week = (lambda week: progress(week / weeks * runs, runs)) if callable(progress) else None
    found = sim.run_points(variants, [seed] * len(cells), reps, on_week=on_week)
    return pd.DataFrame(
        [
            {"decentralisation": d, "turbulence": tb, "member": m, "rep": rep, **result.kpis}
            for (d, tb, m), results in zip(cells, found, strict=True)
            for rep, result in enumerate(results)
        ]
    )


@compute.memo(8)
def phase_models(
    scenario_json: str, points: int, members: int, reps: int, seed: int, _progress=False
) -> pd.DataFrame:
    """:func:`simulate_phase_models`, kept for every session."""
    return simulate_phase_models(scenario_json, points, members, reps, seed, progress=_progress)


def decentral_wins(runs: pd.DataFrame, name: str) -> pd.DataFrame:
    """Per cell (``decentralisation, turbulence``): the ``share`` of plausible models in which
    that d does better on ``name`` than fully central (d = 0) at the same turbulence, each model
    by its mean over the replications (NaN at d = 0, the reference); empty for a KPI without a
    better direction."""
    way = texts.BETTER.get(name)
    if way is None:
        return pd.DataFrame()
    means = runs.groupby(["turbulence", "member", "decentralisation"])[name].mean().unstack()
    central = means.columns.min()
    better = (means.sub(means[central], axis=0) * way > 0).astype(float)
    better[central] = np.nan
    shares = better.groupby(level="turbulence").mean()
    long = shares.stack().rename("share").reset_index()
    return long[["decentralisation", "turbulence", "share"]]
