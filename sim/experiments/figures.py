"""Plotly figures of experiments, one KPI at a time (a menu switches between KPIs)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sim.kpis import KPI_NAMES


def sweep_figure(summary: pd.DataFrame, keys: list[str]) -> go.Figure:
    """A line with its 95% band over one key, or a heatmap of the mean over two keys."""
    figure = go.Figure()
    traces_per_kpi = 2 if len(keys) == 1 else 1
    for n, kpi in enumerate(KPI_NAMES):
        rows = summary[summary.kpi == kpi]
        visible = n == 0
        if len(keys) == 1:
            x = rows[keys[0]]
            figure.add_trace(
                go.Scatter(
                    x=list(x) + list(x[::-1]),
                    y=list(rows.ci_high) + list(rows.ci_low[::-1]),
                    fill="toself",
                    line={"width": 0},
                    opacity=0.25,
                    name="95% interval",
                    hoverinfo="skip",
                    visible=visible,
                )
            )
            figure.add_trace(
                go.Scatter(x=x, y=rows["mean"], mode="lines+markers", name=kpi, visible=visible)
            )
        else:
            grid = rows.pivot(index=keys[1], columns=keys[0], values="mean")
            figure.add_trace(
                go.Heatmap(
                    x=grid.columns,
                    y=grid.index,
                    z=grid.to_numpy(),
                    colorbar={"title": kpi},
                    name=kpi,
                    visible=visible,
                )
            )
    figure.update_layout(
        title=f"Sweep over {' and '.join(keys)}",
        xaxis_title=keys[0],
        yaxis_title=keys[1] if len(keys) == 2 else KPI_NAMES[0],
        updatemenus=[_kpi_menu(traces_per_kpi, axis_titles=len(keys) == 1)],
    )
    return figure


def sensitivity_figure(frame: pd.DataFrame, index: str) -> go.Figure:
    """Factor × KPI heatmap of the index as a share of the largest for that KPI; ranks shown."""
    share = frame.assign(share=frame[index] / frame.groupby("kpi")[index].transform("max"))
    factors = list(dict.fromkeys(frame.factor))
    z = share.pivot(index="factor", columns="kpi", values="share").loc[factors, list(KPI_NAMES)]
    ranks = frame.pivot(index="factor", columns="kpi", values="rank").loc[factors, list(KPI_NAMES)]
    figure = go.Figure(
        go.Heatmap(
            x=list(z.columns),
            y=list(z.index),
            z=z.to_numpy(),
            text=ranks.astype(str).to_numpy(),
            texttemplate="%{text}",
            colorscale="Blues",
            colorbar={"title": f"{index} ÷ largest"},
        )
    )
    figure.update_layout(
        title=f"Influence of each factor on each KPI ({index}; numbers are ranks)",
        xaxis_title="KPI",
        yaxis_title="factor",
        height=max(450, 18 * len(factors)),
    )
    return figure


def _kpi_menu(traces_per_kpi: int, axis_titles: bool) -> dict:
    buttons = []
    for n, kpi in enumerate(KPI_NAMES):
        visible = [i // traces_per_kpi == n for i in range(traces_per_kpi * len(KPI_NAMES))]
        layout = {"yaxis.title.text": kpi} if axis_titles else {}
        buttons.append({"label": kpi, "method": "update", "args": [{"visible": visible}, layout]})
    return {"buttons": buttons, "x": 1.0, "xanchor": "right", "y": 1.15, "yanchor": "top"}
