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

from sim.coefficients import Record, coefficient
from sim.streams import among, of_chosen


class Coefficients(Record):
    non_performance: float = coefficient(
        0.75, 0.5, 0.9, "effort", "smoothed effort below this marks a persistent non-performer"
    )
    performance_smoothing: float = coefficient(
        0.1, 0.02, 0.3, "weight", "weight of this week in the performance a manager sees"
    )
    follow_up: float = coefficient(
        0.08, 0.0, 0.3, "per week", "chance a manager with full coaching time addresses a slacker"
    )
    peer_follow_up: float = coefficient(
        0.08, 0.0, 0.3, "per week", "the same by colleagues in a fully self-steering team (C10)"
    )
    peer_detection: float = coefficient(
        0.6, 0.0, 0.9, "probability", "chance peers notice shirking in a fully self-steering team"
    )
    new_fit_a: float = coefficient(
        5.0, 1.0, 10.0, "Beta a", "fit of the better place found for a reciprocal non-performer"
    )
    new_fit_b: float = coefficient(
        2.0, 1.0, 10.0, "Beta b", "(with new_fit_a: a Beta distribution, mean a / (a + b))"
    )


def self_steering(vision: float, responsibility: float, freedom: float) -> float:
    """Degree of self-steering: it needs all three ("no self-steering without steering")."""
    return vision * responsibility * freedom


def peer_detection(self_steering: float, c: Coefficients, enabled: bool = True) -> float:
    return c.peer_detection * self_steering if enabled else 0.0


def smooth_performance(
    previous: np.ndarray, effort: np.ndarray, present: np.ndarray, c: Coefficients
) -> np.ndarray:
    return np.where(present, previous + c.performance_smoothing * (effort - previous), previous)


def follow_up(
    performance: np.ndarray,
    present: np.ndarray,
    attention: np.ndarray,
    peer_pressure: float,
    rng: np.random.Generator,
    c: Coefficients,
    managers_follow_up: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Who is a non-performer, and who of them is addressed this week.

    ``attention`` is the manager's coaching time per employee as a share of the norm, per
    employee.
    """
    slacking = present & (performance < c.non_performance)
    by_manager = c.follow_up * attention if managers_follow_up else 0
    chance = c.peer_follow_up * peer_pressure + by_manager
    addressed = slacking & (rng.random(performance.size) < chance)
    return slacking, addressed


def better_fit(
    fit: np.ndarray, moved: np.ndarray, rng: np.random.Generator, c: Coefficients
) -> np.ndarray:
    """Fit after "find out why": those ``moved`` get a place that fits at least as well."""
    a, b = of_chosen(c.new_fit_a, moved), of_chosen(c.new_fit_b, moved)
    new = among(rng, moved).beta(a, b, moved.sum())
    fit = fit.copy()
    fit[moved] = np.maximum(fit[moved], new)
    return fit
