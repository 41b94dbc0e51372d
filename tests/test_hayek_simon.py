"""Hayek (C12) and Simon (C13) in the whole model: directions on small organisations.

Central = the ``hayek_*`` scenarios as shipped; decentralised = the ``--set`` lines in their
header. Seeds are shared between variants (common random numbers). The full-size figures with
intervals come from ``scripts/hayek_simon.py``.
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
SMALL = {"organisation.employees": 60, "run.weeks": 156}
SEEDS = range(1, 5)


def kpi(world: str, name: str, **overrides) -> np.ndarray:
    scenario = sim.load_scenario(world, **SMALL, **overrides)
    return np.array([sim.run(scenario, seed=seed).kpis[name] for seed in SEEDS])


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
    assert np.all(late > fresh + 0.1)


def test_turbulent_world_decentralised_adapts_better_and_produces_more(productivity):
    central = kpi("hayek_turbulent", "adaptation_error")
    decentral = kpi("hayek_turbulent", "adaptation_error", **DECENTRALISED)
    assert np.all(decentral < central - 0.1)
    world = "hayek_turbulent"
    assert np.all(productivity[world, "decentralised"] > productivity[world, "central"])


def test_stable_world_central_adapts_better_and_the_advantage_shrinks(productivity):
    central = kpi("hayek_stable", "adaptation_error")
    decentral = kpi("hayek_stable", "adaptation_error", **DECENTRALISED)
    assert np.all(central < decentral)

    def advantage(world):
        return productivity[world, "decentralised"] - productivity[world, "central"]

    assert np.all(advantage("hayek_stable") < advantage("hayek_turbulent") - 0.05)


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
