"""The benchmark cases: organisation size × weeks × replications, each with its target.

Every case runs in a fresh subprocess (``python -m benchmarks.cases NAME REPEATS``) that times
only the simulation (imports excluded), repeats it and reports the wall and CPU times and its own
peak resident memory as one JSON line. CPU time beside wall time shows how busy the machine was:
on a shared machine a case can wait for a core.

The experiment cases (``explain-5``, ``sweep-7x7x2``, ``calibrate-2``, ``compare-ensemble-50``:
the answers a consultant or teacher waits for) are measured against one run of 200 employees ×
260 weeks timed in the same process, the yardstick and the case in turn, and reported in runs'
time: a ratio that holds on a busy machine, where wall times swing.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import sim
from benchmarks import ensemble
from benchmarks.reference.model import SWITCHED_OFF, ReferenceModel


@dataclass(frozen=True)
class Case:
    name: str
    employees: int
    weeks: int
    reps: int
    how: str  # "run", "batch", "pool", "reference" or "sweep"
    repeats: int  # runs whose median is reported
    quick: bool  # part of ``--quick``
    target: str = ""
    max_seconds: float | None = None
    max_rss_mb: float | None = None
    core_only: bool = False  # what the reference leaves out switched off
    max_runs: float | None = None  # an experiment's target, in runs' time (the yardstick's)

    @property
    def warmup_weeks(self) -> int:
        """The unseen weeks every model simulates before the measured ones."""
        return scenario(self).run.warmup_weeks

    @property
    def employee_weeks(self) -> int:
        """Employee-weeks simulated, the warm-up included."""
        return self.employees * (self.weeks + self.warmup_weeks) * self.reps


SWEEP_POINTS = 21
GRID = 7  # the teacher's heatmap: 7 × 7 lever values

CASES = [
    Case("1k-520", 1_000, 520, 1, "run", 5, True, "≤ 1 s, ≥ 50× reference", 1.0),
    Case(
        "1k-520-core",
        1_000,
        520,
        1,
        "run",
        5,
        True,
        "(like for like: what the reference leaves out off)",
        core_only=True,
    ),
    Case(
        "reference-1k-26",
        1_000,
        26,
        1,
        "reference",
        3,
        True,
        "yardstick (per empl.-week)",
        core_only=True,
    ),
    Case("workshop-batch", 200, 260, 10, "batch", 5, True, "≤ 1 s", 1.0),
    Case("workshop-pool", 200, 260, 10, "pool", 3, True, "(alternative: 2 processes)"),
    Case("workshop-serial", 200, 260, 10, "run", 3, True, "(before: one run after another)"),
    Case("10k-52", 10_000, 52, 1, "run", 5, True, "growth baseline"),
    Case("100k-52", 100_000, 52, 1, "run", 3, True, "≤ 10 s", 10.0),
    Case("1m-52", 1_000_000, 52, 1, "run", 3, False, "≤ 120 s, ≤ 4 GB", 120.0, 4096.0),
    Case("sweep-21x21x10", 100, 260, SWEEP_POINTS**2 * 10, "sweep", 1, False, "≤ 60 s", 60.0),
    Case("explain-5", 200, 260, 5, "explain", 3, True, "≤ 15 runs", max_runs=15.0),
    Case("sweep-7x7x2", 200, 260, GRID**2 * 2, "grid", 3, True, "≤ 20 runs", max_runs=20.0),
    Case("calibrate-2", 200, 260, 5, "calibrate", 3, True, "≤ 50 runs", max_runs=50.0),
    Case(
        f"compare-ensemble-{ensemble.MEMBERS}",
        200,
        260,
        ensemble.REPS,
        "ensemble",
        3,
        True,
        f"≤ {ensemble.MAX_RUNS:g} runs",
        max_runs=ensemble.MAX_RUNS,
    ),
]
BY_NAME = {case.name: case for case in CASES}


def scenario(case: Case) -> sim.Scenario:
    overrides = {"organisation.employees": case.employees, "run.weeks": case.weeks}
    overrides["run.measure_weeks"] = min(52, case.weeks)
    if case.core_only:
        overrides |= SWITCHED_OFF
    return sim.load_scenario("baseline", **overrides)


def workload(case: Case) -> Callable[[], object]:
    """What one repeat of ``case`` does."""
    s = scenario(case)
    if case.how == "run":
        return lambda: [sim.run(s, seed=seed) for seed in range(1, case.reps + 1)]
    if case.how == "batch":
        return lambda: sim.run_batch(s, case.reps, seed=1)
    if case.how == "pool":
        return lambda: _pool(s, case.reps)
    if case.how == "reference":

        def reference():
            model = ReferenceModel(s, seed=1)
            for _ in range(case.weeks):
                model.step()
            return model.kpis()

        return reference
    if case.how == "sweep":
        return lambda: _sweep(s, case.reps // SWEEP_POINTS**2)
    if case.how == "explain":  # what letting go changes, and why (the compare page's "why")
        let_go = s.with_overrides(**{"levers.trust": 0.8, "levers.control": 0.2})
        return lambda: sim.explain(s, let_go, reps=case.reps, executor="serial")
    if case.how == "grid":  # the explore page's heatmap
        values = [i / (GRID - 1) for i in range(GRID)]
        vary = {"levers.trust": values, "levers.control": values}
        return lambda: sim.sweep(s, vary, reps=case.reps // GRID**2, executor="serial")
    if case.how == "calibrate":  # a client's burnout and engagement figures
        targets = {"burnout_rate": 0.18, "engagement_rate": 0.25}
        return lambda: sim.calibrate(s, targets, reps=case.reps, executor="serial")
    if case.how == "ensemble":  # compare A B --ensemble 50 --reps 2
        return ensemble.compare_over_members(s)
    raise ValueError(case.how)


def _pool(s: sim.Scenario, reps: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(sim.run, [s] * reps, range(1, reps + 1)))


SWEEP_VALUES = [i / (SWEEP_POINTS - 1) for i in range(SWEEP_POINTS)]


def _sweep(s: sim.Scenario, reps: int):
    """21 × 21 points of trust × control, with the experiment runner (a batch per point)."""
    vary = {"levers.trust": SWEEP_VALUES, "levers.control": SWEEP_VALUES}
    return sim.sweep(s, vary, reps=reps, executor=sim.Execution("process", workers=2))


def yardstick() -> Callable[[], object]:
    """One run of the baseline, 200 employees × 260 weeks: the unit of the experiment cases."""
    s = sim.load_scenario("baseline")
    return lambda: sim.run(s, seed=1)


def measure(case: Case, repeats: int) -> dict:
    """Wall times of ``repeats`` repeats and this process's peak RSS, in a fresh process; for an
    experiment case also the yardstick's time, measured before each repeat."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    work = workload(case)
    unit = yardstick() if case.max_runs else None
    seconds, cpu, runs = [], [], []
    for _ in range(repeats):
        if unit:
            start = time.perf_counter()
            unit()
            runs.append(time.perf_counter() - start)
            gc.collect()
        start, start_cpu = time.perf_counter(), _cpu()
        work()
        seconds.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
        gc.collect()  # a Mesa model is a reference cycle: free it before the next repeat
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "run_seconds": runs,
        "peak_rss_mb": peak,
        "rss_after_import_mb": rss_before,
    }


def _cpu() -> float:
    """CPU seconds of this process and its finished children (a process pool's workers)."""
    me, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    print(json.dumps(measure(BY_NAME[sys.argv[1]], int(sys.argv[2]))))
