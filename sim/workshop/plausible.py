"""How sure the debrief is: each team's difference against the story's manager over plausible
models (issue 23).

The debrief's bands cover the dice: the same session replayed with other random numbers. The
plausible models (:mod:`sim.ensemble`) cover the assumptions: under each of the first few
members, the session as played and, per team, the same session with that team alone run by the
story's manager are simulated side by side (one model; the session's seed, so common random
numbers within each member). A team's difference *holds* in a member when it has the direction
of the debrief's own difference (the unperturbed model's); the share of members in which it
holds says how much of it is the model's assumptions. Kept per log, members and replications:
a debrief computes it once.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from sim.ensemble import load_ensemble
from sim.experiments.uncertainty import verdict
from sim.model import OrgModel
from sim.workshop.debrief import OUTCOMES
from sim.workshop.ensemble import simulate_round
from sim.workshop.errors import WorkshopError
from sim.workshop.log import CHOICES, Log

MEMBERS = 8
"""Plausible models a debrief asks by default: a few seconds for a room."""
MEMBERS_ENVIRONMENT = "LOSLATEN_ROOM_MODELS"
REPLICATIONS = 2
"""Replications per plausible model."""
CACHED = 32


def members() -> int:
    """The plausible models a debrief runs: :data:`MEMBERS`, or the environment's
    ``LOSLATEN_ROOM_MODELS`` (a whole number from 1 to the shipped ensemble's size)."""
    given = os.environ.get(MEMBERS_ENVIRONMENT)
    if given is None:
        return MEMBERS
    most = len(load_ensemble())
    if not given.strip().isdigit() or not 1 <= int(given) <= most:
        raise WorkshopError(
            f"{MEMBERS_ENVIRONMENT}: {given!r} is not allowed; give a whole number from 1 to "
            f"{most} (the plausible models shipped)"
        )
    return int(given)


_kept: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_lock = threading.Lock()


def member_differences(log: Log, members: int, replications: int = REPLICATIONS) -> pd.DataFrame:
    """A row per member, team and outcome (:data:`~sim.workshop.debrief.OUTCOMES`): ``diff``,
    the team's figure in the last closed round as played less under the story's manager, the
    mean over ``replications`` paired runs under that member's coefficients; kept per log."""
    key = (log.digest(log.closed), members, replications)
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    frame = _simulate(log, load_ensemble().members(members), replications)
    with _lock:
        _kept[key] = frame
        while len(_kept) > CACHED:
            _kept.popitem(last=False)
    return frame


def _simulate(log: Log, models: list[dict[str, float]], replications: int) -> pd.DataFrame:
    teams = log.teams
    variants = 1 + teams  # as played, then each team alone under the story's manager
    scenarios = [log.scenario.with_overrides(**m) for m in models for _ in range(variants)]
    model = OrgModel(scenarios, seed=[log.seed] * len(scenarios), replications=replications)
    figures: dict[str, np.ndarray] = {}
    for round_ in range(1, log.closed + 1):
        chosen = log.choices(round_)
        played = np.array(
            [
                [np.nan if chosen[t][c] is None else chosen[t][c] for c in CHOICES]
                for t in range(1, teams + 1)
            ]
        )  # fmt: skip  (team, choice)
        steering = np.repeat(played[None], variants, axis=0)  # (variant, team, choice)
        for t in range(teams):
            steering[1 + t, t] = np.nan  # the story's manager
        steering = np.tile(steering[:, None], (len(models), replications, 1, 1))
        per_team = steering.reshape(-1, len(CHOICES))
        index = np.arange(per_team.shape[0])
        model.steer_teams(index, **{c: per_team[:, i] for i, c in enumerate(CHOICES)})
        figures = simulate_round(model, log.round_weeks)
    rows = []
    own = np.arange(teams)
    for name in OUTCOMES if figures else ():
        values = np.asarray(figures[name], dtype=float).reshape(
            len(models), variants, replications, teams
        )
        as_played = values[:, 0].mean(axis=1)  # (member, team)
        story = values[:, 1 + own, :, own].mean(axis=-1).T  # (member, team)
        for m, diffs in enumerate(as_played - story):
            rows += [(m, t + 1, name, float(d)) for t, d in enumerate(diffs)]
    return pd.DataFrame(rows, columns=["member", "team", "kpi", "diff"])


def holds(differences: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Per team and outcome: the share of members (``holds``) whose difference has the
    direction of ``reference``'s ``vs_story`` (a row per team and ``kpi``), ``members`` and the
    ``verdict`` on that share (:func:`sim.experiments.uncertainty.verdict`); NaN and None where
    the reference shows no difference (the team let the story's manager decide)."""
    merged = differences.merge(reference[["team", "kpi", "vs_story"]], on=["team", "kpi"])
    agrees = (np.sign(merged["diff"]) == np.sign(merged["vs_story"])).astype(float)
    merged["agrees"] = agrees.where(merged["vs_story"] != 0)
    out = merged.groupby(["team", "kpi"], sort=False).agg(
        holds=("agrees", "mean"), members=("member", "nunique")
    )
    out["verdict"] = [None if np.isnan(h) else verdict(h) for h in out["holds"]]
    return out.reset_index()
