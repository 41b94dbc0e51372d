"""Absence, turnover and hiring (C11, C14, C15 figures).

People in burnout who are worn out report sick for a long time (on average about 242 days,
ArboNed); everyone has short spells of absence, more often when low on energy. People leave more
when they take no pleasure in their work; leavers are replaced by newcomers who start with less
skill and ramp up.
"""

import numpy as np

from sim.streams import among

BURNOUT_SICK_LEAVE = 0.006  # weekly chance that an exhausted employee in burnout reports sick
EXHAUSTED = 0.3  # fatigue above which burnout can end in sick leave
SHORT_ABSENCE_WEEKS = 1.5  # mean length of a short spell
TURNOVER_BASE = 0.0012  # weekly chance of leaving for reasons outside the job
TURNOVER_DISPLEASURE = 0.012  # extra weekly chance at zero pleasure


def report_sick(
    absent_weeks: np.ndarray,
    burned_out: np.ndarray,
    fatigue: np.ndarray,
    energy: np.ndarray,
    short_hazard: float | np.ndarray,
    long_weeks: float | np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Weeks of absence left per employee after this week's sick reports, and who went on
    long (burnout) sick leave this week."""
    present = absent_weeks <= 0
    u = rng.random((2, absent_weeks.size))
    long = present & burned_out & (fatigue > EXHAUSTED) & (u[0] < BURNOUT_SICK_LEAVE)
    short = present & ~long & (u[1] < short_hazard * (1.5 - energy))
    weeks = np.where(absent_weeks > 0, absent_weeks - 1, 0)
    if long.any():
        mean_weeks = np.broadcast_to(long_weeks, long.shape)[long]
        weeks[long] = among(rng, long).geometric(1 / mean_weeks, size=int(long.sum()))
    if short.any():
        weeks[short] = among(rng, short).geometric(1 / SHORT_ABSENCE_WEEKS, size=int(short.sum()))
    return weeks, long


def leave(pleasure: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Who quits this week."""
    hazard = TURNOVER_BASE + TURNOVER_DISPLEASURE * (1 - pleasure) ** 2
    return rng.random(pleasure.size) < hazard
