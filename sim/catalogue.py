"""The mechanisms as the model page lists them: each module of ``sim/mechanisms/`` with its own
description and the claims it carries.

A module carries a claim when its docstring or the docstring of one of its functions cites it
(``C17``), so the list follows the code: a new mechanism module appears here by itself.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass

import sim.mechanisms
from sim.claims import cited


@dataclass(frozen=True)
class MechanismModule:
    """A module of ``sim/mechanisms/``: its ``name``, its description from the source code
    (``doc``, in English) and the ids of the claims it cites (``claims``, C1 … C17 in order)."""

    name: str
    doc: str
    claims: list[str]


def mechanism_modules() -> dict[str, MechanismModule]:
    """Every mechanism module by name, in alphabetical order."""
    out = {}
    for info in pkgutil.iter_modules(sim.mechanisms.__path__):
        module = importlib.import_module(f"sim.mechanisms.{info.name}")
        docs = [module.__doc__ or ""] + [
            f.__doc__ or ""
            for _, f in inspect.getmembers(module, inspect.isfunction)
            if f.__module__ == module.__name__
        ]
        doc = inspect.cleandoc(module.__doc__ or "")
        out[info.name] = MechanismModule(info.name, doc, cited(" ".join(docs)))
    return out
