"""The plausible models: the shipped ensemble, its file, the history-matching fit and its CLI."""

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
import pytest

import sim
from sim.coefficients import listing
from sim.ensemble import Ensemble, load_ensemble, priors
from sim.ensemble.history import TARGETS, FitSettings, Scale, fit, implausibility
from sim.patterns import PATTERNS

TINY = (("organisation.employees", 30), ("organisation.team_size", 6), ("run.weeks", 26))
TINY += (("run.measure_weeks", 13),)
CALIBRATION = [p for p in TARGETS if p.name in ("burnout complaints", "engaged")]


def test_the_shipped_ensemble_keeps_every_member_within_its_priors():
    ensemble = load_ensemble()
    low = np.array([ensemble.priors[n][0] for n in ensemble.names])
    high = np.array([ensemble.priors[n][1] for n in ensemble.names])
    assert ((ensemble.values >= low) & (ensemble.values <= high)).all()
    members = ensemble.members(2)
    scenario = sim.load_scenario("baseline").with_overrides(**members[1])
    assert listing(scenario.coefficients)  # every member is a valid setting of the model
    shown = ensemble.show()
    assert shown["members"] == len(ensemble)
    assert {"name", "prior_low", "prior_high", "low", "high"} <= set(shown["coefficients"][0])


def test_the_priors_are_the_declared_ranges_of_fitted_and_influential_assumed_coefficients():
    rows = {r["name"]: r for r in listing(sim.load_scenario("baseline").coefficients)}
    drawn = priors()
    assert "coefficients.wellbeing.energy_baseline" in drawn  # fitted: the figures constrain it
    assert "coefficients.demands.enabling" in drawn  # green tape, added after the screen
    for name, (low, high) in drawn.items():
        assert (low, high) == (rows[name]["min"], rows[name]["max"])
        assert rows[name]["provenance"] in ("fitted", "assumed")


def test_targets_are_public_figures_validation_patterns_and_the_spread_of_organisations():
    assert "gap" not in {p.kind for p in TARGETS}
    assert {p.group for p in TARGETS if p.kind == "implementation"} == {"ranges"}
    assert {p.name for p in PATTERNS if p.kind == "validation"} <= {p.name for p in TARGETS}
    hand_tuned = [
        p for p in PATTERNS if p.kind == "calibration" and p.group not in ("calibration", "ranges")
    ]
    assert hand_tuned and not set(hand_tuned) & set(TARGETS)


def test_the_unit_cube_maps_hazards_on_a_log_scale_within_their_ranges():
    scale = Scale({"a": (0.001, 0.1), "b": (-1.0, 2.0)})
    assert scale.log.tolist() == [True, False]
    values = scale.values(np.array([[0.5, 0.5], [0.0, 1.0], [1.2, -0.1]]))
    assert values[0, 0] == pytest.approx(0.01)  # the geometric middle
    assert values[0, 1] == pytest.approx(0.5)
    assert values[2].tolist() == [0.1, -1.0]  # outside the cube: clipped to the range


def test_implausibility_is_zero_inside_the_range_and_grows_with_the_distance_outside():
    low, high = np.array([0.1]), np.array([0.2])
    values = implausibility(np.array([[0.15], [0.26], [0.04]]), np.array([[0.02]] * 3), low, high)
    assert values.ravel().tolist() == pytest.approx([0.0, 3.0, 3.0])


FEW = {  # three priors: the emulators learn them from a handful of settings
    name: priors()[name]
    for name in (
        "coefficients.wellbeing.energy_baseline",
        "coefficients.wellbeing.pleasure_baseline",
        "coefficients.demands.capacity",
    )
}


def fit_tiny(folder, executor="serial", points=(8, 8), stop=False):
    settings = FitSettings(
        points=points, reps=2, candidates=500, profile_reps=2, profile_steps=2, fixed=TINY
    )
    anchors = {"burnout_rate": 0.14, "engagement_rate": 0.20}
    return fit(
        folder,
        settings=settings,
        priors=FEW,
        targets=CALIBRATION,
        anchors=anchors,
        executor=executor,
        stop=stop,
    )


@pytest.mark.slow
def test_a_fit_resumes_after_a_kill_and_gives_the_same_ensemble_on_any_executor(tmp_path):
    whole = fit_tiny(tmp_path / "whole")
    assert whole.provenance["simulated"] == 16
    assert [w["settings"] for w in whole.provenance["waves"]] == [8, 8]
    assert whole.targets[0]["name"] == "burnout complaints"
    # killed after the first wave: its results stay, the second wave is simulated again
    (tmp_path / "whole" / "wave-2" / "chunk-0000.json").unlink()
    cut_short = fit_tiny(tmp_path / "whole", stop=True)  # what the first wave kept, nothing run
    assert cut_short.provenance["simulated"] == 8
    assert not (tmp_path / "whole" / "wave-2" / "chunk-0000.json").exists()
    resumed = fit_tiny(tmp_path / "whole")
    np.testing.assert_array_equal(resumed.values, whole.values)
    with ThreadPoolExecutor(2) as pool:
        elsewhere = fit_tiny(tmp_path / "threads", executor=pool)
    np.testing.assert_array_equal(elsewhere.values, whole.values)
    kept = json.loads((tmp_path / "whole" / "wave-1" / "chunk-0000.json").read_text())
    met = [
        all(p.low <= v <= p.high for p, v in zip(CALIBRATION, row, strict=True))
        for row in kept["mean"]
    ]
    assert len(whole) >= sum(met)  # every first-wave setting that met both targets is a member
    with pytest.raises(sim.ExperimentError, match="another fit"):
        fit_tiny(tmp_path / "whole", points=(4,))
    longer = fit_tiny(tmp_path / "whole", points=(8, 8, 4))  # one more wave: the fit goes on
    assert longer.provenance["simulated"] == 20


@pytest.mark.slow
def test_a_refit_starts_from_an_earlier_ensembles_members(tmp_path):
    """After a change to the model: wave 1 is the earlier members (in order, in the unit cube of
    the priors they share; a prior they did not vary drawn by the hypercube) and then the
    hypercube's own settings; each is calibrated and measured anew."""
    earlier = fit_tiny(tmp_path / "earlier")
    start = earlier.save(tmp_path / "earlier.json")
    settings = FitSettings(
        points=(4,), reps=2, profile_reps=2, profile_steps=2, fixed=TINY, start=str(start)
    )
    wider = FEW | {
        "coefficients.demands.misfit_weight": priors()["coefficients.demands.misfit_weight"]
    }
    refit = fit(
        tmp_path / "refit",
        settings=settings,
        priors=wider,
        targets=CALIBRATION,
        anchors={"burnout_rate": 0.14, "engagement_rate": 0.20},
    )
    wave = json.loads((tmp_path / "refit" / "wave-1.json").read_text())
    assert wave["summary"]["from_earlier_ensemble"] == len(earlier)
    design = np.asarray(wave["design"])
    assert design.shape == (len(earlier) + 4, 2)  # the two priors not fitted: capacity, misfit
    capacity = earlier.values[:, earlier.names.index("coefficients.demands.capacity")]
    unit = Scale({"c": FEW["coefficients.demands.capacity"]}).unit(capacity[:, None])[:, 0]
    np.testing.assert_allclose(design[: len(earlier), 0], unit, atol=1e-5)  # as saved: 6 digits
    assert refit.provenance["simulated"] == len(earlier) + 4
    missing = replace(settings, start=str(tmp_path / "missing.json"))
    with pytest.raises(sim.ExperimentError, match=r"missing\.json does not exist"):
        fit(tmp_path / "fresh", settings=missing, priors=wider, targets=CALIBRATION)
    assert not (tmp_path / "fresh" / "plan.json").exists()  # so the right file can follow
    with pytest.raises(sim.ExperimentError, match="another fit"):  # another start: another fit
        fit(
            tmp_path / "refit",
            settings=FitSettings(
                points=(4,), reps=2, profile_reps=2, profile_steps=2, fixed=TINY, start=None
            ),
            priors=wider,
            targets=CALIBRATION,
            anchors={"burnout_rate": 0.14, "engagement_rate": 0.20},
        )


def test_ensemble_sizes_and_files_are_checked(tmp_path):
    ensemble = Ensemble(
        ("coefficients.trust.gain",),
        np.array([[0.05], [0.1]]),
        {"coefficients.trust.gain": (0.01, 0.2)},
    )
    assert len(ensemble.members(1)) == 1
    for bad in (0, 3, 1.5, True):
        with pytest.raises(sim.ExperimentError, match="from 1 to 2"):
            ensemble.members(bad)
    path = ensemble.save(tmp_path / "e.json")
    assert load_ensemble(path).members() == ensemble.members()
    (tmp_path / "corrupt.json").write_text('{"names": ["x"], "members": [[1]]')
    with pytest.raises(sim.ExperimentError, match="not an ensemble file"):
        load_ensemble(tmp_path / "corrupt.json")
    with pytest.raises(sim.ExperimentError, match="does not exist"):
        load_ensemble(tmp_path / "missing.json")


def test_ensemble_show_prints_prior_and_kept_ranges(loslaten, tmp_path):
    done = loslaten("ensemble", "show", "--json")
    assert done.returncode == 0
    shown = json.loads(done.stdout)
    assert shown["members"] == len(load_ensemble())
    assert len(shown["coefficients"]) == len(load_ensemble().names)
    assert "coefficients.wellbeing.energy_baseline" in done.stdout
    table = loslaten("ensemble", "show")
    assert "wellbeing.energy_baseline" in table.stdout and "kept" in table.stdout
    (tmp_path / "bad.json").write_text("not json")
    refused = loslaten("ensemble", "show", str(tmp_path / "bad.json"))
    assert refused.returncode == 2 and "not an ensemble file" in refused.stderr
