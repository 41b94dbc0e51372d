"""The workshop's film: one run week by week, shown by film.js and film.css (a Streamlit
component) beside the series of the replications, and exported as an animated GIF for slides."""

from __future__ import annotations

import base64
import importlib.util
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

GIF_SIZE = (1920, 1080)  # a 16:9 slide at full HD
GIF_FRAMES = 60  # at most: a few seconds, a file of a few MB
INK = (26, 26, 26)


def font_file(bold: bool = False) -> Path:
    """DejaVu Sans (it has arrows and dashes), as matplotlib ships it: on every machine the
    project is installed on, whatever fonts the system has."""
    found = importlib.util.find_spec("matplotlib")
    if found is None or found.origin is None:
        raise RuntimeError("matplotlib is not installed: pip install -e . brings it")
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return Path(found.origin).parent / "mpl-data" / "fonts" / "ttf" / name


def gif(shots: Shots, phases: list[tuple[int, str]], lang: str, story: str = "") -> bytes:
    """The film as an animated GIF for a slide: a title (the story and the week), what is
    happening, the well-being plane, the teams and a legend, all inside the frame."""
    width = GIF_SIZE[0]
    big, text, small = (
        ImageFont.truetype(str(font_file(bold)), size)
        for bold, size in ((True, 52), (False, 32), (False, 28))
    )
    bold = ImageFont.truetype(str(font_file(True)), 30)
    colours = [_rgb(QUADRANT_COLOURS[q]) for q in snapshot.QUADRANTS]
    side, left, top = 680, 150, 300  # the plane
    right = left + side + 120  # the teams and the legend
    teams = shots.balance.shape[1]
    rows = math.ceil(teams / shots.columns)
    cell = min((width - 60 - right) // shots.columns, 380 // rows, 120)
    step = max(1, math.ceil(len(shots.weeks) / GIF_FRAMES))
    palette = _palette(colours)
    pictures = []
    for i in [*range(0, len(shots.weeks), step), len(shots.weeks) - 1]:
        image = Image.new("RGB", GIF_SIZE, "white")
        draw = ImageDraw.Draw(image)
        week = int(shots.weeks[i])
        title = (
            texts.text("film.gif_title", lang, story=story, week=week)
            if story
            else (f"{texts.text('film.week', lang).capitalize()} {week}")
        )
        draw.text((60, 40), title, INK, big)
        said = [words for start, words in phases if start <= week][-1]
        happening = texts.text("film.happening", lang)
        draw.text((60, 120), happening, INK, bold)
        indent = 60 + draw.textlength(happening, font=bold) + 16
        _wrap(draw, said, (indent, 120), width - 60 - indent, text, lines=3)
        # the plane
        draw.rectangle([left, top, left + side, top + side], outline=(150, 150, 150), width=2)
        c = left + snapshot.CUT_OFF * side
        draw.line([c, top, c, top + side], fill=(120, 120, 120), width=2)
        m = top + side - snapshot.CUT_OFF * side
        draw.line([left, m, left + side, m], fill=(120, 120, 120), width=2)
        for q, (x, y, anchor) in zip(
            ("workaholism", "engagement", "burnout", "satisfaction"),
            (
                (10, 10, "la"),
                (side - 10, 10, "ra"),
                (10, side - 10, "ld"),
                (side - 10, side - 10, "rd"),
            ),
            strict=True,
        ):
            colour = colours[snapshot.QUADRANTS.index(q)]
            name = texts.text(f"quadrant.{q}", lang)
            draw.text((left + x, top + y), name, colour, bold, anchor)
        xs = left + shots.x[i] / 255 * side
        ys = top + side - shots.y[i] / 255 * side
        for x, y, code in zip(xs, ys, shots.code[i], strict=True):
            colour = colours[code & 3]
            box = [x - 8, y - 8, x + 8, y + 8]
            if code & 4:
                draw.ellipse(box, fill="white", outline=colour, width=3)
            else:
                draw.ellipse(box, fill=colour, outline=(60, 60, 60))
        axis = texts.text("film.pleasure_axis", lang)
        draw.text((left + side / 2, top + side + 16), axis, INK, text, "ma")
        _vertical(image, texts.text("film.energy_axis", lang), (left - 16, top + side / 2), text)
        # the teams and the legend
        draw.text((right, top - 12), texts.text("film.teams", lang), INK, bold, "ld")
        for t, value in enumerate(shots.balance[i]):
            x0, y0 = right + (t % shots.columns) * cell, top + (t // shots.columns) * cell
            draw.rectangle([x0 + 3, y0 + 3, x0 + cell - 3, y0 + cell - 3], fill=_diverging(value))
            draw.text((x0 + cell / 2, y0 + cell / 2), str(t + 1), INK, small, "mm")
        _legend(draw, (right, top + rows * cell + 30), colours, lang, small)
        pictures.append(image.quantize(palette=palette, dither=Image.Dither.NONE))
    out = io.BytesIO()
    pictures[0].save(
        out, "GIF", save_all=True, append_images=pictures[1:], duration=120, loop=0, optimize=True
    )
    return out.getvalue()


def _legend(draw: ImageDraw.ImageDraw, at: tuple[float, float], colours, lang: str, font) -> None:
    """What the dots' colours, an open dot and the teams' colours mean."""
    x, y = at
    items = [(colour, False, texts.text(f"quadrant.{q}", lang)) for q, colour in
             zip(snapshot.QUADRANTS, colours, strict=True)]  # fmt: skip
    items.append(((120, 120, 120), True, texts.text("film.absent", lang)))
    for n, (colour, open_, name) in enumerate(items):
        cx, cy = x + (n % 2) * 380 + 12, y + (n // 2) * 48 + 16
        box = [cx - 11, cy - 11, cx + 11, cy + 11]
        if open_:
            draw.ellipse(box, fill="white", outline=colour, width=3)
        else:
            draw.ellipse(box, fill=colour, outline=(60, 60, 60))
        draw.text((cx + 24, cy), name, INK, font, "lm")
    y += math.ceil(len(items) / 2) * 48 + 24
    low, high = (texts.text(f"quadrant.{q}", lang) for q in ("burnout", "engagement"))
    draw.text((x, y), texts.text("film.teams", lang) + ":", INK, font, "lm")
    x += draw.textlength(texts.text("film.teams", lang) + ": ", font=font)
    for value, name in ((-1.0, low), (1.0, high)):
        draw.rectangle([x, y - 14, x + 40, y + 14], fill=_diverging(value), outline=(90, 90, 90))
        draw.text((x + 52, y), name, INK, font, "lm")
        x += 52 + draw.textlength(name, font=font) + 36


def _vertical(image: Image.Image, words: str, centre: tuple[float, float], font) -> None:
    """``words`` turned a quarter to the left, centred at ``centre``'s height, ending left of
    its x."""
    box = font.getbbox(words)
    label = Image.new("RGBA", (box[2] + 4, box[3] + 8), (255, 255, 255, 0))
    ImageDraw.Draw(label).text((2, 2), words, INK, font)
    label = label.rotate(90, expand=True)
    x, y = centre
    image.paste(label, (int(x - label.width), int(y - label.height / 2)), label)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


SHADES = 10
"""Steps of a team's colour each way from white: one palette for every frame (fast, no
dithering)."""


def _diverging(value: float) -> tuple[int, int, int]:
    to = (213, 94, 0) if value < 0 else (0, 114, 178)
    a = round(min(1.0, abs(value)) * SHADES) / SHADES
    return tuple(round(247 + (t - 247) * a) for t in to)


def _palette(colours: list[tuple[int, int, int]]) -> Image.Image:
    """The GIF's colours: white, ink and greys with their blends (text's edges), the
    quadrants' and the teams' shades."""
    greys = [(v, v, v) for v in range(0, 232, 12)]  # none so light it would stand for white
    shades = [_diverging(k / SHADES) for k in range(-SHADES, SHADES + 1)]
    tints = [tuple(round(c + (255 - c) * f) for c in colour) for colour in colours
             for f in (0.0, 0.33, 0.66)]  # fmt: skip
    found = list(dict.fromkeys([(255, 255, 255), INK, *greys, *shades, *tints]))
    image = Image.new("P", (1, 1))
    image.putpalette([v for colour in found for v in colour] + [0] * 3 * (256 - len(found)))
    return image


def _wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    at: tuple[float, float],
    width: float,
    font,
    lines: int = 6,
) -> None:
    """Draw ``text`` in at most ``lines`` lines no wider than ``width`` (an ellipsis if it goes
    on)."""
    out, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) > width and line:
            out.append(line)
            line = word
        else:
            line = trial
    out.append(line)
    if len(out) > lines:
        out = [*out[: lines - 1], out[lines - 1] + " …"]
    draw.multiline_text(at, "\n".join(out), INK, font, spacing=8)
