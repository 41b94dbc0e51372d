"""The manager's story, measured: the vicious circle, letting go, relapse, rules (C4–C6, C8, C17).

Runs the story scenarios over seeds and prints each must-show comparison as a mean with a 95%
interval (paired by seed, common random numbers), then the same comparisons with the mechanism
behind them switched off. Nothing here is asserted: the table shows what the model does, so it
can be rerun after every recalibration.

    python scripts/manager_story.py [--seeds 10] [--let-go-seeds 20] [--set KEY=VALUE ...]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from scipy import stats

import sim
from sim.cli.parsing import parse_sets

HOLDING_ON = {"managers.control_propensity": 0.1, "managers.courage": 0.9}
LET_GO_WEEK = 104  # the let_go scenarios' change (intervention week; series week 105 is the first)
DIP_WEEKS = 13  # the dip must show within a quarter
RELAPSE_GRAB = 0.1  # a relapse: managers hold at least this much grabbed control in the last year
OVERRIDES: dict = {}  # --set KEY=VALUE, applied to every scenario


def load(name: str, **overrides) -> sim.Scenario:
    """A built-in scenario with the command line's ``--set`` overrides and then ``overrides``."""
    return sim.load_scenario(name, **{**OVERRIDES, **overrides})


def interval(values) -> tuple[float, float, float]:
    """Mean and 95% t-interval."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    if values.size < 2:
        return mean, mean, mean
    half = float(stats.t.ppf(0.975, values.size - 1) * stats.sem(values))
    return mean, mean - half, mean + half


def fmt(values) -> str:
    mean, lo, hi = interval(values)
    return f"{mean:8.3f}  [{lo:7.3f}, {hi:7.3f}]"


def runs(scenario: sim.Scenario, seeds: range) -> list[sim.RunResult]:
    return [sim.run(scenario, seed=s) for s in seeds]


def series(results: list[sim.RunResult], column: str) -> pd.DataFrame:
    """One column per seed, indexed by (1-based) week."""
    return pd.DataFrame({r.seed: r.timeseries.set_index("week")[column] for r in results})


def kpi(results: list[sim.RunResult], name: str) -> np.ndarray:
    return np.array([r.kpis[name] for r in results])


def compare(label: str, a: list, b: list, names: tuple[str, ...]) -> None:
    print(f"\n{label}")
    print(f"  {'KPI':<22}{'A':>29}{'B':>29}{'A - B (paired)':>31}")
    for name in names:
        x, y = kpi(a, name), kpi(b, name)
        print(f"  {name:<22}{fmt(x):>29}{fmt(y):>29}{fmt(x - y):>31}")


def vicious_circle(seeds: range, **switches) -> tuple[list, list]:
    grabbing = load("vicious_circle", **switches)
    return runs(grabbing, seeds), runs(grabbing.with_overrides(**HOLDING_ON), seeds)


def j_curve(let_go: list, counterfactual: list) -> tuple[int, np.ndarray, np.ndarray]:
    """Productivity of let_go minus the counterfactual, per seed: in the week of the quarter after
    the change where the gap is deepest on average, and averaged over the year after the first."""
    gap = series(let_go, "productivity") - series(counterfactual, "productivity")
    start = LET_GO_WEEK + 1
    deepest = int(gap.loc[start : start + DIP_WEEKS - 1].mean(axis=1).idxmin())
    return deepest, gap.loc[deepest].to_numpy(), gap.loc[start + 52 : start + 103].mean().to_numpy()


def relapsed(results: list[sim.RunResult]) -> np.ndarray:
    """Per seed: managers hold on average at least RELAPSE_GRAB grabbed control in the last year."""
    return series(results, "grab").iloc[-52:].mean().to_numpy() >= RELAPSE_GRAB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="seeds for the vicious circle, rules")
    parser.add_argument("--let-go-seeds", type=int, default=20, help="seeds for letting go")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override for every scenario, e.g. coefficients.wellbeing.pleasure_baseline=0.40",
    )
    args = parser.parse_args()
    OVERRIDES.update(parse_sets(args.set))
    seeds, let_go_seeds = range(1, args.seeds + 1), range(1, args.let_go_seeds + 1)
    consequence_kpis = ("misconduct_loss", "productivity", "engagement_rate", "burnout_rate")
    story = ("engagement_rate", "manager_hours", "coaching_share", "burnout_rate", "productivity")

    print("== 1. The vicious circle (C4, C6): A = control-prone managers, B = holding on")
    for switches in ({}, {"mechanisms.lean_back": False}, {"mechanisms.control_grab": False}):
        a, b = vicious_circle(seeds, **switches)
        compare(f"vicious_circle {switches or '(all mechanisms on)'}", a, b, story)

    print("\n== 2. Letting go is a J-curve (C17): let_go against itself without interventions")
    let_go = load("let_go")
    for switches in ({}, {"mechanisms.credibility": False}):
        changed = let_go.with_overrides(**switches)
        a, b = (
            runs(changed, let_go_seeds),
            runs(changed.with_overrides(interventions=[]), let_go_seeds),
        )
        week, dip, later = j_curve(a, b)
        print(
            f"\nlet_go {switches or '(all mechanisms on)'}: productivity, let_go - counterfactual"
        )
        for name, values in ((f"deepest week ({week})", dip), ("mean of weeks 157-208", later)):
            below = int((values < 0).sum())
            print(f"  {name:<24}{fmt(values)}   seeds below 0: {below}/{values.size}")

    print("\n== 3. Relapse (C17): A = let_go_relapse (little courage), B = let_go")
    for switches in ({}, {"mechanisms.control_grab": False}):
        a = runs(load("let_go_relapse", **switches), let_go_seeds)
        b = runs(let_go.with_overrides(**switches), let_go_seeds)
        compare(f"relapse {switches or '(all mechanisms on)'}", a, b, ("productivity", "trust"))
        for label, results in (("let_go_relapse", a), ("let_go", b)):
            grab = series(results, "grab").iloc[-52:].mean().to_numpy()
            share = relapsed(results)
            print(
                f"  {label:<16} final-year grab {fmt(grab)}   relapsed: {share.sum()}/{share.size}"
            )

    print("\n== 4. Rules and control (C8, C2): A = bureaucracy, B = coaching_leader")
    a, b = (
        runs(load("bureaucracy"), seeds),
        runs(load("coaching_leader"), seeds),
    )
    compare(
        "bureaucracy vs coaching_leader", a, b, ("burnout_rate", "engagement_rate", *story[1:3])
    )

    print("\n== 5. Consequences and social control (C9, C10), a third of the staff opportunists")
    free_riders = {"workforce.opportunist_share": 0.3}
    followed = runs(load("baseline", **free_riders), seeds)
    for switches in (
        {"mechanisms.consequences": False},
        {"mechanisms.consequences": False, "mechanisms.social_control": False},
    ):
        ignored = runs(load("baseline", **free_riders, **switches), seeds)
        compare(f"baseline, A = all on, B = {switches}", followed, ignored, consequence_kpis)
    steering = load("self_steering_teams", **free_riders)
    peers = runs(steering, seeds)
    no_peers = runs(steering.with_overrides(**{"mechanisms.social_control": False}), seeds)
    compare(
        "self_steering_teams, A = all on, B = no social control", peers, no_peers, consequence_kpis
    )

    print("\n== 6. When a third are free riders, control can pay (C2, C3): profit, tight - loose")
    common = {"workforce.opportunist_share": 0.33}
    for switches in ({}, {"mechanisms.consequences": False, "mechanisms.social_control": False}):
        tight = runs(load("baseline", **common, **switches, **{"levers.control": 0.8}), seeds)
        loose = runs(load("baseline", **common, **switches, **{"levers.control": 0.2}), seeds)
        gap = series(tight, "profit") - series(loose, "profit")
        print(f"  {switches or '(all mechanisms on)'}")
        print(f"    first half year (weeks 1-26)  {fmt(gap.loc[1:26].mean().to_numpy())}")
        print(f"    final year                    {fmt(gap.iloc[-52:].mean().to_numpy())}")


if __name__ == "__main__":
    main()
