"""OrgModel: managers and employees in teams under the levers of trust, rules and control.

The weekly step tells the story of the claims (``sim/claims.py``): the environment moves, people
decide, work and feel; managers observe, build or withdraw trust, grab control or hold on, plan
their week and feel its strain, and follow up non-performers; people fall ill, leave and are
replaced; we measure. What a verb leaves for a later one lives in ``model.this_week``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from mesa import Model
from scipy import sparse

from sim import kpis
from sim.agents import Employee, Manager
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
from sim.points import Values, check_side_by_side
from sim.population import Recruits, draw_employees, draw_managers, side_by_side, team_sizes
from sim.scenario import MAX_REPORT_DELAY, Scenario, load_scenario
from sim.streams import SideBySide
from sim.week import Steering, ThisWeek

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


class OrgModel(Model):
    """An organisation simulated week by week (one ``step`` is one week)."""

    _views_created = False

    @property
    def scenario(self) -> Scenario:
        """What all points share: size, run, interventions (the model owns this name; Mesa 3.5's
        own ``Model.scenario`` would tie its experiment scenarios to it)."""
        return self._scenario

    @scenario.setter
    def scenario(self, scenario: Scenario) -> None:
        self._scenario = scenario

    def __init__(
        self,
        scenario: Scenario | str | Sequence[Scenario] = "baseline",
        seed: int | Sequence[int] | None = None,
        replications: int = 1,
    ) -> None:
        """``replications`` > 1 simulates that many copies of the organisation side by side, as
        one array dimension (faster for small organisations, see ``sim.run_batch``).

        Several scenarios with one seed each (a sweep's points) are simulated side by side too,
        ``replications`` copies of each, every point exactly as it would be alone
        (:mod:`sim.points`, ``sim.run_points``).
        """
        points = [scenario] if isinstance(scenario, Scenario | str) else list(scenario)
        points = [p if isinstance(p, Scenario) else load_scenario(p) for p in points]
        seeds = list(seed) if isinstance(seed, Sequence) else [seed] * len(points)
        if len(seeds) != len(points):
            raise ValueError(f"{len(points)} scenarios need {len(points)} seeds, not {len(seeds)}")
        check_side_by_side(points)
        super().__init__(rng=seeds[0])
        self.points = points
        self.scenario = points[0]
        self.week = 0
        self.replications = replications * len(points)  # organisations simulated side by side
        # One random stream per mechanism: switching one off leaves the others' draws unchanged,
        # so ablations and comparisons use common random numbers. Each point has its own.
        generators = [self.rng, *(np.random.default_rng(s) for s in seeds[1:])]
        per_point = [g.spawn(len(RANDOM_STREAMS)) for g in generators]
        parts = [
            self._populate(p, dict(zip(RANDOM_STREAMS, streams, strict=True)), replications)
            for p, streams in zip(points, per_point, strict=True)
        ]
        self._place_side_by_side(parts)
        # the organisation each team belongs to (organisations are consecutive blocks of teams)
        self.replication = np.repeat(
            np.arange(self.replications), self.managers.team_size.size // self.replications
        )
        point_of_organisation = np.repeat(np.arange(len(points)), replications)
        point_of_team = point_of_organisation[self.replication]
        self._point_of = (point_of_organisation, point_of_team, point_of_team[self.employees.team])
        if len(points) == 1:
            self.streams = dict(zip(RANDOM_STREAMS, per_point[0], strict=True))
        else:
            self.streams = {
                name: SideBySide([streams[i] for streams in per_point], self._point_of)
                for i, name in enumerate(RANDOM_STREAMS)
            }
        self._tabulate_numbers()
        self.optimum = self._global_optimum[self.replication] + self._local_optimum
        self._history = np.tile(self.optimum, (MAX_REPORT_DELAY + 1, 1))  # for delayed reports
        self.rule_course = self._global_optimum[self.replication]
        self.this_week = self._new_week()
        self.steering = Steering.nobody(self.managers.team_size.size)
        self.recruits = Recruits()
        self._plan_week()
        self._interventions = {}
        for iv in self.scenario.interventions:
            self._interventions.setdefault(iv.week, {}).update(iv.set)
        self.record = kpis.WeeklyRecord(self.scenario.run.weeks, self.replications)
        self._warm_up(self.scenario.run.warmup_weeks)

    @staticmethod
    def _populate(s: Scenario, rng: dict, replications: int) -> dict:
        """The people, ties and environment of ``replications`` organisations of one point."""
        headcount = s.organisation.employees
        sizes = np.tile(team_sizes(headcount, s.organisation.team_size), replications)
        employees = draw_employees(headcount * replications, s, rng["organisation"], newcomer=False)
        employees.team = np.repeat(np.arange(sizes.size), sizes)
        managers = draw_managers(sizes, s, rng["organisation"])
        ties = crossover.cross_team_ties(
            employees.team, s.organisation.cross_team_ties, rng["organisation"], headcount
        )
        optimum = environment.initial_optimum(
            s.environment.turbulence,
            sizes.size,
            rng["environment"],
            s.coefficients.environment,
            replications,
        )
        return {"employees": employees, "managers": managers, "ties": ties, "optimum": optimum}

    def _place_side_by_side(self, parts: list[dict]) -> None:
        """The points' organisations one after another: teams, people and ties renumbered."""
        teams = np.cumsum([0, *(p["managers"].team_size.size for p in parts[:-1])])
        people = np.cumsum([0, *(p["employees"].size for p in parts[:-1])])
        for part, first_team, first_person in zip(parts, teams, people, strict=True):
            part["employees"].team += first_team
            part["employees"].person_id += first_person
        self.employees = side_by_side([p["employees"] for p in parts])
        self.managers = side_by_side([p["managers"] for p in parts])
        self._next_person = self.employees.size
        self._cross_ties = (
            parts[0]["ties"]
            if len(parts) == 1
            else sparse.block_diag([p["ties"] for p in parts], format="csr")
        )
        self._cross_degree = np.asarray(self._cross_ties.sum(axis=1)).ravel()
        self._global_optimum = np.concatenate([p["optimum"][0] for p in parts])
        self._local_optimum = np.concatenate([p["optimum"][1] for p in parts])

    def _tabulate_numbers(self) -> None:
        """The points' levers and other numbers per organisation, team and employee."""
        self.by_organisation, self.by_team, self.by_employee = (
            Values(self.points, point) for point in self._point_of
        )

    # --- the week -----------------------------------------------------------------------------

    def step(self) -> None:
        """One week."""
        self.this_week = self._new_week()
        self.intervene()
        self.move_environment()
        self.decide()
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
            self._global_optimum,
            self._local_optimum,
            org.environment.turbulence,
            self.streams["environment"],
            org.coefficients.environment,
            c_local=team.coefficients.environment,
            local_turbulence=team.environment.turbulence,
        )
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
        week.control_level = self._steered(
            "monitoring", control.control_level(team.levers.control, m.grab)
        )
        weights = week.decision_weights = decisions.decision_weights(
            team.levers.responsibility, team.levers.freedom, team.levers.rules,
            week.control_level, c_team,
        )  # fmt: skip
        delay = s.environment.report_delay_weeks
        reported = self._history[(self.week - delay) % len(self._history)]
        rng = self.streams["decisions"]
        attention = (m.monitoring + m.vision) / m.team_size
        view = decisions.coordinate(
            decisions.manager_report(reported, attention, rng, c_team),
            self.replication,
            team.environment.interdependence,
            team.mechanisms.coordination,
        )
        local = decisions.read_locally(self.optimum[e.team], e.skill, rng, c)
        read = choose(staff.mechanisms.local_knowledge, local, view[e.team])
        e.decision = decisions.decide(
            decisions.share_knowledge(
                read,
                e.team,
                m.team_size,
                self.replication[e.team],
                staff.environment.interdependence,
                c,
                staff.mechanisms.coordination,
            ),
            self.rule_course[e.team],
            view,
            weights,
            e.team,
            staff.levers.vision,
            rng,
            c,
            shared_goals=staff.mechanisms.shared_goals,
        )
        e.adaptation_error = decisions.adaptation_error(e.decision, self.optimum[e.team], c)
        week.coordination_error = decisions.coordination_error(
            e.decision, self.replication[e.team], c
        )

    def work(self) -> None:
        """Effort by behavioural type, output, and misconduct."""
        staff, e, week = self.by_employee, self.employees, self.this_week
        lv, c, on = staff.levers, staff.coefficients, staff.mechanisms
        level = week.control_level[e.team]
        week.self_steering = consequences.self_steering(lv.vision, lv.responsibility, lv.freedom)
        week.peer_chance = consequences.peer_detection(
            week.self_steering, c.consequences, on.social_control
        )
        week.manager_chance = trust.observation_chance(
            level, e.trust_given, c.trust, on.deterrence, on.trust_abuse
        )
        week.noticed = trust.noticed(week.manager_chance, week.peer_chance)
        present = e.present
        felt = effort.felt_control(e.control_believed, e.autonomy_need, c.effort)
        colleagues = others_mean(e.effort, present, e.team, self.managers.team_size.size)
        e.effort = present * effort.put_in_effort(
            e.energy,
            effort.motivation(
                e.pleasure, e.trust_in_manager, e.initiative, e.reciprocity, c.effort,
                on.reciprocity,
            ),
            effort.distrust(felt, self.managers.slack_share[e.team], c.effort),
            e.control_sensitivity,
            week.noticed,
            e.opportunist,
            colleagues,
            c.effort,
            crowding_out=on.crowding_out,
            conditional=on.conditional_cooperation,
        )  # fmt: skip
        quality = production.decision_quality(
            e.adaptation_error,
            week.coordination_error,
            staff.environment.interdependence,
            week.decision_weights[0][e.team],
            c.production,
            on.adaptation,
            on.coordination,
        )
        clarity = resources.clarity(lv.vision, lv.rules, c.resources)
        team = self.by_team
        problems = manager_time.problems_cost(
            self.managers.unsolved,
            team.coefficients.manager_time,
            team.mechanisms.unsolved_problems,
        )
        e.output = (
            production.produce(
                e.effort,
                production.capability(e.skill, e.fit, c.production),
                quality,
                production.clarity_yield(clarity, c.production, on.role_clarity),
                staff.environment.shock,
            )
            * problems[e.team]
        )
        per_head = team_mean(e.output, e.team, self.managers.team_size)
        week.misconduct = production.misconduct(
            e.opportunist & present,
            week.noticed,
            per_head[e.team],
            (e.trust_given + lv.freedom) / 2,
            c.production,
            on.trust_abuse,
        )

    def feel(self) -> None:
        """Job demands and resources move exhaustion, energy and pleasure; moods cross over."""
        staff, e, m = self.by_employee, self.employees, self.managers
        lv, c, on = staff.levers, staff.coefficients, staff.mechanisms
        team, present = e.team, e.present
        control_level = self.this_week.control_level[team]
        absent_share = 1 - team_mean(present.astype(float), team, m.team_size)
        load = demands.job_demands(
            demands.workload(
                staff.environment.pressure, absent_share[team], c.demands, on.workload
            ),
            lv.rules,
            effort.felt_control(e.control_believed, e.autonomy_need, c.effort),
            e.fit,
            c.demands,
            red_tape=on.red_tape,
            control_stress=on.control_stress,
        )
        load = demands.Demands(load.challenge * present, load.hindrance * present)  # at work only
        have = resources.job_resources(
            autonomy=resources.autonomy(
                lv.responsibility, lv.freedom, control_level, c.decisions.control_takeback
            ),
            autonomy_need=e.autonomy_need,
            trust_received=e.trust_given,
            coaching=self.coaching_received()[team],
            safety=lv.safety,
            clarity=resources.clarity(lv.vision, lv.rules, c.resources),
            fit=e.fit,
            slack_share=m.slack_share[team],
            c=c.resources,
            on=on,
        )
        rng = self.streams["wellbeing"]
        e.life_strain = wellbeing.outside_strain(e.life_strain, rng, c.wellbeing)
        target = wellbeing.exhaustion_target(
            e.exhaustion, load, have, e.vulnerability, e.life_strain, c.wellbeing
        )
        e.exhaustion = wellbeing.update_exhaustion(e.exhaustion, target, ~present, c.wellbeing)
        e.energy, e.pleasure = wellbeing.update_mood(
            e.energy, e.pleasure, e.exhaustion, load, have, e.energy_trait, e.pleasure_trait,
            rng, c.wellbeing,
        )  # fmt: skip
        for name in ("energy", "pleasure"):
            values = getattr(e, name)
            mean = crossover.colleague_mean(
                values, team, m.team_size, self._cross_ties, self._cross_degree, c.crossover
            )
            setattr(e, name, crossover.cross_over(values, mean, c.crossover, on.crossover))
        e.quadrant = quadrants.classify(e.energy, e.pleasure, c.quadrants)

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
            e.effort,
            team_effort[e.team],
            week.manager_chance,
            week.peer_chance,
            self.streams["trust"],
            c,
        )
        week.observed &= present
        disposition = self._steered(
            "trust",
            control.trust_disposition(
                self.by_team.levers.trust, m.grab, self.by_team.coefficients.control
            ),
        )
        e.trust_given = trust.update_trust_given(
            e.trust_given, disposition[e.team], seen & present, bad & present, c
        )
        e.trust_in_manager = trust.update_trust_in_manager(e.trust_in_manager, e.trust_given, c)
        e.control_believed = trust.update_control_believed(
            e.control_believed, level, c, on.credibility
        )

    def manage(self) -> None:
        """Managers react to results, staff grow or lean back, managers plan next week."""
        e, m, team = self.employees, self.managers, self.by_team
        staff = self.by_employee
        c_team, c = team.coefficients.control, staff.coefficients.growth
        m.results = control.smooth_results(
            m.results, team_mean(e.output, e.team, m.team_size), c_team
        )
        m.expected = control.update_expectation(m.expected, m.results, c_team)
        shortfall = control.shortfall(m.results, m.expected, team.environment.pressure, c_team)
        self.this_week.shortfall = shortfall
        grabbed = control.update_grab(
            m.grab, shortfall, team.managers.control_propensity, team.managers.courage, c_team
        )
        m.grab = choose(team.mechanisms.control_grab, grabbed, m.grab)
        coaching = self.coaching_received()[e.team]
        target = growth.initiative_target(
            staff.levers.responsibility,
            staff.levers.freedom,
            e.trust_in_manager,
            e.pleasure,
            coaching,
            m.taken_over[e.team],
            c,
            staff.mechanisms,
        )
        e.initiative = growth.update_initiative(e.initiative, target, c)
        e.skill = growth.learn(e.skill, coaching, e.present, c, staff.mechanisms.coaching)
        self._plan_week()

    def managers_feel(self) -> None:
        """Overtime, the squeeze between directors and team, and frustration drain managers."""
        s, m, e = self.by_team, self.managers, self.employees
        load, have = manager_time.manager_conditions(
            m.hours,
            m.coaching + m.vision,
            m.unsolved,
            contract_hours=s.managers.contract_hours,
            pressure=s.environment.pressure,
            shortfall=self.this_week.shortfall,
            team_trust=team_mean(e.trust_in_manager, e.team, m.team_size),
            safety=s.levers.safety,
            c=s.coefficients.manager_time,
        )
        c, rng = s.coefficients.wellbeing, self.streams["managers"]
        m.life_strain = wellbeing.outside_strain(m.life_strain, rng, c)
        target = wellbeing.exhaustion_target(
            m.exhaustion, load, have, m.vulnerability, m.life_strain, c
        )
        m.exhaustion = wellbeing.update_exhaustion(
            m.exhaustion, target, np.zeros(m.energy.size, dtype=bool), c
        )
        m.energy, m.pleasure = wellbeing.update_mood(
            m.energy, m.pleasure, m.exhaustion, load, have, m.energy_trait, m.pleasure_trait,
            rng, c,
        )  # fmt: skip

    def follow_up(self) -> None:
        """Observed non-performers are addressed by managers with time, or by peers (C9, C10)."""
        e, m, week = self.employees, self.managers, self.this_week
        c, on, present = (
            self.by_employee.coefficients.consequences,
            self.by_employee.mechanisms,
            e.present,
        )
        rng = self.streams["follow_up"]
        e.seen_performance = consequences.update_seen_performance(
            e.seen_performance, week.effort_seen, week.observed, c
        )
        attention = self._steered("address", self.coaching_received())
        slacking, addressed = consequences.follow_up(
            e.seen_performance,
            present,
            attention[e.team],
            gate(on.social_control, week.self_steering),
            rng,
            c,
            managers_follow_up=on.consequences,
        )
        m.slack_share = team_mean((slacking & ~addressed).astype(float), e.team, m.team_size)
        broken = addressed & e.agreed  # nothing changed since the agreements
        week.dismissed = broken & e.opportunist
        moved = addressed & ~e.opportunist  # find out why: a place that fits better
        e.fit = consequences.better_fit(e.fit, moved, rng, c)
        e.agreed = (e.agreed | addressed) & ~broken
        e.seen_performance = np.where(addressed, 1.0, e.seen_performance)  # judged afresh

    def absence_and_turnover(self) -> None:
        """Sick leave starts and ends; people leave (or are dismissed); newcomers are hired."""
        e, c, week = self.employees, self.by_employee.coefficients.workforce, self.this_week
        e.absent_weeks, long_leave = workforce.report_sick(
            e.absent_weeks, e.exhaustion, self.streams["absence"], c
        )
        e.burnout_leave = (e.burnout_leave | long_leave) & (e.absent_weeks > 0)
        quits = workforce.leave(e.pleasure, e.exhaustion, self.streams["turnover"], c)
        leaving = quits | week.dismissed
        leavers = np.flatnonzero(leaving)
        week.leavers = np.bincount(self.replication[e.team[leavers]], minlength=self.replications)
        self.recruits.keep_fresh(e.size, self.by_employee, self.streams["hiring"])
        if leavers.size:
            newcomers = self.recruits.hire(
                leavers, self.by_employee, self.streams["rehiring"], self._next_person
            )
            self._next_person += leavers.size
            e.replace(leavers, newcomers)
        e.tenure += 1

    def measure(self) -> None:
        """This week's row of the weekly series (not during the unseen warm-up)."""
        if self.week >= 0:
            self.record.measure(self)

    # --- helpers ------------------------------------------------------------------------------

    def _warm_up(self, weeks: int) -> None:
        """Weeks at the initial levers before week 1, unseen, so that a run starts in the steady
        state of its levers. The step itself (not Mesa's counting wrapper) runs them."""
        self.week = -weeks
        for _ in range(weeks):
            type(self).step(self)

    def _new_week(self) -> ThisWeek:
        return ThisWeek.start(self.employees.size, self.managers.team_size.size, self.replications)

    def _steered(self, choice: str, by_the_story: np.ndarray) -> np.ndarray:
        """Per team: what a workshop participant chose for their team this round (``steer``),
        else what the story's manager does."""
        chosen = getattr(self.steering, choice)
        return np.where(np.isnan(chosen), by_the_story, chosen)

    def steer(self, team: int, **choices: float) -> None:
        """Let someone run ``team`` as its manager: ``trust`` given, ``monitoring`` (control
        level), ``coaching`` and ``vision`` (as levers of their time), ``firefighting`` (share of
        the team's problems taken over) and ``address`` (0/1: follow up non-performers), each in
        [0, 1]; ``None`` hands a choice back to the story's manager (C4, C5, C9 in the room).

        Steering takes effect with the next week: where it changes a choice that enters the
        manager's plan (:data:`~sim.week.Steering.PLANNED`), the team's plan for the next week
        is made again with it, so the hours follow the choice from that week on."""
        for name in choices:
            if name not in Steering.CHOICES:
                raise ValueError(f"{name}: not a choice; choose from {', '.join(Steering.CHOICES)}")
        chosen = {name: np.nan if v is None else float(v) for name, v in choices.items()}
        for name, value in chosen.items():
            if not (np.isnan(value) or 0.0 <= value <= 1.0):
                raise ValueError(
                    f"{name}: {choices[name]} is not allowed; it must be between 0 and 1"
                )
        replan = False
        for name, value in chosen.items():
            steered = getattr(self.steering, name)
            replan |= name in Steering.PLANNED and not _same(steered[team], value)
            steered[team] = value
        if replan:
            self._plan_week(only=team)

    def _control_level(self) -> np.ndarray:
        return self._steered(
            "monitoring", control.control_level(self.by_team.levers.control, self.managers.grab)
        )

    def coaching_received(self) -> np.ndarray:
        """Coaching per employee per team, as a share of the norm at full connection."""
        m, c = self.managers, self.by_team.coefficients.manager_time
        return np.minimum(1.0, m.coaching / (c.coaching_hours * m.team_size))

    def _plan_week(self, only: int | None = None) -> None:
        """Plan next week's hours of every manager (``only``: of that team's manager; the other
        teams keep the plan they have)."""
        s, m, e = self.by_team, self.managers, self.employees
        week = manager_time.plan_week(
            team_size=m.team_size,
            solved_by_staff=team_mean(e.initiative * e.present, e.team, m.team_size),
            grab=self._steered("firefighting", m.grab),
            responsibility=s.levers.responsibility,
            control_level=self._control_level(),
            pressure=s.environment.pressure,
            rules=s.levers.rules,
            vision=self._steered("vision", s.levers.vision),
            connection=self._steered("coaching", s.levers.connection),
            safety=s.levers.safety,
            max_hours=s.managers.max_hours,
            c=s.coefficients.manager_time,
            speaking_up=s.mechanisms.speaking_up,
        )
        planned = {
            "reporting": week.reporting,
            "monitoring": week.monitoring,
            "rules": week.rules,
            "firefighting": week.firefighting,
            "vision": week.vision,
            "coaching": week.coaching,
            "hours": week.hours,
            "taken_over": week.taken_over,
            "unsolved": week.unsolved,
        }
        mine = None if only is None else np.arange(m.team_size.size) == only
        for name, new in planned.items():
            setattr(m, name, new if mine is None else np.where(mine, new, getattr(m, name)))

    # --- outputs ------------------------------------------------------------------------------

    @property
    def agents(self):
        """All Mesa agents; the Employee and Manager views are created on first use."""
        self._create_views()
        return super().agents

    @property
    def agents_by_type(self):
        self._create_views()
        return super().agents_by_type

    @property
    def agent_types(self):
        self._create_views()
        return super().agent_types

    def _create_views(self) -> None:
        """One view per row, made when someone first asks for agents (the step never does).

        A million views take seconds and hundreds of MB, so runs that only need arrays skip them.
        """
        if not self._views_created:
            self._views_created = True
            n_employees, n_managers = self.employees.size, self.managers.team_size.size
            Employee.create_agents(self, n_employees, np.arange(n_employees))
            Manager.create_agents(self, n_managers, np.arange(n_managers))

    @property
    def colleagues(self):
        """The colleague network as a networkx graph (built on first use)."""
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(range(self.employees.size))
        team = self.employees.team
        for t in range(self.managers.team_size.size):
            members = np.flatnonzero(team == t)
            graph.add_edges_from(
                (a, b) for i, a in enumerate(members.tolist()) for b in members[i + 1 :].tolist()
            )
        upper = sparse.triu(self._cross_ties, k=1).tocoo()
        graph.add_edges_from(zip(upper.row.tolist(), upper.col.tolist(), strict=True))
        return graph

    def timeseries(self, replication: int = 0) -> pd.DataFrame:
        """Weekly organisation-level series so far, one row a week."""
        return self.record.frame(self.week, replication)

    def kpis(self, replication: int = 0) -> dict[str, float]:
        """KPIs averaged over the last ``run.measure_weeks`` weeks simulated."""
        return self.record.kpis(
            self.week,
            self.scenario.run.measure_weeks,
            self.employees.size // self.replications,
            replication,
        )


def _same(old: float, new: float) -> bool:
    """Whether a steering choice stays as it was (NaN: left to the story's manager)."""
    return old == new or (np.isnan(old) and np.isnan(new))
