"""The report's figures as static SVG (matplotlib, text kept as text): small, offline and
printable, every axis labelled in the report's language with its decimal sign."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sim import texts
from sim.charts import EVENT_COLOURS, GREY, INK, LESS, MORE, PALETTE, axis_unit
from sim.events import Event
from sim.report.findings import Why
from sim.report.words import contribution, ranked

STYLE = {
    "svg.fonttype": "none",  # text stays text: small, searchable, in the page's font
    "svg.hashsalt": "loslaten",  # the same figure gives the same file
    "font.family": "sans-serif",
    "font.size": 10,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#888888",
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
"""Matplotlib's note of itself in every figure: bytes a reader never sees."""
WIDTH = 9.6
"""Inches: the report's column."""
POINTS = 160
"""The most points a series' line is drawn with (a panel is about 300 pixels wide)."""


def svg(figure: Figure) -> str:
    """``figure`` as an inline ``<svg>`` element (call within ``rc_context(STYLE)``)."""
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    drawn = out.getvalue()
    return METADATA.sub("", drawn[drawn.index("<svg") :])


def _ticks(axis, lang: str) -> None:
    """At most six ticks, written with the language's decimal sign and no trailing zeros."""

    def label(value: float, _position: int) -> str:
        written = texts.number(value, lang, 2)
        return written.rstrip("0").rstrip(",.") if "," in written or "." in written else written

    axis.set_major_locator(MaxNLocator(6))
    axis.set_major_formatter(FuncFormatter(label))


def _scale(name: str) -> float:
    return 100.0 if name in texts.SHARES else 1.0


def _unit(name: str, lang: str) -> str:
    return axis_unit(name, lang) or texts.text("board.unit_index", lang)


def _legend(figure: Figure, labels: Sequence[str]) -> None:
    handles = [Patch(color=PALETTE[i % len(PALETTE)], label=lab) for i, lab in enumerate(labels)]
    figure.legend(
        handles=handles, loc="outside upper center", ncols=min(2, len(labels)), frameon=False
    )


def _panels(count: int, height: float) -> tuple[Figure, np.ndarray]:
    cols = min(3, count)
    rows = math.ceil(count / cols)
    figure = Figure(figsize=(WIDTH, height * rows + 0.6), layout="constrained")
    axes = figure.subplots(rows, cols, squeeze=False).flat
    for ax in axes[count:]:
        ax.set_visible(False)
    return figure, axes


def means(summary: pd.DataFrame, kpis: Sequence[str], labels: Sequence[str], lang: str) -> str:
    """Each outcome's mean per variant with its 95% margin, a panel per outcome."""
    with rc_context(STYLE):
        figure, axes = _panels(len(kpis), 2.2)
        x = np.arange(len(labels))
        colours = [PALETTE[i % len(PALETTE)] for i in x]
        for ax, name in zip(axes, kpis, strict=False):
            part = summary[summary["kpi"] == name].set_index("scenario").loc[list(labels)]
            scale = _scale(name)
            mean = part["mean"].to_numpy() * scale
            low = np.nan_to_num(mean - part["ci_low"].to_numpy() * scale)
            high = np.nan_to_num(part["ci_high"].to_numpy() * scale - mean)
            ax.bar(x, mean, color=colours, width=0.7)
            ax.errorbar(x, mean, yerr=[low, high], fmt="none", ecolor=INK, capsize=4, lw=1)
            ax.set_title(texts.kpi_name(name, lang), fontsize=11)
            ax.set_ylabel(_unit(name, lang))
            ax.set_xticks([])
            _ticks(ax.yaxis, lang)
        _legend(figure, labels)
        return svg(figure)


def differences(
    summary: pd.DataFrame, kpis: Sequence[str], labels: Sequence[str], lang: str
) -> str:
    """Each other variant's difference from the first with both its intervals, a panel per
    outcome: the dice (the 95% margin, a line with caps) inside the assumptions (the band of the
    middle 80% of the plausible models, a wide light bar)."""
    others = list(labels[1:])
    with rc_context(STYLE):
        figure, axes = _panels(len(kpis), 2.2)
        x = np.arange(len(others))
        for ax, name in zip(axes, kpis, strict=False):
            part = summary[summary["kpi"] == name].set_index("scenario").loc[others]
            scale = _scale(name)
            diff = part["diff"].to_numpy() * scale
            band_low, band_high = (
                part[k].to_numpy() * scale for k in ("models_low", "models_high")
            )
            for i in x:
                colour = PALETTE[(i + 1) % len(PALETTE)]
                ax.bar(i, band_high[i] - band_low[i], bottom=band_low[i], width=0.6,
                       color=colour, alpha=0.3, lw=0)  # fmt: skip
            low = np.nan_to_num(diff - part["diff_low"].to_numpy() * scale)
            high = np.nan_to_num(part["diff_high"].to_numpy() * scale - diff)
            ax.errorbar(x, diff, yerr=[low, high], fmt="o", color=INK, capsize=4, lw=1.2, ms=4)
            ax.axhline(0, color=GREY, lw=0.8)
            ax.set_title(texts.kpi_name(name, lang), fontsize=11)
            ax.set_ylabel(_unit(name, lang))
            ax.set_xticks([])
            _ticks(ax.yaxis, lang)
        handles = [
            Patch(color=PALETTE[(i + 1) % len(PALETTE)], alpha=0.3, label=label)
            for i, label in enumerate(others)
        ]
        handles.append(
            Line2D(
                [],
                [],
                color=INK,
                marker="o",
                ms=4,
                label=texts.text("board.models.legend_dice", lang),
            )
        )
        figure.legend(
            handles=handles, loc="outside upper center", ncols=min(3, len(handles)), frameon=False
        )
        return svg(figure)


def _thinned(by_week: pd.DataFrame) -> pd.DataFrame:
    """At most :data:`POINTS` points a line: longer runs as means over blocks of weeks (placed
    at the block's middle week), so a figure's size does not grow with the horizon."""
    size = math.ceil(len(by_week) / POINTS)
    if size <= 1:
        return by_week
    blocks = by_week.groupby(np.arange(len(by_week)) // size)
    thinned = blocks.mean()
    thinned.index = blocks.apply(lambda block: float(np.mean(block.index)))
    return thinned


def series(
    runs: Mapping[str, pd.DataFrame],
    columns: Sequence[str],
    lang: str,
    events: Mapping[str, list[Event]] | None = None,
) -> str:
    """Each series' mean over the replications and the band 8 in 10 runs fall in, a panel per
    series, with each variant's interventions as dotted lines."""
    with rc_context(STYLE):
        figure, axes = _panels(len(columns), 2.2)
        for ax, column in zip(axes, columns, strict=False):
            scale = _scale(column)
            for j, (label, rows) in enumerate(runs.items()):
                colour = PALETTE[j % len(PALETTE)]
                by_week = rows.groupby("week")[column]
                drawn = pd.DataFrame(
                    {"mean": by_week.mean(), "low": by_week.quantile(0.1)}
                    | {"high": by_week.quantile(0.9)}
                )
                drawn = _thinned(drawn) * scale
                weeks = drawn.index.to_numpy()
                ax.fill_between(weeks, drawn["low"], drawn["high"], color=colour, alpha=0.18, lw=0)
                ax.plot(weeks, drawn["mean"], color=colour, lw=1.5)
                for event in (events or {}).get(label, []):
                    ax.axvline(event.week, color=EVENT_COLOURS[event.kind], ls=":", lw=1)
            ax.set_title(texts.kpi_name(column, lang), fontsize=11)
            ax.set_xlabel(texts.text("board.chart_week", lang))
            ax.set_ylabel(_unit(column, lang))
            _ticks(ax.yaxis, lang)
        _legend(figure, list(runs))
        return svg(figure)


def mechanisms(why: Why, lang: str) -> str:
    """The five largest mechanisms' contributions with their 95% margins, the others together,
    what no mechanism explains alone, and the total difference."""
    top, rest = ranked(why)
    rows = why.parts[why.parts["kpi"] == why.kpi].set_index("part")
    scale = _scale(why.kpi)
    labels = [texts.mechanism_name(m, lang) for m in top.index]
    values = list(top.to_numpy())
    lows = list(rows.loc[top.index, "ci_low"])
    highs = list(rows.loc[top.index, "ci_high"])
    colours = [MORE if v >= 0 else LESS for v in values]
    for key, value, colour in (
        ("board.chart_others", float(rest.sum()), GREY),
        ("board.chart_joint", contribution(why, "remainder"), GREY),
        ("board.chart_total", contribution(why, "total"), INK),
    ):
        if key == "board.chart_others" and rest.empty:
            continue
        labels.append(texts.text(key, lang))
        values.append(value)
        whole = key == "board.chart_total"  # the rest's margins mix every mechanism's noise
        lows.append(rows.at["total", "ci_low"] if whole else value)
        highs.append(rows.at["total", "ci_high"] if whole else value)
        colours.append(colour)
    shown = np.asarray(values) * scale
    low = np.nan_to_num(shown - np.asarray(lows) * scale)
    high = np.nan_to_num(np.asarray(highs) * scale - shown)
    with rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, 0.42 * len(labels) + 0.9), layout="constrained")
        ax = figure.subplots()
        y = np.arange(len(labels))
        ax.barh(y, shown, color=colours, height=0.65)
        ax.errorbar(shown, y, xerr=[low, high], fmt="none", ecolor=INK, capsize=3, lw=1)
        ax.axvline(0, color=INK, lw=0.8)
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        unit = texts.kpi_unit(why.kpi, lang)
        kpi = texts.kpi_name(why.kpi, lang)
        ax.set_xlabel(texts.text("board.chart_why_axis", lang, kpi=kpi, unit=unit))
        _ticks(ax.xaxis, lang)
        return svg(figure)
