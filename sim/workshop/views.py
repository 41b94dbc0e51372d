"""What each screen of a workshop shows, as plain data (dicts and data frames; no Streamlit).

- :func:`participant`: one team — its people on the well-being plane (energy × pleasure), its
  output, engagement and burnout round by round, the manager's own hours and energy (their
  strain), and a one-line signal of what the people feel.
- :func:`big_screen`: every team, the organisation's figures, who is pulling control back, the
  countdown.
- :func:`debrief`: each team's choices against its outcomes over the rounds, the organisation's
  path, and for each team its change against its own counterfactuals — the story's manager and
  holding on to trust (:func:`sim.workshop.replay.hold_on_to_trust`) — with bands, why
  (:func:`sim.workshop.debrief.why`) and what the next year would bring.

A team's figures are means over its replications (:mod:`sim.workshop.ensemble`); each view
says how many (``replications``) and how large a team is (``team_size``).

Teams are numbered from 1; a view of a session before its first round is closed shows the
organisation at the start (round 0) and empty histories.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sim.workshop import plausible
from sim.workshop.debrief import OUTCOMES, late_events, versus_for, why
from sim.workshop.log import CHOICES, Choices, Log
from sim.workshop.replay import Played, hold_on_to_trust
from sim.workshop.session import Workshop

# The participant's signal: the first that applies of these, on last round's team figures.
EXHAUSTED_BURNOUT = 0.25  # share of the team in the burnout quadrant
WATCHED_CONTROL = 0.75  # control the people believe they are under …
WATCHED_TRUST = 0.35  # … with trust in the manager below this
LEANING_FIREFIGHTING = 0.35  # share of the manager's hours spent doing the team's work …
LEANING_INITIATIVE = 0.3  # … with initiative below this
TRUSTED_ENGAGEMENT = 0.3  # share engaged …
TRUSTED_TRUST = 0.45  # … with trust in the manager at least this
SLIPPING_ENGAGEMENT = 0.08  # engaged share fallen at least this far below the team's start …
SLIPPING_PRODUCTIVITY = 0.08  # … or output per employee fallen this share below it
GAINING_ENGAGEMENT = 0.08  # engaged share risen at least this far above the team's start

SIGNALS = {
    "waiting": "The first round has not been played yet.",
    "exhausted": "Your people are running on empty: many are close to burning out.",
    "watched": "Your people feel watched and not trusted.",
    "leaning_back": "Your people lean back: the boss will fix it anyway.",
    "trusted": "Your people feel trusted and put their energy into the work.",
    "slipping": "Your people are losing heart: fewer engaged, or less done, than at the start.",
    "gaining": "Your people are picking up: more are engaged than at the start.",
    "steady": "Your people get on with the work; nothing stands out.",
}
"""The one-line signals by code (the dashboard translates the code)."""

HEADLINE = (
    "productivity",
    "engagement_rate",
    "burnout_rate",
    "trust_in_manager",
    "control_level",
    "manager_hours",
    "manager_energy",
)
"""The team figures the big screen and the debrief put first."""


def signal(
    figures: dict[str, float] | None, start: dict[str, float] | None = None
) -> dict[str, str]:
    """``{"code", "text"}``: what a team's people feel, from its last round's figures and (if
    given) its figures at the start: the first that applies of burnout, feeling watched,
    leaning back, slipping from the start, feeling trusted, gaining on the start."""
    if figures is None:
        code = "waiting"
    elif figures["burnout_rate"] >= EXHAUSTED_BURNOUT:
        code = "exhausted"
    elif figures["control_felt"] >= WATCHED_CONTROL and figures["trust_in_manager"] < WATCHED_TRUST:
        code = "watched"
    elif (
        figures["firefighting_hours"] >= LEANING_FIREFIGHTING * figures["manager_hours"]
        and figures["initiative"] < LEANING_INITIATIVE
    ):
        code = "leaning_back"
    elif start is not None and (
        figures["engagement_rate"] <= start["engagement_rate"] - SLIPPING_ENGAGEMENT
        or figures["productivity"] <= start["productivity"] * (1 - SLIPPING_PRODUCTIVITY)
    ):
        code = "slipping"
    elif (
        figures["engagement_rate"] >= TRUSTED_ENGAGEMENT
        and figures["trust_in_manager"] >= TRUSTED_TRUST
    ):
        code = "trusted"
    elif (
        start is not None
        and figures["engagement_rate"] >= start["engagement_rate"] + GAINING_ENGAGEMENT
    ):
        code = "gaining"
    else:
        code = "steady"
    return {"code": code, "text": SIGNALS[code]}


def participant(workshop: Workshop, code: str, token: str) -> dict[str, Any]:
    """One participant's screen: ``team``, ``name``, ``state``, ``round`` (open, or None),
    ``closed``, ``seconds_left``, ``submitted`` (a decision for the open round is in),
    ``choices`` (what steers the team in the open round as things stand), ``plane`` (the
    team's employees now: energy, pleasure, quadrant, absent), ``history`` (a row per closed
    round: the choices that steered the team and its figures), ``now`` (last round's figures,
    None before the first), ``start`` (the team's figures at the start), ``signal``,
    ``replications`` and ``team_size``."""
    seat = workshop.seat(code, token)
    workshop.tick(code)  # a countdown that ran out closes its round
    status = workshop.status(code)
    played = workshop.played(code)
    history = played.teams[played.teams.team == seat.team].reset_index(drop=True)
    now = history.iloc[-1].to_dict() if len(history) else None
    start = start_figures(played).get(seat.team)
    upcoming = played.log.closed + 1
    return {
        "code": status.code,
        "team": seat.team,
        "name": seat.name,
        "state": status.state,
        "round": status.round,
        "closed": status.closed,
        "seconds_left": status.seconds_left,
        "submitted": seat.team in status.submitted,
        "choices": played.log.choices(upcoming)[seat.team],
        "plane": _plane(played, seat.team),
        "history": history,
        "now": now,
        "start": start,
        "signal": signal(now, start),
        "replications": played.replications,
        "team_size": played.log.scenario.organisation.team_size,
    }


def big_screen(workshop: Workshop, code: str) -> dict[str, Any]:
    """The room's screen: the session's ``status`` (as a dict), ``teams`` (a row per team:
    ``name`` (None: the story's manager), ``submitted`` this round, ``pulling_back`` (its
    choices as they stand take control back, see :func:`pulling_back`), last round's
    :data:`HEADLINE` figures and, for each, ``<figure>_change`` from the team's own start and
    ``<figure>_vs_story`` against the team under the story's manager, each with its band
    ``_low`` … ``_high``), ``pulling_back`` (those teams), ``organisation`` (the KPIs of every
    closed round), ``weeks`` (the weekly series), ``plane`` (everyone, now), ``replications``,
    ``team_size`` and ``late_events`` (the weeks of the story's events the rounds end before)."""
    workshop.tick(code)  # a countdown that ran out closes its round
    status = workshop.status(code)
    played = workshop.played(code)
    upcoming = played.log.closed + 1
    back = pulling_back(played.log, upcoming) if status.round is not None else set()
    last = played.teams[played.teams["round"] == played.rounds].set_index("team")
    bands = _bands(played, played.rounds)
    rows = []
    for team, name in status.names.items():
        row = {
            "team": team,
            "name": name,
            "submitted": team in status.submitted,
            "pulling_back": team in back,
        }
        for figure in HEADLINE:
            row[figure] = last.at[team, figure] if team in last.index else float("nan")
            for part in BAND_PARTS:
                row[f"{figure}_{part}"] = bands.get((team, figure, part), float("nan"))
        rows.append(row)
    return {
        "status": status.as_dict(),
        "teams": pd.DataFrame(rows),
        "pulling_back": sorted(back),
        "organisation": played.organisation,
        "weeks": played.weeks,
        "plane": played.planes[played.rounds],
        "replications": played.replications,
        "team_size": played.log.scenario.organisation.team_size,
        "late_events": late_events(played.log.scenario, status.rounds, status.round_weeks),
    }


def debrief(workshop: Workshop, code: str, token: str) -> dict[str, Any]:
    """The debrief (the facilitator's token): ``teams`` (a row per round and team: choices
    and figures), ``organisation`` and ``weeks`` (the organisation's path), ``counterfactuals``
    (a row per team and round: the team's choices and figures as played, had the story's
    manager run it (prefixed ``story_``) and had it held on to trust (prefixed ``held_``)),
    ``summary`` (a row per team: its participant and, per :data:`~sim.workshop.debrief.OUTCOMES`
    figure, its change from its own start and its difference from each counterfactual in the
    last round, with bands), ``why`` (per team, :func:`~sim.workshop.debrief.why`),
    ``next_year`` (a row per team and outcome, :meth:`Workshop.next_year`),
    ``replications``, ``team_size`` and ``late_events``."""
    workshop.check_facilitator(code, token)
    status = workshop.status(code)
    played = workshop.played(code)
    spread = played.spread
    last = spread[(spread["round"] == played.rounds) & spread.kpi.isin(OUTCOMES)]
    summary = last.drop(columns="round").pivot(index="team", columns="kpi")
    summary.columns = [f"{kpi}_{part}".replace("_mean", "") for part, kpi in summary.columns]
    summary = summary.reset_index()
    summary.insert(1, "name", summary.team.map(status.names))
    teams = sorted(status.names)
    future = workshop.next_year(code) if played.rounds else pd.DataFrame()
    return {
        "status": status.as_dict(),
        "teams": played.teams,
        "organisation": played.organisation,
        "weeks": played.weeks,
        "counterfactuals": _compare(played),
        "summary": summary if played.rounds else pd.DataFrame(),
        "why": {t: _why(spread, t, played.rounds) for t in teams} if played.rounds else {},
        "next_year": future[future.kpi.isin(OUTCOMES)] if played.rounds else future,
        "replications": played.replications,
        "team_size": played.log.scenario.organisation.team_size,
        "late_events": late_events(played.log.scenario, status.rounds, status.round_weeks),
    }


def debrief_models(workshop: Workshop, code: str, token: str) -> pd.DataFrame:
    """How sure the debrief is (the facilitator's token): per team and outcome
    (:data:`~sim.workshop.debrief.OUTCOMES`), its difference against the story's manager in the
    last round (``vs_story``, as the debrief's ``summary``), the share of the first
    :func:`~sim.workshop.plausible.members` plausible models in which it holds (``holds``; NaN
    where the team let the story's manager decide), ``members``, the ``verdict`` on the share
    and the ``replications`` per model; empty before a round is closed. Computed once per log
    (:mod:`sim.workshop.plausible`)."""
    workshop.check_facilitator(code, token)
    played = workshop.played(code)
    columns = ["team", "kpi", "vs_story", "holds", "members", "verdict", "replications"]
    if not played.rounds or played.spread is None:
        return pd.DataFrame(columns=columns)
    spread = played.spread
    last = spread[(spread["round"] == played.rounds) & spread.kpi.isin(OUTCOMES)]
    found = plausible.member_differences(workshop.log(code), plausible.members())
    shares = plausible.holds(found, last).assign(replications=plausible.REPLICATIONS)
    return last[["team", "kpi", "vs_story"]].merge(shares, on=["team", "kpi"])[columns]


def start_figures(played: Played) -> dict[int, dict[str, float]]:
    """Per team, its figures at the start (round 0, means over the replications)."""
    if played.spread is None:
        return {}
    start = played.spread[played.spread["round"] == 0]
    return {
        int(team): dict(zip(rows.kpi, rows["mean"], strict=True))
        for team, rows in start.groupby("team")
    }


def pulling_back(log: Log, round_: int) -> set[int]:
    """The teams whose choices for ``round_`` (as they stand) give less trust, or monitor or
    fight fires more, than their choices for the round before; a choice left to the story
    counts as holding on (the story's trust and control levers, no fire-fighting: the
    reference of :func:`~sim.workshop.replay.hold_on_to_trust`)."""
    now, before = log.choices(round_), log.choices(round_ - 1)
    reference = hold_on_to_trust(dict.fromkeys(CHOICES), log.scenario)

    def value(choices: Choices, name: str) -> float:
        chosen = choices[name]
        return reference[name] if chosen is None else chosen

    return {
        team
        for team in now
        if value(now[team], "trust") < value(before[team], "trust")
        or value(now[team], "monitoring") > value(before[team], "monitoring")
        or value(now[team], "firefighting") > value(before[team], "firefighting")
    }


def _plane(played: Played, team: int) -> pd.DataFrame:
    people = played.planes[played.rounds]
    return people[people.team == team].drop(columns="team").reset_index(drop=True)


BAND_PARTS = ("change", "change_low", "change_high", "vs_story", "vs_story_low",
              "vs_story_high")  # fmt: skip


def _bands(played: Played, round_: int) -> dict[tuple[int, str, str], float]:
    """``(team, figure, part)`` → value of :data:`BAND_PARTS` in ``round_``."""
    if played.spread is None or round_ == 0:
        return {}
    rows = played.spread[played.spread["round"] == round_]
    return {
        (int(r["team"]), r["kpi"], part): float(r[part])
        for r in rows.to_dict("records")
        for part in BAND_PARTS
    }


def _why(spread: pd.DataFrame, team: int, round_: int) -> dict[str, Any]:
    """``{"versus": "story" | "held", "channels": why(...)}`` for one team."""
    versus = versus_for(spread, team, round_)
    return {"versus": versus, "channels": why(spread, team, round_, versus)}


def _compare(played: Played) -> pd.DataFrame:
    """Per team and round, the choices and figures as played beside those under the story's
    manager (prefixed ``story_``) and had the team held on (prefixed ``held_``)."""
    if played.spread is None or not played.rounds:
        return pd.DataFrame()
    rounds = played.spread[played.spread["round"] > 0]
    wide = [
        rounds.pivot(index=["round", "team"], columns="kpi", values=part).add_prefix(prefix)
        for part, prefix in (("story", "story_"), ("held", "held_"))
    ]
    return played.teams.merge(pd.concat(wide, axis=1).reset_index(), on=["round", "team"])
