"""The four well-being quadrants (C15; Schaufeli, Taris & Van Rhenen 2008).

Classification uses fixed cut-offs on the two axes, as a survey does: the dynamics are
calibrated, never the cut-offs.
"""

import numpy as np

from sim.coefficients import Record, coefficient

NAMES = ("engagement", "workaholism", "burnout", "satisfaction")
ENGAGEMENT, WORKAHOLISM, BURNOUT, SATISFACTION = range(len(NAMES))


class Coefficients(Record):
    cut_off: float = coefficient(
        0.5, 0.5, 0.5, "0…1", "cut-off on both axes: the scales' midpoint, fixed like a survey's"
    )


def classify(energy: np.ndarray, pleasure: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """Quadrant code per person: high/low activation (energy) × pleasant/unpleasant."""
    high = energy >= c.cut_off
    pleasant = pleasure >= c.cut_off
    return np.where(
        high, np.where(pleasant, ENGAGEMENT, WORKAHOLISM), np.where(pleasant, SATISFACTION, BURNOUT)
    ).astype(np.int8)


def as_counted(quadrant: np.ndarray, burnout_leave: np.ndarray) -> np.ndarray:
    """The quadrant a survey of the payroll counts: someone on long burnout leave is in burnout,
    whatever their mood on leave (C15). The KPIs, the agents and the film all use this."""
    return np.where(burnout_leave, BURNOUT, quadrant).astype(np.int8)


def shares(quadrant: np.ndarray) -> np.ndarray:
    """Share of people in each quadrant (sums to 1)."""
    counts = np.bincount(quadrant, minlength=len(NAMES)).astype(float)
    return counts / max(quadrant.size, 1)
