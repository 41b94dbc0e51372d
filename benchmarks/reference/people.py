"""What the reference's employees and managers share: stable traits and the job
demands–resources process of well-being (:class:`Person`), and the scalar forms of the model's
helpers — a channel's mix (``sim.mechanisms.channels``), the quadrants, a sick spell."""

from __future__ import annotations

import math

import mesa

from sim.mechanisms.channels import REFERENCE
from sim.mechanisms.quadrants import BURNOUT, ENGAGEMENT, SATISFACTION, WORKAHOLISM


def mix(when_on: float, when_off: float, *, on: float) -> float:
    """A channel at strength ``on`` (``channels.choose`` for one number)."""
    return on * when_on + (1 - on) * when_off


def through(value: float, *, on: float) -> float:
    """``value`` where the channel is on, else the reference level (``channels.through``)."""
    return on * value + (1 - on) * REFERENCE


def clip01(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def quadrant(energy: float, pleasure: float, cut_off: float) -> int:
    """The well-being quadrant of one person (``quadrants.classify``)."""
    if energy >= cut_off:
        return ENGAGEMENT if pleasure >= cut_off else WORKAHOLISM
    return SATISFACTION if pleasure >= cut_off else BURNOUT


class Person(mesa.Agent):
    """What employees and managers share: stable traits and the job demands–resources process
    of well-being (``sim.mechanisms.wellbeing``)."""

    def draw_traits(self, energy: float, pleasure: float, spread: float) -> None:
        """Traits and starting well-being (``population.draw_employees``/``draw_managers``)."""
        r, c = self.random, self.model.c
        pop, w = c.population, c.wellbeing
        self.energy_trait = r.gauss(0.0, pop.trait_spread)
        self.pleasure_trait = r.gauss(0.0, pop.trait_spread)
        self.energy = clip01(r.gauss(energy, spread))
        self.pleasure = clip01(r.gauss(pleasure, spread))
        # Gamma with mean ``vulnerability`` (``population._vulnerability``)
        shape = w.vulnerability_shape
        self.vulnerability = w.vulnerability * r.gammavariate(shape, 1.0) / shape
        self.exhaustion = pop.exhaustion
        self.life_strain = 0.0
        self.drive = 0.0  # a compulsive drive to work (employees draw theirs)

    def feel_strain(
        self,
        challenge: float,
        hindrance: float,
        resources: float,
        at_work: bool,
        motivating: float = 1.0,
    ) -> None:
        """One week of exhaustion, energy and pleasure (``wellbeing.outside_strain``,
        ``exhaustion_target``, ``update_exhaustion``, ``update_mood``); ``motivating`` scales
        the resources the motivational process feels (``wellbeing.motivating``)."""
        r, c = self.random, self.model.c.wellbeing
        event = c.life_event_size * r.expovariate(1.0) if r.random() < c.life_event_chance else 0.0
        self.life_strain = c.life_persistence * self.life_strain + event
        exhaustion = self.exhaustion
        if at_work:
            target = (
                c.loss_spiral * exhaustion
                + self.vulnerability
                + self.life_strain
                + c.strain_from_hindrance * hindrance * (1 - c.buffering * resources)
                + c.strain_from_challenge * challenge
                - c.relief_from_resources * resources
            )
            rate = c.exhaustion_rise if target > exhaustion else c.exhaustion_recovery
            exhaustion += rate * (target - exhaustion)
        else:
            exhaustion *= 1 - c.leave_recovery
        self.exhaustion = exhaustion = clip01(exhaustion)
        on = self.model.on.compulsion
        driven = on * c.compulsive_activation * self.drive * (challenge + hindrance)
        energy_target = (
            c.energy_baseline
            + c.energy_from_resources * resources * motivating
            + c.energy_from_challenge * challenge
            - c.energy_from_exhaustion * exhaustion
            + self.energy_trait
            + driven
        )
        pleasure_target = (
            c.pleasure_baseline
            + c.pleasure_from_resources * resources * motivating
            + c.pleasure_from_challenge * challenge
            - c.pleasure_from_hindrance * hindrance
            - c.pleasure_from_exhaustion * exhaustion
            + self.pleasure_trait
            - driven
        )
        self.energy = clip01(
            self.energy + c.rate * (energy_target - self.energy) + r.gauss(0.0, c.weekly_noise)
        )
        self.pleasure = clip01(
            self.pleasure
            + c.rate * (pleasure_target - self.pleasure)
            + r.gauss(0.0, c.weekly_noise)
        )


def spell(random, mean: float) -> int:
    """Weeks of a sick spell: geometric (≥ 1) with mean ``mean`` (``workforce._geometric``)."""
    if mean <= 1:
        return 1
    return max(1, math.ceil(math.log(1.0 - random.random()) / math.log(1.0 - 1.0 / mean)))
