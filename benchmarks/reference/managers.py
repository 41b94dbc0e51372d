"""A team's manager the usual Mesa way (see :mod:`benchmarks.reference.agents`): they hold the
team's part of the environment and its history, report and lean towards the other teams, pool
the team's knowledge, observe and trust, react to results, plan their week, feel its strain and
follow up non-performers."""

from __future__ import annotations

import math
from collections import deque

import mesa

from benchmarks.reference.people import Person, clip01, mix, through
from sim.mechanisms.quadrants import ENGAGEMENT


class Manager(Person):
    """One team's manager: their state, their team and their week (``sim.population.Managers``,
    one row)."""

    def __init__(self, model: mesa.Model, local_optimum: float) -> None:
        """Drawn as ``population.draw_managers``; the team's part of the best course with the
        history the delayed reports read (``OrgModel._history``)."""
        super().__init__(model)
        c = model.c.population
        self.draw_traits(c.manager_energy, c.manager_pleasure, c.manager_spread)
        self.staff: list[Person] = []  # the team's employees
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
        self.leavers = 0  # this week's quits and dismissals
        self.engaged = 0.0  # engaged share before anyone leaves this week
        self.absence_norm = 0.0  # the team's absent share, smoothed: its absence culture
        self.relative_absence = 1.0  # that norm as a multiple of the organisation's

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

    def count_engaged(self) -> None:
        """The team's engaged share before anyone leaves, burnout leave counted as burnout
        (``OrgModel.absence_and_turnover``); no leavers yet this week."""
        engaged = [e.quadrant == ENGAGEMENT and not e.burnout_leave for e in self.staff]
        self.engaged = sum(engaged) / len(self.staff)
        self.leavers = 0

    def learn_absence(self) -> None:
        """After this week's comings and goings, the team's absent share enters its norm
        (``workforce.learn_norm``)."""
        absent = sum(e.absent_weeks > 0 for e in self.staff) / len(self.staff)
        self.absence_norm += (absent - self.absence_norm) / self.model.c.workforce.norm_weeks

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
