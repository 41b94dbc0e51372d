"""Fit the baseline's fitted coefficients to the public figures (pattern-oriented calibration).

Six coefficients are fitted (those marked ``fitted`` in ``loslaten coefficients``): the intercepts
of energy and pleasure, how much vigour drives effort, the short-absence and burnout-leave
hazards and the base turnover hazard. They are fitted to seven Dutch figures at once — more
targets than parameters — with the baseline's replications in one batch (common random numbers),
and the fit is then checked on replications it never saw (another seed). Only these inputs are
fitted: every output is whatever the dynamics produce; nothing is rescaled or clamped. Writes
``sim/calibration.json`` and the fit report ``docs/calibration.md``.

    python scripts/calibrate_baseline.py [--reps 64] [--dry-run]      (make calibrate)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

import sim
from sim.coefficients import listing

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sim" / "calibration.json"
REPORT = ROOT / "docs" / "calibration.md"

FREE = {
    "energy_baseline": "coefficients.wellbeing.energy_baseline",
    "pleasure_baseline": "coefficients.wellbeing.pleasure_baseline",
    "effort_energy_gain": "coefficients.effort.energy_gain",
    "short_absence_hazard": "coefficients.workforce.short_absence_hazard",
    "burnout_leave_hazard": "coefficients.workforce.burnout_leave_hazard",
    "turnover_hazard": "coefficients.workforce.turnover_hazard",
}
STEPS = (0.05, 0.05, 0.2, 0.002, 0.003, 0.0004)  # first simplex steps

# figure: (target, scale of a miss that counts as one, acceptable range, source)
TARGETS = {
    "burnout_rate": (0.14, 0.01, (0.12, 0.16), "burnout complaints 14% (book; TNO NEA 2017 16.1%)"),
    "engagement_rate": (0.20, 0.01, (0.17, 0.23), "engaged 20% (book; Gallup NL 12–15%)"),
    "engaged_productivity_ratio": (
        1.17,
        0.03,
        (1.1, 1.3),
        "engaged people ~+20% (Gallup Q12: +14–18% productivity, top vs bottom units)",
    ),
    "absence_rate": (0.047, 0.003, (0.04, 0.055), "sickness absence 4–5.5% (CBS 2018–2024)"),
    "burnout_absence_ratio": (
        5.0,
        0.75,
        (3.0, 7.0),
        "burnout complaints: ~37 absence days a year against ~6 (TNO)",
    ),
    "turnover_rate": (0.12, 0.01, (0.08, 0.2), "turnover ~10–15% a year (CBS job mobility)"),
    "burnout_leave_share": (
        0.25,
        0.03,
        (0.15, 0.35),
        "about a quarter of absence days linked to psychological complaints (NEA 2017)",
    ),
}


def figures(scenario: sim.Scenario, reps: int, seed: int) -> dict[str, float]:
    """The calibration figures of ``reps`` replications (one batch), as means."""
    runs = sim.run_batch(scenario, reps, seed=seed)
    window = scenario.run.measure_weeks
    out = {k: float(np.nanmean([r.kpis[k] for r in runs])) for k in TARGETS if k in runs[0].kpis}
    leave = np.mean([r.timeseries.burnout_leave_rate.to_numpy()[-window:].mean() for r in runs])
    out["burnout_leave_share"] = float(leave / out["absence_rate"])
    for k in ("workaholism_rate", "productivity", "manager_hours", "profit"):
        out[k] = float(np.mean([r.kpis[k] for r in runs]))
    return out


def at(x: np.ndarray) -> sim.Scenario:
    return sim.load_scenario("baseline", **dict(zip(FREE.values(), map(float, x), strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=64, help="replications fitted (and checked)")
    parser.add_argument("--evaluations", type=int, default=160)
    parser.add_argument("--dry-run", action="store_true", help="print, write nothing")
    args = parser.parse_args()
    current = json.loads(OUT.read_text())
    start = np.array([current[name] for name in FREE])
    ranges = {row["name"]: (row["min"], row["max"]) for row in listing(at(start).coefficients)}

    def loss(x: np.ndarray) -> float:
        got = figures(at(x), args.reps, seed=1)
        return sum(((got[k] - t) / scale) ** 2 for k, (t, scale, _, _) in TARGETS.items())

    fit = minimize(
        loss,
        start,
        method="Nelder-Mead",
        bounds=[ranges[name] for name in FREE.values()],  # a fit stays inside declared ranges
        options={
            "initial_simplex": [start, *(start + np.diag(STEPS))],
            "maxfev": args.evaluations,
            "xatol": 1e-5,
            "fatol": 0.02,
        },
    )
    fitted = {name: round(float(v), 5) for name, v in zip(FREE, fit.x, strict=True)}
    scenario = at(fit.x)
    seen = figures(scenario, args.reps, seed=1)
    unseen = figures(scenario, args.reps, seed=2)
    report = render(fitted, seen, unseen, args.reps, fit.fun)
    print(report)
    if not args.dry_run:
        OUT.write_text(json.dumps(fitted, indent=2) + "\n")
        REPORT.write_text(report)
        print(f"wrote {OUT.relative_to(ROOT)} and {REPORT.relative_to(ROOT)}")


def render(fitted: dict, seen: dict, unseen: dict, reps: int, loss: float) -> str:
    lines = [
        "# Calibration of the baseline",
        "",
        "Written by `make calibrate` (`scripts/calibrate_baseline.py`); do not edit by hand.",
        "",
        f"Six coefficients fitted to seven figures at once with {reps} replications of the",
        "`baseline` scenario (seed 1, common random numbers); checked on as many replications",
        f"it never saw (seed 2). Loss (sum of squared misses in their scales) {loss:.2f}.",
        "",
        "| coefficient | fitted |",
        "|---|---|",
        *(f"| `{FREE[k]}` | {v:g} |" for k, v in fitted.items()),
        "",
        "| figure | target | acceptable | fitted (seed 1) | unseen (seed 2) | source |",
        "|---|---|---|---|---|---|",
    ]
    for k, (target, _, (low, high), source) in TARGETS.items():
        got = f"{seen[k]:.3f} | {unseen[k]:.3f}"
        lines.append(f"| {k} | {target:g} | {low:g} – {high:g} | {got} | {source} |")
    others = ("workaholism_rate", "productivity", "manager_hours", "profit")
    reference = ", ".join(f"{k} {seen[k]:.3f} (unseen {unseen[k]:.3f})" for k in others)
    lines += ["", f"Not fitted, for reference: {reference}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
