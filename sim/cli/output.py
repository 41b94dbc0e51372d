"""Command-line output: one JSON document, or aligned plain-text tables."""

from __future__ import annotations

import json
import math
import sys

import pandas as pd

from sim.plain import plain as clean


def print_json(document: dict) -> None:
    """``document`` as one line of JSON on stdout (NaN written as null)."""
    sys.stdout.write(json.dumps(clean(document), allow_nan=False) + "\n")


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


def differences(rows: pd.DataFrame) -> dict:
    """Per KPI of a compare frame's ``rows``, the paired difference as :func:`estimates` and,
    over plausible models, ``"models": {"n", "low", "high", "holds"}`` and ``"verdict"`` (null
    for the reference)."""
    out = estimates(rows, "diff", "diff_low", "diff_high")
    if "verdict" in rows:
        for r in rows.to_dict("records"):
            out[r["kpi"]] |= models_band(r)
    return out


def models_band(row: dict) -> dict:
    """``{"models": {"n", "low", "high", "holds"}, "verdict"}`` from a row with the models
    columns (``models`` null where there is no band: the reference)."""
    if not math.isfinite(row["models_n"]):
        return {"models": None, "verdict": None}
    band = {"n": int(row["models_n"])}
    band |= {key: row[f"models_{key}"] for key in ("low", "high", "holds")}
    return {"models": band, "verdict": row["verdict"]}


def band_text(row: object) -> tuple[str, str, str]:
    """A row's models band ``[low, high]``, the share agreeing and its verdict, as text."""
    if row.verdict is None:
        return ("—", "—", "—")
    return (
        f"[{row.models_low:+.3f}, {row.models_high:+.3f}]",
        f"{row.models_holds:.0%}",
        row.verdict,
    )
