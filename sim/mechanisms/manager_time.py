"""The manager's week (C4 vicious circle, C5 virtuous circle, C6 time sickness, C11).

Every employee brings problems to solve each week. Staff solve the share their initiative
covers; a manager who grabs control takes over problems staff would have solved ("the boss
fixes it", C4). Of the problems staff leave, the manager fixes those that remain theirs: all of
them if they keep the decisions, fewer as responsibility is handed to the team, who must then
pick them up (the cost of letting go before staff take the initiative, C17). A manager hands
problems over as staff show initiative, not all at once (channel ``gradual_handover``, C17): the
share handed over follows a rise of responsibility at the pace initiative grows (months:
Bandura 1977; Salamon & Robinson 2008), and is taken back at once when responsibility falls.
Unsolved problems cost output.

A manager's attention is a pool, not a rate per head: beyond the few reports they can know well,
each report gets less of it, so coaching given in the same hours per person means less, and the
trust a manager shows reaches each report less (channel ``span_attention``, C5; engagement falls
as spans widen, Cathcart et al. 2004; wider spans weaken leadership's effect on staff, Doran et
al. 2004, and the relationship with the manager, Schyns, Maslyn & Weibler 2010).

Hours go first to what cannot wait: reporting upward (it grows with pressure: the sandwich),
monitoring (grows with control and team size), rule administration (grows with rules) and
fire-fighting. What is left, up to the most the manager will work, goes to vision and coaching,
which a manager in control mode also puts off ("no time for that now", C6). Problems beyond the
hours go unsolved. Where people feel safe to speak up, problems are raised early, while staff can
still solve them (C7, channel ``speaking_up``; psychological safety and learning, Edmondson 1999;
Frazier et al. 2017).

Managers' own well-being follows the job demands–resources model like everyone's (Bakker &
Demerouti 2007): overtime, the squeeze between directors and a team that falls short (middle
managers' sandwich, Anicich & Hirsh 2017) and problems left lying are hindrances, results
pressure a challenge; meaningful hours (coaching, vision), a team that trusts them and safety are
resources (C6, C11).
"""

from dataclasses import dataclass

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import choose, gate, through
from sim.mechanisms.demands import Demands


class Coefficients(Record):
    reporting_hours: float = coefficient(
        14.0, 4.0, 20.0, "hours/week", "reporting and meetings upward at pressure 0"
    )
    pressure_hours: float = coefficient(
        8.0, 0.0, 16.0, "hours/week", "extra reporting upward at pressure 1 (the sandwich, C6)"
    )
    monitoring_hours: float = coefficient(
        0.8, 0.2, 2.0, "hours/employee/week", "monitoring per employee at full control"
    )
    rules_hours: float = coefficient(
        6.0, 0.0, 12.0, "hours/week", "rule administration at rules 1 (C8)"
    )
    problem_hours: float = coefficient(
        2.5,
        1.0,
        5.0,
        "hours/employee/week",
        "problems per employee, in manager-hours if nobody else solves them",
    )
    vision_hours: float = coefficient(
        6.0, 1.0, 12.0, "hours/week", "vision and strategy at vision 1 (C7)"
    )
    coaching_hours: float = coefficient(
        1.2, 0.3, 3.0, "hours/employee/week", "coaching per employee at connection 1 (C5)"
    )
    put_off: float = coefficient(
        0.5,
        0.0,
        1.0,
        "share",
        "share of vision and coaching put off at full grab (C6)",
        "assumed",
        "time sickness (C6); managers work overtime: CBS 2017 (docs/evidence.md §13.1)",
    )
    raised_early: float = coefficient(
        0.3,
        0.0,
        0.6,
        "share",
        "share of the problems staff leave that full safety brings up early enough to solve (C7)",
    )
    unsolved_cost: float = coefficient(
        0.2, 0.05, 0.6, "share of output", "output lost when none of the team's problems is solved"
    )
    overtime_scale: float = coefficient(
        20.0, 5.0, 40.0, "hours", "overtime that counts as a full demand for a manager"
    )
    squeeze_gain: float = coefficient(
        4.0, 1.0, 10.0, "per unit", "squeeze per unit of pressure × shortfall (C6, C11)"
    )
    overtime_weight: float = coefficient(
        0.4, 0.1, 0.7, "weight", "overtime as a manager's hindrance"
    )
    squeeze_weight: float = coefficient(
        0.35, 0.1, 0.6, "weight", "the squeeze between directors and team as a hindrance"
    )
    unsolved_weight: float = coefficient(
        0.25, 0.0, 0.5, "weight", "problems left lying as a manager's hindrance"
    )
    pressure_challenge: float = coefficient(
        0.4, 0.0, 0.8, "challenge", "results pressure at 1 as a manager's challenge"
    )
    meaningful_weight: float = coefficient(
        1.0, 0.4, 2.0, "weight", "share of hours on coaching and vision as a manager's resource"
    )
    team_trust_weight: float = coefficient(
        0.3, 0.0, 0.6, "weight", "the team's trust in the manager as a resource"
    )
    safety_weight: float = coefficient(0.2, 0.0, 0.6, "weight", "safety as a manager's resource")
    attentive_span: float = coefficient(
        6.0,
        4.0,
        12.0,
        "reports",
        "reports a manager can give full attention (C5)",
        "assumed",
        "the median span is 5–6 reports: Gallup 2025 (docs/evidence.md §13.6)",
    )
    span_thinning: float = coefficient(
        0.5,
        0.0,
        1.0,
        "elasticity",
        "how attention per report thins with reports beyond the attentive span (C5)",
        "assumed",
        "engagement falls with span, Cathcart et al. 2004; leadership weakens, Doran et al. "
        "2004; the relationship with the manager weakens slightly, Schyns et al. 2010 "
        "(docs/evidence.md §13.10–13.12); no elasticity published",
    )
    handover: float = coefficient(
        0.05,
        0.01,
        0.2,
        "per week",
        "weekly share of a rise in responsibility the manager hands over (C17)",
        "assumed",
        "at initiative's own pace (growth.rate); self-efficacy grows over months, Bandura 1977",
    )


@dataclass(frozen=True)
class Week:
    """Hours per manager by activity, and what becomes of the team's problems."""

    reporting: np.ndarray
    monitoring: np.ndarray
    rules: np.ndarray
    firefighting: np.ndarray
    vision: np.ndarray
    coaching: np.ndarray
    taken_over: np.ndarray  # share of problems the manager took from staff who would solve them
    unsolved: np.ndarray  # share of problems nobody solves

    @property
    def hours(self) -> np.ndarray:
        return (
            self.reporting
            + self.monitoring
            + self.rules
            + self.firefighting
            + self.vision
            + self.coaching
        )


def plan_week(
    *,
    team_size: np.ndarray,
    solved_by_staff: np.ndarray,
    grab: np.ndarray,
    handed_over,
    control_level: np.ndarray,
    pressure: float,
    rules: float,
    vision: float,
    connection: float,
    safety,
    max_hours: float,
    c: Coefficients,
    speaking_up,
) -> Week:
    """Allocate next week's hours per manager.

    ``solved_by_staff`` is the share of the team's problems staff would solve themselves (their
    initiative, zero for the absent); problems raised early add to it. ``handed_over`` is the
    share of the problems staff leave that the manager leaves to them (``hand_over``).
    """
    early = c.raised_early * through(safety, on=speaking_up)
    solved_by_staff = solved_by_staff + (1 - solved_by_staff) * early
    left = 1 - solved_by_staff
    taken_over = grab * solved_by_staff
    fixing = taken_over + left * (1 - handed_over * (1 - grab))
    reporting = np.full(team_size.size, c.reporting_hours + c.pressure_hours * pressure)
    monitoring = c.monitoring_hours * control_level * team_size
    admin = np.full(team_size.size, c.rules_hours * rules)
    firefighting = c.problem_hours * team_size * fixing
    urgent = reporting + monitoring + admin + firefighting
    scale = np.minimum(1.0, max_hours / np.maximum(urgent, 1e-9))
    room = max_hours - urgent * scale
    put_off = 1 - c.put_off * grab
    vision_hours = np.minimum(c.vision_hours * vision * put_off, room)
    coaching = np.minimum(c.coaching_hours * connection * team_size * put_off, room - vision_hours)
    unsolved = 1 - (solved_by_staff - taken_over) - fixing * scale
    return Week(
        reporting * scale,
        monitoring * scale,
        admin * scale,
        firefighting * scale,
        vision_hours,
        coaching,
        taken_over,
        unsolved,
    )


def hand_over(handed_over: np.ndarray, responsibility, *, c: Coefficients, on) -> np.ndarray:
    """Share of the problems the manager now leaves to the team: a rise of ``responsibility`` is
    handed over gradually, a fall taken back at once (channel ``gradual_handover``, C17)."""
    target = np.broadcast_to(responsibility, handed_over.shape)
    rising = handed_over + c.handover * (target - handed_over)
    moved = np.where(target > handed_over, rising, target)
    return choose(moved, target, on=on)


def attention_per_report(team_size: np.ndarray, *, c: Coefficients, on) -> np.ndarray:
    """Share of full attention each report gets: 1 up to ``c.attentive_span`` reports, thinning
    as (span / reports)^``c.span_thinning`` beyond (channel ``span_attention``, C5)."""
    thinned = np.minimum(1.0, c.attentive_span / team_size) ** c.span_thinning
    return choose(thinned, np.ones_like(thinned), on=on)


def problems_cost(unsolved: np.ndarray, *, c: Coefficients, on) -> np.ndarray:
    """Share of output kept when a share ``unsolved`` of the team's problems is left lying
    (channel ``unsolved_problems``)."""
    return 1 - gate(c.unsolved_cost * unsolved, on=on)


def manager_conditions(
    hours: np.ndarray,
    meaningful_hours: np.ndarray,
    unsolved: np.ndarray,
    *,
    contract_hours,
    pressure,
    shortfall: np.ndarray,
    team_trust: np.ndarray,
    safety,
    c: Coefficients,
) -> tuple[Demands, np.ndarray]:
    """A manager's demands and resources this week (C6 time sickness, C11 sources of stress).

    ``meaningful_hours`` are the hours spent on coaching and vision.
    """
    overtime = np.maximum(0.0, hours - contract_hours) / c.overtime_scale
    squeeze = np.minimum(1.0, c.squeeze_gain * pressure * shortfall)
    meaningful = meaningful_hours / np.maximum(hours, 1)
    hindrance = (
        c.overtime_weight * overtime + c.squeeze_weight * squeeze + c.unsolved_weight * unsolved
    )
    challenge = np.broadcast_to(c.pressure_challenge * pressure, hours.shape)
    resources = (
        c.meaningful_weight * meaningful
        + c.team_trust_weight * team_trust
        + c.safety_weight * safety
    )
    return Demands(challenge, hindrance), resources
