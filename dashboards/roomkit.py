"""The room session's screens (issue 14): the store the pages share, polling for a closed round,
refusals in the chosen language, tiles and cards that fit a phone and a projector, the QR code,
and the session's figures.

The simulation, who may do what and the screens' data are :mod:`sim.workshop`'s; this module only
shows them. Every screen re-renders on its own once the facilitator (or a countdown) closes a
round: a fragment polls the store's round counter every second or so (one SQLite read) and reruns
the page only when it changed.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import tempfile
import time
import zipfile
from collections.abc import Callable, Hashable
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import segno
import streamlit as st
from plotly.subplots import make_subplots

from sim import texts
from sim.charts import INK, PALETTE, QUADRANT_COLOURS, legend_on_top, plotly_config, styled
from sim.cli.output import clean
from sim.mechanisms import quadrants
from sim.workshop import Workshop, WorkshopError, export
from sim.workshop.session import Status
from sim.workshop.store import default_db

from i18n import counted, kpi, lang, t

PARTICIPANT_POLL = 1.0  # seconds between a phone's looks at the round counter
SCREEN_POLL = 1.0  # the big screen's (it also shows the countdown)
PAGE = "room"
CHOICE_KEYS = ("trust", "monitoring", "coaching", "vision", "firefighting", "address")
FIGURE_NAMES = {  # team figures that are not organisation KPIs
    "trust_in_manager": "room.fig.trust_in_manager",
    "manager_energy": "room.fig.manager_energy",
}
OWN_NAMES = {"manager_hours": "room.fig.your_hours", "trust_in_manager": "room.fig.trust_in_you",
             "manager_energy": "room.fig.your_energy"}  # fmt: skip
BETTER = {**texts.BETTER, "trust_in_manager": 1, "manager_energy": 1}
HOUR_KINDS = ("monitoring_hours", "firefighting_hours", "coaching_hours", "vision_hours")
HOUR_COLOURS = ("#CC79A7", "#D55E00", "#0072B2", "#009E73")
GOOD, BAD = "#00785a", "#b34700"

CSS = (
    """
<style>
.room-tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.2em, 1fr));
  gap: .5em; margin: .2em 0 .6em; }
.room-tile { border: 1px solid #d0d0d0; border-radius: .5em; padding: .35em .6em; }
.room-tile .l { font-size: .8em; color: #333; line-height: 1.2; }
.room-tile .v { font-size: 1.45em; font-weight: 600; color: #1a1a1a; }
.room-tile .c { font-size: .8em; color: #555; }
.room-tile .c.good { color: """
    + GOOD
    + """; } .room-tile .c.bad { color: """
    + BAD
    + """; }
.room-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(12.5em, 1fr));
  gap: .6em; }
.room-card { border: 2px solid #d0d0d0; border-radius: .6em; padding: .45em .7em;
  font-size: .92em; color: #1a1a1a; }
.room-card.back { border-color: #CC79A7; background: #fbf0f6; }
.room-card .who { font-weight: 600; }
.room-card .who .team { color: #555; font-weight: 400; }
.room-card .state { font-size: .85em; color: #555; }
.room-card .state.back { color: #8a2f66; font-weight: 600; }
.room-card table { width: 100%; border-collapse: collapse; font-size: .9em; }
.room-card td { padding: 0 .1em; } .room-card td.n { text-align: right; }
.room-week { display: flex; height: 1.4em; border-radius: .3em; overflow: hidden;
  margin: .2em 0; }
.room-week span { display: block; height: 100%; }
.room-legend { font-size: .8em; color: #333; }
.room-legend span { white-space: nowrap; }
.room-legend i { display: inline-block; width: .8em; height: .8em; margin: 0 .25em 0 .6em;
  vertical-align: -.05em; border-radius: .15em; }
.room-join { text-align: center; }
.room-join img { width: 100%; max-width: 15em; height: auto; }
.room-join .code { font-size: 2.2em; font-weight: 700; letter-spacing: .12em; color: #1a1a1a; }
.room-join .url { font-size: .8em; word-break: break-all; color: #333; }
.room-clock { font-size: 1.6em; font-weight: 700; color: #1a1a1a; }
.room-clock.low { color: """
    + BAD
    + """; }
</style>
"""
)

# Presenter mode (the dashboard's, dashboards/app.py: 22 px, near-black, no chrome, the way out on
# top) on the room's own tiles, cards, join code and clock: nothing smaller than the page's
# 22 px, the greys dark, the figures and the join code larger.
BIG_CSS = (
    """
<style>
.room-tile .l, .room-tile .c, .room-card, .room-card table, .room-card .state, .room-legend,
.room-join .url { font-size: 1em; }
.room-tile .l, .room-tile .c, .room-card .who .team, .room-card .state, .room-legend,
.room-join .url, [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  color: """
    + INK
    + """; }
[data-testid="stCaptionContainer"] { font-size: 1rem; opacity: 1; }
.room-tile .v { font-size: 2em; }
.room-tiles { grid-template-columns: repeat(auto-fit, minmax(9em, 1fr)); }
.room-cards { grid-template-columns: repeat(auto-fill, minmax(13em, 1fr)); }
.room-join img { max-width: 16em; }
.room-join .code { font-size: 3.2em; }
.room-clock { font-size: 2em; }
</style>
"""
)


def css(big: bool) -> str:
    """The room's styles; ``big``: in presenter mode."""
    return CSS + (BIG_CSS if big else "")


# --- the store ----------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _workshop(path: str) -> Workshop:
    return Workshop(path, create=True)


def workshop() -> Workshop:
    """The sessions' database: ``$LOSLATEN_WORKSHOP_DB``, else ``~/.loslaten/workshop.sqlite``
    (``loslaten dashboard --workshop-db FILE`` sets the former)."""
    return _workshop(str(default_db()))


# --- refusals in the chosen language ------------------------------------------------------------

REFUSALS: tuple[tuple[str, str], ...] = (
    (r"^code: no session '(?P<code>.*)' in ", "unknown_code"),
    (r"^token: not a seat token of session (?P<code>\w+)", "not_seat"),
    (r"^token: not the facilitator token of session (?P<code>\w+)", "not_facilitator"),
    (r"^token: the facilitator token is needed", "not_facilitator_export"),
    (r"^team: this token is not team (?P<team>\d+)'s", "other_team"),
    (r"^name: (?P<name>.*) is taken in session (?P<code>\w+)", "name_taken"),
    (r"^name: .* is not allowed", "bad_name"),
    (r"^session (?P<code>\w+): all (?P<teams>\d+) seats are taken", "full"),
    (r"^session (?P<code>\w+) has ended after (?P<closed>\d+) rounds?\b", "ended"),
    (r"^round: round (?P<round>\d+)'s time ran out", "timed_out"),
    (r"^round: round (?P<round>\d+) is not open; round (?P<open>\d+) is", "not_open"),
    (r"^(?P<field>\w+): (?P<value>.*) is not allowed; it must be between 0 and 1", "choice"),
    (r"^seconds: this session has no round length", "no_round_length"),
    (
        r"^(?P<field>\w+): (?P<value>.*) is not allowed; it must be a whole number from "
        r"(?P<low>\d+) to (?P<high>\d+)",
        "whole",
    ),
    (r"^base_url: (?P<value>.*) is not allowed", "base_url"),
)
COUNTED = {"ended": "closed"}  # refusals whose words follow a count: key → the count's field


def refusal(err: WorkshopError | str) -> str:
    """A refusal of :mod:`sim.workshop` in the chosen language (the backend's words, which name
    the field and what is allowed, where no translation fits)."""
    message = str(err)
    for pattern, key in REFUSALS:
        found = re.match(pattern, message)
        if found:
            values = {k: _unquoted(v) for k, v in found.groupdict().items()}
            if "field" in values:
                values["field"] = _field(values["field"])
            if key in COUNTED:  # "after 1 round", "after 2 rounds"
                return counted(f"room.refusal.{key}", int(values[COUNTED[key]]), **values)
            return t(f"room.refusal.{key}", **values)
    return t("room.refusal.other", message=message)


def _unquoted(value: str) -> str:
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value


def _field(name: str) -> str:
    key = f"room.field.{name}"
    return t(key) if texts.has(key, lang()) else name


def refuse(err: WorkshopError | str) -> None:
    st.error(refusal(err), icon=":material/block:")


def other_code(status: Status) -> None:
    """A warning when the session was started on other simulator code than the code now running
    (its figures follow the running code), naming both."""
    if status.other_code is not None:
        started, running = status.other_code
        st.warning(
            t("room.other_code", started=started, running=running), icon=":material/sync_problem:"
        )


# --- polling ------------------------------------------------------------------------------------


def participant_version(status: Status) -> Hashable:
    """What makes a participant's screen change: a round closed, or the session ended."""
    return (status.state, status.closed)


def screen_version(status: Status) -> Hashable:
    """What makes the big screen change: that, and who joined or decided."""
    names = tuple(sorted(status.names.items(), key=lambda item: item[0]))
    return (status.state, status.closed, names, tuple(sorted(status.submitted)))


def _poll(code: str, seen: Hashable, version: Callable[[Status], Hashable], big: bool) -> None:
    ws = workshop()
    try:
        ws.tick(code)  # a countdown that ran out closes its round, whoever looks first
        status = ws.status(code)
    except WorkshopError:
        return
    if version(status) != seen:
        st.rerun()  # the whole page, with the new round's figures
    clock(status, big, guard=_digest(seen))


def _digest(version: Hashable) -> str:
    """A short name for what a screen shows (the page's marker carries it)."""
    return hashlib.sha1(repr(version).encode()).hexdigest()[:12]


_participant_poll = st.fragment(_poll, run_every=PARTICIPANT_POLL)
_screen_poll = st.fragment(_poll, run_every=SCREEN_POLL)


def watch(code: str, status: Status, screen: bool) -> None:
    """Keep this screen up to date: the countdown, and the page again once the round counter
    (or, on the big screen, who joined or decided) changed."""
    if screen:
        _screen_poll(code, screen_version(status), screen_version, True)
    else:
        _participant_poll(code, participant_version(status), participant_version, False)


def clock(status: Status, big: bool, guard: str | None = None) -> None:
    """Where the session stands: the open round and its countdown; ``guard``: what the page
    should be showing (see :data:`GUARD`)."""
    if status.round is None:
        words = counted("room.ended", status.closed, closed=status.closed)
    else:
        words = t("room.round_open", round=status.round, rounds=status.rounds)
    left = status.seconds_left
    if left is None:
        shown = f"<strong>{html.escape(words)}</strong>"
    else:
        minutes, seconds = divmod(int(np.ceil(left)), 60)
        low = " low" if left <= 15 else ""
        shown = (
            f'<div class="room-clock{low}" role="timer">{html.escape(words)} · '
            f"{t('room.time_left')} {minutes}:{seconds:02d}</div>"
        )
    if guard is None:
        st.html(shown)
        return
    script = GUARD.format(want=guard, after=STALE_LOOKS, tick=time.monotonic_ns())
    st.html(shown + script, unsafe_allow_javascript=True)


# Streamlit now and then leaves a page's browser without the full rerun a fragment asked for
# when the round closed (the server ran it, the page still shows the round before: seen with
# 8-12 phones on two busy cores, about one screen in three sessions). The poll knows what the
# page should show; if the page's marker still says otherwise a few looks later, the page
# reloads itself (its link holds the seat or the facilitator's token, so it comes back as it was).
GUARD = """<script>(() => {{
  const mark = document.querySelector('.room-mark'), want = '{want}';
  window.roomLooks = (window.roomLooks || 0) + 1;
  window.roomLastLook = Date.now();
  if (!mark || mark.dataset.version === want) {{ window.roomStale = 0; return; }}
  if (window.roomStaleFor !== want) {{ window.roomStaleFor = want; window.roomStale = 0; }}
  window.roomStale += 1;
  if (window.roomStale >= {after}) {{ window.roomStale = 0; location.reload(); }}
}})(); /* {tick} */</script>"""
STALE_LOOKS = 3  # polls (about a second apart) that find the page behind the same state
# And should the poll itself stop looking (a page left with a fragment the server no longer
# knows), the marker's watch reloads the page once the server answers again, after a quarter of
# a minute without a look (a whole minute while the page says it is still running).
WATCH = """<script>(() => {{
  window.roomLastLook = Date.now();
  if (window.roomWatch) return;
  window.roomWatch = setInterval(async () => {{
    const quiet = Date.now() - window.roomLastLook;
    const running = document.querySelector('[data-testid="stStatusWidget"]');
    if (quiet < {quiet} || (running && quiet < {running})) return;
    try {{
      const health = await fetch(new URL('_stcore/health', document.baseURI));
      if (health.ok) location.reload();
    }} catch (err) {{}}  // the server is away: Streamlit reconnects by itself
  }}, 5000);
}})(); /* {tick} */</script>"""
QUIET_MS, RUNNING_MS = 15_000, 60_000


def mark(screen: str, status: Status) -> None:
    """A marker after everything a screen shows: which round it shows (read by the browser
    tests to time "close round → every screen updated")."""
    version = screen_version(status) if screen == "screen" else participant_version(status)
    watch = WATCH.format(quiet=QUIET_MS, running=RUNNING_MS, tick=time.monotonic_ns())
    st.html(
        f'<div class="room-mark" data-screen="{screen}" data-closed="{status.closed}" '
        f'data-state="{status.state}" data-version="{_digest(version)}" hidden></div>{watch}',
        unsafe_allow_javascript=True,
    )


# --- tiles, cards, the manager's week -----------------------------------------------------------


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


def team_cards(teams: pd.DataFrame, open_round: bool = True) -> None:
    """The big screen's card per team: who runs it, whether they decided (while a round is
    open), whether they are pulling control back, and last round's figures."""
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
        lines = "".join(
            f"<tr><td>{html.escape(figure_name(name))}</td>"
            f'<td class="n">{html.escape(shown(name, row[name]))}</td></tr>'
            for name in CARD_FIGURES
        )
        cards.append(
            f'<div class="room-card{css}" data-team="{row["team"]}">'
            f'<div class="who">{who}</div>'
            f'<div class="state">{html.escape(state) or "&nbsp;"}</div>{back}'
            f"<table>{lines}</table></div>"
        )
    st.html(f'<div class="room-cards">{"".join(cards)}</div>')


def qr_image(url: str) -> str:
    """The link as a QR code: an SVG drawn here (no network needed), as a data URI."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2, dark=INK)


def join_box(code: str, url: str) -> None:
    words = t("room.join_with")
    st.html(
        f'<div class="room-join"><img src="{qr_image(url)}" alt="{html.escape(words)} {code}">'
        f"<div>{html.escape(words)}</div>"
        f'<div class="code">{html.escape(code)}</div>'
        f'<div class="url">{html.escape(url)}</div></div>'
    )


# --- charts -------------------------------------------------------------------------------------


def _config() -> dict:
    return {**plotly_config(lang()), "displayModeBar": False}


def plane(people: pd.DataFrame, big: bool = False, height: int = 320) -> go.Figure:
    """Employees on the well-being plane (pleasure across, energy up), coloured by quadrant;
    the absent as open circles."""
    fig = go.Figure()
    for name in quadrants.NAMES:
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
    for x in (0.5,):
        fig.add_vline(x=x, line={"color": "#999", "width": 1})
        fig.add_hline(y=x, line={"color": "#999", "width": 1})
    fig.update_xaxes(range=[0, 1], title=t("film.pleasure_axis"), showticklabels=False)
    fig.update_yaxes(range=[0, 1], title=t("film.energy_axis"), showticklabels=False)
    return legend_on_top(styled(fig, lang(), big, height=height), big)


def history(rows: pd.DataFrame, big: bool = False) -> go.Figure:
    """A team's engagement and burnout (%) and output round by round."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for name, colour in (("engagement_rate", QUADRANT_COLOURS["engagement"]),
                         ("burnout_rate", QUADRANT_COLOURS["burnout"])):  # fmt: skip
        fig.add_trace(
            go.Scatter(x=rows["round"], y=100 * rows[name], name=kpi(name) + " %",
                       mode="lines+markers", line={"color": colour, "width": 2.5}),
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(x=rows["round"], y=rows["productivity"], name=kpi("productivity"),
                   mode="lines+markers", line={"color": INK, "dash": "dot", "width": 2}),
        secondary_y=True,
    )  # fmt: skip
    fig.update_xaxes(title=t("room.round_axis"), dtick=1)
    fig.update_yaxes(title="%", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title=kpi("productivity"), secondary_y=True, showgrid=False, tickformat=".2f")
    return legend_on_top(styled(fig, lang(), big, height=300), big)


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
    (solid) and had it held on to trust (dashed)."""
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
        fig.add_trace(
            go.Scatter(x=rows["round"], y=100 * rows[f"held_{name}"],
                       name=f"{kpi(name)} ({t('room.debrief.held')})",
                       line={"color": colour, "dash": "dash"}),
            row=2, col=1,
        )  # fmt: skip
    fig.update_xaxes(title=t("room.round_axis"), dtick=1, row=2, col=1)
    fig.update_yaxes(title="%", rangemode="tozero")
    return legend_on_top(styled(fig, lang(), big, height=560), big)


# --- export -------------------------------------------------------------------------------------


def export_json(tables: export.SessionTables) -> bytes:
    """The document ``loslaten workshop export --json`` prints (NaN written as null)."""
    return json.dumps(clean(export.document(tables)), indent=1, allow_nan=False).encode()


def export_zip(tables: export.SessionTables) -> bytes:
    """The session's tables as CSV and Parquet files in one zip."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w") as archive:
        for path in export.write(tables, folder):
            archive.write(path, Path(path).name)
    return buffer.getvalue()
