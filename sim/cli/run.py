"""The commands for one scenario: ``run``, ``scenarios``, ``validate``, and ``dashboard``."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from sim.cli.output import clean, print_json, print_kpis
from sim.cli.parsing import UsageError, non_negative_int, parse_sets, positive_int
from sim.runner import run
from sim.scenario import builtin_scenarios, load_scenario
from sim.workshop.store import DB_ENVIRONMENT, DEFAULT_DB

STREAMLIT_OPTIONS = {
    "server.maxUploadSize": "1",  # MB: scenario files are small; the app checks them too
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "minimal",  # no menu of English developer items
    "theme.primaryColor": "#0072B2",  # colour-blind safe blue (sim.charts)
    # No full garbage collection after every run: each phone in a room session reruns a
    # fragment every second, and a forced collection of this process costs ~0.1 s of CPU each
    # time (30 phones would keep a core busy with it alone); Python still collects as it goes.
    "runner.postScriptGC": "false",
    # No watching of the source files: a served dashboard is not being edited, and after every
    # run (each phone's poll included) the watcher looks at every imported module's path: 9 idle
    # screens cost the server 0.12-0.13 core with it, 0.09-0.10 without (docs/dashboard.md).
    "server.fileWatcherType": "none",
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add these commands to the ``loslaten`` parser."""
    p = sub.add_parser("run", help="run one scenario and print its KPIs")
    p.add_argument("scenario", help="built-in scenario name or path to a YAML file")
    p.add_argument("--seed", type=non_negative_int, default=1)
    p.add_argument("--weeks", type=positive_int, default=None, help="horizon in weeks")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a field")
    p.add_argument("--out", metavar="DIR", help="write the weekly series (CSV and Parquet)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("scenarios", help="list the built-in scenarios")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_scenarios)

    p = sub.add_parser("validate", help="check a scenario file and explain every problem")
    p.add_argument("file")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("dashboard", help="start the Streamlit dashboard")
    p.add_argument("--port", type=positive_int, default=8501)
    p.add_argument("--headless", action="store_true")
    p.add_argument(
        "--workshop-db",
        metavar="FILE",
        help=f"the room sessions' database (default ${DB_ENVIRONMENT}, else {DEFAULT_DB})",
    )
    p.set_defaults(handler=cmd_dashboard)


def cmd_run(args: argparse.Namespace) -> int:
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
        (out / "kpis.json").write_text(json.dumps(clean(result.kpis), indent=2) + "\n")
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
    command = [sys.executable, "-m", "streamlit", "run", str(dashboard_app())]
    options = {**STREAMLIT_OPTIONS, "server.port": str(args.port)}
    if args.headless:
        options["server.headless"] = "true"
    for name, value in options.items():
        command += [f"--{name}", value]
    if args.workshop_db:  # the server's pages read it from the environment
        os.environ[DB_ENVIRONMENT] = str(Path(args.workshop_db).expanduser().resolve())
    return run_until_stopped(command)


def dashboard_app() -> Path:
    """The dashboard's ``app.py``: in the installed package (``sim/dashboard``) or beside the
    package in a checkout (``dashboards/``)."""
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "dashboard", package.parent / "dashboards"):
        if (folder / "app.py").is_file():
            return folder / "app.py"
    raise UsageError(f"the dashboard is not installed here (no app.py in {package / 'dashboard'})")


def run_until_stopped(command: list[str]) -> int:
    """Run ``command`` as a child process until it ends; SIGINT and SIGTERM sent to this
    process are passed on to it (so stopping ``loslaten dashboard`` stops the server too)."""
    child = subprocess.Popen(command)

    def forward(signum: int, _frame: object) -> None:
        if os.name == "posix":
            child.send_signal(signum)
        else:  # Windows: Ctrl-C reaches the child's console already; SIGTERM ends it
            child.terminate()

    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, forward) for s in stops}
    try:
        code = child.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    return code if code >= 0 else 128 - code  # killed by signal n: 128 + n, as a shell says
