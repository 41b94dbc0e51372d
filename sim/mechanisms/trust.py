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

GAIN = 0.04  # weekly share of the way to the disposition after a good observation
LOSS = 0.15  # share of trust lost after a bad observation
DRIFT = 0.01  # weekly pull towards the disposition without observations
BASE_OBSERVATION = 0.3  # chance a manager sees someone's week without monitoring
NOTICE_NOISE = 0.1  # noise in an observed performance
BAD_WEEK = 0.75  # a week observed below this share of the team's mean effort is a bad one
BELIEF_UP = 0.03  # weekly rise of employees' trust in the manager
BELIEF_DOWN = 0.15  # weekly fall


def observe(
    effort: np.ndarray,
    team_effort: np.ndarray,
    control_level: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Which weeks the manager sees, and which of those look bad next to the team."""
    seen = rng.random(effort.size) < BASE_OBSERVATION + (1 - BASE_OBSERVATION) * control_level
    noticed = effort + NOTICE_NOISE * rng.standard_normal(effort.size)
    return seen, seen & (noticed < BAD_WEEK * team_effort)


def update_trust_given(
    trust: np.ndarray, disposition: np.ndarray, seen: np.ndarray, bad: np.ndarray
) -> np.ndarray:
    """Trust a manager gives each employee after this week's observations."""
    good = seen & ~bad
    towards = disposition - trust
    rise = np.where(good, GAIN, DRIFT) * towards
    rise = np.where(towards < 0, DRIFT * 5 * towards, rise)  # a lower disposition bites quickly
    return np.clip(np.where(bad, trust * (1 - LOSS), trust + rise), 0.0, 1.0)


def update_trust_in_manager(belief: np.ndarray, received: np.ndarray) -> np.ndarray:
    """Employees' trust in their manager follows what they receive, asymmetrically."""
    gap = received - belief
    return np.clip(belief + np.where(gap > 0, BELIEF_UP, BELIEF_DOWN) * gap, 0.0, 1.0)


def update_control_believed(believed: np.ndarray, control_level: np.ndarray) -> np.ndarray:
    """The control staff feel under follows the actual level, with the same asymmetry: a manager
    who lets go is believed slowly, one who tightens at once (C17)."""
    gap = control_level - believed
    return believed + np.where(gap < 0, BELIEF_UP, BELIEF_DOWN) * gap
