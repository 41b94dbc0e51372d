"""A changing environment: the best course of action drifts (C12 Hayek, C13 Simon).

The optimum for team *t* is an organisation-wide part plus a local part per team, each an
Ornstein–Uhlenbeck process (Uhlenbeck & Ornstein 1930) whose weekly step is set by
``turbulence`` (0: nothing changes, nothing differs between teams) — turbulence as the speed at
which the fitness landscape moves (Siggelkow & Rivkin 2005). Mean reversion keeps the optimum
bounded, so stable and turbulent worlds differ in the speed of change, not in drift to infinity.
"""

import numpy as np

REVERSION = 0.05  # weekly pull of the optimum towards its long-run mean
STEP = 0.1  # weekly step (standard deviation) of the organisation-wide part at turbulence 1
LOCAL_SHARE = 0.7  # local parts move this much relative to the organisation-wide part


def stationary_spread(turbulence: float) -> float:
    """Long-run standard deviation of the organisation-wide part."""
    return STEP * turbulence / np.sqrt(1 - (1 - REVERSION) ** 2)


def initial_optimum(
    turbulence: float, n_teams: int, rng: np.random.Generator, organisations: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Start from the long-run distribution, so week 0 is a typical week.

    The organisation-wide part has one element per organisation (replications simulated
    together each have their own environment); the local part one per team.
    """
    spread = stationary_spread(turbulence)
    return (
        spread * rng.standard_normal(organisations),
        LOCAL_SHARE * spread * rng.standard_normal(n_teams),
    )


def move_optimum(
    global_part: np.ndarray,
    local_part: np.ndarray,
    turbulence: float | np.ndarray,
    rng: np.random.Generator,
    local_turbulence: float | np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """One week of change in the organisation-wide and local best course.

    ``turbulence`` is per organisation (or one number); ``local_turbulence`` per team where
    organisations simulated together differ (default: ``turbulence``).
    """
    step = STEP * turbulence
    local_step = step if local_turbulence is None else STEP * local_turbulence
    global_part = (1 - REVERSION) * global_part + step * rng.standard_normal(np.shape(global_part))
    local_part = (1 - REVERSION) * local_part + LOCAL_SHARE * local_step * rng.standard_normal(
        local_part.size
    )
    return global_part, local_part
