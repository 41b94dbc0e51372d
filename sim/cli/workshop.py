"""``loslaten workshop``: participatory sessions, scriptable (the dashboard's pages use the same
database).

``new`` creates a session and prints its join code, facilitator token and seat links; ``join``
takes a free seat; ``decide`` records a seat's choices for the open round; ``advance`` closes the
round and simulates it; ``timer`` starts the round's countdown; ``end`` ends the session;
``status`` shows where it stands; ``export`` writes its results (JSON, CSV and Parquet).
A wrong token, an out-of-range value, a closed round or an unknown code exits 2 with a message
and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import time

from sim.cli.output import print_json, print_table
from sim.cli.parsing import non_negative_int, parse_sets, positive_int
from sim.workshop import export
from sim.workshop.checks import DEFAULT_BASE_URL, DEFAULT_ROUND_WEEKS, counted_rounds
from sim.workshop.log import CHOICES
from sim.workshop.session import Status, Workshop, other_code_warning
from sim.workshop.store import DB_ENVIRONMENT, DEFAULT_DB

CHOICE_HELP = {
    "trust": "trust you give your people",
    "monitoring": "how closely you monitor (the control level)",
    "coaching": "time for coaching and attention (as the connection lever)",
    "vision": "time for vision and goals (as the vision lever)",
    "firefighting": "share of the team's problems you take over (doing their work)",
    "address": "1: follow up non-performers at full attention, 0: not at all",
}
SHOWN = ("productivity", "engagement_rate", "burnout_rate", "trust_in_manager", "manager_hours")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``workshop`` and its actions to the ``loslaten`` parser."""
    top = sub.add_parser(
        "workshop",
        help="participatory sessions: participants run the teams of a story, round by round",
        description="A session is its story, seed and the ordered log of decisions in an "
        "SQLite database; the simulation replays the log, so any process resumes it exactly.",
    )
    actions = top.add_subparsers(dest="action", required=True, metavar="ACTION")

    p = actions.add_parser(
        "new",
        help="create a session: join code, facilitator token, a secret link per seat",
        description="Create a session of STORY with one seat (team) per participant; teams "
        "nobody takes are run by the story's own managers.",
    )
    p.add_argument("story", metavar="STORY", help="a built-in scenario name or a YAML path")
    p.add_argument("--teams", type=positive_int, required=True, help="teams (seats), 1–100")
    p.add_argument(
        "--round-weeks",
        type=positive_int,
        default=DEFAULT_ROUND_WEEKS,
        help=f"weeks simulated per round (default {DEFAULT_ROUND_WEEKS})",
    )
    p.add_argument(
        "--rounds", type=positive_int, help="rounds (default: as many as fit the story's horizon)"
    )
    p.add_argument("--seed", type=non_negative_int, default=1, help="seed (default 1)")
    p.add_argument(
        "--round-seconds", type=positive_int, help="length of a round's countdown (timer)"
    )
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a story field")
    p.add_argument(
        "--base-url",
        default=DEFAULT_BASE_URL,
        help=f"the dashboard's address for the links (default {DEFAULT_BASE_URL})",
    )
    _common(p)
    p.set_defaults(handler=cmd_new)

    p = actions.add_parser("join", help="take a free seat under a name")
    _code(p)
    p.add_argument("--name", required=True, help="your name, unique in the session")
    _common(p)
    p.set_defaults(handler=cmd_join)

    p = actions.add_parser(
        "decide",
        help="record your team's choices for the open round",
        description="Each choice is a number from 0 to 1; choices not given keep their last "
        "value (or stay with the story's manager). Deciding again in the same round replaces "
        "the choices given.",
    )
    _code(p)
    p.add_argument("--token", required=True, help="your seat's token")
    p.add_argument("--team", type=int, help="your team (checked against the token)")
    p.add_argument("--round", type=int, help="the open round (checked: refused if it closed)")
    for name in CHOICES:
        p.add_argument(f"--{name}", type=_number, metavar="X", help=f"{CHOICE_HELP[name]}, 0–1")
    _common(p)
    p.set_defaults(handler=cmd_decide)

    p = actions.add_parser("advance", help="close the open round and simulate it (facilitator)")
    _code(p)
    p.add_argument("--token", required=True, help="the facilitator token")
    p.add_argument("--round", type=int, help="the round to close (refused if it is not open)")
    _common(p)
    p.set_defaults(handler=cmd_advance)

    p = actions.add_parser("timer", help="start the open round's countdown (facilitator)")
    _code(p)
    p.add_argument("--token", required=True, help="the facilitator token")
    p.add_argument("--seconds", type=positive_int, help="default: the session's round length")
    _common(p)
    p.set_defaults(handler=cmd_timer)

    p = actions.add_parser("end", help="end the session (facilitator)")
    _code(p)
    p.add_argument("--token", required=True, help="the facilitator token")
    _common(p)
    p.set_defaults(handler=cmd_end)

    p = actions.add_parser("status", help="where a session stands (no tokens shown)")
    _code(p)
    _common(p)
    p.set_defaults(handler=cmd_status)

    p = actions.add_parser(
        "export",
        help="the session's results per round and team (JSON, CSV and Parquet)",
        description="Without --token, as the owner of the database file (which holds every "
        "token); with it, the facilitator token is checked.",
    )
    _code(p)
    p.add_argument("--token", help="the facilitator token (checked if given)")
    p.add_argument(
        "--counterfactuals",
        action="store_true",
        help="add each team's 'had it held on to trust' (a replay per team)",
    )
    p.add_argument("--out", metavar="DIR", help="write every table as CSV and Parquet")
    _common(p)
    p.set_defaults(handler=cmd_export)


def _code(p: argparse.ArgumentParser) -> None:
    p.add_argument("code", metavar="CODE", help="the session's join code")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="FILE",
        help=f"the workshop database (default ${DB_ENVIRONMENT} or {DEFAULT_DB})",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1") from None


# --- commands -------------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    ws = Workshop(args.db, create=True)
    created = ws.create(
        args.story,
        args.teams,
        round_weeks=args.round_weeks,
        rounds=args.rounds,
        seed=args.seed,
        round_seconds=args.round_seconds,
        base_url=args.base_url,
        overrides=parse_sets(args.set),
    )
    status = ws.status(created.code)
    if args.json:
        print_json(
            {
                "code": created.code,
                "facilitator_token": created.facilitator_token,
                "facilitator_url": created.facilitator_url,
                "join_url": created.join_url,
                **{k: v for k, v in status.as_dict().items() if k not in ("code", "seats")},
                "seats": [{"team": s.team, "token": s.token, "url": s.url} for s in created.seats],
            }
        )
        return 0
    print(
        f"session {created.code}: {status.story}, {status.teams} teams, "
        f"{counted_rounds(status.rounds)} of {status.round_weeks} weeks, seed {status.seed} "
        f"({ws.store.path})"
    )
    print(f"join:        {created.join_url}")
    print(f"facilitator: {created.facilitator_url}")
    print(f"             token {created.facilitator_token}")
    for seat in created.seats:
        print(f"team {seat.team:>3}:    {seat.url}")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    seat = Workshop(args.db).join(args.code, args.name)
    if args.json:
        print_json({"team": seat.team, "name": seat.name, "token": seat.token, "url": seat.url})
    else:
        print(f"{seat.name}: team {seat.team}, {seat.url}")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    choices = {name: getattr(args, name) for name in CHOICES}
    decision = Workshop(args.db).decide(
        args.code, args.token, team=args.team, round=args.round, **choices
    )
    if args.json:
        print_json({"round": decision.round, "team": decision.team, "decisions": decision.choices})
    else:
        given = ", ".join(f"{k} {v:g}" for k, v in decision.choices.items() if v is not None)
        print(f"team {decision.team}, round {decision.round}: {given}")
    return 0


def cmd_advance(args: argparse.Namespace) -> int:
    ws = Workshop(args.db)
    closed = ws.close_round(args.code, args.token, round=args.round)
    t = export.tables(ws, args.code, args.token)
    doc = export.document(t)
    teams = [r for r in doc["rounds"] if r["round"] == closed]
    organisation = next(r["kpis"] for r in doc["organisation"] if r["round"] == closed)
    status = t.status
    warn_of_other_code(status)
    if args.json:
        print_json(
            {
                "code": status.code,
                "round": closed,
                "state": status.state,
                "next_round": status.round,
                "organisation": organisation,
                "teams": teams,
            }
        )
        return 0
    first = (closed - 1) * status.round_weeks + 1
    after = f"round {status.round} is open" if status.round else "the session has ended"
    print(
        f"{status.code}: round {closed} closed, weeks {first}–{closed * status.round_weeks} "
        f"simulated; {after}"
    )
    print(
        "organisation: " + ", ".join(f"{k} {organisation[k]:.3f}" for k in (*SHOWN[:3], "profit"))
    )
    _print_teams(teams)
    return 0


def cmd_timer(args: argparse.Namespace) -> int:
    deadline = Workshop(args.db).start_timer(args.code, args.token, args.seconds)
    left = max(0.0, deadline - time.time())
    if args.json:
        print_json({"code": args.code.strip().upper(), "deadline": deadline, "seconds_left": left})
    else:
        print(f"the round closes in {left:.0f} seconds")
    return 0


def cmd_end(args: argparse.Namespace) -> int:
    ws = Workshop(args.db)
    closed = ws.end(args.code, args.token)
    if args.json:
        print_json(ws.status(args.code).as_dict())
    else:
        print(f"{args.code.strip().upper()}: ended after {counted_rounds(closed)}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    ws = Workshop(args.db)
    ws.tick(args.code)  # a countdown that ran out closes its round
    status = ws.status(args.code)
    warn_of_other_code(status)
    if args.json:
        print_json(status.as_dict())
        return 0
    where = f"round {status.round} of {status.rounds} open" if status.round else "ended"
    print(
        f"{status.code}: {status.story}, {where}, {status.closed} closed "
        f"({status.round_weeks} weeks a round)"
        + (f", {status.seconds_left:.0f} s left" if status.seconds_left is not None else "")
    )
    print_table(
        {
            "participant": [n or "(nobody joined)" for n in status.names.values()],
            "decided": ["yes" if t in status.submitted else "" for t in status.names],
        },
        [f"team {t}" for t in status.names],
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    ws = Workshop(args.db)
    token = export.DATABASE_OWNER if args.token is None else args.token
    t = export.tables(ws, args.code, token, counterfactuals=args.counterfactuals)
    warn_of_other_code(t.status)
    written = export.write(t, args.out) if args.out else []
    if args.json:
        print_json(export.document(t))
        return 0
    status = t.status
    print(f"{status.code}: {status.story}, {counted_rounds(status.closed)} played, {status.state}")
    _print_teams(export.document(t)["rounds"])
    if written:
        print(f"{len(written)} files written to {args.out}")
    return 0


def warn_of_other_code(status: Status) -> None:
    """On stderr (the JSON on stdout stays one document): the session was started on other
    simulator code than the code now running."""
    warning = other_code_warning(status)
    if warning:
        print(warning, file=sys.stderr)


def _print_teams(rows: list[dict]) -> None:
    if not rows:
        return
    table = {"round": [str(r["round"]) for r in rows], "team": [str(r["team"]) for r in rows]}
    for name in ("trust", "monitoring"):
        table[name] = [_short(r["decisions"][name]) for r in rows]
    for name in SHOWN:
        table[name] = [f"{r['kpis'][name]:.3f}" for r in rows]
    print_table(table, None)


def _short(value: float | None) -> str:
    return "story" if value is None else f"{value:g}"
