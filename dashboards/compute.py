"""Experiments for the pages: cached (keyed by the scenarios' JSON and shared by every session,
each given its own copy), with a progress bar while they run and a stopwatch."""

from __future__ import annotations

import copy
import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

import sim
from sim import report, texts

from i18n import lang, t


@contextmanager
def stopwatch() -> Iterator[SimpleNamespace]:
    """Time a block; ``.seconds`` holds the result afterwards."""
    watch = SimpleNamespace(seconds=0.0)
    start = time.perf_counter()
    yield watch
    watch.seconds = time.perf_counter() - start


def seconds(value: float) -> str:
    return texts.number(value, lang(), 1)


@contextmanager
def progress(runs: int | None) -> Iterator[Callable[[float, int], None]]:
    """A progress bar for a computation of ``runs`` simulations (None: as many as it will tell):
    the function to tell it ``(done, total)``; it disappears when done."""
    words = t("common.computing") if runs is None else t("common.running", runs=runs)
    bar = st.progress(0.0, text=words)
    shown = [-1.0]

    def tell(done: float, total: int) -> None:
        share = min(1.0, done / max(total, 1))
        if share - shown[0] >= 0.01 or share >= 1:
            shown[0] = share
            bar.progress(share, text=t("common.progress", done=int(done), total=total))

    try:
        yield tell
    finally:
        bar.empty()


def memo(max_entries: int) -> Callable:
    """Like ``st.cache_data`` (one cache for all sessions, keyed by the arguments, the oldest
    entry dropped first, every caller given its own copy) for computations that show a progress
    bar as they go, which Streamlit's cache cannot replay. ``_progress`` is not part of the
    key."""

    def wrap(compute: Callable) -> Callable:
        store: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(compute)
        def cached(*args: Any, _progress: Any = False) -> Any:
            with lock:
                if args in store:
                    store.move_to_end(args)
                    return copy.deepcopy(store[args])
            found = compute(*args, _progress=_progress)
            with lock:
                store[args] = found
                while len(store) > max_entries:
                    store.popitem(last=False)
            return copy.deepcopy(found)

        cached.clear = store.clear
        return cached

    return wrap


def _scenario(scenario_json: str) -> sim.Scenario:
    return sim.Scenario.model_validate_json(scenario_json)


@memo(64)
def replicate(scenario_json: str, reps: int, seed: int, _progress=False) -> pd.DataFrame:
    """The weekly series of all replications in long form (``rep``, ``week``, series)."""
    return sim.replicate(
        _scenario(scenario_json), reps=reps, seed=seed, series=True, progress=_progress
    )


def window_means(series: pd.DataFrame, window: int, columns: tuple[str, ...]) -> pd.Series:
    """Mean over replications of each column's mean over the last ``window`` weeks.

    For the KPIs that are plain window means of their series (``sim/kpis.py``: quadrant shares,
    productivity, absence, manager hours, trust, profit) this is the KPI itself.
    """
    last = series[series["week"] > series["week"].max() - window]
    return last.groupby("rep")[list(columns)].mean().mean()


@memo(16)
def compare(scenario_jsons: tuple[str, ...], reps: int, seed: int, _progress=False):
    """``sim.compare``'s frame and the weekly series of the same runs (one experiment)."""
    _, summary, series = report.compare_with_series(
        [_scenario(js) for js in scenario_jsons], reps=reps, seed=seed, progress=_progress
    )
    return summary, series


@memo(32)
def explain_side(scenario_json: str, reps: int, seed: int, _progress=False) -> pd.DataFrame:
    """One variant's runs for "why" (``sim.report.side_runs``): kept for every pair it is part
    of, so changing the other variant leaves the reference's runs cached."""
    return report.side_runs(_scenario(scenario_json), reps=reps, seed=seed, progress=_progress)


def explain_runs(reps: int) -> int:
    """The simulations :func:`explain` runs for a pair when neither side is cached."""
    return 2 * report.side_size(reps)


@memo(16)
def explain(a_json: str, b_json: str, reps: int, seed: int, _progress=False) -> pd.DataFrame:
    """``sim.explain``'s frame for ``b − a``, from each side's cached runs (one progress bar over
    both; a side already computed moves it at once); kept itself too, so choosing another outcome
    to explain costs nothing."""
    sides = []
    for i, scenario_json in enumerate((a_json, b_json)):

        def tell(done: float, total: int, i: int = i) -> None:
            if callable(_progress):
                _progress(i * total + done, 2 * total)

        sides.append(explain_side(scenario_json, reps, seed, _progress=tell))
    return report.explained(*sides)


@memo(16)
def sweep(
    scenario_json: str,
    vary: tuple[tuple[str, tuple[float, ...]], ...],
    reps: int,
    seed: int,
    _progress=False,
) -> pd.DataFrame:
    return sim.sweep(_scenario(scenario_json), dict(vary), reps=reps, seed=seed, progress=_progress)


def grid(points: int) -> tuple[float, ...]:
    """``points`` evenly spaced lever values in [0, 1]."""
    return tuple(round(float(v), 3) for v in np.linspace(0.0, 1.0, points))


@memo(16)
def compare_models(
    scenario_jsons: tuple[str, ...], members: int, reps: int, seed: int, _progress=False
) -> pd.DataFrame:
    """``sim.compare`` over the first ``members`` plausible models (``ensemble=members``): the
    frame with each difference's models band and verdict, and ``attrs["members"]``."""
    return sim.compare(
        [_scenario(js) for js in scenario_jsons],
        reps=reps,
        seed=seed,
        ensemble=members,
        progress=_progress,
    )
