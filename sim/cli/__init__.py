"""The ``loslaten`` command line: ``main`` parses the arguments and runs one command.

Exit status: 0 success; 2 invalid input (a message on stderr naming the field, the value and
what is allowed, never a traceback); 1 an internal error (``LOSLATEN_DEBUG=1`` shows its
traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys

from sim.cli import ensemble, experiments, model, report, run, workshop
from sim.cli.parsing import UsageError
from sim.experiments.errors import ExperimentError
from sim.scenario import ScenarioError
from sim.workshop.errors import WorkshopError

INTERNAL_ERROR = 1
INVALID = 2
INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """The parser of every ``loslaten`` command."""
    parser = argparse.ArgumentParser(
        prog="loslaten", description="Simulate trust versus control in organisations."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run.register(sub)
    experiments.register(sub)
    ensemble.register(sub)
    model.register(sub)
    report.register(sub)
    workshop.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``loslaten`` with ``argv`` (default: the process's arguments); the exit status."""
    args = build_parser().parse_args(argv)  # bad syntax: usage on stderr, exit 2
    try:
        return args.handler(args)
    except (ScenarioError, ExperimentError, UsageError, WorkshopError) as err:
        print(f"loslaten: {err}", file=sys.stderr)
        return INVALID
    except KeyboardInterrupt:
        print("loslaten: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as err:  # an internal error: say so briefly, no traceback
        print(f"loslaten: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        if os.environ.get("LOSLATEN_DEBUG"):
            raise
        return INTERNAL_ERROR
