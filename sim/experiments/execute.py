"""Executing an experiment: its batches computed on an executor, saved as they finish.

Batches are grouped (:func:`~sim.experiments.batches.group_batches`), each group is submitted to
the executor (:mod:`sim.experiments.executors`) and, with ``out``, every finished batch is saved
at once (:mod:`sim.experiments.store`), so that a killed experiment resumes where it stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from sim.experiments.batches import Batch, group_batches, simulate
from sim.experiments.executors import Execution, as_completed, open_executor
from sim.experiments.store import BatchStore


def execute(
    batches: Sequence[Batch],
    executor: Any,
    *,
    store: BatchStore | None = None,
    series: bool = False,
    progress: bool = False,
    desc: str = "runs",
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Compute ``batches`` on an open executor, skipping those already in ``store``.

    Returns one row per replication, batches in the order of ``batches`` (tags, ``rep``,
    ``seed``, KPIs) and, with ``series``, the weekly series of all replications in long form
    (tags, ``rep``, ``week``, series).
    """
    tables: list[pd.DataFrame | None] = [None] * len(batches)
    weekly: list[pd.DataFrame | None] = [None] * len(batches)
    todo = []
    for i in range(len(batches)):
        if store is not None and store.done(i):
            tables[i], weekly[i] = store.load(i, series)
        else:
            todo.append(i)
    total = sum(b.reps for b in batches)
    with tqdm(
        total=total,
        initial=total - sum(batches[i].reps for i in todo),
        desc=desc,
        unit="run",
        file=sys.stderr,
        disable=not progress,
    ) as bar:

        def finish(future: Any) -> None:
            group = pending.pop(future)
            for i, (tables[i], weekly[i]) in zip(group, future.result(), strict=True):
                if store is not None:
                    store.save(i, tables[i], weekly[i])
                bar.update(batches[i].reps)

        pending: dict[Any, list[int]] = {}
        for group in group_batches(batches, todo):
            future = executor.submit(simulate, [batches[i] for i in group], series)
            pending[future] = group
            if future.done():  # an in-process executor: save each group as it finishes
                finish(future)
        for future in as_completed(list(pending)):
            finish(future)
    table = pd.concat(tables, ignore_index=True)
    return table, pd.concat(weekly, ignore_index=True) if series else None


def run_batches(
    batches: list[Batch],
    experiment: dict[str, Any],
    *,
    executor: str | Execution | Any = "serial",
    out: str | Path | None = None,
    series: bool = False,
    progress: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """:func:`execute` on ``executor``, opened for the experiment; with ``out`` each batch is
    saved under the manifest ``experiment`` (its ``kind`` labels the progress bar)."""
    store = BatchStore(out, experiment) if out is not None else None
    with open_executor(executor) as ex:
        return execute(
            batches, ex, store=store, series=series, progress=progress, desc=experiment["kind"]
        )
