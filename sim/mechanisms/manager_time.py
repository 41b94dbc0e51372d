"""The manager's week (C4 vicious circle, C5 virtuous circle, C6 time sickness, C11).

Hours go first to what cannot wait: reporting upward (it grows with pressure: the sandwich),
monitoring (grows with control and team size), rule administration (grows with rules) and
fire-fighting — solving the problems employees leave on the table, more of them when initiative
is low and more still when the manager grabs control. What is left, up to the most they will
work, goes to vision and coaching; under pressure coaching is squeezed out first.
"""

from dataclasses import dataclass

import numpy as np

REPORTING_HOURS = 10.0  # reporting and meetings upward at pressure 0 …
PRESSURE_HOURS = 8.0  # … plus this much at pressure 1
MONITORING_HOURS = 0.8  # hours per employee per week at full control
RULES_HOURS = 6.0  # rule administration at rules 1
PROBLEM_HOURS = 1.2  # problems per employee per week, in manager-hours if nobody else solves them
VISION_HOURS = 6.0  # vision and strategy at vision 1
COACHING_HOURS = 1.2  # coaching per employee per week at connection 1


@dataclass(frozen=True)
class Week:
    """Hours per manager by activity."""

    reporting: np.ndarray
    monitoring: np.ndarray
    rules: np.ndarray
    firefighting: np.ndarray
    vision: np.ndarray
    coaching: np.ndarray

    @property
    def hours(self) -> np.ndarray:
        return (
            self.reporting
            + self.monitoring
            + self.rules
            + self.firefighting
            + self.vision
            + self.coaching
        )


def plan_week(
    *,
    team_size: np.ndarray,
    problems_left: np.ndarray,
    control_level: np.ndarray,
    grab: np.ndarray,
    pressure: float,
    rules: float,
    vision: float,
    connection: float,
    max_hours: float,
) -> Week:
    """Allocate next week's hours per manager.

    ``problems_left`` is the share of the team's problems employees did not solve themselves
    (absence, low initiative). A manager who grabs control takes over problems staff could have
    solved (C4): the boss fixes it.
    """
    reporting = np.full(team_size.size, REPORTING_HOURS + PRESSURE_HOURS * pressure)
    monitoring = MONITORING_HOURS * control_level * team_size
    admin = np.full(team_size.size, RULES_HOURS * rules)
    firefighting = PROBLEM_HOURS * team_size * np.minimum(1.0, problems_left * (1 + grab))
    urgent = reporting + monitoring + admin + firefighting
    scale = np.minimum(1.0, max_hours / np.maximum(urgent, 1e-9))
    reporting, monitoring, admin, firefighting = (
        reporting * scale,
        monitoring * scale,
        admin * scale,
        firefighting * scale,
    )
    room = np.maximum(0.0, max_hours - (reporting + monitoring + admin + firefighting))
    vision_hours = np.minimum(VISION_HOURS * vision, room)
    coaching = np.minimum(COACHING_HOURS * connection * team_size, room - vision_hours)
    return Week(reporting, monitoring, admin, firefighting, vision_hours, coaching)
