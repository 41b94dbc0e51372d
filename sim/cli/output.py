"""Command-line output: one JSON document, or aligned plain-text tables."""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import pandas as pd


def print_json(document: dict) -> None:
    """``document`` as one line of JSON on stdout (NaN written as null)."""
    sys.stdout.write(json.dumps(clean(document), allow_nan=False) + "\n")


def clean(value: Any) -> Any:
    """JSON-safe floats (NaN → None) and plain Python numbers, all the way down."""
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def print_kpis(kpis: dict[str, float]) -> None:
    """One KPI a line, names aligned."""
    width = max(map(len, kpis))
    for name, value in kpis.items():
        print(f"  {name:<{width}}  {value:8.3f}")


def print_table(columns: dict[str, list[str]], index: list[str] | None) -> None:
    """Columns of text, with ``index`` as row labels if given."""
    print(pd.DataFrame(columns, index=index).to_string(index=index is not None))


def plus_minus(mean: float, high: float, sign: bool = False) -> str:
    """``0.123 ± 0.010``: a mean and the half-width of its interval (the mean alone if none)."""
    text = f"{mean:+.3f}" if sign else f"{mean:.3f}"
    return f"{text} ± {high - mean:.3f}" if math.isfinite(high) else text


def estimates(rows: pd.DataFrame, mean: str, low: str, high: str) -> dict:
    """Per KPI of ``rows``, ``{"mean": …, "ci95": [low, high]}`` from the named columns."""
    return {r["kpi"]: {"mean": r[mean], "ci95": [r[low], r[high]]} for r in rows.to_dict("records")}
