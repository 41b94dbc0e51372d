"""Consequences and social control (C9, C10).

A manager with time follows up persistent non-performers: find out why (someone in the wrong
place moves to one that fits their talents) and make agreements; whoever is found shirking again
after the agreements is dismissed. Behavioural types are stable traits (Fischbacher, Gächter &
Fehr 2001): a conversation does not turn a free rider into a reciprocator. Non-performers left
alone take the pleasure out of work for the good performers around them ("bad apples", Felps,
Mitchell & Byington 2006). In self-steering teams (vision, responsibility and freedom all high)
colleagues notice and sanction shirking themselves, cheaply (C10; concertive control, Barker 1993;
peer punishment, Fehr & Gächter 2000).
"""

import numpy as np

NON_PERFORMANCE = 0.75  # smoothed effort below this marks a persistent non-performer
PERFORMANCE_SMOOTHING = 0.1
FOLLOW_UP = 0.08  # weekly chance a manager with full coaching time addresses a non-performer
PEER_FOLLOW_UP = 0.08  # the same by colleagues in a fully self-steering team
PEER_DETECTION = 0.6  # chance peers notice shirking in a fully self-steering team


def self_steering(vision: float, responsibility: float, freedom: float) -> float:
    """Degree of self-steering: it needs all three ("no self-steering without steering")."""
    return vision * responsibility * freedom


def peer_detection(self_steering: float, enabled: bool = True) -> float:
    return PEER_DETECTION * self_steering if enabled else 0.0


def smooth_performance(previous: np.ndarray, effort: np.ndarray, present: np.ndarray):
    return np.where(present, previous + PERFORMANCE_SMOOTHING * (effort - previous), previous)


def follow_up(
    performance: np.ndarray,
    present: np.ndarray,
    attention: np.ndarray,
    peer_pressure: float,
    rng: np.random.Generator,
    managers_follow_up: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Who is a non-performer, and who of them is addressed this week.

    ``attention`` is the manager's coaching time per employee as a share of the norm, per
    employee.
    """
    slacking = present & (performance < NON_PERFORMANCE)
    chance = PEER_FOLLOW_UP * peer_pressure + (FOLLOW_UP * attention if managers_follow_up else 0)
    addressed = slacking & (rng.random(performance.size) < chance)
    return slacking, addressed
