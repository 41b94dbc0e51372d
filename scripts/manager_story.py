"""The manager's story, measured — where trust wins and where it does not (C2–C6, C8–C10, C17).

Runs the full-size story scenarios (200 employees) as batches of replications with one seed, so
replication r of every variant is paired with replication r of the others (common random
numbers), and prints each comparison as means with 95% Student-t intervals and the paired
difference A − B; then the same comparisons with the mechanism behind them switched off. Nothing
here is asserted: the table shows what the model does, including the cases where the book's
argument fails (many opportunists, trust without follow-up), so it can be rerun after every
recalibration. ``loslaten patterns`` checks the same directions against target ranges.

    python scripts/manager_story.py [--reps 20] [--seed 1] [--set KEY=VALUE ...]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import sim
from sim.cli.parsing import parse_sets
from sim.experiments.summaries import interval

HOLDING_ON = {"managers.control_propensity": 0.1, "managers.courage": 0.9}
LET_GO_WEEK = 104  # the let_go scenarios' change (intervention week; series week 105 is the first)
SETBACK = (131, 156)  # the bad quarter after letting go and the quarter after it (series weeks)
A_YEAR_LATER = (157, 208)  # the second year after letting go
DIP_WEEKS = 13  # the dip must show within a quarter
LIGHT, TIGHT = 0.2, 0.8  # levers.control in "when control pays"
OPPORTUNIST_SHARES = (0.1, 0.2, 1 / 3, 0.5)
OVERRIDES: dict = {}  # --set KEY=VALUE, applied to every scenario
REPS = {"reps": 20, "seed": 1}  # --reps, --seed


def load(name: str, **overrides) -> sim.Scenario:
    """A built-in scenario with the command line's ``--set`` overrides and then ``overrides``."""
    return sim.load_scenario(name, **{**OVERRIDES, **overrides})


def runs(scenario: sim.Scenario) -> list[sim.RunResult]:
    """A batch of replications with the common seed."""
    return sim.run_batch(scenario, REPS["reps"], seed=REPS["seed"])


def fmt(values) -> str:
    mean, lo, hi = interval(values)
    return f"{mean:8.3f}  [{lo:7.3f}, {hi:7.3f}]"


def series(results: list[sim.RunResult], column: str) -> pd.DataFrame:
    """One column per replication, indexed by (1-based) week."""
    return pd.DataFrame({i: r.timeseries.set_index("week")[column] for i, r in enumerate(results)})


def weeks(results: list[sim.RunResult], column: str, span: tuple[int, int]) -> np.ndarray:
    """Per replication, the mean of a weekly series over weeks ``span`` (inclusive)."""
    return series(results, column).loc[span[0] : span[1]].mean().to_numpy()


def kpi(results: list[sim.RunResult], name: str) -> np.ndarray:
    return np.array([r.kpis[name] for r in results])


def compare(label: str, a: list, b: list, names: tuple[str, ...]) -> None:
    print(f"\n{label}")
    print(f"  {'KPI':<22}{'A':>29}{'B':>29}{'A - B (paired)':>31}")
    for name in names:
        x, y = kpi(a, name), kpi(b, name)
        print(f"  {name:<22}{fmt(x):>29}{fmt(y):>29}{fmt(x - y):>31}")


def label(switches: dict) -> str:
    return str(switches) if switches else "(all mechanisms on)"


def vicious_circle() -> None:
    print("== 1. The vicious circle (C4, C6): A = control-prone managers, B = holding on")
    story = ("engagement_rate", "burnout_rate", "productivity", "manager_hours", "coaching_share")
    for switches in ({}, {"mechanisms.lean_back": False}, {"mechanisms.control_grab": False}):
        grabbing = load("vicious_circle", **switches)
        a, b = runs(grabbing), runs(grabbing.with_overrides(**HOLDING_ON))
        compare(f"vicious_circle {label(switches)}", a, b, story)


def letting_go() -> None:
    print("\n== 2. Letting go is a J-curve (C5, C17): let_go against itself without the change")
    for switches in ({}, {"mechanisms.credibility": False}):
        changed = load("let_go", **switches)
        a, b = runs(changed), runs(changed.with_overrides(interventions=[]))
        gap = series(a, "productivity") - series(b, "productivity")
        start = LET_GO_WEEK + 1
        deepest = int(gap.loc[start : start + DIP_WEEKS - 1].mean(axis=1).idxmin())
        print(f"\nlet_go {label(switches)}, let_go against the counterfactual")
        dip = gap.loc[deepest].to_numpy()
        print(
            f"  {f'productivity, deepest week ({deepest})':<40}{fmt(dip)}"
            f"   replications below 0: {int((dip < 0).sum())}/{dip.size}"
        )
        ratio = weeks(a, "productivity", A_YEAR_LATER) / weeks(b, "productivity", A_YEAR_LATER)
        engaged = weeks(a, "engagement_rate", A_YEAR_LATER) - weeks(
            b, "engagement_rate", A_YEAR_LATER
        )
        span = f"weeks {A_YEAR_LATER[0]}-{A_YEAR_LATER[1]}"
        print(f"  {f'productivity ratio, {span}':<40}{fmt(ratio)}")
        print(f"  {f'engagement difference, {span}':<40}{fmt(engaged)}")


def relapse() -> None:
    print("\n== 3. Relapse (C17): A = let_go_relapse (no courage), B = let_go (courage)")
    for switches in ({}, {"mechanisms.control_grab": False}):
        a, b = runs(load("let_go_relapse", **switches)), runs(load("let_go", **switches))
        compare(f"relapse {label(switches)}", a, b, ("productivity", "trust", "engagement_rate"))
        span = f"weeks {SETBACK[0]}-{SETBACK[1]}"
        grab = weeks(a, "grab", SETBACK) - weeks(b, "grab", SETBACK)
        print(f"  {f'control grabbed, {span}, A - B':<44}{fmt(grab)}")


def rules() -> None:
    print("\n== 4. Rules and control (C8, C2): A = bureaucracy, B = coaching_leader")
    a, b = runs(load("bureaucracy")), runs(load("coaching_leader"))
    names = ("burnout_rate", "engagement_rate", "productivity", "manager_hours", "profit")
    compare("bureaucracy vs coaching_leader", a, b, names)


def control_pays() -> None:
    print(
        f"\n== 5. When control pays (C2, C3): opportunists scenario, "
        f"tight (control {TIGHT}) - light ({LIGHT}), paired"
    )
    names = ("profit", "productivity", "misconduct_loss", "engagement_rate", "burnout_rate")
    print(f"  {'opportunist share':<20}" + "".join(f"{n:>31}" for n in names))
    for share in OPPORTUNIST_SHARES:
        light = load("opportunists", **{"workforce.opportunist_share": share})
        a, b = runs(light.with_overrides(**{"levers.control": TIGHT})), runs(light)
        diffs = "".join(f"{fmt(kpi(a, n) - kpi(b, n)):>31}" for n in names)
        print(f"  {share:<20.3f}{diffs}")


def follow_up() -> None:
    print("\n== 6. Trust without follow-up (C9, C10), a fifth of recruits opportunists")
    free_riders = {"workforce.opportunist_share": 0.2}
    names = ("productivity", "misconduct_loss", "profit", "engagement_rate")
    followed = runs(load("baseline", **free_riders))
    for switches in (
        {"mechanisms.consequences": False},
        {"mechanisms.consequences": False, "mechanisms.social_control": False},
    ):
        ignored = runs(load("baseline", **free_riders, **switches))
        compare(f"baseline, A = {switches}, B = all on", ignored, followed, names)
    steering = load("self_steering_teams", **free_riders)
    peers = runs(steering)
    no_peers = runs(steering.with_overrides(**{"mechanisms.social_control": False}))
    compare("self_steering_teams, A = no social control, B = all on", no_peers, peers, names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=REPS["reps"], help="replications a variant")
    parser.add_argument("--seed", type=int, default=REPS["seed"], help="seed of every batch")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override for every scenario, e.g. organisation.employees=100",
    )
    args = parser.parse_args()
    OVERRIDES.update(parse_sets(args.set))
    REPS.update(reps=args.reps, seed=args.seed)
    print(f"{args.reps} replications a variant, seed {args.seed}; mean [95% interval]\n")
    vicious_circle()
    letting_go()
    relapse()
    rules()
    control_pays()
    follow_up()


if __name__ == "__main__":
    main()
