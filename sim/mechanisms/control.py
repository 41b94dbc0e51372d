"""Grabbing control or holding on (C4 vicious circle, C6 time sickness, C17 courage).

Each manager compares the team's recent results with what the pressure from above demands.
A shortfall makes a control-prone manager without courage pull control back: monitor more,
fight more fires, give less trust. Control is grabbed fast and released slowly (habits, fear of
being replaceable); a manager with courage holds on to trust through the setback. A manager who
let go without conviction (low courage) relapses at the first dip.
"""

import numpy as np

TARGET = 0.85  # results demanded at pressure 0 (output per employee) …
TARGET_PER_PRESSURE = 0.2  # … plus this much at pressure 1
URGE = 6.0  # urge to grab per unit of shortfall, for a fully control-prone, fearful manager
TIGHTEN = 0.25  # weekly approach to the urge when tightening
RELEASE = 0.04  # weekly release when the urge is gone
TRUST_WITHDRAWN = 0.7  # share of the trust disposition withdrawn at full grab
REPORT_SMOOTHING = 0.25  # weight of this week in the results the manager reacts to


def smooth_results(previous: np.ndarray, this_week: np.ndarray) -> np.ndarray:
    return (1 - REPORT_SMOOTHING) * previous + REPORT_SMOOTHING * this_week


def shortfall(results: np.ndarray, pressure: float) -> np.ndarray:
    """How far results fall short of what is demanded, as a share of the demand (≥ 0)."""
    demanded = TARGET + TARGET_PER_PRESSURE * pressure
    return np.maximum(0.0, 1 - results / demanded)


def update_grab(
    grab: np.ndarray, shortfall: np.ndarray, propensity: float, courage: float
) -> np.ndarray:
    """How far each manager has pulled control back to themself (0 … 1)."""
    urge = np.minimum(1.0, URGE * propensity * (1 - courage) * shortfall)
    rate = np.where(urge > grab, TIGHTEN, RELEASE)
    return grab + rate * (urge - grab)


def control_level(lever: float, grab: np.ndarray) -> np.ndarray:
    """Monitoring intensity per team: the imposed level plus what the manager grabs."""
    return lever + grab * (1 - lever)


def trust_disposition(lever: float, grab: np.ndarray) -> np.ndarray:
    """The trust a manager is willing to give, withdrawn as they grab control."""
    return lever * (1 - TRUST_WITHDRAWN * grab)
