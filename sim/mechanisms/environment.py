"""A changing environment: the best course of action drifts (C12 Hayek, C13 Simon).

The optimum for team *t* is an organisation-wide part plus a local part, each an
Ornstein–Uhlenbeck process whose step size is set by ``turbulence`` (0: nothing changes).
Mean reversion keeps the optimum bounded, so stable and turbulent worlds differ in speed of
change, not in drift to infinity.
"""

import numpy as np

REVERSION = 0.05  # weekly pull of the optimum towards its long-run mean
STEP = 0.1  # weekly step (standard deviation) at turbulence 1
LOCAL_SHARE = 0.7  # local parts move this much relative to the organisation-wide part


def stationary_spread(turbulence: float) -> float:
    """Standard deviation of the optimum in the long run."""
    return STEP * turbulence / np.sqrt(1 - (1 - REVERSION) ** 2)


def initial_optimum(turbulence: float, n_teams: int, rng: np.random.Generator):
    """Start from the long-run distribution, so week 0 is a typical week."""
    spread = stationary_spread(turbulence)
    return spread * rng.standard_normal(), LOCAL_SHARE * spread * rng.standard_normal(n_teams)


def move_optimum(
    global_part: float, local_part: np.ndarray, turbulence: float, rng: np.random.Generator
) -> tuple[float, np.ndarray]:
    """One week of change in the organisation-wide and local best course."""
    step = STEP * turbulence
    global_part = (1 - REVERSION) * global_part + step * rng.standard_normal()
    local_part = (1 - REVERSION) * local_part + LOCAL_SHARE * step * rng.standard_normal(
        local_part.size
    )
    return global_part, local_part
