"""Pictures of a run, week by week: every employee and each team as a screen shows them.

A :class:`Snapshot` is one week of a model: every employee (team, energy, pleasure, the quadrant
*as counted*, status, behaviour) and each team (its size and the share of its people in each
quadrant), as arrays and as tables. The quadrant is the one the KPIs count
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
from sim.mechanisms import quadrants, workforce
from sim.model import OrgModel
from sim.scenario import Scenario

QUADRANTS: tuple[str, ...] = quadrants.NAMES
"""The four well-being quadrants, in the order of their codes (``Snapshot.people.quadrant``'s
categories)."""
CUT_OFF: float = quadrants.Coefficients().cut_off
"""The cut-off between low and high on both axes of the well-being plane (fixed, as a
survey's)."""
STATUSES = workforce.STATUSES
"""An employee's status: at work, on a short spell of sick leave, or on long burnout leave."""
BEHAVIOURS = ("reciprocal", "opportunist")
_QUADRANT, _STATUS, _BEHAVIOUR = (
    pd.CategoricalDtype(list(names)) for names in (QUADRANTS, STATUSES, BEHAVIOURS)
)


@dataclass(frozen=True)
class Snapshot:
    """One week of a model: per employee (arrays, a row each) ``team`` (from 0), ``energy``,
    ``pleasure``, ``quadrant`` (its code in :data:`QUADRANTS`, as counted), ``absent``,
    ``burnout_leave`` and ``opportunist``; ``shares`` the share of each team's people in each
    quadrant (a row per team). :attr:`people` and :attr:`teams` give the same as tables."""

    week: int
    team: np.ndarray
    energy: np.ndarray
    pleasure: np.ndarray
    quadrant: np.ndarray
    absent: np.ndarray
    burnout_leave: np.ndarray
    opportunist: np.ndarray
    shares: np.ndarray  # (teams, quadrants)

    @property
    def people(self) -> pd.DataFrame:
        """A row per employee: ``team``, ``energy``, ``pleasure``, ``quadrant``
        (:data:`QUADRANTS`), ``status`` (:data:`STATUSES`), ``burnout_leave`` and ``behaviour``
        (:data:`BEHAVIOURS`), the named columns categorical."""
        return pd.DataFrame(
            {
                "team": self.team,
                "energy": self.energy,
                "pleasure": self.pleasure,
                "quadrant": pd.Categorical.from_codes(self.quadrant, dtype=_QUADRANT),
                "status": pd.Categorical.from_codes(
                    workforce.status(self.absent, self.burnout_leave), dtype=_STATUS
                ),
                "burnout_leave": self.burnout_leave,
                "behaviour": pd.Categorical.from_codes(
                    self.opportunist.astype(np.int8), dtype=_BEHAVIOUR
                ),
            }
        )

    @property
    def teams(self) -> pd.DataFrame:
        """A row per team (the index): its ``size`` and the share of its people in each
        quadrant (a column each)."""
        table = pd.DataFrame(self.shares, columns=list(QUADRANTS)).rename_axis("team")
        table.insert(0, "size", np.bincount(self.team, minlength=len(self.shares)))
        return table


def take(model: OrgModel) -> Snapshot:
    """The model's employees and teams as they are now (every organisation simulated side by
    side, their teams numbered on)."""
    e = model.employees
    teams = model.managers.team_size.size
    counted = quadrants.as_counted(e.quadrant, e.burnout_leave)
    size = np.bincount(e.team, minlength=teams)
    kinds = len(QUADRANTS)
    per_team = np.bincount(e.team * kinds + counted, minlength=teams * kinds)
    return Snapshot(
        week=int(model.week),
        team=e.team.copy(),
        energy=e.energy.copy(),
        pleasure=e.pleasure.copy(),
        quadrant=counted,
        absent=~e.present,
        burnout_leave=e.burnout_leave.copy(),
        opportunist=e.opportunist.copy(),
        shares=per_team.reshape(teams, kinds) / np.maximum(size, 1)[:, None],
    )


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
