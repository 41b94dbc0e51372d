"""Coefficients: every number that shapes the model's behaviour, named, ranged and sourced.

Each mechanism module declares one frozen :class:`Record`, ``Coefficients``, whose fields are
made with :func:`coefficient`: a value, the range it may take, its unit, a one-line meaning and its
**provenance** —

* ``sourced``: taken from a publication or statistic (``source`` names it);
* ``fitted``: fitted by a calibration (``source`` names which one and to what);
* ``assumed``: set by hand so the mechanism behaves plausibly; open to sensitivity analysis.

The records are scenario fields, ``coefficients.<mechanism>.<name>``, validated like every other
field, so ``--set``, ``sweep``, ``sensitivity``, ``calibrate`` and ``explain`` take them.
``loslaten coefficients`` lists them (:func:`listing`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

Provenance = Literal["sourced", "fitted", "assumed"]
PROVENANCES: tuple[Provenance, ...] = ("sourced", "fitted", "assumed")
FITTED = json.loads(Path(__file__).with_name("calibration.json").read_text())
"""The values ``make calibrate`` last fitted (``scripts/calibrate_baseline.py``)."""
BASELINE_FIT = (
    "make calibrate: seven Dutch baseline figures at once — burnout 14%, engaged 20%, engaged"
    " ×1.17, absence 4.7%, burnout complaints ×5 the absence, turnover 12%, a quarter of absence"
    " days on burnout leave (docs/calibration.md; C15)"
)


class Record(BaseModel):
    """A frozen, validated group of numbers (a scenario section or a coefficient record)."""

    model_config = ConfigDict(
        extra="forbid", allow_inf_nan=False, validate_assignment=True, frozen=True
    )

    @model_validator(mode="before")
    @classmethod
    def _no_booleans_for_numbers(cls, data: Any) -> Any:
        """YAML reads ``yes``/``true`` as a boolean; refuse it where a number is meant."""
        if isinstance(data, dict):
            for key, value in data.items():
                field = cls.model_fields.get(key)
                if isinstance(value, bool) and field and field.annotation in (int, float):
                    if not any(isinstance(m, BeforeValidator) for m in field.metadata):
                        raise ValueError(f"{key}: {value} is not allowed; it must be a number")
        return data


def coefficient(
    value: float,
    low: float,
    high: float,
    unit: str,
    doc: str,
    provenance: Provenance = "assumed",
    source: str = "",
) -> Any:
    """A coefficient field: ``value`` within [``low``, ``high``], with its unit, meaning and
    provenance (``source`` is required unless it is ``assumed``)."""
    if not low <= value <= high:
        raise ValueError(f"{doc}: {value} is outside its own range [{low}, {high}]")
    if provenance != "assumed" and not source:
        raise ValueError(f"{doc}: a {provenance} coefficient needs its source")
    return Field(
        value,
        ge=low,
        le=high,
        description=doc,
        json_schema_extra={"unit": unit, "provenance": provenance, "source": source},
    )


def fitted(name: str, low: float, high: float, unit: str, doc: str) -> Any:
    """A coefficient fitted by ``make calibrate`` (its value read from ``calibration.json``)."""
    return coefficient(FITTED[name], low, high, unit, doc, "fitted", BASELINE_FIT)


def listing(section: BaseModel) -> list[dict[str, Any]]:
    """Every coefficient of a scenario's ``coefficients`` section with its value, range, unit,
    provenance, source, mechanism and meaning (``loslaten coefficients --json``)."""
    rows = []
    for mechanism, record in section:
        for name, field in type(record).model_fields.items():
            extra = field.json_schema_extra or {}
            low, high = bounds(field)
            rows.append(
                {
                    "name": f"coefficients.{mechanism}.{name}",
                    "value": getattr(record, name),
                    "min": low,
                    "max": high,
                    "unit": extra.get("unit", ""),
                    "provenance": extra.get("provenance", "assumed"),
                    "source": extra.get("source", ""),
                    "mechanism": mechanism,
                    "doc": field.description or "",
                }
            )
    return rows


def bounds(field: Any) -> tuple[float | None, float | None]:
    """The (lower, upper) bounds a pydantic field allows; None where it has none."""
    low = high = None
    for meta in field.metadata:
        for name in ("ge", "gt"):
            if getattr(meta, name, None) is not None:
                low = getattr(meta, name)
        for name in ("le", "lt"):
            if getattr(meta, name, None) is not None:
                high = getattr(meta, name)
    return low, high


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """Coefficients as a Markdown table (the generated tables of ``docs/model.md``)."""
    lines = [
        "| coefficient | value | range | unit | provenance | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        short = row["name"].rsplit(".", 1)[1]
        span = f"{row['min']:g} … {row['max']:g}" if row["min"] != row["max"] else "fixed"
        why = row["provenance"] + (f": {row['source']}" if row["source"] else "")
        lines.append(
            f"| `{short}` | {row['value']:g} | {span} | {row['unit']} | {why} | {row['doc']} |"
        )
    return "\n".join(lines)
