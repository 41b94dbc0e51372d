"""Output and misconduct (C15 productivity, C12/C13 fit of decisions, C7/C8 clarity, C2/C3).

Output is effort times capability (skill and fit with one's talents, C11) times how well the
week's decisions fit the environment and each other, times what role clarity saves in rework. The
unit is the weekly output of a typical employee: normal effort, typical skill and fit, decisions
as far off the best course as is typical, typical clarity.

Engaged employees produce more because they bring more energy and motivation to their effort,
not by decree (C15). Clarity of goals and of a few good procedures saves rework: role ambiguity
costs a little performance (Gilboa et al. 2008; Tubre & Collins 2000; enabling formalisation,
Adler & Borys 1996). Opportunists divert part of what passes through their hands where nobody
notices, more where they are trusted and free (C3: a minority abuses trust); monitoring catches
part, rules do not prevent it (C2, C8).

Misconduct is learned (channel ``learned_misconduct``, C3): each person's temptation starts at
hiring as their type (1 for an opportunist, 0 for the rest) and then follows its outcomes — a
week that pays unseen emboldens, a week caught deters, as contributions follow punishment in
public-goods games (Fehr & Gächter 2000) and cheating follows unpunished examples (Gino, Ayal &
Ariely 2009). Where they go unseen, opportunists test the new trust beyond the level they were
hired at (channel ``testing``, C17) until they are caught.
"""

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import REFERENCE, choose, gate, through


class Coefficients(Record):
    typical_skill: float = coefficient(
        0.8, 0.5, 1.0, "0…1", "skill of a typical employee (capability 1)"
    )
    typical_fit: float = coefficient(
        0.7, 0.5, 1.0, "0…1", "fit of a typical employee (capability 1)"
    )
    skill_elasticity: float = coefficient(
        0.5, 0.2, 1.0, "elasticity", "how output per unit of effort grows with skill"
    )
    fit_elasticity: float = coefficient(
        0.3, 0.0, 1.0, "elasticity", "how output per unit of effort grows with fit (C11)"
    )
    adaptation_cost: float = coefficient(
        0.45,
        0.1,
        0.6,
        "share of output",
        "output lost at adaptation_error 1 (the stakes, C12)",
        "assumed",
        "decentralisation pays in turbulence: Aghion, Bloom et al. 2021 (§12.1)",
    )
    coordination_cost: float = coefficient(
        0.8,
        0.1,
        1.0,
        "share of output",
        "output lost at coordination_error 1 when teams fully depend on each other",
        "assumed",
        "coordination vs adaptation: Dessein & Santos 2006; Alonso et al. 2008 (§12)",
    )
    adjustment_time: float = coefficient(
        0.1,
        0.0,
        0.3,
        "share of time",
        "time spent adjusting to other teams when employees take every decision and teams "
        "fully depend on each other (mutual adjustment is costly, Mintzberg 1979)",
    )
    typical_adaptation_error: float = coefficient(
        0.25, 0.25, 0.25, "0…1", "the decision quality that defines the unit of output"
    )
    clarity_gain: float = coefficient(
        0.06,
        0.0,
        0.4,
        "output per unit",
        "output per unit of role clarity above typical: less rework (ambiguity ρ ≈ −.2)",
        "assumed",
        "role ambiguity → performance ρ≈−.2: Gilboa et al. 2008 (docs/evidence.md §11.5)",
    )
    typical_clarity: float = coefficient(
        0.5, 0.5, 0.5, "0…1", "the role clarity that defines the unit of output"
    )
    misconduct: float = coefficient(
        0.35,
        0.02,
        0.4,
        "share of output",
        "share of an unnoticed opportunist's output diverted, at typical opportunity",
    )
    opportunity_gain: float = coefficient(
        1.0,
        0.0,
        2.0,
        "per unit",
        "extra diversion per unit of trust and freedom above the midpoint (C3)",
    )
    emboldened: float = coefficient(
        0.1,
        0.02,
        0.3,
        "per week",
        "share of the way to the ceiling a week of misconduct that pays unseen moves temptation",
        "assumed",
        "reinforcement of cheating that pays: Gino, Ayal & Ariely 2009; weeks to months",
    )
    deterred: float = coefficient(
        0.05,
        0.02,
        0.3,
        "share",
        "share of temptation lost when a week of misconduct is caught",
        "assumed",
        "punishment curbs free riding round by round: Fehr & Gächter 2000 (docs/evidence.md "
        "§14); with emboldened so that the hired level is the learned one where half of the "
        "weeks are noticed, as in the baseline",
    )
    testing_ceiling: float = coefficient(
        1.5,
        1.0,
        3.0,
        "× hired level",
        "the most an opportunist who keeps going unseen diverts, relative to hiring (C17)",
        "assumed",
        "testing the new trust; no published ratio, assumed",
    )


def capability(skill: np.ndarray, fit: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """Output per unit of effort, 1 for an employee of typical skill and fit."""
    return _power(skill / c.typical_skill, c.skill_elasticity) * _power(
        fit / c.typical_fit, c.fit_elasticity
    )


def _power(base: np.ndarray, exponent: float | np.ndarray) -> np.ndarray:
    """``base ** exponent``, with an exponent per unit (points side by side) raised one distinct
    exponent at a time: numpy takes a square root for a single exponent of 0.5, which differs in
    the last bit from its power function, and a point must compute as it would alone."""
    if np.ndim(exponent) == 0:
        return base**exponent
    out = np.empty_like(base)
    for value in np.unique(exponent):
        same = exponent == value
        out[same] = base[same] ** value
    return out


def decision_quality(
    adaptation_error: np.ndarray,
    coordination_error: np.ndarray,
    interdependence,
    own_share,
    *,
    c: Coefficients,
    adaptation,
    coordination,
) -> np.ndarray:
    """Output per unit of effective effort, relative to decisions of typical quality: lost to
    maladaptation (channel ``adaptation``) and, as far as teams depend on each other, to poor
    coordination and to the time employees who decide (``own_share`` of the decision) spend
    adjusting to the other teams (channel ``coordination``)."""
    typical = 1 - gate(c.adaptation_cost * c.typical_adaptation_error, on=adaptation)
    adapted = gate(c.adaptation_cost * adaptation_error, on=adaptation)
    misfit = c.coordination_cost * coordination_error + c.adjustment_time * own_share
    fitted = gate(interdependence * misfit, on=coordination)
    return (1 - adapted - fitted) / typical


def clarity_yield(clarity, *, c: Coefficients, on):
    """Output kept from rework, relative to typical role clarity (channel ``role_clarity``)."""
    return 1 + c.clarity_gain * (through(clarity, on=on) - c.typical_clarity)


def produce(effort, capability, quality, clarity, shock) -> np.ndarray:
    """Weekly output per employee."""
    return effort * capability * quality * clarity * (1 - shock)


def misconduct(
    temptation: np.ndarray,
    noticed: np.ndarray,
    output: np.ndarray,
    opportunity,
    *,
    c: Coefficients,
    abuse,
) -> np.ndarray:
    """Output lost to misconduct per employee: the tempted (``temptation``: 1 an opportunist as
    hired, 0 whoever would not) divert part of what passes through their hands — the team's
    output per head — unnoticed, more where trust and freedom give them room (channel
    ``trust_abuse``). ``noticed``: the chance such a week is noticed."""
    room = 1 + c.opportunity_gain * (through(opportunity, on=abuse) - REFERENCE)
    share = np.clip(c.misconduct * room * temptation, 0.0, 1.0)
    return share * (1 - noticed) * output


def learn_temptation(
    temptation: np.ndarray,
    diverted: np.ndarray,
    caught: np.ndarray,
    *,
    c: Coefficients,
    learned,
    testing,
) -> np.ndarray:
    """Temptation after this week's outcome (channel ``learned_misconduct``, C3): those who
    ``diverted`` and were ``caught`` lose a share of it, those who went unseen move towards the
    ceiling — above the hired level of 1 as far as they test the trust (channel ``testing``,
    C17). Nobody learns to cheat who never does (temptation 0 stays 0)."""
    ceiling = 1 + gate(c.testing_ceiling - 1, on=testing)
    paid = temptation + c.emboldened * np.maximum(ceiling - temptation, 0.0)
    moved = np.where(diverted, np.where(caught, temptation * (1 - c.deterred), paid), temptation)
    return choose(moved, temptation, on=learned)
