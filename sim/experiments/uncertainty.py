"""How sure the model is: the band of an answer over the plausible models, and its verdict.

Two kinds of uncertainty sit behind every difference the product shows. The *dice*: the same
organisation run again with other random numbers ends elsewhere; the 95% interval over the
replications says how far. The *assumptions*: most coefficients are assumed within a declared
range, and the plausible models (:mod:`sim.ensemble`, the settings the calibration figures and
validation patterns do not rule out) answer differently. Over ``n`` members, each member's mean
paired difference from the reference gives

* the **band**: its 10th and 90th percentiles, the middle 80% of the plausible models;
* **holds**: the share of members whose difference has the sign of the members' median (at least
  about a half by construction: a half is a coin flip);
* the **verdict**, from ``holds``:

  ======================  ============================================================
  ``robust``  ≥ 90%       the 80% band lies on one side of zero: the direction is the
                          model's firm answer
  ``likely``  ≥ 75%       at least three in four models agree: the middle half of the
                          models lies on one side
  ``uncertain`` ≥ 60%     most models agree, but up to two in five do not
  ``contested`` < 60%     close to a coin flip: the assumptions decide the direction
  ======================  ============================================================

The 90% line makes "robust" mean what the band shows: whenever the band excludes zero, at least
nine in ten members agree. 75% is the band's quartile counterpart. Below 60% a change of
assumptions flips the answer about as often as not. A member's difference is a mean over few
replications, so dice noise widens the band a little and pulls the verdict towards caution,
not boldness. A difference that is zero in every member (a KPI the variants do not touch) holds
in all. A member sets the coefficients it varies, replacing a scenario's own values of them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.experiments.errors import ExperimentError
from sim.kpis import KPI_NAMES

if TYPE_CHECKING:
    from sim.ensemble import Ensemble

VERDICTS = (("robust", 0.90), ("likely", 0.75), ("uncertain", 0.60), ("contested", 0.0))
"""Each verdict and the least share of plausible models that must agree on the sign."""
BAND = (10, 90)
"""Percentiles of the members' differences that bound the models band (the middle 80%)."""


def verdict(holds: float) -> str:
    """The verdict on a difference whose sign a share ``holds`` of the plausible models share."""
    if not 0.0 <= holds <= 1.0:
        raise ValueError(f"holds {holds!r} is not a share; use a number from 0 to 1")
    return next(name for name, least in VERDICTS if holds >= least)


def models_band(differences: np.ndarray) -> dict[str, float | int | str | None]:
    """``models_n, models_low, models_high, models_holds, verdict`` of one difference from the
    members' differences (NaN and None without any finite one)."""
    values = np.asarray(differences, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return {
            "models_n": 0,
            "models_low": math.nan,
            "models_high": math.nan,
            "models_holds": math.nan,
            "verdict": None,
        }
    low, high = np.percentile(values, BAND)
    holds = float(np.mean(np.sign(values) == np.sign(np.median(values))))
    return {
        "models_n": int(values.size),
        "models_low": float(low),
        "models_high": float(high),
        "models_holds": holds,
        "verdict": verdict(holds),
    }


def ensemble_of(ensemble: int | Ensemble | None) -> Ensemble | None:
    """The plausible models asked for: none, the first N of the shipped ensemble, or an
    :class:`~sim.ensemble.Ensemble` as it is; an error naming what is allowed otherwise."""
    # Imported here: sim.ensemble itself imports from sim.experiments.
    from sim.ensemble import Ensemble, load_ensemble

    if ensemble is None or isinstance(ensemble, Ensemble):
        return ensemble
    if isinstance(ensemble, bool) or not isinstance(ensemble, int | np.integer):
        raise ExperimentError(
            f"ensemble {ensemble!r} is not allowed; give a number of plausible models or an "
            "Ensemble (sim.ensemble.load_ensemble)"
        )
    return load_ensemble().first(int(ensemble))


def members_of(ensemble: int | Ensemble | None) -> list[dict[str, float]]:
    """The coefficient overrides of the plausible models asked for (:func:`ensemble_of`)."""
    chosen = ensemble_of(ensemble)
    return [] if chosen is None else chosen.members()


def member_differences(runs: pd.DataFrame, reference: str) -> pd.DataFrame:
    """A row per member, scenario and KPI (``member, scenario, kpi, mean, diff``) from the
    members' runs (a row per replication tagged ``scenario`` and ``member``): the member's mean
    and its mean difference from ``reference``, paired by replication."""
    kpis = list(KPI_NAMES)
    runs = runs.assign(member=runs["member"].astype(int))
    values = runs.set_index(["member", "rep"])[kpis]
    own = values[(runs["scenario"] == reference).to_numpy()]
    paired = values - own.loc[values.index].to_numpy()
    keys = [runs["member"].to_numpy(), runs["scenario"].to_numpy()]
    means = values.groupby(keys, sort=False).mean()
    diffs = paired.groupby(keys, sort=False).mean()
    long = pd.concat({"mean": means.stack(), "diff": diffs.stack()}, axis=1).reset_index()
    long.columns = ["member", "scenario", "kpi", "mean", "diff"]
    return long.sort_values("member", kind="stable", ignore_index=True)


def with_models_band(summary: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """The compare frame ``summary`` with each difference's models band and verdict
    (:func:`models_band`; NaN/None for the reference, the first scenario) and
    ``attrs["members"]``."""
    reference = summary["scenario"].iloc[0]
    by_row = members.groupby(["scenario", "kpi"], sort=False)["diff"]
    none = {**models_band(np.array([])), "models_n": math.nan}
    bands = pd.DataFrame(
        [
            none
            if row.scenario == reference
            else models_band(by_row.get_group((row.scenario, row.kpi)).to_numpy())
            for row in summary.itertuples()
        ],
        index=summary.index,
    )
    out = pd.concat([summary, bands], axis=1)
    out.attrs["members"] = members
    return out
