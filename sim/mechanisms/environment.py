"""A changing environment: the best course of action drifts (C12 Hayek, C13 Simon).

The optimum for team *t* is an organisation-wide part plus a local part per team, each an
Ornstein–Uhlenbeck process (Uhlenbeck & Ornstein 1930) whose weekly step is set by
``turbulence`` (0: nothing changes, nothing differs between teams) — turbulence as the speed at
which the fitness landscape moves (Siggelkow & Rivkin 2005). Mean reversion keeps the optimum
bounded, so stable and turbulent worlds differ in the speed of change, not in drift to infinity.
"""

import numpy as np

from sim.coefficients import Record, coefficient


class Coefficients(Record):
    reversion: float = coefficient(
        0.05, 0.01, 0.2, "1/week", "weekly pull of the optimum towards its long-run mean"
    )
    step: float = coefficient(
        0.1,
        0.02,
        0.3,
        "course units/week",
        "weekly step (standard deviation) of the organisation-wide optimum at turbulence 1",
    )
    local_share: float = coefficient(
        0.4, 0.0, 1.5, "ratio", "how much local optima move relative to the organisation-wide one"
    )


def stationary_spread(turbulence: float, *, c: Coefficients) -> float:
    """Long-run standard deviation of the organisation-wide part."""
    return c.step * turbulence / np.sqrt(1 - (1 - c.reversion) ** 2)


def initial_optimum(
    turbulence: float,
    n_teams: int,
    rng: np.random.Generator,
    *,
    c: Coefficients,
    organisations: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Start from the long-run distribution, so week 0 is a typical week.

    The organisation-wide part has one element per organisation (replications simulated
    together each have their own environment); the local part one per team.
    """
    spread = stationary_spread(turbulence, c=c)
    return (
        spread * rng.standard_normal(organisations),
        c.local_share * spread * rng.standard_normal(n_teams),
    )


def move_optimum(
    global_part: np.ndarray,
    local_part: np.ndarray,
    turbulence: float | np.ndarray,
    rng: np.random.Generator,
    *,
    c: Coefficients,
    c_local: Coefficients | None,
    local_turbulence: float | np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """One week of change in the organisation-wide and local best course.

    ``turbulence`` and ``c`` are per organisation (or one number); ``local_turbulence`` and
    ``c_local`` per team where organisations simulated together differ (default: the same).
    """
    c_local = c if c_local is None else c_local
    step = c.step * turbulence
    local_step = c_local.step * (turbulence if local_turbulence is None else local_turbulence)
    global_part = (1 - c.reversion) * global_part + step * rng.standard_normal(
        np.shape(global_part)
    )
    local_part = (
        1 - c_local.reversion
    ) * local_part + c_local.local_share * local_step * rng.standard_normal(local_part.size)
    return global_part, local_part
