"""The commands that describe the model itself: ``coefficients``."""

from __future__ import annotations

import argparse
from collections import Counter

from sim.cli.output import print_json
from sim.cli.parsing import UsageError, parse_sets
from sim.coefficients import PROVENANCES, listing
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
            mechanism = r["mechanism"]
            print(f"\n{mechanism}")
        span = "fixed" if r["min"] == r["max"] else f"{r['min']:g} … {r['max']:g}"
        print(f"  {r['name']:<{width}}  {r['value']:>8g}  [{span}] {r['unit']}; {r['provenance']}")
        print(f"  {'':<{width}}    {r['doc']}" + (f" ({r['source']})" if r["source"] else ""))
    summary = ", ".join(f"{counts[p]} {p}" for p in PROVENANCES)
    print(f"\n{len(rows)} coefficients: {summary}")
    return 0
