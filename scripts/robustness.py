"""How far do the model's headline conclusions rest on its assumptions? (issue 20, item 4)

A sceptical reviewer's test. The most influential *assumed* coefficients (ranked by a Morris
screen of every coefficient over its declared range) are drawn uniformly over their own declared
ranges: each draw is one plausible model. Its two well-being intercepts are then re-fitted to the
anchors the user keeps (about 14% burnout complaints, about 20% engaged), so every model starts
from the same figures; a draw that cannot reach them is counted as ruled out. In each model the
headline conclusions are measured with common random numbers:

- ``let_go``: productivity after letting go, against the same story (its shock kept) without it;
- ``control_pays``: with a third of recruits opportunists, profit at control 0.8 minus at 0.2;
- ``central_wins_stable`` / ``decentral_wins_turbulent``: decentral minus central productivity
  in an interdependent organisation (interdependence 0.7), stable and turbulent; ``hayek_crossover``
  holds when both hold.

A conclusion *holds* in a model when its mean difference over the replications has the stated
sign. The report gives the share of models in which each holds, with the median and range of the
effect. Everything is seeded: the same arguments give the same models and the same answer.

Plausible by the anchors alone is a weak test: a draw can reach 14% / 20% at the baseline while
its best or worst organisation lies far outside what real organisations show. So each model is
also held against the patterns of :data:`SPREAD` (the spread of real organisations: burnout,
engagement, productivity, absence and turnover of the best and worst organisations, with their
registered targets), and the shares are reported a second time over the models that meet them
all (``within_spread``) — a first step of history matching.

    python scripts/robustness.py --models 55 --top 30 --reps 5 --out docs/robustness/latest.json \\
        --draw coefficients.demands.enabling --draw coefficients.demands.rules_fit_scale

With ``--ensemble [FILE]`` the models are not drawn but the members of an ensemble of plausible
models (``loslaten ensemble fit``: history matching against the calibration figures, the
validation patterns and the spread of real organisations), and for each conclusion the script
also says where its sign flips among them (:mod:`sim.ensemble.flips`):

    python scripts/robustness.py --ensemble --reps 5 --out docs/robustness/ensemble.json

With ``--conditions`` as well, the script measures instead where letting go *fails*: the same
let-go story against its counterfactual in each member, once as told and once in each of the
organisations of :data:`CONDITIONS` (each the condition under which a claim says trust should not
win), with the share of members in which letting go still raises productivity, profit and
engagement and lowers burnout, and where among the members its sign flips:

    python scripts/robustness.py --ensemble --conditions --reps 5 \\
        --out docs/robustness/let_go_conditions.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

import sim
from sim.coefficients import listing
from sim.ensemble import DEFAULT, Ensemble, load_ensemble
from sim.ensemble.flips import where_it_flips
from sim.experiments.calibrate import INTERCEPTS
from sim.patterns import CENTRAL, DECENTRAL, NO_LET_GO, PATTERNS, evaluate, scenario_of

ANCHORS = {"burnout_rate": 0.14, "engagement_rate": 0.20}
SPREAD = [p for p in PATTERNS if p.group == "ranges" and p.kind != "gap"]
"""The patterns a model must also meet to lie within the spread of real organisations."""
SCREENED_KPIS = ("burnout_rate", "engagement_rate", "productivity", "profit")


def screen(trajectories: int, executor: str, cache: Path) -> list[dict]:
    """Morris μ* of every ranged coefficient, normalised per KPI and maxed over
    :data:`SCREENED_KPIS` (cached in ``cache``: the screen is the slow part)."""
    if cache.exists():
        return json.loads(cache.read_text())
    frame = sim.sensitivity(
        "baseline", factors="coefficients", samples=trajectories, executor=executor
    )
    frame = frame[frame.kpi.isin(SCREENED_KPIS)].copy()
    frame["score"] = frame.mu_star / frame.groupby("kpi").mu_star.transform("max")
    scores = frame.groupby("factor").score.max().sort_values(ascending=False)
    ranking = [{"name": name, "score": float(score)} for name, score in scores.items()]
    cache.write_text(json.dumps(ranking, indent=1))
    return ranking


def assumed_ranges(scenario: sim.Scenario) -> dict[str, tuple[float, float]]:
    """Every assumed, ranged, real-valued coefficient but the intercepts that are re-fitted."""
    return {
        row["name"]: (float(row["min"]), float(row["max"]))
        for row in listing(scenario.coefficients)
        if row["provenance"] == "assumed"
        and isinstance(row["value"], float)
        and row["max"] > row["min"]
        and row["name"] not in INTERCEPTS
    }


def conclusions() -> dict[str, list[sim.Scenario]]:
    """The scenarios of each conclusion, the reference first."""
    control = {
        level: sim.load_scenario(
            "baseline", **{"workforce.opportunist_share": 1 / 3, "levers.control": level}
        )
        for level in (0.2, 0.8)
    }
    hayek = {
        (kind, turbulence): sim.load_scenario(
            "baseline", **levers, **{"environment.turbulence": turbulence}
        )
        for kind, levers in (("central", CENTRAL), ("decentral", DECENTRAL))
        for turbulence in (0.0, 0.8)
    }
    return {
        "let_go": let_go_pair(CONDITIONS["as told"]),
        "control_pays": [control[0.2], control[0.8]],
        "hayek_stable": [hayek["central", 0.0], hayek["decentral", 0.0]],
        "hayek_turbulent": [hayek["central", 0.8], hayek["decentral", 0.8]],
    }


CONDITIONS: dict[str, dict] = {
    "as told": {},
    # C3: most return trust, a minority abuses it; a third is the free riders' share in anonymous
    # public-goods games (Fischbacher, Gachter & Fehr 2001), an upper bound for a workplace.
    "a third opportunists": {"workforce.opportunist_share": 1 / 3},
    # C7: no self-steering without steering; freedom without shared goals scatters effort.
    "no vision": {"levers.vision": 0.1},
    # C12, C13: when nothing changes, local knowledge is worth little and rules and central
    # decisions coordinate interdependent work well.
    "stable and interdependent": {
        "environment.turbulence": 0.0,
        "environment.interdependence": 0.7,
    },
    # C16: the need for autonomy differs; where it is low, freedom is worth less and responsibility
    # weighs more (the double edge of empowering leadership).
    "little need for autonomy": {"workforce.autonomy_need": 0.2},
    # C17: managers who let go without the courage to hold on relapse at the first setback.
    "without courage": {"story": "let_go_relapse"},
}
"""The organisations in which ``--conditions`` measures letting go, each with the claim that
says why trust might fail there. ``story`` replaces the let-go story; every other key overrides
a scenario field in the story and its counterfactual alike."""
BETTER = {"productivity": 1, "profit": 1, "engagement_rate": 1, "burnout_rate": -1}
"""The KPIs of ``--conditions`` and the sign of a change for the better."""


def let_go_pair(condition: dict) -> list[sim.Scenario]:
    """The let-go story in ``condition`` and its counterfactual, the let-go patterns' own
    (:data:`sim.patterns.NO_LET_GO`: the story's shock kept, the letting go left out)."""
    overrides = {k: v for k, v in condition.items() if k != "story"}
    without = scenario_of(NO_LET_GO).with_overrides(
        name="no_let_go",
        description="The same story without letting go (its shock kept).",
        **overrides,
    )
    return [without, sim.load_scenario(condition.get("story", "let_go"), **overrides)]


def measure(overrides: dict, reps: int, seed: int, executor: str) -> dict[str, float]:
    """Each conclusion's effect in one model (means over paired replications)."""
    effects = {}
    for name, scenarios in conclusions().items():
        variants = [s.with_overrides(**overrides) for s in scenarios]
        table = sim.compare(variants, reps=reps, seed=seed, executor=executor)
        rows = table.set_index(["scenario", "kpi"])
        label = table.scenario.unique()[1]
        if name == "let_go":
            base = rows.loc[(table.scenario.iloc[0], "productivity"), "mean"]
            effects[name] = float(rows.loc[(label, "productivity"), "mean"] / base)
        elif name == "control_pays":
            effects[name] = float(rows.loc[(label, "profit"), "diff"])
        else:
            effects[name] = float(rows.loc[(label, "productivity"), "diff"])
    return effects


HOLDS = {
    "let_go": lambda e: e["let_go"] > 1,
    "control_pays": lambda e: e["control_pays"] > 0,
    "central_wins_stable": lambda e: e["hayek_stable"] < 0,
    "decentral_wins_turbulent": lambda e: e["hayek_turbulent"] > 0,
    "hayek_crossover": lambda e: e["hayek_stable"] < 0 < e["hayek_turbulent"],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=55, help="plausible models drawn")
    parser.add_argument(
        "--start", type=int, default=0, help="first model to draw (models are seeded by number)"
    )
    parser.add_argument("--top", type=int, default=30, help="assumed coefficients drawn")
    parser.add_argument(
        "--draw",
        action="append",
        default=[],
        metavar="NAME",
        help="also draw this assumed coefficient (e.g. a new channel's), whatever its rank",
    )
    parser.add_argument("--reps", type=int, default=5, help="replications per scenario")
    parser.add_argument("--screen", type=int, default=6, help="Morris trajectories")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--executor", default="process", choices=("serial", "process"))
    parser.add_argument("--out", type=Path, default=Path("docs/robustness/latest.json"))
    parser.add_argument(
        "--conditions",
        action="store_true",
        help="with --ensemble: measure letting go in each organisation of CONDITIONS instead",
    )
    parser.add_argument(
        "--ensemble",
        nargs="?",
        const=DEFAULT,
        type=Path,
        metavar="FILE",
        help="measure the conclusions over the members of an ensemble of plausible models "
        "(default: the shipped one) instead of drawing models",
    )
    args = parser.parse_args(argv)
    if args.conditions and not args.ensemble:
        parser.error("--conditions measures over an ensemble: give --ensemble as well")
    if args.conditions:
        report = let_go_conditions(
            load_ensemble(args.ensemble), args.reps, args.seed, args.executor
        )
        args.out.write_text(json.dumps(report, indent=1))
        print(json.dumps(report["shares"], indent=1))
        return 0
    if args.ensemble:
        report = over_ensemble(load_ensemble(args.ensemble), args.reps, args.seed, args.executor)
        args.out.write_text(json.dumps(report, indent=1))
        print(json.dumps({k: report[k] for k in ("plausible", "shares", "flips")}, indent=1))
        return 0

    baseline = sim.load_scenario("baseline")
    ranges = assumed_ranges(baseline)
    cache = args.out.with_name(f"{args.out.stem}-screen.json")
    ranking = [r for r in screen(args.screen, args.executor, cache) if r["name"] in ranges]
    drawn = [r["name"] for r in ranking[: args.top]]
    drawn += [name for name in args.draw if name not in drawn]
    unknown = [name for name in args.draw if name not in ranges]
    if unknown:
        parser.error(f"--draw: {', '.join(unknown)} is not an assumed, ranged coefficient")
    print(f"drawing {len(drawn)} assumed coefficients: {', '.join(drawn)}", file=sys.stderr)

    models: list[dict] = []
    report = summarise(models)
    for i in range(args.start, args.models):
        started = time.perf_counter()
        rng = np.random.default_rng([args.seed, i])
        draw = {name: float(rng.uniform(*ranges[name])) for name in drawn}
        row: dict = {"model": i, "drawn": draw}
        try:
            fit = sim.calibrate(
                baseline.with_overrides(**draw), ANCHORS, reps=args.reps, seed=args.seed
            )
        except sim.ExperimentError as error:
            row["ruled_out"] = str(error).splitlines()[0]
        else:
            row["fitted"] = fit.parameters
            row["effects"] = measure(
                {**draw, **fit.parameters}, args.reps, args.seed, args.executor
            )
            row["holds"] = {name: bool(rule(row["effects"])) for name, rule in HOLDS.items()}
            spread = evaluate(
                SPREAD, reps=args.reps, seed=args.seed, overrides=row["fitted"] | draw
            )
            row["spread_missed"] = spread.loc[~spread.met, "name"].tolist()
        row["seconds"] = round(time.perf_counter() - started, 1)
        models.append(row)
        print(json.dumps({k: v for k, v in row.items() if k != "drawn"}), file=sys.stderr)
        method = {
            "models": args.models,
            "coefficients": drawn,
            "reps": args.reps,
            "seed": args.seed,
            "anchors": ANCHORS,
            "spread": [p.name for p in SPREAD],
            "screen_trajectories": args.screen,
        }
        report = summarise(models) | {"method": method, "models": models}
        args.out.write_text(json.dumps(report, indent=1))  # after every model: a kill loses one
    print(json.dumps(report["shares"], indent=1))
    return 0


def over_ensemble(ensemble: Ensemble, reps: int, seed: int, executor: str) -> dict:
    """Each conclusion in every member of ``ensemble`` (its variants side by side over the
    members, common random numbers within each), and where its sign flips."""
    effects, flips = {}, {}
    for name, scenarios in conclusions().items():
        frame = sim.compare(scenarios, reps=reps, seed=seed, executor=executor, ensemble=ensemble)
        first, label = frame.scenario.unique()[:2]
        kpi = "profit" if name == "control_pays" else "productivity"
        rows = _by_member(frame, kpi)
        diff = rows["diff"].to_numpy()
        mean = rows["mean"].to_numpy()
        effects[name] = mean / (mean - diff) if name == "let_go" else diff
        found = where_it_flips(ensemble, diff, a=first, b=label, kpi=kpi)
        flips[name] = found.to_dict("en")
    models = []
    for m in range(len(ensemble)):
        row = {"model": m, "effects": {name: float(v[m]) for name, v in effects.items()}}
        row["holds"] = {name: bool(rule(row["effects"])) for name, rule in HOLDS.items()}
        models.append(row)
    method = {
        "ensemble": ensemble.provenance.get("file"),
        "members": len(ensemble),
        "ensemble_method": ensemble.method,
        "reps": reps,
        "seed": seed,
    }
    return summarise(models) | {"flips": flips, "method": method, "models": models}


def let_go_conditions(
    ensemble: Ensemble, reps: int, seed: int, executor: str, conditions: dict | None = None
) -> dict:
    """Letting go against its counterfactual in every member of ``ensemble``, in each
    organisation of ``conditions`` (default :data:`CONDITIONS`): per condition and KPI the share
    of members in which it changes that KPI for the better, its median and range, and where that
    flips."""
    conditions = CONDITIONS if conditions is None else conditions
    shares, effects, flips = {}, {}, {}
    for name, condition in conditions.items():
        pair = let_go_pair(condition)
        frame = sim.compare(pair, reps=reps, seed=seed, executor=executor, ensemble=ensemble)
        first, label = frame.scenario.unique()[:2]
        shares[name], effects[name], flips[name] = {}, {}, {}
        for kpi, sign in BETTER.items():
            diff = _by_member(frame, kpi)["diff"].to_numpy()
            shares[name][kpi] = round(float(np.mean(sign * diff > 0)), 3)
            effects[name][kpi] = {
                "median": float(np.median(diff)),
                "low": float(diff.min()),
                "high": float(diff.max()),
            }
            if kpi in ("productivity", "profit"):
                found = where_it_flips(ensemble, diff, a=first, b=label, kpi=kpi)
                flips[name][kpi] = found.to_dict("en")
    method = {
        "ensemble": ensemble.provenance.get("file"),
        "members": len(ensemble),
        "reps": reps,
        "seed": seed,
        "conditions": conditions,
    }
    return {"shares": shares, "effects": effects, "flips": flips, "method": method}


def _by_member(frame, kpi: str):
    """The second variant's rows of ``kpi`` in a comparison over an ensemble, one per member in
    the members' order (``mean``, and ``diff`` against the first variant)."""
    members = frame.attrs["members"]
    label = frame.scenario.unique()[1]
    return members[(members.scenario == label) & (members.kpi == kpi)].sort_values("member")


def summarise(models: list[dict]) -> dict:
    kept = [m for m in models if "effects" in m]
    within = [m for m in kept if not m.get("spread_missed", [])]
    return {
        "plausible": len(kept),
        "ruled_out": len(models) - len(kept),
        "within_spread": len(within),
        "shares": _shares(kept),
        "shares_within_spread": _shares(within),
        "effects": _effects(kept),
        "effects_within_spread": _effects(within),
    }


def _shares(kept: list[dict]) -> dict[str, float | None]:
    return {
        name: round(float(np.mean([m["holds"][name] for m in kept])), 3) if kept else None
        for name in HOLDS
    }


def _effects(kept: list[dict]) -> dict[str, dict[str, float]]:
    return {
        name: {
            "median": float(np.median(values)),
            "low": float(np.min(values)),
            "high": float(np.max(values)),
        }
        for name in ("let_go", "control_pays", "hayek_stable", "hayek_turbulent")
        if (values := [m["effects"][name] for m in kept])
    }


if __name__ == "__main__":
    sys.exit(main())
