"""Team aggregates: sums and means per team, computed with one bincount each."""

import numpy as np


def team_sum(values: np.ndarray, team: np.ndarray, n_teams: int) -> np.ndarray:
    return np.bincount(team, weights=values, minlength=n_teams)


def team_mean(values: np.ndarray, team: np.ndarray, size: np.ndarray) -> np.ndarray:
    return team_sum(values, team, size.size) / np.maximum(size, 1)


def others_mean(values: np.ndarray, counted: np.ndarray, team: np.ndarray, n_teams: int):
    """Per person, the mean of ``values`` over the others in their team who are ``counted``
    (one's own value where there is nobody else)."""
    weights = counted.astype(float)
    totals = team_sum(values * weights, team, n_teams)[team] - values * weights
    others = team_sum(weights, team, n_teams)[team] - weights
    return np.where(others > 0, totals / np.maximum(others, 1), values)
