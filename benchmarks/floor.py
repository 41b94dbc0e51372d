"""``python -m benchmarks.floor``: how far issue 22's targets are from what one core can do.

A compiled week removes numpy's cost per call, not the work itself. What is left per
employee-week is measured here, on this machine:

* **the random numbers**: every stream's draws counted by method over 26 weeks of 10,000
  employees, each priced at numpy's cost per number for arrays of 100,000 (a compiled pass that
  keeps the results draws exactly these, from the same generators);
* **the arithmetic**: the model's marginal cost per employee-week at 100,000 employees (13 and 39
  weeks, no warm-up, the best of two), where numpy's cost per call is spread thin, less the random
  numbers, divided by what one elementwise numpy pass costs per element at that size: about how
  many passes over the employees a week makes. A fused, compiled pass does each as an operation
  in registers; :data:`FUSED_NS` brackets its cost.

The floor per employee-week is the random numbers plus the fused arithmetic; each target is then
given as the time it allows per employee-week, against that floor.

    python -m benchmarks.floor [--json]
"""

from __future__ import annotations

import argparse
import collections
import json
import time

import numpy as np

import sim
from benchmarks.cases import CASES, workload
from sim.experiments.explain import SEGMENTS, variants
from sim.model import OrgModel

N = 100_000  # employees: numpy's cost per call is small next to its cost per element
FUSED_NS = (0.1, 0.3)  # one arithmetic operation per employee in a fused loop, ns (estimate)
PRICES = {  # how each method the streams use is priced: a call on an array of N
    "random": lambda g: g.random(N),
    "uniform": lambda g: g.uniform(0.0, 1.0, N),
    "standard_normal": lambda g: g.standard_normal(N),
    "normal": lambda g: g.normal(0.5, 0.1, N),
    "beta": lambda g: g.beta(2.0, 5.0, N),
    "gamma": lambda g: g.gamma(4.0, 0.25, N),
}
PASSES = {  # typical elementwise passes
    "multiply": lambda a, b, c: a * b,
    "clip": lambda a, b, c: np.clip(a, 0.2, 0.8),
    "where": lambda a, b, c: np.where(a > b, a, c),
}


class _Counting:
    """A generator that counts the numbers it hands out, by method."""

    def __init__(self, generator, counts: collections.Counter) -> None:
        self._generator, self._counts = generator, counts

    def __getattr__(self, name: str):
        found = getattr(self._generator, name)
        if not callable(found):
            return found

        def counted(*args, **kwargs):
            out = found(*args, **kwargs)
            self._counts[name] += np.size(out)
            return out

        return counted


def draws_per_employee_week(employees: int = 10_000, weeks: int = 26) -> dict[str, float]:
    """Random numbers drawn per employee-week, by generator method (the baseline)."""
    counts: collections.Counter = collections.Counter()
    model = OrgModel(sim.load_scenario("baseline", **{"organisation.employees": employees}), 1)
    model.streams = {name: _Counting(g, counts) for name, g in model.streams.items()}
    for _ in range(weeks):
        model.step()
    return {name: n / (employees * weeks) for name, n in counts.most_common()}


def _ns_per_element(call, repeats: int = 20) -> float:
    for _ in range(3):  # warm: the first calls page the new arrays in
        call()
    start = time.perf_counter()
    for _ in range(repeats):
        call()
    return (time.perf_counter() - start) / repeats / N * 1e9


def model_ns_per_employee_week() -> float:
    """The model's marginal cost per employee-week at :data:`N` employees."""
    best = {}
    for weeks in (13, 39):
        scenario = sim.load_scenario(
            "baseline",
            **{"organisation.employees": N, "run.weeks": weeks, "run.warmup_weeks": 0,
               "run.measure_weeks": weeks},
        )  # fmt: skip
        times = []
        for _ in range(2):
            start = time.perf_counter()
            sim.run(scenario, seed=1)
            times.append(time.perf_counter() - start)
        best[weeks] = min(times)
    return (best[39] - best[13]) / (N * 26) * 1e9


def targets(floor_ns: tuple[float, float], yardstick_ns: float) -> list[dict]:
    """Issue 22's targets as time per employee-week on one core, and the floor's time for each
    (``yardstick_ns``: the reference's cost per employee-week at 1,000 employees, this machine)."""
    warm = 78
    work = {  # employee-weeks, warm-up included; and the time the target allows (s)
        "≥ 100× the yardstick at 1,000 employees": (1, yardstick_ns / 100 * 1e-9),
        "one 200 × 260 run ≤ 0.1 s": (200 * (260 + warm), 0.1),
        "1M × 52 weeks ≤ 10 s": (1_000_000 * (52 + warm), 10.0),
        "explain, 5 replications, ≤ one yardstick run": (
            2 * len(variants(SEGMENTS)) * 5 * 200 * (260 + warm),  # each side's variants
            200 * (260 + warm) * yardstick_ns * 1e-9,
        ),
        "21 × 21 × 10 sweep (100 employees) ≤ 10 s": (441 * 10 * 100 * (260 + warm), 10.0),
    }
    rows = []
    for name, (weeks, allowed) in work.items():
        rows.append(
            {
                "target": name,
                "allowed_ns_per_employee_week": allowed / weeks * 1e9,
                "floor_seconds": [weeks * f * 1e-9 for f in floor_ns],
                "allowed_seconds": allowed,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument(
        "--yardstick-ns", type=float, default=None,
        help="the reference's ns per employee-week (default: measured, 1,000 × 26 weeks)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    generator = np.random.default_rng(1)
    draws = draws_per_employee_week()
    unpriced = set(draws) - set(PRICES)
    if unpriced:  # a stream method the floor would leave out: price it in PRICES
        raise SystemExit(f"no price for the streams' {', '.join(sorted(unpriced))}")
    priced = {m: _ns_per_element(lambda m=m: PRICES[m](generator)) for m in draws}
    random_ns = sum(draws[m] * priced[m] for m in priced)
    a, b, c = (np.random.default_rng(i).random(N) for i in range(3))
    passes = {k: _ns_per_element(lambda f=f: f(a, b, c)) for k, f in PASSES.items()}
    model_ns = model_ns_per_employee_week()
    count = (model_ns - random_ns) / float(np.median(list(passes.values())))
    floor_ns = tuple(random_ns + count * f for f in FUSED_NS)
    if args.yardstick_ns is None:  # the bench's own yardstick case
        case = next(c for c in CASES if c.how == "reference")
        start = time.perf_counter()
        workload(case)()
        yardstick_ns = (time.perf_counter() - start) / case.employee_weeks * 1e9
    else:
        yardstick_ns = args.yardstick_ns
    found = {
        "draws_per_employee_week": draws,
        "ns_per_number": priced,
        "random_ns_per_employee_week": random_ns,
        "ns_per_elementwise_pass": passes,
        "model_ns_per_employee_week_at_100k": model_ns,
        "passes_per_employee_week": count,
        "floor_ns_per_employee_week": floor_ns,
        "yardstick_ns_per_employee_week": yardstick_ns,
        "targets": targets(floor_ns, yardstick_ns),
    }
    if args.json:
        print(json.dumps(found, indent=1))
        return 0
    numbers = ", ".join(
        f"{m} {n:.2f} ({priced.get(m, float('nan')):.1f} ns)" for m, n in draws.items()
    )
    print(
        f"random numbers per employee-week: {sum(draws.values()):.1f}: {numbers} "
        f"= {random_ns:.0f} ns"
    )
    each = ", ".join(f"{k} {v:.2f} ns" for k, v in passes.items())
    print(f"the model at {N:,} employees: {model_ns:.0f} ns per employee-week, about {count:.0f} "
          f"elementwise passes ({each})")  # fmt: skip
    print(f"floor: {floor_ns[0]:.0f}–{floor_ns[1]:.0f} ns per employee-week (fused operations at "
          f"{FUSED_NS[0]}–{FUSED_NS[1]} ns); the yardstick {yardstick_ns:,.0f} ns")  # fmt: skip
    print("| target | allowed per employee-week | the floor's time | allowed |")
    print("|---|---|---|---|")
    for row in found["targets"]:
        low, high = row["floor_seconds"]
        unit, scale = ("ns", 1e9) if row["allowed_seconds"] < 1e-3 else ("s", 1)
        print(f"| {row['target']} | {row['allowed_ns_per_employee_week']:.0f} ns | "
              f"{low * scale:.3g}–{high * scale:.3g} {unit} | "
              f"{row['allowed_seconds'] * scale:.3g} {unit} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
