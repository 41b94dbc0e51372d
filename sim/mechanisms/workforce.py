"""Absence and turnover follow well-being (C11, C14, C15 figures).

Short spells of sick leave grow more frequent with exhaustion; exhausted people can go on long
burnout leave — about 242 days on average (ArboNed) — during which they recover. Workers with
burnout complaints are absent several times as often as others (TNO: about 37 days a year
against 6; burnout → certified absence OR 2–7, Ahola et al. 2008). People leave more when they
take no pleasure in their work and when exhausted (burnout → turnover, Swider & Zimmerman 2010;
engagement → staying). Leavers are replaced by newcomers (``population``).
"""

import numpy as np

from sim.coefficients import Record, coefficient, fitted

SPELL_DRAWS = ("long leave", "short spell", "length")  # a uniform each, for every row


class Coefficients(Record):
    short_absence_hazard: float = fitted(
        "short_absence_hazard",
        0.001,
        0.1,
        "per week",
        "weekly chance of a short spell of sick leave at no exhaustion",
    )
    exhaustion_absence: float = coefficient(
        4.0,
        0.5,
        5.0,
        "log-hazard per unit",
        "how steeply short spells grow with exhaustion (×e^k at full exhaustion)",
        "assumed",
        "burnout → certified absence OR 2–7: Ahola et al. 2008 (docs/evidence.md §9.1)",
    )
    short_absence_weeks: float = coefficient(
        1.5, 1.0, 3.0, "weeks", "mean length of a short spell of sick leave"
    )
    burnout_leave_hazard: float = fitted(
        "burnout_leave_hazard",
        0.0,
        0.2,
        "per week",
        "weekly chance of long burnout leave at full exhaustion",
    )
    exhausted: float = coefficient(
        0.55, 0.3, 0.8, "exhaustion", "exhaustion above which long burnout leave can start"
    )
    burnout_absence_weeks: float = coefficient(
        34.6,
        20.0,
        52.0,
        "weeks",
        "mean length of burnout sick leave",
        "sourced",
        "ArboNed: about 242 calendar days of burnout sick leave on average (242 / 7 weeks)",
    )
    turnover_hazard: float = fitted(
        "turnover_hazard",
        0.0002,
        0.01,
        "per week",
        "weekly chance of leaving at neutral pleasure and no exhaustion",
    )
    displeasure_turnover: float = coefficient(
        3.0,
        0.5,
        6.0,
        "log-hazard per unit",
        "how steeply leaving grows as pleasure falls below neutral (engagement keeps people)",
        "assumed",
        "engagement lowers quit intention ρ≈−.3: Gallup; Caesens et al. 2014 (§9.6)",
    )
    exhaustion_turnover: float = coefficient(
        1.5,
        0.0,
        4.0,
        "log-hazard per unit",
        "how steeply leaving grows with exhaustion",
        "assumed",
        "burnout → turnover, R = .33: Swider & Zimmerman 2010 (docs/evidence.md §9.2)",
    )
    neutral_pleasure: float = coefficient(
        0.5, 0.5, 0.5, "0…1", "pleasure at which leaving is at its base rate (scale midpoint)"
    )


def report_sick(
    absent_weeks: np.ndarray,
    exhaustion: np.ndarray,
    rng: np.random.Generator,
    *,
    c: Coefficients,
) -> tuple[np.ndarray, np.ndarray]:
    """Weeks of absence left per employee after this week's sick reports, and who went on
    long (burnout) sick leave this week. Spells last a geometric number of weeks."""
    present = absent_weeks <= 0
    long_u, short_u, length_u = rng.random((len(SPELL_DRAWS), absent_weeks.size))
    worn = np.maximum(0.0, exhaustion - c.exhausted) / (1 - c.exhausted)
    long = present & (long_u < c.burnout_leave_hazard * worn)
    short_hazard = c.short_absence_hazard * np.exp(c.exhaustion_absence * exhaustion)
    short = present & ~long & (short_u < short_hazard)
    mean_weeks = np.where(long, c.burnout_absence_weeks, c.short_absence_weeks)
    spell = _geometric(length_u, 1 / mean_weeks)
    weeks = np.where(absent_weeks > 0, absent_weeks - 1, 0)
    return np.where(long | short, spell, weeks), long


def _geometric(u: np.ndarray, p) -> np.ndarray:
    """Geometric numbers (≥ 1, mean 1/p) from uniforms in [0, 1), by inverting the CDF.

    p = 1 (a mean of one week) divides by log(0) = -inf, which gives the right answer, 1.
    """
    with np.errstate(divide="ignore"):
        return np.ceil(np.log1p(-u) / np.log1p(-p)).clip(min=1).astype(np.int64)


def leave(
    pleasure: np.ndarray, exhaustion: np.ndarray, rng: np.random.Generator, *, c: Coefficients
) -> np.ndarray:
    """Who quits this week."""
    push = c.displeasure_turnover * (c.neutral_pleasure - pleasure)
    hazard = c.turnover_hazard * np.exp(push + c.exhaustion_turnover * exhaustion)
    return rng.random(pleasure.size) < hazard
