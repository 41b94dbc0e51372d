"""OrgModel: managers and employees in teams under the levers of trust, rules and control.

The weekly step tells the story of ``../shared/model-brief.md``: the environment moves, people
decide, work and feel; managers observe, build or withdraw trust, grab control or hold on, plan
their week and follow up non-performers; people fall ill, leave and are replaced; we measure.
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
    effort,
    environment,
    growth,
    manager_time,
    production,
    quadrants,
    trust,
    wellbeing,
    workforce,
)
from sim.mechanisms.teams import team_mean, team_sum
from sim.points import Values, check_side_by_side
from sim.population import draw_employees, draw_managers, side_by_side, team_sizes
from sim.scenario import MAX_REPORT_DELAY, Scenario, load_scenario
from sim.streams import SideBySide, among

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
)


class OrgModel(Model):
    """An organisation simulated week by week (one ``step`` is one week)."""

    _views_created = False

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
        super().__init__(seed=seeds[0])
        self.points = points
        self.scenario = points[0]  # what all points share: size, mechanisms, run, interventions
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
        self._slack_share = np.zeros(self.managers.team_size.size)
        self.leavers = np.zeros(self.replications, dtype=np.int64)  # this week, per organisation
        self._plan_week()
        self._interventions = {}
        for iv in self.scenario.interventions:
            self._interventions.setdefault(iv.week, {}).update(iv.set)
        self.record = kpis.WeeklyRecord(self.scenario.run.weeks, self.replications)

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
            s.environment.turbulence, sizes.size, rng["environment"], replications
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
        self.intervene()
        self.move_environment()
        self.decide()
        self.work()
        self.feel()
        self.observe_and_trust()
        self.manage()
        self.follow_up()
        self.absence_and_turnover()
        self.record.measure(self)
        self.week += 1

    def intervene(self) -> None:
        """Interventions scheduled for this week change levers or dispositions."""
        changes = self._interventions.get(self.week)
        if changes:
            self.points = [point.with_overrides(**changes) for point in self.points]
            self.scenario = self.points[0]
            self._tabulate_numbers()

    def move_environment(self) -> None:
        """The best course drifts; rules catch up with it only when they are revised."""
        self._global_optimum, self._local_optimum = environment.move_optimum(
            self._global_optimum,
            self._local_optimum,
            self.by_organisation.environment.turbulence,
            self.streams["environment"],
            local_turbulence=self.by_team.environment.turbulence,
        )
        self.optimum = self._global_optimum[self.replication] + self._local_optimum
        self._history[self.week % len(self._history)] = self.optimum
        if self.week % self.scenario.environment.rule_revision_weeks == 0:
            self.rule_course = self._global_optimum[self.replication]

    def decide(self) -> None:
        """Decisions by whoever holds the decision rights, with the knowledge they have."""
        s, e, m, lv = self.scenario, self.employees, self.managers, self.by_team.levers
        self.control_level = self._control_level()
        weights = decisions.decision_weights(
            lv.responsibility, lv.freedom, lv.rules, self.control_level
        )
        delay = s.environment.report_delay_weeks
        reported = self._history[(self.week - delay) % len(self._history)]
        rng = self.streams["decisions"]
        view = decisions.manager_report(reported, (m.monitoring + m.vision) / m.team_size, rng)
        if s.mechanisms.local_knowledge:
            read = decisions.read_locally(self.optimum[e.team], e.skill, rng)
        else:
            read = view[e.team]  # employees know only what the report says
        e.decision = decisions.decide(
            decisions.share_knowledge(read, e.team, m.team_size),
            self.rule_course[e.team],
            view,
            weights,
            e.team,
            self.by_employee.levers.vision,
            rng,
        )
        e.adaptation_error = decisions.adaptation_error(e.decision, self.optimum[e.team])

    def work(self) -> None:
        """Effort by behavioural type, output, and misconduct."""
        staff, e, mech = self.by_employee, self.employees, self.scenario.mechanisms
        lv = staff.levers
        self.self_steering = consequences.self_steering(lv.vision, lv.responsibility, lv.freedom)
        peers = consequences.peer_detection(self.self_steering, mech.social_control)
        level = self.control_level[e.team]
        self.detection = effort.detection(level, peers)
        present = e.present
        e.effort = present * effort.put_in_effort(
            e.energy,
            effort.motivation(e.pleasure, e.trust_in_manager, e.initiative),
            effort.felt_control(e.control_believed, e.autonomy_need),
            self.detection,
            e.opportunist,
            staff.dynamics.effort_energy_gain,
            crowding_out=mech.crowding_out,
        )
        e.output = production.produce(
            e.effort,
            production.capability(e.skill, e.fit),
            e.adaptation_error,
            staff.environment.shock,
        ) * manager_time.problems_cost(self.managers.unsolved[e.team])
        self.misconduct = production.misconduct(e.opportunist & present, self.detection, e.output)

    def feel(self) -> None:
        """Job demands and resources move energy and pleasure; moods cross over."""
        staff, e, m = self.by_employee, self.employees, self.managers
        lv, d = staff.levers, staff.dynamics
        team, present = e.team, e.present
        absent_share = 1 - team_mean(present.astype(float), team, m.team_size)
        conditions = wellbeing.employee_conditions(
            workload=0.5 * staff.environment.pressure + 1.5 * absent_share[team],
            rules=lv.rules,
            felt_control=effort.felt_control(e.control_believed, e.autonomy_need),
            vision=lv.vision,
            fit=e.fit,
            autonomy=0.5 * (lv.responsibility + lv.freedom) * (1 - 0.5 * self.control_level[team]),
            autonomy_need=e.autonomy_need,
            trust_received=e.trust_given,
            coaching=self.coaching_received()[team],
            safety=lv.safety,
            slack_share=self._slack_share[team],
        )
        e.energy, e.pleasure, e.fatigue = wellbeing.update_wellbeing(
            e.energy,
            e.pleasure,
            e.fatigue,
            conditions,
            e.energy_trait,
            e.pleasure_trait,
            ~present,
            energy_baseline=d.energy_baseline,
            pleasure_baseline=d.pleasure_baseline,
            rate=d.wellbeing_rate,
            noise=d.weekly_noise,
            rng=self.streams["wellbeing"],
        )
        if self.scenario.mechanisms.crossover:
            for name in ("energy", "pleasure"):
                values = getattr(e, name)
                mean = crossover.colleague_mean(
                    values, team, m.team_size, self._cross_ties, self._cross_degree
                )
                setattr(e, name, crossover.cross_over(values, mean, d.crossover_rate))
        e.quadrant = quadrants.classify(e.energy, e.pleasure)

    def observe_and_trust(self) -> None:
        """Managers observe some weeks; trust, trust in the manager and felt control move (C17)."""
        e, present = self.employees, self.employees.present
        team_effort = team_sum(e.effort, e.team, self.managers.team_size.size) / np.maximum(
            team_sum(present.astype(float), e.team, self.managers.team_size.size), 1
        )
        seen, bad = trust.observe(
            e.effort, team_effort[e.team], self.control_level[e.team], self.streams["trust"]
        )
        disposition = control.trust_disposition(self.by_team.levers.trust, self.managers.grab)
        disposition = disposition[e.team]
        e.trust_given = trust.update_trust_given(
            e.trust_given, disposition, seen & present, bad & present
        )
        e.trust_in_manager = trust.update_trust_in_manager(e.trust_in_manager, e.trust_given)
        level = self.control_level[e.team]
        e.control_believed = (
            trust.update_control_believed(e.control_believed, level)
            if self.scenario.mechanisms.credibility
            else level
        )

    def manage(self) -> None:
        """Managers react to results, staff grow or lean back, managers plan next week."""
        e, m, mech = self.employees, self.managers, self.scenario.mechanisms
        team, lv = self.by_team, self.by_employee.levers
        m.results = control.smooth_results(m.results, team_mean(e.output, e.team, m.team_size))
        m.expected = control.update_expectation(m.expected, m.results)
        self.shortfall = control.shortfall(m.results, m.expected, team.environment.pressure)
        if mech.control_grab:
            m.grab = control.update_grab(
                m.grab, self.shortfall, team.managers.control_propensity, team.managers.courage
            )
        coaching = self.coaching_received()[e.team] if mech.coaching else 0.0
        target = growth.initiative_target(
            lv.responsibility,
            lv.freedom,
            e.trust_in_manager,
            e.pleasure,
            coaching,
            m.taken_over[e.team],
            lean_back=mech.lean_back,
        )
        e.initiative = growth.update_initiative(e.initiative, target)
        e.skill = growth.learn(e.skill, coaching, e.present)
        self._plan_week()
        self._managers_feel()

    def follow_up(self) -> None:
        """Non-performers are addressed by managers with time, or by peers (C9, C10)."""
        e, m, mech = self.employees, self.managers, self.scenario.mechanisms
        present = e.present
        e.performance = consequences.smooth_performance(e.performance, e.effort, present)
        attention = self.coaching_received()[e.team]
        slacking, addressed = consequences.follow_up(
            e.performance,
            present,
            attention,
            self.self_steering if mech.social_control else 0.0,
            self.streams["follow_up"],
            managers_follow_up=mech.consequences,
        )
        self._slack_share = team_mean((slacking & ~addressed).astype(float), e.team, m.team_size)
        broken = addressed & e.agreed  # nothing changed since the agreements
        self._dismissed = broken & e.opportunist
        moved = addressed & ~e.opportunist  # find out why: a place that fits better
        e.fit[moved] = np.maximum(
            e.fit[moved], among(self.streams["follow_up"], moved).beta(5.0, 2.0, moved.sum())
        )
        e.agreed = (e.agreed | addressed) & ~broken
        e.performance = np.where(addressed, 1.0, e.performance)  # judged afresh

    def absence_and_turnover(self) -> None:
        """Sick leave starts and ends; people leave (or are dismissed); newcomers are hired."""
        e, d = self.employees, self.by_employee.dynamics
        e.absent_weeks, long_leave = workforce.report_sick(
            e.absent_weeks,
            e.quadrant == quadrants.BURNOUT,
            e.fatigue,
            e.energy,
            d.short_absence_hazard,
            d.burnout_absence_weeks,
            self.streams["absence"],
        )
        e.burnout_leave = (e.burnout_leave | long_leave) & (e.absent_weeks > 0)
        leaving = workforce.leave(e.pleasure, self.streams["turnover"]) | self._dismissed
        leavers = np.flatnonzero(leaving)
        self.leavers = np.bincount(self.replication[e.team[leavers]], minlength=self.replications)
        if leavers.size:
            newcomers = draw_employees(
                leavers.size,
                self.by_employee.at(leavers),
                among(self.streams["hiring"], leaving),
                newcomer=True,
                first_id=self._next_person,
            )
            self._next_person += leavers.size
            e.replace(leavers, newcomers)
        e.tenure += 1

    # --- helpers ------------------------------------------------------------------------------

    def _control_level(self) -> np.ndarray:
        return control.control_level(self.by_team.levers.control, self.managers.grab)

    def coaching_received(self) -> np.ndarray:
        """Coaching per employee per team, as a share of the norm at full connection."""
        m = self.managers
        return np.minimum(1.0, m.coaching / (manager_time.COACHING_HOURS * m.team_size))

    def _plan_week(self) -> None:
        s, m, e = self.by_team, self.managers, self.employees
        week = manager_time.plan_week(
            team_size=m.team_size,
            solved_by_staff=team_mean(e.initiative * e.present, e.team, m.team_size),
            grab=m.grab,
            responsibility=s.levers.responsibility,
            control_level=self._control_level(),
            pressure=s.environment.pressure,
            rules=s.levers.rules,
            vision=s.levers.vision,
            connection=s.levers.connection,
            max_hours=s.managers.max_hours,
        )
        m.reporting, m.monitoring, m.rules = week.reporting, week.monitoring, week.rules
        m.firefighting, m.vision, m.coaching = week.firefighting, week.vision, week.coaching
        m.hours, m.taken_over, m.unsolved = week.hours, week.taken_over, week.unsolved

    def _managers_feel(self) -> None:
        """Overtime, the squeeze between directors and team, and frustration drain managers."""
        s, m, e = self.by_team, self.managers, self.employees
        conditions = manager_time.manager_conditions(
            m.hours,
            m.coaching + m.vision,
            m.unsolved,
            contract_hours=s.managers.contract_hours,
            pressure=s.environment.pressure,
            shortfall=self.shortfall,
            team_trust=team_mean(e.trust_in_manager, e.team, m.team_size),
            safety=s.levers.safety,
        )
        d = s.dynamics
        m.energy, m.pleasure, m.fatigue = wellbeing.update_wellbeing(
            m.energy,
            m.pleasure,
            m.fatigue,
            conditions,
            m.energy_trait,
            m.pleasure_trait,
            np.zeros(m.energy.size, dtype=bool),
            energy_baseline=d.energy_baseline,
            pleasure_baseline=d.pleasure_baseline,
            rate=d.wellbeing_rate,
            noise=d.weekly_noise,
            rng=self.streams["managers"],
        )

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
