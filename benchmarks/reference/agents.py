"""Employees and managers the usual Mesa way: one Python object each, with Python numbers.

Each agent holds its state as Python floats, ints and bools, computes its week with scalar
arithmetic and draws from Mesa's random generator (``self.random``), as in Mesa's bundled
examples. The equations are those of ``sim/mechanisms`` written out for one person, with the
same coefficients (``scenario.coefficients``), so the yardstick follows the model as it is
tuned; every method names what it mirrors. A channel switch of strength ``on`` mixes the two
paths as ``sim.mechanisms.channels`` does (``people.mix``, ``people.through``).

An employee (here) reads, decides, works, feels, catches their colleagues' moods, grows, falls ill
and leaves; a manager (:mod:`benchmarks.reference.managers`) leads a team; what both share is
:mod:`benchmarks.reference.people`.
"""

from __future__ import annotations

import math

import mesa

from benchmarks.reference.managers import Manager
from benchmarks.reference.people import REFERENCE, Person, clip01, mix, quadrant, spell, through
from sim.kpis import NEWCOMER_WEEKS


def still_mismatched(tenure: int, c) -> float:
    """The chance someone still here after ``tenure`` weeks is a poor fit
    (``workforce.still_mismatched``)."""
    shown = tenure - c.mismatch_reveal_weeks * (1 - math.exp(-tenure / c.mismatch_reveal_weeks))
    stayed = c.mismatch_share * math.exp(-c.mismatch_quit_hazard * shown)
    return stayed / (stayed + 1 - c.mismatch_share)


class Employee(Person):
    """One employee: their state and their week (``sim.population.Employees``, one row)."""

    def __init__(self, model: mesa.Model, manager: Manager, newcomer: bool) -> None:
        """Drawn as ``population.draw_employees`` draws established staff or a newcomer."""
        super().__init__(model)
        self.manager = manager
        self.ties: set[Employee] = set()  # colleagues in other teams (crossover)
        r, s, c = self.random, model.scenario, model.c.population
        w = s.workforce
        if newcomer:
            self.skill = r.uniform(c.newcomer_skill_low, c.newcomer_skill_high)
            self.draw_traits(c.newcomer_energy, c.newcomer_pleasure, c.newcomer_spread)
        else:
            self.skill = r.uniform(c.skill_low, c.skill_high)
            self.draw_traits(c.energy, c.pleasure, c.spread)
        self.opportunist = r.random() < w.opportunist_share
        self.autonomy_need = clip01(r.gauss(w.autonomy_need, w.autonomy_need_spread))
        self.fit = r.betavariate(c.fit_a, c.fit_b)
        if self.opportunist:
            self.reciprocity = self.control_sensitivity = 0.0
        else:
            self.reciprocity = r.betavariate(c.reciprocity_a, c.reciprocity_b)
            gamma = r.gammavariate(c.sensitivity_shape, 1.0) / c.sensitivity_shape
            self.control_sensitivity = model.c.effort.crowding_out * gamma
        self.trust_given = s.levers.trust * (c.newcomer_trust if newcomer else 1.0)
        self.trust_in_manager = c.trust_in_manager
        self.control_believed = s.levers.control
        self.initiative = c.newcomer_initiative if newcomer else c.initiative
        self.seen_performance = 1.0
        self.agreed = False
        self.absent_weeks = 0
        self.burnout_leave = False
        self.dismissed = False
        self.tenure = 0 if newcomer else r.randrange(int(c.max_tenure_weeks))
        # as a fresh row of ``population.draw_employees`` (a newcomer is measured so in the week
        # they are hired: effort and output 1, in the quadrant of their drawn moods)
        self.effort = self.output = 1.0
        self.adaptation_error = self.coordination_error = self.misconduct = 0.0
        self.quadrant = quadrant(self.energy, self.pleasure, model.c.quadrants.cut_off)
        self.drive = 1.0 if r.random() < model.c.wellbeing.driven_share else 0.0
        self.challenge = self.hindrance = 0.0
        fits = model.c.workforce  # a poor fit, unknown on hiring (``workforce.still_mismatched``)
        poor = fits.mismatch_share if newcomer else still_mismatched(self.tenure, fits)
        self.mismatched = r.random() < poor

    @property
    def present(self) -> bool:
        return self.absent_weeks <= 0

    def felt_control(self, peers: float = 0.0) -> float:
        """``effort.felt_control`` of the control believed, and of ``peers``' where the team's
        own norms press too (``consequences.peer_control``)."""
        believed = self.control_believed + peers
        return believed * (self.model.c.effort.felt_control_base + self.autonomy_need)

    # --- decide -------------------------------------------------------------------------------

    def read_situation(self) -> None:
        """A fresh, noisy read of the team's best course, or the manager's view where the
        channel ``local_knowledge`` is off (``decisions.read_locally``)."""
        m, on = self.manager, self.model.on.local_knowledge
        self.read = m.view
        if on:
            c = self.model.c.decisions
            noise = c.employee_noise * (c.noise_at_no_skill - self.skill)
            self.read = mix(m.optimum + noise * self.random.gauss(0.0, 1.0), m.view, on=on)

    def decide(self) -> None:
        """The view leaning to the organisation's (``decisions.share_knowledge``), the decision
        (``decisions.decide``) and its distance to the team's best course
        (``decisions.adaptation_error``)."""
        model, m = self.model, self.manager
        c, on = model.c.decisions, model.on
        lean = on.coordination * c.mutual_adjustment * model.scenario.environment.interdependence
        view = (1 - lean) * self.view + lean * model.common_view
        vision = through(model.scenario.levers.vision, on=on.shared_goals)
        aim = view + c.scatter * (1 - vision) * self.random.gauss(0.0, 1.0)
        own, rule, manager = m.weights
        self.decision = own * aim + rule * model.rule_course + manager * m.view
        distance = abs(self.decision - m.optimum)
        self.adaptation_error = distance / (distance + c.error_scale)

    # --- work ---------------------------------------------------------------------------------

    def work(self) -> None:
        """Coordination error, the chance of being noticed, effort by type and output
        (``OrgModel.work``: ``decisions.coordination_error``, ``trust.observation_chance``,
        ``trust.noticed``, ``effort.put_in_effort``, ``production.produce``)."""
        model, m = self.model, self.manager
        c, on = model.c, model.on
        distance = abs(self.decision - model.mean_decision)
        self.coordination_error = distance / (distance + c.decisions.coordination_scale)
        ct = c.trust
        checked = 1 - on.trust_abuse * ct.trust_blindness * self.trust_given
        monitoring = through(m.control_level, on=on.deterrence) * checked
        self.manager_chance = ct.base_observation + (ct.catch - ct.base_observation) * monitoring
        self.noticed = 1 - (1 - self.manager_chance) * (1 - model.peer_chance)
        self.meet_demands()
        if not self.present:
            self.effort = self.output = 0.0
            return
        self.effort = self.put_in_effort()
        cp = c.production
        typical = 1 - on.adaptation * cp.adaptation_cost * cp.typical_adaptation_error
        adapted = on.adaptation * cp.adaptation_cost * self.adaptation_error
        misfit = cp.coordination_cost * self.coordination_error + cp.adjustment_time * m.weights[0]
        fitted = on.coordination * model.scenario.environment.interdependence * misfit
        capability = (self.skill / cp.typical_skill) ** cp.skill_elasticity * (
            self.fit / cp.typical_fit
        ) ** cp.fit_elasticity
        self.output = (
            self.effort
            * capability
            * (1 - adapted - fitted)
            / typical
            * model.clarity_yield
            * (1 - model.scenario.environment.shock)
            * m.problems_kept
        )

    def put_in_effort(self) -> float:
        """This week's effort at work (``effort.motivation``, ``effort.distrust``,
        ``effort.put_in_effort``; colleagues' effort last week as ``teams.others_mean``)."""
        m, c, on = self.manager, self.model.c.effort, self.model.on
        vigour = c.energy_gain * (self.energy - c.typical_energy)
        vigour += on.time_pressure * c.challenge_effort * self.challenge
        if self.opportunist:
            effort = c.shirk_effort + (c.normal_effort - c.shirk_effort) * self.noticed + vigour
        else:
            motivation = (
                c.pleasure_weight * self.pleasure
                + c.felt_trust_weight
                * self.reciprocity
                * through(self.trust_in_manager, on=on.reciprocity)
                + c.initiative_weight * self.initiative
            )
            legitimate = c.legitimate_control + c.legitimacy_from_slacking * m.slack_share
            distrust = max(0.0, self.felt_control() - legitimate)
            effort = (
                c.normal_effort
                + vigour
                + c.motivation_gain * (motivation - c.typical_motivation)
                - on.crowding_out * self.control_sensitivity * distrust
            )
            others = m.present_count - 1
            colleagues = (m.present_effort - self.effort) / others if others > 0 else self.effort
            effort -= on.conditional_cooperation * c.conditional * max(0.0, effort - colleagues)
        return min(max(effort, 0.0), c.max_effort)

    def divert(self) -> None:
        """An unnoticed opportunist diverts part of the team's output per head
        (``production.misconduct``)."""
        if not (self.opportunist and self.present):
            self.misconduct = 0.0
            return
        model, c = self.model, self.model.c.production
        opportunity = (self.trust_given + model.scenario.levers.freedom) / 2
        room = 1 + c.opportunity_gain * (through(opportunity, on=model.on.trust_abuse) - REFERENCE)
        share = clip01(c.misconduct * room)
        self.misconduct = share * (1 - self.noticed) * self.manager.output_per_head

    # --- feel ---------------------------------------------------------------------------------

    def scope(self) -> float:
        """The autonomy one can use (``resources.scope``)."""
        return self.skill * (self.model.c.resources.scope_need_base + self.autonomy_need)

    def meet_demands(self) -> None:
        """This week's challenge and hindrance, at work only (``OrgModel._meet_demands``:
        ``demands.workload``, ``demands.job_demands``, ``resources.burden``)."""
        model, m = self.model, self.manager
        c, on = model.c, model.on
        self.challenge = self.hindrance = 0.0
        if not self.present:
            return
        d, autonomy = c.demands, m.weights[0]
        workload = (
            d.pressure_workload * through(model.scenario.environment.pressure, on=on.workload)
            + d.cover_workload * m.absent_share
        )
        self.challenge = min(workload, d.capacity)
        self.hindrance = (
            on.autonomy_burden * d.burden_weight * max(0.0, autonomy - self.scope())
            + d.overload_weight * max(0.0, workload - d.capacity)
            + model.red_tape * (1 - on.enabling_rules * d.enabling * self.rules_fit())
            + on.control_stress * d.control_stress_weight * self.felt_control(model.peer_control)
            + d.misfit_weight * (1 - self.fit)
        )

    def rules_fit(self) -> float:
        """How well the rules fit the team's work (``demands.rules_fit``)."""
        d, m = self.model.c.demands, self.manager
        return d.rules_fit_scale / (d.rules_fit_scale + abs(self.model.rule_course - m.optimum))

    def feel(self) -> None:
        """Job demands and resources move exhaustion, energy and pleasure (``OrgModel.feel``:
        ``resources.job_resources``)."""
        model, m = self.model, self.manager
        c, on, lv = model.c, model.on, model.scenario.levers
        challenge, hindrance = self.challenge, self.hindrance
        r, autonomy = c.resources, m.weights[0]
        usable = mix(min(autonomy, self.scope()), autonomy, on=on.autonomy_fit)
        resources = (
            r.autonomy_weight
            * through(usable, on=on.autonomy_resource)
            * (r.autonomy_need_base + self.autonomy_need)
            + r.trust_weight * through(self.trust_given, on=on.trust_resource)
            + r.coaching_weight * through(m.coaching_received, on=on.coaching)
            + r.safety_weight * through(lv.safety, on=on.safety_resource)
            + r.clarity_weight * through(model.clarity, on=on.role_clarity)
            + r.fit_weight * self.fit
            + r.peers_weight * (1 - on.bad_apples * m.slack_share)
        )
        w = c.wellbeing
        stretch = challenge / c.demands.capacity
        boost = 1 + on.boost * w.resource_boost * (stretch - w.typical_stretch)
        self.feel_strain(challenge, hindrance, resources, self.present, motivating=boost)

    def hear_colleagues(self) -> None:
        """The mean energy and pleasure of one's colleagues: teammates, and the ties across
        teams where one has them (``crossover.colleague_mean``)."""
        m = self.manager
        mates = len(m.staff) - 1
        energy, pleasure = self.energy, self.pleasure
        if mates > 0:
            energy = (m.energy_total - self.energy) / mates
            pleasure = (m.pleasure_total - self.pleasure) / mates
        if self.ties:
            w, n = self.model.c.crossover.cross_weight, len(self.ties)
            energy = (1 - w) * energy + w * sum(t.energy for t in self.ties) / n
            pleasure = (1 - w) * pleasure + w * sum(t.pleasure for t in self.ties) / n
        self.heard = (energy, pleasure)

    def cross_over(self) -> None:
        """Moods move towards the colleagues' (``crossover.cross_over``); the quadrant."""
        model = self.model
        rate = model.on.crossover * model.c.crossover.rate
        energy, pleasure = self.heard
        self.energy += rate * (energy - self.energy)
        self.pleasure += rate * (pleasure - self.pleasure)
        self.quadrant = quadrant(self.energy, self.pleasure, model.c.quadrants.cut_off)

    # --- grow, fall ill, leave ----------------------------------------------------------------

    def grow(self) -> None:
        """Initiative and skill (``growth.initiative_target``, ``update_initiative``,
        ``learn``), with the coaching and take-over of the manager's week so far."""
        model, m = self.model, self.manager
        c, on, lv = model.c.growth, model.on, model.scenario.levers
        coaching = through(m.coaching_received, on=on.coaching)
        believed = through(
            lv.responsibility * (c.belief_base + self.trust_in_manager), on=on.initiative
        )
        target = clip01(
            c.base
            + c.believed_weight * believed
            + c.freedom_weight * through(lv.freedom, on=on.initiative)
            + c.pleasure_weight * self.pleasure
            + c.coaching_weight * coaching
            - on.lean_back * c.lean_back * m.taken_over
        )
        self.initiative += c.rate * (target - self.initiative)
        if self.present:
            self.skill += (c.learning + c.coached_learning * coaching) * (1 - self.skill)

    def come_and_go(self) -> None:
        """Report sick or recover (``workforce.report_sick``); quit (``workforce.leave``) or
        go when dismissed, replaced by a newcomer (``OrgModel.absence_and_turnover``)."""
        r, c, on = self.random, self.model.c.workforce, self.model.on
        long = False  # long (burnout) leave starts this week
        if self.present:
            worn = max(0.0, self.exhaustion - c.exhausted) / (1 - c.exhausted)
            long = worn > 0 and r.random() < c.burnout_leave_hazard * worn
            autonomy = through(self.manager.weights[0], on=on.control_absence)
            control = c.control_absence * (autonomy - REFERENCE)
            pleasure = through(self.pleasure, on=on.attendance)
            withdrawal = c.displeasure_absence * (REFERENCE - pleasure)
            culture = on.absence_culture * c.absence_culture * (self.manager.relative_absence - 1)
            short_hazard = c.short_absence_hazard * math.exp(
                c.exhaustion_absence * self.exhaustion - control + withdrawal + culture
            )
            if long or r.random() < short_hazard:
                mean = c.burnout_absence_weeks if long else c.short_absence_weeks
                self.absent_weeks = spell(r, mean)
        else:
            self.absent_weeks -= 1
        self.burnout_leave = (self.burnout_leave or long) and self.absent_weeks > 0
        push = c.displeasure_turnover * (c.neutral_pleasure - self.pleasure)
        rooted = through(1 - math.exp(-self.tenure / c.embedding_weeks), on=on.embeddedness)
        hold = c.embedded_turnover * (rooted - REFERENCE)
        hazard = c.turnover_hazard * math.exp(push + c.exhaustion_turnover * self.exhaustion - hold)
        if self.mismatched:  # a poor fit drives out once it has shown
            shown = 1 - math.exp(-self.tenure / c.mismatch_reveal_weeks)
            hazard += on.fit_revealed * c.mismatch_quit_hazard * shown
        newcomer = self.tenure < NEWCOMER_WEEKS
        self.model.newcomers += newcomer
        if self.dismissed or r.random() < hazard:
            self.model.newcomer_leavers += newcomer
            self.leave()
        else:
            self.tenure += 1

    def leave(self) -> None:
        """A newcomer takes this place: the team and the ties across teams (a row of ``sim``)."""
        model, m = self.model, self.manager
        newcomer = Employee(model, m, newcomer=True)
        m.staff[m.staff.index(self)] = newcomer
        newcomer.ties = self.ties
        for colleague in self.ties:
            colleague.ties.remove(self)
            colleague.ties.add(newcomer)
        newcomer.tenure = 1  # counted on in the week hired, as a row of ``sim``
        model.leavers += 1
        m.leavers += 1
        self.remove()
