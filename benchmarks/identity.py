"""Same scenario and seed → the same results, within a relative tolerance of 1e-12: a guard for
optimisations and refactors.

``python -m benchmarks.identity record`` stores, for a few scenarios, seeds and sizes, the KPIs
and three figures of every weekly series (its mean, its week-weighted mean and its last value);
``python -m benchmarks.identity check`` reruns them and compares. A case is *identical* when every
bit is the same, *within tolerance* when no figure differs by more than ``RTOL`` (1e-12) of its
size, and *DIFFERENT* otherwise; the largest relative difference is printed either way.

The tolerance is there because another machine (another CPU's SIMD paths, another numpy build)
may round the last bit differently: relative differences of about 1e-16, which
``NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4 AVX512_ICL"`` shows on a machine with AVX-512. A change
to the model moves results by far more. ``tests/test_identity.py`` runs the check in the suite.
Record again only after a change of results on purpose (tuning a constant, a new mechanism).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import sim

RECORD = Path(__file__).with_name("results") / "identity.json"
RTOL = 1e-12  # the largest relative difference still counted as the same result

CASES: dict[str, tuple[dict, int]] = {
    "baseline-200x260-seed1": ({}, 1),
    "baseline-1000x104-seed7": ({"organisation.employees": 1000, "run.weeks": 104}, 7),
    "odd-teams-ablation-interventions-203x156-seed3": (
        {
            "organisation.employees": 203,
            "organisation.team_size": 7,
            "organisation.cross_team_ties": 0.0,
            "mechanisms.crossover": False,
            "mechanisms.consequences": False,
            "environment.turbulence": 0.8,
            "run.weeks": 156,
            "interventions": [
                {"week": 40, "set": {"environment.shock": 0.3, "levers.control": 0.9}},
                {"week": 80, "set": {"environment.shock": 0.0, "levers.trust": 0.9}},
            ],
        },
        3,
    ),
    "high-control-opportunists-500x208-seed11": (
        {
            "organisation.employees": 500,
            "workforce.opportunist_share": 0.33,
            "levers.control": 0.8,
            "levers.rules": 0.8,
            "managers.control_propensity": 0.9,
            "managers.courage": 0.1,
            "run.weeks": 208,
        },
        11,
    ),
    "large-20000x13-seed2": (
        {"organisation.employees": 20000, "run.weeks": 13, "run.measure_weeks": 13},
        2,
    ),
}


def fingerprint(overrides: dict, seed: int) -> dict:
    """One run's KPIs, the mean, week-weighted mean and last value of each weekly series, and a
    SHA-256 of the whole series (which tells identical from merely within tolerance)."""
    result = sim.run(sim.load_scenario("baseline", **overrides), seed=seed)
    frame = result.timeseries.astype(float)
    weights = np.arange(1, len(frame) + 1) / len(frame)
    series = np.ascontiguousarray(frame.to_numpy())
    return {
        "kpis": {name: float(value) for name, value in result.kpis.items()},
        "series": {
            column: [float(values.mean()), float((values * weights).mean()), float(values[-1])]
            for column, values in ((c, frame[c].to_numpy()) for c in frame.columns)
        },
        "series_sha256": hashlib.sha256(series.tobytes()).hexdigest(),
    }


def relative_difference(want: float, got: float) -> float:
    """``|got − want|`` as a share of the larger of the two; 0 when equal (both NaN included)."""
    if want == got or (math.isnan(want) and math.isnan(got)):
        return 0.0
    if math.isnan(want) or math.isnan(got):
        return math.inf
    return abs(got - want) / max(abs(want), abs(got))


@dataclass(frozen=True)
class Comparison:
    """How one case's rerun compares with its record."""

    identical: bool
    largest: float  # the largest relative difference of any figure
    where: str  # the figure it is in: "kpi NAME" or "series NAME [mean|trend|last]"
    beyond: dict[str, tuple[float, float]]  # figures beyond the tolerance: recorded, now

    @property
    def same(self) -> bool:
        return not self.beyond


def compare(want: dict, got: dict, rtol: float = RTOL) -> Comparison:
    """Compare a rerun's fingerprint with the recorded one, figure by figure."""
    figures: dict[str, tuple[float, float]] = {}
    for kind, shown in (("kpis", "kpi"), ("series", "series")):
        recorded, now = want[kind], got[kind]
        for name in recorded.keys() | now.keys():
            if name not in recorded or name not in now:
                only = "recorded" if name in recorded else "now"
                figures[f"{shown} {name} (only {only})"] = (math.nan, 0.0)
            elif kind == "kpis":
                figures[f"kpi {name}"] = (recorded[name], now[name])
            else:
                for stat, a, b in zip(
                    ("mean", "trend", "last"), recorded[name], now[name], strict=True
                ):
                    figures[f"series {name} {stat}"] = (a, b)
    differences = {key: relative_difference(*pair) for key, pair in figures.items()}
    where = max(sorted(differences), key=differences.__getitem__)
    return Comparison(
        identical=want == got,
        largest=differences[where],
        where=where,
        beyond={k: figures[k] for k in sorted(differences) if differences[k] > rtol},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.identity", description=__doc__)
    parser.add_argument("action", choices=["record", "check"])
    parser.add_argument("--file", type=Path, default=RECORD)
    parser.add_argument("--rtol", type=float, default=RTOL, help=f"default {RTOL:g}")
    args = parser.parse_args(argv)
    now = {name: fingerprint(*case) for name, case in CASES.items()}
    if args.action == "record":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(now, indent=1) + "\n")
        print(f"recorded {len(now)} cases in {args.file}")
        return 0
    before = json.loads(args.file.read_text())
    failures, largest = 0, 0.0
    for name, got in now.items():
        if name not in before:
            failures += 1
            print(f"DIFFERENT         {name}: not recorded (record again)")
            continue
        result = compare(before[name], got, args.rtol)
        largest = max(largest, result.largest)
        verdict = "identical" if result.identical else "within tolerance" if result.same else ""
        failures += not result.same
        where = f" in {result.where}" if result.largest else ""
        print(f"{verdict or 'DIFFERENT':17} {name}  (largest relative difference ", end="")
        print(f"{result.largest:.1e}{where})")
        for figure, (want, value) in result.beyond.items():
            print(f"    {figure}: {want!r} -> {value!r}")
    print(f"largest relative difference {largest:.1e}; tolerance {args.rtol:g}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
