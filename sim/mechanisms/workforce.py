"""Absence and turnover follow well-being (C11, C14, C15 figures).

Short spells of sick leave grow more frequent with exhaustion; exhausted people can go on long
burnout leave — about 242 days on average (ArboNed) — during which they recover. Workers with
burnout complaints are absent several times as often as others (TNO: about 37 days a year against
6; burnout → certified absence OR 2–7, Ahola et al. 2008). People leave more when they take no
pleasure in their work and when exhausted (burnout → turnover, Swider & Zimmerman 2010; engagement
→ staying). Leavers are replaced by newcomers (``population``).

Control over one's work lowers short sick leave besides exhaustion (C14; Whitehall II, North et al.
1996). Who takes pleasure in the work reports sick less often: engagement predicts fewer sick
spells, burnout longer ones (Schaufeli, Bakker & Van Rhenen 2009; channel ``attendance``, C15) —
absence as the milder withdrawal beside quitting. Absence is also a team's habit: where colleagues
have lately been absent more than elsewhere in the organisation, people report sick more readily,
and less where they have been absent less (absence culture: peers' absence norms, Bamberger & Biron
2007; newcomers drift towards the norm, Dello Russo et al. 2013; channel ``absence_culture``, C15).
A recruit's fit with the job is not known on hiring: a poor fit shows over the first months and
then drives the person out, so newcomers leave more often than tenured staff (C11; job matching,
Jovanovic 1979; CBS). Staying also roots people: ties to colleagues, a place in the work and what
leaving would cost grow with tenure and keep people beyond how they feel about the job (job
embeddedness, Mitchell et al. 2001; Jiang et al. 2012; channel ``embeddedness``, C15).
"""

import numpy as np

from sim.coefficients import Record, coefficient, fitted
from sim.mechanisms.channels import REFERENCE, gate, through

SPELL_DRAWS = ("long leave", "short spell", "length")  # a uniform each, for every row
STATUSES = ("working", "absent", "burnout leave")
"""A person's status: at work, on a short spell of sick leave, or on long burnout leave."""


def status(absent: np.ndarray, burnout_leave: np.ndarray) -> np.ndarray:
    """Each person's status, as its code in :data:`STATUSES` (burnout leave is a kind of
    absence)."""
    return (absent.astype(np.int8) + (absent & burnout_leave)).astype(np.int8)


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
    control_absence: float = coefficient(
        0.6,
        0.2,
        1.4,
        "log-hazard per unit",
        "how steeply short spells fall with control over one's work (autonomy), around the "
        "midpoint: ×e^(−k/2) at full autonomy, ×e^(k/2) at none",
        "assumed",
        "Whitehall II: low control, more short and long spells, rate ratios about 1.1–1.5 low vs "
        "high control (North et al. 1996; docs/evidence.md §9.7–9.8); ln 1.35 over half the scale",
    )
    displeasure_absence: float = coefficient(
        1.5,
        0.0,
        3.0,
        "log-hazard per unit",
        "how steeply short spells grow as pleasure falls below neutral, and fall above it",
        "assumed",
        "engagement predicts fewer sick spells: Schaufeli, Bakker & Van Rhenen 2009 "
        "(docs/evidence.md §1.8); no size published there, so half the steepness of leaving "
        "(absence the milder withdrawal)",
    )
    absence_culture: float = coefficient(
        0.3,
        0.0,
        0.6,
        "log-hazard per multiple",
        "how much more readily people report sick per multiple of the organisation's absence "
        "their team has had lately: ×e^(k(r − 1)) at r times",
        "assumed",
        "peers' absence norms explain absence beyond the unit's own (Bamberger & Biron 2007); "
        "newcomers' absence drifts to the norm (Dello Russo et al. 2013) (docs/evidence.md "
        "§9.11); no size published, so assumed: ×1.35 in a team absent twice as much",
    )
    norm_weeks: float = coefficient(
        26.0,
        8.0,
        104.0,
        "weeks",
        "how long a team's absence takes to become its norm",
        "assumed",
        "newcomers take on the absence norm over months to years (Dello Russo et al. 2013; "
        "docs/evidence.md §9.11)",
    )
    mismatch_share: float = coefficient(
        0.2,
        0.05,
        0.4,
        "share",
        "recruits whose fit with the job turns out poor",
        "assumed",
        "job matching: fit shows only on the job (Jovanovic 1979); a fifth to a third of hires "
        "leave within their first year, from memory (docs/evidence.md §9.9)",
    )
    mismatch_reveal_weeks: float = coefficient(
        13.0,
        4.0,
        52.0,
        "weeks",
        "mean time until a poor fit shows (the first months)",
        "assumed",
        "Jovanovic 1979: match quality learnt on the job (§9.9); Dutch probation 1–2 months",
    )
    mismatch_quit_hazard: float = coefficient(
        0.04,
        0.01,
        0.15,
        "per week",
        "weekly chance of leaving once a poor fit has shown (a search of about half a year)",
        "assumed",
        "a job search of a few months to a year while employed",
    )

    embedded_turnover: float = coefficient(
        0.7,
        0.0,
        1.4,
        "log-hazard per unit",
        "how much less the fully embedded leave than newcomers, all else equal, around the "
        "midpoint: ×e^(k/2) on arrival, ×e^(−k/2) once rooted",
        "assumed",
        "job embeddedness predicts leaving beyond satisfaction, commitment and alternatives: "
        "Mitchell et al. 2001; meta-analysis of 65 samples, Jiang et al. 2012 (docs/evidence.md "
        "§9.10); no hazard ratio published, so assumed: rooted staff leave half as often",
    )
    embedding_weeks: float = coefficient(
        52.0,
        26.0,
        104.0,
        "weeks",
        "mean time for a newcomer to take root (ties, a place in the work)",
        "assumed",
        "embeddedness grows as newcomers are socialised over their first year (Allen 2006; "
        "docs/evidence.md §9.10)",
    )


def report_sick(
    absent_weeks: np.ndarray,
    exhaustion: np.ndarray,
    autonomy: np.ndarray,
    pleasure: np.ndarray,
    norm: np.ndarray,
    rng: np.random.Generator,
    *,
    c: Coefficients,
    control_absence: float | np.ndarray,
    attendance: float | np.ndarray,
    absence_culture: float | np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Weeks of absence left per employee after this week's sick reports, and who went on
    long (burnout) sick leave this week. Spells last a geometric number of weeks; short spells
    grow with exhaustion and fall with autonomy and with pleasure in the work, at the base rate
    at the scales' midpoints, and grow with ``norm``, the team's recent absence as a multiple
    of the organisation's (``relative_norm``)."""
    present = absent_weeks <= 0
    long_u, short_u, length_u = rng.random((len(SPELL_DRAWS), absent_weeks.size))
    worn = np.maximum(0.0, exhaustion - c.exhausted) / (1 - c.exhausted)
    long = present & (long_u < c.burnout_leave_hazard * worn)
    control = c.control_absence * (through(autonomy, on=control_absence) - REFERENCE)
    withdrawal = c.displeasure_absence * (REFERENCE - through(pleasure, on=attendance))
    culture = gate(c.absence_culture * (norm - 1), on=absence_culture)
    short_hazard = c.short_absence_hazard * np.exp(
        c.exhaustion_absence * exhaustion - control + withdrawal + culture
    )
    short = present & ~long & (short_u < short_hazard)
    weeks = np.where(absent_weeks > 0, absent_weeks - 1, 0)
    starts = long | short  # a spell's length only for those who start one
    mean_weeks = np.where(long, c.burnout_absence_weeks, c.short_absence_weeks)[starts]
    weeks[starts] = _geometric(length_u[starts], 1 / mean_weeks)
    return weeks, long


def learn_norm(norm: np.ndarray, absent_share: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """Each team's absence norm: its absent share, smoothed over ``c.norm_weeks``."""
    return norm + (absent_share - norm) / c.norm_weeks


def relative_norm(norm: np.ndarray, size: np.ndarray, organisation: np.ndarray) -> np.ndarray:
    """Each team's absence norm as a multiple of its organisation's (size-weighted; 1 where the
    organisation has had no absence at all)."""
    totals = np.bincount(organisation, weights=norm * size)
    heads = np.bincount(organisation, weights=size)
    usual = (totals / heads)[organisation]
    return np.where(usual > 0, norm / np.where(usual > 0, usual, 1.0), 1.0)


def _geometric(u: np.ndarray, p) -> np.ndarray:
    """Geometric numbers (≥ 1, mean 1/p) from uniforms in [0, 1), by inverting the CDF.

    p = 1 (a mean of one week) divides by log(0) = -inf, which gives the right answer, 1.
    """
    with np.errstate(divide="ignore"):
        return np.ceil(np.log1p(-u) / np.log1p(-p)).clip(min=1).astype(np.int64)


def leave(
    pleasure: np.ndarray,
    exhaustion: np.ndarray,
    mismatched: np.ndarray,
    tenure: np.ndarray,
    rng: np.random.Generator,
    *,
    c: Coefficients,
    fit_revealed: float | np.ndarray,
    embeddedness: float | np.ndarray,
) -> np.ndarray:
    """Who quits this week: more when pleasure is low or exhaustion high, less as one takes root
    (1 − e^(−tenure / embedding weeks)), and once a poor fit with the job has shown (the chance
    it has by now: 1 − e^(−tenure / reveal weeks))."""
    push = c.displeasure_turnover * (c.neutral_pleasure - pleasure)
    rooted = -np.expm1(-tenure / c.embedding_weeks)
    hold = c.embedded_turnover * (through(rooted, on=embeddedness) - REFERENCE)
    hazard = c.turnover_hazard * np.exp(push + c.exhaustion_turnover * exhaustion - hold)
    shown = mismatched * -np.expm1(-tenure / c.mismatch_reveal_weeks)
    hazard = hazard + gate(c.mismatch_quit_hazard * shown, on=fit_revealed)
    return rng.random(pleasure.size) < hazard


def still_mismatched(tenure: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """The chance that someone still here after ``tenure`` weeks is a poor fit: the recruits'
    share, thinned by the poor fits who have left since (Bayes, leaving for a poor fit only)."""
    revealed = tenure - c.mismatch_reveal_weeks * -np.expm1(-tenure / c.mismatch_reveal_weeks)
    stayed = c.mismatch_share * np.exp(-c.mismatch_quit_hazard * revealed)
    return stayed / (stayed + 1 - c.mismatch_share)
