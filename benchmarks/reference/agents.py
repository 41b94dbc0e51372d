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
            self.read = decisions.read_locally(
                self.manager.optimum, self.skill, self.model.rng, self.model.c.decisions
            )
        else:
            self.read = self.manager.view

    def step(self) -> None:
        """Decide, work, feel."""
        s, m, rng, c = self.model.scenario, self.manager, self.model.rng, self.model.c
        lv = s.levers
        self.decision = decisions.decide(
            self.view, m.rule_course, m.view, m.weights, OWN, lv.vision, rng, c.decisions
        )
        self.adaptation_error = decisions.adaptation_error(self.decision, m.optimum, c.decisions)

        peers = consequences.peer_detection(
            self.model.self_steering, c.consequences, s.mechanisms.social_control
        )
        self.detection = effort.detection(m.control_level, peers, c.effort)
        felt = effort.felt_control(self.control_believed, self.autonomy_need, c.effort)
        self.effort = self.present * effort.put_in_effort(
            self.energy,
            effort.motivation(self.pleasure, self.trust_in_manager, self.initiative, c.effort),
            felt,
            self.detection,
            self.opportunist,
            c.effort,
            crowding_out=s.mechanisms.crowding_out,
        )
        self.output = production.produce(
            self.effort,
            production.capability(self.skill, self.fit, c.production),
            self.adaptation_error,
            s.environment.shock,
            c.production,
        ) * manager_time.problems_cost(m.unsolved, c.manager_time)
        self.misconduct = production.misconduct(
            self.opportunist & self.present, self.detection, self.output, c.production
        )

        conditions = wellbeing.employee_conditions(
            workload=wellbeing.workload(s.environment.pressure, m.absent_share, c.wellbeing),
            rules=lv.rules,
            felt_control=felt,
            vision=lv.vision,
            fit=self.fit,
            autonomy=decisions.delegated(
                lv.responsibility, lv.freedom, m.control_level, c.decisions
            ),
            autonomy_need=self.autonomy_need,
            trust_received=self.trust_given,
            coaching=m.coaching_received,
            safety=lv.safety,
            slack_share=m.slack_share,
            c=c.wellbeing,
        )
        self.energy, self.pleasure, self.fatigue = wellbeing.update_wellbeing(
            self.energy,
            self.pleasure,
            self.fatigue,
            conditions,
            self.energy_trait,
            self.pleasure_trait,
            ~self.present,
            rng,
            c.wellbeing,
        )
        self.quadrant = quadrants.classify(self.energy, self.pleasure, c.quadrants)

    def come_and_go(self) -> None:
        """Report sick or recover; leave, and be replaced by a newcomer."""
        model, c = self.model, self.model.c.workforce
        self.absent_weeks, long_leave = workforce.report_sick(
            self.absent_weeks,
            self.quadrant == quadrants.BURNOUT,
            self.fatigue,
            self.energy,
            model.rng,
            c,
        )
        self.burnout_leave = (self.burnout_leave | long_leave) & (self.absent_weeks > 0)
        if workforce.leave(self.pleasure, model.rng, c)[0]:
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
        self.c = model.c

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
            lv.responsibility, lv.freedom, lv.rules, self.control_level, self.c.decisions
        )
        self.view = decisions.manager_report(
            model.reported()[self.team : self.team + 1],
            (self.monitoring + self.vision) / self.team_size,
            model.rng,
            self.c.decisions,
        )
        self.absent_share = 1 - self.team_mean(e.present for e in self.staff)
        self.coaching_received = self.coaching_share()

    def coaching_share(self) -> np.ndarray:
        return np.minimum(
            1.0, self.coaching / (self.c.manager_time.coaching_hours * self.team_size)
        )

    def pool_knowledge(self) -> None:
        """Colleagues share what they read."""
        reads = np.concatenate([e.read for e in self.staff])
        views = decisions.share_knowledge(
            reads, np.zeros(reads.size, np.int64), self.team_size, self.c.decisions
        )
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
        disposition = control.trust_disposition(s.levers.trust, self.grab, self.c.control)
        c = self.c.trust
        for e in self.staff:
            seen, bad = trust.observe(e.effort, team_effort, self.control_level, rng, c)
            present = e.present
            e.trust_given = trust.update_trust_given(
                e.trust_given, disposition, seen & present, bad & present, c
            )
            e.trust_in_manager = trust.update_trust_in_manager(e.trust_in_manager, e.trust_given, c)
            e.control_believed = (
                trust.update_control_believed(e.control_believed, self.control_level, c)
                if s.mechanisms.credibility
                else self.control_level
            )

    def manage(self) -> None:
        s = self.model.scenario
        lv, mech = s.levers, s.mechanisms
        c = self.c.control
        self.results = control.smooth_results(
            self.results, self.team_mean(e.output for e in self.staff), c
        )
        self.expected = control.update_expectation(self.expected, self.results, c)
        self.shortfall = control.shortfall(self.results, self.expected, s.environment.pressure, c)
        coaching = self.coaching_received if mech.coaching else 0.0
        for e in self.staff:
            target = growth.initiative_target(
                lv.responsibility,
                lv.freedom,
                e.trust_in_manager,
                e.pleasure,
                coaching,
                self.taken_over,
                self.c.growth,
                lean_back=mech.lean_back,
            )
            e.initiative = growth.update_initiative(e.initiative, target, self.c.growth)
            e.skill = growth.learn(e.skill, coaching, e.present, self.c.growth)
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
            c=self.c.manager_time,
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
        conditions = manager_time.manager_conditions(
            self.hours,
            self.coaching + self.vision,
            self.unsolved,
            contract_hours=s.managers.contract_hours,
            pressure=s.environment.pressure,
            shortfall=self.shortfall,
            team_trust=self.team_mean(e.trust_in_manager for e in self.staff),
            safety=s.levers.safety,
            c=self.c.manager_time,
        )
        self.energy, self.pleasure, self.fatigue = wellbeing.update_wellbeing(
            self.energy,
            self.pleasure,
            self.fatigue,
            conditions,
            self.energy_trait,
            self.pleasure_trait,
            np.zeros(1, dtype=bool),
            self.model.rng,
            self.c.wellbeing,
        )

    def follow_up(self) -> None:
        """Notice who slacks (follow-up itself is not part of the reference)."""
        s = self.model.scenario
        slacking_left = []
        for e in self.staff:
            c = self.c.consequences
            e.performance = consequences.smooth_performance(e.performance, e.effort, e.present, c)
            slacking, addressed = consequences.follow_up(
                e.performance,
                e.present,
                self.coaching_share(),
                0.0,
                self.model.rng,
                c,
                managers_follow_up=s.mechanisms.consequences,
            )
            slacking_left.append(slacking & ~addressed)
        self.slack_share = self.team_mean(slacking_left)
