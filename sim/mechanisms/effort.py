"""Effort by behavioural type (C1 trust as a basic need, C2 crowding out, C3 reciprocity).

Reciprocal employees (most people) work from intrinsic motivation: energy, pleasure, the trust
they feel and their initiative; felt control crowds that motivation out (Frey 1993; Falk &
Kosfeld 2006). Opportunists shirk when unobserved and work only as far as they expect to be
caught (Fischbacher, Gächter & Fehr 2001 for the types): control deters them.
"""

import numpy as np

NORMAL_EFFORT = 1.0  # effort of a motivated, rested employee
MOTIVATION_GAIN = 0.5  # effort per unit of motivation above neutral
CROWDING_OUT = 0.2  # effort lost per unit of felt control above the typical (reciprocal employees)
TYPICAL_FELT_CONTROL = 0.5
SHIRK_EFFORT = 0.4  # effort of an opportunist who is sure not to be caught
CATCH = 0.7  # share of shirking that full monitoring detects: never all (C2)
MAX_EFFORT = 1.6


def motivation(pleasure, trust_in_manager, initiative):
    """Intrinsic motivation: pleasure in the work, felt trust, initiative (C1, C3)."""
    return 0.5 * pleasure + 0.25 * trust_in_manager + 0.25 * initiative


def felt_control(control_level, autonomy_need):
    """Control as felt: stronger for those who need autonomy most (C2, C16)."""
    return control_level * (0.5 + autonomy_need)


def detection(control_level, peer_detection):
    """Chance that shirking or misconduct is noticed: monitoring and peers (C2, C10)."""
    return 1 - (1 - CATCH * control_level) * (1 - peer_detection)


def put_in_effort(
    energy: np.ndarray,
    motivation: np.ndarray,
    felt_control: np.ndarray,
    detection: np.ndarray,
    opportunist: np.ndarray,
    energy_gain: float,
    crowding_out: bool = True,
) -> np.ndarray:
    """Weekly effort per employee (0 … MAX_EFFORT)."""
    vigour = energy_gain * (energy - 0.5)
    reciprocal = NORMAL_EFFORT + vigour + MOTIVATION_GAIN * (motivation - 0.5)
    if crowding_out:
        reciprocal = reciprocal - CROWDING_OUT * (felt_control - TYPICAL_FELT_CONTROL)
    deterred = SHIRK_EFFORT + (NORMAL_EFFORT - SHIRK_EFFORT) * detection + vigour
    return np.clip(np.where(opportunist, deterred, reciprocal), 0.0, MAX_EFFORT)
