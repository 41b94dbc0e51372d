"""Why do two scenarios differ? Each KPI difference decomposed over the mechanisms.

Definition (ablation with common random numbers): with ``Δ = B − A`` the paired difference of a
KPI with every mechanism as the scenarios have it, and ``Δ₋ₘ`` the same difference with mechanism
``m`` switched off in both, the contribution of ``m`` is ``Δ − Δ₋ₘ``: how much of the difference
disappears without ``m``. Mechanisms interact, so the contributions need not add up to ``Δ``; the
``remainder`` is ``Δ − Σ contributions`` (interactions and what no single switch explains), so
contributions plus remainder equal the total exactly. A negative contribution means the mechanism
works against the difference. The remainder also holds the direct effect of the changed levers
(paths that no switch cuts: trust given follows the trust lever whatever is switched off).
Every variant is one batch with the same seed, so replication ``r`` of each is paired; each
mechanism draws from its own random stream, so switching one off leaves the others' draws as
they were. The parts still carry noise of their own (a changed state changes what follows),
shown by their intervals, and need more replications than the total to be resolved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.experiments.batches import as_scenario, common_batch
from sim.experiments.execute import run_batches
from sim.experiments.executors import Execution
from sim.experiments.summaries import interval
from sim.kpis import KPI_NAMES
from sim.scenario import Mechanisms, Scenario

MECHANISMS = tuple(Mechanisms.model_fields)


def explain(
    a: str | Path | Scenario,
    b: str | Path | Scenario,
    *,
    reps: int = 5,
    seed: int = 1,
    executor: str | Execution | Any = "serial",
    progress: bool = False,
) -> pd.DataFrame:
    """Contribution of each mechanism to each KPI difference ``b − a``.

    Columns ``kpi, part, contribution, ci_low, ci_high``; ``part`` is a mechanism,
    ``"remainder"`` or ``"total"``. Contributions plus remainder add up to the total.
    """
    a, b = as_scenario(a), as_scenario(b)
    batches = []
    for off in ("", *MECHANISMS):
        switch = {f"mechanisms.{off}": False} if off else {}
        for side, scenario in (("a", a), ("b", b)):
            variant = scenario.with_overrides(**switch)
            batches.append(common_batch(variant, reps, seed, {"side": side, "off": off}))
    table, _ = run_batches(batches, {"kind": "explain"}, executor=executor, progress=progress)
    return decompose(table)


def decompose(table: pd.DataFrame) -> pd.DataFrame:
    """The explain frame from a row per replication tagged ``side`` (a/b), ``off`` ("" or m)."""
    runs = table.set_index(["off", "side", "rep"])[list(KPI_NAMES)].sort_index()

    def difference(off: str) -> pd.DataFrame:
        return runs.loc[(off, "b")] - runs.loc[(off, "a")]

    total = difference("")
    rows = []
    for kpi in KPI_NAMES:
        parts = {m: (total - difference(m))[kpi].to_numpy() for m in MECHANISMS}
        means = {m: interval(v) for m, v in parts.items()}
        whole = interval(total[kpi].to_numpy())
        left = total[kpi].to_numpy() - np.sum(list(parts.values()), axis=0)
        _, low, high = interval(left)
        remainder = whole[0] - sum(means[m][0] for m in MECHANISMS)
        rows += [(kpi, m, *means[m]) for m in MECHANISMS]
        rows += [(kpi, "remainder", remainder, low, high), (kpi, "total", *whole)]
    return pd.DataFrame(rows, columns=["kpi", "part", "contribution", "ci_low", "ci_high"])
