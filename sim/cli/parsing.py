"""Command-line input: KEY=VALUE pairs, scenario specs, sweep ranges and whole numbers.

One parser, :func:`split_pair`, reads every ``KEY=VALUE``: ``--set``, ``--target``, the overrides
of a ``NAME:KEY=VALUE,...`` scenario spec and the key of ``--vary``. Values are read as YAML
(``0.8``, ``true``, ``[...]``) and validated where they are used.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from sim.scenario import Scenario, load_scenario, parse_value

MAX_POINTS_PER_KEY = 101


class UsageError(Exception):
    """Bad command-line input that is not a scenario or experiment problem (exit status 2)."""


def split_pair(
    text: str, where: str, form: str = "KEY=VALUE", example: str = "levers.trust=0.8"
) -> tuple[str, str]:
    """``"levers.trust=0.8"`` → ``("levers.trust", "0.8")``; ``where`` and ``form`` name the
    input and its expected shape in the refusal."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise UsageError(f"{where}: expected {form}, e.g. {example}")
    return key, value


def parse_pairs(
    pairs: Iterable[str], option: str, form: str = "KEY=VALUE", example: str = "levers.trust=0.8"
) -> dict[str, Any]:
    """``option``'s pairs as a dict, each value read as YAML."""
    out = {}
    for pair in pairs:
        key, value = split_pair(pair, f"{option} {pair!r}", form, example)
        out[key] = parse_value(value, key)
    return out


def parse_sets(pairs: Iterable[str] | None) -> dict[str, Any]:
    """``--set`` overrides: ``["levers.trust=0.8"]`` → ``{"levers.trust": 0.8}``."""
    return parse_pairs(pairs or [], "--set")


def parse_targets(pairs: Iterable[str]) -> dict[str, Any]:
    """``--target`` figures: ``["burnout_rate=0.18"]`` → ``{"burnout_rate": 0.18}``."""
    return parse_pairs(pairs, "--target", "KPI=VALUE", "burnout_rate=0.18")


def load_spec(text: str, sets: Iterable[str] | None = None) -> Scenario:
    """``NAME``, ``PATH`` or ``NAME:KEY=VALUE[,KEY=VALUE…]`` with ``--set`` overrides first.

    A scenario with overrides after the colon is labelled with the whole spec.
    """
    common = parse_sets(sets)
    source, colon, spec = text.partition(":")
    if not colon or Path(text).exists():
        return load_scenario(text, **common)
    own = {}
    for pair in spec.split(","):
        key, value = split_pair(
            pair, f"scenario {text!r}", "NAME:KEY=VALUE[,KEY=VALUE...]", "baseline:levers.trust=0.8"
        )
        own[key] = parse_value(value, key)
    return load_scenario(source, **common, **own).with_overrides(name=text)


def parse_vary(text: str) -> tuple[str, list[float]]:
    """``"levers.trust=0.2:0.8:4"`` → ``("levers.trust", [0.2, 0.4, 0.6, 0.8])``."""
    where, form, example = f"--vary {text!r}", "KEY=START:STOP:NUM", "levers.trust=0.2:0.8:4"
    key, spec = split_pair(text, where, form, example)
    parts = spec.split(":")
    if len(parts) != 3:
        raise UsageError(f"{where}: expected {form}, e.g. {example}")
    try:
        start, stop, num = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise UsageError(
            f"{where}: expected {form}, e.g. {example} (START and STOP numbers, NUM a whole number)"
        ) from None
    if not (math.isfinite(start) and math.isfinite(stop)):
        raise UsageError(f"{where}: START and STOP must be finite numbers")
    if not 1 <= num <= MAX_POINTS_PER_KEY:
        raise UsageError(
            f"--vary {key}: NUM {num} is not allowed; use between 1 and {MAX_POINTS_PER_KEY} points"
        )
    return key, [float(f"{v:.12g}") for v in np.linspace(start, stop, num)]


def positive_int(text: str) -> int:
    """An argparse type: a whole number ≥ 1."""
    return _whole_number(text, 1)


def non_negative_int(text: str) -> int:
    """An argparse type: a whole number ≥ 0."""
    return _whole_number(text, 0)


def _whole_number(text: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"{value} must be at least {minimum}")
    return value
