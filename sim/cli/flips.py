"""``loslaten ensemble flips A B --kpi KPI``: where a comparison's answer flips (issue 23)."""

from __future__ import annotations

import argparse
import sys

from sim.cli.experiments import SPEC_HELP
from sim.cli.output import print_json, print_table
from sim.cli.parsing import load_spec, non_negative_int, positive_int
from sim.cli.uncertainty import chosen_ensemble, ensemble_about, ensemble_options
from sim.ensemble.flips import comparison_flips, sentence
from sim.ensemble.members import Ensemble
from sim.experiments.executors import EXECUTORS, Execution
from sim.texts import LANGS

MEMBERS = 50  # plausible models by default (all of them if the ensemble has fewer)
REPS = 4


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``flips`` to the ``loslaten ensemble`` commands."""
    p = sub.add_parser(
        "flips",
        help="which coefficients decide the sign of a comparison over the plausible models",
        description="Compare B with A over the plausible models (side by side, common random "
        "numbers within each member) and find, with a shallow decision tree (scikit-learn), the "
        "coefficients that separate the models where B - A in KPI has the majority's sign from "
        "those where it flips; said as a sentence. Example: loslaten ensemble flips baseline "
        "let_go --kpi profit --ensemble 50 (or --ensemble-file client.ensemble.json)",
    )
    p.add_argument("a", metavar="A", help=SPEC_HELP)
    p.add_argument("b", metavar="B", help="the scenario compared with A (same syntax)")
    p.add_argument("--kpi", required=True, metavar="KPI", help="the KPI whose difference is read")
    ensemble_options(p, MEMBERS)
    p.add_argument("--reps", type=positive_int, default=REPS, help=f"replications (default {REPS})")
    p.add_argument("--seed", type=non_negative_int, default=1, help="base seed (default 1)")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a field")
    p.add_argument("--executor", choices=EXECUTORS, default="process", help="default: process")
    p.add_argument("--workers", type=positive_int, help="parallel workers (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="join a Dask cluster (tcp://host:port)")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the sentence")
    p.add_argument("--progress", action="store_true", help="progress bar even without a terminal")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(handler=cmd_flips)


def cmd_flips(args: argparse.Namespace) -> int:
    ensemble = plausible(args)
    found = comparison_flips(
        load_spec(args.a, args.set),
        load_spec(args.b, args.set),
        args.kpi,
        ensemble=ensemble,
        reps=args.reps,
        seed=args.seed,
        executor=Execution(args.executor, workers=args.workers, scheduler=args.scheduler),
        progress=args.progress or sys.stderr.isatty(),
    )
    if args.json:
        about = {"reps": args.reps, "seed": args.seed, "ensemble": ensemble_about(ensemble)}
        print_json({**about, **found.to_dict(args.lang)})
        return 0
    print(sentence(found, args.lang))
    if found.conditions:
        print()
        print_table(
            {
                "": [">" if c.above else "<=" for c in found.conditions],
                "threshold": [f"{c.threshold:.4g}" for c in found.conditions],
                "members' range": [f"{c.low:.4g} … {c.high:.4g}" for c in found.conditions],
                "prior": [f"{c.prior_low:.4g} … {c.prior_high:.4g}" for c in found.conditions],
            },
            [c.name for c in found.conditions],
        )
    return 0


def plausible(args: argparse.Namespace) -> Ensemble:
    """The plausible models ``--ensemble [N]`` and ``--ensemble-file`` ask for; by default the
    first :data:`MEMBERS` of the shipped ensemble (all if it has fewer)."""
    if args.ensemble is None and args.ensemble_file is None:
        args.ensemble = True  # where it flips is always read over plausible models
    return chosen_ensemble(args, MEMBERS)
