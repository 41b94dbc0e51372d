"""Growth and leaning back (C1 trust as a basic need, C4 leaning back, C5 coaching).

Responsibility and freedom invite initiative, and pleasure sustains it; a manager who fights the
team's fires teaches them to lean back ("the boss will fix it anyway"), so initiative decays
while the manager solves their problems. Coaching builds skill and initiative; newcomers ramp up
by learning on the job.
"""

import numpy as np

INITIATIVE_RATE = 0.05  # weekly approach of initiative to its target
LEAN_BACK = 0.5  # initiative lost when the manager solves all the team's problems
LEARNING = 0.02  # weekly share of the skill gap closed on the job
COACHED_LEARNING = 0.04  # extra share closed at full coaching


def initiative_target(
    responsibility: float,
    freedom: float,
    pleasure: np.ndarray,
    coaching: np.ndarray,
    firefighting_share: np.ndarray,
    lean_back: bool = True,
) -> np.ndarray:
    """The initiative an employee settles at under current conditions."""
    target = 0.15 + 0.35 * responsibility + 0.15 * freedom + 0.25 * pleasure + 0.1 * coaching
    if lean_back:
        target = target - LEAN_BACK * firefighting_share
    return np.clip(target, 0.0, 1.0)


def update_initiative(initiative: np.ndarray, target: np.ndarray) -> np.ndarray:
    return initiative + INITIATIVE_RATE * (target - initiative)


def learn(skill: np.ndarray, coaching: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Skill grows on the job and faster with coaching (``coaching`` in [0, 1])."""
    rate = (LEARNING + COACHED_LEARNING * coaching) * present
    return skill + rate * (1 - skill)
