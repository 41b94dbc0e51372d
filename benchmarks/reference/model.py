"""The yardstick: ``sim.OrgModel`` written the usual Mesa way.

One ``Employee`` and one ``Manager`` agent per person (``agents.py``), each holding Python
numbers and computing its own part of the week with scalar arithmetic, activated phase by phase
with ``AgentSet.shuffle_do`` and ``do`` in the order of ``OrgModel.step``. Randomness comes from
Mesa's generators: ``self.random`` for every draw in the week, ``self.rng`` once, for the number
of ties across teams. Every mechanism switch of ``sim.scenario.Mechanisms`` is implemented
(:data:`IMPLEMENTED`) or listed as left out (:data:`LEFT_OUT`, which a scenario must switch off);
interventions and workshop steering are not part of the yardstick. KPIs are measured by the same
code as ``sim`` (``sim.kpis.WeeklyRecord``) from the agents' state gathered into arrays.
"""

from __future__ import annotations

import math
from statistics import fmean
from types import SimpleNamespace

import numpy as np
from mesa import Model

from benchmarks.reference.agents import Employee
from benchmarks.reference.managers import Manager
from sim import kpis
from sim.mechanisms.channels import REFERENCE
from sim.scenario import Scenario

IMPLEMENTED = (
    "local_knowledge",
    "coordination",
    "adaptation",
    "shared_goals",
    "role_clarity",
    "workload",
    "red_tape",
    "enabling_rules",
    "control_stress",
    "autonomy_burden",
    "autonomy_fit",
    "compulsion",
    "boost",
    "time_pressure",
    "autonomy_resource",
    "trust_resource",
    "safety_resource",
    "bad_apples",
    "coaching",
    "crossover",
    "reciprocity",
    "crowding_out",
    "conditional_cooperation",
    "deterrence",
    "trust_abuse",
    "initiative",
    "speaking_up",
    "unsolved_problems",
    "control_grab",
    "lean_back",
    "credibility",
    "consequences",
    "social_control",
    "control_absence",
    "attendance",
    "absence_culture",
    "fit_revealed",
    "embeddedness",
    "concertive",
)
"""The mechanism switches the reference implements, at any strength."""

LEFT_OUT: tuple[str, ...] = (
    "learned_misconduct",
    "testing",
    "gradual_handover",
    "span_attention",
)
"""The mechanism switches the reference does not implement: a scenario it runs has them off."""

SWITCHED_OFF = {f"mechanisms.{name}": False for name in LEFT_OUT}
"""Overrides that switch off what the reference leaves out, for ``load_scenario``."""

EMPLOYEE_COLUMNS = (
    "opportunist",
    "quadrant",
    "burnout_leave",
    "output",
    "adaptation_error",
    "effort",
    "trust_given",
    "trust_in_manager",
    "initiative",
    "energy",
    "pleasure",
    "exhaustion",
)
MANAGER_COLUMNS = (
    "hours",
    "reporting",
    "monitoring",
    "rules",
    "firefighting",
    "vision",
    "coaching",
    "grab",
    "energy",
    "pleasure",
)
"""The columns of ``sim.population.Employees`` and ``Managers`` that ``sim.kpis.Tally`` reads."""


class ReferenceModel(Model):
    """An organisation of employee and manager agents, one week per ``step``."""

    def __init__(self, scenario: Scenario, seed: int | None = None) -> None:
        """The organisation of ``OrgModel.__init__`` (one replication), warmed up as there."""
        super().__init__(rng=seed)
        left_on = [name for name in LEFT_OUT if getattr(scenario.mechanisms, name)]
        if left_on:
            raise ValueError(
                f"the reference leaves out {', '.join(left_on)}: switch them off "
                f"(benchmarks.reference.model.SWITCHED_OFF)"
            )
        if scenario.interventions:
            raise ValueError("the reference has no interventions")
        self.scenario = s = scenario
        self.c, self.on = s.coefficients, s.mechanisms
        self.by_team = self.by_organisation = s  # the numbers ``sim.kpis.Tally`` reads
        self.replications = 1
        self.leavers = self.newcomers = self.newcomer_leavers = 0
        self._organisation_conditions()
        # the best course, organisation-wide and per team (``environment.initial_optimum``)
        c, turbulence = self.c.environment, s.environment.turbulence
        spread = c.step * turbulence / math.sqrt(1 - (1 - c.reversion) ** 2)
        self.global_optimum = spread * self.random.gauss(0.0, 1.0)
        self.rule_course = self.global_optimum
        size, team_size = s.organisation.employees, s.organisation.team_size
        teams = -(-size // team_size)  # ``population.team_sizes``: the first teams one larger
        for team in range(teams):
            manager = Manager(self, c.local_share * spread * self.random.gauss(0.0, 1.0))
            members = size // teams + (team < size % teams)
            manager.staff = [Employee(self, manager, newcomer=False) for _ in range(members)]
        self.staff = self.agents_by_type[Employee]
        self.management = self.agents_by_type[Manager]
        self._tie_across_teams(list(self.staff))
        self.management.do("plan_week")
        self.record = kpis.WeeklyRecord(s.run.weeks)
        self.week = -s.run.warmup_weeks  # unseen weeks first, as ``OrgModel._warm_up``
        for _ in range(s.run.warmup_weeks):
            type(self).step(self)

    def _tie_across_teams(self, people: list[Employee]) -> None:
        """Random ties between employees of different teams (``crossover.cross_team_ties``)."""
        pairs = int(self.rng.poisson(self.scenario.organisation.cross_team_ties * len(people) / 2))
        for _ in range(pairs):
            a, b = self.random.choice(people), self.random.choice(people)
            if a.manager is not b.manager:
                a.ties.add(b)
                b.ties.add(a)

    def _organisation_conditions(self) -> None:
        """What the levers alone set for everyone: self-steering and peers' eyes
        (``consequences.self_steering``, ``peer_detection``), role clarity and its yield
        (``resources.clarity``, ``production.clarity_yield``) and red tape
        (``demands.job_demands``)."""
        c, on, lv = self.c, self.on, self.scenario.levers
        self.self_steering = lv.vision * lv.responsibility * lv.freedom
        self.peer_chance = on.social_control * c.consequences.peer_detection * self.self_steering
        self.peer_control = on.concertive * c.consequences.concertive * self.self_steering
        r = c.resources
        from_rules = r.rule_clarity * lv.rules / (lv.rules + r.rule_clarity_half)
        self.clarity = 1 - (1 - lv.vision) * (1 - from_rules)
        clarity = on.role_clarity * self.clarity + (1 - on.role_clarity) * REFERENCE
        p = c.production
        self.clarity_yield = 1 + p.clarity_gain * (clarity - p.typical_clarity)
        d = c.demands
        self.red_tape = on.red_tape * d.red_tape_weight * lv.rules**d.red_tape_exponent

    # --- the week: the verbs of ``OrgModel.step`` ---------------------------------------------

    def step(self) -> None:
        """One week."""
        self.leavers = self.newcomers = self.newcomer_leavers = 0
        self.move_environment()
        self.decide()
        self.work()
        self.feel()
        self.management.shuffle_do("observe_and_trust")
        self.manage()
        self.management.shuffle_do("feel")
        self.management.shuffle_do("follow_up")
        self.management.do("count_engaged")
        self.compare_absence()
        self.staff.shuffle_do("come_and_go")
        self.management.do("learn_absence")
        if self.week >= 0:  # not during the warm-up
            self.record.measure(self)
        self.week += 1

    def compare_absence(self) -> None:
        """Each team's absence norm as a multiple of the organisation's (``relative_norm``)."""
        heads = sum(len(m.staff) for m in self.management)
        usual = sum(m.absence_norm * len(m.staff) for m in self.management) / heads
        for m in self.management:
            m.relative_absence = m.absence_norm / usual if usual > 0 else 1.0

    def move_environment(self) -> None:
        """The best course drifts; rules catch up when revised (``OrgModel.move_environment``)."""
        c, env = self.c.environment, self.scenario.environment
        step = c.step * env.turbulence
        self.global_optimum = (1 - c.reversion) * self.global_optimum + step * self.random.gauss(
            0.0, 1.0
        )
        self.management.do("move_environment")
        if self.week % env.rule_revision_weeks == 0:
            self.rule_course = self.global_optimum

    def decide(self) -> None:
        """Managers report and coordinate; staff read, pool and decide (``OrgModel.decide``)."""
        self.management.do("report")
        self.management.do("coordinate", fmean(m.view for m in self.management))
        self.staff.shuffle_do("read_situation")
        self.management.do("pool_knowledge")
        self.common_view = fmean(e.view for e in self.staff)
        self.staff.shuffle_do("decide")
        self.mean_decision = fmean(e.decision for e in self.staff)

    def work(self) -> None:
        """Effort, output and misconduct (``OrgModel.work``)."""
        self.management.do("count_heads")
        self.staff.shuffle_do("work")
        self.management.do("count_output")
        self.staff.do("divert")

    def feel(self) -> None:
        """Well-being, then moods cross over between colleagues (``OrgModel.feel``)."""
        self.staff.shuffle_do("feel")
        self.management.do("sum_moods")
        self.staff.do("hear_colleagues")
        self.staff.do("cross_over")

    def manage(self) -> None:
        """Managers react to results, staff grow, managers plan (``OrgModel.manage``)."""
        self.management.shuffle_do("react_to_results")
        self.staff.shuffle_do("grow")
        self.management.do("plan_week")

    # --- measurement: the agents' state as the arrays ``sim.kpis.Tally`` reads ----------------

    @property
    def employees(self) -> SimpleNamespace:
        staff = list(self.staff)
        columns = {name: np.array([getattr(e, name) for e in staff]) for name in EMPLOYEE_COLUMNS}
        present = np.array([e.present for e in staff])
        team = {m: i for i, m in enumerate(self.management)}
        columns["team"] = np.array([team[e.manager] for e in staff])
        return SimpleNamespace(size=len(staff), present=present, **columns)

    @property
    def managers(self) -> SimpleNamespace:
        team = list(self.management)
        columns = {name: np.array([getattr(m, name) for m in team]) for name in MANAGER_COLUMNS}
        return SimpleNamespace(team_size=np.array([len(m.staff) for m in team]), **columns)

    @property
    def this_week(self) -> SimpleNamespace:
        return SimpleNamespace(
            misconduct=np.array([e.misconduct for e in self.staff]),
            coordination_error=np.array([e.coordination_error for e in self.staff]),
            control_level=np.array([m.control_level for m in self.management]),
            leavers=np.array([self.leavers]),
            newcomers=np.array([self.newcomers]),
            newcomer_leavers=np.array([self.newcomer_leavers]),
            team_leavers=np.array([m.leavers for m in self.management]),
            team_engaged=np.array([m.engaged for m in self.management]),
        )

    def kpis(self) -> dict[str, float]:
        """KPIs over the last ``run.measure_weeks`` weeks (``OrgModel.kpis``)."""
        s = self.scenario
        return self.record.kpis(self.week, s.run.measure_weeks, s.organisation.employees)
