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

from sim.coefficients import Record, coefficient, fitted


class Coefficients(Record):
    # demands of employees
    workload_weight: float = coefficient(0.35, 0.1, 0.6, "weight", "workload as a job demand")
    pressure_workload: float = coefficient(
        0.5, 0.0, 1.0, "workload per unit", "workload from results pressure at pressure 1"
    )
    absence_workload: float = coefficient(
        1.5, 0.5, 3.0, "workload per share", "workload per share of the team absent (cover)"
    )
    red_tape_weight: float = coefficient(0.2, 0.0, 0.4, "weight", "red tape as a job demand (C8)")
    red_tape_exponent: float = coefficient(
        2.0, 1.0, 3.0, "exponent", "red tape grows with this power of rule density (C8)"
    )
    felt_control_weight: float = coefficient(
        0.25, 0.0, 0.5, "weight", "felt control as a job demand (C2)"
    )
    unclear_goals_weight: float = coefficient(
        0.1, 0.0, 0.3, "weight", "unclear goals (1 − vision) as a job demand (C7)"
    )
    misfit_weight: float = coefficient(
        0.1, 0.0, 0.3, "weight", "talents unused (1 − fit) as a job demand (C11)"
    )
    # resources of employees
    autonomy_weight: float = coefficient(
        0.25, 0.0, 0.5, "weight", "autonomy as a job resource (C1, C14)"
    )
    autonomy_need_base: float = coefficient(
        0.5, 0.0, 1.0, "multiplier", "autonomy's worth at autonomy need 0 (C16)"
    )
    trust_weight: float = coefficient(
        0.25, 0.0, 0.5, "weight", "trust received as a job resource (C1)"
    )
    coaching_weight: float = coefficient(
        0.15, 0.0, 0.4, "weight", "coaching received as a job resource (C5)"
    )
    safety_weight: float = coefficient(0.15, 0.0, 0.4, "weight", "safety as a job resource (C7)")
    fit_weight: float = coefficient(0.1, 0.0, 0.3, "weight", "fit with one's talents (C11)")
    peers_weight: float = coefficient(
        0.1, 0.0, 0.3, "weight", "colleagues who pull their weight as a job resource (C9)"
    )
    # dynamics of energy, pleasure and fatigue
    fatigue_build: float = coefficient(
        0.08, 0.02, 0.2, "per week", "fatigue per unit of demands above what resources buffer"
    )
    fatigue_recovery: float = coefficient(
        0.06, 0.02, 0.2, "per week", "share of fatigue recovered each week"
    )
    buffer: float = coefficient(
        0.1, 0.0, 0.3, "demand units", "demands below resources plus this do not tire"
    )
    absent_recovery: float = coefficient(
        3.0, 1.0, 5.0, "× recovery", "how much faster fatigue recovers during sick leave"
    )
    energy_from_resources: float = coefficient(
        0.5, 0.1, 1.0, "energy per unit", "vigour per unit of job resources"
    )
    energy_from_demands: float = coefficient(
        0.3, 0.0, 0.6, "energy per unit", "short-run activation per unit of demands (being driven)"
    )
    energy_from_fatigue: float = coefficient(
        0.9, 0.3, 1.5, "energy per unit", "energy drained per unit of fatigue"
    )
    pleasure_from_resources: float = coefficient(
        0.8, 0.3, 1.2, "pleasure per unit", "pleasure per unit of job resources"
    )
    pleasure_from_demands: float = coefficient(
        0.6, 0.2, 1.0, "pleasure per unit", "pleasure lost per unit of job demands"
    )
    pleasure_from_fatigue: float = coefficient(
        0.2, 0.0, 0.6, "pleasure per unit", "pleasure lost per unit of fatigue"
    )
    energy_baseline: float = fitted(
        "energy_baseline", -1.0, 2.0, "0…1", "intercept of the energy target"
    )
    pleasure_baseline: float = fitted(
        "pleasure_baseline", -1.0, 2.0, "0…1", "intercept of the pleasure target"
    )
    rate: float = coefficient(
        0.1, 0.02, 0.5, "per week", "weekly approach of energy and pleasure to their targets"
    )
    weekly_noise: float = coefficient(
        0.04, 0.0, 0.15, "0…1", "spread of weekly events in energy and pleasure"
    )


@dataclass(frozen=True)
class Conditions:
    """One week's job demands and resources, each roughly in [0, 1]."""

    demands: np.ndarray
    resources: np.ndarray


def workload(pressure: float, absent_share: np.ndarray, c: Coefficients) -> np.ndarray:
    """Workload: results pressure and covering for absent colleagues (C11)."""
    return c.pressure_workload * pressure + c.absence_workload * absent_share


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
    c: Coefficients,
) -> Conditions:
    """Demands and resources of employees.

    Few rules hardly burden; a thick layer does (red tape grows with a power of density, C8).
    Autonomy is a resource in proportion to the need for it (C16). Colleagues who slack
    unaddressed take pleasure out of the work of the rest (C9).
    """
    red_tape = rules**c.red_tape_exponent
    demands = (
        c.workload_weight * workload
        + c.red_tape_weight * red_tape
        + c.felt_control_weight * felt_control
        + c.unclear_goals_weight * (1 - vision)
        + c.misfit_weight * (1 - fit)
    )
    resources = (
        c.autonomy_weight * autonomy * (c.autonomy_need_base + autonomy_need)
        + c.trust_weight * trust_received
        + c.coaching_weight * coaching
        + c.safety_weight * safety
        + c.fit_weight * fit
        + c.peers_weight * (1 - slack_share)
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
    rng: np.random.Generator,
    c: Coefficients,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One week of energy, pleasure and fatigue (all in [0, 1])."""
    d, r = conditions.demands, conditions.resources
    strain = np.maximum(0.0, d - r - c.buffer)
    recovery = np.where(absent, c.absent_recovery * c.fatigue_recovery, c.fatigue_recovery)
    fatigue = np.clip(fatigue + c.fatigue_build * strain * ~absent - recovery * fatigue, 0.0, 1.0)

    energy_target = (
        c.energy_baseline
        + c.energy_from_resources * r
        + c.energy_from_demands * d
        - c.energy_from_fatigue * fatigue
        + energy_trait
    )
    pleasure_target = (
        c.pleasure_baseline
        + c.pleasure_from_resources * r
        - c.pleasure_from_demands * d
        - c.pleasure_from_fatigue * fatigue
        + pleasure_trait
    )
    shocks = c.weekly_noise * rng.standard_normal((2, energy.size))
    energy = np.clip(energy + c.rate * (energy_target - energy) + shocks[0], 0.0, 1.0)
    pleasure = np.clip(pleasure + c.rate * (pleasure_target - pleasure) + shocks[1], 0.0, 1.0)
    return energy, pleasure, fatigue
