"""Pictures of a run, week by week: every employee and each team as a screen shows them.

A :class:`Snapshot` is one week of a model: a row per employee (team, energy, pleasure, the
quadrant *as counted*, status, behaviour) and a row per team (its size and the share of its
people in each quadrant). The quadrant is the one the KPIs count
(:func:`sim.mechanisms.quadrants.as_counted`): someone on long burnout leave is in burnout,
whatever their mood on leave, so the dashboard's film, the room's well-being plane and the
burnout rate always agree. :func:`course` pictures one run of a scenario, as the dashboard
films it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.experiments.batches import run_seed
from sim.mechanisms import quadrants
from sim.model import OrgModel
from sim.scenario import Scenario

QUADRANTS: tuple[str, ...] = quadrants.NAMES
"""The four well-being quadrants, in the order of their codes (``Snapshot.people.quadrant``'s
categories)."""
CUT_OFF: float = quadrants.Coefficients().cut_off
"""The cut-off between low and high on both axes of the well-being plane (fixed, as a
survey's)."""
STATUSES = ("working", "absent")
"""An employee's status: at work, or on sick leave (burnout leave included)."""
BEHAVIOURS = ("reciprocal", "opportunist")


@dataclass(frozen=True)
class Snapshot:
    """One week of a model. ``people``: a row per employee with ``team`` (from 0), ``energy``,
    ``pleasure``, ``quadrant`` (categorical, :data:`QUADRANTS`), ``status`` (:data:`STATUSES`),
    ``burnout_leave`` and ``behaviour`` (:data:`BEHAVIOURS`). ``teams``: a row per team (the
    index) with its ``size`` and the share of its people in each quadrant (a column each)."""

    week: int
    people: pd.DataFrame
    teams: pd.DataFrame


def take(model: OrgModel) -> Snapshot:
    """The model's employees and teams as they are now (every organisation simulated side by
    side, their teams numbered on)."""
    e = model.employees
    teams = model.managers.team_size.size
    counted = quadrants.as_counted(e.quadrant, e.burnout_leave)
    people = pd.DataFrame(
        {
            "team": e.team.copy(),
            "energy": e.energy.copy(),
            "pleasure": e.pleasure.copy(),
            "quadrant": pd.Categorical.from_codes(counted, QUADRANTS),
            "status": np.asarray(STATUSES)[(~e.present).astype(int)],
            "burnout_leave": e.burnout_leave.copy(),
            "behaviour": np.asarray(BEHAVIOURS)[e.opportunist.astype(int)],
        }
    )
    size = np.bincount(e.team, minlength=teams)
    per_team = np.bincount(e.team * len(QUADRANTS) + counted, minlength=teams * len(QUADRANTS))
    shares = per_team.reshape(teams, len(QUADRANTS)) / np.maximum(size, 1)[:, None]
    table = pd.DataFrame(shares, columns=list(QUADRANTS)).rename_axis("team")
    table.insert(0, "size", size)
    return Snapshot(int(model.week), people, table)


def course(scenario: Scenario, seed: int, every: int = 1) -> Iterator[Snapshot]:
    """One run of ``scenario`` for the experiment seed ``seed`` (the first replication's own
    seed), pictured at its start, every ``every`` weeks and in its last week."""
    model = OrgModel(scenario, seed=run_seed(seed, 0))
    weeks = scenario.run.weeks
    for week in range(weeks + 1):
        if week % every == 0 or week == weeks:
            yield take(model)
        if week < weeks:
            model.step()
