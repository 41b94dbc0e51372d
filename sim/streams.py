"""Random streams: one per mechanism, aligned to people, and split among points side by side.

Common random numbers survive a change of course only if a person's random numbers do not
depend on what happens to others. So every draw is made for every row of the population (or of
the teams) each week, in a fixed order, and events pick their own row's number: who goes on sick
leave, how long, who is moved — never a draw sized by how many it happens to. Newcomers are
drawn for every row ahead of time, a block of ``RECRUIT_BLOCK_WEEKS`` weeks at a time
(``population.Recruits``): who is hired into a row does not depend on who else left.

Points simulated side by side (:mod:`sim.points`) each keep their own generator per mechanism,
spawned from their own seed exactly as a model of that point alone would. A draw for the whole
model is split by point: each point's generator draws for its own employees, teams or
organisations (which the size of the draw tells apart), in the same order and with the same
sizes as it would alone. A point's results therefore do not depend on the points it is
simulated with (``tests/test_points.py``). The rare draw for some of the employees says whose it
is with :func:`among`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np

RECRUIT_BLOCK_WEEKS = 13
"""Newcomers are drawn for every row once per this many weeks (a row rarely hires twice in one:
that second newcomer is drawn on the spot)."""


def per_point(
    rng: np.random.Generator, seeds: Sequence[int | None], names: Sequence[str]
) -> list[dict[str, np.random.Generator]]:
    """One generator per mechanism (``names``) for each point: spawned from the model's own
    ``rng`` for the first point and from its seed for the others, so a point draws exactly as
    it would alone, and switching one mechanism off leaves the others' draws unchanged."""
    generators = [rng, *(np.random.default_rng(s) for s in seeds[1:])]
    return [dict(zip(names, g.spawn(len(names)), strict=True)) for g in generators]


class SideBySide:
    """One mechanism's random stream for several points; the numpy ``Generator`` methods the
    mechanisms use, each splitting its draw among the points' generators.

    Points whose generators are in the same state (a common seed: the variants of ``explain``
    and ``compare``, calibration's trials, an ensemble's members; not a sweep's points, which
    each have their own) are twins: they share one generator, and a draw they all ask for with
    the same size and parameters is made once for all of them. A twin that asks for another
    draw (another size, other parameters, or none) first gets its own copy of the shared state,
    so every point still draws exactly as it would alone."""

    def __init__(self, generators: Sequence[np.random.Generator], owners: Sequence[np.ndarray]):
        """``owners``: for each level (organisations, teams, employees), the point of each unit,
        in the model's order (each point's units form one consecutive block)."""
        self.generators, self._twins = _twinned(generators)
        self._owner = {owner.size: owner for owner in owners}
        self._blocks = {size: self._split(owner) for size, owner in self._owner.items()}
        self._chosen = False  # a draw is for all units of a level: as many for each twin

    def _split(self, owner: np.ndarray) -> list[tuple[int, int, int]]:
        """Each point with the start and end of its block, for points with units (drawing
        nothing leaves a generator's state as it is, so those are skipped)."""
        ends = np.cumsum(np.bincount(owner, minlength=len(self.generators))).tolist()
        starts = [0, *ends[:-1]]
        return [(p, a, b) for p, (a, b) in enumerate(zip(starts, ends, strict=True)) if b > a]

    def among(self, chosen: np.ndarray) -> SideBySide:
        """The stream for draws made only for the ``chosen`` units (a boolean mask)."""
        stream = SideBySide.__new__(SideBySide)
        stream.generators, stream._twins = self.generators, self._twins  # shared, not copied
        stream._owner = self._owner
        mine = self._owner[chosen.size][chosen]
        stream._blocks = {mine.size: self._split(mine)}
        stream._chosen = True
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

        def mine(start: int, end: int) -> list:
            return [p[..., start:end] if u else p for p, u in zip(params, per_unit, strict=True)]

        # twins ask for the same draw where it is for all their units with the same numbers
        if self._twins and (self._chosen or any(per_unit)):
            self._untwin({point: (end - start, mine(start, end)) for point, start, end in blocks})
        drawn: dict[int, np.ndarray] = {}
        parts = []
        for point, start, end in blocks:
            generator = self.generators[point]
            numbers = drawn.get(id(generator))
            if numbers is None:
                numbers = getattr(generator, method)(*mine(start, end), size=(*lead, end - start))
                drawn[id(generator)] = numbers
            parts.append(numbers)
        if len(parts) == 1:
            return parts[0]
        if len(drawn) == 1:  # twins all: one draw, repeated for each (blocks are equally long)
            (numbers,) = drawn.values()
            repeated = np.broadcast_to(
                numbers[..., None, :], (*lead, len(parts), numbers.shape[-1])
            )
            return repeated.reshape(shape)
        return np.concatenate(parts, axis=-1)

    def _untwin(self, asked: dict[int, tuple[int, list]]) -> None:
        """Twins that ask for different draws (or none) part: each kind of draw gets its own
        generator, a copy of the shared state, before anything is drawn."""
        kept = []
        for twins in self._twins:
            kinds: dict[tuple, list[int]] = {}
            for point in twins:
                kinds.setdefault(_kind_of(asked.get(point)), []).append(point)
            if len(kinds) > 1:
                shared = self.generators[twins[0]]
                for points in list(kinds.values())[1:]:
                    own = copy.deepcopy(shared)
                    for point in points:
                        self.generators[point] = own
            kept += [points for points in kinds.values() if len(points) > 1]
        self._twins[:] = kept

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

    def gamma(self, shape, scale, size):
        return self._draw("gamma", size, shape, scale)

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


def _twinned(
    generators: Sequence[np.random.Generator],
) -> tuple[list[np.random.Generator], list[list[int]]]:
    """The points' generators with those in the same state made one, and the groups of points
    that share one (twins)."""
    by_state: dict[str, list[int]] = {}
    for point, generator in enumerate(generators):
        by_state.setdefault(repr(generator.bit_generator.state), []).append(point)
    shared = list(generators)
    for points in by_state.values():
        for point in points:
            shared[point] = generators[points[0]]
    return shared, [points for points in by_state.values() if len(points) > 1]


def _kind_of(asked: tuple[int, list] | None) -> tuple:
    """What a point asks of a draw, comparable between twins: nothing, or its size and its
    parameters (a per-unit parameter by its values)."""
    if asked is None:
        return ()
    length, params = asked
    return (length, *(p.tobytes() if isinstance(p, np.ndarray) else p for p in params))
