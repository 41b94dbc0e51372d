"""Output and misconduct (C15 productivity, C2/C8 misconduct, C12 fit of decisions).

Output is effort times capability (skill and fit with one's talents, C11) times how well the
week's decisions fit the environment. Engaged employees produce more because they bring more
energy and motivation to their effort, not by decree (C15: about +20%). Opportunists under weak
oversight cause misconduct losses; rules do not prevent them (C8), monitoring catches part (C2).
"""

import numpy as np

TYPICAL_SKILL = 0.8
TYPICAL_FIT = 0.7
ADAPTATION_COST = 0.3  # output lost at adaptation_error 1
MISCONDUCT = 0.3  # weekly loss caused by an undetected opportunist, in output units


def capability(skill: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """Output per unit of effort, 1 for an employee of typical skill and fit."""
    return np.sqrt(skill / TYPICAL_SKILL) * (fit / TYPICAL_FIT) ** 0.3


def produce(effort, capability, adaptation_error, shock: float) -> np.ndarray:
    """Weekly output per employee."""
    return effort * capability * (1 - ADAPTATION_COST * adaptation_error) * (1 - shock)


def misconduct(opportunist: np.ndarray, detection: np.ndarray) -> np.ndarray:
    """Output lost to misconduct per employee: undetected opportunists (C2)."""
    return np.where(opportunist, MISCONDUCT * (1 - detection), 0.0)
