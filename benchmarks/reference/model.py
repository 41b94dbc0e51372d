"""The yardstick: the core of ``sim.OrgModel`` written the usual Mesa way.

One Python object per employee and per manager, each with its own ``step``, activated with
``agents.shuffle_do`` — the style of Mesa's bundled examples. Core mechanisms: the environment
and decisions, effort by type, output, job demands–resources well-being, trust, the manager's
week and initiative, absence, turnover and hiring. The others (``NOT_CORE``)
must be switched off in the scenario. KPIs are measured by the same code as ``sim``
(``sim.kpis.WeeklyRecord``) from arrays gathered off the agents each week.
"""

from __future__ import annotations

from dataclasses import fields
from types import SimpleNamespace

import numpy as np
from mesa import Model

from benchmarks.reference.agents import Employee, Manager
from sim import kpis
from sim.mechanisms import consequences, environment
from sim.population import Employees, Managers, draw_employees, team_sizes
from sim.scenario import MAX_REPORT_DELAY, Scenario

#: Mechanisms the reference leaves out: switched off in every scenario it runs.
NOT_CORE = {
    "mechanisms.crossover": False,
    "mechanisms.control_grab": False,
    "mechanisms.lean_back": False,
    "mechanisms.consequences": False,
    "mechanisms.social_control": False,
}


class ReferenceModel(Model):
    """An organisation of employee and manager objects, one week per ``step``."""

    def __init__(self, scenario: Scenario, seed: int | None = None) -> None:
        super().__init__(rng=seed)  # seed= is deprecated from Mesa 3.5; the same streams
        on = [key for key in NOT_CORE if getattr(scenario.mechanisms, key.split(".")[1])]
        if on or scenario.interventions:
            raise ValueError(f"the reference has only the core mechanisms; switch off {on}")
        self.scenario = s = scenario
        self.by_team = self.by_organisation = s  # the numbers of this one organisation
        self.replications = 1
        self.week = 0
        sizes = team_sizes(s.organisation.employees, s.organisation.team_size)
        self.c = s.coefficients
        self.global_optimum, self.local_optimum = environment.initial_optimum(
            s.environment.turbulence, sizes.size, self.rng, self.c.environment
        )
        self.optimum = self.global_optimum[0] + self.local_optimum
        self.history = np.tile(self.optimum, (MAX_REPORT_DELAY + 1, 1))
        self.rule_course = self.global_optimum
        self.leavers = np.zeros(1, dtype=np.int64)  # this week (one replication, as in sim)
        for team, size in enumerate(sizes):
            manager = Manager(self, team, size)
            staff = draw_employees(size, s, self.rng, newcomer=False)
            for row in range(size):
                Employee(self, manager, _row(staff, row))
        self.staff = self.agents_by_type[Employee]
        self.managers_set = self.agents_by_type[Manager]
        self.managers_set.do("plan_week")
        self.record = kpis.WeeklyRecord(s.run.weeks)

    def step(self) -> None:
        """One week: the story of ``sim.OrgModel.step``, told agent by agent."""
        self.leavers[:] = 0
        self.move_environment()
        self.self_steering = consequences.self_steering(
            self.scenario.levers.vision,
            self.scenario.levers.responsibility,
            self.scenario.levers.freedom,
        )
        self.managers_set.do("prepare")
        self.staff.shuffle_do("read_situation")
        self.managers_set.do("pool_knowledge")
        self.staff.shuffle_do("step")
        self.managers_set.shuffle_do("step")
        self.staff.shuffle_do("come_and_go")
        self.record.measure(self)
        self.week += 1

    def move_environment(self) -> None:
        env = self.scenario.environment
        self.global_optimum, self.local_optimum = environment.move_optimum(
            self.global_optimum, self.local_optimum, env.turbulence, self.rng, self.c.environment
        )
        self.optimum = self.global_optimum[0] + self.local_optimum
        self.history[self.week % len(self.history)] = self.optimum
        if self.week % env.rule_revision_weeks == 0:
            self.rule_course = self.global_optimum

    def reported(self) -> np.ndarray:
        """The team optima as they were ``report_delay_weeks`` ago."""
        delay = self.scenario.environment.report_delay_weeks
        return self.history[(self.week - delay) % len(self.history)]

    # --- reporters: the agents' state gathered into arrays for ``sim.kpis`` ------------------

    @property
    def employees(self) -> Employees:
        return _gather(Employees, list(self.staff))

    @property
    def managers(self) -> Managers:
        return _gather(Managers, sorted(self.managers_set, key=lambda m: m.team))

    @property
    def this_week(self) -> SimpleNamespace:
        return SimpleNamespace(
            misconduct=np.concatenate([e.misconduct for e in self.staff]),
            control_level=np.concatenate([m.control_level for m in self.managers_set]),
            leavers=self.leavers,
        )

    def kpis(self) -> dict[str, float]:
        s = self.scenario
        return self.record.kpis(self.week, s.run.measure_weeks, s.organisation.employees)


def _row(table: Employees, row: int) -> Employees:
    return Employees(**{f.name: getattr(table, f.name)[row : row + 1] for f in fields(table)})


def _gather(kind: type, agents: list) -> Employees | Managers:
    return kind(
        **{
            f.name: np.concatenate([np.atleast_1d(getattr(a, f.name)) for a in agents])
            for f in fields(kind)
        }
    )
