"""The manager's week (C4 vicious circle, C5 virtuous circle, C6 time sickness, C11).

Every employee brings problems to solve each week. Staff solve the share their initiative
covers; a manager who grabs control takes over problems staff would have solved ("the boss
fixes it", C4). Of the problems staff leave, the manager fixes those that remain theirs: all of
them if they keep the decisions, fewer as responsibility is handed to the team, who must then
pick them up (the cost of letting go before staff take the initiative, C17). Unsolved problems
cost output.

Hours go first to what cannot wait: reporting upward (it grows with pressure: the sandwich),
monitoring (grows with control and team size), rule administration (grows with rules) and
fire-fighting. What is left, up to the most the manager will work, goes to vision and coaching,
which a manager in control mode also puts off ("no time for that now", C6). Problems beyond the
hours go unsolved.

Managers' own well-being follows the job demands–resources model like everyone's (Bakker &
Demerouti 2007): overtime, the squeeze between directors and a team that falls short (middle
managers' sandwich, Anicich & Hirsh 2017) and problems left lying are demands; meaningful hours
(coaching, vision), a team that trusts them and safety are resources (C6, C11).
"""

from dataclasses import dataclass

import numpy as np

from sim.mechanisms.wellbeing import Conditions

REPORTING_HOURS = 12.0  # reporting and meetings upward at pressure 0 …
PRESSURE_HOURS = 8.0  # … plus this much at pressure 1
MONITORING_HOURS = 0.8  # hours per employee per week at full control
RULES_HOURS = 6.0  # rule administration at rules 1
PROBLEM_HOURS = 2.5  # problems per employee per week, in manager-hours if nobody else solves them
VISION_HOURS = 6.0  # vision and strategy at vision 1
COACHING_HOURS = 1.2  # coaching per employee per week at connection 1
PUT_OFF = 0.5  # share of vision and coaching put off at full grab
UNSOLVED_COST = 0.3  # output lost when none of the team's problems is solved


@dataclass(frozen=True)
class Week:
    """Hours per manager by activity, and what becomes of the team's problems."""

    reporting: np.ndarray
    monitoring: np.ndarray
    rules: np.ndarray
    firefighting: np.ndarray
    vision: np.ndarray
    coaching: np.ndarray
    taken_over: np.ndarray  # share of problems the manager took from staff who would solve them
    unsolved: np.ndarray  # share of problems nobody solves

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
    solved_by_staff: np.ndarray,
    grab: np.ndarray,
    responsibility: float,
    control_level: np.ndarray,
    pressure: float,
    rules: float,
    vision: float,
    connection: float,
    max_hours: float,
) -> Week:
    """Allocate next week's hours per manager.

    ``solved_by_staff`` is the share of the team's problems staff would solve themselves (their
    initiative, zero for the absent).
    """
    left = 1 - solved_by_staff
    taken_over = grab * solved_by_staff
    fixing = taken_over + left * (1 - responsibility * (1 - grab))
    reporting = np.full(team_size.size, REPORTING_HOURS + PRESSURE_HOURS * pressure)
    monitoring = MONITORING_HOURS * control_level * team_size
    admin = np.full(team_size.size, RULES_HOURS * rules)
    firefighting = PROBLEM_HOURS * team_size * fixing
    urgent = reporting + monitoring + admin + firefighting
    scale = np.minimum(1.0, max_hours / np.maximum(urgent, 1e-9))
    room = max_hours - urgent * scale
    put_off = 1 - PUT_OFF * grab
    vision_hours = np.minimum(VISION_HOURS * vision * put_off, room)
    coaching = np.minimum(COACHING_HOURS * connection * team_size * put_off, room - vision_hours)
    unsolved = 1 - (solved_by_staff - taken_over) - fixing * scale
    return Week(
        reporting * scale,
        monitoring * scale,
        admin * scale,
        firefighting * scale,
        vision_hours,
        coaching,
        taken_over,
        unsolved,
    )


def problems_cost(unsolved: np.ndarray) -> np.ndarray:
    """Share of output kept when a share ``unsolved`` of the team's problems is left lying."""
    return 1 - UNSOLVED_COST * unsolved


def manager_conditions(
    hours: np.ndarray,
    meaningful_hours: np.ndarray,
    unsolved: np.ndarray,
    *,
    contract_hours: float,
    pressure: float,
    shortfall: np.ndarray,
    team_trust: np.ndarray,
    safety: float,
) -> Conditions:
    """A manager's demands and resources this week (C6 time sickness, C11 sources of stress).

    ``meaningful_hours`` are the hours spent on coaching and vision.
    """
    overtime = np.maximum(0.0, hours - contract_hours) / 20
    squeeze = np.minimum(1.0, 4 * pressure * shortfall)
    meaningful = meaningful_hours / np.maximum(hours, 1)
    return Conditions(
        demands=0.4 * overtime + 0.35 * squeeze + 0.25 * unsolved,
        resources=1.2 * meaningful + 0.3 * team_trust + 0.3 * safety,
    )
