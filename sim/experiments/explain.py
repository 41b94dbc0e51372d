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
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from sim.experiments.batches import as_scenario, common_batch
from sim.experiments.execute import Progress, run_batches
from sim.experiments.executors import Execution
from sim.experiments.summaries import interval
from sim.experiments.uncertainty import members_of, models_band
from sim.kpis import KPI_NAMES
from sim.scenario import Mechanisms, Scenario

if TYPE_CHECKING:
    from sim.ensemble import Ensemble

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
    progress: Progress = False,
    ensemble: int | Ensemble | None = None,
) -> pd.DataFrame:
    """Contribution of each channel to each KPI difference ``b − a``.

    Columns ``kpi, part, contribution, ci_low, ci_high``; ``part`` is a channel,
    ``"remainder"`` or ``"total"``. Contributions plus remainder add up to the total.

    With ``ensemble`` (as in :func:`~sim.experiments.compare.compare`) every variant also runs
    under each plausible model, all side by side, and each part gains its models band and verdict
    (``models_n, models_low, models_high, models_holds, verdict``) over the members'
    contributions; ``attrs["members"]`` holds them (``member, kpi, part, contribution``). The
    contributions and their intervals stay those of the unperturbed model.
    """
    a, b = as_scenario(a), as_scenario(b)
    models = members_of(ensemble)
    batches = []
    # side by side: one side's variants under every model share a structure, so they group
    for side, scenario in (("a", a), ("b", b)):
        own = scenario.mechanisms
        for m, model in enumerate([None, *models]):
            tags = {"side": side} if model is None else {"side": side, "member": m - 1}
            under = scenario if model is None else scenario.with_overrides(**model)
            for label, switches in variants(SEGMENTS).items():
                # strengths within [0, 1] times a valid switch: valid, so copied unvalidated
                change = {k: t * getattr(own, k) for k, t in switches.items()}
                variant = under.model_copy(update={"mechanisms": own.model_copy(update=change)})
                batches.append(common_batch(variant, reps, seed, {**tags, "variant": label}))
    table, _ = run_batches(batches, {"kind": "explain"}, executor=executor, progress=progress)
    if not models:
        return decompose(table)
    unperturbed = table["member"].isna()
    frame = decompose(table[unperturbed])
    members = pd.concat(
        [
            decompose(runs)[["kpi", "part", "contribution"]].assign(member=int(m))
            for m, runs in table[~unperturbed].groupby("member", sort=True)
        ],
        ignore_index=True,
    )[["member", "kpi", "part", "contribution"]]
    by_part = members.groupby(["kpi", "part"], sort=False)["contribution"]
    bands = pd.DataFrame(
        [models_band(by_part.get_group((r.kpi, r.part)).to_numpy()) for r in frame.itertuples()],
        index=frame.index,
    )
    out = pd.concat([frame, bands], axis=1)
    out.attrs["members"] = members
    return out


def decompose(table: pd.DataFrame) -> pd.DataFrame:
    """The explain frame from a row per replication tagged ``side`` (a/b) and ``variant``
    (labels of :func:`variants`)."""
    runs = table.set_index(["variant", "side", "rep"])[list(KPI_NAMES)].sort_index()
    labels = runs.index.get_level_values("variant").unique()
    # per variant, B − A for every replication (rows) and KPI (columns)
    d = {v: (runs.loc[(v, "b")] - runs.loc[(v, "a")]).to_numpy() for v in labels}
    segments = int(labels.str.extract(r"^=(\d+)$")[0].max())
    total = d[f"={segments}"]
    parts = {
        m: sum(
            0.5 * ((d[f"={k + 1}"] - d[f"-{m}@{k + 1}"]) + (d[f"+{m}@{k}"] - d[f"={k}"]))
            for k in range(segments)
        )
        for m in MECHANISMS
    }
    left = total - np.sum(list(parts.values()), axis=0)
    rows = []
    for j, kpi in enumerate(KPI_NAMES):
        means = {m: interval(parts[m][:, j]) for m in MECHANISMS}
        whole = interval(total[:, j])
        _, low, high = interval(left[:, j])
        remainder = whole[0] - sum(means[m][0] for m in MECHANISMS)
        rows += [(kpi, m, *means[m]) for m in MECHANISMS]
        rows += [(kpi, "remainder", remainder, low, high), (kpi, "total", *whole)]
    return pd.DataFrame(rows, columns=["kpi", "part", "contribution", "ci_low", "ci_high"])
