"""The workshop's session store under concurrent writers: nothing lost, nothing counted twice.

The writers are separate processes (forked, so they need not import the package again), each
with its own connections, as 40 phones behind a server with several worker processes would be.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import traceback

import pytest

from sim.workshop import Workshop, WorkshopError
from sim.workshop.store import Store

WRITERS = 40
SUBMISSIONS = 5  # per writer: a participant changing their mind

pytestmark = pytest.mark.timeout(300)


def _fork() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork")


def _decide(db, code, token, team, start, results) -> None:
    """One phone: wait for the others, then submit ``SUBMISSIONS`` decisions; report the round
    each landed in (or the refusal)."""
    try:
        ws = Workshop(db)
        start.wait()
        landed = []
        for i in range(SUBMISSIONS):
            value = ((team - 1) * SUBMISSIONS + i) / (WRITERS * SUBMISSIONS)
            try:
                decision = ws.decide(code, token, team=team, trust=value, coaching=1 - value)
                landed.append((decision.round, value))
            except WorkshopError as err:
                landed.append(("refused", str(err)))
        results.put((team, landed))
    except BaseException:
        results.put((team, traceback.format_exc()))


def _close(db, code, token, start, results) -> None:
    """The facilitator closing the round while the phones submit."""
    try:
        ws = Workshop(db)
        start.wait()
        results.put(("facilitator", ws.close_round(code, token)))
    except BaseException:
        results.put(("facilitator", traceback.format_exc()))


def _join(db, code, name, start, results) -> None:
    try:
        ws = Workshop(db)
        start.wait()
        seat = ws.join(code, name)
        results.put((name, seat.team, seat.token))
    except WorkshopError as err:
        results.put((name, None, str(err)))
    except BaseException:
        results.put((name, None, traceback.format_exc()))


def _run(processes: list, timeout: float = 120) -> None:
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout)
        assert p.exitcode == 0, f"a writer died (exit {p.exitcode})"


@pytest.fixture
def session(tmp_path):
    db = tmp_path / "workshop.sqlite"
    ws = Workshop(db, create=True)
    created = ws.create("baseline", WRITERS, round_weeks=1, rounds=3, seed=5)
    return db, ws, created


def test_forty_processes_deciding_at_once_lose_nothing_and_double_nothing(session):
    db, ws, created = session
    ctx = _fork()
    start, results = ctx.Barrier(WRITERS), ctx.Queue()
    processes = [
        ctx.Process(target=_decide, args=(db, created.code, s.token, s.team, start, results))
        for s in created.seats
    ]
    _run(processes)
    reports = dict(results.get(timeout=10) for _ in processes)
    for team, landed in reports.items():
        assert isinstance(landed, list), f"team {team} failed:\n{landed}"
        assert [r for r, _ in landed] == [1] * SUBMISSIONS, landed
    decisions, _ = ws.record(created.code)
    assert len(decisions) == WRITERS  # one row per seat and round: resubmissions replace
    for d in decisions:
        last = reports[d.team][-1][1]
        assert d.round == 1
        assert d.revisions == SUBMISSIONS
        assert d.choices["trust"] == last
        assert d.choices["coaching"] == 1 - last
        assert d.choices["monitoring"] is None


def test_a_round_closed_amid_forty_writers_takes_each_decision_exactly_once(session):
    db, ws, created = session
    ctx = _fork()
    start, results = ctx.Barrier(WRITERS + 1), ctx.Queue()
    processes = [
        ctx.Process(target=_decide, args=(db, created.code, s.token, s.team, start, results))
        for s in created.seats
    ]
    processes.append(
        ctx.Process(
            target=_close, args=(db, created.code, created.facilitator_token, start, results)
        )
    )
    _run(processes)
    reports = dict(results.get(timeout=10) for _ in processes)
    assert reports.pop("facilitator") == 1
    decisions, rounds = ws.record(created.code)
    assert [r.round for r in rounds] == [1]
    stored = {(d.round, d.team): d for d in decisions}
    for team, landed in reports.items():
        assert isinstance(landed, list), f"team {team} failed:\n{landed}"
        for round_ in (1, 2):
            values = [v for r, v in landed if r == round_]
            if values:  # every accepted submission is in the round it was told, once
                assert stored[round_, team].revisions == len(values)
                assert stored[round_, team].choices["trust"] == values[-1]
            else:
                assert (round_, team) not in stored
        # a phone's submissions never go back from round 2 to round 1
        assert [r for r, _ in landed] == sorted(r for r, _ in landed)
    assert sum(d.revisions for d in decisions) == WRITERS * SUBMISSIONS


def test_forty_phones_joining_at_once_get_forty_different_seats(session):
    db, ws, created = session
    ctx = _fork()
    names = [f"participant {i}" for i in range(WRITERS + 1)]  # one too many
    start, results = ctx.Barrier(len(names)), ctx.Queue()
    processes = [
        ctx.Process(target=_join, args=(db, created.code, name, start, results)) for name in names
    ]
    _run(processes)
    joined = [results.get(timeout=10) for _ in processes]
    seated = [(name, team, token) for name, team, token in joined if team is not None]
    refused = [message for _, team, message in joined if team is None]
    assert len(seated) == WRITERS
    assert sorted(team for _, team, _ in seated) == list(range(1, WRITERS + 1))
    assert refused == [
        f"session {created.code}: all {WRITERS} seats are taken; ask the facilitator"
    ]
    by_team = {s.team: s for s in created.seats}
    for name, team, token in seated:
        assert token == by_team[team].token
        assert ws.seat(created.code, token).name == name


def test_a_resubmission_replaces_the_choices_it_gives_and_keeps_the_others(session):
    _, ws, created = session
    seat = created.seats[0]
    ws.decide(created.code, seat.token, trust=0.2, monitoring=0.9)
    decision = ws.decide(created.code, seat.token, trust=0.7)
    assert decision.choices == {
        "trust": 0.7,
        "monitoring": 0.9,
        "coaching": None,
        "vision": None,
        "firefighting": None,
        "address": None,
    }
    decisions, _ = ws.record(created.code)
    assert [(d.team, d.revisions) for d in decisions] == [(1, 2)]


def test_the_store_uses_a_write_ahead_log_and_refuses_what_is_not_a_workshop_database(tmp_path):
    db = tmp_path / "w.sqlite"
    store = Store(db, create=True)
    assert not db.exists()  # made at the first change, not before
    with store.write():
        pass
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, but long enough to look like a header" * 20)
    for path, fragment in [
        (other, "not a loslaten workshop database"),
        (text, "not a workshop database"),
        (tmp_path, "is a folder"),
        (tmp_path / "missing.sqlite", "no workshop database there"),
    ]:
        with pytest.raises(WorkshopError, match=fragment):
            Store(path)
    assert not (tmp_path / "missing.sqlite").exists()  # refusing writes nothing


def test_a_change_that_fails_midway_leaves_no_trace(session):
    db, ws, created = session
    before = list(sqlite3.connect(db).iterdump())
    with pytest.raises(RuntimeError), ws.store.write() as tx:
        tx.put_decision(created.code, 1, 1, {"trust": 0.5}, 0.0)
        raise RuntimeError("the server died here")
    assert list(sqlite3.connect(db).iterdump()) == before
