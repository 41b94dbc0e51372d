"""Growth and leaning back (C1 trust as a basic need, C4 leaning back, C5 coaching, C17).

Responsibility invites initiative as far as staff believe their manager means it (their trust in
the manager, C17), freedom and pleasure sustain it (channel ``initiative``: felt trust and
responsibility grow initiative, Salamon & Robinson 2008); a manager who takes over the problems
staff would have solved teaches them to lean back ("the boss will fix it anyway", C4; channel
``lean_back``), so initiative decays while the manager fixes things. Coaching builds skill and
initiative (C5; channel ``coaching``); newcomers ramp up by learning on the job. Initiative moves
slowly either way: habits, learned helplessness (Seligman 1975) and self-efficacy (Bandura 1977)
take months to change.
"""

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import gate, through


class Coefficients(Record):
    rate: float = coefficient(
        0.05, 0.01, 0.2, "per week", "weekly approach of initiative to its target"
    )
    base: float = coefficient(0.15, 0.0, 0.4, "0…1", "initiative with nothing to invite it")
    believed_weight: float = coefficient(
        0.35, 0.1, 0.6, "weight", "initiative per unit of responsibility as far as believed (C17)"
    )
    belief_base: float = coefficient(
        0.5, 0.0, 1.0, "multiplier", "how far responsibility is believed at no trust in the manager"
    )
    freedom_weight: float = coefficient(0.15, 0.0, 0.4, "weight", "initiative from freedom")
    pleasure_weight: float = coefficient(0.25, 0.0, 0.5, "weight", "initiative from pleasure")
    coaching_weight: float = coefficient(0.1, 0.0, 0.3, "weight", "initiative from coaching (C5)")
    lean_back: float = coefficient(
        1.0, 0.2, 2.0, "per share", "initiative lost per share of problems the manager takes over"
    )
    learning: float = coefficient(
        0.02, 0.005, 0.05, "per week", "weekly share of the skill gap closed on the job"
    )
    coached_learning: float = coefficient(
        0.04, 0.0, 0.1, "per week", "extra share of the skill gap closed at full coaching (C5)"
    )


def initiative_target(
    responsibility,
    freedom,
    trust_in_manager: np.ndarray,
    pleasure: np.ndarray,
    coaching,
    taken_over: np.ndarray,
    *,
    c: Coefficients,
    on,
) -> np.ndarray:
    """The initiative an employee settles at under current conditions (``on``: the switches)."""
    believed = through(responsibility * (c.belief_base + trust_in_manager), on=on.initiative)
    target = (
        c.base
        + c.believed_weight * believed
        + c.freedom_weight * through(freedom, on=on.initiative)
        + c.pleasure_weight * pleasure
        + c.coaching_weight * through(coaching, on=on.coaching)
        - gate(c.lean_back * taken_over, on=on.lean_back)
    )
    return np.clip(target, 0.0, 1.0)


def update_initiative(initiative: np.ndarray, target: np.ndarray, *, c: Coefficients) -> np.ndarray:
    return initiative + c.rate * (target - initiative)


def learn(skill: np.ndarray, coaching, present: np.ndarray, *, c: Coefficients, on) -> np.ndarray:
    """Skill grows on the job and faster with coaching (``coaching`` in [0, 1], channel
    ``coaching``)."""
    rate = (c.learning + c.coached_learning * through(coaching, on=on)) * present
    return skill + rate * (1 - skill)
