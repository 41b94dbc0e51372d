"""``loslaten calibrate ... --ensemble N``: the client's plausible models, beside the calibration.

The calibrate command (:mod:`sim.cli.experiments`) calls :func:`add_options` and
:func:`client_ensemble`; the ensemble goes to ``FILE.ensemble.json`` beside ``--out FILE``, for
``loslaten compare|ensemble flips ... --ensemble-file FILE.ensemble.json``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sim.cli.parsing import UsageError, positive_int
from sim.ensemble.client import REPS, calibrate_ensemble
from sim.experiments.calibrate import HOLDOUT_REPS, CalibrationResult
from sim.scenario import Scenario


def add_options(p: argparse.ArgumentParser) -> None:
    """The calibrate command's options for the fresh check and the client's ensemble."""
    p.add_argument(
        "--holdout",
        type=positive_int,
        default=HOLDOUT_REPS,
        metavar="R",
        help=f"fresh replications (another seed) that check the fit (default {HOLDOUT_REPS})",
    )
    p.add_argument(
        "--ensemble",
        type=positive_int,
        metavar="N",
        help="also fit the first N plausible models to the targets (their intercepts, member by "
        "member, side by side) and write them to FILE.ensemble.json beside --out FILE",
    )
    p.add_argument(
        "--member-reps",
        type=positive_int,
        default=REPS,
        metavar="R",
        help=f"replications per plausible model with --ensemble (default {REPS})",
    )


def check(args: argparse.Namespace) -> None:
    """Refuse ``--ensemble`` without ``--out`` before anything is fitted."""
    if args.ensemble and not args.out:
        raise UsageError("--ensemble writes the client's ensemble beside --out FILE; give --out")


def ensemble_path(out: str | Path) -> Path:
    """Where the client's ensemble of ``--out FILE`` goes: ``FILE.ensemble.json``."""
    return Path(out).with_suffix(".ensemble.json")


def client_ensemble(
    args: argparse.Namespace,
    scenario: Scenario,
    targets: dict[str, float],
    result: CalibrationResult,
    options: dict[str, Any],
) -> dict[str, Any] | None:
    """With ``--ensemble N``: fit the first N plausible models to ``targets`` from where
    ``result`` moved ``scenario``, write them beside ``--out``; what it did (``None`` without).
    ``options``: the experiment keywords (executor, progress)."""
    if not args.ensemble:
        return None
    fitted = calibrate_ensemble(
        scenario,
        targets,
        args.ensemble,
        start=result.parameters,
        reps=args.member_reps,
        seed=args.seed,
        tolerance=args.tolerance,
        executor=options["executor"],
        progress=options["progress"],
    )
    path = fitted.save(ensemble_path(args.out))
    return {"file": str(path), **fitted.provenance["client"]}


def describe(found: dict[str, Any]) -> str:
    """One line on the client's ensemble for the terminal."""
    spans = ", ".join(
        f"{kpi} {low:.3f} … {high:.3f}" for kpi, (low, _, high) in found["achieved"].items()
    )
    return (
        f"client's ensemble: {found['members_kept']} of {found['members_in']} plausible models "
        f"meet the targets (80% of them: {spans}), written to {found['file']}"
    )
