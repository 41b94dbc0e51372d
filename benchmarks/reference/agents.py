"""Employees and managers the usual Mesa way: one Python object each, with Python numbers.

Each agent holds its state as Python floats, ints and bools, computes its week with scalar
arithmetic and draws from Mesa's random generator (``self.random``), as in Mesa's bundled
examples. The equations are those of ``sim/mechanisms`` written out for one person, with the
same coefficients (``scenario.coefficients``), so the yardstick follows the model as it is
tuned; every method names what it mirrors. A channel switch of strength ``on`` mixes the two
paths as ``sim.mechanisms.channels`` does (:func:`mix`, :func:`through`).

A manager leads a team: they hold the team's part of the environment and its history, report
and lean towards the other teams, pool the team's knowledge, observe and trust, react to
results, plan their week, feel its strain and follow up non-performers. An employee reads,
decides, works, feels, catches their colleagues' moods, grows, falls ill and leaves.
"""

from __future__ import annotations

import math
from collections import deque

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

    def feel_strain(
        self, challenge: float, hindrance: float, resources: float, at_work: bool
    ) -> None:
        """One week of exhaustion, energy and pleasure (``wellbeing.outside_strain``,
        ``exhaustion_target``, ``update_exhaustion``, ``update_mood``)."""
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
        energy_target = (
            c.energy_baseline
            + c.energy_from_resources * resources
            + c.energy_from_challenge * challenge
            - c.energy_from_exhaustion * exhaustion
            + self.energy_trait
        )
        pleasure_target = (
            c.pleasure_baseline
            + c.pleasure_from_resources * resources
            + c.pleasure_from_challenge * challenge
            - c.pleasure_from_hindrance * hindrance
            - c.pleasure_from_exhaustion * exhaustion
            + self.pleasure_trait
        )
        self.energy = clip01(
            self.energy + c.rate * (energy_target - self.energy) + r.gauss(0.0, c.weekly_noise)
        )
        self.pleasure = clip01(
            self.pleasure
            + c.rate * (pleasure_target - self.pleasure)
            + r.gauss(0.0, c.weekly_noise)
        )


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
        # as a fresh row of ``population.draw_employees`` (a newcomer is measured so in the week
        # they are hired: effort and output 1, in the quadrant of their drawn moods)
        self.effort = self.output = 1.0
        self.adaptation_error = self.coordination_error = self.misconduct = 0.0
        self.quadrant = quadrant(self.energy, self.pleasure, model.c.quadrants.cut_off)

    @property
    def present(self) -> bool:
        return self.absent_weeks <= 0

    def felt_control(self) -> float:
        """``effort.felt_control``."""
        return self.control_believed * (self.model.c.effort.felt_control_base + self.autonomy_need)

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

    def feel(self) -> None:
        """Job demands and resources move exhaustion, energy and pleasure (``OrgModel.feel``:
        ``demands.workload``, ``demands.job_demands``, ``resources.job_resources``)."""
        model, m = self.model, self.manager
        c, on, lv = model.c, model.on, model.scenario.levers
        challenge = hindrance = 0.0  # demands at work only
        if self.present:
            d = c.demands
            workload = (
                d.pressure_workload * through(model.scenario.environment.pressure, on=on.workload)
                + d.cover_workload * m.absent_share
            )
            challenge = min(workload, d.capacity)
            hindrance = (
                d.overload_weight * max(0.0, workload - d.capacity)
                + model.red_tape
                + on.control_stress * d.control_stress_weight * self.felt_control()
                + d.misfit_weight * (1 - self.fit)
            )
        r = c.resources
        resources = (
            r.autonomy_weight
            * through(m.weights[0], on=on.autonomy_resource)
            * (r.autonomy_need_base + self.autonomy_need)
            + r.trust_weight * through(self.trust_given, on=on.trust_resource)
            + r.coaching_weight * through(m.coaching_received, on=on.coaching)
            + r.safety_weight * through(lv.safety, on=on.safety_resource)
            + r.clarity_weight * through(model.clarity, on=on.role_clarity)
            + r.fit_weight * self.fit
            + r.peers_weight * (1 - on.bad_apples * m.slack_share)
        )
        self.feel_strain(challenge, hindrance, resources, self.present)

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
        r, c = self.random, self.model.c.workforce
        long = False  # long (burnout) leave starts this week
        if self.present:
            worn = max(0.0, self.exhaustion - c.exhausted) / (1 - c.exhausted)
            long = worn > 0 and r.random() < c.burnout_leave_hazard * worn
            short_hazard = c.short_absence_hazard * math.exp(c.exhaustion_absence * self.exhaustion)
            if long or r.random() < short_hazard:
                mean = c.burnout_absence_weeks if long else c.short_absence_weeks
                self.absent_weeks = spell(r, mean)
        else:
            self.absent_weeks -= 1
        self.burnout_leave = (self.burnout_leave or long) and self.absent_weeks > 0
        push = c.displeasure_turnover * (c.neutral_pleasure - self.pleasure)
        hazard = c.turnover_hazard * math.exp(push + c.exhaustion_turnover * self.exhaustion)
        if self.dismissed or r.random() < hazard:
            self.leave()

    def leave(self) -> None:
        """A newcomer takes this place: the team and the ties across teams (a row of ``sim``)."""
        model, m = self.model, self.manager
        newcomer = Employee(model, m, newcomer=True)
        m.staff[m.staff.index(self)] = newcomer
        newcomer.ties = self.ties
        for colleague in self.ties:
            colleague.ties.remove(self)
            colleague.ties.add(newcomer)
        model.leavers += 1
        self.remove()


def spell(random, mean: float) -> int:
    """Weeks of a sick spell: geometric (≥ 1) with mean ``mean`` (``workforce._geometric``)."""
    if mean <= 1:
        return 1
    return max(1, math.ceil(math.log(1.0 - random.random()) / math.log(1.0 - 1.0 / mean)))


class Manager(Person):
    """One team's manager: their state, their team and their week (``sim.population.Managers``,
    one row)."""

    def __init__(self, model: mesa.Model, local_optimum: float) -> None:
        """Drawn as ``population.draw_managers``; the team's part of the best course with the
        history the delayed reports read (``OrgModel._history``)."""
        super().__init__(model)
        c = model.c.population
        self.draw_traits(c.manager_energy, c.manager_pleasure, c.manager_spread)
        self.staff: list[Employee] = []
        self.local_optimum = local_optimum
        self.optimum = model.global_optimum + local_optimum
        delay = model.scenario.environment.report_delay_weeks
        self.history = deque([self.optimum] * (delay + 1), maxlen=delay + 1)
        self.grab = 0.0
        self.results: float | None = None  # before the first report
        self.expected: float | None = None
        self.shortfall = self.slack_share = 0.0
        self.reporting = self.monitoring = self.rules = self.firefighting = 0.0
        self.vision = self.coaching = self.hours = self.taken_over = self.unsolved = 0.0

    @property
    def coaching_received(self) -> float:
        """Coaching per employee as a share of the norm (``OrgModel.coaching_received``)."""
        norm = self.model.c.manager_time.coaching_hours * len(self.staff)
        return min(1.0, self.coaching / norm)

    def move_environment(self) -> None:
        """The team's part of the best course drifts (``environment.move_optimum``)."""
        model = self.model
        c, turbulence = model.c.environment, model.scenario.environment.turbulence
        step = c.local_share * c.step * turbulence
        self.local_optimum = (1 - c.reversion) * self.local_optimum + step * self.random.gauss(
            0.0, 1.0
        )
        self.optimum = model.global_optimum + self.local_optimum
        self.history.append(self.optimum)

    def report(self) -> None:
        """Control level and decision rights (``control.control_level``,
        ``decisions.decision_weights``), the team's situation as reported
        ``report_delay_weeks`` ago (``decisions.manager_report``)."""
        c, lv = self.model.c.decisions, self.model.scenario.levers
        self.control_level = lv.control + self.grab * (1 - lv.control)
        own = (lv.responsibility + lv.freedom) / 2 * (1 - c.control_takeback * self.control_level)
        rule = (1 - own) * lv.rules
        self.weights = (own, rule, 1 - own - rule)
        attention = (self.monitoring + self.vision) / len(self.staff)
        precision = attention / c.attention_norm + c.incidental
        noise = c.manager_noise / math.sqrt(precision)
        self.view = self.history[0] + noise * self.random.gauss(0.0, 1.0)

    def coordinate(self, common: float) -> None:
        """Lean towards the other teams' course (``decisions.coordinate``)."""
        model = self.model
        lean = model.on.coordination * model.scenario.environment.interdependence
        self.view = (1 - lean) * self.view + lean * common

    def pool_knowledge(self) -> None:
        """Colleagues pool their reads (``decisions.share_knowledge``, within the team)."""
        pooling = self.model.c.decisions.pooling
        pooled = sum(e.read for e in self.staff) / len(self.staff)
        for e in self.staff:
            e.view = (1 - pooling) * e.read + pooling * pooled

    def count_heads(self) -> None:
        """Before work: who is here, their effort last week, problems' cost
        (``teams.others_mean``, ``manager_time.problems_cost``)."""
        model = self.model
        present = [e for e in self.staff if e.present]
        self.present_count = len(present)
        self.present_effort = sum(e.effort for e in present)
        self.absent_share = 1 - len(present) / len(self.staff)
        cost = model.c.manager_time.unsolved_cost * self.unsolved
        self.problems_kept = 1 - model.on.unsolved_problems * cost

    def count_output(self) -> None:
        """The team's output per head this week (``teams.team_mean``)."""
        self.output_per_head = sum(e.output for e in self.staff) / len(self.staff)

    def sum_moods(self) -> None:
        """The team's energy and pleasure after the week, for crossover."""
        self.energy_total = sum(e.energy for e in self.staff)
        self.pleasure_total = sum(e.pleasure for e in self.staff)

    def observe_and_trust(self) -> None:
        """See some weeks, trust and be trusted (``OrgModel.observe_and_trust``:
        ``trust.observe``, ``update_trust_given``, ``update_trust_in_manager``,
        ``update_control_believed``, ``control.trust_disposition``)."""
        model, r = self.model, self.random
        c, on = model.c.trust, model.on
        team_effort = sum(e.effort for e in self.staff) / max(self.present_count, 1)
        disposition = model.scenario.levers.trust * (
            1 - model.c.control.trust_withdrawn * self.grab
        )
        for e in self.staff:
            seen = bad = e.observed = False
            if e.present:
                seen = r.random() < e.manager_chance
                e.observed = seen or r.random() < model.peer_chance
                if e.observed:
                    e.effort_seen = e.effort + r.gauss(0.0, c.notice_noise)
                    bad = seen and e.effort_seen < c.bad_week * team_effort
            trust, towards = e.trust_given, disposition - e.trust_given
            if bad:
                trust *= 1 - c.loss
            elif towards < 0:
                trust += c.drift * c.fall_speed * towards  # a lower disposition bites quickly
            else:
                trust += (c.gain if seen else c.drift) * towards
            e.trust_given = clip01(trust)
            gap = e.trust_given - e.trust_in_manager
            e.trust_in_manager = clip01(
                e.trust_in_manager + (c.belief_up if gap > 0 else c.belief_down) * gap
            )
            gap = self.control_level - e.control_believed
            moved = e.control_believed + (c.belief_up if gap < 0 else c.belief_down) * gap
            e.control_believed = mix(moved, self.control_level, on=on.credibility)

    def react_to_results(self) -> None:
        """Results, expectations, shortfall and grabbing control (``control.smooth_results``,
        ``update_expectation``, ``shortfall``, ``update_grab``)."""
        model = self.model
        c, s = model.c.control, model.scenario
        output = sum(e.output for e in self.staff) / len(self.staff)
        if self.results is None:
            self.results = self.expected = output
        else:
            self.results = (1 - c.report_smoothing) * self.results + c.report_smoothing * output
            rate = c.ratchet if self.results > self.expected else c.aspiration
            self.expected += rate * (self.results - self.expected)
        demanded = self.expected * (1 + c.stretch * s.environment.pressure)
        self.shortfall = max(0.0, 1 - self.results / demanded)
        propensity, courage = s.managers.control_propensity, s.managers.courage
        urge = min(1.0, c.urge * propensity * (1 - courage) * self.shortfall)
        rate = c.tighten if urge > self.grab else c.release + c.let_go * courage
        self.grab = mix(self.grab + rate * (urge - self.grab), self.grab, on=model.on.control_grab)

    def plan_week(self) -> None:
        """Next week's hours by activity and what becomes of the team's problems
        (``manager_time.plan_week``)."""
        model = self.model
        c, s, on = model.c.manager_time, model.scenario, model.on
        lv, size, grab = s.levers, len(self.staff), self.grab
        solved = sum(e.initiative for e in self.staff if e.present) / size
        solved += (1 - solved) * c.raised_early * through(lv.safety, on=on.speaking_up)
        self.taken_over = grab * solved
        fixing = self.taken_over + (1 - solved) * (1 - lv.responsibility * (1 - grab))
        control_level = lv.control + grab * (1 - lv.control)
        reporting = c.reporting_hours + c.pressure_hours * s.environment.pressure
        monitoring = c.monitoring_hours * control_level * size
        rules = c.rules_hours * lv.rules
        firefighting = c.problem_hours * size * fixing
        urgent = reporting + monitoring + rules + firefighting
        max_hours = s.managers.max_hours
        scale = min(1.0, max_hours / max(urgent, 1e-9))
        room = max_hours - urgent * scale
        put_off = 1 - c.put_off * grab
        self.vision = min(c.vision_hours * lv.vision * put_off, room)
        self.coaching = min(c.coaching_hours * lv.connection * size * put_off, room - self.vision)
        self.unsolved = 1 - (solved - self.taken_over) - fixing * scale
        self.reporting, self.monitoring = reporting * scale, monitoring * scale
        self.rules, self.firefighting = rules * scale, firefighting * scale
        self.hours = (
            self.reporting
            + self.monitoring
            + self.rules
            + self.firefighting
            + self.vision
            + self.coaching
        )

    def feel(self) -> None:
        """Overtime, the squeeze and frustration drain the manager
        (``manager_time.manager_conditions``, then the well-being process)."""
        model = self.model
        c, s = model.c.manager_time, model.scenario
        pressure = s.environment.pressure
        overtime = max(0.0, self.hours - s.managers.contract_hours) / c.overtime_scale
        squeeze = min(1.0, c.squeeze_gain * pressure * self.shortfall)
        meaningful = (self.coaching + self.vision) / max(self.hours, 1)
        team_trust = sum(e.trust_in_manager for e in self.staff) / len(self.staff)
        hindrance = (
            c.overtime_weight * overtime
            + c.squeeze_weight * squeeze
            + c.unsolved_weight * self.unsolved
        )
        resources = (
            c.meaningful_weight * meaningful
            + c.team_trust_weight * team_trust
            + c.safety_weight * s.levers.safety
        )
        self.feel_strain(c.pressure_challenge * pressure, hindrance, resources, True)

    def follow_up(self) -> None:
        """Judge the weeks seen and follow up non-performers, with the coaching time just
        planned (``consequences.update_seen_performance``, ``follow_up``, ``better_fit``)."""
        model, r = self.model, self.random
        c, on = model.c.consequences, model.on
        chance = (
            c.peer_follow_up * on.social_control * model.self_steering
            + on.consequences * c.follow_up * self.coaching_received
        )
        left = 0  # slacking, not addressed
        for e in self.staff:
            if e.observed:
                e.seen_performance += c.performance_smoothing * (e.effort_seen - e.seen_performance)
            if not (e.present and e.seen_performance < c.non_performance):
                continue
            if r.random() >= chance:
                left += 1
                continue
            broken = e.agreed  # nothing changed since the agreements
            e.dismissed = broken and e.opportunist
            if not e.opportunist:  # find out why: a place that fits better
                e.fit += min(2 * c.better_fit * r.random(), 1) * (1 - e.fit)
            e.agreed = not broken
            e.seen_performance = 1.0  # judged afresh
        self.slack_share = left / len(self.staff)
