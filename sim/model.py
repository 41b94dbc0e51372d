"""OrgModel: managers and employees in teams under the levers of trust, rules and control.

The weekly step tells the story of ``../shared/model-brief.md``: the environment moves, people
decide, work and feel; managers observe, build or withdraw trust, grab control or hold on, plan
their week and follow up non-performers; people fall ill, leave and are replaced; we measure.
"""

from __future__ import annotations

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
from sim.population import draw_employees, draw_managers, team_sizes
from sim.scenario import MAX_REPORT_DELAY, Scenario, load_scenario

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
        self, scenario: Scenario | str = "baseline", seed: int | None = None, replications: int = 1
    ) -> None:
        """``replications`` > 1 simulates that many copies of the organisation side by side, as
        one array dimension (faster for small organisations, see ``sim.run_batch``)."""
        super().__init__(seed=seed)
        # One random stream per mechanism: switching one off leaves the others' draws unchanged,
        # so ablations and comparisons use common random numbers.
        self.streams = dict(zip(RANDOM_STREAMS, self.rng.spawn(len(RANDOM_STREAMS)), strict=True))
        rng = self.streams
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.week = 0
        self.replications = replications
        s = self.scenario
        headcount = s.organisation.employees
        sizes = np.tile(team_sizes(headcount, s.organisation.team_size), replications)
        # the replication each team belongs to (organisations are consecutive blocks of teams)
        self.replication = np.repeat(np.arange(replications), sizes.size // replications)
        self.employees = draw_employees(
            headcount * replications, s, rng["organisation"], newcomer=False
        )
        self.employees.team = np.repeat(np.arange(sizes.size), sizes)
        self.managers = draw_managers(sizes, s, rng["organisation"])
        self._next_person = headcount * replications
        self._cross_ties = crossover.cross_team_ties(
            self.employees.team, s.organisation.cross_team_ties, rng["organisation"], headcount
        )
        self._cross_degree = np.asarray(self._cross_ties.sum(axis=1)).ravel()
        self._global_optimum, self._local_optimum = environment.initial_optimum(
            s.environment.turbulence, sizes.size, rng["environment"], replications
        )
        self.optimum = self._global_optimum[self.replication] + self._local_optimum
        self._history = np.tile(self.optimum, (MAX_REPORT_DELAY + 1, 1))  # for delayed reports
        self.rule_course = self._global_optimum[self.replication]
        self._slack_share = np.zeros(sizes.size)
        self.leavers = np.zeros(replications, dtype=np.int64)  # this week, per replication
        self._plan_week()
        self._interventions = {}
        for iv in s.interventions:
            self._interventions.setdefault(iv.week, {}).update(iv.set)
        self.record = kpis.WeeklyRecord(s.run.weeks, replications)

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
            self.scenario = self.scenario.with_overrides(**changes)

    def move_environment(self) -> None:
        """The best course drifts; rules catch up with it only when they are revised."""
        env = self.scenario.environment
        self._global_optimum, self._local_optimum = environment.move_optimum(
            self._global_optimum, self._local_optimum, env.turbulence, self.streams["environment"]
        )
        self.optimum = self._global_optimum[self.replication] + self._local_optimum
        self._history[self.week % len(self._history)] = self.optimum
        if self.week % env.rule_revision_weeks == 0:
            self.rule_course = self._global_optimum[self.replication]

    def decide(self) -> None:
        """Decisions by whoever holds the decision rights, with the knowledge they have."""
        s, e, m = self.scenario, self.employees, self.managers
        self.control_level = self._control_level()
        weights = decisions.decision_weights(
            s.levers.responsibility, s.levers.freedom, s.levers.rules, self.control_level
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
            s.levers.vision,
            rng,
        )
        e.adaptation_error = decisions.adaptation_error(e.decision, self.optimum[e.team])

    def work(self) -> None:
        """Effort by behavioural type, output, and misconduct."""
        lv, e, mech = self.scenario.levers, self.employees, self.scenario.mechanisms
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
            self.scenario.dynamics.effort_energy_gain,
            crowding_out=mech.crowding_out,
        )
        e.output = production.produce(
            e.effort,
            production.capability(e.skill, e.fit),
            e.adaptation_error,
            self.scenario.environment.shock,
        ) * manager_time.problems_cost(self.managers.unsolved[e.team])
        self.misconduct = production.misconduct(e.opportunist & present, self.detection, e.output)

    def feel(self) -> None:
        """Job demands and resources move energy and pleasure; moods cross over."""
        s, e, m = self.scenario, self.employees, self.managers
        lv, d = s.levers, s.dynamics
        team, present = e.team, e.present
        absent_share = 1 - team_mean(present.astype(float), team, m.team_size)
        conditions = wellbeing.employee_conditions(
            workload=0.5 * s.environment.pressure + 1.5 * absent_share[team],
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
        if s.mechanisms.crossover:
            for name in ("energy", "pleasure"):
                values = getattr(e, name)
                mean = crossover.colleague_mean(
                    values, team, m.team_size, self._cross_ties, self._cross_degree
                )
                setattr(e, name, crossover.cross_over(values, mean, d.crossover_rate))
        e.quadrant = quadrants.classify(e.energy, e.pleasure)

    def observe_and_trust(self) -> None:
        """Managers observe some weeks; trust, trust in the manager and felt control move (C17)."""
        e, lv = self.employees, self.scenario.levers
        present = e.present
        team_effort = team_sum(e.effort, e.team, self.managers.team_size.size) / np.maximum(
            team_sum(present.astype(float), e.team, self.managers.team_size.size), 1
        )
        seen, bad = trust.observe(
            e.effort, team_effort[e.team], self.control_level[e.team], self.streams["trust"]
        )
        disposition = control.trust_disposition(lv.trust, self.managers.grab)[e.team]
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
        s, e, m = self.scenario, self.employees, self.managers
        lv, mech = s.levers, s.mechanisms
        m.results = control.smooth_results(m.results, team_mean(e.output, e.team, m.team_size))
        m.expected = control.update_expectation(m.expected, m.results)
        self.shortfall = control.shortfall(m.results, m.expected, s.environment.pressure)
        if mech.control_grab:
            m.grab = control.update_grab(
                m.grab, self.shortfall, s.managers.control_propensity, s.managers.courage
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
            e.fit[moved], self.streams["follow_up"].beta(5.0, 2.0, moved.sum())
        )
        e.agreed = (e.agreed | addressed) & ~broken
        e.performance = np.where(addressed, 1.0, e.performance)  # judged afresh

    def absence_and_turnover(self) -> None:
        """Sick leave starts and ends; people leave (or are dismissed); newcomers are hired."""
        e, d = self.employees, self.scenario.dynamics
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
        leavers = np.flatnonzero(
            workforce.leave(e.pleasure, self.streams["turnover"]) | self._dismissed
        )
        self.leavers = np.bincount(self.replication[e.team[leavers]], minlength=self.replications)
        if leavers.size:
            newcomers = draw_employees(
                leavers.size,
                self.scenario,
                self.streams["hiring"],
                newcomer=True,
                first_id=self._next_person,
            )
            self._next_person += leavers.size
            e.replace(leavers, newcomers)
        e.tenure += 1

    # --- helpers ------------------------------------------------------------------------------

    def _control_level(self) -> np.ndarray:
        return control.control_level(self.scenario.levers.control, self.managers.grab)

    def coaching_received(self) -> np.ndarray:
        """Coaching per employee per team, as a share of the norm at full connection."""
        m = self.managers
        return np.minimum(1.0, m.coaching / (manager_time.COACHING_HOURS * m.team_size))

    def _plan_week(self) -> None:
        s, m, e = self.scenario, self.managers, self.employees
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
        s, m, e = self.scenario, self.managers, self.employees
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
