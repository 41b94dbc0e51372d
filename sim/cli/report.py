"""The ``report`` command: a client report comparing scenarios, as one standalone HTML file."""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.cli.experiments import MEMBERS, SPEC_HELP, run_options
from sim.cli.parsing import UsageError, load_spec, non_negative_int, positive_int
from sim.cli.uncertainty import chosen_ensemble, ensemble_options
from sim.experiments.errors import ExperimentError
from sim.experiments.executors import EXECUTORS
from sim.experiments.store import make_folder
from sim.experiments.summaries import kpi_check
from sim.report import CLIENT_MOST, HEADLINE, QUESTION_MOST, checked_words, report
from sim.texts import LANGS


def register(sub: argparse._SubParsersAction) -> None:
    """Add this command to the ``loslaten`` parser."""
    p = sub.add_parser(
        "report",
        help="a report for a client: scenarios compared, in Dutch or English (HTML)",
        description="Compare the scenarios (the first is the reference) with replications and "
        "common random numbers, explain the difference between the first two in the outcome the "
        "question is about (--why, else the first --kpi: burn-out by default) over the "
        "mechanisms, and write one standalone HTML page for a board (it opens offline, static "
        "figures): the client and the question, a three-sentence summary that answers it, the "
        "outcomes with their units and 95% margins, the five largest mechanisms in words, the "
        "means and the weekly series, the variants, and the method and caveats in an appendix. "
        "With --ensemble every difference also gets its band over plausible models and how sure "
        "the model is, in words. "
        "Example: loslaten report baseline baseline:levers.trust=0.8 --client 'Gemeente X' "
        "--question 'Wat levert meer vertrouwen op?' --out report.html",
    )
    p.add_argument("scenarios", nargs="+", metavar="SCENARIO", help=SPEC_HELP)
    p.add_argument("--out", required=True, metavar="FILE.html", help="the report to write")
    p.add_argument("--lang", choices=LANGS, default="nl", help="language (default nl)")
    p.add_argument("--reps", type=positive_int, default=10, help="replications (default 10)")
    p.add_argument("--seed", type=non_negative_int, default=1, help="base seed (default 1)")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a field")
    p.add_argument(
        "--kpi", action="append", metavar="KPI", help="outcomes shown, in order (repeatable)"
    )
    p.add_argument(
        "--client",
        metavar="NAME",
        help=f"the client, in the title (at most {CLIENT_MOST} characters)",
    )
    p.add_argument(
        "--question",
        metavar="TEXT",
        help=f"the client's question, answered in the summary (at most {QUESTION_MOST} characters)",
    )
    why = p.add_mutually_exclusive_group()
    why.add_argument(
        "--why",
        metavar="KPI",
        help="the outcome the question is about, summarised and explained (default: the first "
        "--kpi; burn-out)",
    )
    why.add_argument("--no-why", action="store_true", help="leave the explanation out")
    p.add_argument(
        "--why-with",
        type=positive_int,
        default=2,
        metavar="N",
        help="the variant (2, 3, …) explained against the first (default 2)",
    )
    p.add_argument(
        "--why-reps", type=positive_int, default=5, help="replications for why (default 5)"
    )
    p.add_argument("--executor", choices=EXECUTORS, default="process", help="default: process")
    p.add_argument("--workers", type=positive_int, help="parallel workers (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="join a Dask cluster (tcp://host:port)")
    p.add_argument("--progress", action="store_true", help="progress bar even without a terminal")
    ensemble_options(p, MEMBERS)
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.is_dir():
        raise UsageError(f"--out {args.out} is a folder; give a file such as report.html")
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"--out {args.out}: the report is HTML; give a file such as report.html")
    if args.why_with > len(args.scenarios) and not args.no_why and len(args.scenarios) > 1:
        raise UsageError(
            f"--why-with {args.why_with} is not allowed; there are {len(args.scenarios)} "
            f"scenarios, so choose from 2 to {len(args.scenarios)}"
        )
    for field, value, most in (
        ("--client", args.client, CLIENT_MOST),
        ("--question", args.question, QUESTION_MOST),
    ):
        try:
            checked_words(value, field, most)
        except ExperimentError as err:
            raise UsageError(str(err)) from None
    kpis = kpi_check(args.kpi) if args.kpi else list(HEADLINE)
    why = False if args.no_why else kpi_check([args.why])[0] if args.why else True
    scenarios = [load_spec(s, args.set) for s in args.scenarios]
    ensemble = chosen_ensemble(args, MEMBERS)
    page = report(
        scenarios,
        lang=args.lang,
        kpis=kpis,
        why=why,
        why_with=args.why_with - 1,
        why_reps=args.why_reps,
        client=args.client,
        question=args.question,
        ensemble=ensemble,
        **run_options(args),
    )
    make_folder(out.parent)
    out.write_text(page, encoding="utf-8")
    models = f", {len(ensemble)} plausible models" if ensemble is not None else ""
    print(
        f"report on {len(scenarios)} scenarios ({args.reps} replications{models}) written to {out}"
    )
    return 0
