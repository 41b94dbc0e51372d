"""The four well-being quadrants (C15; Schaufeli, Taris & Van Rhenen 2008).

Classification uses fixed cut-offs on the two axes, as a survey does: the dynamics are
calibrated, never the cut-offs.
"""

import numpy as np

ENGAGEMENT, WORKAHOLISM, BURNOUT, SATISFACTION = 0, 1, 2, 3
NAMES = ("engagement", "workaholism", "burnout", "satisfaction")
CUT_OFF = 0.5


def classify(energy: np.ndarray, pleasure: np.ndarray) -> np.ndarray:
    """Quadrant code per person: high/low activation (energy) × pleasant/unpleasant."""
    high = energy >= CUT_OFF
    pleasant = pleasure >= CUT_OFF
    return np.where(
        high, np.where(pleasant, ENGAGEMENT, WORKAHOLISM), np.where(pleasant, SATISFACTION, BURNOUT)
    ).astype(np.int8)


def shares(quadrant: np.ndarray) -> np.ndarray:
    """Share of people in each quadrant (sums to 1)."""
    counts = np.bincount(quadrant, minlength=4).astype(float)
    return counts / max(quadrant.size, 1)
