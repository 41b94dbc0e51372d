"""Replications and comparisons: batches of one or more scenarios with the common seed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim.experiments.batches import Batch, as_scenario, common_batch
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import Progress, run_batches
from sim.experiments.executors import Execution
from sim.experiments.summaries import paired_differences, summarise
from sim.experiments.uncertainty import member_differences, members_of, with_models_band
from sim.scenario import Scenario

if TYPE_CHECKING:
    from sim.ensemble import Ensemble


def replicate(
    scenario: str | Path | Scenario,
    *,
    reps: int = 10,
    seed: int = 1,
    series: bool = False,
    out: str | Path | None = None,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
) -> pd.DataFrame:
    """``reps`` replications of one scenario, simulated as one batch: a row per replication
    (``rep``, ``seed`` of the batch, KPIs), or with ``series`` the weekly series of all
    replications in long form (``rep``, ``week``, series)."""
    scenario = as_scenario(scenario)
    experiment = {
        "kind": "replicate",
        "scenario": scenario.model_dump(mode="json"),
        "reps": reps,
        "seed": seed,
        "series": series,
    }
    table, weekly = run_batches(
        [common_batch(scenario, reps, seed)],
        experiment,
        executor=executor,
        out=out,
        series=series,
        progress=progress,
    )
    return weekly if series else table


def labelled(scenarios: Iterable[str | Path | Scenario]) -> dict[str, Scenario]:
    """Scenarios by their names, duplicates told apart as ``name (2)``, ``name (3)``…"""
    out: dict[str, Scenario] = {}
    for source in scenarios:
        scenario = as_scenario(source)
        label, n = scenario.name, 1
        while label in out:
            n += 1
            label = f"{scenario.name} ({n})"
        out[label] = scenario
    if not out:
        raise ExperimentError("no scenarios to compare; give at least one")
    return out


def compare(
    scenarios: Sequence[str | Path | Scenario],
    *,
    reps: int = 10,
    seed: int = 1,
    out: str | Path | None = None,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
    ensemble: int | Ensemble | None = None,
) -> pd.DataFrame:
    """Mean and 95% interval per KPI per scenario, and the paired difference from the first.

    Columns ``scenario, kpi, mean, ci_low, ci_high, diff, diff_low, diff_high``. Every
    scenario's batch uses the same seed (common random numbers), so the differences are paired
    by replication.

    With ``ensemble`` (the first N members of the shipped ensemble, or an :class:`Ensemble`'s
    members) every scenario is also run under each plausible model (its coefficients set to the
    member's; the same seed, so paired within each member), side by side, and the frame gains
    ``models_n, models_low, models_high, models_holds, verdict``
    (:mod:`sim.experiments.uncertainty`; NaN/None on the first scenario's rows) and
    ``attrs["members"]``: a row per member, scenario and KPI with the member's mean (``mean``)
    and mean paired difference (``diff``). ``mean``, ``diff`` and their intervals stay those of
    the unperturbed model.
    """
    named = labelled(scenarios)
    models = members_of(ensemble)
    batches = compare_batches(named, reps, seed, models)
    experiment = {
        "kind": "compare",
        "scenarios": [s.model_dump(mode="json") for s in named.values()],
        "reps": reps,
        "seed": seed,
    }
    if models:
        experiment["ensemble"] = models
    table, _ = run_batches(batches, experiment, executor=executor, out=out, progress=progress)
    return comparison(table)


def compare_batches(
    named: dict[str, Scenario],
    reps: int,
    seed: int,
    models: Sequence[dict[str, float]] = (),
    unperturbed: bool = True,
) -> list[Batch]:
    """A comparison's batches, all with the common seed: per scenario (by label) the unperturbed
    model's (unless ``unperturbed`` is false) and each plausible model's (tagged ``member``)."""
    batches = []
    for label, scenario in named.items():
        if unperturbed:
            batches.append(common_batch(scenario, reps, seed, {"scenario": label}))
        batches += [
            common_batch(
                scenario.with_overrides(**model), reps, seed, {"scenario": label, "member": m}
            )
            for m, model in enumerate(models)
        ]
    return batches


def comparison(table: pd.DataFrame) -> pd.DataFrame:
    """The compare frame from one row per replication with a ``scenario`` column (and, for the
    plausible models' runs, a ``member`` column, empty on the unperturbed model's rows)."""
    models = table["member"].notna() if "member" in table else pd.Series(False, table.index)
    base = table[~models]
    summary = summarise(base, ["scenario"])
    groups = dict(tuple(base.groupby("scenario", sort=False)))
    first = groups[summary["scenario"].iloc[0]]
    diffs = {label: paired_differences(runs, first) for label, runs in groups.items()}
    summary[["diff", "diff_low", "diff_high"]] = [
        diffs[row.scenario][row.kpi] for row in summary.itertuples()
    ]
    if models.any():
        return with_models_band(summary, member_differences(table[models], first.scenario.iloc[0]))
    return summary
