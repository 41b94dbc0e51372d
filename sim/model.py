"""OrgModel: managers and employees in teams under the levers of trust, rules and control.

The weekly step tells the story of the claims (``sim/claims.py``): the environment moves, people
decide, work and feel; managers observe, build or withdraw trust, grab control or hold on, plan
their week and feel its strain, and follow up non-performers; people fall ill, leave and are
replaced; we measure. What a verb leaves for a later one lives in ``model.this_week``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from mesa import Model

from sim import kpis
from sim.agents import AgentViews
from sim.mechanisms import (
    consequences,
    control,
    crossover,
    decisions,
    demands,
    effort,
    environment,
    growth,
    manager_time,
    production,
    quadrants,
    resources,
    trust,
    wellbeing,
    workforce,
)
from sim.mechanisms.channels import choose, gate
from sim.mechanisms.teams import others_mean, team_mean, team_sum
from sim.points import Layout, points_and_seeds
from sim.population import Recruits
from sim.scenario import Scenario
from sim.steering import ManagersChoices
from sim.streams import per_point
from sim.week import Steering

RANDOM_STREAMS = (
    "organisation",
    "environment",
    "decisions",
    "wellbeing",
    "managers",
    "trust",
    "follow_up",
    "absence",
    "turnover",
    "hiring",
    "rehiring",
)


class OrgModel(AgentViews, kpis.Measured, Layout, ManagersChoices, Model):
    """An organisation simulated week by week (one ``step`` is one week).

    Its parts: the points simulated side by side are laid out by :class:`sim.points.Layout`;
    the managers' plans of the week and workshop steering are :class:`sim.steering.ManagersChoices`;
    the weekly record and the KPIs are :class:`sim.kpis.Measured`; the Mesa views are
    :class:`sim.agents.AgentViews`.
    """

    def __init__(
        self,
        scenario: Scenario | str | Sequence[Scenario] = "baseline",
        seed: int | Sequence[int] | None = None,
        replications: int = 1,
    ) -> None:
        """``replications`` > 1 simulates that many copies of the organisation side by side, as
        one array dimension (``sim.run_batch``). Several scenarios with one seed each (a sweep's
        points) are simulated side by side too, ``replications`` copies of each, every point
        exactly as it would be alone (:mod:`sim.points`, ``sim.run_points``)."""
        points, seeds = points_and_seeds(scenario, seed)
        super().__init__(rng=seeds[0])
        self.points = points
        self.scenario = points[0]
        self.week = 0
        # one random stream per mechanism and point: ablations keep common random numbers
        self._lay_out(per_point(self.rng, seeds, RANDOM_STREAMS), replications)
        self.this_week = self._new_week()
        self.steering = Steering.nobody(self.managers.team_size.size)
        self.recruits = Recruits()
        self._plan_week()
        self._interventions = self.scenario.changes_by_week()
        self.record = kpis.WeeklyRecord(self.scenario.run.weeks, self.replications)
        self._warm_up(self.scenario.run.warmup_weeks)

    # --- the week -----------------------------------------------------------------------------

    def step(self) -> None:
        """One week."""
        self.this_week = self._new_week()
        self.intervene()
        self.move_environment()
        self.decide()
        self.meet_demands()
        self.work()
        self.feel()
        self.observe_and_trust()
        self.manage()
        self.managers_feel()
        self.follow_up()
        self.absence_and_turnover()
        self.measure()
        self.week += 1

    def intervene(self) -> None:
        """Interventions scheduled for this week change levers or dispositions."""
        changes = self._interventions.get(self.week)
        if changes:
            self.points = [point.with_overrides(**changes) for point in self.points]
            self.scenario = self.points[0]
            self._tabulate_numbers()
            self.recruits.draw(self.employees.size, self.by_employee, self.streams["hiring"])

    def move_environment(self) -> None:
        """The best course drifts; rules catch up with it only when they are revised."""
        org, team = self.by_organisation, self.by_team
        self._global_optimum, self._local_optimum = environment.move_optimum(
            self._global_optimum, self._local_optimum, org.environment.turbulence,
            self.streams["environment"], c=org.coefficients.environment,
            c_local=team.coefficients.environment, local_turbulence=team.environment.turbulence,
        )  # fmt: skip
        self.optimum = self._global_optimum[self.replication] + self._local_optimum
        self._history[self.week % len(self._history)] = self.optimum
        if self.week % self.scenario.environment.rule_revision_weeks == 0:
            self.rule_course = self._global_optimum[self.replication]

    def decide(self) -> None:
        """Decisions by whoever holds the decision rights, with the knowledge they have; managers
        deciding centrally weigh the other teams (coordination)."""
        s, e, m, team = self.scenario, self.employees, self.managers, self.by_team
        staff, week = self.by_employee, self.this_week
        c_team, c = team.coefficients.decisions, staff.coefficients.decisions
        week.control_level = self._control_level()
        weights = week.decision_weights = decisions.decision_weights(
            team.levers.responsibility, team.levers.freedom, team.levers.rules,
            week.control_level, c=c_team,
        )  # fmt: skip
        delay = s.environment.report_delay_weeks
        reported = self._history[(self.week - delay) % len(self._history)]
        rng = self.streams["decisions"]
        attention = (m.monitoring + m.vision) / m.team_size
        view = decisions.coordinate(
            decisions.manager_report(reported, attention, rng, c=c_team), self.replication,
            team.environment.interdependence, on=team.mechanisms.coordination,
        )  # fmt: skip
        local = decisions.read_locally(self.optimum[e.team], e.skill, rng, c=c)
        read = choose(local, view[e.team], on=staff.mechanisms.local_knowledge)
        shared = decisions.share_knowledge(
            read, e.team, m.team_size, self.replication[e.team],
            staff.environment.interdependence, c=c, coordination=staff.mechanisms.coordination,
        )  # fmt: skip
        e.decision = decisions.decide(
            shared, self.rule_course[e.team], view, weights, e.team, staff.levers.vision, rng,
            c=c, shared_goals=staff.mechanisms.shared_goals,
        )  # fmt: skip
        e.adaptation_error = decisions.adaptation_error(e.decision, self.optimum[e.team], c=c)
        week.coordination_error = decisions.coordination_error(
            e.decision, self.replication[e.team], c=c
        )

    def meet_demands(self) -> None:
        """The week's job demands on those at work: challenges and hindrances (C2, C8, C10, C11)."""
        staff, e, m, week = self.by_employee, self.employees, self.managers, self.this_week
        lv, c, on = staff.levers, staff.coefficients, staff.mechanisms
        team, present = e.team, e.present
        absent_share = 1 - team_mean(present.astype(float), team, m.team_size)
        m.absence_norm = workforce.learn_norm(  # the absence so far becomes a team's habit
            m.absence_norm, absent_share, c=self.by_team.coefficients.workforce
        )
        workload = demands.workload(
            staff.environment.pressure, absent_share[team], c=c.demands, on=on.workload
        )
        week.self_steering = consequences.self_steering(lv.vision, lv.responsibility, lv.freedom)
        peers = consequences.peer_control(week.self_steering, c=c.consequences, on=on.concertive)
        felt = effort.felt_control(e.control_believed + peers, e.autonomy_need, c=c.effort)
        week.autonomy = resources.autonomy(
            lv.responsibility, lv.freedom, week.control_level[team],
            takeback=c.decisions.control_takeback,
        )  # fmt: skip
        scope = resources.scope(e.skill, e.autonomy_need, c=c.resources)
        fit_of_rules = demands.rules_fit(self.rule_course[team], self.optimum[team], c=c.demands)
        load = demands.job_demands(
            workload, lv.rules, fit_of_rules, felt, e.fit, resources.burden(week.autonomy, scope),
            c=c.demands, red_tape=on.red_tape, enabling_rules=on.enabling_rules,
            control_stress=on.control_stress, autonomy_burden=on.autonomy_burden,
        )  # fmt: skip
        week.challenge, week.hindrance = load.challenge * present, load.hindrance * present

    def work(self) -> None:
        """Effort by behavioural type (the week's demands push it), output, and misconduct."""
        staff, e, week = self.by_employee, self.employees, self.this_week
        lv, c, on = staff.levers, staff.coefficients, staff.mechanisms
        level = week.control_level[e.team]
        week.peer_chance = consequences.peer_detection(
            week.self_steering, c=c.consequences, on=on.social_control
        )
        week.manager_chance = trust.observation_chance(
            level, e.trust_given, c=c.trust, deterrence=on.deterrence, abuse=on.trust_abuse
        )
        week.noticed = trust.noticed(week.manager_chance, week.peer_chance)
        present = e.present
        felt = effort.felt_control(e.control_believed, e.autonomy_need, c=c.effort)
        colleagues = others_mean(e.effort, present, e.team, self.managers.team_size.size)
        motivation = effort.motivation(
            e.pleasure, e.trust_in_manager, e.initiative, e.reciprocity, c=c.effort,
            on=on.reciprocity,
        )  # fmt: skip
        distrust = effort.distrust(felt, self.managers.slack_share[e.team], c=c.effort)
        e.effort = present * effort.put_in_effort(
            e.energy, motivation, distrust, e.control_sensitivity, week.noticed, e.opportunist,
            colleagues, week.challenge, c=c.effort, crowding_out=on.crowding_out,
            conditional=on.conditional_cooperation, time_pressure=on.time_pressure,
        )  # fmt: skip
        quality = production.decision_quality(
            e.adaptation_error, week.coordination_error, staff.environment.interdependence,
            week.decision_weights[0][e.team], c=c.production, adaptation=on.adaptation,
            coordination=on.coordination,
        )  # fmt: skip
        clarity = resources.clarity(lv.vision, lv.rules, c=c.resources)
        team = self.by_team
        problems = manager_time.problems_cost(
            self.managers.unsolved, c=team.coefficients.manager_time,
            on=team.mechanisms.unsolved_problems,
        )  # fmt: skip
        e.output = problems[e.team] * production.produce(
            e.effort, production.capability(e.skill, e.fit, c=c.production), quality,
            production.clarity_yield(clarity, c=c.production, on=on.role_clarity),
            staff.environment.shock,
        )  # fmt: skip
        per_head = team_mean(e.output, e.team, self.managers.team_size)
        week.misconduct = production.misconduct(
            e.temptation * present, week.noticed, per_head[e.team],
            (e.trust_given + lv.freedom) / 2, c=c.production, abuse=on.trust_abuse,
        )  # fmt: skip

    def feel(self) -> None:
        """Job demands and resources move exhaustion, energy and pleasure; moods cross over."""
        staff, e, m, week = self.by_employee, self.employees, self.managers, self.this_week
        lv, c, on = staff.levers, staff.coefficients, staff.mechanisms
        w, rng = c.wellbeing, self.streams["wellbeing"]
        load = demands.Demands(week.challenge, week.hindrance)
        have = resources.job_resources(
            autonomy=week.autonomy, autonomy_need=e.autonomy_need,
            scope=resources.scope(e.skill, e.autonomy_need, c=c.resources),
            trust_received=e.trust_given * self.attention()[e.team],
            coaching=self.coaching_received()[e.team], safety=lv.safety,
            clarity=resources.clarity(lv.vision, lv.rules, c=c.resources), fit=e.fit,
            slack_share=m.slack_share[e.team], c=c.resources, on=on,
        )  # fmt: skip
        e.life_strain = wellbeing.outside_strain(e.life_strain, rng, c=w)
        target = wellbeing.exhaustion_target(
            e.exhaustion, load, have, e.vulnerability, e.life_strain, c=w
        )
        e.exhaustion = wellbeing.update_exhaustion(e.exhaustion, target, ~e.present, c=w)
        e.energy, e.pleasure = wellbeing.update_mood(
            e.energy, e.pleasure, e.exhaustion, load,
            wellbeing.motivating(have, week.challenge / c.demands.capacity, c=w, on=on.boost),
            e.energy_trait, e.pleasure_trait, e.drive, rng, c=w, compulsion=on.compulsion,
        )  # fmt: skip
        for name in ("energy", "pleasure"):
            values = getattr(e, name)
            mean = crossover.colleague_mean(
                values, e.team, m.team_size, self._cross_ties, self._cross_degree, c=c.crossover
            )
            setattr(e, name, crossover.cross_over(values, mean, c=c.crossover, on=on.crossover))
        e.quadrant = quadrants.classify(e.energy, e.pleasure, c=c.quadrants)

    def observe_and_trust(self) -> None:
        """Managers and peers see some weeks; trust, trust in the manager and felt control move
        (C3, C17)."""
        e, m, week = self.employees, self.managers, self.this_week
        c, on, present = self.by_employee.coefficients.trust, self.by_employee.mechanisms, e.present
        level = week.control_level[e.team]
        team_effort = team_sum(e.effort, e.team, m.team_size.size) / np.maximum(
            team_sum(present.astype(float), e.team, m.team_size.size), 1
        )
        seen, bad, week.observed, week.effort_seen = trust.observe(
            e.effort, team_effort[e.team], week.manager_chance, week.peer_chance,
            self.streams["trust"], c=c,
        )  # fmt: skip
        week.observed &= present
        diverted = week.misconduct > 0
        e.temptation = production.learn_temptation(
            e.temptation, diverted, week.observed, c=self.by_employee.coefficients.production,
            learned=on.learned_misconduct, testing=on.testing,
        )  # fmt: skip
        disposition = self._trust_disposition()[e.team]
        given = [
            trust.update_trust_given(e.trust_given, disposition, seen & present, bad & present, c=c)
            for bad in (bad, bad | (seen & diverted))  # caught testing the trust costs it
        ]
        e.trust_given = choose(given[1], given[0], on=on.testing)
        e.trust_in_manager = trust.update_trust_in_manager(e.trust_in_manager, e.trust_given, c=c)
        e.control_believed = trust.update_control_believed(
            e.control_believed, level, c=c, on=on.credibility
        )

    def manage(self) -> None:
        """Managers react to results, staff grow or lean back, managers plan next week."""
        e, m, team = self.employees, self.managers, self.by_team
        staff = self.by_employee
        c_team, c = team.coefficients.control, staff.coefficients.growth
        results = team_mean(e.output, e.team, m.team_size)
        m.results = control.smooth_results(m.results, results, c=c_team)
        m.expected = control.update_expectation(m.expected, m.results, c=c_team)
        shortfall = control.shortfall(m.results, m.expected, team.environment.pressure, c=c_team)
        self.this_week.shortfall = shortfall
        grabbed = control.update_grab(
            m.grab, shortfall, team.managers.control_propensity, team.managers.courage, c=c_team
        )
        m.grab = choose(grabbed, m.grab, on=team.mechanisms.control_grab)
        coaching = self.coaching_received()[e.team]
        target = growth.initiative_target(
            staff.levers.responsibility, staff.levers.freedom, e.trust_in_manager, e.pleasure,
            coaching, m.taken_over[e.team], c=c, on=staff.mechanisms,
        )  # fmt: skip
        e.initiative = growth.update_initiative(e.initiative, target, c=c)
        e.skill = growth.learn(e.skill, coaching, e.present, c=c, on=staff.mechanisms.coaching)
        m.handed_over = manager_time.hand_over(
            m.handed_over, team.levers.responsibility, c=team.coefficients.manager_time,
            on=team.mechanisms.gradual_handover,
        )  # fmt: skip
        self._plan_week()

    def managers_feel(self) -> None:
        """Overtime, the squeeze between directors and team, and frustration drain managers."""
        s, m, e = self.by_team, self.managers, self.employees
        load, have = manager_time.manager_conditions(
            m.hours, m.coaching + m.vision, m.unsolved, contract_hours=s.managers.contract_hours,
            pressure=s.environment.pressure, shortfall=self.this_week.shortfall,
            team_trust=team_mean(e.trust_in_manager, e.team, m.team_size),
            safety=s.levers.safety, c=s.coefficients.manager_time,
        )  # fmt: skip
        c, rng = s.coefficients.wellbeing, self.streams["managers"]
        m.life_strain = wellbeing.outside_strain(m.life_strain, rng, c=c)
        target = wellbeing.exhaustion_target(
            m.exhaustion, load, have, m.vulnerability, m.life_strain, c=c
        )
        m.exhaustion = wellbeing.update_exhaustion(
            m.exhaustion, target, np.zeros(m.energy.size, dtype=bool), c=c
        )
        m.energy, m.pleasure = wellbeing.update_mood(
            m.energy, m.pleasure, m.exhaustion, load, have, m.energy_trait, m.pleasure_trait,
            np.zeros(m.energy.size), rng, c=c, compulsion=s.mechanisms.compulsion,
        )  # fmt: skip

    def follow_up(self) -> None:
        """Observed non-performers are addressed by managers with time, or by peers (C9, C10)."""
        e, m, week = self.employees, self.managers, self.this_week
        staff, present, rng = self.by_employee, e.present, self.streams["follow_up"]
        c, on = staff.coefficients.consequences, staff.mechanisms
        e.seen_performance = consequences.update_seen_performance(
            e.seen_performance, week.effort_seen, week.observed, c=c
        )
        attention = self._steered("address", self.coaching_received())
        slacking, addressed = consequences.follow_up(
            e.seen_performance, present, attention[e.team],
            gate(week.self_steering, on=on.social_control), rng, c=c,
            managers_follow_up=on.consequences,
        )  # fmt: skip
        m.slack_share = team_mean((slacking & ~addressed).astype(float), e.team, m.team_size)
        broken = addressed & e.agreed  # nothing changed since the agreements
        week.dismissed = broken & e.opportunist
        moved = addressed & ~e.opportunist  # find out why: a place that fits better
        e.fit = consequences.better_fit(e.fit, moved, rng, c=c)
        e.agreed = (e.agreed | addressed) & ~broken
        e.seen_performance = np.where(addressed, 1.0, e.seen_performance)  # judged afresh

    def absence_and_turnover(self) -> None:
        """Sick leave starts and ends; people leave (or are dismissed); newcomers are hired."""
        e, m, week, staff = self.employees, self.managers, self.this_week, self.by_employee
        c, on = staff.coefficients.workforce, staff.mechanisms
        week.team_engaged = kpis.engaged_teams(e, m.team_size)
        norm = workforce.relative_norm(m.absence_norm, m.team_size, self.replication)
        e.absent_weeks, long_leave = workforce.report_sick(
            e.absent_weeks, e.exhaustion, week.autonomy, e.pleasure, norm[e.team],
            self.streams["absence"], c=c, control_absence=on.control_absence,
            attendance=on.attendance, absence_culture=on.absence_culture,
        )  # fmt: skip
        e.burnout_leave = (e.burnout_leave | long_leave) & (e.absent_weeks > 0)
        quits = workforce.leave(
            e.pleasure, e.exhaustion, e.mismatched, e.tenure, self.streams["turnover"], c=c,
            fit_revealed=on.fit_revealed, embeddedness=on.embeddedness,
        )  # fmt: skip
        leaving = quits | week.dismissed
        leavers = np.flatnonzero(leaving)
        kpis.note_leavers(week, e, leaving, self.replication, self.replications)
        self.recruits.keep_fresh(e.size, staff, self.streams["hiring"])
        if leavers.size:
            newcomers = self.recruits.hire(
                leavers, staff, self.streams["rehiring"], self._next_person
            )
            self._next_person += leavers.size
            e.replace(leavers, newcomers)
        e.tenure += 1
