"""Effort by behavioural type (C1 trust as a basic need, C2 crowding out, C3 reciprocity).

Reciprocal employees (most people) work from intrinsic motivation: energy, pleasure, the trust
they feel and their initiative; felt control crowds that motivation out (Frey 1993; Falk &
Kosfeld 2006). Opportunists shirk when unobserved and work only as far as they expect to be
caught (Fischbacher, Gächter & Fehr 2001 for the types): control deters them.
"""

import numpy as np

from sim.coefficients import Record, coefficient, fitted


class Coefficients(Record):
    normal_effort: float = coefficient(
        1.0, 1.0, 1.0, "effort", "effort of a motivated, rested employee (the unit of effort)"
    )
    motivation_gain: float = coefficient(
        0.5, 0.1, 1.0, "effort per unit", "effort per unit of motivation above neutral"
    )
    pleasure_weight: float = coefficient(
        0.5, 0.2, 0.8, "weight", "weight of pleasure in the work in intrinsic motivation"
    )
    felt_trust_weight: float = coefficient(
        0.25, 0.0, 0.5, "weight", "weight of trust in the manager in intrinsic motivation"
    )
    initiative_weight: float = coefficient(
        0.25, 0.0, 0.5, "weight", "weight of initiative in intrinsic motivation"
    )
    neutral: float = coefficient(
        0.5, 0.5, 0.5, "0…1", "motivation and energy at which effort is normal (scale midpoint)"
    )
    crowding_out: float = coefficient(
        0.2,
        0.0,
        0.5,
        "effort per unit",
        "reciprocal effort lost per unit of felt control above the typical",
    )
    typical_felt_control: float = coefficient(
        0.5, 0.2, 0.8, "0…1.5", "felt control at which there is no crowding out"
    )
    felt_control_base: float = coefficient(
        0.5, 0.0, 1.0, "multiplier", "felt control per unit of control at autonomy need 0"
    )
    shirk_effort: float = coefficient(
        0.4, 0.1, 0.8, "effort", "effort of an opportunist who is sure not to be caught"
    )
    catch: float = coefficient(
        0.7, 0.3, 0.95, "probability", "share of shirking full monitoring detects: never all (C2)"
    )
    max_effort: float = coefficient(1.6, 1.2, 2.0, "effort", "the most effort anyone puts in")
    energy_gain: float = fitted(
        "effort_energy_gain", 0.0, 3.0, "effort per unit", "effort per unit of energy above neutral"
    )


def motivation(pleasure, trust_in_manager, initiative, c: Coefficients):
    """Intrinsic motivation: pleasure in the work, felt trust, initiative (C1, C3)."""
    return (
        c.pleasure_weight * pleasure
        + c.felt_trust_weight * trust_in_manager
        + c.initiative_weight * initiative
    )


def felt_control(control_level, autonomy_need, c: Coefficients):
    """Control as felt: stronger for those who need autonomy most (C2, C16)."""
    return control_level * (c.felt_control_base + autonomy_need)


def detection(control_level, peer_detection, c: Coefficients):
    """Chance that shirking or misconduct is noticed: monitoring and peers (C2, C10)."""
    return 1 - (1 - c.catch * control_level) * (1 - peer_detection)


def put_in_effort(
    energy: np.ndarray,
    motivation: np.ndarray,
    felt_control: np.ndarray,
    detection: np.ndarray,
    opportunist: np.ndarray,
    c: Coefficients,
    crowding_out: bool = True,
) -> np.ndarray:
    """Weekly effort per employee (0 … ``max_effort``)."""
    vigour = c.energy_gain * (energy - c.neutral)
    reciprocal = c.normal_effort + vigour + c.motivation_gain * (motivation - c.neutral)
    if crowding_out:
        reciprocal = reciprocal - c.crowding_out * (felt_control - c.typical_felt_control)
    deterred = c.shirk_effort + (c.normal_effort - c.shirk_effort) * detection + vigour
    return np.clip(np.where(opportunist, deterred, reciprocal), 0.0, c.max_effort)
