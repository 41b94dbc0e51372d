"""A client's calibration that holds: its uncertainty, the fresh check, the client's ensemble."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import small

import sim
from sim.cli.client import ensemble_path
from sim.ensemble import Ensemble, load_ensemble
from sim.ensemble.client import calibrate_ensemble
from sim.experiments.batches import batch_seed
from sim.experiments.calibrate import HOLDOUT_STREAM, INTERCEPTS, standard_errors
from sim.experiments.errors import ExperimentError

REVENUE = "coefficients.kpis.revenue_per_output"
TARGETS = ("burnout_rate", "engagement_rate")


def scenario() -> sim.Scenario:
    return small(employees=40, weeks=20)


def members(tmp_path, shifts: list[float]) -> Ensemble:
    """Members that differ from the scenario in their intercepts (by ``shifts``) and revenue."""
    base = scenario().coefficients.wellbeing
    values = np.array(
        [[base.energy_baseline + s, base.pleasure_baseline - s, 2.0 + s] for s in shifts]
    )
    priors = {INTERCEPTS[0]: (-1.0, 2.0), INTERCEPTS[1]: (-1.0, 2.0), REVENUE: (1.2, 3.0)}
    Ensemble((*INTERCEPTS, REVENUE), values, priors, method="test").save(tmp_path / "e.json")
    return load_ensemble(tmp_path / "e.json")


def test_standard_errors_carry_the_fits_noise_through_the_slopes():
    misses = np.array([[0.01, -0.02], [0.03, 0.00], [-0.01, 0.02], [0.01, 0.00]])
    se = misses.std(axis=0, ddof=1) / 2  # four replications
    assert standard_errors(misses, np.eye(2)) == pytest.approx(se)
    assert standard_errors(misses, 2 * np.eye(2)) == pytest.approx(se / 2)  # steeper: surer
    assert np.isnan(standard_errors(misses[:1], np.eye(2))).all()


def test_calibrate_checks_on_fresh_replications_and_reports_the_uncertainty():
    goal = sim.replicate(scenario(), reps=3, seed=5)
    targets = {k: float(goal[k].mean()) for k in TARGETS}
    result = sim.calibrate(scenario(), targets, reps=3, holdout=4, tolerance=0.05)
    fresh = sim.run_batch(result.scenario, 4, seed=batch_seed(1, HOLDOUT_STREAM))
    for row in result.report.itertuples():
        assert np.mean([r.kpis[row.kpi] for r in fresh]) == pytest.approx(row.holdout, abs=1e-12)
    assert set(result.standard_errors) == set(INTERCEPTS)
    assert all(np.isfinite(v) and v > 0 for v in result.standard_errors.values())
    assert result.to_dict()["standard_errors"] == result.standard_errors
    with pytest.raises(ExperimentError, match="reps 0 is not allowed"):
        sim.calibrate(scenario(), targets, reps=2, holdout=0)


def test_each_member_is_moved_to_the_clients_figures(tmp_path):
    plausible = members(tmp_path, [-0.15, 0.15])
    goal = sim.replicate(scenario(), reps=3)
    targets = {k: float(goal[k].mean()) for k in TARGETS}
    tolerance = 0.04
    client = calibrate_ensemble(scenario(), targets, plausible, reps=3, tolerance=tolerance)
    assert client.names == plausible.names and len(client) <= len(plausible)
    about = client.provenance["client"]
    assert about["members_in"] == 2 and about["members_kept"] == len(client) >= 1
    assert about["targets"] == targets and about["free"] == list(INTERCEPTS)
    kept = [m for m in range(2) if plausible.values[m, 2] in client.values[:, 2]]
    assert np.array_equal(client.values[:, 2], plausible.values[kept, 2])  # the rest stays
    assert not np.allclose(client.values[:, :2], plausible.values[kept, :2])  # intercepts moved
    # every member kept meets the targets when run again at its new intercepts, same seed
    for member in client.members():
        runs = sim.replicate(scenario().with_overrides(**member), reps=3)
        for kpi, target in targets.items():
            slack = tolerance + 2 * runs[kpi].std(ddof=1) / np.sqrt(3)
            assert abs(runs[kpi].mean() - target) <= slack + 1e-12
    loaded = load_ensemble(client.save(tmp_path / "client.json"))
    assert loaded.provenance["client"]["members_kept"] == len(client)


def test_the_members_start_where_the_clients_fit_moved_the_scenario(tmp_path):
    """With no step at all the members keep their own intercepts plus the fit's shift."""
    plausible = members(tmp_path, [-0.1, 0.1])
    start = {INTERCEPTS[0]: scenario().coefficients.wellbeing.energy_baseline + 0.05}
    client = calibrate_ensemble(
        scenario(), {"burnout_rate": 0.5}, plausible, start=start, reps=2, steps=0, tolerance=1
    )
    assert client.values[:, 0] == pytest.approx(plausible.values[:, 0] + 0.05)
    assert client.values[:, 1:] == pytest.approx(plausible.values[:, 1:])


def test_a_client_ensemble_is_refused_when_no_member_can_reach_the_targets(tmp_path):
    plausible = members(tmp_path, [0.0, 0.1])
    with pytest.raises(ExperimentError, match="none of the 2 plausible models reaches"):
        calibrate_ensemble(scenario(), {"manager_hours": 5.0}, plausible, reps=2, steps=1)
    with pytest.raises(ExperimentError, match="ensemble size 0 is not allowed"):
        calibrate_ensemble(scenario(), {"burnout_rate": 0.1}, 0)


def test_the_command_writes_the_clients_ensemble_beside_its_result(tmp_path, loslaten):
    out = tmp_path / "client.yaml"
    sets = ["--set", "organisation.employees=40", "--set", "run.weeks=20",
            "--set", "run.measure_weeks=10", "--executor", "serial"]  # fmt: skip
    goal = sim.replicate(scenario(), reps=2)
    targets = [f"--target={k}={goal[k].mean():.4f}" for k in TARGETS]
    done = loslaten("calibrate", "baseline", *targets, *sets, "--reps", "2", "--holdout", "2",
                    "--ensemble", "2", "--member-reps", "2", "--tolerance", "0.2",
                    "--out", str(out), "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["holdout_reps"] == 2
    assert (
        document["ensemble"]["file"]
        == str(ensemble_path(out))
        == str(tmp_path / "client.ensemble.json")
    )
    fitted = load_ensemble(ensemble_path(out))
    assert len(fitted) == document["ensemble"]["members_kept"]
    assert json.loads(out.with_suffix(".fit.json").read_text())["ensemble"]["members_in"] == 2
    refused = loslaten("calibrate", "baseline", *targets, *sets, "--ensemble", "2")
    assert refused.returncode == 2 and "give --out" in refused.stderr
