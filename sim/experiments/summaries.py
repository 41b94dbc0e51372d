"""Honest summaries of replications: means with Student-t 95% intervals, paired differences."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy.special import stdtrit

from sim.experiments.errors import ExperimentError
from sim.kpis import KPI_NAMES

LEVEL = 0.95


def interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and 95% Student-t interval of the finite values (NaN interval below two values)."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return math.nan, math.nan, math.nan
    mean = float(values.mean())
    if values.size < 2:
        return mean, math.nan, math.nan
    half = (
        float(stdtrit(values.size - 1, 0.5 + LEVEL / 2))
        * values.std(ddof=1)
        / math.sqrt(values.size)
    )
    return mean, mean - half, mean + half


def summarise(runs: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Long table ``by…, kpi, mean, ci_low, ci_high`` from one row per run (groups in order)."""
    rows = []
    for key, group in runs.groupby(by, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        for kpi in KPI_NAMES:
            rows.append((*key, kpi, *interval(group[kpi].to_numpy())))
    return pd.DataFrame(rows, columns=[*by, "kpi", "mean", "ci_low", "ci_high"])


def paired_differences(runs: pd.DataFrame, base: pd.DataFrame) -> dict[str, tuple]:
    """Per KPI the mean and 95% interval of ``runs − base``, paired by replication."""
    a = runs.set_index("rep")[list(KPI_NAMES)]
    b = base.set_index("rep")[list(KPI_NAMES)].loc[a.index]
    return {kpi: interval((a[kpi] - b[kpi]).to_numpy()) for kpi in KPI_NAMES}


def kpi_check(names: Iterable[str]) -> list[str]:
    """``names`` if they are all KPIs, else an error listing the KPIs."""
    names = list(names)
    unknown = [n for n in names if n not in KPI_NAMES]
    if unknown:
        raise ExperimentError(
            f"unknown KPI {', '.join(map(repr, unknown))}; KPIs are: {', '.join(KPI_NAMES)}"
        )
    return names
