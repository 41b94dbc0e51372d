"""Employees and managers the usual Mesa way: one Python object each, stepping one by one.

Each agent keeps its own state (one-element arrays, drawn by ``sim.population`` like the array
model's rows) and calls the same functions of ``sim.mechanisms`` on it, so the yardstick follows
the model as its constants are tuned. A manager looks after their team: they pool the team's
knowledge, observe and trust, plan their week and notice who slacks.
"""

from __future__ import annotations

from dataclasses import fields

import mesa
import numpy as np

from sim.mechanisms import (
    consequences,
    control,
    decisions,
    effort,
    growth,
    manager_time,
    production,
    quadrants,
    trust,
    wellbeing,
    workforce,
)
from sim.population import Employees, Managers, draw_employees, draw_managers

OWN = np.zeros(1, dtype=np.int64)  # the team index of one person within their own team's arrays


class Employee(mesa.Agent):
    """One employee: their state, their week (decide, work, feel), sick leave and leaving."""

    def __init__(self, model: mesa.Model, manager: Manager, state: Employees) -> None:
        super().__init__(model)
        for f in fields(Employees):
            setattr(self, f.name, getattr(state, f.name).copy())
        self.team = np.array([manager.team])
        self.misconduct = np.zeros(1)
        self.manager = manager
        manager.staff.append(self)

    @property
    def present(self) -> np.ndarray:
        return self.absent_weeks <= 0

    def read_situation(self) -> None:
        """A fresh read of the team's best course, or the manager's report without one."""
        if self.model.scenario.mechanisms.local_knowledge:
            self.read = decisions.read_locally(self.manager.optimum, self.skill, self.model.rng)
        else:
            self.read = self.manager.view

    def step(self) -> None:
        """Decide, work, feel."""
        s, m, rng = self.model.scenario, self.manager, self.model.rng
        lv = s.levers
        self.decision = decisions.decide(
            self.view, m.rule_course, m.view, m.weights, OWN, lv.vision, rng
        )
        self.adaptation_error = decisions.adaptation_error(self.decision, m.optimum)

        peers = consequences.peer_detection(self.model.self_steering, s.mechanisms.social_control)
        self.detection = effort.detection(m.control_level, peers)
        felt = effort.felt_control(self.control_believed, self.autonomy_need)
        self.effort = self.present * effort.put_in_effort(
            self.energy,
            effort.motivation(self.pleasure, self.trust_in_manager, self.initiative),
            felt,
            self.detection,
            self.opportunist,
            s.dynamics.effort_energy_gain,
            crowding_out=s.mechanisms.crowding_out,
        )
        self.output = production.produce(
            self.effort,
            production.capability(self.skill, self.fit),
            self.adaptation_error,
            s.environment.shock,
        ) * manager_time.problems_cost(m.unsolved)
        self.misconduct = production.misconduct(
            self.opportunist & self.present, self.detection, self.output
        )

        conditions = wellbeing.employee_conditions(
            workload=0.5 * s.environment.pressure + 1.5 * m.absent_share,
            rules=lv.rules,
            felt_control=felt,
            vision=lv.vision,
            fit=self.fit,
            autonomy=0.5 * (lv.responsibility + lv.freedom) * (1 - 0.5 * m.control_level),
            autonomy_need=self.autonomy_need,
            trust_received=self.trust_given,
            coaching=m.coaching_received,
            safety=lv.safety,
            slack_share=m.slack_share,
        )
        d = s.dynamics
        self.energy, self.pleasure, self.fatigue = wellbeing.update_wellbeing(
            self.energy,
            self.pleasure,
            self.fatigue,
            conditions,
            self.energy_trait,
            self.pleasure_trait,
            ~self.present,
            energy_baseline=d.energy_baseline,
            pleasure_baseline=d.pleasure_baseline,
            rate=d.wellbeing_rate,
            noise=d.weekly_noise,
            rng=rng,
        )
        self.quadrant = quadrants.classify(self.energy, self.pleasure)

    def come_and_go(self) -> None:
        """Report sick or recover; leave, and be replaced by a newcomer."""
        model, d = self.model, self.model.scenario.dynamics
        self.absent_weeks, long_leave = workforce.report_sick(
            self.absent_weeks,
            self.quadrant == quadrants.BURNOUT,
            self.fatigue,
            self.energy,
            d.short_absence_hazard,
            d.burnout_absence_weeks,
            model.rng,
        )
        self.burnout_leave = (self.burnout_leave | long_leave) & (self.absent_weeks > 0)
        if workforce.leave(self.pleasure, model.rng)[0]:
            model.leavers += 1
            Employee(
                model, self.manager, draw_employees(1, model.scenario, model.rng, newcomer=True)
            )
            self.manager.staff.remove(self)
            self.remove()


class Manager(mesa.Agent):
    """One team's manager: their state, their team, and their week."""

    def __init__(self, model: mesa.Model, team: int, team_size: int) -> None:
        super().__init__(model)
        state = draw_managers(np.array([team_size]), model.scenario, model.rng)
        for f in fields(Managers):
            setattr(self, f.name, getattr(state, f.name).copy())
        self.team = team
        self.staff: list[Employee] = []
        self.slack_share = np.zeros(1)

    def team_mean(self, values) -> np.ndarray:
        """Mean over the team's positions (absent staff count as zero, as in ``sim``)."""
        return sum(values) / self.team_size

    def prepare(self) -> None:
        """Start of the week: control, decision rights, the (delayed) report, absence so far."""
        model, lv = self.model, self.model.scenario.levers
        self.optimum = model.optimum[self.team : self.team + 1]
        self.rule_course = model.rule_course
        self.control_level = control.control_level(lv.control, self.grab)
        self.weights = decisions.decision_weights(
            lv.responsibility, lv.freedom, lv.rules, self.control_level
        )
        self.view = decisions.manager_report(
            model.reported()[self.team : self.team + 1],
            (self.monitoring + self.vision) / self.team_size,
            model.rng,
        )
        self.absent_share = 1 - self.team_mean(e.present for e in self.staff)
        self.coaching_received = self.coaching_share()

    def coaching_share(self) -> np.ndarray:
        return np.minimum(1.0, self.coaching / (manager_time.COACHING_HOURS * self.team_size))

    def pool_knowledge(self) -> None:
        """Colleagues share what they read."""
        reads = np.concatenate([e.read for e in self.staff])
        views = decisions.share_knowledge(reads, np.zeros(reads.size, np.int64), self.team_size)
        for e, view in zip(self.staff, views, strict=True):
            e.view = view[None]

    def step(self) -> None:
        """Observe and trust, react to results, grow the team, plan and feel, follow up."""
        self.observe_and_trust()
        self.manage()
        self.follow_up()

    def observe_and_trust(self) -> None:
        s, rng = self.model.scenario, self.model.rng
        working = sum(e.present for e in self.staff)
        team_effort = sum(e.effort for e in self.staff) / np.maximum(working, 1)
        disposition = control.trust_disposition(s.levers.trust, self.grab)
        for e in self.staff:
            seen, bad = trust.observe(e.effort, team_effort, self.control_level, rng)
            present = e.present
            e.trust_given = trust.update_trust_given(
                e.trust_given, disposition, seen & present, bad & present
            )
            e.trust_in_manager = trust.update_trust_in_manager(e.trust_in_manager, e.trust_given)
            e.control_believed = (
                trust.update_control_believed(e.control_believed, self.control_level)
                if s.mechanisms.credibility
                else self.control_level
            )

    def manage(self) -> None:
        s = self.model.scenario
        lv, mech = s.levers, s.mechanisms
        self.results = control.smooth_results(
            self.results, self.team_mean(e.output for e in self.staff)
        )
        self.expected = control.update_expectation(self.expected, self.results)
        self.shortfall = control.shortfall(self.results, self.expected, s.environment.pressure)
        coaching = self.coaching_received if mech.coaching else 0.0
        for e in self.staff:
            target = growth.initiative_target(
                lv.responsibility,
                lv.freedom,
                e.trust_in_manager,
                e.pleasure,
                coaching,
                self.taken_over,
                lean_back=mech.lean_back,
            )
            e.initiative = growth.update_initiative(e.initiative, target)
            e.skill = growth.learn(e.skill, coaching, e.present)
        self.plan_week()
        self.feel()

    def plan_week(self) -> None:
        lv = self.model.scenario.levers
        s = self.model.scenario
        week = manager_time.plan_week(
            team_size=self.team_size,
            solved_by_staff=self.team_mean(e.initiative * e.present for e in self.staff),
            grab=self.grab,
            responsibility=lv.responsibility,
            control_level=control.control_level(lv.control, self.grab),
            pressure=s.environment.pressure,
            rules=lv.rules,
            vision=lv.vision,
            connection=lv.connection,
            max_hours=s.managers.max_hours,
        )
        self.reporting, self.monitoring, self.rules = week.reporting, week.monitoring, week.rules
        self.firefighting, self.vision, self.coaching = (
            week.firefighting,
            week.vision,
            week.coaching,
        )
        self.hours, self.taken_over, self.unsolved = week.hours, week.taken_over, week.unsolved

    def feel(self) -> None:
        s = self.model.scenario
        overtime = np.maximum(0.0, self.hours - s.managers.contract_hours) / 20
        squeeze = np.minimum(1.0, 4 * s.environment.pressure * self.shortfall)
        meaningful = (self.coaching + self.vision) / np.maximum(self.hours, 1)
        conditions = wellbeing.Conditions(
            demands=0.4 * overtime + 0.35 * squeeze + 0.25 * self.unsolved,
            resources=0.4 * meaningful * 3
            + 0.3 * self.team_mean(e.trust_in_manager for e in self.staff)
            + 0.3 * s.levers.safety,
        )
        d = s.dynamics
        self.energy, self.pleasure, self.fatigue = wellbeing.update_wellbeing(
            self.energy,
            self.pleasure,
            self.fatigue,
            conditions,
            self.energy_trait,
            self.pleasure_trait,
            np.zeros(1, dtype=bool),
            energy_baseline=d.energy_baseline,
            pleasure_baseline=d.pleasure_baseline,
            rate=d.wellbeing_rate,
            noise=d.weekly_noise,
            rng=self.model.rng,
        )

    def follow_up(self) -> None:
        """Notice who slacks (follow-up itself is not part of the reference)."""
        s = self.model.scenario
        slacking_left = []
        for e in self.staff:
            e.performance = consequences.smooth_performance(e.performance, e.effort, e.present)
            slacking, addressed = consequences.follow_up(
                e.performance,
                e.present,
                self.coaching_share(),
                0.0,
                self.model.rng,
                managers_follow_up=s.mechanisms.consequences,
            )
            slacking_left.append(slacking & ~addressed)
        self.slack_share = self.team_mean(slacking_left)
