"""Crossover: engagement and exhaustion spread between linked colleagues (C15; Bakker et al.
2009), so the well-being quadrants cluster in teams.

Each week energy and pleasure move a little towards the mean of one's colleagues: the
teammates (everyone in the team is linked) and the few ties across teams (a sparse matrix).
"""

import numpy as np
from scipy import sparse

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import gate


class Coefficients(Record):
    rate: float = coefficient(
        0.05,
        0.0,
        0.3,
        "per week",
        "weekly move of energy and pleasure towards colleagues'",
        "assumed",
        "team burnout and engagement cross over: Bakker, Van Emmerik & Euwema 2006 (§14.5)",
    )
    cross_weight: float = coefficient(
        0.2,
        0.0,
        0.5,
        "weight",
        "weight of cross-team ties in the colleague mean, where one has them",
    )


def colleague_mean(
    values: np.ndarray,
    team: np.ndarray,
    team_size: np.ndarray,
    cross_ties: sparse.csr_matrix,
    cross_degree: np.ndarray,
    *,
    c: Coefficients,
) -> np.ndarray:
    """Mean of each person's colleagues: teammates (excluding oneself) and cross-team ties."""
    totals = np.bincount(team, weights=values, minlength=team_size.size)
    mates = team_size[team] - 1
    within = np.where(mates > 0, (totals[team] - values) / np.maximum(mates, 1), values)
    if cross_ties.nnz == 0:
        return within
    across = (cross_ties @ values) / np.maximum(cross_degree, 1)
    weight = np.where(cross_degree > 0, c.cross_weight, 0.0)
    return (1 - weight) * within + weight * across


def cross_over(
    values: np.ndarray, colleague_mean: np.ndarray, *, c: Coefficients, on
) -> np.ndarray:
    """Move ``values`` a share ``rate`` of the way towards the colleagues' mean (channel
    ``crossover``)."""
    return values + gate(c.rate * (colleague_mean - values), on=on)


def cross_team_ties(
    team: np.ndarray, mean_ties: float, rng: np.random.Generator, organisation_size: int = 0
) -> sparse.csr_matrix:
    """A symmetric sparse matrix of random ties between employees of different teams.

    With ``organisation_size``, ties stay within each block of that many consecutive employees
    (replications simulated together are separate organisations).
    """
    n = team.size
    block = organisation_size or n
    pairs = rng.poisson(mean_ties * n / 2)
    a = rng.integers(0, n, size=pairs)
    b = a - a % block + rng.integers(0, block, size=pairs)
    keep = team[a] != team[b]
    a, b = a[keep], b[keep]
    data = np.ones(2 * a.size)
    ties = sparse.csr_matrix((data, (np.r_[a, b], np.r_[b, a])), shape=(n, n))
    ties.data[:] = 1.0  # duplicates collapse to one tie
    return ties
