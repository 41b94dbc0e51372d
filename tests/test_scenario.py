"""The scenario schema: the fields of docs/contracts.md with their ranges, loading, overrides and
bad input."""

import math

import pytest
from conftest import YAML_BOMB

import sim
from sim.scenario import MAX_EMPLOYEES, MAX_FILE_BYTES, parse_scenario_text, scenarios_dir

LEVERS = "vision trust responsibility freedom connection safety control rules".split()
UNIT_FIELDS = [
    *(f"levers.{lever}" for lever in LEVERS),
    "environment.turbulence",
    "environment.pressure",
    "workforce.opportunist_share",
]


def refusal(source="baseline", **overrides) -> str:
    """The message of the ScenarioError that loading with these overrides raises."""
    with pytest.raises(sim.ScenarioError) as caught:
        sim.load_scenario(source, **overrides)
    return str(caught.value)


def get(scenario: sim.Scenario, dotted: str):
    value = scenario
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize("field", UNIT_FIELDS)
def test_unit_fields_accept_zero_to_one_and_refuse_beyond(field):
    for value in (0.0, 1.0):
        assert get(sim.load_scenario("baseline", **{field: value}), field) == value
    for value in (-0.01, 1.01):
        message = refusal(**{field: value})
        assert field in message and str(value) in message and "between 0 and 1" in message


def test_headcount_and_team_size_have_sensible_bounds():
    assert sim.load_scenario(**{"organisation.employees": 2}).organisation.employees == 2
    big = sim.load_scenario(**{"organisation.employees": MAX_EMPLOYEES})
    assert big.organisation.employees == MAX_EMPLOYEES
    message = refusal(**{"organisation.employees": 1_000_000_000})
    assert "organisation.employees" in message and "1000000000" in message
    assert f"between 2 and {MAX_EMPLOYEES:,}" in message
    assert "organisation.team_size" in refusal(**{"organisation.team_size": 1})


def test_run_defaults_to_a_52_week_measurement_window():
    assert sim.Scenario().run.measure_weeks == 52
    message = refusal(**{"run.weeks": 10, "run.measure_weeks": 20})
    assert "measure_weeks (20) must not exceed weeks (10)" in message


def test_with_weeks_shrinks_the_window_to_fit():
    scenario = sim.load_scenario("baseline").with_weeks(20)
    assert (scenario.run.weeks, scenario.run.measure_weeks) == (20, 20)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (math.nan, "nan is not allowed; must be a finite number"),
        (math.inf, "inf is not allowed; must be a finite number"),
        ("high", "'high' is not allowed; Input should be a valid number"),
        (True, "trust: True is not allowed; it must be a number"),
        ([0.5], "[0.5] is not allowed"),
    ],
)
def test_non_numbers_are_refused_with_field_and_value(value, expected):
    message = refusal(**{"levers.trust": value})
    assert "levers" in message and expected in message


def test_a_misspelt_field_is_refused_with_a_suggestion_and_the_allowed_names():
    message = refusal(**{"levers.trsut": 0.5})
    assert "levers.trsut: unknown field (did you mean 'trust'?)" in message
    assert "levers allows: vision, trust," in message


def test_unknown_fields_in_a_file_are_refused():
    with pytest.raises(sim.ScenarioError) as caught:
        parse_scenario_text("levers:\n  trsut: 1\n")
    assert "levers.trsut: unknown field (did you mean 'trust'?)" in str(caught.value)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("levers.trust.high", "'trust' has no sub-fields"),
        ("levers..trust", "not a dotted field path"),
        ("staff.size", "staff.size: unknown field"),
    ],
)
def test_malformed_dotted_paths_are_refused(key, expected):
    assert expected in refusal(**{key: 1})


def test_dotted_overrides_change_only_their_field():
    base = sim.load_scenario("baseline")
    changed = sim.load_scenario("baseline", **{"levers.trust": 0.8, "environment.pressure": 0.1})
    assert (changed.levers.trust, changed.environment.pressure) == (0.8, 0.1)
    assert changed.model_dump(exclude={"levers", "environment"}) == base.model_dump(
        exclude={"levers", "environment"}
    )


def test_load_by_name_path_dict_and_scenario(tmp_path):
    by_name = sim.load_scenario("baseline")
    path = tmp_path / "mine.yaml"
    path.write_text((scenarios_dir() / "baseline.yaml").read_text().replace("name: baseline", ""))
    by_path = sim.load_scenario(path)
    assert by_name.name == "baseline" and by_path.name == "mine"  # the name defaults to the stem
    assert by_path.model_dump(exclude={"name"}) == by_name.model_dump(exclude={"name"})
    assert sim.load_scenario(str(path)) == by_path
    assert sim.load_scenario({"levers": {"trust": 0.3}}).levers.trust == 0.3
    assert sim.load_scenario(by_name, **{"levers.trust": 0.3}).levers.trust == 0.3


def test_an_unknown_scenario_name_suggests_the_closest():
    message = refusal("baselne")
    assert "neither a file nor a built-in scenario" in message and "'baseline'" in message


def test_every_builtin_scenario_is_valid_and_described():
    scenarios = sim.builtin_scenarios()
    assert "baseline" in scenarios
    for name, description in scenarios.items():
        assert description, name
        assert sim.load_scenario(name).name == name


def test_yaml_round_trip_keeps_the_scenario():
    scenario = sim.load_scenario(
        "baseline", interventions=[{"week": 3, "set": {"levers.trust": 0.9}}]
    )
    assert parse_scenario_text(scenario.to_yaml()) == scenario


def test_interventions_change_levers_at_a_week_within_the_horizon():
    scenario = sim.load_scenario(
        "baseline", interventions=[{"week": 104, "set": {"levers.trust": 0.9}}]
    )
    assert scenario.interventions[0].week == 104
    assert scenario.interventions[0].set == {"levers.trust": 0.9}


@pytest.mark.parametrize(
    ("intervention", "expected"),
    [
        ({"week": 999, "set": {}}, "interventions.0.week: week 999 is after the horizon"),
        (
            {"week": 5, "set": {"levers.trust": 2}},
            "interventions.0.set: levers.trust: 2 is not allowed; must be between 0 and 1",
        ),
        ({"week": 5, "set": {"levers.trst": 0.5}}, "did you mean 'trust'?"),
        ({"week": 5, "set": {"organisation.employees": 50}}, "cannot change during a run"),
        ({"week": -1, "set": {}}, "interventions.0.week: -1 is not allowed"),
        ({"set": {}}, "interventions.0.week: Field required"),
    ],
)
def test_bad_interventions_are_refused(intervention, expected):
    assert expected in refusal(interventions=[intervention])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- 1\n- 2\n", "the file must be a mapping of sections, got list"),
        ("just words", "the file must be a mapping of sections, got str"),
        ("levers: [0.5\n", "malformed YAML at line 2"),
        ("levers: !!python/object/apply:os.system [echo]\n", "could not determine a constructor"),
        ("a: " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        (YAML_BOMB, "expands to more than 100,000 values"),
        ("#" * (MAX_FILE_BYTES + 1), f"larger than {MAX_FILE_BYTES:,} bytes"),
        ("levers: 3\n", "levers: 3 is not allowed"),
    ],
    ids=["list", "scalar", "malformed", "python-tag", "deep", "bomb", "huge", "section"],
)
def test_hostile_or_malformed_yaml_is_refused(text, expected):
    with pytest.raises(sim.ScenarioError) as caught:
        parse_scenario_text(text)
    assert expected in str(caught.value)


def test_an_empty_file_is_the_default_scenario():
    assert parse_scenario_text("") == sim.Scenario()
