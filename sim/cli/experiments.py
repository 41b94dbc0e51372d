"""The experiment commands: ``compare``, ``sweep``, ``calibrate``, ``sensitivity``, ``explain``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.cli import client
from sim.cli.output import differences, estimates, models_band, plus_minus, print_json, print_table
from sim.cli.parsing import (
    UsageError,
    load_spec,
    non_negative_int,
    parse_targets,
    parse_vary,
    positive_int,
)
from sim.cli.uncertainty import (
    band_table,
    chosen_ensemble,
    ensemble_about,
    ensemble_options,
    print_verdicts,
)
from sim.experiments.calibrate import REPS, calibrate, write_result
from sim.experiments.compare import compare
from sim.experiments.executors import EXECUTORS, Execution
from sim.experiments.explain import explain
from sim.experiments.figures import sensitivity_figure, sweep_figure
from sim.experiments.sensitivity import METHODS, sensitivity
from sim.experiments.store import code_version, make_folder
from sim.experiments.summaries import kpi_check
from sim.experiments.sweep import sweep

TOP = 10  # coefficients shown per KPI
MEMBERS = 50
"""Plausible models ``--ensemble`` uses without a number (at most the ensemble's members)."""
EXPLAIN_MEMBERS = 5
"""The same for ``explain``, which runs every channel's variants under every model."""
HEADLINE = ("burnout_rate", "engagement_rate", "productivity", "profit")
SPEC_HELP = (
    "a built-in scenario name or a YAML path, optionally with overrides after a colon: "
    "NAME[:KEY=VALUE[,KEY=VALUE...]], e.g. baseline:levers.trust=0.8"
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add these commands to the ``loslaten`` parser."""
    p = sub.add_parser(
        "compare",
        help="compare scenarios: means, 95%% intervals and paired differences",
        description="Replicate each scenario and compare it with the first. Every scenario's "
        "replications use the same seed (common random numbers), so the differences are "
        "paired and much more precise than the intervals of the scenarios themselves.",
    )
    p.add_argument("scenarios", nargs="+", metavar="SCENARIO", help=SPEC_HELP)
    _common(
        p, reps=10, out="save each scenario's runs (Parquet) and resume an interrupted comparison"
    )
    ensemble_options(p, MEMBERS)
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser(
        "sweep",
        help="vary one or two fields over a grid",
        description="Run a grid of one or two fields; each point has its own seed.",
    )
    p.add_argument("scenario", help=SPEC_HELP)
    p.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="KEY=START:STOP:NUM",
        help="a numeric field and NUM (1–101) evenly spaced values; give one or two",
    )
    _common(
        p,
        reps=5,
        out="save each point's runs (Parquet), the table and a Plotly figure (HTML); resume",
    )
    p.set_defaults(handler=cmd_sweep)

    p = sub.add_parser(
        "calibrate",
        help="fit the well-being intercepts so a scenario reproduces a client's figures",
        description="Fit coefficients.wellbeing.energy_baseline and .pleasure_baseline (and "
        "coefficients.effort.energy_gain when engaged_productivity_ratio is a target) so the "
        "scenario's mean KPIs hit the targets. Unreachable targets are refused (exit 2).",
    )
    p.add_argument("scenario", help=SPEC_HELP)
    p.add_argument(
        "--target",
        action="append",
        required=True,
        metavar="KPI=VALUE",
        help="e.g. burnout_rate=0.18",
    )
    p.add_argument("--tolerance", type=float, default=0.01, help="largest miss allowed (rates)")
    _common(
        p,
        reps=REPS,
        out="write the calibrated scenario (YAML) and FILE.fit.json",
        metavar="FILE",
        kpis=False,
    )
    client.add_options(p)
    p.set_defaults(handler=cmd_calibrate)

    p = sub.add_parser(
        "sensitivity",
        help="rank the levers (or the coefficients) by their influence on each KPI (SALib)",
        description="Morris elementary effects (default) or Sobol indices over the levers' "
        "full ranges [0, 1] or, with --coefficients, over every coefficient's allowed range; "
        "every sample point uses the same seeds.",
    )
    p.add_argument("scenario", help=SPEC_HELP)
    p.add_argument(
        "--coefficients",
        action="store_true",
        help="screen the model's coefficients instead of the levers (use few --samples)",
    )
    p.add_argument("--method", choices=("morris", "sobol"), default="morris")
    p.add_argument(
        "--samples",
        type=positive_int,
        help="Morris trajectories (default 30) or Sobol base sample, a power of 2 (default 64)",
    )
    _common(p, reps=1, out="write the table (CSV) and a Plotly chart (HTML)")
    p.set_defaults(handler=cmd_sensitivity)

    p = sub.add_parser(
        "explain",
        help="decompose the KPI differences between two scenarios over the channels",
        description="Contribution of channel m (a mechanisms.* switch) to B − A: the average "
        "of what it adds switched on last (all other channels on) and switched on first (all "
        "off) — its Shapley value when channels interact at most in pairs. Paired by "
        "replication (common random numbers). The remainder = total − sum of the contributions "
        "(paths no switch cuts, higher interactions), so contributions plus remainder equal the "
        "total. Example: loslaten explain bureaucracy coaching_leader --reps 10",
    )
    p.add_argument("a", metavar="A", help=SPEC_HELP)
    p.add_argument("b", metavar="B", help="the scenario compared with A (same syntax)")
    _common(p, reps=5, out=None)
    ensemble_options(p, EXPLAIN_MEMBERS)
    p.set_defaults(handler=cmd_explain)


def _common(
    p: argparse.ArgumentParser,
    reps: int,
    out: str | None,
    metavar: str = "DIR",
    kpis: bool = True,
) -> None:
    """Options every experiment command has; ``kpis`` adds ``--kpi`` to choose table rows."""
    p.add_argument("--reps", type=positive_int, default=reps, help=f"replications (default {reps})")
    p.add_argument("--seed", type=non_negative_int, default=1, help="base seed (default 1)")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a field")
    p.add_argument("--executor", choices=EXECUTORS, default="process", help="default: process")
    p.add_argument("--workers", type=positive_int, help="parallel workers (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="join a Dask cluster (tcp://host:port)")
    p.add_argument("--progress", action="store_true", help="progress bar even without a terminal")
    if kpis:
        p.add_argument("--kpi", action="append", metavar="KPI", help="KPIs shown (repeatable)")
    if out:
        p.add_argument("--out", metavar=metavar, help=out)
    p.add_argument("--json", action="store_true", help="print one JSON document")


# --- commands -------------------------------------------------------------------------------------


def cmd_compare(args: argparse.Namespace) -> int:
    kpis = _kpis(args)
    ensemble = chosen_ensemble(args, MEMBERS)
    frame = compare(
        [load_spec(s, args.set) for s in args.scenarios],
        **run_options(args),
        out=args.out,
        ensemble=ensemble,
    )
    if args.out:
        frame.to_csv(Path(args.out) / "compare.csv", index=False)
        if ensemble is not None:
            frame.attrs["members"].to_csv(Path(args.out) / "members.csv", index=False)
    if args.json:
        print_json(
            {
                "reps": args.reps,
                "seed": args.seed,
                **({"ensemble": ensemble_about(ensemble)} if ensemble is not None else {}),
                "scenarios": [
                    {
                        "scenario": label,
                        "kpis": estimates(rows, "mean", "ci_low", "ci_high"),
                        "diff": differences(rows),
                    }
                    for label, rows in frame.groupby("scenario", sort=False)
                ],
            }
        )
        return 0
    labels = list(dict.fromkeys(frame.scenario))
    table = {}
    for label, rows in frame.groupby("scenario", sort=False):
        rows = rows.set_index("kpi").loc[kpis]
        table[label] = [plus_minus(r.mean, r.ci_high) for r in rows.itertuples()]
        if label != labels[0]:
            table[f"Δ vs {labels[0]}"] = [
                plus_minus(r.diff, r.diff_high, sign=True) for r in rows.itertuples()
            ]
    print(f"{args.reps} replications each, mean ± 95% interval; differences paired (common seeds)")
    print_table(table, kpis)
    if ensemble is not None:
        for label, rows in frame.groupby("scenario", sort=False):
            if label == labels[0]:
                continue
            print(f"\nΔ {label} vs {labels[0]}: the dice (95%) and the assumptions (models)")
            print_table(band_table(rows.set_index("kpi").loc[kpis], "diff", "diff_high"), kpis)
        print()
        print_verdicts(ensemble)
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    kpis = _kpis(args)
    vary = dict(parse_vary(text) for text in args.vary)
    if len(vary) != len(args.vary):
        raise UsageError("--vary names the same field twice")
    keys = list(vary)
    frame = sweep(load_spec(args.scenario, args.set), vary, **run_options(args), out=args.out)
    if args.out:
        frame.to_csv(Path(args.out) / "sweep.csv", index=False)
        sweep_figure(frame, keys).write_html(Path(args.out) / "sweep.html", include_plotlyjs=True)
    points = frame.groupby(keys, sort=False)
    if args.json:
        print_json(
            {
                "reps": args.reps,
                "seed": args.seed,
                "rows": [
                    {
                        "params": dict(zip(keys, _key(point), strict=True)),
                        "kpis": estimates(rows, "mean", "ci_low", "ci_high"),
                    }
                    for point, rows in points
                ],
            }
        )
        return 0
    table = {key: [] for key in keys} | {kpi: [] for kpi in kpis}
    for point, rows in points:
        for key, value in zip(keys, _key(point), strict=True):
            table[key].append(f"{value:g}")
        rows = rows.set_index("kpi")
        for kpi in kpis:
            table[kpi].append(plus_minus(rows.at[kpi, "mean"], rows.at[kpi, "ci_high"]))
    print(f"{args.reps} replications per point, mean ± 95% interval")
    print_table(table, None)
    if args.out:
        print(f"table and figure written to {args.out}/sweep.csv and sweep.html")
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    if args.out and Path(args.out).is_dir():
        raise UsageError(f"--out {args.out} is a folder; give a file such as client.yaml")
    client.check(args)
    targets = parse_targets(args.target)
    scenario = load_spec(args.scenario, args.set)
    options = run_options(args)
    result = calibrate(scenario, targets, tolerance=args.tolerance, holdout=args.holdout, **options)
    members = client.client_ensemble(args, scenario, targets, result, options)
    about = {
        "reps": args.reps,
        "holdout_reps": args.holdout,
        "seed": args.seed,
        "tolerance": args.tolerance,
        "code_version": code_version(),
        **({"ensemble": members} if members else {}),
    }
    if args.out:
        report = write_result(result, args.out, **about)
    if args.json:
        print_json({**result.to_dict(), **about})
        return 0
    print(f"calibrated over {args.reps} replications (common seeds); parameters ± 95% (delta):")
    for key, value in result.parameters.items():
        print(f"  {key} = {plus_minus(value, value + 1.96 * result.standard_errors[key])}")
    print_table(
        {
            "target": [f"{v:g}" for v in result.report.target],
            f"fitted ({args.reps} reps)": [
                plus_minus(r.achieved, r.ci_high) for r in result.report.itertuples()
            ],
            f"holdout ({args.holdout} fresh reps)": [
                plus_minus(r.holdout, r.holdout_high) for r in result.report.itertuples()
            ],
        },
        list(result.report.kpi),
    )
    if args.out:
        print(f"scenario written to {args.out}, fit report to {report}")
    if members:
        print(client.describe(members))
    return 0


def cmd_sensitivity(args: argparse.Namespace) -> int:
    kpis = _kpis(args)
    factors = "coefficients" if args.coefficients else "levers"
    frame = sensitivity(
        load_spec(args.scenario, args.set),
        factors=factors,
        method=args.method,
        samples=args.samples,
        **run_options(args),
    )
    index = METHODS[args.method][0]
    if args.out:
        out = Path(args.out)
        make_folder(out)
        frame.to_csv(out / "sensitivity.csv", index=False)
        sensitivity_figure(frame, index).write_html(out / "sensitivity.html")
    if args.json:
        columns = [c for c in frame.columns if c not in ("factor", "kpi")]
        print_json(
            {
                "method": args.method,
                "factors": factors,
                "kpis": {
                    kpi: {r["factor"]: {c: r[c] for c in columns} for r in rows.to_dict("records")}
                    for kpi, rows in frame.groupby("kpi", sort=False)
                },
            }
        )
        return 0
    if factors == "coefficients":
        print(f"{args.method}: the {TOP} most influential coefficients by {index}")
        for kpi in kpis:
            top = frame[frame.kpi == kpi].nsmallest(TOP, "rank")
            print(f"\n{kpi}:")
            print_table({index: [f"{v:.4f}" for v in top[index]]}, list(top.factor))
    else:
        print(f"{args.method}: rank of each lever by {index} (1 = most influential)")
        ranks = frame.pivot(index="factor", columns="kpi", values="rank")
        ranks = ranks.loc[frame.factor.unique()]
        print_table({kpi: [str(v) for v in ranks[kpi]] for kpi in kpis}, list(ranks.index))
    if args.out:
        print(f"table and chart written to {args.out}/sensitivity.csv and sensitivity.html")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    kpis = _kpis(args)
    a, b = load_spec(args.a, args.set), load_spec(args.b, args.set)
    ensemble = chosen_ensemble(args, EXPLAIN_MEMBERS)
    frame = explain(a, b, **run_options(args), ensemble=ensemble)
    if args.json:
        print_json(
            {
                "a": a.name,
                "b": b.name,
                "reps": args.reps,
                "seed": args.seed,
                **({"ensemble": ensemble_about(ensemble)} if ensemble is not None else {}),
                "kpis": {
                    kpi: {
                        r["part"]: {
                            "contribution": r["contribution"],
                            "ci95": [r["ci_low"], r["ci_high"]],
                            **(models_band(r) if ensemble is not None else {}),
                        }
                        for r in rows.to_dict("records")
                    }
                    for kpi, rows in frame.groupby("kpi", sort=False)
                },
            }
        )
        return 0
    print(f"B − A: {b.name} − {a.name}, {args.reps} replications (common seeds)")
    print(
        "contribution of channel m: what it adds to B − A switched on last and switched on "
        "first, averaged; remainder = total − sum"
    )
    if ensemble is not None:
        for kpi in kpis:
            rows = frame[frame.kpi == kpi].set_index("part")
            print(f"\n{kpi}: the dice (95%) and the assumptions (models)")
            print_table(
                band_table(rows, "contribution", "ci_high", "contribution"), list(rows.index)
            )
        print()
        print_verdicts(ensemble)
        return 0
    table = {}
    for kpi in kpis:
        rows = frame[frame.kpi == kpi]
        table[kpi] = [plus_minus(r.contribution, r.ci_high, sign=True) for r in rows.itertuples()]
    print_table(table, list(frame.part.unique()))
    return 0


# --- helpers --------------------------------------------------------------------------------------


def run_options(args: argparse.Namespace) -> dict:
    """The keywords every experiment function takes, from the common options."""
    return {
        "reps": args.reps,
        "seed": args.seed,
        "executor": Execution(args.executor, workers=args.workers, scheduler=args.scheduler),
        "progress": args.progress or sys.stderr.isatty(),
    }


def _kpis(args: argparse.Namespace) -> list[str]:
    return kpi_check(args.kpi) if args.kpi else list(HEADLINE)


def _key(point: object) -> tuple:
    """A groupby key as a tuple, whether one column was grouped by or several."""
    return point if isinstance(point, tuple) else (point,)
