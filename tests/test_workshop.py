"""Participatory workshop sessions: the command line, who may do what, replay and restart,
counterfactuals, the screens' data, and the steering they rest on (``OrgModel.steer``)."""

from __future__ import annotations

import copy
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, small

import sim
from sim.cli.output import clean
from sim.mechanisms import control
from sim.points import Values
from sim.workshop import CHOICES, Workshop, WorkshopError, ensemble, export, replay, views, week
from sim.workshop.checks import CODE_ALPHABET, CODE_LENGTH
from sim.workshop.measure import TEAM_KPIS
from sim.workshop.session import running_code_version

STORY, TEAMS, WEEKS = "vicious_circle", 4, 13

PLAN = {  # round → team → choices submitted; team 4 never decides (the story's manager)
    1: {
        1: {"trust": 0.8, "monitoring": 0.2, "coaching": 0.7},
        2: {"trust": 0.2, "monitoring": 0.9, "firefighting": 0.8},
    },
    2: {1: {"vision": 0.9}, 3: {"trust": 0.5, "address": 1.0}},
    3: {2: {"trust": 0.6, "monitoring": 0.4}},
}

# What steers each team in each round, worked out by hand from PLAN: who does not submit keeps
# last round's choices; a choice never given stays with the story's manager (None).
STEERED = {
    1: {1: {"trust": 0.8, "monitoring": 0.2, "coaching": 0.7},
        2: {"trust": 0.2, "monitoring": 0.9, "firefighting": 0.8}},
    2: {1: {"trust": 0.8, "monitoring": 0.2, "coaching": 0.7, "vision": 0.9},
        2: {"trust": 0.2, "monitoring": 0.9, "firefighting": 0.8},
        3: {"trust": 0.5, "address": 1.0}},
    3: {1: {"trust": 0.8, "monitoring": 0.2, "coaching": 0.7, "vision": 0.9},
        2: {"trust": 0.6, "monitoring": 0.4, "firefighting": 0.8},
        3: {"trust": 0.5, "address": 1.0}},
}  # fmt: skip


def play(ws: Workshop, created, rounds, plan=PLAN, look: bool = True) -> None:
    """Submit ``plan``'s decisions and close ``rounds``; ``look`` simulates after each close,
    as the big screen would (so the process keeps its live organisation)."""
    for round_ in rounds:
        for team, choices in plan.get(round_, {}).items():
            ws.decide(created.code, created.seats[team - 1].token, team=team, **choices)
        ws.close_round(created.code, created.facilitator_token, round=round_)
        if look:
            ws.played(created.code)


def new(tmp_path, name="workshop.sqlite", **options):
    ws = Workshop(tmp_path / name, create=True)
    return ws, ws.create(STORY, TEAMS, seed=options.pop("seed", 1), **options)


def assert_same_play(a: replay.Played, b: replay.Played) -> None:
    pd.testing.assert_frame_equal(a.teams, b.teams, check_exact=True)
    pd.testing.assert_frame_equal(a.organisation, b.organisation, check_exact=True)
    pd.testing.assert_frame_equal(a.weeks, b.weeks, check_exact=True)
    assert a.planes.keys() == b.planes.keys()
    for r in a.planes:
        pd.testing.assert_frame_equal(a.planes[r], b.planes[r], check_exact=True)


@pytest.fixture(autouse=True)
def fresh_process_memory(monkeypatch):
    """Every test starts as a fresh process would: no organisation kept from another test; a
    few replications per team (cheap; child processes inherit them)."""
    monkeypatch.setenv(ensemble.REPLICATIONS_ENVIRONMENT, "3")
    replay.forget()
    yield
    replay.forget()


# --- the command line -----------------------------------------------------------------------------


def cli_new(loslaten, db, *extra) -> dict:
    out = loslaten("workshop", "new", STORY, "--teams", str(TEAMS), "--db", str(db), "--json",
                   *extra)  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_new_prints_the_code_the_facilitator_token_and_a_link_per_seat(loslaten, tmp_path):
    doc = cli_new(loslaten, tmp_path / "w.sqlite", "--base-url", "https://room.example/app",
                  "--round-weeks", "4", "--seed", "3")  # fmt: skip
    code = doc["code"]
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert [s["team"] for s in doc["seats"]] == [1, 2, 3, 4]
    tokens = [doc["facilitator_token"], *(s["token"] for s in doc["seats"])]
    assert len(set(tokens)) == len(tokens) and min(map(len, tokens)) >= 32
    assert not any(t.startswith("-") for t in tokens)  # never taken for an option
    for seat in doc["seats"]:
        assert seat["url"] == f"https://room.example/app?session={code}&seat={seat['token']}"
    assert (doc["round_weeks"], doc["seed"], doc["round"], doc["state"]) == (4, 3, 1, "open")
    assert doc["rounds"] == sim.load_scenario(STORY).run.weeks // 4  # the story's horizon


def test_a_session_played_on_the_command_line_exports_each_round_and_team(loslaten, tmp_path):
    db = str(tmp_path / "w.sqlite")
    doc = cli_new(loslaten, db)
    code, facilitator = doc["code"], doc["facilitator_token"]
    for round_, decisions in PLAN.items():
        for team, choices in decisions.items():
            flags = [f"--{k}={v}" for k, v in choices.items()]
            token = doc["seats"][team - 1]["token"]
            out = loslaten("workshop", "decide", "--db", db, code, "--team", str(team),
                           "--token", token, *flags, "--json")  # fmt: skip
            assert out.returncode == 0, out.stderr
            assert json.loads(out.stdout)["round"] == round_
        out = loslaten("workshop", "advance", "--db", db, code, "--token", facilitator, "--json")
        assert out.returncode == 0, out.stderr
        advanced = json.loads(out.stdout)
        assert (advanced["round"], advanced["next_round"]) == (round_, round_ + 1)
        assert [t["team"] for t in advanced["teams"]] == [1, 2, 3, 4]
    out = loslaten("workshop", "export", "--db", db, code, "--json")
    assert out.returncode == 0, out.stderr
    exported = json.loads(out.stdout)
    rows = {(r["round"], r["team"]): r for r in exported["rounds"]}
    assert sorted(rows) == [(r, t) for r in (1, 2, 3) for t in (1, 2, 3, 4)]
    for (round_, team), row in rows.items():
        assert list(row["decisions"]) == list(CHOICES)
        expected = dict.fromkeys(CHOICES) | STEERED[round_].get(team, {})
        assert row["decisions"] == expected
        assert row["submitted"] == (team in PLAN[round_])
        assert set(row["kpis"]) == set(TEAM_KPIS)
        assert all(isinstance(v, float) for v in row["kpis"].values())
    assert [r["round"] for r in exported["organisation"]] == [1, 2, 3]
    assert set(exported["organisation"][0]["kpis"]) == set(sim.KPI_NAMES)
    assert exported["session"]["closed"] == 3
    # the same session played in this process gives the same figures
    ws, created = new(tmp_path, "in-process.sqlite")
    play(ws, created, [1, 2, 3])
    here = export.document(export.tables(ws, created.code, created.facilitator_token))
    assert [r["kpis"] for r in here["rounds"]] == [r["kpis"] for r in exported["rounds"]]


@pytest.fixture
def cli_session(loslaten, tmp_path):
    """A command-line session in round 2, and the database's content."""
    db = tmp_path / "w.sqlite"
    doc = cli_new(loslaten, db)
    seat = doc["seats"]
    base = ["--db", str(db), doc["code"]]
    assert loslaten("workshop", "decide", *base, "--team", "1", "--token", seat[0]["token"],
                    "--trust", "0.7").returncode == 0  # fmt: skip
    assert (
        loslaten("workshop", "advance", *base, "--token", doc["facilitator_token"]).returncode == 0
    )
    return db, doc, base


def dump(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


BAD = {  # command-line tail after the action's CODE → fragment of the message
    "a wrong token": (["decide", "--token", "not-a-token", "--trust", "0.5"], "not a seat token"),
    "another seat's token": (
        ["decide", "--team", "1", "--token", "{seat2}", "--trust", "0.5"],
        "not team 1's; a participant may act only for their own team",
    ),
    "a value above 1": (
        ["decide", "--token", "{seat1}", "--trust", "1.5"],
        "trust: 1.5 is not allowed; it must be between 0 and 1",
    ),
    "a negative value": (
        ["decide", "--token", "{seat1}", "--monitoring=-0.1"],
        "monitoring: -0.1 is not allowed",
    ),
    "not a number": (
        ["decide", "--token", "{seat1}", "--coaching", "lots"],
        "'lots' is not a number",
    ),
    "NaN": (["decide", "--token", "{seat1}", "--vision", "nan"], "vision: nan is not allowed"),
    "no choice": (["decide", "--token", "{seat1}"], "give at least one of trust, monitoring"),
    "a closed round": (
        ["decide", "--token", "{seat1}", "--round", "1", "--trust", "0.5"],
        "round 1 is not open; round 2 is",
    ),
    "a seat token to advance": (["advance", "--token", "{seat1}"], "not the facilitator token"),
    "a seat token to end": (["end", "--token", "{seat1}"], "not the facilitator token"),
    "a wrong token to export": (["export", "--token", "{seat1}", "--json"], "not the facilitator"),
    "advancing a closed round": (
        ["advance", "--token", "{facilitator}", "--round", "1"],
        "round 1 is not open; round 2 is",
    ),
    "an empty name": (["join", "--name", "  "], "name: '  ' is not allowed"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(loslaten, cli_session, case):
    db, doc, base = cli_session
    tail, fragment = BAD[case]
    values = {
        "seat1": doc["seats"][0]["token"],
        "seat2": doc["seats"][1]["token"],
        "facilitator": doc["facilitator_token"],
    }
    action, *rest = (part.format(**values) for part in tail)
    before = dump(db)
    out = loslaten("workshop", action, *base, *rest)
    assert out.returncode == 2, out.stderr
    assert fragment in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert dump(db) == before


def test_an_unknown_code_a_missing_database_and_an_ended_session_exit_2(loslaten, cli_session):
    db, doc, base = cli_session
    token = doc["seats"][0]["token"]
    out = loslaten(
        "workshop", "decide", "--db", str(db), "ZZZZZZ", "--token", token, "--trust", "1"
    )
    assert out.returncode == 2 and "no session 'ZZZZZZ'" in out.stderr
    missing = db.with_name("missing.sqlite")
    out = loslaten("workshop", "status", "--db", str(missing), doc["code"])
    assert out.returncode == 2 and "no workshop database there" in out.stderr
    assert not missing.exists()
    out = loslaten("workshop", "new", STORY, "--teams", "101", "--db", str(missing))
    assert out.returncode == 2 and "teams: 101 is not allowed" in out.stderr
    assert not missing.exists()
    out = loslaten("workshop", "end", *base, "--token", doc["facilitator_token"])
    assert out.returncode == 0 and out.stdout.strip().endswith("ended after 1 round"), out.stdout
    before = dump(db)
    out = loslaten("workshop", "decide", *base, "--token", token, "--trust", "0.5")
    assert out.returncode == 2 and "has ended after 1 round;" in out.stderr
    assert dump(db) == before
    out = loslaten("workshop", "export", *base, "--json")  # an ended session still exports
    assert out.returncode == 0 and json.loads(out.stdout)["session"]["state"] == "ended"


def started_on(db, code: str, version: str) -> None:
    """Make the session look as if it had been started on simulator code ``version``."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE sessions SET code_version = ? WHERE code = ?", (version, code))


def test_a_session_started_on_other_code_is_said_so_and_still_finishes(loslaten, cli_session):
    db, doc, base = cli_session
    running = running_code_version()
    facilitator = ["--token", doc["facilitator_token"]]
    for action in (["status"], ["export"], ["advance", *facilitator]):
        out = loslaten("workshop", *action, *base)
        assert out.returncode == 0 and "code version" not in out.stderr  # the same code
    started_on(db, doc["code"], "0123456789abcdef")
    for action in (["status"], ["export"], ["export", "--counterfactuals"], ["status"],
                   ["advance", *facilitator]):  # fmt: skip
        for json_ in ([], ["--json"]):
            out = loslaten("workshop", *action, *base, *json_)
            assert out.returncode == 0, out.stderr  # not refused: it can be finished and exported
            assert (
                f"session {doc['code']} was started on code version 0123456789abcdef; this is "
                f"{running}. Its figures follow the running code" in out.stderr
            ), (action, out.stderr)
            if json_:
                json.loads(out.stdout)  # the warning stays out of the document
    assert json.loads(loslaten("workshop", "status", *base, "--json").stdout)["code_version"] == (
        "0123456789abcdef"
    )


def test_export_writes_every_table_as_csv_and_parquet(loslaten, cli_session, tmp_path):
    _, doc, base = cli_session
    out_dir = tmp_path / "out"
    out = loslaten("workshop", "export", *base, "--token", doc["facilitator_token"],
                   "--counterfactuals", "--out", str(out_dir), "--json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert [(r["round"], r["team"]) for r in document["counterfactuals"]] == [
        (1, t) for t in (1, 2, 3, 4)
    ]
    for name in ("rounds", "organisation", "weeks", "decisions", "closed", "counterfactuals"):
        csv = pd.read_csv(out_dir / f"{name}.csv")
        parquet = pd.read_parquet(out_dir / f"{name}.parquet")
        assert list(csv.columns) == list(parquet.columns) and len(csv) == len(parquet) > 0
    assert len(pd.read_parquet(out_dir / "weeks.parquet")) == WEEKS


# --- who may do what ------------------------------------------------------------------------------


def test_tokens_are_refused_across_seats(tmp_path):
    ws, created = new(tmp_path)
    for seat in created.seats:
        for other in created.seats:
            if other.team != seat.team:
                with pytest.raises(WorkshopError, match="act only for their own team"):
                    ws.decide(created.code, seat.token, team=other.team, trust=0.5)
        with pytest.raises(WorkshopError, match="not the facilitator token"):
            ws.close_round(created.code, seat.token)
        with pytest.raises(WorkshopError, match="not the facilitator token"):
            views.debrief(ws, created.code, seat.token)
        with pytest.raises(WorkshopError, match="not the facilitator token"):
            export.tables(ws, created.code, seat.token)
    with pytest.raises(WorkshopError, match="not a seat token"):
        ws.decide(created.code, created.facilitator_token, trust=0.5)
    with pytest.raises(WorkshopError, match="facilitator token is needed"):
        export.tables(ws, created.code, None)
    _, other = new(tmp_path, "other.sqlite")
    with pytest.raises(WorkshopError, match="no session"):  # a token of another database
        ws.decide(other.code, other.seats[0].token, trust=0.5)
    ws.decide(created.code, created.seats[2].token, team=3, trust=0.5)
    assert ws.record(created.code)[0][0].team == 3


def test_joining_takes_a_free_seat_and_a_reload_gets_the_team_back(tmp_path):
    ws, created = new(tmp_path)
    ann = ws.join(created.code, "  Ann  ")
    assert (ann.team, ann.name) == (1, "Ann")
    assert ws.seat(created.code.lower(), ann.token) == ann  # a reload; codes in any case
    with pytest.raises(WorkshopError, match="'ANN' is taken"):
        ws.join(created.code, "ANN")
    bob = ws.seat(created.code, created.seats[2].token, name="Bob")  # a seat link, first opened
    assert (bob.team, bob.name) == (3, "Bob")
    assert ws.join(created.code, "Cy").team == 2
    with pytest.raises(WorkshopError, match="not allowed"):
        ws.join(created.code, "x" * 41)
    assert ws.status(created.code).names == {1: "Ann", 2: "Cy", 3: "Bob", 4: None}


def test_the_countdown_closes_the_round(tmp_path, monkeypatch):
    ws, created = new(tmp_path, round_seconds=60)
    clock = [time.time()]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    assert ws.tick(created.code) is None  # no countdown running
    ws.start_timer(created.code, created.facilitator_token)
    assert ws.status(created.code).seconds_left == 60
    ws.decide(created.code, created.seats[0].token, trust=0.9)
    clock[0] += 61
    with pytest.raises(WorkshopError, match="round 1's time ran out"):
        ws.decide(created.code, created.seats[1].token, trust=0.1)
    status = ws.status(created.code)
    assert (status.round, status.closed, status.seconds_left) == (2, 1, None)
    assert [(r.round, r.closed_by) for r in ws.record(created.code)[1]] == [(1, "timer")]
    assert [(d.round, d.team) for d in ws.record(created.code)[0]] == [(1, 1)]
    ws.start_timer(created.code, created.facilitator_token, seconds=5)
    clock[0] += 4
    assert ws.tick(created.code) is None
    clock[0] += 2
    assert ws.tick(created.code) == 2
    assert ws.tick(created.code) is None


def test_a_session_ends_after_its_last_round(tmp_path):
    ws, created = new(tmp_path, rounds=2, round_weeks=2)
    play(ws, created, [1, 2])
    status = ws.status(created.code)
    assert (status.state, status.round, status.closed) == ("ended", None, 2)
    with pytest.raises(WorkshopError, match="has ended after 2 rounds"):
        ws.decide(created.code, created.seats[0].token, trust=0.5)
    with pytest.raises(WorkshopError, match="has ended"):
        ws.close_round(created.code, created.facilitator_token)
    assert ws.played(created.code).rounds == 2


# --- replay and restart ---------------------------------------------------------------------------


def test_a_replay_equals_the_live_run(tmp_path):
    ws, created = new(tmp_path)
    play(ws, created, [1, 2, 3])  # the live organisation, advanced round by round
    live = ws.played(created.code)
    log = ws.log(created.code)
    assert_same_play(live, replay.replay(log))
    # and both equal a plain model steered by hand
    model = sim.OrgModel(log.scenario, seed=log.seed)
    for round_ in (1, 2, 3):
        for team in range(1, TEAMS + 1):
            model.steer(team - 1, **(dict.fromkeys(CHOICES) | STEERED[round_].get(team, {})))
        for _ in range(WEEKS):
            model.step()
    pd.testing.assert_frame_equal(
        model.timeseries(), live.weeks.drop(columns="round"), check_exact=True
    )
    assert live.organisation.iloc[-1].drop("round").to_dict() == pytest.approx(
        model.record.kpis(model.week, WEEKS, model.employees.size), nan_ok=True
    )
    assert log.scenario.organisation.employees == TEAMS * 10  # the story's teams of ten


CHILD = textwrap.dedent(
    """
    import json, sys
    from sim.workshop import Workshop
    ws = Workshop(sys.argv[1])
    plan = json.loads(sys.argv[2])
    code, facilitator, tokens = sys.argv[3], sys.argv[4], sys.argv[5:]
    for round_ in (1, 2):
        for team, choices in plan[str(round_)].items():
            ws.decide(code, tokens[int(team) - 1], **choices)
        ws.close_round(code, facilitator)
        ws.played(code)
    print("ready", flush=True)
    value = 0
    while True:  # a participant resubmitting, until the server is killed
        value = (value + 1) % 100
        ws.decide(code, tokens[3], trust=value / 100, coaching=0.5)
    """
)


def test_a_killed_server_resumes_the_session_exactly(tmp_path):
    ws, created = new(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ws.store.path), json.dumps(PLAN), created.code,
         created.facilitator_token, *(s.token for s in created.seats)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout.readline().strip() == "ready", server.stderr.read()
        time.sleep(0.5)  # mid-resubmissions
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    with sqlite3.connect(ws.store.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    decisions = ws.record(created.code)[0]
    kept = [d for d in decisions if d.round == 3]
    assert [d.team for d in kept] == [4] and kept[0].revisions > 1
    # a new server (this process, nothing kept in memory) continues the session
    for team, choices in PLAN[3].items():
        ws.decide(created.code, created.seats[team - 1].token, **choices)
    ws.close_round(created.code, created.facilitator_token)
    resumed = ws.played(created.code)
    # the same session, never interrupted
    ws2, created2 = new(tmp_path, "uninterrupted.sqlite")
    play(ws2, created2, [1, 2, 3], plan={**PLAN, 3: {**PLAN[3], 4: kept[0].choices}})
    assert_same_play(resumed, ws2.played(created2.code))


def test_a_fresh_process_replays_the_session_to_the_same_figures(tmp_path):
    ws, created = new(tmp_path)
    play(ws, created, [1, 2])
    here = export.document(export.tables(ws, created.code, created.facilitator_token))
    done = subprocess.run(
        [sys.executable, "-m", "sim.cli", "workshop", "export", "--db", str(ws.store.path),
         created.code, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    there = json.loads(done.stdout)
    assert there["rounds"] == clean(here["rounds"])
    assert there["organisation"] == clean(here["organisation"])


# --- counterfactuals ------------------------------------------------------------------------------


def test_holding_on_to_trust_gives_back_the_control_pulled_back():
    story = sim.load_scenario(STORY)  # trust and control levers 0.5
    pulled = {"trust": 0.2, "monitoring": 0.9, "coaching": 0.3, "vision": None,
              "firefighting": 0.8, "address": 1.0}  # fmt: skip
    assert replay.hold_on_to_trust(pulled, story) == {
        **pulled, "trust": 0.5, "monitoring": 0.5, "firefighting": 0.0,
    }  # fmt: skip
    trusting = {**pulled, "trust": 0.9, "monitoring": 0.1, "firefighting": 0.0}
    assert replay.hold_on_to_trust(trusting, story) == trusting
    story_manager = dict.fromkeys(CHOICES)
    assert replay.hold_on_to_trust(story_manager, story) == {
        **story_manager, "trust": 0.5, "monitoring": 0.5, "firefighting": 0.0,
    }  # fmt: skip


def test_a_counterfactual_is_an_exact_replay_with_one_teams_choices_changed(tmp_path):
    ws, created = new(tmp_path)
    play(ws, created, [1, 2, 3])
    log = ws.log(created.code)
    played = replay.replay(log, replicated=False)  # the session's own organisation
    assert_same_play(replay.counterfactual(log, 2, lambda chosen, story: chosen), played)
    held = replay.counterfactual(log, 2)
    team2 = held.teams[held.teams.team == 2]
    assert list(team2.decision_trust) == [0.5, 0.5, 0.6]
    assert list(team2.decision_monitoring) == [0.5, 0.5, 0.4]
    assert list(team2.decision_firefighting) == [0.0, 0.0, 0.0]
    assert list(team2.control_level) == pytest.approx([0.5, 0.5, 0.4])
    actual = played.teams[played.teams.team == 2]
    assert not np.allclose(actual.trust, team2.trust)
    others = held.teams[held.teams.team != 2].filter(like="decision_")
    pd.testing.assert_frame_equal(
        others, played.teams[played.teams.team != 2].filter(like="decision_")
    )


# --- the screens ----------------------------------------------------------------------------------


def test_the_screens_show_each_team_the_room_and_the_debrief(tmp_path):
    ws, created = new(tmp_path)
    seat = created.seats[1]
    before = views.participant(ws, created.code, seat.token)
    assert before["history"].empty and before["signal"]["code"] == "waiting"
    assert len(before["plane"]) == 10 and before["round"] == 1
    play(ws, created, [1])
    ws.decide(created.code, seat.token, trust=0.1)  # round 2: less trust than in round 1
    mine = views.participant(ws, created.code, seat.token)
    assert (mine["team"], mine["round"], mine["closed"], mine["submitted"]) == (2, 2, 1, True)
    assert list(mine["plane"].columns) == ["energy", "pleasure", "quadrant", "absent"]
    assert len(mine["plane"]) == 10
    assert list(mine["history"]["round"]) == [1]
    assert mine["choices"] == dict.fromkeys(CHOICES) | {
        "trust": 0.1, "monitoring": 0.9, "firefighting": 0.8,
    }  # fmt: skip
    assert mine["signal"]["code"] in views.SIGNALS
    for figure in ("productivity", "engagement_rate", "burnout_rate", "manager_hours",
                   "manager_energy"):  # fmt: skip
        assert np.isfinite(mine["now"][figure])
    screen = views.big_screen(ws, created.code)
    assert screen["pulling_back"] == [2]
    assert list(screen["teams"].team) == [1, 2, 3, 4]
    assert list(screen["teams"].submitted) == [False, True, False, False]
    assert len(screen["organisation"]) == 1 and len(screen["plane"]) == TEAMS * 10
    assert screen["replications"] == 3 and screen["team_size"] == 10
    assert screen["late_events"] == []  # the story's 12 rounds reach all its events
    debrief = views.debrief(ws, created.code, created.facilitator_token)
    assert list(debrief["summary"].team) == [1, 2, 3, 4]
    assert {"productivity", "held_productivity", "story_productivity"} <= set(
        debrief["counterfactuals"].columns
    )
    summary = debrief["summary"].set_index("team")
    # team 4 is run by the story's manager: it is its own story counterfactual, exactly
    assert summary.at[4, "engagement_rate_vs_story"] == 0.0
    assert (summary.engagement_rate_change_low <= summary.engagement_rate_change).all()
    assert (summary.engagement_rate_change <= summary.engagement_rate_change_high).all()
    assert debrief["why"][4]["versus"] == "held" and debrief["why"][1]["versus"] == "story"
    assert set(debrief["next_year"].team) == {1, 2, 3, 4}


def test_pulling_control_back_is_less_trust_or_more_monitoring_or_firefighting(tmp_path):
    ws, created = new(tmp_path)
    log = ws.log(created.code)
    assert views.pulling_back(log, 1) == set()
    ws.decide(created.code, created.seats[0].token, trust=0.9, monitoring=0.1)
    ws.decide(created.code, created.seats[1].token, monitoring=0.6)
    ws.decide(created.code, created.seats[2].token, firefighting=0.2, trust=0.9)
    assert views.pulling_back(ws.log(created.code), 1) == {2, 3}


# --- steering: the model's side -------------------------------------------------------------------


def test_steering_a_teams_monitoring_changes_that_team_alone():
    scenario = small(employees=40, weeks=20)  # five teams of eight
    steered, story = sim.OrgModel(scenario, seed=3), sim.OrgModel(scenario, seed=3)
    steered.steer(1, monitoring=1.0, trust=1.0)
    assert np.isnan(steered.steering.monitoring[[0, 2, 3, 4]]).all()
    steered.step()
    story.step()
    level, before = steered.this_week.control_level, story.this_week.control_level
    assert level[1] == 1.0 and before[1] < 1.0
    np.testing.assert_array_equal(np.delete(level, 1), np.delete(before, 1))
    team = steered.employees.team == 1
    assert steered.employees.trust_given[team].mean() > story.employees.trust_given[team].mean()
    np.testing.assert_array_equal(
        steered.employees.trust_given[~team], story.employees.trust_given[~team]
    )
    assert steered.managers.monitoring[1] > story.managers.monitoring[1]  # next week's plan
    steered.steer(1, monitoring=None)  # back to the story's manager
    expected = control.control_level(scenario.levers.control, steered.managers.grab[1])
    steered.step()
    assert steered.this_week.control_level[1] == pytest.approx(expected)
    with pytest.raises(ValueError, match="not a choice"):
        steered.steer(0, mood=0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        steered.steer(0, trust=1.5)


def in_force(model: sim.OrgModel) -> dict[str, np.ndarray]:
    """One week of ``model``; returns the manager's hours by activity the week ran with (as
    they stand when the week's decisions are made: the plan for the week)."""
    seen = {}

    def decide() -> None:
        m = model.managers
        seen.update(hours=m.hours.copy(), coaching=m.coaching.copy(), vision=m.vision.copy(),
                    firefighting=m.firefighting.copy(), taken_over=m.taken_over.copy())  # fmt: skip
        sim.OrgModel.decide(model)

    model.decide = decide
    model.step()
    del model.decide
    return seen


def test_the_chosen_split_of_the_week_applies_from_the_rounds_first_week():
    """Coaching, vision and firefighting chosen before a round are the manager's hours in its
    first week already (the plan for that week is made again with them); a team whose choices
    stay as they were, or that nobody steers, keeps the plan it has."""
    scenario = small(employees=40, weeks=20)  # five teams of eight
    steered, story = sim.OrgModel(scenario, seed=3), sim.OrgModel(scenario, seed=3)
    steered.steer(1, coaching=0.0, vision=0.0, firefighting=0.0)
    steered.steer(2, trust=0.9, address=1.0)  # no choice that enters the plan
    week, story_week = in_force(steered), in_force(story)
    assert week["coaching"][1] == 0.0 and week["vision"][1] == 0.0
    assert week["taken_over"][1] == 0.0 and week["firefighting"][1] < story_week["firefighting"][1]
    assert story_week["coaching"][1] > 0 and story_week["vision"][1] > 0
    for name, hours in week.items():  # every other team's week as planned before
        np.testing.assert_array_equal(np.delete(hours, 1), np.delete(story_week[name], 1))

    steered.steer(1, coaching=1.0)  # the next round: coaching at full connection
    story.steer(1, coaching=None)  # (nothing changes for the story's manager)
    week, story_week = in_force(steered), in_force(story)
    assert week["coaching"][1] > story_week["coaching"][1] > 0 and week["vision"][1] == 0.0
    plan = {k: getattr(steered.managers, k).copy() for k in ("hours", "coaching", "vision")}
    steered.steer(1, coaching=1.0, vision=0.0, firefighting=0.0, trust=0.4)  # nothing new
    for name, hours in plan.items():
        np.testing.assert_array_equal(getattr(steered.managers, name), hours)
    steered.steer(1, coaching=None, vision=None, firefighting=None)  # back to the story's
    assert 0 < steered.managers.coaching[1] < plan["coaching"][1]
    assert steered.managers.vision[1] > 0


def test_the_weeks_budget_is_the_plan_of_a_steered_copy_and_leaves_the_organisation_alone(
    monkeypatch,
):
    """A phone's week (``planned_week``, at every slider move) steers a light copy of the
    organisation: the same budget as steering a whole copy, and the organisation as it was."""
    model = sim.OrgModel(small(employees=40, weeks=20), seed=3)
    model.steer(2, trust=0.3, monitoring=0.8, coaching=0.1)  # a team steered already
    for _ in range(3):
        model.step()
    before = copy.deepcopy((vars(model.managers), vars(model.steering)))
    hours = ("reporting", "rules", "monitoring", "firefighting", "vision", "coaching")

    def whole(model, index, choices):  # the plan of a whole copy of the organisation
        shared = {id(v): v for v in vars(model).values() if isinstance(v, Values)}
        steered = copy.deepcopy(model, shared)
        steered.steer(index, **choices)
        return {name: float(getattr(steered.managers, name)[index]) for name in hours}

    rng = np.random.default_rng(5)
    for _ in range(12):
        team = int(rng.integers(1, 6))
        choices = {k: None if rng.random() < 0.2 else float(rng.random()) for k in CHOICES}
        planned = week.planned_week(model, team, choices)
        with monkeypatch.context() as patched:
            patched.setattr(week, "_plan", whole)
            assert planned == week.planned_week(model, team, choices)
        assert sum(planned[part] for part in week.PARTS) == pytest.approx(1.0)
    for kept, now in zip(before, (vars(model.managers), vars(model.steering)), strict=True):
        for name, values in kept.items():
            np.testing.assert_array_equal(now[name], values, err_msg=name)
