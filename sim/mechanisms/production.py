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

from sim.coefficients import Record, coefficient


class Coefficients(Record):
    typical_skill: float = coefficient(
        0.8, 0.5, 1.0, "0…1", "skill of a typical employee (capability 1)"
    )
    typical_fit: float = coefficient(
        0.7, 0.5, 1.0, "0…1", "fit of a typical employee (capability 1)"
    )
    skill_elasticity: float = coefficient(
        0.5, 0.2, 1.0, "elasticity", "how output per unit of effort grows with skill"
    )
    fit_elasticity: float = coefficient(
        0.3, 0.0, 1.0, "elasticity", "how output per unit of effort grows with fit (C11)"
    )
    adaptation_cost: float = coefficient(
        0.6, 0.2, 0.9, "share of output", "output lost at adaptation_error 1 (the stakes, C12)"
    )
    typical_adaptation_error: float = coefficient(
        0.25, 0.25, 0.25, "0…1", "the decision quality that defines the unit of output"
    )
    misconduct: float = coefficient(
        0.3,
        0.05,
        0.6,
        "share of output",
        "share of what passes through an undetected opportunist's hands that is lost",
    )


def capability(skill: np.ndarray, fit: np.ndarray, c: Coefficients) -> np.ndarray:
    """Output per unit of effort, 1 for an employee of typical skill and fit."""
    return (skill / c.typical_skill) ** c.skill_elasticity * (
        fit / c.typical_fit
    ) ** c.fit_elasticity


def decision_quality(adaptation_error: np.ndarray, c: Coefficients) -> np.ndarray:
    """Output per unit of effective effort, relative to decisions of typical quality."""
    typical = 1 - c.adaptation_cost * c.typical_adaptation_error
    return (1 - c.adaptation_cost * adaptation_error) / typical


def produce(effort, capability, adaptation_error, shock: float, c: Coefficients) -> np.ndarray:
    """Weekly output per employee."""
    return effort * capability * decision_quality(adaptation_error, c) * (1 - shock)


def misconduct(
    opportunist: np.ndarray, detection: np.ndarray, output: np.ndarray, c: Coefficients
) -> np.ndarray:
    """Output lost to misconduct per employee: undetected opportunists divert part of what
    passes through their hands (C2), so the loss is a share of output, never more."""
    return np.where(opportunist, c.misconduct * (1 - detection) * output, 0.0)
