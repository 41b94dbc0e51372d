"""Same scenario and seed → bit-identical results: a guard for optimisations.

``python -m benchmarks.identity record`` stores the KPIs and a digest of the weekly series of a
few scenarios, seeds and sizes; ``python -m benchmarks.identity check`` reruns them and reports
any difference. Record before optimising, check after: an optimisation must not change a bit.
(Tuning a constant does change results: record again after such a change.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

import sim

RECORD = Path(__file__).with_name("results") / "identity.json"

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
    """KPIs (exact reprs) and a SHA-256 of the weekly series of one run."""
    result = sim.run(sim.load_scenario("baseline", **overrides), seed=seed)
    series = np.ascontiguousarray(result.timeseries.to_numpy(dtype=float))
    return {
        "kpis": {name: repr(value) for name, value in result.kpis.items()},
        "series_sha256": hashlib.sha256(series.tobytes()).hexdigest(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.identity", description=__doc__)
    parser.add_argument("action", choices=["record", "check"])
    parser.add_argument("--file", type=Path, default=RECORD)
    args = parser.parse_args(argv)
    now = {name: fingerprint(*case) for name, case in CASES.items()}
    if args.action == "record":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(now, indent=1) + "\n")
        print(f"recorded {len(now)} cases in {args.file}")
        return 0
    before = json.loads(args.file.read_text())
    failures = 0
    for name, got in now.items():
        want = before.get(name)
        if want == got:
            print(f"identical  {name}")
            continue
        failures += 1
        print(f"DIFFERENT  {name}")
        for kpi, value in got["kpis"].items():
            if want is None or want["kpis"].get(kpi) != value:
                print(f"    {kpi}: {want and want['kpis'].get(kpi)} -> {value}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
