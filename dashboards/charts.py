"""The dashboard's own Plotly figures (the shared ones are in ``sim.charts``): heatmaps over two
levers with the better direction stated, a calibration's fit, and the patterns against their
targets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sim import texts
from sim.charts import GREY, INK, PALETTE, alpha, legend_on_top, styled
from sim.ensemble.figure import label

from i18n import kpi, lang, number, t, value

BEST = "★"
ALIKE = "≈"


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
    alike: set[tuple[float, float]] | None = None,
) -> go.Figure:
    """A KPI over two varied fields, with the 95% interval on hover. Colour-blind safe
    (cividis), turned so that yellow is always better; ticks on the cells' centres; ``best``
    cells (per row) marked with a star, cells ``(x, y)`` that do not differ from them (``alike``)
    with ≈."""
    alike = alike or set()
    part = table[table["kpi"] == name]
    z, lo, hi = (part.pivot(index=y, columns=x, values=v) for v in ("mean", "ci_low", "ci_high"))
    xs, ys = z.columns.astype(float), z.index.astype(float)
    shown = [
        [
            value(name, v)
            + (f" {BEST}" if best and best.get(row) == col else "")
            + (f" {ALIKE}" if (col, row) in alike else "")
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


def best_and_alike(
    table: pd.DataFrame, x: str, y: str, name: str
) -> tuple[dict[float, float], set[tuple[float, float]]]:
    """The best cell of a grid of independent samples (as ``{y: x}``) and the cells whose 95%
    interval overlaps its own; nothing without a better direction."""
    way = texts.BETTER.get(name)
    if way is None:
        return {}, set()
    part = table[table["kpi"] == name].reset_index(drop=True)
    top = part.loc[(part["mean"] * way).idxmax()]
    overlaps = (part["ci_low"] <= top["ci_high"]) & (part["ci_high"] >= top["ci_low"])
    alike = {(r[x], r[y]) for _, r in part[overlaps].iterrows()} - {(top[x], top[y])}
    return {top[y]: top[x]}, alike


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


MET, MISSED, BAND = "#0072B2", "#D55E00", "#009E73"  # Okabe & Ito: blue, vermillion, green


def _visible(value: float, low_ci: float, high_ci: float, low: float, high: float) -> list[float]:
    """The x range of a pattern's row: its value and interval, the nearer edge of its target,
    and the farther edge unless it lies far away (an open-ended target such as "> 0"); where the
    band reaches the edge of the row, it goes on."""
    near, far = sorted((low, high), key=lambda edge: abs(edge - value))
    reach = max(abs(near - value), (high_ci - low_ci) / 2, 1e-9)
    points = [p for p in (value, low_ci, high_ci, near) if np.isfinite(p)]
    if abs(far - value) <= 10 * reach:
        points.append(far)
    span = max(points) - min(points) or abs(value) * 0.1 or 1.0
    return [min(points) - 0.15 * span, max(points) + 0.15 * span]


def patterns(rows: list[dict], big: bool = False) -> go.Figure:
    """Each pattern's value (a dot: blue ● met, vermillion ✕ not met) with its 95% interval (a
    line) against its target band (green), a row per pattern on its own scale. ``rows`` hold a
    ``title``, ``value``, ``ci_low``, ``ci_high``, ``low``, ``high`` (in the units shown), ``met``
    and a ``hover`` text."""
    plot, gap = (40, 80) if big else (28, 52)  # pixels: a row's plot, the room for ticks and title
    inside = len(rows) * plot + (len(rows) - 1) * gap
    fig = make_subplots(
        rows=len(rows),
        cols=1,
        subplot_titles=[r["title"] for r in rows],
        vertical_spacing=gap / inside if len(rows) > 1 else 0,
    )
    for i, r in enumerate(rows, start=1):
        shown = _visible(r["value"], r["ci_low"], r["ci_high"], r["low"], r["high"])
        fig.add_shape(
            type="rect",
            x0=max(r["low"], shown[0]),
            x1=min(r["high"], shown[1]),
            y0=0.1,
            y1=0.9,
            xref=f"x{i if i > 1 else ''}",
            yref=f"y{i if i > 1 else ''} domain",
            fillcolor=alpha(BAND, 0.22),
            line={"width": 0},
            layer="below",
        )
        fig.add_trace(
            go.Scatter(
                x=[r["ci_low"], r["ci_high"]],
                y=[0, 0],
                mode="lines",
                line={"color": INK, "width": 3 if big else 2},
                hoverinfo="skip",
            ),
            row=i,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=[r["value"]],
                y=[0],
                mode="markers",
                marker={
                    "color": MET if r["met"] else MISSED,
                    "symbol": "circle" if r["met"] else "x",
                    "size": 16 if big else 12,
                    "line": {"color": "white", "width": 1},
                },
                hovertext=[r["hover"]],
                hoverinfo="text",
            ),
            row=i,
            col=1,
        )
        fig.update_xaxes(range=shown, row=i, col=1, showgrid=False, zeroline=False)
        fig.update_yaxes(visible=False, range=[-1, 1], fixedrange=True, row=i, col=1)
    fig.update_layout(showlegend=False)
    fig = styled(fig, lang(), big)
    top, bottom = (60, 40) if big else (34, 28)
    fig.update_layout(height=inside + top + bottom, margin={"t": top, "b": bottom})
    fig.update_annotations(x=0, xanchor="left")
    return fig


def kept_ranges(rows: list[dict], big: bool = False) -> go.Figure:
    """Per varied coefficient (``sim.ensemble.figure.narrowing``'s rows, the most narrowed on
    top): its declared range (a grey bar) against the range the plausible models keep (a blue
    dumbbell), on the scale of its declared range; the values and how much narrower on hover."""
    labels = [label(r["name"]) for r in rows][::-1]
    rows = rows[::-1]
    hover = [
        t(
            "model.ensemble.hover",
            prior_low=number(r["prior_low"], 3),
            prior_high=number(r["prior_high"], 3),
            low=number(r["low"], 3),
            high=number(r["high"], 3),
            narrowed=number(100 * r["narrowed"], 0),
        )
        for r in rows
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[1.0] * len(rows),
            base=[0.0] * len(rows),
            orientation="h",
            marker_color=alpha(GREY, 0.35),
            name=t("model.ensemble.prior"),
            hovertext=hover,
            hoverinfo="text",
        )
    )
    xs, ys = [], []
    for r, name in zip(rows, labels, strict=True):
        xs += [r["low_share"], r["high_share"], None]
        ys += [name, name, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            line={"color": MET, "width": 5 if big else 3},
            marker={"color": MET, "size": 10 if big else 7},
            name=t("model.ensemble.kept"),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[1.02] * len(rows),
            y=labels,
            mode="text",
            text=[f"{number(100 * r['narrowed'], 0)}%" for r in rows],
            textposition="middle right",
            showlegend=False,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_xaxes(
        range=[-0.02, 1.15],
        tickvals=[0, 0.5, 1],
        ticktext=[t(f"ensemble.figure.{k}") for k in ("prior_low", "prior_middle", "prior_high")],
        title_text=t("ensemble.figure.axis"),
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels)
    fig.update_layout(bargap=0.45)
    fig = styled(fig, lang(), big, height=(30 if big else 20) * len(rows) + 160)
    return legend_on_top(fig, big)


def share_heatmap(shares: pd.DataFrame, x_label: str, y_label: str, big: bool = False) -> go.Figure:
    """The share of plausible models in which each cell's d beats fully central (d = 0) at its
    turbulence (``answers.decentral_wins``): 0–100%, yellow where decentral wins in (almost)
    every model; the reference column d = 0 shows —."""
    z = shares.pivot(index="turbulence", columns="decentralisation", values="share")
    xs, ys = z.columns.astype(float), z.index.astype(float)
    shown = [["—" if np.isnan(v) else f"{number(100 * v, 0)}%" for v in row] for row in z.values]
    hover = [
        [
            t("explore.models.cell", d=number(x), turbulence=number(y), share=cell)
            for x, cell in zip(xs, row, strict=True)
        ]
        for y, row in zip(ys, shown, strict=True)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=xs,
            y=ys,
            text=shown,
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale="Cividis",
            zmin=0.0,
            zmax=1.0,
            colorbar={"title": {"text": t("explore.models.colour")}, "tickformat": ".0%"},
        )
    )
    ticks = {"tickmode": "array", "showgrid": False}
    fig.update_xaxes(title_text=x_label, tickvals=xs, ticktext=[number(v) for v in xs], **ticks)
    fig.update_yaxes(title_text=y_label, tickvals=ys, ticktext=[number(v) for v in ys], **ticks)
    return styled(fig, lang(), big, height=620 if big else 520)
