"""Hayek (C12) and Simon (C13) and their critics: who should decide, in which world (C7 too).

Full-size organisations (200 employees), batches of replications with one seed, so replication r
of every variant is paired with replication r of the others (common random numbers). Prints
means with 95% Student-t intervals, the paired differences and whether each must-show direction
of ``docs/subject.md`` holds — it may not: the output is what the model does. The failures of the
argument are part of it: in a stable world whose teams depend on each other central decisions
win, and freedom without vision scatters. Rerun after any recalibration:

    .venv/bin/python scripts/hayek_simon.py [--reps 20] [--seed 1] [--employees 200]
        [--adaptation-cost 0.45]   # what-if for coefficients.production.adaptation_cost

Central = responsibility 0.1, freedom 0.1, control 0.8, rules 0.8 (``scenarios/hayek_*.yaml``,
teams interdependent: 0.7); decentralised = responsibility 0.9, freedom 0.9, control 0.2,
rules 0.2; vision 0.8 in both. Freedom without vision: ``scenarios/freedom_without_vision.yaml``.
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
CENTRAL = {
    "levers.responsibility": 0.1,
    "levers.freedom": 0.1,
    "levers.control": 0.8,
    "levers.rules": 0.8,
}
INDEPENDENT = {"environment.interdependence": 0.0}
KPIS = ("productivity", "adaptation_error", "engagement_rate", "burnout_rate")
CHANGE_WEEK = 52  # Simon: the stable world turns turbulent (0.8) after this week
SETTINGS: dict = {}  # reps, seed and the overrides every variant gets (from the command line)


def replications(world: str, **overrides) -> list[sim.RunResult]:
    """A batch of replications of one world and variant, with the common seed."""
    scenario = sim.load_scenario(world, **SETTINGS["overrides"], **overrides)
    return sim.run_batch(scenario, SETTINGS["reps"], seed=SETTINGS["seed"])


def batch(world: str, **overrides) -> dict[str, np.ndarray]:
    """KPIs of each replication for one world and variant, as arrays over replications."""
    runs = replications(world, **overrides)
    return {k: np.array([r.kpis[k] for r in runs]) for k in KPIS}


def show(values: np.ndarray) -> str:
    mean, low, high = interval(values)
    return f"{mean:+.3f} [{low:+.3f}, {high:+.3f}]"


def table(runs: dict[tuple[str, str], dict[str, np.ndarray]]) -> None:
    print(f"{'world':32} {'organisation':30} " + " ".join(f"{k:>26}" for k in KPIS))
    for (world, label), r in runs.items():
        print(f"{world:32} {label:30} " + " ".join(f"{show(r[k]):>26}" for k in KPIS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--employees", type=int, default=200)
    default = production.Coefficients().adaptation_cost
    parser.add_argument("--adaptation-cost", type=float, default=default)
    args = parser.parse_args()
    SETTINGS.update(
        reps=args.reps,
        seed=args.seed,
        overrides={
            "organisation.employees": args.employees,
            "coefficients.production.adaptation_cost": args.adaptation_cost,
        },
    )
    print(
        f"{args.reps} replications, seed {args.seed}, {args.employees} employees, "
        f"adaptation_cost {args.adaptation_cost}; mean [95% interval]\n"
    )

    print("== Hayek: central against decentralised decisions")
    runs = {}
    for world in ("hayek_stable", "hayek_turbulent"):
        for teams, extra in (("interdependent", {}), ("independent", INDEPENDENT)):
            for label, levers in (("central", {}), ("decentralised", DECENTRALISED)):
                runs[f"{world}, {teams}", label] = batch(world, **levers, **extra)
    table(runs)

    def advantage(world: str, kpi: str, teams: str = "interdependent") -> np.ndarray:
        key = f"{world}, {teams}"
        return runs[key, "decentralised"][kpi] - runs[key, "central"][kpi]

    print("\npaired differences, decentralised − central:")
    for world in ("hayek_stable", "hayek_turbulent"):
        for teams in ("interdependent", "independent"):
            for kpi in ("productivity", "adaptation_error"):
                print(f"  {world:16} {teams:15} {kpi:18} {show(advantage(world, kpi, teams))}")
    shrinks = advantage("hayek_stable", "productivity", "independent") - advantage(
        "hayek_stable", "productivity"
    )
    print(f"  stable, productivity advantage, independent − interdependent: {show(shrinks)}")

    print("\n== Freedom without vision (C7): freedom_without_vision against variants")
    vision = {
        "as shipped (vision 0.1)": batch("freedom_without_vision"),
        "vision 0.9": batch("freedom_without_vision", **{"levers.vision": 0.9}),
        "central (vision 0.1)": batch("freedom_without_vision", **CENTRAL),
        "interdependence 0.7": batch(
            "freedom_without_vision", **{"environment.interdependence": 0.7}
        ),
        "interdependence 0.7, central": batch(
            "freedom_without_vision", **CENTRAL, **{"environment.interdependence": 0.7}
        ),
    }
    table({("freedom_without_vision", label): r for label, r in vision.items()})
    blurred = {
        kpi: vision["as shipped (vision 0.1)"][kpi] - vision["vision 0.9"][kpi]
        for kpi in ("productivity", "adaptation_error")
    }
    scattered = {
        teams: vision[free]["productivity"] - vision[central]["productivity"]
        for teams, free, central in (
            ("interdependence 0.3", "as shipped (vision 0.1)", "central (vision 0.1)"),
            ("interdependence 0.7", "interdependence 0.7", "interdependence 0.7, central"),
        )
    }
    print("\npaired differences:")
    for kpi, values in blurred.items():
        print(f"  vision 0.1 − 0.9, {kpi:18} {show(values)}")
    for teams, values in scattered.items():
        print(f"  without vision, free − central, {teams}, productivity {show(values)}")

    print(
        f"\n== Simon: the stable world turns turbulent (0.8) after week {CHANGE_WEEK}; "
        "output in the year after relative to the half-year before"
    )
    change = {
        "interventions": [{"week": CHANGE_WEEK, "set": {"environment.turbulence": 0.8}}],
        "run.weeks": CHANGE_WEEK + 52,
    }
    kept = {}
    for label, levers in (("tight (central)", {}), ("loose (decentralised)", DECENTRALISED)):
        moving = replications("hayek_stable", **levers, **change)
        weekly = np.array([r.timeseries["productivity"].to_numpy() for r in moving])
        before = weekly[:, CHANGE_WEEK - 26 : CHANGE_WEEK].mean(axis=1)
        after = weekly[:, CHANGE_WEEK : CHANGE_WEEK + 52].mean(axis=1)
        kept[label] = after / before
        print(
            f"  {label:24} before {show(before)}   after {show(after)}   "
            f"after / before {show(kept[label])}"
        )
    loss = kept["loose (decentralised)"] - kept["tight (central)"]
    print(f"  share of output kept, loose − tight (paired): {show(loss)}")

    def below(values):
        return interval(values)[2] < 0

    def above(values):
        return interval(values)[1] > 0

    checks = {
        "turbulent: decentralised adapts better (error CI below 0)": below(
            advantage("hayek_turbulent", "adaptation_error")
        ),
        "turbulent: decentralised more productive despite coordination (CI above 0)": above(
            advantage("hayek_turbulent", "productivity")
        ),
        "stable, interdependent: central more productive (CI below 0)": below(
            advantage("hayek_stable", "productivity")
        ),
        "stable: central adapts better (error CI above 0)": above(
            advantage("hayek_stable", "adaptation_error")
        ),
        "stable: independent teams shrink or reverse central's advantage (CI above 0)": above(
            shrinks
        ),
        "freedom without vision adapts worse than with vision (CI above 0)": above(
            blurred["adaptation_error"]
        ),
        "freedom without vision produces less than with vision (CI below 0)": below(
            blurred["productivity"]
        ),
        "Simon: once the world moves, loose control keeps more output (CI above 0)": above(loss),
    }
    print()
    for claim, holds in checks.items():
        print(f"  {'holds ' if holds else 'FAILS '} {claim}")


if __name__ == "__main__":
    main()
