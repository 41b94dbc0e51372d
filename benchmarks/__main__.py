"""``python -m benchmarks`` (``make bench``): wall time, throughput and peak memory per case.

Each case runs in its own fresh subprocess; the table shows the median of its repeats, employee-
weeks per second (every simulated week counts: the unseen warm-up too), and the subprocess's peak
resident memory. Ratios, per employee-week, are taken within one run of
the benchmark (the reference yardstick, growth from 10k to 1M), so they are comparable even on a
busy machine. Results go to ``benchmarks/results/`` as ``<timestamp>.json``/``.csv`` and
``latest.json``.

    python -m benchmarks              # every case
    python -m benchmarks --quick      # the fast ones
    python -m benchmarks --case 1k-520 --case workshop-batch --repeats 3
    python -m benchmarks --case explain-5 --case sweep-7x7x2 --case calibrate-2

The experiment cases report their time in runs' time: each repeat ÷ one 200 × 260 run timed just
before it in the same process (the median of those ratios).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.cases import BY_NAME, CASES, Case

RESULTS = Path(__file__).with_name("results")


def run_case(case: Case, repeats: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.cases", case.name, str(repeats)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if out.returncode != 0:
        return {"case": case.name, "error": out.stderr.strip().splitlines()[-1:]}
    got = json.loads(out.stdout.strip().splitlines()[-1])
    median = statistics.median(got["seconds"])
    row = {
        "case": case.name,
        "employees": case.employees,
        "weeks": case.weeks,
        "warmup_weeks": case.warmup_weeks,
        "reps": case.reps,
        "how": case.how,
        "repeats": len(got["seconds"]),
        "median_s": median,
        "min_s": min(got["seconds"]),
        "max_s": max(got["seconds"]),
        "cpu_s": statistics.median(got["cpu_seconds"]),
        # an experiment's runs are counted by the experiment: its cost is in runs' time
        "employee_weeks_per_s": None if case.max_runs else case.employee_weeks / median,
        "peak_rss_mb": got["peak_rss_mb"],
        "rss_after_import_mb": got["rss_after_import_mb"],
        "target": case.target,
    }
    met = [median <= case.max_seconds] if case.max_seconds else []
    met += [got["peak_rss_mb"] <= case.max_rss_mb] if case.max_rss_mb else []
    if case.max_runs:
        pairs = zip(got["seconds"], got["run_seconds"], strict=True)
        row["runs"] = statistics.median(s / r for s, r in pairs)
        row["run_s"] = statistics.median(got["run_seconds"])
        met.append(row["runs"] <= case.max_runs)
    row["met"] = all(met) if met else None
    return row


#: label: (slower case, faster case, lowest allowed, highest allowed), per employee-week
RATIOS = {
    "reference / 1k-520 (target ≥ 50)": ("reference-1k-26", "1k-520", 50.0, None),
    "reference / 1k-520-core (like for like)": ("reference-1k-26", "1k-520-core", None, None),
    "1m-52 / 10k-52 (target ≤ 1.5)": ("1m-52", "10k-52", None, 1.5),
    "workshop serial / batch": ("workshop-serial", "workshop-batch", None, None),
}


def ratios(rows: dict[str, dict]) -> dict[str, dict]:
    """Ratios of time per employee-week, from cases measured in this same run."""

    def per_week(name: str) -> float | None:
        row = rows.get(name)
        if not row:
            return None
        weeks = row["weeks"] + row["warmup_weeks"]
        return row["median_s"] / (row["employees"] * weeks * row["reps"])

    out = {}
    for label, (a, b, low, high) in RATIOS.items():
        if per_week(a) and per_week(b):
            value = per_week(a) / per_week(b)
            met = (low is None or value >= low) and (high is None or value <= high)
            out[label] = {"ratio": value, "met": met if low or high else None}
    return out


def table(rows: list[dict]) -> str:
    lines = [
        "| case | employees × (warm-up + weeks) × reps | median s | min–max s | CPU s "
        "| employee-weeks/s | peak RSS MB | target | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['case']} | error: {r['error']} ||||||||")
            continue
        met = {True: "yes", False: "**no**", None: ""}[r["met"]]
        runs = f" = {r['runs']:.1f} runs of {r['run_s']:.3f} s" if "runs" in r else ""
        lines.append(
            f"| {r['case']} | {r['employees']:,} × ({r['warmup_weeks']} + {r['weeks']}) "
            f"× {r['reps']} "
            f"| {r['median_s']:.3f}{runs} | {r['min_s']:.3f}–{r['max_s']:.3f} | {r['cpu_s']:.3f} "
            f"| {_count(r['employee_weeks_per_s'])} | {r['peak_rss_mb']:,.0f} "
            f"| {r['target']} | {met} |"
        )
    return "\n".join(lines)


def _count(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the fast cases")
    parser.add_argument("--case", action="append", choices=list(BY_NAME), help="run this case")
    parser.add_argument("--repeats", type=int, help="repeats per case (default: per case)")
    args = parser.parse_args(argv)
    cases = [BY_NAME[n] for n in args.case] if args.case else CASES
    if args.quick:
        cases = [c for c in cases if c.quick]
    rows = []
    for case in cases:
        print(f"… {case.name}", file=sys.stderr, flush=True)
        rows.append(run_case(case, args.repeats or case.repeats))
    found = ratios({r["case"]: r for r in rows if "error" not in r})
    print(table(rows))
    print()
    for label, value in found.items():
        verdict = {True: "met", False: "NOT met", None: ""}[value["met"]]
        print(f"- {label}: {value['ratio']:.1f}× {verdict}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "timestamp": stamp,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average": os.getloadavg(),
        "cases": rows,
        "ratios": found,
    }
    RESULTS.mkdir(exist_ok=True)
    for path in (RESULTS / f"{stamp}.json", RESULTS / "latest.json"):
        path.write_text(json.dumps(report, indent=1) + "\n")
    with (RESULTS / f"{stamp}.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=sorted({k for r in rows for k in r}))
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwritten to {RESULTS}/{stamp}.json, .csv and latest.json", file=sys.stderr)
    met = [r.get("met") is not False and "error" not in r for r in rows]
    met += [value["met"] is not False for value in found.values()]
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
