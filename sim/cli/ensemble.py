"""The ensemble commands: ``ensemble fit`` (history matching) and ``ensemble show``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.cli import flips
from sim.cli.output import print_json, print_table
from sim.cli.parsing import positive_int
from sim.ensemble.history import CUTOFF, FitSettings, fit
from sim.ensemble.members import DEFAULT, load_ensemble
from sim.experiments.executors import EXECUTORS, Execution


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``ensemble`` and its subcommands to the ``loslaten`` parser."""
    p = sub.add_parser(
        "ensemble",
        help="the plausible models: fit them, show what the evidence constrains",
        description="An ensemble holds the coefficient settings the evidence does not rule out "
        "(docs/model.md, 'How sure are we?').",
    )
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")

    f = verbs.add_parser(
        "fit",
        help="fit plausible models by history matching (resumable)",
        description="History matching with Gaussian-process emulators: waves of simulated "
        "settings, each wave drawn from those the emulators do not rule out. Every step is saved "
        "in --out, so rerunning the same command after a kill resumes it.",
    )
    f.add_argument("--out", required=True, metavar="DIR", help="folder of the fit (resumable)")
    f.add_argument(
        "--save", metavar="FILE", help="where the ensemble goes (default: DIR/plausible.json)"
    )
    f.add_argument(
        "--points",
        type=positive_int,
        nargs="+",
        default=list(FitSettings.points),
        metavar="N",
        help="settings simulated per wave (default: %(default)s)",
    )
    f.add_argument(
        "--start",
        metavar="FILE",
        help="an earlier ensemble (of the model before a change) whose members join wave 1",
    )
    f.add_argument("--reps", type=positive_int, default=FitSettings.reps, help="replications")
    f.add_argument("--seed", type=positive_int, default=FitSettings.seed, help="base seed")
    f.add_argument("--cutoff", type=float, default=CUTOFF, help="implausibility cut-off")
    f.add_argument("--executor", choices=EXECUTORS, default="process", help="default: process")
    f.add_argument("--workers", type=positive_int, help="parallel workers (default: all cores)")
    f.add_argument("--scheduler", metavar="ADDRESS", help="join a Dask cluster (tcp://host:port)")
    f.add_argument(
        "--stop",
        action="store_true",
        help="simulate nothing more: the ensemble of the settings simulated so far in --out",
    )
    f.add_argument("--json", action="store_true", help="print the ensemble's summary as JSON")
    f.set_defaults(handler=cmd_fit)

    s = verbs.add_parser("show", help="what an ensemble constrains: prior and kept ranges")
    s.add_argument("file", nargs="?", type=Path, help=f"an ensemble file (default: {DEFAULT.name})")
    s.add_argument("--json", action="store_true", help="print one JSON document")
    s.set_defaults(handler=cmd_show)
    flips.register(verbs)


def cmd_fit(args: argparse.Namespace) -> int:
    settings = FitSettings(
        points=tuple(args.points),
        reps=args.reps,
        seed=args.seed,
        cutoff=args.cutoff,
        start=args.start,
    )
    executor = Execution(args.executor, workers=args.workers, scheduler=args.scheduler)
    ensemble = fit(
        args.out,
        settings=settings,
        executor=executor,
        tell=lambda line: print(line, file=sys.stderr, flush=True),
        stop=args.stop,
    )
    path = ensemble.save(args.save or Path(args.out) / "plausible.json")
    print(f"{len(ensemble)} plausible models → {path}", file=sys.stderr)
    if args.json:
        print_json({k: v for k, v in ensemble.show().items() if k != "coefficients"})
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    ensemble = load_ensemble(args.file)
    shown = ensemble.show()
    if args.json:
        print_json(shown)
        return 0
    print(f"{shown['members']} plausible models; {shown['method']}")
    print(f"held against {len(shown['targets'])} targets")
    rows = shown["coefficients"]
    print_table(
        {
            "prior": [f"{r['prior_low']:g} … {r['prior_high']:g}" for r in rows],
            "kept": [f"{r['low']:.3g} … {r['high']:.3g}" for r in rows],
            "kept share": [
                f"{(r['high'] - r['low']) / (r['prior_high'] - r['prior_low']):.0%}" for r in rows
            ],
        },
        [r["name"].removeprefix("coefficients.") for r in rows],
    )
    return 0
