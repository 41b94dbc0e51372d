"""The dashboard's own Plotly figures (the shared ones are in ``sim.charts``): heatmaps over two
levers with the better direction stated, and a calibration's fit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sim import texts
from sim.charts import INK, PALETTE, styled

from i18n import kpi, lang, number, t, value

BEST = "★"


def best_per_row(table: pd.DataFrame, x: str, y: str, name: str) -> dict[float, float]:
    """For each value of ``y``, the value of ``x`` where the KPI is best (none without a better
    direction)."""
    way = texts.BETTER.get(name)
    if way is None:
        return {}
    part = table[table["kpi"] == name].pivot(index=y, columns=x, values="mean")
    return {row: float((part.loc[row] * way).idxmax()) for row in part.index}


def heatmap(
    table: pd.DataFrame,
    x: str,
    y: str,
    name: str,
    x_label: str,
    y_label: str,
    big: bool = False,
    best: dict[float, float] | None = None,
) -> go.Figure:
    """A KPI over two varied fields, with the 95% interval on hover. Colour-blind safe
    (cividis), turned so that yellow is always better; ticks on the cells' centres; ``best``
    cells (per row) marked with a star."""
    part = table[table["kpi"] == name]
    z, lo, hi = (part.pivot(index=y, columns=x, values=v) for v in ("mean", "ci_low", "ci_high"))
    xs, ys = z.columns.astype(float), z.index.astype(float)
    shown = [
        [
            value(name, v) + (f" {BEST}" if best and best.get(row) == col else "")
            for col, v in zip(xs, values, strict=True)
        ]
        for row, values in zip(ys, z.to_numpy(), strict=True)
    ]
    way = texts.BETTER.get(name)
    ranges = [
        [value(name, a), value(name, b)]
        for a, b in zip(lo.to_numpy().ravel(), hi.to_numpy().ravel(), strict=True)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=xs,
            y=ys,
            text=shown,
            texttemplate="%{text}",
            customdata=np.array(ranges, dtype=object).reshape(*z.shape, 2),
            hovertemplate=(
                f"{x_label} %{{x}}<br>{y_label} %{{y}}<br>{kpi(name)} %{{text}}"
                "<br>95%: %{customdata[0]} … %{customdata[1]}<extra></extra>"
            ),
            colorscale="Cividis",
            reversescale=way == -1,
            colorbar={
                "title": {"text": kpi(name)},
                "tickformat": ".0%" if name in texts.SHARES else None,
            },
        )
    )
    ticks = {"tickmode": "array", "showgrid": False}
    fig.update_xaxes(title_text=x_label, tickvals=xs, ticktext=[number(v) for v in xs], **ticks)
    fig.update_yaxes(title_text=y_label, tickvals=ys, ticktext=[number(v) for v in ys], **ticks)
    return styled(fig, lang(), big, height=620 if big else 520)


def colour_note(name: str) -> str:
    """Which colour is better, in words."""
    if texts.BETTER.get(name) is None:
        return t("explore.colour_plain")
    return t("explore.colour_note", good=t("explore.yellow"), bad=t("explore.dark_blue"))


def calibration_fit(fit: pd.DataFrame, big: bool = False) -> go.Figure:
    """Targets against what the calibrated model achieves, with 95% intervals."""
    labels = [kpi(k) for k in fit["kpi"]]
    scale = np.array([100.0 if k in texts.SHARES else 1.0 for k in fit["kpi"]])
    fig = go.Figure(
        [
            go.Bar(
                x=labels,
                y=fit["target"] * scale,
                name=t("calibrate.target"),
                marker_color="#bbbbbb",
            ),
            go.Bar(
                x=labels,
                y=fit["achieved"] * scale,
                name=t("calibrate.achieved"),
                marker_color=PALETTE[0],
                error_y={
                    "type": "data",
                    "array": (fit["ci_high"] - fit["achieved"]) * scale,
                    "arrayminus": (fit["achieved"] - fit["ci_low"]) * scale,
                    "color": INK,
                },
            ),
        ]
    )
    fig.update_layout(barmode="group", title=t("calibrate.fit_title"))
    return styled(fig, lang(), big, height=420)
