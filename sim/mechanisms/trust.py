"""Trust rises slowly and falls fast (C3 reciprocity, C17 credibility).

A manager gives each employee trust up to their disposition (the trust lever, pulled back while
they grab control, C4). What they observe moves it: a good week earns a little, a bad one costs a
lot (Slovic 1993, trust asymmetry). Monitoring means more observations — more shirkers caught,
but also more false alarms on honest employees having a bad week. Employees' trust in their
manager follows the trust they receive, slowly when it rises ("we'll see how long that lasts")
and fast when it falls; so does the control they feel, believed slowly when it eases. Reciprocal
staff respond to the control they believe in; opportunists find out what is actually checked.
"""

import numpy as np

from sim.coefficients import Record, coefficient


class Coefficients(Record):
    gain: float = coefficient(
        0.04, 0.01, 0.2, "per week", "share of the way to the disposition after a good observation"
    )
    loss: float = coefficient(
        0.15, 0.05, 0.5, "share", "share of trust lost after a bad observation (Slovic 1993)"
    )
    drift: float = coefficient(
        0.01, 0.0, 0.05, "per week", "weekly pull towards the disposition without observations"
    )
    fall_speed: float = coefficient(
        5.0, 1.0, 10.0, "× drift", "how much faster trust follows a lowered disposition"
    )
    base_observation: float = coefficient(
        0.3, 0.05, 0.6, "probability", "chance a manager sees someone's week without monitoring"
    )
    notice_noise: float = coefficient(
        0.1, 0.0, 0.3, "effort", "noise in an observed week's performance"
    )
    bad_week: float = coefficient(
        0.75, 0.5, 0.9, "share of team mean", "an observed week below this looks bad"
    )
    belief_up: float = coefficient(
        0.03, 0.01, 0.1, "per week", "weekly rise of employees' belief (trust, eased control)"
    )
    belief_down: float = coefficient(
        0.15, 0.05, 0.4, "per week", "weekly fall of employees' belief (distrust, tightening)"
    )


def observe(
    effort: np.ndarray,
    team_effort: np.ndarray,
    control_level: np.ndarray,
    rng: np.random.Generator,
    c: Coefficients,
) -> tuple[np.ndarray, np.ndarray]:
    """Which weeks the manager sees, and which of those look bad next to the team."""
    chance = c.base_observation + (1 - c.base_observation) * control_level
    seen = rng.random(effort.size) < chance
    noticed = effort + c.notice_noise * rng.standard_normal(effort.size)
    return seen, seen & (noticed < c.bad_week * team_effort)


def update_trust_given(
    trust: np.ndarray,
    disposition: np.ndarray,
    seen: np.ndarray,
    bad: np.ndarray,
    c: Coefficients,
) -> np.ndarray:
    """Trust a manager gives each employee after this week's observations."""
    good = seen & ~bad
    towards = disposition - trust
    rise = np.where(good, c.gain, c.drift) * towards
    fall = c.drift * c.fall_speed * towards  # a lower disposition bites quickly
    rise = np.where(towards < 0, fall, rise)
    return np.clip(np.where(bad, trust * (1 - c.loss), trust + rise), 0.0, 1.0)


def update_trust_in_manager(
    belief: np.ndarray, received: np.ndarray, c: Coefficients
) -> np.ndarray:
    """Employees' trust in their manager follows what they receive, asymmetrically."""
    gap = received - belief
    return np.clip(belief + np.where(gap > 0, c.belief_up, c.belief_down) * gap, 0.0, 1.0)


def update_control_believed(
    believed: np.ndarray, control_level: np.ndarray, c: Coefficients
) -> np.ndarray:
    """The control staff feel under follows the actual level, with the same asymmetry: a manager
    who lets go is believed slowly, one who tightens at once (C17)."""
    gap = control_level - believed
    return believed + np.where(gap < 0, c.belief_up, c.belief_down) * gap
