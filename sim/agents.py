"""Employees and managers as Mesa agents: thin views onto their row of the model's arrays.

The state lives in numpy arrays owned by the model (``model.employees``, ``model.managers``), so
the weekly step is vectorised; these views let notebooks and Mesa's AgentSet idioms inspect one
person: ``model.agents_by_type[Employee].select(lambda a: a.quadrant == "burnout")``.
"""

from __future__ import annotations

import mesa

from sim.mechanisms.quadrants import NAMES, classify


def _column(table: str, name: str, doc: str) -> property:
    def get(self):
        value = getattr(getattr(self.model, table), name)[self.row]
        return value.item() if hasattr(value, "item") else value

    return property(get, doc=doc)


class Employee(mesa.Agent):
    """An employee position on the payroll (row ``row`` of ``model.employees``)."""

    def __init__(self, model: mesa.Model, row: int) -> None:
        super().__init__(model)
        self.row = row

    energy = _column("employees", "energy", "activation, 0 … 1")
    pleasure = _column("employees", "pleasure", "pleasure / dedication, 0 … 1")
    exhaustion = _column("employees", "exhaustion", "exhaustion, the core of burnout, 0 … 1")
    effort = _column("employees", "effort", "this week's effort (1 = normal)")
    output = _column("employees", "output", "this week's output")
    skill = _column("employees", "skill", "skill, 0 … 1")
    fit = _column("employees", "fit", "fit with one's talents, 0 … 1")
    initiative = _column("employees", "initiative", "initiative, 0 … 1")
    trust_given = _column("employees", "trust_given", "trust the manager gives, 0 … 1")
    trust_in_manager = _column("employees", "trust_in_manager", "trust in the manager, 0 … 1")
    autonomy_need = _column("employees", "autonomy_need", "need for autonomy, 0 … 1")
    team = _column("employees", "team", "team index")
    person_id = _column("employees", "person_id", "who holds the position now")
    tenure = _column("employees", "tenure", "weeks on the job")

    @property
    def behaviour(self) -> str:
        return "opportunist" if self.model.employees.opportunist[self.row] else "reciprocal"

    @property
    def quadrant(self) -> str:
        return NAMES[self.model.employees.quadrant[self.row]]

    @property
    def status(self) -> str:
        return "absent" if self.model.employees.absent_weeks[self.row] > 0 else "working"


class Manager(mesa.Agent):
    """A team's manager (row ``row`` of ``model.managers``; the team has the same index)."""

    def __init__(self, model: mesa.Model, row: int) -> None:
        super().__init__(model)
        self.row = row

    @property
    def team(self) -> int:
        return self.row

    energy = _column("managers", "energy", "activation, 0 … 1")
    pleasure = _column("managers", "pleasure", "pleasure, 0 … 1")
    grab = _column("managers", "grab", "control pulled back to the manager, 0 … 1")
    hours = _column("managers", "hours", "hours worked this week")
    monitoring_hours = _column("managers", "monitoring", "hours spent monitoring")
    firefighting_hours = _column("managers", "firefighting", "hours doing the team's work")
    coaching_hours = _column("managers", "coaching", "hours spent coaching")
    vision_hours = _column("managers", "vision", "hours on vision and strategy")
    rules_hours = _column("managers", "rules", "hours of rule administration")

    @property
    def quadrant(self) -> str:
        m, cut = self.model.managers, self.model.scenario.coefficients.quadrants
        return NAMES[classify(m.energy[self.row], m.pleasure[self.row], cut)]
