"""What managers see, and trust that rises slowly and falls fast (C2, C3, C10, C17).

A manager sees some of each employee's weeks: through reports always, through monitoring more
(channel ``deterrence``), but less of those they trust (channel ``trust_abuse``: trusted people
are checked less — the room a minority uses, C3), and never everything (C2: a determined cheat
finds a way). Peers in self-steering teams see their colleagues' weeks too (C10). Opportunists
shirk as far as they expect to be noticed this way.

The trust a manager gives moves towards their disposition (the trust lever, withdrawn while they
grab control, C4): a good week seen earns a little, a bad one costs a lot (Slovic 1993, trust
asymmetry). Employees' trust in their manager follows the trust they receive, slowly when it
rises ("we'll see how long that lasts") and fast when it falls; so does the control they feel,
believed slowly when it eases and at once when it tightens (C17, channel ``credibility``).
"""

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import choose, gate, through


class Coefficients(Record):
    base_observation: float = coefficient(
        0.1, 0.05, 0.6, "probability", "chance a manager sees someone's week without monitoring"
    )
    catch: float = coefficient(
        0.8,
        0.5,
        0.95,
        "probability",
        "chance full monitoring sees a week: never all (C2)",
        "assumed",
        "a determined cheat finds a way (C2); theft −22% when monitored, Pierce et al. 2015",
    )
    trust_blindness: float = coefficient(
        0.5, 0.0, 0.9, "share", "how much less monitoring checks someone fully trusted (C3)"
    )
    notice_noise: float = coefficient(0.1, 0.0, 0.3, "effort", "noise in an observed week's effort")
    bad_week: float = coefficient(
        0.75, 0.5, 0.9, "share of team mean", "an observed week below this looks bad"
    )
    gain: float = coefficient(
        0.04, 0.01, 0.2, "per week", "share of the way to the disposition after a good week seen"
    )
    loss: float = coefficient(
        0.15,
        0.05,
        0.5,
        "share",
        "share of trust lost after a bad week seen (Slovic 1993)",
        "assumed",
        "trust asymmetry: Slovic 1993 (docs/evidence.md §4.10)",
    )
    drift: float = coefficient(
        0.01, 0.0, 0.05, "per week", "weekly pull towards the disposition without observations"
    )
    fall_speed: float = coefficient(
        5.0, 1.0, 10.0, "× drift", "how much faster trust follows a lowered disposition"
    )
    belief_up: float = coefficient(
        0.03, 0.01, 0.1, "per week", "weekly rise of employees' belief (trust, eased control)"
    )
    belief_down: float = coefficient(
        0.15, 0.05, 0.4, "per week", "weekly fall of employees' belief (distrust, tightening)"
    )


def observation_chance(control_level, trust_given, *, c: Coefficients, deterrence, abuse):
    """Chance that a manager sees an employee's week this week."""
    checked = 1 - gate(c.trust_blindness * trust_given, on=abuse)
    monitoring = through(control_level, on=deterrence) * checked
    return c.base_observation + (c.catch - c.base_observation) * monitoring


def noticed(observation_chance, peer_detection):
    """Chance that a week of shirking or misconduct is noticed, by the manager or by peers."""
    return 1 - (1 - observation_chance) * (1 - peer_detection)


def observe(
    effort: np.ndarray,
    team_effort: np.ndarray,
    manager_chance,
    peer_chance,
    rng: np.random.Generator,
    *,
    c: Coefficients,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Which weeks the manager sees, which of those look bad next to the team, which weeks
    anyone (manager or peers) sees, and the effort as seen."""
    u = rng.random((2, effort.size))
    seen = u[0] < manager_chance
    by_anyone = seen | (u[1] < peer_chance)
    as_seen = effort + c.notice_noise * rng.standard_normal(effort.size)
    return seen, seen & (as_seen < c.bad_week * team_effort), by_anyone, as_seen


def update_trust_given(
    trust: np.ndarray,
    disposition: np.ndarray,
    seen: np.ndarray,
    bad: np.ndarray,
    *,
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
    belief: np.ndarray, received: np.ndarray, *, c: Coefficients
) -> np.ndarray:
    """Employees' trust in their manager follows what they receive, asymmetrically."""
    gap = received - belief
    return np.clip(belief + np.where(gap > 0, c.belief_up, c.belief_down) * gap, 0.0, 1.0)


def update_control_believed(
    believed: np.ndarray, control_level: np.ndarray, *, c: Coefficients, on
) -> np.ndarray:
    """The control staff feel under follows the actual level, with the same asymmetry: a manager
    who lets go is believed slowly, one who tightens at once (channel ``credibility``, C17)."""
    gap = control_level - believed
    moved = believed + np.where(gap < 0, c.belief_up, c.belief_down) * gap
    return choose(moved, control_level, on=on)
