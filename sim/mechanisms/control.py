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

from sim.coefficients import Record, coefficient


class Coefficients(Record):
    stretch: float = coefficient(
        0.06, 0.0, 0.2, "share", "results asked above the expected level at pressure 1"
    )
    ratchet: float = coefficient(
        0.08, 0.02, 0.3, "per week", "adaptation of expected results when results exceed them"
    )
    aspiration: float = coefficient(
        0.02, 0.005, 0.1, "per week", "adaptation of expected results when results fall short"
    )
    urge: float = coefficient(
        6.0, 1.0, 12.0, "per unit", "urge to grab per unit of shortfall (control-prone, fearful)"
    )
    tighten: float = coefficient(
        0.25, 0.05, 0.6, "per week", "weekly approach to the urge when tightening"
    )
    release: float = coefficient(
        0.02, 0.0, 0.1, "per week", "weekly release when the urge is gone, without courage"
    )
    let_go: float = coefficient(
        0.3, 0.05, 0.6, "per week", "extra weekly release at full courage (C17)"
    )
    trust_withdrawn: float = coefficient(
        0.7, 0.2, 1.0, "share", "share of the trust disposition withdrawn at full grab"
    )
    report_smoothing: float = coefficient(
        0.25, 0.05, 0.6, "weight", "weight of this week in the results the manager reacts to"
    )


def smooth_results(previous: np.ndarray, this_week: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """The results a manager reacts to; the first report (``previous`` NaN) stands alone."""
    smoothed = (1 - c.report_smoothing) * previous + c.report_smoothing * this_week
    return np.where(np.isnan(previous), this_week, smoothed)


def update_expectation(expected: np.ndarray, results: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """The results a manager has come to expect, starting from the first report (``expected``
    NaN): good results raise the bar quickly, bad ones lower it slowly (the ratchet effect,
    Weitzman 1980)."""
    rate = np.where(results > expected, c.ratchet, c.aspiration)
    return np.where(np.isnan(expected), results, expected + rate * (results - expected))


def shortfall(
    results: np.ndarray, expected: np.ndarray, pressure: float, *, c: Coefficients
) -> np.ndarray:
    """How far results fall short of what is demanded, as a share of the demand (≥ 0)."""
    demanded = expected * (1 + c.stretch * pressure)
    return np.maximum(0.0, 1 - results / demanded)


def update_grab(
    grab: np.ndarray, shortfall: np.ndarray, propensity: float, courage: float, *, c: Coefficients
) -> np.ndarray:
    """How far each manager has pulled control back to themself (0 … 1)."""
    urge = np.minimum(1.0, c.urge * propensity * (1 - courage) * shortfall)
    rate = np.where(urge > grab, c.tighten, c.release + c.let_go * courage)
    return grab + rate * (urge - grab)


def control_level(lever: float, grab: np.ndarray) -> np.ndarray:
    """Monitoring intensity per team: the imposed level plus what the manager grabs."""
    return lever + grab * (1 - lever)


def trust_disposition(lever: float, grab: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """The trust a manager is willing to give, withdrawn as they grab control."""
    return lever * (1 - c.trust_withdrawn * grab)
