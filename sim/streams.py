"""Random streams of points simulated side by side (:mod:`sim.points`).

Every point keeps its own generator per mechanism, spawned from its own seed exactly as a model
of that point alone would. A draw for the whole model is split by point: each point's generator
draws for its own employees, teams or organisations (which the size of the draw tells apart), in
the same order and with the same sizes as it would alone. A point's results therefore do not
depend on the points it is simulated with (``tests/test_points.py``). Draws for some of the
employees (those going on sick leave, hired, moved) say whose they are with :func:`among`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class SideBySide:
    """One mechanism's random stream for several points; the numpy ``Generator`` methods the
    mechanisms use, each splitting its draw among the points' generators."""

    def __init__(self, generators: Sequence[np.random.Generator], owners: Sequence[np.ndarray]):
        """``owners``: for each level (organisations, teams, employees), the point of each unit,
        in the model's order (each point's units form one consecutive block)."""
        self.generators = list(generators)
        self._owner = {owner.size: owner for owner in owners}
        self._blocks = {size: self._split(owner) for size, owner in self._owner.items()}

    def _split(self, owner: np.ndarray) -> list[tuple[np.random.Generator, int, int]]:
        """Each point's generator with the start and end of its block, for points with units
        (drawing nothing leaves a generator's state as it is, so those are skipped)."""
        ends = np.cumsum(np.bincount(owner, minlength=len(self.generators))).tolist()
        starts = [0, *ends[:-1]]
        return [(g, a, b) for g, a, b in zip(self.generators, starts, ends, strict=True) if b > a]

    def among(self, chosen: np.ndarray) -> SideBySide:
        """The stream for draws made only for the ``chosen`` units (a boolean mask)."""
        stream = SideBySide.__new__(SideBySide)
        stream.generators = self.generators
        stream._owner = self._owner
        mine = self._owner[chosen.size][chosen]
        stream._blocks = {mine.size: self._split(mine)}
        return stream

    def _draw(self, method: str, size, *params):
        shape = (size,) if np.ndim(size) == 0 else tuple(size)
        blocks = self._blocks.get(shape[-1])
        if blocks is None:
            raise ValueError(f"a draw of {shape[-1]} is for no level of this model; use among()")
        if not blocks:  # nobody to draw for
            return getattr(self.generators[0], method)(*params, size=shape)
        lead = shape[:-1]
        per_unit = [isinstance(p, np.ndarray) and p.ndim > 0 for p in params]
        parts = []
        for generator, start, end in blocks:
            mine = [p[..., start:end] if u else p for p, u in zip(params, per_unit, strict=True)]
            parts.append(getattr(generator, method)(*mine, size=(*lead, end - start)))
        return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=-1)

    def random(self, size):
        return self._draw("random", size)

    def standard_normal(self, size):
        return self._draw("standard_normal", size)

    def normal(self, loc, scale, size):
        return self._draw("normal", size, loc, scale)

    def uniform(self, low, high, size):
        return self._draw("uniform", size, low, high)

    def beta(self, a, b, size):
        return self._draw("beta", size, a, b)

    def geometric(self, p, size):
        return self._draw("geometric", size, p)

    def integers(self, low, high, size):
        return self._draw("integers", size, low, high)


def among(rng: np.random.Generator | SideBySide, chosen: np.ndarray):
    """The stream to draw from for the ``chosen`` units only (a plain generator draws for
    whoever it is asked)."""
    return rng.among(chosen) if isinstance(rng, SideBySide) else rng


def of_chosen(value: float | np.ndarray, chosen: np.ndarray) -> float | np.ndarray:
    """A parameter for a draw among the ``chosen`` units: their elements where it is per unit
    (points simulated together that differ), else the one number."""
    return value[chosen] if isinstance(value, np.ndarray) and value.ndim else value
