"""Bare numbers in the model's code: every number a mechanism uses must be a named coefficient
(``tests/test_coefficients.py``; a contributor's mistake ``tests/test_contributing.py`` makes)."""

from __future__ import annotations

import ast
from pathlib import Path

ALLOWED = {0, 1, 2}  # and tiny guards against division by zero


def bare_numbers(path: Path) -> list[tuple[int, float]]:
    """Numeric literals outside the ``coefficient(...)``/``fitted(...)`` declarations, as (line,
    value)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declared = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("coefficient", "fitted")
        for sub in ast.walk(node)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and type(node.value) in (int, float)
        and id(node) not in declared
        and abs(node.value) not in ALLOWED
        and abs(node.value) >= 1e-6
    ]


def model_code(root: Path) -> list[Path]:
    """The files whose numbers must be coefficients: the mechanisms, the step and its parts."""
    sim = root / "sim"
    parts = ["model.py", "points.py", "steering.py", "population.py", "week.py"]
    return [*sorted((sim / "mechanisms").glob("*.py")), *(sim / name for name in parts)]
