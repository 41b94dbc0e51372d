"""Scenario errors and their messages: one readable line per field, naming the value and what is
allowed (``ScenarioError.problems``)."""

from __future__ import annotations

import difflib
import math
from typing import Any

from pydantic import BaseModel

from sim.coefficients import bounds


class ScenarioError(ValueError):
    """A scenario that cannot be used; ``problems`` lists one readable line per field."""

    def __init__(self, problems: list[str], source: str = "scenario"):
        self.problems = problems
        self.source = source
        super().__init__(f"{source} is not valid:\n  " + "\n  ".join(problems))


def unknown(key: str, part: str, allowed: list[str], where: str) -> str:
    """An unknown field ``part`` of ``key``, with the closest allowed name if there is one."""
    close = difflib.get_close_matches(part, allowed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{key}: unknown field{hint}; {where} allows: {', '.join(allowed)}"


def describe(error: dict, root: type[BaseModel]) -> str:
    """One readable line for a pydantic error in a ``root`` model (a scenario): the field, the
    value and what is allowed."""
    loc = ".".join(str(p) for p in error["loc"]) or "scenario"
    value = error.get("input")
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = model_at(error["loc"][:-1], root)
        allowed = list(parent.model_fields) if parent else []
        return unknown(
            loc, str(error["loc"][-1]), allowed, ".".join(map(str, error["loc"][:-1])) or "scenario"
        )
    message = error["msg"]
    ctx = error.get("ctx") or {}
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        parent = model_at(error["loc"][:-1], root)
        field = parent.model_fields.get(str(error["loc"][-1])) if parent else None
        lo, hi = bounds(field) if field else (None, None)
        if lo is not None and hi is not None:
            message = f"must be between {_number(lo)} and {_number(hi)}"
    elif kind == "finite_number":
        message = "must be a finite number (not NaN or infinity)"
    elif kind == "value_error":
        message = str(ctx.get("error", message))
    shown = _short(value)
    return f"{loc}: {shown} is not allowed; {message}" if shown else f"{loc}: {message}"


def _number(bound: float) -> str:
    """A bound as people write it: ``2,000,000`` rather than ``2e+06``."""
    return f"{bound:,}" if isinstance(bound, int) else f"{bound:g}"


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return ""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def model_at(loc: tuple, root: type[BaseModel]) -> type[BaseModel] | None:
    """The section model at ``loc`` (list indices skipped) below ``root``, or None."""
    model = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        ann = field.annotation
        inner = getattr(ann, "__args__", (ann,))
        sub = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if sub is None:
            return None
        model = sub
    return model
