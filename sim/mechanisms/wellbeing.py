"""Job demands and resources move energy and pleasure (C1, C2, C8, C11, C14, C16).

The job demands–resources model (Bakker & Demerouti 2007): demands (workload, red tape, felt
control, unclear goals, talents unused) cost energy and pleasure; resources (autonomy, trust
received, coaching, safety, fit, colleagues who pull their weight) feed pleasure and vigour.
Demands beyond what resources buffer accumulate as ``fatigue``, which drains energy until
recovery: the slow road into burnout. Activation also rises with demands in the short run
(being driven), which is how workaholism (high energy, low pleasure) arises. People differ in
stable traits, and weekly events add noise; the four quadrants emerge from these dynamics.
"""

from dataclasses import dataclass

import numpy as np

FATIGUE_BUILD = 0.08  # weekly fatigue per unit of demands above what resources buffer
FATIGUE_RECOVERY = 0.06  # weekly share of fatigue recovered
BUFFER = 0.1  # demands below resources + BUFFER do not tire
ABSENT_RECOVERY = 3.0  # recovery runs this much faster during sick leave


@dataclass(frozen=True)
class Conditions:
    """One week's job demands and resources, each roughly in [0, 1]."""

    demands: np.ndarray
    resources: np.ndarray


def employee_conditions(
    *,
    workload,
    rules: float,
    felt_control,
    vision: float,
    fit,
    autonomy,
    autonomy_need,
    trust_received,
    coaching,
    safety: float,
    slack_share,
) -> Conditions:
    """Demands and resources of employees.

    Few rules hardly burden; a thick layer does (red tape grows with the square, C8).
    Autonomy is a resource in proportion to the need for it (C16). Colleagues who slack
    unaddressed take pleasure out of the work of the rest (C9).
    """
    red_tape = rules**2
    demands = (
        0.35 * workload
        + 0.2 * red_tape
        + 0.25 * felt_control
        + 0.1 * (1 - vision)
        + 0.1 * (1 - fit)
    )
    resources = (
        0.25 * autonomy * (0.5 + autonomy_need)
        + 0.25 * trust_received
        + 0.15 * coaching
        + 0.15 * safety
        + 0.1 * fit
        + 0.1 * (1 - slack_share)
    )
    return Conditions(demands, resources)


def update_wellbeing(
    energy: np.ndarray,
    pleasure: np.ndarray,
    fatigue: np.ndarray,
    conditions: Conditions,
    energy_trait: np.ndarray,
    pleasure_trait: np.ndarray,
    absent: np.ndarray,
    *,
    energy_baseline: float,
    pleasure_baseline: float,
    rate: float,
    noise: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One week of energy, pleasure and fatigue (all in [0, 1])."""
    d, r = conditions.demands, conditions.resources
    strain = np.maximum(0.0, d - r - BUFFER)
    recovery = np.where(absent, ABSENT_RECOVERY * FATIGUE_RECOVERY, FATIGUE_RECOVERY)
    fatigue = np.clip(fatigue + FATIGUE_BUILD * strain * ~absent - recovery * fatigue, 0.0, 1.0)

    energy_target = energy_baseline + 0.5 * r + 0.3 * d - 0.9 * fatigue + energy_trait
    pleasure_target = pleasure_baseline + 0.8 * r - 0.6 * d - 0.2 * fatigue + pleasure_trait
    shocks = noise * rng.standard_normal((2, energy.size))
    energy = np.clip(energy + rate * (energy_target - energy) + shocks[0], 0.0, 1.0)
    pleasure = np.clip(pleasure + rate * (pleasure_target - pleasure) + shocks[1], 0.0, 1.0)
    return energy, pleasure, fatigue
