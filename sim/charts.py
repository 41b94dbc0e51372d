"""Plotly figures shared by the dashboard and the client report, in Dutch or English.

Colours are colour-blind safe (Okabe & Ito 2008): the four well-being quadrants stay apart under
deuteranopia, protanopia and tritanopia (``tests/test_texts.py`` checks them), and numbers follow
the language (a decimal comma in Dutch, through Plotly's ``separators`` and locale).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sim import texts
from sim.events import Event
from sim.texts import SHARES, claim_titles, kpi_change, kpi_name, kpi_unit, kpi_value

QUADRANT_COLOURS = {
    "engagement": "#0072B2",  # blue
    "workaholism": "#F0E442",  # yellow
    "burnout": "#D55E00",  # vermillion
    "satisfaction": "#56B4E9",  # sky blue
}
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")  # variants, in order
MORE, LESS = "#0072B2", "#E69F00"  # contributions that raise or lower a difference
INK = "#1a1a1a"  # text: dark, also on a projector
GREY = "#8c8c8c"
EVENT_COLOURS = {
    "shock": "#D55E00",
    "shock_end": "#D55E00",
    "let_go": "#009E73",
    "tighten": "#CC79A7",
    "relapse": "#CC79A7",
    "grab": "#CC79A7",
    "change": GREY,
}
BIG_FONT = 22  # presenter mode: readable on a projector at the back of a room
FONT = 13


def plotly_config(lang: str) -> dict:
    """Plotly's configuration in ``lang``: the mode bar's texts and number format."""
    words = {
        key.removeprefix("plotly."): value
        for key, value in texts.catalogue(lang).items()
        if key.startswith("plotly.")
    }
    decimal, thousands = (",", ".") if lang == "nl" else (".", ",")
    number = {"decimal": decimal, "thousands": thousands}
    return {
        "locale": lang,
        "locales": {lang: {"dictionary": words, "format": number}},
        "displaylogo": False,
    }


def styled(fig: go.Figure, lang: str, big: bool = False, height: int | None = None) -> go.Figure:
    """Fonts (large and dark in presenter mode), margins and the language's number format."""
    size = BIG_FONT if big else FONT
    fig.update_layout(
        font={"size": size, "color": INK},
        margin={"l": 10, "r": 10, "t": 50 if big else 40, "b": 10},
        template="plotly_white",
        height=height,
        separators=",." if lang == "nl" else ".,",
        hoverlabel={"font_size": size},
    )
    fig.update_annotations(font_size=size, font_color=INK)  # subplot titles
    if big:  # Streamlit's chart theme sets smaller grey ticks, axis titles and legend otherwise
        text = {"size": size, "color": INK}
        fig.update_xaxes(tickfont=text, title_font=text)
        fig.update_yaxes(tickfont=text, title_font=text)
        fig.update_layout(legend_font=text)
    return fig


def wrapped(text: str, width: int) -> str:
    """``text`` in lines of at most about ``width`` characters (Plotly's titles do not wrap)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def alpha(hex_colour: str, opacity: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{opacity})"


def _shown(name: str, values: np.ndarray) -> np.ndarray:
    """Values on a chart's axis: shares as percentages."""
    return 100 * np.asarray(values) if name in SHARES else np.asarray(values)


def axis_unit(name: str, lang: str) -> str:
    """The unit of a KPI's axis: "%", hours, or none."""
    if name in SHARES:
        return "%"
    if name in texts.HOURS:
        return texts.text("unit.hours_long", lang)
    return ""


# --- comparisons --------------------------------------------------------------------------------


def means(summary: pd.DataFrame, kpis: list[str], lang: str, big: bool = False) -> go.Figure:
    """Each KPI's mean per variant with its 95% interval (``sim.compare`` output)."""
    ncols = min(3, len(kpis))
    fig = make_subplots(
        rows=math.ceil(len(kpis) / ncols),
        cols=ncols,
        subplot_titles=[_titled(k, lang) for k in kpis],
        vertical_spacing=0.16 if big else 0.12,
    )
    variants = list(dict.fromkeys(summary["scenario"]))
    for i, name in enumerate(kpis):
        part = summary[summary["kpi"] == name].set_index("scenario").loc[variants]
        for j, variant in enumerate(variants):
            row = part.loc[variant]
            mean, low, high = (_shown(name, row[c]) for c in ("mean", "ci_low", "ci_high"))
            said = kpi_value(name, row["mean"], lang)
            fig.add_trace(
                go.Bar(
                    x=[j],
                    y=[mean],
                    name=variant,
                    legendgroup=variant,
                    showlegend=i == 0,
                    marker_color=PALETTE[j % len(PALETTE)],
                    error_y={
                        "type": "data",
                        "array": [high - mean],
                        "arrayminus": [mean - low],
                        "color": INK,
                    },
                    hovertemplate=f"{variant}: {said}<extra></extra>",
                ),
                row=i // ncols + 1,
                col=i % ncols + 1,
            )
    fig.update_xaxes(showticklabels=False)
    rows = math.ceil(len(kpis) / ncols)
    return legend_on_top(styled(fig, lang, big, height=(330 if big else 260) * rows + 110), big)


def legend_on_top(fig: go.Figure, big: bool) -> go.Figure:
    """The legend in a band of its own above the panels and their titles."""
    fig.update_layout(
        legend={"orientation": "h", "yref": "container", "y": 1, "yanchor": "top", "x": 0},
        margin={"t": 110 if big else 80},
    )
    return fig


def _titled(name: str, lang: str) -> str:
    unit = axis_unit(name, lang)
    return f"{kpi_name(name, lang)} ({unit})" if unit else kpi_name(name, lang)


def bands(
    runs: dict[str, pd.DataFrame],
    columns: list[str],
    lang: str,
    big: bool = False,
    events: dict[str, list[Event]] | None = None,
) -> go.Figure:
    """Mean and 10–90% band over replications of each weekly series, one panel a series, with
    each variant's events as vertical lines in its colour.

    ``runs`` maps a variant's label to its series in long form (``rep``, ``week``, columns).
    """
    ncols = min(3, len(columns))
    fig = make_subplots(
        rows=math.ceil(len(columns) / ncols),
        cols=ncols,
        subplot_titles=[_titled(c, lang) for c in columns],
        vertical_spacing=0.16 if big else 0.12,
    )
    for i, column in enumerate(columns):
        row, col = i // ncols + 1, i % ncols + 1
        for j, (label, series) in enumerate(runs.items()):
            colour = PALETTE[j % len(PALETTE)]
            by_week = series.groupby("week")[column]
            low, high = (_shown(column, by_week.quantile(q)) for q in (0.1, 0.9))
            mean = by_week.mean()
            weeks = mean.index.to_numpy()
            fig.add_trace(
                go.Scatter(
                    x=np.r_[weeks, weeks[::-1]],
                    y=np.r_[high, low[::-1]],
                    fill="toself",
                    fillcolor=alpha(colour, 0.18),
                    line={"width": 0},
                    hoverinfo="skip",
                    showlegend=False,
                ),
                row=row,
                col=col,
            )
            fig.add_trace(
                go.Scatter(
                    x=weeks,
                    y=_shown(column, mean.to_numpy()),
                    name=label,
                    line={"color": colour, "width": 3 if big else 2},
                    legendgroup=label,
                    showlegend=i == 0,
                    hovertemplate=f"{label}, {texts.text('common.week', lang)} %{{x}}: %{{y:.3~r}}"
                    "<extra></extra>",
                ),
                row=row,
                col=col,
            )
            for event in (events or {}).get(label, []):
                fig.add_vline(
                    x=event.week,
                    line={"color": EVENT_COLOURS[event.kind], "dash": "dot", "width": 1.5},
                    row=row,
                    col=col,
                )
    rows = math.ceil(len(columns) / ncols)
    return legend_on_top(styled(fig, lang, big, height=(330 if big else 260) * rows + 110), big)


def contributions(
    parts: pd.DataFrame, name: str, lang: str, a: str, b: str, big: bool = False, top: int = 5
) -> go.Figure:
    """How much each mechanism contributes to the difference ``b − a`` in one KPI
    (``sim.explain`` output), with 95% intervals, in the KPI's unit: the ``top`` largest
    mechanisms by their names in ``lang`` with the claims they carry, the other mechanisms
    together, what no single mechanism explains, and the total."""
    part = parts[parts["kpi"] == name].set_index("part")
    mechanisms = part.drop(["remainder", "total"])
    largest = mechanisms["contribution"].abs().sort_values(ascending=False, kind="stable").index
    shown, others = list(largest[:top]), list(largest[top:])
    rows = [part.loc[shown]]
    if others:  # their sum, without an interval: their margins do not add up
        summed = mechanisms.loc[others, "contribution"].sum()
        rows.append(pd.DataFrame({"contribution": summed, "ci_low": summed, "ci_high": summed},
                                 index=["others"]))  # fmt: skip
    part = pd.concat([*rows, part.loc[["remainder", "total"]]])
    order = list(part.index)
    scale = 100.0 if name in SHARES else 1.0
    words = {
        "others": texts.text("board.chart_others", lang) + f" ({len(others)})",
        "remainder": texts.text("board.chart_joint", lang),
        "total": texts.text("why.total", lang),
    }
    labels = [texts.mechanism_label(p, lang) if p in shown else words[p] for p in order]
    colours = [
        INK if p == "total" else GREY if p in ("remainder", "others") else MORE if c >= 0 else LESS
        for p, c in zip(order, part["contribution"], strict=True)
    ]
    hover = [
        f"<b>{label}</b>: {kpi_change(name, c, lang)} "
        f"({kpi_change(name, lo, lang)} … {kpi_change(name, hi, lang)})"
        + (f"<br>{claim_titles(texts.mechanism_claims(p), lang)}" if p in shown else "")
        for label, p, c, lo, hi in zip(
            labels, order, part["contribution"], part["ci_low"], part["ci_high"], strict=True
        )
    ]
    values = part["contribution"].to_numpy() * scale
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker_color=colours,
            error_x={
                "type": "data",
                "array": part["ci_high"].to_numpy() * scale - values,
                "arrayminus": values - part["ci_low"].to_numpy() * scale,
                "color": INK,
            },
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.add_vline(x=0, line={"color": INK, "width": 1})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=texts.text("why.axis", lang, unit=kpi_unit(name, lang)))
    title = wrapped(
        texts.text("report.why_title", lang, a=a, b=b, kpi=kpi_name(name, lang)), 60 if big else 90
    )
    fig.update_layout(title=title, showlegend=False)
    row, line = (40, 34) if big else (28, 22)
    lines = title.count("<br>") + 1
    fig = styled(fig, lang, big, height=80 + line * lines + row * len(order))
    return fig.update_layout(margin={"t": 20 + line * lines})
