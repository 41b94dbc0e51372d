"""The model's mechanisms, one module each: pure functions over state arrays and parameters.

Each module's docstring names the claims (C1…C17, ``sim/claims.py``) it formalises, and each
module declares its coefficients in one record, ``Coefficients`` (``sim/coefficients.py``), which
:func:`records` finds: a scenario's ``coefficients.<module>.<name>``. ``OrgModel.step`` composes
them in the order of the story.
"""

from __future__ import annotations

import importlib
import pkgutil

from sim.coefficients import Record

HELPERS = ("teams",)
"""Modules of shared arithmetic (sums and means per team) that hold no numbers, so no record."""

LISTING_ORDER = (
    "environment",
    "decisions",
    "effort",
    "production",
    "demands",
    "resources",
    "wellbeing",
    "crossover",
    "quadrants",
    "trust",
    "control",
    "growth",
    "manager_time",
    "consequences",
    "workforce",
    "channels",
)
"""The order of the story, in which ``loslaten coefficients`` lists the records and
``sensitivity`` samples their coefficients (an order that keeps its samples comparable); a module
not named here follows these, alphabetically."""


def records() -> dict[str, type[Record]]:
    """The coefficient record of every mechanism module, by module name.

    A module other than the :data:`HELPERS` that declares no ``Coefficients`` record of its own
    is an error that says where to declare or register it.
    """
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        record = getattr(module, "Coefficients", None)
        if isinstance(record, type) and issubclass(record, Record):
            if record.__module__ == module.__name__:
                found[info.name] = record
                continue
        if info.name in HELPERS:
            continue
        raise TypeError(
            f"sim/mechanisms/{info.name}.py declares no coefficient record: give it its own "
            "`class Coefficients(Record)` (sim/coefficients.py) with its numbers, or, if it holds "
            "no numbers, name it in HELPERS in sim/mechanisms/__init__.py"
        )
    place = {name: i for i, name in enumerate(LISTING_ORDER)}
    return dict(sorted(found.items(), key=lambda item: (place.get(item[0], len(place)), item[0])))
