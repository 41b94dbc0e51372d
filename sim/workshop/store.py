"""The session store: sessions, seats, decisions and closed rounds in one SQLite database.

The database is the truth: a session is its story, seed and ordered log of decisions, and the
simulation is a replay of that log (:mod:`sim.workshop.replay`), so a restarted server resumes
exactly. The journal is WAL, so readers never block the writer and a reader sees one consistent
snapshot. Every change is one ``BEGIN IMMEDIATE`` transaction: concurrent writers (40 phones,
several processes) queue behind the busy timeout instead of failing, and a change is written
wholly or not at all (``synchronous=FULL``: a committed decision survives a power cut). A seat
has one decision per round (a unique key), so a resubmission *replaces* the choices it gives
rather than counting twice.

This module only stores; who may do what is :mod:`sim.workshop.session`'s business.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sim.week import Steering
from sim.workshop.errors import WorkshopError

SCHEMA_VERSION = 1
BUSY_TIMEOUT_SECONDS = 60.0  # how long a writer waits for another's transaction to finish
DB_ENVIRONMENT = "LOSLATEN_WORKSHOP_DB"
DEFAULT_DB = Path("~/.loslaten/workshop.sqlite")
CHOICES = Steering.CHOICES
OPEN, ENDED = "open", "ended"
BY_FACILITATOR, BY_TIMER = "facilitator", "timer"

_CHOICE_COLUMNS = ", ".join(f"{c} REAL" for c in CHOICES)
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS sessions (
    code TEXT PRIMARY KEY,
    story TEXT NOT NULL,
    scenario TEXT NOT NULL,
    seed INTEGER NOT NULL,
    teams INTEGER NOT NULL,
    round_weeks INTEGER NOT NULL,
    rounds INTEGER NOT NULL,
    round_seconds INTEGER,
    facilitator_token TEXT NOT NULL UNIQUE,
    base_url TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('{OPEN}', '{ENDED}')),
    round INTEGER NOT NULL,
    deadline REAL,
    created_at REAL NOT NULL,
    code_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS seats (
    code TEXT NOT NULL REFERENCES sessions (code),
    team INTEGER NOT NULL,
    token TEXT NOT NULL UNIQUE,
    name TEXT,
    joined_at REAL,
    PRIMARY KEY (code, team)
);
CREATE UNIQUE INDEX IF NOT EXISTS seat_names ON seats (code, name COLLATE NOCASE)
    WHERE name IS NOT NULL;
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL,
    round INTEGER NOT NULL,
    team INTEGER NOT NULL,
    {_CHOICE_COLUMNS},
    revisions INTEGER NOT NULL DEFAULT 1,
    submitted_at REAL NOT NULL,
    UNIQUE (code, round, team),
    FOREIGN KEY (code, team) REFERENCES seats (code, team)
);
CREATE TABLE IF NOT EXISTS rounds (
    code TEXT NOT NULL REFERENCES sessions (code),
    round INTEGER NOT NULL,
    closed_at REAL NOT NULL,
    closed_by TEXT NOT NULL CHECK (closed_by IN ('{BY_FACILITATOR}', '{BY_TIMER}')),
    PRIMARY KEY (code, round)
);
"""


@dataclass(frozen=True)
class SessionRow:
    """A session as stored. ``round`` is the round open for decisions (closed rounds + 1);
    ``scenario`` the story sized for the session, as JSON, frozen at creation."""

    code: str
    story: str
    scenario: str
    seed: int
    teams: int
    round_weeks: int
    rounds: int
    round_seconds: int | None
    facilitator_token: str
    base_url: str
    state: str
    round: int
    deadline: float | None
    created_at: float
    code_version: str

    @property
    def closed(self) -> int:
        """How many rounds are closed (and simulated)."""
        return self.round - 1


@dataclass(frozen=True)
class SeatRow:
    code: str
    team: int  # numbered from 1
    token: str
    name: str | None
    joined_at: float | None


@dataclass(frozen=True)
class DecisionRow:
    """A seat's decision for one round: the choices given (None: not given), merged over its
    resubmissions in that round (``revisions``)."""

    seq: int
    round: int
    team: int
    choices: dict[str, float | None]
    revisions: int
    submitted_at: float


@dataclass(frozen=True)
class RoundRow:
    round: int
    closed_at: float
    closed_by: str


def default_db() -> Path:
    """``$LOSLATEN_WORKSHOP_DB``, else ``~/.loslaten/workshop.sqlite``."""
    return Path(os.environ.get(DB_ENVIRONMENT) or DEFAULT_DB).expanduser()


class Store:
    """One workshop database. ``create`` makes the file (and its folder) at the first change if
    it is missing; otherwise a missing file is refused, so a mistyped path writes nothing."""

    def __init__(
        self, path: str | Path, *, create: bool = False, busy_timeout: float = BUSY_TIMEOUT_SECONDS
    ) -> None:
        self.path = Path(path).expanduser()
        self.busy_timeout = busy_timeout
        self.create = create
        self._ready = False
        if self.path.is_dir():
            raise WorkshopError(f"{self.path}: is a folder; give the path of a database file")
        if self.path.exists():
            self._prepare()
        elif not create:
            raise WorkshopError(
                f"{self.path}: no workshop database there (create one with 'loslaten workshop new')"
            )

    def _ensure(self) -> None:
        if not self._ready:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise WorkshopError(f"{self.path}: cannot create it ({err.strerror})") from None
            self._prepare()

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.path.exists():  # never create a file by accident
                uri = f"{self.path.resolve().as_uri()}?mode=rw"
                conn = sqlite3.connect(uri, uri=True, timeout=self.busy_timeout)
            else:
                conn = sqlite3.connect(self.path, timeout=self.busy_timeout)
        except sqlite3.Error as err:
            raise WorkshopError(f"{self.path}: cannot open the workshop database ({err})") from None
        conn.isolation_level = None  # transactions are explicit
        conn.row_factory = sqlite3.Row
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.OperationalError:
            conn.close()
            raise
        except sqlite3.DatabaseError as err:  # not an SQLite file at all
            conn.close()
            raise WorkshopError(f"{self.path}: not a workshop database ({err})") from None
        return conn

    def _prepare(self) -> None:
        """The schema (made once, by whoever comes first) and the WAL journal; a file that is
        not a workshop database of this version is refused."""
        with contextlib.closing(self._connect()) as conn:
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            except sqlite3.DatabaseError as err:
                raise WorkshopError(f"{self.path}: not a workshop database ({err})") from None
            if version == SCHEMA_VERSION:
                self._ready = True
                return
            if version != 0 or tables or not self.create:
                raise WorkshopError(
                    f"{self.path}: not a loslaten workshop database of version {SCHEMA_VERSION} "
                    f"(found version {version} with {tables} objects)"
                )
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                raise WorkshopError(f"{self.path}: cannot use a write-ahead log here")
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self._ready = True

    @contextlib.contextmanager
    def write(self) -> Iterator[Transaction]:
        """One atomic change: committed if the block ends normally, else rolled back (an
        exception, a refusal, an interruption)."""
        self._ensure()
        with contextlib.closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[Transaction]:
        """A consistent snapshot for several queries."""
        self._ensure()
        with contextlib.closing(self._connect()) as conn:
            conn.execute("BEGIN")
            try:
                yield Transaction(conn)
            finally:
                conn.execute("COMMIT")


class Transaction:
    """The queries and changes of one transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # --- reading ------------------------------------------------------------------------------

    def session(self, code: str) -> SessionRow | None:
        row = self.conn.execute("SELECT * FROM sessions WHERE code = ?", (code,)).fetchone()
        return SessionRow(**dict(row)) if row else None

    def seats(self, code: str) -> list[SeatRow]:
        rows = self.conn.execute("SELECT * FROM seats WHERE code = ? ORDER BY team", (code,))
        return [SeatRow(**dict(r)) for r in rows]

    def seat(self, code: str, team: int) -> SeatRow | None:
        row = self.conn.execute(
            "SELECT * FROM seats WHERE code = ? AND team = ?", (code, team)
        ).fetchone()
        return SeatRow(**dict(row)) if row else None

    def seat_by_token(self, code: str, token: str) -> SeatRow | None:
        row = self.conn.execute(
            "SELECT * FROM seats WHERE code = ? AND token = ?", (code, token)
        ).fetchone()
        return SeatRow(**dict(row)) if row else None

    def seat_named(self, code: str, name: str) -> SeatRow | None:
        row = self.conn.execute(
            "SELECT * FROM seats WHERE code = ? AND name = ? COLLATE NOCASE", (code, name)
        ).fetchone()
        return SeatRow(**dict(row)) if row else None

    def decisions(self, code: str) -> list[DecisionRow]:
        """Every decision of the session, in the order of the log (round, then first
        submission)."""
        rows = self.conn.execute(
            "SELECT * FROM decisions WHERE code = ? ORDER BY round, seq", (code,)
        )
        return [
            DecisionRow(
                seq=r["seq"],
                round=r["round"],
                team=r["team"],
                choices={c: r[c] for c in CHOICES},
                revisions=r["revisions"],
                submitted_at=r["submitted_at"],
            )
            for r in rows
        ]

    def rounds(self, code: str) -> list[RoundRow]:
        rows = self.conn.execute(
            "SELECT round, closed_at, closed_by FROM rounds WHERE code = ? ORDER BY round", (code,)
        )
        return [RoundRow(**dict(r)) for r in rows]

    # --- changing -----------------------------------------------------------------------------

    def insert_session(self, session: SessionRow, tokens: list[str]) -> None:
        """The session and one seat per team, ``tokens[t - 1]`` being team t's."""
        values = vars(session)
        self.conn.execute(
            f"INSERT INTO sessions ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )
        self.conn.executemany(
            "INSERT INTO seats (code, team, token) VALUES (?, ?, ?)",
            [(session.code, team, token) for team, token in enumerate(tokens, start=1)],
        )

    def name_seat(self, code: str, team: int, name: str, now: float) -> None:
        self.conn.execute(
            "UPDATE seats SET name = ?, joined_at = ? WHERE code = ? AND team = ?",
            (name, now, code, team),
        )

    def put_decision(
        self, code: str, round_: int, team: int, choices: dict[str, float], now: float
    ) -> DecisionRow:
        """Record a seat's choices for ``round_``: the first submission inserts the row, a later
        one replaces the choices it gives and keeps the others."""
        given = [c for c in CHOICES if c in choices]
        self.conn.execute(
            f"INSERT INTO decisions (code, round, team, {', '.join(given)}, submitted_at) "
            f"VALUES (?, ?, ?, {', '.join('?' * len(given))}, ?) "
            "ON CONFLICT (code, round, team) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in given)
            + ", revisions = revisions + 1, submitted_at = excluded.submitted_at",
            (code, round_, team, *(choices[c] for c in given), now),
        )
        row = self.conn.execute(
            "SELECT * FROM decisions WHERE code = ? AND round = ? AND team = ?",
            (code, round_, team),
        ).fetchone()
        return DecisionRow(
            seq=row["seq"],
            round=row["round"],
            team=row["team"],
            choices={c: row[c] for c in CHOICES},
            revisions=row["revisions"],
            submitted_at=row["submitted_at"],
        )

    def close_round(self, session: SessionRow, by: str, now: float) -> None:
        """Close the open round; the next one opens (its timer not started), or the session
        ends after its last round."""
        self.conn.execute(
            "INSERT INTO rounds (code, round, closed_at, closed_by) VALUES (?, ?, ?, ?)",
            (session.code, session.round, now, by),
        )
        state = ENDED if session.round >= session.rounds else OPEN
        self.conn.execute(
            "UPDATE sessions SET round = round + 1, state = ?, deadline = NULL WHERE code = ?",
            (state, session.code),
        )

    def set_deadline(self, code: str, deadline: float | None) -> None:
        self.conn.execute("UPDATE sessions SET deadline = ? WHERE code = ?", (deadline, code))

    def end(self, code: str) -> None:
        self.conn.execute(
            "UPDATE sessions SET state = ?, deadline = NULL WHERE code = ?", (ENDED, code)
        )


def scenario_json(data: dict) -> str:
    """The canonical JSON a session keeps its scenario as."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"))
