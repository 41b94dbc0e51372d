"""``python -m benchmarks.scaling``: how an experiment scales with its workers.

The workload is the teacher's sweep of the ``sweep-21x21x10`` case: trust × control on a 21 × 21
grid, 10 replications of 100 employees × 260 weeks (``--grid`` for a smaller one). It runs

* in this process (the serial executor: the whole sweep in the fewest, largest groups);
* on the process executor with 1 and 2 workers (the baseline for scaling);
* on a Dask cluster on the loopback interface with 1 and 2 workers: a scheduler and workers
  started beforehand as their own processes (``dask scheduler``, ``dask worker --nthreads 1``),
  as a user's cluster would be, each worker warmed up (the simulator imported) before timing,
  and joined by ``Execution("dask", scheduler=...)``.

Each is timed from the call to the last result. Speed-up is against the same executor with one
worker.

**8 and 32 workers** are beyond this machine, so they are predicted: the runner's groups for that
many workers (``sim.experiments.batches.parts_for``), each costing what a group of its size costs
on one core here (measured for sizes 1 to 20) plus the per-group overhead of the executor
(measured: its one-worker time minus the groups' cost), scheduled longest first on the workers.
The same prediction for 1 and 2 workers is shown beside the measurements, so the model can be
checked where it can. It assumes a core per worker and a scheduler that keeps up.

    python -m benchmarks.scaling [--grid 21] [--reps 10]
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

import sim
from benchmarks.cases import SWEEP_POINTS
from sim.experiments.batches import (
    SMALLEST_GROUP,
    common_batch,
    group_batches,
    parts_for,
    simulate,
)
from sim.experiments.sweep import sweep_grid

RESULTS = Path(__file__).with_name("results")
EMPLOYEES = 100
GROUP_SIZES = (1, 2, 3, 5, 8, 13, 20)
PREDICTED = (1, 2, 8, 32)


def workload(grid: int) -> tuple[sim.Scenario, dict[str, list[float]]]:
    """The sweep: the baseline at 100 employees, trust × control on ``grid`` values each."""
    values = [i / (grid - 1) for i in range(grid)]
    scenario = sim.load_scenario("baseline").with_overrides(**{"organisation.employees": EMPLOYEES})
    return scenario, {"levers.trust": values, "levers.control": values}


def timed_sweep(grid: int, reps: int, executor) -> float:
    scenario, vary = workload(grid)
    start = time.perf_counter()
    sim.sweep(scenario, vary, reps=reps, executor=executor)
    return time.perf_counter() - start


def batches_of(grid: int, reps: int) -> list:
    """The sweep's points as the runner's batches, one per point (with the base seed: seeds do
    not change what a group costs)."""
    scenario, vary = workload(grid)
    return [common_batch(s, reps, 1, point) for point, s in sweep_grid(scenario, vary)[1]]


def group_costs(batches: list) -> dict[int, float]:
    """CPU seconds of one group of each size in :data:`GROUP_SIZES`, on one core here."""
    simulate(batches[:1])  # warm
    costs = {}
    for size in GROUP_SIZES:
        start = time.process_time()
        simulate(batches[:size])
        costs[size] = time.process_time() - start
    return costs


def groups_for(batches: list, workers: int) -> list[list[int]]:
    """The runner's groups of ``batches`` for ``workers`` workers."""
    return group_batches(batches, range(len(batches)), parts_for(workers, len(batches)))


def predicted(groups: list, workers: int, costs: dict[int, float], overhead: float) -> float:
    """Wall time of ``groups`` on ``workers`` workers: each its size's cost plus ``overhead``,
    longest first onto the least busy worker."""
    sizes = sorted(costs)
    cost = np.interp([len(g) for g in groups], sizes, [costs[s] for s in sizes]) + overhead
    busy = [0.0] * workers
    for c in sorted(cost, reverse=True):
        heapq.heappush(busy, heapq.heappop(busy) + c)
    return max(busy)


class LoopbackCluster:
    """A Dask scheduler and ``workers`` single-threaded workers as processes of their own on
    127.0.0.1, like an existing cluster; ``address`` to join it."""

    def __init__(self, workers: int) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="loslaten-dask-"))
        file = self.folder / "scheduler.json"
        dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or "dask"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.processes = [
            subprocess.Popen(
                [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                 "--scheduler-file", str(file)],
                **quiet,
            )
        ]  # fmt: skip
        self.processes.append(
            subprocess.Popen(
                [dask, "worker", "--scheduler-file", str(file), "--nworkers", str(workers),
                 "--nthreads", "1", "--no-dashboard"],
                **quiet,
            )
        )  # fmt: skip
        try:
            from distributed import Client

            with Client(scheduler_file=str(file), timeout=60) as client:
                client.wait_for_workers(workers, timeout=120)
                client.run(simulate, warm_up())
                self.address = client.scheduler.address
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> LoopbackCluster:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def warm_up() -> list:
    """A group of the workload's own shape: run once in each process before timing, so that
    timing leaves imports and first allocations out."""
    return batches_of(2, 10)[:SMALLEST_GROUP]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--grid", type=int, default=SWEEP_POINTS, help="values per lever (default %(default)s)"
    )
    parser.add_argument("--reps", type=int, default=10, help="replications per point")
    args = parser.parse_args(argv)
    grid, reps = args.grid, args.reps
    print(f"sweep {grid} × {grid} × {reps} of {EMPLOYEES} employees; {os.cpu_count()} cores")
    simulate(warm_up())
    measured: dict[str, dict[int, float]] = {"serial": {1: timed_sweep(grid, reps, "serial")}}
    print(f"serial: {measured['serial'][1]:.1f} s", flush=True)
    for workers in (1, 2):
        seconds = timed_sweep(grid, reps, sim.Execution("process", workers=workers))
        measured.setdefault("process", {})[workers] = seconds
        print(f"process, {workers} worker(s): {seconds:.1f} s", flush=True)
    for workers in (1, 2):
        with LoopbackCluster(workers) as cluster:
            seconds = timed_sweep(grid, reps, sim.Execution("dask", scheduler=cluster.address))
        measured.setdefault("dask", {})[workers] = seconds
        print(f"dask, {workers} worker(s): {seconds:.1f} s", flush=True)
    batches = batches_of(grid, reps)
    costs = group_costs(batches)
    rows = []
    alone = groups_for(batches, 1)
    for kind in ("process", "dask"):
        overhead = max(0.0, measured[kind][1] - predicted(alone, 1, costs, 0.0)) / len(alone)
        one = predicted(alone, 1, costs, overhead)
        for workers in PREDICTED:
            groups = groups_for(batches, workers)
            guess = predicted(groups, workers, costs, overhead)
            got = measured[kind].get(workers)
            rows.append(
                {
                    "executor": kind,
                    "workers": workers,
                    "groups": len(groups),
                    "measured_s": got,
                    "measured_speedup": measured[kind][1] / got if got else None,
                    "predicted_s": guess,
                    "predicted_speedup": one / guess,
                    "overhead_per_group_s": overhead,
                }
            )
    print("\n| executor | workers | groups | measured s | speed-up | predicted s | speed-up |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        m = f"{r['measured_s']:.1f}" if r["measured_s"] else "—"
        ms = f"×{r['measured_speedup']:.2f}" if r["measured_speedup"] else "—"
        print(
            f"| {r['executor']} | {r['workers']} | {r['groups']} | {m} | {ms} | "
            f"{r['predicted_s']:.1f} | ×{r['predicted_speedup']:.2f} |"
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scaling-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "grid": grid,
                "reps": reps,
                "employees": EMPLOYEES,
                "serial_s": measured["serial"][1],
                "group_cpu_s": costs,
                "rows": rows,
            },
            indent=1,
        )
    )
    print(f"\n→ {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
