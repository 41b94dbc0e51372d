"""Workshop sessions: who may do what, and when.

A facilitator creates a session for a story (:meth:`Workshop.create`) and gets a join code, a
facilitator token and one secret link per seat (a seat is a team). Participants join with the
code and a name (:meth:`Workshop.join`) or open a seat's link; the token in the link brings
their team back after a reload (:meth:`Workshop.seat`). Each round every participant decides
for their own team (:meth:`Workshop.decide`); the facilitator closes the round
(:meth:`Workshop.close_round`) or a countdown they started does (:meth:`Workshop.start_timer`,
:meth:`Workshop.tick`), and the session ends after its last round or when the facilitator ends
it. Everything is validated before anything is written; a refusal is a :class:`WorkshopError`
naming the field, the value and what is allowed, and writes nothing.

The simulation itself is a replay of the log (:mod:`sim.workshop.replay`): :meth:`Workshop.log`
reads it, :meth:`Workshop.played` simulates it.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from sim.experiments.store import code_version
from sim.scenario import MAX_WEEKS, Scenario
from sim.workshop.checks import (
    DEFAULT_BASE_URL,
    DEFAULT_ROUND_WEEKS,
    MAX_ROUND_SECONDS,
    MAX_ROUND_WEEKS,
    MAX_TEAMS,
    checked_base_url,
    checked_choices,
    checked_name,
    counted_rounds,
    link,
    new_code,
    new_token,
    normal_code,
    whole,
)
from sim.workshop.errors import WorkshopError
from sim.workshop.log import Decision, Log
from sim.workshop.replay import Played, live, next_year, session_scenario, week
from sim.workshop.store import (
    BY_FACILITATOR,
    BY_TIMER,
    OPEN,
    DecisionRow,
    RoundRow,
    SessionRow,
    Store,
    Transaction,
    default_db,
    scenario_json,
)


@dataclass(frozen=True)
class Seat:
    """A seat: its team (from 1), secret token, link and the participant's name (None while
    nobody has joined)."""

    team: int
    token: str
    url: str
    name: str | None = None


@dataclass(frozen=True)
class Created:
    code: str
    facilitator_token: str
    facilitator_url: str
    join_url: str
    seats: list[Seat]


@dataclass(frozen=True)
class Status:
    """A session as anyone may see it (no tokens): ``round`` is the round open for decisions
    (None once the session has ended), ``closed`` the number of rounds simulated, ``seconds_left``
    the countdown of the open round (None: no timer running)."""

    code: str
    story: str
    seed: int
    teams: int
    round_weeks: int
    rounds: int
    state: str
    round: int | None
    closed: int
    seconds_left: float | None
    names: dict[int, str | None]  # team → participant (None: the story's manager)
    submitted: set[int]  # teams with a decision for the open round
    code_version: str  # the simulator the session was started on (a digest of its source)
    round_seconds: int | None = None  # the countdown's length (None: none set)
    base_url: str = DEFAULT_BASE_URL  # the participants' address

    @property
    def join_url(self) -> str:
        """The link with which participants join (``?session=CODE``)."""
        return link(self.base_url, session=self.code)

    @property
    def other_code(self) -> tuple[str, str] | None:
        """``(started on, running)`` when the simulator now running is not the one the session
        was started on (its figures follow the running code and may differ from those shown
        while it was played), else None."""
        now = running_code_version()
        return None if now == self.code_version else (self.code_version, now)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "story": self.story,
            "seed": self.seed,
            "teams": self.teams,
            "round_weeks": self.round_weeks,
            "rounds": self.rounds,
            "state": self.state,
            "round": self.round,
            "closed": self.closed,
            "seconds_left": self.seconds_left,
            "code_version": self.code_version,
            "seats": [
                {"team": team, "name": name, "submitted": team in self.submitted}
                for team, name in self.names.items()
            ],
        }


class Workshop:
    """The sessions in one database (default: :func:`sim.workshop.store.default_db`).
    ``create=True`` makes the database if it does not exist yet."""

    def __init__(self, db: str | Path | None = None, *, create: bool = False) -> None:
        self.store = Store(default_db() if db is None else db, create=create)

    # --- the facilitator ----------------------------------------------------------------------

    def create(
        self,
        story: str | Scenario,
        teams: int,
        *,
        round_weeks: int = DEFAULT_ROUND_WEEKS,
        rounds: int | None = None,
        seed: int = 1,
        round_seconds: int | None = None,
        base_url: str = DEFAULT_BASE_URL,
        overrides: dict[str, Any] | None = None,
    ) -> Created:
        """A new session of ``story`` (a built-in scenario, a path or a scenario) for ``teams``
        teams, ``round_weeks`` weeks a round, ``rounds`` rounds (default: as many as fit the
        story's horizon, at least one), ``round_seconds`` the length of a countdown."""
        whole("teams", teams, 1, MAX_TEAMS)
        whole("round_weeks", round_weeks, 1, MAX_ROUND_WEEKS)
        whole("seed", seed, 0, 2**63 - 1)
        if round_seconds is not None:
            whole("round_seconds", round_seconds, 1, MAX_ROUND_SECONDS)
        base_url = checked_base_url(base_url)
        scenario = session_scenario(story, teams, **(overrides or {}))
        if rounds is None:
            rounds = max(1, scenario.run.weeks // round_weeks)
        whole("rounds", rounds, 1, max(1, MAX_WEEKS // round_weeks))
        facilitator, *tokens = (new_token() for _ in range(teams + 1))
        with self.store.write() as tx:
            code = new_code(tx)
            tx.insert_session(
                SessionRow(
                    code=code,
                    story=scenario.name,
                    scenario=scenario_json(scenario.model_dump(mode="json")),
                    seed=seed,
                    teams=teams,
                    round_weeks=round_weeks,
                    rounds=rounds,
                    round_seconds=round_seconds,
                    facilitator_token=facilitator,
                    base_url=base_url,
                    state=OPEN,
                    round=1,
                    deadline=None,
                    created_at=time.time(),
                    code_version=code_version()["source"],
                ),
                tokens,
            )
        return Created(
            code=code,
            facilitator_token=facilitator,
            facilitator_url=link(base_url, session=code, facilitator=facilitator),
            join_url=link(base_url, session=code),
            seats=[
                Seat(team, token, link(base_url, session=code, seat=token))
                for team, token in enumerate(tokens, start=1)
            ],
        )

    def close_round(self, code: str, token: str, *, round: int | None = None) -> int:
        """Close the open round (``round``, if given, must be it: a second click on a stale
        page closes nothing); returns the round closed. Who has not submitted keeps last
        round's choices."""
        with self.store.write() as tx:
            session = self._facilitated(tx, code, token)
            self._check_open(session)
            if round is not None and round != session.round:
                raise WorkshopError(
                    f"round: round {round} is not open; round {session.round} is "
                    "(it may have been closed already)"
                )
            tx.close_round(session, BY_FACILITATOR, time.time())
            return session.round

    def start_timer(self, code: str, token: str, seconds: int | None = None) -> float:
        """Start (or restart) the open round's countdown: ``seconds`` (default the session's
        round length); returns when it runs out (Unix time)."""
        with self.store.write() as tx:
            session = self._facilitated(tx, code, token)
            self._check_open(session)
            seconds = session.round_seconds if seconds is None else seconds
            if seconds is None:
                raise WorkshopError(
                    "seconds: this session has no round length; give the countdown's seconds"
                )
            whole("seconds", seconds, 1, MAX_ROUND_SECONDS)
            deadline = time.time() + seconds
            tx.set_deadline(session.code, deadline)
            return deadline

    def tick(self, code: str) -> int | None:
        """Close the open round if its countdown has run out (anyone may ask: time decides);
        returns the round closed, else None."""
        with self.store.read() as tx:
            if not self._due(self._session(tx, code)):
                return None
        with self.store.write() as tx:  # due: close it, unless someone else just did
            session = self._session(tx, code)
            if self._due(session):
                tx.close_round(session, BY_TIMER, time.time())
                return session.round
        return None

    def end(self, code: str, token: str) -> int:
        """End the session: no more decisions or rounds; an open round's decisions are not
        simulated. Returns the number of rounds simulated."""
        with self.store.write() as tx:
            session = self._facilitated(tx, code, token)
            self._check_open(session)
            tx.end(session.code)
            return session.closed

    def check_facilitator(self, code: str, token: str) -> None:
        """Refuse unless ``token`` is the session's facilitator token."""
        with self.store.read() as tx:
            self._facilitated(tx, code, token)

    def seats(self, code: str, token: str) -> list[Seat]:
        """Every seat with its link (the facilitator's, to hand a lost link back)."""
        with self.store.read() as tx:
            session = self._facilitated(tx, code, token)
            return [
                Seat(s.team, s.token, link(session.base_url, session=code, seat=s.token), s.name)
                for s in tx.seats(session.code)
            ]

    # --- participants -------------------------------------------------------------------------

    def join(self, code: str, name: str) -> Seat:
        """Take the first free seat under ``name`` (unique in the session, 1 to 40
        characters)."""
        name = checked_name(name)
        with self.store.write() as tx:
            session = self._session(tx, code)
            self._check_open(session)
            taken = tx.seat_named(session.code, name)
            if taken is not None:
                raise WorkshopError(
                    f"name: {name!r} is taken in session {session.code} (team {taken.team}); "
                    "choose another name, or reopen your own link to get your team back"
                )
            free = [s for s in tx.seats(session.code) if s.name is None]
            if not free:
                raise WorkshopError(
                    f"session {session.code}: all {session.teams} seats are taken; ask the "
                    "facilitator"
                )
            seat = free[0]
            tx.name_seat(session.code, seat.team, name, time.time())
            return Seat(
                seat.team, seat.token, link(session.base_url, session=code, seat=seat.token), name
            )

    def seat(self, code: str, token: str, *, name: str | None = None) -> Seat:
        """The seat a token opens (a reload gets the team back); ``name`` names the participant
        if the seat has none yet (a seat link opened the first time)."""
        if name is None:
            with self.store.read() as tx:
                session = self._session(tx, code)
                found = self._seat(tx, session, token)
        else:
            name = checked_name(name)
            with self.store.write() as tx:
                session = self._session(tx, code)
                found = self._seat(tx, session, token)
                if found.name is None:
                    taken = tx.seat_named(session.code, name)
                    if taken is not None:
                        raise WorkshopError(f"name: {name!r} is taken in session {session.code}")
                    tx.name_seat(session.code, found.team, name, time.time())
                    found = tx.seat(session.code, found.team)
        return Seat(
            found.team,
            found.token,
            link(session.base_url, session=session.code, seat=token),
            found.name,
        )

    def decide(
        self,
        code: str,
        token: str,
        *,
        team: int | None = None,
        round: int | None = None,
        **choices: float | None,
    ) -> Decision:
        """Record the choices of the seat ``token`` opens for the open round; ``team`` and
        ``round``, if given, must be that seat's team and the open round. Choices are
        :data:`~sim.workshop.log.CHOICES`, each in [0, 1] (None: not given now). A second
        decision in the same round replaces the choices it gives. Returns the round's decision
        as it now stands."""
        given = checked_choices(choices)
        now = time.time()
        timed_out = None
        with self.store.write() as tx:
            session = self._session(tx, code)
            seat = self._seat(tx, session, token)
            if team is not None and team != seat.team:
                raise WorkshopError(
                    f"team: this token is not team {team}'s; a participant may act only for "
                    "their own team"
                )
            self._check_open(session)
            if self._due(session):
                tx.close_round(session, BY_TIMER, now)  # time ran out: close it, refuse below
                timed_out = session.round
            else:
                if round is not None and round != session.round:
                    raise WorkshopError(
                        f"round: round {round} is not open; round {session.round} is"
                    )
                row = tx.put_decision(session.code, session.round, seat.team, given, now)
        if timed_out is not None:
            raise WorkshopError(
                f"round: round {timed_out}'s time ran out before this decision arrived; "
                "look at the new round and decide again"
            )
        return Decision(row.round, row.team, row.choices)

    # --- reading ------------------------------------------------------------------------------

    def status(self, code: str) -> Status:
        with self.store.read() as tx:
            session = self._session(tx, code)
            seats = tx.seats(session.code)
            decisions = tx.decisions(session.code)
        is_open = session.state == OPEN
        seconds_left = (
            max(0.0, session.deadline - time.time())
            if is_open and session.deadline is not None
            else None
        )
        return Status(
            code=session.code,
            story=session.story,
            seed=session.seed,
            teams=session.teams,
            round_weeks=session.round_weeks,
            rounds=session.rounds,
            state=session.state,
            round=session.round if is_open else None,
            closed=session.closed,
            seconds_left=seconds_left,
            names={s.team: s.name for s in seats},
            submitted={d.team for d in decisions if is_open and d.round == session.round},
            code_version=session.code_version,
            round_seconds=session.round_seconds,
            base_url=session.base_url,
        )

    def log(self, code: str) -> Log:
        """The session as the simulation sees it: story, seed, size and every decision."""
        with self.store.read() as tx:
            session = self._session(tx, code)
            decisions = tx.decisions(session.code)
        return Log(
            scenario=Scenario.model_validate_json(session.scenario),
            seed=session.seed,
            teams=session.teams,
            round_weeks=session.round_weeks,
            closed=session.closed,
            decisions=tuple(Decision(d.round, d.team, d.choices) for d in decisions),
        )

    def record(self, code: str) -> tuple[list[DecisionRow], list[RoundRow]]:
        """The log as stored: every decision (with its revisions and time) and every closed
        round (when, and whether the facilitator or the countdown closed it)."""
        with self.store.read() as tx:
            session = self._session(tx, code)
            return tx.decisions(session.code), tx.rounds(session.code)

    def played(self, code: str) -> Played:
        """The session's closed rounds simulated (continuing this process's organisation when
        it can, else replayed from the log)."""
        return live(self.log(code), self._key(code))

    def next_year(self, code: str) -> pd.DataFrame:
        """The year after the closed rounds had every team kept its last choices: a row per
        team and figure (:meth:`sim.workshop.ensemble.Ensemble.future`)."""
        return next_year(self.log(code), self._key(code))

    def week(self, code: str, team: int, choices: dict[str, float | None]) -> dict[str, float]:
        """``team``'s next week had its manager chosen ``choices``: shares of one budget
        (:func:`sim.workshop.week.planned_week`)."""
        return week(self.log(code), self._key(code), team, checked_choices(choices))

    # --- checks -------------------------------------------------------------------------------

    def _key(self, code: str) -> tuple[str, str]:
        return str(self.store.path.resolve()), normal_code(code)

    def _session(self, tx: Transaction, code: str) -> SessionRow:
        session = tx.session(normal_code(code))
        if session is None:
            raise WorkshopError(f"code: no session {code!r} in {self.store.path}")
        return session

    def _facilitated(self, tx: Transaction, code: str, token: str) -> SessionRow:
        session = self._session(tx, code)
        if not secrets.compare_digest(str(token).encode(), session.facilitator_token.encode()):
            raise WorkshopError(
                f"token: not the facilitator token of session {session.code}; only the "
                "facilitator may close rounds, end or export the session"
            )
        return session

    def _seat(self, tx: Transaction, session: SessionRow, token: str):
        for seat in tx.seats(session.code):  # compare every token in constant time
            if secrets.compare_digest(str(token).encode(), seat.token.encode()):
                return seat
        raise WorkshopError(
            f"token: not a seat token of session {session.code}; open the link you were given"
        )

    @staticmethod
    def _check_open(session: SessionRow) -> None:
        if session.state != OPEN:
            raise WorkshopError(
                f"session {session.code} has ended after {counted_rounds(session.closed)}; it can "
                "still be exported"
            )

    @staticmethod
    def _due(session: SessionRow) -> bool:
        return (
            session.state == OPEN
            and session.deadline is not None
            and time.time() >= session.deadline
        )


@cache
def running_code_version() -> str:
    """The simulator this process runs, as a session stores it (the source digest of
    :func:`sim.experiments.store.code_version`), taken once: the code loaded, not files changed
    since."""
    return code_version()["source"]


def other_code_warning(status: Status) -> str | None:
    """A warning line when ``status``'s session was started on other simulator code than the
    code now running, naming both; None when they are the same."""
    if status.other_code is None:
        return None
    started, running = status.other_code
    return (
        f"warning: session {status.code} was started on code version {started}; this is "
        f"{running}. Its figures follow the running code and may differ from those seen when "
        "it was played."
    )
