"""Well-being: the two processes of job demands–resources (C1, C2, C8, C11, C14, C15, C16).

*Health impairment*: demands build exhaustion — hindrances most, challenges less — and resources
relieve it only weakly and buffer hindrances a little (Crawford, LePine & Rich 2010; Schaufeli &
Bakker 2004; buffering is weak, Häusser et al. 2010). Part of exhaustion comes from outside work
and from the person — a stable vulnerability and a slowly moving strain of life outside work —
so no organisation reaches zero (personality explains about a third of exhaustion, Swider &
Zimmerman 2010). Exhaustion feeds itself — the worn-out recover less and feel demands more (loss
spirals, Hobfoll 1989; reciprocal effects, Lesener et al. 2019) — so it has a long right tail.
Exhaustion rises faster than it recovers; sick leave speeds recovery.

*Motivation*: resources build vigour (energy) and dedication (pleasure); challenges activate and
engage a little, hindrances take pleasure away (Crawford et al. 2010), and exhaustion drains both
— which is how people reach the burnout quadrant: mainly through exhaustion. High energy with
little pleasure (driven by challenge, hindered and under-resourced) is workaholism. People differ
in stable traits, and weekly events add noise; the four quadrants (``quadrants``) emerge.
Some people work compulsively (the drive of workaholism: working excessively and compulsively,
Schaufeli, Taris & Bakker 2006; Schaufeli, Shimazu & Taris 2009): demands activate them instead
of only straining them, so their energy stays high while their pleasure falls under pressure and
hindrances — a move along the circumplex's unpleasant, activated diagonal (channel
``compulsion``, C15).
Resources motivate most where the work asks much of people: they boost engagement particularly
when demands are high (Bakker, Hakanen, Demerouti & Xanthopoulou 2007; Bakker, van Veldhoven &
Xanthopoulou 2010), so that Karasek's active jobs — high demands, much latitude — engage most
(channel ``boost``, C11). The main effects of resources hold at the baseline's stretch; the
boost acts on the motivational process only, not on exhaustion.
"""

from __future__ import annotations

import numpy as np

from sim.coefficients import Record, coefficient, fitted
from sim.mechanisms.channels import gate
from sim.mechanisms.demands import Demands


class Coefficients(Record):
    # health impairment: exhaustion
    strain_from_hindrance: float = coefficient(
        0.3,
        0.1,
        1.0,
        "exhaustion per unit",
        "exhaustion per unit of hindrance demands",
        "assumed",
        "hindrances → exhaustion most: Crawford, LePine & Rich 2010 (docs/evidence.md §1)",
    )
    strain_from_challenge: float = coefficient(
        0.25, 0.0, 0.6, "exhaustion per unit", "exhaustion per unit of challenge demands"
    )
    relief_from_resources: float = coefficient(
        0.05,
        0.0,
        0.4,
        "exhaustion per unit",
        "exhaustion relieved per unit of resources (weak)",
        "assumed",
        "resources relieve burnout weakly: Schaufeli & Bakker 2004; Hakanen et al. 2008 (§1)",
    )
    buffering: float = coefficient(
        0.3,
        0.0,
        0.8,
        "share per unit",
        "share of hindrance strain full resources buffer (weak)",
        "assumed",
        "buffering 'very weak overall': Häusser et al. 2010 (docs/evidence.md §1.14)",
    )
    loss_spiral: float = coefficient(
        0.3,
        0.0,
        0.7,
        "exhaustion per unit",
        "exhaustion feeding itself: the worn-out recover less (loss spirals, Hobfoll 1989)",
        "assumed",
        "loss spirals: Hobfoll 1989; reciprocal effects, Lesener et al. 2019 (§1.4)",
    )
    vulnerability: float = coefficient(
        0.15,
        0.0,
        0.2,
        "exhaustion",
        "mean stable personal vulnerability to strain",
        "assumed",
        "personality explains about a third of exhaustion: Swider & Zimmerman 2010 (§1.15)",
    )
    vulnerability_shape: float = coefficient(
        4.0, 0.5, 10.0, "Gamma shape", "spread of vulnerability: a few people are very vulnerable"
    )
    life_event_chance: float = coefficient(
        0.012,
        0.0,
        0.05,
        "per week",
        "chance of a straining event outside work (illness, care, loss)",
    )
    life_event_size: float = coefficient(
        0.4, 0.0, 0.6, "exhaustion", "mean strain an event outside work adds (exponential)"
    )
    life_persistence: float = coefficient(
        0.96, 0.8, 0.995, "per week", "weekly persistence of strain from life outside work"
    )
    exhaustion_rise: float = coefficient(
        0.08, 0.02, 0.2, "per week", "weekly approach of exhaustion to a higher target"
    )
    exhaustion_recovery: float = coefficient(
        0.04, 0.01, 0.1, "per week", "weekly approach of exhaustion to a lower target"
    )
    leave_recovery: float = coefficient(
        0.06, 0.02, 0.2, "per week", "share of exhaustion recovered each week of sick leave"
    )
    # motivation: energy (vigour) and pleasure (dedication)
    energy_from_resources: float = coefficient(
        0.25, 0.1, 0.8, "energy per unit", "vigour per unit of job resources"
    )
    energy_from_challenge: float = coefficient(
        0.3, 0.0, 0.6, "energy per unit", "activation per unit of challenge (being driven)"
    )
    energy_from_exhaustion: float = coefficient(
        0.8, 0.3, 1.5, "energy per unit", "energy drained per unit of exhaustion"
    )
    pleasure_from_resources: float = coefficient(
        0.16, 0.05, 1.0, "pleasure per unit", "dedication per unit of job resources"
    )
    pleasure_from_challenge: float = coefficient(
        0.15,
        0.0,
        0.4,
        "pleasure per unit",
        "dedication per unit of challenge (it may engage)",
        "assumed",
        "challenge demands engage a little: Crawford et al. 2010 (docs/evidence.md §1)",
    )
    pleasure_from_hindrance: float = coefficient(
        0.15, 0.0, 0.8, "pleasure per unit", "dedication lost per unit of hindrance"
    )
    pleasure_from_exhaustion: float = coefficient(
        1.0, 0.4, 1.5, "pleasure per unit", "dedication lost per unit of exhaustion (cynicism)"
    )
    energy_baseline: float = fitted(
        "energy_baseline", -1.0, 2.0, "0…1", "intercept of the energy target"
    )
    pleasure_baseline: float = fitted(
        "pleasure_baseline", -1.0, 2.0, "0…1", "intercept of the pleasure target"
    )
    driven_share: float = coefficient(
        0.1,
        0.03,
        0.25,
        "share",
        "share of people with a compulsive drive to work (C15)",
        "assumed",
        "work addiction 8.3% (6.7–9.9%), Andreassen et al. 2014; compulsive drive is broader "
        "than addiction (docs/evidence.md §8.18)",
    )
    compulsive_activation: float = coefficient(
        0.5,
        0.1,
        1.0,
        "energy per unit",
        "activation gained and pleasure lost by a compulsive worker per unit of job demands",
        "assumed",
        "workaholism, working excessively and compulsively: Schaufeli, Shimazu & Taris 2009; "
        "controlled motivation, van Beek, Taris & Schaufeli 2011 (docs/evidence.md §8.19)",
    )
    resource_boost: float = coefficient(
        0.5,
        0.0,
        1.0,
        "share per unit",
        "how much more resources motivate per unit of stretch (challenge ÷ capacity) above the "
        "typical stretch, and less below it (C11)",
        "assumed",
        "resources boost engagement particularly under high demands: 15 of 16 interactions, "
        "N = 12,359, Bakker, van Veldhoven & Xanthopoulou 2010; interactions small next to main "
        "effects (docs/evidence.md §1.19, §1.12–1.14): at 0.5 around 0.8, ×1.1 at full stretch "
        "and ×0.6 with nothing to do",
    )
    typical_stretch: float = coefficient(
        0.8,
        0.5,
        1.0,
        "share",
        "stretch at which resources act with their main effects (centre of the boost)",
        "assumed",
        "the baseline's, set before measuring: results pressure 0.5 fills 0.67 of capacity and "
        "cover for absent colleagues adds (measured afterwards: 0.75 among those at work); main "
        "effects hold at the moderator's typical value, as in moderated regression",
    )
    rate: float = coefficient(
        0.1, 0.02, 0.3, "per week", "weekly approach of energy and pleasure to their targets"
    )
    weekly_noise: float = coefficient(
        0.05, 0.0, 0.1, "0…1", "spread of weekly events in energy and pleasure"
    )


def outside_strain(life: np.ndarray, rng: np.random.Generator, *, c: Coefficients) -> np.ndarray:
    """This week's strain from life outside work: now and then an event (illness, care, loss)
    adds strain that fades slowly — a long right tail that no employer controls."""
    u = rng.random((2, life.size))
    event = (u[0] < c.life_event_chance) * c.life_event_size * -np.log1p(-u[1])
    return c.life_persistence * life + event


def compulsive(rng: np.random.Generator, n: int, *, c: Coefficients) -> np.ndarray:
    """Who has a compulsive drive to work (1) and who not (0), drawn once per person."""
    return (rng.random(n) < c.driven_share).astype(float)


def motivating(resources, stretch, *, c: Coefficients, on):
    """Resources as they motivate: boosted where challenges fill much of one's capacity
    (``stretch``, 0…1), weaker where there is little to do (channel ``boost``, C11)."""
    return resources * (1 + gate(c.resource_boost * (stretch - c.typical_stretch), on=on))


def exhaustion_target(
    exhaustion: np.ndarray, demands: Demands, resources, vulnerability, life, *, c: Coefficients
) -> np.ndarray:
    """Where exhaustion heads under this week's demands and resources (health impairment)."""
    hindrance = demands.hindrance * (1 - c.buffering * resources)
    return (
        c.loss_spiral * exhaustion
        + vulnerability
        + life
        + c.strain_from_hindrance * hindrance
        + c.strain_from_challenge * demands.challenge
        - c.relief_from_resources * resources
    )


def update_exhaustion(
    exhaustion: np.ndarray, target: np.ndarray, absent: np.ndarray, *, c: Coefficients
) -> np.ndarray:
    """Exhaustion rises faster than it recovers; on sick leave it recovers at its own pace."""
    rate = np.where(target > exhaustion, c.exhaustion_rise, c.exhaustion_recovery)
    at_work = exhaustion + rate * (target - exhaustion)
    on_leave = exhaustion * (1 - c.leave_recovery)
    return np.clip(np.where(absent, on_leave, at_work), 0.0, 1.0)


def update_mood(
    energy: np.ndarray,
    pleasure: np.ndarray,
    exhaustion: np.ndarray,
    demands: Demands,
    resources,
    energy_trait: np.ndarray,
    pleasure_trait: np.ndarray,
    drive: np.ndarray,
    rng: np.random.Generator,
    *,
    c: Coefficients,
    compulsion,
) -> tuple[np.ndarray, np.ndarray]:
    """One week of energy and pleasure (the motivational process), both in [0, 1]; demands
    drive the compulsive (``drive`` 1; channel ``compulsion``) towards workaholism: more
    activation, less pleasure, in equal measure."""
    driven = c.compulsive_activation * drive * (demands.challenge + demands.hindrance)
    energy_target = (
        c.energy_baseline
        + c.energy_from_resources * resources
        + c.energy_from_challenge * demands.challenge
        - c.energy_from_exhaustion * exhaustion
        + energy_trait
        + gate(driven, on=compulsion)
    )
    pleasure_target = (
        c.pleasure_baseline
        + c.pleasure_from_resources * resources
        + c.pleasure_from_challenge * demands.challenge
        - c.pleasure_from_hindrance * demands.hindrance
        - c.pleasure_from_exhaustion * exhaustion
        + pleasure_trait
        - gate(driven, on=compulsion)
    )
    shocks = c.weekly_noise * rng.standard_normal((2, energy.size))
    energy = np.clip(energy + c.rate * (energy_target - energy) + shocks[0], 0.0, 1.0)
    pleasure = np.clip(pleasure + c.rate * (pleasure_target - pleasure) + shocks[1], 0.0, 1.0)
    return energy, pleasure
