"""What a report shows, simulated: the variants compared (one experiment, the same random
numbers for each) and, optionally, why two of them differ in the outcome the question is about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sim import texts
from sim.ensemble import Ensemble
from sim.experiments.batches import checked_reps, common_batch
from sim.experiments.compare import compare_batches, comparison, labelled
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import Progress, run_batches
from sim.experiments.executors import Execution
from sim.experiments.explain import SEGMENTS, decompose, explain
from sim.experiments.explain import variants as channel_settings
from sim.experiments.summaries import kpi_check
from sim.experiments.uncertainty import ensemble_of, members_of
from sim.scenario import Scenario

HEADLINE = (
    "burnout_rate",
    "engagement_rate",
    "productivity",
    "absence_rate",
    "manager_hours",
    "profit",
)
"""The outcomes a report shows unless told otherwise; the first is the one a question is about
unless told otherwise."""
CLIENT_MOST = 80
"""The longest client name a report takes (characters)."""
QUESTION_MOST = 300
"""The longest question a report takes (characters)."""


@dataclass(frozen=True)
class Why:
    """Why two variants differ in one outcome: ``sim.explain``'s parts for ``b − a``."""

    a: str
    b: str
    kpi: str
    reps: int
    parts: pd.DataFrame


@dataclass(frozen=True)
class Findings:
    """What a report shows: the variants (by label, the first the reference), their comparison
    (``sim.compare``'s frame), their weekly series in long form (``scenario``, ``rep``, ``week``,
    series) and, optionally, why two of them differ and the plausible models."""

    variants: dict[str, Scenario]
    reps: int
    seed: int
    summary: pd.DataFrame
    series: pd.DataFrame
    why: Why | None = None
    models: Ensemble | None = None
    """The plausible models every variant also ran under (the summary then has each
    difference's models band and verdict, :mod:`sim.experiments.uncertainty`)."""


def variants(scenarios: Sequence[str | Path | Scenario]) -> dict[str, Scenario]:
    """The variants of a comparison by the labels the report and ``sim.compare`` give them (a
    scenario's name, duplicates told apart as ``name (2)``)."""
    return labelled(scenarios)


def about(kpis: Sequence[str], why: str | bool = True) -> str:
    """The outcome the client's question is about: ``why`` when it names one, else the first
    outcome shown (burn-out by default)."""
    return why if isinstance(why, str) else kpis[0]


def checked_words(value: str | None, field: str, most: int, lang: str = "en") -> str | None:
    """A client's name or question as the report prints it (spaces trimmed; ``None``: not
    given), else an error in ``lang`` naming ``field`` and what is allowed."""
    if value is None:
        return None
    words = " ".join(str(value).split())
    if not words:
        raise ExperimentError(texts.text("board.field_empty", lang, field=field, most=most))
    if len(words) > most:
        raise ExperimentError(
            texts.text("board.field_long", lang, field=field, count=len(words), most=most)
        )
    return words


def compare_with_series(
    scenarios: Sequence[str | Path | Scenario],
    *,
    reps: int = 10,
    seed: int = 1,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
    ensemble: int | Ensemble | None = None,
) -> tuple[dict[str, Scenario], pd.DataFrame, pd.DataFrame]:
    """The variants by label, ``sim.compare``'s frame and the weekly series of every
    replication, from one experiment (the same runs as ``sim.compare``, with ``ensemble`` its
    models band; the series are the unperturbed model's)."""
    named = variants(scenarios)
    base = compare_batches(named, reps, seed)
    others = compare_batches(named, reps, seed, members_of(ensemble), unperturbed=False)
    total = sum(b.reps for b in base + others)
    table, series = run_batches(
        base,
        {"kind": "compare"},
        executor=executor,
        series=True,
        progress=_within(progress, 0, total),
    )
    if others:
        models, _ = run_batches(
            others,
            {"kind": "compare"},
            executor=executor,
            progress=_within(progress, total - sum(b.reps for b in others), total),
        )
        table = pd.concat([table, models], ignore_index=True)
    return named, comparison(table), series


def _within(progress: Progress, done: int, total: int) -> Progress:
    """``progress`` for a part of an experiment whose earlier parts ran ``done`` of ``total``
    runs."""
    if not callable(progress):
        return progress
    return lambda runs, _: progress(done + runs, total)


def findings(
    scenarios: Sequence[str | Path | Scenario],
    *,
    reps: int = 10,
    seed: int = 1,
    kpis: Sequence[str] | None = None,
    why: str | bool = True,
    why_with: int = 1,
    why_reps: int = 5,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
    ensemble: int | Ensemble | None = None,
) -> Findings:
    """Simulate what a report shows. ``why`` is the outcome to explain, ``True`` for the one
    the question is about (:func:`about`), ``False`` for none; it explains variant ``why_with``
    against the first, over ``why_reps`` replications. With ``ensemble`` every variant also runs
    under the plausible models (the explanation stays the unperturbed model's)."""
    kpis = kpi_check(kpis or HEADLINE)
    reps, why_reps = checked_reps(reps), checked_reps(why_reps)
    if isinstance(why, str):
        kpi_check([why])
    stages = 2 if why is not False and len(scenarios) > 1 else 1

    def stage(index: int) -> Progress:
        if not callable(progress):
            return progress
        return lambda done, total: progress((index + done / total) * total, stages * total)

    models = ensemble_of(ensemble)
    named, summary, series = compare_with_series(
        scenarios, reps=reps, seed=seed, executor=executor, progress=stage(0), ensemble=models
    )
    labels = list(named)
    explained = None
    if stages == 2:
        if not 1 <= why_with < len(labels):
            raise ExperimentError(
                f"why_with {why_with} is not allowed; choose a variant from 1 to {len(labels) - 1}"
            )
        b = labels[why_with]
        parts = explain(
            named[labels[0]],
            named[b],
            reps=why_reps,
            seed=seed,
            executor=executor,
            progress=stage(1),
        )
        explained = Why(labels[0], b, about(kpis, why), why_reps, parts)
    return Findings(named, reps, seed, summary, series, explained, models)


def side_runs(
    scenario: Scenario, *, reps: int, seed: int, progress: Progress = False
) -> pd.DataFrame:
    """One variant's runs for ``sim.explain`` (every channel setting it needs, a row per
    replication tagged ``variant``). They do not depend on the variant it is explained against,
    so a caller can keep the reference's runs for every pair it is part of (:func:`explained`)."""
    own = scenario.mechanisms
    batches = []
    for label, switches in channel_settings(SEGMENTS).items():
        change = {f"mechanisms.{m}": t * getattr(own, m) for m, t in switches.items()}
        variant = scenario.with_overrides(**change)
        batches.append(common_batch(variant, reps, seed, {"variant": label}))
    table, _ = run_batches(batches, {"kind": "explain"}, progress=progress)
    return table


def side_size(reps: int) -> int:
    """The simulations :func:`side_runs` runs."""
    return len(channel_settings(SEGMENTS)) * reps


def explained(a_runs: pd.DataFrame, b_runs: pd.DataFrame) -> pd.DataFrame:
    """``sim.explain``'s frame for ``b − a`` from the two sides' :func:`side_runs`."""
    return decompose(pd.concat([a_runs.assign(side="a"), b_runs.assign(side="b")]))
