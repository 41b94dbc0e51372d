"""The room's figures: tiles, the manager's week, the big screen's team cards, and the charts."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from sim import snapshot, texts
from sim.charts import INK, PALETTE, QUADRANT_COLOURS, legend_on_top, plotly_config, styled

from i18n import kpi, lang, t

FIGURE_NAMES = {  # team figures that are not organisation KPIs
    "trust_in_manager": "room.fig.trust_in_manager",
    "manager_energy": "room.fig.manager_energy",
}
OWN_NAMES = {"manager_hours": "room.fig.your_hours", "trust_in_manager": "room.fig.trust_in_you",
             "manager_energy": "room.fig.your_energy"}  # fmt: skip
BETTER = {**texts.BETTER, "trust_in_manager": 1, "manager_energy": 1}
HOUR_KINDS = ("monitoring_hours", "firefighting_hours", "coaching_hours", "vision_hours")
HOUR_COLOURS = ("#CC79A7", "#D55E00", "#0072B2", "#009E73")


def figure_name(name: str, own: bool = False) -> str:
    """A team figure's name; ``own``: as the team's manager reads it ("your hours")."""
    if own and name in OWN_NAMES:
        return t(OWN_NAMES[name])
    return t(FIGURE_NAMES[name]) if name in FIGURE_NAMES else kpi(name)


def shown(name: str, v: float) -> str:
    return texts.kpi_value(name, v, lang())


def tiles(
    figures: dict[str, float], before: dict[str, float] | None, names: list[str], own: bool = False
) -> None:
    """A tile per figure with its change since the round before (green better, orange worse),
    in a grid that wraps on a phone."""
    out = []
    for name in names:
        v = figures.get(name, float("nan"))
        change, tone = "", ""
        if before is not None and np.isfinite(v) and np.isfinite(before.get(name, np.nan)):
            diff = v - before[name]
            change = texts.kpi_change(name, diff, lang())
            tone = {1: "good", -1: "bad", 0: ""}[texts.kpi_tone(name, diff, BETTER)]
        out.append(
            f'<div class="room-tile"><div class="l">{html.escape(figure_name(name, own))}</div>'
            f'<div class="v">{html.escape(shown(name, v))}</div>'
            f'<div class="c {tone}">{html.escape(change) or "&nbsp;"}</div></div>'
        )
    st.html(f'<div class="room-tiles">{"".join(out)}</div>')


def manager_week(figures: dict[str, float]) -> None:
    """The manager's week as a bar of hours by activity."""
    total = max(float(figures["manager_hours"]), 1e-9)
    parts, legend = [], []
    for kind, colour in zip(HOUR_KINDS, HOUR_COLOURS, strict=True):
        hours = float(figures[kind])
        parts.append(f'<span style="width:{100 * hours / total:.1f}%;background:{colour}"></span>')
        legend.append(
            f'<i style="background:{colour}"></i>{html.escape(t(f"room.hours.{kind}"))} '
            f"{texts.number(hours, lang(), 1)}"
        )
    other = total - sum(float(figures[k]) for k in HOUR_KINDS)
    parts.append(f'<span style="width:{100 * max(other, 0) / total:.1f}%;background:#c8c8c8">')
    legend.append(
        f'<i style="background:#c8c8c8"></i>{html.escape(t("room.hours.other"))} '
        f"{texts.number(max(other, 0), lang(), 1)}"
    )
    words = t("room.your_week", hours=texts.number(total, lang(), 1))
    st.html(
        f'<div class="room-legend"><b>{html.escape(words)}</b></div>'
        f'<div class="room-week" role="img" aria-label="{html.escape(words)}">{"".join(parts)}'
        f'</div><div class="room-legend">{" ".join(f"<span>{item}</span>" for item in legend)}'
        "</div>"
    )


CARD_FIGURES = ("productivity", "engagement_rate", "burnout_rate", "trust_in_manager",
                "manager_hours")  # fmt: skip


def banded(name: str, row: dict, part: str) -> str:
    """A team's difference ``part`` in ``name`` with half its 95% band, without units: shares
    in percentage points (``+8,3 ±3,3``); empty before the first round."""
    value, low, high = (
        row.get(f"{name}_{part}"),
        row.get(f"{name}_{part}_low"),
        row.get(f"{name}_{part}_high"),
    )
    if value is None or not np.isfinite(value):
        return ""
    scale, decimals = (100, 1) if name in texts.SHARES else (1, 1 if name in texts.HOURS else 2)
    half = scale * (high - low) / 2
    return (
        f"{texts.number(scale * value, lang(), decimals, sign=True)} "
        f"±{texts.number(half, lang(), decimals)}"
    )


def team_cards(teams: pd.DataFrame, open_round: bool = True) -> None:
    """The big screen's card per team: who runs it, whether they decided (while a round is
    open), whether they are pulling control back, and last round's figures: the level, the
    change since the team's own start and the difference from the same team under the story's
    manager, each with half its 95% band."""
    cards = []
    for row in teams.to_dict("records"):
        named = isinstance(row["name"], str)
        team = t("room.team", team=row["team"])
        who = f'{html.escape(row["name"])} <span class="team">· {team}</span>' if named else team
        if not named:
            state, css = t("room.run_by_story"), ""
        elif not open_round:
            state, css = "", ""
        elif row["submitted"]:
            state, css = "✓ " + t("room.decided"), ""
        else:
            state, css = "… " + t("room.deciding"), ""
        back = ""
        if row["pulling_back"]:
            back = f'<div class="state back">⚠ {html.escape(t("room.pulling_back"))}</div>'
            css = " back"
        head = "".join(
            f'<th class="n">{html.escape(t(f"room.bands.{k}"))}</th>'
            for k in ("now", "since_start", "vs_story_short")
        )
        lines = f"<tr><th></th>{head}</tr>" + "".join(
            f"<tr><td>{html.escape(figure_name(name))}</td>"
            f'<td class="n">{html.escape(shown(name, row[name]))}</td>'
            f'<td class="n d">{html.escape(banded(name, row, "change"))}</td>'
            f'<td class="n d">{html.escape(banded(name, row, "vs_story"))}</td></tr>'
            for name in CARD_FIGURES
        )
        cards.append(
            f'<div class="room-card{css}" data-team="{row["team"]}">'
            f'<div class="who">{who}</div>'
            f'<div class="state">{html.escape(state) or "&nbsp;"}</div>{back}'
            f"<table>{lines}</table></div>"
        )
    st.html(f'<div class="room-cards">{"".join(cards)}</div>')


def config() -> dict:
    """Plotly's settings for the room's charts: no mode bar."""
    return {**plotly_config(lang()), "displayModeBar": False}


def plane(people: pd.DataFrame, big: bool = False, height: int = 320) -> go.Figure:
    """Employees on the well-being plane (pleasure across, energy up), coloured by quadrant;
    the absent as open circles."""
    return _plane(people, big, height, lang())


def history(rows: pd.DataFrame, big: bool = False) -> go.Figure:
    """A team's engagement and burnout (%, top) and output (below) round by round: one y-axis
    per panel and one round axis, at the bottom."""
    return _history(rows, big, lang())


# A phone's page runs again whenever a slider moves (the choices are not a form), and building
# its two charts is most of the run (Plotly checks every property: 0.30 of 0.54 s, measured
# under AppTest, docs/performance.md). The same team, round and language give the same chart,
# so it is built once and shared: Streamlit's plotly_chart only reads a figure (it copies it to a
# dictionary), and nobody changes one after it is made.
CHARTS_KEPT = 512  # two charts per team and round, for a few sessions at once


@st.cache_resource(max_entries=CHARTS_KEPT, show_spinner=False)
def _plane(people: pd.DataFrame, big: bool, height: int, language: str) -> go.Figure:
    """:func:`plane` in ``language`` (the key: the texts read it from the session)."""
    fig = go.Figure()
    for name in snapshot.QUADRANTS:
        part = people[people.quadrant == name]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part.pleasure,
                y=part.energy,
                mode="markers",
                name=t(f"quadrant.{name}"),
                marker={
                    "color": QUADRANT_COLOURS[name],
                    "size": 14 if big else 11,
                    "symbol": np.where(part.absent, "circle-open", "circle"),
                    "line": {"color": INK, "width": 0.6},
                },
                hovertemplate="%{x:.2f}, %{y:.2f}<extra></extra>",
            )
        )
    fig.add_vline(x=snapshot.CUT_OFF, line={"color": "#999", "width": 1})
    fig.add_hline(y=snapshot.CUT_OFF, line={"color": "#999", "width": 1})
    fig.update_xaxes(range=[0, 1], title=t("film.pleasure_axis"), showticklabels=False)
    fig.update_yaxes(range=[0, 1], title=t("film.energy_axis"), showticklabels=False)
    return legend_on_top(styled(fig, language, big, height=height), big)


@st.cache_resource(max_entries=CHARTS_KEPT, show_spinner=False)
def _history(rows: pd.DataFrame, big: bool, language: str) -> go.Figure:
    """:func:`history` in ``language``."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        row_heights=[0.62, 0.38])  # fmt: skip
    for name, colour in (("engagement_rate", QUADRANT_COLOURS["engagement"]),
                         ("burnout_rate", QUADRANT_COLOURS["burnout"])):  # fmt: skip
        fig.add_trace(
            go.Scatter(x=rows["round"], y=100 * rows[name], name=kpi(name) + " %",
                       mode="lines+markers", line={"color": colour, "width": 2.5}),
            row=1, col=1,
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(x=rows["round"], y=rows["productivity"], name=kpi("productivity"),
                   mode="lines+markers", line={"color": INK, "dash": "dot", "width": 2}),
        row=2, col=1,
    )  # fmt: skip
    fig.update_xaxes(dtick=1, row=1, col=1)
    fig.update_xaxes(title=t("room.round_axis"), dtick=1, row=2, col=1)
    fig.update_yaxes(title="%", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title=kpi("productivity"), tickformat=".2f", nticks=4, row=2, col=1)
    return legend_on_top(styled(fig, language, big, height=380), big)


def organisation_path(weeks: pd.DataFrame, round_weeks: int, big: bool = False) -> go.Figure:
    """The organisation week by week: engaged and burnout (%), and productivity; a line where
    each round ends."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for name, colour in (("engagement_rate", QUADRANT_COLOURS["engagement"]),
                         ("burnout_rate", QUADRANT_COLOURS["burnout"])):  # fmt: skip
        fig.add_trace(
            go.Scatter(x=weeks["week"], y=100 * weeks[name], name=kpi(name) + " %",
                       line={"color": colour, "width": 3 if big else 2}),
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(x=weeks["week"], y=weeks["productivity"], name=kpi("productivity"),
                   line={"color": INK, "dash": "dot", "width": 2}),
        secondary_y=True,
    )  # fmt: skip
    last = int(weeks["week"].max()) if len(weeks) else 0
    for end in range(round_weeks, last + 1, round_weeks):
        fig.add_vline(x=end + 0.5, line={"color": "#aaa", "width": 1, "dash": "dot"})
    fig.update_xaxes(title=t("common.week"))
    fig.update_yaxes(title="%", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title=kpi("productivity"), secondary_y=True, showgrid=False, tickformat=".2f")
    return legend_on_top(styled(fig, lang(), big, height=380 if big else 320), big)


def choices_and_outcomes(rows: pd.DataFrame, big: bool = False) -> go.Figure:
    """One team over the rounds: its choices (top) and its engagement and burnout as played
    (solid), under the story's manager (dotted) and had it held on to trust (dashed)."""
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.14,
        subplot_titles=[t("room.debrief.choices"), t("room.debrief.outcomes")],
    )
    for i, choice in enumerate(("trust", "monitoring", "firefighting", "coaching")):
        column = f"decision_{choice}"
        fig.add_trace(
            go.Scatter(x=rows["round"], y=100 * rows[column], name=t(f"room.choice.{choice}"),
                       mode="lines+markers", line={"color": PALETTE[i % len(PALETTE)]}),
            row=1, col=1,
        )  # fmt: skip
    for name, colour in (("engagement_rate", QUADRANT_COLOURS["engagement"]),
                         ("burnout_rate", QUADRANT_COLOURS["burnout"])):  # fmt: skip
        fig.add_trace(
            go.Scatter(x=rows["round"], y=100 * rows[name], name=kpi(name),
                       mode="lines+markers", line={"color": colour, "width": 2.5}),
            row=2, col=1,
        )  # fmt: skip
        for way, dash in (("story", "dot"), ("held", "dash")):
            fig.add_trace(
                go.Scatter(x=rows["round"], y=100 * rows[f"{way}_{name}"],
                           name=f"{kpi(name)} ({t(f'room.debrief.{way}')})",
                           line={"color": colour, "dash": dash}),
                row=2, col=1,
            )  # fmt: skip
    fig.update_xaxes(title=t("room.round_axis"), dtick=1, row=2, col=1)
    fig.update_yaxes(title="%", rangemode="tozero")
    return legend_on_top(styled(fig, lang(), big, height=560), big)
