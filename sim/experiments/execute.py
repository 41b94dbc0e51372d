"""Executing an experiment: its batches computed on an executor, saved as they finish.

Batches are grouped (:func:`~sim.experiments.batches.group_batches`), each group is submitted to
the executor (:mod:`sim.experiments.executors`) and, with ``out``, every finished batch is saved
at once (:mod:`sim.experiments.store`), so that a killed experiment resumes where it stopped.

Progress is a bar on stderr (``progress=True``) or a function told ``(runs done, runs in all)``:
after every group, and after every week of a group computed in this process (the serial
executor), so a long wait always moves.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from sim.experiments.batches import Batch, group_batches, parts_for, simulate
from sim.experiments.executors import (
    Execution,
    SerialExecutor,
    as_completed,
    open_executor,
    workers_of,
)
from sim.experiments.store import BatchStore

Progress = bool | Callable[[float, int], None]
"""``True`` for a progress bar on stderr, or a function told ``(runs done, runs in all)``."""


def execute(
    batches: Sequence[Batch],
    executor: Any,
    *,
    store: BatchStore | None = None,
    series: bool = False,
    progress: Progress = False,
    desc: str = "runs",
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Compute ``batches`` on an open executor, skipping those already in ``store``.

    Returns one row per replication, batches in the order of ``batches`` (tags, ``rep``,
    ``seed``, KPIs) and, with ``series``, the weekly series of all replications in long form
    (tags, ``rep``, ``week``, series).
    """
    here = isinstance(executor, SerialExecutor)
    tables: list[pd.DataFrame | None] = [None] * len(batches)
    weekly: list[pd.DataFrame | None] = [None] * len(batches)
    todo = []
    for i in range(len(batches)):
        if store is not None and store.done(i):
            tables[i], weekly[i] = store.load(i, series)
        else:
            todo.append(i)
    total = sum(b.reps for b in batches)
    done = total - sum(batches[i].reps for i in todo)
    tell = progress if callable(progress) else None
    with tqdm(
        total=total,
        initial=done,
        desc=desc,
        unit="run",
        file=sys.stderr,
        disable=progress is not True,
    ) as bar:

        def finish(future: Any) -> None:
            nonlocal done
            group = pending.pop(future)
            for i, (tables[i], weekly[i]) in zip(group, future.result(), strict=True):
                if store is not None:
                    store.save(i, tables[i], weekly[i])
                bar.update(batches[i].reps)
                done += batches[i].reps
            if tell:
                tell(done, total)

        def weekly_progress(runs: int, weeks: int, week: int) -> None:
            tell(done + runs * week / weeks, total)

        if tell:
            tell(done, total)
        pending: dict[Any, list[int]] = {}
        # In this process and with nothing to save, fewer, larger groups are faster; an
        # experiment saved batch by batch keeps more of its work if it is killed.
        parts = 1 if here and store is None else parts_for(workers_of(executor), len(todo))
        for group in group_batches(batches, todo, parts):
            chosen = [batches[i] for i in group]
            on_week = None
            if tell and here:
                runs = sum(b.reps for b in chosen)
                on_week = partial(weekly_progress, runs, chosen[0].scenario.run.weeks)
            future = executor.submit(simulate, chosen, series, on_week)
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
    progress: Progress = False,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """:func:`execute` on ``executor``, opened for the experiment; with ``out`` each batch is
    saved under the manifest ``experiment`` (its ``kind`` labels the progress bar)."""
    store = BatchStore(out, experiment) if out is not None else None
    with open_executor(executor) as ex:
        return execute(
            batches, ex, store=store, series=series, progress=progress, desc=experiment["kind"]
        )
