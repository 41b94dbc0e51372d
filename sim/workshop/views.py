"""What each screen of a workshop shows, as plain data (dicts and data frames; no Streamlit).

- :func:`participant`: one team — its people on the well-being plane (energy × pleasure), its
  output, engagement and burnout round by round, the manager's own hours and energy (their
  strain), and a one-line signal of what the people feel.
- :func:`big_screen`: every team, the organisation's figures, who is pulling control back, the
  countdown.
- :func:`debrief`: each team's choices against its outcomes over the rounds, the organisation's
  path, and for each team what holding on to trust would have done
  (:func:`sim.workshop.replay.hold_on_to_trust`).

Teams are numbered from 1; a view of a session before its first round is closed shows the
organisation at the start (round 0) and empty histories.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sim.workshop.log import CHOICES, Choices, Log
from sim.workshop.replay import Played, cached_counterfactuals, hold_on_to_trust
from sim.workshop.session import Workshop

# The participant's signal: the first that applies of these, on last round's team figures.
EXHAUSTED_BURNOUT = 0.25  # share of the team in the burnout quadrant
WATCHED_CONTROL = 0.75  # control the people believe they are under …
WATCHED_TRUST = 0.35  # … with trust in the manager below this
LEANING_FIREFIGHTING = 0.35  # share of the manager's hours spent doing the team's work …
LEANING_INITIATIVE = 0.3  # … with initiative below this
TRUSTED_ENGAGEMENT = 0.3  # share engaged …
TRUSTED_TRUST = 0.45  # … with trust in the manager at least this

SIGNALS = {
    "waiting": "The first round has not been played yet.",
    "exhausted": "Your people are running on empty: many are close to burning out.",
    "watched": "Your people feel watched and not trusted.",
    "leaning_back": "Your people lean back: the boss will fix it anyway.",
    "trusted": "Your people feel trusted and put their energy into the work.",
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


def signal(figures: dict[str, float] | None) -> dict[str, str]:
    """``{"code", "text"}``: what a team's people feel, from its last round's figures."""
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
    elif (
        figures["engagement_rate"] >= TRUSTED_ENGAGEMENT
        and figures["trust_in_manager"] >= TRUSTED_TRUST
    ):
        code = "trusted"
    else:
        code = "steady"
    return {"code": code, "text": SIGNALS[code]}


def participant(workshop: Workshop, code: str, token: str) -> dict[str, Any]:
    """One participant's screen: ``team``, ``name``, ``state``, ``round`` (open, or None),
    ``closed``, ``seconds_left``, ``submitted`` (a decision for the open round is in),
    ``choices`` (what steers the team in the open round as things stand), ``plane`` (the
    team's employees now: energy, pleasure, quadrant, absent), ``history`` (a row per closed
    round: the choices that steered the team and its figures), ``now`` (last round's figures,
    None before the first) and ``signal``."""
    seat = workshop.seat(code, token)
    workshop.tick(code)  # a countdown that ran out closes its round
    status = workshop.status(code)
    played = workshop.played(code)
    history = played.teams[played.teams.team == seat.team].reset_index(drop=True)
    now = history.iloc[-1].to_dict() if len(history) else None
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
        "signal": signal(now),
    }


def big_screen(workshop: Workshop, code: str) -> dict[str, Any]:
    """The room's screen: the session's ``status`` (as a dict), ``teams`` (a row per team:
    ``name`` (None: the story's manager), ``submitted`` this round, ``pulling_back`` (its
    choices as they stand take control back, see :func:`pulling_back`) and last round's
    :data:`HEADLINE` figures), ``pulling_back`` (those teams), ``organisation`` (the KPIs of
    every closed round), ``weeks`` (the weekly series) and ``plane`` (everyone, now)."""
    workshop.tick(code)  # a countdown that ran out closes its round
    status = workshop.status(code)
    played = workshop.played(code)
    upcoming = played.log.closed + 1
    back = pulling_back(played.log, upcoming) if status.round is not None else set()
    last = played.teams[played.teams["round"] == played.rounds].set_index("team")
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
        rows.append(row)
    return {
        "status": status.as_dict(),
        "teams": pd.DataFrame(rows),
        "pulling_back": sorted(back),
        "organisation": played.organisation,
        "weeks": played.weeks,
        "plane": played.planes[played.rounds],
    }


def debrief(workshop: Workshop, code: str, token: str) -> dict[str, Any]:
    """The debrief (the facilitator's token): ``teams`` (a row per round and team: choices
    and figures), ``organisation`` and ``weeks`` (the organisation's path), ``counterfactuals``
    (a row per team and round: the team's choices and figures as played and had it held on to
    trust, the latter prefixed ``held_``, and the organisation's profit both ways) and
    ``summary`` (a row per team: its participant and the :data:`HEADLINE` figures of the last
    round, played and held)."""
    workshop.check_facilitator(code, token)
    status = workshop.status(code)
    played = workshop.played(code)
    held = cached_counterfactuals(played.log)
    compared = _compare(played, held)
    last = compared[compared["round"] == played.rounds].copy()
    last.insert(1, "name", last.team.map(status.names))
    columns = ["team", "name"] + [c for f in HEADLINE for c in (f, f"held_{f}")]
    return {
        "status": status.as_dict(),
        "teams": played.teams,
        "organisation": played.organisation,
        "weeks": played.weeks,
        "counterfactuals": compared,
        "summary": last[columns].reset_index(drop=True) if len(last) else pd.DataFrame(),
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


def _compare(played: Played, held: pd.DataFrame) -> pd.DataFrame:
    """Per team and round, the choices and figures as played beside those had the team held
    on (prefixed ``held_``)."""
    if held.empty:
        return pd.DataFrame()
    figures = [c for c in played.teams.columns if c not in ("round", "team", "submitted")]
    actual = played.teams.merge(
        played.organisation[["round", "profit"]].rename(columns={"profit": "organisation_profit"}),
        on="round",
    )
    alternative = held[["round", "team", *figures, "organisation_profit"]]
    return actual.merge(
        alternative.add_prefix("held_"),
        left_on=["round", "team"],
        right_on=["held_round", "held_team"],
    ).drop(columns=["held_round", "held_team"])
