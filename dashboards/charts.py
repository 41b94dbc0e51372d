"""Plotly figures of the dashboard: the animated team, bands over replications, comparisons."""

from __future__ import annotations

import math
from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sim.mechanisms.quadrants import NAMES
from sim.mechanisms.quadrants import Coefficients as QuadrantCut

from i18n import kpi, quadrant, t

QUADRANT_COLOURS = ("#2e9e5b", "#f0a030", "#d64545", "#4c8bd6")  # in the order of NAMES
# Numeric quadrant codes through a stepped colour scale: far faster to build than colour strings.
QUADRANT_SCALE = {
    "cmin": -0.5,
    "cmax": len(NAMES) - 0.5,
    "colorscale": [
        [(i + edge) / len(NAMES), colour]
        for i, colour in enumerate(QUADRANT_COLOURS)
        for edge in (0, 1)
    ],
}
PALETTE = ("#1f5f99", "#d9822b", "#2e9e5b", "#8e44ad")
PERCENT = {
    "burnout_rate",
    "engagement_rate",
    "workaholism_rate",
    "satisfaction_rate",
    "absence_rate",
    "turnover_rate",
    "coaching_share",
    "misconduct_loss",
}


def fmt(name: str, value: float) -> str:
    """A KPI value as people read it ("—" where there is none, e.g. an interval of one run)."""
    if not math.isfinite(value):
        return "—"
    if name in PERCENT:
        return f"{100 * value:.1f}%"
    if name == "manager_hours":
        return f"{value:.1f} h"
    return f"{value:.2f}"


def change(name: str, diff: float) -> str:
    """A KPI difference: percentage points for shares, signed values otherwise."""
    if name in PERCENT:
        return f"{100 * diff:+.1f} {t('points_unit')}"
    if name == "manager_hours":
        return f"{diff:+.1f} h"
    return f"{diff:+.2f}"


def styled(fig: go.Figure, big: bool = False, height: int | None = None) -> go.Figure:
    fig.update_layout(
        font_size=18 if big else 13,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        template="plotly_white",
        height=height,
    )
    return fig


# --- the workshop's film ------------------------------------------------------------------------


def _grid_columns(teams: int) -> int:
    """Columns of a landscape grid with a cell per team."""
    return max(1, math.ceil(math.sqrt(teams * 1.5)))


def _team_shares(shot: pd.DataFrame, size: np.ndarray, words: tuple[str, ...]):
    """Engaged minus burnout share per team, with hover texts."""
    q, team = shot["quadrant"].to_numpy(), shot["team"].to_numpy()
    e = np.bincount(team, q == NAMES.index("engagement"), size.size) / size
    b = np.bincount(team, q == NAMES.index("burnout"), size.size) / size
    hover = [
        f"{words[0]} {i + 1}<br>{words[1]} {e[i]:.0%}<br>{words[2]} {b[i]:.0%}"
        for i in range(size.size)
    ]
    return e - b, hover


def wellbeing_film(shots: pd.DataFrame, big: bool = False) -> go.Figure:
    """Employees on the well-being plane and the teams as a grid, animated week by week.

    Frames carry only what changes, as numbers (positions, quadrant codes, absence, team
    shares), which keeps building the figure fast enough for a slider. The team grid is a
    heatmap given as columns (x, y, z): Plotly.js does not animate a 2-D typed array.
    """
    weeks = sorted(shots["week"].unique())
    first = shots[shots["week"] == weeks[0]]
    size = np.bincount(first["team"]).astype(float)
    cols = _grid_columns(size.size)
    words = (t("team"), quadrant("engagement"), quadrant("burnout"))

    def changes(shot: pd.DataFrame) -> list[dict]:
        code = shot["quadrant"].to_numpy()
        symbol = np.where(shot["absent"], 100, 0)  # open circle: absent
        balance, hover = _team_shares(shot, size, words)
        marker = {"color": code, "symbol": symbol, "line": {"color": code}}
        return [
            {"type": "scatter", "x": shot["pleasure"], "y": shot["energy"], "marker": marker},
            {"type": "heatmap", "z": balance, "customdata": hover},
        ]

    by_week = dict(tuple(shots.groupby("week", sort=True)))
    dots, teams = changes(first)
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.6, 0.4],
        horizontal_spacing=0.08,
        subplot_titles=(t("plane_title"), t("teams_title")),
    )
    dots["marker"] |= {"size": 11 if big else 8, **QUADRANT_SCALE}
    dots["marker"]["line"] |= {"width": 1.5, **QUADRANT_SCALE}
    fig.add_trace(go.Scatter(dots, mode="markers", hoverinfo="skip", showlegend=False), 1, 1)
    cell = np.arange(size.size)
    fig.add_trace(
        go.Heatmap(
            teams,
            x=cell % cols,
            y=cell // cols,
            text=(cell + 1).astype(str),
            texttemplate="%{text}",
            hovertemplate="%{customdata}<extra></extra>",
            zmin=-1,
            zmax=1,
            colorscale="RdYlGn",
            xgap=3,
            ygap=3,
            colorbar={"title": {"text": t("team_balance"), "side": "right"}, "len": 0.8},
        ),
        1,
        2,
    )
    for name, colour in zip(NAMES, QUADRANT_COLOURS, strict=True):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"color": colour, "size": 10},
                name=quadrant(name),
            ),
            row=1,
            col=1,
        )
    fig.frames = [{"data": changes(by_week[w]), "traces": [0, 1], "name": str(w)} for w in weeks]
    cut_off = QuadrantCut().cut_off  # fixed like a survey's
    fig.add_vline(x=cut_off, line_dash="dash", line_color="#888", row=1, col=1)
    fig.add_hline(y=cut_off, line_dash="dash", line_color="#888", row=1, col=1)
    corners = {"engagement": (0.97, 0.97), "workaholism": (0.03, 0.97)}
    corners |= {"burnout": (0.03, 0.03), "satisfaction": (0.97, 0.03)}
    for name, (x, y) in corners.items():
        fig.add_annotation(
            x=x,
            y=y,
            text=quadrant(name),
            showarrow=False,
            xanchor="right" if x > 0.5 else "left",
            font={"color": QUADRANT_COLOURS[NAMES.index(name)], "size": 16 if big else 12},
            row=1,
            col=1,
        )
    fig.update_xaxes(range=[0, 1], title_text=t("pleasure_axis"), row=1, col=1)
    fig.update_yaxes(range=[0, 1], title_text=t("energy_axis"), row=1, col=1)
    fig.update_xaxes(visible=False, row=1, col=2)
    fig.update_yaxes(visible=False, autorange="reversed", row=1, col=2)
    # No transition: interpolating quadrant codes would paint dots in mixed colours.
    pace = {"frame": {"duration": 250, "redraw": True}, "transition": {"duration": 0}}
    fig.update_layout(
        legend={"orientation": "h", "y": -0.17, "x": 0},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0,
                "y": -0.26,
                "xanchor": "left",
                "yanchor": "top",
                "pad": {"t": 30},
                "showactive": False,
                "buttons": [
                    {
                        "label": t("play"),
                        "method": "animate",
                        "args": [None, pace | {"fromcurrent": True}],
                    },
                    {
                        "label": t("pause"),
                        "method": "animate",
                        "args": [[None], {"frame": {"duration": 0}, "mode": "immediate"}],
                    },
                ],
            }
        ],
        sliders=[
            {
                "active": 0,
                "x": 0.24,
                "len": 0.76,
                "y": -0.26,
                "yanchor": "top",
                "currentvalue": {"prefix": f"{t('week')} "},
                "steps": [
                    {
                        "label": str(w),
                        "method": "animate",
                        "args": [[str(w)], {"mode": "immediate", "frame": {"duration": 0}}],
                    }
                    for w in weeks
                ],
            }
        ],
    )
    return styled(fig, big, height=660 if big else 580)


# --- series with bands over replications --------------------------------------------------------


def bands(runs: dict[str, pd.DataFrame], columns: tuple[str, ...], big: bool = False) -> go.Figure:
    """Mean and 10–90% band over replications for each series, one panel a series.

    ``runs`` maps a label to a long-form series frame (``rep``, ``week``, columns); the first
    label is drawn in colour, the others as grey dashes (the reference).
    """
    ncols = 3
    fig = make_subplots(
        rows=math.ceil(len(columns) / ncols),
        cols=ncols,
        subplot_titles=[kpi(c) for c in columns],
        vertical_spacing=0.14,
    )
    for i, column in enumerate(columns):
        row, col = divmod(i, ncols)
        for j, (label, series) in enumerate(runs.items()):
            stats = series.groupby("week")[column].quantile([0.1, 0.5, 0.9]).unstack()
            mean = series.groupby("week")[column].mean()
            colour = PALETTE[j % len(PALETTE)] if j == 0 or len(runs) > 2 else "#999"
            if j == 0 or len(runs) > 2:
                fig.add_trace(
                    go.Scatter(
                        x=np.r_[stats.index, stats.index[::-1]],
                        y=np.r_[stats[0.9], stats[0.1][::-1]],
                        fill="toself",
                        fillcolor=_alpha(colour, 0.2),
                        line={"width": 0},
                        hoverinfo="skip",
                        showlegend=False,
                    ),
                    row=row + 1,
                    col=col + 1,
                )
            fig.add_trace(
                go.Scatter(
                    x=mean.index,
                    y=mean.to_numpy(),
                    name=label,
                    line={"color": colour, "dash": "solid" if colour != "#999" else "dash"},
                    legendgroup=label,
                    showlegend=i == 0,
                ),
                row=row + 1,
                col=col + 1,
            )
    fig.update_layout(legend={"orientation": "h", "y": -0.08})
    return styled(fig, big, height=300 * math.ceil(len(columns) / ncols) + 60)


def _alpha(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


# --- comparisons, sweeps, calibration -----------------------------------------------------------


def means(summary: pd.DataFrame, kpis: list[str], big: bool = False) -> go.Figure:
    """Each KPI's mean per scenario with its 95% interval (``sim.compare`` output)."""
    ncols = min(3, len(kpis))
    fig = make_subplots(
        rows=math.ceil(len(kpis) / ncols),
        cols=ncols,
        subplot_titles=[kpi(k) for k in kpis],
        vertical_spacing=0.12,
    )
    scenarios = list(dict.fromkeys(summary["scenario"]))
    for i, name in enumerate(kpis):
        part = summary[summary["kpi"] == name].set_index("scenario").loc[scenarios]
        for j, scenario in enumerate(scenarios):
            row = part.loc[scenario]
            fig.add_trace(
                go.Bar(
                    x=[j],
                    y=[row["mean"]],
                    name=scenario,
                    legendgroup=scenario,
                    showlegend=i == 0,
                    marker_color=PALETTE[j % len(PALETTE)],
                    error_y={
                        "type": "data",
                        "array": [row["ci_high"] - row["mean"]],
                        "arrayminus": [row["mean"] - row["ci_low"]],
                    },
                    hovertemplate=f"{scenario}: %{{y:.3f}}<extra></extra>",
                ),
                row=i // ncols + 1,
                col=i % ncols + 1,
            )
    fig.update_xaxes(showticklabels=False)
    fig.update_layout(legend={"orientation": "h", "y": 1.12, "x": 0})
    return styled(fig, big, height=260 * math.ceil(len(kpis) / ncols) + 100)


def contributions(parts: pd.DataFrame, name: str, big: bool = False) -> go.Figure:
    """How much each mechanism contributes to the difference in one KPI (``sim.explain``)."""
    part = parts[parts["kpi"] == name]
    colours = [
        "#555" if p == "total" else (PALETTE[0] if c >= 0 else PALETTE[1])
        for p, c in zip(part["part"], part["contribution"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=part["contribution"],
            y=part["part"].str.replace("_", " "),
            orientation="h",
            marker_color=colours,
            hovertemplate="%{y}: %{x:.4f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=kpi(name))
    return styled(fig, big, height=60 + 34 * len(part))


def heatmap(
    table: pd.DataFrame, x: str, y: str, name: str, x_label: str, y_label: str, big: bool = False
) -> go.Figure:
    """A sweep's mean KPI over two varied fields, with the 95% interval on hover."""
    part = table[table["kpi"] == name]
    z, lo, hi = (part.pivot(index=y, columns=x, values=v) for v in ("mean", "ci_low", "ci_high"))
    text = np.vectorize(lambda v: fmt(name, v))(z.to_numpy())
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=z.columns.astype(float),
            y=z.index.astype(float),
            text=text,
            texttemplate="%{text}",
            customdata=np.dstack([lo.to_numpy(), hi.to_numpy()]),
            hovertemplate=(
                f"{x_label} %{{x}}<br>{y_label} %{{y}}<br>{kpi(name)} %{{z:.3f}}"
                "<br>95%: %{customdata[0]:.3f} … %{customdata[1]:.3f}<extra></extra>"
            ),
            colorscale="Viridis",
            colorbar={"title": {"text": kpi(name)}},
        )
    )
    fig.update_xaxes(title_text=x_label)
    fig.update_yaxes(title_text=y_label)
    return styled(fig, big, height=520)


def calibration_fit(report: pd.DataFrame, big: bool = False) -> go.Figure:
    """Targets against what the calibrated model achieves, with 95% intervals."""
    labels = [kpi(k) for k in report["kpi"]]
    fig = go.Figure(
        [
            go.Bar(x=labels, y=report["target"], name=t("target"), marker_color="#bbb"),
            go.Bar(
                x=labels,
                y=report["achieved"],
                name=t("achieved"),
                marker_color=PALETTE[0],
                error_y={
                    "type": "data",
                    "array": report["ci_high"] - report["achieved"],
                    "arrayminus": report["achieved"] - report["ci_low"],
                },
            ),
        ]
    )
    fig.update_layout(barmode="group", title=t("fit_title"))
    return styled(fig, big, height=420)


def report_html(
    title: str, intro: str, tables: list[pd.DataFrame], figures: list[go.Figure]
) -> str:
    """A standalone HTML page (plotly.js inline, works offline) for a client."""
    parts = [
        fig.to_html(full_html=False, include_plotlyjs=(i == 0)) for i, fig in enumerate(figures)
    ]
    body = "\n".join(
        [f"<h1>{escape(title)}</h1>", f"<p>{escape(intro)}</p>"]
        + [table.to_html(index=False, float_format=lambda v: f"{v:.4g}") for table in tables]
        + parts
    )
    style = (
        "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px}"
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{style}</style></head><body>{body}</body></html>"
    )
