"""Growth and leaning back (C1 trust as a basic need, C4 leaning back, C5 coaching, C17).

Responsibility invites initiative as far as staff believe their manager means it (their trust in
the manager, C17), freedom and pleasure sustain it; a manager who takes over the problems staff
would have solved teaches them to lean back ("the boss will fix it anyway", C4), so initiative
decays while the manager fixes things. Coaching builds skill and initiative (C5); newcomers ramp
up by learning on the job. Initiative moves slowly either way: habits, learned helplessness
(Seligman 1975) and self-efficacy (Bandura 1977) take months to change.
"""

import numpy as np

INITIATIVE_RATE = 0.05  # weekly approach of initiative to its target
LEAN_BACK = 1.0  # initiative lost per unit share of problems the manager takes over
LEARNING = 0.02  # weekly share of the skill gap closed on the job
COACHED_LEARNING = 0.04  # extra share closed at full coaching


def initiative_target(
    responsibility: float,
    freedom: float,
    trust_in_manager: np.ndarray,
    pleasure: np.ndarray,
    coaching: np.ndarray,
    taken_over: np.ndarray,
    lean_back: bool = True,
) -> np.ndarray:
    """The initiative an employee settles at under current conditions."""
    believed = responsibility * (0.5 + trust_in_manager)
    target = 0.15 + 0.35 * believed + 0.15 * freedom + 0.25 * pleasure + 0.1 * coaching
    if lean_back:
        target = target - LEAN_BACK * taken_over
    return np.clip(target, 0.0, 1.0)


def update_initiative(initiative: np.ndarray, target: np.ndarray) -> np.ndarray:
    return initiative + INITIATIVE_RATE * (target - initiative)


def learn(skill: np.ndarray, coaching: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Skill grows on the job and faster with coaching (``coaching`` in [0, 1])."""
    rate = (LEARNING + COACHED_LEARNING * coaching) * present
    return skill + rate * (1 - skill)
