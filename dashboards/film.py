"""The workshop's film: one run week by week, shown by film.js and film.css (a Streamlit
component) beside the series of the replications, and exported as an animated GIF for slides."""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from PIL import Image, ImageDraw, ImageFont

import sim
from sim import snapshot, texts
from sim.charts import EVENT_COLOURS, QUADRANT_COLOURS
from sim.events import Event

HERE = Path(__file__).parent
COMPONENT = st.components.v2.component(
    "loslaten.film", js=(HERE / "film.js").read_text(), css=(HERE / "film.css").read_text()
)
EMPLOYEE_FRAMES = 130_000
"""Employee-pictures sent to the browser at most: a large organisation is filmed less often."""
WORDS = (
    "play pause back forward restart speed let_go_now tighten_now keys happening plane teams team "
    "absent pleasure_axis energy_axis week label tiles tiles_note"
).split()
REVEALED = {"grab", "relapse"}
"""Kinds of event read from the run's own series: shown once the film has reached them, so the
timeline does not give the ending away."""
TILE_WEEKS = 4
"""A tile shows the mean of the weeks up to the one shown: a month, not one noisy week."""


@dataclass(frozen=True)
class Shots:
    """One run pictured every ``every`` weeks: each employee's pleasure and energy (0–255),
    quadrant code (+4 when absent) and each team's engaged minus burnout share."""

    weeks: np.ndarray
    x: np.ndarray  # (frames, employees) uint8
    y: np.ndarray
    code: np.ndarray
    balance: np.ndarray  # (frames, teams)
    columns: int  # of the team grid


def every(employees: int, weeks: int) -> int:
    """Weeks between pictures: every week unless the organisation is large."""
    return max(1, math.ceil(employees * (weeks + 1) / EMPLOYEE_FRAMES))


@st.cache_data(max_entries=32, show_spinner=False)
def shoot(scenario_json: str, seed: int, step: int) -> Shots:
    """Picture the run the film shows of the scenario for the experiment seed ``seed`` every
    ``step`` weeks (and its last week): people as :mod:`sim.snapshot` counts them."""
    scenario = sim.Scenario.model_validate_json(scenario_json)
    weeks, x, y, code, balance = [], [], [], [], []
    engaged, burnout = (snapshot.QUADRANTS.index(q) for q in ("engagement", "burnout"))
    for shot in snapshot.course(scenario, seed, step):
        weeks.append(shot.week)
        x.append(np.round(np.clip(shot.pleasure, 0, 1) * 255).astype(np.uint8))
        y.append(np.round(np.clip(shot.energy, 0, 1) * 255).astype(np.uint8))
        code.append((shot.quadrant + 4 * shot.absent).astype(np.uint8))
        balance.append(shot.shares[:, engaged] - shot.shares[:, burnout])
    columns = max(1, math.ceil(math.sqrt(len(balance[0]) * 1.5)))
    return Shots(np.array(weeks), *map(np.array, (x, y, code, balance)), columns)


def _b64(values: np.ndarray) -> str:
    return base64.b64encode(values.tobytes()).decode()


def _band(series: pd.DataFrame, column: str, scale: float) -> dict[str, list]:
    by_week = series.groupby("week")[column]
    return {
        "mean": list(np.round(by_week.mean().to_numpy() * scale, 4)),
        "low": list(np.round(by_week.quantile(0.1).to_numpy() * scale, 4)),
        "high": list(np.round(by_week.quantile(0.9).to_numpy() * scale, 4)),
    }


def _unit(column: str, lang: str) -> str:
    if column in texts.SHARES:
        return "%"
    return texts.text("unit.hours", lang) if column in texts.HOURS else ""


def _tile(now: pd.DataFrame, baseline: pd.DataFrame, column: str, lang: str) -> dict:
    """A KPI's tile: per week the mean over the replications of the last ``TILE_WEEKS`` weeks
    up to it, and the same of the baseline (the film shows the week's values only)."""
    scale = 100.0 if column in texts.SHARES else 1.0

    def trailing(frame: pd.DataFrame) -> list[float]:
        weekly = frame.groupby("week")[column].mean()
        return list(np.round(weekly.rolling(TILE_WEEKS, min_periods=1).mean() * scale, 4))

    return {
        "name": texts.kpi_name(column, lang),
        "unit": _unit(column, lang),
        "change_unit": texts.text("unit.points", lang) if scale == 100 else _unit(column, lang),
        "digits": 1 if scale == 100 or column in texts.HOURS else 2,
        "better": texts.BETTER.get(column, 0),
        "mean": trailing(now),
        "baseline": trailing(baseline)[: now["week"].nunique()],
    }


def show(
    shots: Shots,
    now: pd.DataFrame,
    baseline: pd.DataFrame,
    columns: tuple[str, ...],
    tiles: tuple[str, ...],
    events: list[Event],
    phases: list[tuple[int, str]],
    lang: str,
    big: bool,
    start: int | None,
    on_intervene,
):
    """Mount the film with the series of ``now`` against ``baseline`` and the ``tiles`` at the
    week shown; ``start`` moves it to a week (after an intervention "now"). Returns the
    component's result."""
    words = {k: texts.text(f"film.{k}", lang) for k in WORDS}
    words |= {"current": texts.text("common.current", lang)}
    words |= {"baseline": texts.text("common.baseline", lang)}
    series = []
    for column in columns:
        scale = 100.0 if column in texts.SHARES else 1.0
        band = _band(now, column, scale)
        base = baseline.groupby("week")[column].mean().to_numpy() * scale
        series.append(
            {
                "name": texts.kpi_name(column, lang),
                "unit": _unit(column, lang),
                "digits": 1 if scale == 100 or column in texts.HOURS else 2,
                **band,
                "baseline": list(np.round(base[: len(band["mean"])], 4)),
            }
        )
    data = {
        "key": "film",
        "lang": lang,
        "big": big,
        "words": words,
        "weeks": shots.weeks.tolist(),
        "seriesWeeks": sorted(now["week"].unique().tolist()),
        "employees": int(shots.x.shape[1]),
        "teams": int(shots.balance.shape[1]),
        "columns": shots.columns,
        "cut": snapshot.CUT_OFF,
        "quadrants": [
            {"key": q, "name": texts.text(f"quadrant.{q}", lang), "colour": QUADRANT_COLOURS[q]}
            for q in snapshot.QUADRANTS
        ],
        "frames": [
            {
                "x": _b64(shots.x[i]),
                "y": _b64(shots.y[i]),
                "q": _b64(shots.code[i]),
                "teams": np.round(shots.balance[i], 3).tolist(),
            }
            for i in range(len(shots.weeks))
        ],
        "series": series,
        "tiles": [_tile(now, baseline, column, lang) for column in tiles],
        "events": [
            {
                "week": e.week,
                "kind": e.kind,
                "label": texts.text(f"event.{e.kind}", lang)
                + (f" ({texts.text('event.you', lang)})" if e.mine else ""),
                "colour": EVENT_COLOURS[e.kind],
                "revealed": e.kind in REVEALED,
            }
            for e in events
        ],
        "phases": [{"week": w, "text": t} for w, t in phases],
        "start": start,
        "startToken": st.session_state.get("film_start_token", 0),
    }
    return COMPONENT(key="film", data=data, on_intervene_change=on_intervene, height="content")


# --- an animated GIF ----------------------------------------------------------------------------

GIF_SIZE = (960, 540)  # a 16:9 slide
GIF_FRAMES = 90  # at most: a few seconds, a small file


def gif(shots: Shots, phases: list[tuple[int, str]], lang: str) -> bytes:
    """The film as an animated GIF: the well-being plane, the teams and the week."""
    width = GIF_SIZE[0]
    font, small = ImageFont.load_default(26), ImageFont.load_default(18)
    colours = [_rgb(QUADRANT_COLOURS[q]) for q in snapshot.QUADRANTS]
    cut = snapshot.CUT_OFF
    side, left, top = 440, 70, 60
    teams = shots.balance.shape[1]
    cell = min(380 // shots.columns, 300 // math.ceil(teams / shots.columns))
    step = max(1, math.ceil(len(shots.weeks) / GIF_FRAMES))
    pictures = []
    for i in [*range(0, len(shots.weeks), step), len(shots.weeks) - 1]:
        image = Image.new("RGB", GIF_SIZE, "white")
        draw = ImageDraw.Draw(image)
        draw.rectangle([left, top, left + side, top + side], outline=(150, 150, 150))
        c = left + cut * side
        draw.line([c, top, c, top + side], fill=(120, 120, 120))
        draw.line(
            [left, top + side - cut * side, left + side, top + side - cut * side],
            fill=(120, 120, 120),
        )
        for q, (x, y, anchor) in zip(
            ("workaholism", "engagement", "burnout", "satisfaction"),
            ((6, 6, "la"), (side - 6, 6, "ra"), (6, side - 6, "ld"), (side - 6, side - 6, "rd")),
            strict=True,
        ):
            colour = colours[snapshot.QUADRANTS.index(q)]
            draw.text((left + x, top + y), texts.text(f"quadrant.{q}", lang), colour, small, anchor)
        xs = left + shots.x[i] / 255 * side
        ys = top + side - shots.y[i] / 255 * side
        for x, y, code in zip(xs, ys, shots.code[i], strict=True):
            colour = colours[code & 3]
            box = [x - 5, y - 5, x + 5, y + 5]
            if code & 4:
                draw.ellipse(box, fill="white", outline=colour, width=2)
            else:
                draw.ellipse(box, fill=colour, outline=(60, 60, 60))
        draw.text(
            (left + side / 2, top + side + 12),
            texts.text("film.pleasure_axis", lang),
            (30, 30, 30),
            small,
            "ma",
        )
        draw.text(
            (left - 12, top + side / 2),
            texts.text("film.energy_axis", lang),
            (30, 30, 30),
            small,
            "rm",
        )
        gx = left + side + 60
        draw.text((gx, top - 10), texts.text("film.teams", lang), (30, 30, 30), small, "ld")
        for t, value in enumerate(shots.balance[i]):
            x0, y0 = gx + (t % shots.columns) * cell, top + (t // shots.columns) * cell
            draw.rectangle([x0 + 2, y0 + 2, x0 + cell - 2, y0 + cell - 2], fill=_diverging(value))
            draw.text((x0 + cell / 2, y0 + cell / 2), str(t + 1), (30, 30, 30), small, "mm")
        week = int(shots.weeks[i])
        draw.text(
            (gx, top + side - 10),
            f"{texts.text('film.week', lang)} {week}",
            (20, 20, 20),
            font,
            "ld",
        )
        said = [text for start, text in phases if start <= week][-1]
        _wrap(draw, said, (gx, top + side + 12), width - gx - 20, small)
        pictures.append(image.convert("P", palette=Image.Palette.ADAPTIVE, colors=64))
    out = io.BytesIO()
    pictures[0].save(
        out, "GIF", save_all=True, append_images=pictures[1:], duration=120, loop=0, optimize=True
    )
    return out.getvalue()


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _diverging(value: float) -> tuple[int, int, int]:
    to = (213, 94, 0) if value < 0 else (0, 114, 178)
    a = min(1.0, abs(value))
    return tuple(round(247 + (t - 247) * a) for t in to)


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, at: tuple[float, float], width: float, font
) -> None:
    """Draw ``text`` in lines no wider than ``width``."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    draw.multiline_text(at, "\n".join(lines[:6]), (30, 30, 30), font, spacing=4)
