"""Grabbing control or holding on (C4 vicious circle, C6 time sickness, C17 courage).

Each manager compares the team's recent results with what they have come to expect, stretched by
the pressure from above. Expectations adapt slowly to results (an aspiration level: Cyert & March
1963; Greve 2003), so a manager reacts to a setback, not to the level a team has settled at.
A shortfall makes a control-prone manager without courage pull control back: monitor more, fight
more fires, give less trust. Control is grabbed fast and released slowly (habits, fear of being
replaceable); a manager with courage holds on to trust through the setback. A manager who let go
without conviction (low courage) relapses at the first dip (C17).
"""

import numpy as np

STRETCH = 0.06  # results asked above the expected level at pressure 1 (directors want more)
RATCHET = 0.08  # weekly adaptation of the expected results when results exceed them …
ASPIRATION = 0.02  # … and when they fall short
URGE = 6.0  # urge to grab per unit of shortfall, for a fully control-prone, fearful manager
TIGHTEN = 0.25  # weekly approach to the urge when tightening
RELEASE = 0.02  # weekly release when the urge is gone, for a manager without courage …
LET_GO = 0.3  # … plus this much at full courage
TRUST_WITHDRAWN = 0.7  # share of the trust disposition withdrawn at full grab
REPORT_SMOOTHING = 0.25  # weight of this week in the results the manager reacts to


def smooth_results(previous: np.ndarray, this_week: np.ndarray) -> np.ndarray:
    """The results a manager reacts to; the first report (``previous`` NaN) stands alone."""
    smoothed = (1 - REPORT_SMOOTHING) * previous + REPORT_SMOOTHING * this_week
    return np.where(np.isnan(previous), this_week, smoothed)


def update_expectation(expected: np.ndarray, results: np.ndarray) -> np.ndarray:
    """The results a manager has come to expect, starting from the first report (``expected``
    NaN): good results raise the bar quickly, bad ones lower it slowly (the ratchet effect,
    Weitzman 1980)."""
    rate = np.where(results > expected, RATCHET, ASPIRATION)
    return np.where(np.isnan(expected), results, expected + rate * (results - expected))


def shortfall(results: np.ndarray, expected: np.ndarray, pressure: float) -> np.ndarray:
    """How far results fall short of what is demanded, as a share of the demand (≥ 0)."""
    demanded = expected * (1 + STRETCH * pressure)
    return np.maximum(0.0, 1 - results / demanded)


def update_grab(
    grab: np.ndarray, shortfall: np.ndarray, propensity: float, courage: float
) -> np.ndarray:
    """How far each manager has pulled control back to themself (0 … 1)."""
    urge = np.minimum(1.0, URGE * propensity * (1 - courage) * shortfall)
    rate = np.where(urge > grab, TIGHTEN, RELEASE + LET_GO * courage)
    return grab + rate * (urge - grab)


def control_level(lever: float, grab: np.ndarray) -> np.ndarray:
    """Monitoring intensity per team: the imposed level plus what the manager grabs."""
    return lever + grab * (1 - lever)


def trust_disposition(lever: float, grab: np.ndarray) -> np.ndarray:
    """The trust a manager is willing to give, withdrawn as they grab control."""
    return lever * (1 - TRUST_WITHDRAWN * grab)
