"""Hayek (C12), Simon (C13) and their critics in the whole model: directions of the means.

Central = the ``hayek_*`` scenarios as shipped (teams interdependent: 0.7); decentralised = the
``--set`` lines in their header. Every variant is a batch with the same seed, so replications are
paired (common random numbers). The full-size figures with intervals come from
``scripts/hayek_simon.py`` and ``loslaten patterns``.
"""

import numpy as np
import pytest

import sim

DECENTRALISED = {
    "levers.responsibility": 0.9,
    "levers.freedom": 0.9,
    "levers.control": 0.2,
    "levers.rules": 0.2,
}
SMALL = {"organisation.employees": 100, "run.weeks": 156}
REPS = 8


def kpi(world: str, name: str, **overrides) -> np.ndarray:
    """Per replication (paired across variants by the common seed)."""
    scenario = sim.load_scenario(world, **SMALL, **overrides)
    return np.array([run.kpis[name] for run in sim.run_batch(scenario, REPS, seed=1)])


@pytest.fixture(scope="module")
def productivity():
    return {
        (world, variant): kpi(world, "productivity", **overrides)
        for world in ("hayek_stable", "hayek_turbulent")
        for variant, overrides in (("central", {}), ("decentralised", DECENTRALISED))
    }


def test_turbulence_zero_means_rules_are_always_right():
    rules_decide = {"levers.responsibility": 0.0, "levers.freedom": 0.0, "levers.rules": 1.0}
    assert np.all(kpi("hayek_stable", "adaptation_error", **rules_decide) == 0.0)
    assert np.all(kpi("hayek_turbulent", "adaptation_error", **rules_decide) > 0.3)


def test_late_reports_cost_adaptation_when_the_world_moves():
    managers_decide = {"levers.responsibility": 0.0, "levers.freedom": 0.0, "levers.rules": 0.0}
    late = kpi("hayek_turbulent", "adaptation_error", **managers_decide)  # four weeks old
    fresh = kpi(
        "hayek_turbulent",
        "adaptation_error",
        **managers_decide,
        **{"environment.report_delay_weeks": 0},
    )
    assert np.all(late > fresh) and (late - fresh).mean() > 0.1


@pytest.mark.slow
def test_turbulent_world_decentralised_adapts_better_and_produces_more(productivity):
    central = kpi("hayek_turbulent", "adaptation_error")
    decentral = kpi("hayek_turbulent", "adaptation_error", **DECENTRALISED)
    assert np.all(decentral < central - 0.1)
    world = "hayek_turbulent"
    assert (productivity[world, "decentralised"] - productivity[world, "central"]).mean() > 0


@pytest.mark.slow
def test_stable_interdependent_world_central_adapts_better_and_produces_more(productivity):
    central = kpi("hayek_stable", "adaptation_error")
    decentral = kpi("hayek_stable", "adaptation_error", **DECENTRALISED)
    assert np.all(central < decentral)

    def advantage(world):
        return productivity[world, "decentralised"] - productivity[world, "central"]

    assert advantage("hayek_stable").mean() < 0  # Hayek's critics' best case
    assert (advantage("hayek_turbulent") - advantage("hayek_stable")).mean() > 0.04


def test_independent_teams_pay_no_coordination():
    independent = {**DECENTRALISED, "environment.interdependence": 0.0}
    coordinated = kpi("hayek_stable", "productivity", **DECENTRALISED)
    alone = kpi("hayek_stable", "productivity", **independent)
    assert (alone - coordinated).mean() > 0.02


def test_no_self_steering_without_steering():
    clear = kpi("hayek_turbulent", "adaptation_error", **DECENTRALISED, **{"levers.vision": 0.9})
    vague = kpi("hayek_turbulent", "adaptation_error", **DECENTRALISED, **{"levers.vision": 0.1})
    assert np.all(vague > clear + 0.05)


def test_without_local_knowledge_decentralising_loses_its_edge():
    knowing = kpi("hayek_turbulent", "adaptation_error", **DECENTRALISED)
    blind = kpi(
        "hayek_turbulent",
        "adaptation_error",
        **DECENTRALISED,
        **{"mechanisms.local_knowledge": False},
    )
    assert np.all(blind > knowing + 0.05)
