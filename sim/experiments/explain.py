"""Why do two scenarios differ? Each KPI difference decomposed over the named channels.

Every path by which a lever acts is a channel with a strength from 0 (off: it passes a fixed
reference level) to 1 (on) (``sim.scenario.Mechanisms``, ``sim/mechanisms/channels.py``). With
``Δ(s)`` the paired difference ``B − A`` of a KPI with every channel at a share ``s`` of the
strength each scenario gives it, the channels are turned up together from all off to as the
scenarios have them in ``SEGMENTS`` equal steps; within each step from ``t`` to ``t'`` channel
``m`` is credited with the average of what it adds when it moves last and when it moves first::

    φₘ += ½ [ (Δ(t'·1) − Δ(t'·1 with m at t)) + (Δ(t·1 with m at t') − Δ(t·1)) ]

Within a step this is the Shapley value of ``m`` whenever channels interact at most in pairs (an
interaction is split evenly between its two channels); the steps follow a KPI that bends along the
way — a share above a cut-off grows faster than the channels that move it — so the contributions
add up to ``Δ(all on) − Δ(all off)`` up to interactions among three or more channels within a
step. The ``remainder`` is the total less the contributions: the difference left with every
channel off (paths no switch cuts) plus those higher interactions. A negative contribution means
the channel works against the difference.

Every variant is one batch with the same seed, so replication ``r`` of each is paired (common
random numbers); each mechanism draws from its own random stream, so switching one off leaves
the others' draws as they were. The parts still carry noise of their own (a changed state
changes what follows), shown by their intervals.
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
SEGMENTS = 1


def variants(segments: int = SEGMENTS) -> dict[str, dict[str, float]]:
    """The channel strengths explain runs, by label: every channel at each step ``k/segments``
    (``"=k"``), and at each step one channel moved a step up (``"+m@k"``) or down
    (``"-m@k"``)."""
    at = [k / segments for k in range(segments + 1)]
    out = {f"={k}": dict.fromkeys(MECHANISMS, t) for k, t in enumerate(at)}
    for k in range(segments):
        for m in MECHANISMS:
            out[f"+{m}@{k}"] = {**out[f"={k}"], m: at[k + 1]}
            out[f"-{m}@{k + 1}"] = {**out[f"={k + 1}"], m: at[k]}
    return out


def explain(
    a: str | Path | Scenario,
    b: str | Path | Scenario,
    *,
    reps: int = 5,
    seed: int = 1,
    executor: str | Execution | Any = "serial",
    progress: bool = False,
) -> pd.DataFrame:
    """Contribution of each channel to each KPI difference ``b − a``.

    Columns ``kpi, part, contribution, ci_low, ci_high``; ``part`` is a channel,
    ``"remainder"`` or ``"total"``. Contributions plus remainder add up to the total.
    """
    a, b = as_scenario(a), as_scenario(b)
    batches = []
    for label, switches in variants(SEGMENTS).items():
        for side, scenario in (("a", a), ("b", b)):
            own = scenario.mechanisms
            change = {f"mechanisms.{m}": t * getattr(own, m) for m, t in switches.items()}
            variant = scenario.with_overrides(**change)
            batches.append(common_batch(variant, reps, seed, {"side": side, "variant": label}))
    table, _ = run_batches(batches, {"kind": "explain"}, executor=executor, progress=progress)
    return decompose(table)


def decompose(table: pd.DataFrame) -> pd.DataFrame:
    """The explain frame from a row per replication tagged ``side`` (a/b) and ``variant``
    (labels of :func:`variants`)."""
    runs = table.set_index(["variant", "side", "rep"])[list(KPI_NAMES)].sort_index()

    def difference(variant: str) -> pd.DataFrame:
        return runs.loc[(variant, "b")] - runs.loc[(variant, "a")]

    segments = int(runs.index.get_level_values("variant").str.extract(r"^=(\d+)$")[0].max())
    total = difference(f"={segments}")
    rows = []
    for kpi in KPI_NAMES:
        parts = {
            m: sum(
                0.5
                * (
                    (difference(f"={k + 1}") - difference(f"-{m}@{k + 1}"))[kpi].to_numpy()
                    + (difference(f"+{m}@{k}") - difference(f"={k}"))[kpi].to_numpy()
                )
                for k in range(segments)
            )
            for m in MECHANISMS
        }
        means = {m: interval(v) for m, v in parts.items()}
        whole = interval(total[kpi].to_numpy())
        left = total[kpi].to_numpy() - np.sum(list(parts.values()), axis=0)
        _, low, high = interval(left)
        remainder = whole[0] - sum(means[m][0] for m in MECHANISMS)
        rows += [(kpi, m, *means[m]) for m in MECHANISMS]
        rows += [(kpi, "remainder", remainder, low, high), (kpi, "total", *whole)]
    return pd.DataFrame(rows, columns=["kpi", "part", "contribution", "ci_low", "ci_high"])
