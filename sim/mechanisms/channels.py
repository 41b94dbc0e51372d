"""Channels: every path by which a lever acts can be switched off (C1…C17, ablation).

A scenario's ``mechanisms`` section holds one switch per channel. Switched off, a channel passes
on a fixed reference level instead of the lever or state it carries, so the lever no longer acts
through it; everything else stays as it was. A strength between 0 and 1 passes that mix of the
two. That is how ``explain`` attributes a difference between two scenarios to named channels,
and the switches may differ between points simulated side by side (a number per unit).
"""

from __future__ import annotations

import numpy as np

from sim.coefficients import Record, coefficient


class Coefficients(Record):
    reference: float = coefficient(
        0.5, 0.5, 0.5, "0…1", "what a switched-off channel passes on: the scales' midpoint"
    )


REFERENCE = Coefficients().reference  # fixed: its range is the one value


def choose(when_on, when_off, *, on: float | np.ndarray):
    """``when_on`` where the channel is on (1), ``when_off`` where it is off (0), a mix of the
    two in between (``on`` per unit where points simulated together differ)."""
    if not isinstance(on, np.ndarray):  # one switch for every unit: the common case
        if on == 1:
            return when_on
        if on == 0:
            return when_off
    return on * when_on + (1 - on) * when_off


def through(value, *, on: float | np.ndarray):
    """``value`` where the channel is on, else the reference level."""
    return choose(value, REFERENCE, on=on)


def gate(term, *, on: float | np.ndarray):
    """``term`` where the channel is on, else nothing (0, in the shape of ``term``); in between,
    the mix ``choose`` makes with nothing, which is ``on`` times the term."""
    if isinstance(on, np.ndarray) or 0 < on < 1:
        return on * term
    if on == 1:
        return term  # on everywhere: no zeros to make
    return np.zeros_like(term) if isinstance(term, np.ndarray) else 0.0
