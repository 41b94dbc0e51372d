"""Employees and managers as Mesa agents: thin views onto their row of the model's arrays.

The state lives in numpy arrays owned by the model (``model.employees``, ``model.managers``), so
the weekly step is vectorised; these views let notebooks and Mesa's AgentSet idioms inspect one
person: ``model.agents_by_type[Employee].select(lambda a: a.quadrant == "burnout")``.
"""

from __future__ import annotations

import mesa
import numpy as np
from scipy import sparse

from sim.mechanisms.quadrants import NAMES, as_counted, classify
from sim.mechanisms.workforce import STATUSES, status


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
        """The well-being quadrant as the KPIs count it: burnout while on long burnout leave."""
        e = self.model.employees
        return NAMES[as_counted(e.quadrant[self.row], e.burnout_leave[self.row])]

    @property
    def status(self) -> str:
        """``"burnout leave"`` (long sick leave with burnout), ``"absent"`` (a short spell of
        sick leave) or ``"working"``."""
        e, row = self.model.employees, self.row
        return STATUSES[
            status(e.absent_weeks[row : row + 1] > 0, e.burnout_leave[row : row + 1])[0]
        ]


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
        return NAMES[classify(m.energy[self.row], m.pleasure[self.row], c=cut)]


class AgentViews:
    """The Mesa side of :class:`sim.OrgModel` (composed before ``mesa.Model``): the agents as
    views created on first use, and the colleague network as a graph."""

    _views_created = False

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
