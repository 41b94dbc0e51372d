"""Each team's figures over replications, beside its own counterfactuals.

A team of ten is one person per ten points: one session's figures are as much the luck of its
people as its manager's choices. The ensemble simulates the session ``replications`` times side
by side (``OrgModel(..., replications=R)``) and, in the same model, each team's two
counterfactuals: the same session with that team alone run by the story's manager (``story``),
and with that team alone holding on to trust (``held``,
:func:`~sim.workshop.replay.hold_on_to_trust`). All variants share the seed, so replication *r*
of every variant draws the same random numbers (common random numbers): a team's difference
from its counterfactual is paired, and its band narrow.

The same log, seed and number of replications give the same figures in any process.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from sim.kpis import WEEKS_PER_YEAR
from sim.model import OrgModel
from sim.points import Values
from sim.workshop.alternatives import hold_on_to_trust
from sim.workshop.errors import WorkshopError
from sim.workshop.log import CHOICES, Log
from sim.workshop.measure import TEAM_KPIS, round_figures, team_week

REPLICATIONS = 16
"""Replications per variant: the bands of a team's change are then a few points wide."""
REPLICATIONS_ENVIRONMENT = "LOSLATEN_ROOM_REPLICATIONS"
MAX_REPLICATIONS = 256


def replications() -> int:
    """The replications per variant: :data:`REPLICATIONS`, or the environment's
    ``LOSLATEN_ROOM_REPLICATIONS`` (a whole number from 1 to 256; the figures depend on it)."""
    given = os.environ.get(REPLICATIONS_ENVIRONMENT)
    if given is None:
        return REPLICATIONS
    if not given.strip().isdigit() or not 1 <= int(given) <= MAX_REPLICATIONS:
        raise WorkshopError(
            f"{REPLICATIONS_ENVIRONMENT}: {given!r} is not allowed; give a whole number from 1 "
            f"to {MAX_REPLICATIONS}"
        )
    return int(given)


VERSUS = ("story", "held")
"""The counterfactuals, in the order of the model's variants after the session as played."""

SPREAD_COLUMNS = [
    "round", "team", "kpi", "mean", "low", "high", "start", "change", "change_low",
    "change_high", "story", "vs_story", "vs_story_low", "vs_story_high", "held", "vs_held",
    "vs_held_low", "vs_held_high",
]  # fmt: skip


@dataclass(frozen=True)
class Spread:
    """Per round (0: the start), team and figure: ``mean`` over the replications and its 95%
    interval ``low`` … ``high``; ``change`` from the team's own start; and the counterfactuals'
    means (``story``, ``held``) with the paired difference from each (``vs_story``,
    ``vs_held``), each with its 95% interval (``*_low``, ``*_high``)."""

    replications: int
    table: pd.DataFrame  # SPREAD_COLUMNS


def interval(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean over the first axis (the replications) and its 95% Student-t interval."""
    n = values.shape[0]
    mean = values.mean(axis=0)
    if n < 2:
        return mean, mean, mean
    half = stats.t.ppf(0.975, n - 1) * values.std(axis=0, ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half


def simulate_round(model: OrgModel, weeks: int) -> dict[str, np.ndarray]:
    """Simulate ``weeks`` weeks of ``model``: every team's figures over them
    (:func:`~sim.workshop.measure.round_figures`)."""
    teams = model.managers.team_size.size
    person, per_week = model.employees.person_id.copy(), []
    for _ in range(weeks):
        model.step()
        changed = model.employees.person_id != person
        person = model.employees.person_id.copy()
        per_week.append(
            team_week(model, np.bincount(model.employees.team[changed], minlength=teams))
        )
    return round_figures(per_week, model.managers.team_size)


class Ensemble:
    """A session's rounds simulated ``replications`` times with every team's counterfactuals,
    advanced round by round like :class:`~sim.workshop.replay.Replay`."""

    def __init__(self, log: Log, replications: int = REPLICATIONS) -> None:
        self.log, self.replications = log, replications
        self.variants = 1 + len(VERSUS) * log.teams  # played, story of each team, held of each
        self.model = OrgModel(
            [log.scenario] * self.variants, seed=[log.seed] * self.variants,
            replications=replications,
        )  # fmt: skip
        self.rounds = 0
        self.digest = log.digest(0)
        start = team_week(self.model, np.zeros(self.model.managers.team_size.size))
        self._start = self._shaped(round_figures([start], self.model.managers.team_size))
        self._tables = [self._round_table(0, self._start)]
        self.advance(log)

    def advance(self, log: Log) -> Ensemble:
        """Simulate the rounds ``log`` has closed since the last call."""
        if log.closed < self.rounds or log.digest(self.rounds) != self.digest:
            raise ValueError("this log does not continue the rounds already simulated")
        self.log = log
        for round_ in range(self.rounds + 1, log.closed + 1):
            self._steer(log, round_)
            figures = self._shaped(simulate_round(self.model, log.round_weeks))
            self._tables.append(self._round_table(round_, figures))
            self.rounds = round_
        self.digest = log.digest(self.rounds)
        return self

    def future(self, weeks: int = WEEKS_PER_YEAR) -> pd.DataFrame:
        """The ``weeks`` after the last closed round had every team kept its last choices, as
        a :class:`Spread` table without its ``round`` (``change`` still from the start). The
        ensemble itself does not move."""
        # the numbers per unit are never changed in place (an intervention replaces them): share
        shared = {id(v): v for v in vars(self.model).values() if isinstance(v, Values)}
        model = copy.deepcopy(self.model, shared)
        return self._round_table(self.rounds, self._shaped(simulate_round(model, weeks))).drop(
            columns="round"
        )

    def spread(self) -> Spread:
        """The rounds so far as a :class:`Spread`."""
        return Spread(self.replications, pd.concat(self._tables, ignore_index=True))

    # --- the variants -----------------------------------------------------------------------

    def _steer(self, log: Log, round_: int) -> None:
        """Every variant's choices for ``round_``: the session's, with one team's replaced by
        the story's manager (``story``) or by holding on to trust (``held``)."""
        teams, chosen = log.teams, log.choices(round_)
        played = np.array(
            [
                [np.nan if chosen[t][c] is None else chosen[t][c] for c in CHOICES]
                for t in range(1, teams + 1)
            ]
        )  # fmt: skip  (team, choice)
        steering = np.repeat(played[None], self.variants, axis=0)  # (variant, team, choice)
        for t in range(1, teams + 1):
            steering[t, t - 1] = np.nan  # the story's manager
            held = hold_on_to_trust(chosen[t], log.scenario)
            steering[teams + t, t - 1] = [np.nan if held[c] is None else held[c] for c in CHOICES]
        per_team = np.repeat(steering, self.replications, axis=0).reshape(-1, len(CHOICES))
        index = np.arange(per_team.shape[0])
        self.model.steer_teams(index, **{c: per_team[:, i] for i, c in enumerate(CHOICES)})

    def _shaped(self, figures: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        shape = (self.variants, self.replications, self.log.teams)
        return {name: np.asarray(v, dtype=float).reshape(shape) for name, v in figures.items()}

    def _round_table(self, round_: int, figures: dict[str, np.ndarray]) -> pd.DataFrame:
        teams = self.log.teams
        columns: dict[str, list] = {c: [] for c in SPREAD_COLUMNS}
        for kpi in TEAM_KPIS:
            values = figures[kpi]
            played = values[0]  # (replication, team)
            start = self._start[kpi][0]
            own = np.arange(teams)
            # each team's own variants, as (replication, team)
            story, held = values[1 + own, :, own].T, values[1 + teams + own, :, own].T
            parts = {
                "": interval(played),
                "change": interval(played - start),
                "vs_story": interval(played - story),
                "vs_held": interval(played - held),
            }
            columns["round"] += [round_] * teams
            columns["team"] += list(range(1, teams + 1))
            columns["kpi"] += [kpi] * teams
            columns["start"] += list(start.mean(axis=0))
            columns["story"] += list(story.mean(axis=0))
            columns["held"] += list(held.mean(axis=0))
            for name, (mean, low, high) in parts.items():
                key = name or "mean"
                columns[key] += list(mean)
                columns[f"{name}_low" if name else "low"] += list(low)
                columns[f"{name}_high" if name else "high"] += list(high)
        return pd.DataFrame(columns, columns=SPREAD_COLUMNS)
