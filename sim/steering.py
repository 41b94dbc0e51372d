"""The manager's week and workshop steering: someone may run a team as its manager (C4, C5, C9
in the room).

:class:`sim.OrgModel` composes :class:`ManagersChoices`: each manager plans the hours of next week
(``_plan_week``: reporting, monitoring, rules, fire-fighting, vision, coaching), and
``model.steer(team, trust=…, …)`` records a participant's choices in ``model.steering`` (a
:class:`sim.week.Steering`); the week's verbs ask :meth:`ManagersChoices._steered` for each team's
choice, or what the story's manager does where nobody chose.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from sim.mechanisms import control, manager_time
from sim.mechanisms.teams import team_mean
from sim.week import Steering


class ManagersChoices:
    """Each manager's plan of the week, and what a workshop participant chose for their team in
    place of the story's manager."""

    steering: Steering

    def _steered(self, choice: str, by_the_story: np.ndarray) -> np.ndarray:
        """Per team: what a workshop participant chose for their team this round (``steer``),
        else what the story's manager does."""
        chosen = getattr(self.steering, choice)
        return np.where(np.isnan(chosen), by_the_story, chosen)

    def steer(self, team: int, **choices: float) -> None:
        """Let someone run ``team`` as its manager: ``trust`` given, ``monitoring`` (control
        level), ``coaching`` and ``vision`` (as levers of their time), ``firefighting`` (share of
        the team's problems taken over) and ``address`` (0/1: follow up non-performers), each in
        [0, 1]; ``None`` hands a choice back to the story's manager (C4, C5, C9 in the room).

        Steering takes effect with the next week: where it changes a choice that enters the
        manager's plan (:data:`~sim.week.Steering.PLANNED`), the team's plan for the next week
        is made again with it, so the hours follow the choice from that week on."""
        for name in choices:
            if name not in Steering.CHOICES:
                raise ValueError(f"{name}: not a choice; choose from {', '.join(Steering.CHOICES)}")
        chosen = {name: np.nan if v is None else float(v) for name, v in choices.items()}
        for name, value in chosen.items():
            if not (np.isnan(value) or 0.0 <= value <= 1.0):
                raise ValueError(
                    f"{name}: {choices[name]} is not allowed; it must be between 0 and 1"
                )
        replan = False
        for name, value in chosen.items():
            steered = getattr(self.steering, name)
            replan |= name in Steering.PLANNED and not _same(steered[team], value)
            steered[team] = value
        if replan:
            self._plan_week(only=team)

    def steer_teams(self, teams: np.ndarray, **choices: np.ndarray) -> None:
        """:meth:`steer` for many teams at once: ``choices[name][i]`` for team ``teams[i]``
        (NaN: the story's manager); the teams whose planned choices change are planned again."""
        for name, values in choices.items():
            if name not in Steering.CHOICES:
                raise ValueError(f"{name}: not a choice; choose from {', '.join(Steering.CHOICES)}")
            if np.any(~np.isnan(values) & ((values < 0.0) | (values > 1.0))):
                raise ValueError(f"{name}: every value must be between 0 and 1 (or NaN)")
        replan = np.zeros(teams.size, dtype=bool)
        for name, values in choices.items():
            steered = getattr(self.steering, name)
            if name in Steering.PLANNED:
                old = steered[teams]
                replan |= ~((old == values) | (np.isnan(old) & np.isnan(values)))
            steered[teams] = values
        if replan.any():
            self._plan_week(only=teams[replan])

    def _control_level(self) -> np.ndarray:
        return self._steered(
            "monitoring", control.control_level(self.by_team.levers.control, self.managers.grab)
        )

    def _trust_disposition(self) -> np.ndarray:
        """Per team: the trust the manager is willing to give (``steer``: the participant's)."""
        lever, c = self.by_team.levers.trust, self.by_team.coefficients.control
        return self._steered("trust", control.trust_disposition(lever, self.managers.grab, c=c))

    def attention(self) -> np.ndarray:
        """Per team: the share of a manager's full attention each report gets
        (``manager_time.attention_per_report``)."""
        c, on = self.by_team.coefficients.manager_time, self.by_team.mechanisms.span_attention
        return manager_time.attention_per_report(self.managers.team_size, c=c, on=on)

    def coaching_received(self) -> np.ndarray:
        """Coaching per employee per team, as a share of the norm at full connection, as far as
        the manager's attention reaches each report."""
        m, c = self.managers, self.by_team.coefficients.manager_time
        return np.minimum(1.0, m.coaching / (c.coaching_hours * m.team_size)) * self.attention()

    def _plan_week(self, only: int | np.ndarray | None = None) -> None:
        """Plan next week's hours of every manager (``only``: of that team's manager, or those
        teams'; the other teams keep the plan they have)."""
        s, m, e = self.by_team, self.managers, self.employees
        week = manager_time.plan_week(
            team_size=m.team_size,
            solved_by_staff=team_mean(e.initiative * e.present, e.team, m.team_size),
            grab=self._steered("firefighting", m.grab),
            handed_over=m.handed_over,
            control_level=self._control_level(),
            pressure=s.environment.pressure,
            rules=s.levers.rules,
            vision=self._steered("vision", s.levers.vision),
            connection=self._steered("coaching", s.levers.connection),
            safety=s.levers.safety,
            max_hours=s.managers.max_hours,
            c=s.coefficients.manager_time,
            speaking_up=s.mechanisms.speaking_up,
        )
        planned = {f.name: getattr(week, f.name) for f in fields(week)} | {"hours": week.hours}
        mine = None if only is None else np.isin(np.arange(m.team_size.size), only)
        for name, new in planned.items():
            setattr(m, name, new if mine is None else np.where(mine, new, getattr(m, name)))


def _same(old: float, new: float) -> bool:
    """Whether a steering choice stays as it was (NaN: left to the story's manager)."""
    return old == new or (np.isnan(old) and np.isnan(new))
