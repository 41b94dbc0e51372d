"""Results that survive: one Parquet file per finished batch, beside a manifest of the experiment.

A folder holds one experiment. ``manifest.json`` describes it (layout, scenarios, points,
replications, base seed, code version); ``batches/NNNNNN.parquet`` holds the KPIs of the
replications of batch NNNNNN, a row each with its ``rep`` (and ``batches/NNNNNN.series.parquet``
their weekly series when asked). Each file is written to a temporary file in the same folder and
moved into place with ``os.replace``, so a file that exists is complete. Rerunning the experiment
skips the batches whose file exists; a different experiment, different code or an older layout
(one file per run, before batches) in the same folder is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from sim.experiments.errors import ExperimentError

MANIFEST = "manifest.json"
LAYOUT = "batches"  # one file per batch of replications; older folders have no layout
SIM_DIR = Path(__file__).resolve().parents[1]


def code_version() -> dict[str, str]:
    """The package version and a digest of the simulator's source and calibration (the
    dashboard, installed as ``sim/dashboard``, aside)."""
    digest = hashlib.sha256()
    for path in sorted(SIM_DIR.rglob("*")):
        name = path.relative_to(SIM_DIR)
        if path.suffix in {".py", ".json"} and not {"__pycache__", "dashboard"} & set(name.parts):
            digest.update(name.as_posix().encode())
            digest.update(path.read_bytes())
    try:
        version = metadata.version("loslaten")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return {"loslaten": version, "source": digest.hexdigest()[:16]}


class BatchStore:
    """The folder of one experiment; creating it checks (or writes) the manifest."""

    def __init__(self, folder: str | Path, experiment: dict[str, Any]) -> None:
        self.folder = Path(folder)
        self.batches = self.folder / LAYOUT
        manifest = json.loads(
            json.dumps({"layout": LAYOUT, **experiment, "code_version": code_version()})
        )
        path = self.folder / MANIFEST
        if path.is_file():
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("layout") != LAYOUT:
                raise ExperimentError(
                    f"{self.folder} holds an experiment saved by an older loslaten (one file per "
                    "run); it cannot be resumed: choose another --out folder"
                )
            if stored != manifest:
                raise ExperimentError(
                    f"{self.folder} holds a different experiment ("
                    + "; ".join(_differences(stored, manifest))
                    + "); rerun the same command to resume it, or choose another --out folder"
                )
        else:
            if self.folder.exists() and not self.folder.is_dir():
                raise ExperimentError(f"{self.folder} is a file; --out needs a folder")
            if self.folder.exists() and any(self.folder.iterdir()):
                raise ExperimentError(
                    f"{self.folder} is not empty and holds no experiment ({MANIFEST}); "
                    "choose a new or empty --out folder"
                )
            make_folder(self.batches)
            write_text_atomically(path, json.dumps(manifest, indent=2) + "\n")
        self.batches.mkdir(exist_ok=True)
        for stale in self.batches.glob(".*.tmp"):  # left by a batch killed while writing
            stale.unlink(missing_ok=True)

    def path(self, index: int, series: bool = False) -> Path:
        name = f"{index:06d}.series.parquet" if series else f"{index:06d}.parquet"
        return self.batches / name

    def done(self, index: int) -> bool:
        return self.path(index).is_file()

    def load(self, index: int, series: bool = False) -> tuple[pd.DataFrame, pd.DataFrame | None]:
        """The KPIs of batch ``index`` (a row per replication) and, if asked, its series."""
        table = pd.read_parquet(self.path(index))
        return table, pd.read_parquet(self.path(index, series=True)) if series else None

    def save(self, index: int, table: pd.DataFrame, series: pd.DataFrame | None = None) -> None:
        """Write one finished batch; the KPI file goes last, so its presence means done."""
        if series is not None:
            write_parquet_atomically(self.path(index, series=True), series)
        write_parquet_atomically(self.path(index), table)


def make_folder(path: Path) -> None:
    """Create ``path`` (and its parents), or say why it cannot be."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExperimentError(f"cannot create the folder {path} ({err.strerror})") from None


def write_parquet_atomically(path: Path, frame: pd.DataFrame) -> None:
    with _atomic(path) as handle:
        frame.to_parquet(handle, index=False)


def write_text_atomically(path: Path, text: str) -> None:
    with _atomic(path) as handle:
        handle.write(text.encode("utf-8"))


@contextlib.contextmanager
def _atomic(path: Path):
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _differences(stored: Any, asked: Any, where: str = "") -> list[str]:
    """Readable differences between two manifests, by dotted path (at most five)."""
    if isinstance(stored, dict) and isinstance(asked, dict):
        out = []
        for key in dict.fromkeys([*stored, *asked]):
            path = f"{where}.{key}" if where else str(key)
            out += _differences(stored.get(key), asked.get(key), path)
        return out[:5]
    if isinstance(stored, list) and isinstance(asked, list) and len(stored) == len(asked):
        return [
            d
            for i, (s, a) in enumerate(zip(stored, asked, strict=True))
            for d in _differences(s, a, f"{where}.{i}")
        ][:5]
    if stored != asked:
        return [f"{where or 'manifest'}: {_short(stored)} there, {_short(asked)} asked"]
    return []


def _short(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."
