"""Snapshots of a run (sim.snapshot): the people as the KPIs count them, week by week."""

from __future__ import annotations

import numpy as np
import pytest

import sim
from sim import snapshot
from sim.workshop import replay

SMALL = {"organisation.employees": 60}


def stepped(weeks: int, scenario: str = "vicious_circle", seed: int = 4) -> sim.OrgModel:
    model = sim.OrgModel(sim.load_scenario(scenario, **SMALL), seed=seed)
    for _ in range(weeks):
        model.step()
    return model


def test_a_snapshot_counts_the_quadrants_as_the_kpis_do():
    """Every week, the snapshot's quadrant shares are the weekly series' rates (one truth)."""
    model = sim.OrgModel(sim.load_scenario("vicious_circle", **SMALL), seed=4)
    on_leave = 0
    for _ in range(80):
        model.step()
        shot = snapshot.take(model)
        shares = shot.people["quadrant"].value_counts(normalize=True)
        row = model.timeseries().iloc[-1]
        assert shot.week == row["week"]
        for name in snapshot.QUADRANTS:
            assert shares.get(name, 0.0) == pytest.approx(row[f"{name}_rate"], abs=1e-12)
        on_leave += int(shot.people["burnout_leave"].sum())
    assert on_leave > 0  # the check saw people on burnout leave


def test_someone_on_burnout_leave_is_in_burnout_whatever_their_mood():
    model = stepped(80)
    people = snapshot.take(model).people
    leave = people[people["burnout_leave"]]
    assert len(leave) and (leave["quadrant"] == "burnout").all()
    assert (leave["status"] == "burnout leave").all()  # as Employee.status says
    cheerful = (leave["energy"] >= snapshot.CUT_OFF) | (leave["pleasure"] >= snapshot.CUT_OFF)
    assert cheerful.any()  # their mood alone would have put some elsewhere
    plane = replay.plane(model)  # the room's well-being plane shows them the same way
    assert (plane.loc[leave.index, "quadrant"] == "burnout").all()


def test_team_shares_are_each_team_s_people_by_quadrant():
    shot = snapshot.take(stepped(10))
    teams, people = shot.teams, shot.people
    assert list(teams.columns) == ["size", *snapshot.QUADRANTS]
    assert teams["size"].sum() == len(people)
    np.testing.assert_allclose(teams[list(snapshot.QUADRANTS)].sum(axis=1), 1.0)
    first = people[people["team"] == 0]
    assert teams.loc[0, "burnout"] == pytest.approx((first["quadrant"] == "burnout").mean())
    assert set(people["behaviour"]) <= set(snapshot.BEHAVIOURS)


def test_a_course_pictures_the_start_every_few_weeks_and_the_end():
    scenario = sim.load_scenario("baseline", **SMALL).with_weeks(11)
    weeks = [shot.week for shot in snapshot.course(scenario, seed=2, every=4)]
    assert weeks == [0, 4, 8, 11]
