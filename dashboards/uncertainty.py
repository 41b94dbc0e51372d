"""How sure the model is: the compare page's differences over plausible models (issue 23).

The replication answer comes first (the page draws it as before); this part runs the variants
over the first N plausible models (``sim.compare(..., ensemble=N)``, the members side by side,
common random numbers within each) with a progress bar, kept for every session once finished
(``compute.compare_models``), and shows beside each difference's 95% replication interval the
80% band over the models, the share of them that agree on its direction and the verdict."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from sim.ensemble import load_ensemble

import compute
import settings
from i18n import change, kpi, number, t

MEMBERS = 10
"""Plausible models by default: a few seconds for two variants of a story."""
REPS = 2
"""Replications per plausible model by default."""


def controls(count: int) -> tuple[int, int] | None:
    """The switch and, when on, the number of models and their replications (None when off)."""
    left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
    on = settings.toggle(t("compare.models.toggle"), "models", left, help=t("compare.models.help"))
    if not on:
        return None
    most = len(load_ensemble())
    members = settings.number(
        t("compare.models.members"), "models_n", 2, most, min(MEMBERS, most), 1, middle
    )
    reps = settings.number(t("compare.models.reps"), "models_reps", 1, 10, REPS, 1, right)
    st.caption(
        t(
            "compare.models.runs",
            runs=count * (members + 1) * reps,
            variants=count,
            members=members,
            reps=reps,
        )
    )
    return members, reps


def band_table(summary: pd.DataFrame, band: pd.DataFrame, shown: list[str]) -> pd.DataFrame:
    """Per variant (against the first) and outcome: the difference with its 95% replication
    interval, the 80% band over the plausible models, the share that agree and the verdict."""
    labels = list(dict.fromkeys(summary["scenario"]))
    reps = summary.set_index(["scenario", "kpi"])
    models = band.set_index(["scenario", "kpi"])
    rows = []
    for label in labels[1:]:
        for name in shown:
            r, m = reps.loc[(label, name)], models.loc[(label, name)]
            interval = (
                f"{change(name, r['diff_low'])} … {change(name, r['diff_high'])}"
                if math.isfinite(r["diff_low"])
                else t("board.margin_none")
            )
            row = {t("compare.models.col_outcome"): kpi(name)}
            if len(labels) > 2:
                row[t("compare.models.col_variant")] = label
            rows.append(
                row
                | {
                    t("compare.models.col_difference"): change(name, r["diff"]),
                    t("compare.models.col_interval"): interval,
                    t("compare.models.col_band"): (
                        f"{change(name, m['models_low'])} … {change(name, m['models_high'])}"
                    ),
                    t("compare.models.col_holds"): (
                        "—" if m["verdict"] is None else f"{number(100 * m['models_holds'], 0)}%"
                    ),
                    t("compare.models.col_verdict"): (
                        "—" if m["verdict"] is None else t(f"verdict.word.{m['verdict']}")
                    ),
                }
            )
    return pd.DataFrame(rows)


def section(
    jsons: tuple[str, ...], summary: pd.DataFrame, shown: list[str], seed: int, asked: tuple
) -> None:
    """The differences over plausible models (``asked``: the models and their replications),
    after a progress bar the first time, and their CSV."""
    members, reps = asked
    st.subheader(t("compare.models.title", members=members), anchor=False)
    runs = len(jsons) * (members + 1) * reps
    with compute.stopwatch() as watch, compute.progress(runs) as tell:
        band = compute.compare_models(jsons, members, reps, seed, _progress=tell)
    st.markdown(t("compare.models.intro", members=members, reps=reps))
    st.dataframe(band_table(summary, band, shown), hide_index=True, width="stretch")
    said = (t(f"verdict.{v}") for v in ("robust", "likely", "uncertain", "contested"))
    st.caption(" ".join(f"{words[0].upper()}{words[1:]}." for words in said))
    note, download = st.columns([3, 1], vertical_alignment="center")
    note.caption(t("common.computed_in", seconds=compute.seconds(watch.seconds)))
    download.download_button(
        t("compare.models.csv"),
        band.to_csv(index=False),
        "comparison-models.csv",
        "text/csv",
        on_click="ignore",
        key="models_csv",
    )
