"""Fair comparisons in the room (issue 21): each team over replications, against its own
counterfactuals, with bands; why; the next year; the story's events; the phone's signal."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import small

import sim
from sim.workshop import Workshop, WorkshopError, ensemble, export, replay, views
from sim.workshop.debrief import late_events, why

TRUSTING = {"trust": 0.9, "monitoring": 0.1, "coaching": 0.7, "firefighting": 0.0}
CONTROLLING = {"trust": 0.1, "monitoring": 0.9, "coaching": 0.1, "firefighting": 0.6}


@pytest.fixture(autouse=True)
def few_replications(monkeypatch):
    monkeypatch.setenv(ensemble.REPLICATIONS_ENVIRONMENT, "4")
    replay.forget()
    yield
    replay.forget()


def session(tmp_path, rounds=2, teams=3):
    """A small session: team 1 trusts, team 2 controls, team 3 follows the story."""
    ws = Workshop(tmp_path / "w.sqlite", create=True)
    created = ws.create(small(employees=teams * 8, weeks=40), teams, round_weeks=4, seed=5)
    ws.decide(created.code, created.seats[0].token, **TRUSTING)
    ws.decide(created.code, created.seats[1].token, **CONTROLLING)
    for round_ in range(1, rounds + 1):
        ws.close_round(created.code, created.facilitator_token, round=round_)
    return ws, created


def test_a_team_is_measured_against_its_own_counterfactuals_with_paired_bands(tmp_path):
    ws, created = session(tmp_path)
    played = ws.played(created.code)
    spread = played.spread
    assert played.replications == 4
    assert set(spread["round"]) == {0, 1, 2} and set(spread.team) == {1, 2, 3}
    last = spread[spread["round"] == 2].set_index(["team", "kpi"])
    # a team run by the story's manager is its own story counterfactual, exactly (common
    # random numbers); a team that already holds on to trust is its own held counterfactual
    assert (last.loc[3].vs_story == 0).all() and (last.loc[3].vs_story_high == 0).all()
    assert (last.loc[1].vs_held == 0).all()
    # the controlling team monitors more than it would under the story; the trusting less
    assert last.at[(2, "control_level"), "vs_story_low"] > 0
    assert last.at[(1, "control_level"), "vs_story_high"] < 0
    for part in ("", "change_", "vs_story_", "vs_held_"):
        mean = last["mean" if not part else part.rstrip("_")]
        assert (last[f"{part}low"] <= mean + 1e-12).all() and (
            mean <= last[f"{part}high"] + 1e-12
        ).all()
    start = spread[spread["round"] == 0]
    assert (start.change == 0).all()
    # the team's figures are the means over its replications
    teams = played.teams[played.teams["round"] == 2].set_index("team")
    assert teams.engagement_rate.to_dict() == pytest.approx(
        last.xs("engagement_rate", level="kpi")["mean"].to_dict()
    )


def test_the_same_log_gives_the_same_figures_and_live_equals_a_fresh_replay(tmp_path):
    ws, created = session(tmp_path, rounds=1)
    ws.played(created.code)  # the live organisation after round 1 …
    ws.close_round(created.code, created.facilitator_token, round=2)
    live = ws.played(created.code)  # … continued
    fresh = replay.replay(ws.log(created.code))
    pd.testing.assert_frame_equal(live.spread, fresh.spread, check_exact=True)
    pd.testing.assert_frame_equal(live.teams, fresh.teams, check_exact=True)


def test_steering_many_teams_at_once_is_steering_each(tmp_path):
    scenario = small(employees=40, weeks=20)
    one, many = sim.OrgModel(scenario, seed=3), sim.OrgModel(scenario, seed=3)
    one.steer(1, monitoring=0.9, trust=0.2)
    one.steer(3, coaching=0.8)
    teams = np.array([1, 3])
    many.steer_teams(
        teams, monitoring=np.array([0.9, np.nan]), trust=np.array([0.2, np.nan]),
        coaching=np.array([np.nan, 0.8]),
    )  # fmt: skip
    for _ in range(3):
        one.step()
        many.step()
    np.testing.assert_array_equal(one.employees.energy, many.employees.energy)
    np.testing.assert_array_equal(one.managers.hours, many.managers.hours)
    with pytest.raises(ValueError, match="trust: every value must be between 0 and 1"):
        many.steer_teams(teams, trust=np.array([0.5, 1.5]))


def test_the_next_year_keeps_the_choices_and_leaves_the_session_as_it_was(tmp_path):
    ws, created = session(tmp_path)
    before = ws.played(created.code).spread
    year = ws.next_year(created.code)
    assert set(year.team) == {1, 2, 3} and "round" not in year.columns
    assert (year[year.team == 3].vs_story == 0).all()
    pd.testing.assert_frame_equal(ws.played(created.code).spread, before, check_exact=True)
    replay.forget()
    pd.testing.assert_frame_equal(ws.next_year(created.code), year, check_exact=True)


def test_why_names_the_channels_that_differ_beyond_the_noise(tmp_path):
    ws, created = session(tmp_path)
    spread = ws.played(created.code).spread
    channels = why(spread, 2, 2)
    assert len(channels) <= 3
    assert ((channels.low > 0) | (channels.high < 0)).all()
    assert list(channels.steps.abs()) == sorted(channels.steps.abs(), reverse=True)
    assert why(spread, 3, 2).empty  # as the story's manager: nothing differs from the story


def test_a_bad_number_of_replications_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv(ensemble.REPLICATIONS_ENVIRONMENT, "many")
    with pytest.raises(WorkshopError, match="LOSLATEN_ROOM_REPLICATIONS: 'many' is not allowed"):
        ensemble.replications()


def test_the_rounds_ending_before_the_storys_events_are_found():
    story = sim.load_scenario("vicious_circle")  # a shock in weeks 53–104
    assert late_events(story, 3, 13) == [53, 105]
    assert late_events(story, 4, 13) == [53, 105]  # week 52 ends before the shock's first
    assert late_events(story, 5, 13) == [105]
    assert late_events(story, 12, 13) == []


def test_the_export_gives_each_row_its_replications_band_and_counterfactuals(tmp_path):
    ws, created = session(tmp_path)
    doc = export.document(export.tables(ws, created.code, created.facilitator_token))
    row = doc["rounds"][-1]
    assert row["replications"] == 4
    assert set(row["ci95"]) == set(row["kpis"]) == set(row["versus"]["story"])
    assert set(row["versus"]) == {"story", "held_trust"}
    low, high = row["ci95"]["engagement_rate"]
    assert low <= row["kpis"]["engagement_rate"] <= high
    if row["team"] == 3:
        assert row["versus"]["story"] == pytest.approx(row["kpis"])


def test_the_phones_signal_says_when_the_team_slips_from_its_start():
    start = {"engagement_rate": 0.3, "productivity": 1.0}
    calm = {"burnout_rate": 0.1, "control_felt": 0.5, "trust_in_manager": 0.4,
            "firefighting_hours": 2.0, "manager_hours": 45.0, "initiative": 0.5}  # fmt: skip
    now = calm | {"engagement_rate": 0.3, "productivity": 1.0}
    assert views.signal(now, start)["code"] == "steady"
    assert views.signal(now | {"engagement_rate": 0.05}, start)["code"] == "slipping"
    assert views.signal(now | {"productivity": 0.85}, start)["code"] == "slipping"
    assert views.signal(now | {"engagement_rate": 0.45}, start)["code"] == "gaining"
    assert views.signal(now | {"engagement_rate": 0.05}, None)["code"] == "steady"


# --- over plausible models (issue 23) -------------------------------------------------------------


def test_each_team_s_difference_against_the_story_over_plausible_models(tmp_path, monkeypatch):
    """A member that sets every coefficient to the story's own value is the unperturbed model:
    its differences are exactly the debrief's (the same seed and replications; a point's runs do
    not depend on what is simulated beside it). A team run by the story's manager has no
    difference, and so no share."""
    from sim.ensemble import Ensemble, load_ensemble
    from sim.texts import value_at
    from sim.workshop import plausible

    ws, created = session(tmp_path)
    log = ws.log(created.code)
    shipped = load_ensemble()
    own = [value_at(log.scenario, name) for name in shipped.names]
    same = Ensemble(shipped.names, np.array([own, own]), shipped.priors)
    monkeypatch.setattr(plausible, "load_ensemble", lambda: same)
    monkeypatch.setenv(plausible.MEMBERS_ENVIRONMENT, "2")
    monkeypatch.setenv(ensemble.REPLICATIONS_ENVIRONMENT, str(plausible.REPLICATIONS))
    replay.forget()
    found = views.debrief_models(ws, created.code, created.facilitator_token)
    assert set(found.team) == {1, 2, 3} and set(found.kpi) == set(sim.workshop.OUTCOMES)
    assert (found.members == 2).all()
    diffs = plausible.member_differences(log, 2).set_index(["member", "team", "kpi"])["diff"]
    for row in found.itertuples():
        for member in (0, 1):
            assert diffs[(member, row.team, row.kpi)] == pytest.approx(row.vs_story, abs=1e-12)
        if row.team == 3:
            assert row.vs_story == 0 and np.isnan(row.holds)
        elif row.vs_story != 0:
            assert row.holds == 1.0  # every member is the model itself: each agrees
    with pytest.raises(WorkshopError, match="LOSLATEN_ROOM_MODELS"):
        monkeypatch.setenv(plausible.MEMBERS_ENVIRONMENT, "0")
        plausible.members()
    with pytest.raises(WorkshopError, match="facilitator"):
        views.debrief_models(ws, created.code, created.seats[0].token)
