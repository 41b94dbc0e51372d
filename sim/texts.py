"""Texts in Dutch and English: the catalogue, numbers as people read them, scenarios in words.

The catalogue is one TOML file per language (``sim/locale/nl.toml``, ``en.toml``) with the same
keys (``tests/test_texts.py``), but for the coefficients' meanings and units (:data:`FROM_SOURCE`):
only Dutch has them, and English takes the source's own words, a field's doc and unit. Nested
tables are read as dotted keys (``kpi.burnout_rate``).
The dashboard and the client report (:mod:`sim.report`) take every word they show from it.
Texts about a story's behaviour (``story.<name>.phases``) live there too, so they can be
adjusted with the model.
"""

from __future__ import annotations

import math
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from sim.claims import CLAIMS, cited
from sim.experiments.errors import ExperimentError
from sim.scenario import Mechanisms, Scenario

LANGS = ("nl", "en")
LOCALE = Path(__file__).with_name("locale")
COEFFICIENT_DOC, UNIT = "model.coefficient_doc", "model.unit"
FROM_SOURCE = (COEFFICIENT_DOC, UNIT)
"""Catalogue blocks only Dutch holds: in English a coefficient's meaning and unit are the
source's own words (:func:`coefficient_doc`, :func:`coefficient_unit`)."""

SHARES = {
    "burnout_rate",
    "engagement_rate",
    "workaholism_rate",
    "satisfaction_rate",
    "absence_rate",
    "turnover_rate",
    "coaching_share",
    "misconduct_loss",
}
"""KPIs that are shares, shown as percentages and their differences in percentage points."""
HOURS = {"manager_hours"}
BETTER = {
    "burnout_rate": -1,
    "engagement_rate": 1,
    "workaholism_rate": -1,
    "satisfaction_rate": 1,
    "productivity": 1,
    "engaged_productivity_ratio": 1,
    "absence_rate": -1,
    "turnover_rate": -1,
    "manager_hours": -1,
    "coaching_share": 1,
    "trust": 1,
    "misconduct_loss": -1,
    "adaptation_error": -1,
    "profit": 1,
}
"""Which way is better for a KPI: 1 higher, -1 lower (a KPI not listed has no direction)."""


def check_lang(lang: str) -> str:
    """``lang`` as the catalogue names it (``"nl"`` or ``"en"``), else an error naming both."""
    code = str(lang).lower()
    if code not in LANGS:
        raise ExperimentError(f"language {lang!r} is not available; choose nl or en")
    return code


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """Every text of ``lang`` by its dotted key."""
    with (LOCALE / f"{check_lang(lang)}.toml").open("rb") as f:
        return _flat(tomllib.load(f))


def _flat(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out |= _flat(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = value
    return out


def has(key: str, lang: str) -> bool:
    return key in catalogue(lang)


def text(key: str, lang: str = "nl", **values: Any) -> str:
    """The text ``key`` in ``lang``, its ``{placeholders}`` filled with ``values``."""
    found = catalogue(lang)[key]
    return found.format(**values) if values else found


def counted(key: str, count: int, lang: str = "nl", **values: Any) -> str:
    """The text ``key`` for ``count`` of something ("na 1 ronde", "na 3 rondes"): the catalogue
    holds it as a pair, ``key_one`` for exactly one and ``key_other`` for any other count, each
    with the same ``{placeholders}``, filled with ``values``."""
    return text(f"{key}_{'one' if count == 1 else 'other'}", lang, **values)


def items(key: str, lang: str = "nl") -> list[str]:
    """A list in the catalogue (a story's phases)."""
    return list(catalogue(lang)[key])


# --- numbers ------------------------------------------------------------------------------------


NONZERO = re.compile("[1-9]")  # a written number with a digit other than 0 is not zero


def number(value: float, lang: str = "nl", decimals: int = 2, sign: bool = False) -> str:
    """``value`` with ``decimals`` decimals, a decimal comma in Dutch, "−" for minus, "—" if it
    is not a number; ``sign``: "+" before a positive value. A value that rounds to zero has no
    sign ("0,0", never "+0,0" or "−0,0")."""
    if value is None or not math.isfinite(value):
        return "—"
    formatted = f"{value:{'+' if sign else ''},.{decimals}f}"
    if not NONZERO.search(formatted):
        formatted = formatted.lstrip("+-")
    if lang == "nl":
        formatted = formatted.translate(str.maketrans(",.", ".,"))
    return formatted.replace("-", "−")


def kpi_value(name: str, value: float, lang: str = "nl") -> str:
    """A KPI value as people read it: a percentage, hours, or a number."""
    if name in SHARES:
        return _with_unit(number(100 * value, lang, 1), "%")
    if name in HOURS:
        return _with_unit(number(value, lang, 1), " " + text("unit.hours", lang))
    return number(value, lang, 2)


def kpi_change(name: str, diff: float, lang: str = "nl") -> str:
    """A KPI difference: percentage points for shares, hours, or a signed number."""
    if name in SHARES:
        return _with_unit(number(100 * diff, lang, 1, sign=True), " " + text("unit.points", lang))
    if name in HOURS:
        return _with_unit(number(diff, lang, 1, sign=True), " " + text("unit.hours", lang))
    return number(diff, lang, 2, sign=True)


def kpi_tone(name: str, diff: float, better: dict[str, int] = BETTER) -> int:
    """Whether a KPI difference is better (1), worse (-1) or neither (0): neither for a KPI
    without a better direction (``better``, default :data:`BETTER`), a difference that is not a
    number, or one that :func:`kpi_change` writes as zero (it is shown without a sign and must
    not be coloured either)."""
    way = better.get(name, 0)
    if not way or not NONZERO.search(kpi_change(name, diff)):
        return 0
    return 1 if way * diff > 0 else -1


def kpi_unit(name: str, lang: str = "nl") -> str:
    """The unit of a KPI's differences, for an axis title."""
    if name in SHARES:
        return text("unit.points", lang)
    if name in HOURS:
        return text("unit.hours_long", lang)
    return text("unit.index", lang)


def _with_unit(formatted: str, unit: str) -> str:
    return formatted if formatted == "—" else formatted + unit


def kpi_name(name: str, lang: str = "nl") -> str:
    return text(f"kpi.{name}", lang)


# --- fields, mechanisms, stories ----------------------------------------------------------------


def field_name(path: str, lang: str = "nl") -> str:
    """A scenario field in plain words (``levers.trust`` → "vertrouwen"); the last part of the
    path, with spaces, where the catalogue has no name for it."""
    key = f"field.{path}"
    return text(key, lang) if has(key, lang) else path.rsplit(".", 1)[-1].replace("_", " ")


def mechanism_name(name: str, lang: str = "nl") -> str:
    """A mechanism switch (``sim.scenario.Mechanisms``) by name in ``lang``."""
    key = f"mechanism.{name}"
    return text(key, lang) if has(key, lang) else name.replace("_", " ")


def mechanism_doc(module: str, lang: str = "nl") -> str:
    """What a mechanism module (``sim.mechanisms.<module>``) does, in a few plain sentences
    (empty where the catalogue has none)."""
    key = f"model.mechanism_doc.{module}"
    return text(key, lang) if has(key, lang) else ""


def coefficient_doc(name: str, doc: str, lang: str = "nl") -> str:
    """A coefficient's meaning in ``lang`` (``name`` as :func:`sim.coefficients.listing` gives
    it, ``coefficients.<record>.<field>``); its ``doc`` from the source where the catalogue has
    none, as in English always."""
    key = f"{COEFFICIENT_DOC}.{name.removeprefix('coefficients.')}"
    return text(key, lang) if has(key, lang) else doc


def coefficient_unit(unit: str, lang: str = "nl") -> str:
    """A coefficient's unit in ``lang`` ("per week", "share of output"); as written in the
    source where the catalogue has none, as in English always."""
    key = f"{UNIT}.{unit}"
    return text(key, lang) if has(key, lang) else unit


def mechanism_claims(name: str) -> list[str]:
    """The claims a mechanism switch cites in its description (``(C2)``)."""
    return cited(Mechanisms.model_fields[name].description or "")


def mechanism_label(name: str, lang: str = "nl") -> str:
    """A mechanism with the claims it carries: "verdringing door controle (C2)"."""
    claims = mechanism_claims(name)
    return f"{mechanism_name(name, lang)} ({', '.join(claims)})" if claims else name


def claim_titles(ids: list[str], lang: str = "nl") -> str:
    """The claims by id and title: "C2 Controle verdringt motivatie; C9 …"."""
    return "; ".join(f"{c} {CLAIMS[c].title(lang)}" for c in ids)


def story_name(key: str, lang: str = "nl") -> str:
    """A built-in story's name in ``lang``; any other name with spaces for underscores."""
    found = f"story.{key}.name"
    return text(found, lang) if has(found, lang) else key.replace("_", " ")


def story_description(key: str, scenario: Scenario, lang: str = "nl") -> str:
    """A built-in story's description in ``lang``; an upload's own description."""
    found = f"story.{key}.description"
    return text(found, lang) if has(found, lang) else scenario.description


def changes(
    scenario: Scenario, reference: Scenario, lang: str = "nl", short: bool = False
) -> list[str]:
    """What ``scenario`` sets differently from ``reference``, in words: "vertrouwen 0,5 → 0,8"
    (``short``: "vertrouwen 0,8"), "vanaf week 81: vertrouwen 0,8, controle 0,2"."""
    ours, theirs = _numbers(scenario), _numbers(reference)
    out = [
        f"{field_name(path, lang)} "
        + ("" if short else f"{_value(theirs.get(path), lang)} → ")
        + _value(value, lang)
        for path, value in ours.items()
        if path in theirs and theirs[path] != value
    ]
    base = [iv.model_dump(mode="json") for iv in reference.interventions]
    for iv in scenario.interventions:
        if iv.model_dump(mode="json") not in base:
            said = ", ".join(f"{field_name(k, lang)} {_value(v, lang)}" for k, v in iv.set.items())
            out.append(text("words.from_week", lang, week=iv.week + 1, changes=said))
    return out


def value_at(scenario: Scenario, path: str) -> Any:
    """A scenario's field by its dotted path."""
    value: Any = scenario
    for part in path.split("."):
        value = getattr(value, part)
    return value


def _numbers(scenario: Scenario) -> dict[str, Any]:
    return _flat(scenario.model_dump(mode="json", exclude={"name", "description", "interventions"}))


def _value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return text("words.on" if value else "words.off", lang)
    if isinstance(value, int):
        return number(value, lang, 0)
    if isinstance(value, float):
        return number(value, lang, 2).rstrip("0").rstrip(",.") or "0"
    return str(value)


# --- validation messages in plain words ---------------------------------------------------------

_PATH = r"(?P<path>[a-z_]+(?:\.[a-z_0-9]+)*)"
_PROBLEMS = {
    "range": rf"{_PATH}: (?P<value>.+) is not allowed; must be between (?P<low>\S+) and "
    r"(?P<high>\S+)",
    "unknown": rf"{_PATH}: unknown field(?: \(did you mean '(?P<hint>[^']+)'\?\))?; .*",
    "finite": rf"{_PATH}: (?P<value>.+) is not allowed; must be a finite number.*",
    "number": rf"{_PATH}: (?P<value>.+) is not allowed; Input should be a valid number.*",
    "whole": rf"{_PATH}: (?P<value>.+) is not allowed; Input should be a valid integer.*",
    "section": rf"{_PATH}: (?P<value>.+) is not allowed; Input should be a valid dictionary.*",
    "list": rf"{_PATH}: (?P<value>.+) is not allowed; Input should be a valid list.*",
    "text": rf"{_PATH}: (?P<value>.+) is not allowed; Input should be a valid string.*",
    "flag": rf"{_PATH}: (?P<value>.+) is not allowed; Input should be a valid boolean.*",
    "required": rf"{_PATH}: Field required",
    "boolean": r"(?P<section>[a-z_]+): (?P<name>[a-z_]+): (?P<value>\S+) is not allowed; it must "
    r"be a number",
    "horizon": r"interventions\.\d+\.week: week (?P<week>\d+) is after the horizon "
    r"\(run\.weeks = (?P<weeks>\d+)\)",
    "fixed": r"interventions\.\d+\.set: '(?P<path>[a-z_.]+)' cannot change during a run",
    "window": r"run: measure_weeks \((?P<window>\d+)\) must not exceed weeks \((?P<weeks>\d+)\)",
    "hours": r"managers: max_hours \((?P<most>[\d.]+)\) must be at least contract_hours "
    r"\((?P<contract>[\d.]+)\)",
    "yaml": r"malformed YAML(?: at line (?P<line>\d+), column (?P<column>\d+))?: .*",
    "large_file": r"file is larger than (?P<limit>[\d,]+) bytes",
    "utf8": r"file is not UTF-8 text",
    "mapping": r"the file must be a mapping of sections, got \w+",
    "quadrants": r"targets .* = (?P<total>[\d.]+) exceed 1; .*",
    "unreachable": r"cannot reach the targets: .* gives (?P<gives>.*), off by more than the "
    r"tolerance (?P<tolerance>[\d.]+)\. .*",
}
PROBLEMS = {kind: re.compile(pattern) for kind, pattern in _PROBLEMS.items()}
"""The validation problems of :mod:`sim.scenario` that :func:`plain_problem` rewords."""
GIVES = re.compile(r"(\w+) ([\d.]+) \(target ([\d.]+)\)")
IN_INTERVENTION = re.compile(r"interventions\.(?P<index>\d+)\.set: (?P<inner>.+)")


def plain_problem(problem: str, lang: str = "nl") -> str:
    """A problem of a :class:`sim.ScenarioError` (or a calibration's refusal) in plain words in
    ``lang``: the field
    named in words with where it sits in a file ("levers → trust"), the value and what is
    allowed. A problem of a kind not known here is returned as it is."""
    said = _worded(problem.removeprefix("scenario: "), lang)
    return said[:1].upper() + said[1:]


def _worded(problem: str, lang: str) -> str:
    inside = IN_INTERVENTION.fullmatch(problem)
    if inside and not PROBLEMS["fixed"].fullmatch(problem):
        index = int(inside["index"]) + 1
        return text("problem.in_intervention", lang, index=index) + _worded(inside["inner"], lang)
    for kind, pattern in PROBLEMS.items():
        found = pattern.fullmatch(problem)
        if found:
            values = {k: v or "" for k, v in found.groupdict().items()}
            if "section" in values:
                values["path"] = f"{values.pop('section')}.{values.pop('name')}"
            if "path" in values:
                path = values.pop("path")
                values["field"] = field_name(path, lang)
                values["where"] = " → ".join(path.split("."))
            for key in ("low", "high", "most", "contract", "limit", "tolerance"):
                if key in values:
                    values[key] = _value(float(values[key].replace(",", "")), lang)
            if "total" in values:
                values["total"] = kpi_value("burnout_rate", float(values["total"]), lang)
            if "gives" in values:
                values["gives"] = "; ".join(
                    text(
                        "problem.gives",
                        lang,
                        kpi=kpi_name(k, lang),
                        got=kpi_value(k, float(got), lang),
                        target=kpi_value(k, float(goal), lang),
                    )
                    for k, got, goal in GIVES.findall(values["gives"])
                )
            if kind == "unknown" and values["hint"]:
                kind = "unknown_hint"
            return text(f"problem.{kind}", lang, **values)
    return problem
