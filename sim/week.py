"""What one verb of the week leaves for a later one, or for measurement.

``OrgModel.step`` makes a fresh :class:`ThisWeek` first; every verb writes its results there, so
each quantity exists (zero until set) from the start of the week and the step's data flow can be
read off this one record. State that carries over from week to week lives in the population
(``model.employees``, ``model.managers``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class ThisWeek:
    """One week's passing quantities (per team, per employee or per organisation)."""

    control_level: np.ndarray  # per team: monitoring imposed plus grabbed (decide)
    self_steering: np.ndarray  # per employee: vision × responsibility × freedom (work)
    detection: np.ndarray  # per employee: chance shirking is noticed (work)
    misconduct: np.ndarray  # per employee: output lost to misconduct (work)
    shortfall: np.ndarray  # per team: results short of the demand (manage)
    dismissed: np.ndarray  # per employee: dismissed after broken agreements (follow_up)
    leavers: np.ndarray  # per organisation: quits and dismissals (absence_and_turnover)

    @classmethod
    def start(cls, employees: int, teams: int, organisations: int) -> ThisWeek:
        return cls(
            control_level=np.zeros(teams),
            self_steering=np.zeros(employees),
            detection=np.zeros(employees),
            misconduct=np.zeros(employees),
            shortfall=np.zeros(teams),
            dismissed=np.zeros(employees, dtype=bool),
            leavers=np.zeros(organisations, dtype=np.int64),
        )
