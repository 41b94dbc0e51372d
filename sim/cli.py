"""The ``loslaten`` command line.

Exit status: 0 success; 2 invalid input (a message on stderr naming the field, the value and
what is allowed); 1 an internal error.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sim.experiments.errors import ExperimentError
from sim.scenario import (
    ScenarioError,
    builtin_scenarios,
    load_scenario,
    parse_value,
)

INVALID = 2


class UsageError(Exception):
    """Bad command-line input that is not a scenario problem."""


def parse_sets(pairs: list[str] | None) -> dict:
    """``["levers.trust=0.8"]`` → ``{"levers.trust": 0.8}``."""
    out = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set {pair!r}: expected KEY=VALUE, e.g. levers.trust=0.8")
        out[key.strip()] = parse_value(value, key.strip())
    return out


def _clean(value):
    """JSON-safe floats (NaN → null)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def print_json(document: dict) -> None:
    sys.stdout.write(json.dumps(_clean(document), allow_nan=False) + "\n")


def print_kpis(kpis: dict[str, float]) -> None:
    width = max(map(len, kpis))
    for name, value in kpis.items():
        print(f"  {name:<{width}}  {value:8.3f}")


# --- commands -----------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    from sim.runner import run

    scenario = load_scenario(args.scenario, **parse_sets(args.set))
    if args.weeks is not None:
        scenario = scenario.with_weeks(args.weeks)
    if args.out:
        out = Path(args.out)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UsageError(f"--out {args.out}: cannot create it ({err.strerror})") from None
    result = run(scenario, seed=args.seed)
    if args.out:
        result.timeseries.to_csv(out / "timeseries.csv", index=False)
        result.timeseries.to_parquet(out / "timeseries.parquet", index=False)
        (out / "kpis.json").write_text(json.dumps(_clean(result.kpis), indent=2) + "\n")
        (out / "scenario.yaml").write_text(scenario.to_yaml())
    if args.json:
        print_json(
            {
                "scenario": scenario.name,
                "seed": args.seed,
                "weeks": result.weeks,
                "kpis": result.kpis,
            }
        )
    else:
        print(
            f"{scenario.name}: seed {args.seed}, {result.weeks} weeks, "
            f"KPIs over the last {scenario.run.measure_weeks} weeks"
        )
        print_kpis(result.kpis)
        if args.out:
            print(f"series written to {args.out}/timeseries.csv and .parquet")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    scenarios = builtin_scenarios()
    if args.json:
        print_json({"scenarios": [{"name": k, "description": v} for k, v in scenarios.items()]})
        return 0
    width = max(map(len, scenarios), default=0)
    for name, description in scenarios.items():
        print(f"{name:<{width}}  {description}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file)
    print(
        f"{args.file}: valid scenario '{scenario.name}' "
        f"({scenario.organisation.employees} employees, {scenario.run.weeks} weeks)"
    )
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    app = Path(__file__).resolve().parents[1] / "dashboards" / "app.py"
    if not app.is_file():
        raise UsageError(f"the dashboard is not installed here (no {app})")
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port)]
    if args.headless:
        command += ["--server.headless", "true"]
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    return subprocess.call(command, env=env)


# --- parser -------------------------------------------------------------------------------------

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="loslaten", description="Simulate trust versus control in organisations."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("run", help="run one scenario and print its KPIs")
    p.add_argument("scenario", help="built-in scenario name or path to a YAML file")
    p.add_argument("--seed", type=_non_negative_int, default=1)
    p.add_argument("--weeks", type=_positive_int, default=None, help="horizon in weeks")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a field")
    p.add_argument("--out", metavar="DIR", help="write the weekly series (CSV and Parquet)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    COMMANDS["run"] = cmd_run

    p = sub.add_parser("scenarios", help="list the built-in scenarios")
    p.add_argument("--json", action="store_true")
    COMMANDS["scenarios"] = cmd_scenarios

    p = sub.add_parser("validate", help="check a scenario file and explain every problem")
    p.add_argument("file")
    COMMANDS["validate"] = cmd_validate

    p = sub.add_parser("dashboard", help="start the Streamlit dashboard")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--headless", action="store_true")
    COMMANDS["dashboard"] = cmd_dashboard

    from sim.experiments.cli import register as register_experiments

    register_experiments(sub, COMMANDS)
    return parser


def _whole_number(text: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"{value} must be at least {minimum}")
    return value


def _positive_int(text: str) -> int:
    return _whole_number(text, 1)


def _non_negative_int(text: str) -> int:
    return _whole_number(text, 0)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ScenarioError as err:
        print(f"loslaten: {err}", file=sys.stderr)
        return INVALID
    except (UsageError, ExperimentError) as err:
        print(f"loslaten: {err}", file=sys.stderr)
        return INVALID
    except KeyboardInterrupt:
        print("loslaten: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # an internal error: say so briefly, no traceback
        print(f"loslaten: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        if os.environ.get("LOSLATEN_DEBUG"):
            raise
        return 1


if __name__ == "__main__":
    # Run the imported module's main, so that `python -m sim.cli` and the extensions share one
    # copy of this module (and of UsageError).
    from sim.cli import main as entry_point

    sys.exit(entry_point())
