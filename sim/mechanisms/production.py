"""Output and misconduct (C15 productivity, C2/C8 misconduct, C12 fit of decisions).

Output is effort times capability (skill and fit with one's talents, C11) times how well the
week's decisions fit the environment. The unit is the weekly output of a typical employee: normal
effort, typical skill and fit, and decisions as far off the optimum as is typical
(``TYPICAL_ADAPTATION_ERROR``); better decisions yield more than 1, worse ones less.

Engaged employees produce more because they bring more energy and motivation to their effort,
not by decree (C15: about +20%). Opportunists under weak oversight cause misconduct losses; rules
do not prevent them (C8), monitoring catches part (C2).
"""

import numpy as np

TYPICAL_SKILL = 0.8
TYPICAL_FIT = 0.7
ADAPTATION_COST = 0.6  # output lost at adaptation_error 1 (the stakes of adapting, C12)
TYPICAL_ADAPTATION_ERROR = 0.25  # the decision quality that defines the unit of output
MISCONDUCT = 0.3  # share of what passes through an undetected opportunist's hands that is lost


def capability(skill: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """Output per unit of effort, 1 for an employee of typical skill and fit."""
    return np.sqrt(skill / TYPICAL_SKILL) * (fit / TYPICAL_FIT) ** 0.3


def decision_quality(adaptation_error: np.ndarray) -> np.ndarray:
    """Output per unit of effective effort, relative to decisions of typical quality."""
    typical = 1 - ADAPTATION_COST * TYPICAL_ADAPTATION_ERROR
    return (1 - ADAPTATION_COST * adaptation_error) / typical


def produce(effort, capability, adaptation_error, shock: float) -> np.ndarray:
    """Weekly output per employee."""
    return effort * capability * decision_quality(adaptation_error) * (1 - shock)


def misconduct(opportunist: np.ndarray, detection: np.ndarray, output: np.ndarray) -> np.ndarray:
    """Output lost to misconduct per employee: undetected opportunists divert part of what
    passes through their hands (C2), so the loss is a share of output, never more."""
    return np.where(opportunist, MISCONDUCT * (1 - detection) * output, 0.0)
