"""Scenarios: the validated description of an organisation, its levers and a run.

A scenario is a YAML file (see ``scenarios/``) checked against the schema below. Every field has a
range; anything unknown, misspelt, out of range, NaN or absurdly large is refused with a
:class:`ScenarioError` that names the field, the value and what is allowed (its messages:
:mod:`sim.scenario_errors`; reading files within their limits: :mod:`sim.scenario_files`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from sim import kpis, mechanisms, population
from sim.coefficients import Record, bounds
from sim.scenario_errors import ScenarioError, describe, model_at, unknown
from sim.scenario_files import (
    MAX_FILE_BYTES,
    parse_value,
    parse_yaml,
    read_yaml,
    resolve,
    scenarios_dir,
)

__all__ = [
    "MAX_EMPLOYEES",
    "MAX_FILE_BYTES",
    "MAX_REPORT_DELAY",
    "MAX_WEEKS",
    "RECORDS",
    "RENAMED",
    "Coefficients",
    "Environment",
    "Intervention",
    "Levers",
    "Managers",
    "Mechanisms",
    "Organisation",
    "Run",
    "Scenario",
    "ScenarioError",
    "Switch",
    "Unit",
    "Workforce",
    "apply_overrides",
    "builtin_scenarios",
    "check_path",
    "current_name",
    "field_at",
    "field_bounds",
    "load_scenario",
    "parse_scenario_text",
    "parse_value",
    "scenarios_dir",
]

MAX_EMPLOYEES = 2_000_000
MAX_WEEKS = 5_200
MAX_REPORT_DELAY = 52  # weeks; the model keeps this much history of the environment

Unit = Annotated[float, Field(ge=0.0, le=1.0)]


def _strength(value: Any) -> Any:
    """A channel switch: ``true``/``false`` or a strength in [0, 1]."""
    return float(value) if isinstance(value, bool) else value


Switch = Annotated[
    float,
    BeforeValidator(_strength),
    Field(ge=0.0, le=1.0),
    PlainSerializer(lambda v: bool(v) if v in (0.0, 1.0) else v, return_type=bool | float),
]


def channel(description: str) -> Any:
    """A channel's switch, on unless a scenario switches it off."""
    return Field(1.0, description=description)


class _Section(Record):
    model_config = ConfigDict(frozen=False)


class Levers(_Section):
    """The 6 V's of coaching leadership (C7) plus control (C2) and rules (C8), each in [0, 1]."""

    vision: Unit = Field(0.5, description="clear goals and the WHY (visie)")
    trust: Unit = Field(0.5, description="trust the managers are disposed to give (vertrouwen)")
    responsibility: Unit = Field(
        0.5, description="decision rights delegated (verantwoordelijkheid)"
    )
    freedom: Unit = Field(0.5, description="freedom in how the work is done (vrijheid)")
    connection: Unit = Field(0.5, description="attention, listening, coaching (verbinding)")
    safety: Unit = Field(0.5, description="mistakes may be made, people may speak up (veiligheid)")
    control: Unit = Field(0.5, description="monitoring intensity imposed on employees (controle)")
    rules: Unit = Field(0.5, description="density of rules and procedures (regels)")


class Organisation(_Section):
    """Size and shape: employees in teams of ``team_size``, each led by one manager."""

    employees: int = Field(200, ge=2, le=MAX_EMPLOYEES, description="total headcount")
    team_size: int = Field(10, ge=2, le=100, description="employees per manager")
    cross_team_ties: float = Field(
        1.0, ge=0.0, le=10.0, description="mean colleague ties per employee outside the own team"
    )


class Environment(_Section):
    """The world outside: how fast the best course moves (C12, C13) and results pressure (C4)."""

    turbulence: Unit = Field(0.3, description="speed at which the best course changes (0: never)")
    pressure: Unit = Field(0.5, description="results pressure passed down from the directors")
    shock: Unit = Field(0.0, description="share of output lost to an external results shock")
    interdependence: Unit = Field(
        0.3, description="how much teams' decisions must fit each other (0: not at all)"
    )
    rule_revision_weeks: int = Field(52, ge=1, le=520, description="how often rules are revised")
    report_delay_weeks: int = Field(
        4, ge=0, le=MAX_REPORT_DELAY, description="age of the manager's reports"
    )


class Workforce(_Section):
    """Who works here: behavioural types (C3) and the need for autonomy (C16)."""

    opportunist_share: Unit = Field(
        0.1,
        description="share of opportunists (free riders) among the initial staff and recruits",
    )
    autonomy_need: Unit = Field(0.5, description="mean need for autonomy")
    autonomy_need_spread: float = Field(
        0.15, ge=0.0, le=0.5, description="spread of the need for autonomy (generations, C16)"
    )


class Managers(_Section):
    """The manager's disposition under pressure (C4, C6, C17)."""

    control_propensity: Unit = Field(0.5, description="tendency to grab control when results fall")
    courage: Unit = Field(0.5, description="conviction to hold on to trust through setbacks")
    contract_hours: float = Field(40.0, ge=10.0, le=60.0, description="contract hours a week")
    max_hours: float = Field(60.0, ge=10.0, le=100.0, description="most hours a manager works")

    @model_validator(mode="after")
    def _hours_order(self) -> Managers:
        if self.max_hours < self.contract_hours:
            raise ValueError(
                f"max_hours ({self.max_hours}) must be at least contract_hours "
                f"({self.contract_hours})"
            )
        return self


class Mechanisms(_Section):
    """Switches for ablation: one per channel through which a lever acts (``explain`` names
    them). On (``true``, 1) by default; switched off (``false``, 0) a channel passes on a fixed
    reference level instead; a strength in between mixes the two
    (``sim/mechanisms/channels.py``)."""

    # decisions and knowledge
    local_knowledge: Switch = channel("employees decide on fresh local knowledge (C12)")
    coordination: Switch = channel("interdependent teams' decisions must fit (C12, C13)")
    adaptation: Switch = channel("decisions that miss the best course cost output (C12, C13)")
    shared_goals: Switch = channel("vision aims everyone at the same goal (C7)")
    role_clarity: Switch = channel("vision and a few rules make roles clear (C7, C8)")
    # job demands
    workload: Switch = channel("results pressure adds to workload (C4, C11)")
    red_tape: Switch = channel("rules are red tape, a hindrance (C8)")
    enabling_rules: Switch = channel("rules that fit the work burden less: green tape (C8)")
    control_stress: Switch = channel("felt control is a stressor (C2)")
    autonomy_burden: Switch = channel("autonomy beyond one's competence and need is a burden (C16)")
    # job resources
    autonomy_resource: Switch = channel("autonomy is a job resource (C1, C14, C16)")
    trust_resource: Switch = channel("trust received is a job resource (C1)")
    safety_resource: Switch = channel("psychological safety is a job resource (C7)")
    bad_apples: Switch = channel("unaddressed slackers drain colleagues (C9)")
    coaching: Switch = channel("coaching is a resource, builds skill and initiative (C5)")
    autonomy_fit: Switch = channel(
        "autonomy is worth as much as one's competence and need can use (C16)"
    )
    compulsion: Switch = channel("demands activate the compulsively driven: workaholism (C15)")
    boost: Switch = channel("resources motivate most where demands are high: active jobs (C11)")
    crossover: Switch = channel("moods spread between linked colleagues (C15)")
    # absence and turnover
    control_absence: Switch = channel("control over one's work lowers sick leave (C14)")
    attendance: Switch = channel("who takes pleasure in the work reports sick less often (C15)")
    absence_culture: Switch = channel(
        "a team's recent absence sets its norm for reporting sick (C15)"
    )
    fit_revealed: Switch = channel(
        "a poor fit with the job shows in the first months and drives out (C11)"
    )
    embeddedness: Switch = channel("staff take root with tenure and leave less (C15)")
    # effort and misconduct
    reciprocity: Switch = channel("felt trust is returned in effort (C3)")
    crowding_out: Switch = channel("control read as distrust lowers effort (C2)")
    time_pressure: Switch = channel("time pressure within capacity mobilises effort (C11)")
    conditional_cooperation: Switch = channel(
        "reciprocal people match colleagues who put in less (C3, C9)"
    )
    deterrence: Switch = channel("monitoring deters and catches shirking (C2, C9)")
    concertive: Switch = channel("a self-steering team's own norms press on its members (C10)")
    trust_abuse: Switch = channel("opportunists exploit trust and freedom (C3)")
    learned_misconduct: Switch = channel(
        "misconduct grows where it pays unseen, shrinks when caught (C3)"
    )
    testing: Switch = channel(
        "opportunists test new trust beyond their hired level until caught (C17)"
    )
    initiative: Switch = channel("responsibility believed grows initiative (C1, C17)")
    speaking_up: Switch = channel("safety brings problems up early (C7)")
    unsolved_problems: Switch = channel("problems nobody solves cost output (C4, C17)")
    span_attention: Switch = channel(
        "a manager's attention, coaching and trust per report thin as the span widens (C5)"
    )
    gradual_handover: Switch = channel("managers hand problems over as staff show initiative (C17)")
    # the manager's story
    control_grab: Switch = channel("managers grab control under pressure (C4)")
    lean_back: Switch = channel("fire-fighting makes employees lean back (C4)")
    credibility: Switch = channel("staff believe eased control only slowly (C17)")
    consequences: Switch = channel("managers follow up observed non-performers (C9)")
    social_control: Switch = channel("self-steering teams see and address peers (C10)")


RECORDS: dict[str, type[Record]] = {
    **mechanisms.records(),
    "population": population.Coefficients,
    "kpis": kpis.Coefficients,
}
"""The coefficient record of each mechanism (and of the population and the KPIs), by the name
under which it appears in a scenario: ``coefficients.<name>.<coefficient>``."""

Coefficients = create_model(
    "Coefficients",
    __base__=_Section,
    __doc__="Every coefficient, one record per mechanism (``loslaten coefficients``).",
    **{name: (record, Field(default_factory=record)) for name, record in RECORDS.items()},
)


RENAMED = {
    "dynamics.energy_baseline": "coefficients.wellbeing.energy_baseline",
    "dynamics.pleasure_baseline": "coefficients.wellbeing.pleasure_baseline",
    "dynamics.wellbeing_rate": "coefficients.wellbeing.rate",
    "dynamics.weekly_noise": "coefficients.wellbeing.weekly_noise",
    "dynamics.effort_energy_gain": "coefficients.effort.energy_gain",
    "dynamics.trait_spread": "coefficients.population.trait_spread",
    "dynamics.crossover_rate": "coefficients.crossover.rate",
    "dynamics.burnout_absence_weeks": "coefficients.workforce.burnout_absence_weeks",
    "dynamics.short_absence_hazard": "coefficients.workforce.short_absence_hazard",
}
"""Fields that moved, by their old dotted path: scenario files and overrides that use the old
name keep working (the ``dynamics`` section of earlier versions became ``coefficients``)."""
_OLD_SECTIONS = {key.split(".")[0] for key in RENAMED}


class Run(_Section):
    """Horizon and measurement window (one step is one week)."""

    weeks: int = Field(260, ge=1, le=MAX_WEEKS, description="weeks simulated")
    measure_weeks: int = Field(52, ge=1, le=MAX_WEEKS, description="final weeks averaged")
    warmup_weeks: int = Field(
        78,
        ge=0,
        le=MAX_WEEKS,
        description="unseen weeks at the initial levers first, so week 1 is a typical week",
    )

    @model_validator(mode="after")
    def _window_fits(self) -> Run:
        if self.measure_weeks > self.weeks:
            raise ValueError(
                f"measure_weeks ({self.measure_weeks}) must not exceed weeks ({self.weeks})"
            )
        return self


class Intervention(_Section):
    """A change of levers or dispositions at a given week."""

    week: int = Field(ge=0, le=MAX_WEEKS)
    set: dict[str, Any] = Field(default_factory=dict)

    @field_validator("set")
    @classmethod
    def _settable(cls, changes: dict[str, Any]) -> dict[str, Any]:
        for key in changes:
            if key.split(".")[0] in {"organisation", "run", "interventions", "name"}:
                raise ValueError(f"'{key}' cannot change during a run")
        return changes


class Scenario(_Section):
    """A complete scenario. Field names are a contract (``docs/contracts.md``)."""

    name: str = Field("custom", max_length=200)
    description: str = Field("", max_length=2000)
    levers: Levers = Field(default_factory=Levers)
    organisation: Organisation = Field(default_factory=Organisation)
    environment: Environment = Field(default_factory=Environment)
    workforce: Workforce = Field(default_factory=Workforce)
    managers: Managers = Field(default_factory=Managers)
    mechanisms: Mechanisms = Field(default_factory=Mechanisms)
    coefficients: Coefficients = Field(default_factory=Coefficients)
    run: Run = Field(default_factory=Run)
    interventions: list[Intervention] = Field(default_factory=list, max_length=1000)

    @model_validator(mode="before")
    @classmethod
    def _renamed_fields(cls, data: Any) -> Any:
        """Move fields given under an old name (``RENAMED``) to their new home."""
        if isinstance(data, dict) and any(key in data for key in _OLD_SECTIONS):
            data = dict(data)
            moved = {}
            for section in _OLD_SECTIONS & data.keys():
                fields = data.pop(section)
                if not isinstance(fields, dict):
                    raise ValueError(f"{section}: expected a mapping of fields")
                moved |= {f"{section}.{name}": value for name, value in fields.items()}
            data = apply_overrides(data, moved)
        return data

    @model_validator(mode="after")
    def _interventions_valid(self) -> Scenario:
        base = self.model_dump(exclude={"interventions"})
        for i, iv in enumerate(self.interventions):
            if iv.week > self.run.weeks:
                raise ValueError(
                    f"interventions.{i}.week: week {iv.week} is after the horizon "
                    f"(run.weeks = {self.run.weeks})"
                )
            try:
                _validated(apply_overrides(base, iv.set), f"interventions.{i}.set")
            except ScenarioError as err:
                raise ValueError(
                    "; ".join(f"interventions.{i}.set: {p}" for p in err.problems)
                ) from None
        return self

    def with_overrides(self, **overrides: Any) -> Scenario:
        """A copy with dotted-path overrides applied and validated."""
        return _validated(apply_overrides(self.model_dump(), overrides), "override")

    def changes_by_week(self) -> dict[int, dict[str, Any]]:
        """The interventions' changes, merged per week (a later entry wins)."""
        changes: dict[int, dict[str, Any]] = {}
        for iv in self.interventions:
            changes.setdefault(iv.week, {}).update(iv.set)
        return changes

    def with_weeks(self, weeks: int) -> Scenario:
        """A new horizon; the measurement window shrinks if it would not fit."""
        window = min(self.run.measure_weeks, weeks)
        return self.with_overrides(**{"run.weeks": weeks, "run.measure_weeks": window})

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.model_dump(mode="json"), sort_keys=False, allow_unicode=True)


# --- loading ------------------------------------------------------------------------------------


def builtin_scenarios() -> dict[str, str]:
    """Built-in scenario names with their one-line descriptions."""
    out = {}
    for path in sorted(scenarios_dir().glob("*.yaml")):
        lines = str(read_yaml(path).get("description", "")).strip().splitlines()
        out[path.stem] = lines[0] if lines else ""
    return out


def load_scenario(source: str | Path | dict | Scenario = "baseline", **overrides: Any) -> Scenario:
    """Load a scenario by built-in name, path, dict or Scenario, then apply dotted overrides.

    >>> load_scenario("baseline", **{"levers.trust": 0.8}).levers.trust
    0.8
    """
    if isinstance(source, Scenario):
        data, label = source.model_dump(), source.name
    elif isinstance(source, dict):
        data, label = dict(source), "scenario"
    else:
        path = resolve(source)
        data, label = read_yaml(path), str(source)
        data.setdefault("name", path.stem)
    return _validated(apply_overrides(data, overrides), label)


def parse_scenario_text(text: str, label: str = "uploaded scenario") -> Scenario:
    """Validate YAML text (e.g. an upload) as a scenario."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise ScenarioError([f"file is larger than {MAX_FILE_BYTES:,} bytes"], label)
    return _validated(parse_yaml(text, label), label)


# --- overrides ----------------------------------------------------------------------------------


def apply_overrides(data: dict, overrides: dict[str, Any]) -> dict:
    """Return a deep copy of ``data`` with ``{"levers.trust": 0.8}``-style overrides applied."""
    out = json.loads(json.dumps(data, default=str)) if overrides else dict(data)
    for key, value in overrides.items():
        key = current_name(key)
        parts = key.split(".")
        if not all(parts):
            raise ScenarioError([f"'{key}' is not a dotted field path like levers.trust"])
        check_path(parts, key)
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ScenarioError([f"{key}: '{part}' is not a section"])
        node[parts[-1]] = value
    return out


def current_name(key: str) -> str:
    """The dotted path of a field now, for one given under an old name (``RENAMED``)."""
    return RENAMED.get(key, key)


def check_path(parts: list[str], key: str) -> None:
    """Refuse a dotted path that names no scenario field (``ScenarioError`` with suggestions)."""
    parts = current_name(".".join(parts)).split(".")
    model: type[BaseModel] = Scenario
    for depth, part in enumerate(parts):
        fields = model.model_fields
        if part not in fields:
            where = ".".join(parts[:depth]) or "scenario"
            raise ScenarioError([unknown(key, part, list(fields), where)])
        annotation = fields[part].annotation
        if depth < len(parts) - 1:
            if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
                raise ScenarioError([f"{key}: '{part}' has no sub-fields"])
            model = annotation


# --- validation and messages --------------------------------------------------------------------


def _validated(data: dict, label: str) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        raise ScenarioError([describe(e, Scenario) for e in err.errors()], label) from None
    except RecursionError:
        raise ScenarioError(["scenario is nested too deeply"], label) from None


def field_at(loc: tuple):
    """The pydantic field at a location such as ``("levers", "trust")``, or None."""
    if all(isinstance(part, str) for part in loc):
        loc = tuple(current_name(".".join(loc)).split("."))
    parent = model_at(loc[:-1], Scenario)
    return parent.model_fields.get(str(loc[-1])) if parent else None


field_bounds = bounds  # the (lower, upper) bounds a field allows; None where it has none
