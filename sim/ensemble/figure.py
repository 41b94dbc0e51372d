"""What the evidence constrains, per varied coefficient: its declared range (the prior) against
the range the plausible models keep, most narrowed first. :func:`narrowing` gives the rows (the
dashboard's model page draws them with Plotly); :func:`constrained_svg` draws them as a static
SVG for ``docs/`` (matplotlib, as the report's figures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sim import texts
from sim.charts import GREY, PALETTE
from sim.ensemble.members import Ensemble, load_ensemble
from sim.report.figures import STYLE, WIDTH, svg


def label(name: str) -> str:
    """A varied coefficient as the chart names it: its path without ``coefficients.``."""
    return name.removeprefix("coefficients.")


def narrowing(ensemble: Ensemble) -> list[dict[str, Any]]:
    """:meth:`Ensemble.kept_ranges` with, per coefficient, ``narrowed`` (1 − kept width / prior
    width) and the kept range as shares of the prior (``low_share``, ``high_share``: 0 is the
    prior's low end, 1 its high end); the most narrowed first, ties by name."""
    rows = []
    for row in ensemble.kept_ranges():
        width = row["prior_high"] - row["prior_low"]
        low = (row["low"] - row["prior_low"]) / width
        high = (row["high"] - row["prior_low"]) / width
        rows.append({**row, "narrowed": 1.0 - (high - low), "low_share": low, "high_share": high})
    return sorted(rows, key=lambda r: (-r["narrowed"], r["name"]))


def summary(ensemble: Ensemble, lang: str = "en") -> str:
    """The ensemble in a sentence: its members, varied coefficients and targets."""
    return texts.text(
        "ensemble.figure.summary",
        lang,
        members=len(ensemble),
        coefficients=len(ensemble.names),
        targets=len(ensemble.targets),
    )


def method(ensemble: Ensemble, lang: str = "en") -> str:
    """How the ensemble was found, as its file names the method."""
    named = ensemble.method or texts.text("ensemble.figure.no_method", lang)
    return texts.text("ensemble.figure.method", lang, method=named)


def constrained_svg(ensemble: Ensemble | None = None, lang: str = "en") -> str:
    """The prior range (grey) against the kept range (blue) of each varied coefficient, on the
    scale of its prior (0 to 1) so that coefficients of every unit share one axis; each row says
    how much is narrowed. An inline ``<svg>`` element, the same for the same ensemble."""
    ensemble = ensemble if ensemble is not None else load_ensemble()
    rows = narrowing(ensemble)
    y = np.arange(len(rows))[::-1]
    with rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, 0.24 * len(rows) + 1.4), layout="constrained")
        ax = figure.subplots()
        ax.hlines(y, 0.0, 1.0, color=GREY, alpha=0.35, linewidth=7)
        ax.hlines(
            y, [r["low_share"] for r in rows], [r["high_share"] for r in rows], color=PALETTE[0],
            linewidth=4,
        )  # fmt: skip
        for row, at in zip(rows, y, strict=True):
            ax.text(1.02, at, f"{texts.number(100 * row['narrowed'], lang, 0)}%", va="center")
        ax.set_yticks(y, [label(r["name"]) for r in rows], fontsize=8)
        ax.set_xlim(-0.02, 1.12)
        ax.set_ylim(-0.8, len(rows) - 0.2)
        ax.set_xticks([0, 0.5, 1], [texts.text(f"ensemble.figure.{k}", lang) for k in
                                     ("prior_low", "prior_middle", "prior_high")])  # fmt: skip
        ax.set_xlabel(texts.text("ensemble.figure.axis", lang))
        ax.set_title(texts.text("ensemble.figure.title", lang, members=len(ensemble)), loc="left")
        handles = [
            Line2D([], [], color=GREY, alpha=0.35, linewidth=7),
            Line2D([], [], color=PALETTE[0], linewidth=4),
        ]
        words = [texts.text(f"ensemble.figure.{k}", lang) for k in ("prior", "kept")]
        figure.legend(handles, words, loc="outside upper right", ncols=2, frameon=False)
        return svg(figure)


def write_constrained(path: str | Path, ensemble: Ensemble | None = None, lang: str = "en") -> Path:
    """:func:`constrained_svg` written to ``path`` as an SVG file (for ``docs/``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    drawn = constrained_svg(ensemble, lang)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + drawn + "\n", encoding="utf-8")
    return path
