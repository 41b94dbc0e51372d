"""Workshop steering: someone runs a team as its manager (C4, C5, C9 in the room).

:class:`sim.OrgModel` composes :class:`Steerable`: ``model.steer(team, trust=…, …)`` records a
participant's choices in ``model.steering`` (a :class:`sim.week.Steering`), and the week's verbs
ask :meth:`Steerable._steered` for each team's choice, or what the story's manager does where
nobody chose.
"""

from __future__ import annotations

import numpy as np

from sim.week import Steering


class Steerable:
    """What a workshop participant chose for their team, in place of the story's manager (the
    model that composes it plans the manager's week, ``_plan_week``)."""

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


def _same(old: float, new: float) -> bool:
    """Whether a steering choice stays as it was (NaN: left to the story's manager)."""
    return old == new or (np.isnan(old) and np.isnan(new))
