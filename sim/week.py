"""What one verb of the week leaves for a later one, and who steers which team.

``OrgModel.step`` makes a fresh :class:`ThisWeek` first; every verb writes its results there, so
each quantity exists (zero until set) from the start of the week and the step's data flow can be
read off this one record. State that carries over from week to week lives in the population
(``model.employees``, ``model.managers``); :class:`Steering` holds what workshop participants
chose for their teams (``OrgModel.steer``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


@dataclass
class ThisWeek:
    """One week's passing quantities (per team, per employee or per organisation)."""

    control_level: np.ndarray  # per team: monitoring imposed plus grabbed (decide)
    decision_weights: tuple  # per team: employee, rule and manager shares of decisions (decide)
    coordination_error: np.ndarray  # per employee: misfit with the organisation's course (decide)
    self_steering: np.ndarray  # per employee: vision × responsibility × freedom (meet_demands)
    manager_chance: np.ndarray  # per employee: chance the manager sees the week (work)
    peer_chance: np.ndarray  # per employee: chance peers see it (work)
    noticed: np.ndarray  # per employee: chance shirking or misconduct is noticed (work)
    misconduct: np.ndarray  # per employee: output lost to misconduct (work)
    autonomy: np.ndarray  # per employee: decision rights and freedom, less control (work)
    challenge: np.ndarray  # per employee: challenge demands, at work only (work)
    hindrance: np.ndarray  # per employee: hindrance demands, at work only (work)
    observed: np.ndarray  # per employee: someone saw the week (observe_and_trust)
    effort_seen: np.ndarray  # per employee: the effort as seen, with noise (observe_and_trust)
    shortfall: np.ndarray  # per team: results short of the demand (manage)
    dismissed: np.ndarray  # per employee: dismissed after broken agreements (follow_up)
    leavers: np.ndarray  # per organisation: quits and dismissals (absence_and_turnover)
    newcomers: np.ndarray  # per organisation: staff with short tenure at risk of leaving (…)
    newcomer_leavers: np.ndarray  # per organisation: those of them who left (…)
    team_leavers: np.ndarray  # per team: quits and dismissals (absence_and_turnover)
    team_engaged: np.ndarray  # per team: engaged share before anyone leaves (…)

    @classmethod
    def start(cls, employees: int, teams: int, organisations: int) -> ThisWeek:
        per = {"team": np.zeros(teams), "employee": np.zeros(employees)}
        return cls(
            control_level=per["team"].copy(),
            decision_weights=(per["team"].copy(), per["team"].copy(), per["team"].copy()),
            coordination_error=per["employee"].copy(),
            self_steering=per["employee"].copy(),
            manager_chance=per["employee"].copy(),
            peer_chance=per["employee"].copy(),
            noticed=per["employee"].copy(),
            misconduct=per["employee"].copy(),
            autonomy=per["employee"].copy(),
            challenge=per["employee"].copy(),
            hindrance=per["employee"].copy(),
            observed=np.zeros(employees, dtype=bool),
            effort_seen=per["employee"].copy(),
            shortfall=per["team"].copy(),
            dismissed=np.zeros(employees, dtype=bool),
            leavers=np.zeros(organisations, dtype=np.int64),
            newcomers=np.zeros(organisations, dtype=np.int64),
            newcomer_leavers=np.zeros(organisations, dtype=np.int64),
            team_leavers=np.zeros(teams, dtype=np.int64),
            team_engaged=per["team"].copy(),
        )


@dataclass
class Steering:
    """Per team, what a workshop participant chose as its manager; NaN: the story's manager."""

    CHOICES = ("trust", "monitoring", "coaching", "vision", "firefighting", "address")
    PLANNED = ("monitoring", "coaching", "vision", "firefighting")  # enter the manager's plan

    trust: np.ndarray  # trust given (the disposition)
    monitoring: np.ndarray  # control level
    coaching: np.ndarray  # as the connection lever: coaching time
    vision: np.ndarray  # as the vision lever: time on vision
    firefighting: np.ndarray  # share of the team's problems taken over (as grab)
    address: np.ndarray  # 1: follow up non-performers at full attention, 0: not at all

    @classmethod
    def nobody(cls, teams: int) -> Steering:
        return cls(**{f.name: np.full(teams, np.nan) for f in fields(cls)})

    @property
    def active(self) -> bool:
        return any(np.isfinite(getattr(self, f.name)).any() for f in fields(self))
