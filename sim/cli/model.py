"""The commands that describe the model itself: ``coefficients`` and ``patterns``."""

from __future__ import annotations

import argparse
from collections import Counter

from sim.cli.output import print_json, print_table
from sim.cli.parsing import UsageError, non_negative_int, parse_sets, positive_int
from sim.coefficients import PROVENANCES, listing
from sim.experiments.executors import EXECUTORS, Execution
from sim.scenario import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    """Add these commands to the ``loslaten`` parser."""
    p = sub.add_parser(
        "coefficients",
        help="every coefficient: value, range, unit, provenance (sourced/fitted/assumed)",
        description="List every number that shapes the model, with its allowed range, unit, "
        "meaning and provenance: sourced (with the reference), fitted (by which calibration) "
        "or assumed. Each is a scenario field coefficients.<mechanism>.<name>.",
    )
    p.add_argument(
        "scenario", nargs="?", default="baseline", help="whose values to show (default baseline)"
    )
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a field")
    p.add_argument("--mechanism", action="append", help="only these mechanisms (repeatable)")
    p.add_argument("--provenance", choices=PROVENANCES, help="only coefficients of this kind")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(handler=cmd_coefficients)

    p = sub.add_parser(
        "patterns",
        help="the stylised facts the model must reproduce, met or not",
        description="Run the scenarios behind every pattern once (common random numbers) and "
        "report each: its kind of evidence (calibration, validation, implementation, gap), the "
        "claim it tests, its source, the target, the value with its 95% interval, and whether "
        "it is met. Includes where the book's argument fails, and the known gaps. Exits 1 when "
        "a pattern that is not a known gap is not met.",
    )
    p.add_argument("--reps", type=positive_int, default=10, help="replications (default 10)")
    p.add_argument("--seed", type=non_negative_int, default=1, help="base seed (default 1)")
    p.add_argument("--executor", choices=EXECUTORS, default="process", help="default: process")
    p.add_argument("--workers", type=positive_int, help="parallel workers (default: all cores)")
    p.add_argument("--progress", action="store_true", help="progress bar even without a terminal")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(handler=cmd_patterns)


def cmd_coefficients(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario, **parse_sets(args.set))
    rows = listing(scenario.coefficients)
    if args.mechanism:
        known = sorted({r["mechanism"] for r in rows})
        unknown = [m for m in args.mechanism if m not in known]
        if unknown:
            raise UsageError(
                f"--mechanism {', '.join(unknown)}: not a mechanism; choose from {', '.join(known)}"
            )
        rows = [r for r in rows if r["mechanism"] in args.mechanism]
    if args.provenance:
        rows = [r for r in rows if r["provenance"] == args.provenance]
    counts = Counter(r["provenance"] for r in rows)
    if args.json:
        print_json({"coefficients": rows, "provenance": {p: counts[p] for p in PROVENANCES}})
        return 0
    width = max((len(r["name"]) for r in rows), default=0)
    mechanism = None
    for r in rows:
        if r["mechanism"] != mechanism:
            print(f"\n{r['mechanism']}" if mechanism else r["mechanism"])
            mechanism = r["mechanism"]
        span = "fixed" if r["min"] == r["max"] else f"{r['min']:g} … {r['max']:g}"
        print(f"  {r['name']:<{width}}  {r['value']:>8g}  [{span}] {r['unit']}; {r['provenance']}")
        print(f"  {'':<{width}}    {r['doc']}" + (f" ({r['source']})" if r["source"] else ""))
    summary = ", ".join(f"{counts[p]} {p}" for p in PROVENANCES)
    print(f"\n{len(rows)} coefficient{'' if len(rows) == 1 else 's'}: {summary}")
    return 0


def cmd_patterns(args: argparse.Namespace) -> int:
    import sys

    from sim.patterns import evaluate

    frame = evaluate(
        reps=args.reps,
        seed=args.seed,
        executor=Execution(args.executor, workers=args.workers),
        progress=args.progress or sys.stderr.isatty(),
    )
    met = int(frame.met.sum())
    missed = frame[~frame.met & (frame.kind != "gap")]  # a gap is expected not to be met
    if args.json:
        rows = [
            {
                **{k: r[k] for k in ("name", "claim", "source", "target", "value")},
                "ci95": [r["ci_low"], r["ci_high"]],
                **{k: r[k] for k in ("low", "high", "met", "kind")},
            }
            for r in frame.to_dict("records")
        ]
        kinds = frame.groupby("kind").met.agg(["size", "sum"])
        counts = {k: {"patterns": int(n), "met": int(m)} for k, (n, m) in kinds.iterrows()}
        print_json(
            {"reps": args.reps, "seed": args.seed, "met": met, "kinds": counts, "patterns": rows}
        )
        return 1 if len(missed) else 0
    print(f"{args.reps} replications each, common random numbers; value [95% interval]")
    print_table(
        {
            "kind": list(frame.kind),
            "claim": list(frame.claim),
            "value [95% interval]": [
                f"{r.value:.3f} [{r.ci_low:.3f}, {r.ci_high:.3f}]" for r in frame.itertuples()
            ],
            "met when in": [f"[{r.low:g}, {r.high:g}]" for r in frame.itertuples()],
            "": [_verdict(r.met, r.kind) for r in frame.itertuples()],
        },
        list(frame.name),
    )
    print(f"\n{met} of {len(frame)} patterns met")
    for kind, rows in frame.groupby("kind", sort=False):
        print(f"  {kind}: {int(rows.met.sum())} of {len(rows)} met")
    return 1 if len(missed) else 0


def _verdict(met: bool, kind: str) -> str:
    """A gap that is not met is a known failure; one that is met has closed."""
    if kind == "gap":
        return "gap closed" if met else "known gap"
    return "met" if met else "NOT MET"
