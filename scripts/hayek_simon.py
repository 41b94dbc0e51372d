"""Hayek (C12) and Simon (C13): central against decentralised decisions, stable against turbulent.

Prints means over seeds with 95% Student-t intervals, the paired differences (same seeds) and
whether each must-show direction of ``docs/subject.md`` holds — it may not: the output
is what the model does. Rerun after any recalibration:

    .venv/bin/python scripts/hayek_simon.py [--seeds 10] [--employees 200]
        [--adaptation-cost 0.6]   # what-if for coefficients.production.adaptation_cost

Central = responsibility 0.1, freedom 0.1, control 0.8, rules 0.8 (``scenarios/hayek_*.yaml``);
decentralised = responsibility 0.9, freedom 0.9, control 0.2, rules 0.2; vision 0.8 in both.
"""

from __future__ import annotations

import argparse

import numpy as np

import sim
from sim.experiments.summaries import interval
from sim.mechanisms import production

DECENTRALISED = {
    "levers.responsibility": 0.9,
    "levers.freedom": 0.9,
    "levers.control": 0.2,
    "levers.rules": 0.2,
}
KPIS = ("productivity", "adaptation_error", "engagement_rate", "burnout_rate")
MUCH_SMALLER = 0.5  # "much smaller": the stable advantage is at most half the turbulent one


def kpis(world: str, seeds: list[int], employees: int, **overrides) -> dict[str, np.ndarray]:
    """KPIs of each seed for one world and variant, as arrays over seeds."""
    scenario = sim.load_scenario(world, **{"organisation.employees": employees, **overrides})
    runs = [sim.run(scenario, seed=seed).kpis for seed in seeds]
    return {k: np.array([r[k] for r in runs]) for k in KPIS}


def show(values: np.ndarray) -> str:
    mean, low, high = interval(values)
    return f"{mean:+.3f} [{low:+.3f}, {high:+.3f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--employees", type=int, default=200)
    default = production.Coefficients().adaptation_cost
    parser.add_argument("--adaptation-cost", type=float, default=default)
    args = parser.parse_args()
    seeds = list(range(1, args.seeds + 1))
    print(
        f"{args.seeds} seeds, {args.employees} employees, "
        f"adaptation_cost {args.adaptation_cost}; mean [95% interval]\n"
    )
    print(f"{'world':16} {'organisation':22} " + " ".join(f"{k:>26}" for k in KPIS))
    runs = {}
    for world in ("hayek_stable", "hayek_turbulent"):
        for label, overrides in (
            ("central", {}),
            ("decentralised", DECENTRALISED),
            ("decentralised vision .1", {**DECENTRALISED, "levers.vision": 0.1}),
            ("decentralised vision .9", {**DECENTRALISED, "levers.vision": 0.9}),
        ):
            if "vision" in label and world == "hayek_stable":
                continue
            stakes = {"coefficients.production.adaptation_cost": args.adaptation_cost}
            runs[world, label] = r = kpis(world, seeds, args.employees, **overrides, **stakes)
            print(f"{world:16} {label:22} " + " ".join(f"{show(r[k]):>26}" for k in KPIS))

    def advantage(world: str, kpi: str) -> np.ndarray:
        return runs[world, "decentralised"][kpi] - runs[world, "central"][kpi]

    print("\npaired differences, decentralised − central:")
    for world in ("hayek_stable", "hayek_turbulent"):
        for kpi in ("productivity", "adaptation_error"):
            print(f"  {world:16} {kpi:18} {show(advantage(world, kpi))}")
    growth = advantage("hayek_turbulent", "productivity") - advantage(
        "hayek_stable", "productivity"
    )
    print(f"  productivity advantage, turbulent − stable: {show(growth)}")
    blurred = (
        runs["hayek_turbulent", "decentralised vision .1"]["adaptation_error"]
        - runs["hayek_turbulent", "decentralised vision .9"]["adaptation_error"]
    )
    print(f"  adaptation_error, decentralised vision 0.1 − vision 0.9 (turbulent): {show(blurred)}")

    stable = interval(advantage("hayek_stable", "productivity"))[0]
    turbulent = interval(advantage("hayek_turbulent", "productivity"))[0]
    checks = {
        "turbulent: decentralised adapts better (error CI below 0)": interval(
            advantage("hayek_turbulent", "adaptation_error")
        )[2]
        < 0,
        "turbulent: decentralised more productive (CI above 0)": interval(
            advantage("hayek_turbulent", "productivity")
        )[1]
        > 0,
        f"stable: advantage at most {MUCH_SMALLER:.0%} of turbulent "
        f"(ratio {stable / turbulent:+.2f})": stable <= MUCH_SMALLER * turbulent,
        "stable: central adapts better (error CI above 0)": interval(
            advantage("hayek_stable", "adaptation_error")
        )[1]
        > 0,
        "vision 0.1 adapts worse than 0.9 (CI above 0)": interval(blurred)[1] > 0,
    }
    print()
    for claim, holds in checks.items():
        print(f"  {'holds ' if holds else 'FAILS '} {claim}")


if __name__ == "__main__":
    main()
