"""Employees and managers as Mesa agents: thin views onto their row of the model's arrays."""

import numpy as np
import pytest

import sim
from sim.mechanisms.quadrants import BURNOUT, NAMES, as_counted


@pytest.fixture
def model(small_scenario) -> sim.OrgModel:
    model = sim.OrgModel(small_scenario, seed=4)
    for _ in range(3):
        model.step()
    return model


def test_one_agent_per_employee_and_per_manager(model):
    employees = model.agents_by_type[sim.Employee]
    managers = model.agents_by_type[sim.Manager]
    assert sorted(a.row for a in employees) == list(range(model.employees.size))
    assert sorted(a.row for a in managers) == list(range(model.managers.team_size.size))


EMPLOYEE_COLUMNS = """energy pleasure exhaustion effort output skill fit initiative trust_given
trust_in_manager autonomy_need team person_id tenure""".split()


@pytest.mark.parametrize("name", EMPLOYEE_COLUMNS)
def test_employee_views_read_their_row(model, name):
    column = getattr(model.employees, name)
    for agent in model.agents_by_type[sim.Employee]:
        assert getattr(agent, name) == column[agent.row]


def test_views_follow_the_arrays_as_the_model_steps(model):
    agent = next(iter(model.agents_by_type[sim.Employee]))  # indexing is deprecated in Mesa 3.5
    before = agent.energy
    model.step()
    assert agent.energy == model.employees.energy[agent.row]
    assert model.employees.energy[agent.row] != before


def test_quadrant_behaviour_and_team_as_documented(model):
    e = model.employees
    for agent in model.agents_by_type[sim.Employee]:
        assert agent.quadrant == NAMES[as_counted(e.quadrant, e.burnout_leave)[agent.row]]
        assert agent.behaviour == ("opportunist" if e.opportunist[agent.row] else "reciprocal")
        assert agent.team == e.team[agent.row]
        assert isinstance(agent.energy, float) and isinstance(agent.team, int)


def test_manager_views_read_their_row(model):
    for manager in model.agents_by_type[sim.Manager]:
        assert manager.team == manager.row
        assert manager.hours == model.managers.hours[manager.row]
        assert manager.coaching_hours == model.managers.coaching[manager.row]


def test_agentset_select_and_agg_work_on_the_views(model):
    employees = model.agents_by_type[sim.Employee]
    e = model.employees
    burnout = employees.select(lambda a: a.quadrant == "burnout")
    assert len(burnout) == int((as_counted(e.quadrant, e.burnout_leave) == BURNOUT).sum())
    assert employees.agg("energy", np.mean) == pytest.approx(e.energy.mean())
    team0 = employees.select(lambda a: a.team == 0)
    assert len(team0) == model.managers.team_size[0]


def test_someone_on_burnout_leave_is_burnout_and_on_burnout_leave_whatever_their_mood(model):
    """One truth with the KPIs (``quadrants.as_counted``): long burnout leave counts as burnout."""
    e = model.employees
    rows = [0, 1, 2]
    e.quadrant[rows] = NAMES.index("engagement")
    e.absent_weeks[rows] = [20, 2, 0]
    e.burnout_leave[rows] = [True, False, False]
    views = {a.row: a for a in model.agents_by_type[sim.Employee] if a.row in rows}
    assert [views[r].status for r in rows] == ["burnout leave", "absent", "working"]
    assert [views[r].quadrant for r in rows] == ["burnout", "engagement", "engagement"]
    model.measure()  # the KPIs count the same people as burnout
    burnout = sum(a.quadrant == "burnout" for a in model.agents_by_type[sim.Employee])
    this_week = model.record.frame(model.week + 1)["burnout_rate"].iloc[-1]
    assert this_week == pytest.approx(burnout / e.size)
