"""Consequences and social control (C9, C10): follow-up of what is *observed*.

Managers judge performance on the weeks they see — base reports, plus monitoring — and peers in
self-steering teams see their colleagues' weeks (C10; concertive control, Barker 1993; peer
punishment, Fehr & Gächter 2000). Nobody follows up true effort: an unobserved shirker stays
unnoticed. A manager with time follows up a persistent non-performer: find out why (someone in
the wrong place moves to one that fits) and make agreements; whoever is found shirking again
after the agreements is dismissed. Behavioural types are stable traits (Fischbacher, Gächter &
Fehr 2001): a conversation does not turn a free rider into a reciprocator. Peer control is not
free: a self-steering team's own norms press on its members, who feel them as control (Barker
1993: tighter than the bureaucracy before; channel ``concertive``, a stressor in
``demands``).
"""

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import gate


class Coefficients(Record):
    non_performance: float = coefficient(
        0.75, 0.5, 0.95, "effort", "observed performance below this marks a non-performer"
    )
    performance_smoothing: float = coefficient(
        0.2, 0.05, 0.5, "weight", "weight of an observed week in the performance one has seen"
    )
    follow_up: float = coefficient(
        0.01,
        0.0,
        0.4,
        "per week",
        "chance a manager with full coaching time addresses a slacker",
        "assumed",
        "dismissal is slow under Dutch labour law; assumed",
    )
    peer_follow_up: float = coefficient(
        0.04, 0.0, 0.3, "per week", "the same by colleagues in a fully self-steering team (C10)"
    )
    peer_detection: float = coefficient(
        0.6,
        0.0,
        0.9,
        "probability",
        "chance peers see a colleague's week, fully self-steering",
        "assumed",
        "concertive control, Barker 1993; peer punishment, Fehr & Gächter 2000 (§14)",
    )
    concertive: float = coefficient(
        0.5,
        0.0,
        1.0,
        "felt control",
        "control felt from colleagues in a fully self-steering team, on the scale of a manager's "
        "(C10)",
        "assumed",
        "self-managing teams' own norms controlled members more tightly than the bureaucracy "
        "before them, Barker 1993 (docs/evidence.md §14.7); rules peers agree on are taken "
        "better, Faillo et al. 2010 (§14.8): half of a fully controlling manager's",
    )
    better_fit: float = coefficient(
        0.5,
        0.0,
        1.0,
        "share",
        "mean share of the gap to a perfect fit closed when a non-performer moves (C11)",
    )


def self_steering(vision, responsibility, freedom):
    """Degree of self-steering: it needs all three ("no self-steering without steering")."""
    return vision * responsibility * freedom


def peer_detection(self_steering, *, c: Coefficients, on):
    """Chance peers see a colleague's week (channel ``social_control``)."""
    return gate(c.peer_detection * self_steering, on=on)


def peer_control(self_steering, *, c: Coefficients, on):
    """Control felt from colleagues: a self-steering team's own norms press on its members
    (channel ``concertive``, C10)."""
    return gate(c.concertive * self_steering, on=on)


def update_seen_performance(
    seen_performance: np.ndarray, effort_seen: np.ndarray, observed: np.ndarray, *, c: Coefficients
) -> np.ndarray:
    """Performance as observed over time: only the weeks someone saw count (``trust.observe``)."""
    moved = seen_performance + c.performance_smoothing * (effort_seen - seen_performance)
    return np.where(observed, moved, seen_performance)


def follow_up(
    seen_performance: np.ndarray,
    present: np.ndarray,
    attention,
    peer_pressure,
    rng: np.random.Generator,
    *,
    c: Coefficients,
    managers_follow_up,
) -> tuple[np.ndarray, np.ndarray]:
    """Who is seen as a non-performer, and who of them is addressed this week.

    ``attention`` is the manager's coaching time per employee as a share of the norm.
    """
    slacking = present & (seen_performance < c.non_performance)
    chance = c.peer_follow_up * peer_pressure + gate(c.follow_up * attention, on=managers_follow_up)
    addressed = slacking & (rng.random(seen_performance.size) < chance)
    return slacking, addressed


def better_fit(
    fit: np.ndarray, moved: np.ndarray, rng: np.random.Generator, *, c: Coefficients
) -> np.ndarray:
    """Fit after "find out why": those ``moved`` get a place that fits better, closing a random
    share of the gap to a perfect fit (mean ``better_fit``)."""
    closed = 2 * c.better_fit * rng.random(fit.size)
    return np.where(moved, fit + np.minimum(closed, 1) * (1 - fit), fit)
