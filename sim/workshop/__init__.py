"""Participatory workshop sessions (issue 14): participants run the teams of a story.

A session is its story, seed and the ordered log of decisions, kept in an SQLite database
(:mod:`~sim.workshop.store`); who may do what is :mod:`~sim.workshop.session`'s
(:class:`Workshop`), what it accepts :mod:`~sim.workshop.checks`'; the simulation is a
deterministic replay of the log (:mod:`~sim.workshop.replay`), so a restarted server resumes
exactly and counterfactuals are exact replays; :mod:`~sim.workshop.views` gives each screen its
data and :mod:`~sim.workshop.export` the session's tables. ``loslaten workshop`` is the command
line, the dashboard's room page the screens; both use only the names below.

    from sim.workshop import Workshop

    ws = Workshop("workshop.sqlite", create=True)
    session = ws.create("vicious_circle", teams=8)
    ws.decide(session.code, session.seats[0].token, trust=0.8, monitoring=0.2)
    ws.close_round(session.code, session.facilitator_token)
    ws.played(session.code).teams  # a row per round and team: choices and figures
"""

from sim.workshop import export, views
from sim.workshop.checks import (
    DEFAULT_BASE_URL,
    DEFAULT_ROUND_WEEKS,
    MAX_ROUND_SECONDS,
    MAX_ROUND_WEEKS,
    MAX_TEAMS,
)
from sim.workshop.debrief import OUTCOMES, late_events
from sim.workshop.errors import WorkshopError
from sim.workshop.log import CHOICES, Log
from sim.workshop.replay import Played, counterfactual, hold_on_to_trust
from sim.workshop.session import Created, Seat, Status, Workshop
from sim.workshop.store import default_db
from sim.workshop.week import PARTS as WEEK_PARTS

__all__ = [
    "CHOICES",
    "DEFAULT_BASE_URL",
    "DEFAULT_ROUND_WEEKS",
    "MAX_ROUND_SECONDS",
    "MAX_ROUND_WEEKS",
    "MAX_TEAMS",
    "OUTCOMES",
    "WEEK_PARTS",
    "Created",
    "Log",
    "Played",
    "Seat",
    "Status",
    "Workshop",
    "WorkshopError",
    "counterfactual",
    "default_db",
    "export",
    "hold_on_to_trust",
    "late_events",
    "views",
]
