"""Absence, turnover and hiring (C11, C14, C15 figures).

People in burnout who are worn out report sick for a long time (on average about 242 days,
ArboNed); everyone has short spells of absence, more often when low on energy. People leave more
when they take no pleasure in their work; leavers are replaced by newcomers who start with less
skill and ramp up.
"""

import numpy as np

from sim.coefficients import Record, coefficient
from sim.streams import among, of_chosen


class Coefficients(Record):
    burnout_sick_leave: float = coefficient(
        0.006, 0.001, 0.05, "per week", "chance an exhausted employee in burnout reports sick"
    )
    exhausted: float = coefficient(
        0.3, 0.1, 0.6, "fatigue", "fatigue above which burnout can end in sick leave"
    )
    burnout_absence_weeks: float = coefficient(
        34.6,
        20.0,
        52.0,
        "weeks",
        "mean length of burnout sick leave",
        "sourced",
        "ArboNed: about 242 calendar days of burnout sick leave on average (242 / 7 weeks)",
    )
    short_absence_hazard: float = coefficient(
        0.02, 0.005, 0.06, "per week", "weekly chance of a short spell at energy 0.5"
    )
    energy_absence: float = coefficient(
        1.5, 1.0, 3.0, "multiplier", "short-spell multiplier at energy 0 (one less per unit)"
    )
    short_absence_weeks: float = coefficient(
        1.5, 1.0, 3.0, "weeks", "mean length of a short spell of absence"
    )
    turnover_base: float = coefficient(
        0.0012, 0.0002, 0.004, "per week", "chance of leaving for reasons outside the job"
    )
    turnover_displeasure: float = coefficient(
        0.012, 0.002, 0.03, "per week", "extra weekly chance of leaving at zero pleasure"
    )


def report_sick(
    absent_weeks: np.ndarray,
    burned_out: np.ndarray,
    fatigue: np.ndarray,
    energy: np.ndarray,
    rng: np.random.Generator,
    c: Coefficients,
) -> tuple[np.ndarray, np.ndarray]:
    """Weeks of absence left per employee after this week's sick reports, and who went on
    long (burnout) sick leave this week."""
    present = absent_weeks <= 0
    u = rng.random((2, absent_weeks.size))
    long = present & burned_out & (fatigue > c.exhausted) & (u[0] < c.burnout_sick_leave)
    short = present & ~long & (u[1] < c.short_absence_hazard * (c.energy_absence - energy))
    weeks = np.where(absent_weeks > 0, absent_weeks - 1, 0)
    if long.any():
        mean_weeks = np.broadcast_to(c.burnout_absence_weeks, long.shape)[long]
        weeks[long] = among(rng, long).geometric(1 / mean_weeks, size=int(long.sum()))
    if short.any():
        mean_weeks = of_chosen(c.short_absence_weeks, short)
        weeks[short] = among(rng, short).geometric(1 / mean_weeks, size=int(short.sum()))
    return weeks, long


def leave(pleasure: np.ndarray, rng: np.random.Generator, c: Coefficients) -> np.ndarray:
    """Who quits this week."""
    hazard = c.turnover_base + c.turnover_displeasure * (1 - pleasure) ** 2
    return rng.random(pleasure.size) < hazard
