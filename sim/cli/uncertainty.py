"""Answers over plausible models on the command line: ``--ensemble [N]``, ``--ensemble-file``,
and the tables and JSON of the models band and verdict (:mod:`sim.experiments.uncertainty`)."""

from __future__ import annotations

import argparse

import pandas as pd

from sim import texts
from sim.cli.output import band_text, plus_minus
from sim.cli.parsing import positive_int
from sim.ensemble import Ensemble, load_ensemble
from sim.experiments.uncertainty import VERDICTS


def ensemble_options(p: argparse.ArgumentParser, default: int) -> None:
    """``--ensemble [N]`` and ``--ensemble-file PATH``: the answer over plausible models."""
    p.add_argument(
        "--ensemble",
        nargs="?",
        const=True,
        type=ensemble_size,
        metavar="N",
        help="also run every variant under N plausible models (the first N members of the "
        f"ensemble; default {default}, at most its members) and give each difference the band "
        "of the middle 80%% of the models and a verdict; put it after the scenarios",
    )
    p.add_argument(
        "--ensemble-file",
        metavar="PATH",
        help="the plausible models to use (an ensemble file, e.g. from 'loslaten ensemble fit'; "
        "default: the shipped one); implies --ensemble",
    )


def ensemble_size(text: str) -> int:
    """An argparse type: the number of plausible models, a whole number ≥ 1."""
    try:
        return positive_int(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of plausible models; use a whole number from 1 to the "
            "ensemble's members (or --ensemble alone for the default), after the scenarios"
        ) from None


def chosen_ensemble(args: argparse.Namespace, default: int) -> Ensemble | None:
    """The plausible models ``--ensemble`` and ``--ensemble-file`` ask for, if any: N of them,
    or without N the default, capped at the members there are."""
    if args.ensemble is None and args.ensemble_file is None:
        return None
    ensemble = load_ensemble(args.ensemble_file)
    if args.ensemble is None or args.ensemble is True:  # no N: the default, if there are as many
        return ensemble.first(min(default, len(ensemble)))
    return ensemble.first(args.ensemble)


def ensemble_about(ensemble: Ensemble) -> dict:
    """What the JSON says of the plausible models used."""
    return {
        "members": len(ensemble),
        "file": ensemble.provenance.get("file"),
        "method": ensemble.method,
    }


def print_verdicts(ensemble: Ensemble) -> None:
    """The line under a table with models bands: what they are and what each verdict means."""
    print(
        f"models: the middle 80% of {len(ensemble)} plausible models' differences "
        f"({ensemble.provenance.get('file', 'ensemble')}); agree: the share with the median's sign"
    )
    for name, _ in VERDICTS:
        print(f"  {texts.text(f'verdict.{name}', 'en')}")


def band_table(rows: pd.DataFrame, value: str, high: str, head: str = "Δ") -> dict[str, list[str]]:
    """Columns of a table of differences (``head``) with their 95% interval, models band and
    verdict."""
    bands = [band_text(r) for r in rows.itertuples()]
    return {
        f"{head} ± 95%": [
            plus_minus(getattr(r, value), getattr(r, high), sign=True) for r in rows.itertuples()
        ],
        "models 80%": [b[0] for b in bands],
        "agree": [b[1] for b in bands],
        "verdict": [b[2] for b in bands],
    }
