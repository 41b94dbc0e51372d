"""An ensemble of plausible models, as a file: its members, priors, targets and provenance.

The file (JSON) holds ``names`` (the varied coefficients), ``members`` (a row of values per
member, in the order of ``names``; members are stored in random order, so the first *n* are a
random sample of them), ``priors`` (each name's declared range), ``targets`` (what the members
were held against), ``method`` and ``provenance`` (code version, seeds, waves, acceptance).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from sim.experiments.errors import ExperimentError

DEFAULT = Path(__file__).with_name("plausible.json")
"""The fitted ensemble the product ships (``loslaten ensemble fit`` made it)."""
SCHEMA = 1


@dataclass(frozen=True)
class Ensemble:
    """Plausible coefficient settings: ``values[m, j]`` is member *m*'s value of ``names[j]``."""

    names: tuple[str, ...]
    values: np.ndarray
    priors: dict[str, tuple[float, float]]
    targets: list[dict[str, Any]] = field(default_factory=list)
    method: str = ""
    provenance: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.values.shape[0])

    def members(self, n: int | None = None) -> list[dict[str, float]]:
        """The first ``n`` members (default all) as coefficient overrides, ready for
        ``Scenario.with_overrides``; an error naming the allowed sizes if ``n`` is not one."""
        n = len(self) if n is None else self.checked_size(n)
        return [dict(zip(self.names, map(float, row), strict=True)) for row in self.values[:n]]

    def first(self, n: int | None = None) -> Ensemble:
        """The ensemble of the first ``n`` members (default all; :meth:`checked_size`)."""
        return self if n is None else replace(self, values=self.values[: self.checked_size(n)])

    def checked_size(self, n: Any) -> int:
        """``n`` if it is a whole number from 1 to the number of members, else an error."""
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 1 <= n <= len(self):
            raise ExperimentError(
                f"ensemble size {n!r} is not allowed; use a whole number from 1 to {len(self)} "
                f"(the members of {self.provenance.get('file', 'the ensemble')})"
            )
        return int(n)

    def kept_ranges(self) -> list[dict[str, Any]]:
        """Per varied coefficient: its prior range and the range the members keep."""
        return [
            {
                "name": name,
                "prior_low": self.priors[name][0],
                "prior_high": self.priors[name][1],
                "low": float(self.values[:, j].min()),
                "high": float(self.values[:, j].max()),
            }
            for j, name in enumerate(self.names)
        ]

    def show(self) -> dict[str, Any]:
        """What ``loslaten ensemble show --json`` prints."""
        return {
            "members": len(self),
            "method": self.method,
            "targets": self.targets,
            "coefficients": self.kept_ranges(),
            "provenance": self.provenance,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "method": self.method,
            "provenance": self.provenance,
            "targets": self.targets,
            "priors": {name: list(bounds) for name, bounds in self.priors.items()},
            "names": list(self.names),
            "members": [[round(float(v), 6) for v in row] for row in self.values],
        }

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), indent=1), encoding="utf-8")
        tmp.replace(path)
        return path


def load_ensemble(path: str | Path | None = None) -> Ensemble:
    """The ensemble in ``path`` (default: the shipped one); a clear error if it is not one."""
    path = Path(path) if path is not None else DEFAULT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = tuple(data["names"])
        values = np.asarray(data["members"], dtype=float).reshape(-1, len(names))
        priors = {name: (float(lo), float(hi)) for name, (lo, hi) in data["priors"].items()}
        missing = [n for n in names if n not in priors]
        if missing or not len(values) or not np.isfinite(values).all():
            raise ValueError(f"no prior for {missing}" if missing else "no finite members")
    except FileNotFoundError:
        raise ExperimentError(f"ensemble file {path} does not exist") from None
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ExperimentError(
            f"{path} is not an ensemble file ({type(err).__name__}: {err}); make one with "
            "'loslaten ensemble fit'"
        ) from None
    provenance = {**data.get("provenance", {}), "file": path.name}
    return Ensemble(
        names, values, priors, data.get("targets", []), data.get("method", ""), provenance
    )
