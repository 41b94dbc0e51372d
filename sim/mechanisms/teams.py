"""Team aggregates: sums and means per team, computed with one bincount each."""

import numpy as np


def team_sum(values: np.ndarray, team: np.ndarray, n_teams: int) -> np.ndarray:
    return np.bincount(team, weights=values, minlength=n_teams)


def team_mean(values: np.ndarray, team: np.ndarray, size: np.ndarray) -> np.ndarray:
    return team_sum(values, team, size.size) / np.maximum(size, 1)
